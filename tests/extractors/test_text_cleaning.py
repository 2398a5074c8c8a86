"""Text that cannot be encoded is cleaned once, where words enter the model.

Regression: ``us-norfolk-cap-2019.pdf`` crashed the batch with ``UnicodeEncodeError: surrogates
not allowed`` in spaCy's tokenizer (``actors.find_mentions``): PDFium gives characters outside
the Basic Multilingual Plane (math italic 𝐶𝑂) as two UTF-16 code units, and broken ToUnicode
maps give lone surrogates, NULs and control characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.layout import LayoutSettings, _words_from_chars
from extractors.model import clean_word_text
from pipeline.extract import extract_document
from pipeline.normalize import normalize_document
from pipeline.run import load_references
from pipeline.settings import PipelineSettings
from tests.conftest import record_strings


@pytest.mark.parametrize("raw,clean", [
    ("Climate", "Climate"),
    ("\ud835\udc36\ud835\udc42", "\U0001d436\U0001d442"),  # a valid pair is the real character: 𝐶𝑂
    ("CO\ud835", "CO\ufffd"),  # a lone high surrogate
    ("\udc00ab", "\ufffdab"),  # a lone low surrogate
    ("\udc36\ud835", "\ufffd\ufffd"),  # a pair in the wrong order is two lone ones
    ("peace\x00keeping", "peacekeeping"),  # NUL
    ("a\x1bb\x7fc\x85d\x9f", "abcd"),  # C0, DEL, C1
    ("tab\there\nnewline", "tab\there\nnewline"),  # tab and newline stay
    ("x\ufffey\ufdd0z\U0001ffff", "xyz"),  # noncharacters
    ("\ue000 priv\u00e9 \u00a0", "\ue000 priv\u00e9 \u00a0"),  # private use, accents, no-break space stay
    ("\x00\x1b", ""),
])
def test_clean_word_text(raw: str, clean: str) -> None:
    assert clean_word_text(raw) == clean
    clean_word_text(raw).encode("utf-8")


def _char(text: str, x0: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 5, "top": 100.0, "bottom": 110.0, "doctop": 100.0,
            "upright": True, "size": 10.0, "fontname": "Helvetica", "matrix": (10, 0, 0, 10, x0, 700)}


def test_words_from_chars_clean_text_and_drop_words_left_empty() -> None:
    chars = [_char(t, 10 + 5 * i) for i, t in enumerate("CO")]
    chars += [_char("\ud835", 20), _char("\udc36", 25)]  # one glyph as two code units
    chars += [_char("\x00", 60), _char("\x1b", 65)]  # a word of controls only
    chars += [_char(t, 90 + 5 * i) for i, t in enumerate("e\x00\ud800")]
    words = _words_from_chars(chars, LayoutSettings())
    assert [w.text for w in words] == ["CO\U0001d436", "e\ufffd"]


# ---------------------------------------------------------------- end to end on a PDF

_CMAP = """/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
4 beginbfrange <20> <5D> <0020> <5F> <5F> <005F> <61> <7A> <0061> <7E> <7E> <007E> endbfrange
5 beginbfchar <7B> <D800> <7C> <0000> <7D> <001B> <5E> <D835DC36> <60> <DC00> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""

# { | } ^ ` are drawn with Helvetica's glyphs, but the ToUnicode map sends them to a lone high
# surrogate, NUL, ESC, a valid surrogate pair (U+1D436) and a lone low surrogate. A report's
# numbered paragraphs, so the text goes through the prose path (paragraphs, spaCy mentions) too.
_LINES = [
    (11, "S/2025/999"),
    (16, "Women and peace and security"),
    (16, "Report of the Secretary-General"),
    (14, "I. Introduction"),
    (11, "1. The present report is submitted pursuant to resolution 2242 (2015). UN{Women and the"),
    (11, "United Nations Development Programme trained | police officers with the ^2 Ministry of Justice."),
    (11, "2. The Department of Peace Operations and UN-Women supported the Ministry of Gender in"),
    (11, "drafting the law on gender-based violence; the ` } |} Office of the High Commissioner for"),
    (11, "Human Rights monitored the trials."),
    (14, "II. Recommendations"),
    (11, "3. I urge Member States and UN-Women to fund women's organizations {^` in every country."),
]


def _content() -> bytes:
    ops = ["BT 72 760 Td"]
    for size, line in _LINES:
        ops.append(f"/F1 {size} Tf 0 -{size + 6} Td ({line}) Tj")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _pdf_bytes(title: bytes) -> bytes:
    """A one-page PDF whose Helvetica text has the ToUnicode map above (offsets computed)."""
    cmap, content = _CMAP.encode(), _content()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<< /Title " + title + b" >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_regression_norfolk_surrogates_and_controls_never_reach_later_stages(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "broken-tounicode.pdf"
    path.write_bytes(_pdf_bytes(b"(Plan\\000 d\\033action)"))
    settings = PipelineSettings(reader=reader, ocr=False)
    doc = extract_document(path, tmp_path, settings)
    assert doc.status == "ok", doc.error
    words = [w.text for lay in doc.layouts for w in lay.words]
    assert "Ministry" in words and all(w.strip() for w in words)
    assert doc.layouts[0].words[0].text == "S/2025/999"
    for text in words:
        text.encode("utf-8")
        assert not any(ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF for ch in text), ascii(text)
    if reader == "pdfium":  # pdfminer drops what it cannot decode; PDFium passes the code units on
        assert "UN\ufffdWomen" in words and any("\U0001d436" in w for w in words)
    out = normalize_document(doc, load_references(), settings)
    assert out.rows["documents"][0].doc_type == "un_report" and out.rows["paragraphs"] and out.rows["mentions"]
    for rows in out.rows.values():
        for text in record_strings(rows):
            text.encode("utf-8")


def test_pdf_title_goes_through_the_same_cleaning(tmp_path: Path) -> None:
    path = tmp_path / "title.pdf"
    # UTF-16BE "Plan", NUL, ESC, a lone surrogate (pdfminer drops that one), " NAP"
    path.write_bytes(_pdf_bytes(b"<FEFF0050006C0061006E0000001BD8000020004E00410050>"))
    doc = extract_document(path, tmp_path, PipelineSettings(ocr=False))
    assert doc.pdf_title == "Plan NAP"
