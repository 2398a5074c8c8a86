"""Report normalizer on rendered UN-style reports (S/2007/567 from the seed, the original sample)
and on small hand-made page layouts (columns, markers, hyphenation, pillars, headed bullets)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractors.layout import page_to_layout
from extractors.model import PageLayout, Ruling, Word
from tests.layouts import words_from_text as _words
from normalizers.actors import load_gazetteer, match_actor
from normalizers.furniture import strip_furniture
from normalizers.report import (
    ReportSettings,
    build_report,
    claimed_count,
    join_hyphenated,
    word_to_tokens,
)
from samples.report import make_sample_report, render_seed_report

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "un-s-2007-567.txt"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _layouts(pdf: Path, doc_id: str) -> list[PageLayout]:
    with pdfplumber.open(pdf) as doc:
        return [page_to_layout(page, doc_id) for page in doc.pages]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, gazetteer):
    if not SEED.exists():
        pytest.skip(f"{SEED} not available")
    pdf = tmp_path_factory.mktemp("seed") / "s-2007-567.pdf"
    truth = render_seed_report(SEED, pdf)
    layouts = _layouts(pdf, "s2007567")
    return truth, layouts, build_report(layouts, "s2007567", gazetteer)


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory, gazetteer):
    pdf = tmp_path_factory.mktemp("sample") / "sample-un-report.pdf"
    truth = make_sample_report(pdf)
    layouts = _layouts(pdf, "sample")
    return truth, layouts, build_report(layouts, "sample", gazetteer), pdf


def _code(name: str, gazetteer) -> str:
    m = match_actor(name, gazetteer)
    return m.actor_code or name


# ---------------------------------------------------------------- S/2007/567


def test_seed_all_58_paragraphs_exact(seed_report):
    truth, _, result = seed_report
    assert [p.number for p in truth.paragraphs] == [str(i) for i in range(1, 59)]
    got = [(p.number, p.text) for p in result.paragraphs]
    want = [(p.number, p.text) for p in truth.paragraphs]
    assert got == want


def test_seed_paragraph_records(seed_report):
    truth, layouts, result = seed_report
    assert [p.paragraph_id for p in result.paragraphs] == [f"p{i:04d}" for i in range(1, 59)]
    assert all(p.doc_id == "s2007567" for p in result.paragraphs)
    assert all(1 <= p.page <= p.page_end <= len(layouts) for p in result.paragraphs)
    assert sum(1 for p in result.paragraphs if p.page_end > p.page) >= 5  # rejoined across pages
    pages = [(p.page, p.top) for p in result.paragraphs]
    assert pages == sorted(pages)
    # the recommendations stay with their paragraph, one line each
    p58 = result.paragraphs[-1]
    assert p58.text.startswith("To further accelerate the implementation of resolution 1325 (2000)")
    assert [line[:3] for line in p58.text.split("\n")[1:]] == [f"({c})" for c in "abcdefghijkl"]


def test_seed_page_furniture_and_markers_out_of_text(seed_report):
    _, _, result = seed_report
    text = "\n".join(p.text for p in result.paragraphs)
    assert "07-50369" not in text
    assert "Distr.: General" not in text
    assert "S/2007/567" not in text
    assert "entities13" not in text.replace(" ", "") and "Thirteen entities provided information" in text
    assert result.symbol == "S/2007/567"
    assert result.date == "2007-09-12"


def test_seed_sections_tree(seed_report):
    truth, _, result = seed_report
    got = [(s.number, s.title, s.level) for s in result.sections]
    assert got == [(s.number, s.title, s.level) for s in truth.sections]
    by_id = {s.section_id: s for s in result.sections}
    parents = [by_id[s.parent_id].title if s.parent_id else None for s in result.sections]
    assert parents == [s.parent for s in truth.sections]
    assert [s.section_id for s in result.sections] == [f"s{i:03d}" for i in range(1, len(truth.sections) + 1)]


def test_seed_paragraphs_in_their_sections(seed_report):
    truth, _, result = seed_report
    title = {s.section_id: s.title for s in result.sections}
    assert [title.get(p.section_id) for p in result.paragraphs] == [p.section for p in truth.paragraphs]


def test_seed_footnotes_entities_and_counts(seed_report, gazetteer):
    truth, _, result = seed_report
    assert [(f.number, f.text) for f in result.footnotes] == [(f.number, f.text) for f in truth.footnotes]
    assert [f.footnote_id for f in result.footnotes] == [f"f{i:03d}" for i in range(1, 17)]
    number_of = {p.paragraph_id: p.number for p in result.paragraphs}
    for got, want in zip(result.footnotes, truth.footnotes):
        assert got.entities == [_code(name, gazetteer) for name in want.entities], got.number
        assert number_of[got.paragraph_id] == want.paragraph, got.number
        assert got.claimed_count == want.claimed_count, got.number
        if want.claimed_count is None:
            assert got.count_matches is None
        else:
            assert got.count_matches is True
    fn4 = result.footnotes[3]
    assert len(fn4.entities) == 13 and {"UNDP", "WFP", "OHCHR", "UNICEF"} <= set(fn4.entities)
    assert result.footnotes[13].entities == []  # a list of S/PRST symbols is no list of organisations


def test_seed_footnote_refs(seed_report):
    _, _, result = seed_report
    number_of = {f.footnote_id: f.number for f in result.footnotes}
    assert [r.number for r in result.footnote_refs] == [str(i) for i in range(1, 17)]
    assert all(number_of[r.footnote_id] == r.number for r in result.footnote_refs)
    page_of = {f.footnote_id: f.page for f in result.footnotes}
    assert all(page_of[r.footnote_id] == r.page for r in result.footnote_refs)


def test_seed_recommendations_with_actors(seed_report, gazetteer):
    truth, _, result = seed_report
    assert [(a.number, a.text) for a in result.actions] == [(t.number, t.text) for t in truth.actions]
    assert [a.action_id for a in result.actions] == [f"a{i:04d}" for i in range(1, 13)]
    assert all(a.extractor == "report@1" for a in result.actions)
    leads = {a.action_id: [r for r in result.actors if r.action_id == a.action_id and r.role == "lead"] for a in result.actions}
    for action, want in zip(result.actions, truth.actions):
        got = leads[action.action_id]
        assert [r.actor_code for r in got] == [_code(want.actor, gazetteer)], action.number
    codes = [leads[a.action_id][0].actor_code for a in result.actions]
    assert codes[0] == "MEMBER-STATES" and codes[1] == "UN-SYSTEM" and codes[7] == "ALL-STAKEHOLDERS" and codes[9] == "UNSG"


def test_seed_thematic_areas_and_heading_objective(seed_report):
    truth, _, result = seed_report
    areas = [o for o in result.objectives if o.kind == "thematic_area"]
    assert [o.text for o in areas] == list(truth.thematic_areas)
    assert [o.pillar for o in areas] == ["prevention", "participation", "protection", "relief_recovery", "normative"]
    heading = {o.objective_id: o for o in result.objectives}
    linked = {heading[a.objective_id].text for a in result.actions}
    assert linked == {"Conclusions and further actions to accelerate the implementation of Security Council resolution 1325 (2000)"}
    assert [o.objective_id for o in result.objectives] == [f"o{i:04d}" for i in range(1, len(result.objectives) + 1)]


def test_seed_mentions(seed_report):
    _, _, result = seed_report
    text = {p.paragraph_id: p.text for p in result.paragraphs}
    assert result.mentions
    assert all(text[m.paragraph_id][m.start : m.end] == m.text for m in result.mentions)
    p13 = next(p.paragraph_id for p in result.paragraphs if p.number == "13")
    assert {"DPPA", "DPO", "OHCHR", "UNDP", "UNHCR", "WFP"} <= {m.actor_code for m in result.mentions if m.paragraph_id == p13}


def test_seed_deterministic(seed_report, gazetteer):
    _, layouts, result = seed_report
    assert build_report(layouts, "s2007567", gazetteer) == result


# ---------------------------------------------------------------- the original sample report


def test_sample_report(sample_report, gazetteer):
    truth, layouts, result, pdf = sample_report
    assert 3 <= len(layouts) <= 5
    assert [(p.number, p.text) for p in result.paragraphs] == [(p.number, p.text) for p in truth.paragraphs]
    assert [(s.number, s.title, s.level) for s in result.sections] == [(s.number, s.title, s.level) for s in truth.sections]
    assert [(f.number, f.text, f.claimed_count) for f in result.footnotes] == [
        (f.number, f.text, f.claimed_count) for f in truth.footnotes
    ]
    assert [f.count_matches for f in result.footnotes] == [True, True, None]
    # the second marker is printed as a Unicode superscript, the others as raised small digits
    assert [r.number for r in result.footnote_refs] == ["1", "2", "3"]
    assert all(r.footnote_id for r in result.footnote_refs)
    leads = [next(r for r in result.actors if r.action_id == a.action_id and r.role == "lead") for a in result.actions]
    assert [lead.actor_code for lead in leads] == [_code(t.actor, gazetteer) for t in truth.actions]
    assert [a.number for a in result.actions] == ["(a)", "(b)", "(c)", "(d)", "(a)", "(b)"]
    assert result.symbol == "S/2025/999" and result.date == "2025-03-03"


def test_sample_report_is_reproducible(sample_report, tmp_path):
    *_, pdf = sample_report
    again = tmp_path / "again.pdf"
    make_sample_report(again)
    assert again.read_bytes() == pdf.read_bytes()


# ---------------------------------------------------------------- hand-made layouts


def _page(page_no: int, rows: list[tuple[str, float, float]], width: float = 612, height: float = 792, **kw) -> PageLayout:
    words = [w for text, x, top in rows for w in _words(text, x, top, **kw)]
    return PageLayout("doc", page_no, width, height, tuple(words))


def test_paragraph_rejoined_across_column_break(gazetteer):
    left = [
        ("First paragraph starts in the left column and", 60, 100),
        ("it goes on here with more words about", 60, 112),
        ("the subject of peace and women's security.", 60, 124),
        ("Second paragraph begins here and runs on", 72, 148),
        ("down the column to its very bottom and", 60, 160),
    ] + [(f"line {i} of filler text for the left column", 60, 172 + 12 * i) for i in range(3)]
    right = [
        ("continues at the top of the right column,", 320, 100),
        ("ending with a full stop.", 320, 112),
    ] + [(f"Row {i} of the right column holds text", 320, 136 + 12 * i) for i in range(4)]
    layout = _page(1, left + right)
    result = build_report([layout], "doc", gazetteer)
    texts = [p.text for p in result.paragraphs]
    assert texts[0].startswith("First paragraph") and texts[0].endswith("security.")
    assert "line 2 of filler text for the left column continues at the top of the right column, ending with a full stop." in texts[1]


def test_unicode_superscript_markers():
    (plain, marker) = word_to_tokens(Word("entities⁴", 0, 0, 40, 10, 10))
    assert plain.text == "entities" and marker.marker == "4"
    (only,) = word_to_tokens(Word("¹⁵", 0, 0, 8, 10, 10))
    assert only.marker == "15" and only.text == ""


def test_hyphenation_decided_by_the_document():
    vocab = {"implementation": 3, "gender-based": 2, "specific": 1}
    assert join_hyphenated("implemen-", "tation", vocab) == "implementation"
    assert join_hyphenated("gender-", "based", vocab) == "gender-based"
    assert join_hyphenated("Secretary-", "General", vocab) == "Secretary-General"
    assert join_hyphenated("2005-", "2007", vocab) == "2005-2007"
    assert join_hyphenated("country-", "specific", vocab) == "country-specific"
    assert join_hyphenated("organiza-", "tional", vocab) == "organizational"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Thirteen entities", 13),
        ("Seven United Nations entities undertook work on early warning mechanisms.", 7),
        ("In the area of peacemaking and peacebuilding, 12 entities of the United Nations system", 12),
        ("A new joint initiative by 10 United Nations entities", 10),
        ("To facilitate gender mainstreaming, a number of entities", None),
        ("The review was linked to the 12 strategic areas of action included in the Action Plan", None),
    ],
)
def test_claimed_count(text, count):
    assert claimed_count(text, len(text)) == count


def test_pillars_of_a_prose_initiative(gazetteer):
    rows = [
        ("“Action with Women and Peace” Initiative", 60, 80),
        ("4. This initiative has two main pillars. The first pillar is to support", 60, 120),
        ("projects that address the needs of women and girls in conflict situations.", 60, 132),
        ("The second pillar is to convene an annual international conference on", 60, 144),
        ("Women, Peace and Security, including sexual violence in conflict.", 60, 156),
    ]
    layout = _page(1, rows[:1], size=14.0, bold=True)
    body = _page(1, rows[1:])
    layout = PageLayout("doc", 1, 612, 792, layout.words + body.words)
    result = build_report([layout], "doc", gazetteer)
    pillars = [o for o in result.objectives if o.kind == "pillar"]
    assert [o.number for o in pillars] == ["1", "2"]
    assert pillars[0].text.startswith("to support projects that address the needs of women and girls")
    assert pillars[1].text.startswith("to convene an annual international conference")


def test_headed_bullets_become_objectives_and_actions(gazetteer):
    heads = [("RECOMMENDATIONS TO GOVERNMENTS", 60, 100), ("RECOMMENDATIONS TO THE UNITED NATIONS", 60, 196)]
    bullets = [
        ("• Adopt and fund a national action plan on women, peace and", 60, 124),
        ("and security with a dedicated budget line.", 72, 136),
        ("• Ensure that women make up a third of delegations.", 60, 160),
        ("• Support women mediators through the regional networks.", 60, 220),
    ]
    words = [w for t, x, y in heads for w in _words(t, x, y, bold=True)] + [w for t, x, y in bullets for w in _words(t, x, y)]
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, w.size, w.bold) for w in words]
    result = build_report([PageLayout("doc", 1, 612, 792, tuple(words))], "doc", gazetteer)
    objectives = {o.objective_id: o for o in result.objectives}
    assert [(objectives[a.objective_id].text, a.text[:12]) for a in result.actions] == [
        ("RECOMMENDATIONS TO GOVERNMENTS", "Adopt and fu"),
        ("RECOMMENDATIONS TO GOVERNMENTS", "Ensure that "),
        ("RECOMMENDATIONS TO THE UNITED NATIONS", "Support wome"),
    ]
    assert all(o.kind == "heading" for o in result.objectives)


def test_footnote_area_under_a_rule(gazetteer):
    body = _page(1, [("1.", 60, 100)] + [("The Department reported progress in every region", 88, 100)])
    marker = Word("1", 300, 97, 303, 103, 6.0)
    note = _page(1, [("See the annual report of the Department.", 66, 700)], size=8.0)
    note_marker = Word("1", 60, 698, 63, 703, 5.0)
    layout = PageLayout(
        "doc", 1, 612, 792, body.words + (marker, note_marker) + note.words, rulings=(Ruling(60, 690, 130, 690),)
    )
    result = build_report([layout], "doc", gazetteer)
    assert [p.text for p in result.paragraphs] == ["The Department reported progress in every region"]
    assert [(f.number, f.text) for f in result.footnotes] == [("1", "See the annual report of the Department.")]
    assert [(r.number, r.footnote_id) for r in result.footnote_refs] == [("1", "f001")]


def test_settings_are_checked():
    with pytest.raises(ValueError):
        ReportSettings(marker_size_ratio=0)
    with pytest.raises(ValueError):
        ReportSettings(para_gap_ratio=0.5)


def test_dash_numbered_paragraphs(gazetteer):
    rows = [
        ("- 1.", 60, 100), ("In its presidential statement the Council welcomed the", 100, 100),
        ("first follow-up report of the Secretary-General.", 60, 112),
        ("- 2.", 60, 136), ("It further requested the Secretary-General to report", 100, 136),
        ("on good practices and lessons learned.", 60, 148),
    ]
    result = build_report([_page(1, rows)], "doc", gazetteer)
    assert [(p.number, p.text) for p in result.paragraphs] == [
        ("1", "In its presidential statement the Council welcomed the first follow-up report of the Secretary-General."),
        ("2", "It further requested the Secretary-General to report on good practices and lessons learned."),
    ]


def test_seed_same_paragraphs_from_pages_already_stripped(seed_report, gazetteer):
    """The pipeline may strip the furniture first; stripping again changes nothing."""
    _, layouts, result = seed_report
    again = build_report(strip_furniture(layouts)[0], "s2007567", gazetteer)
    assert again.paragraphs == result.paragraphs
    assert again.footnotes == result.footnotes
    assert again.actions == result.actions
