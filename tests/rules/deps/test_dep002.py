from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import P

FAILING = {
    "DEP002": [
        Case(lambda r: edit(r, P, 'default-groups = ["dev", ', "default-groups = [")),
        Case(lambda r: edit(r, P, "default-groups = ", "# default-groups = ")),
    ],
}
