"""DOC and REL: the Sphinx docs, Read the Docs, the changelog and the README."""

from __future__ import annotations

import ast
import dataclasses
import re
import time
import typing as t

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits.text import DeleteFile
from ..edits.text import WriteFile
from ..edits.yaml import yaml_dump
from ..edits.yaml import yaml_load
from ..fix import Fix
from ..fix import refusal
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ..standard import standard_for
from ._base import Docs
from ._base import line_of_key

RTD = ".readthedocs.yaml"
YML = ".readthedocs.yml"
CONF = "docs/conf.py"
#: The themes pallets-sphinx-themes ships.
PALLETS_THEMES = frozenset({"flask", "werkzeug", "jinja", "click", "pocoo"})
#: uv options that only make a docs install stricter or smaller.
_UV_EXTRA = frozenset({"--locked", "--frozen", "--no-default-groups"})


def _first(repo: Repo, *names: str) -> str | None:
    return next((name for name in names if repo.is_file(name)), None)


def _changes(repo: Repo) -> str | None:
    return _first(repo, "CHANGES.md", "CHANGES.rst")


# Sphinx command lines ------------------------------------------------------


def _warns(args: t.Sequence[str]) -> bool:
    """Whether sphinx arguments turn warnings into errors."""
    return any(
        a == "--fail-on-warning" or re.fullmatch(r"-[A-VX-Za-z]*+W[A-Za-z]*+", a)
        for a in args
    )


def _sphinx(args: t.Sequence[str]) -> list[str] | None:
    """The arguments from ``sphinx-build``, ``sphinx-autobuild`` or
    ``python -m sphinx`` on, or ``None`` if the command runs neither.
    """
    for index, arg in enumerate(args):
        if arg in ("sphinx-build", "sphinx-autobuild") or (
            arg == "sphinx" and index and args[index - 1] == "-m"
        ):
            return list(args[index:])

    return None


def _rtd_commands(data: dict[str, t.Any]) -> list[str]:
    """The shell commands of ``build.commands``, or of every ``build.jobs``
    step in order.
    """
    build = data.get("build")

    if not isinstance(build, dict):
        return []

    found: list[str] = []

    def walk(value: t.Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(" ".join(value.split()))

    walk(build.get("commands"))
    walk(build.get("jobs"))
    return found


def _tox_sphinx(repo: Repo) -> list[tuple[str, list[str], str, int | None]]:
    """Each sphinx invocation in tox: env name, arguments, file, line."""
    found: list[tuple[str, list[str], str, int | None]] = []
    tox = repo.tool("tox")
    envs = tox.get("env", {}) if isinstance(tox, dict) else {}

    for name, env in envs.items() if isinstance(envs, dict) else ():
        commands = env.get("commands", []) if isinstance(env, dict) else []

        for command in commands if isinstance(commands, list) else []:
            args = _sphinx([a for a in command if isinstance(a, str)])

            if args:
                line = line_of_key(repo, "pyproject.toml", f"[tool.tox.env.{name}]")
                found.append((name, args, "pyproject.toml", line))

    for section, values in repo.tox_ini.items():
        for command in values.get("commands", "").splitlines():
            args = _sphinx(command.split())

            if args:
                name = section.partition(":")[2] or section
                line = repo.line_of("tox.ini", rf"^\[{re.escape(section)}\]")
                found.append((name, args, "tox.ini", line))

    return found


# docs/conf.py --------------------------------------------------------------


class _Conf:
    """What a ``conf.py`` imports and assigns, read with :mod:`ast`."""

    def __init__(self, text: str) -> None:
        tree = ast.parse(text)
        self.imports: set[str] = set()
        self.values: dict[str, ast.expr] = {}

        for node in tree.body:
            if isinstance(node, ast.Import):
                self.imports.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                self.imports.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    names = target.elts if isinstance(target, ast.Tuple) else [target]

                    for item in names:
                        if isinstance(item, ast.Name):
                            self.values[item.id] = node.value

    def literal(self, name: str) -> t.Any:
        try:
            return ast.literal_eval(self.values[name])
        except (KeyError, ValueError, TypeError, SyntaxError):
            return None

    def extensions(self) -> list[str]:
        value = self.values.get("extensions")

        if not isinstance(value, ast.List):
            return []

        return [
            e.value
            for e in value.elts
            if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]

    def keys(self, name: str) -> list[str]:
        value = self.values.get(name)

        if not isinstance(value, ast.Dict):
            return []

        return [
            k.value
            for k in value.keys
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]


# Markdown ------------------------------------------------------------------


def _headings(text: str) -> list[tuple[int, str, int]]:
    """ATX headings outside code fences: level, text, line index."""
    found: list[tuple[int, str, int]] = []
    fence: str | None = None

    for index, line in enumerate(text.splitlines()):
        marker = re.match(r"^ {0,3}(`{3,}|~{3,})", line)

        if marker:
            if fence is None:
                fence = marker.group(1)[0]
            elif marker.group(1)[0] == fence:
                fence = None

            continue

        # The title is stripped after matching: "\s+(.+?)\s*$" backtracks
        # on a long run of spaces.
        match = re.match(r"^ {0,3}(#{1,6})[ \t]++(.*)$", line)

        if fence is None and match and match.group(2).strip():
            found.append((len(match.group(1)), match.group(2).strip(), index))

    return found


def _sections(text: str) -> dict[str, list[str]]:
    """Each H2 heading's body lines, up to the next H1 or H2."""
    lines = text.splitlines()
    heads = [(level, name, i) for level, name, i in _headings(text) if level <= 2]
    result: dict[str, list[str]] = {}

    for position, (level, name, index) in enumerate(heads):
        end = heads[position + 1][2] if position + 1 < len(heads) else len(lines)

        if level == 2:
            result[name] = lines[index + 1 : end]

    return result


def _first_text(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")


# Fixing --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _RtdWrite(Edit):
    """Write the template's Read the Docs config, keeping the top-level
    keys of ``source`` that the template does not have, other than the ones
    that run Read the Docs' own install or build.
    """

    path: str
    source: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        new = standard_for(repo).text(self.path)

        if new is None:
            raise FixConflict(f"the template has no {self.path}")

        old = repo.text(self.source) if text is None else text

        if not old:
            return new

        _, data = yaml_load(old.replace("\r\n", "\n"))
        yaml, std = yaml_load(new)
        extra = [
            key
            for key in (data if isinstance(data, dict) else {})
            if key not in std and key not in ("python", "sphinx", "conda")
        ]

        if not extra:
            return keep_newlines(old, lambda _: new)

        for key in extra:
            std[key] = data[key]

        return keep_newlines(old, lambda _: yaml_dump(yaml, std))


def _strings(value: t.Any) -> list[str]:
    return [a for a in value if isinstance(a, str)] if isinstance(value, list) else []


def _add_w(args: list[str], template: t.Sequence[list[str]] = ()) -> list[str]:
    """Sphinx arguments with ``-W``: where the template's same command has
    it, else right after the program.
    """
    for command in template:
        if "-W" in command and [a for a in command if a != "-W"] == args:
            return list(command)

    start = next(
        i
        for i, a in enumerate(args)
        if a in ("sphinx-build", "sphinx-autobuild", "sphinx")
    )
    return [*args[: start + 1], "-W", *args[start + 1 :]]


@dataclasses.dataclass(frozen=True)
class _TomlWarnings(Edit):
    """Add ``-W`` to the sphinx commands of ``[tool.tox.env.*]``."""

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        std_envs = (
            standard_for(repo)
            .toml(self.path)
            .get("tool", {})
            .get("tox", {})
            .get("env", {})
        )

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            envs: t.Any = doc.get("tool", {}).get("tox", {}).get("env", {})
            changed = False

            for name, env in envs.items() if isinstance(envs, dict) else ():
                commands = env.get("commands") if isinstance(env, dict) else None
                template = std_envs.get(name, {}).get("commands", [])

                for command in commands if isinstance(commands, list) else ():
                    if not isinstance(command, list):
                        continue

                    found = _sphinx([str(a) for a in command if isinstance(a, str)])

                    if not found or _warns(found):
                        continue

                    new = _add_w(found, [_sphinx(_strings(c)) or [] for c in template])
                    offset = next(
                        i
                        for i in range(len(new))
                        if i == len(found) or found[i] != new[i]
                    )
                    command.insert(command.index(found[0]) + offset, "-W")
                    changed = True

            return tomlkit.dumps(doc) if changed else source

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class _IniWarnings(Edit):
    """Add ``-W`` to the sphinx commands of ``tox.ini``."""

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            lines = source.split("\n")

            for index, line in enumerate(lines):
                args = line.split()
                found = _sphinx(args)

                if line.lstrip().startswith(("#", ";")) or not found or _warns(found):
                    continue

                lines[index] = re.sub(
                    rf"(?<!\S){re.escape(found[0])}(?=\s|$)",
                    r"\g<0> -W",
                    line,
                    count=1,
                )

            return "\n".join(lines)

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class _RtdWarnings(Edit):
    """Make Read the Docs fail on warnings: ``-W`` in its own sphinx
    commands, else ``sphinx.fail_on_warning: true``.
    """

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)

            if not isinstance(data, dict):
                raise FixConflict(f"{self.path} is not a mapping")

            if DOC004._replaced(data):
                if not self._commands(data.get("build")):
                    return source
            else:
                sphinx = data.get("sphinx")

                if isinstance(sphinx, dict) and sphinx.get("fail_on_warning") is True:
                    return source

                if not isinstance(sphinx, dict):
                    from ruamel.yaml.comments import CommentedMap

                    data["sphinx"] = sphinx = CommentedMap()

                sphinx["fail_on_warning"] = True

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)

    @classmethod
    def _commands(cls, node: t.Any) -> bool:
        changed = False

        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str):
                    new = cls._command(value)

                    if new != value:
                        node[key] = new
                        changed = True
                else:
                    changed |= cls._commands(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    new = cls._command(value)

                    if new != value:
                        node[index] = new
                        changed = True
                else:
                    changed |= cls._commands(value)

        return changed

    @staticmethod
    def _command(command: str) -> str:
        found = _sphinx(command.split())

        if not found or _warns(found):
            return command

        return re.sub(
            rf"(?<!\S){re.escape(found[0])}(?=\s|$)", r"\g<0> -W", command, count=1
        )


@dataclasses.dataclass(frozen=True)
class _TocAdd(Edit):
    """Add a page to the last toctree of a page that has one."""

    path: str
    entry: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        return keep_newlines(text, self._change)

    def _change(self, source: str) -> str:
        lines = source.split("\n")
        blocks = _toctrees(lines)

        if not blocks or any(
            lines[i].strip() == self.entry
            for start, end in blocks
            for i in range(start, end)
        ):
            return source

        start, end = blocks[-1]
        entries = [
            i
            for i in range(start + 1, end)
            if lines[i].strip()
            and not lines[i].lstrip().startswith(":")
            and not lines[i].strip() == "---"
        ]
        directive = lines[start]
        markdown = not directive.lstrip().startswith("..")

        if entries:
            last = entries[-1]
            indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
            lines.insert(last + 1, f"{indent}{self.entry}")
        elif markdown:
            lines.insert(end, self.entry)
        else:
            indent = directive[: len(directive) - len(directive.lstrip())] + "    "
            lines[end:end] = ["", f"{indent}{self.entry}"]

        return "\n".join(lines)


def _toctrees(lines: list[str]) -> list[tuple[int, int]]:
    """Each toctree: the directive's line and the line after its last
    entry (the closing fence in MyST).
    """
    found: list[tuple[int, int]] = []

    for index, line in enumerate(lines):
        fence = re.match(r"^(\s*)(`{3,}|:{3,})\{toctree\}", line)

        if fence:
            end = next(
                (
                    i
                    for i in range(index + 1, len(lines))
                    if lines[i].strip() == fence.group(2)
                ),
                None,
            )

            if end is not None:
                found.append((index, end))
        elif re.match(r"^\s*\.\.\s+toctree::", line):
            indent = len(line) - len(line.lstrip())
            end = index + 1

            for i in range(index + 1, len(lines)):
                if not lines[i].strip():
                    continue

                if len(lines[i]) - len(lines[i].lstrip()) <= indent:
                    break

                end = i + 1

            found.append((index, end))

    return found


# The changelog's top section -------------------------------------------------

_NUMBER = r"v?([0-9]+(?:\.[0-9]+)+)"
_STATUS = re.compile(r"Unreleased|Released(?:\s.*)?", re.I)
_DATED = re.compile(r"Released [0-9]{4}-[0-9]{2}-[0-9]{2}")


def _top(lines: list[str], markdown: bool) -> int:
    """The index of the first line after blank lines and, in
    reStructuredText, directives.
    """
    index = 0

    while index < len(lines) and (
        not lines[index].strip() or (not markdown and lines[index].startswith(".."))
    ):
        index += 1

    return index


def _version_heading(
    lines: list[str], index: int, markdown: bool
) -> tuple[str, int] | None:
    """A heading that names a version at ``index``, in any form: the
    number and the index of its last line.
    """
    line = lines[index] if index < len(lines) else ""

    if markdown:
        match = re.fullmatch(
            rf"#{{1,6}}\s*(?:Version\s+)?{_NUMBER}\b.*", line.strip(), re.I
        )
        return (match.group(1), index) if match else None

    match = re.fullmatch(rf"(?:Version\s+)?{_NUMBER}\s*", line.strip(), re.I)
    underline = lines[index + 1] if index + 1 < len(lines) else ""

    if match and re.fullmatch(r"([-=~^\"'`#*+])\1+\s*", underline):
        return match.group(1), index + 1

    return None


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def _new_top(
    text: str, markdown: bool, template: str, version: str
) -> tuple[str, bool] | None:
    """The changelog with its top section's heading and status made the
    template's, for ``version`` (``[project].version``, which the template
    may have been rendered for a different value of), and whether a release
    date was guessed; ``None`` if it cannot be told.
    """
    std = template.split("\n")
    std_top = _top(std, markdown)
    std_head = _version_heading(std, std_top, markdown)
    release = re.sub(r"\.dev[0-9]*$", "", version)
    dev = release != version

    if std_head is None or not re.fullmatch(r"[0-9]++(\.[0-9]++)+", release):
        return None

    heading = [
        re.sub(re.escape(std_head[0]), release, line)
        for line in std[std_top : std_head[1] + 1]
    ]

    if not markdown:
        # The underline as long as the heading.
        heading[-1] = heading[-1][0] * len(heading[0])

    status = "Unreleased" if dev else time.strftime("Released %Y-%m-%d")
    lines = text.split("\n")
    index = _top(lines, markdown)
    found = _version_heading(lines, index, markdown)

    if found is None:
        return None

    number, last = found
    body = next(
        (i for i in range(last + 1, len(lines)) if lines[i].strip()), len(lines)
    )
    has_status = body < len(lines) and _STATUS.fullmatch(lines[body].strip())
    released = bool(has_status) and lines[body].strip().lower().startswith("released")

    if number != release and released:
        if _numbers(number) > _numbers(release):
            return None

        # The top section is a release: the new version's goes above it.
        gap = _gap(lines, markdown)
        new = [*lines[:index], *heading, "", status, *[""] * gap, *lines[index:]]
        return "\n".join(new), not dev

    if not dev and has_status and _DATED.fullmatch(lines[body].strip()):
        status = lines[body].strip()

    guessed = not dev and status != (lines[body].strip() if has_status else None)

    if has_status:
        new = [
            *lines[:index],
            *heading,
            *lines[last + 1 : body],
            status,
            *lines[body + 1 :],
        ]
    else:
        new = [*lines[:index], *heading, "", status, *lines[last + 1 :]]

    return "\n".join(new), guessed


def _gap(lines: list[str], markdown: bool) -> int:
    """The blank lines between two sections, as the file has them."""
    index = _top(lines, markdown)
    first = _version_heading(lines, index, markdown)
    start = first[1] + 1 if first else index

    for i in range(start, len(lines)):
        if lines[i].strip() and _version_heading(lines, i, markdown):
            blank = 0

            while i - blank - 1 >= 0 and not lines[i - blank - 1].strip():
                blank += 1

            return max(blank, 1)

    return 1 if markdown else 2


@dataclasses.dataclass(frozen=True)
class _ChangesTop(Edit):
    """Make the changelog's top section the template's for the version."""

    path: str
    version: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        template = standard_for(repo).text(self.path)

        if text is None or template is None:
            raise FixConflict(f"{self.path} or the template's is missing")

        def change(source: str) -> str:
            new = _new_top(source, self.path.endswith(".md"), template, self.version)
            return source if new is None else new[0]

        return keep_newlines(text, change)


# The README ------------------------------------------------------------------

_BADGE = re.compile(
    r"https?://[^\s)\]\"'>]*(?:shields\.io|badge\.fury\.io|badgen\.net"
    r"|/badges?(?:[/.?]|$))[^\s)\]\"'>]*",
    re.I,
)
#: A line of only badges: images, each maybe in a link.
_BADGE_LINE = re.compile(r"\s*+(?:\[?!\[[^\]]*+\]\([^)]*+\)(?:\]\([^)]*+\))?\s*+)+")


def _new_readme(text: str, template: str) -> str:
    """The README with the template's title level, fixed sections and
    callouts, and without lines of badges.
    """
    lines = text.split("\n")
    headings = _headings(text)
    std_headings = _headings(template)
    title = next((h for h in std_headings if h[0] == 1), None)

    if title and (not headings or headings[0][0] != 1):
        if headings and headings[0][1] == title[1]:
            lines[headings[0][2]] = f"# {title[1]}"
        else:
            lines[:0] = [f"# {title[1]}", ""]

    kept: list[str] = []
    # A removed badge line takes the blank line under it along.
    blank = False

    for line in lines:
        if _BADGE_LINE.fullmatch(line) and _BADGE.search(line):
            blank = not kept or not kept[-1].strip()
        elif not (blank and not line.strip()):
            kept.append(line)
            blank = False
        else:
            blank = False

    lines = kept
    std_sections = _sections(template)
    names = list(std_sections)

    for name, body in std_sections.items():
        if any(line.lstrip().startswith("```") for line in body):
            continue

        lines = _fix_section(lines, name, body, names)

    return "\n".join(lines)


def _fix_section(
    lines: list[str], name: str, body: list[str], order: list[str]
) -> list[str]:
    text = "\n".join(lines)
    found = {n.lower(): n for n in _sections(text)}
    heads = {n.lower(): i for level, n, i in _headings(text) if level == 2}
    first = _first_text(body)
    block = "\n".join(body).strip("\n")

    if name.lower() in found:
        own = _sections(text)[found[name.lower()]]
        callout = re.match(r">\s*\[![A-Z]+\]", first)

        if callout and not _first_text(own).startswith(callout.group(0)):
            start = heads[name.lower()] + 1
            return [*lines[:start], *body, *lines[start + len(own) :]]

        return lines

    # A section renamed: the same first line under another heading.
    for other, own in _sections(text).items():
        if _first_text(own) == first:
            lines[heads[other.lower()]] = f"## {name}"
            return lines

    # A heading removed: the text is there without it.
    if block and block in text:
        start = text[: text.index(block)].count("\n")
        above = lines[:start]

        # The blank lines the removed heading left behind close up.
        while len(above) > 1 and not above[-1].strip() and not above[-2].strip():
            above.pop()

        return [*above, f"## {name}", "", *lines[start:]]

    # Before the next of the template's sections the README has, else last.
    later = order[order.index(name) + 1 :]
    at = next((heads[n.lower()] for n in later if n.lower() in heads), None)
    section = [f"## {name}", *body]

    while section[-1:] == [""]:
        section.pop()

    if at is None:
        while lines and not lines[-1].strip():
            lines.pop()

        return [*lines, "", *section, ""]

    return [*lines[:at], *section, "", *lines[at:]]


@dataclasses.dataclass(frozen=True)
class _Readme(Edit):
    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        template = standard_for(repo).text(self.path)

        if text is None or template is None:
            raise FixConflict(f"{self.path} or the template's is missing")

        return keep_newlines(text, lambda source: _new_readme(source, template))


# Rules ---------------------------------------------------------------------


class DOC001(Docs):
    """Read the Docs builds with uv

    ## What it does
    Checks `.readthedocs.yaml` against the template's: the same `version`
    and `build.os`, and the template's commands, which install uv with asdf
    and run `uv run --group docs sphinx-build ... $READTHEDOCS_OUTPUT/html`,
    in `build.commands` or in `build.jobs` (as click does). There must be no
    `python.install` and no `sphinx:` key. Whether the build has `-W` is
    DOC004's check.

    ## Why
    With its own commands, Read the Docs installs the docs group from
    `uv.lock`, the same versions as tox's `docs` env, instead of its own
    pip install of a requirements file that no longer exists.

    ## Example
    ```yaml
    python:
      install:
        - requirements: requirements/docs.txt
        - method: pip
          path: .
    sphinx:
      builder: dirhtml
    ```

    Use instead: the template's `.readthedocs.yaml`.

    ## Fix
    Write the template's `.readthedocs.yaml`, keeping the top-level keys
    the template does not have, other than `python`, `sphinx` and `conda`.
    Safe when it is missing; Unsafe when it replaces the project's config
    or `.readthedocs.yml`.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if not repo.is_file(RTD):
            if repo.is_file(".readthedocs.yml"):
                return Fail(
                    "the config is .readthedocs.yml, not .readthedocs.yaml",
                    ".readthedocs.yml",
                )

            return Fail(f"{RTD} is missing", RTD)

        data = repo.readthedocs

        if RTD in repo.errors:
            return Fail(f"{RTD} {repo.errors[RTD]}", RTD)

        standard = std.yaml(RTD)
        failed: list[Fail] = []

        if data.get("version") != standard["version"]:
            failed.append(
                Fail(
                    f"version is {data.get('version')!r}, not {standard['version']!r}",
                    RTD,
                    repo.line_of(RTD, r"^version\s*:"),
                )
            )

        build = data.get("build")
        build = build if isinstance(build, dict) else {}

        if build.get("os") != standard["build"]["os"]:
            failed.append(
                Fail(
                    f"build.os is {build.get('os')!r}, not {standard['build']['os']!r}",
                    RTD,
                    repo.line_of(RTD, r"^\s+os\s*:"),
                )
            )

        python = data.get("python")

        if isinstance(python, dict) and "install" in python:
            failed.append(
                Fail(
                    "installs with python.install",
                    RTD,
                    repo.line_of(RTD, r"^\s+install:"),
                )
            )

        if "sphinx" in data:
            failed.append(
                Fail(
                    "has a sphinx: key, which runs Read the Docs' own build",
                    RTD,
                    repo.line_of(RTD, r"^sphinx\s*:"),
                )
            )

        found = [cls._normal(c) for c in _rtd_commands(data)]
        position = 0

        for command in standard["build"]["commands"]:
            want = cls._normal(command)

            try:
                position = found.index(want, position) + 1
            except ValueError:
                failed.append(
                    Fail(
                        f"the build does not run {command!r}",
                        RTD,
                        repo.line_of(RTD, r"^\s+(commands|jobs)\s*:"),
                    )
                )

        return failed

    @staticmethod
    def _normal(command: str) -> str:
        """A command without ``-W`` (DOC004 checks it), and without uv
        options that only make the install stricter.
        """
        args = command.split()
        uv = args[:2] == ["uv", "run"]
        return " ".join(
            a for a in args if not _warns([a]) and not (uv and a in _UV_EXTRA)
        )

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if RTD in repo.errors or YML in repo.errors:
            return None

        if repo.is_file(RTD):
            return Fix(
                "Write the template's .readthedocs.yaml",
                "unsafe",
                (_RtdWrite(RTD, RTD),),
            )

        if repo.is_file(YML):
            return Fix(
                "Replace .readthedocs.yml with the template's .readthedocs.yaml",
                "unsafe",
                (_RtdWrite(RTD, YML), DeleteFile(YML)),
            )

        return Fix("Write the template's .readthedocs.yaml", "safe", (WriteFile(RTD),))


class DOC002(Docs):
    """Sphinx config is a known flavour

    ## What it does
    Reads `docs/conf.py` (parsed, never run) and checks that it is one of
    the two flavours of the standard: the Pallets theme (`get_version` and
    `ProjectLink` imported from `pallets_sphinx_themes`, `html_theme` one of
    `flask`, `werkzeug`, `jinja`, `click` or `pocoo`) or Furo (`html_theme =
    "furo"`, the version from `importlib.metadata`). `myst_parser` must be an
    extension when the docs or the changelog are Markdown. `extlinks` must
    define `issue` and `pr`, and the legacy `sphinx-issues` extension and
    its `issues_github_path` must be gone.

    ## Why
    The changelog's `:issue:` and `:pr:` roles (`{issue}` and `{pr}` in
    Markdown) come from `extlinks`. The version comes from the installed
    package, so the docs never disagree with `[project].version`.

    ## Example
    ```python
    extensions = ["sphinx_issues"]
    issues_github_path = "pallets-eco/flask-greeting"
    html_theme = "alabaster"
    ```

    Use instead: the template's `docs/conf.py`.

    ## Fix
    None: `docs/conf.py` is the project's, with its own extensions and
    settings, and no edit of Python code can be told from the template.
    Compare it with the template's `docs/conf.py` and move the theme, the
    version and `extlinks` over by hand.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        text = repo.text(CONF)

        if text is None:
            return Skip(f"{CONF} is missing; LAY003 reports it")

        try:
            conf = _Conf(text)
        except SyntaxError as e:
            return Fail(f"cannot be parsed: {e.msg}", CONF, e.lineno)

        theme = conf.literal("html_theme")
        theme_line = line_of_key(repo, CONF, "html_theme")
        failed: list[Fail] = []

        if theme in PALLETS_THEMES:
            missing = [
                name
                for name in ("get_version", "ProjectLink")
                if f"pallets_sphinx_themes.{name}" not in conf.imports
            ]

            if missing:
                failed.append(
                    Fail(
                        f"uses the {theme} theme without pallets_sphinx_themes"
                        f" {' and '.join(missing)}",
                        CONF,
                        theme_line,
                    )
                )
        elif theme == "furo":
            if not any(
                name == "importlib.metadata" or name.startswith("importlib.metadata.")
                for name in conf.imports
            ):
                message = "uses furo without the version from importlib.metadata"
                failed.append(Fail(message, CONF, theme_line))
        elif theme is None:
            failed.append(Fail("sets no html_theme", CONF))
        else:
            failed.append(
                Fail(
                    f"html_theme is {theme!r}, not a Pallets theme or furo",
                    CONF,
                    theme_line,
                )
            )

        extensions = conf.extensions()
        standard = _Conf(std.text(CONF) or "").extensions()
        line = line_of_key(repo, CONF, "extensions")

        if "myst_parser" in standard and "myst_parser" not in extensions:
            message = "extensions lack myst_parser for the Markdown files"
            failed.append(Fail(message, CONF, line))

        if "sphinx_issues" in extensions or "issues_github_path" in conf.values:
            failed.append(
                Fail(
                    "uses sphinx-issues, not extlinks",
                    CONF,
                    repo.line_of(CONF, r"sphinx_issues|issues_github_path"),
                )
            )

        missing = [k for k in ("issue", "pr") if k not in conf.keys("extlinks")]

        if missing:
            failed.append(
                Fail(
                    f"extlinks has no {' or '.join(missing)}",
                    CONF,
                    line_of_key(repo, CONF, "extlinks"),
                )
            )

        return failed


class DOC003(Docs):
    """Docs include the changelog and the licence

    ## What it does
    Checks that `docs/changes.rst` (or `.md`) includes `../CHANGES.rst` or
    `../CHANGES.md`, whichever the repository has, and that
    `docs/license.rst` (or `.md`) shows `../LICENSE.txt` with
    `literalinclude`. Both reStructuredText directives and MyST fences
    count; a Markdown file included from reStructuredText (or the reverse)
    needs a `:parser:` option. One-page docs may include both in another
    page instead.

    ## Why
    One changelog and one licence text, shown in the docs as they are in the
    repository; copies in the docs fall behind.

    ## Example
    A `docs/changes.rst` with its own list of versions, or a
    `docs/license.rst` that includes `../LICENSE.rst`.

    Use instead:
    ```rst
    .. include:: ../CHANGES.rst
    ```

    ## Fix
    Write the template's `docs/changes.*` and `docs/license.*`; a new page
    is also added to the last toctree of `docs/index.*`. Safe when a page is
    missing; Unsafe when it replaces the project's page.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if not repo.is_file(CONF):
            return Skip(f"{CONF} is missing; LAY003 reports it")

        changes = _changes(repo)
        wanted = [("changes", "include", f"../{changes}")] if changes else []
        wanted.append(("license", "literalinclude", "../LICENSE.txt"))

        failed: list[Fail] = []

        for name, directive, target in wanted:
            page = _first(repo, f"docs/{name}.rst", f"docs/{name}.md")

            if page is not None:
                fail = cls._includes(repo, page, directive, target)

                if fail is not None:
                    failed.append(fail)
            elif not any(
                # One-page docs (blinker) include it in another page.
                cls._includes(repo, other, directive, target) is None
                for other in repo.glob(r"docs/.+\.(rst|md)")
            ):
                failed.append(Fail(f"the docs have no {name} page (docs/{name}.*)"))

        return failed

    @staticmethod
    def _includes(repo: Repo, page: str, directive: str, target: str) -> Fail | None:
        lines = (repo.text(page) or "").splitlines()
        pattern = re.compile(
            rf"^\s*(?:\.\.\s+{directive}::|(?:`{{3,}}|:{{3,}})\{{{directive}\}})\s*([^\s:]\S*)"
        )
        found: list[tuple[str, int]] = []

        for index, line in enumerate(lines):
            match = pattern.match(line)

            if not match:
                continue

            found.append((match.group(1), index + 1))

            if match.group(1) != target:
                continue

            rst = line.lstrip().startswith("..")
            markdown = target.endswith(".md")
            options = "\n".join(lines[index + 1 : index + 4])

            if directive == "include" and rst == markdown and ":parser:" not in options:
                return Fail(
                    f"includes {target} without a :parser: option", page, index + 1
                )

            return None

        if found:
            other, number = found[0]
            return Fail(f"{directive}s {other}, not {target}", page, number)

        return Fail(f"does not {directive} {target}", page)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        changes = _changes(repo)
        wanted = [("changes", "include", f"../{changes}")] if changes else []
        wanted.append(("license", "literalinclude", "../LICENSE.txt"))
        index = _first(repo, "docs/index.rst", "docs/index.md")
        edits: list[Edit] = []
        unsafe = False
        refused: list[str] = []

        for name, directive, target in wanted:
            page = _first(repo, f"docs/{name}.rst", f"docs/{name}.md")
            ours = next(
                p
                for p in (f"docs/{name}.rst", f"docs/{name}.md")
                if std.text(p) is not None
            )
            myst = ours.endswith(".md") or "myst_parser" in (std.text(ours) or "")

            if myst and "myst_parser" not in (repo.text(CONF) or ""):
                # The docs build would stop on a page its conf.py cannot read.
                refused.append(
                    f"{ours} needs myst_parser, which {CONF} does not load: add"
                    " it to extensions (and the docs group) first"
                )
                continue

            if page is not None:
                if cls._includes(repo, page, directive, target) is None:
                    continue

                # The page is the project's; the template's replaces it.
                unsafe = True
                edits.append(WriteFile(ours))

                if page != ours:
                    edits.append(DeleteFile(page))
            elif not any(
                cls._includes(repo, other, directive, target) is None
                for other in repo.glob(r"docs/.+\.(rst|md)")
            ):
                edits.append(WriteFile(ours))

                if index is not None:
                    edits.append(_TocAdd(index, name))

        if not edits:
            return (
                refusal("Write the template's changes and licence pages", refused[0])
                if refused
                else None
            )

        return Fix(
            "Write the template's changes and licence pages",
            "unsafe" if unsafe else "safe",
            tuple(edits),
        )


class DOC004(Docs):
    """Docs build with warnings as errors

    ## What it does
    Checks that every `sphinx-build` and `sphinx-autobuild` command in tox
    (`[tool.tox.env.*]` or `tox.ini`) and on Read the Docs has `-W`; with
    the old Read the Docs `sphinx:` key, `fail_on_warning: true`.

    ## Why
    A warning is usually a broken reference or a directive that did not
    render. With `-W` the docs env in CI and the Read the Docs build fail on
    it instead of publishing broken pages. A `TODO ... -W` comment is a
    known gap, still reported.

    ## Example
    ```toml
    # TODO fix warnings and add -W
    commands = [["sphinx-build", "-E", "-b", "dirhtml", "docs", "docs/_build"]]
    ```

    Use instead:
    ```toml
    commands = [["sphinx-build", "-E", "-W", "-b", "dirhtml", "docs", "docs/_build"]]
    ```

    ## Fix
    Add `-W` to each sphinx command (where the template's same command has
    it), or set `fail_on_warning: true` for Read the Docs' own build.
    Unsafe: the warnings it turns into errors may need fixing before the
    docs build again.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = _tox_sphinx(repo)
        rtd = _first(repo, RTD, ".readthedocs.yml")

        if rtd is not None:
            data = repo.readthedocs
            own = [a for c in _rtd_commands(data) if (a := _sphinx(c.split()))]
            sphinx = data.get("sphinx")
            sphinx = sphinx if isinstance(sphinx, dict) else {}

            for args in own:
                line = repo.line_of(rtd, re.escape(args[0]))
                found.append(("Read the Docs", args, rtd, line))

            # Without its own commands, Read the Docs runs Sphinx itself.
            if not cls._replaced(data) and sphinx.get("fail_on_warning") is not True:
                return Fail(
                    "Read the Docs builds without fail_on_warning: true",
                    rtd,
                    repo.line_of(rtd, r"^sphinx\s*:"),
                )

        if not found:
            return Skip("no sphinx-build command in tox or Read the Docs")

        failed: list[Fail] = []

        for name, args, path, line in found:
            if _warns(args):
                continue

            where = name if name == "Read the Docs" else f"tox env {name!r}"
            todo = repo.line_of(path, r"^[^#]*+#(?:(?!TODO).)*+TODO.*(?:-W|warning)")
            note = " (a TODO says to add it)" if todo else ""
            failed.append(Fail(f"{where} runs {args[0]} without -W{note}", path, line))

        return failed

    @staticmethod
    def _replaced(data: dict[str, t.Any]) -> bool:
        """Whether the config replaces Read the Docs' own Sphinx build."""
        build = data.get("build")
        build = build if isinstance(build, dict) else {}
        jobs = build.get("jobs")
        html = jobs.get("build") if isinstance(jobs, dict) else None
        return "commands" in build or (isinstance(html, dict) and "html" in html)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []
        rtd = _first(repo, RTD, YML)

        if any(path == "pyproject.toml" for _, _, path, _ in _tox_sphinx(repo)):
            edits.append(_TomlWarnings("pyproject.toml"))

        if any(path == "tox.ini" for _, _, path, _ in _tox_sphinx(repo)):
            edits.append(_IniWarnings("tox.ini"))

        if rtd is not None:
            edits.append(_RtdWarnings(rtd))

        if not edits:
            return None

        return Fix("Build the docs with warnings as errors", "unsafe", tuple(edits))


class REL001(Docs):
    """Changelog starts with the current version

    ## What it does
    Checks the top section of `CHANGES.rst` or `CHANGES.md`: its heading is
    `Version X.Y.Z` (underlined with `-` in reStructuredText, `## Version
    X.Y.Z` in Markdown), then a line that says `Unreleased` or `Released
    YYYY-MM-DD`. X.Y.Z must be `[project].version` without `.dev`, and the
    section says `Unreleased` exactly when the version ends in `.dev`.
    Bullet and role style are not checked.

    ## Why
    The release steps remove `.dev` and date the section in the same
    commit, and start the next version's section right after. A changelog
    that disagrees with the version is a release done halfway.

    ## Example
    `version = "2.1.0.dev"` with a changelog that starts at `Version 2.0.0`,
    `Released 2025-05-01`.

    Use instead:
    ```md
    ## Version 2.1.0

    Unreleased
    ```

    ## Fix
    Adjust the top section's heading and status line to the template's
    form for `[project].version`, or insert a section above a released
    one. Unsafe: the changelog is project-owned. When the version is not
    `.dev` and the section has no date, the fix is Display only: the
    release date it shows is today's, and only the maintainer knows it.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        path = _changes(repo)

        if path is None:
            return Skip("no CHANGES.rst or CHANGES.md; LAY006 reports it")

        lines = (repo.text(path) or "").splitlines()
        markdown = path.endswith(".md")
        index = 0

        while index < len(lines) and (
            not lines[index].strip() or (not markdown and lines[index].startswith(".."))
        ):
            index += 1

        title = lines[index] if index < len(lines) else ""
        number = r"([0-9]+\.[0-9]+\.[0-9]+)"

        if markdown:
            match = re.fullmatch(rf"## Version {number}\s*", title)
            body = index + 1
        else:
            match = re.fullmatch(rf"Version {number}\s*", title)
            underline = lines[index + 1] if index + 1 < len(lines) else ""

            if match and not re.fullmatch(
                rf"-{{{len(title.rstrip())},}}\s*", underline
            ):
                return Fail(
                    f"{title.strip()!r} is not underlined with -", path, index + 2
                )

            body = index + 2

        if not match:
            return Fail(
                f"starts with {title.strip()!r}, not a Version X.Y.Z heading",
                path,
                index + 1,
            )

        while body < len(lines) and not lines[body].strip():
            body += 1

        status = lines[body].strip() if body < len(lines) else ""

        if not re.fullmatch(r"Unreleased|Released [0-9]{4}-[0-9]{2}-[0-9]{2}", status):
            return Fail(
                f"version {match.group(1)} is followed by {status!r}, not Unreleased"
                " or Released YYYY-MM-DD",
                path,
                body + 1,
            )

        version = repo.project.get("version")

        if not isinstance(version, str):
            return None

        release = re.sub(r"\.dev[0-9]*$", "", version)

        if match.group(1) != release:
            return Fail(
                f"the top section is {match.group(1)}, [project].version is {version}",
                path,
                index + 1,
            )

        if (status == "Unreleased") != (release != version):
            return Fail(
                f"version {match.group(1)} says {status!r}, [project].version is"
                f" {version}",
                path,
                body + 1,
            )

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        path = _changes(repo)
        version = repo.project.get("version")
        text = repo.text(path) if path else None
        template = std.text(path) if path else None

        if (
            path is None
            or text is None
            or template is None
            or not isinstance(version, str)
        ):
            return None

        new = _new_top(text, path.endswith(".md"), template, version)

        if new is None or new[0] == text:
            return None

        # A released version's date is the day of its release, which only
        # the maintainer knows; today's is shown as a suggestion.
        number = re.sub(r"\.dev[0-9]*$", "", version)
        return Fix(
            f"Start the changelog with the section for {number}",
            "display" if new[1] else "unsafe",
            (_ChangesTop(path, version),),
        )


class REL002(Docs):
    """README follows the Pallets skeleton

    ## What it does
    Checks that `README.md` has an H1 title as its first heading, the
    template's fixed sections for the organization (in `pallets`: `## Donate`
    and `## Contributing`; in `pallets-eco`: `## Pallets Community
    Ecosystem` with its `[!IMPORTANT]` callout), and no badge images
    (shields.io, badge.fury.io, CI or coverage badges).

    ## Why
    The README is the PyPI page. The fixed sections point readers to
    donations, the shared contributing guide, or the ecosystem's Discord.
    Badges go stale, and PyPI already shows versions and the licence.

    ## Example
    A README that starts with `![CI](https://github.com/o/r/actions/workflows/tests.yaml/badge.svg)`
    and has no `## Pallets Community Ecosystem` section.

    Use instead: the template's `README.md` skeleton, with the project's
    own introduction and example.

    ## Fix
    Make the first heading the template's `#` title, add the template's
    missing fixed sections (or their heading over text that lost it, or
    their callout), and delete the lines that hold only badges. Unsafe: the
    README is project-owned. A badge inside a paragraph is left as it is.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = "README.md"
        text = repo.text(path)

        if text is None:
            return Skip("no README.md; LAY005 reports it")

        headings = _headings(text)

        if not headings or headings[0][0] != 1:
            first = f"{'#' * headings[0][0]} {headings[0][1]}" if headings else None
            return Fail(
                f"the first heading is {first!r}, not a # title"
                if first
                else "has no # title",
                path,
                headings[0][2] + 1 if headings else None,
            )

        found = _sections(text)
        found_lower = {name.lower(): body for name, body in found.items()}
        failed: list[Fail] = []

        for name, body in _sections(std.text(path) or "").items():
            # Sections with code are the project's own examples; the others
            # are the template's fixed text.
            if any(line.lstrip().startswith("```") for line in body):
                continue

            if name.lower() not in found_lower:
                failed.append(Fail(f"has no ## {name} section", path))
                continue

            callout = re.match(r">\s*\[![A-Z]+\]", _first_text(body))

            if callout and not _first_text(found_lower[name.lower()]).startswith(
                callout.group(0)
            ):
                kind = callout.group(0)[1:].strip()
                failed.append(
                    Fail(
                        f"the {name} section has no {kind} callout",
                        path,
                        repo.line_of(path, rf"^ {{0,3}}##\s+{re.escape(name)}"),
                    )
                )

        badges = re.finditer(
            r"https?://[^\s)\]\"'>]*(?:shields\.io|badge\.fury\.io|badgen\.net"
            r"|/badges?(?:[/.?]|$))[^\s)\]\"'>]*",
            text,
            re.I | re.M,
        )
        failed += [
            Fail(
                f"has a badge {badge.group(0)}",
                path,
                text.count("\n", 0, badge.start()) + 1,
                badge.start() - text.rfind("\n", 0, badge.start()),
            )
            for badge in badges
        ]

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        text = repo.text("README.md")
        template = std.text("README.md")

        if text is None or template is None or _new_readme(text, template) == text:
            return None

        return Fix(
            "Add the template's README sections and remove the badges",
            "unsafe",
            (_Readme("README.md"),),
        )
