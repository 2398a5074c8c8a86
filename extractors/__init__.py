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
from extractors.textgrid import RowTrim, TextGridSettings

# name -> factory of the strategy from the grid builders' settings (ruled, text) and the text
# grid's row-trim rule; other strategies ignore them
TABLE_EXTRACTORS: dict[str, Callable[[GridSettings, TextGridSettings, RowTrim | None], TableExtractor]] = {
    "ruled": lambda grid, textgrid, row_trim: RuledTableExtractor(grid),
    "text": lambda grid, textgrid, row_trim: TextTableExtractor(textgrid, row_trim=row_trim),
    "camelot-lattice": lambda grid, textgrid, row_trim: CamelotTableExtractor("lattice"),
    "camelot-stream": lambda grid, textgrid, row_trim: CamelotTableExtractor("stream"),
    "pdfplumber": lambda grid, textgrid, row_trim: PlumberTableExtractor(),
}


def table_extractor(name: str, grid: GridSettings = GridSettings(),
                    textgrid: TextGridSettings = TextGridSettings(),
                    row_trim: RowTrim | None = None) -> TableExtractor:
    """The strategy registered as ``name``; unknown names list the known ones. ``row_trim``: the
    rule the text grid cuts rows off its candidates with (None: no cutting)."""
    try:
        return TABLE_EXTRACTORS[name](grid, textgrid, row_trim)
    except KeyError:
        raise ValueError(f"unknown table strategy {name!r}; known: {sorted(TABLE_EXTRACTORS)}") from None
