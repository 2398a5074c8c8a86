"""Scanned copies of sample plans: a PDF rasterised into an image-only PDF.

A plan printed and run through a scanner comes back as one greyscale picture per page, often
slightly skewed, with some grain, and now and then fed in sideways. :func:`rasterize_pdf` makes
such a copy of any PDF, so the pipeline can be run on the scan and on the original and the two
outputs compared. The output is reproducible: the same arguments give the same bytes (fixed
PDF metadata, noise drawn from a seeded generator).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

ROTATIONS = (0, 90, 180, 270)


class ScanError(Exception):
    """A page could not be rasterised or the scan could not be written."""


@dataclass(frozen=True)
class ScanSettings:
    """How one page is degraded (see :func:`rasterize_pdf`)."""

    dpi: int
    skew_deg: float = 0.0
    noise: float = 0.0
    rotate: int = 0

    def __post_init__(self) -> None:
        if not 50 <= self.dpi <= 600:
            raise ValueError(f"dpi must be in 50..600, got {self.dpi!r}")
        if not 0 <= self.noise <= 1:
            raise ValueError(f"noise must be in [0, 1], got {self.noise!r}")
        if self.rotate not in ROTATIONS:
            raise ValueError(f"rotate must be one of {ROTATIONS}, got {self.rotate!r}")
        if abs(self.skew_deg) > 10:
            raise ValueError(f"skew_deg must be within ±10, got {self.skew_deg!r}")


def _page_count(src: Path) -> int:
    try:
        doc = pypdfium2.PdfDocument(str(src))
    except pypdfium2.PdfiumError as e:
        raise ScanError(f"cannot open {src}: {e}") from e
    try:
        return len(doc)
    finally:
        doc.close()


def _render_pdftoppm(src: Path, page_no: int, dpi: int, tmp: Path) -> np.ndarray:
    """One page as a greyscale array, rendered by poppler's pdftoppm."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ScanError("pdftoppm not found")
    stem = tmp / f"p{page_no}"
    cmd = [exe, "-gray", "-r", str(dpi), "-f", str(page_no), "-l", str(page_no), "-singlefile", "-png", str(src), str(stem)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        raise ScanError(f"pdftoppm failed on page {page_no} of {src}: {e}") from e
    with Image.open(stem.with_suffix(".png")) as img:
        return np.asarray(img.convert("L"), dtype=np.uint8).copy()


def _render_pdfium(src: Path, page_no: int, dpi: int) -> np.ndarray:
    try:
        doc = pypdfium2.PdfDocument(str(src))
        try:
            bitmap = doc[page_no - 1].render(scale=dpi / 72, grayscale=True)
            return np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8).copy()
        finally:
            doc.close()
    except pypdfium2.PdfiumError as e:
        raise ScanError(f"cannot render page {page_no} of {src}: {e}") from e


def skew(gray: np.ndarray, degrees: float) -> np.ndarray:
    """The image turned anticlockwise by ``degrees`` about its centre, white showing at the corners."""
    if not degrees:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def add_noise(gray: np.ndarray, noise: float, seed: int) -> np.ndarray:
    """Grain (Gaussian, σ = ``noise`` × 128 grey levels) and dust (specks on ``noise``/25 of pixels)."""
    if not noise:
        return gray
    rng = np.random.default_rng(seed)
    out = gray.astype(np.float32) + rng.normal(0.0, noise * 128, gray.shape).astype(np.float32)
    specks = rng.random(gray.shape) < noise / 25
    out[specks] = rng.integers(0, 90, int(specks.sum())).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def turn(gray: np.ndarray, rotate: int) -> np.ndarray:
    """The page fed in turned clockwise by ``rotate`` degrees (0, 90, 180, 270)."""
    return np.ascontiguousarray(np.rot90(gray, k=-(rotate // 90) % 4))


def scan_image(gray: np.ndarray, settings: ScanSettings, seed: int) -> np.ndarray:
    """A clean rendering degraded as a scanner would: skew, then grain, then the sideways feed."""
    return turn(add_noise(skew(gray, settings.skew_deg), settings.noise, seed), settings.rotate)


#: a word of an OCR text layer: text, x0, top, x1, bottom (points from the page's top left), size
LayerWord = tuple[str, float, float, float, float, float]


def write_image_pdf(images: list[np.ndarray], dpi: int, dst: Path,
                    text_layers: list[list[LayerWord]] | None = None, recipe: str = "") -> None:
    """An image-only PDF, one page per greyscale image, each page sized to its image at ``dpi``;
    with ``text_layers``, each page also carries its words as invisible text (render mode 3),
    the way OCR software leaves a scan searchable. ``recipe`` goes into the PDF's keywords."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(dst), invariant=1, pageCompression=1)
    c.setCreator("nap-pipeline samples.scan")
    c.setKeywords(recipe)
    for i, img in enumerate(images):
        h, w = img.shape
        pw, ph = w * 72 / dpi, h * 72 / dpi
        c.setPageSize((pw, ph))
        c.drawImage(ImageReader(Image.fromarray(img, mode="L")), 0, 0, width=pw, height=ph)
        for text, x0, _top, x1, bottom, size in (text_layers[i] if text_layers else []):
            obj = c.beginText()
            obj.setTextRenderMode(3)
            obj.setFont("Helvetica", size)
            natural = c.stringWidth(text, "Helvetica", size) or 1.0
            obj.setHorizScale(100.0 * (x1 - x0) / natural)
            obj.setTextOrigin(x0, ph - bottom + 0.22 * size)  # the baseline, above the descent
            obj.textOut(text)
            c.drawText(obj)
        c.showPage()
    try:
        c.save()
    except OSError as e:
        raise ScanError(f"cannot write {dst}: {e}") from e


def rasterize_pdf(
    src: Path,
    dst: Path,
    dpi: int,
    skew_deg: float = 0,
    noise: float = 0,
    rotate: int = 0,
    pages: list[int] | None = None,
    ocr_layer: bool = False,
) -> None:
    """Write ``dst``: an image-only copy of ``src`` as if printed and scanned at ``dpi``; with
    ``ocr_layer`` (straight scans only), the source's words lie under each image as invisible
    text, as after OCR software has made the scan searchable.

    Pages are rendered greyscale (pdftoppm, or pdfium where poppler is missing), turned
    anticlockwise by ``skew_deg`` degrees, given grain and dust in proportion to ``noise``
    (0..1; 0.1 is a poor photocopy), and turned clockwise by ``rotate`` (0/90/180/270, a page
    fed in sideways). ``pages`` (1-based) picks pages, all by default. Same arguments, same bytes.
    """
    settings = ScanSettings(dpi=dpi, skew_deg=float(skew_deg), noise=float(noise), rotate=rotate)
    n = _page_count(src)
    wanted = list(range(1, n + 1)) if pages is None else list(pages)
    bad = [p for p in wanted if not 1 <= p <= n]
    if bad:
        raise ScanError(f"{src} has {n} pages; no page {bad[0]}")
    images = []
    with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
        for page_no in wanted:
            if shutil.which("pdftoppm"):
                gray = _render_pdftoppm(src, page_no, dpi, Path(tmp))
            else:
                gray = _render_pdfium(src, page_no, dpi)
            images.append(scan_image(gray, settings, seed=page_no))
    layers = None
    if ocr_layer:
        if skew_deg or rotate:
            raise ScanError("an OCR layer is only written for straight scans (no skew, no rotation)")
        import pdfplumber

        with pdfplumber.open(src) as pdf:
            layers = [[(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w["size"])
                       for w in pdf.pages[p - 1].extract_words(extra_attrs=["size"])] for p in wanted]
    write_image_pdf(images, dpi, dst, layers, scan_recipe(src, settings, wanted, ocr_layer))


def scan_recipe(src: Path, settings: ScanSettings, pages: list[int], ocr_layer: bool) -> str:
    """What a scan was made from and how: the source's SHA-256 and the settings.

    The pixels also depend on the renderer and OpenCV's interpolation, which change between
    releases; the recipe does not, so a committed scan is checked for staleness by its recipe
    (see :func:`read_scan_recipe`), while the bytes stay reproducible within one environment."""
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    return (f"nap-scan source-sha256={digest} dpi={settings.dpi} skew={settings.skew_deg:g} "
            f"noise={settings.noise:g} rotate={settings.rotate} pages={','.join(map(str, pages))} "
            f"ocr-layer={int(ocr_layer)}")


def read_scan_recipe(path: Path) -> str | None:
    """The recipe :func:`rasterize_pdf` wrote into ``path``, or None for a PDF not made by it."""
    doc = pypdfium2.PdfDocument(str(path))
    try:
        keywords = doc.get_metadata_dict().get("Keywords", "")
    finally:
        doc.close()
    return keywords if keywords.startswith("nap-scan ") else None
