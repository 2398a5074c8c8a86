"""A small table engine for the sample renderers: merged cells, pagination, ruling lines.

A :class:`Table` is columns and rows; a :class:`Cell` starts in a row and may span rows and
columns. :func:`flow_table` lays the table into a :class:`~samples.typeset.Flow`:

* rows go down the page; a row that does not fit moves to the next page, or — when it is
  ``splittable`` and at least ``min_split_lines`` lines fit — is split there, its text flowing
  on into the same column on the next page (the fragments are closed by a rule on both pages);
* header rows open the table and, with ``repeat_header``, every page it continues on;
* a merged cell is drawn over every page its rows reach: top-aligned text flows through the
  fragments in order, vertically centred text sits in the tallest fragment, centred on it;
* rules are drawn between cells and never through a merged cell (``ruling="full"``), only the
  horizontal ones (``"horizontal"``) or none at all (``"none"``).

What was drawn where comes back as :class:`PlacedCell` records, the renderer's truth about the
page geometry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from samples.typeset import Flow, LineOp, RectOp, TextOp, aligned_x, ascent_descent, fonts, wrap

_EPS = 0.01
RULINGS = ("full", "horizontal", "none")


@dataclass(frozen=True)
class Cell:
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    valign: str = "top"  # top | middle
    align: str = "left"  # left | center
    shade: bool = False
    role: str = ""  # reported in PlacedCell: "action", "lead", "header", ...
    key: str = ""


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    splittable: bool = False
    keep_with_next: bool = False
    key: str = ""


@dataclass(frozen=True)
class TableStyle:
    font_size: float = 9.0
    leading_ratio: float = 1.22
    pad_x: float = 3.5
    pad_y: float = 3.0
    ruling: str = "full"
    shade: bool = True
    min_split_lines: int = 2

    def __post_init__(self) -> None:
        if self.ruling not in RULINGS:
            raise ValueError(f"ruling must be one of {RULINGS}, got {self.ruling!r}")

    @property
    def leading(self) -> float:
        return round(self.font_size * self.leading_ratio, 3)


@dataclass(frozen=True)
class Table:
    key: str
    left: float
    widths: tuple[float, ...]
    header: tuple[Row, ...]
    body: tuple[Row, ...]
    style: TableStyle = field(default_factory=TableStyle)
    repeat_header: bool = True


@dataclass(frozen=True)
class PlacedCell:
    """A cell fragment as drawn: page (1-based), box (top-left frame) and its lines."""

    page: int
    role: str
    key: str
    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[str, ...]
    table: str = ""


@dataclass(frozen=True)
class TableResult:
    cells: tuple[PlacedCell, ...]
    pages: tuple[int, ...]  # 1-based pages the table is on
    split_rows: tuple[str, ...]  # keys of body rows drawn in more than one piece


@dataclass(frozen=True)
class _Frag:
    row: int  # index into header + body
    page: int  # 0-based
    top: float
    bottom: float


@dataclass(frozen=True)
class _Slot:
    row: int
    cell: Cell
    lines: tuple[str, ...]
    x0: float
    x1: float


# ---- measuring ---------------------------------------------------------------------------


def _slots(table: Table) -> list[_Slot]:
    rows = table.header + table.body
    edges = [table.left]
    for w in table.widths:
        edges.append(edges[-1] + w)
    out = []
    for r, row in enumerate(rows):
        for cell in row.cells:
            if cell.col + cell.colspan > len(table.widths) or r + cell.rowspan > len(rows):
                raise ValueError(f"cell {cell.key or cell.text[:20]!r} runs outside table {table.key!r}")
            x0, x1 = edges[cell.col], edges[cell.col + cell.colspan]
            font = fonts().name(cell.bold)
            lines = wrap(cell.text, font, table.style.font_size, x1 - x0 - 2 * table.style.pad_x)
            out.append(_Slot(r, cell, lines, x0, x1))
    return out


def _owners(table: Table, slots: list[_Slot]) -> list[list[int]]:
    """Index of the slot covering each (row, column); -1 - column for an empty slot."""
    n_rows = len(table.header) + len(table.body)
    grid = [[-1 - c for c in range(len(table.widths))] for _ in range(n_rows)]
    for i, s in enumerate(slots):
        for r in range(s.row, s.row + s.cell.rowspan):
            for c in range(s.cell.col, s.cell.col + s.cell.colspan):
                if grid[r][c] >= 0:
                    raise ValueError(f"cells overlap at row {r}, column {c} of table {table.key!r}")
                grid[r][c] = i
    return grid


def _text_height(n_lines: int, style: TableStyle) -> float:
    return n_lines * style.leading + 2 * style.pad_y


def _capacity(height: float, style: TableStyle) -> int:
    return max(0, math.floor((height - 2 * style.pad_y) / style.leading + _EPS))


def _natural_heights(table: Table, slots: list[_Slot], extra: list[float]) -> list[float]:
    n_rows = len(table.header) + len(table.body)
    heights = [_text_height(1, table.style)] * n_rows
    for s in slots:
        if s.cell.rowspan == 1:
            heights[s.row] = max(heights[s.row], _text_height(len(s.lines), table.style))
    heights = [h + e for h, e in zip(heights, extra)]
    for s in slots:  # merged cells: grow the span's last row until the text fits
        if s.cell.rowspan > 1:
            span = range(s.row, s.row + s.cell.rowspan)
            short = _text_height(len(s.lines), table.style) - sum(heights[r] for r in span)
            if short > 0:
                heights[span[-1]] += short
    return heights


# ---- pagination --------------------------------------------------------------------------


def _paginate(table: Table, flow: Flow, heights: list[float]) -> list[_Frag]:
    style, n_head = table.style, len(table.header)
    header_h = sum(heights[:n_head])
    frags: list[_Frag] = []

    def place(r: int, h: float) -> None:
        frags.append(_Frag(r, flow.page_index, flow.y, flow.y + h))
        flow.y += h

    def place_header() -> None:
        for r in range(n_head):
            place(r, heights[r])

    def min_part(b: int) -> float:
        if b >= len(table.body):
            return 0.0
        h = heights[n_head + b]
        if table.body[b].splittable:
            h = min(h, _text_height(style.min_split_lines, style))
        return h + (min_part(b + 1) if table.body[b].keep_with_next else 0.0)

    def turn_page() -> None:
        flow.new_page()
        if table.repeat_header:
            place_header()

    flow.ensure(header_h + min_part(0))
    place_header()
    for b, row in enumerate(table.body):
        r, remaining = n_head + b, heights[n_head + b]
        while True:
            fresh = frags[-1].page != flow.page_index or frags[-1].row < n_head
            follow = min_part(b + 1) if row.keep_with_next else 0.0
            if remaining + follow <= flow.space_left + _EPS:
                place(r, remaining)
                break
            fits = _capacity(flow.space_left, style)
            if row.splittable and fits >= (1 if fresh else style.min_split_lines):
                place(r, flow.space_left)
                remaining -= fits * style.leading
                turn_page()
                continue
            if fresh:  # taller than what a page holds and not splittable: let it run over
                place(r, remaining)
                break
            turn_page()
    return frags


# ---- drawing -----------------------------------------------------------------------------


def _fragments(slot: _Slot, frags: list[_Frag]) -> list[tuple[int, float, float]]:
    """(page, top, bottom) of each page-piece of the cell, in order."""
    pieces: dict[int, list[float]] = {}
    rows = range(slot.row, slot.row + slot.cell.rowspan)
    for f in frags:
        if f.row in rows:
            if f.page in pieces:
                pieces[f.page][1] = max(pieces[f.page][1], f.bottom)
            else:
                pieces[f.page] = [f.top, f.bottom]
    return [(p, t, b) for p, (t, b) in pieces.items()]


def _header_fragments(slot: _Slot, frags: list[_Frag]) -> list[tuple[int, float, float]]:
    return [(f.page, f.top, f.bottom) for f in frags if f.row == slot.row]


def _distribute(slot: _Slot, pieces: list[tuple[int, float, float]], style: TableStyle, header: bool) -> list[tuple[str, ...]]:
    """Lines drawn in each piece."""
    if header:
        return [slot.lines] * len(pieces)
    if slot.cell.valign == "middle":
        tallest = max(range(len(pieces)), key=lambda k: (pieces[k][2] - pieces[k][1], -k))
        return [slot.lines if k == tallest else () for k in range(len(pieces))]
    out, rest = [], list(slot.lines)
    for k, (_, top, bottom) in enumerate(pieces):
        take = len(rest) if k == len(pieces) - 1 else _capacity(bottom - top, style)
        out.append(tuple(rest[:take]))
        rest = rest[take:]
    return out


def _shortfall(slot: _Slot, pieces: list[tuple[int, float, float]], style: TableStyle) -> int:
    """Lines of the cell that do not fit its pieces."""
    caps = [_capacity(b - t, style) for _, t, b in pieces]
    if slot.cell.valign == "middle":
        return max(0, len(slot.lines) - max(caps))
    return max(0, len(slot.lines) - sum(caps))


def _draw_text(flow: Flow, page: int, slot: _Slot, lines: tuple[str, ...], top: float, bottom: float, style: TableStyle) -> None:
    font = fonts().name(slot.cell.bold)
    size, lead = style.font_size, style.leading
    asc, desc = ascent_descent(font)
    if slot.cell.valign == "middle":
        block_top = (top + bottom) / 2 - len(lines) * lead / 2
    else:
        block_top = top + style.pad_y
    width = slot.x1 - slot.x0 - 2 * style.pad_x
    for i, line in enumerate(lines):
        baseline = block_top + i * lead + (lead - (asc - desc) * size) / 2 + asc * size
        x = aligned_x(line, slot.x0 + style.pad_x, width, slot.cell.align, font, size)
        flow.add(TextOp(round(x, 3), round(baseline, 3), line, font, size), page)


def _merge_runs(segments: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(segments):
        if out and a <= out[-1][1] + _EPS:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _draw_rules(flow: Flow, table: Table, frags: list[_Frag], owners: list[list[int]]) -> None:
    edges = [table.left]
    for w in table.widths:
        edges.append(edges[-1] + w)
    n_cols = len(table.widths)
    for page in sorted({f.page for f in frags}):
        on_page = [f for f in frags if f.page == page]
        horizontal: dict[float, list[tuple[float, float]]] = {}
        for k in range(len(on_page) + 1):
            above = on_page[k - 1] if k > 0 else None
            below = on_page[k] if k < len(on_page) else None
            y = below.top if below else above.bottom  # type: ignore[union-attr]
            for c in range(n_cols):
                same = (
                    above is not None
                    and below is not None
                    and above.row != below.row
                    and owners[above.row][c] == owners[below.row][c]
                    and owners[above.row][c] >= 0
                )
                if not same:
                    horizontal.setdefault(round(y, 3), []).append((edges[c], edges[c + 1]))
        for y, segs in horizontal.items():
            for x0, x1 in _merge_runs(segs):
                flow.add(LineOp(x0, y, x1, y), page)
        if table.style.ruling != "full":
            continue
        vertical: dict[int, list[tuple[float, float]]] = {}
        for f in on_page:
            for b in range(n_cols + 1):
                inner = 0 < b < n_cols and owners[f.row][b - 1] == owners[f.row][b] and owners[f.row][b] >= 0
                if not inner:
                    vertical.setdefault(b, []).append((f.top, f.bottom))
        for b, segs in vertical.items():
            for top, bottom in _merge_runs(segs):
                flow.add(LineOp(edges[b], top, edges[b], bottom), page)


def flow_table(table: Table, flow: Flow) -> TableResult:
    """Lay ``table`` out at the flow's cursor, drawing onto its pages."""
    style, n_head = table.style, len(table.header)
    slots = _slots(table)
    owners = _owners(table, slots)
    extra = [0.0] * (n_head + len(table.body))
    start_pages, start_y = len(flow.pages), flow.y
    for _ in range(8):  # grow rows until every cell's text fits its pieces on the pages
        heights = _natural_heights(table, slots, extra)
        frags = _paginate(table, flow, heights)
        short = False
        for s in slots:
            if s.row < n_head:
                continue
            missing = _shortfall(s, _fragments(s, frags), style)
            if missing:
                extra[s.row + s.cell.rowspan - 1] += missing * style.leading
                short = True
        if not short:
            break
        del flow.pages[start_pages:]
        flow.y = start_y
    placed: list[PlacedCell] = []
    for s in slots:
        header = s.row < n_head
        pieces = _header_fragments(s, frags) if header else _fragments(s, frags)
        for (page, top, bottom), lines in zip(pieces, _distribute(s, pieces, style, header)):
            if s.cell.shade and style.shade:
                flow.add(RectOp(s.x0, top, s.x1, bottom), page)
            _draw_text(flow, page, s, lines, top, bottom, style)
            placed.append(PlacedCell(page + 1, s.cell.role, s.cell.key, s.x0, top, s.x1, bottom, lines, table.key))
    if style.ruling != "none":
        _draw_rules(flow, table, frags, owners)
    counts: dict[int, int] = {}
    for f in frags:
        counts[f.row] = counts.get(f.row, 0) + 1
    split = tuple(table.body[r - n_head].key for r, n in counts.items() if r >= n_head and n > 1)
    return TableResult(tuple(placed), tuple(sorted({f.page + 1 for f in frags})), split)
