"""The page records' small helpers."""

from __future__ import annotations

from extractors.model import Word, centre_in


def _word(xc: float, yc: float) -> Word:
    return Word("w", xc - 5, yc - 2, xc + 5, yc + 2)


def test_centre_in_counts_the_edges() -> None:
    box = (0.0, 0.0, 100.0, 50.0)
    assert centre_in(_word(50, 25), box)
    assert centre_in(_word(100, 50), box)  # on the corner
    assert not centre_in(_word(100.5, 25), box)
    assert not centre_in(_word(50, -0.5), box)


def test_centre_in_without_the_edges() -> None:
    box = (0.0, 0.0, 100.0, 50.0)
    assert centre_in(_word(50, 25), box, edges=False)
    assert not centre_in(_word(100, 25), box, edges=False)
    assert not centre_in(_word(50, 0), box, edges=False)


def test_centre_in_with_a_tolerance() -> None:
    box = (0.0, 0.0, 100.0, 50.0)
    assert centre_in(_word(101, 51), box, tolerance_pt=1.0)
    assert not centre_in(_word(101.5, 25), box, tolerance_pt=1.0)
    assert centre_in(_word(-1, -1), box, tolerance_pt=1.0)
