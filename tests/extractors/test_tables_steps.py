"""Steps of :mod:`extractors.tables` on hand-made words and tables (no PDF).

``table_quality`` is one score for every strategy: words placed × (1 − words cut by a cell
border) × (0.5 + 0.5 × share of slots holding text). ``best_tables`` keeps, per page region, the
best-scoring table; a later strategy must beat an earlier one by more than 0.02.

Every expected score below is worked out by hand from the geometry: each letter is 5 pt wide
and words are 3 pt apart (``words_from_text`` at 10 pt), the header line sits at top 100 and the
first data line at top 130.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pdfplumber.table import Table as PlumberTable

from extractors.model import BBox, Cell, PageLayout, Table, Word
from extractors.tables import (
    CamelotTableExtractor,
    PageSource,
    PlumberTableExtractor,
    best_tables,
    table_quality,
)
from tests.layouts import words_from_text

# Activity 44–84 | Lead 244–264                                       (top 100–110)
# Train 44–69, police 72–102, officers 105–145 | Ministry 244–284, of 287–297, Interior 300–340 (top 130–140)
_WORDS: tuple[Word, ...] = tuple(
    words_from_text("Activity", 44, 100) + words_from_text("Lead", 244, 100)
    + words_from_text("Train police officers", 44, 130) + words_from_text("Ministry of Interior", 244, 130)
)


def _layout(words: tuple[Word, ...] = _WORDS, rotation: int = 0) -> PageLayout:
    return PageLayout("nap", 1, 612, 792, words, rotation=rotation)


def _grid_table(texts: list[list[str]], cols: list[float], rows: list[float], extractor: str = "ruled",
                n_cols: int | None = None, score: float = 0.0) -> Table:
    """A table of 1×1 cells between the column edges ``cols`` and row edges ``rows``."""
    cells = tuple(Cell(r, c, 1, 1, text, cols[c], rows[r], cols[c + 1], rows[r + 1])
                  for r, row in enumerate(texts) for c, text in enumerate(row))
    return Table("nap", 1, 0, len(texts), n_cols or max(len(r) for r in texts), cells,
                 cols[0], rows[0], cols[-1], rows[-1], extractor, score)


_ROWS = [95.0, 120.0, 145.0]
_GOOD = [["Activity", "Lead"], ["Train police officers", "Ministry of Interior"]]


def _good(extractor: str = "ruled", score: float = 0.0) -> Table:
    return _grid_table(_GOOD, [40, 240, 400], _ROWS, extractor, score=score)


def _cutting(extractor: str = "ruled") -> Table:
    """The column border at x=100 runs through "police" (72–102, centre 87)."""
    return _grid_table([["Activity", "Lead"], ["Train police", "officers Ministry of Interior"]], [40, 100, 400], _ROWS, extractor)


def _one_column(extractor: str = "text") -> Table:
    return _grid_table([["Activity Lead"], ["Train police officers Ministry of Interior"]], [40, 400], _ROWS, extractor)


@dataclass
class _Fixed:
    """A strategy that returns the tables it was given and notes the boxes it was told were taken."""

    name: str
    tables: list[Table]
    seen_taken: list[tuple[BBox, ...]] = field(default_factory=list)

    def extract(self, layout: PageLayout, source: PageSource | None = None, taken: tuple[BBox, ...] = ()) -> list[Table]:
        self.seen_taken.append(taken)
        return list(self.tables)


# ---------------------------------------------------------------- table_quality


def test_quality_of_a_full_grid_that_places_every_word_is_one() -> None:
    assert table_quality(_good(), _WORDS) == 1.0


def test_quality_is_zero_without_words_in_the_box() -> None:
    assert table_quality(_grid_table(_GOOD, [40, 240, 400], [400, 420, 440]), _WORDS) == 0.0


def test_quality_of_a_grid_of_empty_cells_is_zero() -> None:
    assert table_quality(_grid_table([["", ""], ["", ""]], [40, 240, 400], _ROWS), _WORDS) == 0.0


def test_a_word_cut_by_a_column_border_costs_its_share() -> None:
    # 8 words placed of 8, 1 cut: 1 × 7/8 × 1
    assert table_quality(_cutting(), _WORDS) == 0.875


def test_empty_slots_cost_half_their_share() -> None:
    # a third column with nothing in it: all 8 words placed, 4 of 6 slots filled → 0.5 + 0.5 × 4/6
    table = _grid_table([["Activity", "Lead", ""], ["Train police officers", "Ministry of Interior", ""]], [40, 240, 400, 560], _ROWS)
    assert table_quality(table, _WORDS) == 0.8333


def test_a_ragged_row_counts_its_missing_slot_as_empty() -> None:
    # n_cols 3 but the second row has two cells: 5 filled slots of 6 → 0.5 + 0.5 × 5/6
    table = _grid_table([["Activity", "Lead", "Timeline"], ["Train police officers", "Ministry of Interior"]], [40, 240, 400, 560], _ROWS)
    words = _WORDS + tuple(words_from_text("Timeline", 404, 100))
    assert table_quality(table, words) == 0.9167


def test_words_the_cells_do_not_hold_lower_the_score() -> None:
    # "of Interior" not read into its cell: 6 of 8 words placed → 6/8 × 1 × 1
    table = _grid_table([["Activity", "Lead"], ["Train police officers", "Ministry"]], [40, 240, 400], _ROWS)
    assert table_quality(table, _WORDS) == 0.75


def test_a_merged_cell_fills_every_slot_it_covers() -> None:
    words = _WORDS + tuple(words_from_text("Review recruitment rules", 44, 160))
    cells = (
        Cell(0, 0, 1, 1, "Activity", 40, 95, 240, 120), Cell(0, 1, 1, 1, "Lead", 240, 95, 400, 120),
        Cell(1, 0, 1, 1, "Train police officers", 40, 120, 240, 150),
        Cell(1, 1, 2, 1, "Ministry of Interior", 240, 120, 400, 175),  # the lead of both activities
        Cell(2, 0, 1, 1, "Review recruitment rules", 40, 150, 240, 175),
    )
    table = Table("nap", 1, 0, 3, 2, cells, 40, 95, 400, 175, "ruled")
    assert table_quality(table, words) == 1.0


def test_a_one_column_table_scores_like_the_grid_it_flattens() -> None:
    """The score has no term for columns: a strategy that misses every gutter is not penalised."""
    assert table_quality(_one_column(), _WORDS) == table_quality(_good(), _WORDS) == 1.0


# ---------------------------------------------------------------- best_tables


def test_a_later_strategy_whose_table_cuts_no_word_replaces_one_that_does() -> None:
    ruled, text = _Fixed("ruled", [_cutting("ruled")]), _Fixed("text", [_good("text", score=0.8)])
    (kept,) = best_tables(_layout(), [ruled, text])
    assert (kept.extractor, kept.score, kept.index) == ("text", 1.0, 0)  # the strategy's own 0.8 is replaced


def test_the_first_strategy_keeps_its_table_when_the_later_one_is_worse() -> None:
    (kept,) = best_tables(_layout(), [_Fixed("ruled", [_good("ruled")]), _Fixed("text", [_cutting("text")])])
    assert (kept.extractor, kept.score) == ("ruled", 1.0)


def test_equal_scores_go_to_the_strategy_listed_first() -> None:
    (kept,) = best_tables(_layout(), [_Fixed("ruled", [_good("ruled")]), _Fixed("text", [_one_column("text")])])
    assert (kept.extractor, kept.n_cols) == ("ruled", 2)
    (kept,) = best_tables(_layout(), [_Fixed("text", [_one_column("text")]), _Fixed("ruled", [_good("ruled")])])
    assert (kept.extractor, kept.n_cols) == ("text", 1)


def _ten_row_page() -> tuple[tuple[Word, ...], list[list[str]]]:
    """10 rows of a 7-word activity and a 3-word ministry: 100 words."""
    words: list[Word] = []
    texts = []
    for r in range(10):
        activity, lead = f"Train police officers in region {r + 1} annually", "Ministry of Interior"
        words += words_from_text(activity, 44, 100 + 20 * r) + words_from_text(lead, 304, 100 + 20 * r)
        texts.append([activity, lead])
    return tuple(words), texts


def test_a_later_table_better_by_less_than_the_margin_does_not_replace_the_first() -> None:
    words, texts = _ten_row_page()
    rows = [95.0 + 20 * r for r in range(11)]
    short = [row[:] for row in texts]
    short[9][0] = short[9][0].removesuffix(" annually")  # 99 of 100 words placed: 0.99
    first = _grid_table(short, [40, 300, 460], rows, "ruled")
    later = _grid_table(texts, [40, 300, 460], rows, "text")  # 1.0: better by 0.01 only
    (kept,) = best_tables(_layout(words), [_Fixed("ruled", [first]), _Fixed("text", [later])])
    assert (kept.extractor, kept.score) == ("ruled", 0.99)


def test_tables_in_separate_regions_are_all_kept_top_to_bottom_and_renumbered() -> None:
    words = _WORDS + tuple(words_from_text("2021", 44, 430) + words_from_text("50,000", 244, 430)
                           + words_from_text("2022", 44, 460) + words_from_text("75,000", 244, 460))
    budget = _grid_table([["2021", "50,000"], ["2022", "75,000"]], [40, 240, 400], [425.0, 450.0, 475.0], "ruled")
    got = best_tables(_layout(words), [_Fixed("ruled", [budget]), _Fixed("text", [_good("text")])])
    assert [(t.extractor, t.top, t.index) for t in got] == [("text", 95.0, 0), ("ruled", 425.0, 1)]


def test_a_table_overlapping_less_than_half_of_the_smaller_is_no_rival() -> None:
    # (300, 95, 560, 145) shares 100 × 50 pt with (40, 95, 400, 145): 5000 / 13000 of the smaller
    beside = _grid_table([["Interior", ""], ["", ""]], [300, 430, 560], _ROWS, "text")
    got = best_tables(_layout(), [_Fixed("ruled", [_good("ruled")]), _Fixed("text", [beside])])
    assert [t.extractor for t in got] == ["ruled", "text"]


def test_later_strategies_are_told_the_boxes_already_taken() -> None:
    ruled, text = _Fixed("ruled", [_good("ruled")]), _Fixed("text", [])
    best_tables(_layout(), [ruled, text])
    assert ruled.seen_taken == [()]
    assert text.seen_taken == [((40, 95.0, 400, 145.0),)]


# ---------------------------------------------------------------- peer strategies, without their libraries' files


def test_camelot_flavor_is_checked_and_names_the_strategy() -> None:
    with pytest.raises(ValueError, match=r"CamelotTableExtractor\.flavor.*'grid'"):
        CamelotTableExtractor("grid")
    assert CamelotTableExtractor("stream").name == "camelot-stream"


def test_peer_strategies_find_nothing_without_a_source_or_on_a_turned_page() -> None:
    source = PageSource(Path("plan.pdf"), 1)  # no open pdfplumber page
    assert CamelotTableExtractor().extract(_layout()) == []
    assert CamelotTableExtractor().extract(_layout(rotation=90), source) == []
    assert PlumberTableExtractor().extract(_layout(), source) == []


class _PlumberPage:
    """Stands in for an open pdfplumber page: ``find_tables`` gives pdfplumber's own Table of cell boxes."""

    def __init__(self, *cell_lists: list[tuple[float, float, float, float]]):
        self.cell_lists = cell_lists

    def find_tables(self) -> list[PlumberTable]:
        return [PlumberTable(None, cells) for cells in self.cell_lists]  # type: ignore[arg-type]


def _plumber(*cell_lists: list[tuple[float, float, float, float]], words: tuple[Word, ...] = _WORDS) -> list[Table]:
    return PlumberTableExtractor().extract(_layout(words), PageSource(Path("plan.pdf"), 1, _PlumberPage(*cell_lists)))


def test_pdfplumber_cell_boxes_become_cells_with_the_words_they_hold() -> None:
    boxes = [(40, 95, 240, 120), (240, 95, 400, 120), (40, 120, 240, 145), (240, 120, 400, 145)]
    (table,) = _plumber(boxes)
    assert (table.extractor, table.n_rows, table.n_cols, table.bbox) == ("pdfplumber", 2, 2, (40, 95, 400, 145))
    assert [[c.text for c in row] for row in table.grid()] == _GOOD


def test_pdfplumber_tables_of_one_row_or_one_column_are_dropped() -> None:
    assert _plumber([(40, 95, 240, 120), (240, 95, 400, 120)]) == []
    assert _plumber([(40, 95, 400, 120), (40, 120, 400, 145)]) == []


@pytest.mark.xfail(strict=True, reason="PlumberTableExtractor drops pdfplumber's None slots (merged cells), so the "
                                       "cells right of a cell merged down from the row above shift one column left")
def test_pdfplumber_cells_beside_a_cell_merged_over_two_rows_keep_their_column() -> None:
    words = _WORDS + tuple(words_from_text("Review recruitment rules", 244, 160) + words_from_text("2022", 404, 160)
                           + words_from_text("2021", 404, 130) + words_from_text("Timeline", 404, 100))
    boxes = [(40, 95, 240, 120), (240, 95, 400, 120), (400, 95, 560, 120),
             (40, 120, 240, 175),  # "Train police officers": the first column's cell merged over rows 1–2
             (240, 120, 400, 150), (400, 120, 560, 150),
             (240, 150, 400, 175), (400, 150, 560, 175)]
    (table,) = _plumber(boxes, words=words)
    last_row = [c for c in table.cells if c.row == 2]
    # the cell at x 400–560 is the third column, whatever pdfplumber left out to its left
    assert [(c.col, c.x0) for c in last_row] == [(1, 240), (2, 400)]
