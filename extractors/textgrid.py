"""Tables without (full) rulings: columns from whitespace gutters, rows from rules or line starts.

Pure steps over a :class:`PageLayout`:

1. ``line_segments``: each text line split where the gap between words is wider than a column
   gap (about one em);
2. ``table_runs``: runs of consecutive lines, most of them with two or more segments, that are
   not prose (a full-width single segment ends a run);
3. ``gutters``: x ranges that (almost) no segment of the run covers — a header cell spanning
   two columns may cross a gutter, so a gutter tolerates a few crossings;
4. rows: horizontal rulings crossing the run when the table has them (partly ruled tables),
   otherwise a row starts where the key column starts new text; lines that only continue other
   columns are joined to the row above;
5. ``infer_label_spans``: in a sparse column (a lead-ministry column, an objective column) each
   label covers the empty rows around it — from its own row down when labels sit at the top
   of their span, split at the midpoints between labels when they sit in the middle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from extractors.grid import words_to_text
from extractors.model import Cell, PageLayout, Table, Word, centre_in, group_lines


@dataclass(frozen=True)
class TextGridSettings:
    gap_em: float = 0.9  # a gap wider than this × font size separates two columns
    min_gap_pt: float = 4.0
    min_rows: int = 3
    min_cols: int = 2
    max_line_gap_ratio: float = 2.6  # a vertical gap above this × line height ends a run
    gutter_tolerance: float = 0.12  # share of a run's lines that may cross a gutter
    min_gutter_pt: float = 4.0

    def __post_init__(self) -> None:
        if self.min_rows < 2 or self.min_cols < 2:
            raise ValueError("TextGridSettings.min_rows and min_cols must be >= 2")
        if not 0 <= self.gutter_tolerance < 0.5:
            raise ValueError(f"TextGridSettings.gutter_tolerance must be in [0, 0.5), got {self.gutter_tolerance!r}")


@dataclass(frozen=True, slots=True)
class Segment:
    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(frozen=True, slots=True)
class Line:
    segments: tuple[Segment, ...]

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)


def line_segments(words: list[Word], settings: TextGridSettings) -> list[Line]:
    """Words grouped into baselines, each split into segments at column-wide gaps."""
    rows = [list(line) for line in group_lines(words)]
    lines = []
    for row in rows:
        segs: list[list[Word]] = [[row[0]]]
        for prev, w in zip(row, row[1:]):
            size = max(prev.size, w.size, prev.bottom - prev.top, 1.0)
            if w.x0 - prev.x1 > max(settings.min_gap_pt, settings.gap_em * size):
                segs.append([w])
            else:
                segs[-1].append(w)
        lines.append(Line(tuple(Segment(tuple(s)) for s in segs)))
    return lines


def table_runs(lines: list[Line], settings: TextGridSettings, page_width: float) -> list[list[Line]]:
    """Runs of lines that look like table rows (several segments), prose excluded."""
    runs: list[list[Line]] = []
    cur: list[Line] = []

    def close() -> None:
        # trailing one-segment lines stay only when they go on inside an inner column
        left = min((ln.x0 for ln in cur), default=0.0)
        while cur and len(cur[-1].segments) < 2 and (
            len(cur) < 2 or cur[-1].x0 <= left + 5 or cur[-1].top - cur[-2].bottom > 1.5 * cur[-2].height
        ):
            cur.pop()
        if sum(1 for ln in cur if len(ln.segments) >= 2) >= settings.min_rows:
            runs.append(list(cur))
        cur.clear()

    for line in lines:
        if cur:
            gap = line.top - cur[-1].bottom
            if gap > settings.max_line_gap_ratio * cur[-1].height:
                close()
        multi = len(line.segments) >= 2
        if not cur:
            if multi:
                cur.append(line)
            continue
        left, right = min(ln.x0 for ln in cur), max(ln.x1 for ln in cur)
        prose = not multi and (line.x1 - line.x0) > 0.75 * max(right - left, 1.0) and (line.x1 - line.x0) > 0.45 * page_width
        if prose:
            close()
            continue
        cur.append(line)
    close()
    return runs


def gutters(run: list[Line], settings: TextGridSettings) -> list[tuple[float, float]]:
    """Empty vertical bands between columns, left to right."""
    left = min(ln.x0 for ln in run)
    right = max(ln.x1 for ln in run)
    step = 1.0
    n = int((right - left) / step) + 1
    cover = [0] * n
    for ln in run:
        for s in ln.segments:
            for i in range(int((s.x0 - left) / step), min(n, int((s.x1 - left) / step) + 1)):
                cover[i] += 1
    allowed = settings.gutter_tolerance * len(run)
    bands: list[tuple[float, float]] = []
    start = None
    for i, c in enumerate(cover):
        if c <= allowed:
            if start is None:
                start = i
        elif start is not None:
            if (i - start) * step >= settings.min_gutter_pt and start > 0:
                a, b = _clearest(cover, start, i)
                bands.append((left + a * step, left + b * step))
            start = None
    return bands


def _clearest(cover: list[int], start: int, stop: int) -> tuple[int, int]:
    """The longest stretch of ``cover[start:stop]`` at its lowest value: a band that a few lines
    cross has its edge where none do (a word just over the edge would span two columns)."""
    low = min(cover[start:stop])
    best, run_start = (start, stop), None
    best_len = 0
    for j in range(start, stop + 1):
        if j < stop and cover[j] == low:
            run_start = j if run_start is None else run_start
        elif run_start is not None:
            if j - run_start > best_len:
                best, best_len = (run_start, j), j - run_start
            run_start = None
    return best


def _column_edges(run: list[Line], bands: list[tuple[float, float]]) -> list[float]:
    left = min(ln.x0 for ln in run)
    right = max(ln.x1 for ln in run)
    return [left] + [(a + b) / 2 for a, b in bands] + [right]


def _straddles(word: Word, edge: float) -> bool:
    """A word lying well on both sides of a column edge (not just touching it)."""
    return min(edge - word.x0, word.x1 - edge) > 0.25 * (word.x1 - word.x0)


def _cols_of(seg: Segment, edges: list[float]) -> tuple[int, int]:
    """First and last column a segment covers."""
    cols = [i for i in range(len(edges) - 1) if min(seg.x1, edges[i + 1]) - max(seg.x0, edges[i]) > 0.5]
    if not cols:
        xc = (seg.x0 + seg.x1) / 2
        cols = [min(range(len(edges) - 1), key=lambda i: abs((edges[i] + edges[i + 1]) / 2 - xc))]
    return cols[0], cols[-1]


def _up_to_rule_above(run: list[Line], lines: list[Line], layout: PageLayout) -> list[Line]:
    """The run with the lines between it and a rule just above it that spans it: the first line
    of a header cell set on two lines ("OBJETIVO" over "ESTRATÉGICO") has one segment only and
    is not taken for a table line on its own."""
    left, right = min(ln.x0 for ln in run), max(ln.x1 for ln in run)
    first = run[0]
    above = [r.top for r in layout.rulings
             if r.horizontal and first.top - 3 * first.height <= r.top <= first.top + 1
             and min(r.x1, right) - max(r.x0, left) > 0.6 * (right - left)]
    if not above:
        return run
    rule = max(above)
    extra = [ln for ln in lines if ln.top >= rule - 1 and ln.top < first.top - 0.5 and ln is not first
             and ln.x0 >= left - 2 and ln.x1 <= right + 2]
    return extra + run if extra else run


def _row_breaks_from_rules(layout: PageLayout, run: list[Line], left: float, right: float) -> list[tuple[float, float, float]] | None:
    """Horizontal rules (y, x0, x1) crossing most of the run's width (a partly ruled table)."""
    top, bottom = run[0].top - 2, run[-1].bottom + 2
    rules = sorted({(round(r.top, 1), r.x0, r.x1) for r in layout.rulings
                    if r.horizontal and top - 12 <= r.top <= bottom + 12 and (min(r.x1, right) - max(r.x0, left)) > 0.6 * (right - left)})
    inner = [y for y, _, _ in rules if run[0].bottom < y < run[-1].top]
    return rules if len(inner) >= 1 else None


def _merged_down(groups: list[list[Line]], rules: list[tuple[float, float, float]], edges: list[float]) -> set[tuple[int, int]]:
    """(row, col) slots that go on into the next row: the rule between the rows stops short of
    that column (a cell merged over several rows in a table ruled horizontally)."""
    merged = set()
    for r in range(len(groups) - 1):
        lo = max((ln.top + ln.bottom) / 2 for ln in groups[r])
        hi = min((ln.top + ln.bottom) / 2 for ln in groups[r + 1])
        between = [(x0, x1) for y, x0, x1 in rules if lo <= y <= hi]
        for c in range(len(edges) - 1):
            width = edges[c + 1] - edges[c]
            covered = max((min(x1, edges[c + 1]) - max(x0, edges[c]) for x0, x1 in between), default=0.0)
            if between and covered < 0.5 * width:
                merged.add((r, c))
    return merged


def _filled_share(line: Line, edges: list[float]) -> float:
    cols = {c for seg in line.segments for w in seg.words for c in [_cols_of(Segment((w,)), edges)[0]]}
    return len(cols) / max(1, len(edges) - 1)


def _split_at_wide_gaps(run: list[Line]) -> list[list[Line]] | None:
    """Rows separated by extra space (wrapped cells inside, padding between), or None when the
    line gaps are all alike."""
    gaps = [b.top - a.bottom for a, b in zip(run, run[1:])]
    if len(gaps) < 2:
        return None
    ordered = sorted(gaps)
    tight = ordered[len(ordered) // 5]
    height = sorted(ln.height for ln in run)[len(run) // 2]
    threshold = tight + max(2.0, 0.35 * height)
    wide = [g > threshold for g in gaps]
    if not any(wide) or all(wide) or sum(1 for w in wide if not w) < 2:
        return None
    groups: list[list[Line]] = [[run[0]]]
    for line, is_wide in zip(run[1:], wide):
        if is_wide:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _one_row_per_full_line(groups: list[list[Line]], edges: list[float]) -> list[list[Line]]:
    """A block whose every line fills most columns, the first one included, is a block of rows,
    not one wrapped row (in a wrapped row the first column's text ends before the others')."""
    rows: list[list[Line]] = []
    for group in groups:
        if len(group) > 1 and all(_filled_share(ln, edges) >= 0.6 and _cols_of(ln.segments[0], edges)[0] == 0
                                  for ln in group):
            rows.extend([ln] for ln in group)
        else:
            rows.append(group)
    return rows


def _rows(run: list[Line], edges: list[float], rules: list[tuple[float, float, float]] | None) -> list[list[Line]]:
    if rules:
        groups: list[list[Line]] = []
        bounds = [float("-inf")] + sorted({y for y, _, _ in rules}) + [float("inf")]
        for a, b in zip(bounds, bounds[1:]):
            members = [ln for ln in run if a <= (ln.top + ln.bottom) / 2 < b]
            if members:
                groups.append(members)
        return _one_row_per_full_line(groups, edges)
    gap_groups = _split_at_wide_gaps(run)
    if gap_groups is not None:
        return _one_row_per_full_line(gap_groups, edges)
    # key column: the leftmost column where most lines start text
    n_cols = len(edges) - 1
    starts = [0] * n_cols
    for ln in run:
        c0, _ = _cols_of(ln.segments[0], edges)
        starts[c0] += 1
    key = 0 if starts[0] * 2 >= len(run) * 0.5 else max(range(n_cols), key=lambda c: starts[c])
    groups = []
    for ln in run:
        first_col = _cols_of(ln.segments[0], edges)[0]
        has_key = any(_cols_of(s, edges)[0] <= key <= _cols_of(s, edges)[1] for s in ln.segments)
        gap = ln.top - groups[-1][-1].bottom if groups else 0.0
        continues = groups and not has_key and first_col > key and gap < 0.9 * ln.height
        if continues:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def infer_label_spans(slots: list[list[list[Word]]], col: int, n_rows: int) -> dict[int, tuple[int, int]]:
    """Row spans of the labels of a sparse column: {label row: (first row, last row)}."""
    labelled = [r for r in range(n_rows) if slots[r][col]]
    if not labelled or len(labelled) * 2 > n_rows:
        return {}
    spans: dict[int, tuple[int, int]] = {}
    top_aligned = labelled[0] == 0
    for i, r in enumerate(labelled):
        nxt = labelled[i + 1] if i + 1 < len(labelled) else None
        prv = labelled[i - 1] if i else None
        if top_aligned:
            spans[r] = (r, (nxt - 1) if nxt is not None else n_rows - 1)
        else:
            lo = 0 if prv is None else (prv + r) // 2 + 1
            hi = n_rows - 1 if nxt is None else (r + nxt) // 2
            spans[r] = (lo, hi)
    return spans


#: a paragraph number or list label on its own: "12.", "17.3", "(b)", "iv)", "•"
_LABEL = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-zA-Z]{1,2}[.)]|\(?[ivxlcIVXLC]{1,6}[.)]|[•·▪●○◦*–—-])$")


def _is_list(cells: list[Cell], n_cols: int) -> bool:
    """Two columns whose first holds only markers (numbers, letters, bullets): a list, not a table."""
    if n_cols != 2:
        return False
    firsts = [c.text for c in cells if c.col == 0 and c.text]
    return all(len(t) <= 4 or _LABEL.match(t) for t in firsts)


def _cells(slots: list[list[list[Word]]], col_spans: dict[tuple[int, int], int], edges: list[float],
           row_edges: list[float], label_spans: bool, merged_down: set[tuple[int, int]] = frozenset()) -> list[Cell]:
    """Cells of the grid: sparse columns get label spans, slots a rule stops short of merge
    downwards, wide segments get column spans."""
    n_rows, n_cols = len(slots), len(edges) - 1
    owner: dict[tuple[int, int], tuple[tuple[int, ...], int, int]] = {}  # slot → (text rows, first, last)
    if label_spans:
        for c in range(n_cols):
            if any(col_spans.get((r, c), 1) > 1 for r in range(n_rows)):
                continue
            for label_row, (lo, hi) in infer_label_spans(slots, c, n_rows).items():
                for r in range(lo, hi + 1):
                    owner[(r, c)] = ((label_row,), lo, hi)
    for c in range(n_cols):
        r = 0
        while r < n_rows:
            hi = r
            while (hi, c) in merged_down and hi + 1 < n_rows:
                hi += 1
            if hi > r:
                for rr in range(r, hi + 1):
                    owner[(rr, c)] = (tuple(range(r, hi + 1)), r, hi)
            r = hi + 1
    covered: set[tuple[int, int]] = set()
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            text_rows, r0, r1 = owner.get((r, c), ((r,), r, r))
            colspan = col_spans.get((r, c), 1)
            if any((rr, cc) in covered for rr in range(r0, r1 + 1) for cc in range(c, c + colspan)):
                text_rows, r0, r1, colspan = (r,), r, r, 1
            for rr in range(r0, r1 + 1):
                for cc in range(c, c + colspan):
                    covered.add((rr, cc))
            words = [w for tr in text_rows for w in slots[tr][c]]
            cells.append(Cell(r0, c, r1 - r0 + 1, colspan, words_to_text(words),
                              round(edges[c], 2), round(row_edges[r0], 2), round(edges[c + colspan], 2),
                              round(row_edges[r1 + 1], 2)))
    return cells


RowTrim = Callable[[list[Cell], int, int, int], tuple[int, int]]
"""A rule that cuts rows off a candidate table before it is scored: given the cells of its
grid, ``n_rows``, ``n_cols`` and ``settings.min_rows``, the rows ``[first, end)`` to keep
(``(0, n_rows)`` keeps them all). What such rows are (a report's numbered paragraphs, say) is
the caller's knowledge, not this module's."""


def text_tables(layout: PageLayout, settings: TextGridSettings = TextGridSettings(),
                exclude: tuple[tuple[float, float, float, float], ...] = (),
                row_trim: RowTrim | None = None) -> list[Table]:
    """Whitespace-separated tables of a page (outside the ``exclude`` boxes); ``row_trim``, when
    given, cuts rows off each candidate, which is then gridded again."""
    words = [w for w in layout.words
             if not any(centre_in(w, b, tolerance_pt=1.0) for b in exclude)]
    tables: list[Table] = []
    lines = line_segments(words, settings)
    for run in table_runs(lines, settings, layout.width):
        run = _up_to_rule_above(run, lines, layout)
        bands = gutters(run, settings)
        if len(bands) + 1 < settings.min_cols:
            continue
        edges = _column_edges(run, bands)
        n_cols = len(edges) - 1
        rules = _row_breaks_from_rules(layout, run, edges[0], edges[-1])
        groups = _rows(run, edges, rules)
        built = _grid(groups, edges, rules, settings)
        if built is not None and row_trim is not None:
            first, end = row_trim(built[0], len(groups), n_cols, settings.min_rows)
            if (first, end) != (0, len(groups)):
                groups = groups[first:end]
                built = _grid(groups, edges, rules, settings)
        if built is None:
            continue
        cells, row_edges, score = built
        n_rows = len(groups)
        if _is_list(cells, n_cols):
            continue
        tables.append(Table(
            doc_id=layout.doc_id, page_no=layout.page_no, index=0, n_rows=n_rows, n_cols=n_cols,
            cells=tuple(cells), x0=round(edges[0], 2), top=round(row_edges[0], 2), x1=round(edges[-1], 2),
            bottom=round(row_edges[-1], 2), extractor="text", score=score,
            col_edges=tuple(round(e, 2) for e in edges), row_edges=tuple(round(e, 2) for e in row_edges),
        ))
    return tables


def _header_over_row(groups: list[list[Line]], edges: list[float]) -> bool:
    """A header row of short labels over one row (a plan row continued from the page before),
    in three columns or more: not a page of running text columns under a rule."""
    n_cols = len(edges) - 1
    if n_cols < 3 or len(groups[1]) > 20:
        return False
    labels = [seg for ln in groups[0] for seg in ln.segments]
    return len(labels) >= 3 and all(len(seg.words) <= 4 for seg in labels)


def _grid(groups: list[list[Line]], edges: list[float], rules: list[tuple[float, float, float]] | None,
          settings: TextGridSettings) -> tuple[list[Cell], list[float], float] | None:
    """Cells, row edges and score of the rows ``groups`` between column ``edges``; None when
    there are too few rows (two are enough between rules when the first is a header of short
    labels in three columns or more, over a row continued from the page before)."""
    n_cols = len(edges) - 1
    if len(groups) < settings.min_rows and not (len(groups) == 2 and rules and _header_over_row(groups, edges)):
        return None
    n_rows = len(groups)
    slots: list[list[list[Word]]] = [[[] for _ in range(n_cols)] for _ in range(n_rows)]
    col_spans: dict[tuple[int, int], int] = {}
    crossing = 0
    n_segs = 0
    for r, group in enumerate(groups):
        for ln in group:
            for seg in ln.segments:
                c0, c1 = _cols_of(seg, edges)
                n_segs += 1
                inner = edges[c0 + 1:c1 + 1]
                if c1 > c0 and len(seg.words) > 1 and any(_straddles(w, e) for w in seg.words for e in inner):
                    crossing += 1  # a phrase runs over a gutter: a spanning cell (a lone word goes by its centre)
                    col_spans[(r, c0)] = max(col_spans.get((r, c0), 1), c1 - c0 + 1)
                    slots[r][c0].extend(seg.words)
                    continue
                for w in seg.words:  # words that only sat close together: each in its column
                    slots[r][_cols_of(Segment((w,)), edges)[0]].append(w)
    row_tops = [min(ln.top for ln in g) for g in groups]
    row_bottoms = [max(ln.bottom for ln in g) for g in groups]
    row_edges = [row_tops[0]] + [(row_bottoms[i] + row_tops[i + 1]) / 2 for i in range(n_rows - 1)] + [row_bottoms[-1]]
    merged = _merged_down(groups, rules, edges) if rules else set()
    cells = _cells(slots, col_spans, edges, row_edges, label_spans=not rules, merged_down=merged)
    score = round(0.8 * (1 - crossing / max(1, n_segs)), 4)  # below a ruled table by design
    return cells, row_edges, score
