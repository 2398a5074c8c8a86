"""Hand-made page content for tests of pure steps (no PDF needed)."""

from __future__ import annotations

from extractors.model import PageLayout, Ruling, Word


def words_from_text(text: str, x: float, top: float, size: float = 10.0, bold: bool = False) -> list[Word]:
    """Words of ``text`` set on one line from ``x``, each 0.5 em per letter, 0.3 em apart."""
    out = []
    for token in text.split():
        width = 0.5 * size * len(token)
        out.append(Word(token, x, top, x + width, top + size, size, bold))
        x += width + 0.3 * size
    return out


def ruled_grid(x0: float, top: float, cols: list[float], rows: int, row_h: float) -> tuple[Ruling, ...]:
    """The rulings of a fully ruled grid from ``x0`` to the column edges ``cols``, ``rows`` high."""
    bottom = top + rows * row_h
    hs = tuple(Ruling(x0, top + i * row_h, cols[-1], top + i * row_h) for i in range(rows + 1))
    vs = tuple(Ruling(x, top, x, bottom) for x in [x0, *cols])
    return hs + vs


def matrix_page(page_no: int, title: str, headers: list[str], rows: list[list[str]],
                page_label: bool = False) -> PageLayout:
    """A landscape page holding a ruled plan matrix (the title on page 1 only, a "Page N" line
    at the foot with ``page_label``)."""
    cols = [200.0, 340.0, 460.0, 560.0, 700.0, 800.0]
    words = words_from_text(title, 40, 30, 12, True) if page_no == 1 else []
    xs = [40.0, *cols[:-1]]
    for x, h in zip(xs, headers):
        words += words_from_text(h, x + 4, 64, 9, True)
    for r, row in enumerate(rows):
        for x, cell in zip(xs, row):
            words += words_from_text(cell, x + 4, 94 + 30 * r, 9)
    if page_label:
        words += words_from_text(f"Page {page_no}", 400, 570, 8)
    return PageLayout("nap", page_no, 842, 595, tuple(words), rulings=ruled_grid(40, 60, cols, len(rows) + 1, 30))
