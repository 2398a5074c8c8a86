"""Scanned pages: page image → :class:`PageLayout` with OCR words and ruling lines.

A scanned plan has no usable text layer, but its matrices are still ruled tables. This module
reads such a page into the same record the born-digital path produces — words with boxes in
PDF points of the upright page, ruling segments in the same coordinates — so tables, structure
and actors downstream run unchanged. The steps, each a small function:

1. ``render_gray``: an open pdfium page rasterised at the base DPI (``OcrSettings.dpi``);
2. ``detect_orientation``: tesseract OSD says whether the page was fed in sideways or upside down;
3. ``estimate_skew``: small rotations from the projection profile of the ink;
4. ``choose_dpi``: pages with small print are rendered again at a higher DPI (capped);
5. ``find_rulings``: long horizontal and vertical ink runs (morphological opening) are rulings;
   they are painted out before OCR, so cell borders are not read as ``|`` or ``_``;
6. ``tesseract_data`` → ``raw_words`` → ``words_from_raw``: tesseract ``image_to_data`` words
   → :class:`Word` (confidence 0–1; font size, weight and a pdfminer-like box from the glyphs'
   ink and the letters' shapes).

``read_page_image`` runs these on one page image. ``pipeline.ocr`` renders the pages of a
document, keeps the OCR cache and runs pages in worker processes; here no cache, no process
pool and no change to the process environment (each tesseract run gets its thread limit in its
own), and no file opened: ``page_needs_ocr`` and ``scan_rulings`` get the page in PDFium from
the caller (an opener, called only when the image checks need it).

``page_needs_ocr`` decides which pages go this way. Misread actors are repaired where they are
matched (``normalizers.ocr_repair``), only towards a known code or name; free text is never
rewritten.
"""

from __future__ import annotations

import io
import math
import os
import re
import statistics
import subprocess
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytesseract
from PIL import Image
from pytesseract import pytesseract as tesseract_cli

from extractors.model import BBox, PageLayout, Ruling, Word, clean_word_text

OCR_VERSION = 1  # part of the OCR cache key (pipeline.ocr): bump when the output of read_page_image changes
_TESSERACT_TIMEOUT_S = 300
_LANGS = re.compile(r"^[a-z_]{3,}(\+[a-z_]{3,})*$")


class OcrError(Exception):
    """A page could not be rasterised or read (pdfium, tesseract or the cache failed)."""


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read."""

    dpi: int = 300  # base DPI; pages with small print are read at up to max_dpi
    languages: str = "eng+fra+spa"
    min_conf: float = 0.3  # words below are dropped (and counted)
    workers: int = 1
    cache_dir: Path | None = None  # OCR results cached by page-image hash (JSON); None = no cache
    max_dpi: int = 600
    target_char_px: float = 22.0  # median glyph height aimed at when choosing the DPI
    tesseract_threads: int = 1  # OpenMP threads per tesseract run; parallelism comes from workers
    # which pages need OCR (``page_needs_ocr``, and the cheap check before it in ``pipeline.extract``)
    min_text_chars: int = 20  # a page with fewer characters has no text layer worth the name
    no_text_image_cover: float = 0.3  # a page without text under images covering this share of it is a scan
    text_image_cover: float = 0.5  # a page with text under images covering this share may be a scan under an
    # invisible (OCR) text layer: that layer is checked against the image, and the scan's rulings read from it
    unmapped_share: float = 0.1  # glyphs without a Unicode mapping ((cid:…), U+FFFD): this share makes the layer unreadable

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"OcrSettings.dpi must be in 72..600, got {self.dpi!r}")
        if not self.dpi <= self.max_dpi <= 1200:
            raise ValueError(f"OcrSettings.max_dpi must be in dpi..1200, got {self.max_dpi!r}")
        if not 0 <= self.min_conf <= 1:
            raise ValueError(f"OcrSettings.min_conf must be in [0, 1], got {self.min_conf!r}")
        if self.workers < 1:
            raise ValueError(f"OcrSettings.workers must be >= 1, got {self.workers!r}")
        if not _LANGS.match(self.languages):
            raise ValueError(f"OcrSettings.languages must look like 'eng+fra', got {self.languages!r}")
        if self.target_char_px <= 0:
            raise ValueError(f"OcrSettings.target_char_px must be > 0, got {self.target_char_px!r}")
        if self.tesseract_threads < 1:
            raise ValueError(f"OcrSettings.tesseract_threads must be >= 1, got {self.tesseract_threads!r}")
        if self.min_text_chars < 0:
            raise ValueError(f"OcrSettings.min_text_chars must be >= 0, got {self.min_text_chars!r}")
        for name in ("no_text_image_cover", "text_image_cover", "unmapped_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"OcrSettings.{name} must be in [0, 1], got {getattr(self, name)!r}")


@dataclass(frozen=True)
class OcrResult:
    """One page read by OCR, with how it was read."""

    layout: PageLayout
    dpi: int  # the DPI the words were read at
    skew_deg: float  # small rotation removed (anticlockwise positive, as scanned)
    osd_confidence: float | None  # tesseract OSD orientation confidence; None when OSD found too little text
    dropped_words: int  # words below min_conf
    cached: bool = False


def _run_tesseract(gray: np.ndarray, args: list[str], threads: int) -> str:
    """tesseract on a page image (BMP on its standard input) with ``args``; what it writes on its
    standard output. The process runs ``threads`` OpenMP threads, set in its own environment
    (the caller's is left as it is): one thread is fastest on a shared machine, as tesseract's
    threads spin-wait and make it 2–4 times slower there; pages are read in parallel by worker
    processes instead. Fails as pytesseract does (``TesseractError``, ``TesseractNotFoundError``,
    ``RuntimeError`` on the timeout), whose parsers read the output."""
    image = io.BytesIO()
    _for_tesseract(gray).save(image, format="BMP")
    env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}
    try:
        proc = subprocess.run([tesseract_cli.tesseract_cmd, "stdin", "stdout", *args], input=image.getvalue(),
                              capture_output=True, env=env, timeout=_TESSERACT_TIMEOUT_S)
    except FileNotFoundError:
        raise pytesseract.TesseractNotFoundError() from None
    except subprocess.TimeoutExpired:
        raise RuntimeError("Tesseract process timeout") from None
    if proc.returncode:
        raise pytesseract.TesseractError(proc.returncode, tesseract_cli.get_errors(proc.stderr))
    return proc.stdout.decode("utf-8")


def tesseract_version() -> str:
    """The tesseract version (part of the OCR cache key)."""
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as e:
        raise OcrError(f"tesseract not available: {e}") from e


def tesseract_available(languages: str = "eng") -> bool:
    """Whether the tesseract binary runs and has every language of ``languages``."""
    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return False
    return all(lang in have for lang in languages.split("+"))


# ---------------------------------------------------------------- which pages need OCR

def _coverage(boxes: Iterable[BBox], width: float, height: float) -> float:
    """Share of the page area covered by ``boxes`` (clipped to the page; overlaps counted once
    on a coarse 1-pt grid)."""
    if width <= 0 or height <= 0:
        return 0.0
    grid = np.zeros((max(1, math.ceil(height)), max(1, math.ceil(width))), dtype=bool)
    for x0, top, x1, bottom in boxes:
        a, b = max(0, int(x0)), min(grid.shape[1], math.ceil(x1))
        c, d = max(0, int(top)), min(grid.shape[0], math.ceil(bottom))
        if a < b and c < d:
            grid[c:d, a:b] = True
    return float(grid.mean())


def _image_boxes(page: Any) -> list[BBox]:
    return [(float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"])) for im in getattr(page, "images", [])]


def render_gray(pdf_page: Any, dpi: float, page_no: int) -> np.ndarray:
    """A PDFium page as a greyscale array (0 = black) at ``dpi``."""
    try:
        bitmap = pdf_page.render(scale=dpi / 72, grayscale=True)
        return np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8)
    except pypdfium2.PdfiumError as e:
        raise OcrError(f"cannot render page {page_no}: {e}") from e


def invisible_text_share(pdfium_page: Any) -> float:
    """Share of the page's characters drawn in text render mode 3 (invisible, as OCR layers are)."""
    textpage = pdfium_page.get_textpage()
    try:
        total = invisible = 0
        for obj in pdfium_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
            n = max(0, pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0) // 2 - 1)
            total += n
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                invisible += n
        return invisible / total if total else 0.0
    finally:
        textpage.close()


_WORDLIKE = (
    re.compile(r"[^\W\d_]+(?:[-'’/.&][^\W\d_]+)*"),  # words, peace-builders, MOFA/KOICA, e.g
    re.compile(r"\d+(?:[.,:/–-]\d+)*%?"),  # numbers, dates, 1.1, 2014-2018
    re.compile(r"[^\W\d_]{1,6}\d{1,3}(?:\.\d+)*|\d+(?:\.\d+)*[^\W\d_]"),  # OE1.1, 1a, 2.3b
)
_EDGE_PUNCT = "()[]{}\"'‘’“”«».,;:!?¡¿*•–-—…%"


def text_plausibility(words: Iterable[Word]) -> float:
    """Share of words that read as words, numbers or labels (not OCR debris like ``l;\\i'^``);
    short punctuation (``–``, ``•``) counts for neither."""
    good = total = 0
    for w in words:
        core = w.text.strip().strip(_EDGE_PUNCT)
        if not core:
            if len(w.text.strip()) > 2:
                total += 1
            continue
        total += 1
        good += any(p.fullmatch(core) for p in _WORDLIKE)
    return good / total if total else 0.0


def text_ink_agreement(gray: np.ndarray, words: Iterable[Word], width: float, height: float) -> tuple[float, float]:
    """How well word boxes and the ink of a page image line up.

    Returns (share of word boxes with ink in them, share of glyph-sized ink blobs whose centre
    lies in some word box). Both are near 1 for a text layer that matches its image.
    """
    sy, sx = gray.shape[0] / height, gray.shape[1] / width
    mask = ink_mask(gray)
    boxes = [(int(w.x0 * sx), int(w.top * sy), math.ceil(w.x1 * sx), math.ceil(w.bottom * sy)) for w in words]
    boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
    if not boxes:
        return 0.0, 0.0
    inked = sum(1 for x0, y0, x1, y1 in boxes if mask[max(0, y0):y1, max(0, x0):x1].any())
    covered = np.zeros(mask.shape, dtype=bool)
    pad = max(1, int(0.15 * statistics.median(b[3] - b[1] for b in boxes)))
    for x0, y0, x1, y1 in boxes:
        covered[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = True
    n, _, stats, cents = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    limit = 0.05 * min(mask.shape)
    blobs = [i for i in range(1, n) if 2 <= stats[i, cv2.CC_STAT_HEIGHT] <= limit and stats[i, cv2.CC_STAT_WIDTH] <= limit]
    if not blobs:
        return inked / len(boxes), 0.0
    hit = sum(1 for i in blobs if covered[int(cents[i][1]), int(cents[i][0])])
    return inked / len(boxes), hit / len(blobs)


PdfiumPageOpener = Callable[[], AbstractContextManager[Any]]
"""Opens the page in PDFium for the while (``with opener() as pdfium_page``); the caller owns the
file and may hand in a page it already has open."""


def page_needs_ocr(page: Any, layout: PageLayout, open_pdfium: PdfiumPageOpener | None = None,
                   settings: OcrSettings = OcrSettings()) -> str | None:
    """Why this page needs OCR, or None when its text layer can be trusted (``open_pdfium``: the
    page in PDFium, opened only for the image checks; None skips them; the thresholds are
    ``settings``').

    - ``no_text_layer``: no words (or a handful, as a scanner's stamp) over a page-sized image;
    - ``vector_text``: no words but hundreds of curves (text converted to outlines);
    - ``unmapped_glyphs``: many glyphs without a Unicode mapping (pdfminer's ``(cid:123)``);
    - ``invisible_text_mismatch``: an invisible text layer (render mode 3, what OCR software
      puts under a scan) that does not line up with the image or reads as debris.
    A blank page (nothing drawn) needs nothing.
    """
    width, height = float(layout.width), float(layout.height)
    if layout.rotation in (90, 270):
        width, height = height, width  # images are reported in the page's own frame
    chars = [c for c in getattr(page, "chars", []) if str(c.get("text", "")).strip()]
    n_chars = len(chars) if chars else sum(len(w.text) for w in layout.words)
    image_cover = _coverage(_image_boxes(page), width, height)
    if not layout.words or n_chars < settings.min_text_chars:
        if image_cover >= settings.no_text_image_cover:
            return "no_text_layer"
        if not layout.words and len(getattr(page, "curves", [])) >= 200:
            return "vector_text"
        if not layout.words:
            return None
    texts = [str(c.get("text", "")) for c in chars] or [w.text for w in layout.words]
    unmapped = sum(1 for t in texts if "(cid:" in t or "\ufffd" in t)
    if unmapped >= 5 and unmapped >= settings.unmapped_share * len(texts):
        return "unmapped_glyphs"
    if image_cover >= settings.text_image_cover and open_pdfium is not None:
        with open_pdfium() as pdfium_page:
            if invisible_text_share(pdfium_page) < 0.5:
                return None
            gray = render_gray(pdfium_page, 100, page.page_number)
        # the layout's words are in the frame where its text reads upright: turn the image alike
        gray = upright(gray, layout.rotation)
        inked, hit = text_ink_agreement(gray, layout.words, layout.width, layout.height)
        if inked < 0.8 or hit < 0.6 or text_plausibility(layout.words) < 0.7:
            return "invisible_text_mismatch"
    return None


def scan_rulings(page: Any, layout: PageLayout, settings: OcrSettings = OcrSettings(),
                 open_pdfium: PdfiumPageOpener | None = None) -> tuple[Ruling, ...]:
    """Ruling lines of a scanned page whose (invisible) OCR text layer is trusted: the table
    lines are only in the image, so they are found there (at ``settings.dpi``), in the layout's
    frame, from the page ``open_pdfium`` opens. Empty for a page that is no scan under invisible
    text, or without an opener."""
    width, height = float(layout.width), float(layout.height)
    if layout.rotation in (90, 270):
        width, height = height, width
    if _coverage(_image_boxes(page), width, height) < settings.text_image_cover:
        return ()
    if open_pdfium is None:
        return ()
    with open_pdfium() as pdfium_page:
        if invisible_text_share(pdfium_page) < 0.5:
            return ()
        gray = upright(render_gray(pdfium_page, settings.dpi, page.page_number), layout.rotation)
    scale = (gray.shape[1] / layout.width, gray.shape[0] / layout.height)
    runs, _ = find_rulings(ink_mask(gray), (scale[0] + scale[1]) / 2)
    return rulings_from_runs(runs, scale)


# ---------------------------------------------------------------- image steps


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Boolean ink mask: local (adaptive) threshold on a lightly denoised image, so shaded cells
    and uneven lighting do not turn into solid ink."""
    smooth = cv2.medianBlur(gray, 3)
    block = max(15, (min(gray.shape) // 40) | 1)
    binary = cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 20)
    return binary > 0


def glyph_height_px(mask: np.ndarray, px_per_pt: float) -> float | None:
    """Median height of glyph-sized ink blobs (None when there is no text-like ink).

    Blobs under 2.5 pt (dots, commas, grain) and over 5 % of the page (rules, pictures) are
    left out."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if n <= 1:
        return None
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    limit = 0.05 * min(mask.shape)
    keep = (h >= 2.5 * px_per_pt) & (h <= limit) & (w <= limit) & (w >= 0.5 * px_per_pt)
    if keep.sum() < 20:
        return None
    return float(np.median(h[keep]))


def choose_dpi(base_dpi: int, glyph_px: float | None, settings: OcrSettings) -> int:
    """The DPI to read a page at: the base, raised (to ``max_dpi`` at most) when glyphs are small."""
    if glyph_px is None or glyph_px >= settings.target_char_px:
        return base_dpi
    wanted = base_dpi * settings.target_char_px / glyph_px
    return int(min(settings.max_dpi, round(wanted / 25) * 25))


def detect_orientation(gray: np.ndarray, threads: int = 1) -> tuple[int, float | None]:
    """(clockwise angle the text is turned by: 0/90/180/270, OSD confidence) from tesseract OSD.

    A page with too little text for OSD is taken as upright (confidence None).
    """
    try:
        osd = tesseract_cli.osd_to_dict(_run_tesseract(gray, ["-l", "osd", "--psm", "0", "-c", "min_characters_to_try=10"], threads))
    except pytesseract.TesseractError as e:
        if "traineddata" in str(e) or "Failed loading language" in str(e):
            raise OcrError(f"tesseract OSD is not installed: {e}") from e
        return 0, None  # too few characters (or none) to tell the orientation
    except (RuntimeError, OSError) as e:
        raise OcrError(f"tesseract OSD failed: {e}") from e
    # OSD's "rotate" is the clockwise turn that makes the page upright; the text is turned
    # by the same angle anticlockwise, i.e. 360 - rotate clockwise.
    rotate = int(osd.get("rotate", 0)) % 360
    conf = float(osd.get("orientation_conf", 0.0))
    if conf < 1.0:
        return 0, conf
    return (360 - rotate) % 360, conf


def upright(gray: np.ndarray, rotation: int) -> np.ndarray:
    """The image turned anticlockwise by ``rotation`` (the clockwise angle its text is turned by)."""
    return np.ascontiguousarray(np.rot90(gray, k=(rotation // 90) % 4))


def _profile_score(mask: np.ndarray, angle: float) -> float:
    h, w = mask.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(mask, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(mask: np.ndarray, max_deg: float = 5.0) -> float:
    """Angle (degrees, anticlockwise positive) the page content is turned by, from where the
    row profile of the ink is sharpest; 0 when no angle stands out."""
    h, w = mask.shape
    scale = min(1.0, 1200 / max(h, w))
    size = (max(1, int(w * scale)), max(1, int(h * scale)))
    small = cv2.resize(mask.astype(np.uint8) * 255, size, interpolation=cv2.INTER_AREA)
    small = (small > 64).astype(np.uint8)
    if small.sum() < 200:
        return 0.0
    best, step = 0.0, 0.5
    candidates = [i * step for i in range(-int(max_deg / step), int(max_deg / step) + 1)]
    level = _profile_score(small, 0.0)
    for _ in range(3):
        scores = {a: _profile_score(small, -a) for a in candidates}
        best = max(sorted(scores), key=lambda a: (scores[a], -abs(a)))
        step /= 5
        candidates = [best + i * step for i in range(-5, 6)]
    # resampling alone sharpens the profile a little: turn only for a clear gain
    return round(best, 2) if abs(best) >= 0.05 and scores[best] > 1.02 * level else 0.0


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """The image turned back by ``angle`` degrees about its centre (white at the corners)."""
    if not angle:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


@dataclass(frozen=True)
class _Run:
    """A straight ink run: its box in pixels (end-exclusive)."""

    x0: int
    y0: int
    x1: int
    y1: int


def _runs(mask: np.ndarray, length: int, horizontal: bool) -> tuple[list[_Run], np.ndarray]:
    """Straight ink pieces at least ``length`` px long (morphological opening) and their mask."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    opened = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    runs = [_Run(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in (stats[i, :4] for i in range(1, n))]
    return runs, opened > 0


def _join(runs: list[_Run], gap: float, horizontal: bool, bucket: int) -> list[_Run]:
    """Pieces of one line (overlapping across it, at most ``gap`` px apart along it) joined.

    A sweep along the line direction; lines still open are kept in buckets of ``bucket`` px
    across, so a piece is only compared with its neighbours.
    """
    def along(r: _Run) -> tuple[int, int]:
        return (r.x0, r.x1) if horizontal else (r.y0, r.y1)

    def across(r: _Run) -> tuple[int, int]:
        return (r.y0, r.y1) if horizontal else (r.x0, r.x1)

    done: list[_Run] = []
    buckets: dict[int, list[_Run]] = {}
    for r in sorted(runs, key=along):
        start = along(r)[0]
        a0, a1 = across(r)
        home = a0 // bucket
        joined = False
        for key in (home - 1, home, home + 1):
            lines = buckets.get(key, [])
            for i, o in enumerate(lines):
                if start - along(o)[1] > gap:
                    continue
                b0, b1 = across(o)
                if not joined and a0 < b1 and b0 < a1:
                    lines[i] = _Run(min(o.x0, r.x0), min(o.y0, r.y0), max(o.x1, r.x1), max(o.y1, r.y1))
                    joined = True
            closed = [o for o in lines if start - along(o)[1] > gap]
            if closed:
                done += closed
                buckets[key] = [o for o in lines if start - along(o)[1] <= gap]
        if not joined:
            buckets.setdefault(home, []).append(r)
    return done + [o for lines in buckets.values() for o in lines]


def find_rulings(mask: np.ndarray, px_per_pt: float) -> tuple[list[tuple[bool, float, float, float]], np.ndarray]:
    """Ruling lines of a page image and the mask of their pixels.

    Straight pieces (8 pt across, 4 pt down) are joined across small breaks (grain, faint
    toner). Horizontal lines 15 pt long are rulings. Vertical lines need only be 6 pt (a
    one-line row is short), but one shorter than 30 pt must run from a horizontal ruling to
    another, so glyph stems are never taken. Lines thicker than 3 pt are bars, not rulings.
    Returns ``(horizontal, pos, start, end)`` in pixels, and the mask of ruling pixels.
    """
    gap = 0.75 * px_per_pt
    max_thick = 3.0 * px_per_pt + 2
    hpieces, hmask = _runs(mask, max(8, int(8 * px_per_pt)), True)
    vpieces, vmask = _runs(mask, max(4, int(4 * px_per_pt)), False)
    bucket = int(max_thick) + 1
    hruns = [r for r in _join(hpieces, gap, True, bucket) if r.x1 - r.x0 >= 15 * px_per_pt and r.y1 - r.y0 <= max_thick]
    vall = [r for r in _join(vpieces, gap, False, bucket) if r.y1 - r.y0 >= 6 * px_per_pt and r.x1 - r.x0 <= max_thick]
    tol = 2.5 * px_per_pt

    def meets(y: float, x: float) -> bool:
        return any(abs((h.y0 + h.y1) / 2 - y) <= tol and h.x0 - tol <= x <= h.x1 + tol for h in hruns)

    vruns = [
        r for r in vall
        if r.y1 - r.y0 >= 30 * px_per_pt or (meets(r.y0, (r.x0 + r.x1) / 2) and meets(r.y1, (r.x0 + r.x1) / 2))
    ]
    out: list[tuple[bool, float, float, float]] = [(True, (r.y0 + r.y1) / 2, r.x0, r.x1) for r in hruns]
    out += [(False, (r.x0 + r.x1) / 2, r.y0, r.y1) for r in vruns]
    lines = np.zeros(mask.shape, dtype=bool)
    for r in hruns:
        lines[r.y0:r.y1, r.x0:r.x1] |= hmask[r.y0:r.y1, r.x0:r.x1]
    for r in vruns:
        lines[r.y0:r.y1, r.x0:r.x1] |= vmask[r.y0:r.y1, r.x0:r.x1]
    return out, lines


def erase_lines(gray: np.ndarray, lines: np.ndarray, px_per_pt: float) -> np.ndarray:
    """The image with ruling pixels (and their anti-aliased fringe) painted white."""
    if not lines.any():
        return gray
    grow = max(1, round(0.6 * px_per_pt))
    fringe = cv2.dilate(lines.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (2 * grow + 1, 2 * grow + 1)))
    out = gray.copy()
    out[fringe > 0] = 255
    return out


def denoise(gray: np.ndarray, dpi: int) -> np.ndarray:
    """A 3×3 median: removes scanner dust and grain; at 250 dpi and more strokes are wide enough
    to keep their shape (below, the image is left as it is)."""
    return cv2.medianBlur(gray, 3) if dpi >= 250 else gray


# ---------------------------------------------------------------- words

# how far above / below the baseline the ink of a glyph reaches, as a share of the font size
# (Helvetica-like; serif faces differ by a few hundredths, and a line's words are pooled)
_XHEIGHT = 0.52
_UP = {
    **{c: 0.72 for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZbdfhkl()[]{}/\\|!?#$%&@'\"«»ßðþ"},
    **{c: 0.70 for c in "0123456789"},
    **{c: 0.67 for c in "t"},
    **{c: 0.74 for c in "ijàáâãäåèéêëìíîïñòóôõöùúûüýÿœ¿¡"},
    **{c: 0.90 for c in "ÀÁÂÃÄÅÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ"},
}
_DOWN = {
    **{c: 0.21 for c in "gjpqyçÇ()[]{}|"},
    **{c: 0.15 for c in ",;"},
}
_SHORT = set("acemnorsuvwxzæ")
_PDF_ASCENT, _PDF_DESCENT = 0.79, 0.21  # the box pdfminer gives a glyph: size × (ascent, descent)
_INK_BLEED = 1.03  # scanned ink measures this much taller than the outlines
_REGULAR_STROKE = 0.085  # stem width / font size of a regular weight, at most


def _ink_ratios(text: str) -> tuple[float, float] | None:
    """(share of the font size above the baseline, below it) the ink of ``text`` spans; None for
    texts with no letter or digit (dashes, bullets, lone brackets) whose ink says nothing of the size."""
    if not any(ch.isalnum() for ch in text):
        return None
    up = max((_UP[ch] for ch in text if ch in _UP), default=0.0)
    if not up:
        if not any(ch in _SHORT for ch in text):
            return None
        up = _XHEIGHT
    down = max((_DOWN.get(ch, 0.0) for ch in text), default=0.0)
    return up, down


@dataclass(frozen=True)
class _RawWord:
    """A tesseract word: its ink box in points, confidence and line key."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    line: tuple[int, int, int]
    stroke_pt: float  # stroke width of its glyphs


def _glyph_ink(crop: np.ndarray, min_area: float) -> tuple[tuple[int, int, int, int] | None, float]:
    """Ink box (x0, y0, x1, y1, end-exclusive) of the glyphs in a word crop, leaving out specks
    smaller than ``min_area`` px that tesseract drew the box around, and the mean stroke width
    (2 × area / boundary length) of those glyphs."""
    ink = (crop < 140).astype(np.uint8)
    if crop.size == 0 or not ink.any():
        return None, 0.0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    if not keep.any():
        return None, 0.0
    glyphs = keep[labels].astype(np.uint8)
    ys, xs = np.nonzero(glyphs)
    boundary = int((glyphs - cv2.erode(glyphs, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT, borderValue=0)).sum())
    stroke = 2.0 * float(glyphs.sum()) / max(1, boundary)
    return (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1), stroke


def _for_tesseract(gray: np.ndarray) -> Image.Image:
    """The image as tesseract is handed it: as BMP, which is written without compressing."""
    image = Image.fromarray(gray)
    image.format = "BMP"
    return image


def tesseract_data(gray: np.ndarray, languages: str, threads: int = 1) -> dict[str, list[Any]]:
    """Raw ``image_to_data`` output for a page image (automatic page segmentation, LSTM)."""
    args = ["-l", languages, "-c", "tessedit_create_tsv=1", "--oem", "1", "--psm", "3"]
    try:
        return tesseract_cli.file_to_dict(_run_tesseract(gray, args, threads), "\t", -1)
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, RuntimeError, OSError) as e:
        raise OcrError(f"tesseract failed: {e}") from e


def read_bar(text: str) -> str:
    """Vertical bars inside a word are letters drawn as plain strokes: ``l`` after a lower-case
    letter (``a|so`` → ``also``), ``I`` before ``.``/``)``, another bar or a capital, or after
    a capital (``|.`` → ``I.``, ``||)`` → ``II)``). A bar on its own, or where either letter
    could be meant (``|ocal``), stays."""
    if "|" not in text or set(text) == {"|"}:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch != "|":
            out.append(ch)
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.islower() and (nxt.islower() or not nxt.isalnum()):
            out.append("l")
        elif len(text) > 1 and (nxt in ".)|" and nxt or nxt.isupper() or prev.isupper() or prev == "I"):
            out.append("I")
        else:
            out.append(ch)
    return "".join(out)


_ROMAN_LABEL = re.compile(r"^\(?(?=[IVXl|]*[l|])[IVXl|]{2,}[.)]$")
_ROMAN_VALUE = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")


def read_roman_label(text: str) -> str:
    """A capital roman numeral closed by ``.`` or ``)`` whose I's came out as ``l`` or ``|``
    (``ll.`` → ``II.``, ``lV)`` → ``IV)``); the result must be a valid numeral, anything else
    is returned as it is. Applied to the first word of a line only, where labels stand."""
    if not _ROMAN_LABEL.match(text):
        return text
    fixed = text.replace("l", "I").replace("|", "I")
    core = fixed.strip("().")
    return fixed if core and _ROMAN_VALUE.match(core) else text


def raw_words(data: dict[str, list[Any]], gray: np.ndarray, px_per_pt: tuple[float, float]) -> list[_RawWord]:
    """Word-level entries of ``image_to_data`` with their glyphs' ink boxes in points."""
    sx, sy = px_per_pt
    min_area = (0.7 * sy) ** 2
    out = []
    for i, text in enumerate(data["text"]):
        text = read_bar(unicodedata.normalize("NFC", clean_word_text(str(text))).strip())
        if int(data["word_num"][i]) == 1:  # labels open a line
            text = read_roman_label(text)
        conf = float(data["conf"][i])
        if not text or conf < 0 or int(data["level"][i]) != 5:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        box, stroke = _glyph_ink(gray[y:y + h, x:x + w], min_area)
        if box is not None:
            x, y, w, h = x + box[0], y + box[1], box[2] - box[0], box[3] - box[1]
        out.append(
            _RawWord(
                text=text, x0=x / sx, top=y / sy, x1=(x + w) / sx, bottom=(y + h) / sy,
                conf=min(1.0, conf / 100),
                line=(int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])),
                stroke_pt=stroke / sy,
            )
        )
    return out


def _own_size(w: _RawWord) -> float | None:
    ratios = _ink_ratios(w.text)
    return None if ratios is None else (w.bottom - w.top) / (ratios[0] + ratios[1])


def _round_size(size: float) -> float:
    """Font sizes are set in half points; the ink measures a little large (anti-aliasing)."""
    return max(1.0, round(size / _INK_BLEED * 2) / 2)


def words_from_raw(raw: list[_RawWord]) -> list[Word]:
    """Words with a font size and a pdfminer-like box.

    The size comes from the ink height and the letters' shapes (``Mg`` spans ascent and descent,
    ``on`` only the x-height), smoothed over the line; the box is ``size`` tall around the
    baseline, as pdfminer lays out glyph boxes, so line grouping works as on born-digital pages.
    Bold: a stroke clearly wider, relative to the size, than the page's usual (regular) one.
    """
    by_line: dict[tuple[int, int, int], list[float]] = {}
    for w in raw:
        own = _own_size(w)
        if own is not None:
            by_line.setdefault(w.line, []).append(own)
    everything = [s for sizes in by_line.values() for s in sizes]
    page_size = statistics.median(everything) if everything else 10.0
    sized = []
    for w in raw:
        own = _own_size(w)
        line = by_line.get(w.line)
        size = statistics.median(line) if line else (own or page_size)
        sized.append((w, _round_size(size)))
    weights = [w.stroke_pt / s for w, s in sized if _ink_ratios(w.text) is not None and w.stroke_pt > 0]
    # the page's usual weight, unless most of the page is bold (a title page)
    usual = min(statistics.median(weights), _REGULAR_STROKE) if weights else 0.0
    words = []
    for w, size in sized:
        ratios = _ink_ratios(w.text)
        # dashes and bullets (no ratios) sit about the middle of the x-height
        baseline = w.bottom - ratios[1] * size if ratios is not None else (w.top + w.bottom) / 2 + 0.26 * size
        bold = bool(usual and ratios is not None and w.stroke_pt / size > 1.3 * usual)
        words.append(
            Word(
                text=w.text,
                x0=round(w.x0, 2),
                top=round(baseline - _PDF_ASCENT * size, 2),
                x1=round(w.x1, 2),
                bottom=round(baseline + _PDF_DESCENT * size, 2),
                size=size,
                bold=bold,
                upright=True,
                conf=round(w.conf, 3),
            )
        )
    words.sort(key=lambda w: (round(w.top), w.x0))
    return words


def rulings_from_runs(runs: list[tuple[bool, float, float, float]], px_per_pt: tuple[float, float]) -> tuple[Ruling, ...]:
    """Pixel runs → :class:`Ruling` in points (horizontal: top == bottom; vertical: x0 == x1)."""
    sx, sy = px_per_pt
    out = set()
    for horizontal, pos, start, end in runs:
        if horizontal:
            y = round(pos / sy, 2)
            out.add(Ruling(round(start / sx, 2), y, round(end / sx, 2), y))
        else:
            x = round(pos / sx, 2)
            out.add(Ruling(x, round(start / sy, 2), x, round(end / sy, 2)))
    return tuple(sorted(out, key=lambda r: (r.top, r.x0, r.bottom, r.x1)))


# ---------------------------------------------------------------- one page image


def read_page_image(
    gray: np.ndarray, rerender: Callable[[int], np.ndarray], width: float, height: float,
    doc_id: str, page_no: int, settings: OcrSettings,
) -> OcrResult:
    """The OCR steps on one page image at the base DPI; ``rerender(dpi)`` gives the page at
    another DPI (for small print). ``width`` × ``height``: the page in points, as rendered."""
    rotation, osd_conf = detect_orientation(gray, settings.tesseract_threads)
    page_w, page_h = (height, width) if rotation in (90, 270) else (width, height)
    img = upright(gray, rotation)
    mask = ink_mask(img)
    skew = estimate_skew(mask)
    dpi = choose_dpi(settings.dpi, glyph_height_px(mask, settings.dpi / 72), settings)
    if dpi != settings.dpi:
        img = upright(rerender(dpi), rotation)
    if skew:
        img = deskew(img, skew)
    if dpi != settings.dpi or skew:
        mask = ink_mask(img)
    scale = (img.shape[1] / page_w, img.shape[0] / page_h)
    if abs(scale[0] / scale[1] - 1) > 0.02:
        raise OcrError(f"the page image ({img.shape[1]}×{img.shape[0]} px) does not fit a {page_w}×{page_h} pt page")
    px_per_pt = (scale[0] + scale[1]) / 2
    runs, lines = find_rulings(mask, px_per_pt)
    clean = denoise(erase_lines(img, lines, px_per_pt), dpi)
    raw = raw_words(tesseract_data(clean, settings.languages, settings.tesseract_threads), clean, scale)
    kept = [w for w in raw if w.conf >= settings.min_conf]
    layout = PageLayout(
        doc_id=doc_id, page_no=page_no, width=round(page_w, 2), height=round(page_h, 2),
        words=tuple(words_from_raw(kept)), rulings=rulings_from_runs(runs, scale), rotation=rotation, ocr=True,
    )
    return OcrResult(layout, dpi, skew, osd_conf, len(raw) - len(kept))
