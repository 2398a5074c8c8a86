"""OCR repair: the readings a misread actor may stand for, and misread numbering labels."""

from __future__ import annotations

from normalizers.actors import is_acronym
from normalizers.ocr_repair import next_labels, ocr_variants, repair_numbering


def test_ocr_variants_of_an_acronym() -> None:
    assert "MOJ" in ocr_variants("IVIOJ", is_acronym)
    assert ocr_variants("МОЈ", is_acronym)[0] == "MOJ"  # Cyrillic М, О, Ј: the Latin letters first
    assert "KOICA" in ocr_variants("K0ICA", is_acronym)
    assert "MOGEF" in ocr_variants("IVI0GEF", is_acronym)  # two rules combined


def test_ocr_variants_of_a_name() -> None:
    assert "Ministry of Commerce" in ocr_variants("Ministry of Cornrnerce", is_acronym)
    assert "Ministry of Health" in ocr_variants("Ministry 0f Health", is_acronym)


def test_ocr_variants_never_give_the_text_back() -> None:
    assert ocr_variants("MND", is_acronym) == []
    assert ocr_variants("Ministry of Defence", is_acronym) == []
    assert "MOJ" not in ocr_variants("MOJ", is_acronym)


def test_repair_numbering() -> None:
    assert repair_numbering("l.2.", "1.1.") == "1.2."
    assert repair_numbering("2J", "1)") == "2)"
    assert repair_numbering("2)", "1)") == "2)"
    assert repair_numbering("5)", "1)") is None  # out of sequence
    assert repair_numbering("Build", "1)") is None
    assert "1.1.1." in next_labels("1.1.") and "2." in next_labels("1.1.")
