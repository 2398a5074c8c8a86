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
from extractors.textgrid import TextGridSettings

# name -> factory of the strategy from the grid builders' settings (ruled, text); others ignore them
TABLE_EXTRACTORS: dict[str, Callable[[GridSettings, TextGridSettings], TableExtractor]] = {
    "ruled": lambda grid, textgrid: RuledTableExtractor(grid),
    "text": lambda grid, textgrid: TextTableExtractor(textgrid),
    "camelot-lattice": lambda grid, textgrid: CamelotTableExtractor("lattice"),
    "camelot-stream": lambda grid, textgrid: CamelotTableExtractor("stream"),
    "pdfplumber": lambda grid, textgrid: PlumberTableExtractor(),
}


def table_extractor(name: str, grid: GridSettings = GridSettings(),
                    textgrid: TextGridSettings = TextGridSettings()) -> TableExtractor:
    """The strategy registered as ``name``; unknown names list the known ones."""
    try:
        return TABLE_EXTRACTORS[name](grid, textgrid)
    except KeyError:
        raise ValueError(f"unknown table strategy {name!r}; known: {sorted(TABLE_EXTRACTORS)}") from None
