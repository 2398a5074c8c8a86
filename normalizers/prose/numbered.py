"""A report's numbered paragraphs, told from the table rows the text grid reads them as.

A UN report sets its running text in numbered paragraphs (``12.``, ``3.4``). Above or below a
table laid out with whitespace, such a paragraph — its number in one column, its sentence over
the rest — looks like one more row. :func:`numbered_paragraph_rows` is the row-trim rule that
``extractors.textgrid.text_tables`` takes (``row_trim``): pure, cells in, row range out.
"""

from __future__ import annotations

import re

from extractors.model import Cell

_PARA_START = re.compile(r"^(?:\d{1,3}\.|\d{1,3}\.\d{1,3}\.?)$")


def is_paragraph_row(filled: list[Cell], n_cols: int) -> bool:
    """A numbered paragraph of running text read as a table row (``filled``: the row's cells
    with text, left to right): its number, then a sentence of a dozen words or more, in one cell
    or in a number cell and one cell over the rest."""
    if not filled or len(filled) > 2:
        return False
    if len(filled) == 2 and not (filled[0].col == 0 and filled[1].col + filled[1].colspan == n_cols
                                 and filled[1].colspan == n_cols - 1):
        return False
    tokens = " ".join(c.text for c in filled).split()
    return len(tokens) >= 12 and bool(_PARA_START.match(tokens[0])) and tokens[1][:1].isupper()


def numbered_paragraph_rows(cells: list[Cell], n_rows: int, n_cols: int, min_rows: int) -> tuple[int, int]:
    """Rows ``[first, end)`` that are the table: numbered paragraphs of the running text above
    it (with the lines that continue them: one cell, not in the first column) and from the first
    numbered paragraph below it on are cut away; at least ``min_rows`` rows are kept."""
    by_row: dict[int, list[Cell]] = {}
    for c in cells:
        if c.text.strip():
            by_row.setdefault(c.row, []).append(c)
    rows = [sorted(by_row.get(r, []), key=lambda c: c.col) for r in range(n_rows)]
    first = 0
    while first < n_rows - min_rows:
        filled = rows[first]
        goes_on = first > 0 and len(filled) == 1 and filled[0].col > 0 and filled[0].rowspan == 1
        if not (is_paragraph_row(filled, n_cols) or goes_on):
            break
        first += 1
    end = next((r for r in range(first + min_rows, n_rows) if is_paragraph_row(rows[r], n_cols)), n_rows)
    return first, end
