"""Update a project made from the template, or adopted into it, to a newer
template version with ``copier update``, and say what is left to do.

Copier merges the template's changes with the project's own and, where
both changed the same lines, leaves conflict markers and still exits 0.
This finds those files, so that the command can fail and name them.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
import typing as t
from pathlib import Path

from .adopt import SAFE_GIT
from .errors import EcoLintError
from .template import ANSWERS_FILE


@dataclasses.dataclass(frozen=True)
class Update:
    #: Files the update changed, created or deleted.
    changed: list[str]
    #: Files left with conflicts.
    conflicts: list[str]
    #: Questions the new version added that took their defaults.
    defaulted: list[str]

    def summary(self, pretend: bool = False) -> str:
        """What the update did, or would do, and what is left to do."""
        lines = []

        if self.defaulted:
            took = "would take" if pretend else "took"
            lines.append(
                f"New questions {took} their defaults (see {ANSWERS_FILE}):"
                f" {', '.join(self.defaulted)}"
            )

        if self.changed:
            label = "would change" if pretend else "changed"
            lines.append(f"{label}: {', '.join(self.changed)}")

        if pretend:
            if self.conflicts:
                lines.append(f"would conflict: {', '.join(self.conflicts)}")

            lines.append("pretend: nothing was written")
        elif self.conflicts:
            lines.append("Conflicts remain in:")
            lines += [f"  {name}" for name in self.conflicts]
            lines.append(CONFLICTS_NEXT)
        else:
            lines.append("updated with no conflict; review 'git diff', then commit")

        return "".join(f"{line}\n" for line in lines)


#: What to do with the conflicts an update leaves.
CONFLICTS_NEXT = (
    "Next: in each file keep what both sides meant and remove the lines"
    " '<<<<<<< before updating', '=======' and '>>>>>>> after updating';"
    " then 'git add' the files, run 'uv lock' if pyproject.toml changed,"
    " and commit."
)


def min_copier() -> str:
    """The oldest Copier the template works with, as ``copier.yml`` says."""
    from .safe_yaml import load_yaml
    from .template import template_root

    settings = load_yaml((template_root() / "copier.yml").read_text())
    return str(settings["_min_copier_version"])


def _import_copier() -> t.Any:
    try:
        import copier
    except ImportError:
        floor = min_copier()
        raise EcoLintError(
            f"eco-lint update needs Copier {floor} or newer:"
            " pip install 'eco-lint[update]'."
        ) from None

    return copier


def _recorded(root: Path) -> dict[str, t.Any]:
    """The answers recorded in the project, empty when there are none."""
    import yaml

    from .safe_yaml import load_yaml

    try:
        data = load_yaml((root / ANSWERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}

    return data if isinstance(data, dict) else {}


def _startable(root: Path) -> None:
    """Stop with one line when the answers file cannot start an update:
    missing, a folder, unreadable, not YAML, or naming no template.
    """
    import yaml

    from .safe_yaml import load_yaml

    path = root / ANSWERS_FILE

    if path.is_dir():
        raise EcoLintError(f"{ANSWERS_FILE} is a folder, not the answers file.")

    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EcoLintError(
            f"{root} has no {ANSWERS_FILE}: it was not made from the template;"
            " adopt it first with 'eco-lint adopt'."
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) else e.reason
        raise EcoLintError(f"{ANSWERS_FILE} cannot be read: {reason}.") from None
    except (ValueError, yaml.YAMLError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise EcoLintError(f"{ANSWERS_FILE} cannot be parsed: {first}.") from None

    if not isinstance(data, dict):
        raise EcoLintError(f"{ANSWERS_FILE} holds no answers: it is not a mapping.")

    source = data.get("_src_path")

    if not isinstance(source, str) or not source.strip():
        raise EcoLintError(f"{ANSWERS_FILE} names no template source (_src_path).")


def update(
    root: str,
    vcs_ref: str | None = None,
    data: t.Mapping[str, str] | None = None,
    defaults: bool = False,
    pretend: bool = False,
) -> Update:
    """Run ``copier update`` on a clean repository, with Copier's own
    messages.

    :param root: The project.
    :param vcs_ref: The template version to update to; the newest by default.
    :param data: Answers to give, as Copier's ``--data`` takes them.
    :param defaults: Ask nothing: new questions take their defaults, and
        the update stops before writing when one has none.
    :param pretend: Update a clone of the project instead, to tell what
        would change and conflict while writing nothing.
    """
    path = Path(root)
    _import_copier()
    _startable(path)

    if not pretend:
        return _run(path, vcs_ref, dict(data or {}), defaults)

    if not (path / ".git").exists():
        raise EcoLintError(f"{root} is not the top folder of a git repository.")

    if _git(path, "status", "--porcelain"):
        raise EcoLintError(
            f"{root} has uncommitted changes; commit or stash them first."
        )

    with tempfile.TemporaryDirectory(prefix="eco-lint-update-") as tmp:
        clone = Path(tmp) / path.resolve().name
        subprocess.run(
            ["git", *SAFE_GIT, "clone", "--quiet", "--no-hardlinks", "--"]
            + [str(path), str(clone)],
            capture_output=True,
            check=True,
        )
        return _run(clone, vcs_ref, dict(data or {}), defaults)


def _run(
    path: Path, vcs_ref: str | None, given: dict[str, str], defaults: bool
) -> Update:
    copier = _import_copier()
    from copier.errors import CopierError
    from plumbum import ProcessExecutionError

    before = _recorded(path)

    try:
        copier.run_update(
            str(path),
            data=given,
            defaults=defaults,
            skip_answered=True,
            overwrite=True,
            vcs_ref=vcs_ref,
            conflict="inline",
        )
    except (CopierError, ValueError) as e:
        raise EcoLintError(_message(e)) from None
    except ProcessExecutionError as e:
        # git could not fetch the template the answers file names.
        reason = next(iter(str(e.stderr).strip().splitlines()[-1:]), str(e.retcode))
        raise EcoLintError(
            f"The template {before.get('_src_path')} cannot be fetched: {reason}"
        ) from None

    after = _recorded(path)
    defaulted = sorted(
        name
        for name in after
        if not name.startswith("_") and name not in before and name not in given
    )
    return Update(
        _git(path, "status", "--porcelain", "--untracked-files=all", "--no-renames"),
        conflicted_files(path),
        defaulted if defaults else [],
    )


def _message(error: Exception) -> str:
    """One line for an error Copier raised."""
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    required = first.removeprefix('Question "').removesuffix('" is required')

    if required != first:
        return (
            f"The new template version asks {required!r}, which has no default;"
            f" give it with --data {required}=VALUE."
        )

    return first


def conflicted_files(root: str | Path) -> list[str]:
    """Files that ``copier update`` left with conflicts: unmerged in git, or
    holding its inline conflict markers.
    """
    root = Path(root)
    found = set(_git(root, "diff", "--name-only", "--diff-filter=U"))

    for name in _git(root, "diff", "--name-only") + _git(
        root, "ls-files", "--others", "--exclude-standard"
    ):
        path = root / name

        try:
            text = path.read_text()
        except (OSError, UnicodeDecodeError):
            continue

        if "<<<<<<< before updating" in text and ">>>>>>> after updating" in text:
            found.add(name)

    return sorted(found)


def _git(root: Path, *args: str) -> list[str]:
    """The lines a git command prints; ``status --porcelain`` lines are
    reduced to their file names.
    """
    result = subprocess.run(
        ["git", *SAFE_GIT, *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    lines = [line for line in result.stdout.splitlines() if line]
    return [line[3:] for line in lines] if "--porcelain" in args else lines
