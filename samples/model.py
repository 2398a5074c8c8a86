"""The truth behind a sample plan: what a renderer draws and what the pipeline should find.

A :class:`PlanSpec` is a plan's content as printed: pillars, a tree of objectives of any depth,
and actions hanging from the deepest objectives. Every string is kept exactly as it is printed
(numbers such as ``"1.1."`` or ``"a)"`` separately from the text that follows them), so a test
can compare the pipeline's output with it field by field. :func:`expected_actions` flattens a
plan into the rows such a test compares.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    """One action / activity as printed in the plan's matrix."""

    number: str | None  # as printed, e.g. "2)", "a)"; None when printed without a number
    text: str  # as printed, without the number
    lead: tuple[str, ...] = ()  # actors in the lead / implementing / coordinator column
    partners: tuple[str, ...] = ()  # actors in the partners / participants column
    indicator: str | None = None  # the indicator that applies to this action
    target: str | None = None
    timeline: str | None = None
    budget: str | None = None

    @property
    def printed(self) -> str:
        """Number and text as they appear in the cell."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class ObjectiveSpec:
    """A node of the plan's tree: objective, strategy, specific objective, expected result…"""

    number: str | None  # as printed, e.g. "1.", "1.1.", "OE 1.1"
    text: str
    kind: str  # objective | strategy | strategic_objective | specific_objective | expected_result | ...
    children: tuple[ObjectiveSpec, ...] = ()
    actions: tuple[ActionSpec, ...] = ()

    @property
    def printed(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class PillarSpec:
    """A pillar (area, axis, eje, axe) with the objectives under it."""

    name: str  # as printed, e.g. "Prevention", "AXE 1. PARTICIPATION"
    objectives: tuple[ObjectiveSpec, ...]


@dataclass(frozen=True)
class PlanSpec:
    """A whole plan: metadata, a few prose paragraphs, then the matrices."""

    title: str
    country: str | None  # ISO 3166-1 alpha-3; the samples use user-assigned codes of fictional countries
    issuer: str
    language: str  # ISO 639-1: "en", "es", "fr"
    period: tuple[int, int] | None
    nap_number: int | None
    intro: tuple[str, ...]  # prose paragraphs (and short headings) printed before the matrices
    pillars: tuple[PillarSpec, ...]


ObjectivePath = tuple[tuple[str | None, str], ...]


@dataclass(frozen=True)
class ExpectedAction:
    """One action as a flat row: what the pipeline's action table should hold for it."""

    pillar: str
    path: ObjectivePath  # (number, text) of each objective from the top to the action's parent
    number: str | None
    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    indicator: str | None
    target: str | None
    timeline: str | None = None
    budget: str | None = None


def iter_objectives(plan: PlanSpec) -> Iterator[tuple[PillarSpec, int, ObjectiveSpec]]:
    """Every objective of the plan, depth first, with its pillar and depth (0 at the top)."""

    def walk(pillar: PillarSpec, node: ObjectiveSpec, depth: int) -> Iterator[tuple[PillarSpec, int, ObjectiveSpec]]:
        yield pillar, depth, node
        for child in node.children:
            yield from walk(pillar, child, depth + 1)

    for pillar in plan.pillars:
        for objective in pillar.objectives:
            yield from walk(pillar, objective, 0)


def iter_actions(plan: PlanSpec) -> Iterator[tuple[PillarSpec, tuple[ObjectiveSpec, ...], ActionSpec]]:
    """Every action in reading order, with its pillar and the chain of objectives above it."""

    def walk(
        pillar: PillarSpec, chain: tuple[ObjectiveSpec, ...]
    ) -> Iterator[tuple[PillarSpec, tuple[ObjectiveSpec, ...], ActionSpec]]:
        node = chain[-1]
        for action in node.actions:
            yield pillar, chain, action
        for child in node.children:
            yield from walk(pillar, chain + (child,))

    for pillar in plan.pillars:
        for objective in pillar.objectives:
            yield from walk(pillar, (objective,))


def expected_actions(plan: PlanSpec) -> list[ExpectedAction]:
    """The plan's actions flattened to the rows a test compares with the pipeline's output."""
    return [
        ExpectedAction(
            pillar=pillar.name,
            path=tuple((node.number, node.text) for node in chain),
            number=action.number,
            text=action.text,
            lead=action.lead,
            partners=action.partners,
            indicator=action.indicator,
            target=action.target,
            timeline=action.timeline,
            budget=action.budget,
        )
        for pillar, chain, action in iter_actions(plan)
    ]


def count_objectives(plan: PlanSpec, depth: int | None = None) -> int:
    """Number of objectives in the plan, or at one depth of the tree (0 = top level)."""
    return sum(1 for _, d, _ in iter_objectives(plan) if depth is None or d == depth)
