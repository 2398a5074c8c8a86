"""Table strategies behind one interface, and the per-page choice between them.

Each strategy turns a :class:`PageLayout` into tables; ``best_tables`` runs the configured
strategies and keeps, per page region, the tables with the higher quality score.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from extractors.grid import GridSettings, ruled_tables
from extractors.model import PageLayout, Table
from extractors.textgrid import TextGridSettings, text_tables


class TableExtractor(Protocol):
    name: str

    def extract(self, layout: PageLayout) -> list[Table]: ...


@dataclass(frozen=True)
class RuledTableExtractor:
    """Tables drawn with ruling lines; merged cells from missing rulings."""

    settings: GridSettings = GridSettings()
    name: str = "ruled"

    def extract(self, layout: PageLayout) -> list[Table]:
        return ruled_tables(layout, self.settings)


@dataclass(frozen=True)
class TextTableExtractor:
    """Tables laid out with whitespace (and perhaps horizontal rules only), outside ruled grids."""

    settings: TextGridSettings = TextGridSettings()
    grid: GridSettings = GridSettings()
    name: str = "text"

    def extract(self, layout: PageLayout) -> list[Table]:
        ruled = tuple(t.bbox for t in ruled_tables(layout, self.grid))
        return text_tables(layout, self.settings, exclude=ruled)


def _overlap(a: Table, b: Table) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top))
    return w * h / max(smaller, 1e-6)


def best_tables(layout: PageLayout, extractors: list[TableExtractor]) -> list[Table]:
    """Tables of every strategy; where two overlap, the one with the higher score stays."""
    found: list[Table] = []
    for ex in extractors:
        for t in ex.extract(layout):
            rivals = [o for o in found if _overlap(o, t) > 0.5]
            if all(t.score > o.score for o in rivals):
                found = [o for o in found if o not in rivals] + [t]
    found.sort(key=lambda t: (t.top, t.x0))
    return [replace(t, index=i) for i, t in enumerate(found)]
