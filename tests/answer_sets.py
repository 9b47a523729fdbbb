"""The answer sets every template test renders."""

from __future__ import annotations

#: Answer sets covering both orgs and an owner outside them, both
#: licences, every framework, Python minimums 3.11 to 3.13, rst and MyST
#: docs with either changelog format, with and without console scripts and
#: runtime dependencies (with floors, ranges and markers).
ANSWERS: dict[str, dict[str, object]] = {
    "flask-eco-mit": {
        "project_name": "Flask-Greeting",
        "description": "Greet the users of a Flask application.",
        "framework": "flask",
    },
    "click-plugin": {
        "project_name": "Click-KeyValue",
        "description": "Parse KEY=VALUE options with Click.",
        "framework": "click",
        "python_min": "3.12",
        "docs_format": "rst",
        "scripts": ["click-keyvalue"],
    },
    "plain-pallets-bsd": {
        "org": "pallets",
        "project_name": "Greeter",
        "description": "Say hello.",
        "framework": "none",
        "python_max": "3.15",
    },
    "jinja-scripts": {
        "project_name": "Jinja-Shout",
        "description": "A Jinja filter that shouts.",
        "framework": "jinja",
        "python_min": "3.11",
        "changes_format": "rst",
        "scripts": ["jinja-shout", "shout"],
        "license": "BSD-3-Clause",
    },
    "werkzeug-long-name": {
        "org": "pallets",
        "project_name": "Werkzeug-URL-Prefix-Middleware-X",
        "description": "Serve a WSGI application below a URL prefix.",
        "framework": "werkzeug",
        "python_min": "3.13",
        "changes_format": "md",
        "dependencies": ["werkzeug>=3.1", "markupsafe[testing]>=2.1.1"],
        "license": "MIT",
        "devcontainer": False,
    },
    "quart-eco": {
        "project_name": "Quart-Greeting",
        "description": "Greet the users of a Quart application.",
        "framework": "quart",
        "dependencies": ["quart>=0.20"],
        "scripts": ["quart-greeting"],
        "template_updates": True,
    },
    "outside-owner": {
        "org": "example-user",
        "project_name": "Flask-Outside",
        "description": "A Flask extension kept by its author.",
        "framework": "flask",
        "dependencies": [
            "flask",
            "markupsafe>2,<4",
            "werkzeug >= 3.0; python_version >= '3.10'",
        ],
        "copyright_holder": "Jane Doe",
        "copyright_year": "2019",
        "maintainer_name": "Jane Doe",
        "maintainer_email": "",
        "version": "1.2.0.dev0",
    },
}
