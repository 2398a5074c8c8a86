"""OCR of a document's scanned pages: each page rendered from the file, read back from the OCR
cache or read by :func:`extractors.ocr.read_page_image` and cached, pages in worker processes.

The cache (``OcrSettings.cache_dir``) holds one JSON file per page image, under the SHA-256 of
the image and of everything the result depends on (:func:`cache_key`); a damaged or foreign
file is read again from the image.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2

from extractors.model import PageLayout, Ruling, Word
from extractors.ocr import OCR_VERSION, OcrError, OcrResult, OcrSettings, read_page_image, render_gray, tesseract_version

__all__ = ["OcrPagesError", "cache_key", "ocr_page", "ocr_page_result", "ocr_pages", "render_page"]


def render_page(pdf_path: Path, page_no: int, dpi: float) -> np.ndarray:
    """Page ``page_no`` (1-based) of ``pdf_path`` as a greyscale array (0 = black), at ``dpi``."""
    try:
        doc = pypdfium2.PdfDocument(str(pdf_path))
    except (pypdfium2.PdfiumError, OSError) as e:
        raise OcrError(f"cannot open {pdf_path}: {e}") from e
    try:
        if not 1 <= page_no <= len(doc):
            raise OcrError(f"{pdf_path} has {len(doc)} pages; no page {page_no}")
        return np.ascontiguousarray(render_gray(doc[page_no - 1], dpi, page_no))
    finally:
        doc.close()


def cache_key(gray: np.ndarray, width: float, height: float, settings: OcrSettings) -> str:
    """SHA-256 of the base-DPI page image and of everything else the result depends on."""
    head = {
        "version": OCR_VERSION, "tesseract": tesseract_version(), "languages": settings.languages,
        "min_conf": settings.min_conf, "dpi": settings.dpi, "max_dpi": settings.max_dpi,
        "target_char_px": settings.target_char_px, "page": [round(width, 2), round(height, 2)],
        "shape": list(gray.shape),
    }
    h = hashlib.sha256(json.dumps(head, sort_keys=True).encode())
    h.update(gray.tobytes())
    return h.hexdigest()


def _to_json(result: OcrResult) -> str:
    lay = result.layout
    return json.dumps(
        {
            "version": OCR_VERSION, "width": lay.width, "height": lay.height, "rotation": lay.rotation,
            "words": [asdict(w) for w in lay.words], "rulings": [asdict(r) for r in lay.rulings],
            "dpi": result.dpi, "skew_deg": result.skew_deg, "osd_confidence": result.osd_confidence,
            "dropped_words": result.dropped_words,
        },
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )


def _from_json(text: str, doc_id: str, page_no: int) -> OcrResult | None:
    try:
        d = json.loads(text)
        if d.get("version") != OCR_VERSION:
            return None
        layout = PageLayout(
            doc_id=doc_id, page_no=page_no, width=d["width"], height=d["height"],
            words=tuple(Word(**w) for w in d["words"]), rulings=tuple(Ruling(**r) for r in d["rulings"]),
            rotation=d["rotation"], ocr=True,
        )
        return OcrResult(layout, d["dpi"], d["skew_deg"], d["osd_confidence"], d["dropped_words"], cached=True)
    except (ValueError, KeyError, TypeError):
        return None  # a damaged or foreign cache file is read again from the image


def _cache_path(settings: OcrSettings, key: str) -> Path | None:
    return None if settings.cache_dir is None else Path(settings.cache_dir) / key[:2] / f"{key}.json"


def _store(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        raise OcrError(f"cannot write the OCR cache {path}: {e}") from e


def ocr_page_result(
    pdf_path: Path, page_no: int, width: float, height: float, doc_id: str, settings: OcrSettings
) -> OcrResult:
    """:func:`ocr_page` with how the page was read (DPI, skew, OSD confidence, dropped words)."""
    gray = render_page(pdf_path, page_no, settings.dpi)
    path = _cache_path(settings, cache_key(gray, width, height, settings))
    if path is not None and path.exists():
        try:
            hit = _from_json(path.read_text(encoding="utf-8"), doc_id, page_no)
        except OSError as e:
            raise OcrError(f"cannot read the OCR cache {path}: {e}") from e
        if hit is not None:
            return hit
    result = read_page_image(gray, lambda dpi: render_page(pdf_path, page_no, dpi), width, height, doc_id, page_no, settings)
    if path is not None:
        _store(path, _to_json(result))
    return result


def ocr_page(pdf_path: Path, page_no: int, width: float, height: float, doc_id: str, settings: OcrSettings) -> PageLayout:
    """Read page ``page_no`` (1-based; ``width`` × ``height`` points as pdfplumber gives them) by OCR.

    The page is rasterised with pdfium, turned upright (tesseract OSD: 90/180/270), deskewed,
    its rulings found in the image and its words read by tesseract, all in PDF points of the
    upright page (``rotation`` says by how much it was turned; width and height are swapped for
    90/270). Words below ``min_conf`` are dropped. With ``cache_dir`` the result is stored under
    the page image's hash and read back instead of running tesseract again.
    """
    return ocr_page_result(pdf_path, page_no, width, height, doc_id, settings).layout


class OcrPagesError(OcrError):
    """Some pages of :func:`ocr_pages` failed; the pages that were read are in ``partial``."""

    def __init__(self, message: str, partial: dict[int, PageLayout], failures: dict[int, str]) -> None:
        super().__init__(message)
        self.partial = partial
        self.failures = failures

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.partial, self.failures))


def ocr_pages(
    pdf_path: Path, pages: list[tuple[int, float, float]], doc_id: str, settings: OcrSettings
) -> dict[int, PageLayout]:
    """Several pages ``(page_no, width, height)``, ``settings.workers`` processes at a time.

    Same results as :func:`ocr_page` page by page. When pages fail, :class:`OcrPagesError` is
    raised after the others are done, carrying them (``partial``) and the reasons (``failures``).
    """
    results: dict[int, PageLayout] = {}
    failures: dict[int, str] = {}
    if settings.workers == 1 or len(pages) <= 1:
        for page_no, width, height in pages:
            try:
                results[page_no] = ocr_page(pdf_path, page_no, width, height, doc_id, settings)
            except OcrError as e:
                failures[page_no] = str(e)
    else:
        workers = min(settings.workers, len(pages))
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
                futures = {p: pool.submit(ocr_page, pdf_path, p, w, h, doc_id, settings) for p, w, h in pages}
                for page_no, future in futures.items():
                    try:
                        results[page_no] = future.result()
                    except OcrError as e:
                        failures[page_no] = str(e)
        except (OSError, RuntimeError) as e:  # a worker died (BrokenProcessPool is a RuntimeError)
            raise OcrPagesError(f"OCR workers failed: {e}", results, failures) from e
    if failures:
        first = min(failures)
        message = f"{len(failures)} of {len(pages)} pages failed OCR; page {first}: {failures[first]}"
        raise OcrPagesError(message, results, failures)
    return results
