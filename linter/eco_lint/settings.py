"""Which rules run: ``[tool.eco-lint]`` of the checked repository, then the
command line.
"""

from __future__ import annotations

import dataclasses
import typing as t
from pathlib import PurePosixPath

from .errors import EcoLintError
from .registry import matches
from .repo import Repo


@dataclasses.dataclass(frozen=True)
class Settings:
    #: Codes or prefixes to check; ``ALL`` by default.
    select: tuple[str, ...] = ("ALL",)
    #: Codes or prefixes left out, each with the reason shown in reports.
    ignore: dict[str, str] = dataclasses.field(default_factory=dict)
    #: The baseline file, relative to the repository root.
    baseline: str = ".eco-lint-baseline.json"

    def selected(self, code: str) -> bool:
        return matches(code, self.select)

    def waiver(self, code: str) -> str | None:
        """The reason a code is ignored, or ``None`` if it is not."""
        for selector, reason in self.ignore.items():
            if matches(code, [selector]):
                return reason

        return None


def _codes(value: t.Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EcoLintError(f"{where} must be a list of rule codes.")

    return tuple(v.strip().upper() for v in value)


def _known(codes: t.Iterable[str], where: str) -> None:
    """Refuse a code or prefix that names no rule, rather than select or
    waive nothing without a word.
    """
    from .registry import collect_rules

    rules = collect_rules()

    for code in codes:
        if code != "ALL" and not any(matches(c, [code]) for c in rules):
            raise EcoLintError(
                f"{where}: no rule code starts with {code!r};"
                " 'eco-lint rules' lists them."
            )


def load_settings(
    repo: Repo,
    select: t.Sequence[str] = (),
    ignore: t.Sequence[str] = (),
) -> Settings:
    """Read ``[tool.eco-lint]`` and apply command line selections on top.

    :param repo: The repository being checked.
    :param select: Codes from ``--select``; they replace the configured ones.
    :param ignore: Codes from ``--ignore``; they add to the configured ones.
    """
    table = repo.tool("eco-lint")

    if not isinstance(table, dict):
        raise EcoLintError("[tool.eco-lint] in pyproject.toml must be a table.")

    unknown = set(table) - {"select", "extend-select", "ignore", "baseline"}

    if unknown:
        raise EcoLintError(
            f"Unknown key in [tool.eco-lint]: {', '.join(sorted(unknown))}."
        )

    chosen = _codes(table.get("select", ["ALL"]), "[tool.eco-lint] select")
    chosen += _codes(table.get("extend-select", []), "[tool.eco-lint] extend-select")
    waivers = _waivers(table.get("ignore", {}))
    baseline = _baseline(table.get("baseline", Settings.baseline))

    _known(chosen, "[tool.eco-lint] select")
    _known(waivers, "[tool.eco-lint] ignore")

    if select:
        chosen = tuple(s.upper() for s in select)

    for code in ignore:
        waivers.setdefault(code.upper(), "ignored on the command line")

    return Settings(select=chosen, ignore=waivers, baseline=baseline)


def _waivers(value: t.Any) -> dict[str, str]:
    """The configured ``ignore``: codes, or codes with their reasons."""
    if isinstance(value, list):
        return {code: "no reason given" for code in _codes(value, "ignore")}

    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {code.upper(): reason for code, reason in value.items()}

    raise EcoLintError("[tool.eco-lint] ignore must map rule codes to reasons.")


def _baseline(value: t.Any) -> str:
    """The configured baseline file, a relative path inside the repository."""
    if (
        not isinstance(value, str)
        or not value
        or PurePosixPath(value).is_absolute()
        or ".." in PurePosixPath(value).parts
        or "\\" in value
    ):
        raise EcoLintError(
            "[tool.eco-lint] baseline must be a relative path inside the repository."
        )

    return value


def split_codes(values: t.Sequence[str]) -> list[str]:
    """Codes from options given as ``A,B`` or repeated."""
    return [
        code.strip().upper()
        for value in values
        for code in value.split(",")
        if code.strip()
    ]
