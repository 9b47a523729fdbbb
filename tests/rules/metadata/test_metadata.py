"""What the META rules share: the release calendar."""

from __future__ import annotations

import datetime

from eco_lint import pythons


def test_calendar():
    assert pythons.newest_released(datetime.date(2025, 10, 6)) == (3, 13)
    assert pythons.newest_released(datetime.date(2025, 10, 7)) == (3, 14)
    assert pythons.newest_released(datetime.date(2026, 11, 30)) == (3, 15)
    assert pythons.end_of_life((3, 9), datetime.date(2025, 11, 1))
    assert not pythons.end_of_life((3, 10), datetime.date(2026, 10, 31))
    assert pythons.end_of_life((3, 10), datetime.date(2026, 11, 1))
    assert pythons.end_of_life((3, 7), datetime.date(2020, 1, 1))
    assert not pythons.end_of_life((3, 16), datetime.date(2026, 1, 1))
