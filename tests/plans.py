"""Plan rows as a test compares them: the renderer's truth against what the extractor and the
structure normalizer read back from the rendered PDF.

The truth is the text the renderer was given, with only its whitespace normalised
(:func:`printed`): not passed through the normalizers' own clean-up, which is under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normalizers.structure import PlanStructure, build_structure
from pipeline.extract import extract_document
from pipeline.references import load_vocabulary
from pipeline.settings import PipelineSettings
from samples.model import PlanSpec, expected_actions


def printed(text: str) -> str:
    """A value as the dataset should hold it, from the text the renderer drew: runs of whitespace
    (line breaks of a wrapped cell included) one space, none at the ends. The sample texts are
    plain (no ligatures, soft hyphens, typographic quotes or words broken at a line end)."""
    return " ".join(text.split())


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
        Row(a.number, printed(a.text), printed(a.path[-1][1]),
            frozenset({(role, printed(" ".join(names))) for role, names in (("lead", a.lead), ("partner", a.partners)) if names}),
            printed(a.indicator) if a.indicator else None, printed(a.target) if a.target else None)
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
        actors.setdefault(ra.action_id, set()).add((ra.role, printed(ra.text)))
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
