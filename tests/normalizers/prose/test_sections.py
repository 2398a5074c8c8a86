"""normalizers/prose/sections.py: heading numbers and kinds, the title zone, the sections tree."""

from __future__ import annotations

from normalizers.prose.model import Block, Part
from normalizers.prose.sections import (
    Heading,
    block_headings,
    caption_blocks,
    section_records,
    sections_tree,
    split_heading,
    title_zone,
)
from normalizers.vocabulary import PhraseVocabulary
from tests.normalizers.prose.handmade import line

NO_HEADERS = PhraseVocabulary.from_mapping({})  # no plan-level words: numbers and letters only


def _heading(text: str, top: float, size: float = 10.0) -> Block:
    return Block("heading", None, (Part(None, (line(text, 60, top, size=size, bold=True),)),))


def _paragraph(text: str, top: float, kind: str = "paragraph") -> Block:
    return Block(kind, None, (Part(None, (line(text, 60, top), line(text, 60, top + 12))),))


def test_split_heading():
    assert split_heading("II. Methodology") == ("II.", "Methodology")
    assert split_heading("A. Prevention of conflict") == ("A.", "Prevention of conflict")
    assert split_heading("1.2 Scope of the review") == ("1.2", "Scope of the review")
    assert split_heading("Annex") == (None, "Annex")


def test_heading_kinds_and_tree():
    blocks = [_heading(t, 100 + 20 * i) for i, t in enumerate(
        ["I. Introduction", "II. Progress", "A. Prevention", "B. Participation", "1. Local", "III. Observations", "Annex"])]
    headings = block_headings(blocks, {}, headers=NO_HEADERS)
    assert [h.kind for h in headings] == ["roman", "roman", "upper", "upper", "digit", "roman", "annex"]
    tree = sections_tree(headings, set())
    assert [(h.title, parent, level) for h, parent, level in tree] == [
        ("Introduction", None, 0), ("Progress", None, 0), ("Prevention", 1, 1), ("Participation", 1, 1),
        ("Local", 3, 2), ("Observations", None, 0), ("Annex", None, 0),
    ]


def test_capital_i_after_h_is_a_letter_not_a_roman_one():
    blocks = [_heading(t, 100 + 20 * i) for i, t in enumerate(["I. Introduction", "H. Eighth topic", "I. Ninth topic"])]
    assert [h.kind for h in block_headings(blocks, {}, headers=NO_HEADERS)] == ["roman", "upper", "upper"]


def test_plan_level_headings_rank_by_their_level(headers):
    blocks = [_heading("Pillar 1: Prevention", 100), _heading("Objective 1.1: Early warning", 120),
              _heading("Pillar 2: Participation", 140)]
    headings = block_headings(blocks, {}, headers)
    assert [(h.number, h.title, h.kind) for h in headings] == [
        ("Pillar 1", "Prevention", "level:pillar"), ("Objective 1.1", "Early warning", "level:objective"),
        ("Pillar 2", "Participation", "level:pillar"),
    ]
    assert [(parent, level) for _, parent, level in sections_tree(headings, set())] == [(None, 0), (0, 1), (None, 0)]


def test_title_zone_and_captions():
    blocks = [_heading("Report of the Secretary-General", 60, size=16.0), _heading("Women and peace and security", 90, size=16.0),
              _paragraph("The present report is submitted pursuant to resolution 1325 (2000).", 130),
              _heading("Figure I", 200), _paragraph("small print of the chart", 220, kind="small")]
    headings = block_headings(blocks, {}, headers=NO_HEADERS)
    assert title_zone(blocks, headings, 10.0) == {0, 1}
    assert caption_blocks(blocks, headings) == {3}


def test_section_records():
    h = [Heading(0, "I.", "Introduction", "roman", 1, 80.0, ()), Heading(2, "A.", "Scope", "upper", 1, 120.0, ())]
    got = section_records([(h[0], None, 0), (h[1], 0, 1)], "doc")
    assert [(s.section_id, s.parent_id, s.level, s.number, s.title) for s in got] == [
        ("s001", None, 0, "I.", "Introduction"), ("s002", "s001", 1, "A.", "Scope")]


# ---------------------------------------------------------------- S/2007/567


def test_seed_sections_tree(seed_report):
    truth, _, result = seed_report
    got = [(s.number, s.title, s.level) for s in result.sections]
    assert got == [(s.number, s.title, s.level) for s in truth.sections]
    by_id = {s.section_id: s for s in result.sections}
    parents = [by_id[s.parent_id].title if s.parent_id else None for s in result.sections]
    assert parents == [s.parent for s in truth.sections]
    assert [s.section_id for s in result.sections] == [f"s{i:03d}" for i in range(1, len(truth.sections) + 1)]
