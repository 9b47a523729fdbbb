"""The date the META tests read the release calendar at."""

from __future__ import annotations

import datetime
import typing as t

import pytest

from eco_lint import pythons


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch) -> t.Callable[[str], None]:
    def set_today(value: str) -> None:
        day = datetime.date.fromisoformat(value)
        monkeypatch.setattr(pythons, "today", lambda: day)

    return set_today
