"""Orchestration: find inputs, extract (in parallel), normalize, write datasets and manifest."""

from __future__ import annotations

import json
import logging
import platform
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import metadata as importlib_metadata
from pathlib import Path

from normalizers.actors import load_gazetteer
from normalizers.records import TABLES, ActorDirectoryRecord
from normalizers.vocabulary import load_vocabulary
from pipeline.extract import (
    ExtractedDocument,
    document_from_json,
    document_to_json,
    extract_document,
)
from pipeline.normalize import Outputs, References, normalize_document
from pipeline.profile import Profile
from pipeline.schema import records_to_table, write_parquet_atomic, write_text_atomic
from pipeline.settings import PipelineSettings

log = logging.getLogger("nap")
PACKAGES = ("nap-pipeline", "pdfplumber", "pdfminer.six", "pypdfium2", "camelot-py", "pyarrow", "pandas", "spacy", "pytesseract", "pycountry", "rapidfuzz")


def find_inputs(raw_dir: Path) -> list[Path]:
    """Every file under ``raw_dir`` that claims to be a PDF (by extension), sorted."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"input directory not found: {raw_dir}")
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf" and not p.name.startswith("."))


def _extract_one(args: tuple[Path, Path, PipelineSettings, int, Path | None]) -> ExtractedDocument:
    path, raw_dir, settings, ocr_workers, cache_dir = args
    return extract_document(path, raw_dir, settings, ocr_workers, cache_dir)


def extract_all(paths: list[Path], raw_dir: Path, settings: PipelineSettings, workers: int,
                progress: Callable[[ExtractedDocument], None], cache_dir: Path | None = None) -> Iterator[ExtractedDocument]:
    """Extracted documents in input order; ``workers`` > 1 uses that many processes (for
    documents, and for the OCR pages of a document when there are fewer documents than workers)."""
    ocr_workers = max(1, workers // max(1, min(workers, len(paths))))
    jobs = [(p, raw_dir, settings, ocr_workers, cache_dir) for p in paths]
    if workers <= 1 or len(paths) <= 1:
        for job in jobs:
            doc = _extract_one(job)
            progress(doc)
            yield doc
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for doc in pool.map(_extract_one, jobs):
            progress(doc)
            yield doc


def load_references() -> References:
    return References(load_vocabulary("headers"), load_vocabulary("pillars"), load_gazetteer())


class Progress:
    """A progress bar on a terminal, plain log lines otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        self.pages = 0
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr)

    def __call__(self, doc: ExtractedDocument) -> None:
        self.pages += len(doc.layouts)
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(pages=self.pages)
        else:
            log.info("%s: %s, %d pages, %d tables%s", doc.source_path, doc.status, len(doc.layouts), len(doc.tables),
                     f" ({doc.error})" if doc.error else "")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = None
    return out


def write_outputs(outputs: Outputs, refs: References, out_dir: Path, profiles: Sequence[Profile | None] = ()) -> dict[str, int]:
    """Every table as Parquet (also the empty ones, so the schema is always there)."""
    counts = {}
    directory = [
        ActorDirectoryRecord(actor_code=a.code, actor_name=a.name, country=a.country, actor_type=a.actor_type,
                             sector=a.sector, aliases=tuple(a.aliases))
        for a in refs.directory(profiles)
    ]
    outputs.rows["actor_directory"] = directory
    for name in TABLES:
        table = records_to_table(name, outputs.rows.get(name, []))
        write_parquet_atomic(table, out_dir / f"{name}.parquet")
        counts[name] = table.num_rows
    return counts


def normalize_all(docs: Iterable[ExtractedDocument], refs: References, settings: PipelineSettings,
                  strict: bool) -> tuple[Outputs, list[dict], list[dict], list[Profile | None]]:
    outputs = Outputs()
    inputs, errors, profiles = [], [], []
    for doc in docs:
        if strict and doc.status != "ok":
            raise RuntimeError(f"{doc.source_path}: {doc.error}")
        outputs.extend(normalize_document(doc, refs, settings))
        profile = doc.profile
        inputs.append({"path": doc.source_path, "sha256": doc.sha256, "doc_id": doc.doc_id, "status": doc.status,
                       "n_pages": doc.n_pages, "error": doc.error,
                       "profile": {"path": profile.path, "sha256": profile.sha256} if profile else None})
        errors.extend(asdict(e) for e in doc.errors)
        profiles.append(profile)
    return outputs, inputs, errors, profiles


def write_manifest(out_dir: Path, *, command: str, raw_dir: Path | None, settings: PipelineSettings,
                   inputs: list[dict], errors: list[dict], counts: dict[str, int], outputs: Outputs,
                   started: float) -> dict:
    unknown = sorted({r.actor_raw for r in outputs.rows.get("actors", []) if r.actor_code is None})
    manifest = {
        "command": command,
        "raw_dir": str(raw_dir) if raw_dir else None,
        "started_at": datetime.fromtimestamp(started, UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.time() - started, 3),
        "versions": _versions(),
        "settings": settings.to_dict(),
        "settings_sha256": settings.digest(),
        "inputs": inputs,
        "counts": counts,
        "status": {s: sum(1 for i in inputs if i["status"] == s) for s in ("ok", "partial", "error")},
        "unknown_actors": {"count": len(unknown), "values": unknown},
        "errors": errors,
    }
    write_text_atomic(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n", out_dir / "manifest.json")
    return manifest


def run(raw_dir: Path, out_dir: Path, settings: PipelineSettings, workers: int = 1, strict: bool = False,
        progress: bool = True, cache_dir: Path | None = None) -> dict:
    """The whole job: PDFs under ``raw_dir`` → datasets and manifest in ``out_dir``."""
    started = time.time()
    paths = find_inputs(raw_dir)
    refs = load_references()
    bar = Progress(len(paths), progress)
    try:
        docs = extract_all(paths, raw_dir, settings, workers, bar, cache_dir)
        outputs, inputs, errors, profiles = normalize_all(docs, refs, settings, strict)
    finally:
        bar.close()
    counts = write_outputs(outputs, refs, out_dir, profiles)
    return write_manifest(out_dir, command="run", raw_dir=raw_dir, settings=settings, inputs=inputs, errors=errors,
                          counts=counts, outputs=outputs, started=started)


def extract_to_interim(raw_dir: Path, interim_dir: Path, settings: PipelineSettings, workers: int = 1,
                       progress: bool = True, cache_dir: Path | None = None) -> int:
    """The DVC ``extract`` stage: one JSON per document under ``interim_dir``."""
    paths = find_inputs(raw_dir)
    interim_dir.mkdir(parents=True, exist_ok=True)
    bar = Progress(len(paths), progress)
    written = set()
    try:
        for doc in extract_all(paths, raw_dir, settings, workers, bar, cache_dir):
            name = f"{doc.doc_id}.json"
            write_text_atomic(document_to_json(doc), interim_dir / name)
            written.add(name)
    finally:
        bar.close()
    for stale in interim_dir.glob("*.json"):
        if stale.name not in written:
            stale.unlink()
    return len(written)


def normalize_interim(interim_dir: Path, out_dir: Path, settings: PipelineSettings, strict: bool = False) -> dict:
    """The DVC ``normalize`` stage: interim JSON → datasets and manifest."""
    started = time.time()
    refs = load_references()
    files = sorted(interim_dir.glob("*.json"))
    docs = (document_from_json(f.read_text(encoding="utf-8")) for f in files)
    ordered = sorted(docs, key=lambda d: d.source_path)
    outputs, inputs, errors, profiles = normalize_all(ordered, refs, settings, strict)
    counts = write_outputs(outputs, refs, out_dir, profiles)
    return write_manifest(out_dir, command="normalize", raw_dir=None, settings=settings, inputs=inputs,
                          errors=errors, counts=counts, outputs=outputs, started=started)
