"""Ruled grids with merged cells from the drawing itself, on real PDFs of the corpus."""

from __future__ import annotations

import pdfplumber
import pytest

from extractors.grid import GridSettings, ruled_tables
from extractors.layout import page_to_layout
from extractors.textgrid import text_tables
from tests.conftest import need


def _layout(path, page_no=1):
    with pdfplumber.open(need(path)) as pdf:
        return page_to_layout(pdf.pages[page_no - 1], "test")


def test_row_spans_from_missing_rulings(corpus) -> None:
    (table,) = ruled_tables(_layout(corpus / "camelot" / "row_span_1.pdf"))
    assert (table.n_rows, table.n_cols) == (40, 4)
    grid = table.grid()
    assert [c.text for c in grid[0]] == ["Plan Type", "County", "Plan Name", "Totals"]
    gmc = grid[1][0]
    assert (gmc.text, gmc.row, gmc.rowspan, gmc.colspan) == ("GMC", 1, 10, 1)
    sacramento = grid[1][1]
    assert (sacramento.text, sacramento.rowspan) == ("Sacramento", 4)
    assert grid[5][1].text == "San Diego" and grid[5][1].rowspan == 5
    assert grid[1][2].text == "Anthem Blue Cross" and grid[1][3].text == "164,380"


def test_column_spans(corpus) -> None:
    (table,) = ruled_tables(_layout(corpus / "camelot" / "column_span_2.pdf"))
    merged = table.grid()[1][2]
    assert merged.colspan == 5 and merged.rowspan == 3
    assert merged.text.startswith("All the available individuals")


def test_sideways_table_is_turned_upright(corpus) -> None:
    for name in ("anticlockwise_table_1.pdf", "clockwise_table_1.pdf"):
        layout = _layout(corpus / "camelot" / name)
        assert layout.rotation in (90, 270) and layout.width > layout.height
        assert " ".join(w.text for w in layout.words[:6]).startswith("Table 1 : STATE WISE COVERAGE")
        tables = ruled_tables(layout)
        assert any(any(c.text == "Kerala" for c in t.cells) for t in tables)


def test_inset_cell_fills_make_one_grid(corpus) -> None:
    """eu-001 draws each cell as a filled rectangle inset from its neighbours."""
    tables = ruled_tables(_layout(corpus / "icdar2013" / "eu-001.pdf", 3))
    first = tables[0]
    assert first.n_cols == 4
    head = first.grid()[0][1]
    assert head.colspan == 3 and head.text.replace(" ", "").startswith("THRESHOLD")
    # each header line has its own background fill: still one row ("to air / kg/year")
    assert [c.text for c in first.grid()[1][1:]] == ["to air\nkg/year", "to water\nkg/year", "to land\nkg/year"]
    assert [c.text for c in first.grid()[2]] == ["Anthracene", "50", "1", "1"]


def test_horizontal_rules_only_keep_the_columns(corpus) -> None:
    """eu-016 rules rows only; column lines exist in the header alone."""
    (table,) = [t for t in ruled_tables(_layout(corpus / "icdar2013" / "eu-016.pdf", 3)) if t.n_rows > 5]
    austria = next(row for row in table.grid() if row[0] and row[0].text == "Austria")
    assert [c.text for c in austria] == ["Austria", "86.2", "13.8", "0", "3,375"]


def test_unruled_table_from_whitespace(corpus) -> None:
    layout = _layout(corpus / "camelot" / "budget.pdf")
    tables = text_tables(layout, exclude=tuple(t.bbox for t in ruled_tables(layout)))
    assert tables
    rows = [[c.text for c in row if c] for row in tables[0].grid()]
    assert any(r[:4] == ["1. Department of Atomic Energy", "22260.55", "48.45", "22309.00"] or
               (r and r[0].startswith("1. Departmen") and "22260.55" in r) for r in rows)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="coverage"):
        GridSettings(coverage=0)
