from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import move
from ...mutate import write

FAILING = {
    "LAY004": [
        Case(lambda r: move(r, "LICENSE.txt", "LICENSE")),
        Case(lambda r: write(r, "LICENSE.rst", "MIT License\n")),
    ],
}


def test_licence_rename_points_pyproject_at_the_new_name(tmp_path: Path):
    """Renaming LICENSE alone would leave ``license = {file = "LICENSE"}``
    naming a missing file, which the engine refuses; the rename carries
    the pyproject edit, so it applies and the holder's text is kept.
    """
    from eco_lint.check import fix_repository

    notice = "MIT License\n\nCopyright (C) 2011 Jane Roe\n"
    (tmp_path / "LICENSE").write_text(notice)
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["flit_core<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n'
        '[project]\nname = "licensed"\nversion = "1.0"\n'
        'description = "x"\nlicense = {file = "LICENSE"}\n'
    )
    (tmp_path / "licensed.py").write_text("")
    run = fix_repository(str(tmp_path), applicability=("safe", "unsafe"))
    assert not any("LICENSE" in title for title, _ in run.failed), run.failed
    assert not (tmp_path / "LICENSE").exists()
    assert (tmp_path / "LICENSE.txt").read_text() == notice
    assert "LICENSE.txt" in (tmp_path / "pyproject.toml").read_text()
    assert '"LICENSE"' not in (tmp_path / "pyproject.toml").read_text()


def test_unreadable_pyproject_costs_the_rename_only(tmp_path: Path):
    """The licence file is found without pyproject.toml; only the rename,
    which would point pyproject.toml at the new name, needs it. A file that
    cannot be parsed costs the fix, not the finding.
    """
    (tmp_path / "LICENSE").write_text("MIT License\n")
    (tmp_path / "pyproject.toml").write_text("[project\n")
    result = check_one(tmp_path, "LAY004")
    assert (result.status, result.message) == ("fail", "licence text in LICENSE")
    assert result.fix is None
