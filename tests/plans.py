"""Plan rows as a test compares them: the renderer's truth against what the extractor and the
structure normalizer read back from the rendered PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normalizers.structure import PlanStructure, build_structure
from normalizers.text import clean_text
from normalizers.vocabulary import load_vocabulary
from pipeline.extract import extract_document
from pipeline.settings import PipelineSettings
from samples.model import PlanSpec, expected_actions


@dataclass(frozen=True)
class Row:
    number: str | None
    text: str
    parent: str
    actors: frozenset[tuple[str, str]]
    indicator: str | None
    target: str | None


def truth_rows(plan: PlanSpec) -> list[Row]:
    """Every action of ``plan`` as the renderer drew it."""
    return [
        Row(a.number, clean_text(a.text), clean_text(a.path[-1][1]),
            frozenset({(role, clean_text(" ".join(names))) for role, names in (("lead", a.lead), ("partner", a.partners)) if names}),
            clean_text(a.indicator) if a.indicator else None, clean_text(a.target) if a.target else None)
        for a in expected_actions(plan)
    ]


def read_rows(pdf: Path) -> tuple[list[Row], PlanStructure]:
    """Every action read back from ``pdf`` (real extraction, default settings), and the structure."""
    doc = extract_document(pdf, pdf.parent, PipelineSettings())
    assert doc.status == "ok", doc.error
    s = build_structure(doc.layouts, doc.tables, doc.doc_id, load_vocabulary("headers"), load_vocabulary("pillars"))
    objectives = {o.objective_id: o for o in s.objectives}
    actors: dict[str, set[tuple[str, str]]] = {}
    for ra in s.actors:  # one actor cell per role: compared as printed, lines joined
        actors.setdefault(ra.action_id, set()).add((ra.role, clean_text(ra.text)))
    rows = [
        Row(a.number, a.text, objectives[a.objective_id].text if a.objective_id else "",
            frozenset(actors.get(a.action_id, set())), a.indicator, a.target)
        for a in s.actions
    ]
    return rows, s


def assert_rows(found: list[Row], truth: list[Row]) -> None:
    """Row by row, so a failure names the first action that differs."""
    assert len(found) == len(truth)
    for got, want in zip(found, truth):
        assert got == want
