"""How a project's additions to a template-owned file are kept when the
render is merged into it: its lines, hooks, jobs, events and matrix rows,
and the pins it moved past the render's.
"""

from __future__ import annotations

import typing as t

from ...edits import FixConflict
from ...repo import load_yaml
from ._pins import keep_newer_pins
from ._pins import same_line

#: The Read the Docs config, which builds with ``build.jobs`` or
#: ``build.commands``, never both.
READTHEDOCS = ".readthedocs.yaml"


def merges(path: str) -> bool:
    """Whether the merge keeps the project's additions to a file, rather
    than writing the render over it.
    """
    return (
        path == ".gitignore"
        or (path.startswith(".github/") and path.endswith(".md"))
        or path.endswith((".yaml", ".yml"))
    )


def keeps_render(path: str, render: str | None, project: str | None) -> bool:
    """Whether a project's file is the render with only what the project
    adds on purpose and the merge keeps: its own lines between the
    render's, in the render's order, and pins moved past the render's.
    Read the Docs takes ``build.jobs`` or ``build.commands``, not both: a
    project that builds with its own jobs keeps them.
    """
    if render is None or project is None or not merges(path):
        return False

    wanted = render.replace("\r\n", "\n").split("\n")

    if path == READTHEDOCS and builds_with_jobs(project):
        wanted = without_block(wanted, "  commands:")

    found = iter(project.replace("\r\n", "\n").split("\n"))
    return all(
        any(same_line(line, mine) for mine in found) for line in wanted if line.strip()
    )


def builds_with_jobs(project: str) -> bool:
    """Whether a Read the Docs config customises the build with
    ``build.jobs`` rather than replacing it with ``build.commands``.
    """
    data = load_yaml(project)
    build = data.get("build") if isinstance(data, dict) else None
    return isinstance(build, dict) and "jobs" in build and "commands" not in build


def without_block(lines: list[str], head: str) -> list[str]:
    """The lines without the block that starts at ``head`` and the lines
    indented below it.
    """
    if head not in lines:
        return lines

    start = lines.index(head)
    end = start + 1
    indent = len(head) - len(head.lstrip())

    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1

    return lines[:start] + lines[end:]


def merge_lines(render: str, project: str) -> str:
    """The render's lines, then the project's lines it lacks."""
    present = {line.strip() for line in render.splitlines()}
    extra = [
        line
        for line in project.replace("\r\n", "\n").splitlines()
        if line.strip() and line.strip() not in present
    ]

    if not extra:
        return render

    return render.rstrip("\n") + "\n" + "\n".join(extra) + "\n"


def merge_yaml(render: str, project: str) -> str:
    """The render of a YAML file with what the project's adds: its
    pre-commit repositories and hooks, or its workflow's keys, items and
    rows; pins the project moved past the render's stay.
    """
    from ...edits.yaml import yaml_dump
    from ...edits.yaml import yaml_load

    yaml, ours = yaml_load(render)
    _, theirs = yaml_load(project)

    if not isinstance(ours, dict) or not isinstance(theirs, dict):
        raise FixConflict("not a YAML mapping")

    if "repos" in ours:
        _merge_repos(ours["repos"], theirs.get("repos") or [])
    else:
        _merge_mapping(ours, theirs, ())

    return keep_newer_pins(yaml_dump(yaml, ours), project)


def _merge_mapping(ours: t.Any, theirs: t.Any, path: tuple[str, ...]) -> None:
    """Add what the project's workflow mapping has and the template's
    lacks: keys, list items and ``include`` rows; merge mappings below.
    Scalar values the template sets are the template's.
    """
    for key, value in theirs.items():
        if key not in ours:
            ours[key] = value
        elif isinstance(value, dict) and isinstance(ours[key], dict):
            _merge_mapping(ours[key], value, (*path, str(key)))
        elif isinstance(value, list) and isinstance(ours[key], list):
            if path[:1] == ("jobs",) and key == "steps":
                # The template's steps, unless the project's run something
                # the template's do not: then the project's, pins and all.
                if not {_step(i) for i in value} <= {_step(i) for i in ours[key]}:
                    ours[key] = value

                continue

            for item in value:
                if item not in ours[key]:
                    ours[key].append(item)
        elif path[:1] == ("on",) and ours[key] is None and value is not None:
            ours[key] = value


def _step(step: t.Any) -> str:
    """What a workflow step does: the action it uses, or its script."""
    if not isinstance(step, dict):
        return str(step)

    if "uses" in step:
        return str(step["uses"]).split("@")[0]

    return " ".join(str(step.get("run", "")).split())


def _repo_url(entry: t.Any) -> str:
    return str(entry.get("repo", "")) if isinstance(entry, dict) else ""


def _merge_repos(ours: list[t.Any], theirs: list[t.Any]) -> None:
    """Add the project's repositories and hooks to the template's."""
    by_url = {_repo_url(entry): entry for entry in ours}

    for entry in theirs:
        mine = by_url.get(_repo_url(entry))

        if mine is None:
            ours.append(entry)
            continue

        ids = {str(h.get("id")) for h in mine.get("hooks") or [] if isinstance(h, dict)}

        for hook in entry.get("hooks") or []:
            if isinstance(hook, dict) and str(hook.get("id")) not in ids:
                mine.setdefault("hooks", []).append(hook)
