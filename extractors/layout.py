"""pdfplumber page → :class:`PageLayout` (words with font size and weight, ruling lines, fills).

The pipeline opens the PDF and hands each pdfplumber page here; nothing in this module opens
files. Pages whose text is mostly rotated (a landscape table drawn sideways on a portrait page)
are turned upright: words and rulings come back in the coordinates of the upright page, and
``PageLayout.rotation`` says by how much the content was turned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber.utils.text import WordExtractor

from extractors.model import BBox, PageLayout, Ruling, Word, clean_word_text

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(frozen=True)
class LayoutSettings:
    """How words and rulings are read off a page."""

    x_tolerance_pt: float = 1.5
    y_tolerance_pt: float = 3.0
    min_ruling_pt: float = 4.0  # shorter segments are glyph parts, not rulings
    max_ruling_width_pt: float = 3.0  # thicker filled rects are fills, not lines

    def __post_init__(self) -> None:
        for name in ("x_tolerance_pt", "y_tolerance_pt", "min_ruling_pt", "max_ruling_width_pt"):
            if getattr(self, name) <= 0:
                raise ValueError(f"LayoutSettings.{name} must be > 0, got {getattr(self, name)!r}")


def _is_bold(fontname: str) -> bool:
    low = fontname.lower()
    return any(m in low for m in _BOLD_MARKERS)


def _char_rotation(char: dict[str, Any]) -> int:
    """Clockwise angle (0/90/180/270) by which a glyph is drawn, from its text matrix."""
    a, b, c, d = char["matrix"][:4]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 270 if b > 0 else 90


def _glyph_size(char: dict[str, Any]) -> float:
    """Font size of a glyph from its text matrix (pdfplumber's ``size`` is the box height,
    which for a sideways glyph is its advance width)."""
    a, b = char["matrix"][:2]
    scale = (a * a + b * b) ** 0.5
    if scale >= 2:
        return round(scale, 2)
    # the size is set by Tf and the matrix only turns the text: the box across the line is the size
    return round(float(char["x1"] - char["x0"]) if abs(b) > abs(a) else float(char["bottom"] - char["top"]), 2)


def _dominant_rotation(chars: list[dict[str, Any]]) -> int:
    counts: dict[int, int] = {}
    for ch in chars:
        if ch["text"].strip():
            rot = _char_rotation(ch)
            counts[rot] = counts.get(rot, 0) + 1
    if not counts:
        return 0
    best = max(sorted(counts), key=lambda r: counts[r])
    return best if counts[best] * 2 > sum(counts.values()) else 0


def _rotate_box(box: BBox, rotation: int, width: float, height: float) -> BBox:
    """Map a top-left-origin box on the page into the frame where ``rotation``-turned text is upright."""
    x0, top, x1, bottom = box
    if rotation == 270:  # text reads bottom→top: turn the page clockwise
        return (height - bottom, x0, height - top, x1)
    if rotation == 90:  # text reads top→bottom: turn the page anticlockwise
        return (top, width - x1, bottom, width - x0)
    if rotation == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    return box


def _words_from_chars(
    chars: list[dict[str, Any]], settings: LayoutSettings
) -> list[Word]:
    extractor = WordExtractor(
        x_tolerance=settings.x_tolerance_pt,
        y_tolerance=settings.y_tolerance_pt,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size"],
    )
    words: list[Word] = []
    for w, wchars in extractor.iter_extract_tuples(chars):
        text = clean_word_text(w["text"])  # once, where text-layer words enter the model
        if not text.strip():
            continue
        bold = sum(1 for ch in wchars if _is_bold(ch.get("fontname", ""))) * 2 > len(wchars)
        words.append(
            Word(
                text=text,
                x0=round(float(w["x0"]), 2),
                top=round(float(w["top"]), 2),
                x1=round(float(w["x1"]), 2),
                bottom=round(float(w["bottom"]), 2),
                size=round(float(w["size"]), 2),
                bold=bold,
                upright=bool(w.get("upright", True)),
            )
        )
    return words


def _fill_index(rects: list[dict[str, Any]]) -> dict[tuple[str, int, int], list[dict[str, Any]]]:
    """Filled, unstroked rects by colour and rounded left and right edges (for
    :func:`_stacked_twin`: a page may carry thousands of fills)."""
    index: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for r in rects:
        if r.get("fill") and not r.get("stroke"):
            index.setdefault((repr(r.get("non_stroking_color")), round(r["x0"]), round(r["x1"])), []).append(r)
    return index


def _stacked_twin(rect: dict[str, Any], index: dict[tuple[str, int, int], list[dict[str, Any]]], colour: Any,
                  above: bool) -> bool:
    """Whether a fill of the same colour and width touches ``rect`` from above (or below)."""
    edge = rect["top"] if above else rect["bottom"]
    key = repr(colour)
    for dx0 in (-1, 0, 1):
        for dx1 in (-1, 0, 1):
            for other in index.get((key, round(rect["x0"]) + dx0, round(rect["x1"]) + dx1), ()):
                if other is rect or other.get("non_stroking_color") != colour:
                    continue
                touching = abs((other["bottom"] if above else other["top"]) - edge) < 0.5
                if touching and abs(other["x0"] - rect["x0"]) < 1 and abs(other["x1"] - rect["x1"]) < 1:
                    return True
    return False


def _rulings_and_fills(
    page: Any, settings: LayoutSettings
) -> tuple[list[BBox], list[BBox]]:
    """Ruling segments from lines and thin rects, rect borders, and filled areas."""
    segs: list[BBox] = []
    fills: list[BBox] = []
    index = _fill_index(page.rects)
    for line in page.lines:
        segs.append((line["x0"], line["top"], line["x1"], line["bottom"]))
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        w, h = x1 - x0, bottom - top
        if min(w, h) <= settings.max_ruling_width_pt:
            segs.append((x0, top, x1, bottom))  # a thin rect drawn as a line
            continue
        if rect.get("stroke"):
            segs.extend(
                [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]
            )
        elif rect.get("fill"):
            fills.append((x0, top, x1, bottom))
            # a grid drawn as abutting filled cells: their borders act as rulings too, except
            # the edge between two same-coloured fills stacked on each other (a background
            # painted line by line inside one cell)
            colour = rect.get("non_stroking_color")
            segs.extend([(x0, top, x0, bottom), (x1, top, x1, bottom)])
            if not _stacked_twin(rect, index, colour, above=True):
                segs.append((x0, top, x1, top))
            if not _stacked_twin(rect, index, colour, above=False):
                segs.append((x0, bottom, x1, bottom))
    for curve in page.curves:
        pts = curve.get("pts") or []
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            if abs(ax - bx) < 1 or abs(ay - by) < 1:
                segs.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    rulings = []
    for x0, top, x1, bottom in segs:
        if max(x1 - x0, bottom - top) < settings.min_ruling_pt:
            continue
        if min(x1 - x0, bottom - top) > settings.max_ruling_width_pt:
            continue
        rulings.append((x0, top, x1, bottom))
    return rulings, fills


def _to_ruling(box: BBox) -> Ruling:
    x0, top, x1, bottom = box
    if (x1 - x0) >= (bottom - top):  # horizontal: collapse to its centre line
        y = round((top + bottom) / 2, 2)
        return Ruling(round(x0, 2), y, round(x1, 2), y)
    x = round((x0 + x1) / 2, 2)
    return Ruling(x, round(top, 2), x, round(bottom, 2))


def layout_from_chars(
    chars: list[dict[str, Any]],
    raw_rulings: list[BBox],
    raw_fills: list[BBox],
    width: float,
    height: float,
    doc_id: str,
    page_no: int,
    settings: LayoutSettings = LayoutSettings(),
) -> PageLayout:
    """Assemble a :class:`PageLayout` from pdfplumber-style char dicts (``text``, ``x0``, ``x1``,
    ``top``, ``bottom``, ``upright``, ``size``, ``fontname``, ``matrix``; content order) and raw
    ruling/fill boxes, all in top-left-origin page points. Every page reader ends here, so words,
    rotation and rulings come out alike whichever library read the page."""
    rotation = _dominant_rotation(chars)
    if rotation:
        turned = []
        for ch in chars:
            x0, top, x1, bottom = _rotate_box((ch["x0"], ch["top"], ch["x1"], ch["bottom"]), rotation, width, height)
            turned.append({**ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                           "doctop": top, "upright": True, "size": _glyph_size(ch)})
        chars = sorted(turned, key=lambda c: (round(c["top"]), c["x0"]))
        raw_rulings = [_rotate_box(b, rotation, width, height) for b in raw_rulings]
        raw_fills = [_rotate_box(b, rotation, width, height) for b in raw_fills]
        if rotation in (90, 270):
            width, height = height, width
    words = _words_from_chars(chars, settings)
    rulings = sorted({_to_ruling(b) for b in raw_rulings}, key=lambda r: (r.top, r.x0, r.bottom, r.x1))
    fills = tuple(sorted({tuple(round(v, 2) for v in b) for b in raw_fills}))  # type: ignore[misc]
    return PageLayout(
        doc_id=doc_id,
        page_no=int(page_no),
        width=round(width, 2),
        height=round(height, 2),
        words=tuple(words),
        rulings=tuple(rulings),
        rotation=rotation,
        fills=fills,  # type: ignore[arg-type]
    )


def page_to_layout(page: Any, doc_id: str, settings: LayoutSettings = LayoutSettings()) -> PageLayout:
    """Read one pdfplumber page into a :class:`PageLayout`."""
    chars = [ch for ch in page.chars if ch.get("text") is not None]
    raw_rulings, raw_fills = _rulings_and_fills(page, settings)
    return layout_from_chars(
        chars, raw_rulings, raw_fills, float(page.width), float(page.height), doc_id, int(page.page_number), settings
    )
