"""Named facts of the rendered standard, for the rules to read instead of
spelling the template's values again: the build backend and its
requirement, the workflow that plays each role, and the actions whose
steps the template gives an input.

Each fact is found in the render by what it is (the ``[build-system]``
table, the workflow that uploads to PyPI, the steps that set
``persist-credentials``), so that a change of the template changes it.
These facts are the same whatever the answers, so they are read from the
template rendered with its defaults: reading them is not reading the
repository's render, whose answers come from files that may be broken.
"""

from __future__ import annotations

import dataclasses
import functools

from ..standard import Standard
from ._roles import Role
from ._roles import standard_roles
from ._workflows import workflow_steps
from ._workflows import WORKFLOWS


@dataclasses.dataclass(frozen=True)
class Backend:
    """The template's build backend."""

    #: The ``build-backend`` module, such as ``flit_core.buildapi``.
    module: str
    #: The ``requires`` of ``[build-system]``.
    requires: tuple[str, ...]

    @property
    def name(self) -> str:
        """The backend's top-level package, as messages name it."""
        return self.module.partition(".")[0]


@functools.cache
def template() -> Standard:
    """The template rendered with its default answers."""
    return Standard({})


def backend() -> Backend:
    """The build backend of the template's ``pyproject.toml``."""
    table = template().toml("pyproject.toml")["build-system"]
    return Backend(str(table["build-backend"]), tuple(table["requires"]))


def workflow_of(role: Role) -> str:
    """The path of the template's workflow that plays a role."""
    found = standard_roles(template()).get(role)

    if found is None:
        raise LookupError(f"the template has no workflow that plays {role}")

    return found


def has_workflow(std: Standard, role: Role) -> bool:
    """Whether a repository's render has a workflow that plays a role."""
    return role in standard_roles(std)


@functools.cache
def actions_given(key: str) -> frozenset[str]:
    """The actions that the template's workflows give an input, such as
    the checkout that every workflow gives ``persist-credentials``.
    """
    std = template()
    return frozenset(
        step.action
        for name in std.files()
        if name.startswith(WORKFLOWS)
        for step in workflow_steps(std.yaml(name))
        if step.action is not None and key in step.inputs
    )
