"""PUB005: no SLSA provenance job."""

from __future__ import annotations

from ...mutate import append
from ...mutate import Case
from ...mutate import edit
from .helpers import provenance
from .helpers import PUBLISH

FAILING = {
    "PUB005": [
        Case(
            lambda r: append(
                r,
                PUBLISH,
                "  provenance:\n    needs: [build]\n    uses: slsa-framework/"
                "slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"
                "@v2.1.0\n",
            )
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "    outputs:\n",
                "    outputs:\n      hash: ${{ steps.hash.outputs.hash }}\n",
            )
        ),
        Case(lambda r: edit(r, PUBLISH, " dist/*", " dist/* multiple.intoto.jsonl")),
        Case(provenance),
    ],
}
