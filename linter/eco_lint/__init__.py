"""Score a repository against the Pallets project standard, and bring it
back to the standard with patches rendered from the project template.
"""
