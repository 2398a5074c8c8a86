"""normalizers/prose/paragraphs.py: paragraph blocks as text with their parts and markers, under
their sections; paragraph records and mentions."""

from __future__ import annotations

from extractors.model import Word
from normalizers.prose.lines import words_to_line
from normalizers.prose.model import Block, Part, Ref, ReportSettings
from normalizers.prose.paragraphs import block_to_para, paragraph_mentions, paragraph_records, report_paragraphs
from normalizers.records import SectionRecord
from tests.layouts import words_from_text
from tests.normalizers.prose.handmade import line


def _numbered_block() -> Block:
    words = words_from_text("12.", 60, 100) + words_from_text("Thirteen entities", 88, 100)
    words.append(Word("4", words[-1].x1, 97, words[-1].x1 + 3, 103, 6.0))
    words += words_from_text("reported the following:", words[-1].x1 + 3, 100)
    lead = words_to_line(words, 1, ReportSettings())
    item = line("(a) training of staff.", 72, 112)
    return Block("paragraph", "12", (Part(None, (lead,)), Part("(a)", (item,))))


def test_block_to_para_takes_the_number_off_and_keeps_the_markers():
    para = block_to_para(_numbered_block(), 3, {}, section=0)
    assert para.number == "12" and para.block_index == 3 and para.section == 0
    assert para.text == "Thirteen entities reported the following:\n(a) training of staff."
    assert para.refs == (Ref(17, "4", 1),) and para.text[:17] == "Thirteen entities"
    assert [(label, text) for label, text, *_ in para.parts] == [
        (None, "Thirteen entities reported the following:"), ("(a)", "(a) training of staff.")]
    assert para.page == para.page_end == 1


def test_paragraphs_under_their_sections():
    heading = Block("heading", None, (Part(None, (line("I. Introduction", 60, 80, bold=True),)),))
    blocks = [Block("paragraph", None, (Part(None, (line("Title words", 60, 40),)),)), heading,
              Block("paragraph", None, (Part(None, (line("The report covers the year.", 60, 100),)),)),
              Block("small", None, (Part(None, (line("Source: survey", 60, 300, size=8.0),)),))]
    paras = report_paragraphs(blocks, {1: 0}, title={0}, vocab={})
    assert [(p.text, p.section) for p in paras] == [("The report covers the year.", 0)]
    sections = [SectionRecord(doc_id="doc", section_id="s001", parent_id=None, level=0, number="I.", title="Introduction", page=1, top=80.0)]
    records = paragraph_records(paras, sections, "doc")
    assert [(r.paragraph_id, r.section_id, r.text) for r in records] == [("p0001", "s001", "The report covers the year.")]


def test_paragraph_mentions(gazetteer):
    paras = report_paragraphs([Block("paragraph", None, (Part(None, (
        line("UNICEF and the World Health Organization reported on it.", 60, 100),)),))], {}, set(), {})
    mentions = paragraph_mentions(paragraph_records(paras, [], "doc"), "doc", gazetteer, None)
    assert [(m.paragraph_id, m.text, m.actor_code) for m in mentions] == [
        ("p0001", "UNICEF", "UNICEF"), ("p0001", "World Health Organization", "WHO")]


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


def test_seed_paragraphs_in_their_sections(seed_report):
    truth, _, result = seed_report
    title = {s.section_id: s.title for s in result.sections}
    assert [title.get(p.section_id) for p in result.paragraphs] == [p.section for p in truth.paragraphs]


def test_seed_mentions(seed_report):
    _, _, result = seed_report
    text = {p.paragraph_id: p.text for p in result.paragraphs}
    assert result.mentions
    assert all(text[m.paragraph_id][m.start : m.end] == m.text for m in result.mentions)
    p13 = next(p.paragraph_id for p in result.paragraphs if p.number == "13")
    assert {"DPPA", "DPO", "OHCHR", "UNDP", "UNHCR", "WFP"} <= {m.actor_code for m in result.mentions if m.paragraph_id == p13}
