"""Page furniture found by repetition and position, on hand-made page layouts."""

from __future__ import annotations

import pytest

from extractors.model import PageLayout, Ruling, Word, group_lines, words_text
from normalizers.furniture import FurnitureSettings, mask, parse_date, strip_furniture
from tests.layouts import words_from_text as _words


def _body(page_no: int, n: int = 20) -> list[Word]:
    return [w for i in range(n) for w in _words(f"Body line {i} of page {page_no} about women and peace.", 123, 140 + 24 * i)]


def _report(n_pages: int = 5) -> list[PageLayout]:
    pages = []
    for p in range(1, n_pages + 1):
        words = _body(p)
        if p == 1:
            words += _words("United Nations", 60, 48, 14) + _words("S/2007/567", 480, 46, 10)
            words += _words("Security Council", 123, 80, 20, True) + _words("Distr.: General", 397, 78)
            words += _words("12 September 2007", 397, 90) + _words("Original: English", 397, 114)
            words += _words("07-50369 (E) 120907", 60, 740, 9) + _words("*0750369*", 60, 752, 12)
        else:
            x = 60 if p % 2 == 0 else 500
            words += _words("S/2007/567", x, 52, 8.5, True)
            left, right = (f"{p}/{n_pages}", "07-50369") if p % 2 == 0 else ("07-50369", f"{p}/{n_pages}")
            words += _words(left, 60, 748, 8.5) + _words(right, 520, 748, 8.5)
        pages.append(PageLayout("doc", p, 612, 792, tuple(words), rulings=(Ruling(60, 65, 552, 65),)))
    return pages


def test_running_header_footer_and_page_numbers_removed():
    pages, info = strip_furniture(_report())
    for page in pages:
        text = " ".join(w.text for w in page.words)
        assert "S/2007/567" not in text and "07-50369" not in text
        assert f"{page.page_no}/5" not in text
        assert f"Body line 19 of page {page.page_no}" in text
        assert not any(r.top < 70 for r in page.rulings if r.horizontal)  # the rule under the header
    assert info.symbol == "S/2007/567"
    assert info.job_number == "07-50369"
    assert info.date == "2007-09-12"
    assert [n for _, n in info.removed][1:] == [3, 3, 3, 3]
    assert info.removed_on(1) > 10  # masthead, job number line and barcode of the first page
    zones = {line.zone for line in info.lines}
    assert zones == {"header", "footer", "masthead"}


def test_body_text_never_taken():
    pages, _ = strip_furniture(_report())
    originals = _report()
    for before, after in zip(originals, pages):
        body = {w.text for w in _body(before.page_no)}
        assert body <= {w.text for w in after.words}


def test_same_text_at_another_height_is_not_furniture():
    """'See S/2005/636.' twice in the bottom band, at different heights: footnotes, not footers."""
    pages = []
    for p, top in ((1, 700.0), (2, 660.0), (3, 720.0)):
        words = _body(p) + _words("See S/2005/636.", 123, top, 8)
        words += _words(f"- {p} -", 300, 760)
        pages.append(PageLayout("doc", p, 612, 792, tuple(words)))
    cleaned, info = strip_furniture(pages)
    assert all("S/2005/636." in {w.text for w in page.words} for page in cleaned)
    assert [line.text for line in info.lines] == ["- 1 -", "- 2 -", "- 3 -"]


def test_repeated_table_header_is_not_furniture():
    """A matrix's column headers repeat at the top of every page, inside the ruled grid."""
    pages = []
    for p in range(1, 4):
        words = _words("Objective Action Indicator Lead", 70, 50, 9, True) + _body(p, 10)
        words += _words(f"Page {p}", 290, 770)
        grid = (Ruling(60, 45, 560, 45), Ruling(60, 45, 60, 400), Ruling(300, 45, 300, 400), Ruling(560, 45, 560, 400))
        pages.append(PageLayout("doc", p, 612, 792, tuple(words), rulings=grid))
    cleaned, info = strip_furniture(pages)
    assert all("Indicator" in {w.text for w in page.words} for page in cleaned)
    assert info.texts == ("Page 1", "Page 2", "Page 3")
    assert info.symbol is None and info.date is None


def test_single_page_keeps_its_text():
    page = PageLayout("doc", 1, 612, 792, tuple(_body(1) + _words("3", 300, 760)))
    cleaned, info = strip_furniture([page])
    assert cleaned[0].words == page.words
    assert info.removed == ((1, 0),)
    assert strip_furniture([]) == ([], strip_furniture([])[1])


def test_helpers():
    assert mask("Page 12 of 40") == "page # of #"
    assert mask("S/2025/97") == mask("S/2007/567")
    assert parse_date("Distr.: General 14 February 2025") == "2025-02-14"
    assert parse_date("Ginebra, 3 de marzo de 2024") == "2024-03-03"
    assert parse_date("le 1er juillet 2023") == "2023-07-01"
    assert parse_date("no date here") is None
    marker = Word("4", 52, 98, 55, 104, 6)
    line = _words("Thirteen entities", 0, 100)
    (grouped,) = group_lines(line + [marker])
    assert words_text(grouped) == "Thirteen entities4"


def test_settings_are_checked():
    with pytest.raises(ValueError):
        FurnitureSettings(band=0.7)
    with pytest.raises(ValueError):
        FurnitureSettings(min_pages=1)
