"""The ICDAR 2013 adjacency-relation measure on hand-made grids and on a real truth file."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.icdar import (
    DOWN,
    RIGHT,
    Counts,
    GridCell,
    grid_from_rows,
    macro,
    micro,
    normalize,
    parse_structure,
    parse_structure_xml,
    relations,
    score,
    score_pages,
    to_top_left,
    truth_by_page,
)
from tests.conftest import CORPUS, need

ICDAR = CORPUS / "icdar2013"


def test_normalize_removes_whitespace_and_case() -> None:
    assert normalize("  To air\nkg/Year ") == "toairkg/year"
    assert normalize("ﬁsh") == "fish"  # NFKC folds the ligature
    assert normalize(None) == "" and normalize(" \n") == ""


def test_two_by_two_table() -> None:
    cells = grid_from_rows([["A", "B"], ["C", "D"]])
    assert relations(cells) == Counter({("a", "b", RIGHT): 1, ("c", "d", RIGHT): 1,
                                        ("a", "c", DOWN): 1, ("b", "d", DOWN): 1})


def test_rowspan_relates_to_each_neighbour_it_touches() -> None:
    cells = (GridCell(0, 0, "A", rowspan=2), GridCell(0, 1, "B"), GridCell(1, 1, "C"))
    assert set(relations(cells)) == {("a", "b", RIGHT), ("a", "c", RIGHT), ("b", "c", DOWN)}


def test_colspan_relates_downwards_once_per_distinct_neighbour() -> None:
    cells = (GridCell(0, 0, "Head", colspan=3), GridCell(1, 0, "x"), GridCell(1, 1, "y", colspan=2))
    assert relations(cells) == Counter({("head", "x", DOWN): 1, ("head", "y", DOWN): 1, ("x", "y", RIGHT): 1})


def test_empty_cells_are_skipped_and_make_no_relations() -> None:
    cells = grid_from_rows([["A", None, "B"], ["C", "D", " "], ["", "", "E"]])
    assert relations(cells) == Counter({
        ("a", "b", RIGHT): 1, ("c", "d", RIGHT): 1,
        ("a", "c", DOWN): 1, ("b", "e", DOWN): 1,
    })


def test_repeated_contents_form_a_multiset() -> None:
    cells = grid_from_rows([["-", "-"], ["-", "-"]])
    assert relations(cells) == Counter({("-", "-", RIGHT): 2, ("-", "-", DOWN): 2})


def test_precision_recall_f1_of_a_row_split() -> None:
    truth = relations(grid_from_rows([["A", "B"], ["C", "D"]]))
    # the header row cut off: only the lower row's relation survives, plus a wrong one
    produced = relations(grid_from_rows([["C", "D"], ["X", ""]]))
    counts = score(produced, truth)
    assert counts == Counts(matched=1, produced=2, truth=4)
    assert counts.precision == pytest.approx(0.5)
    assert counts.recall == pytest.approx(0.25)
    assert counts.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_nothing_produced_scores_zero_and_perfect_scores_one() -> None:
    truth = relations(grid_from_rows([["A", "B"]]))
    assert score(Counter(), truth).f1 == 0.0
    assert score(truth, truth) == Counts(1, 1, 1) and score(truth, truth).f1 == 1.0


def test_pages_pool_tables_and_ignore_pages_without_truth() -> None:
    truth = {1: relations(grid_from_rows([["A", "B", "C"]]))}
    produced = {1: relations(grid_from_rows([["A", "B"]])) + relations(grid_from_rows([["B", "C"]])),
                2: relations(grid_from_rows([["Q", "R"]]))}
    assert score_pages(produced, truth) == Counts(2, 2, 2)


def test_micro_sums_and_macro_averages() -> None:
    a, b = Counts(1, 1, 1), Counts(0, 0, 3)
    assert micro([a, b]) == Counts(1, 1, 4)
    assert micro([a, b]).f1 == pytest.approx(2 * 1 * 0.25 / 1.25)
    assert macro([a, b]) == pytest.approx((0.5, 0.5, 0.5))


def test_parse_spans_and_page_from_xml() -> None:
    xml = """<document><table id="1"><region id="1" page="2" col-increment="0" row-increment="0">
      <cell id="1" start-row="0" start-col="0" end-col="1"><bounding-box x1="10" y1="700" x2="90" y2="710"/>
        <content>Head</content></cell>
      <cell id="1" start-row="1" start-col="0"><bounding-box x1="10" y1="680" x2="40" y2="690"/><content>x</content></cell>
      <cell id="1" start-row="1" start-col="1" end-row="2"><bounding-box x1="50" y1="660" x2="90" y2="690"/>
        <content>y</content></cell>
    </region></table></document>"""
    (table,) = parse_structure_xml(xml)
    assert table.page == 2
    assert table.cells == (GridCell(0, 0, "Head", 1, 2), GridCell(1, 0, "x"), GridCell(1, 1, "y", 2, 1))
    assert table.bbox == (10, 660, 90, 710)
    assert to_top_left(table.bbox, 842) == (10, 132, 90, 182)
    assert truth_by_page([table]) == {2: relations(table.cells)}


@pytest.mark.corpus
def test_real_truth_file() -> None:
    path = need(ICDAR / "eu-001-str.xml")
    tables = parse_structure(path)
    assert len(tables) == 7
    assert [t.page for t in tables] == [1, 1, 1, 2, 2, 3, 3]
    first = tables[0]
    assert len(first.cells) == 28
    assert first.cells[0] == GridCell(0, 1, "THRESHOLD FOR RELEASES", 1, 3)
    rels = relations(first.cells)
    # header spans the three value columns: one relation down to each
    for sub in ("toairkg/year", "towaterkg/year", "tolandkg/year"):
        assert rels[("thresholdforreleases", sub, DOWN)] == 1
    assert rels[("toairkg/year", "towaterkg/year", RIGHT)] == 1
    assert rels[("carbondioxide(co2)", "100million", RIGHT)] == 1
    assert rels[("-", "-", DOWN)] == 10  # the dashes of the two right-hand columns
    # 2 in the sub-header row + 3 in each of six body rows; 3 + 3 + 5 + 3 × 5 downward
    assert sum(n for (_, _, d), n in rels.items() if d == RIGHT) == 20
    assert sum(n for (_, _, d), n in rels.items() if d == DOWN) == 26


# ---------------------------------------------------------------- expected-table agreement (bench/tables.py)


def test_agreement_is_perfect_on_an_identical_grid_with_an_extra_blank_column() -> None:
    from bench.tables import agreement

    expected = [["State", "n"], ["Kerala", "2400"]]
    produced = [["", "State", "n"], ["", "Kerala", "2400"]]
    assert agreement(expected, produced).text == 1.0
    assert agreement(expected, produced).position == 1.0  # one global shift of one column


def test_agreement_counts_split_cells_and_inserted_rows() -> None:
    from bench.tables import agreement

    expected = [["Read & Write", "1-4 std."], ["0.5", "25.3"], ["2.3", "8.8"]]
    # header cell cut in two rows, one stray row in the middle
    produced = [["Read &", "1-4 std."], ["Write", ""], ["0.5", "25.3"], ["note", ""], ["2.3", "8.8"]]
    result = agreement(expected, produced)
    assert (result.matched, result.expected) == (5, 6)
    assert result.text == pytest.approx(5 / 6)
    assert result.position == pytest.approx(2 / 6)  # a single shift puts only one body row in place
