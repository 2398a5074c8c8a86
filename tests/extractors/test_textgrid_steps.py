"""Steps of :mod:`extractors.textgrid` on hand-made words (no PDF).

Words are set with ``words_from_text`` at 10 pt: each letter 5 pt wide, words 3 pt apart, a line
10 pt high. A column gap is wider than ``max(4, 0.9 × 10) = 9`` pt. The expected positions are
worked out by hand from those numbers.
"""

from __future__ import annotations

import pytest

from extractors.model import PageLayout, Ruling, Word
from extractors.textgrid import TextGridSettings, gutters, infer_label_spans, line_segments, table_runs, text_tables
from tests.layouts import words_from_text

_S = TextGridSettings()


def _line(top: float, *cells: tuple[float, str]) -> list[Word]:
    """One printed line: each (x, text) a run of words starting at x."""
    return [w for x, text in cells for w in words_from_text(text, x, top)]


def _page(words: list[Word], rulings: tuple[Ruling, ...] = ()) -> PageLayout:
    return PageLayout("nap", 3, 612, 792, tuple(words), rulings)


def _texts(line) -> list[str]:
    return [" ".join(w.text for w in seg.words) for seg in line.segments]


# Activity | Lead ministry | Timeline, one line a row, 14 pt apart. The longest activity ends at
# 141 ("officers" 101–141), the longest ministry at 369 ("Affairs" 334–369), "Timeline" at 440.
_HEADER = ((40, "Activity"), (240, "Lead ministry"), (400, "Timeline"))
_MATRIX = [
    _line(100, *_HEADER),
    _line(114, (40, "Train police officers"), (240, "Ministry of Interior"), (400, "2021")),
    _line(128, (40, "Open two shelters"), (240, "Ministry of Gender"), (400, "2022")),
    _line(142, (40, "Fund women mediators"), (240, "Ministry of Foreign Affairs"), (400, "2023")),
]


# ---------------------------------------------------------------- line_segments


def test_a_line_splits_into_segments_at_column_wide_gaps_only() -> None:
    (line,) = line_segments(list(reversed(_MATRIX[1])), _S)  # word order on input does not matter
    assert _texts(line) == ["Train police officers", "Ministry of Interior", "2021"]
    assert (line.x0, line.x1, line.top, line.bottom) == (40, 420, 114, 124)


def test_the_column_gap_grows_with_the_type_size() -> None:
    # a 15 pt gap: wider than 0.9 em at 10 pt (9 pt), narrower than at 20 pt (18 pt)
    small = [Word("Ministry", 40, 100, 80, 110, 10.0), Word("Interior", 95, 100, 135, 110, 10.0)]
    big = [Word("Ministry", 40, 100, 120, 120, 20.0), Word("Interior", 135, 100, 215, 120, 20.0)]
    assert [len(ln.segments) for ln in line_segments(small, _S)] == [2]
    assert [len(ln.segments) for ln in line_segments(big, _S)] == [1]


def test_lines_come_top_to_bottom() -> None:
    words = [w for ln in reversed(_MATRIX) for w in ln]
    assert [ln.top for ln in line_segments(words, _S)] == [100, 114, 128, 142]


# ---------------------------------------------------------------- table_runs


def test_a_full_width_prose_line_ends_the_run_and_is_not_part_of_it() -> None:
    prose = words_from_text("The Ministry of Gender will report every year to Parliament on the progress of the plan.", 40, 160)
    lines = line_segments([w for ln in _MATRIX for w in ln] + prose, _S)
    (run,) = table_runs(lines, _S, page_width=612)
    assert [ln.top for ln in run] == [100, 114, 128, 142]


def test_a_wide_vertical_gap_separates_two_runs_and_two_rows_are_too_few() -> None:
    far = [_line(top, (40, "Open two shelters"), (240, "Ministry of Gender")) for top in (300, 314)]
    lines = line_segments([w for ln in _MATRIX + far for w in ln], _S)
    runs = table_runs(lines, _S, page_width=612)
    assert [[ln.top for ln in run] for run in runs] == [[100, 114, 128, 142]]  # the two lines at 300 stay out


# ---------------------------------------------------------------- gutters


def test_gutters_lie_between_the_longest_text_of_a_column_and_the_start_of_the_next() -> None:
    (run,) = table_runs(line_segments([w for ln in _MATRIX for w in ln], _S), _S, 612)
    # columns cover 40–141, 240–369, 400–440 (1 pt steps from the run's left edge, 40)
    assert gutters(run, _S) == [(142.0, 240.0), (370.0, 400.0)]


def _spanning_header_run(n_rows: int):
    """A header whose second cell runs on over the gutter to the third column ("Responsible
    and supporting institutions", 240–429) above ``n_rows`` rows ending at 336 and starting at 400."""
    lines = [_line(100, (40, "Activity"), (240, "Responsible and supporting institutions"))]
    lines += [_line(114 + 14 * r, (40, "Train police officers"), (240, "Ministry of Interior"), (400, "UN Women")) for r in range(n_rows)]
    (run,) = table_runs(line_segments([w for ln in lines for w in ln], _S), _S, 612)
    return run


def test_a_gutter_tolerates_a_header_crossing_it_in_few_lines() -> None:
    # 1 crossing line of 9: within 0.12 × 9 lines
    assert gutters(_spanning_header_run(8), _S) == [(142.0, 240.0), (337.0, 400.0)]


def test_a_gutter_crossed_in_one_line_of_four_is_no_gutter() -> None:
    # 1 crossing line of 4: above 0.12 × 4 lines
    assert gutters(_spanning_header_run(3), _S) == [(142.0, 240.0)]


def test_gaps_that_do_not_line_up_make_no_column() -> None:
    """Justified prose with one stretched (12 pt) gap per line, each at another place: every
    line has two segments, but no x range is free in the lines of the run."""
    body = "Women and girls affected by conflict shall have access to justice and services".split()
    words: list[Word] = []
    for i in range(8):
        left, right = " ".join(body[: 2 + i]), " ".join(body[2 + i:])
        first = words_from_text(left, 40, 100 + 14 * i)
        words += first + words_from_text(right, first[-1].x1 + 12, 100 + 14 * i)
    (run,) = table_runs(line_segments(words, _S), _S, 612)
    assert gutters(run, _S) == []
    assert text_tables(_page(words)) == []



@pytest.mark.xfail(strict=True, reason="two columns of running prose have a clean gutter and two segments a line, and "
                                       "nothing in text_tables tells them from a two-column matrix: they become a 5×2 table")
def test_a_page_set_in_two_columns_of_prose_is_no_table() -> None:
    left = ["The national action plan sets out how the", "government will carry out resolution 1325",
            "over the next four years with civil society", "and the women's organisations of the country",
            "that took part in writing it in 2020."]
    right = ["Each ministry named in the matrix reports", "once a year to the steering committee on",
             "the progress of the activities it leads and", "on the budget it spent on them so far.",
             "The committee meets every quarter."]
    words = [w for i, (a, b) in enumerate(zip(left, right)) for w in _line(100 + 14 * i, (40, a), (320, b))]
    assert text_tables(_page(words)) == []


# ---------------------------------------------------------------- rows and cells (text_tables)


def test_an_unruled_three_column_matrix_becomes_one_row_per_line() -> None:
    (table,) = text_tables(_page([w for ln in _MATRIX for w in ln]))
    assert (table.n_rows, table.n_cols, table.extractor, table.score) == (4, 3, "text", 0.8)
    assert table.col_edges == (40, 191, 385, 440)  # the middles of the gutters
    assert table.row_edges == (100, 112, 126, 140, 152)  # the middles of the line gaps
    assert [[c.text for c in row] for row in table.grid()] == [
        ["Activity", "Lead ministry", "Timeline"],
        ["Train police officers", "Ministry of Interior", "2021"],
        ["Open two shelters", "Ministry of Gender", "2022"],
        ["Fund women mediators", "Ministry of Foreign Affairs", "2023"],
    ]


def test_a_line_that_only_goes_on_in_a_later_column_joins_the_row_above() -> None:
    """The ministry wraps to a second line; the activity (the key column) is one line."""
    lines = [
        _line(100, *_HEADER),
        _line(114, (40, "Train police officers"), (240, "Ministry of Interior"), (400, "2021")),
        _line(128, (40, "Open two shelters"), (240, "Ministry of Gender"), (400, "2022")),
        _line(140, (240, "and Social Affairs")),
        _line(154, (40, "Fund women mediators"), (240, "Ministry of Foreign Affairs"), (400, "2023")),
    ]
    (table,) = text_tables(_page([w for ln in lines for w in ln]))
    assert table.n_rows == 4
    assert [c.text for c in table.grid()[2]] == ["Open two shelters", "Ministry of Gender\nand Social Affairs", "2022"]


def test_rows_padded_apart_keep_an_activity_wrapped_in_the_key_column() -> None:
    """Rows 8 pt apart, the lines of one row 2 pt apart: a wrapped activity stays one cell."""
    lines = [
        _line(100, *_HEADER),
        _line(118, (40, "Train police officers"), (240, "Ministry of Interior"), (400, "2021")),
        _line(130, (40, "on gender equality")),
        _line(148, (40, "Open two shelters"), (240, "Ministry of Gender"), (400, "2022")),
        _line(160, (40, "for survivors")),
        _line(178, (40, "Fund women mediators"), (240, "Ministry of Foreign Affairs"), (400, "2023")),
    ]
    (table,) = text_tables(_page([w for ln in lines for w in ln]))
    assert [row[0].text for row in table.grid()] == [
        "Activity", "Train police officers\non gender equality", "Open two shelters\nfor survivors", "Fund women mediators"]


def test_horizontal_rules_make_the_rows_and_a_rule_stopping_short_merges_a_cell_down() -> None:
    """Activity | Timeline | Lead, ruled between rows only; the rule under "Open two shelters"
    stops at x=300, short of the lead column (300.5–416): that ministry leads both last rows."""
    lines = [
        _line(100, (40, "Activity"), (240, "Timeline"), (320, "Lead")),
        _line(114, (40, "Train police officers"), (240, "2021"), (320, "Ministry of Interior")),
        _line(128, (40, "on gender equality")),  # same spacing as the rows: only the rules say it is no row
        _line(142, (40, "Open two shelters"), (240, "2022"), (320, "Ministry of Gender")),
        _line(156, (40, "Fund legal aid"), (240, "2023")),
    ]
    rules = tuple(Ruling(36, y, 420, y) for y in (97, 112, 140, 168)) + (Ruling(36, 154, 300, 154),)
    (table,) = text_tables(_page([w for ln in lines for w in ln], rules))
    assert table.col_edges == (40, 191, 300.5, 416)
    grid = table.grid()
    assert [c.text for c in grid[1]] == ["Train police officers\non gender equality", "2021", "Ministry of Interior"]
    lead = grid[3][2]
    assert lead is grid[2][2]
    assert (lead.text, lead.row, lead.rowspan, lead.bbox) == ("Ministry of Gender", 2, 2, (300.5, 140, 416, 166))


def test_a_ministry_on_the_first_of_its_rows_covers_the_empty_rows_below() -> None:
    lines = [
        _line(100, *_HEADER),
        _line(114, (40, "Train police officers"), (240, "Ministry of Interior"), (400, "2021")),
        _line(128, (40, "Train prison staff"), (400, "2022")),
        _line(142, (40, "Train border guards"), (400, "2023")),
    ]
    (table,) = text_tables(_page([w for ln in lines for w in ln]))
    grid = table.grid()
    assert grid[1][1] is grid[2][1] is grid[3][1]
    assert (grid[1][1].text, grid[1][1].row, grid[1][1].rowspan) == ("Ministry of Interior", 1, 3)
    assert (grid[0][1].text, grid[0][1].rowspan) == ("Lead ministry", 1)


@pytest.mark.xfail(strict=True, reason="infer_label_spans counts the header row as a label of the sparse column, so the "
                                       "column looks top-aligned: the header cell swallows the empty slot below it and a "
                                       "ministry centred on its three rows covers only the last two")
def test_a_ministry_centred_on_its_rows_under_a_header_covers_all_three() -> None:
    lines = [
        _line(100, *_HEADER),
        _line(114, (40, "Train police officers"), (400, "2021")),
        _line(128, (40, "Train prison staff"), (240, "Ministry of Interior"), (400, "2022")),
        _line(142, (40, "Train border guards"), (400, "2023")),
    ]
    (table,) = text_tables(_page([w for ln in lines for w in ln]))
    grid = table.grid()
    assert (grid[0][1].text, grid[0][1].rowspan) == ("Lead ministry", 1)
    assert (grid[1][1].text, grid[1][1].row, grid[1][1].rowspan) == ("Ministry of Interior", 1, 3)


def test_label_spans_run_down_from_top_aligned_labels_and_split_midway_between_centred_ones() -> None:
    lead = [["Ministry of Interior"], [], [], ["Ministry of Gender"], [], []]
    assert infer_label_spans([[w] for w in lead], 0, 6) == {0: (0, 2), 3: (3, 5)}
    centred = [[], ["Ministry of Interior"], [], [], ["Ministry of Gender"], []]
    assert infer_label_spans([[w] for w in centred], 0, 6) == {1: (0, 2), 4: (3, 5)}


def test_a_column_filled_in_most_rows_gets_no_label_spans() -> None:
    dense = [["2021"], ["2022"], [], ["2023"]]
    assert infer_label_spans([[w] for w in dense], 0, 4) == {}
    assert infer_label_spans([[[]] for _ in range(4)], 0, 4) == {}


def test_a_numbered_list_with_hanging_numbers_is_no_table() -> None:
    items = ["Adopt the national action plan", "Appoint gender focal points", "Train police officers", "Report to Parliament"]
    words = [w for i, item in enumerate(items) for w in _line(100 + 14 * i, (40, f"{i + 1}."), (70, item))]
    (run,) = table_runs(line_segments(words, _S), _S, 612)
    assert len(gutters(run, _S)) == 1  # it is laid out as two columns
    assert text_tables(_page(words)) == []


def test_words_inside_excluded_boxes_are_left_to_the_strategy_that_found_them() -> None:
    page = _page([w for ln in _MATRIX for w in ln])
    assert len(text_tables(page)) == 1
    assert text_tables(page, exclude=((36.0, 96.0, 444.0, 156.0),)) == []


def test_a_row_trim_rule_cuts_rows_before_the_table_is_gridded_again() -> None:
    """The hook is generic: the rule sees the candidate's cells and size and names the rows to
    keep; without one every row stays."""
    page = _page([w for ln in _MATRIX for w in ln])
    seen = []

    def drop_header(cells, n_rows, n_cols, min_rows):
        seen.append((cells[0].text, n_rows, n_cols, min_rows))
        return 1, n_rows

    (whole,) = text_tables(page)
    (trimmed,) = text_tables(page, row_trim=drop_header)
    assert seen == [("Activity", 4, 3, _S.min_rows)]
    assert (whole.n_rows, whole.cells[0].text) == (4, "Activity")
    assert (trimmed.n_rows, trimmed.top, trimmed.cells[0].text) == (3, 114.0, "Train police officers")  # gridded again


def test_settings_name_the_field_they_reject() -> None:
    with pytest.raises(ValueError, match="min_rows"):
        TextGridSettings(min_rows=1)
    with pytest.raises(ValueError, match=r"gutter_tolerance.*0\.5"):
        TextGridSettings(gutter_tolerance=0.5)
