"""The roles a plan's columns and labelled headings can have, declared once (``reference/roles.yaml``).

A role is one of: an objective *level* (a node of the tree, with a rank), a *value* an action
carries (a column of the ``actions`` table), an *actor* role (lead, partner, or a generic actor
column), or the *action* column itself. ``headers.yaml`` holds the words that name each role;
every module that needs to know what a role is asks :data:`ROLES`.

The declaration is part of the data contract (the ``actions`` table's value columns come from
it), so it is read once, when this module is imported, like the contract in ``records.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

ROLES_FILE = Path(__file__).with_name("reference") / "roles.yaml"
#: the role of an actor a recommendation's text names (not from a column)
MENTIONED = "mentioned"


@dataclass(frozen=True)
class Roles:
    """Objective levels (broadest first) with their ranks, value columns with their descriptions,
    actor roles with the role they give, and the action role."""

    level_rank: Mapping[str, float]
    value_docs: Mapping[str, str]
    actor_roles: Mapping[str, str | None]
    action: str

    def __post_init__(self) -> None:
        kinds = [set(self.level_rank), set(self.value_docs), set(self.actor_roles), {self.action}]
        named = [name for group in kinds for name in group]
        twice = sorted({n for n in named if named.count(n) > 1})
        if twice:
            raise ValueError(f"roles declared under two kinds: {twice}")
        ranks = list(self.level_rank.values())
        if ranks != sorted(ranks):
            raise ValueError(f"levels must be declared broadest first (rising rank), got {dict(self.level_rank)}")

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(self.level_rank)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.value_docs)

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(self.actor_roles)

    @property
    def actor_table_roles(self) -> frozenset[str]:
        """The roles an actor can have in the ``actors`` table: from a column, or mentioned."""
        return frozenset({*(r for r in self.actor_roles.values() if r is not None), MENTIONED})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Roles:
        unknown = set(data) - {"levels", "values", "actors", "action"}
        if unknown:
            raise ValueError(f"unknown keys in the roles declaration: {sorted(unknown)}")
        return cls(
            level_rank=MappingProxyType({str(k): float(v) for k, v in data["levels"].items()}),
            value_docs=MappingProxyType({str(k): str(v) for k, v in data["values"].items()}),
            actor_roles=MappingProxyType({str(k): (None if v is None else str(v)) for k, v in data["actors"].items()}),
            action=str(data["action"]),
        )


def _declared() -> Roles:
    return Roles.from_dict(yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8")))


#: the declaration in ``normalizers/reference/roles.yaml``
ROLES: Roles = _declared()

__all__ = ["MENTIONED", "ROLES", "ROLES_FILE", "Roles"]
