"""Settings and intermediate records of the prose normalizer (pages → lines → blocks → records).

Frozen records shared by the steps: :class:`Token` and :class:`Line` (``lines``), :class:`Note`
(``footnotes``), :class:`Role`, :class:`Part` and :class:`Block` (``blocks``), :class:`Ref` (a
footnote marker at a character offset, ``hyphens``). Coordinates are PDF points, top-left origin.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.model import BBox, words_text

EXTRACTOR = "report@1"


@dataclass(frozen=True)
class ReportSettings:
    """Tunables of the report normalizer (all in points or ratios)."""

    marker_size_ratio: float = 0.82  # a word this much smaller than its line …
    marker_raise_ratio: float = 0.12  # … and raised by this × line size is a footnote marker
    footnote_size_ratio: float = 0.95  # footnote text is smaller than body text × this
    heading_size_ratio: float = 1.12  # larger than body text × this is a heading
    small_size_ratio: float = 0.9  # body-area text smaller than this × body is tables and notes
    indent_pt: float = 8.0  # a first line further right than this starts a paragraph
    number_gap_pt: float = 7.0  # a paragraph number is followed by a tab at least this wide
    para_gap_ratio: float = 1.3  # a line pitch above this × the usual pitch starts a paragraph
    short_line_ratio: float = 0.8  # a line ending before this share of the text width is short
    max_heading_words: int = 30

    def __post_init__(self) -> None:
        for name in ("marker_size_ratio", "footnote_size_ratio", "small_size_ratio", "short_line_ratio"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"ReportSettings.{name} must be in (0, 1], got {getattr(self, name)!r}")
        if self.heading_size_ratio <= 1 or self.para_gap_ratio <= 1:
            raise ValueError("ReportSettings.heading_size_ratio and para_gap_ratio must be > 1")
        if self.indent_pt <= 0 or self.number_gap_pt <= 0 or self.max_heading_words < 1:
            raise ValueError("ReportSettings.indent_pt, number_gap_pt and max_heading_words must be > 0")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a line; a footnote marker carries ``marker`` and no text."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    marker: str | None = None
    conf: float | None = None


@dataclass(frozen=True)
class Line:
    """Tokens on one baseline within one column."""

    page_no: int
    tokens: tuple[Token, ...]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    column: int = 0  # 0: the page's full width; 1, 2: left and right column of a two-column band

    @property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.marker is None)

    @property
    def text(self) -> str:
        return words_text(self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Note:
    """A footnote as parsed from a page's footnote area."""

    number: str
    text: str
    page: int
    top: float


@dataclass(frozen=True)
class Role:
    """What a body line is: heading | para | item | text | toc | small (and its label)."""

    kind: str
    label: str | None = None  # paragraph number, item label, heading number


@dataclass(frozen=True)
class Part:
    """A lead-in or one item of a paragraph: its lines."""

    label: str | None  # "(a)", "•", None for the lead-in
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph (lead-in and items) in reading order."""

    kind: str  # heading | paragraph | small
    number: str | None
    parts: tuple[Part, ...]
    section_index: int | None = None  # index of the heading block that governs it

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for part in self.parts for line in part.lines)


@dataclass(frozen=True)
class Ref:
    """A footnote marker at a character offset of a text."""

    offset: int
    marker: str
    page: int
