"""Footnotes: the areas cut from the page bottom, the notes parsed, what they list and claim.

**Footnote areas** (step 3 of the prose pipeline, ``split_footnote_area``): smaller text at the
page bottom, under a short rule or opening with a marker, is cut from the body and parsed into
footnotes (``parse_footnotes``), continued across pages when a note runs over.

**Footnote records** (part of step 7, ``footnote_records``): each footnote with the
organisations it lists (``footnote_entities``), the paragraph whose marker first points at it
and the count that sentence claims (``claimed_count``: "Thirteen entities⁴"); each marker
linked to its note (``link_refs``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Sequence

from extractors.model import PageLayout
from normalizers.actors import find_mentions, match_actors, split_actor_cell
from normalizers.prose.hyphens import join_token_lines
from normalizers.prose.model import Line, Note, Ref, ReportSettings, Token
from normalizers.records import FootnoteRecord, FootnoteRefRecord

_TABLE_NOTE = re.compile(r"^(?:Notes?|Sources?|Abbreviations)\s*:", re.I)


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


# ---------------------------------------------------------------- entities and claims

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


def footnote_records(
    notes: Sequence[Note], refs: Sequence[tuple[str, Ref]], texts: dict[str, str], doc_id: str, gazetteer: Any, country: str | None
) -> tuple[tuple[FootnoteRecord, ...], tuple[FootnoteRefRecord, ...]]:
    """Footnote rows ``f001`` … in reading order and one reference row per marker (``refs``:
    (paragraph id, marker) in reading order; ``texts``: paragraph id → text). A footnote keeps
    the paragraph whose marker first points at it and the count that sentence claims."""
    order = sorted(range(len(notes)), key=lambda i: (notes[i].page, notes[i].top, i))
    notes = [notes[i] for i in order]
    footnote_ids = [f"f{i + 1:03d}" for i in range(len(notes))]
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
    for (pid, r), link in zip(refs, links):
        if link is not None and link not in first_ref:
            first_ref[link] = (pid, claimed_count(texts[pid], r.offset))
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
    return tuple(footnotes), ref_records
