"""normalizers/prose/lines.py: words → tokens (footnote markers out of the text) → lines in
reading order."""

from __future__ import annotations

from extractors.model import PageLayout, Word
from normalizers.prose.lines import body_size, column_groups, page_lines, word_to_tokens, words_to_line
from normalizers.prose.model import ReportSettings
from tests.layouts import words_from_text
from tests.normalizers.prose.handmade import line, page


def test_unicode_superscript_markers():
    (plain, marker) = word_to_tokens(Word("entities⁴", 0, 0, 40, 10, 10))
    assert plain.text == "entities" and marker.marker == "4"
    (only,) = word_to_tokens(Word("¹⁵", 0, 0, 8, 10, 10))
    assert only.marker == "15" and only.text == ""


def test_superscript_after_a_figure_is_no_marker():
    """'10²' keeps its digit: a marker follows a letter or punctuation."""
    (token,) = word_to_tokens(Word("10²", 0, 0, 20, 10, 10))
    assert token.text == "10²" and token.marker is None


def test_small_raised_number_is_a_marker():
    words = words_from_text("Thirteen entities provided information", 60, 100)
    words.insert(2, Word("4", words[1].x1, 97, words[1].x1 + 3, 103, 6.0))
    got = words_to_line(words, 1, ReportSettings())
    assert [t.marker for t in got.tokens if t.marker] == ["4"]
    assert got.text == "Thirteen entities provided information"
    assert got.size == 10.0 and not got.bold


def test_exponent_of_a_unit_is_no_marker():
    words = words_from_text("an area of 40 km", 60, 100)
    words.append(Word("2", words[-1].x1 + 0.5, 97, words[-1].x1 + 3.5, 103, 6.0))
    got = words_to_line(words, 1, ReportSettings())
    assert all(t.marker is None for t in got.tokens)


def test_a_mostly_bold_line_is_bold():
    assert line("I. Introduction", 60, 100, bold=True).bold
    assert not line("Plain text of the body", 60, 100).bold


def test_two_columns_read_left_then_right():
    left = [w for i in range(8) for w in words_from_text(f"left column line {i} of text", 60, 100 + 12 * i)]
    right = [w for i in range(8) for w in words_from_text(f"right column line {i} of text", 330, 100 + 12 * i)]
    groups = column_groups(left + right, 612)
    assert [column for column, _ in groups] == [1, 2]
    assert groups[0][1] == left and groups[1][1] == right


def test_text_across_the_middle_leaves_one_column():
    left = [w for i in range(6) for w in words_from_text(f"left column line {i} of text", 60, 100 + 12 * i)]
    right = [w for i in range(6) for w in words_from_text(f"right column line {i} of text", 330, 100 + 12 * i)]
    across = [Word("x" * 60, 60, 200, 360, 210, 10)]
    assert [column for column, _ in column_groups(left + right + across, 612)] == [0]


def test_few_words_are_one_column():
    words = words_from_text("Only a few words here", 60, 100)
    assert column_groups(words, 612) == [(0, words)]


def test_page_lines_leave_sideways_text_out():
    upright = page(1, [("Body text of the page", 60, 100)])
    sideways = Word("DRAFT", 500, 300, 510, 360, 10, upright=False)
    lines = page_lines(PageLayout("doc", 1, 612, 792, upright.words + (sideways,)))
    assert [ln.text for ln in lines] == ["Body text of the page"]


def test_body_size_is_the_size_of_most_characters():
    lines = [line("A heading", 60, 80, size=14.0), line("Body text that runs on and on", 60, 100), line("More body text", 60, 112)]
    assert body_size(lines) == 10.0
    assert body_size([]) == 10.0
