"""Edits of ``.pre-commit-config.yaml`` that several rules share: bringing
in the template's hooks and pinning repositories to its frozen revisions.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.yaml import yaml_dump
from ...edits.yaml import yaml_load
from ...repo import Repo
from ...standard import Standard
from ._config import flags
from ._config import Frozen
from ._config import frozen_revs
from ._config import hooks
from ._config import needs_freeze
from ._config import PATH
from ._config import replaced
from ._config import repos
from ._config import url

#: The template's frozen revisions as an edit carries them: URL and pin.
Pins = tuple[tuple[str, Frozen], ...]


def pins(std: Standard) -> Pins:
    """The template's frozen revisions, to carry in an edit."""
    return tuple(frozen_revs(std).items())


def freeze(source: str, urls: t.Collection[str], frozen: t.Mapping[str, Frozen]) -> str:
    """Set the ``rev:`` of these hook repositories to the template's frozen
    SHA and comment, editing only the text of each ``rev:`` line.
    """
    _, data = yaml_load(source)
    lines = source.splitlines(keepends=True)

    entry: t.Any

    for entry in repos(data):
        found = url(entry)

        if found not in urls or "rev" not in entry:
            continue

        pin = frozen[found]
        number, column = entry.lc.value("rev")
        line = lines[number]
        rest = line[column:].rstrip("\n")
        value = re.escape(str(entry["rev"]))

        if not re.fullmatch(rf"(['\"]?){value}\1\s*(#.*)?", rest):
            raise FixConflict(f"the rev of {found} is not on a line of its own")

        lines[number] = f"{line[:column]}{pin.sha}  # frozen: {pin.tag}\n"

    return "".join(lines)


@dataclasses.dataclass(frozen=True)
class SyncHooks(Edit):
    """Bring hooks from the template's config into the project's.

    Renames hook ids, drops the hooks of replaced tools (and repositories
    left without hooks), then adds each template hook of ``ids`` that is
    missing, with its repository entry if that is missing too, and the
    flags the template gives it. The project's other hooks, arguments and
    comments stay. With ``freeze``, a repository that gets a hook renamed
    or added moves to the template's revision, which has that hook.

    :param template: The template's config, ``None`` when it has none.
    :param frozen: The template's frozen revisions.
    """

    path: str
    template: str | None
    frozen: Pins
    ids: tuple[str, ...]
    renames: tuple[tuple[str, str], ...] = ()
    drop: bool = False
    freeze: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        template = self.template

        if template is None:
            raise FixConflict(f"the template has no {PATH}")

        frozen = dict(self.frozen)

        def change(source: str) -> str:
            yaml, data = yaml_load(source)
            found = data.get("repos") if isinstance(data, dict) else None

            if not isinstance(found, list):
                raise FixConflict(f"{self.path} has no list of repos")

            moved = self._change(found, yaml_load(template)[1], frozen)
            result = yaml_dump(yaml, data)
            return freeze(result, moved, frozen) if moved else result

        return keep_newlines(text, change)

    def _change(
        self, entries: list[t.Any], expected: t.Any, frozen: dict[str, Frozen]
    ) -> set[str]:
        """Change the parsed entries; return the URLs to move to the
        template's revision.
        """
        moved = _rename(entries, dict(self.renames))

        if self.drop:
            _drop_replaced(entries)

        moved |= _add_missing(entries, expected, self.ids)
        return {
            url(e)
            for e in entries
            if isinstance(e, dict)
            and self.freeze
            and url(e) in moved
            and needs_freeze(url(e), e.get("rev"), frozen)
        }


def _rename(entries: list[t.Any], renames: dict[str, str]) -> set[str]:
    """Rename hook ids; return the URLs of the repositories renamed in."""
    moved: set[str] = set()

    for entry in entries:
        for hook in hooks(entry) if isinstance(entry, dict) else ():
            if hook.get("id") in renames:
                hook["id"] = renames[str(hook["id"])]
                moved.add(url(entry))

    return moved


def _drop_replaced(entries: list[t.Any]) -> None:
    """Delete the hooks of replaced tools, and repositories left without."""
    for index in reversed(range(len(entries))):
        entry = entries[index]

        if not isinstance(entry, dict) or not isinstance(entry.get("hooks"), list):
            continue

        found = entry["hooks"]

        for number in reversed(range(len(found))):
            if replaced(entry, found[number]):
                del found[number]

        if not found:
            del entries[index]


def _add_missing(
    entries: list[t.Any], expected: t.Any, ids: tuple[str, ...]
) -> set[str]:
    """Add the template's hooks of ``ids`` that are missing, each after the
    repository the template has before it; return the URLs of the
    repositories that got a hook.
    """
    moved: set[str] = set()
    position = 0

    for template_entry in repos(expected):
        wanted = [h for h in hooks(template_entry) if h.get("id") in ids]
        home = url(template_entry)
        found = next(
            (
                i
                for i, e in enumerate(entries)
                if isinstance(e, dict) and url(e) == home
            ),
            None,
        )

        if found is not None:
            position = found + 1

            if wanted and _add_hooks(entries[found], wanted):
                moved.add(home)
        elif wanted:
            entry = copy.deepcopy(template_entry)
            added = entry["hooks"]

            for number in reversed(range(len(added))):
                if added[number].get("id") not in ids:
                    del added[number]

            entries.insert(position, entry)
            position += 1

    return moved


def _add_hooks(entry: t.Any, wanted: list[t.Any]) -> bool:
    """Add the missing hooks and flags of a template entry; return whether a
    hook was added.
    """
    if not isinstance(entry.get("hooks"), list):
        raise FixConflict(f"{entry.get('repo')} has no list of hooks")

    found_hooks = entry["hooks"]
    added = False
    position = 0

    for hook in wanted:
        found = next((h for h in hooks(entry) if h.get("id") == hook.get("id")), None)

        if found is None:
            found_hooks.insert(position, copy.deepcopy(hook))
            added = True
            position += 1
            continue

        position = found_hooks.index(found) + 1
        more = sorted(flags(hook) - flags(found))

        if not more:
            continue

        if isinstance(found.get("args"), list):
            found["args"].extend(more)
        else:
            found["args"] = copy.deepcopy(hook["args"])

    return added
