"""normalizers/prose/blocks.py: the role of each body line, and lines rejoined into headings and
paragraphs across lines, pages and columns."""

from __future__ import annotations

from dataclasses import replace

import pytest

from normalizers.prose.blocks import PageMetrics, classify_lines, column_metrics, lines_to_blocks, toc_lines
from normalizers.prose.lines import words_to_line
from normalizers.prose.model import ReportSettings, Role
from tests.layouts import words_from_text
from tests.normalizers.prose.handmade import line, page


def _numbered(number: str, text: str, top: float, x: float = 60):
    """A hanging paragraph number, a tab, then the text."""
    words = words_from_text(number, x, top) + words_from_text(text, x + 28, top)
    return words_to_line(words, 1, ReportSettings())


def _roles(lines):
    return classify_lines(lines, 10.0, column_metrics(lines, 10.0), ReportSettings())


def test_line_roles():
    lines = [
        line("I. Introduction", 60, 80, bold=True),
        _numbered("1.", "The Council adopted resolution 1325 (2000) and requested the following:", 100),
        line("(a) a report on the implementation of the resolution;", 72, 112),
        line("(b) a system-wide action plan with time-bound targets.", 72, 124),
        line("The plan was adopted in the year that followed the request.", 60, 136),
        line("Table notes set small under the figures", 60, 160, size=8.0),
    ]
    assert _roles(lines) == [
        Role("heading"), Role("para", "1"), Role("item", "(a)"), Role("item", "(b)"), Role("text"), Role("small"),
    ]


def test_paragraph_numbers_run_on_and_a_figure_is_no_number():
    lines = [
        _numbered("17.1", "The first paragraph of the section sets out the context of the review.", 100),
        _numbered("17.2", "The second paragraph goes on with the findings of the review team.", 112),
        line("85.8 per cent of the entities reported on their gender marker in the period.", 60, 124),
    ]
    assert [r.kind for r in _roles(lines)] == ["para", "para", "text"]
    assert [r.label for r in _roles(lines)[:2]] == ["17.1", "17.2"]


def test_a_bold_line_under_bold_paragraph_text_is_no_heading():
    words = words_from_text("3.", 60, 100) + words_from_text("The paragraph ends in", 88, 100)
    words += words_from_text("bold words", 88 + 5 * 21 + 3, 100, bold=True)
    lines = [words_to_line(words, 1, ReportSettings()), line("set on two lines", 60, 112, bold=True)]
    assert [r.kind for r in _roles(lines)] == ["para", "text"]
    assert [r.kind for r in _roles(lines[1:])] == ["heading"]


def test_table_of_contents_lines():
    lines = [
        line("Sommaire", 60, 80, bold=True),
        line("I. Introduction . . . . . . . . . . . . 3", 60, 100),
        line("II. Progress made in the implementation of the", 60, 112),
        line("resolution . . . . . . . . . . . . . . . 5", 72, 124),
        line("Page", 500, 90),
        line("1. The Council adopted resolution 1325 (2000) in October.", 60, 200),
    ]
    assert toc_lines(lines) == {0, 1, 2, 3, 4}


@pytest.mark.xfail(strict=True, reason="known flaw, kept: the plural 's' the fold drops makes 'Contents' 'content', which "
                   "_CONTENTS does not hold; matching it joins, in a French report (drc/R1325 ONU.pdf), the paragraph after "
                   "the contents to the abbreviations before them: #13")
def test_contents_heading_is_a_toc_line():
    lines = [line("Contents", 60, 80, bold=True), line("I. Introduction . . . . . . . . . . . . 3", 60, 100)]
    assert toc_lines(lines) == {0, 1}


def test_column_metrics_per_page_column():
    lines = [replace(line(f"Text of the left column line {i}", 60, 100 + 12 * i), column=1) for i in range(3)]
    metrics = column_metrics(lines, 10.0)
    assert list(metrics) == [(1, 1)] and metrics[(1, 1)].margin == 60.0
    assert isinstance(metrics[(1, 1)], PageMetrics)


def test_items_stay_with_their_lead_in_and_a_number_opens_a_paragraph():
    lines = [
        _numbered("1.", "The Council requested the following:", 100),
        line("(a) a report on the implementation;", 72, 112),
        line("(b) an action plan.", 72, 124),
        _numbered("2.", "The plan was adopted in the year that followed.", 148),
    ]
    roles = _roles(lines)
    blocks = lines_to_blocks(lines, roles, 10.0, column_metrics(lines, 10.0), ReportSettings())
    assert [(b.kind, b.number, [p.label for p in b.parts]) for b in blocks] == [
        ("paragraph", "1", [None, "(a)", "(b)"]), ("paragraph", "2", [None]),
    ]


def test_a_first_line_indent_starts_a_paragraph():
    lines = [
        line("The first paragraph runs over two lines of the page and it", 60, 100),
        line("ends here.", 60, 112),
        line("The second paragraph opens with an indent of its first line", 80, 124),
        line("and goes on at the margin.", 60, 136),
    ]
    blocks = lines_to_blocks(lines, _roles(lines), 10.0, column_metrics(lines, 10.0), ReportSettings())
    assert [len(b.lines) for b in blocks] == [2, 2]


def test_paragraph_rejoined_across_column_break(build):
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
    result = build([page(1, left + right)])
    texts = [p.text for p in result.paragraphs]
    assert texts[0].startswith("First paragraph") and texts[0].endswith("security.")
    assert "line 2 of filler text for the left column continues at the top of the right column, ending with a full stop." in texts[1]


def test_dash_numbered_paragraphs(build):
    rows = [
        ("- 1.", 60, 100), ("In its presidential statement the Council welcomed the", 100, 100),
        ("first follow-up report of the Secretary-General.", 60, 112),
        ("- 2.", 60, 136), ("It further requested the Secretary-General to report", 100, 136),
        ("on good practices and lessons learned.", 60, 148),
    ]
    result = build([page(1, rows)])
    assert [(p.number, p.text) for p in result.paragraphs] == [
        ("1", "In its presidential statement the Council welcomed the first follow-up report of the Secretary-General."),
        ("2", "It further requested the Secretary-General to report on good practices and lessons learned."),
    ]
