"""Generated files of every format, valid and broken, and every key of a
valid file given a value of another type: the check ends with exit code 0,
1 or 2 and never a traceback.

A bounded number of cases runs by default, the same in every run, so that
the suite passes or fails alike each time; ``pytest -m fuzz`` with
``ECO_LINT_FUZZ_EXAMPLES`` set runs as many as asked, new ones each run.
"""

from __future__ import annotations

import os
import tempfile
import typing as t
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from eco_lint.cli import main

EXAMPLES = int(os.environ.get("ECO_LINT_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize="ECO_LINT_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PYPROJECT: dict[str, t.Any] = {
    "project": {
        "name": "Flask-Thing",
        "version": "1.0",
        "requires-python": ">=3.10",
        "readme": "README.md",
        "license": "MIT",
        "classifiers": ["Typing :: Typed"],
        "dependencies": ["flask>=3"],
        "urls": {"Source": "https://github.com/pallets-eco/flask-thing/"},
    },
    "build-system": {
        "requires": ["flit_core<4"],
        "build-backend": "flit_core.buildapi",
    },
    "dependency-groups": {"dev": ["ruff"]},
    "tool": {
        "tox": {"env_list": ["py3.13"], "env_run_base": {"commands": [["pytest"]]}},
        "pytest": {
            "ini_options": {"testpaths": ["tests"], "filterwarnings": ["error"]}
        },
        "mypy": {"files": ["src"]},
    },
}
WORKFLOW: dict[str, t.Any] = {
    "name": "Tests",
    "on": {"push": None},
    "permissions": {},
    "jobs": {
        "tests": {
            "runs-on": "ubuntu-latest",
            "strategy": {"matrix": {"python": ["3.13"]}},
            "steps": [
                {"uses": "actions/checkout@v4", "with": {"persist-credentials": False}},
                {"run": "uv run tox -e ${{ matrix.python }}"},
            ],
        }
    },
}
PRECOMMIT: dict[str, t.Any] = {
    "repos": [
        {
            "repo": "https://github.com/astral-sh/ruff-pre-commit",
            "rev": "v0.1.0",
            "hooks": [{"id": "ruff", "args": ["--fix"]}],
        }
    ]
}
ANSWERS: dict[str, t.Any] = {
    "_commit": "0.1.0",
    "project_name": "Flask-Thing",
    "framework": "flask",
    "python_min": "3.10",
}
TOX_INI = "[tox]\nenv_list = py3\n\n[testenv]\ncommands = pytest\n"
SETUP_CFG = "[metadata]\nname = flask-thing\n\n[options]\ninstall_requires = flask\n"

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=8,
)


def _paths(data: t.Any, prefix: tuple[t.Any, ...] = ()) -> list[tuple[t.Any, ...]]:
    found = [prefix] if prefix else []

    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))

    return found


def _substitute(data: t.Any, path: tuple[t.Any, ...], value: t.Any) -> t.Any:
    import copy

    result = copy.deepcopy(data)
    node = result

    for key in path[:-1]:
        node = node[key]

    node[path[-1]] = value
    return result


def _toml(data: t.Any) -> str:
    import tomlkit

    def drop_none(value: t.Any) -> t.Any:
        if isinstance(value, dict):
            return {k: drop_none(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [drop_none(v) for v in value if v is not None]
        return value

    return tomlkit.dumps(drop_none(data))


FILES: dict[str, tuple[t.Any, t.Callable[[t.Any], str]]] = {
    "pyproject.toml": (PYPROJECT, _toml),
    ".github/workflows/tests.yaml": (WORKFLOW, yaml.safe_dump),
    ".pre-commit-config.yaml": (PRECOMMIT, yaml.safe_dump),
    ".copier-answers.yml": (ANSWERS, yaml.safe_dump),
}


def _project(root: Path, override: dict[str, str]) -> None:
    files = {name: dump(data) for name, (data, dump) in FILES.items()}
    files.update({"tox.ini": TOX_INI, "setup.cfg": SETUP_CFG, "README.md": "# X\n"})
    files["src/flask_thing/__init__.py"] = ""
    files.update(override)

    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")


def _check(override: dict[str, str], *args: str) -> int:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        _project(root, override)
        result = CliRunner().invoke(main, ["check", *args, str(root)])

    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception

    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code


@st.composite
def _typed_substitution(draw: st.DrawFn) -> dict[str, str]:
    name = draw(st.sampled_from(sorted(FILES)))
    data, dump = FILES[name]
    path = draw(st.sampled_from(_paths(data)))
    value = draw(values)

    try:
        text = dump(_substitute(data, path, value))
    except Exception:  # noqa: BLE001 -- a value the format cannot hold
        text = dump(data)

    return {name: text}


_any_file = st.sampled_from(
    [*sorted(FILES), "tox.ini", "setup.cfg", "setup.py", "README.md"]
)


@st.composite
def _broken_file(draw: st.DrawFn) -> dict[str, str]:
    name = draw(_any_file)
    text = draw(
        st.one_of(
            st.text(max_size=200),
            st.text(alphabet="[]{}:-&*!|>'\"#=\n .,\\$a1", max_size=200),
        )
    )
    return {name: text}


@pytest.mark.fuzz
@SETTINGS
@given(_typed_substitution())
def test_typed_substitution_of_every_key(override: dict[str, str]):
    _check(override)


@pytest.mark.fuzz
@SETTINGS
@given(_broken_file())
def test_broken_file_of_every_format(override: dict[str, str]):
    _check(override)


@pytest.mark.fuzz
@settings(SETTINGS, max_examples=max(EXAMPLES // 4, 3))
@given(_typed_substitution())
def test_fix_on_generated_input_is_idempotent(override: dict[str, str]):
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        _project(root, override)
        first = CliRunner().invoke(main, ["check", "--fix", str(root)])
        assert first.exit_code in (0, 1, 2), first.output
        assert first.exception is None or isinstance(first.exception, SystemExit)
        before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        second = CliRunner().invoke(main, ["check", "--fix", str(root)])
        assert second.exit_code in (0, 1, 2), second.output
        after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        assert after == before
