"""Extraction stage: one PDF file → :class:`ExtractedDocument` (pages, tables, errors).

This is the only place PDFs are opened. A file that cannot be read as a PDF comes back as a
document with status ``error`` and a one-line reason instead of raising, so a batch goes on;
a page that fails is recorded and the other pages are kept (status ``partial``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractors import table_extractor
from extractors.layout import page_to_layout
from extractors.model import Cell, PageLayout, Ruling, Table, Word
from extractors.tables import PageSource, best_tables
from pipeline.errors import InputError
from pipeline.settings import PipelineSettings

EXTRACT_VERSION = 1


@dataclass(frozen=True)
class PageError:
    doc_id: str
    page_no: int | None
    stage: str
    category: str
    message: str


@dataclass(frozen=True)
class ExtractedDocument:
    doc_id: str
    source_path: str
    sha256: str
    n_pages: int | None
    pdf_title: str | None
    status: str  # ok | partial | error
    error: str | None
    layouts: tuple[PageLayout, ...] = ()
    tables: tuple[Table, ...] = ()
    errors: tuple[PageError, ...] = ()


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_pdf_header(path: Path) -> None:
    """Raise :class:`InputError` for empty files and files that are not PDFs."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty", "empty file (0 bytes)")
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        preview = head[:12].decode("ascii", "replace").encode("unicode_escape").decode()
        raise InputError("not_pdf", f"not a PDF: no %PDF- header (starts with '{preview}')")


def _open_error(exc: BaseException) -> InputError:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return InputError("encrypted", "encrypted PDF: a password is required to read it")
    text = " ".join(str(inner).split())[:160] or type(inner).__name__
    return InputError("corrupt", f"corrupt or truncated PDF: {type(inner).__name__}: {text}")


def extract_document(path: Path, raw_dir: Path, settings: PipelineSettings) -> ExtractedDocument:
    """Read one file. Never raises for bad input: the document carries the error."""
    sha = file_digest(path)
    doc_id = sha[:16]
    rel = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else path.name

    def failed(err: InputError) -> ExtractedDocument:
        return ExtractedDocument(doc_id, rel, sha, None, None, "error", err.message,
                                 errors=(PageError(doc_id, None, "open", err.category, err.message),))

    try:
        check_pdf_header(path)
    except InputError as err:
        return failed(err)
    strategies = [table_extractor(name, settings.grid) for name in settings.table_strategies]
    layouts: list[PageLayout] = []
    tables: list[Table] = []
    errors: list[PageError] = []
    try:
        with pdfplumber.open(path) as pdf:
            meta_title = pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None
            pages = pdf.pages
            n_pages = len(pages)
            for page in pages[: settings.max_pages or None]:
                try:
                    layout = page_to_layout(page, doc_id, settings.layout)
                    layouts.append(layout)
                    tables.extend(best_tables(layout, strategies, PageSource(path, page.page_number, page)))
                except Exception as exc:  # isolate a bad page; the others are kept
                    errors.append(PageError(doc_id, page.page_number, "layout", "page_failed",
                                            f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"))
                finally:
                    page.close()
    except Exception as exc:  # pdfminer raises many types on broken files
        return failed(_open_error(exc))
    if n_pages == 0:
        return failed(InputError("corrupt", "corrupt or truncated PDF: no pages"))
    status = "ok" if not errors else ("partial" if layouts else "error")
    error = None if not errors else f"{len(errors)} of {n_pages} pages failed: {errors[0].message}"
    title = meta_title.strip() if isinstance(meta_title, str) and meta_title.strip() else None
    return ExtractedDocument(doc_id, rel, sha, n_pages, title, status, error, tuple(layouts), tuple(tables), tuple(errors))


# ---------------------------------------------------------------- interim JSON codec


def document_to_json(doc: ExtractedDocument) -> str:
    """Canonical JSON of an extracted document (the per-document interim file)."""
    return json.dumps({"version": EXTRACT_VERSION, **dataclasses.asdict(doc)}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _layout(d: dict[str, Any]) -> PageLayout:
    return PageLayout(
        doc_id=d["doc_id"], page_no=d["page_no"], width=d["width"], height=d["height"],
        words=tuple(Word(**w) for w in d["words"]), rulings=tuple(Ruling(**r) for r in d["rulings"]),
        rotation=d["rotation"], ocr=d["ocr"], fills=tuple(tuple(f) for f in d["fills"]),  # type: ignore[misc]
    )


def _table(d: dict[str, Any]) -> Table:
    return Table(**{**d, "cells": tuple(Cell(**c) for c in d["cells"]),
                    "col_edges": tuple(d["col_edges"]), "row_edges": tuple(d["row_edges"])})


def document_from_json(text: str) -> ExtractedDocument:
    d = json.loads(text)
    if d.pop("version", None) != EXTRACT_VERSION:
        raise ValueError("interim file written by another extractor version; rerun `nap extract`")
    return ExtractedDocument(
        **{**d, "layouts": tuple(_layout(x) for x in d["layouts"]), "tables": tuple(_table(x) for x in d["tables"]),
           "errors": tuple(PageError(**e) for e in d["errors"])}
    )
