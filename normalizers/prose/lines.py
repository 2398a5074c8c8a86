"""Words → tokens → lines, in reading order (steps 2 of the prose pipeline).

**Lines** (``page_lines``): words on one baseline, columns read left then right
(``column_groups``: a gutter is a vertical strip free of text near the middle of the page); a
small raised number on a line is a footnote *marker* (Unicode ``¹²³`` too, ``word_to_tokens``)
and leaves the text. ``body_size`` is the size most text is set in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Sequence

from extractors.model import PageLayout, Word
from normalizers.furniture import group_lines
from normalizers.prose.model import Line, ReportSettings, Token

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_SUP_TAIL = re.compile(f"^(?P<base>.*?[^{_SUPERSCRIPTS}])(?P<sup>[{_SUPERSCRIPTS}]+)(?P<punct>[.,;:)]*)$")
_UNITS = frozenset({"m", "km", "cm", "mm", "ft", "m3", "km2"})
_SUP_ONLY = re.compile(f"^[{_SUPERSCRIPTS}]+$")
_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡§¶]{1,3}|[a-z])(?:,\s?(?:\d{1,3}|[a-z]))*$")


def _dominant_size(words: Sequence[Word]) -> float:
    weight: Counter[float] = Counter()
    for w in words:
        weight[round(w.size, 1)] += len(w.text)
    return max(sorted(weight), key=lambda s: weight[s]) if weight else 0.0


def word_to_tokens(w: Word) -> list[Token]:
    """A word as tokens: 'entities⁴' → 'entities' + marker '4'; '¹⁵' alone → marker '15'."""
    base = dict(x0=w.x0, top=w.top, x1=w.x1, bottom=w.bottom, size=w.size, bold=w.bold, conf=w.conf)
    if _SUP_ONLY.match(w.text):
        return [Token("", marker=w.text.translate(_SUP_TO_DIGIT), **base)]
    m = _SUP_TAIL.match(w.text)
    if m and any(c.isalpha() or c in ".,;:)\"'”’" for c in m.group("base")[-1:]):
        text = m.group("base") + m.group("punct")
        share = len(m.group("base")) / max(1, len(w.text))
        split = w.x0 + (w.x1 - w.x0) * share
        return [
            Token(text, **{**base, "x1": split}),
            Token("", marker=m.group("sup").translate(_SUP_TO_DIGIT), **{**base, "x0": split}),
        ]
    return [Token(w.text, **base)]


def words_to_line(words: Sequence[Word], page_no: int, settings: ReportSettings) -> Line:
    """One line; small raised marker-shaped words become footnote markers."""
    size = _dominant_size(words)
    body = [w for w in words if round(w.size, 1) >= size * settings.marker_size_ratio] or list(words)
    baseline = sorted(w.bottom for w in body)[len(body) // 2]
    tokens: list[Token] = []
    prev: Word | None = None
    for w in words:
        raised = w.bottom <= baseline - settings.marker_raise_ratio * size
        small = w.size <= size * settings.marker_size_ratio
        unit = prev is not None and prev.text in _UNITS and w.x0 - prev.x1 <= 1.0
        prev = w
        if small and raised and not unit and _MARKER.match(w.text.strip()):
            tokens.append(Token("", w.x0, w.top, w.x1, w.bottom, w.size, w.bold, marker=w.text.strip(), conf=w.conf))
        else:
            tokens.extend(word_to_tokens(w))
    text_tokens = [t for t in tokens if t.marker is None] or tokens
    chars = sum(len(t.text) for t in text_tokens) or 1
    return Line(
        page_no=page_no,
        tokens=tuple(tokens),
        x0=min(t.x0 for t in text_tokens),
        top=min(t.top for t in text_tokens),
        x1=max(t.x1 for t in text_tokens),
        bottom=max(t.bottom for t in text_tokens),
        size=_dominant_size([w for w in words if w in body]) or size,
        bold=sum(len(t.text) for t in text_tokens if t.bold) * 2 > chars,
    )


def column_groups(words: Sequence[Word], width: float) -> list[tuple[int, list[Word]]]:
    """Words in reading order groups: full-width bands, and within a two-column band the left
    column before the right one. A gutter is a vertical strip free of text, near the middle,
    with several lines on each side."""
    if len(words) < 20:
        return [(0, list(words))]
    xs0 = min(w.x0 for w in words)
    xs1 = max(w.x1 for w in words)
    span = xs1 - xs0
    lo, hi = int(xs0 + 0.3 * span), int(xs0 + 0.7 * span)
    covered = [0] * (hi - lo + 1)
    for w in words:
        for x in range(max(lo, int(w.x0)), min(hi, int(w.x1)) + 1):
            covered[x - lo] += 1
    best: tuple[int, int] | None = None
    run_start = None
    for i, c in enumerate(covered + [1]):
        if c == 0 and run_start is None:
            run_start = i
        elif c != 0 and run_start is not None:
            if i - run_start >= 9 and (best is None or i - run_start > best[1] - best[0]):
                best = (run_start, i)
            run_start = None
    if best is None:
        return [(0, list(words))]
    gutter = lo + (best[0] + best[1]) / 2
    left = [w for w in words if w.x1 <= gutter]
    right = [w for w in words if w.x0 >= gutter]
    left_lines = len({round(w.top) for w in left})
    right_lines = len({round(w.top) for w in right})
    if left_lines < 5 or right_lines < 5 or min(len(left), len(right)) < 0.2 * len(words):
        return [(0, list(words))]
    crossing = [w for w in words if w.x0 < gutter < w.x1]
    if not crossing:
        return [(1, left), (2, right)]
    # full-width lines cut the page into bands, each read left column first
    groups: list[tuple[int, list[Word]]] = []
    cuts = sorted({round(w.yc) for w in crossing})
    bands: list[tuple[float, float]] = []
    start = -1e9
    for y in cuts:
        bands.append((start, y - 0.5))
        bands.append((y - 0.5, y + 0.5))
        start = y + 0.5
    bands.append((start, 1e9))
    for a, b in bands:
        inside = [w for w in words if a <= w.yc < b]
        if not inside:
            continue
        if any(w.x0 < gutter < w.x1 for w in inside):
            groups.append((0, inside))
        else:
            halves = ((1, [w for w in inside if w.x1 <= gutter]), (2, [w for w in inside if w.x0 >= gutter]))
            groups.extend(g for g in halves if g[1])
    return groups


def page_lines(layout: PageLayout, settings: ReportSettings = ReportSettings()) -> list[Line]:
    """The page's lines in reading order (columns left to right)."""
    lines: list[Line] = []
    upright = [w for w in layout.words if w.upright]  # sideways text is chart labels and stamps
    for column, group in column_groups(upright, layout.width):
        for words in group_lines(group):
            lines.append(replace(words_to_line(words, layout.page_no, settings), column=column))
    return lines


def body_size(lines: Sequence[Line]) -> float:
    """The size most text is set in (weighted by characters)."""
    weight: Counter[float] = Counter()
    for line in lines:
        for t in line.words:
            weight[round(t.size * 2) / 2] += len(t.text)
    return max(sorted(weight), key=lambda s: weight[s]) if weight else 10.0
