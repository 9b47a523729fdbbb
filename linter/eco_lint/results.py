"""The cache of check results: a check whose inputs have not changed since
the last run with the same options prints what that run printed, and exits
with its code, without importing the rules or their libraries.

What a check reads is recorded as it reads it (see
:class:`eco_lint.recorded.Inputs`): every
path it probed, by what the probe could answer from (the resolved path,
and the kind of file or the error of ``stat`` and ``lstat``, absence
included); every file it read, by a hash of the bytes it got or the error
it met; every folder it walked, by a hash of the names it listed. An entry
is replayed only when every one of them answers the same again, and is
keyed by everything else a result depends on: eco-lint's own files and
version, the versions of the libraries it parses with, Python, the day
(rules read the Python release calendar and render the date), the working
folder, the options and the environment variables that change the output.
Anything unusual, unreadable or unknown is a miss: the full check runs and
writes the entry again.

This module imports nothing beyond the interpreter's built-in modules, so
that a replay costs little more than starting Python.
"""

from __future__ import annotations

import marshal
import os
import sys

from .recorded import digest as _digest
from .recorded import unchanged

TYPE_CHECKING = False

if TYPE_CHECKING:
    import typing as t

    from .recorded import Inputs

#: Bumped when the layout of entries or of recorded inputs changes.
FORMAT = 1
_MAGIC = b"ecolint-results\0"
#: The largest entry read back.
_MAX_ENTRY = 64 * 1024 * 1024

#: The report formats of ``check``, as the command line names them.
OUTPUT_FORMATS = (
    "full",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "markdown",
)

#: Environment variables that change what a check prints.
_ENVIRONMENT = ("CI_PROJECT_DIR",)

#: Distributions whose code decides what a check finds or prints.
_LIBRARIES = ("pyyaml", "packaging", "jinja2", "markupsafe", "click", "eco_lint")


def color(isatty: bool, environ: t.Mapping[str, str]) -> bool:
    """Colour on a terminal; ``FORCE_COLOR`` forces it and ``NO_COLOR``
    turns it off, when set to anything but the empty string.
    """
    if environ.get("FORCE_COLOR"):
        return True

    if environ.get("NO_COLOR"):
        return False

    return isatty


class Invocation:
    """A ``check`` whose result can be kept: the options that change what
    it prints, as the command line gives them.
    """

    def __init__(
        self,
        paths: t.Sequence[str],
        output_format: str,
        select: t.Sequence[str],
        ignore: t.Sequence[str],
        fail_under: float | None,
        show_fixes: bool,
        statistics: bool,
        exit_zero: bool,
        quiet: bool,
        baseline: str | None,
        color: bool,
    ) -> None:
        self.paths = tuple(paths) or (".",)
        self.options = (
            output_format,
            tuple(select),
            tuple(ignore),
            fail_under,
            show_fixes,
            statistics,
            exit_zero,
            quiet,
            baseline,
            color and output_format in ("full", "concise") and not statistics,
        )

    def key(self) -> str:
        """Everything but the inputs a result depends on, as text: first
        the line that names the entry (the same command in the same
        folder), then what makes an entry of it stale, so that a newer
        result replaces a stale one rather than pile up beside it.
        """
        where = (
            FORMAT,
            os.getcwd(),
            tuple(os.environ.get(name) for name in _ENVIRONMENT),
            self.paths,
            self.options,
        )
        what = (
            sys.version,
            sys.implementation.cache_tag,
            sys.platform,
            sys.executable,
            _code_print(),
            _libraries(),
            _today(),
        )
        return f"{where!r}\n{what!r}"


def _today() -> str:
    import time

    return time.strftime("%Y-%m-%d")


def _code_print() -> str:
    """A hash of the size and times of every file of eco-lint and of the
    template it carries, so that an entry never outlives a change to them,
    even within one version (a checkout being edited).
    """
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [here]

    if not os.path.isdir(os.path.join(here, "_template")):
        top = os.path.dirname(os.path.dirname(here))
        parts += [os.path.join(top, n) for n in ("copier.yml", "includes", "template")]

    lines: list[str] = []

    def add(path: str) -> None:
        try:
            s = os.stat(path)
        except OSError as e:
            lines.append(f"{path} {e.errno}")
        else:
            times = f"{s.st_mtime_ns} {s.st_ctime_ns}"
            lines.append(f"{path} {s.st_size} {times} {s.st_ino}")

    for part in parts:
        if not os.path.isdir(part):
            add(part)
            continue

        for dirpath, dirnames, filenames in os.walk(part):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")

            for name in sorted(filenames):
                add(os.path.join(dirpath, name))

    return _digest("\n".join(lines).encode("utf-8", "surrogateescape")).hex()


def _libraries() -> tuple[str, ...]:
    """The installed versions of the libraries a check runs, and when each
    was installed, from their metadata folders on the import path.
    """
    found: list[str] = []

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue

        for name in sorted(names):
            lowered = name.lower()

            if lowered.endswith(".dist-info") and lowered.startswith(_LIBRARIES):
                record = os.path.join(entry, name, "RECORD")

                try:
                    s = os.stat(record)
                    found.append(f"{entry}/{name} {s.st_size} {s.st_mtime_ns}")
                except OSError:
                    found.append(f"{entry}/{name}")

    return tuple(found)


# Entries -----------------------------------------------------------------


def _entry_path(key: str) -> str:
    from .cache import folder

    where = key.partition("\n")[0]
    name = _digest(where.encode("utf-8", "surrogateescape")).hex()
    return os.path.join(folder(), "results", f"{name}.bin")


def load(key: str) -> tuple[list[t.Any], str, int] | None:
    """The inputs, printed text and exit code stored under a key, or
    ``None`` when there is no entry this version wrote for this key.
    """
    try:
        with open(_entry_path(key), "rb") as f:
            data = f.read(_MAX_ENTRY + 1)
    except (OSError, ValueError):
        return None

    head = len(_MAGIC) + 20

    if (
        len(data) > _MAX_ENTRY
        or not data.startswith(_MAGIC)
        or _digest(data[head:]) != data[len(_MAGIC) : head]
    ):
        return None

    try:
        value = marshal.loads(data[head:])
    except (ValueError, EOFError, TypeError):
        return None

    if (
        not isinstance(value, tuple)
        or len(value) != 5
        or value[0] != FORMAT
        or value[1] != key
        or not isinstance(value[2], list)
        or not isinstance(value[3], str)
        or type(value[4]) is not int
    ):
        return None

    return value[2], value[3], value[4]


def store(key: str, inputs: Inputs, text: str, code: int) -> None:
    """Keep a result, if every input still answers as it did when the
    check read it (else the check may have seen a change halfway).
    Written as :func:`~eco_lint.cache.replace` writes every entry.
    """
    items = inputs.items()

    if not unchanged(items):
        return

    from .cache import replace

    payload = marshal.dumps((FORMAT, key, [list(i) for i in items], text, code))
    replace(_entry_path(key), _MAGIC + _digest(payload) + payload)


def replay(invocation: Invocation) -> tuple[str, int] | None:
    """The text and exit code of the same check run before, when nothing
    it read has changed; else ``None``.
    """
    key = invocation.key()
    entry = load(key)

    if entry is None:
        return None

    items, text, code = entry

    try:
        pairs = [((k[0], k[1], k[2]), v) for (k, v) in items]
    except (TypeError, ValueError, IndexError):
        return None

    if not unchanged(pairs):
        return None

    return text, code


# The command line ----------------------------------------------------------

#: Options of ``check`` that take a value, and flags, by the field they set.
_VALUES = {
    "--output-format": "output_format",
    "--format": "format",
    "--select": "select",
    "--ignore": "ignore",
    "--fail-under": "fail_under",
    "--baseline": "baseline",
}
_FLAGS = {
    "--show-fixes": "show_fixes",
    "--statistics": "statistics",
    "--exit-zero": "exit_zero",
    "--exit-non-zero-on-fix": "exit_non_zero_on_fix",
    "-q": "quiet",
    "--quiet": "quiet",
}


def parse(
    argv: t.Sequence[str], environ: t.Mapping[str, str], isatty: bool
) -> Invocation | None:
    """The invocation of a plain ``check``, or ``None`` for anything else
    (other commands, fixes, diffs, report files, anything unusual): the
    full command line handles those.
    """
    if not argv or argv[0] != "check" or "ECO_LINT_OUTPUT_FILE" in environ:
        return None

    read = _arguments(argv[1:])

    if read is None:
        return None

    values, flags, paths = read
    chosen = _single(values["output_format"]) or environ.get("ECO_LINT_OUTPUT_FORMAT")
    former = _single(values["format"])

    if (
        len(values["output_format"]) > 1
        or len(values["format"]) > 1
        or len(values["fail_under"]) > 1
        or len(values["baseline"]) > 1
        or (chosen is not None and chosen not in OUTPUT_FORMATS)
        or (former is not None and former not in (*OUTPUT_FORMATS, "text"))
        or (chosen and former and chosen != former)
        or any(not p or p.startswith("-") for p in paths)
    ):
        return None

    output_format = chosen or former or "full"
    fail_under = _percent(_single(values["fail_under"]))
    baseline = _single(values["baseline"])

    if values["fail_under"] and fail_under is None:
        return None

    if baseline is not None and not os.path.isfile(baseline):
        return None

    return Invocation(
        paths,
        "full" if output_format == "text" else output_format,
        values["select"],
        values["ignore"],
        fail_under,
        "show_fixes" in flags,
        "statistics" in flags,
        "exit_zero" in flags,
        "quiet" in flags,
        baseline,
        color(isatty, environ),
    )


def _arguments(
    argv: t.Sequence[str],
) -> tuple[dict[str, list[str]], set[str], list[str]] | None:
    """The values of each option of :data:`_VALUES`, the flags of
    :data:`_FLAGS`, and the paths, or ``None`` for anything else.
    """
    values: dict[str, list[str]] = {name: [] for name in _VALUES.values()}
    flags: set[str] = set()
    paths: list[str] = []
    args = list(argv)

    while args:
        arg = args.pop(0)

        if not arg.startswith("-"):
            paths.append(arg)
            continue

        name, eq, value = arg.partition("=")

        if name in _VALUES:
            if not eq:
                if not args or args[0].startswith("-"):
                    return None

                value = args.pop(0)

            values[_VALUES[name]].append(value)
        elif name in _FLAGS and not eq:
            flags.add(_FLAGS[name])
        else:
            return None

    return values, flags, paths


def _single(values: list[str]) -> str | None:
    return values[0] if values else None


def _percent(value: str | None) -> float | None:
    """A ``--fail-under`` value written plainly, from 0 to 100."""
    if value is None or not value.replace(".", "", 1).isdigit() or not value.isascii():
        return None

    number = float(value)
    return number if 0 <= number <= 100 else None


def main(argv: t.Sequence[str] | None = None) -> int | None:
    """Replay a plain ``check`` whose result is kept; return its exit code,
    or ``None`` when the full command line must run.
    """
    argv = sys.argv[1:] if argv is None else argv
    stdout = sys.stdout

    if (
        os.name != "posix"
        or stdout is None
        or (stdout.encoding or "").lower().replace("-", "") != "utf8"
        or "--no-cache" in argv
    ):
        return None

    try:
        invocation = parse(argv, os.environ, stdout.isatty())

        if invocation is None:
            return None

        found = replay(invocation)
    except Exception:
        # A folder removed under us, a cache that cannot be read: the full
        # command line tells what is wrong, or checks afresh.
        return None

    if found is None:
        return None

    text, code = found

    if text:
        stdout.write(text)

    stdout.flush()
    return code
