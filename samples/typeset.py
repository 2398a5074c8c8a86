"""Typesetting primitives for the sample renderers: fonts, line wrapping, pages of drawing
operations laid out top-down, and writing them to a PDF with reportlab's canvas.

Layout works in a top-left frame (``top`` grows down the page, like pdfplumber reports it);
:func:`write_pdf` turns it into PDF coordinates, optionally drawing a landscape frame sideways
onto a portrait page. Output is byte-for-byte reproducible (reportlab's invariant mode).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
FALLBACK_REGULAR, FALLBACK_BOLD = "Helvetica", "Helvetica-Bold"

#: Grey of shaded header cells and banners (0 black … 1 white).
SHADE = 0.86
RULE_WIDTH = 0.5


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str

    def name(self, bold: bool) -> str:
        return self.bold if bold else self.regular


@lru_cache(maxsize=1)
def fonts() -> Fonts:
    """Register DejaVu Sans (Cyrillic, accents) once; Helvetica when it is not installed."""
    regular, bold = FONT_DIR / f"{REGULAR}.ttf", FONT_DIR / f"{BOLD}.ttf"
    if not (regular.is_file() and bold.is_file()):
        return Fonts(FALLBACK_REGULAR, FALLBACK_BOLD)
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    return Fonts(REGULAR, BOLD)


def text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def ascent_descent(font: str) -> tuple[float, float]:
    """Ascent and (negative) descent per point of size, as PDF readers box the glyphs."""
    face = pdfmetrics.getFont(font).face
    return face.ascent / 1000, face.descent / 1000


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Pieces of a word too long for a line: after '/' or '-' where possible, else anywhere."""
    pieces: list[str] = []
    rest = word
    while text_width(rest, font, size) > width and len(rest) > 1:
        cut = len(rest) - 1
        while cut > 1 and text_width(rest[:cut], font, size) > width:
            cut -= 1
        soft = max(rest.rfind("/", 0, cut), rest.rfind("-", 0, cut))
        if soft > 0:
            cut = soft + 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Greedy line breaking of ``text`` (paragraphs separated by newlines) to ``width`` points."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            pieces = _break_word(word, font, size, width)
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return tuple(lines)


# ---- drawing operations, top-left frame ----------------------------------------------------


@dataclass(frozen=True)
class TextOp:
    x: float
    baseline: float
    text: str
    font: str
    size: float
    grey: float = 0.0


@dataclass(frozen=True)
class LineOp:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = RULE_WIDTH


@dataclass(frozen=True)
class RectOp:
    x0: float
    top: float
    x1: float
    bottom: float
    grey: float = SHADE


Op = TextOp | LineOp | RectOp


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_bottom(self) -> float:
        return self.height - self.bottom


@dataclass
class Flow:
    """Pages being filled top-down; ``y`` is the cursor on the last page (top-left frame)."""

    geometry: PageGeometry
    pages: list[list[Op]] = field(default_factory=list)
    y: float = 0.0

    def __post_init__(self) -> None:
        if not self.pages:
            self.new_page()

    @property
    def page_index(self) -> int:
        return len(self.pages) - 1

    @property
    def space_left(self) -> float:
        return self.geometry.frame_bottom - self.y

    @property
    def at_page_top(self) -> bool:
        return self.y <= self.geometry.top + 0.01

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.geometry.top

    def ensure(self, height: float) -> None:
        if height > self.space_left and not self.at_page_top:
            self.new_page()

    def add(self, op: Op, page: int | None = None) -> None:
        self.pages[self.page_index if page is None else page].append(op)

    def text_lines(
        self,
        lines: tuple[str, ...],
        *,
        font: str,
        size: float,
        leading: float,
        x: float | None = None,
        align: str = "left",
        width: float | None = None,
        grey: float = 0.0,
    ) -> None:
        """Lines of text at the cursor, breaking to a new page where the frame is full."""
        left = self.geometry.left if x is None else x
        span = self.geometry.frame_width if width is None else width
        asc, desc = ascent_descent(font)
        for line in lines:
            self.ensure(leading)
            baseline = self.y + (leading - (asc - desc) * size) / 2 + asc * size
            self.add(TextOp(aligned_x(line, left, span, align, font, size), baseline, line, font, size, grey))
            self.y += leading


def aligned_x(text: str, left: float, width: float, align: str, font: str, size: float) -> float:
    if align == "center":
        return left + (width - text_width(text, font, size)) / 2
    if align == "right":
        return left + width - text_width(text, font, size)
    return left


# ---- output --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str = ""
    language: str = "en"


def write_pdf(
    path: Path | str,
    pages: list[list[Op]],
    geometry: PageGeometry,
    info: DocInfo,
    *,
    rotation: str | None = None,
) -> None:
    """Draw ``pages`` into a PDF at ``path``.

    ``rotation`` turns a landscape ``geometry`` sideways onto a portrait sheet: ``"page"`` sets
    ``/Rotate 90`` so viewers show the table upright; ``"content"`` leaves the page portrait with
    the text running bottom to top.
    """
    if rotation not in (None, "page", "content"):
        raise ValueError(f"rotation must be None, 'page' or 'content', got {rotation!r}")
    sheet = (geometry.width, geometry.height)
    if rotation == "content":
        sheet = (geometry.height, geometry.width)
    # with /Rotate 90 reportlab writes the MediaBox turned, so a landscape size gives a portrait sheet
    canvas = Canvas(str(path), pagesize=sheet, invariant=1, pageCompression=1, lang=info.language)
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setCreator("nap-pipeline samples")
    canvas.setProducer("nap-pipeline samples (reportlab)")
    for ops in pages:
        canvas.saveState()
        if rotation:
            canvas.translate(geometry.height, 0)
            canvas.rotate(90)
        _draw_ops(canvas, ops, geometry.height)
        canvas.restoreState()
        if rotation == "page":
            canvas.setPageRotation(90)
        canvas.showPage()
    canvas.save()


def _draw_ops(canvas: Canvas, ops: list[Op], height: float) -> None:
    for op in ops:  # fills first, so rules and text sit on top of them
        if isinstance(op, RectOp):
            canvas.setFillGray(op.grey)
            canvas.rect(op.x0, height - op.bottom, op.x1 - op.x0, op.bottom - op.top, stroke=0, fill=1)
    canvas.setStrokeGray(0)
    for op in ops:
        if isinstance(op, LineOp):
            canvas.setLineWidth(op.width)
            canvas.line(op.x0, height - op.y0, op.x1, height - op.y1)
    for op in ops:
        if isinstance(op, TextOp):
            canvas.setFillGray(op.grey)
            canvas.setFont(op.font, op.size)
            canvas.drawString(op.x, height - op.baseline, op.text)
