"""Rules, families and the registry that collects them.

A rule is a class whose name is its code. Its docstring holds the title on
the first line and the docs below, in four Markdown sections: ``## What it
does``, ``## Why``, ``## Example`` and ``## Fix``. It carries a weight from 1
(cosmetic) to 5 (breaks a release or security), may declare that it does
not apply to a repository, and checks it::

    class BLD001(Build):
        \"\"\"Builds with flit_core

        ## What it does
        ...
        \"\"\"

        weight = 3

        @classmethod
        def check(cls, repo: Repo, std: Standard) -> Outcome:
            ...

``check`` compares the repository with ``std``, the template rendered for
it. It returns ``None`` when the rule passes, :class:`Fail` with a message
(and the file, line and column where it can) when it fails, a sequence of
them when it fails in several places, or :class:`Skip` with a reason when
it cannot tell. A rule fails once in the score however many places it
names. A failure carries the fix that repairs it, worked out from what the
check found, so that nothing is found twice; a rule whose failures can
carry one says so with ``fixable = True``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import typing as t

if t.TYPE_CHECKING:
    from .fix import Fix
    from .repo import Repo
    from .standard import Standard

#: The four sections every rule's docs have, in order.
DOC_SECTIONS = ("## What it does", "## Why", "## Example", "## Fix")


@dataclasses.dataclass(frozen=True)
class Fail:
    """A rule found a difference from the standard.

    :param message: What was found, in one sentence.
    :param path: The file it is in, relative to the repository root.
    :param line: The line, from 1, where it can be told.
    :param column: The column, from 1, where it can be told.
    :param fix: The change that repairs it, if one can be told, or a
        function that works it out from what the check found: use one when
        the fix reads what the check's verdict does not (the render, another
        file), so that a file that could not be read stops the fix and not
        the check. Failures of one rule that carry the same fix name it once.
    """

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    fix: Fix | t.Callable[[], Fix | None] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )


@dataclasses.dataclass(frozen=True)
class Skip:
    """A rule could not tell, for example because a file it reads is
    missing and another rule already reports that.

    :param reason: Why, in one sentence.
    :param because: The code of the rule that reports the cause. When the
        project waives that rule, or it does not apply, this one does not
        apply either.
    """

    reason: str
    because: str | None = None


#: What a rule's ``check`` returns: ``None`` when it passes, else the
#: failures (one, a list, or yielded one by one), or a skip.
Outcome: t.TypeAlias = "Fail | t.Iterable[Fail] | Skip | None"


def failures(outcome: Outcome) -> tuple[Fail, ...]:
    """The places a rule failed in, in order; empty when it did not fail."""
    if outcome is None or isinstance(outcome, Skip):
        return ()

    if isinstance(outcome, Fail):
        return (outcome,)

    return tuple(dict.fromkeys(outcome))


@dataclasses.dataclass(frozen=True)
class Family:
    """A group of rules with its own score."""

    #: The code prefix, such as ``BLD``.
    prefix: str
    #: The name shown in reports.
    name: str


FAMILIES = (
    Family("LAY", "Layout"),
    Family("META", "Metadata"),
    Family("BLD", "Build"),
    Family("DEP", "Dependencies and lock"),
    Family("CFG", "Tool config"),
    Family("TOX", "tox"),
    Family("PCO", "pre-commit"),
    Family("GHA", "GitHub Actions"),
    Family("PUB", "Publishing"),
    Family("DOC", "Docs and changelog"),
    Family("DRF", "Template drift"),
)


class Rule:
    """The base of every rule. Subclass a family base, not this."""

    family: t.ClassVar[Family]
    #: 1 cosmetic, 2 consistency, 3 structure, 4 and 5 security or release.
    weight: t.ClassVar[int]
    #: Codes of rules that must pass for this one to be checked; when one
    #: does not, this rule is skipped instead of failing a second time.
    requires: t.ClassVar[frozenset[str]] = frozenset()
    #: Files whose values this rule checks itself, reading them as parsed:
    #: a value of the wrong type there is this rule's finding, and its fix
    #: may repair it.
    validates: t.ClassVar[frozenset[str]] = frozenset()
    #: Whether the rule's failures can carry a fix.
    fixable: t.ClassVar[bool] = False

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        """Whether the rule applies to this repository at all. A rule that
        does not apply is listed in reports and never counted.
        """
        return True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        raise NotImplementedError

    @classmethod
    def code(cls) -> str:
        return cls.__name__

    @classmethod
    def title(cls) -> str:
        return _cleandoc(cls.__doc__ or "").partition("\n")[0]

    @classmethod
    def docs(cls) -> str:
        """The docs below the title, with each ``{pin:owner/action}`` and
        ``{rev:url}`` written as the template pins it (see :func:`pinned`).
        """
        return pinned(_cleandoc(cls.__doc__ or "").partition("\n")[2].strip())


@functools.cache
def _cleandoc(doc: str) -> str:
    """A docstring without its indent, once per docstring: reports ask for
    every rule's title for every repository.
    """
    return inspect.cleandoc(doc)


_PLACEHOLDER = re.compile(r"\{(pin|rev):([^{}\s]+)\}")


def pinned(text: str) -> str:
    """Docs with their pins taken from the template's ``includes/pins.yaml``,
    so that an example never shows a pin the template has moved on from:
    ``{pin:actions/checkout}`` becomes ``actions/checkout@<sha> # <tag>``
    and ``{rev:<hook repository url>}`` becomes ``<sha>  # frozen: <tag>``.
    """
    if "{" not in text:
        return text

    table = _pins()

    def expand(match: re.Match[str]) -> str:
        kind, name = match.groups()

        if kind == "pin":
            pin = table["actions"][name]
            return f"{name}@{pin['sha']} # {pin['tag']}"

        pin = table["pre-commit"][name]
        return f"{pin['sha']}  # frozen: {pin['tag']}"

    return _PLACEHOLDER.sub(expand, text)


@functools.cache
def _pins() -> dict[str, dict[str, dict[str, str]]]:
    import yaml

    from .template import template_root

    path = template_root() / "includes" / "pins.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


_CODE = re.compile(r"[A-Z]+[0-9]{3}")


def collect_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, in family then code order."""
    from . import rules  # noqa: F401 -- registers the rules by importing them

    found: dict[str, type[Rule]] = {}
    stack = list(Rule.__subclasses__())

    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())

        if _CODE.fullmatch(cls.__name__):
            found[cls.__name__] = cls

    order = {family.prefix: index for index, family in enumerate(FAMILIES)}
    return {
        code: found[code]
        for code in sorted(found, key=lambda c: (order[found[c].family.prefix], c))
    }


def matches(code: str, selectors: t.Iterable[str]) -> bool:
    """Whether a code is named by a selector: the whole code, a prefix of
    it such as ``GHA`` or ``GHA00``, or ``ALL``.
    """
    return any(s == "ALL" or code.startswith(s) for s in selectors)
