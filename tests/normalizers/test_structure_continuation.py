"""When a table continues the plan matrix before it (hand-made tables, no PDF).

Regression (``unfccc-napa-water-profiles-2008.pdf`` pages 73 and 109): once "Objectifs
spécifiques" and "Résultats attendus" stopped being read as numbered headings (see
``test_numbering.py``), a bulleted two-column list two pages after an "Activity | Costs" table
was taken for its continuation: its bullet column became actions ("• • •") and its "Activités"
label too. A continuation is on the same or the next page with no running text in between, and
a cell of bullets only is no action.
"""

from __future__ import annotations

from extractors.model import Cell, PageLayout, Table, Word
from normalizers.structure import PlanStructure, build_structure
from pipeline.references import load_vocabulary
from tests.layouts import words_from_text

_XS = (40.0, 240.0, 400.0, 560.0)


def _table(page_no: int, top: float, rows: list[list[str]]) -> Table:
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cells.append(Cell(r, c, 1, 1, text, _XS[c], top + 30 * r, _XS[c + 1], top + 30 * (r + 1)))
    return Table("doc", page_no, 0, len(rows), len(rows[0]), tuple(cells), _XS[0], top, _XS[-1],
                 top + 30 * len(rows), "ruled", 1.0)


def _page(page_no: int, prose: list[str] = (), top: float = 40.0) -> PageLayout:
    words: list[Word] = []
    for i, line in enumerate(prose):
        words += words_from_text(line, 40, top + 12 * i)
    return PageLayout("doc", page_no, 612, 792, tuple(words))


_MATRIX = [["Activities", "Responsible", "Timeline"],
           ["Train police officers on gender", "Ministry of Interior", "2021"]]
_NEXT = [["Build two shelters for survivors", "Ministry of Gender", "2022"]]
_BULLETS = [["•\n•\n•", "Raise awareness in the regions\nTrain the staff\nMonitor", "2023"]]
_PROSE = ["The project will be carried out by the national committee, which will meet",
          "every quarter and report to the Ministry on the progress of every activity."]


def _actions(layouts: list[PageLayout], tables: list[Table]) -> list[str]:
    s: PlanStructure = build_structure(layouts, tables, "doc", load_vocabulary("headers"), load_vocabulary("pillars"))
    return [a.text for a in s.actions]


def test_a_headerless_table_on_the_next_page_continues_the_matrix() -> None:
    layouts = [_page(1), _page(2)]
    got = _actions(layouts, [_table(1, 400, _MATRIX), _table(2, 60, _NEXT)])
    assert got == ["Train police officers on gender", "Build two shelters for survivors"]


def test_regression_unfccc_a_table_two_pages_on_does_not_continue_the_matrix() -> None:
    layouts = [_page(1), _page(2), _page(3)]
    got = _actions(layouts, [_table(1, 400, _MATRIX), _table(3, 60, _NEXT)])
    assert got == ["Train police officers on gender"]


def test_regression_unfccc_running_text_between_two_tables_ends_the_matrix() -> None:
    layouts = [_page(1), _page(2, _PROSE, top=40)]
    got = _actions(layouts, [_table(1, 400, _MATRIX), _table(2, 200, _NEXT)])
    assert got == ["Train police officers on gender"]


def test_regression_unfccc_a_cell_of_bullets_only_is_no_action() -> None:
    layouts = [_page(1), _page(2)]
    got = _actions(layouts, [_table(1, 400, _MATRIX), _table(2, 60, _BULLETS)])
    assert got == ["Train police officers on gender"]
