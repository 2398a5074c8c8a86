"""The PDFium page reader gives the layout the pdfplumber reader gives.

Two sets of checks:

* synthetic pages (reportlab, no corpus needed): a page with bold and plain text, a ruled table,
  a filled band, stroked boxes, sideways text, curves and a form XObject holding lines and text,
  shown under every ``/Rotate`` and with MediaBoxes and CropBoxes off the origin. The two readers
  must agree to a hundredth of a point: same page size and rotation, same words (text, box, size,
  weight), rulings, fills and ruled tables.
* real PDFs of ``../shared/corpus`` (skipped when absent): a sample of files, rotated ones and
  ones with filled cells among them. Page size and rotation are the same; at least 98 % of
  pdfplumber's words have a PDFium word with the same text within 2 pt, and those words have the
  same size and weight; the ruled tables have the same shape, spans and cell texts.

Text is compared after NFKC normalisation with whitespace removed. NFKC: pdfminer reports Arabic
in presentation forms (U+FExx), PDFium in base letters, and ligatures either as one char or as
letters. Whitespace: a glyph whose ToUnicode text carries a space (" .") keeps it in pdfplumber's
word, and pdfplumber splits words where two neighbouring chars' box heights differ by float noise
(its word grouping runs per (upright, size) run): "LE GISLATIVE" in a cell is "LEGISLATIVE" read
with PDFium, the same cell text.

Files where the two readers legitimately differ are listed in ``KNOWN_DIFFERENCES`` with the
reason; they are expected to fail the comparison (strictly: one that starts passing must leave
the list).
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

pdfium = pytest.importorskip("pypdfium2")

from extractors.grid import ruled_tables  # noqa: E402
from extractors.layout import LayoutSettings, page_to_layout  # noqa: E402
from extractors.model import PageLayout  # noqa: E402
from extractors.pdfium_layout import pdfium_page_to_layout  # noqa: E402
from tests.conftest import CORPUS, need  # noqa: E402

# file → pages (1-based) that must read alike
SAMPLE: dict[str, tuple[int, ...]] = {
    "camelot/anticlockwise_table_1.pdf": (1,),  # table drawn sideways, read upright
    "camelot/clockwise_table_1.pdf": (1,),  # the same turned the other way (/Rotate 180 page)
    "pdfplumber/nics-background-checks-2015-11-rotated.pdf": (1,),  # /Rotate 90 landscape page
    "icdar2013/eu-001.pdf": (1, 2, 3),  # page 3: filled header and row cells
    "icdar2013/eu-015.pdf": (1, 2),
    "camelot/district_health.pdf": (1,),  # a grid of abutting filled cells
    "camelot/row_span_1.pdf": (1,),
    "camelot/column_span_2.pdf": (1,),
    "camelot/vertical_header.pdf": (1, 2),  # sideways header cells
    "camelot/superscript.pdf": (1,),
    "camelot/tabula__arabic.pdf": (1,),  # right-to-left text
    "pdfplumber/table-curves-example.pdf": (1,),  # cell borders drawn as curves
    "pdfplumber/pdffill-demo.pdf": (1,),
    "tabula/spanning_cells.pdf": (1,),
    "tabula/us-020.pdf": (1,),
    "un/S_2025_176.en.pdf": (1, 2),  # Security Council report: dense text, footnotes
    "un/A_80_596.pdf": (1, 2),  # budget report with indicator tables
}

# file → (pages, why the two readers differ there)
KNOWN_DIFFERENCES: dict[str, tuple[tuple[int, ...], str]] = {
    # Date fields padded with runs of spaces that run over the next field: pdfminer keeps every
    # space, and sorted by x they fall between the next field's digits ("0 7 / 0 1 / 2 0 15");
    # PDFium collapses a run of spaces to one, so the dates stay whole.
    "pdfplumber/WARN-Report-for-7-1-2015-to-03-25-2016.pdf": ((1,), "padding spaces over text"),
    # Small capitals tagged with /ActualText: pdfminer reads the glyphs' ToUnicode ("hungary",
    # "InForMATIon"), PDFium the ActualText ("Hungary", "INFORMATION").
    "icdar2013/eu-017.pdf": ((2,), "/ActualText"),
    # The font descriptor says Ascent 0 / Descent 0 (LibreOffice): pdfminer's char boxes start
    # at the baseline, PDFium takes the descent from the font's bbox: every word sits 3.6 pt lower.
    "pdfplumber/pdf_structure.pdf": ((1,), "zero font descent"),
    # Text drawn twice, slightly offset, for a bold effect: PDFium keeps one copy, pdfminer both
    # ("安安徽徽", "ANHUI" twice).
    "pdfplumber/issue-842-example.pdf": ((1,), "duplicated text"),
    # Hebrew: PDFium mirrors brackets in right-to-left runs ("(אלל" for "אלל)").
    "tabula/indictb1h_14.pdf": ((1,), "right-to-left mirroring"),
    # Glyphs without a Unicode mapping: pdfminer gives "(cid:129)", PDFium its guess "•"
    # (a cell text differs).
    "camelot/diesel_engines.pdf": ((2,), "unmapped glyphs"),
    # A non-embedded Symbol font: pdfminer decodes 'c' (and its AFM width), PDFium 'χ'.
    "icdar2013/eu-025.pdf": ((2,), "Symbol font"),
    # The text matrix is turned by 2e-4 degrees: pdfminer's box heights then differ from char
    # to char in the fifth decimal, and pdfplumber's (upright, size) runs cut words ("A" "nnu"
    # "a" "l" for "Annual"); PDFium-side sizes are rounded to 1e-4 pt.
    "camelot/background_lines_1.pdf": ((1,), "box-height noise splits words"),
}

MIN_WORD_AGREEMENT = 0.98
TOLERANCE_PT = 2.0


# ---------------------------------------------------------------- comparison


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _matches(ref: PageLayout, other: PageLayout, tol: float) -> list[tuple]:
    """(pdfplumber word, PDFium word or None) for each of ``ref``'s words."""
    by_text: dict[str, list] = {}
    for w in other.words:
        by_text.setdefault(_norm(w.text), []).append(w)
    pairs = []
    for w in ref.words:
        near = [
            m for m in by_text.get(_norm(w.text), ()) if max(abs(a - b) for a, b in zip(w.bbox, m.bbox)) <= tol
        ]
        best = min(near, key=lambda m: sum(abs(a - b) for a, b in zip(w.bbox, m.bbox)), default=None)
        pairs.append((w, best))
    return pairs


def _tables(layout: PageLayout) -> list:
    return [
        (t.n_rows, t.n_cols, [(c.row, c.col, c.rowspan, c.colspan, _norm(c.text)) for c in t.cells])
        for t in ruled_tables(layout)
    ]


def assert_same_layout(ref: PageLayout, got: PageLayout, where: str) -> None:
    assert (got.width, got.height, got.rotation) == (ref.width, ref.height, ref.rotation), where
    assert got.page_no == ref.page_no, where
    if ref.words:
        pairs = _matches(ref, got, TOLERANCE_PT)
        matched = [(w, m) for w, m in pairs if m is not None]
        share = len(matched) / len(pairs)
        missing = [w.text for w, m in pairs if m is None][:10]
        assert share >= MIN_WORD_AGREEMENT, f"{where}: {share:.3f} of the words agree; missing e.g. {missing}"
        same_style = sum(1 for w, m in matched if m.bold == w.bold and abs(m.size - w.size) <= 0.05)
        assert same_style >= MIN_WORD_AGREEMENT * len(matched), f"{where}: sizes/weights differ"
    assert _tables(got) == _tables(ref), f"{where}: ruled tables differ"


def _read_both(path: Path, pages: tuple[int, ...]) -> list[tuple[int, PageLayout, PageLayout]]:
    out = []
    doc = pdfium.PdfDocument(path)
    try:
        with pdfplumber.open(path) as pdf:
            for page_no in pages:
                ref = page_to_layout(pdf.pages[page_no - 1], path.stem)
                page = doc[page_no - 1]
                got = pdfium_page_to_layout(page, page_no, path.stem)
                page.close()
                out.append((page_no, ref, got))
    finally:
        doc.close()
    return out


# ---------------------------------------------------------------- real PDFs


def _corpus_file(rel: str) -> Path:
    return need(CORPUS / rel)


@pytest.mark.corpus
@pytest.mark.parametrize("rel", sorted(SAMPLE))
def test_corpus_pages_read_alike(rel: str) -> None:
    for page_no, ref, got in _read_both(_corpus_file(rel), SAMPLE[rel]):
        assert_same_layout(ref, got, f"{rel} p{page_no}")


@pytest.mark.corpus
@pytest.mark.parametrize(
    "rel",
    [
        pytest.param(rel, marks=pytest.mark.xfail(strict=True, reason=reason))
        for rel, (_, reason) in sorted(KNOWN_DIFFERENCES.items())
    ],
)
def test_known_differences_still_differ(rel: str) -> None:
    pages, _ = KNOWN_DIFFERENCES[rel]
    for page_no, ref, got in _read_both(_corpus_file(rel), pages):
        # what does hold even here
        assert (got.width, got.height, got.rotation) == (ref.width, ref.height, ref.rotation)
        assert_same_layout(ref, got, f"{rel} p{page_no}")


@pytest.mark.corpus
def test_rotated_pages_are_turned_upright() -> None:
    path = _corpus_file("pdfplumber/nics-background-checks-2015-11-rotated.pdf")
    ((_, ref, got),) = _read_both(path, (1,))
    assert got.rotation == ref.rotation and got.rotation in (90, 270)
    assert (got.width, got.height) == (ref.width, ref.height) and got.width > got.height


@pytest.mark.corpus
def test_filled_cells_become_fills_and_rulings() -> None:
    path = _corpus_file("icdar2013/eu-001.pdf")
    ((_, ref, got),) = _read_both(path, (3,))
    assert ref.fills and len(got.fills) == len(ref.fills)
    for fill in ref.fills:
        assert any(max(abs(a - b) for a, b in zip(fill, other)) <= 0.05 for other in got.fills)
    assert ruled_tables(got) and _tables(got) == _tables(ref)


# ---------------------------------------------------------------- synthetic pages


def _synthetic_pdf() -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib.colors import Color
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 720, "National Action Plan 2024-2028")
    c.setFont("Times-Roman", 10)
    for k in range(6):
        c.drawString(72, 690 - 14 * k, f"Line {k}: women, peace and security (resolution 1325) - item {k * 7}")
    xs, ys = [72, 200, 330, 460], [600, 580, 560, 540]
    for y in ys:  # a ruled 3 x 3 table; in its middle row the last two cells are one
        c.line(xs[0], y, xs[-1], y)
    for x in (xs[0], xs[1], xs[3]):
        c.line(x, ys[0], x, ys[-1])
    c.line(xs[2], ys[0], xs[2], ys[1])
    c.line(xs[2], ys[2], xs[2], ys[3])
    c.setFont("Helvetica", 9)
    for r in range(3):
        for col in range(3):
            if not (r == 1 and col == 2):
                c.drawString(xs[col] + 4, ys[r] - 14, f"r{r}c{col}")
    c.setFillColor(Color(0.8, 0.8, 0.9))
    c.rect(72, 480, 388, 20, stroke=0, fill=1)  # a filled band
    c.setFillColor(Color(0, 0, 0))
    c.rect(72, 420, 194, 60, stroke=1, fill=0)
    c.rect(266, 420, 194, 60, stroke=1, fill=0)
    c.drawString(80, 440, "Ministry of Gender")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(280, 440, "Budget 12,500")
    c.saveState()
    c.translate(540, 300)
    c.rotate(90)
    c.setFont("Helvetica", 8)
    c.drawString(0, 0, "sideways note")
    c.restoreState()
    c.beginForm("box")  # a form XObject: its lines and text count too
    for x0, y0, x1, y1 in ((0, 0, 100, 0), (0, 0, 0, 40), (100, 0, 100, 40), (0, 40, 100, 40)):
        c.line(x0, y0, x1, y1)
    c.setFont("Helvetica", 9)
    c.drawString(5, 15, "inside form")
    c.endForm()
    c.saveState()
    c.translate(72, 300)
    c.doForm("box")
    c.restoreState()
    c.bezier(300, 300, 320, 340, 360, 340, 380, 300)
    c.roundRect(400, 250, 100, 40, 6)
    c.showPage()
    c.save()
    return buf.getvalue()


def _variant(data: bytes, rotation: int, mediabox: tuple[float, ...], cropbox: tuple[float, ...] | None) -> bytes:
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    page.set_rotation(rotation)
    page.set_mediabox(*mediabox)
    if cropbox:
        page.set_cropbox(*cropbox)
    page.close()
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def _close(a: tuple[float, ...], b: tuple[float, ...], tol: float = 0.02) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize(
    "mediabox,cropbox",
    [((0, 0, 612, 792), None), ((20, 30, 600, 780), None), ((-10, -20, 612, 792), (0, 0, 600, 700))],
)
def test_synthetic_page_reads_exactly_alike(rotation, mediabox, cropbox) -> None:
    data = _variant(_synthetic_pdf(), rotation, mediabox, cropbox)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        ref = page_to_layout(pdf.pages[0], "synthetic")
    doc = pdfium.PdfDocument(data)
    got = pdfium_page_to_layout(doc[0], 1, "synthetic")
    doc.close()
    assert (got.width, got.height, got.rotation) == (ref.width, ref.height, ref.rotation)
    assert len(got.words) == len(ref.words) > 30
    for w, m in zip(ref.words, got.words):  # same words in the same order
        assert (m.text, m.bold, m.upright) == (w.text, w.bold, w.upright)
        assert _close(m.bbox, w.bbox) and abs(m.size - w.size) <= 0.02, (w, m)
    assert len(got.rulings) == len(ref.rulings)
    for r, s in zip(ref.rulings, got.rulings):
        assert _close((r.x0, r.top, r.x1, r.bottom), (s.x0, s.top, s.x1, s.bottom)), (r, s)
    assert len(got.fills) == len(ref.fills) == 1 and _close(got.fills[0], ref.fills[0])
    assert _tables(got) == _tables(ref)
    table = max(ruled_tables(got), key=lambda t: t.n_rows * t.n_cols)
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert any(c.colspan == 2 and c.text == "r1c1" for c in table.cells)
    texts = {w.text for w in got.words}
    assert {"inside", "form", "Budget"} <= texts
    if rotation == 0:  # the sideways note (cut in pieces, as pdfplumber does; turned pages set upright)
        assert any(not w.upright for w in got.words)
    assert any(w.bold and w.text == "Budget" for w in got.words)


def test_settings_and_page_number_are_used() -> None:
    data = _synthetic_pdf()
    settings = LayoutSettings(y_tolerance_pt=1.0, min_ruling_pt=50.0)  # drops the form's 40 pt sides
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        ref = page_to_layout(pdf.pages[0], "doc", settings)
    doc = pdfium.PdfDocument(data)
    got = pdfium_page_to_layout(doc[0], 7, "doc", settings)
    doc.close()
    assert got.page_no == 7 and got.doc_id == "doc"
    assert [w.text for w in got.words] == [w.text for w in ref.words]
    assert len(got.rulings) == len(ref.rulings) < len(pdfium_page_to_layout(pdfium.PdfDocument(data)[0], 7, "doc").rulings)


def _minimal_pdf(content: bytes, page_tree_keys: bytes, page_keys: bytes) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 " + page_tree_keys + b" >>",
        b"<< /Type /Page /Parent 2 0 R " + page_keys + b" /Contents 4 0 R /Resources << /Font << /F1 "
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def test_mediabox_and_rotation_inherited_from_the_page_tree() -> None:
    content = b"BT /F1 12 Tf 20 350 Td (Inherited boxes) Tj ET 10 10 m 290 10 l S 10 10 m 10 380 l S"
    data = _minimal_pdf(content, b"/MediaBox [0 0 300 400] /Rotate 90", b"")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        ref = page_to_layout(pdf.pages[0], "tree")
    doc = pdfium.PdfDocument(data)
    got = pdfium_page_to_layout(doc[0], 1, "tree")
    doc.close()
    assert (got.width, got.height, got.rotation) == (ref.width, ref.height, ref.rotation)
    assert [(w.text, w.bbox) for w in got.words] == [(w.text, w.bbox) for w in ref.words]
    assert got.rulings == ref.rulings
