"""``eco-lint report``: one report over many repositories.

Each repository is checked as ``eco-lint check --output-format json --patches``
checks it (:mod:`.collect`), in parallel; the reports, or the JSON of such
checks made elsewhere, are then gathered into ``report.json``
(:mod:`.build`) and rendered as a Markdown summary, a self-contained HTML
dashboard (:mod:`.dashboard`) and one patch file per repository.
"""
