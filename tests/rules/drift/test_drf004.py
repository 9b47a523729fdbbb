from __future__ import annotations

from ...mutate import Case
from ...mutate import delete

FAILING = {
    "DRF004": [
        Case(lambda r: delete(r, "docs/license.md")),
        Case(lambda r: delete(r, ".github/ISSUE_TEMPLATE/config.yml")),
    ],
}
