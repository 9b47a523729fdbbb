"""Whether a build can move to flit_core without losing what the project
ships: the build rules, the layout's move to ``src/`` and the template's
``pyproject.toml`` all ask.
"""

from __future__ import annotations

from ..answers import inferred
from ..repo import Repo
from ._facts import backend
from ._version import scm_refusal

#: setup() keywords that change what is built or installed, and that a
#: move to flit_core cannot carry when they are computed in code.
_SETUP_KEYWORDS = (
    "name",
    "version",
    "install_requires",
    "extras_require",
    "entry_points",
    "python_requires",
    "package_data",
    "scripts",
)


def _target() -> str:
    """The backend a build moves to: the template's."""
    return backend().name


def migration_blocker(repo: Repo) -> str | None:
    """Why the build cannot move to flit_core without losing what the
    project ships, or ``None``: a version from git tags, a build hook, files
    installed outside the package, several top-level packages, or metadata
    that ``setup.py`` computes in code.
    """
    return (
        scm_refusal(repo)
        or _hatch_blocker(repo)
        or _tool_blocker(repo)
        or _setup_py_blocker(repo)
        or _setup_cfg_blocker(repo)
        or _packages_blocker(repo)
    )


def _hatch_blocker(repo: Repo) -> str | None:
    """Why hatch's build configuration cannot move: a build hook, or files
    a target adds that flit_core cannot express.
    """
    hatch = repo.tool("hatch", "build")
    hatch = hatch if isinstance(hatch, dict) else {}
    targets = hatch.get("targets") if isinstance(hatch.get("targets"), dict) else {}
    hooks = [f"[tool.hatch.build.hooks.{n}]" for n in hatch.get("hooks") or {}]

    for target, table in (targets or {}).items():
        if isinstance(table, dict):
            hooks += [
                f"[tool.hatch.build.targets.{target}.hooks.{n}]"
                for n in table.get("hooks") or {}
            ]

            for key in ("force-include", "shared-data", "artifacts", "sources"):
                if table.get(key):
                    return (
                        f"[tool.hatch.build.targets.{target}] sets {key}, which"
                        f" {_target()} cannot express: move the build by hand"
                    )

    for key in ("force-include", "shared-data", "artifacts"):
        if hatch.get(key):
            return (
                f"[tool.hatch.build] sets {key}, which {_target()} cannot express:"
                " move the build by hand"
            )

    if hooks:
        return (
            f"a hatch build hook ({hooks[0]}) runs when the wheel is built, and"
            f" {_target()} runs none: keep hatchling, or build those files by hand"
        )

    return None


def _tool_blocker(repo: Repo) -> str | None:
    """Why Poetry's or setuptools' ``[tool.*]`` build steps cannot move."""
    if repo.tool("poetry", "build"):
        return f"[tool.poetry.build] runs a build script, and {_target()} runs none"

    if repo.tool("setuptools", "cmdclass") or repo.tool("setuptools", "data-files"):
        return (
            f"[tool.setuptools] sets cmdclass or data-files, which {_target()}"
            " cannot express: move the build by hand"
        )

    return None


def _setup_py_blocker(repo: Repo) -> str | None:
    """Why ``setup.py`` cannot move: build steps, data files, or arguments
    computed in code.
    """
    if not repo.is_file("setup.py"):
        return None

    kw = repo.setup_py

    if not kw and not repo.project:
        return "setup.py has no setup() call with literal arguments to move"

    if "cmdclass" in kw or "ext_modules" in kw:
        return (
            f"setup.py sets cmdclass or ext_modules, build steps {_target()}"
            " cannot run: keep setuptools"
        )

    if "data_files" in kw:
        return (
            "setup.py installs data_files outside the package, which"
            f" {_target()} cannot express"
        )

    computed = [k for k in _SETUP_KEYWORDS if kw.get(k) is ...]

    if computed:
        return (
            f"setup.py computes {', '.join(computed)} in code; move"
            " them to [project] by hand (eco-lint never runs setup.py)"
        )

    return None


def _setup_cfg_blocker(repo: Repo) -> str | None:
    """Why ``setup.cfg`` cannot move: files installed outside the package."""
    if "data_files" in repo.setup_cfg.get("options", {}) or (
        "options.data_files" in repo.setup_cfg
    ):
        return "setup.cfg installs data_files outside the package"

    return None


def _packages_blocker(repo: Repo) -> str | None:
    """Why another tool's build cannot move: no one top-level package."""
    if (
        repo.is_file("setup.py")
        or repo.setup_cfg
        or repo.tool("setuptools")
        or repo.tool("hatch")
        or repo.tool("poetry")
    ) and not inferred(repo).get("import_name"):
        return (
            f"no single top-level package to build: {_target()} builds one"
            " module, name it in [tool.flit.module] by hand"
        )

    return None
