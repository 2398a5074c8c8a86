"""Normalization stage: :class:`ExtractedDocument` → rows of every output table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from extractors.model import PageLayout, Table, centre_in
from normalizers.acronyms import LazyGlossary
from normalizers.actors import Actor, Gazetteer, directory_rows, match_actors
from normalizers.doctype import detect_doc_type, detect_language
from normalizers.furniture import strip_furniture
from normalizers.metadata import CountryNames, DocumentMetadata, country_issuer, extract_metadata
from normalizers.prose import ReportResult, build_report
from normalizers.records import ActorRecord, DocumentRecord, TableCellRecord
from normalizers.structure import PlanStructure, RawActor, build_structure
from normalizers.vocabulary import PhraseVocabulary
from pipeline.extract import ExtractedDocument, PageError
from pipeline.profile import Profile
from pipeline.settings import PipelineSettings


@dataclass(frozen=True)
class References:
    """Reference data every document is normalized against (loaded once per run)."""

    headers: PhraseVocabulary
    pillars: PhraseVocabulary
    gazetteer: Gazetteer
    countries: CountryNames

    def for_profile(self, profile: Profile | None) -> References:
        """These references with a document profile's further header and pillar phrases and
        actors (built for the document that has the profile; each document runs in a process
        of its own, so nothing would be shared by keeping them)."""
        if profile is None or not (profile.headers or profile.pillars or profile.actors):
            return self
        return References(self.headers.extended(dict(profile.headers)), self.pillars.extended(dict(profile.pillars)),
                          self.gazetteer.extended(profile.actors), self.countries)

    def directory(self, profiles: Sequence[Profile | None]) -> list[Actor]:
        """Rows of ``actor_directory``: the gazetteer with every profile's entries."""
        gaz = self.gazetteer
        for profile in profiles:
            if profile is not None and profile.actors:
                gaz = gaz.extended(profile.actors)
        return directory_rows(gaz)


def apply_profile(meta: DocumentMetadata, profile: Profile | None) -> DocumentMetadata:
    """Metadata with what the profile states put in place of what was detected."""
    if profile is None:
        return meta
    stated = {k: getattr(profile, k) for k in ("title", "country", "issuer", "nap_number", "period_start", "period_end")}
    stated = {k: v for k, v in stated.items() if v is not None}
    if "country" in stated and "issuer" not in stated:
        stated["issuer"] = country_issuer(stated["country"])
    return replace(meta, **stated)


@dataclass
class Outputs:
    """Rows per output table name."""

    rows: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[PageError] = field(default_factory=list)  # stages that failed (the rows they would have made are missing)

    def add(self, name: str, records: Sequence[Any]) -> None:
        self.rows.setdefault(name, []).extend(records)

    def extend(self, other: Outputs) -> None:
        for name, records in other.rows.items():
            self.add(name, records)
        self.errors.extend(other.errors)


def table_cells(doc_id: str, tables: Sequence[Table]) -> list[TableCellRecord]:
    return [
        TableCellRecord(
            doc_id=doc_id, table_id=f"p{t.page_no:03d}t{t.index + 1}", page=t.page_no, row=c.row, col=c.col,
            rowspan=c.rowspan, colspan=c.colspan, text=c.text, x0=c.x0, top=c.top, x1=c.x1, bottom=c.bottom,
            extractor=t.extractor,
        )
        for t in tables
        for c in t.cells
    ]


def actor_rows(doc_id: str, raw: Sequence[RawActor], gazetteer: Gazetteer, country: str | None,
               glossary: LazyGlossary | None = None) -> list[ActorRecord]:
    """Each raw actor cell split and matched (acronyms the gazetteer does not settle through the
    document's own definitions); unknown actors are kept with type ``other``."""
    rows: dict[tuple[str, str, str, str | None], ActorRecord] = {}
    for ra in raw:
        for m in match_actors(ra.text, gazetteer, country, glossary):
            if not any(ch.isalpha() for ch in m.actor_raw):
                continue  # a figure that strayed into an actor column ("0.65", "2011")
            key = (ra.action_id, ra.role, m.actor_raw, m.actor_code)
            rows.setdefault(key, ActorRecord(
                doc_id=doc_id, action_id=ra.action_id, actor_raw=m.actor_raw, actor_code=m.actor_code,
                actor_name=m.actor_name, actor_type=m.actor_type, sector=m.sector, role=ra.role,
            ))
    return list(rows.values())


def _without_tables(layouts: Sequence[PageLayout], tables: Sequence[Table]) -> list[PageLayout]:
    """Pages with the words inside tables removed (the prose that surrounds matrices)."""
    by_page: dict[int, list[Table]] = {}
    for t in tables:
        by_page.setdefault(t.page_no, []).append(t)
    out = []
    for lay in layouts:
        ts = by_page.get(lay.page_no, [])
        if ts:
            words = tuple(w for w in lay.words if not any(centre_in(w, t.bbox) for t in ts))
            lay = replace(lay, words=words)
        out.append(lay)
    return out


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its type and its message."""
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Stages:
    """Runs a document's normalizers one by one: a stage that raises costs its own rows (an
    empty result), is recorded, and the others go on (the document is then ``partial``)."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.errors: list[PageError] = []

    def __call__(self, stage: str, fn: Callable[[], Any], default: Any) -> Any:
        try:
            return fn()
        except MemoryError:
            raise
        except Exception as exc:  # any normalizer bug: this stage's rows only
            self.errors.append(PageError(self.doc_id, None, stage, "stage_failed", one_line(exc)))
            return default


_NO_STRUCTURE = PlanStructure((), (), ())
_NO_REPORT = ReportResult((), (), (), (), (), (), (), (), None, None)


def _status(doc: ExtractedDocument, errors: Sequence[PageError]) -> tuple[str, str | None]:
    if not errors:
        return doc.status, doc.error
    first = errors[0]
    reason = f"{first.stage} failed: {first.message}"
    return "partial", f"{doc.error}; {reason}" if doc.error else reason


def normalize_document(doc: ExtractedDocument, refs: References, settings: PipelineSettings) -> Outputs:
    """Every output row for one document; ``Outputs.errors`` lists the stages that failed."""
    out = Outputs()
    base = dict(doc_id=doc.doc_id, source_path=doc.source_path, sha256=doc.sha256, n_pages=doc.n_pages,
                duplicate_paths=doc.duplicate_paths)
    if doc.status == "error":
        out.add("documents", [DocumentRecord(**base, status="error", error=doc.error)])
        return out
    stage = _Stages(doc.doc_id)
    profile = doc.profile
    refs = refs.for_profile(profile)
    layouts, furniture = stage("furniture", lambda: strip_furniture(list(doc.layouts), settings.furniture),
                                (list(doc.layouts), None))
    doc_type = (profile and profile.doc_type) or stage("doctype", lambda: detect_doc_type(
        layouts, settings.doctype, stripped=furniture), None)
    text = "\n".join(" ".join(w.text for w in lay.words) for lay in layouts[:10])
    language = (profile and profile.language) or stage("language", lambda: detect_language(text), None)
    no_meta = DocumentMetadata(doc.pdf_title, None, None, None, None, None)
    meta = apply_profile(stage("metadata", lambda: extract_metadata(layouts, doc.pdf_title, doc_type, refs.countries), no_meta), profile)
    structure: PlanStructure = stage("structure", lambda: build_structure(
        layouts, doc.tables, doc.doc_id, refs.headers, refs.pillars, settings.structure), _NO_STRUCTURE)
    report: ReportResult = stage("report", lambda: build_report(
        _without_tables(layouts, doc.tables), doc.doc_id, refs.gazetteer, meta.country, settings=settings.report,
        furniture=furniture, doc_type=doc_type, headers=refs.headers, pillars=refs.pillars), _NO_REPORT)
    objectives, actions, raw_actors = structure.objectives, structure.actions, structure.actors
    actors = stage("actors", lambda: actor_rows(doc.doc_id, raw_actors, refs.gazetteer, meta.country,
                                                LazyGlossary(layouts)), [])
    if not actions and report.actions:  # a prose document: recommendations / headed bullets
        objectives, actions, actors = report.objectives, report.actions, list(report.actors)
    elif not objectives and report.objectives:
        objectives = report.objectives
    if structure.actions:
        layout_family = "mixed" if len(report.paragraphs) >= 5 else "matrix"
    else:
        layout_family = "prose" if report.paragraphs else "unknown"
    status, error = _status(doc, stage.errors)
    out.errors.extend(stage.errors)
    out.add("documents", [DocumentRecord(
        **base, title=meta.title, issuer=meta.issuer, country=meta.country, doc_type=doc_type,
        nap_number=meta.nap_number, period_start=meta.period_start, period_end=meta.period_end,
        language=language, ocr=any(lay.ocr for lay in doc.layouts), layout=layout_family,
        status=status, error=error,
    )])
    for name, rows in (("objectives", objectives), ("actions", actions), ("actors", actors),
                       ("tables", table_cells(doc.doc_id, doc.tables)), ("paragraphs", report.paragraphs),
                       ("sections", report.sections), ("footnotes", report.footnotes),
                       ("footnote_refs", report.footnote_refs), ("mentions", report.mentions)):
        out.add(name, rows)
    return out
