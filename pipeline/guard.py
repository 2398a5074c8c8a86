"""Bounded pre-reading of a PDF: refuse, before pdfminer or PDFium read a file, the constructions
that would hang them or take the machine's memory (``check_pdf_bounds``).

What hangs or swamps which reader (pdfminer.six 20260107, PDFium in pypdfium2 5.15.2; the cases
are built by ``tests/hostile.py`` and run by ``bench/hostile.py``):

* ``reference_cycle``: top-level objects that are bare references closing a loop (``7 0 obj
  8 0 R endobj 8 0 obj 7 0 R endobj``), used as a page's /Resources, the trailer's /Root or a
  stream's /Length. pdfminer's ``resolve1`` is ``while isinstance(x, PDFObjRef): x =
  x.resolve()`` and spins forever (in ``PDFDocument()``, ``PDFPage.__init__`` or while reading
  the stream); PDFium detects the loop. Inside an object stream pdfminer cannot parse a bare
  reference at all (it fails cleanly), so only top-level objects matter.
* ``bomb``: a stream inflating to gigabytes. Both readers inflate a whole stream in memory
  (1.5 GiB of zeros: pdfminer 3.1 GB and then hours tokenizing it; PDFium 2.6 GB).
* ``xobject_fanout``: form XObjects drawing each other in a doubling chain (2**32 draws): both
  readers expand every draw (pdfminer spins; PDFium passes 5 GB in 30 s).
* ``image_too_large``: an image XObject declaring more than ``limits.max_image_mpx`` megapixels
  (PDFium decodes a 400 MPx image when the page is rendered for the OCR check: 1.4 GB).

Left to the readers, which cope (``tests/pipeline/test_guard.py`` checks it): page-tree loops
(pdfminer's ``create_pages`` keeps a visited set, PDFium detects them), a doubling page-tree DAG
without /Count (pdfminer: the visited set; PDFium refuses to open it), a huge declared /Count,
arrays nested 100k deep, an xref /Prev loop (pdfminer: a clean RecursionError), bare references
in object streams (pdfminer cannot parse them: corrupt), control characters and lone surrogates
from a /ToUnicode map (the word makers clean them). Not looked for, left to the per-document
time and memory limits (this check runs inside that process too): inline images (``BI ... ID``)
declaring huge sizes, a page listing one content stream a million times, many streams each just
under the limit.

Cost: regex passes over the raw bytes find every stream, every top-level integer object and
every top-level bare reference. A stream is inflated only when its compressed size times its
filters' largest expansion (Flate 1032:1) can pass the limit, in chunks, counting and discarding
the output. pdfminer's parser (a ``PDFDocument`` whose ``getobj`` cannot loop) is opened only
for what the raw bytes leave open: an indirect /Length, /Filter, /Width or /Height not written
as a top-level integer, an encrypted file's large streams, a loop of bare references to confirm,
forms that may expand past MAX_FORM_DRAWS. On ../shared/corpus (133 PDFs) the check takes about
a fifth of the time pdfplumber takes to open the files and list their pages (bench/hostile.py).
"""

from __future__ import annotations

import base64
import hashlib
import io
import mmap
import re
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFDocument, PDFStandardSecurityHandler
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral, literal_name

from pipeline.errors import InputError
from pipeline.settings import LimitSettings

try:  # cryptography >= 43 moved RC4 to "decrepit"
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
except ImportError:  # pragma: no cover - older cryptography
    try:
        from cryptography.hazmat.primitives.ciphers.algorithms import ARC4  # type: ignore[no-redef]
    except ImportError:
        ARC4 = None  # type: ignore[assignment,misc]

MIB = 1 << 20
CHUNK = 1 << 20  # bytes fed to (and taken from) a decoder at a time
MAX_FORM_DRAWS = 1_000_000  # draws one form XObject may expand to, itself and the forms under it
_DICT_WINDOW = 1 << 16  # how far before ``stream`` its object header is looked for

_STREAM_RE = re.compile(rb"stream[ \t\f\0]*(?:%[^\r\n]*)?(?:\r\n|\n|\r)")  # pdfminer: data after the line
_DICT_END_RE = re.compile(rb">>(?:\s|%[^\r\n]*)*$")
_HEADER_RE = re.compile(rb"(?<!\d)(\d{1,10})\s+(\d{1,5})\s+$")  # "<objid> <genno> " before "obj"
_SPACE = rb"(?:\s|%[^\r\n]*)*"  # white space and comments
# a top-level object that is a bare reference (group 2 set) or an integer
_REF_OR_INT_RE = re.compile(rb"obj" + _SPACE + rb"(\d{1,19})(?:\s+(\d{1,5})\s+R\b|" + _SPACE + rb"endobj)")
_FILTER_RES = (re.compile(rb"/F\s*(\[[^\]]*\]|/[^\s/\[\]<>()%]+)"),
               re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()%]+)"))
_NAME_RE = re.compile(rb"/([^\s/\[\]<>(){}%]+)")
_DO_RE = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do\b")
_IMAGE_RE = re.compile(rb"/Subtype\s*/Image\b")
_FORM_RE = re.compile(rb"/Subtype\s*/Form\b")
_NOT_HEX = bytes(c for c in range(256) if chr(c) not in "0123456789abcdefABCDEF")
_NOT_A85 = bytes(c for c in range(256) if not (0x21 <= c <= 0x75 or c == 0x7A))


def _int_entry_re(key: str) -> re.Pattern[bytes]:
    """``/<key> 123`` (group 1) or ``/<key> 123 0 R`` (groups 1 and 2)."""
    return re.compile(rb"/%s\s+(\d{1,19})(?:\s+(\d{1,5})\s+R\b)?" % key.encode())


_LENGTH_RE, _WIDTH_RE, _HEIGHT_RE = _int_entry_re("Length"), _int_entry_re("Width"), _int_entry_re("Height")


class _Exceeded(Exception):
    """A decoding stage produced more than the limit."""


@dataclass(frozen=True)
class RawStream:
    """One stream as the raw bytes show it (its dictionary read with regexes)."""

    objid: int | None  # from the object header before it (None: no header found)
    data_at: int  # offset of its first data byte
    extent: int  # data bytes a reader may take: max(direct /Length, distance to the next endstream)
    filters: tuple[str, ...] | None  # None: not written out (an indirect /Filter)
    length_ref: int | None  # the object an indirect /Length refers to
    subtype: str  # "Image", "Form" or ""
    width: int | None  # direct /Width and /Height of an image (None: indirect or missing)
    height: int | None


@dataclass(frozen=True)
class RawScan:
    """What one pass over the raw bytes found."""

    streams: list[RawStream]
    ints: dict[int, int]  # top-level objects that are an integer (indirect /Length): the largest
    refs: dict[int, set[int]]  # top-level objects that are a bare reference: their targets
    encrypted: bool  # an /Encrypt key somewhere (stream data then is not what readers inflate)


def check_pdf_bounds(path: Path, limits: LimitSettings) -> None:
    """Raise :class:`InputError` (category ``bomb``, ``image_too_large``, ``reference_cycle`` or
    ``xobject_fanout``) for a file that would hang a reader or take the machine's memory.
    A file pdfminer cannot open at all passes: the reader reports it."""
    if path.stat().st_size == 0:
        return
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
        scan = scan_raw(buf)
        for stream in scan.streams:  # before pdfminer: opening can inflate xref and object streams
            check_raw_stream(buf, stream, scan, limits)
        open_streams = [s for s in scan.streams if _left_open(s, scan, limits)]
        loop = raw_reference_loop(scan.refs)
        fanout = form_draws_bound(buf, scan.streams) > MAX_FORM_DRAWS
        if not (open_streams or loop or fanout):
            return
        doc = _open_document(fh)
        if doc is None:
            return
        if loop:
            check_reference_cycles(doc, scan.refs)
        for stream in open_streams:
            check_parsed_stream(doc, stream, limits)
        if fanout:
            check_form_fanout(doc, scan.streams)


# ---------------------------------------------------------------- raw bytes


def scan_raw(buf: mmap.mmap | bytes) -> RawScan:
    ints: dict[int, int] = {}
    refs: dict[int, set[int]] = {}
    for match in _REF_OR_INT_RE.finditer(buf):
        head = _HEADER_RE.search(buf[max(0, match.start() - 32):match.start()])
        if head is None:
            continue
        objid, value = int(head.group(1)), int(match.group(1))
        if match.group(2) is None:
            ints[objid] = max(ints.get(objid, 0), value)
        else:
            refs.setdefault(objid, set()).add(value)
    return RawScan(list(raw_streams(buf)), ints, refs, buf.find(b"/Encrypt") >= 0)


class _NextEndstream:
    """Where the next ``endstream`` at or after an offset is, remembering the last answer (so a
    file of many streams is searched once, not once per stream)."""

    def __init__(self, buf: mmap.mmap | bytes):
        self.buf, self.asked, self.found = buf, len(buf) + 1, -1  # true: none after the end

    def __call__(self, at: int) -> int:
        if not (self.asked <= at and (self.found < 0 or at <= self.found)):
            self.asked, self.found = at, self.buf.find(b"endstream", at)
        return self.found


def raw_streams(buf: mmap.mmap | bytes) -> Iterator[RawStream]:
    """Every ``<< ... >> stream`` in the file (all revisions, object streams, xref streams)."""
    next_end, lowest = _NextEndstream(buf), 0
    for match in _STREAM_RE.finditer(buf):
        stream = _raw_stream(buf, match, lowest, next_end)
        if stream is not None:
            lowest = stream.data_at  # the next one's dictionary is after this one's data starts
            yield stream


def _raw_stream(buf: mmap.mmap | bytes, match: re.Match[bytes], lowest: int,
                next_end: Callable[[int], int]) -> RawStream | None:
    """The stream whose ``stream`` keyword is ``match``, or None (the word in text or data);
    its object header is looked for after ``lowest``."""
    at = match.start()
    if buf[max(0, at - 3):at] == b"end":
        return None
    if not _DICT_END_RE.search(buf[max(lowest, at - 256):at]):
        return None
    header, head, lowest = at, None, max(lowest, at - _DICT_WINDOW)
    for _ in range(8):  # "obj" may also occur inside the dictionary (/objective)
        header = buf.rfind(b"obj", lowest, header)
        head = _HEADER_RE.search(buf[max(0, header - 32):header]) if header >= 0 else None
        if head or header < 0:
            break
    entries = buf[header + 3:at] if head else buf[max(lowest, at - 4096):at]
    data_at = match.end()
    length = _LENGTH_RE.search(entries)
    direct = int(length.group(1)) if length and length.group(2) is None else 0
    end = next_end(data_at + direct)  # an earlier one would not lengthen the extent
    extent = min(len(buf) - data_at, max(direct, (end if end >= 0 else len(buf)) - data_at))
    subtype = "Image" if _IMAGE_RE.search(entries) else "Form" if _FORM_RE.search(entries) else ""
    width, height = (_WIDTH_RE.search(entries), _HEIGHT_RE.search(entries)) if subtype == "Image" else (None, None)
    return RawStream(int(head.group(1)) if head else None, data_at, extent, raw_filters(entries),
                     int(length.group(1)) if length and length.group(2) is not None else None, subtype,
                     int(width.group(1)) if width and width.group(2) is None else None,
                     int(height.group(1)) if height and height.group(2) is None else None)


def raw_filters(entries: bytes) -> tuple[str, ...] | None:
    """The filter names of a raw stream dictionary (``/F`` first, as pdfminer reads it); ``()``
    when it has none, None when they are not written out (an indirect /Filter)."""
    for pattern in _FILTER_RES:
        match = pattern.search(entries)
        if match:
            return tuple(name.decode("latin-1") for name in _NAME_RE.findall(match.group(1)))
    return None if re.search(rb"/Filter\b", entries) else ()


def _raw_size(buf: mmap.mmap | bytes, stream: RawStream, scan: RawScan) -> int:
    """The stream's data size: its extent, or a longer indirect /Length found as an integer object."""
    if stream.length_ref is None:
        return stream.extent
    return min(len(buf) - stream.data_at, max(stream.extent, scan.ints.get(stream.length_ref, 0)))


def check_raw_stream(buf: mmap.mmap | bytes, stream: RawStream, scan: RawScan, limits: LimitSettings) -> None:
    """Refuse a stream that inflates past the limit, or an image declaring too many pixels."""
    size = _raw_size(buf, stream, scan)
    filters = ("FlateDecode",) if stream.filters is None else stream.filters
    if _expands_past(_chunks(buf, stream.data_at, size), size, filters, limits):
        raise _bomb(stream.objid, limits)
    if stream.width is not None and stream.height is not None:
        _check_image(stream.objid, stream.width, stream.height, limits)


def _left_open(stream: RawStream, scan: RawScan, limits: LimitSettings) -> bool:
    """Whether the raw bytes cannot settle a stream: an indirect /Length that is no top-level
    integer, an indirect /Filter, /Width or /Height, or a large stream of an encrypted file."""
    if stream.objid is None:
        return False
    if stream.filters is None or (stream.length_ref is not None and stream.length_ref not in scan.ints):
        return True
    if stream.subtype == "Image" and (stream.width is None or stream.height is None):
        return True
    return scan.encrypted and _bound(stream.extent, stream.filters) > limits.max_stream_mb * MIB


def _chunks(buf: mmap.mmap | bytes, start: int, size: int) -> Iterator[bytes]:
    for at in range(start, start + size, CHUNK):
        yield buf[at:min(at + CHUNK, start + size)]


def _bomb(objid: int | None, limits: LimitSettings) -> InputError:
    where = f" (object {objid})" if objid is not None else ""
    return InputError("bomb", f"refused: a stream{where} inflates beyond {limits.max_stream_mb} MB "
                              "(limits.max_stream_mb); likely a decompression bomb")


def _check_image(objid: int | None, width: Any, height: Any, limits: LimitSettings) -> None:
    if not isinstance(width, int) or not isinstance(height, int):
        return
    mpx = width * height / 1e6
    if mpx > limits.max_image_mpx:
        where = f" (object {objid})" if objid is not None else ""
        raise InputError("image_too_large", f"refused: an image{where} declares {width} x {height} pixels "
                                            f"({mpx:,.0f} megapixels, over limits.max_image_mpx = {limits.max_image_mpx:g})")


def raw_reference_loop(refs: dict[int, set[int]]) -> list[int] | None:
    """A loop among top-level bare references (every definition of each object counted), as
    objids, or None. pdfminer's view (one definition each) can loop only if this one does."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in refs:
        if state.get(start):
            continue
        path, stack = [start], [iter(sorted(refs[start]))]
        state[start] = 1
        while stack:
            node = next(stack[-1], None)
            if node is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(node) == 1:
                return [*path[path.index(node):], node]
            elif not state.get(node) and node in refs:
                state[node] = 1
                path.append(node)
                stack.append(iter(sorted(refs[node])))
    return None


def form_draws_bound(buf: mmap.mmap | bytes, streams: list[RawStream]) -> int:
    """An upper bound on the draws any form XObject expands to, from each form's count d of
    ``Do`` operators: a form expands to at most 1 + d x (its largest child's), and a chain passes
    each form once, so the bound folds x -> 1 + d x over the forms, the largest d outermost.
    Capped at MAX_FORM_DRAWS + 1."""
    counts = []
    for stream in streams:
        if stream.subtype == "Form":
            data: Iterable[bytes] = _chunks(buf, stream.data_at, stream.extent)
            for _, decode in _stages(("FlateDecode",) if stream.filters is None else stream.filters):
                data = _capped(decode(data), MAX_FORM_DRAWS * 64)
            try:
                counts.append(_count_do(data))
            except (_Exceeded, ValueError, IndexError):
                return MAX_FORM_DRAWS + 1
    bound = 1
    for count in sorted(counts):
        bound = min(MAX_FORM_DRAWS + 1, 1 + count * bound)
    return bound


def _count_do(chunks: Iterable[bytes]) -> int:
    total, last = 0, b""
    for chunk in chunks:
        total += (last + chunk).count(b"Do")  # last: a "Do" split across two chunks
        last = chunk[-1:]
    return total


# ---------------------------------------------------------------- counting decoders


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """FlateDecode, at most CHUNK bytes out at a time; stops at the end of the zlib stream or at
    corrupt data (pdfminer keeps what inflated until there)."""
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                out = inflater.decompress(chunk, CHUNK)
                if out:
                    yield out
                if inflater.eof:
                    return
                chunk = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error:
        return


def _unhex(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """ASCIIHexDecode, up to the ``>`` end marker."""
    carry = b""
    for chunk in chunks:
        end = chunk.find(b">")
        digits = carry + (chunk if end < 0 else chunk[:end]).translate(None, _NOT_HEX)
        cut = len(digits) - len(digits) % 2
        yield bytes.fromhex(digits[:cut].decode("ascii"))
        carry = digits[cut:]
        if end >= 0:
            return


def _a85(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """ASCII85Decode, up to the ``~`` of the ``~>`` end marker; ``z`` is four zero bytes."""
    carry = b""
    for chunk in chunks:
        end = chunk.find(b"~")
        *whole, last = (carry + (chunk if end < 0 else chunk[:end]).translate(None, _NOT_A85)).split(b"z")
        for part in whole:
            yield base64.a85decode(part) + b"\0\0\0\0"
        if end >= 0:
            yield base64.a85decode(last)
            return
        cut = len(last) - len(last) % 5
        yield base64.a85decode(last[:cut])
        carry = last[cut:]
    yield base64.a85decode(carry)


def _unrun(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """RunLengthDecode, up to the 128 end marker."""
    carry = b""
    for chunk in chunks:
        data, at = carry + chunk, 0
        while at < len(data):
            code = data[at]
            if code == 128:
                return
            size = code + 2 if code < 128 else 2
            if at + size > len(data):
                break
            yield data[at + 1:at + size] if code < 128 else data[at + 1:at + 2] * (257 - code)
            at += size
        carry = data[at:]


def _unlzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """LZWDecode (pdfminer's decoder, one code at a time)."""
    return LZWDecoder(io.BytesIO(b"".join(chunks))).run()


# name → (largest output/input ratio, decoder); other filters (images, Crypt) are not inflated here
_DECODERS: dict[str, tuple[int, Callable[[Iterable[bytes]], Iterator[bytes]]]] = {
    "FlateDecode": (1032, _inflate), "Fl": (1032, _inflate),
    "LZWDecode": (4096, _unlzw), "LZW": (4096, _unlzw),
    "ASCIIHexDecode": (1, _unhex), "AHx": (1, _unhex),
    "ASCII85Decode": (4, _a85), "A85": (4, _a85),
    "RunLengthDecode": (64, _unrun), "RL": (64, _unrun),
}


def _capped(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _Exceeded
        yield chunk


def _stages(filters: Iterable[str]) -> list[tuple[int, Callable[[Iterable[bytes]], Iterator[bytes]]]]:
    """The decoders of ``filters`` up to the first one not inflated here."""
    stages = []
    for name in filters:
        if name not in _DECODERS:
            break
        stages.append(_DECODERS[name])
    return stages


def _bound(size: int, filters: Iterable[str]) -> int:
    """The most bytes ``size`` raw bytes can decode to under ``filters``."""
    for ratio, _ in _stages(filters):
        size *= ratio
    return size


def _expands_past(chunks: Iterator[bytes], size: int, filters: Iterable[str], limits: LimitSettings) -> bool:
    """Whether any decoding stage of ``size`` raw bytes under ``filters`` outputs more than
    ``limits.max_stream_mb`` (pdfminer holds each stage's output whole). Decodes only when the
    filters' ratios allow it, in chunks, keeping none of the output."""
    limit = limits.max_stream_mb * MIB
    if _bound(size, filters) <= limit:
        return False
    for _, decode in _stages(filters):
        chunks = _capped(decode(chunks), limit)
    try:
        for _ in chunks:
            pass
    except _Exceeded:
        return True
    except (ValueError, IndexError):  # corrupt hex/ascii85/lzw data: decoding stops there
        return False
    return False


# ---------------------------------------------------------------- through pdfminer


class _BoundedDocument(PDFDocument):
    """pdfminer's document, whose ``getobj`` follows a chain of bare references itself and
    raises on a loop: ``resolve1`` (which calls ``getobj`` until it gets a non-reference) then
    cannot spin while the guard reads the file."""

    def getobj(self, objid: int) -> object:
        chain = {objid: None}  # an insertion-ordered set
        obj = super().getobj(objid)
        while isinstance(obj, PDFObjRef):
            if obj.objid in chain:
                raise _cycle([*chain, obj.objid])
            chain[obj.objid] = None
            obj = super().getobj(obj.objid)
        return obj


def _cycle(chain: list[int]) -> InputError:
    shown = " -> ".join(str(objid) for objid in chain[:8]) + (" -> ..." if len(chain) > 8 else "")
    return InputError("reference_cycle", f"refused: indirect objects refer to each other in a loop ({shown}); "
                                         "pdfminer would never finish resolving them")


def _open_document(fh: BinaryIO) -> PDFDocument | None:
    """The file as a pdfminer document, or None when pdfminer cannot open it (the reader then
    reports it: corrupt, encrypted...). Raises for a loop met while opening (a /Root loop)."""
    fh.seek(0)
    try:
        return _BoundedDocument(PDFParser(fh))
    except InputError:
        raise
    except Exception:  # pdfminer raises many types (and RecursionError on a /Prev loop)
        return None


def _getobj(doc: PDFDocument, objid: int) -> Any:
    try:
        return doc.getobj(objid)
    except InputError:
        raise
    except Exception:  # a broken object: the reader reports or skips it
        return None


def check_reference_cycles(doc: PDFDocument, refs: dict[int, set[int]]) -> None:
    """Refuse a loop of top-level bare references as pdfminer reads them (one definition of each
    object, the one its xref points at)."""
    target: dict[int, int] = {}
    for objid in refs:
        try:
            obj = PDFDocument.getobj(doc, objid)  # pdfminer's own: the reference, unresolved
        except InputError:
            raise
        except Exception:  # not found, unparsable: nothing pdfminer could loop on
            continue
        if isinstance(obj, PDFObjRef):
            target[objid] = obj.objid
    loop = raw_reference_loop({objid: {to} for objid, to in target.items()})
    if loop:
        raise _cycle(loop)


def check_parsed_stream(doc: PDFDocument, stream: RawStream, limits: LimitSettings) -> None:
    """The stream as pdfminer reads it (resolved /Length, /Filter, /Width, /Height; decrypted)."""
    parsed = _parsed_stream(doc, stream)
    if parsed is None:
        return
    obj, data, filters = parsed
    if isinstance(subtype := resolve1(obj.get("Subtype")), PSLiteral) and subtype.name == "Image":
        _check_image(stream.objid, resolve1(obj.get("Width")), resolve1(obj.get("Height")), limits)
    if _expands_past(_chunks(data, 0, len(data)), len(data), filters, limits):
        raise _bomb(stream.objid, limits)


def _parsed_stream(doc: PDFDocument, stream: RawStream) -> tuple[PDFStream, bytes, list[str]] | None:
    """pdfminer's stream object, its raw data (decrypted) and its filter names; None when
    pdfminer cannot read it (then no reader inflates it)."""
    if stream.objid is None:
        return None
    try:
        obj = doc.getobj(stream.objid)
        if not isinstance(obj, PDFStream) or obj.rawdata is None:
            return None
        data = obj.rawdata
        if obj.decipher and obj.objid is not None and obj.genno is not None:
            data = _decrypt(obj.decipher, obj.objid, obj.genno, data, obj.attrs)
        return obj, data, [literal_name(f) for f, _ in obj.get_filters()]
    except InputError:
        raise
    except Exception:  # malformed object, /Filter or encryption: pdfminer fails on it too
        return None


def _decrypt(decipher: Callable[..., bytes], objid: int, genno: int, data: bytes, attrs: dict) -> bytes:
    """pdfminer's decryption, with RC4 (security handler V1/V2) done by ``cryptography`` (a
    pdfminer dependency) instead of pdfminer's pure-Python RC4 (200 KB/s)."""
    handler = getattr(decipher, "__self__", None)
    if ARC4 is None or type(handler) is not PDFStandardSecurityHandler or handler.key is None:
        return decipher(objid, genno, data, attrs)
    key = handler.key + struct.pack("<L", objid)[:3] + struct.pack("<L", genno)[:2]
    key = hashlib.md5(key).digest()[:min(len(key), 16)]  # as PDFStandardSecurityHandler.decrypt_rc4
    return Cipher(ARC4(key), mode=None).decryptor().update(data)


def _form_draws(doc: PDFDocument, objid: int) -> list[tuple[int, int]]:
    """The XObjects a form XObject draws, as (objid, times)."""
    form = _getobj(doc, objid)
    if not isinstance(form, PDFStream):
        return []
    resources = resolve1(form.get("Resources"))
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    try:
        content = form.get_data()
    except Exception:  # unsupported filter or corrupt data: the readers draw nothing either
        return []
    counts: dict[str, int] = {}
    for name in _DO_RE.findall(content):
        key = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes.fromhex(m.group(1).decode()), name).decode("latin-1")
        counts[key] = counts.get(key, 0) + 1
    return [(ref.objid, n) for key, n in counts.items() if isinstance(ref := xobjects.get(key), PDFObjRef)]


def form_draws(edges: dict[int, list[tuple[int, int]]]) -> Iterator[tuple[int, int]]:
    """(form, the draws it expands to: 1 + each child's times how often it draws it), children
    first; iterative (chains may be deep); a loop adds nothing (both readers stop it). Counts are
    capped at MAX_FORM_DRAWS + 1."""
    draws: dict[int, int] = {}
    for root in edges:
        stack, open_ = [(root, False)], set()
        while stack:
            node, children_done = stack.pop()
            if node in draws or (not children_done and node in open_):
                continue
            if not children_done:
                open_.add(node)
                stack.append((node, True))
                stack.extend((child, False) for child, _ in edges.get(node, ()) if child not in draws)
                continue
            open_.discard(node)
            draws[node] = min(MAX_FORM_DRAWS + 1, 1 + sum(n * draws.get(child, 0) for child, n in edges.get(node, ())))
            yield node, draws[node]


def check_form_fanout(doc: PDFDocument, streams: list[RawStream]) -> None:
    """Refuse a form XObject that expands to more than MAX_FORM_DRAWS draws (forms drawing forms
    several times each: both readers expand every draw)."""
    forms = {s.objid for s in streams if s.objid is not None and s.subtype == "Form"}
    edges = {objid: [(child, n) for child, n in _form_draws(doc, objid) if child in forms] for objid in forms}
    for form, draws in form_draws(edges):
        if draws > MAX_FORM_DRAWS:
            raise InputError("xobject_fanout", f"refused: form XObject {form} expands to more than "
                                               f"{MAX_FORM_DRAWS:,} draws of itself and the forms it draws")
