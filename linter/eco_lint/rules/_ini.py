"""The INI files tools still read (``setup.cfg``, ``tox.ini``): their
sections as configparser reads them, and where each section starts.
"""

from __future__ import annotations

import typing as t

from ..edits.ini import HEADER

if t.TYPE_CHECKING:
    from ..repo import Repo

SETUP_CFG = "setup.cfg"
TOX_INI = "tox.ini"


def sections(repo: Repo, path: str) -> dict[str, dict[str, str]]:
    """The sections of ``setup.cfg`` or ``tox.ini``, read once per
    repository; ``{}`` for a missing file, one that cannot be parsed, or
    another file.
    """
    if path == SETUP_CFG:
        return repo.setup_cfg

    return repo.tox_ini if path == TOX_INI else {}


def section_line(repo: Repo, path: str, section: str) -> int | None:
    """The line of a section's header, found as
    :class:`~eco_lint.edits.ini.RemoveSections` finds it.
    """
    for number, line in enumerate((repo.text(path) or "").splitlines(), 1):
        match = HEADER.match(line)

        if match and match.group(1).strip() == section:
            return number

    return None
