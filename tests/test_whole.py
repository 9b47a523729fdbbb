"""Fixes keep the project whole: for each pattern fixture, after
``--fix`` and after ``--fix --unsafe-fixes``, the wheel has the same name,
version, requirements and entry points and at least the same files, the
licence notices and changelog versions are all there, pytest collects the
same tests, Sphinx builds the docs where it built them, CI keeps its jobs,
services and schedules, and a second run changes nothing. Each wheel is
built, and the docs read, once before and once per mode.
"""

from __future__ import annotations

import dataclasses
import email.parser
import shutil
import subprocess
import sys
import typing as t
import zipfile
from pathlib import Path

import pytest

from eco_lint.check import fix_repository
from eco_lint.check import FixRun
from eco_lint.facts import read_facts
from eco_lint.repo import Repo

from .conftest import BIN
from .conftest import run
from .patterns import docs_build
from .patterns import FIXTURES
from .patterns import write_repo

MODES = {"safe": ("safe",), "unsafe": ("safe", "unsafe")}


@dataclasses.dataclass
class Built:
    """What a build and a test collection of one state of a fixture gave."""

    name: str
    version: str
    requires: list[str]
    entry_points: set[str]
    files: set[str]
    tests: set[str]
    #: Whether Sphinx builds the docs with no warning; ``None`` without docs.
    docs: bool | None


def _entry_points(text: str) -> set[str]:
    found = set()
    group = ""

    for line in text.splitlines():
        line = line.strip()

        if line.startswith("["):
            group = line
        elif "=" in line:
            name, _, value = line.partition("=")
            found.add(f"{group} {name.strip()}={value.strip()}")

    return found


def _build(path: Path, env: dict[str, str], out: Path) -> Built:
    run([BIN / "uv", "build", "--wheel", "-q", "-o", out, "."], path, env)
    (wheel,) = out.glob("*.whl")

    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = email.parser.Parser().parsestr(
            z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        )
        eps = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry_points = _entry_points(z.read(eps[0]).decode()) if eps else set()

    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=path,
        env={**env, "PYTHONPATH": f"{path / 'src'}:{path}"},
        capture_output=True,
        text=True,
    )
    return Built(
        name=meta["Name"].lower().replace("_", "-"),
        version=meta["Version"],
        requires=sorted(
            "".join(r.split()) for r in meta.get_all("Requires-Dist") or []
        ),
        entry_points=entry_points,
        files={
            n for n in names if ".dist-info/" not in n and not n.endswith("py.typed")
        },
        tests={
            line.removeprefix("src/").split("::", 1)[0] + "::" + line.split("::")[-1]
            for line in collected.stdout.splitlines()
            if "::" in line
        },
        docs=docs_build(path, env),
    )


def _commit(path: Path, env: dict[str, str], tag: str | None) -> None:
    """Commit the fixes; a version from git tags is tagged again, as the
    next release would be, so that the versions compare.
    """
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "--allow-empty", "-m", "fix"], path, env)

    if tag is not None:
        run(["git", "tag", "-f", tag], path, env)


@pytest.fixture(scope="session")
def whole(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]
) -> t.Callable[[str, str], tuple[Built, Built, FixRun, Path, Path]]:
    """Build each fixture once before, and once after each mode of fixes."""
    cache: dict[tuple[str, str], t.Any] = {}
    before: dict[str, tuple[Path, Built]] = {}

    def get(name: str, mode: str) -> tuple[Built, Built, FixRun, Path, Path]:
        if name not in before:
            base = tmp_path_factory.mktemp(f"whole-{name}")
            path = write_repo(base / "repo", FIXTURES[name](), env)
            before[name] = path, _build(path, env, base / "dist")

        if (name, mode) not in cache:
            origin, built = before[name]
            path = tmp_path_factory.mktemp(f"whole-{name}-{mode}") / "repo"
            shutil.copytree(origin, path, symlinks=True)
            fixed = fix_repository(str(path), applicability=MODES[mode])
            _commit(path, env, FIXTURES[name]().tag)
            after = _build(path, env, path.parent / "dist")
            cache[name, mode] = built, after, fixed, origin, path

        return cache[name, mode]  # type: ignore[no-any-return]

    return get


CASES = [pytest.param(n, m, id=f"{n}-{m}") for n in FIXTURES for m in MODES]


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_wheel_is_kept(name: str, mode: str, whole: t.Callable[..., t.Any]):
    before, after, _, _, _ = whole(name, mode)
    assert after.name == before.name
    assert after.version == before.version
    assert after.requires == before.requires
    assert after.entry_points == before.entry_points
    assert before.files - after.files == set()


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_same_tests_collected(name: str, mode: str, whole: t.Callable[..., t.Any]):
    before, after, _, _, _ = whole(name, mode)
    assert before.tests
    assert after.tests == before.tests


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_docs_still_build(name: str, mode: str, whole: t.Callable[..., t.Any]):
    """Where Sphinx built the docs before, it still builds them; a fix
    that would make it warn was refused, naming what it keeps.
    """
    before, after, _, _, _ = whole(name, mode)

    if before.docs:
        assert after.docs

    if FIXTURES[name]().files.get("docs/conf.py"):
        assert before.docs


def test_docs_fix_refused_naming_the_build(whole: t.Callable[..., t.Any]):
    """A licence page of the template shows LICENSE.txt, which only the
    unsafe rename writes: the safe run leaves the page out, and says why.
    """
    _, _, fixed, _, path = whole("legacy", "safe")
    reasons = dict(fixed.failed)
    assert (
        "it would lose docs that build (docs/license.rst includes"
        in (reasons["Write the template's changes and licence pages"])
    )
    assert not (path / "docs/license.rst").exists()
    _, _, _, _, path = whole("legacy", "unsafe")
    assert "license" in (path / "docs/index.rst").read_text()


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_owned_text_and_ci_kept(name: str, mode: str, whole: t.Callable[..., t.Any]):
    _, _, _, origin, path = whole(name, mode)
    old, new = read_facts(Repo(origin)), read_facts(Repo(path))

    for field in (
        "copyright",
        "changelog",
        "attributes",
        "ci_jobs",
        "ci_services",
        "ci_triggers",
        "ci_runners",
        "ci_matrix",
        "gitignore",
        "hooks",
    ):
        assert getattr(old, field) - getattr(new, field) == set(), field

    assert len(new.publishers) <= max(len(old.publishers), 1)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_fixes_applied_or_refused(name: str, mode: str, whole: t.Callable[..., t.Any]):
    """The run changed something, and each refusal names what it keeps."""
    _, _, fixed, _, _ = whole(name, mode)
    assert fixed.written

    for title, reason in fixed.failed:
        if reason.startswith("it would lose"):
            assert "; " in reason, title


@pytest.mark.parametrize("name", list(FIXTURES))
def test_second_run_changes_nothing(name: str, whole: t.Callable[..., t.Any]):
    _, _, _, _, path = whole(name, "unsafe")
    assert fix_repository(str(path), applicability=MODES["unsafe"]).written == ()


def test_refusals_name_the_fact(whole: t.Callable[..., t.Any]):
    _, _, fixed, _, _ = whole("translations", "unsafe")
    reasons = dict(fixed.failed)
    assert "hatch build hook" in reasons["Build with flit_core"]
    _, _, fixed, _, _ = whole("scm", "unsafe")
    reasons = dict(fixed.failed)
    assert "version" in reasons["Build with flit_core"]
