"""Page-level records produced by the extractors.

Coordinates are PDF points with a top-left origin: ``(x0, top, x1, bottom)``, ``top`` growing
down the page, as pdfplumber reports them (Camelot's bottom-left origin is converted at its
edge). Pages are 1-based (``page_no``). Records are frozen and hold no file handles or images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

BBox = tuple[float, float, float, float]


def union_bbox(boxes: "list[BBox] | tuple[BBox, ...]") -> BBox:
    """Smallest box containing every box of ``boxes`` (which must not be empty)."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


_KEPT_CONTROLS = frozenset("\t\n")


def _is_dropped(ch: str) -> bool:
    """C0/C1 control characters (DEL too) other than tab and newline, and the 66 Unicode
    noncharacters (U+FDD0–U+FDEF and the last two code points of every plane)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return ch not in _KEPT_CONTROLS
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def clean_word_text(text: str) -> str:
    """Text from a PDF's text layer (or OCR, or its metadata) made safe for every later stage:
    it always encodes to UTF-8.

    - A valid UTF-16 surrogate pair (PDFium and some ToUnicode maps give a character outside
      the Basic Multilingual Plane, e.g. math italic 𝐶, as two code units) becomes the real
      character.
    - A lone surrogate becomes U+FFFD: a glyph was drawn there but its mapping is broken, as
      with any unmapped glyph (the readability check counts U+FFFD as such).
    - NUL and the other C0/C1 control characters except tab and newline, and noncharacters
      (U+FFFE, U+FDD0…), are dropped: they stand for no glyph.

    Everything else is kept as it is (no normalisation: that is :mod:`normalizers.text`'s job).
    A word left empty (or blank) is dropped by its maker.
    """
    if text.isprintable():  # the fast path: nearly every word
        return text
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return "".join(ch for ch in text if not _is_dropped(ch))


@dataclass(frozen=True, slots=True)
class Word:
    """One word as drawn on the page (or recognised by OCR)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    upright: bool = True
    conf: float | None = None  # OCR confidence in [0, 1]; None for a text layer

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


def centre_in(word: Word, box: BBox, tolerance_pt: float = 0.0, *, edges: bool = True) -> bool:
    """Whether the centre of ``word`` lies in ``box`` ``(x0, top, x1, bottom)`` grown by
    ``tolerance_pt`` on every side; a centre on the box's edge counts unless ``edges`` is False."""
    x0, top, x1, bottom = box
    if tolerance_pt:
        x0, top, x1, bottom = x0 - tolerance_pt, top - tolerance_pt, x1 + tolerance_pt, bottom + tolerance_pt
    xc, yc = word.xc, word.yc
    if edges:
        return x0 <= xc <= x1 and top <= yc <= bottom
    return x0 < xc < x1 and top < yc < bottom


@dataclass(frozen=True, slots=True)
class Ruling:
    """A horizontal or vertical ruling line segment (from lines, thin rects or rect edges)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Everything the later stages need from one page."""

    doc_id: str
    page_no: int
    width: float
    height: float
    words: tuple[Word, ...]
    rulings: tuple[Ruling, ...] = ()
    rotation: int = 0  # degrees the content was turned to read upright (0, 90, 180, 270)
    ocr: bool = False
    fills: tuple[BBox, ...] = ()  # filled (shaded) rectangles: row banners, header shading


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; ``row``/``col`` are 0-based grid positions of its top-left slot."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Table:
    """A table found on one page; ``cells`` cover the grid (spans included)."""

    doc_id: str
    page_no: int
    index: int  # order on the page, top to bottom
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    x0: float
    top: float
    x1: float
    bottom: float
    extractor: str
    score: float = 0.0
    col_edges: tuple[float, ...] = field(default=())
    row_edges: tuple[float, ...] = field(default=())

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    def grid(self) -> list[list[Cell | None]]:
        """Row-major grid where every slot points at the cell covering it."""
        slots: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    slots[r][c] = cell
        return slots


@dataclass(frozen=True, slots=True)
class TextLine:
    """Words on one baseline, left to right, within one column of text."""

    words: tuple[Word, ...]
    page_no: int

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox([w.bbox for w in self.words])

    @property
    def size(self) -> float:
        sizes = sorted(w.size for w in self.words)
        return sizes[len(sizes) // 2]

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > sum(len(w.text) for w in self.words)


class Placed(Protocol):
    """Anything with text and a horizontal extent: a :class:`Word`, a report's token."""

    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...


def words_text(words: Sequence[Placed]) -> str:
    """Words of one line joined by spaces, except where the glyphs touch (a word split on a size
    change, a raised footnote marker)."""
    out: list[str] = []
    prev: Placed | None = None
    for w in words:
        if prev is not None and w.x0 - prev.x1 > 1.0:
            out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)


def _vertical_overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    """Vertical overlap as a share of the shorter extent."""
    inter = min(a_bottom, b_bottom) - max(a_top, b_top)
    shorter = max(0.5, min(a_bottom - a_top, b_bottom - b_top))
    return inter / shorter


def group_lines(words: Sequence[Word]) -> list[tuple[Word, ...]]:
    """Words on one baseline, left to right; lines top to bottom.

    A word joins the line it overlaps most (at least half of the shorter height), so a small
    raised footnote marker stays on the line it belongs to.
    """
    lines: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.yc, w.x0)):
        best, best_ov = -1, 0.5
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            ov = _vertical_overlap(w.top, w.bottom, *spans[i])
            if ov >= best_ov:
                best, best_ov = i, ov
        if best < 0:
            lines.append([w])
            spans.append((w.top, w.bottom))
        else:
            lines[best].append(w)
            top, bottom = spans[best]
            spans[best] = (min(top, w.top), max(bottom, w.bottom))
    ordered = sorted(zip(spans, lines), key=lambda sl: (sl[0][0] + sl[0][1]) / 2)
    return [tuple(sorted(ln, key=lambda w: w.x0)) for _, ln in ordered]
