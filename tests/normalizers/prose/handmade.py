"""Hand-made pages and lines for the prose steps (no PDF needed)."""

from __future__ import annotations

from extractors.model import PageLayout, Word
from normalizers.prose.lines import words_to_line
from normalizers.prose.model import Line, ReportSettings
from tests.layouts import words_from_text


def page(page_no: int, rows: list[tuple[str, float, float]], width: float = 612, height: float = 792, **kw) -> PageLayout:
    """A page of ``(text, x, top)`` rows (``size``, ``bold`` for every row)."""
    words = [w for text, x, top in rows for w in words_from_text(text, x, top, **kw)]
    return PageLayout("doc", page_no, width, height, tuple(words))


def merged(page_no: int, *pages: PageLayout) -> PageLayout:
    """One page holding the words of several."""
    words: tuple[Word, ...] = tuple(w for p in pages for w in p.words)
    return PageLayout("doc", page_no, pages[0].width, pages[0].height, words)


def line(text: str, x: float, top: float, page_no: int = 1, **kw) -> Line:
    """One line of ``text`` set from ``x`` (``size``, ``bold``)."""
    return words_to_line(words_from_text(text, x, top, **kw), page_no, ReportSettings())
