"""Tell which generation of the Pallets layout a repository is in.

The generations follow the dated changes of the Pallets repositories:

- G0 (to 2022): metadata in ``setup.cfg`` or ``setup.py``.
- G1 (2023-01): ``[project]`` in pyproject, built by setuptools.
- G2 (2023-06): flit_core, pins compiled into ``requirements/*.txt``.
- G3 (2024-04): README.md and LICENSE.txt, tox.ini with update envs,
  gha-update instead of Dependabot.
- G4 (2025-05): uv.lock, ``[dependency-groups]`` and ``[tool.tox]``.
- G5 (2025-08): the publish workflow passes artifacts by id.
- G6 (2026-03): zizmor, ``permissions: {}`` and ``persist-credentials:
  false`` in every workflow.
"""

from __future__ import annotations

from .repo import Repo


def _uses(repo: Repo, text: str) -> bool:
    return any(text in (repo.text(name) or "") for name in repo.workflows)


def detect_generation(repo: Repo) -> tuple[str, list[str]]:
    """Return the generation (``G0`` to ``G6``) and the facts that place the
    repository there. A repository is placed in the newest generation whose
    fingerprint it shows.
    """
    backend = str(repo.pyproject.get("build-system", {}).get("build-backend", ""))
    workflows = repo.workflows

    if (
        repo.is_file("uv.lock")
        and "tox" in repo.tool()
        and "dependency-groups" in repo.pyproject
    ):
        hardened = bool(workflows) and all(
            w.get("permissions") == {} for w in workflows.values()
        )

        if repo.is_file(".github/workflows/zizmor.yaml") and hardened:
            return "G6", ["zizmor.yaml", "permissions: {} in every workflow"]

        if _uses(repo, "artifact-ids:"):
            return "G5", [
                "uv.lock with [tool.tox]",
                "publish downloads by artifact-ids",
            ]

        return "G4", ["uv.lock", "[tool.tox]", "[dependency-groups]"]

    if (
        repo.is_file("tox.ini")
        and repo.is_file("README.md")
        and (repo.is_file("LICENSE.txt") or "gha-update" in repo.tool())
    ):
        return "G3", ["tox.ini", "README.md", "LICENSE.txt or [tool.gha-update]"]

    if backend.startswith("flit_core"):
        return "G2", ["flit_core build backend"]

    if "project" in repo.pyproject:
        return "G1", ["[project] table", f"build backend {backend or 'unset'}"]

    if "metadata" in repo.setup_cfg or repo.setup_py:
        return "G0", ["metadata in setup.cfg or setup.py"]

    return "G0", ["no packaging metadata"]
