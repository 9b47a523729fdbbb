"""What keeps a check cheap (libyaml's loader, the cache of rendered
standards, parallel checks) gives the results of the slow path.
"""

from __future__ import annotations

import json
import sys
import typing as t
from pathlib import Path

import pytest
import yaml

from eco_lint import cache
from eco_lint.repo import LOADER
from eco_lint.repo import PY_LOADER
from eco_lint.standard import Standard

from .answer_sets import ANSWERS
from .conftest import run


@pytest.mark.parametrize("name", ANSWERS)
def test_c_loader_reads_as_the_python_loader(
    name: str, render: t.Callable[[str], Path]
):
    path = render(name)
    files = sorted(path.rglob("*.y*ml"))
    assert any(f.parent.name == "workflows" for f in files)

    for file in files:
        text = file.read_text()
        data = yaml.load(text, Loader=LOADER)  # noqa: S506
        assert data == yaml.load(text, Loader=PY_LOADER), file  # noqa: S506

        if file.parent.name == "workflows":
            assert "on" in data and True not in data, file


def test_c_loader_is_used_where_pyyaml_has_it():
    assert issubclass(LOADER, yaml.CSafeLoader) == yaml.__with_libyaml__
    assert yaml.load("on: [push]\nyes: no\n", Loader=LOADER) == {  # noqa: S506
        "on": ["push"],
        "yes": "no",
    }


def _entries(root: Path) -> list[Path]:
    return sorted((root / "standard").glob("*.json"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("ECO_LINT_CACHE_DIR", str(path))
    return path


def test_render_is_cached_and_read_back(cache_dir: Path):
    answers = ANSWERS["click-plugin"]
    first = Standard(answers)
    expected = {name: first.text(name) for name in first.files()}
    (entry,) = _entries(cache_dir)
    stored = json.loads(entry.read_text())
    assert stored["value"]["files"] == expected
    again = Standard(answers)
    assert {name: again.text(name) for name in again.files()} == expected
    assert again.answers == first.answers


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda e: "{not json", id="corrupt"),
        pytest.param(lambda e: e[: len(e) // 2], id="truncated"),
        pytest.param(
            lambda e: e.replace('\\"version\\": \\"', '\\"version\\": \\"0.0.1-'),
            id="other-version",
        ),
        pytest.param(lambda e: e.replace('"format": 1', '"format": 0'), id="format"),
        pytest.param(
            lambda e: json.dumps({**json.loads(e), "value": {"files": []}}),
            id="shape",
        ),
    ],
)
def test_stale_or_corrupt_entry_is_ignored_and_rebuilt(
    cache_dir: Path, spoil: t.Callable[[str], str]
):
    answers = ANSWERS["jinja-scripts"]
    fresh = Standard(answers)
    expected = {name: fresh.text(name) for name in fresh.files()}
    (entry,) = _entries(cache_dir)
    good = entry.read_text()
    # The spoiled entry holds a render no eco-lint would make, so that
    # reading it would show.
    stale = json.loads(good)
    stale["value"]["files"] = {
        name: text.replace("Jinja-Shout", "Stale-Name")
        for name, text in stale["value"]["files"].items()
    }
    spoiled = spoil(json.dumps(stale))
    entry.write_text(spoiled)
    standard = Standard(answers)
    assert {name: standard.text(name) for name in standard.files()} == expected
    assert entry.read_text() == good


def test_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ECO_LINT_CACHE_DIR", str(blocker / "cache"))
    assert Standard(ANSWERS["quart-eco"]).text("pyproject.toml")


def test_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("ECO_LINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "eco-lint"

    monkeypatch.setenv("ECO_LINT_CACHE_DIR", str(tmp_path / "given"))
    assert cache.cache_dir() == tmp_path / "given"


def test_check_with_a_warm_cache_imports_no_renderer(
    make_repo: t.Callable[..., Path], env: dict[str, str], tmp_path: Path
):
    """A check needs neither Jinja nor the writing libraries, nor
    OpenSSL's library (hashlib loads it; Jinja imports hashlib): a render
    is made by a process of its own, and once cached is read back.
    """
    code = (
        "import sys\n"
        "from eco_lint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(make_repo())!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('copier', 'tomlkit', 'ruamel', 'jinja2', 'importlib.metadata',"
        " '_hashlib')\n"
        "print('imported:', sorted(m for m in heavy if m in sys.modules))\n"
    )
    cached = {**env, "ECO_LINT_CACHE_DIR": str(tmp_path / "cache")}
    cold = run([sys.executable, "-c", code], Path.cwd(), cached)
    assert "imported: []" in cold.stdout
    assert list((tmp_path / "cache" / "standard").iterdir())
    warm = run([sys.executable, "-c", code], Path.cwd(), cached)
    assert "imported: []" in warm.stdout


def test_render_apart_is_the_render_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The process that renders gives what rendering here gives; when it
    cannot run, the render is made here.
    """
    monkeypatch.setenv("ECO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    standard = Standard(ANSWERS["werkzeug-long-name"])
    apart = standard._render_apart()
    assert apart is not None
    assert apart == standard._render()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "missing"))
    assert standard._render_apart() is None
    assert standard.text("pyproject.toml") == apart["files"]["pyproject.toml"]


def test_many_paths_in_one_call_match_one_by_one(
    render: t.Callable[[str], Path], env: dict[str, str]
):
    """Several paths are checked in parallel; their reports are those of
    checking each alone, in the order given.
    """
    paths = [str(render(name)) for name in ("quart-eco", "flask-eco-mit", "quart-eco")]
    command = [Path(sys.executable).parent / "eco-lint", "check", "--format", "json"]
    together = json.loads(run([*command, *paths], Path.cwd(), env, check=False).stdout)[
        "reports"
    ]
    alone = [
        json.loads(run([*command, p], Path.cwd(), env, check=False).stdout)["reports"][
            0
        ]
        for p in paths
    ]
    assert together == alone


def test_declared_dependencies_are_what_is_imported():
    """The package declares every distribution it imports, and nothing
    that nothing imports; Copier (and plumbum, whose errors it raises) is
    an extra, for ``eco-lint update``.
    """
    import ast
    import importlib.metadata
    import re
    import tomllib

    import eco_lint

    imported: set[str] = set()

    for path in Path(eco_lint.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module.split(".")[0])

    distributions = importlib.metadata.packages_distributions()

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    def names(requirements: list[str]) -> set[str]:
        return {normal(re.split(r"[ <>=;\[]", r, maxsplit=1)[0]) for r in requirements}

    used = {
        normal(dist)
        for name in imported - set(sys.stdlib_module_names) - {"eco_lint"}
        for dist in distributions.get(name, [name])
    }
    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text())["project"]
    update = names(project["optional-dependencies"]["update"])
    assert update == {"copier", "plumbum"}
    assert used == names(project["dependencies"]) | update


@pytest.mark.parametrize("name", ["flask-eco-mit", "werkzeug-long-name"])
def test_lock_is_read_for_the_project_only(name: str, render: t.Callable[[str], Path]):
    """Rules read the top of ``uv.lock`` and the project's own entry; the
    entries of its dependencies are not parsed.
    """
    import tomllib

    from eco_lint.repo import Repo

    path = render(name)
    full = tomllib.loads((path / "uv.lock").read_text())
    lock = Repo(path).uv_lock
    assert len(full["package"]) > 1
    assert {k: v for k, v in lock.items() if k != "package"} == {
        k: v for k, v in full.items() if k != "package"
    }
    assert lock["package"] == [
        p
        for p in full["package"]
        if p.get("source") in ({"editable": "."}, {"virtual": "."})
    ]
