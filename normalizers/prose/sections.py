"""Heading blocks → headings → the sections tree.

**Sections** (part of step 7 of the prose pipeline): each heading block's number and title
(``split_heading``: "II. Methodology"; "Objective 1.1: …" named by a plan level of the header
vocabulary), its rank (roman above capital letters above digits above small letters; plan
levels by ``LEVEL_RANK``) and, from the ranks, the tree (``sections_tree``). The document's
title on its first page (``title_zone``) and the captions over tables are no sections.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from normalizers.numbering import parse_numbering
from normalizers.prose.blocks import ANNEX, HEADING_NUMBER
from normalizers.prose.hyphens import join_token_lines
from normalizers.prose.model import Block, Ref
from normalizers.prose.plans import LEVEL_RANK
from normalizers.records import SectionRecord
from normalizers.vocabulary import PhraseVocabulary, header_role

_ROMAN = re.compile(r"^[IVXLC]+$")


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


def _rank(kind: str, number: str | None) -> float:
    if kind.startswith("level:"):
        depth = len(re.findall(r"\d+", number or "")) or 1
        return LEVEL_RANK.get(kind[6:], 3.2) + 0.05 * depth
    return _RANK[kind]


def split_heading(text: str) -> tuple[str | None, str]:
    """'II. Methodology' → ('II.', 'Methodology'); 'Annex' → (None, 'Annex')."""
    m = HEADING_NUMBER.match(text)
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


def block_headings(blocks: Sequence[Block], vocab: Counter[str], headers: PhraseVocabulary) -> list[Heading]:
    """The heading blocks as headings: number, title and kind (``headers``: the column-role
    vocabulary, whose level words make "Objective 1.1: …" a heading of that level)."""
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
        elif ANNEX.match(title):
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


def caption_blocks(blocks: Sequence[Block], headings: Sequence[Heading]) -> set[int]:
    """Unnumbered headings right above small print: the captions of tables and figures."""
    return {
        h.block_index
        for h in headings
        if h.number is None and h.block_index + 1 < len(blocks) and blocks[h.block_index + 1].kind == "small"
    }


def section_records(tree: Sequence[tuple[Heading, int | None, int]], doc_id: str) -> tuple[SectionRecord, ...]:
    """The tree's headings as section rows ``s001``, ``s002`` … in reading order."""
    section_ids = [f"s{i + 1:03d}" for i in range(len(tree))]
    return tuple(
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
