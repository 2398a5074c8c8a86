"""Paragraph blocks → paragraphs: their text, parts, footnote markers, place and mentions.

**Paragraphs** (steps 6 and 7 of the prose pipeline): each paragraph block's lead-in and items
joined into text (``block_to_para``: hyphenation repaired, the paragraph number taken off, the
markers kept at their offsets), under the section whose heading comes before it; then the
paragraph records and the gazetteer mentions in their text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from extractors.model import BBox, union_bbox
from normalizers.actors import find_mentions
from normalizers.prose.hyphens import join_token_lines
from normalizers.prose.model import Block, Part, Ref
from normalizers.records import MentionRecord, ParagraphRecord, SectionRecord
from normalizers.text import BULLETS


@dataclass(frozen=True)
class Para:
    """A paragraph block as text: its parts (lead-in, items), markers and place."""

    block_index: int
    number: str | None
    text: str
    refs: tuple[Ref, ...]
    parts: tuple[tuple[str | None, str, int, BBox, float], ...]  # (label, text, page, bbox, conf)
    page: int
    page_end: int
    bbox: BBox
    section: int | None  # position in the sections list


def _part_geometry(part: Part) -> tuple[int, BBox, float]:
    page = part.lines[0].page_no
    same = [line for line in part.lines if line.page_no == page]
    confs = [t.conf for line in part.lines for t in line.words if t.conf is not None]
    conf = round(sum(confs) / len(confs), 4) if confs else 1.0
    return page, union_bbox([line.bbox for line in same]), conf


def block_to_para(block: Block, index: int, vocab: Counter[str], section: int | None) -> Para:
    """A paragraph block's parts joined into text (one line each), its number taken off."""
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
    return Para(
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


def report_paragraphs(blocks: Sequence[Block], section_at: dict[int, int], title: set[int], vocab: Counter[str]) -> list[Para]:
    """The paragraphs of the body in reading order, each under the last section heading before it
    (``section_at``: heading block index → position in the sections; ``title``: blocks of the
    title zone, left out)."""
    paras: list[Para] = []
    current: int | None = None
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            if i in section_at:
                current = section_at[i]
            continue
        if block.kind != "paragraph" or i in title:
            continue
        para = block_to_para(block, i, vocab, current)
        if para.text:
            paras.append(para)
    return paras


def paragraph_records(paras: Sequence[Para], sections: Sequence[SectionRecord], doc_id: str) -> tuple[ParagraphRecord, ...]:
    """Paragraph rows ``p0001``, ``p0002`` … in reading order."""
    return tuple(
        ParagraphRecord(
            doc_id=doc_id,
            paragraph_id=f"p{i + 1:04d}",
            section_id=sections[p.section].section_id if p.section is not None else None,
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


def paragraph_mentions(
    paragraphs: Sequence[ParagraphRecord], doc_id: str, gazetteer: Any, country: str | None
) -> tuple[MentionRecord, ...]:
    """The gazetteer's actors named in each paragraph, in the order of the text."""
    return tuple(
        MentionRecord(
            doc_id=doc_id, paragraph_id=p.paragraph_id, start=m.start, end=m.end, text=m.text, actor_code=m.actor_code
        )
        for p in paragraphs
        for m in sorted(find_mentions(p.text, gazetteer, country), key=lambda m: (m.start, m.actor_code))
    )
