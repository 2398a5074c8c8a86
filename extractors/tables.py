"""Table strategies behind one interface, and the per-page choice between them.

Each strategy turns a page into tables. ``best_tables`` runs the configured strategies, scores
every table with the same measure (:func:`table_quality`: how many of the words in its box it
placed, minus words cut by cell borders and mostly-empty grids) and keeps, per page region, the
best one. The default strategies are this project's ruled and text grids; Camelot
(``camelot-lattice``, ``camelot-stream``) and pdfplumber (``pdfplumber``) can be added in
params.yaml — they are much slower and give no row/column spans.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from extractors.grid import GridSettings, ruled_tables, words_to_text
from extractors.model import BBox, Cell, PageLayout, Table, Word, centre_in
from extractors.textgrid import RowTrim, TextGridSettings, text_tables


@dataclass(frozen=True)
class PageSource:
    """Where a page came from, for strategies that read the file themselves (Camelot)."""

    pdf_path: Path
    page_no: int
    plumber_page: Any = None  # the open pdfplumber page, when the caller has one


class TableExtractor(Protocol):
    """``taken``: boxes of tables that strategies listed earlier already found on the page."""

    name: str

    def extract(self, layout: PageLayout, source: PageSource | None = None, taken: tuple[BBox, ...] = ()) -> list[Table]: ...


@dataclass(frozen=True)
class RuledTableExtractor:
    """Tables drawn with ruling lines; merged cells from missing rulings."""

    settings: GridSettings = GridSettings()
    name: str = "ruled"

    def extract(self, layout: PageLayout, source: PageSource | None = None, taken: tuple[BBox, ...] = ()) -> list[Table]:
        return ruled_tables(layout, self.settings)


@dataclass(frozen=True)
class TextTableExtractor:
    """Tables laid out with whitespace (and perhaps horizontal rules only), outside the tables
    earlier strategies found (list it after ``ruled``); ``row_trim``: the rule that cuts rows off
    each candidate (see :data:`extractors.textgrid.RowTrim`), None to keep them all."""

    settings: TextGridSettings = TextGridSettings()
    name: str = "text"
    row_trim: RowTrim | None = None

    def extract(self, layout: PageLayout, source: PageSource | None = None, taken: tuple[BBox, ...] = ()) -> list[Table]:
        return text_tables(layout, self.settings, exclude=taken, row_trim=self.row_trim)


def _overlap(a: Table, b: Table) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top))
    return w * h / max(smaller, 1e-6)


def _rows_to_table(layout: PageLayout, rows: list[list[tuple[float, float, float, float]]], extractor: str) -> Table | None:
    """A table from a grid of cell boxes (top-left origin), text re-read from the page's words."""
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    cells = []
    for r, row in enumerate(rows):
        for c, (x0, top, x1, bottom) in enumerate(row):
            words = [w for w in layout.words if centre_in(w, (x0, top, x1, bottom))]
            cells.append(Cell(r, c, 1, 1, words_to_text(words), round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)))
    x0 = min(c.x0 for c in cells)
    return Table(layout.doc_id, layout.page_no, 0, len(rows), max(len(r) for r in rows), tuple(cells), x0,
                 min(c.top for c in cells), max(c.x1 for c in cells), max(c.bottom for c in cells), extractor)


@dataclass(frozen=True)
class CamelotTableExtractor:
    """Camelot's lattice or stream parser on the page's file (cells 1×1: Camelot keeps no spans)."""

    flavor: str = "lattice"

    def __post_init__(self) -> None:
        if self.flavor not in ("lattice", "stream", "network", "hybrid"):
            raise ValueError(f"CamelotTableExtractor.flavor must be lattice|stream|network|hybrid, got {self.flavor!r}")

    @property
    def name(self) -> str:
        return f"camelot-{self.flavor}"

    def extract(self, layout: PageLayout, source: PageSource | None = None, taken: tuple[BBox, ...] = ()) -> list[Table]:
        if source is None or layout.rotation:
            return []  # Camelot reads the file itself; rotated pages are left to the own grids
        import camelot

        found = camelot.read_pdf(str(source.pdf_path), pages=str(source.page_no), flavor=self.flavor)
        tables = []
        for ct in found:
            h = layout.height  # Camelot's origin is bottom-left
            rows = [[(cell.x1, h - cell.y2, cell.x2, h - cell.y1) for cell in row] for row in ct.cells]
            t = _rows_to_table(layout, rows, self.name)
            if t is not None:
                tables.append(t)
        return tables


@dataclass(frozen=True)
class PlumberTableExtractor:
    """pdfplumber's default table finder on the open page (merged cells become empty cells)."""

    name: str = "pdfplumber"

    def extract(self, layout: PageLayout, source: PageSource | None = None, taken: tuple[BBox, ...] = ()) -> list[Table]:
        if source is None or source.plumber_page is None or layout.rotation:
            return []
        tables = []
        for found in source.plumber_page.find_tables():
            rows = [[c if c is not None else (0.0, 0.0, 0.0, 0.0) for c in row.cells] for row in found.rows]
            rows = [[c for c in row if c[2] > c[0]] for row in rows]
            t = _rows_to_table(layout, [r for r in rows if r], self.name)
            if t is not None:
                tables.append(t)
        return tables


def table_quality(table: Table, words: tuple[Word, ...]) -> float:
    """One score for every strategy: words placed × (1 − words cut by borders) × fullness."""
    inside = [w for w in words if centre_in(w, table.bbox)]
    if not inside:
        return 0.0
    cut = sum(1 for w in inside if any(centre_in(w, c.bbox, edges=False) and (w.x0 < c.x0 - 1 or w.x1 > c.x1 + 1)
                                       for c in table.cells))
    placed = sum(len(c.text.split()) for c in table.cells)
    slots = table.n_rows * table.n_cols
    covered = sum(c.rowspan * c.colspan for c in table.cells if c.text.strip())
    fullness = covered / max(1, slots)
    return round(min(1.0, placed / len(inside)) * (1 - cut / len(inside)) * (0.5 + 0.5 * fullness), 4)


def best_tables(layout: PageLayout, extractors: list[TableExtractor], source: PageSource | None = None) -> list[Table]:
    """Tables of every strategy, scored alike; where two overlap, the better one stays.

    Ties go to the strategy listed first (the own grids come first by default).
    """
    found: list[Table] = []
    for ex in extractors:
        for t in ex.extract(layout, source, tuple(o.bbox for o in found)):
            t = replace(t, score=table_quality(t, layout.words))
            rivals = [o for o in found if _overlap(o, t) > 0.5]
            if all(t.score > o.score + 0.02 for o in rivals):
                found = [o for o in found if o not in rivals] + [t]
    found.sort(key=lambda t: (t.top, t.x0))
    return [replace(t, index=i) for i, t in enumerate(found)]
