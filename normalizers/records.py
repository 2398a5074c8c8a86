"""The public data contract: one frozen dataclass per output table.

Each field carries its Arrow type and a one-line description in its metadata; the Parquet
schemas (``pipeline.schema``) and ``docs/DATA.md`` are derived from these declarations, so the
contract is written down once. Coordinates are PDF points, top-left origin; pages are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from typing import Any

import pyarrow as pa

from normalizers.roles import ROLES


def col(arrow_type: pa.DataType, doc: str, *, nullable: bool = True, default: Any = None) -> Any:
    """A dataclass field that knows its Arrow type and meaning."""
    meta = {"arrow": arrow_type, "doc": doc, "nullable": nullable}
    if default is None and nullable:
        return field(default=None, metadata=meta)
    if default is None:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def req(arrow_type: pa.DataType, doc: str) -> Any:
    return col(arrow_type, doc, nullable=False)


STR, I32, F64, BOOL = pa.string(), pa.int32(), pa.float64(), pa.bool_()

_DOC_ID = "first 16 hex digits of the source file's SHA-256"
_PAGE = "page number, 1-based"


@dataclass(frozen=True, kw_only=True)
class DocumentRecord:
    """One row per input file, whatever happened to it."""

    doc_id: str = req(STR, _DOC_ID)
    source_path: str = req(STR, "path relative to the raw directory, '/'-separated")
    sha256: str = req(STR, "SHA-256 of the file's bytes")
    title: str | None = col(STR, "title: PDF metadata or the largest text on the first page")
    issuer: str | None = col(STR, "issuing government or body, when stated")
    country: str | None = col(STR, "ISO 3166-1 alpha-3 code of the plan's country (detected, or stated by the document's profile; user-assigned X.. codes for countries outside ISO 3166), or null")
    doc_type: str | None = col(STR, "nap | un_report | recommendations | other")
    nap_number: int | None = col(I32, "ordinal of the plan (1 for a first NAP), when stated")
    period_start: int | None = col(I32, "first year the plan covers")
    period_end: int | None = col(I32, "last year the plan covers")
    language: str | None = col(STR, "ISO 639-1 code of the main language (en, es, fr, ...)")
    n_pages: int | None = col(I32, "number of pages")
    ocr: bool = col(BOOL, "true when any page's text came from OCR", nullable=False, default=False)
    layout: str | None = col(STR, "layout family: matrix | prose | mixed | unknown")
    status: str = req(STR, "ok | partial (some pages or stages failed) | error (nothing extracted)")
    error: str | None = col(STR, "one-line reason when status is not ok: the stage and what went wrong")
    duplicate_paths: list[str] = col(pa.list_(STR), "other paths under the raw directory with the same bytes (read once, as source_path)", nullable=False, default=())


@dataclass(frozen=True, kw_only=True)
class ObjectiveRecord:
    """Pillars, objectives, strategies, results, headings: the plan's tree, any depth."""

    doc_id: str = req(STR, _DOC_ID)
    objective_id: str = req(STR, "stable id within the document, e.g. 'o0007'")
    parent_id: str | None = col(STR, "objective_id of the parent node, null at the top")
    level: int = req(I32, "depth in the tree, 0 at the top")
    kind: str = req(STR, "pillar | objective | strategy | specific_objective | expected_result | heading | ...")
    number: str | None = col(STR, "numbering as printed ('1.', '1.1.', 'OE 2'), null when none")
    text: str = req(STR, "text without its number, cleaned")
    pillar: str | None = col(STR, "canonical pillar: prevention | participation | protection | relief_recovery | implementation_monitoring | normative | coordination | other")
    pillar_raw: str | None = col(STR, "pillar name as printed")
    page: int = req(I32, _PAGE)
    x0: float = req(F64, "left edge, PDF points")
    top: float = req(F64, "top edge, PDF points from the page top")
    x1: float = req(F64, "right edge, PDF points")
    bottom: float = req(F64, "bottom edge, PDF points from the page top")


def _action_record() -> type:
    """The ``actions`` record: one column per value role of the roles declaration
    (``reference/roles.yaml``: indicator, target, timeline, budget, baseline, verification),
    between the text and the page, so a value column is declared in one place."""
    head = [
        ("doc_id", str, req(STR, _DOC_ID)),
        ("action_id", str, req(STR, "stable id within the document, e.g. 'a0012'")),
        ("objective_id", str | None, col(STR, "objective the action belongs to")),
        ("number", str | None, col(STR, "numbering as printed ('1)', 'a)'), null when none")),
        ("text", str, req(STR, "action text without its number, cleaned")),
    ]
    values = [(role, str | None, col(STR, doc)) for role, doc in ROLES.value_docs.items()]
    tail = [
        ("page", int, req(I32, _PAGE + " (where the action starts)")),
        ("x0", float, req(F64, "left edge, PDF points")),
        ("top", float, req(F64, "top edge, PDF points from the page top")),
        ("x1", float, req(F64, "right edge, PDF points")),
        ("bottom", float, req(F64, "bottom edge, PDF points from the page top")),
        ("extractor", str, req(STR, "method that found the row, with version: 'ruled@1', 'text@1', 'report@1'")),
        ("confidence", float, req(F64, "0–1: table quality score × OCR confidence where applicable")),
    ]
    record = make_dataclass("ActionRecord", [*head, *values, *tail], frozen=True, kw_only=True)
    record.__module__ = __name__
    record.__doc__ = "Concrete actions / activities / recommendations."
    return record


ActionRecord = _action_record()


@dataclass(frozen=True, kw_only=True)
class ActorRecord:
    """One row per action × actor."""

    doc_id: str = req(STR, _DOC_ID)
    action_id: str = req(STR, "action the actor is responsible for")
    actor_raw: str = req(STR, "actor as printed")
    actor_code: str | None = col(STR, "canonical short code (e.g. 'KOR:MND', 'UNDP'), null when unknown")
    actor_name: str | None = col(STR, "canonical full name")
    actor_type: str = req(STR, "ministry | agency | un_entity | collective | other")
    sector: str | None = col(STR, "defence | foreign_affairs | interior | justice | police | gender_equality | development | education | health | social_affairs | finance | unification | un_system | civil_society | parliament | all_government | international_partner | other")
    role: str = req(STR, "lead | partner | mentioned")


@dataclass(frozen=True, kw_only=True)
class TableCellRecord:
    """Every extracted table cell (merged cells once, with their spans)."""

    doc_id: str = req(STR, _DOC_ID)
    table_id: str = req(STR, "table id within the document, e.g. 'p003t1'")
    page: int = req(I32, _PAGE)
    row: int = req(I32, "0-based row of the cell's top-left slot")
    col: int = req(I32, "0-based column of the cell's top-left slot")
    rowspan: int = req(I32, "rows the cell covers")
    colspan: int = req(I32, "columns the cell covers")
    text: str = req(STR, "cell text, lines joined with newlines")
    x0: float = req(F64, "left edge, PDF points")
    top: float = req(F64, "top edge, PDF points from the page top")
    x1: float = req(F64, "right edge, PDF points")
    bottom: float = req(F64, "bottom edge, PDF points from the page top")
    extractor: str = req(STR, "table strategy that produced the table")


@dataclass(frozen=True, kw_only=True)
class ParagraphRecord:
    """Body paragraphs of report-style documents, rejoined across pages."""

    doc_id: str = req(STR, _DOC_ID)
    paragraph_id: str = req(STR, "stable id within the document, e.g. 'p0042'")
    section_id: str | None = col(STR, "section the paragraph belongs to")
    number: str | None = col(STR, "paragraph number as printed ('12'), null when unnumbered")
    text: str = req(STR, "paragraph text, hyphenation repaired, footnote markers removed")
    page: int = req(I32, _PAGE + " (where the paragraph starts)")
    page_end: int = req(I32, "page where the paragraph ends")
    x0: float = req(F64, "left edge on the first page, PDF points")
    top: float = req(F64, "top edge on the first page")
    x1: float = req(F64, "right edge on the first page")
    bottom: float = req(F64, "bottom edge on the first page")


@dataclass(frozen=True, kw_only=True)
class SectionRecord:
    """Headings of report-style documents as a tree."""

    doc_id: str = req(STR, _DOC_ID)
    section_id: str = req(STR, "stable id within the document, e.g. 's003'")
    parent_id: str | None = col(STR, "enclosing section")
    level: int = req(I32, "depth, 0 at the top")
    number: str | None = col(STR, "numbering as printed ('II.', 'A.', '1.')")
    title: str = req(STR, "heading text without its number")
    page: int = req(I32, _PAGE)
    top: float = req(F64, "top edge, PDF points from the page top")


@dataclass(frozen=True, kw_only=True)
class FootnoteRecord:
    """Footnotes, with the organisations they list."""

    doc_id: str = req(STR, _DOC_ID)
    footnote_id: str = req(STR, "stable id within the document, e.g. 'f004'")
    number: str = req(STR, "footnote marker as printed")
    text: str = req(STR, "footnote text")
    page: int = req(I32, _PAGE)
    entities: list[str] = col(pa.list_(STR), "canonical codes (or names when unknown) of organisations the footnote lists", nullable=False, default=())
    paragraph_id: str | None = col(STR, "paragraph whose marker points here")
    claimed_count: int | None = col(I32, "count the paragraph claims ('Thirteen entities'), when it does")
    count_matches: bool | None = col(BOOL, "whether the footnote lists as many entities as claimed")


@dataclass(frozen=True, kw_only=True)
class FootnoteRefRecord:
    """Footnote markers in paragraphs, linked to their footnote."""

    doc_id: str = req(STR, _DOC_ID)
    paragraph_id: str = req(STR, "paragraph containing the marker")
    footnote_id: str | None = col(STR, "footnote the marker points to, null when none was found")
    number: str = req(STR, "marker as printed")
    page: int = req(I32, _PAGE)


@dataclass(frozen=True, kw_only=True)
class MentionRecord:
    """Actor mentions found in paragraph text (gazetteer phrase matching)."""

    doc_id: str = req(STR, _DOC_ID)
    paragraph_id: str = req(STR, "paragraph containing the mention")
    start: int = req(I32, "character offset of the mention in the paragraph text")
    end: int = req(I32, "end offset (exclusive)")
    text: str = req(STR, "mention as written")
    actor_code: str = req(STR, "canonical code")


@dataclass(frozen=True, kw_only=True)
class ActorDirectoryRecord:
    """The actor gazetteer as a dimension table, for joins."""

    actor_code: str = req(STR, "canonical code")
    actor_name: str = req(STR, "canonical full name")
    country: str | None = col(STR, "ISO alpha-3 for national actors, null otherwise")
    actor_type: str = req(STR, "ministry | agency | un_entity | collective | other")
    sector: str = req(STR, "sector vocabulary as in actors.sector")
    aliases: list[str] = col(pa.list_(STR), "names, acronyms and former names that map here", nullable=False, default=())


#: Output tables: file stem → (record type, sort key columns). Order here is the order in docs.
TABLES: dict[str, tuple[type, tuple[str, ...]]] = {
    "documents": (DocumentRecord, ("doc_id",)),
    "objectives": (ObjectiveRecord, ("doc_id", "objective_id")),
    "actions": (ActionRecord, ("doc_id", "action_id")),
    "actors": (ActorRecord, ("doc_id", "action_id", "role", "actor_raw", "actor_code")),
    "tables": (TableCellRecord, ("doc_id", "table_id", "row", "col")),
    "paragraphs": (ParagraphRecord, ("doc_id", "paragraph_id")),
    "sections": (SectionRecord, ("doc_id", "section_id")),
    "footnotes": (FootnoteRecord, ("doc_id", "footnote_id")),
    "footnote_refs": (FootnoteRefRecord, ("doc_id", "paragraph_id", "number")),
    "mentions": (MentionRecord, ("doc_id", "paragraph_id", "start", "actor_code")),
    "actor_directory": (ActorDirectoryRecord, ("actor_code",)),
}
