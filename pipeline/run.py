"""Orchestration: find inputs, process each document in isolation, write one dataset generation.

Each document is extracted and normalized in a process of its own (``pipeline.isolation``),
with the run's time and memory limits; whatever it does, it comes back as rows, or as an error
row that says in which stage and why. The tables and the manifest are written into a new
directory and swapped in at the end (``pipeline.dataset``).
"""

from __future__ import annotations

import json
import logging
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from importlib import metadata as importlib_metadata
from pathlib import Path

import pyarrow as pa

from normalizers.records import TABLES, ActorDirectoryRecord
from pipeline.dataset import GenerationWriter
from pipeline.errors import StrictFailure
from pipeline.extract import (
    ExtractedDocument,
    document_from_json,
    document_to_json,
    error_document,
    extract_document,
)
from pipeline.inputs import InputFile, find_pdfs, unique_inputs
from pipeline.isolation import Failure, Isolated, Report
from pipeline.normalize import References, normalize_document
from pipeline.profile import Profile
from pipeline.progress import Progress
from pipeline.references import load_country_names, load_gazetteer, load_vocabulary
from pipeline.schema import records_to_table, write_parquet_atomic, write_text_atomic
from pipeline.settings import PipelineSettings

log = logging.getLogger("nap")
PACKAGES = ("nap-pipeline", "pdfplumber", "pdfminer.six", "pypdfium2", "pyarrow", "pandas", "spacy", "pytesseract", "pycountry", "rapidfuzz")
DOC_TABLES = tuple(name for name in TABLES if name != "actor_directory")


@dataclass(frozen=True)
class DocumentOutcome:
    """What one document adds to the dataset: its rows per table and its manifest entry."""

    doc_id: str
    tables: dict[str, pa.Table]
    entry: dict  # the manifest's ``inputs`` item
    errors: tuple[dict, ...]  # stage errors, for the manifest
    profile: Profile | None
    unknown_actors: tuple[str, ...]

    @property
    def status(self) -> str:
        return self.entry["status"]


def load_references() -> References:
    """The reference data of ``normalizers/reference/``, read once for the run."""
    return References(load_vocabulary("headers"), load_vocabulary("pillars"), load_gazetteer(), load_country_names())


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = None
    return out


# ---------------------------------------------------------------- one document (in its process)


def outcome_of(doc: ExtractedDocument, refs: References, settings: PipelineSettings, seconds: float = 0.0) -> DocumentOutcome:
    """Normalize one extracted document into its rows (Arrow tables) and manifest entry."""
    out = normalize_document(doc, refs, settings)
    tables = {name: records_to_table(name, out.rows.get(name, [])) for name in DOC_TABLES}
    row = tables["documents"].to_pylist()[0]
    errors = [*doc.errors, *out.errors]
    profile = doc.profile
    entry = {"path": doc.source_path, "sha256": doc.sha256, "doc_id": doc.doc_id, "status": row["status"],
             "n_pages": doc.n_pages, "error": row["error"], "stage": errors[0].stage if errors else None,
             "duplicates": list(doc.duplicate_paths), "seconds": round(seconds, 3),
             "profile": {"path": profile.path, "sha256": profile.sha256} if profile else None,
             "counts": {name: t.num_rows for name, t in tables.items() if name != "documents"}}
    actors = tables["actors"]
    unknown = tuple(r for r, c in zip(actors["actor_raw"].to_pylist(), actors["actor_code"].to_pylist()) if c is None)
    return DocumentOutcome(doc.doc_id, tables, entry, tuple(e.__dict__ for e in errors), profile, unknown)


def _extract(job: InputFile, report: Report, *, raw_dir: Path, settings: PipelineSettings, ocr_workers: int,
                  cache_dir: Path | None) -> ExtractedDocument:
    doc = extract_document(job.path, raw_dir, settings, ocr_workers, cache_dir, sha=job.sha256, report=report)
    return replace(doc, duplicate_paths=job.duplicates)


def _process(job: InputFile, report: Report, *, raw_dir: Path, settings: PipelineSettings, refs: References,
             ocr_workers: int, cache_dir: Path | None) -> DocumentOutcome:
    started = time.monotonic()
    doc = _extract(job, report, raw_dir=raw_dir, settings=settings, ocr_workers=ocr_workers, cache_dir=cache_dir)
    report("normalize", None, None)
    return outcome_of(doc, refs, settings, time.monotonic() - started)


def failed_document(job: InputFile, failure: Failure) -> ExtractedDocument:
    """The error document of a job whose process gave no result."""
    return error_document(job.source_path, job.sha256, failure.stage, failure.category, failure.message, job.duplicates)


# ---------------------------------------------------------------- the batch


def process_all(jobs: Sequence[InputFile], fn: Callable[[InputFile, Report], DocumentOutcome], refs: References,
                settings: PipelineSettings, workers: int, strict: bool, progress: Progress) -> list[DocumentOutcome]:
    """Every job's outcome (in ``jobs`` order); ``strict`` stops at the first document not fully read."""
    outcomes: list[DocumentOutcome | None] = [None] * len(jobs)
    runner = Isolated(fn, settings.limits, workers, on_event=lambda i, *ev: progress.event(jobs[i].source_path, *ev))
    for index, result in runner.run(jobs):
        if isinstance(result, Failure):
            if result.detail:
                log.debug("%s\n%s", jobs[index].source_path, result.detail)
            result = outcome_of(failed_document(jobs[index], result), refs, settings)
        outcomes[index] = result
        progress.done(result.entry)
        if strict and result.status != "ok":
            e = result.entry
            raise StrictFailure(f"{e['path']}: {e['stage'] or 'read'}: {e['error']} (--strict stops at the first failure)")
    return [o for o in outcomes if o is not None]


def _directory_table(refs: References, profiles: Sequence[Profile | None]) -> pa.Table:
    directory = [
        ActorDirectoryRecord(actor_code=a.code, actor_name=a.name, country=a.country, actor_type=a.actor_type,
                             sector=a.sector, aliases=tuple(a.aliases))
        for a in refs.directory(profiles)
    ]
    return records_to_table("actor_directory", directory)


def write_outputs(outcomes: Sequence[DocumentOutcome], refs: References, out_dir: Path) -> dict[str, int]:
    """Every table as Parquet (also the empty ones, so the schema is always there): each
    document's rows in doc_id order, which is the tables' sort order."""
    ordered = sorted(outcomes, key=lambda o: o.doc_id)
    counts = {}
    for name in TABLES:
        if name == "actor_directory":
            table = _directory_table(refs, [o.profile for o in ordered])
        else:
            parts = [o.tables[name] for o in ordered] or [records_to_table(name, [])]
            table = pa.concat_tables(parts).combine_chunks()
        write_parquet_atomic(table, out_dir / f"{name}.parquet")
        counts[name] = table.num_rows
    return counts


def write_manifest(out_dir: Path, *, command: str, raw_dir: Path | None, settings: PipelineSettings,
                   outcomes: Sequence[DocumentOutcome], counts: dict[str, int], started: float) -> dict:
    inputs = sorted((o.entry for o in outcomes), key=lambda e: e["path"])
    unknown = sorted({a for o in outcomes for a in o.unknown_actors})
    manifest = {
        "command": command,
        "raw_dir": str(raw_dir) if raw_dir else None,
        "started_at": datetime.fromtimestamp(started, UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.time() - started, 3),
        "versions": _versions(),
        "settings": settings.to_dict(),
        "settings_sha256": settings.digest(),
        "inputs": inputs,
        "duplicates": {e["path"]: e["duplicates"] for e in inputs if e.get("duplicates")},
        "counts": counts,
        "status": {s: sum(1 for i in inputs if i["status"] == s) for s in ("ok", "partial", "error")},
        "unknown_actors": {"count": len(unknown), "values": unknown},
        "errors": [e for o in sorted(outcomes, key=lambda o: o.entry["path"]) for e in o.errors],
    }
    write_text_atomic(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n", out_dir / "manifest.json")
    return manifest


def _ocr_workers(workers: int, n_docs: int) -> int:
    """OCR processes per document: the spare workers when there are fewer documents than workers."""
    return max(1, workers // max(1, min(workers, n_docs)))


def run(raw_dir: Path, out_dir: Path, settings: PipelineSettings, workers: int = 1, strict: bool = False,
        progress: bool = True, cache_dir: Path | None = None, follow_symlinks: bool = False) -> dict:
    """The whole job: PDFs under ``raw_dir`` → datasets and manifest in ``out_dir`` (one generation)."""
    started = time.time()
    paths = find_pdfs(raw_dir, follow_symlinks)
    with GenerationWriter(out_dir) as gen:
        refs = load_references()
        jobs = unique_inputs(paths, raw_dir)
        fn = partial(_process, raw_dir=raw_dir, settings=settings, refs=refs,
                     ocr_workers=_ocr_workers(workers, len(jobs)), cache_dir=cache_dir)
        with Progress(len(jobs), progress) as bar:
            outcomes = process_all(jobs, fn, refs, settings, workers, strict, bar)
        counts = write_outputs(outcomes, refs, gen.staging)
        manifest = write_manifest(gen.staging, command="run", raw_dir=raw_dir, settings=settings,
                                  outcomes=outcomes, counts=counts, started=started)
        gen.commit()
    return manifest


# ---------------------------------------------------------------- the DVC stages


def extract_to_interim(raw_dir: Path, interim_dir: Path, settings: PipelineSettings, workers: int = 1,
                       progress: bool = True, cache_dir: Path | None = None, follow_symlinks: bool = False) -> int:
    """The DVC ``extract`` stage: one JSON per document under ``interim_dir`` (one generation)."""
    started = time.time()
    paths = find_pdfs(raw_dir, follow_symlinks)
    with GenerationWriter(interim_dir) as gen:
        jobs = unique_inputs(paths, raw_dir)
        fn = partial(_extract, raw_dir=raw_dir, settings=settings,
                     ocr_workers=_ocr_workers(workers, len(jobs)), cache_dir=cache_dir)
        entries = []
        with Progress(len(jobs), progress) as bar:
            runner = Isolated(fn, settings.limits, workers, on_event=lambda i, *ev: bar.event(jobs[i].source_path, *ev))
            for index, doc in runner.run(jobs):
                if isinstance(doc, Failure):
                    doc = failed_document(jobs[index], doc)
                write_text_atomic(document_to_json(doc), gen.staging / f"{doc.doc_id}.json")
                entry = {"path": doc.source_path, "doc_id": doc.doc_id, "status": doc.status, "error": doc.error}
                entries.append(entry)
                bar.done(entry)
        manifest = {"command": "extract", "raw_dir": str(raw_dir), "settings_sha256": settings.digest(),
                    "started_at": datetime.fromtimestamp(started, UTC).isoformat(timespec="seconds"),
                    "inputs": sorted(entries, key=lambda e: e["path"])}
        write_text_atomic(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", gen.staging / "manifest.json")
        gen.commit()
    return len(entries)


def _normalize_json(job: InputFile, report: Report, *, refs: References, settings: PipelineSettings) -> DocumentOutcome:
    doc = document_from_json(job.path.read_text(encoding="utf-8"))
    report("normalize", None, None)
    return outcome_of(doc, refs, settings)


def normalize_interim(interim_dir: Path, out_dir: Path, settings: PipelineSettings, strict: bool = False,
                      progress: bool = False, workers: int = 1) -> dict:
    """The DVC ``normalize`` stage: interim JSON → datasets and manifest (one generation)."""
    started = time.time()
    files = sorted(p for p in interim_dir.glob("*.json") if p.name != "manifest.json")
    jobs = [InputFile(p, p.name, p.stem) for p in files]  # the file's name is the doc_id
    with GenerationWriter(out_dir) as gen:
        refs = load_references()
        with Progress(len(jobs), progress) as bar:
            outcomes = process_all(jobs, partial(_normalize_json, refs=refs, settings=settings), refs, settings,
                                   workers, strict, bar)
        counts = write_outputs(outcomes, refs, gen.staging)
        manifest = write_manifest(gen.staging, command="normalize", raw_dir=None, settings=settings,
                                  outcomes=outcomes, counts=counts, started=started)
        gen.commit()
    return manifest
