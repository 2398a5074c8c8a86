"""The numbered-paragraph row rule (:mod:`normalizers.prose.numbered`) on hand-made cells, and
on a hand-made page through :func:`extractors.textgrid.text_tables`."""

from __future__ import annotations

from extractors.model import Cell, PageLayout, Word
from extractors.textgrid import text_tables
from normalizers.prose.numbered import is_paragraph_row, numbered_paragraph_rows
from tests.layouts import words_from_text

_SENTENCE = "The Council calls on all States to adopt and fund plans on women and peace"


def _cell(row: int, col: int, text: str, colspan: int = 1) -> Cell:
    return Cell(row, col, 1, colspan, text, 40.0 + 100 * col, 100.0 + 14 * row, 140.0 + 100 * (col + colspan - 1),
                114.0 + 14 * row)


def test_numbered_paragraphs_above_and_below_a_table_are_cut_away() -> None:
    cells = [
        _cell(0, 0, "12."), _cell(0, 1, _SENTENCE, colspan=2),  # a paragraph: number, then the sentence over the rest
        _cell(1, 1, "and security.", colspan=2),  # the line that continues it
        _cell(2, 0, "Activity"), _cell(2, 1, "Lead ministry"), _cell(2, 2, "Timeline"),
        _cell(3, 0, "Train police officers"), _cell(3, 1, "Ministry of Interior"), _cell(3, 2, "2021"),
        _cell(4, 0, "Open two shelters"), _cell(4, 1, "Ministry of Gender"), _cell(4, 2, "2022"),
        _cell(5, 0, "13. " + _SENTENCE, colspan=3),  # the next paragraph, in one cell
        _cell(6, 0, "Fund women mediators"), _cell(6, 1, "Ministry of Foreign Affairs"), _cell(6, 2, "2023"),
    ]
    assert numbered_paragraph_rows(cells, 7, 3, min_rows=2) == (2, 5)
    assert numbered_paragraph_rows(cells[3:], 7, 3, min_rows=2) == (0, 5)  # no paragraph above: nothing cut there
    assert not is_paragraph_row([_cell(0, 0, "12."), _cell(0, 1, "Too short to be running text.", colspan=2)], 3)
    assert not is_paragraph_row([_cell(0, 0, "12."), _cell(0, 1, _SENTENCE)], 3)  # not over the rest of the row


def test_text_tables_cut_a_numbered_paragraph_only_with_the_rule() -> None:
    header = [(40, "Activity"), (240, "Lead ministry"), (400, "Timeline")]
    rows = [header, [(40, "Train police officers"), (240, "Ministry of Interior"), (400, "2021")],
            [(40, "Open two shelters"), (240, "Ministry of Gender"), (400, "2022")]]
    words: list[Word] = words_from_text("12.", 40, 86) + words_from_text(_SENTENCE, 240, 86)
    words += [w for i, row in enumerate(rows) for x, text in row for w in words_from_text(text, x, 100 + 14 * i)]
    page = PageLayout("un", 2, 612, 792, tuple(words))
    (plain,) = text_tables(page)
    (trimmed,) = text_tables(page, row_trim=numbered_paragraph_rows)
    assert (plain.n_rows, plain.top, plain.cells[0].text) == (4, 86.0, "12.")
    assert (trimmed.n_rows, trimmed.top, trimmed.cells[0].text) == (3, 100.0, "Activity")
