"""The CPython release calendar, as data: when each version was (or is
scheduled to be) released, and when it reaches end of life.

Dates come from each version's release schedule PEP. Where a PEP gives
only the month of end of life, the last day of that month is used.
"""

from __future__ import annotations

import datetime
import typing as t

#: ``(3, X)``: release date, end of life, and the PEP they come from.
CALENDAR: dict[tuple[int, int], tuple[datetime.date, datetime.date, int]] = {
    (3, 8): (datetime.date(2019, 10, 14), datetime.date(2024, 10, 7), 569),
    (3, 9): (datetime.date(2020, 10, 5), datetime.date(2025, 10, 31), 596),
    (3, 10): (datetime.date(2021, 10, 4), datetime.date(2026, 10, 31), 619),
    (3, 11): (datetime.date(2022, 10, 24), datetime.date(2027, 10, 31), 664),
    (3, 12): (datetime.date(2023, 10, 2), datetime.date(2028, 10, 31), 693),
    (3, 13): (datetime.date(2024, 10, 7), datetime.date(2029, 10, 31), 719),
    (3, 14): (datetime.date(2025, 10, 7), datetime.date(2030, 10, 31), 745),
    (3, 15): (datetime.date(2026, 10, 1), datetime.date(2031, 10, 31), 790),
}


def today() -> datetime.date:
    """The date the calendar is read at. Tests replace it."""
    return datetime.date.today()


def end_of_life(version: tuple[int, int], on: datetime.date | None = None) -> bool:
    """Whether a version is past its end of life. Versions older than the
    calendar are; newer ones are not.
    """
    on = on or today()

    if version in CALENDAR:
        return CALENDAR[version][1] < on

    return version < min(CALENDAR)


def newest_released(on: datetime.date | None = None) -> tuple[int, int]:
    """The newest version released by that date."""
    on = on or today()
    return max(v for v, (released, _, _) in CALENDAR.items() if released <= on)


def show(version: t.Sequence[int]) -> str:
    return ".".join(map(str, version))
