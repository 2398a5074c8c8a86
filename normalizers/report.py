"""UN reports and prose documents → paragraphs, sections, footnotes, recommendations, mentions.

A chain of pure steps over :class:`PageLayout` pages (no file I/O):

1. **Furniture out** (:mod:`normalizers.furniture`): running headers, footers, symbols, job
   numbers, page numbers and the masthead leave the flow; the symbol and date are kept.
2. **Lines** (``page_lines``): words on one baseline, columns read left then right; a small raised
   number on a line is a footnote *marker* (Unicode ``¹²³`` too) and leaves the text.
3. **Footnote areas** (``split_footnote_area``): smaller text at the page bottom, under a short
   rule or opening with a marker, is cut from the body and parsed into footnotes
   (``parse_footnotes``), continued across pages when a note runs over.
4. **Line roles** (``classify_lines``): heading (bold or larger, numbered I. / A. / 1. or not),
   numbered paragraph (a hanging ``12.`` at the margin followed by a tab), sub-item
   (``(a)``, ``(i)``, bullets), table of contents, small print (tables, notes), or plain text.
5. **Blocks** (``lines_to_blocks``): paragraphs rejoined across lines, page and column breaks,
   items kept with the paragraph that leads into them; a new paragraph starts at a number, a
   heading, a first-line indent or a wider gap.
6. **Text** (``block_text``): lines joined with hyphenation repaired against the document's own
   vocabulary ("imple-|mentation" → "implementation", "gender-|based" stays hyphenated), marker
   positions kept for the footnote references.
7. **Records**: sections as a tree, paragraphs, footnotes with the organisations they list and
   the counts the text claims for them, footnote references, recommendations as actions with
   the actor taken from the grammatical subject, thematic areas and pillars as objectives, and
   gazetteer mentions.

The entry point is :func:`build_report`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Sequence

from extractors.model import BBox, PageLayout, Word, union_bbox, words_text
from normalizers.actors import find_mentions, match_actors, split_actor_cell
from normalizers.doctype import detect_doc_type
from normalizers.furniture import FurnitureInfo, group_lines, strip_furniture
from normalizers.numbering import parse_numbering
from normalizers.records import (
    ActionRecord,
    ActorRecord,
    FootnoteRecord,
    FootnoteRefRecord,
    MentionRecord,
    ObjectiveRecord,
    ParagraphRecord,
    SectionRecord,
)
from normalizers.text import BULLETS, normalize_unicode
from normalizers.vocabulary import PhraseVocabulary, classify_pillar, fold, header_role, load_vocabulary

EXTRACTOR = "report@1"

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_SUP_TAIL = re.compile(f"^(?P<base>.*?[^{_SUPERSCRIPTS}])(?P<sup>[{_SUPERSCRIPTS}]+)(?P<punct>[.,;:)]*)$")
_UNITS = frozenset({"m", "km", "cm", "mm", "ft", "m3", "km2"})
_SUP_ONLY = re.compile(f"^[{_SUPERSCRIPTS}]+$")
_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡§¶]{1,3}|[a-z])(?:,\s?(?:\d{1,3}|[a-z]))*$")
# "12." and, in fascicles numbered by section, "17.1" / "17.12." (not a bare "12": a figure)
_PARA_NUMBER = re.compile(r"^(\d{1,3}\.\d{1,3}|\d{1,3}(?=\.$))\.?$")
_ITEM_LABEL = re.compile(r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})\))$")
_BULLET_TOKEN = re.compile("^[" + re.escape(BULLETS.replace("-", "")) + r"\-]$")
_TABLE_NOTE = re.compile(r"^(?:Notes?|Sources?|Abbreviations)\s*:", re.I)
_LEADER = re.compile(r"(?:\.\s?){5,}\s*\S{0,6}\s*$|(?:…\s?){2,}")
_CONTENTS = {"contents", "table of contents", "indice", "sommaire", "table des matieres", "contenido", "sumario"}
_HEADING_NUMBER = re.compile(
    r"^(?P<num>(?:[IVXLC]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]|\d{1,2}(?:\.\d{1,2})+|\([a-z]\))\s+(?P<title>\S.*)$"
)
_ANNEX = re.compile(r"^(annex|annexes|appendix|appendices|enclosure|anexo|annexe)\b", re.I)
_ROMAN = re.compile(r"^[IVXLC]+$")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_HYPHENS = "-\u2010\u2011\u00ad"
_WORD = re.compile(r"[^\W\d_](?:[\w'’]*[^\W_])?(?:[-\u2010\u2011][^\W\d_][\w'’]*)*")
_COMPOUND_PREFIXES = {
    "non", "co", "self", "post", "pre", "inter", "intra", "multi", "anti", "cross", "well", "high", "low",
    "long", "short", "full", "part", "sub", "ex", "mid", "semi", "quasi", "pan", "counter", "cost", "follow",
    "decision", "gender", "peace", "policy", "results", "country", "community", "evidence", "human", "conflict",
    "age", "sex", "rights", "time", "large", "small", "mine", "cease", "state", "child", "women",
}
# second elements that make compounds ("demand-driven", "community-based"), not word endings
_COMPOUND_HEADS = {
    "based", "driven", "led", "related", "owned", "sensitive", "specific", "level", "making", "building",
    "keeping", "term", "wide", "scale", "up", "off", "out", "free", "friendly", "oriented", "focused",
    "centred", "centered", "responsive", "affected", "prone", "bound", "like", "being", "going", "standing",
    "ranking", "intensive", "efficient", "effective", "year", "party", "border", "sector", "time", "aged",
    "funded", "run", "disaggregated", "transformative", "appropriate", "conflict", "agency",
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_NUMBER_RE = (
    r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_ENTITY_NOUNS = (
    r"(?:entities|entity|organizations|organisations|organizations|agencies|agency|departments|offices|bodies|"
    r"partners|institutions|funds|programmes|programs|members|States|countries|Governments|ministries|actors|"
    r"mechanisms|missions|stakeholders)"
)
_CLAIM = re.compile(
    rf"\b(?P<num>{_NUMBER_RE})\s+(?:[\w'’-]+\s+){{0,4}}?{_ENTITY_NOUNS}\b(?:\s+(?:of|in|from|within)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,3}})?\s*$",
    re.I,
)
_SYMBOL_LIKE = re.compile(r"\b[A-Z]{1,8}/[\w/.\-]+|\d")
_DIRECTIVE = re.compile(
    r"^(?:urges?|calls?\s+(?:(?:up)?on|for)|encourages?|requests?|invites?|asks?|appeals?\s+to|exhorts?|demands?\s+that|"
    r"recommends?\s+that|instructs?|directs?)\s+(?P<rest>.+)$",
    re.I | re.S,
)
_MODAL = re.compile(
    r"\b(?:may\s+wish\s+to|should|shall|must|will|would|could|might|is\s+(?:invited|encouraged|requested|urged)\s+to|"
    r"are\s+(?:invited|encouraged|requested|urged)\s+to|recommends?\s+that|urges?|calls?\s+(?:up)?on|encourages?)\b",
    re.I,
)
_RECO_LEADIN = re.compile(
    r"\b(?:recommend\w*|may\s+wish\s+to|should|could|urges?|calls?\s+(?:up)?on|encourages?|invites?|requests?)\b", re.I
)
_RECO_SECTION = re.compile(
    r"recommendation|way forward|way ahead|further action|recomendaci|recommandation|recomenda[çc]|empfehlung"
    r"|raccomandazion|aanbeveling", re.I
)
_AREA_LEADIN = re.compile(r"\b(thematic areas?|pillars?|priority areas?|focus areas?|areas of action|strategic areas?|strateg\w+|goals?|objectives?)\b", re.I)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6,
}
_PILLAR_SENTENCE = re.compile(
    r"\b[Tt]he\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th)\s+"
    r"(?P<noun>pillar|area|axis|priority|component|track|strand)\s+(?:is|consists\s+of|focuses\s+on|concerns|aims\s+to|will)\s+(?P<text>[^.]+)"
)
# verbs that open the predicate of a recommendation ("Member States develop …")
_VERBS = frozenset(
    """accelerate address adopt advance advocate align allocate amend appoint apply assess assist build call collect
    commit comply conduct consider consult continue contribute convene coordinate create deliver deploy design develop
    devote document empower enact encourage end engage enhance ensure establish evaluate expand facilitate finance
    focus foster fund guarantee hold identify implement improve include incorporate increase integrate invest invite
    involve learn lead make mainstream maintain mobilize mobilise monitor nominate note prioritize prioritise promote
    protect provide pursue raise ratify recall recognize recognise reaffirm reform reinforce reiterate remain report
    request respect review revise scale seek set share step stress strengthen support sustain take train underline
    underscore uphold urge use welcome work be have receive benefit participate serve play give investigate
    prosecute adjudicate ratify accede condemn refrain cease release respond cooperate collaborate establish
    operationalize operationalise enable empower expedite launch negotiate organize organise attend""".split()
)


# ---------------------------------------------------------------- settings and intermediate records


@dataclass(frozen=True)
class ReportSettings:
    """Tunables of the report normalizer (all in points or ratios)."""

    marker_size_ratio: float = 0.82  # a word this much smaller than its line …
    marker_raise_ratio: float = 0.12  # … and raised by this × line size is a footnote marker
    footnote_size_ratio: float = 0.95  # footnote text is smaller than body text × this
    heading_size_ratio: float = 1.12  # larger than body text × this is a heading
    small_size_ratio: float = 0.9  # body-area text smaller than this × body is tables and notes
    indent_pt: float = 8.0  # a first line further right than this starts a paragraph
    number_gap_pt: float = 7.0  # a paragraph number is followed by a tab at least this wide
    para_gap_ratio: float = 1.3  # a line pitch above this × the usual pitch starts a paragraph
    short_line_ratio: float = 0.8  # a line ending before this share of the text width is short
    max_heading_words: int = 30

    def __post_init__(self) -> None:
        for name in ("marker_size_ratio", "footnote_size_ratio", "small_size_ratio", "short_line_ratio"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"ReportSettings.{name} must be in (0, 1], got {getattr(self, name)!r}")
        if self.heading_size_ratio <= 1 or self.para_gap_ratio <= 1:
            raise ValueError("ReportSettings.heading_size_ratio and para_gap_ratio must be > 1")
        if self.indent_pt <= 0 or self.number_gap_pt <= 0 or self.max_heading_words < 1:
            raise ValueError("ReportSettings.indent_pt, number_gap_pt and max_heading_words must be > 0")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a line; a footnote marker carries ``marker`` and no text."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    marker: str | None = None
    conf: float | None = None


@dataclass(frozen=True)
class Line:
    """Tokens on one baseline within one column."""

    page_no: int
    tokens: tuple[Token, ...]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    column: int = 0  # 0: the page's full width; 1, 2: left and right column of a two-column band

    @property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.marker is None)

    @property
    def text(self) -> str:
        return words_text(self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Note:
    """A footnote as parsed from a page's footnote area."""

    number: str
    text: str
    page: int
    top: float


@dataclass(frozen=True)
class Role:
    """What a body line is: heading | para | item | text | toc | small (and its label)."""

    kind: str
    label: str | None = None  # paragraph number, item label, heading number


@dataclass(frozen=True)
class Part:
    """A lead-in or one item of a paragraph: its lines."""

    label: str | None  # "(a)", "•", None for the lead-in
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph (lead-in and items) in reading order."""

    kind: str  # heading | paragraph | small
    number: str | None
    parts: tuple[Part, ...]
    section_index: int | None = None  # index of the heading block that governs it

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for part in self.parts for line in part.lines)


@dataclass(frozen=True)
class Ref:
    """A footnote marker at a character offset of a text."""

    offset: int
    marker: str
    page: int


@dataclass(frozen=True)
class ReportResult:
    paragraphs: tuple[ParagraphRecord, ...]
    sections: tuple[SectionRecord, ...]
    footnotes: tuple[FootnoteRecord, ...]
    footnote_refs: tuple[FootnoteRefRecord, ...]
    mentions: tuple[MentionRecord, ...]
    objectives: tuple[ObjectiveRecord, ...]
    actions: tuple[ActionRecord, ...]
    actors: tuple[ActorRecord, ...]
    symbol: str | None
    date: str | None


# ---------------------------------------------------------------- tokens and lines


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


# ---------------------------------------------------------------- footnote areas


def _is_rule_text(line: Line) -> bool:
    text = line.text.replace(" ", "")
    return len(text) >= 5 and set(text) <= set("_-–—")


def _opens_note(line: Line) -> bool:
    """A marker, then words (not the tick labels of a chart)."""
    first = line.tokens[0] if line.tokens else None
    if first is None:
        return False
    rest = " ".join(t.text for t in line.tokens[1:])
    if not re.search(r"[^\W\d_]{3,}", rest):
        return False
    return first.marker is not None or bool(re.fullmatch(r"\d{1,3}|[*†‡]", first.text))


def _sentences(lines: Sequence[Line]) -> bool:
    """Whether lines read as notes (words of several letters), not as chart labels."""
    words = [t.text for line in lines for t in line.words]
    chars = sum(len(w) for w in words)
    return bool(words) and chars >= 12 * len(lines) and chars >= 3 * len(words)


def split_footnote_area(
    lines: list[Line], layout: PageLayout, body: float, settings: ReportSettings
) -> tuple[list[Line], list[Line]]:
    """(body lines, footnote lines) of one page."""
    if not lines:
        return [], []
    small = body * settings.footnote_size_ratio
    rule_ys = [
        r.top
        for r in layout.rulings
        if r.horizontal and 15 <= r.x1 - r.x0 <= 0.6 * layout.width and r.top > 0.35 * layout.height
    ]
    rule_ys += [line.top for line in lines if _is_rule_text(line) and line.top > 0.35 * layout.height]
    for y in sorted(rule_ys, reverse=True):
        below = [line for line in lines if line.top >= y - 1 and not _is_rule_text(line)]
        above = [line for line in lines if line.top < y - 1 and not _is_rule_text(line)]
        # a table's "Note:" or "Source:" lines may sit between the rule and the first footnote
        k = next((j for j, line in enumerate(below[:5]) if _opens_note(line)), None)
        if k is None or not above or not all(line.size <= small for line in below):
            continue
        if all(_TABLE_NOTE.match(line.text) or j > 0 for j, line in enumerate(below[:k])) and _sentences(below[k:]):
            return above + below[:k], below[k:]
    # no rule: the run of small lines at the bottom, opening with a raised marker
    i = len(lines)
    while i > 0 and lines[i - 1].size <= small and not _is_rule_text(lines[i - 1]):
        i -= 1
    area = lines[i:]
    if area and i > 0 and re.fullmatch(r"\d{1,3}|[*†‡]{1,3}", area[0].tokens[0].marker or "") and _opens_note(area[0]):
        if _sentences(area):
            return lines[:i], area
    return [line for line in lines if not _is_rule_text(line)], []


def _note_start(line: Line, expected: int | None, first_in_area: bool) -> tuple[str, tuple[Token, ...]] | None:
    """(marker, rest) when the line opens a footnote."""
    toks = line.tokens
    if not toks:
        return None
    if toks[0].marker is not None:
        return toks[0].marker, toks[1:]
    m = re.fullmatch(r"(\d{1,3})\.?|([*†‡]{1,3})", toks[0].text)
    if m and len(toks) > 1:
        gap = toks[1].x0 - toks[0].x1
        number = m.group(1)
        if m.group(2) or first_in_area or gap >= 3 or (number and expected is not None and int(number) == expected):
            return toks[0].text.rstrip("."), toks[1:]
    return None


def parse_footnotes(areas: Sequence[tuple[int, list[Line]]], vocab: Counter[str]) -> list[Note]:
    """Footnotes from each page's footnote lines; a note without a marker at the top of an area
    continues the last note of the page before."""
    notes: list[tuple[str, int, float, list[list[Token]]]] = []
    for page_no, lines in areas:
        for i, line in enumerate(lines):
            expected = None
            if notes and notes[-1][0].isdigit():
                expected = int(notes[-1][0]) + 1
            start = _note_start(line, expected, i == 0)
            if start is not None:
                notes.append((start[0], page_no, line.top, [list(start[1])]))
            elif notes:
                notes[-1][3].append(list(line.tokens))
    out = []
    for number, page, top, token_lines in notes:
        text, _ = join_token_lines([[t for t in toks if t.marker is None] for toks in token_lines], vocab, page)
        out.append(Note(number, text, page, round(top, 2)))
    return out


# ---------------------------------------------------------------- hyphenation and text


def document_vocabulary(lines: Sequence[Line]) -> Counter[str]:
    """Word forms of the document (case-folded), leaving out the halves of words broken at a
    line end, so they can tell a broken word from a hyphenated compound."""
    vocab: Counter[str] = Counter()
    broken_next = False
    for line in lines:
        words = [t.text for t in line.words]
        for j, w in enumerate(words):
            if j == 0 and broken_next:
                continue
            if j == len(words) - 1 and w[-1:] in _HYPHENS:
                continue
            for m in _WORD.finditer(normalize_unicode(w)):
                vocab[m.group(0).lower()] += 1
        broken_next = bool(words) and words[-1][-1:] in _HYPHENS and len(words[-1]) > 1
    return vocab


def join_hyphenated(left: str, right: str, vocab: Counter[str]) -> str:
    """'imple-' + 'mentation' → 'implementation'; 'gender-' + 'based' → 'gender-based'.

    The document decides: the form it uses elsewhere wins; a capital or a digit after the break
    keeps the hyphen (Secretary-General, 2005-2007), and so does a whole word of the document
    after it (demand-|driven); else it goes.
    """
    stem = left.rstrip(_HYPHENS)
    m_l = re.search(r"[^\W_][\w'’]*$", stem)
    m_r = re.match(r"[\w'’]+", right)
    if not m_l or not m_r:
        return stem + "-" + right
    a, b = m_l.group(0), m_r.group(0)
    joined, hyphened = (a + b).lower(), f"{a}-{b}".lower()
    n_joined, n_hyph = vocab.get(joined, 0), vocab.get(hyphened, 0)
    if left.endswith("\u00ad"):
        return stem + right
    if n_hyph > n_joined:
        return stem + "-" + right
    if n_joined > 0:
        return stem + right
    if b[0].isupper() or b[0].isdigit() or a[-1].isdigit() or "-" in stem.rstrip(_HYPHENS)[-len(a) - 1 :]:
        return stem + "-" + right  # Secretary-General, 2005-2007, cash-for-work
    if a.lower() in _COMPOUND_PREFIXES or b.lower() in _COMPOUND_HEADS or (len(b) >= 3 and vocab.get(b.lower(), 0)):
        return stem + "-" + right
    return stem + right


def join_token_lines(
    token_lines: Sequence[Sequence[Token]], vocab: Counter[str], page: int, pages: Sequence[int] | None = None
) -> tuple[str, list[Ref]]:
    """Lines of tokens → one clean string (Unicode normalised, hyphenation repaired) and the
    markers found in it, at their character offsets."""
    pieces: list[str] = []
    refs: list[tuple[int, str, int]] = []  # (index into pieces, marker, page)
    for li, toks in enumerate(token_lines):
        line_page = pages[li] if pages else page
        prev: Token | None = None
        for t in toks:
            if t.marker is not None:
                for part in re.split(r",\s*", t.marker):  # "a,b" points at two notes
                    if part:
                        refs.append((len(pieces), part, line_page))
                prev = t
                continue
            text = normalize_unicode(t.text) if t.text != "\u00ad" else t.text
            if not text:
                continue
            if not pieces:
                pieces.append(text)
            elif prev is None:  # first token of a line after the first
                last = pieces[-1]
                if last[-1:] in _HYPHENS and len(last) > 1 and text[:1].isalnum():
                    pieces[-1] = join_hyphenated(last, text, vocab)
                else:
                    pieces.append(" " + text)
            else:
                pieces.append((" " if t.x0 - prev.x1 > 1.0 else "") + text)
            prev = t
    # offsets: markers sit after the piece they follow
    out, offsets, pos = [], [], 0
    ref_iter = iter(sorted(refs, key=lambda r: r[0]))
    pending = next(ref_iter, None)
    for i, p in enumerate(pieces):
        while pending is not None and pending[0] <= i:
            offsets.append(Ref(pos, pending[1], pending[2]))
            pending = next(ref_iter, None)
        out.append(p)
        pos += len(p)
    while pending is not None:
        offsets.append(Ref(pos, pending[1], pending[2]))
        pending = next(ref_iter, None)
    text = re.sub(r"[ \t\u00a0]+", " ", "".join(out))
    stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    return stripped, [Ref(max(0, min(len(stripped), r.offset - shift)), r.marker, r.page) for r in offsets]


# ---------------------------------------------------------------- line roles


@dataclass(frozen=True)
class PageMetrics:
    margin: float  # left edge of body text
    right: float  # right edge of body text


def page_metrics(lines: Sequence[Line], body: float) -> PageMetrics:
    xs = Counter(round(line.x0) for line in lines if abs(line.size - body) <= 1 and len(line.words) > 3)
    rights = sorted(line.x1 for line in lines if abs(line.size - body) <= 1 and len(line.words) > 3)
    if not xs:
        xs = Counter(round(line.x0) for line in lines)
        rights = sorted(line.x1 for line in lines)
    margin = float(min(x for x, n in xs.items() if n == max(xs.values()))) if xs else 0.0
    right = rights[int(0.9 * (len(rights) - 1))] if rights else margin + 400
    return PageMetrics(margin, max(right, margin + 50))


def _line_pitch(lines: Sequence[Line], body: float) -> float:
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.page_no == b.page_no and abs(a.size - body) <= 1 and abs(b.size - body) <= 1 and 0 < b.top - a.top < 2.2 * body
    ]
    if not steps:
        return body * 1.2
    steps.sort()
    return steps[len(steps) // 2]


def toc_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of table-of-contents lines: the 'Contents' heading, dot-leader lines and the
    lines of entries that wrap before their leader."""
    leader = [bool(_LEADER.search(line.text)) for line in lines]
    marked: set[int] = set()
    for i, line in enumerate(lines):
        if fold(line.text) in _CONTENTS:
            marked.add(i)
    for i, is_leader in enumerate(leader):
        if not is_leader:
            continue
        marked.add(i)
        j = i - 1
        while j >= 0 and i - j <= 3 and not leader[j] and j not in marked:
            if any(leader[k] or k in marked for k in range(max(0, j - 3), j)):
                marked.update(range(j, i))
                break
            j -= 1
    for i, line in enumerate(lines):  # "Page" column labels and "Annex" lines inside the table
        if i not in marked and fold(line.text) in {"page", "pages", "annex", "annexes", "pagina", "paginas"}:
            if any(k in marked for k in range(max(0, i - 2), min(len(lines), i + 3))):
                marked.add(i)
    return marked


def _label_of(line: Line) -> str | None:
    words = line.words
    if not words:
        return None
    first = words[0].text
    if _ITEM_LABEL.match(first) or _BULLET_TOKEN.match(first):
        return first
    return None


def classify_lines(
    lines: Sequence[Line], body: float, metrics: dict[tuple[int, int], PageMetrics], settings: ReportSettings
) -> list[Role]:
    """The role of each body line."""
    toc = toc_lines(lines)
    pitch = _line_pitch(lines, body)
    roles: list[Role] = []
    expected = "1"
    for i, line in enumerate(lines):
        words = line.words
        m = metrics[(line.page_no, line.column)]
        prev = lines[i - 1] if i > 0 else None
        prev_role = roles[-1].kind if roles else None
        if i in toc:
            roles.append(Role("toc"))
            continue
        if not words:
            roles.append(Role("small"))
            continue
        first = words[0].text
        lead = 0
        if _BULLET_TOKEN.match(first) and len(words) > 2 and _PARA_NUMBER.match(words[1].text):
            lead = 1  # "- 1. In its presidential statement …"
        num = _PARA_NUMBER.match(words[lead].text)
        rest = words[lead + 1 :]
        rest_bold = sum(len(t.text) for t in rest if t.bold) * 2 > sum(len(t.text) for t in rest) if rest else False
        if num and rest and not (words[lead].bold and rest_bold) and abs(line.size - body) <= 1.2:
            gap = rest[0].x0 - words[lead].x1
            n = num.group(1)
            at_margin = line.x0 <= m.margin + 4
            # "17.1" opens a section's run and "17.12" continues it (a paragraph or two may have
            # gone into a table); "85.8 per cent" does neither
            head, _, tail = n.rpartition(".")
            exp_head, _, exp_tail = expected.rpartition(".")
            in_run = not head or tail == "1" or (head == exp_head and 0 <= int(tail) - int(exp_tail) <= 3)
            if at_margin and in_run and (gap >= settings.number_gap_pt or (n == expected and gap >= 1.5)):
                roles.append(Role("para", n))
                expected = f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
                continue
        larger = line.size >= body * settings.heading_size_ratio
        upper = line.text.isupper() and len(line.text) > 3 and len(words) <= 12 and abs(line.size - body) <= 1
        # a bold line right under bold paragraph text is more of that text, not a heading
        bold_run = (
            prev is not None
            and prev_role in ("para", "text", "item")
            and prev.page_no == line.page_no
            and prev.words
            and prev.words[-1].bold
            and abs(prev.size - line.size) <= 0.6
            and 0 < line.top - prev.top <= 1.2 * pitch
        )
        if (line.bold or larger or upper) and not bold_run and len(words) <= settings.max_heading_words and line.size > body * settings.small_size_ratio:
            roles.append(Role("heading"))
            continue
        if line.size < body * settings.small_size_ratio:
            roles.append(Role("small"))
            continue
        label = _label_of(line)
        if label is not None:
            prev_text = prev.text if prev is not None else ""
            is_bullet = bool(_BULLET_TOKEN.match(label))
            indented = line.x0 > m.margin + 4
            after_list = prev_text.rstrip().endswith((":", ";")) or prev_text.rstrip().endswith(("; and", "; or"))
            if is_bullet or indented or after_list:
                roles.append(Role("item", label))
                continue
        roles.append(Role("text"))
    return roles


# ---------------------------------------------------------------- blocks


def _text_x0(line: Line) -> float:
    """Where the line's text starts, after a paragraph number or item label."""
    words = line.words
    labels = [i for i, w in enumerate(words[:2]) if _PARA_NUMBER.match(w.text) or _ITEM_LABEL.match(w.text) or _BULLET_TOKEN.match(w.text)]
    if labels and labels[-1] + 1 < len(words) and labels == list(range(len(labels))):
        return words[labels[-1] + 1].x0
    return line.x0


def _attachable(parts: list[list[Any]], numbered: bool) -> bool:
    """Whether an item can join the open paragraph: it leads in, or is already a list."""
    if numbered or len(parts) > 1:
        return True
    text = " ".join(line.text for line in parts[-1][1]).rstrip()
    return not _SENTENCE_END.search(text)


def lines_to_blocks(
    lines: Sequence[Line], roles: Sequence[Role], body: float, metrics: dict[tuple[int, int], PageMetrics], settings: ReportSettings
) -> list[Block]:
    """Headings and paragraphs in reading order."""
    pitch = _line_pitch(lines, body)
    blocks: list[Block] = []
    open_kind: str | None = None
    number: str | None = None
    parts: list[list[Any]] = []  # [label, [lines]]
    last: Line | None = None

    def close() -> None:
        nonlocal open_kind, number, parts
        if open_kind is not None and parts:
            blocks.append(Block(open_kind, number, tuple(Part(p[0], tuple(p[1])) for p in parts)))
        open_kind, number, parts = None, None, []

    for line, role in zip(lines, roles):
        if role.kind == "toc":
            continue
        if role.kind == "small":
            if open_kind != "small":
                close()
                open_kind = "small"
                parts = [[None, []]]
            parts[-1][1].append(line)
            last = line
            continue
        if role.kind == "heading":
            if open_kind == "heading" and last is not None and _continues_heading(last, line, parts):
                parts[-1][1].append(line)
            else:
                close()
                open_kind, parts = "heading", [[None, [line]]]
            last = line
            continue
        if role.kind == "para":
            close()
            open_kind, number, parts = "paragraph", role.label, [[None, [line]]]
            last = line
            continue
        if role.kind == "item":
            if open_kind == "paragraph" and _attachable(parts, number is not None):
                parts.append([role.label, [line]])
            else:
                close()
                open_kind, parts = "paragraph", [[role.label, [line]]]
            last = line
            continue
        # plain text
        if open_kind == "paragraph" and last is not None and not _starts_paragraph(last, line, metrics, pitch, settings):
            parts[-1][1].append(line)
        else:
            close()
            open_kind, parts = "paragraph", [[None, [line]]]
        last = line
    close()
    return blocks


def _continues_heading(prev: Line, line: Line, parts: list[list[Any]]) -> bool:
    if prev.page_no != line.page_no or abs(prev.size - line.size) > 0.6 or prev.bold != line.bold:
        return False
    if line.top - prev.bottom > 1.2 * max(prev.size, line.size):
        return False
    if _HEADING_NUMBER.match(line.text) or _ANNEX.match(line.text):
        return False
    return len(parts[-1][1]) < 4


def _starts_paragraph(prev: Line, line: Line, metrics: dict[tuple[int, int], PageMetrics], pitch: float, settings: ReportSettings) -> bool:
    """Whether a plain line opens a new paragraph after ``prev``."""
    mp, ml = metrics[(prev.page_no, prev.column)], metrics[(line.page_no, line.column)]
    rel = line.x0 - ml.margin
    ref = _text_x0(prev) - mp.margin
    if rel > ref + settings.indent_pt and rel > settings.indent_pt:
        return True
    if abs(line.size - prev.size) > 1.2 or line.bold != prev.bold:
        return True
    same_page = prev.page_no == line.page_no and prev.column == line.column and line.top > prev.top
    if same_page:
        return line.top - prev.top > settings.para_gap_ratio * pitch
    # across a page or column break: a short last line ending a sentence closes the paragraph
    width = mp.right - mp.margin
    short = prev.x1 < mp.margin + settings.short_line_ratio * width
    first = line.words[0].text if line.words else ""
    return short and bool(_SENTENCE_END.search(prev.text)) and first[:1].isupper()


# ---------------------------------------------------------------- headings and sections


def _heading_kind(num: str, prev_letter: str | None) -> str:
    core = num.strip("().")
    if core.isdigit() or re.fullmatch(r"\d+(?:\.\d+)*", core):
        return "digit"
    if _ROMAN.match(core) and not (len(core) == 1 and prev_letter is not None and ord(core) == ord(prev_letter) + 1):
        return "roman"
    if len(core) == 1 and core.isupper():
        return "upper"
    if len(core) == 1 and core.islower():
        return "lower"
    return "roman" if _ROMAN.match(core) else "other"


_RANK = {"annex": -1, "roman": 0, "upper": 1, "digit": 2, "lower": 3, "other": 4, "none": 4}
# headings named by a plan level ("Pillar 1: Prevention", "Objective 1.1: …"): ranked by the level
_PLAN_LEVELS = ("pillar", "strategic_objective", "objective", "specific_objective", "strategy", "expected_result", "output")
_LEVEL_RANK = {"pillar": 0.5, "strategic_objective": 1.2, "objective": 1.5, "specific_objective": 1.8,
               "strategy": 2.2, "expected_result": 2.5, "output": 2.8}


def _rank(kind: str, number: str | None) -> float:
    if kind.startswith("level:"):
        depth = len(re.findall(r"\d+", number or "")) or 1
        return _LEVEL_RANK.get(kind[6:], 3.2) + 0.05 * depth
    return _RANK[kind]


def split_heading(text: str) -> tuple[str | None, str]:
    """'II. Methodology' → ('II.', 'Methodology'); 'Annex' → (None, 'Annex')."""
    m = _HEADING_NUMBER.match(text)
    if m:
        return m.group("num"), m.group("title").strip()
    return None, text.strip()


@dataclass(frozen=True)
class Heading:
    block_index: int
    number: str | None
    title: str
    kind: str
    page: int
    top: float
    refs: tuple[Ref, ...]


def block_headings(blocks: Sequence[Block], vocab: Counter[str], headers: PhraseVocabulary | None = None) -> list[Heading]:
    headers = headers or load_vocabulary("headers")
    out = []
    prev_letter: str | None = None
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        lines = block.lines
        text, refs = join_token_lines([line.tokens for line in lines], vocab, lines[0].page_no)
        number, title = split_heading(text)
        kind = "none"
        if number:
            kind = _heading_kind(number, prev_letter)
            if kind == "upper":
                prev_letter = number.strip("().")
            elif kind == "roman":
                prev_letter = None
        elif _ANNEX.match(title):
            kind = "annex"
        else:
            parsed, rest = parse_numbering(title)
            role = header_role(parsed.prefix, headers) if parsed is not None and parsed.prefix else None
            if parsed is not None and parsed.style == "prefixed" and role is not None and rest:
                number, title, kind = parsed.label, rest, f"level:{role}"
        out.append(Heading(i, number, title, kind, lines[0].page_no, round(lines[0].top, 2), tuple(refs)))
    return out


def title_zone(blocks: Sequence[Block], headings: Sequence[Heading], body: float) -> set[int]:
    """Blocks of the first page that form the document's title: everything before the first
    numbered heading or the first real paragraph (two lines or more, or numbered), up to the last
    heading among them set larger than the body text."""
    if not blocks:
        return set()
    first_page = blocks[0].lines[0].page_no
    numbered = {h.block_index for h in headings if h.number}
    stop = len(blocks)
    for i, b in enumerate(blocks):
        if b.lines[0].page_no != first_page or i in numbered:
            stop = i
            break
        if b.kind == "paragraph" and (b.number is not None or len(b.lines) >= 2):
            stop = i
            break
    heads = [
        h.block_index
        for h in headings
        if h.block_index < stop and max(line.size for line in blocks[h.block_index].lines) >= body * 1.1
    ]
    return set(range(max(heads) + 1)) if heads else set()


def sections_tree(headings: Sequence[Heading], skip: set[int]) -> list[tuple[Heading, int | None, int]]:
    """(heading, parent position in the output, level) for every heading kept, in order."""
    out: list[tuple[Heading, int | None, int]] = []
    stack: list[tuple[int, int]] = []  # (rank, position in out)
    for h in headings:
        if h.block_index in skip:
            continue
        rank = _rank(h.kind, h.number)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        out.append((h, parent, len(stack)))
        stack.append((rank, len(out) - 1))
    return out


# ---------------------------------------------------------------- footnotes: entities, claims


def footnote_entities(text: str, gazetteer: Any, country: str | None) -> list[str]:
    """Canonical codes (or names when unknown) of the organisations a footnote lists."""
    body = re.sub(r"^(?:See|Including|Namely|Those are|These are|They are)\s*:?\s*", "", text.strip())
    pieces = [
        part
        for piece in split_actor_cell(body.rstrip(". "), gazetteer)
        for part in re.split(r",\s+(?=(?:the|The)\s+[A-Z])", piece)  # "INSTRAW, the Office of …" is two
    ]
    items = [re.sub(r"^(?:the|The)\s+", "", i).strip() for i in pieces]
    items = [i for i in items if i]
    orgs = [i for i in items if len(i.split()) <= 16 and i[:1].isupper() and not _SYMBOL_LIKE.search(i)]
    codes = [_entity_code(item, gazetteer, country) for item in items]
    known = sum(1 for item, code in zip(items, codes) if code != item)
    if len(items) >= 2 and len(orgs) * 5 >= len(items) * 4 and known * 2 >= len(items):
        return codes
    seen: list[str] = []
    for m in find_mentions(text, gazetteer, country):
        if m.actor_code not in seen:
            seen.append(m.actor_code)
    return seen


def _entity_code(item: str, gazetteer: Any, country: str | None) -> str:
    for m in match_actors(item, gazetteer, country):
        if not m.excluded and m.actor_code:
            return m.actor_code
    return item


def _number_value(word: str) -> int | None:
    w = word.lower().replace(" ", "-")
    if w.isdigit():
        return int(w)
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _NUMBER_WORDS and unit in _NUMBER_WORDS:
            return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
    return _NUMBER_WORDS.get(w)


def claimed_count(text: str, offset: int) -> int | None:
    """The count the sentence claims just before a marker ('Thirteen entities⁴',
    'Seven United Nations entities undertook work on early warning mechanisms.⁵')."""
    before = text[:offset]
    start = 0
    for m in re.finditer(r"[.;:!?]\s+(?=[A-Z(])", before[:-1] if before.endswith(".") else before):
        start = m.end()
    sentence = before[start:].rstrip(" .,;:")
    direct = _CLAIM.search(sentence)
    if direct:
        return _number_value(direct.group("num"))
    m = re.match(rf"^(?:In\s+\w+\s+\w+,\s+)?(?P<num>{_NUMBER_RE})\s+(?:[\w'’-]+\s+){{0,4}}?{_ENTITY_NOUNS}\b", sentence, re.I)
    if m:
        return _number_value(m.group("num"))
    inner = list(re.finditer(rf"\b(?P<num>{_NUMBER_RE})\s+(?:[\w'’-]+\s+){{0,4}}?{_ENTITY_NOUNS}\b", sentence, re.I))
    if inner and len(sentence) - inner[-1].end() <= 60:
        return _number_value(inner[-1].group("num"))
    return None


def link_refs(refs: Sequence[tuple[str, Ref]], notes: Sequence[Note]) -> list[int | None]:
    """For each (paragraph id, marker) the index of its footnote: same number, the same page
    first, then the nearest page after, then before."""
    out: list[int | None] = []
    used: set[int] = set()
    for _, ref in refs:
        candidates = [i for i, n in enumerate(notes) if n.number == ref.marker]
        if not candidates:
            out.append(None)
            continue
        fresh = [i for i in candidates if i not in used] or candidates
        best = min(fresh, key=lambda i: (notes[i].page < ref.page, abs(notes[i].page - ref.page), i))
        used.add(best)
        out.append(best)
    return out


# ---------------------------------------------------------------- recommendations and objectives


@dataclass(frozen=True)
class Item:
    """A sub-item of a paragraph, with where it is."""

    paragraph_index: int
    label: str | None
    text: str
    page: int
    bbox: BBox
    conf: float


def _part_geometry(part: Part) -> tuple[int, BBox, float]:
    page = part.lines[0].page_no
    same = [line for line in part.lines if line.page_no == page]
    confs = [t.conf for line in part.lines for t in line.words if t.conf is not None]
    conf = round(sum(confs) / len(confs), 4) if confs else 1.0
    return page, union_bbox([line.bbox for line in same]), conf


def _strip_label(text: str, label: str | None) -> str:
    if label and text.startswith(label):
        return text[len(label):].strip()
    return text.strip()


def _subject_np(text: str) -> tuple[str, bool]:
    """The subject of '(Member States), particularly …, develop …' and whether the item opens with
    its verb instead ('Reiterate the need …', 'Urge Member States to …')."""
    words = text.split()
    if not words:
        return "", False
    first = re.sub(r"\W", "", words[0]).lower()
    if first in _VERBS or _DIRECTIVE.match(text):
        return "", True
    clause = re.split(r",|;|:|\s\(", text, maxsplit=1)[0]
    out = []
    for i, w in enumerate(clause.split()):
        bare = re.sub(r"\W", "", w).lower()
        if i > 0 and (bare in _VERBS or bare in _AUXILIARIES):
            break
        out.append(w)
    return " ".join(out).strip(), False


# the subject ends where its verb begins: "The Ministry of Justice will set up …"
# "The Ministry …", "Le Ministère …", "El Ministerio …", "O Ministério …": the actor without its article
_LEADING_ARTICLE = re.compile(r"^(?i:(?:the|le|la|les|el|los|las|o|a|os|as)\s+|l['’]\s*)(?=[A-ZÀ-Ý])")
_AUXILIARIES = frozenset(
    "will shall should must may might can could would is are was were has have had does do "  # en
    "doit doivent devrait devraient va vont sera seront peut peuvent est sont "  # fr
    "debe deben debería deberían va van será serán puede pueden es son "  # es
    "deve devem deveria deveriam vai vão será serão pode podem é são".split()  # pt
)


def _object_np(text: str) -> tuple[str, bool]:
    """The actor urged or called upon: 'Urge Member States to …' → ('Member States', True).

    The flag says whether the verb takes a person ('urge', 'call upon', 'encourage'); after
    'call for' or 'request' the phrase may be a thing ('the roll-out of …') and counts as an
    actor only when it names one."""
    m = _DIRECTIVE.match(text)
    if not m:
        return "", False
    personal = not re.match(r"(?:calls?\s+for|requests?)\b", text, re.I)
    rest = re.sub(r"^for\s+", "", m.group("rest"))
    if re.match(r"(?:the\s+need|that)\b", rest, re.I):
        return "", False
    # the actor is the one asked to act: "… all parties to armed conflict[, …,] to ensure …"
    for t in re.finditer(r"\s+to\s+(\w+ly\s+)?(\w+)", rest):
        if t.group(1) or t.group(2).lower() in _VERBS:
            return re.split(r",|;|:|\s+that\s+", rest[: t.start()], maxsplit=1)[0].strip(), personal
    return "", False


# a subject opens with a capital or a determiner; not with a preposition or a verb
_NOUN_PHRASE_START = re.compile(
    r"^(?!(?:In|On|At|For|With|By|Under|Regarding|Concerning|As|To|From|Through|Within|During|After|Before"
    r"|En|Dans|Pour|Sur|Avec|Par|Concernant|Para|Sobre|Con|Por|Em|Com)\b)"
    r"(?:[A-ZÀ-Ý0-9]|(?:the|all|each|every|any|both|relevant|national|local|other|member"
    r"|le|la|les|l|tous|toutes|el|los|las|todos|todas)\b)"
)


def leadin_subject(text: str) -> str:
    """'…, the members of the Security Council should:' → 'the members of the Security Council'."""
    m = None
    for m in _MODAL.finditer(text):
        pass
    if m is None:
        return ""
    before = text[: m.start()].rstrip()
    clause = re.split(r"[,;:]\s*", before)[-1].strip()
    if re.match(r"^(?:it|this|that|there)\b", clause, re.I):
        return ""
    return clause


def _actor_rows(
    action_id: str, raw: str, role: str, gazetteer: Any, country: str | None, doc_id: str
) -> list[ActorRecord]:
    """Actor rows for a noun phrase: the gazetteer's reading of it, else the actors named inside
    it ('the members of the Security Council' → Security Council), else the phrase, unknown."""
    matches = [m for m in match_actors(raw, gazetteer, country) if not m.excluded and (m.actor_code or m.sector)]
    if not matches:
        inner = []
        for mention in find_mentions(raw, gazetteer, country):
            inner.extend(m for m in match_actors(mention.text, gazetteer, country) if m.actor_code == mention.actor_code)
        matches = inner
    if not matches:
        return [
            ActorRecord(
                doc_id=doc_id, action_id=action_id, actor_raw=raw, actor_code=None, actor_name=None,
                actor_type="other", sector=None, role=role,
            )
        ]
    return [
        ActorRecord(
            doc_id=doc_id, action_id=action_id, actor_raw=m.actor_raw or raw, actor_code=m.actor_code,
            actor_name=m.actor_name, actor_type=m.actor_type or "other", sector=m.sector, role=role,
        )
        for m in matches
    ]


def item_actors(
    text: str, leadin: str, action_id: str, gazetteer: Any, country: str | None, doc_id: str
) -> list[ActorRecord]:
    """Lead actors from the grammatical subject (or the object of 'urge', 'call upon' …), and
    the other actors the item mentions."""
    subject, verb_first = _subject_np(text)
    if subject and not _NOUN_PHRASE_START.match(subject):
        # "In relation to inquiry No. 2016/1", "reinvigorate their efforts to": no subject of its
        # own; the item goes on from its lead-in ("… urges Member States to:")
        subject, verb_first = "", True
    lead_raw = subject
    if verb_first:
        obj, personal = _object_np(text)
        named = bool(obj) and (personal or bool(find_mentions(obj, gazetteer, country)))
        lead_raw = obj if named else leadin_subject(leadin)
    rows: list[ActorRecord] = []
    if lead_raw:
        rows.extend(_actor_rows(action_id, _LEADING_ARTICLE.sub("", lead_raw.strip()), "lead", gazetteer, country, doc_id))
    lead_codes = {r.actor_code for r in rows if r.actor_code}
    lead_span = text.find(lead_raw) if lead_raw and not verb_first else -1
    for m in find_mentions(text, gazetteer, country):
        if m.actor_code in lead_codes:
            continue
        if lead_span >= 0 and lead_span <= m.start < lead_span + len(lead_raw):
            continue
        lead_codes.add(m.actor_code)
        rows.extend(
            r for r in _actor_rows(action_id, m.text, "mentioned", gazetteer, country, doc_id) if r.actor_code == m.actor_code
        )
    return rows


def _area_items(leadin: str, items: Sequence[Item]) -> list[tuple[Item, str]]:
    """'(a) Prevention: mainstream …' items of a lead-in naming thematic areas or pillars →
    (item, area name)."""
    found = list(_AREA_LEADIN.finditer(leadin))
    if not found or not leadin.rstrip().endswith(":"):
        return []
    noun = found[-1].group(1).lower()
    if not any(noun.startswith(k) for k in ("thematic", "pillar", "priority", "focus", "areas of", "strategic area")):
        return []
    out = []
    for item in items:
        m = re.match(r"^([^:;.]{2,60}):\s+\S", item.text)
        if not m or len(m.group(1).split()) > 6:
            return []
        out.append((item, m.group(1).strip()))
    return out


def _pillar_vocab() -> Any:
    return load_vocabulary("pillars")


def _area_for(text: str, areas: Sequence[tuple[str, str]]) -> str | None:
    """The one thematic area an action names (by its name), else None. 'The participation of
    all entities' names someone's participation, not the area."""
    key = f" {fold(text)} "
    hits = []
    for name, oid in areas:
        folded = fold(name)
        for m in re.finditer(rf" {re.escape(folded)} ", key):
            before, after = key[: m.start() + 1], key[m.end() - 1 :]
            if before.endswith((" the ", " a ", " an ")) and after.startswith(" of "):
                continue
            hits.append(oid)
    return hits[0] if len(set(hits)) == 1 else None


# ---------------------------------------------------------------- assembly


@dataclass(frozen=True)
class _Para:
    block_index: int
    number: str | None
    text: str
    refs: tuple[Ref, ...]
    parts: tuple[tuple[str | None, str, int, BBox, float], ...]  # (label, text, page, bbox, conf)
    page: int
    page_end: int
    bbox: BBox
    section: int | None  # position in the sections list


def _paragraph(block: Block, index: int, vocab: Counter[str], section: int | None) -> _Para:
    texts: list[str] = []
    refs: list[Ref] = []
    parts = []
    offset = 0
    for part in block.parts:
        lines = part.lines
        text, prefs = join_token_lines([line.tokens for line in lines], vocab, lines[0].page_no, [line.page_no for line in lines])
        if texts:
            offset += 1  # the newline between parts
        refs.extend(Ref(offset + r.offset, r.marker, r.page) for r in prefs)
        texts.append(text)
        offset += len(text)
        page, bbox, conf = _part_geometry(part)
        parts.append((part.label, text, page, bbox, conf))
    lines = block.lines
    first_page = lines[0].page_no
    number = block.number
    full = "\n".join(texts)
    if number is not None:
        stripped = re.sub(rf"^(?:[{re.escape(BULLETS)}]\s*)?{re.escape(number)}\.?\s*", "", full)
        cut = len(full) - len(stripped)
        refs = [Ref(max(0, r.offset - cut), r.marker, r.page) for r in refs]
        full = stripped
        label, text, page, bbox, conf = parts[0]
        parts[0] = (label, re.sub(rf"^(?:[{re.escape(BULLETS)}]\s*)?{re.escape(number)}\.?\s*", "", text), page, bbox, conf)
    return _Para(
        block_index=index,
        number=number,
        text=full,
        refs=tuple(refs),
        parts=tuple(parts),
        page=first_page,
        page_end=lines[-1].page_no,
        bbox=union_bbox([line.bbox for line in lines if line.page_no == first_page]),
        section=section,
    )


def document_blocks(
    layouts: Sequence[PageLayout], settings: ReportSettings, furniture: FurnitureInfo | None = None
) -> tuple[list[Block], list[Note], Counter[str], float, FurnitureInfo]:
    """Furniture out, lines, footnote areas cut, roles, blocks; plus the footnotes."""
    # pages already stripped by the caller come with their FurnitureInfo (symbol, date)
    pages, info = (list(layouts), furniture) if furniture is not None else strip_furniture(layouts)
    per_page = [(layout, page_lines(layout, settings)) for layout in pages]
    body = body_size([line for _, lines in per_page for line in lines])
    body_lines: list[Line] = []
    areas: list[tuple[int, list[Line]]] = []
    for layout, lines in per_page:
        main, notes = split_footnote_area(lines, layout, body, settings)
        body_lines.extend(main)
        if notes:
            areas.append((layout.page_no, notes))
    vocab = document_vocabulary(body_lines + [line for _, area in areas for line in area])
    metrics = {
        key: page_metrics([line for line in body_lines if (line.page_no, line.column) == key], body)
        for key in {(line.page_no, line.column) for line in body_lines}
    }
    roles = classify_lines(body_lines, body, metrics, settings)
    blocks = lines_to_blocks(body_lines, roles, body, metrics, settings)
    notes_ = parse_footnotes(areas, vocab)
    return blocks, notes_, vocab, body, info


def build_report(
    layouts: Sequence[PageLayout],
    doc_id: str,
    gazetteer: Any,
    country: str | None = None,
    settings: ReportSettings = ReportSettings(),
    furniture: FurnitureInfo | None = None,
    doc_type: str | None = None,
    headers: PhraseVocabulary | None = None,
) -> ReportResult:
    """Paragraphs, sections, footnotes, references, mentions, objectives, actions and actors of a
    report-style document (``doc_type`` detected when not given; ``headers``: the column-role
    vocabulary, whose action and actor words find a prose plan's actions and their actors)."""
    blocks, notes, vocab, body, info = document_blocks(layouts, settings, furniture)
    headings = block_headings(blocks, vocab, headers)
    title = title_zone(blocks, headings, body)
    captions = {
        h.block_index
        for h in headings
        if h.number is None and h.block_index + 1 < len(blocks) and blocks[h.block_index + 1].kind == "small"
    }
    tree = sections_tree(headings, title | captions)
    section_ids = [f"s{i + 1:03d}" for i in range(len(tree))]
    sections = tuple(
        SectionRecord(
            doc_id=doc_id,
            section_id=section_ids[i],
            parent_id=section_ids[parent] if parent is not None else None,
            level=level,
            number=h.number,
            title=h.title,
            page=h.page,
            top=h.top,
        )
        for i, (h, parent, level) in enumerate(tree)
    )
    section_at = {h.block_index: i for i, (h, _, _) in enumerate(tree)}

    paras: list[_Para] = []
    current: int | None = None
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            if i in section_at:
                current = section_at[i]
            continue
        if block.kind != "paragraph" or i in title:
            continue
        para = _paragraph(block, i, vocab, current)
        if para.text:
            paras.append(para)
    paragraph_ids = [f"p{i + 1:04d}" for i in range(len(paras))]
    paragraphs = tuple(
        ParagraphRecord(
            doc_id=doc_id,
            paragraph_id=paragraph_ids[i],
            section_id=section_ids[p.section] if p.section is not None else None,
            number=p.number,
            text=p.text,
            page=p.page,
            page_end=p.page_end,
            x0=round(p.bbox[0], 2),
            top=round(p.bbox[1], 2),
            x1=round(p.bbox[2], 2),
            bottom=round(p.bbox[3], 2),
        )
        for i, p in enumerate(paras)
    )

    # footnotes, references, claims
    order = sorted(range(len(notes)), key=lambda i: (notes[i].page, notes[i].top, i))
    notes = [notes[i] for i in order]
    footnote_ids = [f"f{i + 1:03d}" for i in range(len(notes))]
    refs = [(paragraph_ids[i], r) for i, p in enumerate(paras) for r in p.refs]
    links = link_refs(refs, notes)
    ref_records = tuple(
        FootnoteRefRecord(
            doc_id=doc_id,
            paragraph_id=pid,
            footnote_id=footnote_ids[link] if link is not None else None,
            number=r.marker,
            page=r.page,
        )
        for (pid, r), link in zip(refs, links)
    )
    first_ref: dict[int, tuple[str, int | None]] = {}
    text_of = {paragraph_ids[i]: p.text for i, p in enumerate(paras)}
    for (pid, r), link in zip(refs, links):
        if link is not None and link not in first_ref:
            first_ref[link] = (pid, claimed_count(text_of[pid], r.offset))
    footnotes = []
    for i, note in enumerate(notes):
        entities = footnote_entities(note.text, gazetteer, country)
        pid, claim = first_ref.get(i, (None, None))
        footnotes.append(
            FootnoteRecord(
                doc_id=doc_id,
                footnote_id=footnote_ids[i],
                number=note.number,
                text=note.text,
                page=note.page,
                entities=entities,
                paragraph_id=pid,
                claimed_count=claim,
                count_matches=(len(entities) == claim) if claim is not None else None,
            )
        )

    mentions = tuple(
        MentionRecord(
            doc_id=doc_id, paragraph_id=paragraph_ids[i], start=m.start, end=m.end, text=m.text, actor_code=m.actor_code
        )
        for i, p in enumerate(paras)
        for m in sorted(find_mentions(p.text, gazetteer, country), key=lambda m: (m.start, m.actor_code))
    )

    objectives, actions, actors = plan_of_report(
        paras, sections, blocks, [h.block_index for h, _, _ in tree], doc_id, gazetteer, country,
        doc_type or detect_doc_type(layouts, stripped=furniture), headers or load_vocabulary("headers"),
    )
    return ReportResult(
        paragraphs=paragraphs,
        sections=sections,
        footnotes=tuple(footnotes),
        footnote_refs=ref_records,
        mentions=mentions,
        objectives=objectives,
        actions=actions,
        actors=actors,
        symbol=info.symbol,
        date=info.date,
    )


@dataclass(frozen=True)
class _Obj:
    key: str
    offset: int  # order among objectives at one place (pillars of one paragraph)
    parent_key: str | None
    level: int
    kind: str
    number: str | None
    text: str
    pillar: str | None
    pillar_raw: str | None
    page: int
    bbox: BBox


def _names_actions(text: str, headers: PhraseVocabulary) -> bool:
    """Whether a lead-in or heading names actions: ``Actions:``, ``Key activities``, ``Mesures``,
    ``The following measures will be taken:``."""
    key = f" {fold(text)} "
    return any(f" {phrase} " in key for phrase, label in headers.phrases if label == "action")


_LABELLED = re.compile(r"\(([^()]*:[^()]*)\)\s*[.;]?\s*$|(?<=[.;])\s*([^.;:()]{2,40}:[^()]+)$")


def _labelled_actors(text: str, headers: PhraseVocabulary) -> tuple[str, list[tuple[str, str]]]:
    """``Train diplomats … (Lead: Ministry of Foreign Affairs; partners: CSOs).`` → the text
    without the parenthesis, and ``[("Ministry of Foreign Affairs", "lead"), ("CSOs", "partner")]``;
    the text unchanged and [] when no part of the parenthesis is labelled with an actor role."""
    m = _LABELLED.search(text)
    if m is None:
        return text, []
    found: list[tuple[str, str]] = []
    for part in re.split(r";", m.group(1) or m.group(2)):
        label, sep, names = part.partition(":")
        role = header_role(label.strip(), headers) if sep else None
        if role not in ("lead", "partner", "actor") or not names.strip():
            return text, []
        found.append((names.strip(" ."), "lead" if role == "actor" else role))
    head = text[: m.start()].rstrip()
    if head and not head.endswith((".", ";", "!", "?")) and text.rstrip().endswith("."):
        head += "."
    return head, found


def plan_of_report(
    paras: Sequence[_Para],
    sections: Sequence[SectionRecord],
    blocks: Sequence[Block],
    section_blocks: Sequence[int],
    doc_id: str,
    gazetteer: Any,
    country: str | None,
    doc_type: str,
    headers: PhraseVocabulary,
) -> tuple[tuple[ObjectiveRecord, ...], tuple[ActionRecord, ...], tuple[ActorRecord, ...]]:
    """Thematic areas and pillars the report defines, its recommendations as actions, their actors.

    In a plan written as prose (doc type ``nap``), the items under a lead-in that names actions
    (``Actions:``, ``Mesures :``, ``The following activities will be carried out:``) and the
    bullets under a heading that does are its actions, under the enclosing heading (``Objective
    1.1: …`` below ``Pillar 1: Prevention``); actors come from labelled parentheses (``(Lead:
    Ministry of Defence; partners: CSOs)``), else from the item's subject."""
    vocab = _pillar_vocab()
    objs: dict[str, _Obj] = {}
    areas: list[tuple[str, str]] = []  # (area name, key)
    pending: list[tuple[Item, str, str | None]] = []  # (item, lead-in, section position)
    section_pos = {s.section_id: i for i, s in enumerate(sections)}

    def section_key(pos: int | None) -> str | None:
        if pos is None:
            return None
        s = sections[pos]
        key = f"h{pos}"
        if key not in objs:
            parent = section_key(section_pos[s.parent_id]) if s.parent_id else None
            bbox = union_bbox([line.bbox for line in blocks[section_blocks[pos]].lines])
            short = len(s.title.split()) <= 8
            pillar = classify_pillar(s.title, vocab) if short else None
            parsed = parse_numbering(f"{s.number} {s.title}")[0] if s.number else None
            role = header_role(parsed.prefix, headers) if parsed is not None and parsed.prefix else None
            kind = role if role in _PLAN_LEVELS else "heading"  # "Objective 1.1: …" is an objective
            if pillar is None and parent is not None:
                pillar = objs[parent].pillar  # an objective under "Pillar 1: Prevention"
            objs[key] = _Obj(key, 0, parent, s.level, kind, s.number, s.title, pillar, s.title if pillar and kind in ("heading", "pillar") else (objs[parent].pillar_raw if parent else None), s.page, bbox)
        return key

    for pi, para in enumerate(paras):
        leadin = para.parts[0][1]
        items = [
            Item(pi, label, _strip_label(text, label), page, bbox, conf)
            for label, text, page, bbox, conf in para.parts[1:]
        ]
        section_title = sections[para.section].title if para.section is not None else ""
        for label_item, name in _area_items(leadin, items):
            key = f"t{pi}-{label_item.label}"
            kind = "pillar" if re.search(r"\bpillars?\b", leadin, re.I) else "thematic_area"
            objs[key] = _Obj(key, 0, None, 0, kind, label_item.label, name, classify_pillar(name, vocab), name, label_item.page, label_item.bbox)
            areas.append((name, key))
        for m in _PILLAR_SENTENCE.finditer(para.text):
            key = f"q{pi}-{m.start()}"
            text = m.group("text").strip().rstrip(",;")
            objs[key] = _Obj(
                key, m.start(), None, 0, "pillar", str(_ORDINALS[m.group("ord").lower()]), text,
                classify_pillar(text, vocab), None, para.page, para.bbox,
            )
        reco = leadin.rstrip().endswith(":") and (_RECO_LEADIN.search(leadin) or _RECO_SECTION.search(section_title))
        planned = doc_type == "nap" and leadin.rstrip().endswith(":") and _names_actions(leadin, headers)
        if items and (reco or planned) and not _area_items(leadin, items):
            for item in items:
                pending.append((item, leadin, para.section))
        elif not items and para.number is None and para.parts[0][0] is not None:
            # a headed bullet: a bullet paragraph of its own under a recommendations heading
            if (doc_type == "recommendations" or _RECO_SECTION.search(section_title)
                    or (doc_type == "nap" and _names_actions(section_title, headers))):
                label, text, page, bbox, conf = para.parts[0]
                pending.append((Item(pi, label if not _BULLET_TOKEN.match(label or "") else None, _strip_label(text, label), page, bbox, conf), "", para.section))
        elif doc_type == "nap" and para.number is None:
            # "Action 1.1.1: Train diplomats …" as a paragraph of its own
            parsed, rest = parse_numbering(leadin)
            if parsed is not None and parsed.prefix and header_role(parsed.prefix, headers) == "action" and rest:
                _, _, page, bbox, conf = para.parts[0]
                pending.append((Item(pi, parsed.label, rest, page, bbox, conf), "", para.section))

    action_rows: list[tuple[ActionRecord, list[ActorRecord]]] = []
    for n, (item, leadin, pos) in enumerate(pending):
        area = _area_for(item.text, areas)
        objective_key = area or section_key(pos)
        temp_id = f"tmp{n}"
        number = item.label if item.label and not _BULLET_TOKEN.match(item.label) else None
        action = ActionRecord(
            doc_id=doc_id, action_id=temp_id, objective_id=objective_key, number=number, text=item.text,
            page=item.page, x0=round(item.bbox[0], 2), top=round(item.bbox[1], 2), x1=round(item.bbox[2], 2),
            bottom=round(item.bbox[3], 2), extractor=EXTRACTOR, confidence=item.conf,
        )
        text, labelled = _labelled_actors(item.text, headers) if doc_type == "nap" else (item.text, [])
        if labelled:
            action = replace(action, text=text)
            rows = [r for raw, role in labelled for r in _actor_rows(temp_id, raw, role, gazetteer, country, doc_id)]
        else:
            rows = item_actors(item.text, leadin, temp_id, gazetteer, country, doc_id)
        action_rows.append((action, rows))  # in reading order

    ordered_objs = sorted(objs.values(), key=lambda o: (o.page, o.bbox[1], o.bbox[0], o.offset, o.key))
    obj_ids = {o.key: f"o{i + 1:04d}" for i, o in enumerate(ordered_objs)}
    objectives = tuple(
        ObjectiveRecord(
            doc_id=doc_id, objective_id=obj_ids[o.key], parent_id=obj_ids.get(o.parent_key) if o.parent_key else None,
            level=o.level, kind=o.kind, number=o.number, text=o.text, pillar=o.pillar, pillar_raw=o.pillar_raw,
            page=o.page, x0=round(o.bbox[0], 2), top=round(o.bbox[1], 2), x1=round(o.bbox[2], 2), bottom=round(o.bbox[3], 2),
        )
        for o in ordered_objs
    )
    actions: list[ActionRecord] = []
    actors: list[ActorRecord] = []
    for i, (action, rows) in enumerate(action_rows):
        aid = f"a{i + 1:04d}"
        actions.append(replace(action, action_id=aid, objective_id=obj_ids.get(action.objective_id) if action.objective_id else None))
        actors.extend(replace(r, action_id=aid) for r in rows)
    return objectives, tuple(actions), tuple(actors)
