"""Ruled tables from page geometry: rulings → segments → connected grids → cells with spans.

A chain of pure steps (in the manner of pdfplumber's edges → intersections → cells):

1. ``merge_segments``: snap collinear ruling pieces and join the ones that touch;
2. ``ruling_components``: horizontal and vertical segments that cross form one grid;
3. ``grid_edges``: the distinct row and column lines of a grid;
4. ``grid_cells``: neighbouring slots with no ruling between them are one merged cell, so
   row and column spans come from the drawing itself, never from the text;
5. ``fill_cells``: words go into the cell that holds their centre, in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.model import Cell, PageLayout, Ruling, Table, Word, centre_in, group_lines


@dataclass(frozen=True)
class GridSettings:
    """Tolerances of the ruled-grid builder."""

    snap_pt: float = 2.0  # rulings this close are the same line
    join_pt: float = 3.0  # collinear pieces this close are joined
    coverage: float = 0.6  # share of a slot side a ruling must cover to separate two slots
    min_cell_pt: float = 6.5  # parallel lines closer than this are one (inset cell fills, double rules)
    min_rows: int = 1  # a one-row grid is often a table continued from the page before
    min_cols: int = 2

    def __post_init__(self) -> None:
        if not 0 < self.coverage <= 1:
            raise ValueError(f"GridSettings.coverage must be in (0, 1], got {self.coverage!r}")
        if self.snap_pt <= 0 or self.join_pt < 0:
            raise ValueError("GridSettings.snap_pt must be > 0 and join_pt >= 0")


@dataclass(frozen=True, slots=True)
class Segment:
    """A merged ruling: ``pos`` is y for horizontal segments, x for vertical ones."""

    horizontal: bool
    pos: float
    start: float
    end: float


def _cluster(values: list[float], tol: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


def merge_segments(rulings: tuple[Ruling, ...], settings: GridSettings) -> list[Segment]:
    """Snap rulings to common lines and join collinear pieces that touch or overlap."""
    out: list[Segment] = []
    for horizontal in (True, False):
        pieces = [
            (r.top, r.x0, r.x1) if horizontal else (r.x0, r.top, r.bottom)
            for r in rulings
            if r.horizontal == horizontal
        ]
        groups = _cluster([p[0] for p in pieces], settings.snap_pt)
        line_of = {}
        for g in groups:
            pos = round(sum(g) / len(g), 2)
            for v in g:
                line_of[v] = pos
        by_line: dict[float, list[tuple[float, float]]] = {}
        for pos, a, b in pieces:
            by_line.setdefault(line_of[pos], []).append((a, b))
        for pos in sorted(by_line):
            spans = sorted(by_line[pos])
            cur_a, cur_b = spans[0]
            for a, b in spans[1:]:
                if a <= cur_b + settings.join_pt:
                    cur_b = max(cur_b, b)
                else:
                    out.append(Segment(horizontal, pos, cur_a, cur_b))
                    cur_a, cur_b = a, b
            out.append(Segment(horizontal, pos, cur_a, cur_b))
    return out


def _crosses(h: Segment, v: Segment, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def ruling_components(segments: list[Segment], settings: GridSettings) -> list[list[Segment]]:
    """Groups of segments connected by crossings (one group per ruled grid)."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vs = [i for i, s in enumerate(segments) if not s.horizontal]
    tol = settings.join_pt
    for i in hs:
        for j in vs:
            if _crosses(segments[i], segments[j], tol):
                parent[find(i)] = find(j)
    comps: dict[int, list[Segment]] = {}
    for i, s in enumerate(segments):
        comps.setdefault(find(i), []).append(s)
    return [c for c in comps.values() if any(s.horizontal for s in c) and any(not s.horizontal for s in c)]


def grid_edges(component: list[Segment], settings: GridSettings) -> tuple[list[float], list[float]]:
    """Row edges (y) and column edges (x) of one grid, top-to-bottom and left-to-right."""
    hs = [s for s in component if s.horizontal]
    vs = [s for s in component if not s.horizontal]
    ys = [s.pos for s in hs] + [min(s.start for s in vs), max(s.end for s in vs)]
    xs = [s.pos for s in vs] + [min(s.start for s in hs), max(s.end for s in hs)]
    rows = [round(sum(g) / len(g), 2) for g in _cluster(ys, settings.min_cell_pt)]
    cols = [round(sum(g) / len(g), 2) for g in _cluster(xs, settings.min_cell_pt)]
    return rows, cols


def _snap(value: float, edges: list[float], tol: float) -> float:
    best = min(edges, key=lambda e: abs(e - value))
    return best if abs(best - value) <= tol else value


def snap_component(component: list[Segment], rows: list[float], cols: list[float], settings: GridSettings) -> list[Segment]:
    """Segments moved onto the grid's edges, so doubled lines and inset fills line up."""
    tol = settings.min_cell_pt
    out = []
    for s in component:
        pos_edges, run_edges = (rows, cols) if s.horizontal else (cols, rows)
        out.append(Segment(s.horizontal, _snap(s.pos, pos_edges, tol), _snap(s.start, run_edges, tol), _snap(s.end, run_edges, tol)))
    return out


def _covered(segs: list[Segment], pos: float, a: float, b: float, settings: GridSettings) -> bool:
    """Whether segments on line ``pos`` cover at least ``coverage`` of the interval [a, b]."""
    total = 0.0
    for s in segs:
        if abs(s.pos - pos) <= settings.snap_pt:
            total += max(0.0, min(b, s.end) - max(a, s.start))
    return total >= settings.coverage * (b - a)


def grid_cells(
    component: list[Segment], rows: list[float], cols: list[float], settings: GridSettings
) -> list[tuple[int, int, int, int]]:
    """(row, col, rowspan, colspan) of each cell: slots with no ruling between them merge."""
    hs = [s for s in component if s.horizontal]
    vs = [s for s in component if not s.horizontal]
    n_r, n_c = len(rows) - 1, len(cols) - 1
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and not _covered(vs, cols[c + 1], rows[r], rows[r + 1], settings):
                parent[find(r * n_c + c)] = find(r * n_c + c + 1)
            if r + 1 < n_r and not _covered(hs, rows[r + 1], cols[c], cols[c + 1], settings):
                parent[find(r * n_c + c)] = find((r + 1) * n_c + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(find(r * n_c + c), []).append((r, c))
    taken: set[tuple[int, int]] = set()
    cells = []
    for slots in sorted(groups.values()):
        r0, c0 = min(r for r, _ in slots), min(c for _, c in slots)
        r1, c1 = max(r for r, _ in slots), max(c for _, c in slots)
        box = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if box & taken:  # a non-rectangular merge: keep its slots as single cells
            for r, c in slots:
                if (r, c) not in taken:
                    taken.add((r, c))
                    cells.append((r, c, 1, 1))
            continue
        taken |= box
        cells.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    return sorted(cells)


def _gutter_clean(words: list[Word], edge: float) -> bool:
    """Words on both sides of ``edge``, none across it, and column-wide gaps where lines cross it."""
    left = [w for w in words if w.x1 <= edge + 1]
    right = [w for w in words if w.x0 >= edge - 1]
    if not left or not right or len(left) + len(right) < len(words):
        return False
    for w in right:
        same_line = [x for x in left if abs(x.yc - w.yc) < 0.5 * (w.bottom - w.top)]
        if same_line:
            gap = w.x0 - max(x.x1 for x in same_line)
            if gap < 0.8 * max(w.size, w.bottom - w.top, 1.0):
                return False
    return True


def split_spans_at_gutters(
    spans: list[tuple[int, int, int, int]], rows: list[float], cols: list[float], words: tuple[Word, ...]
) -> list[tuple[int, int, int, int]]:
    """Undo column spans that only come from missing vertical rules.

    In a table ruled horizontally (or with column lines in the header only), every body cell
    looks merged across all columns. When a "merged" cell's words fall into separate columns
    with clear gutters at the column lines, it is not merged: split it at those lines.
    """
    out = []
    for r, c, rs, cs in spans:
        if cs == 1:
            out.append((r, c, rs, cs))
            continue
        inside = [w for w in words if centre_in(w, (cols[c], rows[r], cols[c + cs], rows[r + rs]))]
        cuts = [k for k in range(c + 1, c + cs) if _gutter_clean(
            [w for w in inside if cols[k - 1] <= w.xc <= cols[k + 1]] or inside, cols[k])]
        if not inside or not cuts:
            out.append((r, c, rs, cs))
            continue
        bounds = [c] + cuts + [c + cs]
        out.extend((r, a, rs, b - a) for a, b in zip(bounds, bounds[1:]))
    return sorted(out)


_NUMERIC = re.compile(r"[-+–(]?[$€£]?\d[\d.,\s%]*\)?%?\*{0,2}|[-–—.]{1,3}|n/?a")
_LIST_LABEL = re.compile(r"\(?\d{1,2}\)|\d{1,2}\.")  # "1)", "(2)", "3.": an item's number, not a value


def _line_centres_of(ys: list[float]) -> list[float]:
    """Distinct baselines among line centres of several cells."""
    groups: list[list[float]] = []
    for y in sorted(ys):
        if groups and y - groups[-1][-1] < 2.0:
            groups[-1].append(y)
        else:
            groups.append([y])
    return [sum(g) / len(g) for g in groups]


def _line_centres(words: list[Word]) -> list[float]:
    centres: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.yc):
        if centres and abs(w.yc - sum(centres[-1]) / len(centres[-1])) <= 0.5 * max(1.0, w.bottom - w.top):
            centres[-1].append(w.yc)
        else:
            centres.append([w.yc])
    return [sum(c) / len(c) for c in centres]


def split_rows_at_baselines(
    spans: list[tuple[int, int, int, int]], rows: list[float], cols: list[float], words: tuple[Word, ...]
) -> tuple[list[tuple[int, int, int, int]], list[float]]:
    """Rows that only the text separates (tables ruled by columns only): a grid row whose cells
    hold several lines on shared baselines, most lines carrying a value, is one row per line."""
    cuts: list[float] = []
    for r in range(len(rows) - 1):
        in_row = [sp for sp in spans if sp[0] == r]
        if any(sp[2] > 1 for sp in in_row) or any(sp[0] < r < sp[0] + sp[2] for sp in spans):
            continue
        per_cell = []
        for _, c, _, cs in in_row:
            ws = [w for w in words if centre_in(w, (cols[c], rows[r], cols[c + cs], rows[r + 1]))]
            if ws:
                per_cell.append(_line_centres(ws))
        if len(per_cell) < 2 or max(len(p) for p in per_cell) < 2:
            continue
        union = _line_centres_of([y for p in per_cell for y in p])
        pitch = min(b - a for a, b in zip(union, union[1:])) if len(union) > 1 else 0.0
        if pitch <= 0 or any(min(abs(y - u) for u in union) > 0.3 * pitch for p in per_cell for y in p):
            continue  # lines that do not share baselines: wrapped text, not stacked rows
        if sum(1 for p in per_cell if len(p) >= 0.8 * len(union)) < 2:
            continue
        row_words = [w for w in words if centre_in(w, (cols[0], rows[r], cols[-1], rows[r + 1]))]
        valued = sum(1 for u in union if any(_NUMERIC.fullmatch(w.text) and not _LIST_LABEL.fullmatch(w.text)
                                              for w in row_words if abs(w.yc - u) < 0.3 * pitch))
        if valued < 0.8 * len(union):
            continue  # lines must carry values: wrapped header or prose lines stay one row
        cuts.extend(round((a + b) / 2, 2) for a, b in zip(union, union[1:]))
    if not cuts:
        return spans, rows
    new_rows = sorted(rows + cuts)
    index = {y: i for i, y in enumerate(new_rows)}
    out = []
    for r, c, rs, cs in spans:
        r0, r1 = index[rows[r]], index[rows[r + rs]]
        if rs == 1 and r1 - r0 > 1:
            out.extend((rr, c, 1, cs) for rr in range(r0, r1))
        else:
            out.append((r0, c, r1 - r0, cs))
    return sorted(out), new_rows


def words_to_text(words: list[Word]) -> str:
    """Words of one cell or block in reading order: lines by baseline, joined by newlines."""
    return "\n".join(" ".join(w.text for w in line) for line in group_lines(words))


def fill_cells(
    spans: list[tuple[int, int, int, int]], rows: list[float], cols: list[float], words: tuple[Word, ...]
) -> tuple[list[Cell], int]:
    """Cells with their text; also how many words straddle a cell boundary (a bad-grid sign)."""
    boxes = [(cols[c], rows[r], cols[c + cs], rows[r + rs]) for r, c, rs, cs in spans]
    inside: list[list[Word]] = [[] for _ in spans]
    straddling = 0
    grid = (cols[0], rows[0], cols[-1], rows[-1])
    for w in words:
        if not centre_in(w, grid):
            continue
        for i, box in enumerate(boxes):
            if centre_in(w, box):
                inside[i].append(w)
                if w.x0 < box[0] - 1 or w.x1 > box[2] + 1:
                    straddling += 1
                break
    cells = [
        Cell(r, c, rs, cs, words_to_text(inside[i]), cols[c], rows[r], cols[c + cs], rows[r + rs])
        for i, (r, c, rs, cs) in enumerate(spans)
    ]
    return cells, straddling


def ruled_tables(layout: PageLayout, settings: GridSettings = GridSettings()) -> list[Table]:
    """Every ruled table of a page, with merged cells as spans."""
    segments = merge_segments(layout.rulings, settings)
    tables = []
    for comp in ruling_components(segments, settings):
        rows, cols = grid_edges(comp, settings)
        if len(rows) - 1 < settings.min_rows or len(cols) - 1 < settings.min_cols:
            continue
        comp = snap_component(comp, rows, cols, settings)
        spans = grid_cells(comp, rows, cols, settings)
        spans = split_spans_at_gutters(spans, rows, cols, layout.words)
        spans, rows = split_rows_at_baselines(spans, rows, cols, layout.words)
        cells, straddling = fill_cells(spans, rows, cols, layout.words)
        filled = [c for c in cells if c.text]
        if len(filled) < 2 or len(spans) < 2:
            continue
        n_words = sum(len(c.text.split()) for c in filled)
        score = round(1.0 - straddling / max(1, n_words), 4)
        tables.append(
            Table(
                doc_id=layout.doc_id,
                page_no=layout.page_no,
                index=0,
                n_rows=len(rows) - 1,
                n_cols=len(cols) - 1,
                cells=tuple(cells),
                x0=cols[0],
                top=rows[0],
                x1=cols[-1],
                bottom=rows[-1],
                extractor="ruled",
                score=score,
                col_edges=tuple(cols),
                row_edges=tuple(rows),
            )
        )
    tables = _drop_nested(tables)
    tables.sort(key=lambda t: (t.top, t.x0))
    return [replace(t, index=i) for i, t in enumerate(tables)]


def _drop_nested(tables: list[Table]) -> list[Table]:
    """A grid drawn inside another grid's cell is part of that cell's content."""
    keep = []
    for t in tables:
        inside = any(
            o is not t and o.x0 - 1 <= t.x0 and t.x1 <= o.x1 + 1 and o.top - 1 <= t.top and t.bottom <= o.bottom + 1
            and (o.x1 - o.x0) * (o.bottom - o.top) > (t.x1 - t.x0) * (t.bottom - t.top)
            for o in tables
        )
        if not inside:
            keep.append(t)
    return keep


