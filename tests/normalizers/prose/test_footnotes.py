"""normalizers/prose/footnotes.py: footnote areas cut from the page, notes parsed and continued,
the organisations they list, the counts the text claims, markers linked to their notes."""

from __future__ import annotations

import pytest

from extractors.model import PageLayout, Ruling, Word
from normalizers.prose.footnotes import claimed_count, footnote_entities, link_refs, parse_footnotes, split_footnote_area
from normalizers.prose.model import Note, Ref, ReportSettings
from tests.normalizers.prose.handmade import line, page

# the codes the gazetteer gives the organisations each footnote of S/2007/567 lists (as printed in
# the seed: "the Department of Political Affairs, …"), written out
SEED_FOOTNOTE_ENTITIES = {
    "4": ["DPPA", "DPO", "ECA", "UNODA", "OHCHR", "UNDP", "UNEP", "UNESCO", "UNHCR", "UNFPA", "UNICEF", "UN-WOMEN", "WFP"],
    "5": ["DPPA", "ECA", "OHCHR", "UNDP", "UNICEF", "UN-WOMEN", "WFP"],
    "6": ["DESA", "DPPA", "DPO", "ESCAP", "UN-WOMEN", "UN-WOMEN", "UNDP", "UNESCO", "UNFPA", "UNICEF", "UN-WOMEN", "WFP"],
    "7": ["DPPA", "FAO", "IRMCT", "OCHA", "OHCHR", "UNHCR", "UN-WOMEN", "UNFPA", "UNRWA", "WFP", "WHO"],
    "8": ["FAO", "IRMCT", "OCHA", "OHCHR", "UNHCR", "WFP", "WHO"],
    "9": ["DESA", "DPPA", "DPO", "ESCAP", "UN-WOMEN", "UN-WOMEN", "UNDP", "UNESCO", "UNFPA", "UNICEF", "UN-WOMEN", "WFP"],
    "10": ["DPO", "UNODA", "OSRSG-CAAC", "UNFPA", "UNICEF", "UN-WOMEN", "UNOPS", "WORLD-BANK",
           "Inter-Agency Working Group on Disarmament, Demobilization and Reintegration"],
    "11": ["DPO", "OCHA", "OHCHR", "UNDP", "UNFPA", "UNHCR", "UNICEF", "UN-WOMEN", "WFP", "WHO"],
}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Thirteen entities", 13),
        ("Seven United Nations entities undertook work on early warning mechanisms.", 7),
        ("In the area of peacemaking and peacebuilding, 12 entities of the United Nations system", 12),
        ("A new joint initiative by 10 United Nations entities", 10),
        ("Twenty-one organizations", 21),
        ("To facilitate gender mainstreaming, a number of entities", None),
        ("The review was linked to the 12 strategic areas of action included in the Action Plan", None),
    ],
)
def test_claimed_count(text, count):
    assert claimed_count(text, len(text)) == count


def test_footnote_area_under_a_short_rule():
    body = [line(f"Body text line {i} of the report with enough words", 60, 100 + 12 * i) for i in range(5)]
    notes = [line("1 See the annual report of the Department.", 60, 700, size=8.0),
             line("2 Ibid., paragraph 12 of the same report.", 60, 710, size=8.0)]
    layout = PageLayout("doc", 1, 612, 792, (), rulings=(Ruling(60, 690, 130, 690),))
    main, area = split_footnote_area(body + notes, layout, 10.0, ReportSettings())
    assert main == body and area == notes


def test_chart_labels_under_a_rule_are_no_footnotes():
    body = [line(f"Body text line {i} of the report with enough words", 60, 100 + 12 * i) for i in range(5)]
    ticks = [line("1 2 3 4", 60, 700, size=8.0), line("5 6 7 8", 60, 710, size=8.0)]
    layout = PageLayout("doc", 1, 612, 792, (), rulings=(Ruling(60, 690, 130, 690),))
    main, area = split_footnote_area(body + ticks, layout, 10.0, ReportSettings())
    assert area == []


def test_a_note_without_a_marker_at_the_top_of_an_area_continues_the_last_one():
    page1 = [line("1 See the report of the Secretary-General on women and", 60, 700, size=8.0)]
    page2 = [line("peace and security (S/2004/814).", 60, 700, page_no=2, size=8.0),
             line("2 Ibid.", 60, 710, page_no=2, size=8.0)]
    notes = parse_footnotes([(1, page1), (2, page2)], {})
    assert [(n.number, n.text, n.page) for n in notes] == [
        ("1", "See the report of the Secretary-General on women and peace and security (S/2004/814).", 1),
        ("2", "Ibid.", 2),
    ]


def test_markers_link_to_the_note_of_their_page_first():
    notes = [Note("1", "First note of part one.", 1, 700), Note("1", "First note of part two.", 3, 700)]
    refs = [("p0001", Ref(10, "1", 3)), ("p0002", Ref(5, "1", 1)), ("p0003", Ref(5, "9", 1))]
    assert link_refs(refs, notes) == [1, 0, None]


def test_footnote_entities_list_the_organisations(gazetteer):
    assert footnote_entities("UNDP, UNICEF, WFP and the World Health Organization.", gazetteer, None) == [
        "UNDP", "UNICEF", "WFP", "WHO"]
    assert footnote_entities("S/PRST/2004/40, S/PRST/2005/52 and S/PRST/2006/42.", gazetteer, None) == []


def test_footnote_area_under_a_rule(build):
    body = page(1, [("1.", 60, 100)] + [("The Department reported progress in every region", 88, 100)])
    marker = Word("1", 300, 97, 303, 103, 6.0)
    note = page(1, [("See the annual report of the Department.", 66, 700)], size=8.0)
    note_marker = Word("1", 60, 698, 63, 703, 5.0)
    layout = PageLayout(
        "doc", 1, 612, 792, body.words + (marker, note_marker) + note.words, rulings=(Ruling(60, 690, 130, 690),)
    )
    result = build([layout])
    assert [p.text for p in result.paragraphs] == ["The Department reported progress in every region"]
    assert [(f.number, f.text) for f in result.footnotes] == [("1", "See the annual report of the Department.")]
    assert [(r.number, r.footnote_id) for r in result.footnote_refs] == [("1", "f001")]


# ---------------------------------------------------------------- S/2007/567


def test_seed_footnotes_entities_and_counts(seed_report):
    truth, _, result = seed_report
    assert [(f.number, f.text) for f in result.footnotes] == [(f.number, f.text) for f in truth.footnotes]
    assert [f.footnote_id for f in result.footnotes] == [f"f{i:03d}" for i in range(1, 17)]
    assert {f.number: f.entities for f in result.footnotes if f.entities} == SEED_FOOTNOTE_ENTITIES
    number_of = {p.paragraph_id: p.number for p in result.paragraphs}
    for got, want in zip(result.footnotes, truth.footnotes):
        assert number_of[got.paragraph_id] == want.paragraph, got.number
        assert got.claimed_count == want.claimed_count, got.number
        if want.claimed_count is None:
            assert got.count_matches is None
        else:
            assert got.count_matches is True
    assert result.footnotes[13].entities == []  # a list of S/PRST symbols is no list of organisations


def test_seed_footnote_refs(seed_report):
    _, _, result = seed_report
    number_of = {f.footnote_id: f.number for f in result.footnotes}
    assert [r.number for r in result.footnote_refs] == [str(i) for i in range(1, 17)]
    assert all(number_of[r.footnote_id] == r.number for r in result.footnote_refs)
    page_of = {f.footnote_id: f.page for f in result.footnotes}
    assert all(page_of[r.footnote_id] == r.page for r in result.footnote_refs)
