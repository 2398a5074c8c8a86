"""ICDAR 2013 table-competition cell-structure measure (Göbel et al., 2013), as pure functions.

The competition scores a table's structure by its *adjacency relations*: for every non-empty
cell, the nearest non-empty cell to its right and the nearest non-empty cell below it, blank
cells skipped. A cell spanning several rows has a right-hand relation for each row it covers
(with every distinct neighbour it touches); a cell spanning several columns likewise has a
downward relation per column. A relation is ``(content_a, content_b, direction)``; contents are
compared after :func:`normalize` (NFKC, all whitespace removed, case folded: the competition
compares contents with whitespace removed). Relations are a multiset: a table of dashes yields
``("-", "-", "down")`` many times and each occurrence must be matched.

Precision = matched / produced relations, recall = matched / truth relations, F1 their harmonic
mean; :class:`Counts` adds up, so a corpus figure is either *micro* (sum the counts, then the
ratios) or *macro* (the mean of per-file ratios).

Truth comes from the competition's ``*-str.xml``: ``table`` → ``region`` (one page each; the
``page`` attribute is 1-based, like pdfplumber's ``page_number``) → ``cell`` with
``start-row``/``start-col`` and optional ``end-row``/``end-col`` (inclusive; absent means no
span), ``content`` and a ``bounding-box`` in PDF points with a *bottom-left* origin
(:func:`to_top_left` converts). A table continued on another page has one region per page;
each region is one :class:`TruthTable` here.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

RIGHT = "right"
DOWN = "down"

Relation = tuple[str, str, str]
BBox = tuple[float, float, float, float]


def normalize(text: str | None) -> str:
    """Cell content as the competition compares it: NFKC, no whitespace at all, case folded."""
    if not text:
        return ""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of a grid: 0-based top-left slot, spans >= 1, raw text."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class TruthTable:
    """One region of a ground-truth table (one page)."""

    table_id: str
    region_id: str
    page: int  # 1-based
    cells: tuple[GridCell, ...]
    bbox: BBox | None  # union of the cell boxes, (x1, y1, x2, y2), bottom-left origin as in the xml


@dataclass(frozen=True, slots=True)
class Counts:
    """Relation counts of one comparison; ``+`` pools them (micro averaging)."""

    matched: int = 0
    produced: int = 0
    truth: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.matched + other.matched, self.produced + other.produced, self.truth + other.truth)

    @property
    def precision(self) -> float:
        if self.produced:
            return self.matched / self.produced
        return 1.0 if self.truth == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- grids and relations


def grid_from_rows(rows: Sequence[Sequence[str | None]]) -> tuple[GridCell, ...]:
    """1×1 cells of a row-major text grid (``None``, as pdfplumber gives for merged slots, is empty)."""
    return tuple(
        GridCell(r, c, text or "")
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )


def _slots(cells: Sequence[GridCell]) -> dict[tuple[int, int], int]:
    """Slot → index into ``cells`` for every slot a cell covers."""
    slots: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(cells):
        for r in range(cell.row, cell.row + max(cell.rowspan, 1)):
            for c in range(cell.col, cell.col + max(cell.colspan, 1)):
                slots[(r, c)] = i
    return slots


def _first_along(slots: Mapping[tuple[int, int], int], start: tuple[int, int], step: tuple[int, int],
                 limit: int, own: int) -> int | None:
    """Index of the first non-empty cell other than ``own`` from ``start`` in direction ``step``."""
    r, c = start
    while (r if step[0] else c) <= limit:
        hit = slots.get((r, c))
        if hit is not None and hit != own:
            return hit
        r, c = r + step[0], c + step[1]
    return None


def relation_pairs(cells: Iterable[GridCell]) -> set[tuple[GridCell, GridCell, str]]:
    """Adjacency relations between non-empty cells, as cell pairs (see the module docstring)."""
    filled = [c for c in cells if normalize(c.text)]
    if not filled:
        return set()
    slots = _slots(filled)
    last_row = max(r for r, _ in slots)
    last_col = max(c for _, c in slots)
    pairs: set[tuple[int, int, str]] = set()
    for i, cell in enumerate(filled):
        for r in range(cell.row, cell.row + max(cell.rowspan, 1)):
            j = _first_along(slots, (r, cell.col + max(cell.colspan, 1)), (0, 1), last_col, i)
            if j is not None:
                pairs.add((i, j, RIGHT))
        for c in range(cell.col, cell.col + max(cell.colspan, 1)):
            j = _first_along(slots, (cell.row + max(cell.rowspan, 1), c), (1, 0), last_row, i)
            if j is not None:
                pairs.add((i, j, DOWN))
    return {(filled[i], filled[j], d) for i, j, d in pairs}


def relations(cells: Iterable[GridCell]) -> Counter[Relation]:
    """The multiset of ``(content_a, content_b, direction)`` relations of one table."""
    return Counter((normalize(a.text), normalize(b.text), d) for a, b, d in relation_pairs(cells))


def pooled_relations(tables: Iterable[Iterable[GridCell]]) -> Counter[Relation]:
    """Relations of several tables together (all tables of one page)."""
    total: Counter[Relation] = Counter()
    for cells in tables:
        total.update(relations(cells))
    return total


# ---------------------------------------------------------------- scoring


def score(produced: Counter[Relation], truth: Counter[Relation]) -> Counts:
    """Matched = multiset intersection of produced and truth relations."""
    return Counts(sum((produced & truth).values()), sum(produced.values()), sum(truth.values()))


def score_pages(produced: Mapping[int, Counter[Relation]], truth: Mapping[int, Counter[Relation]]) -> Counts:
    """Pages carrying truth, each pooled; relations produced on other pages are not counted here."""
    total = Counts()
    for page, rels in truth.items():
        total = total + score(produced.get(page, Counter()), rels)
    return total


def micro(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total = total + c
    return total


def macro(counts: Sequence[Counts]) -> tuple[float, float, float]:
    """Mean per-file precision, recall, F1 (zeros for an empty sequence)."""
    if not counts:
        return (0.0, 0.0, 0.0)
    n = len(counts)
    return (sum(c.precision for c in counts) / n, sum(c.recall for c in counts) / n, sum(c.f1 for c in counts) / n)


# ---------------------------------------------------------------- ground truth


def to_top_left(bbox: BBox, page_height: float) -> BBox:
    """``(x1, y1, x2, y2)`` with a bottom-left origin → ``(x0, top, x1, bottom)`` top-left origin."""
    x1, y1, x2, y2 = bbox
    return (x1, page_height - y2, x2, page_height - y1)


def _cell(el: ET.Element) -> tuple[GridCell, BBox | None]:
    row, col = int(el.get("start-row", "0")), int(el.get("start-col", "0"))
    end_row, end_col = int(el.get("end-row", row)), int(el.get("end-col", col))
    box = el.find("bounding-box")
    bbox = None if box is None else tuple(float(box.get(k, "0")) for k in ("x1", "y1", "x2", "y2"))
    cell = GridCell(row, col, el.findtext("content") or "", end_row - row + 1, end_col - col + 1)
    return cell, bbox  # type: ignore[return-value]


def parse_structure_xml(text: str) -> tuple[TruthTable, ...]:
    """Truth tables (one per region) of a competition ``*-str.xml`` document."""
    root = ET.fromstring(text)
    out: list[TruthTable] = []
    for table in root.iter("table"):
        for region in table.iter("region"):
            parsed = [_cell(el) for el in region.iter("cell")]
            boxes = [b for _, b in parsed if b is not None]
            bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes)) if boxes else None
            out.append(TruthTable(table.get("id", ""), region.get("id", ""), int(region.get("page", "1")),
                                  tuple(c for c, _ in parsed), bbox))
    return tuple(out)


def parse_structure(path: Path) -> tuple[TruthTable, ...]:
    return parse_structure_xml(path.read_text(encoding="utf-8"))


def truth_by_page(tables: Iterable[TruthTable]) -> dict[int, Counter[Relation]]:
    """Pooled truth relations per 1-based page."""
    pages: dict[int, Counter[Relation]] = {}
    for t in tables:
        pages.setdefault(t.page, Counter()).update(relations(t.cells))
    return pages
