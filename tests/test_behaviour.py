"""What eco-lint finds and proposes on every fixture, compared with what it
found and proposed when the record in ``tests/behaviour/`` was made.

Moving code between modules must not change a finding, a score or a fix:
each fixture project, historical generation, rendered answer set and
failing case of a rule is checked, and its findings (with every location),
its score and the unified diff of its proposed fixes are compared with the
record. A change that is meant to change them records them again::

    ECO_LINT_RECORD=1 uv run --locked pytest -m slow tests/test_behaviour.py

and the diff of ``tests/behaviour/`` shows, for review, what changed.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import typing as t
from pathlib import Path

import pytest

from eco_lint import pythons
from eco_lint.check import run_rules
from eco_lint.fix import plan
from eco_lint.repo import Repo
from eco_lint.template import template_version

from .answer_sets import ANSWERS
from .patterns import FIXTURES
from .patterns import write_repo
from .test_registry import FAILING

RECORD = Path(__file__).parent / "behaviour"
#: The day the Python calendar is read at, so that a version reaching its
#: end of life does not change the record.
DAY = datetime.date(2026, 11, 30)
#: The version the template repository of the tests is tagged with.
TAG = template_version()
GENERATIONS = ("G0", "G1", "G2", "G3", "G4", "G5")


def observe(path: Path) -> dict[str, t.Any]:
    """The score, the findings and the proposed fixes of a repository, with
    its folder and this year written as placeholders.
    """
    repo = Repo(path)
    report = run_rules(repo)
    changes, failed = plan(repo, report.fixes(("safe", "unsafe", "display")))
    found = {
        "score": report.score(),
        "results": [
            {
                "code": r.code,
                "status": r.status,
                "message": r.message,
                "locations": [
                    [p.path, p.line, p.column, p.message] for p in r.locations
                ],
                "fix": None if r.fix is None else [r.fix.title, r.fix.applicability],
            }
            for r in report.results
            if r.status != "pass"
        ],
        "refused": [[fix.title, str(reason)] for fix, reason in failed],
        "diff": "".join(change.diff() for change in changes).splitlines(),
    }
    text = json.dumps(found, indent=1, sort_keys=True)
    # The eco-lint hook is pinned to the commit of the template's tag, made
    # anew each session.
    text = re.sub(rf"[0-9a-f]{{40}}(  # frozen: {re.escape(TAG)})", r"<tag>\1", text)
    text = re.sub(r"/[^\s\"']*/template-repo[0-9]*", "<template>", text)
    text = text.replace(str(path.resolve()), "<repo>").replace(str(path), "<repo>")
    return t.cast(
        dict[str, t.Any],
        json.loads(text.replace(str(datetime.date.today().year), "<year>")),
    )


def compare(name: str, path: Path) -> None:
    """Compare what a repository gives with its record, or record it."""
    record = RECORD / f"{name}.json"
    found = observe(path)

    if os.environ.get("ECO_LINT_RECORD"):
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        return

    assert record.exists(), f"no record for {name}: record it with ECO_LINT_RECORD=1"
    assert found == json.loads(record.read_text())


@pytest.fixture(autouse=True)
def calendar_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pythons, "today", lambda: DAY)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture(name: str, tmp_path: Path) -> None:
    compare(f"fixtures/{name}", write_repo(tmp_path / name, FIXTURES[name]()))


@pytest.mark.parametrize("name", GENERATIONS)
def test_generation(name: str, built: Path, tmp_path: Path) -> None:
    path = tmp_path / "flask-tally"
    shutil.copytree(built, path, symlinks=True)
    compare(f"generations/{name}", path)


@pytest.mark.parametrize("name", ANSWERS)
def test_render(name: str, render: t.Callable[[str], Path], tmp_path: Path) -> None:
    path = tmp_path / "project"
    shutil.copytree(render(name), path, symlinks=True)
    compare(f"renders/{name}", path)


@pytest.mark.parametrize(
    ("code", "index"),
    [(code, index) for code, cases in FAILING.items() for index in range(len(cases))],
    ids=lambda v: str(v),
)
def test_case(
    code: str, index: int, render: t.Callable[[str], Path], tmp_path: Path
) -> None:
    case = FAILING[code][index]
    path = tmp_path / "project"
    shutil.copytree(render(case.base), path, symlinks=True)

    if case.prepare is not None:
        case.prepare(path)

    case.apply(path)
    compare(f"cases/{code}-{index}", path)


#: What makes each kind of file unparseable, appended to its text.
BREAKS = {
    ".toml": "\n= broken\n",
    ".lock": "\n= broken\n",
    ".yaml": "\n: [broken\n",
    ".yml": "\n: [broken\n",
    ".cfg": "",
    ".ini": "",
}
#: The parsed files of a rendered project.
RENDERED = (
    "pyproject.toml",
    "uv.lock",
    ".copier-answers.yml",
    ".pre-commit-config.yaml",
    ".readthedocs.yaml",
    *(
        f".github/workflows/{name}.yaml"
        for name in ("tests", "publish", "pre-commit", "zizmor", "lock")
    ),
)


def _parsed(files: t.Iterable[str]) -> list[str]:
    return sorted(f for f in files if f.endswith(tuple(BREAKS)))


def _broken() -> list[tuple[str, str, str]]:
    """``(kind, name, file)``: each parsed file of each fixture, generation
    and rendered project, to break.
    """
    from . import generations

    return [
        *(("fixtures", n, f) for n in FIXTURES for f in _parsed(FIXTURES[n]().files)),
        *(
            ("generations", n, f)
            for n in GENERATIONS
            for f in _parsed([*getattr(generations, n.lower())(), "uv.lock"])
            if f != "uv.lock" or n in generations.LOCKED
        ),
        *(("renders", "flask-eco-mit", f) for f in RENDERED),
    ]


def _break(path: Path, name: str) -> None:
    """Make a file unparseable, keeping what it holds: INI files lose the
    header of their first section.
    """
    target = path / name
    text = target.read_text(encoding="utf-8")
    suffix = Path(name).suffix

    if BREAKS[suffix]:
        target.write_text(text + BREAKS[suffix], encoding="utf-8")
    else:
        target.write_text(text.replace("[", "", 1), encoding="utf-8")


@pytest.mark.parametrize(("kind", "name", "file"), _broken())
def test_broken_file(
    kind: str,
    name: str,
    file: str,
    generation: t.Callable[[str], Path],
    render: t.Callable[[str], Path],
    tmp_path: Path,
) -> None:
    """A file that cannot be parsed stops what reads it, and only that."""
    path = tmp_path / "project"

    if kind == "fixtures":
        write_repo(path, FIXTURES[name]())
    else:
        source = generation(name) if kind == "generations" else render(name)
        shutil.copytree(source, path, symlinks=True)

    _break(path, file)
    compare(f"broken/{kind}-{name}-{file.replace('/', '-')}", path)


def test_every_record_is_compared() -> None:
    """A fixture or case that is gone takes its record with it."""
    names = {
        *(f"fixtures/{n}" for n in FIXTURES),
        *(f"generations/{n}" for n in GENERATIONS),
        *(f"renders/{n}" for n in ANSWERS),
        *(f"cases/{c}-{i}" for c, cases in FAILING.items() for i in range(len(cases))),
        *(f"broken/{k}-{n}-{f.replace('/', '-')}" for k, n, f in _broken()),
    }
    recorded = {
        str(p.relative_to(RECORD).with_suffix("")) for p in RECORD.rglob("*.json")
    }
    assert sorted(recorded - names) == []
