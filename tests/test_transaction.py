"""Writes are one transaction per run: an interrupt between any two steps,
in-process or by a signal, leaves every file old or new, the next run
converges, and no temporary file survives.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import typing as t
from pathlib import Path

import pytest

from eco_lint import transaction
from eco_lint.fix import Change
from eco_lint.repo import Repo
from eco_lint.transaction import JOURNAL
from eco_lint.transaction import recover
from eco_lint.transaction import Transaction
from eco_lint.transaction import write

from .mutate import move


def _tree(path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file() and ".git/" not in p.relative_to(path).as_posix()
    }


def _dirs(path: Path) -> set[str]:
    return {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_dir()}


def _leftovers(path: Path) -> list[str]:
    return [
        p.as_posix()
        for p in path.rglob("*")
        if p.name.endswith(".eco-lint.tmp") or p.name == JOURNAL
    ]


class Fault(Exception):
    pass


def _fault_at(index: int, kind: type[BaseException]) -> t.Callable[[str], None]:
    """A fault hook that raises at the step of this index, once."""
    count = [0]

    def fault(step: str) -> None:
        count[0] += 1

        if count[0] == index + 1:
            raise kind(step)

    return fault


class Killed(BaseException):
    """Stands for SIGKILL: nothing runs after it, not even the undo."""


def _old_tree(path: Path) -> None:
    (path / "pkg").mkdir()
    (path / "pkg" / "__init__.py").write_text("VALUE = 1\n")
    (path / "keep.txt").write_text("kept\n")
    (path / "edit.txt").write_text("old\n")
    (path / "gone.txt").write_text("gone\n")
    (path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    os.chmod(path / "edit.txt", 0o600)


CHANGES = [
    # A move: the module goes to src/, its old folder is emptied.
    Change("src/pkg/__init__.py", None, "VALUE = 1\n"),
    Change("pkg/__init__.py", "VALUE = 1\n", None),
    Change("edit.txt", "old\n", "new\n"),
    Change("gone.txt", "gone\n", None),
    Change("deep/er/new.txt", None, "made\n"),
]


def _steps(tmp_path: Path) -> list[str]:
    """Every step a write takes, by name."""
    path = tmp_path / "count"
    path.mkdir()
    _old_tree(path)
    steps: list[str] = []
    original = transaction._fault
    transaction._fault = steps.append  # type: ignore[assignment]

    try:
        write(Repo(path), CHANGES)
    finally:
        transaction._fault = original  # type: ignore[assignment]

    return steps


def test_write_creates_before_it_deletes(tmp_path: Path):
    steps = _steps(tmp_path)
    created = steps.index(
        next(s for s in steps if s.startswith("rename") and "src" in s)
    )
    removed = steps.index(
        next(s for s in steps if s.startswith("delete") and "pkg" in s)
    )
    assert created < removed
    path = tmp_path / "count"
    assert not (path / "pkg").exists()
    assert (path / "src/pkg/__init__.py").read_text() == "VALUE = 1\n"
    assert (path / "edit.txt").stat().st_mode & 0o777 == 0o600
    assert _leftovers(path) == []


@pytest.mark.parametrize("kind", [Fault, KeyboardInterrupt])
def test_interrupt_between_any_two_steps_leaves_the_old_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: type[BaseException]
):
    steps = _steps(tmp_path)
    assert len(steps) > 10
    new_path = tmp_path / "count"
    new = _tree(new_path)

    for index in range(len(steps)):
        path = tmp_path / f"run{index}"
        path.mkdir()
        _old_tree(path)
        old, old_dirs = _tree(path), _dirs(path)

        fault = _fault_at(index, kind)

        monkeypatch.setattr(transaction, "_fault", fault)

        with pytest.raises(kind):
            write(Repo(path), CHANGES)

        monkeypatch.setattr(transaction, "_fault", lambda step: None)
        assert _tree(path) == old, steps[index]
        assert _dirs(path) == old_dirs, steps[index]
        assert _leftovers(path) == [], steps[index]
        # And running again converges on the new tree.
        write(Repo(path), CHANGES)
        assert _tree(path) == new
        assert _leftovers(path) == []


def test_killed_run_is_undone_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A kill leaves the journal; the next run undoes the changes first."""
    steps = _steps(tmp_path)
    new = _tree(tmp_path / "count")

    for index in range(len(steps)):
        path = tmp_path / f"kill{index}"
        path.mkdir()
        _old_tree(path)
        old = _tree(path)

        fault = _fault_at(index, Killed)

        monkeypatch.setattr(transaction, "_fault", fault)
        # Simulate a kill: skip the undo the transaction does on the way out.
        monkeypatch.setattr(transaction, "recover", lambda root: False)

        with pytest.raises(Killed):
            write(Repo(path), CHANGES)

        monkeypatch.undo()
        transaction._ACTIVE.clear()

        for name, data in _tree(path).items():
            if name.startswith(JOURNAL) or name.endswith(".eco-lint.tmp"):
                continue
            assert data in (old.get(name), new.get(name)), name

        recover(path)
        assert _tree(path) == old
        assert _leftovers(path) == []


def test_hostile_journal_stays_inside(tmp_path: Path):
    """A journal shipped in a repository cannot reach outside it."""
    outside = tmp_path / "outside.txt"
    outside.write_text("safe\n")
    path = tmp_path / "repo"
    path.mkdir()
    (path / JOURNAL).mkdir()
    (path / JOURNAL / "index").write_text(
        '{"op": "file", "path": "../outside.txt", "backup": null, "mode": null}\n'
        '{"op": "file", "path": "/etc/hostname", "backup": null, "mode": null}\n'
    )
    assert recover(path)
    assert outside.read_text() == "safe\n"
    assert not (path / JOURNAL).exists()


def test_transaction_undoes_every_write_of_a_run(tmp_path: Path):
    path = tmp_path / "repo"
    path.mkdir()
    _old_tree(path)
    old = _tree(path)

    with pytest.raises(RuntimeError), Transaction(path):
        write(Repo(path), CHANGES[:2])
        write(Repo(path), CHANGES[2:])
        raise RuntimeError("a later write is refused")

    assert _tree(path) == old
    assert _leftovers(path) == []


# A real run, interrupted by a signal --------------------------------------

RUN = """
import sys
from eco_lint.cli import main
sys.argv = ["eco-lint", "check", "--unsafe-fixes", sys.argv[1]]
main()
"""


#: The package is found from the folder it is in, and its module compiles
#: (importing it would import Flask, which this environment need not have).
IMPORTABLE = """
import importlib.util, sys
sys.path.insert(0, ".")
spec = importlib.util.find_spec("flask_greeting")
assert spec and spec.origin, "flask_greeting is gone"
compile(open(spec.origin).read(), spec.origin, "exec")
"""


@pytest.fixture(scope="module")
def flat(render: t.Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory):
    """A project with its package at the top, which the unsafe fixes move
    into src/, and the tree they make.
    """
    import shutil

    from eco_lint.check import fix_repository

    base = tmp_path_factory.mktemp("flat") / "repo"
    shutil.copytree(render("flask-eco-mit"), base, symlinks=True)
    (base / ".copier-answers.yml").unlink()
    move(base, "src/flask_greeting", "flask_greeting")
    (base / "src").rmdir()
    fixed = base.parent / "fixed"
    shutil.copytree(base, fixed, symlinks=True)
    fix_repository(str(fixed), applicability=("safe", "unsafe"))
    assert (fixed / "src/flask_greeting/__init__.py").is_file()
    return base, fixed


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_signal_at_random_moments(
    sig: signal.Signals, flat: tuple[Path, Path], tmp_path: Path, env: dict[str, str]
):
    import shutil

    base, fixed = flat
    old, new = _tree(base), _tree(fixed)
    rng = random.Random(14 + sig)

    for trial in range(3):
        path = tmp_path / f"t{trial}"
        shutil.copytree(base, path, symlinks=True)
        process = subprocess.Popen(
            [sys.executable, "-c", RUN, str(path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(sig)
        process.wait(timeout=60)
        now = _tree(path)

        for name, data in now.items():
            if name.startswith(JOURNAL) or name.endswith(".eco-lint.tmp"):
                assert sig == signal.SIGKILL, name
                continue

            assert data in (old.get(name), new.get(name)), name

        if sig == signal.SIGINT:
            assert now in (old, new)

        # The package imports, from where it is, in either tree.
        src = path / "src" if (path / "src/flask_greeting").is_dir() else path
        subprocess.run([sys.executable, "-c", IMPORTABLE], cwd=src, env=env, check=True)
        # Running again converges.
        subprocess.run([sys.executable, "-c", RUN, str(path)], env=env, check=False)
        assert _tree(path) == new
        assert _leftovers(path) == []
