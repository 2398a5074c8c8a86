"""PDF page → words, rulings, tables. Strategies are registered by name here."""

from __future__ import annotations

from typing import Callable

from extractors.grid import GridSettings
from extractors.tables import (
    CamelotTableExtractor,
    PlumberTableExtractor,
    RuledTableExtractor,
    TableExtractor,
    TextTableExtractor,
)

TABLE_EXTRACTORS: dict[str, Callable[[GridSettings], TableExtractor]] = {
    "ruled": lambda grid: RuledTableExtractor(grid),
    "text": lambda grid: TextTableExtractor(),
    "camelot-lattice": lambda grid: CamelotTableExtractor("lattice"),
    "camelot-stream": lambda grid: CamelotTableExtractor("stream"),
    "pdfplumber": lambda grid: PlumberTableExtractor(),
}


def table_extractor(name: str, grid: GridSettings) -> TableExtractor:
    """The strategy registered as ``name``; unknown names list the known ones."""
    try:
        return TABLE_EXTRACTORS[name](grid)
    except KeyError:
        raise ValueError(f"unknown table strategy {name!r}; known: {sorted(TABLE_EXTRACTORS)}") from None
