"""Plan matrices of every common shape come out right, row by row.

Each test renders a plan whose truth it knows (samples/), runs the real extraction (layout,
table strategies) and the structure normalizer, and compares every action: text, number, the
objective it hangs from, the actor cells with their role, indicator and target.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.settings import PipelineSettings
from samples.content import (
    sample_matrix_plan,
    sample_wide_plan_en,
    sample_wide_plan_es,
    sample_wide_plan_es_results,
    sample_wide_plan_fr,
)
from samples.model import ObjectiveSpec, PlanSpec
from samples.render import render_narrow_matrix, render_wide_matrix
from samples.scan import rasterize_pdf
from tests.conftest import SEEDS, need
from tests.plans import assert_rows, read_rows, truth_rows
from tests.seeds import kor_nap_plan


def test_narrow_matrix_with_merged_ministries_and_page_breaks(tmp_path: Path) -> None:
    plan = sample_matrix_plan()
    layout = render_narrow_matrix(plan, tmp_path / "narrow.pdf")
    assert layout.broken_tables and layout.split_rows  # the shape under test is really there
    found, s = read_rows(tmp_path / "narrow.pdf")
    assert_rows(found, truth_rows(plan))
    assert [o.kind for o in s.objectives if o.level == 0] == ["pillar"] * len(plan.pillars)


def test_narrow_matrix_with_repeated_header(tmp_path: Path) -> None:
    plan = sample_matrix_plan()
    render_narrow_matrix(plan, tmp_path / "narrow.pdf", repeat_header=True)
    assert_rows(read_rows(tmp_path / "narrow.pdf")[0], truth_rows(plan))


@pytest.mark.parametrize(
    "plan_fn, kwargs",
    [
        (sample_wide_plan_en, {}),
        (sample_wide_plan_en, {"rotate": True, "rotation": "page"}),
        (sample_wide_plan_en, {"rotate": True, "rotation": "content"}),
        (sample_wide_plan_en, {"ruling": "horizontal"}),
        (sample_wide_plan_es, {}),
        (sample_wide_plan_es, {"ruling": "horizontal"}),
        (sample_wide_plan_es_results, {"columns": "es_results"}),
        (sample_wide_plan_fr, {"ruling": "horizontal"}),
        (sample_wide_plan_fr, {}),
    ],
    ids=["en", "en-rotate-page", "en-rotate-content", "en-horizontal", "es", "es-horizontal", "es-results",
         "fr-horizontal", "fr"],
)
def test_wide_matrix_lettered_activities(tmp_path: Path, plan_fn, kwargs) -> None:
    plan = plan_fn()
    render_wide_matrix(plan, tmp_path / "wide.pdf", **kwargs)
    assert_rows(read_rows(tmp_path / "wide.pdf")[0], truth_rows(plan))


def test_wide_matrix_without_any_ruling(tmp_path: Path) -> None:
    """Whitespace only: every action, its objective and its actors (rows that run together
    share out the actor lines level with each activity); indicators almost all."""
    plan = sample_wide_plan_en()
    render_wide_matrix(plan, tmp_path / "unruled.pdf", ruling="none")
    found, _ = read_rows(tmp_path / "unruled.pdf")
    truth = truth_rows(plan)
    assert [(r.number, r.text, r.parent, r.actors) for r in found] == [(r.number, r.text, r.parent, r.actors) for r in truth]
    same_ind = sum(g.indicator == w.indicator for g, w in zip(found, truth)) / len(truth)
    assert same_ind >= 0.95


@pytest.mark.corpus
def test_korean_plan_rendered_from_the_seed(tmp_path: Path) -> None:
    plan = kor_nap_plan(need(SEEDS / "kor-nap-2.txt"))
    render_narrow_matrix(plan, tmp_path / "kor.pdf")
    found, s = read_rows(tmp_path / "kor.pdf")
    kinds = [o.kind for o in s.objectives]
    assert kinds.count("pillar") == 5  # Prevention, Participation, Protection, Relief and Recovery, Implementation and Monitoring
    assert kinds.count("objective") == 12
    assert kinds.count("strategy") == 31
    assert len(found) == 83
    assert_rows(found, truth_rows(plan))
    by_text = {r.text: r for r in found}
    sample = {
        "Increase the share of female police officers in UN PKO": {("lead", "KNPA")},
        "Actively leverage the OECD/DAC gender marker": {("lead", "KOICA")},  # label below a page break
        "Incorporate women, peace and security issues into personnel training programs for ministries related "
        "to national defense, security, peace and unification and disaster prevention": {("lead", "MND MOU MOFA MOIS")},
        "Implement actively the Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women "
        "and Children, supplementing the United Nations Convention against Transnational Organized Crime": {("lead", "IVIOJ")},
        "Bolster the policy implementation capacity of senior officials in the areas of women, peace and security": {("lead", "All excluding KOICA")},
    }
    for text, actors in sample.items():
        assert by_text[text].actors == actors, text
    assert by_text["Increase the share of female police officers in UN PKO"].parent == (
        "Build capacity in areas of women, peace and security for peacekeeping operation (PKO) personnel")


def _relabel(plan: PlanSpec, style: str) -> PlanSpec:
    """The plan with its lettered activities numbered ``1)``, roman ``i)`` or bulleted ``•``."""
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]

    def label(number: str | None) -> str | None:
        if number is None or not re.fullmatch(r"[a-h]\)", number):
            return number
        k = ord(number[0]) - ord("a")
        return {"numbered": f"{k + 1})", "roman": f"{roman[k]})", "bulleted": "•"}[style]

    def node(o: ObjectiveSpec) -> ObjectiveSpec:
        return replace(o, children=tuple(node(c) for c in o.children),
                       actions=tuple(replace(a, number=label(a.number)) for a in o.actions))

    return replace(plan, pillars=tuple(replace(p, objectives=tuple(node(o) for o in p.objectives)) for p in plan.pillars))


@pytest.mark.parametrize("style", ["numbered", "roman", "bulleted"])
def test_activities_listed_in_one_cell_are_separate_actions(tmp_path: Path, style: str) -> None:
    """Activities numbered ``1) 2)``, ``i) ii)`` or bulleted in one cell: one action each, with
    its own number (none for a bullet), its objective and the actors of its row."""
    plan = _relabel(sample_wide_plan_en(), style)
    render_wide_matrix(plan, tmp_path / "wide.pdf")
    found, _ = read_rows(tmp_path / "wide.pdf")
    truth = [replace(r, number=None if r.number == "•" else r.number) for r in truth_rows(plan)]
    assert [(r.number, r.text, r.parent, r.actors) for r in found] == [(r.number, r.text, r.parent, r.actors) for r in truth]


def test_scan_with_an_ocr_text_layer(tmp_path: Path) -> None:
    """A scan made searchable by OCR software: the words are an invisible text layer (trusted,
    no OCR is run), the table lines exist only in the image and are found there."""
    plan = sample_matrix_plan()
    render_narrow_matrix(plan, tmp_path / "digital.pdf")
    rasterize_pdf(tmp_path / "digital.pdf", tmp_path / "searchable.pdf", dpi=200, ocr_layer=True)
    doc = extract_document(tmp_path / "searchable.pdf", tmp_path, PipelineSettings())
    assert not any(lay.ocr for lay in doc.layouts) and sum(1 for lay in doc.layouts if lay.rulings) >= 3
    assert_rows(read_rows(tmp_path / "searchable.pdf")[0], truth_rows(plan))
