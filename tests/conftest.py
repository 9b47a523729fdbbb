from __future__ import annotations

import os
import shutil
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest

from eco_lint.template import TEMPLATE_PARTS
from eco_lint.template import template_root
from eco_lint.template import template_version

#: Commands installed beside the interpreter running the tests.
BIN = Path(sys.executable).parent

#: Fixtures that run Copier, uv, tox, a build or a browser: a test that
#: uses one, directly or through another fixture, is marked ``slow``.
SLOW_FIXTURES = frozenset(
    {
        "template_repo",  # git; under render, versions and the copier tests
        "render",  # copier and uv lock, once per answer set
        "env",  # the environment of the commands a test runs
        "generation",  # the historical Pallets layouts, locked with uv
        "wheel",  # builds eco-lint's own wheel
        "runner",  # the GitHub Action's runner
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` the tests that use a :data:`SLOW_FIXTURES` fixture, and
    the ``fuzz`` tests, so that ``pytest -m "not slow"`` runs the rest in
    seconds.
    """
    for item in items:
        uses = getattr(item, "fixturenames", ())

        if SLOW_FIXTURES.intersection(uses) or item.get_closest_marker("fuzz"):
            item.add_marker(pytest.mark.slow)


def _python_dirs() -> list[str]:
    """Folders of every CPython 3.10+ that pyenv installed, so that uv and
    tox find each version without downloading one.
    """
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = sorted(root.glob("versions/3.1[0-9]*/bin"), key=lambda p: p.parent.name)
    return [str(path) for path in found]


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> t.Iterator[Path]:
    """Keep eco-lint's cache of rendered standards inside the test run, for
    checks run here and in the commands tests run.
    """
    path = tmp_path_factory.mktemp("eco-lint-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("ECO_LINT_CACHE_DIR", str(path))
    yield path
    patch.undo()


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every command a test runs: no interpreter
    downloads, a hermetic git identity, and no virtualenv leaking in from
    the test run (tox-uv sets ``UV_PROJECT_ENVIRONMENT`` to its own env,
    which a generated project's ``uv sync`` would otherwise replace).
    """
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test\n\temail = test@example.com\n"
        "[init]\n\tdefaultBranch = main\n"
    )
    result = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "UV_PYTHON", "PYTHONPATH", "GITHUB_TOKEN"}
        and not key.startswith(("GIT_", "TOX_", "PYTEST_", "COPIER_", "UV_"))
    }
    result.update(
        PATH=os.pathsep.join([*_python_dirs(), str(BIN), os.environ["PATH"]]),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        UV_PYTHON_DOWNLOADS="never",
        UV_NO_PROGRESS="1",
        NO_COLOR="1",
    )
    return result


def run(
    args: list[str | Path], cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a command and fail the test with its output if it fails."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )

    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )

    return result


def update(
    path: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    """``eco-lint update`` in a clean process, with no terminal."""
    return run(
        [sys.executable, "-m", "eco_lint", "update", str(path), *args],
        path,
        env,
        check=False,
    )


@pytest.fixture(scope="session")
def template_tag() -> str:
    return template_version()


@pytest.fixture(scope="session")
def template_repo(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str], template_tag: str
) -> Path:
    """A git repository holding the template as it is in this working tree,
    committed and tagged with the carried template version.
    """
    repo = tmp_path_factory.mktemp("template-repo")
    source = template_root()

    for part in TEMPLATE_PARTS:
        path = source / part

        if path.is_dir():
            shutil.copytree(
                path, repo / part, ignore=shutil.ignore_patterns(".*_cache")
            )
        else:
            shutil.copy2(path, repo / part)

    run(["git", "init", "-q"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "template"], repo, env)
    run(["git", "tag", template_tag], repo, env)
    return repo


@pytest.fixture(scope="session")
def render(
    template_repo: Path,
    template_tag: str,
    env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> t.Callable[[str], Path]:
    """Render an answer set once per session, with a ``uv.lock``, and return
    its folder. Tests copy it before changing anything.
    """
    import copier

    from .answer_sets import ANSWERS

    cache: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in cache:
            path = tmp_path_factory.mktemp(f"render-{name}") / "project"
            copier.run_copy(
                str(template_repo),
                path,
                data=ANSWERS[name],
                defaults=True,
                quiet=True,
                vcs_ref=template_tag,
            )
            run([BIN / "uv", "lock", "--quiet"], path, env)
            cache[name] = path

        return cache[name]

    return get


@pytest.fixture(scope="session")
def generation(
    env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> t.Callable[[str], Path]:
    """Build a historical Pallets layout of :mod:`tests.generations` once
    per session, locked where it was, and return its folder. Tests copy it
    before changing anything.
    """
    from .generations import build
    from .generations import LOCKED

    cache: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in cache:
            path = build(name, tmp_path_factory.mktemp(name) / "flask-tally")

            if name in LOCKED:
                run([BIN / "uv", "lock", "--quiet"], path, env)

            cache[name] = path

        return cache[name]

    return get


@pytest.fixture
def built(name: str, generation: t.Callable[[str], Path]) -> Path:
    """The generation a test is parametrized with (``name``), built during
    the test's setup: the first test to ask for one pays for its build
    (and its ``uv lock``) there, not in its own run.
    """
    return generation(name)


#: The commit a quick render pins the eco-lint hook to, standing in for the
#: commit of a template repository's tag.
QUICK_COMMIT = ("c0ffee" * 7)[:40]


@pytest.fixture(scope="session")
def quick_render(tmp_path_factory: pytest.TempPathFactory) -> t.Callable[[str], Path]:
    """Write an answer set as eco-lint itself renders the template, once
    per session, and return its folder: in milliseconds, with no Copier
    and no ``uv.lock``, which only uv writes. It is the project Copier
    makes (``tests/test_quick.py`` checks that both check alike). Tests
    copy it before changing anything.
    """
    from eco_lint.standard import Standard

    from .answer_sets import ANSWERS

    cache: dict[str, Path] = {}
    executable = {
        p.name.removesuffix(".jinja")
        for p in (template_root() / "template").rglob("*")
        if p.is_file() and os.access(p, os.X_OK)
    }

    def get(name: str) -> Path:
        if name not in cache:
            path = tmp_path_factory.mktemp(f"quick-{name}") / "project"
            std = Standard(ANSWERS[name], vcs_ref_hash=QUICK_COMMIT)

            for file in std.files():
                target = path / file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(std.text(file) or "", encoding="utf-8")

                if target.name in executable:
                    target.chmod(0o755)

            answers = std.answers_file(template_version(), str(template_root()))
            (path / ".copier-answers.yml").write_text(answers, encoding="utf-8")
            cache[name] = path

        return cache[name]

    return get


@pytest.fixture
def quick_repo(
    quick_render: t.Callable[[str], Path], tmp_path: Path
) -> t.Callable[..., Path]:
    """Copy a quick render of an answer set into the test's own folder."""

    def make(name: str = "flask-eco-mit") -> Path:
        path = tmp_path / "repo"
        shutil.copytree(quick_render(name), path, symlinks=True)
        return path

    return make


@pytest.fixture
def make_repo(render: t.Callable[[str], Path], tmp_path: Path) -> t.Callable[..., Path]:
    """Copy a rendered answer set into the test's own folder."""

    def make(name: str = "flask-eco-mit") -> Path:
        path = tmp_path / "repo"
        shutil.copytree(render(name), path, symlinks=True)
        return path

    return make


#: The second template version of :func:`versions`.
V2 = "99.0.0"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="session")
def versions(
    template_repo: Path, env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A clone of the template repository with a second version, ``V2``,
    on top of the one eco-lint carries: a changed workflow, a changed
    pyproject table and a new file.
    """
    repo = tmp_path_factory.mktemp("versions") / "template"
    run(["git", "clone", "-q", template_repo, repo], repo.parent, env)
    template = repo / "template"
    _replace(
        template / ".github/workflows/tests.yaml.jinja",
        "    paths-ignore: ['docs/**', 'README.md']\n  push:",
        "    paths-ignore: ['docs/**', 'README.md', 'CHANGES.*']\n  push:",
    )
    _replace(
        template / "pyproject.toml.jinja",
        '[tool.pytest.ini_options]\ntestpaths = ["{{ tests_path }}"]\n',
        '[tool.pytest.ini_options]\ntestpaths = ["{{ tests_path }}"]\n'
        "xfail_strict = true\n",
    )
    (template / ".github/CODEOWNERS.jinja").write_text("* @{{ org }}/maintainers\n")
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "second version"], repo, env)
    run(["git", "tag", V2], repo, env)
    return repo


def copied_project(source: Path, tag: str, env: dict[str, str], tmp_path: Path) -> Path:
    """A project copied from the template source at a tag, and committed."""
    import copier

    from .answer_sets import ANSWERS

    path = tmp_path / "project"
    copier.run_copy(
        str(source),
        path,
        data=ANSWERS["flask-eco-mit"],
        defaults=True,
        quiet=True,
        vcs_ref=tag,
    )
    run(["git", "init", "-q"], path, env)
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "-m", "copy"], path, env)
    return path
