"""Extraction stage: one PDF file → :class:`ExtractedDocument` (pages, tables, errors).

This is the only place PDFs are opened. A file that cannot be read as a PDF comes back as a
document with status ``error`` and a one-line reason instead of raising, so a batch goes on;
a page that fails is recorded and the other pages are kept (status ``partial``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractors import table_extractor
from extractors.layout import page_to_layout
from extractors.model import Cell, PageLayout, Ruling, Table, Word, centre_in, clean_word_text
from extractors.ocr import OcrError, OcrSettings, PdfiumPageOpener, page_needs_ocr, scan_rulings, tesseract_available
from extractors.pdfium_layout import pdfium_page_to_layout
from extractors.tables import PageSource, best_tables
from normalizers.prose.numbered import numbered_paragraph_rows
from pipeline.errors import InputError
from pipeline.guard import check_pdf_bounds
from pipeline.inputs import file_digest, relative_name
from pipeline.ocr import OcrPagesError, ocr_pages
from pipeline.profile import Profile, ProfileError, load_profile, profile_from_dict
from pipeline.settings import PipelineSettings

EXTRACT_VERSION = 2


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
    profile: Profile | None = None  # the document's profile (``<name>.profile.yaml`` beside it)
    duplicate_paths: tuple[str, ...] = ()  # other names of the same bytes under the raw directory


PageReport = Callable[[str, "int | None", "int | None"], None]  # (stage, page_no, n_pages): progress


def _no_report(stage: str, page_no: int | None, n_pages: int | None) -> None:
    return None


def error_document(source_path: str, sha: str, stage: str, category: str, message: str,
                   duplicates: tuple[str, ...] = ()) -> ExtractedDocument:
    """A document of which nothing could be read, with its one error."""
    return ExtractedDocument(sha[:16], source_path, sha, None, None, "error", message,
                             errors=(PageError(sha[:16], None, stage, category, message),), duplicate_paths=duplicates)


def check_pdf_header(path: Path) -> None:
    """Raise :class:`InputError` for empty files, unreadable files and files that are not PDFs."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError("unreadable", f"cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise InputError("empty", "empty file (0 bytes)")
    if b"%PDF-" not in head:
        preview = head[:12].decode("ascii", "replace").encode("unicode_escape").decode()
        raise InputError("not_pdf", f"not a PDF: no %PDF- header (starts with '{preview}')")


def _open_error(exc: BaseException) -> InputError:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return InputError("encrypted", "encrypted PDF: a password is required to read it")
    text = " ".join(str(inner).split())[:160] or type(inner).__name__
    return InputError("corrupt", f"corrupt or truncated PDF: {type(inner).__name__}: {text}")


def _open_pdfium(path: Path) -> Any:
    """The file opened with PDFium, or None (the pdfplumber reader is used then)."""
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return None


def _pdfium_page_of(fast: Any, page_no: int) -> Any:
    """Page ``page_no`` of the PDFium document, or None (no document, or PDFium cannot load it:
    the pure-Python reader takes that page)."""
    if fast is None:
        return None
    try:
        return fast[page_no - 1]
    except pypdfium2.PdfiumError:
        return None


@contextmanager
def _pdfium_reopened(path: Path, page_no: int) -> Iterator[Any]:
    """Page ``page_no`` of the file opened again in PDFium for the while: for the OCR checks of a
    page PDFium did not read (the pdfplumber reader, or a page the PDFium document cannot load)."""
    try:
        doc = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as e:
        raise OcrError(f"pdfium cannot open the page: {e}") from e
    try:
        try:
            page = doc[page_no - 1]
        except pypdfium2.PdfiumError as e:
            raise OcrError(f"pdfium cannot open the page: {e}") from e
        yield page
    finally:
        doc.close()


def _pdfium_opener(path: Path, page_no: int, fast_page: Any) -> PdfiumPageOpener:
    """How the OCR checks get the page in PDFium: the open ``fast_page``, else the file reopened."""
    if fast_page is not None:
        return lambda: nullcontext(fast_page)
    return partial(_pdfium_reopened, path, page_no)


def _read_page(page: Any, fast_page: Any, doc_id: str, settings: PipelineSettings) -> PageLayout:
    """A page's layout from PDFium when the file opened there, else from pdfplumber."""
    if fast_page is not None:
        try:
            return pdfium_page_to_layout(fast_page, page.page_number, doc_id, settings.layout)
        except pypdfium2.PdfiumError:
            pass  # this page only: the pure-Python reader
    return page_to_layout(page, doc_id, settings.layout)


def _looks_unreadable(pdfium_page: Any, layout: PageLayout, ocr: OcrSettings) -> bool:
    """Cheap signs that the text layer may not be usable (then the full OCR check runs, with the
    same thresholds): little text, replacement glyphs, or images whose areas add up to the share
    of the page that may be a scan under a text layer."""
    n_chars = sum(len(w.text) for w in layout.words)
    unmapped = sum(w.text.count("\ufffd") + w.text.count("(cid:") for w in layout.words)
    if n_chars < ocr.min_text_chars or unmapped >= ocr.unmapped_share * n_chars:
        return True
    area = 0.0
    for obj in pdfium_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area += max(0.0, right - left) * max(0.0, top - bottom)
    return area >= ocr.text_image_cover * layout.width * layout.height


def _with_ocr_confidence(table: Table, layout: PageLayout) -> Table:
    """An OCR page's tables carry the mean word confidence in their score."""
    confs = [w.conf for w in layout.words if w.conf is not None and centre_in(w, table.bbox)]
    if not confs:
        return table
    return replace(table, score=round(table.score * sum(confs) / len(confs), 4))


def extract_document(path: Path, raw_dir: Path, settings: PipelineSettings, ocr_workers: int = 1,
                     cache_dir: Path | None = None, sha: str | None = None,
                     report: PageReport = _no_report) -> ExtractedDocument:
    """Read one file. Never raises for bad input: the document carries the error.

    Pages without a usable text layer are OCR'd (``ocr_workers`` processes, results cached
    under ``cache_dir`` by page-image hash) when ``settings.ocr`` is on. ``sha`` is the file's
    SHA-256 when the caller has it; ``report`` hears each stage and page as it starts.
    """
    rel = relative_name(path, raw_dir)
    try:
        sha = sha or file_digest(path)
    except OSError as exc:
        sha = hashlib.sha256(rel.encode()).hexdigest()
        return error_document(rel, sha, "open", "unreadable", f"cannot be read: {exc.strerror or exc}")
    doc_id = sha[:16]

    def failed(err: InputError) -> ExtractedDocument:
        return error_document(rel, sha, "open", err.category, err.message)

    try:
        profile = load_profile(path, raw_dir)
    except ProfileError as err:
        return failed(InputError("profile", f"profile not used: {err}"))
    if profile is not None and profile.ocr_languages:
        settings = replace(settings, ocr_languages=profile.ocr_languages)
    try:
        check_pdf_header(path)
        check_pdf_bounds(path, settings.limits)
    except InputError as err:
        return replace(failed(err), profile=profile)
    strategies = [table_extractor(name, settings.grid, settings.textgrid, numbered_paragraph_rows)
                  for name in settings.table_strategies]
    try:
        report("open", None, None)
        scan = _read_pages(path, doc_id, settings, strategies, report)
    except Exception as exc:  # pdfminer raises many types on broken files
        return replace(failed(_open_error(exc)), profile=profile)
    n_pages, layouts, tables, errors, to_ocr = scan.n_pages, scan.layouts, scan.tables, scan.errors, scan.to_ocr
    meta_title = scan.title
    if n_pages == 0:
        return replace(failed(InputError("corrupt", "corrupt or truncated PDF: no pages")), profile=profile)
    if to_ocr:
        report("ocr", to_ocr[0][0], n_pages)
        layouts, ocr_tables, ocr_errors = _ocr_document(path, doc_id, to_ocr, layouts, strategies, settings, ocr_workers, cache_dir)
        tables = sorted(tables + ocr_tables, key=lambda t: (t.page_no, t.index))
        errors.extend(ocr_errors)
    status = "ok" if not errors else ("partial" if layouts else "error")
    error = None if not errors else f"{len(errors)} of {n_pages} pages failed: {errors[0].message}"
    title = (clean_word_text(meta_title).strip() or None) if isinstance(meta_title, str) else None
    return ExtractedDocument(doc_id, rel, sha, n_pages, title, status, error, tuple(layouts), tuple(tables), tuple(errors),
                             profile)


@dataclass
class _PageScan:
    """What one pass over a document's pages found (local to one ``extract_document`` call)."""

    n_pages: int
    title: object  # the PDF's /Title as pdfplumber gives it
    layouts: list[PageLayout] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    errors: list[PageError] = field(default_factory=list)
    to_ocr: list[tuple[int, float, float]] = field(default_factory=list)  # (page_no, width, height)


def _read_pages(path: Path, doc_id: str, settings: PipelineSettings, strategies: list,
                report: PageReport) -> _PageScan:
    """Every page's layout and tables, and the pages left for OCR; a page that raises is an
    error of that page only. Raises what the PDF readers raise on a broken file."""
    ocr = settings.ocr_settings()  # which pages need OCR
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        scan = _PageScan(len(pages), pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None)
        fast = _open_pdfium(path) if settings.reader == "pdfium" else None
        for page in pages[: settings.max_pages or None]:
            report("layout", page.page_number, scan.n_pages)
            try:
                _read_page_into(scan, path, page, _pdfium_page_of(fast, page.page_number), doc_id, settings, strategies, ocr)
            except Exception as exc:  # isolate a bad page; the others are kept
                scan.errors.append(PageError(doc_id, page.page_number, "layout", "page_failed",
                                             f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"))
            finally:
                page.close()
        if fast is not None:
            fast.close()
    return scan


def _read_page_into(scan: _PageScan, path: Path, page, fast_page, doc_id: str, settings: PipelineSettings,
                    strategies: list, ocr) -> None:
    """One page's layout (and its tables, unless the page goes to OCR) added to ``scan``."""
    layout = _read_page(page, fast_page, doc_id, settings)
    suspicious = fast_page is None or _looks_unreadable(fast_page, layout, ocr)
    open_pdfium = _pdfium_opener(path, page.page_number, fast_page)
    reason = page_needs_ocr(page, layout, open_pdfium, ocr) if settings.ocr and suspicious else None
    if reason:
        scan.to_ocr.append((page.page_number, float(page.width), float(page.height)))
    elif suspicious and not layout.rulings:
        # a scan under a trusted OCR text layer: its table lines are in the image
        layout = replace(layout, rulings=scan_rulings(page, layout, ocr, open_pdfium))
    scan.layouts.append(layout)
    if not reason:
        scan.tables.extend(best_tables(layout, strategies, PageSource(path, page.page_number, page)))


def _ocr_document(path: Path, doc_id: str, pages: list[tuple[int, float, float]], layouts: list[PageLayout],
                  strategies: list, settings: PipelineSettings, workers: int, cache_dir: Path | None,
                  ) -> tuple[list[PageLayout], list[Table], list[PageError]]:
    """OCR the pages without a usable text layer; their layouts replace the empty ones."""
    if not tesseract_available(settings.ocr_languages.split("+")[0]):
        message = "OCR needed but tesseract is not installed (apt-get install tesseract-ocr)"
        return layouts, [], [PageError(doc_id, p, "ocr", "ocr_unavailable", message) for p, _, _ in pages]
    errors: list[PageError] = []
    try:
        read = ocr_pages(path, pages, doc_id, settings.ocr_settings(workers, cache_dir))
    except OcrPagesError as exc:
        read = exc.partial
        errors = [PageError(doc_id, p, "ocr", "ocr_failed", msg[:200]) for p, msg in sorted(exc.failures.items())]
    tables = []
    for layout in read.values():
        found = best_tables(layout, strategies, PageSource(path, layout.page_no))
        tables.extend(_with_ocr_confidence(t, layout) for t in found)
    return [read.get(lay.page_no, lay) for lay in layouts], tables, errors


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
           "errors": tuple(PageError(**e) for e in d["errors"]), "profile": profile_from_dict(d.get("profile")),
           "duplicate_paths": tuple(d.get("duplicate_paths", ()))}
    )
