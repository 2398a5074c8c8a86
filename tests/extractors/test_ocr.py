"""OCR path: scans of a ruled matrix page and a prose page read back into the same layout.

The born-digital pages are drawn with reportlab, scanned with ``samples.scan.rasterize_pdf``
(150 and 200 dpi, skew, grain, a page fed in sideways) and read with ``extractors.ocr``; the
words, the grid shape and the merged cells must come back as on the originals.
"""

from __future__ import annotations

import json
import shutil
from contextlib import nullcontext
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.grid import ruled_tables
from extractors.layout import page_to_layout
from extractors.model import PageLayout, Word
from extractors.ocr import (
    OcrSettings,
    choose_dpi,
    deskew,
    estimate_skew,
    find_rulings,
    ink_mask,
    page_needs_ocr,
    read_bar,
    read_roman_label,
)
from pipeline.ocr import OcrPagesError, ocr_page, ocr_page_result, ocr_pages
from samples.scan import rasterize_pdf

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftoppm") is None,
    reason="tesseract and pdftoppm are needed for the OCR tests",
)

FONT, BOLD = "Helvetica", "Helvetica-Bold"
X = (60.0, 150.0, 420.0, 535.0)  # column edges of the matrix
ACTIONS = (
    "1) Provide training on gender, peace and security for defence personnel",
    "2) Integrate women, peace and security modules into military education",
    "3) Support the participation of women in peace negotiations abroad",
    "4) Fund grassroots women's organisations in conflict-affected areas",
)
PROSE = (
    "1. The Government adopted its first National Action Plan on Women, Peace and Security in "
    "2014 to implement Security Council resolution 1325 and the resolutions that followed it. "
    "The plan sets out strategies, actions and the ministries responsible for each action, and "
    "it is reviewed every year by an inter-ministerial committee chaired by the Ministry of "
    "Gender Equality and Family together with civil society organisations."
)


def _lines(c: canvas.Canvas, text: str, x: float, y: float, width: float, font: str = FONT, size: float = 10) -> float:
    """Draw ``text`` wrapped to ``width`` from baseline ``y`` down; the baseline after the last line."""
    from reportlab.lib.utils import simpleSplit

    c.setFont(font, size)
    for line in simpleSplit(text, font, size, width):
        c.drawString(x, y, line)
        y -= size * 1.25
    return y


def _matrix_page(c: canvas.Canvas) -> None:
    _, h = A4
    c.setFont(BOLD, 14)
    c.drawString(X[0], h - 70, "Annex. Matrix of the National Action Plan")
    top = h - 100
    rows = [top, top - 40] + [top - 40 - 36 * (i + 1) for i in range(4)]
    c.setLineWidth(0.8)
    for y in (rows[0], rows[1], rows[-1]):
        c.line(X[0], y, X[-1], y)
    for y in rows[2:-1]:  # inner action rows: the Action label cell spans all four
        c.line(X[1], y, X[2], y)
    c.line(X[2], rows[3], X[3], rows[3])  # MND over rows 1-2, MOFA/KOICA over rows 3-4
    for x in X:
        c.line(x, rows[0], x, rows[-1])
    _lines(c, "Strategy", X[0] + 5, rows[0] - 15, X[1] - X[0] - 10, BOLD)
    strategy = "1.1. Build capacity of women peace-builders in conflict prevention"
    _lines(c, strategy, X[1] + 5, rows[0] - 15, X[2] - X[1] - 10, BOLD)
    _lines(c, "Implementing Ministry/Agency", X[2] + 5, rows[0] - 15, X[3] - X[2] - 10, BOLD)
    c.setFont(FONT, 10)
    c.drawString(X[0] + 5, (rows[1] + rows[-1]) / 2 - 4, "Action")
    for i, text in enumerate(ACTIONS):
        _lines(c, text, X[1] + 5, rows[i + 1] - 15, X[2] - X[1] - 10)
    c.drawString(X[2] + 5, (rows[1] + rows[3]) / 2 - 4, "MND")
    c.drawString(X[2] + 5, (rows[3] + rows[5]) / 2 + 2, "MOFA")
    c.drawString(X[2] + 5, (rows[3] + rows[5]) / 2 - 10, "KOICA")
    c.setFont(FONT, 9)
    c.drawString(X[0], 40, "Page 12")


def _prose_page(c: canvas.Canvas) -> None:
    _, h = A4
    c.setFont(BOLD, 14)
    c.drawString(72, h - 80, "I. Introduction")
    y = _lines(c, PROSE, 72, h - 110, A4[0] - 144, size=11)
    last = "2. Progress is reported to the National Assembly in the first quarter of each year."
    _lines(c, last, 72, y - 8, A4[0] - 144, size=11)


def build_plan(path: Path) -> Path:
    """A two-page born-digital plan: the ruled matrix page, then a prose page."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _matrix_page(c)
    c.showPage()
    _prose_page(c)
    c.showPage()
    c.save()
    return path


def _layouts(path: Path, with_pdfium: bool = True) -> list[tuple[PageLayout, str | None]]:
    """Each page's layout and OCR reason; the test opens the file in PDFium (the pipeline's job)
    and hands its pages in, or hands none in (``with_pdfium=False``)."""
    doc = pypdfium2.PdfDocument(str(path))
    try:
        with pdfplumber.open(path) as pdf:
            out = []
            for i, page in enumerate(pdf.pages):
                layout = page_to_layout(page, "doc")
                opener = (lambda i=i: nullcontext(doc[i])) if with_pdfium else None
                out.append((layout, page_needs_ocr(page, layout, opener)))
            return out
    finally:
        doc.close()


def recovered(original: list[Word], found: list[Word], tol: float = 6.0) -> float:
    """Share of the original words found by OCR with the same text at about the same place."""
    free = list(found)
    hits = 0
    for w in original:
        match = next(
            (f for f in free if f.text == w.text and abs(f.xc - w.xc) <= tol and abs(f.yc - w.yc) <= tol), None
        )
        if match is not None:
            hits += 1
            free.remove(match)
    return hits / len(original)


def _grid(layout: PageLayout) -> list[tuple[int, int, tuple[tuple[int, int, int, int], ...]]]:
    return [
        (t.n_rows, t.n_cols, tuple(sorted((c.row, c.col, c.rowspan, c.colspan) for c in t.cells)))
        for t in ruled_tables(layout)
    ]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr")


@pytest.fixture(scope="module")
def plan(work: Path) -> Path:
    return build_plan(work / "plan.pdf")


@pytest.fixture(scope="module")
def originals(plan: Path) -> list[PageLayout]:
    return [layout for layout, _ in _layouts(plan)]


SCANS: dict[str, dict[str, float]] = {
    "150dpi": {"dpi": 150},
    "200dpi": {"dpi": 200},
    "skewed": {"dpi": 200, "skew_deg": 1.5},
    "noisy": {"dpi": 200, "noise": 0.12},
    "sideways": {"dpi": 200, "rotate": 90},
}


@pytest.fixture(scope="module")
def scans(plan: Path, work: Path) -> dict[str, Path]:
    out = {}
    for name, kwargs in SCANS.items():
        out[name] = work / f"scan-{name}.pdf"
        rasterize_pdf(plan, out[name], **kwargs)  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="module")
def read(scans: dict[str, Path]) -> dict[str, list[PageLayout]]:
    """Every scanned page read once (the tests below share the results)."""
    settings = OcrSettings(languages="eng")
    out = {}
    for name, path in scans.items():
        with pdfplumber.open(path) as pdf:
            dims = [(p.page_number, float(p.width), float(p.height)) for p in pdf.pages]
        out[name] = [ocr_page(path, n, w, h, "doc", settings) for n, w, h in dims]
    return out


# ---------------------------------------------------------------- scans


def test_rasterize_is_reproducible(plan: Path, work: Path) -> None:
    a, b = work / "a.pdf", work / "b.pdf"
    rasterize_pdf(plan, a, 100, skew_deg=1.0, noise=0.1, pages=[2])
    rasterize_pdf(plan, b, 100, skew_deg=1.0, noise=0.1, pages=[2])
    assert a.read_bytes() == b.read_bytes()
    with pdfplumber.open(a) as pdf:
        assert len(pdf.pages) == 1 and not pdf.pages[0].chars and len(pdf.pages[0].images) == 1


def test_page_needs_ocr_on_scans_not_on_originals(plan: Path, scans: dict[str, Path]) -> None:
    assert [reason for _, reason in _layouts(plan)] == [None, None]
    for path in scans.values():
        assert [reason for _, reason in _layouts(path)] == ["no_text_layer", "no_text_layer"]


@needs_tesseract
@pytest.mark.parametrize("name", list(SCANS))
def test_words_recovered(name: str, originals: list[PageLayout], read: dict[str, list[PageLayout]]) -> None:
    for original, scanned in zip(originals, read[name], strict=True):
        assert scanned.ocr and (scanned.width, scanned.height) == pytest.approx((original.width, original.height), abs=1)
        assert recovered(list(original.words), list(scanned.words)) >= 0.95
        assert all(w.conf is not None and 0 <= w.conf <= 1 for w in scanned.words)
        pairs = [(w, f) for w in original.words for f in scanned.words
                 if f.text == w.text and abs(f.xc - w.xc) <= 6 and abs(f.yc - w.yc) <= 6]
        assert sum(abs(f.size - w.size) <= 0.5 for w, f in pairs) >= 0.9 * len(pairs)  # font size from the ink
        assert sum(f.bold == w.bold for w, f in pairs) >= 0.9 * len(pairs)  # weight from the stroke width


@needs_tesseract
@pytest.mark.parametrize("name", list(SCANS))
def test_grid_and_spans_as_born_digital(name: str, originals: list[PageLayout], read: dict[str, list[PageLayout]]) -> None:
    expected = _grid(originals[0])
    assert expected == [(5, 3, ((0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 0, 4, 1), (1, 1, 1, 1), (1, 2, 2, 1),
                                (2, 1, 1, 1), (3, 1, 1, 1), (3, 2, 2, 1), (4, 1, 1, 1)))]
    assert _grid(read[name][0]) == expected
    assert _grid(read[name][1]) == []
    table = ruled_tables(read[name][0])[0]
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert cells[(1, 0)] == "Action"
    assert cells[(1, 2)] == "MND" and cells[(3, 2)] == "MOFA\nKOICA"
    assert [cells[(r, 1)][:3] for r in range(1, 5)] == ["1) ", "2) ", "3) ", "4) "]
    for cell in ruled_tables(originals[0])[0].cells:  # every cell reads (almost) as printed
        assert SequenceMatcher(None, cell.text, cells[(cell.row, cell.col)]).ratio() >= 0.9, cell.text


@needs_tesseract
def test_sideways_page_comes_back_upright(read: dict[str, list[PageLayout]]) -> None:
    assert [p.rotation for p in read["sideways"]] == [90, 90]
    assert [p.rotation for p in read["200dpi"]] == [0, 0]


@needs_tesseract
def test_cache_skips_tesseract(scans: dict[str, Path], work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import ocr

    cache = work / "cache"
    settings = OcrSettings(languages="eng", cache_dir=cache)
    path = scans["150dpi"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        dims = (float(page.width), float(page.height))
    first = ocr_page_result(path, 2, *dims, "doc", settings)
    files = list(cache.rglob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["words"]

    def no_tesseract(*args: object, **kwargs: object) -> None:
        raise AssertionError("tesseract ran although the page is cached")

    monkeypatch.setattr(ocr, "_run_tesseract", no_tesseract)
    second = ocr_page_result(path, 2, *dims, "other-doc", settings)
    assert second.cached and not first.cached
    assert second.layout == replace(first.layout, doc_id="other-doc")


@needs_tesseract
def test_ocr_pages_in_parallel_matches_one_by_one(scans: dict[str, Path], read: dict[str, list[PageLayout]]) -> None:
    path = scans["200dpi"]
    with pdfplumber.open(path) as pdf:
        dims = [(p.page_number, float(p.width), float(p.height)) for p in pdf.pages]
    got = ocr_pages(path, dims, "doc", OcrSettings(languages="eng", workers=2))
    assert got == {1: read["200dpi"][0], 2: read["200dpi"][1]}


def _with_text_layer(plan: Path, original: PageLayout, dst: Path, shift: float = 0.0, garble: bool = False) -> Path:
    """A page image with an invisible text layer (render mode 3) over it, as OCR software makes."""
    import io

    import pypdfium2
    from reportlab.lib.utils import ImageReader

    doc = pypdfium2.PdfDocument(str(plan))
    try:
        image = doc[original.page_no - 1].render(scale=150 / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    c = canvas.Canvas(str(dst), pagesize=(original.width, original.height), invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=original.width, height=original.height)
    text = c.beginText()
    text.setTextRenderMode(3)
    for i, w in enumerate(original.words):
        text.setFont(FONT, w.size)
        text.setTextOrigin(w.x0, original.height - (w.bottom - 0.21 * w.size) - shift)
        text.textOut("~;^" + str(i % 7) + "]|" if garble else w.text)
    c.drawText(text)
    c.showPage()
    c.save()
    return dst


def test_page_needs_ocr_text_layers(plan: Path, originals: list[PageLayout], work: Path) -> None:
    prose = originals[1]
    good = _with_text_layer(plan, prose, work / "layer-good.pdf")
    shifted = _with_text_layer(plan, prose, work / "layer-shifted.pdf", shift=300)
    garbled = _with_text_layer(plan, prose, work / "layer-garbled.pdf", garble=True)
    assert [reason for _, reason in _layouts(good)] == [None]
    assert [reason for _, reason in _layouts(shifted)] == ["invisible_text_mismatch"]
    assert [reason for _, reason in _layouts(garbled)] == ["invisible_text_mismatch"]
    # without a PDFium page the image checks are skipped: the extractor opens no file itself
    assert [reason for _, reason in _layouts(shifted, with_pdfium=False)] == [None]


def test_page_needs_ocr_unmapped_glyphs_and_blank_pages() -> None:
    from types import SimpleNamespace

    cids = [{"text": f"(cid:{i})"} for i in range(40)]
    words = (Word("(cid:1)(cid:2)", 10, 10, 30, 20),)
    page = SimpleNamespace(chars=cids, images=[], curves=[], pdf=None, page_number=1)
    assert page_needs_ocr(page, PageLayout("doc", 1, 600, 800, words)) == "unmapped_glyphs"
    blank = SimpleNamespace(chars=[], images=[], curves=[], pdf=None, page_number=1)
    assert page_needs_ocr(blank, PageLayout("doc", 1, 600, 800, ())) is None
    outlined = SimpleNamespace(chars=[], images=[], curves=[{}] * 500, pdf=None, page_number=1)
    assert page_needs_ocr(outlined, PageLayout("doc", 1, 600, 800, ())) == "vector_text"


def _synthetic_table() -> np.ndarray:
    """A 300-dpi-like image: a ruled grid (one short cell border in a one-line row) with text."""
    img = np.full((600, 800), 255, np.uint8)
    for y in (100, 200, 260):
        cv2.line(img, (50, y), (750, y), 0, 3)
    for x in (50, 400, 750):
        cv2.line(img, (x, 100), (x, 260), 0, 3)
    cv2.line(img, (600, 200), (600, 260), 0, 3)
    for x, y, text in ((70, 160, "Illustrated lil"), (420, 160, "Build 1.1"), (70, 245, "Hill"), (620, 245, "IH")):
        cv2.putText(img, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
    return img


def test_find_rulings_takes_lines_not_glyph_stems() -> None:
    runs, lines = find_rulings(ink_mask(_synthetic_table()), 300 / 72)
    rows = sorted(round(pos) for horizontal, pos, _, _ in runs if horizontal)
    cols = sorted(round(pos) for horizontal, pos, _, _ in runs if not horizontal)
    assert rows == [100, 200, 260]
    assert cols == [50, 400, 600, 750]
    assert lines[100, 300] and not lines[150, 75]


def test_estimate_skew_and_deskew() -> None:
    from samples.scan import skew

    img = _synthetic_table()
    assert estimate_skew(ink_mask(img)) == 0.0
    turned = skew(img, 2.0)
    angle = estimate_skew(ink_mask(turned))
    assert angle == pytest.approx(2.0, abs=0.1)
    assert estimate_skew(ink_mask(deskew(turned, angle))) == pytest.approx(0.0, abs=0.1)


def test_choose_dpi_reads_small_print_closer() -> None:
    settings = OcrSettings(dpi=300, max_dpi=600, target_char_px=22)
    assert choose_dpi(300, 30.0, settings) == 300
    assert choose_dpi(300, None, settings) == 300  # no text-like ink
    assert choose_dpi(300, 16.0, settings) == 400
    assert choose_dpi(300, 5.0, settings) == 600  # capped
    with pytest.raises(ValueError):
        OcrSettings(dpi=300, max_dpi=200)


@pytest.mark.parametrize("field", ["no_text_image_cover", "text_image_cover", "unmapped_share"])
def test_ocr_need_thresholds_are_shares(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        OcrSettings(**{field: 1.5})


def test_a_page_without_text_needs_ocr_from_the_image_cover_of_the_settings() -> None:
    class Page:  # a pdfplumber-like page: one image over 40 % of it, two characters of text
        chars = [{"text": "x"}, {"text": "y"}]
        images = [{"x0": 0, "top": 0, "x1": 600, "bottom": 320}]
        curves: list = []

    layout = PageLayout("doc", 1, 600, 800, (Word("xy", 10, 10, 30, 20),))
    assert page_needs_ocr(Page(), layout) == "no_text_layer"  # 0.4 >= no_text_image_cover 0.3
    assert page_needs_ocr(Page(), layout, settings=OcrSettings(no_text_image_cover=0.5)) is None


def test_tesseract_runs_with_its_thread_limit_in_its_own_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import subprocess

    from extractors import ocr

    seen: dict = {}

    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        seen.update(args=args, env=kwargs["env"])
        return subprocess.CompletedProcess(args, 0, b"level\tpage_num\ttext\n1\t1\t\n", b"")

    before = dict(os.environ)
    monkeypatch.setattr(ocr.subprocess, "run", run)
    data = ocr.tesseract_data(np.full((40, 40), 255, np.uint8), "eng", threads=3)
    assert data == {"level": [1], "page_num": [1], "text": [""]}
    assert seen["env"]["OMP_THREAD_LIMIT"] == "3" and seen["args"][1:3] == ["stdin", "stdout"]
    assert dict(os.environ) == before


def test_read_bar_and_roman_labels() -> None:
    assert read_bar("|.") == "I." and read_bar("||)") == "II)" and read_bar("a|so") == "also"
    assert read_bar("|") == "|" and read_bar("|ocal") == "|ocal"
    assert read_roman_label("ll.") == "II." and read_roman_label("lV)") == "IV)"
    assert read_roman_label("all.") == "all." and read_roman_label("ll") == "ll" and read_roman_label("lIII.") == "lIII."


def test_ocr_pages_reports_failed_pages(scans: dict[str, Path]) -> None:
    with pytest.raises(OcrPagesError) as err:
        ocr_pages(scans["150dpi"], [(9, 595.0, 842.0)], "doc", OcrSettings(languages="eng"))
    assert err.value.partial == {} and list(err.value.failures) == [9]
    assert "no page 9" in str(err.value)
