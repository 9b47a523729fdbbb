"""The ``[project]`` table: where its keys are, the form of its values
(PEP 621, PEP 639), and the readings of setuptools' values that turn them
into that form.
"""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion
from packaging.version import Version

from ..answers import inferred
from ..registry import Skip
from ..repo import Repo
from ._pyproject import PYPROJECT
from ._pyproject import table_line

#: The keys of ``[project]`` (PEP 621, PEP 639, PEP 794).
KEYS = frozenset(
    {
        "name",
        "version",
        "description",
        "readme",
        "requires-python",
        "license",
        "license-files",
        "authors",
        "maintainers",
        "keywords",
        "classifiers",
        "urls",
        "scripts",
        "gui-scripts",
        "entry-points",
        "dependencies",
        "optional-dependencies",
        "dynamic",
        "import-names",
        "import-namespaces",
    }
)

#: Misspellings and setuptools names of ``[project]`` keys.
RENAMES = {
    "author": "authors",
    "author-email": "authors",
    "author_email": "authors",
    "maintainer": "maintainers",
    "maintainer-email": "maintainers",
    "maintainer_email": "maintainers",
    "home-page": "urls",
    "homepage": "urls",
    "url": "urls",
    "project-urls": "urls",
    "project_urls": "urls",
    "classifier": "classifiers",
    "keyword": "keywords",
    "requires_python": "requires-python",
    "python-requires": "requires-python",
    "python_requires": "requires-python",
    "license_files": "license-files",
    "license-file": "license-files",
    "install-requires": "dependencies",
    "install_requires": "dependencies",
    "requires": "dependencies",
    "optional_dependencies": "optional-dependencies",
    "extras-require": "optional-dependencies",
    "extras_require": "optional-dependencies",
    "entry_points": "entry-points",
    "gui_scripts": "gui-scripts",
    "console_scripts": "scripts",
    "long-description": "readme",
    "long_description": "readme",
}

_NAME = re.compile(r"([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])", re.I)


def is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_str_table(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _bad_requirements(value: object) -> str | None:
    if not is_str_list(value):
        return "is not a list of strings"

    for item in t.cast("list[str]", value):
        try:
            Requirement(item)
        except InvalidRequirement:
            return f"has {item!r}, which is not a PEP 508 requirement"

    return None


def _bad_people(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return "is not a list of tables"

    for person in value:
        extra = sorted(set(person) - {"name", "email"})

        if extra:
            return f"has key {extra[0]!r}; only name and email are allowed"

        if not person or not all(isinstance(v, str) for v in person.values()):
            return "has an entry without a string name or email"

    return None


def _bad_file_or_text(value: object, content_type: bool) -> str | None:
    if not isinstance(value, dict):
        return "is not a string or a table"

    sources = [k for k in ("file", "text") if k in value]

    if len(sources) != 1 or not isinstance(value[sources[0]], str):
        return "needs exactly one of file or text, as a string"

    allowed = {"file", "text", "content-type"} if content_type else {"file", "text"}

    if set(value) - allowed:
        return f"has key {sorted(set(value) - allowed)[0]!r}"

    if content_type and not isinstance(value.get("content-type"), str):
        return "has no content-type"

    return None


def value_problem(key: str, value: object) -> str | None:
    """What is wrong with the type or form of one ``[project]`` value."""
    if key in {"name", "version", "requires-python", "description"}:
        return _bad_text(key, value)

    if key in {"readme", "license"}:
        if isinstance(value, str):
            return None

        return _bad_file_or_text(value, content_type=key == "readme")

    if key in _LISTS:
        return None if is_str_list(value) else "is not a list of strings"

    if key in {"authors", "maintainers"}:
        return _bad_people(value)

    if key in {"urls", "scripts", "gui-scripts"}:
        return None if is_str_table(value) else "is not a table of strings"

    if key == "entry-points":
        return _bad_entry_points(value)

    if key == "dependencies":
        return _bad_requirements(value)

    if key == "optional-dependencies":
        return _bad_extras(value)

    return None


#: The keys of ``[project]`` that hold a list of strings.
_LISTS = frozenset(
    {
        "license-files",
        "keywords",
        "classifiers",
        "dynamic",
        "import-names",
        "import-namespaces",
    }
)


def _bad_text(key: str, value: object) -> str | None:
    """What is wrong with a name, version, specifier or description."""
    if key == "name":
        if not isinstance(value, str) or not _NAME.fullmatch(value):
            return "is not a valid project name"
    elif key == "version":
        try:
            Version(str(value))
        except InvalidVersion:
            return "is not a PEP 440 version"

        if not isinstance(value, str):
            return "is not a string"
    elif key == "requires-python":
        try:
            SpecifierSet(value if isinstance(value, str) else "?")
        except InvalidSpecifier:
            return "is not a version specifier"
    elif not isinstance(value, str):
        return "is not a string"

    return None


def _bad_entry_points(value: object) -> str | None:
    if not isinstance(value, dict) or not all(is_str_table(v) for v in value.values()):
        return "is not a table of tables of strings"

    reserved = {"console_scripts", "gui_scripts"} & set(value)

    if reserved:
        return f"has group {sorted(reserved)[0]!r}; use scripts or gui-scripts"

    return None


def _bad_extras(value: object) -> str | None:
    if not isinstance(value, dict):
        return "is not a table"

    for extra, requirements in value.items():
        if problem := _bad_requirements(requirements):
            return f"extra {extra!r} {problem}"

    return None


def parse_people(names: object, emails: object = None) -> list[dict[str, str]]:
    """``authors`` from setuptools' ``author`` and ``author_email``
    (comma-separated lists of the same length), or from ``Name <email>``
    strings.
    """
    if isinstance(names, list):
        return [p for n in names for p in parse_people(n)]

    name_list = [n.strip() for n in str(names or "").split(",") if n.strip()]
    email_list = [e.strip() for e in str(emails or "").split(",") if e.strip()]

    if len(name_list) != len(email_list) and email_list:
        name_list = [", ".join(name_list)] if name_list else []
        email_list = email_list[:1]

    people = []

    for index in range(max(len(name_list), len(email_list))):
        person = {}
        name = name_list[index] if index < len(name_list) else ""
        match = re.fullmatch(r"(.*)<([^<>]+)>", name)

        if match:
            name, email = match.group(1).rstrip(), match.group(2)
        else:
            email = email_list[index] if index < len(email_list) else ""

        if name:
            person["name"] = name

        if email:
            person["email"] = email

        if person:
            people.append(person)

    return people


def as_list(value: object, comma: bool = False) -> list[str] | None:
    """A list of strings from a list or one string (lines, or commas)."""
    if is_str_list(value):
        return list(t.cast("list[str]", value))

    if not isinstance(value, str):
        return None

    parts = re.split(r"[,\n]" if comma else r"\n", value)
    return [p.strip() for p in parts if p.strip()]


def url_key(url: str) -> str:
    return "Source" if "github.com/" in url else "Documentation"


def spdx_license(repo: Repo, license: object) -> str | None:
    """The SPDX expression for a ``license`` value: the string or the
    table's text written canonically, else the licence of the text in the
    licence file.
    """
    value = license.get("text") if isinstance(license, dict) else license

    if isinstance(value, str) and value.strip():
        try:
            from packaging.licenses import canonicalize_license_expression

            return str(canonicalize_license_expression(value.strip()))
        except (ImportError, ValueError):
            pass

    found = inferred(repo).get("license")
    return str(found) if found else None


def project_line(repo: Repo, key: str | None = None) -> int | None:
    """The line of ``key =`` in ``[project]``, else of its header."""
    return table_line(repo, PYPROJECT, "project", key)


def no_project(repo: Repo) -> Skip | None:
    """Skip a rule when there is no ``[project]`` table: META003 reports it."""
    if not repo.project:
        return Skip("no [project] table, see META003")

    return None
