"""The patch set of one repository: its safe fixes, and its safe and unsafe
fixes together, each as a ``git apply`` patch with the score it leads to.

The fixes are applied, as ``--fix`` applies them, to a copy of the
repository in a temporary folder, which is then checked again; the patch is
the difference between the copy and the repository. The repository itself
is never written.
"""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import tempfile
import typing as t
from pathlib import Path

from ..errors import EcoLintError
from ..repo import SKIP_DIRS

if t.TYPE_CHECKING:
    from ..check import Report
    from ..registry import Rule
    from ..settings import Settings

#: Folders left out of the copy: version control, environments and caches,
#: which no rule reads and no fix writes.
_NOT_COPIED = SKIP_DIRS - {"build", "dist", "_build"}

#: What each patch holds: ``safe`` the fixes ``--fix`` applies, ``unsafe``
#: those of ``--unsafe-fixes``. Each applies to the repository as it is.
KINDS: dict[str, tuple[str, ...]] = {"safe": ("safe",), "unsafe": ("safe", "unsafe")}


def _copy(source: Path, target: Path) -> None:
    """Copy a repository, symlinks as symlinks, without the folders no rule
    reads; keep ``.git/info/exclude``, which one does.
    """

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if name in _NOT_COPIED}

    shutil.copytree(source, target, symlinks=True, ignore=ignore)
    exclude = source / ".git" / "info" / "exclude"

    if exclude.is_file() and not exclude.is_symlink():
        (target / ".git" / "info").mkdir(parents=True)
        shutil.copyfile(exclude, target / ".git" / "info" / "exclude")


def _read(path: Path) -> tuple[str | None, int]:
    """The text and mode of a file, ``(None, 0)`` when it does not exist."""
    if not path.is_file() or path.is_symlink():
        return None, 0

    mode = 0o100755 if path.stat().st_mode & stat.S_IXUSR else 0o100644
    return path.read_bytes().decode("utf-8"), mode


def file_diff(name: str, old: str | None, new: str | None, mode: int = 0o100644) -> str:
    """A ``git diff`` of one file, which ``git apply`` takes: a missing
    final newline is marked as git marks it, and a created or deleted file
    says so with its mode.
    """
    if old == new:
        return ""

    lines = [f"diff --git a/{name} b/{name}\n"]

    if old is None:
        lines.append(f"new file mode {mode:o}\n")
    elif new is None:
        lines.append(f"deleted file mode {mode:o}\n")

    lines.append("--- /dev/null\n" if old is None else f"--- a/{name}\n")
    lines.append("+++ /dev/null\n" if new is None else f"+++ b/{name}\n")
    hunks = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        (new or "").splitlines(keepends=True),
        lineterm="\n",
    )

    for line in list(hunks)[2:]:
        lines.append(
            line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
        )

    return "".join(lines)


def _patch(
    original: Path,
    copy: Path,
    settings: Settings,
    applicability: tuple[str, ...],
    rules: t.Mapping[str, type[Rule]],
) -> dict[str, t.Any]:
    from ..check import fix_repository

    try:
        run = fix_repository(str(copy), settings, applicability, rules)
    except EcoLintError as e:
        return {
            "diff": "",
            "score": None,
            "files": [],
            "refused": [{"fix": "every fix", "reason": e.message}],
        }

    files: list[str] = []
    parts: list[str] = []
    refused = [{"fix": title, "reason": reason} for title, reason in run.failed]

    for name in sorted(run.written):
        try:
            old, old_mode = _read(original / name)
            new, new_mode = _read(copy / name)
        except (OSError, UnicodeDecodeError) as e:
            refused.append({"fix": f"change {name}", "reason": f"cannot diff: {e}"})
            continue

        text = file_diff(name, old, new, new_mode or old_mode or 0o100644)

        if text:
            files.append(name)
            parts.append(text)

    return {
        "diff": "".join(parts),
        "score": run.report.score(),
        "files": files,
        "refused": refused,
    }


def repo_patches(
    root: str | os.PathLike[str],
    settings: Settings,
    rules: t.Mapping[str, type[Rule]],
    report: Report | None = None,
) -> dict[str, dict[str, t.Any]]:
    """The safe and the unsafe patch of a repository, each with the files it
    changes, the score the repository has once it is applied, and the fixes
    that were refused, with the reason.

    :param report: The repository's report, when it is at hand: where it
        proposes no fix of a kind, that patch is empty without a copy.
    """
    original = Path(root).resolve()
    patches: dict[str, dict[str, t.Any]] = {}

    with tempfile.TemporaryDirectory(prefix="eco-lint-report-") as temp:
        for kind, applicability in KINDS.items():
            if report is not None and not report.fixes(applicability):
                patches[kind] = {
                    "diff": "",
                    "score": report.score(),
                    "files": [],
                    "refused": [],
                }
                continue

            # Same folder name: no rule may see a difference.
            copy = Path(temp) / kind / original.name
            _copy(original, copy)
            patches[kind] = _patch(original, copy, settings, applicability, rules)

    return patches
