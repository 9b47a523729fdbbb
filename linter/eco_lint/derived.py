"""The values a repository computes once from its files, as attributes of
:class:`~eco_lint.repo.Repo` (see :meth:`~eco_lint.repo.Repo.derived`).
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from .repo import Repo

_T = t.TypeVar("_T")


class derived_value(t.Generic[_T]):
    """A value computed once per repository from its files. Every later
    use counts as reading the files it was computed from, so that a rule
    using it is told apart when one of them could not be read.
    """

    def __init__(self, func: t.Callable[[Repo], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    @t.overload
    def __get__(self, obj: None, owner: type[Repo]) -> derived_value[_T]: ...

    @t.overload
    def __get__(self, obj: Repo, owner: type[Repo]) -> _T: ...

    def __get__(self, obj: Repo | None, owner: type[Repo]) -> derived_value[_T] | _T:
        if obj is None:
            return self

        return obj.derived(self.func)
