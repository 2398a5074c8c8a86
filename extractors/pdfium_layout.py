"""PDFium page → :class:`PageLayout`, the same record :mod:`extractors.layout` reads with pdfplumber.

pdfminer's content-stream interpreter is pure Python; PDFium (C++, through pypdfium2) parses the
same page in a few milliseconds. This reader asks PDFium for characters and path objects and turns
them into what pdfplumber would have reported for the page:

* coordinates are PDF points with a top-left origin, in the page's displayed orientation
  (``/Rotate`` applied) and placed from the MediaBox exactly as pdfplumber places them;
* each char gets pdfminer's box: its origin (``FPDFText_GetCharOrigin``), its advance width along
  the line (the font's width, checked against PDFium's loose box, which also spans the glyph's
  ink) and one font size across it from the font's descent, through the char's matrix; also
  pdfminer's matrix, ``size`` (box height), ``upright`` flag and font name (``bold`` comes from
  the name, as for pdfplumber);
* spaces and line breaks PDFium puts in are dropped (words are split on gaps by pdfplumber's own
  word grouping), a line-end hyphen PDFium marks is a hyphen again, the letters PDFium splits a
  ligature into are one char again, and chars come in content order;
* path objects, inside form XObjects too, are sorted into lines, rects and curves by pdfminer's
  rules and feed the ruling/fill logic of :mod:`extractors.layout`.

Words, rotation, rulings and fills are then assembled by
:func:`extractors.layout.layout_from_chars`, shared with the pdfplumber reader. Nothing here opens
files: the caller owns the ``pypdfium2.PdfDocument`` and its pages.

Where the two readers still differ (``tests/extractors/test_pdfium_layout.py`` lists files):
PDFium honours ``/ActualText``, drops text drawn twice for a bold effect, collapses runs of
spaces, maps glyphs pdfminer leaves as ``(cid:N)``, mirrors brackets in right-to-left runs and
gives Arabic in base letters; a font descriptor with ``/Descent 0`` gets the font file's descent
in PDFium (pdfminer boxes start at the baseline); pdfplumber cuts words where neighbouring
chars' box heights differ by float noise, this reader rounds them. Coordinates are PDFium's
single precision (a few 1e-5 pt). A MediaBox inherited from the page tree is read from PDFium's
page box, which a page's own CropBox cuts (pdfplumber uses the MediaBox).
"""

from __future__ import annotations

import ctypes
from types import SimpleNamespace
from typing import Any, Callable

import pypdfium2.raw as pdfium_c

from extractors.layout import LayoutSettings, _rulings_and_fills, layout_from_chars
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
_GetCharBox = _fast(pdfium_c.FPDFText_GetCharBox, _int, _vp, _int, _vp, _vp, _vp, _vp)
_IsHyphen = _fast(pdfium_c.FPDFText_IsHyphen, _int, _vp, _int)
_GetCharMatrix = _fast(pdfium_c.FPDFText_GetMatrix, _int, _vp, _int, _P(pdfium_c.FS_MATRIX))
_GetTextFontSize = _fast(pdfium_c.FPDFTextObj_GetFontSize, _int, _vp, _P(_float))
_GetFont = _fast(pdfium_c.FPDFTextObj_GetFont, _vp, _vp)
_GetBaseFontName = _fast(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, _vp, ctypes.c_char_p, ctypes.c_size_t)
_GetGlyphWidth = _fast(pdfium_c.FPDFFont_GetGlyphWidth, _int, _vp, ctypes.c_uint32, _float, _P(_float))
_GetCharOrigin = _fast(pdfium_c.FPDFText_GetCharOrigin, _int, _vp, _int, _vp, _vp)
_IsEmbedded = _fast(pdfium_c.FPDFFont_GetIsEmbedded, _int, _vp)
_GetDescent = _fast(pdfium_c.FPDFFont_GetDescent, _int, _vp, _float, _P(_float))
_CountPageObjects = _fast(pdfium_c.FPDFPage_CountObjects, _int, _vp)
_GetPageObject = _fast(pdfium_c.FPDFPage_GetObject, _vp, _vp, _int)
_CountFormObjects = _fast(pdfium_c.FPDFFormObj_CountObjects, _int, _vp)
_GetFormObject = _fast(pdfium_c.FPDFFormObj_GetObject, _vp, _vp, ctypes.c_ulong)
_GetObjType = _fast(pdfium_c.FPDFPageObj_GetType, _int, _vp)
_GetObjMatrix = _fast(pdfium_c.FPDFPageObj_GetMatrix, _int, _vp, _P(pdfium_c.FS_MATRIX))
_GetDrawMode = _fast(pdfium_c.FPDFPath_GetDrawMode, _int, _vp, _P(_int), _P(_int))
_GetFillColor = _fast(pdfium_c.FPDFPageObj_GetFillColor, _int, _vp, _P(_uint), _P(_uint), _P(_uint), _P(_uint))
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


def _page_frame(page: Any) -> _Frame:
    raw = page.raw if hasattr(page, "raw") else page
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if pdfium_c.FPDFPage_GetMediaBox(raw, left, bottom, right, top):
        mediabox = (left.value, bottom.value, right.value, top.value)
    else:
        # the MediaBox is inherited from the page tree, which FPDFPage_GetMediaBox does not read:
        # take the box PDFium settled on for the page (the MediaBox, cut to a CropBox if any)
        rect = pdfium_c.FS_RECTF()
        if pdfium_c.FPDF_GetPageBoundingBox(raw, rect):
            mediabox = (rect.left, rect.bottom, rect.right, rect.top)
        else:
            mediabox = (0.0, 0.0, 612.0, 792.0)
    return _Frame(mediabox, 90 * (pdfium_c.FPDFPage_GetRotation(raw) % 4))


class _TextObjectInfo:
    """What every char of a PDFium text object (one ``Tj``/``TJ``) shares: font, size and matrix
    (objects alike in all three share one record).

    pdfminer's char box is ``(0, descent) – (advance, descent + 1)`` in glyph space scaled by the
    font size, carried to the page by the char's matrix. Composed with the page frame, that map is
    fixed for the whole object: a char's box is its origin on the page plus offsets across the line
    (precomputed here) plus its advance along the line (``ax``/``ay`` per unit of advance).
    """

    __slots__ = ("font", "font_size", "fontname", "pm_matrix", "upright", "widths",
                 "ax", "ay", "x_lo", "x_hi", "y_lo", "y_hi", "along_x", "square", "user_step", "user_x")

    def __init__(
        self,
        font: int,
        fs: float,
        matrix: Affine,
        frame: _Frame,
        fonts: dict[int, tuple[str, float]],
        widths: dict[tuple[int, float], dict[int, float]],
    ) -> None:
        self.font_size = fs
        self.font = font
        if font not in fonts:
            fonts[font] = _font_info(font)
        self.fontname, descent = fonts[font]
        # ``matrix``: text matrix × CTM, glyph space (in units of the font size) → user space;
        # pdfminer's char matrix carries the page's display matrix as well
        am, bm, cm, dm = _compose(matrix, frame.ctm)[:4]
        self.pm_matrix = (am, bm, cm, dm, 0.0, 0.0)
        self.upright = am * dm > 0 and bm * cm <= 0  # pdfminer's LTChar.upright (horizontal scaling > 0)
        # glyph space → pdfplumber's page frame (linear part)
        a, b, c, d = _compose(matrix, frame.to_page)[:4]
        lo = descent * fs
        hi = lo + fs
        self.ax, self.ay = a, b
        self.x_lo, self.x_hi = min(c * lo, c * hi), max(c * lo, c * hi)
        self.y_lo, self.y_hi = min(d * lo, d * hi), max(d * lo, d * hi)
        self.along_x = abs(a) >= abs(b)  # the line runs along the page's x axis
        ua, ub, uc, ud = matrix[:4]
        self.square = (ub == 0 and uc == 0) or (ua == 0 and ud == 0)  # upright or turned a quarter
        self.user_x = abs(ua) >= abs(ub)  # the line runs along user space's x axis
        self.user_step = ua if self.user_x else ub  # user-space move per unit of advance
        # the font's advance width by code point (text space, size applied), shared by every
        # object drawn in this font at this size
        self.widths = widths.setdefault((font, fs), {})


# pdfminer reads the standard 14 fonts (and Arial/TimesNewRoman/CourierNew aliases) with its own AFM
# metrics, whatever the PDF says; Symbol and ZapfDingbats have no descender there (descent 0)
_STANDARD_DESCENT = {"Courier": -0.194, "CourierNew": -0.194, "Helvetica": -0.207, "Arial": -0.207,
                     "Times": -0.217, "TimesNewRoman": -0.217, "Symbol": 0.0, "ZapfDingbats": 0.0}
_STANDARD_STYLES = ("", "-Bold", "-Oblique", "-BoldOblique", "-Italic", "-BoldItalic", "-Roman",
                    ",Bold", ",Italic", ",BoldItalic")


def _standard_descent(name: str) -> float | None:
    for family, descent in _STANDARD_DESCENT.items():
        if name.startswith(family) and name[len(family):] in _STANDARD_STYLES:
            return descent
    return None


def _font_info(font: int) -> tuple[str, float]:
    """Base font name and pdfminer's descent (per unit of font size, <= 0) of a PDFium font."""
    if not font:
        return ("", 0.0)
    buf = ctypes.create_string_buffer(256)
    n = _GetBaseFontName(font, buf, 256)
    if n > 256:
        buf = ctypes.create_string_buffer(n)
        _GetBaseFontName(font, buf, n)
    name = buf.value.decode("utf-8", "replace")
    # PDFium reports names without the subset tag; a standard font is one that is not embedded
    standard = None if _IsEmbedded(font) else _standard_descent(name)
    if standard is not None:
        return (name, standard)
    value = ctypes.c_float(0.0)
    descent = float(value.value) if _GetDescent(font, ctypes.c_float(1.0), ctypes.byref(value)) else 0.0
    return (name, -abs(descent))  # pdfminer turns a positive /Descent negative too


# a ligature glyph PDFium splits into letters ("fi" → 'f', 'i'), back to the code point whose width it has
_LIGATURES = {"ff": 0xFB00, "fi": 0xFB01, "fl": 0xFB02, "ffi": 0xFB03, "ffl": 0xFB04, "\u017ft": 0xFB05, "st": 0xFB06}
_HYPHEN_MARK = 0x2  # PDFium's stand-in for a hyphen that ends a line
_EPS = 0.01  # points


def _place(ch: dict[str, Any], info: _TextObjectInfo, px: float, py: float, adv: float) -> None:
    """Set a char's box from its origin on the page and its advance width."""
    ax = info.ax * adv
    ay = info.ay * adv
    if ax >= 0:
        x0, x1 = px + info.x_lo, px + info.x_hi + ax
    else:
        x0, x1 = px + info.x_lo + ax, px + info.x_hi
    if ay >= 0:
        top, bottom = py + info.y_lo, py + info.y_hi + ay
    else:
        top, bottom = py + info.y_lo + ay, py + info.y_hi
    # pdfminer's size is the box height; rounded so float noise never splits pdfplumber's
    # (upright, size) runs between chars of one size
    ch["x0"], ch["x1"], ch["top"], ch["bottom"], ch["doctop"] = x0, x1, top, bottom, top
    ch["size"] = round(bottom - top, 4)


def _place_along(ch: dict[str, Any], info: _TextObjectInfo, box: tuple[float, float, float, float]) -> None:
    """Take a char's extent along its line from ``box`` (its extent across the line stays)."""
    if info.along_x:
        ch["x0"], ch["x1"] = box[0], box[2]
    else:
        ch["top"], ch["bottom"], ch["doctop"] = box[1], box[3], box[1]
        ch["size"] = round(box[3] - box[1], 4)


class _CharReader:
    """Reads PDFium's text page into pdfplumber-style char dicts (see :func:`_chars`)."""

    def __init__(self, textpage: Any, frame: _Frame) -> None:
        self.tp = _handle(textpage)
        self.frame = frame
        self.objects: dict[int, _TextObjectInfo] = {}
        self.styles: dict[tuple[float, ...], _TextObjectInfo] = {}
        self.fonts: dict[int, tuple[str, float]] = {}
        self.size = ctypes.c_float()
        self.widths: dict[tuple[int, float], dict[int, float]] = {}
        self.width = ctypes.c_float()
        self.matrix = pdfium_c.FS_MATRIX()
        self.box = (ctypes.c_double * 4)()  # left, right, bottom, top
        base = ctypes.addressof(self.box)
        step = ctypes.sizeof(ctypes.c_double)
        self.box_refs = (base, base + step, base + 2 * step, base + 3 * step)
        self.loose = pdfium_c.FS_RECTF()
        self.loose_ref = ctypes.byref(self.loose)

    def info(self, obj: int, index: int) -> _TextObjectInfo:
        """What the chars of text object ``obj`` (its char ``index`` among them) share; objects
        in one font, size and matrix share one record."""
        info = self.objects.get(obj)
        if info is None:
            size, m = self.size, self.matrix
            _GetTextFontSize(obj, ctypes.byref(size))
            _GetCharMatrix(self.tp, index, ctypes.byref(m))
            font = _GetFont(obj) or 0
            key = (font, size.value, m.a, m.b, m.c, m.d)
            info = self.styles.get(key)
            if info is None:
                matrix = (float(m.a), float(m.b), float(m.c), float(m.d), 0.0, 0.0)
                info = self.styles[key] = _TextObjectInfo(
                    font, float(size.value), matrix, self.frame, self.fonts, self.widths
                )
            self.objects[obj] = info
        return info

    def glyph_width(self, info: _TextObjectInfo, code: int) -> float:
        """Advance width (text space, font size applied) of the glyph PDFium maps ``code`` back to."""
        adv = info.widths.get(code)
        if adv is None:
            ok = _GetGlyphWidth(info.font, code, info.font_size, ctypes.byref(self.width))
            adv = info.widths[code] = max(float(self.width.value), 0.0) if ok else 0.0
        return adv

    def advance(self, info: _TextObjectInfo, index: int, code: int, x: float, y: float) -> float:
        """A char's advance width (text space), checked against PDFium's loose box.

        The width the font gives the code point can be the wrong glyph's (fonts mapping two
        glyphs to one code point, Symbol, broken ToUnicode maps). The loose box spans the real
        glyph's advance, widened only where the ink overhangs it (the tight box shows where).
        ``x``, ``y``: the char's origin in user space.
        """
        adv = info.widths.get(code)
        if adv is None:
            adv = self.glyph_width(info, code)
        step = info.user_step
        if not info.square or step == 0:
            return adv
        _GetLooseCharBox(self.tp, index, self.loose_ref)
        r = self.loose
        if info.user_x:
            far = r.right if step > 0 else r.left
            loose_adv = (far - x) / step
        else:
            far = r.top if step > 0 else r.bottom
            loose_adv = (far - y) / step
        if loose_adv <= 0 or abs(loose_adv - adv) * abs(step) <= _EPS:
            return adv
        if adv > loose_adv:
            return loose_adv
        # the loose box may end where the glyph's ink overhangs its advance: then the font's width stands
        _GetCharBox(self.tp, index, *self.box_refs)
        left, right, bottom, top = self.box
        if info.user_x:
            ink_far = right if step > 0 else left
        else:
            ink_far = top if step > 0 else bottom
        return adv if abs(ink_far - far) <= _EPS else loose_adv

    def synthetic_space(self, index: int) -> bool:
        """A space PDFium put in for a gap inside a ``TJ`` (not always flagged as generated):
        unlike a space glyph it has no width, its box is a point."""
        _GetCharBox(self.tp, index, *self.box_refs)
        left, right, bottom, top = self.box
        return abs(right - left) < 1e-6 and abs(top - bottom) < 1e-6

    def char_box(self, index: int) -> tuple[float, float, float, float]:
        """PDFium's glyph box of a char, in pdfplumber's page frame."""
        _GetCharBox(self.tp, index, *self.box_refs)
        left, right, bottom, top = self.box
        return self.frame.box(left, bottom, right, top)


def _chars(textpage: Any, frame: _Frame, walk: "_PageObjects | None" = None) -> list[dict[str, Any]]:
    """pdfplumber-style char dicts (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``doctop``,
    ``upright``, ``size``, ``fontname``, ``matrix``) for every char PDFium reads off the page.

    Each box is pdfminer's: the char's origin, its advance width along the line and one font
    size across it from the font's descent. Spaces and line breaks PDFium adds are dropped; a
    line-ending hyphen PDFium marks is a ``-`` again; the letters PDFium splits a ligature glyph
    into are one char again, as pdfminer reads it. With ``walk`` (the page's objects in content
    order) chars come in content order, which PDFium changes within a line.

    Longer than the house's 60 lines on purpose: this is the per-character loop of every
    born-digital page (the reader's hot path, see ``bench/layout.py``), kept in one frame with
    its ctypes buffers and bound calls as locals; split into calls per char it runs slower.
    """
    reader = _CharReader(textpage, frame)
    tp = reader.tp
    n = _CountChars(tp)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.addressof(ox), ctypes.addressof(oy)
    loose = reader.loose
    loose_ref = reader.loose_ref
    pa, pb, pc, pd, pe, pf = frame.to_page
    get_unicode, is_generated, get_object, get_origin = _GetUnicode, _IsGenerated, _GetTextObject, _GetCharOrigin
    get_loose = _GetLooseCharBox
    objects, advance = reader.objects, reader.advance
    order = walk.text_order if walk is not None else {}
    chars: list[dict[str, Any]] = []
    keys: list[tuple[int, int]] = []
    prev: dict[str, Any] | None = None
    prev_obj, prev_x, prev_y, prev_index = 0, 0.0, 0.0, -1
    prev_box: tuple[float, float, float, float] | None = None
    cur_obj = 0
    info: _TextObjectInfo | None = None
    rank = 0
    for i in range(n):
        code = get_unicode(tp, i)
        if code == 0 or code >= 0x110000:
            continue
        if code == _HYPHEN_MARK and _IsHyphen(tp, i):
            code = 0x2D
        text = chr(code)
        if text.isspace() and (is_generated(tp, i) or reader.synthetic_space(i)):
            continue
        obj = get_object(tp, i)
        if not obj:  # generated by PDFium, no object behind it
            continue
        if obj != cur_obj:
            cur_obj = obj
            info = objects.get(obj) or reader.info(obj, i)
            rank = order.get(obj, 1 << 30)
            i_ax, i_ay, x_lo, x_hi, y_lo, y_hi = info.ax, info.ay, info.x_lo, info.x_hi, info.y_lo, info.y_hi
            upright, fontname, matrix, widths = info.upright, info.fontname, info.pm_matrix, info.widths
            step, user_x = (info.user_step, info.user_x) if info.square else (0.0, True)
        get_origin(tp, i, ox_ref, oy_ref)
        x = ox.value
        y = oy.value
        px, py = pa * x + pc * y + pe, pb * x + pd * y + pf
        if prev is not None and obj == prev_obj and x == prev_x and y == prev_y:
            # PDFium gives every piece of one glyph (a ligature, a multi-letter ToUnicode entry)
            # the glyph's origin and box; the letters of an /ActualText span share the text
            # object's origin but split its box.
            if prev_box is None:
                prev_box = reader.char_box(prev_index)
            box = reader.char_box(i)
            if box == prev_box:
                prev["text"] += text
                lig = _LIGATURES.get(prev["text"])
                adv = reader.glyph_width(info, lig) if lig else 0.0
                _place(prev, info, px, py, adv if adv > 0 else advance(info, i, code, x, y))
                continue
            _place_along(prev, info, prev_box)
            ch = dict(prev)
            ch["text"] = text
            _place_along(ch, info, box)
            chars.append(ch)
            keys.append((rank, i))
            prev, prev_index, prev_box = ch, i, box
            continue
        adv = widths.get(code)
        if adv is None:
            adv = reader.glyph_width(info, code)
        if step:  # check the width against the loose box (see _CharReader.advance)
            get_loose(tp, i, loose_ref)
            if user_x:
                loose_adv = ((loose.right if step > 0 else loose.left) - x) / step
            else:
                loose_adv = ((loose.top if step > 0 else loose.bottom) - y) / step
            if loose_adv > 0 and abs(loose_adv - adv) * abs(step) > _EPS:
                adv = advance(info, i, code, x, y)
        ax = i_ax * adv
        ay = i_ay * adv
        if ax >= 0:
            x0, x1 = px + x_lo, px + x_hi + ax
        else:
            x0, x1 = px + x_lo + ax, px + x_hi
        if ay >= 0:
            top, bottom = py + y_lo, py + y_hi + ay
        else:
            top, bottom = py + y_lo + ay, py + y_hi
        ch = {
            "text": text,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "upright": upright,
            "size": round(bottom - top, 4),  # see _place
            "fontname": fontname,
            "matrix": matrix,
        }
        chars.append(ch)
        keys.append((rank, i))
        prev, prev_obj, prev_x, prev_y, prev_index, prev_box = ch, obj, x, y, i, None
    if walk is not None:
        ranked = sorted(range(len(chars)), key=keys.__getitem__)
        chars = [chars[k] for k in ranked]
    return chars


def pdfium_page_to_layout(
    page: Any, page_no: int, doc_id: str, settings: LayoutSettings = LayoutSettings()
) -> PageLayout:
    """Read one ``pypdfium2.PdfPage`` into a :class:`PageLayout` (``page_no`` is 1-based).

    The layout is the one :func:`extractors.layout.page_to_layout` reads from the same page with
    pdfplumber: same page size and rotation, words, rulings and fills.
    """
    frame = _page_frame(page)
    walk = _PageObjects(frame)
    raw = _handle(page)
    walk.visit(raw, _CountPageObjects(raw), _GetPageObject, _IDENTITY, 0)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, frame, walk)
    finally:
        textpage.close()
    shapes = SimpleNamespace(lines=walk.lines, rects=walk.rects, curves=walk.curves)
    raw_rulings, raw_fills = _rulings_and_fills(shapes, settings)
    return layout_from_chars(chars, raw_rulings, raw_fills, frame.width, frame.height, doc_id, page_no, settings)


class _PageObjects:
    """One walk over a page's objects, form XObjects included, in content order: pdfplumber's
    ``lines``, ``rects`` and ``curves`` (the fields the ruling logic reads) from the path
    objects, and the content-order rank of every text object."""

    def __init__(self, frame: _Frame) -> None:
        self.frame = frame
        self.lines: list[dict[str, Any]] = []
        self.rects: list[dict[str, Any]] = []
        self.curves: list[dict[str, Any]] = []
        self.text_order: dict[int, int] = {}
        self.matrix = pdfium_c.FS_MATRIX()

    def visit(self, parent: int, count: int, get_object: Callable[..., Any], outer: Affine, depth: int) -> None:
        m = self.matrix
        m_ref = ctypes.byref(m)
        for i in range(count):
            obj = get_object(parent, i)
            if not obj:
                continue
            kind = _GetObjType(obj)
            if kind == _OBJ_TEXT:
                self.text_order[obj] = len(self.text_order)
                continue
            if kind != _OBJ_PATH and kind != _OBJ_FORM:
                continue
            if not _GetObjMatrix(obj, m_ref):
                continue
            # an object's matrix maps its own space into its container's (the form's) space
            matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            if kind == _OBJ_FORM:
                if depth < _MAX_FORM_DEPTH:
                    self.visit(obj, _CountFormObjects(obj), _GetFormObject, matrix, depth + 1)
            else:
                _paint_path(obj, _compose(matrix, self.frame.to_page), (self.lines, self.rects, self.curves))


def _path_segments(obj: int) -> list[tuple[str, float, float]]:
    """A PDFium path as pdfminer's operators: ``m``, ``l``, ``c`` (end point only) and ``h``."""
    ops: list[tuple[str, float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    pending_bezier = 0
    for j in range(_CountSegments(obj)):
        seg = _GetSegment(obj, j)
        if not seg:
            continue
        kind = _GetSegmentType(seg)
        _GetSegmentPoint(seg, x_ref, y_ref)
        if kind == _SEG_MOVE:
            ops.append(("m", x.value, y.value))
            pending_bezier = 0
        elif kind == _SEG_LINE:
            ops.append(("l", x.value, y.value))
            pending_bezier = 0
        elif kind == _SEG_BEZIER:
            pending_bezier += 1  # PDFium stores a Bézier as (control, control, end)
            if pending_bezier < 3:
                continue
            pending_bezier = 0
            ops.append(("c", x.value, y.value))
        else:
            continue
        if _GetSegmentClose(seg):
            ops.append(("h", 0.0, 0.0))
    return ops


def _paint_path(
    obj: int, to_page: Affine, out: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    """Sort one painted path into lines, rects and curves the way pdfminer's ``paint_path`` does."""
    fill_mode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    _GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
    fill, stroked = fill_mode.value != 0, bool(stroke.value)
    colour: tuple[int, ...] | None = None
    if fill:  # compared between fills only (same colour or not): PDFium's RGBA stands in for pdfminer's colour
        rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        if _GetFillColor(obj, *(ctypes.byref(v) for v in rgba)):
            colour = tuple(v.value for v in rgba)
    ops = _path_segments(obj)
    a, b, c, d, e, f = to_page
    # one shape per subpath ("m" followed by at least one more operator), as pdfminer splits them
    starts = [k for k, op in enumerate(ops) if op[0] == "m"] + [len(ops)]
    if not ops or ops[0][0] != "m":
        return
    lines, rects, curves = out
    for s0, s1 in zip(starts, starts[1:]):
        sub = ops[s0:s1]
        if len(sub) < 2:
            continue
        shape = "".join(op[0] for op in sub)
        x_start, y_start = sub[0][1], sub[0][2]
        pts = [
            (a * px + c * py + e, b * px + d * py + f)
            for px, py in ((x_start, y_start) if op[0] == "h" else (op[1], op[2]) for op in sub)
        ]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            (x0, t0), (x1, t1) = pts[0], pts[1]
            lines.append({"x0": min(x0, x1), "top": min(t0, t1), "x1": max(x0, x1), "bottom": max(t0, t1),
                          "stroke": stroked, "fill": fill})
            continue
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                rects.append({"x0": min(x0, x2), "top": min(y0, y2), "x1": max(x0, x2), "bottom": max(y0, y2),
                              "stroke": stroked, "fill": fill, "non_stroking_color": colour})
                continue
        curves.append({"pts": pts, "stroke": stroked, "fill": fill})
