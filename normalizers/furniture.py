"""Page furniture: running headers and footers, document symbols, job numbers, page numbers.

Furniture is found by *repetition and position*, not by a list of patterns: text in the top or
bottom band of the page that recurs, with its digits masked, at about the same height on many
pages ("S/2007/567", "07-50369", "2/29", "Page 3 of 12", a plan's running title). The words are
removed from the flow and the useful parts kept as metadata (:class:`FurnitureInfo`).

Steps, each a pure function:

1. ``group_lines``: words → lines (a raised footnote marker joins the line it sits on);
2. ``line_chunks``: a line split at wide gaps ("2/29 ........ 25-01946" is two chunks);
3. ``band_chunks``: chunks in the top and bottom bands of each page, outside tables;
4. ``repeated_keys``: masked texts that recur at one height on enough pages;
5. ``furniture_marks``: the repeated chunks, the band lines that carry a repeated token (the job
   number on page 1 "25-01946 (E) 260225") and everything between them and the page edge, and
   the masthead of a UN document (symbol, "Distr.: General", date, "Original: English");
6. ``strip_furniture``: pages without those words, plus :class:`FurnitureInfo`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Sequence

from extractors.model import PageLayout, Ruling, Word, group_lines, words_text

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# a UN-style document symbol: S/2025/97, A/80/604/Add.11, CEDAW/C/GC/40, A/RES/78/323
_SYMBOL = re.compile(r"^(?:[A-Z][A-Za-z]{0,9}/)+[A-Za-z0-9.\-]*\d[A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)*$")
# a UN job number: 07-50369, 25-01946 (two-digit year, five-digit serial)
_JOB = re.compile(r"^\d{2}-\d{5}$")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            ("january", "enero", "janvier", "janeiro"),
            ("february", "febrero", "février", "fevrier", "fevereiro"),
            ("march", "marzo", "mars", "março", "marco"),
            ("april", "abril", "avril"),
            ("may", "mayo", "mai", "maio"),
            ("june", "junio", "juin", "junho"),
            ("july", "julio", "juillet", "julho"),
            ("august", "agosto", "août", "aout"),
            ("september", "septiembre", "setiembre", "septembre", "setembro"),
            ("october", "octubre", "octobre", "outubro"),
            ("november", "noviembre", "novembre", "novembro"),
            ("december", "diciembre", "décembre", "decembre", "dezembro"),
        )
    )
    for m in names
}
_DATE = re.compile(r"\b(\d{1,2})(?:er|º)?\s+(?:de\s+)?([A-Za-zéûçà]+)\s+(?:de\s+)?((?:19|20)\d\d)\b")
_MASTHEAD_MARKERS = re.compile(r"^(distr\.?|original:|distribution|orig\.?:)", re.I)


@dataclass(frozen=True)
class FurnitureSettings:
    """Where furniture is looked for and how often it must recur."""

    band: float = 0.13  # share of the page height searched at the top and at the bottom
    min_share: float = 0.25  # share of the pages a masked text must recur on
    min_pages: int = 2
    y_tol_pt: float = 10.0  # recurrences must sit within this of the text's usual height
    chunk_gap_em: float = 2.0  # a gap wider than this × font size splits a line into chunks
    masthead_share: float = 0.3  # the masthead lies in this top share of the first page

    def __post_init__(self) -> None:
        if not 0 < self.band < 0.5:
            raise ValueError(f"FurnitureSettings.band must be in (0, 0.5), got {self.band!r}")
        if not 0 < self.min_share <= 1:
            raise ValueError(f"FurnitureSettings.min_share must be in (0, 1], got {self.min_share!r}")
        if self.min_pages < 2:
            raise ValueError(f"FurnitureSettings.min_pages must be >= 2, got {self.min_pages!r}")
        if self.y_tol_pt <= 0 or self.chunk_gap_em <= 0:
            raise ValueError("FurnitureSettings.y_tol_pt and chunk_gap_em must be > 0")


@dataclass(frozen=True)
class FurnitureLine:
    """One piece of furniture as it was printed."""

    page_no: int
    zone: str  # header | footer | masthead
    text: str
    top: float
    bottom: float


@dataclass(frozen=True)
class FurnitureInfo:
    """What the furniture said, and how much of each page it took."""

    symbol: str | None  # document symbol, e.g. "S/2007/567"
    date: str | None  # ISO date of the masthead ("12 September 2007" → "2007-09-12")
    job_number: str | None  # UN job number, e.g. "07-50369"
    removed: tuple[tuple[int, int], ...]  # (page_no, words removed), every page
    lines: tuple[FurnitureLine, ...]  # the furniture, page by page, top to bottom

    def removed_on(self, page_no: int) -> int:
        return dict(self.removed).get(page_no, 0)

    @property
    def texts(self) -> tuple[str, ...]:
        """Distinct furniture texts, in order of first appearance."""
        return tuple(dict.fromkeys(line.text for line in self.lines))


@dataclass(frozen=True)
class Chunk:
    """Words of one line between wide gaps."""

    page_no: int
    line_index: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return words_text(self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


# ---------------------------------------------------------------- lines


def line_chunks(line: tuple[Word, ...], page_no: int, index: int, settings: FurnitureSettings) -> list[Chunk]:
    """A line cut at gaps wider than ``chunk_gap_em`` × its font size."""
    chunks: list[list[Word]] = []
    for w in line:
        if chunks:
            prev = chunks[-1][-1]
            size = max(w.size, prev.size, 4.0)
            if w.x0 - prev.x1 <= settings.chunk_gap_em * size:
                chunks[-1].append(w)
                continue
        chunks.append([w])
    return [Chunk(page_no, index, tuple(c)) for c in chunks]


def mask(text: str) -> str:
    """Case-folded text with every run of digits as ``#``: "2/29" and "3/29" are one key."""
    return _SPACES.sub(" ", _DIGITS.sub("#", text.lower())).strip()


# ---------------------------------------------------------------- bands and repetition


def _in_table(chunk: Chunk, rulings: tuple[Ruling, ...], fills: tuple) -> bool:
    """Whether a chunk sits inside a drawn table (crossed by vertical rulings, or shaded)."""
    top, bottom = chunk.top, chunk.bottom
    crossing = [r for r in rulings if not r.horizontal and r.top <= top + 1 and r.bottom >= bottom - 1]
    if len(crossing) >= 2:
        left = any(r.x0 <= chunk.words[0].x0 + 1 for r in crossing)
        right = any(r.x0 >= chunk.words[-1].x1 - 1 for r in crossing)
        if left and right:
            return True
    xc = (chunk.words[0].x0 + chunk.words[-1].x1) / 2
    return any(f[0] <= xc <= f[2] and f[1] <= top and bottom <= f[3] for f in fills)


def band_chunks(layout: PageLayout, settings: FurnitureSettings) -> list[tuple[str, Chunk]]:
    """(zone, chunk) for every chunk in the top ('header') or bottom ('footer') band."""
    out: list[tuple[str, Chunk]] = []
    limit_top = layout.height * settings.band
    limit_bottom = layout.height * (1 - settings.band)
    # only the bands' lines matter: the body's words are left out before grouping (line indexes
    # keep their order, which is all the callers compare)
    near = [w for w in layout.words if w.bottom <= limit_top + 6 or w.top >= limit_bottom - 6]
    for i, line in enumerate(group_lines(near)):
        for chunk in line_chunks(line, layout.page_no, i, settings):
            if chunk.bottom <= limit_top:
                zone = "header"
            elif chunk.top >= limit_bottom:
                zone = "footer"
            else:
                continue
            if not _in_table(chunk, layout.rulings, layout.fills):
                out.append((zone, chunk))
    return out


def _edge_distance(zone: str, chunk: Chunk, height: float) -> float:
    return chunk.top if zone == "header" else height - chunk.bottom


def repeated_keys(
    layouts: Sequence[PageLayout], settings: FurnitureSettings
) -> dict[tuple[str, str], float]:
    """(zone, masked text) pairs that recur at one height on enough pages → that height
    (distance from the page edge)."""
    seen: dict[tuple[str, str], dict[int, float]] = {}
    for layout in layouts:
        for zone, chunk in band_chunks(layout, settings):
            key = (zone, mask(chunk.text))
            if not key[1]:
                continue
            seen.setdefault(key, {}).setdefault(layout.page_no, _edge_distance(zone, chunk, layout.height))
    needed = max(settings.min_pages, math.ceil(settings.min_share * len(layouts)))
    keys: dict[tuple[str, str], float] = {}
    for key, pages in seen.items():
        if len(pages) < needed:
            continue
        heights = sorted(pages.values())
        median = heights[len(heights) // 2]
        if sum(1 for h in heights if abs(h - median) <= settings.y_tol_pt) >= needed:
            keys[key] = median
    return keys


def _is_repeated(
    zone: str, chunk: Chunk, height: float, keys: dict[tuple[str, str], float], settings: FurnitureSettings
) -> bool:
    usual = keys.get((zone, mask(chunk.text)))
    return usual is not None and abs(_edge_distance(zone, chunk, height) - usual) <= settings.y_tol_pt


def _tokens(text: str) -> set[str]:
    """Tokens distinctive enough to identify furniture elsewhere (symbols, job numbers)."""
    return {
        t
        for t in text.split()
        if _SYMBOL.match(t) or _JOB.match(t) or (len(t) >= 6 and sum(c.isdigit() for c in t) >= 4 and re.search(r"\d[/\-]\d", t))
    }


def _masthead_lines(layout: PageLayout, settings: FurnitureSettings) -> list[int]:
    """Indices of the first page's masthead lines: everything from the top of the page down to
    the last of the lines that name the distribution, the original language or the symbol, when
    such a line lies in the top ``masthead_share`` of the page."""
    lines = group_lines(layout.words)
    limit = layout.height * settings.masthead_share
    last = -1
    for i, line in enumerate(lines):
        if max(w.bottom for w in line) > limit:
            break
        for chunk in line_chunks(line, layout.page_no, i, settings):
            text = chunk.text.strip()
            marker = _MASTHEAD_MARKERS.match(text) or _SYMBOL.match(text.split(" (")[0].replace(" ", ""))
            date_after = last >= 0 and i == last + 1 and _DATE.fullmatch(text)
            if marker or date_after:
                last = i
    return list(range(last + 1))


def furniture_marks(
    layouts: Sequence[PageLayout], settings: FurnitureSettings
) -> dict[int, list[tuple[str, Chunk]]]:
    """Furniture chunks per page (page_no → [(zone, chunk)])."""
    keys = repeated_keys(layouts, settings)
    per_page = {layout.page_no: band_chunks(layout, settings) for layout in layouts}
    repeated_tokens: set[str] = set()
    heights = {layout.page_no: layout.height for layout in layouts}
    for page_no, chunks in per_page.items():
        for zone, chunk in chunks:
            if _is_repeated(zone, chunk, heights[page_no], keys, settings):
                repeated_tokens |= _tokens(chunk.text)
    marks: dict[int, list[tuple[str, Chunk]]] = {}
    for layout in layouts:
        chunks = per_page[layout.page_no]
        hit_lines: dict[str, list[int]] = {"header": [], "footer": []}
        for zone, chunk in chunks:
            if _is_repeated(zone, chunk, layout.height, keys, settings) or _tokens(chunk.text) & repeated_tokens:
                hit_lines[zone].append(chunk.line_index)
        chosen = []
        for zone, chunk in chunks:
            idx = hit_lines[zone]
            if not idx:
                continue
            # everything between a furniture line and the page edge is furniture too
            if (zone == "header" and chunk.line_index <= max(idx)) or (zone == "footer" and chunk.line_index >= min(idx)):
                chosen.append((zone, chunk))
        marks[layout.page_no] = chosen
    if layouts:
        first = layouts[0]
        masthead = set(_masthead_lines(first, settings))
        if masthead:
            lines = group_lines(first.words)
            taken = {id(w) for _, c in marks[first.page_no] for w in c.words}
            words = [w for i in sorted(masthead) for w in lines[i] if id(w) not in taken]
            # one size at a time: "Security Council" in 20 pt spans two lines of 10 pt text
            for size in sorted({round(w.size) for w in words}):
                same = [w for w in words if round(w.size) == size]
                for j, line in enumerate(group_lines(same)):
                    for chunk in line_chunks(line, first.page_no, -1 - j, settings):
                        marks[first.page_no].append(("masthead", chunk))
    return marks


# ---------------------------------------------------------------- metadata


def parse_date(text: str) -> str | None:
    """First '12 September 2007' style date in ``text`` as ISO 'yyyy-mm-dd', or None."""
    for m in _DATE.finditer(text):
        month = _MONTHS.get(m.group(2).lower())
        day = int(m.group(1))
        if month and 1 <= day <= 31:
            return f"{int(m.group(3)):04d}-{month:02d}-{day:02d}"
    return None


_SYMBOL_IN_TEXT = re.compile(r"(?<!\S)((?:[A-Z][A-Za-z]{0,9}/)+[A-Za-z0-9.\-/]*\d[A-Za-z0-9.\-/]*)"
                             r"(\s\((?:\d{4}|[A-Z][a-z]{0,5}\.? ?[\dA-Z]{1,4})\))?")


def _symbol_of(lines: list[FurnitureLine]) -> str | None:
    """The document symbol: the symbol-shaped text that the furniture repeats most."""
    counts: dict[str, int] = {}
    for line in lines:
        for m in _SYMBOL_IN_TEXT.finditer(line.text):
            symbol = m.group(0).rstrip("/")
            if _SYMBOL.match(m.group(1)) and not _JOB.match(m.group(1)):
                counts[symbol] = counts.get(symbol, 0) + (2 if line.zone != "masthead" else 1)
    if not counts:
        return None
    return max(sorted(counts), key=lambda s: counts[s])


def _job_of(lines: list[FurnitureLine]) -> str | None:
    for line in lines:
        for token in line.text.split():
            if _JOB.match(token):
                return token
    return None


# ---------------------------------------------------------------- entry point


def _without(layout: PageLayout, chunks: list[tuple[str, Chunk]]) -> PageLayout:
    drop = {id(w) for _, c in chunks for w in c.words}
    if not drop:
        return layout
    words = tuple(w for w in layout.words if id(w) not in drop)
    heads = [c.bottom for z, c in chunks if z == "header"]
    feet = [c.top for z, c in chunks if z == "footer"]
    head_limit = max(heads) + 8 if heads else -1.0
    foot_limit = min(feet) - 8 if feet else layout.height + 1
    rulings = tuple(
        r for r in layout.rulings if not (r.horizontal and (r.bottom <= head_limit or r.top >= foot_limit))
    )
    return replace(layout, words=words, rulings=rulings)


def strip_furniture(
    layouts: Sequence[PageLayout], settings: FurnitureSettings = FurnitureSettings()
) -> tuple[list[PageLayout], FurnitureInfo]:
    """Pages without their running headers, footers, page numbers and masthead; what they said."""
    marks = furniture_marks(layouts, settings)
    lines: list[FurnitureLine] = []
    for layout in layouts:
        chunks = sorted(marks.get(layout.page_no, []), key=lambda zc: (zc[1].top, zc[1].words[0].x0))
        for zone, chunk in chunks:
            lines.append(FurnitureLine(layout.page_no, zone, chunk.text, round(chunk.top, 2), round(chunk.bottom, 2)))
    cleaned = [_without(layout, marks.get(layout.page_no, [])) for layout in layouts]
    removed = tuple(
        (layout.page_no, sum(len(c.words) for _, c in marks.get(layout.page_no, []))) for layout in layouts
    )
    masthead_text = " ".join(line.text for line in lines if line.zone == "masthead")
    info = FurnitureInfo(
        symbol=_symbol_of(lines),
        date=parse_date(masthead_text),
        job_number=_job_of(lines),
        removed=removed,
        lines=tuple(lines),
    )
    return cleaned, info
