"""Hand-made page content for tests of pure steps (no PDF needed)."""

from __future__ import annotations

from extractors.model import Word


def words_from_text(text: str, x: float, top: float, size: float = 10.0, bold: bool = False) -> list[Word]:
    """Words of ``text`` set on one line from ``x``, each 0.5 em per letter, 0.3 em apart."""
    out = []
    for token in text.split():
        width = 0.5 * size * len(token)
        out.append(Word(token, x, top, x + width, top + size, size, bold))
        x += width + 0.3 * size
    return out
