"""Steps of :mod:`normalizers.structure` on hand-made lines, cells and tables (no PDF).

The plan matrix used throughout (columns Pillar | Objective | Actions | Lead agency |
Indicators | Baseline) has a pillar cell merged over all four rows, two objective cells merged
over two rows each, a lead cell merged over the first objective's two actions and a lettered
activity cell ``a) … b) …`` whose indicator cell refers to its letters.
"""

from __future__ import annotations

import pytest

from extractors.model import Cell, PageLayout, Table, TextLine, Word, group_lines
from normalizers.structure import (
    PlanStructure,
    RawActor,
    StructureSettings,
    _Action,
    _apply_values,
    _continues,
    _is_plan_matrix,
    _value_to_right,
    build_structure,
    page_lines,
    text_blocks,
    unwrap_lines,
)
from pipeline.references import load_vocabulary
from tests.layouts import words_from_text

HEADERS = load_vocabulary("headers")
PILLARS = load_vocabulary("pillars")

_XS = (40.0, 120.0, 260.0, 420.0, 540.0, 680.0, 780.0)
_HEADER = ["Pillar", "Objective", "Actions", "Lead agency", "Indicators", "Baseline"]


def _cell(r: int, c: int, text: str, top: float, rowspan: int = 1, colspan: int = 1, row_h: float = 40.0) -> Cell:
    return Cell(r, c, rowspan, colspan, text, _XS[c], top + row_h * r, _XS[c + colspan], top + row_h * (r + rowspan))


def _table(page_no: int, top: float, spec: list[tuple[int, int, str, int]], n_rows: int, n_cols: int = 6) -> Table:
    """A ruled table from (row, col, text, rowspan) cells, 40 pt a row."""
    cells = tuple(_cell(r, c, text, top, rowspan) for r, c, text, rowspan in spec)
    return Table("doc", page_no, 0, n_rows, n_cols, cells, _XS[0], top, _XS[n_cols], top + 40 * n_rows, "ruled", 0.95)


def _header(top_row: int = 0) -> list[tuple[int, int, str, int]]:
    return [(top_row, c, text, 1) for c, text in enumerate(_HEADER)]


_MATRIX = _header() + [
    (1, 0, "Participation", 4),
    (1, 1, "1.1 Increase women's participation in peace negotiations", 2),
    (1, 2, "Train women mediators", 1),
    (1, 3, "Ministry of Foreign Affairs", 2),
    (1, 4, "Number of women mediators trained", 1),
    (1, 5, "12 (2020)", 1),
    (2, 2, "Fund a network of women mediators", 1),
    (2, 4, "Network funded", 1),
    (2, 5, "None", 1),
    (3, 1, "1.2 Increase the share of women in the security sector", 2),
    (3, 2, "a) Review recruitment rules of the police\nb) Set up a mentoring programme for policewomen", 1),
    (3, 3, "Ministry of Interior", 1),
    (3, 4, "a) Rules reviewed\nb) Number of mentored policewomen", 1),
    (3, 5, "15% women in the police", 1),
    (4, 2, "Publish annual data on women in the armed forces", 1),
    (4, 3, "Ministry of Defence", 1),
    (4, 4, "Reports published", 1),
    (4, 5, "No data", 1),
]


def _page(page_no: int, words: tuple[Word, ...] = ()) -> PageLayout:
    return PageLayout("doc", page_no, 842, 595, words)


def _structure(tables: list[Table], n_pages: int = 1) -> PlanStructure:
    return build_structure([_page(p) for p in range(1, n_pages + 1)], tables, "doc", HEADERS, PILLARS)


def _objective_of(s: PlanStructure) -> dict[str, str | None]:
    """Action text → the text of its objective."""
    texts = {o.objective_id: o.text for o in s.objectives}
    return {a.text: texts.get(a.objective_id) if a.objective_id else None for a in s.actions}


# ---------------------------------------------------------------- build_structure on one matrix


def test_matrix_objectives_nest_pillar_then_objective_cells() -> None:
    s = _structure([_table(1, 60, _MATRIX, 5)])
    assert [(o.objective_id, o.kind, o.number, o.text, o.parent_id, o.level, o.pillar) for o in s.objectives] == [
        ("o0001", "pillar", None, "Participation", None, 0, "participation"),
        ("o0002", "objective", "1.1", "Increase women's participation in peace negotiations", "o0001", 1, "participation"),
        ("o0003", "objective", "1.2", "Increase the share of women in the security sector", "o0001", 1, "participation"),
    ]
    first = s.objectives[1]
    assert (first.page, first.x0, first.top, first.x1, first.bottom) == (1, 120.0, 100.0, 260.0, 180.0)  # its merged cell


def test_matrix_actions_carry_their_row_values_and_lettered_references() -> None:
    s = _structure([_table(1, 60, _MATRIX, 5)])
    assert [(a.action_id, a.number, a.text, a.objective_id, a.indicator, a.baseline, a.target) for a in s.actions] == [
        ("a0001", None, "Train women mediators", "o0002", "Number of women mediators trained", "12 (2020)", None),
        ("a0002", None, "Fund a network of women mediators", "o0002", "Network funded", "None", None),
        ("a0003", "a)", "Review recruitment rules of the police", "o0003", "Rules reviewed", "15% women in the police", None),
        ("a0004", "b)", "Set up a mentoring programme for policewomen", "o0003", "Number of mentored policewomen",
         "15% women in the police", None),
        ("a0005", None, "Publish annual data on women in the armed forces", "o0003", "Reports published", "No data", None),
    ]
    assert {(a.page, a.extractor, a.confidence) for a in s.actions} == {(1, "ruled@1", 0.95)}


def test_matrix_lead_cell_merged_over_two_actions_is_the_lead_of_both() -> None:
    s = _structure([_table(1, 60, _MATRIX, 5)])
    assert s.actors == (
        RawActor("a0001", "Ministry of Foreign Affairs", "lead"),
        RawActor("a0002", "Ministry of Foreign Affairs", "lead"),
        RawActor("a0003", "Ministry of Interior", "lead"),
        RawActor("a0004", "Ministry of Interior", "lead"),
        RawActor("a0005", "Ministry of Defence", "lead"),
    )


# ---------------------------------------------------------------- tables across a page break

_NEXT_ROWS = [
    (0, 2, "Train military staff on the code of conduct", 1), (0, 3, "Ministry of Defence", 1), (0, 4, "Staff trained", 1),
    (0, 5, "0", 1),
]


def test_a_headerless_table_on_the_next_page_continues_the_last_objective() -> None:
    empty_merged = [(0, 0, "", 1), (0, 1, "", 1)]  # the pillar and objective cells cut by the break
    s = _structure([_table(1, 60, _MATRIX, 5), _table(2, 40, empty_merged + _NEXT_ROWS, 1)], n_pages=2)
    assert len(s.objectives) == 3
    assert _objective_of(s)["Train military staff on the code of conduct"] == "Increase the share of women in the security sector"
    last = s.actions[-1]
    assert (last.page, last.indicator, last.baseline) == (2, "Staff trained", "0")


def test_an_empty_merged_objective_cell_cut_by_the_break_covers_all_its_rows_on_the_next_page() -> None:
    spec = [(0, 0, "", 2), (0, 1, "", 2)] + _NEXT_ROWS + [
        (1, 2, "Create a gender unit in the armed forces", 1), (1, 3, "Ministry of Defence", 1), (1, 4, "Unit created", 1),
        (1, 5, "No unit", 1)]
    s = _structure([_table(1, 60, _MATRIX, 5), _table(2, 40, spec, 2)], n_pages=2)
    got = _objective_of(s)
    assert got["Train military staff on the code of conduct"] == "Increase the share of women in the security sector"
    assert got["Create a gender unit in the armed forces"] == "Increase the share of women in the security sector"


def test_a_header_row_repeated_on_the_continuation_page_is_no_action() -> None:
    spec = _header() + [(1, 0, "", 1), (1, 1, "", 1)] + [(r + 1, c, text, rs) for r, c, text, rs in _NEXT_ROWS]
    s = _structure([_table(1, 60, _MATRIX, 5), _table(2, 40, spec, 2)], n_pages=2)
    assert [a.text for a in s.actions][5:] == ["Train military staff on the code of conduct"]
    assert "Actions" not in {a.text for a in s.actions}
    assert _objective_of(s)["Train military staff on the code of conduct"] == "Increase the share of women in the security sector"


def test_a_data_table_of_years_and_amounts_gives_no_actions() -> None:
    budget = [(0, 0, "Year", 1), (0, 1, "Budget (USD)", 1), (1, 0, "2021", 1), (1, 1, "50,000", 1), (2, 0, "2022", 1),
              (2, 1, "75,000", 1)]
    s = _structure([_table(1, 60, budget, 3, n_cols=2)])
    assert (s.objectives, s.actions, s.actors) == ((), (), ())


def test_a_data_table_between_two_matrices_ends_the_first() -> None:
    budget = [(0, 0, "Year", 1), (0, 1, "Budget (USD)", 1), (1, 0, "2021", 1), (1, 1, "50,000", 1)]
    tables = [_table(1, 60, _MATRIX, 5), _table(2, 40, budget, 2, n_cols=2),
              _table(2, 200, [(0, 0, "", 1), (0, 1, "", 1)] + _NEXT_ROWS, 1)]
    s = _structure(tables, n_pages=2)
    assert [a.text for a in s.actions] == [a.text for a in _structure([_table(1, 60, _MATRIX, 5)]).actions]


# ---------------------------------------------------------------- small pure helpers


def _row(*texts: str, colspans: tuple[int, ...] = ()) -> list[Cell | None]:
    """A grid row: each text a cell (``colspans`` wide), the slots it covers pointing at it."""
    row: list[Cell | None] = []
    for i, text in enumerate(texts):
        span = colspans[i] if i < len(colspans) else 1
        cell = _cell(0, len(row), text, 60, colspan=span)
        row += [cell] * span
    return row


def test_value_to_right_is_the_content_beside_a_role_word() -> None:
    row = _row("Strategy", "1.1 Strengthen women's leadership in local government")
    assert _value_to_right(row[0], row, HEADERS) is row[1]
    merged = _row("Indicator", "Number of women mayors", colspans=(2, 1))  # a label cell over two columns
    assert _value_to_right(merged[0], merged, HEADERS) is merged[2]


def test_value_to_right_is_none_beside_another_header_an_empty_cell_or_the_edge() -> None:
    headers = _row("Actions", "Lead agency")
    assert _value_to_right(headers[0], headers, HEADERS) is None  # a header row, not a label
    assert _value_to_right(headers[1], headers, HEADERS) is None  # the last column
    empty = _row("Indicator", "")
    assert _value_to_right(empty[0], empty, HEADERS) is None
    data = _row("Ministry of Interior", "2021")
    assert _value_to_right(data[0], data, HEADERS) is None  # no role word


@pytest.mark.parametrize(("roles", "is_plan"), [
    ({2: "action"}, True),
    ({0: "objective", 1: "lead"}, True),
    ({0: "lead", 1: "indicator"}, True),
    ({0: "actor", 1: "timeline"}, True),
    ({0: "lead", 1: "partner"}, False),  # who, but not what
    ({0: "timeline", 1: "budget"}, False),  # years and amounts
    ({0: "objective", 1: "indicator"}, False),
    ({}, False),
])
def test_is_plan_matrix_wants_actions_or_actors_beside_objectives_or_values(roles: dict[int, str], is_plan: bool) -> None:
    assert _is_plan_matrix(roles) is is_plan


def _acts(*numbers: str | None) -> list[_Action]:
    return [_Action(n, f"activity {n}", None, 1, (0.0, 0.0, 1.0, 1.0), "ruled@1", 1.0) for n in numbers]


def test_apply_values_gives_lettered_parts_to_the_activities_they_name() -> None:
    acts = _acts("a)", "b)", "c)")
    _apply_values(acts, "indicator", "a) and b) Number of women trained\nc) Share of the budget spent")
    assert [a.values for a in acts] == [
        {"indicator": ["Number of women trained"]}, {"indicator": ["Number of women trained"]},
        {"indicator": ["Share of the budget spent"]}]


def test_apply_values_gives_an_unlettered_value_to_every_activity_once() -> None:
    acts = _acts("a)", "b)")
    _apply_values(acts, "target", "50% of police\nofficers trained")
    _apply_values(acts, "target", "50% of police officers trained")  # the same cell seen again
    _apply_values(acts, "target", "  ")
    assert [a.values for a in acts] == [{"target": ["50% of police officers trained"]}] * 2


def test_apply_values_with_letters_for_unlettered_actions_gives_the_value_to_all() -> None:
    acts = _acts(None, None)
    _apply_values(acts, "indicator", "a) Law adopted")
    assert [a.values for a in acts] == [{"indicator": ["Law adopted"]}] * 2


def test_apply_values_with_letters_for_numbered_actions_gives_the_value_to_all() -> None:
    acts = _acts("1)", "2)")
    _apply_values(acts, "indicator", "a) Law adopted\nb) Number of shelters")
    assert [a.values for a in acts] == [{"indicator": ["Law adopted", "Number of shelters"]}] * 2


@pytest.mark.parametrize(("text", "goes_on"), [
    ("and the regional offices", True),
    ("  ensure shelters in every region", True),
    ("Train the staff", False),
    ("a) review the law", False),  # a lettered activity of its own
    ("iv) report", False),
    ("", False),
])
def test_continues_is_lower_case_text_that_opens_no_item(text: str, goes_on: bool) -> None:
    assert _continues(text) is goes_on


def test_unwrap_lines_rejoins_wrapped_names_and_keeps_one_actor_a_line() -> None:
    assert unwrap_lines("Ministry of Gender\nand Social Affairs\n\nUN Women\n  NGOs") == (
        "Ministry of Gender and Social Affairs\nUN Women\nNGOs")
    assert unwrap_lines("civil society\norganisations") == "civil society organisations"


# ---------------------------------------------------------------- text outside tables


def _lines(words: list[Word], page_no: int = 1) -> list[TextLine]:
    return [TextLine(ln, page_no) for ln in group_lines(words)]


def test_text_blocks_split_at_a_change_of_font_a_wide_gap_or_a_numbered_item() -> None:
    words = (words_from_text("Pillar 1: Participation", 40, 40, 14, bold=True)
             + words_from_text("Women take part in decisions on peace", 40, 70)
             + words_from_text("and security at every level.", 40, 82)  # 2 pt below: the same paragraph
             + words_from_text("2. Protection of women and girls", 40, 94)  # 2 pt below, but opens an item
             + words_from_text("The plan runs from 2021 to 2025.", 40, 130))  # 26 pt below
    blocks = text_blocks(_lines(words), StructureSettings())
    assert [[ln.text for ln in block] for block in blocks] == [
        ["Pillar 1: Participation"],
        ["Women take part in decisions on peace", "and security at every level."],
        ["2. Protection of women and girls"],
        ["The plan runs from 2021 to 2025."],
    ]


def test_page_lines_leave_out_the_words_of_the_tables() -> None:
    table = _table(1, 200, [(0, 0, "Train police officers", 1), (0, 1, "2021", 1), (1, 0, "Fund shelters", 1), (1, 1, "2022", 1)],
                   2, n_cols=2)
    words = (words_from_text("Annex 1: Action matrix", 40, 150)
             + words_from_text("Train police officers", 44, 214) + words_from_text("2021", 124, 214)
             + words_from_text("Source: Ministry of Gender", 40, 300))
    lines = page_lines(_page(1, tuple(words)), [table])
    assert [(ln.text, ln.page_no) for ln in lines] == [("Annex 1: Action matrix", 1), ("Source: Ministry of Gender", 1)]


def test_a_numbered_heading_above_the_matrix_is_the_parent_of_its_pillar_free_rows() -> None:
    """Text blocks and tables are read in page order: the heading opens before the table."""
    words = tuple(words_from_text("3. Protection of women and girls", 40, 30, 12, bold=True))
    spec = [(0, 0, "Actions", 1), (0, 1, "Lead agency", 1), (1, 0, "Open two shelters for survivors", 1),
            (1, 1, "Ministry of Gender", 1)]
    s = build_structure([_page(1, words)], [_table(1, 60, spec, 2, n_cols=2)], "doc", HEADERS, PILLARS)
    assert [(o.kind, o.number, o.text) for o in s.objectives] == [("objective", "3.", "Protection of women and girls")]
    assert _objective_of(s) == {"Open two shelters for survivors": "Protection of women and girls"}
    assert s.actors == (RawActor("a0001", "Ministry of Gender", "lead"),)
