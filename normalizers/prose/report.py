"""The prose normalizer's assembly: pages → every record of a report or prose document.

:func:`build_report` runs the steps of the package in order (see :mod:`normalizers.prose`):
furniture out, lines, footnote areas, roles, blocks (``document_blocks``), then headings and
sections, paragraphs, footnotes and their references, mentions, and objectives, actions and
actors. It reads no files: the header and pillar vocabularies and the gazetteer come in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from extractors.model import PageLayout
from normalizers.doctype import detect_doc_type
from normalizers.furniture import FurnitureInfo, strip_furniture
from normalizers.prose.blocks import classify_lines, column_metrics, lines_to_blocks
from normalizers.prose.footnotes import footnote_records, parse_footnotes, split_footnote_area
from normalizers.prose.hyphens import document_vocabulary
from normalizers.prose.lines import body_size, page_lines
from normalizers.prose.model import Block, Line, Note, ReportSettings
from normalizers.prose.paragraphs import paragraph_mentions, paragraph_records, report_paragraphs
from normalizers.prose.plans import plan_of_report
from normalizers.prose.sections import block_headings, caption_blocks, section_records, sections_tree, title_zone
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
from normalizers.vocabulary import PhraseVocabulary

__all__ = ["ReportResult", "ReportSettings", "build_report", "document_blocks"]


@dataclass(frozen=True)
class ReportResult:
    """Every record the prose normalizer finds in one document, and its symbol and date."""

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
    metrics = column_metrics(body_lines, body)
    roles = classify_lines(body_lines, body, metrics, settings)
    blocks = lines_to_blocks(body_lines, roles, body, metrics, settings)
    return blocks, parse_footnotes(areas, vocab), vocab, body, info


def build_report(
    layouts: Sequence[PageLayout],
    doc_id: str,
    gazetteer: Any,
    country: str | None = None,
    *,
    headers: PhraseVocabulary,
    pillars: PhraseVocabulary,
    settings: ReportSettings = ReportSettings(),
    furniture: FurnitureInfo | None = None,
    doc_type: str | None = None,
) -> ReportResult:
    """Paragraphs, sections, footnotes, references, mentions, objectives, actions and actors of a
    report-style document (``doc_type`` detected when not given; ``headers``: the column-role
    vocabulary, whose level, action and actor words find a prose plan's objectives, actions and
    their actors; ``pillars``: the pillar vocabulary; ``furniture``: given when the pages are
    already stripped of it)."""
    blocks, notes, vocab, body, info = document_blocks(layouts, settings, furniture)
    headings = block_headings(blocks, vocab, headers)
    title = title_zone(blocks, headings, body)
    tree = sections_tree(headings, title | caption_blocks(blocks, headings))
    sections = section_records(tree, doc_id)
    paras = report_paragraphs(blocks, {h.block_index: i for i, (h, _, _) in enumerate(tree)}, title, vocab)
    paragraphs = paragraph_records(paras, sections, doc_id)
    refs = [(rec.paragraph_id, r) for rec, p in zip(paragraphs, paras) for r in p.refs]
    texts = {rec.paragraph_id: rec.text for rec in paragraphs}
    footnotes, footnote_refs = footnote_records(notes, refs, texts, doc_id, gazetteer, country)
    objectives, actions, actors = plan_of_report(
        paras, sections, blocks, [h.block_index for h, _, _ in tree], doc_id, gazetteer, country,
        doc_type or detect_doc_type(layouts, stripped=furniture), headers, pillars,
    )
    return ReportResult(
        paragraphs=paragraphs,
        sections=sections,
        footnotes=footnotes,
        footnote_refs=footnote_refs,
        mentions=paragraph_mentions(paragraphs, doc_id, gazetteer, country),
        objectives=objectives,
        actions=actions,
        actors=actors,
        symbol=info.symbol,
        date=info.date,
    )
