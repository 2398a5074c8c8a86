"""Hostile PDFs for tests and ``bench/hostile.py``: files that hang, crash or swamp a PDF reader.

Every builder writes a genuine PDF with raw bytes (a classic xref table, or an xref stream when
objects sit in an object stream, at correct offsets): ``write_<case>(path) -> Path``, where
``path`` is a directory (the file is ``<case>.pdf`` in it) or a file name. ``HOSTILE_CASES``
names them all; ``write_hostile_corpus(dir)`` writes every case into ``dir``.

The page every case starts from: object 1 catalog, 2 page tree, 3 page, 4 content stream,
5 resources, 6 a Helvetica font; a case adds objects from 7 on.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from pdfminer.arcfour import Arcfour
from pdfminer.pdfdocument import PDFStandardSecurityHandler

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
TEXT = b"BT /F1 12 Tf 72 720 Td (A hostile test page with some text on it.) Tj ET"


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """A stream object's body: its dictionary (``entries`` plus a direct /Length) and data."""
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), entries, data)


def page_objects(*, resources: bytes = b"5 0 R", content: bytes = TEXT, page_extra: bytes = b"",
                 pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>") -> list[bytes]:
    """Objects 1-6 of a one-page document (see the module docstring)."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents 4 0 R %s>>"
        % (resources, page_extra),
        stream(content),
        b"<< /Font << /F1 6 0 R >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]


def _objects_bytes(objects: Sequence[bytes], first: int = 1) -> tuple[bytearray, list[int]]:
    out = bytearray(HEADER)
    offsets = []
    for number, body in enumerate(objects, first):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    return out, offsets


def pdf_bytes(objects: Sequence[bytes], *, root: bytes = b"1 0 R", trailer: bytes = b"") -> bytes:
    """A PDF whose object ``n`` is ``objects[n - 1]``, with a classic xref table."""
    out, offsets = _objects_bytes(objects)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %s %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer, xref_at)
    return bytes(out)


def pdf_bytes_packed(objects: Sequence[bytes], packed: Sequence[bytes]) -> bytes:
    """Like :func:`pdf_bytes`, but objects ``len(objects) + 1 ...`` are ``packed`` into an object
    stream, and the cross-reference is an xref stream (PDF 1.5)."""
    first_packed = len(objects) + 1
    objstm_no = first_packed + len(packed)
    xref_no = objstm_no + 1
    header = bytearray()
    body = bytearray()
    for number, obj in enumerate(packed, first_packed):
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    objstm = stream(bytes(header) + bytes(body), b"/Type /ObjStm /N %d /First %d " % (len(packed), len(header)))
    out, offsets = _objects_bytes(objects)
    offsets.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (objstm_no, objstm)
    xref_at = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offset, 0) for offset in offsets[: len(objects)]]
    rows += [struct.pack(">BIH", 2, objstm_no, index) for index in range(len(packed))]
    rows += [struct.pack(">BIH", 1, offsets[-1], 0), struct.pack(">BIH", 1, xref_at, 0)]
    entries = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R " % (xref_no + 1)
    out += b"%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n" % (xref_no, stream(b"".join(rows), entries), xref_at)
    return bytes(out)


def _write(path: Path, case: str, data: bytes) -> Path:
    target = path / f"{case}.pdf" if path.is_dir() else path
    target.write_bytes(data)
    return target


# ---------------------------------------------------------------- reference cycles


def write_reference_cycle(path: Path) -> Path:
    """The page's /Resources is ``7 0 R``; object 7 is ``8 0 R`` and 8 is ``7 0 R``: pdfminer's
    ``resolve1`` follows the chain forever (from ``PDFPage.__init__``)."""
    return _write(path, "reference_cycle", pdf_bytes([*page_objects(resources=b"7 0 R"), b"8 0 R", b"7 0 R"]))


def write_self_reference(path: Path) -> Path:
    """The page's /Resources is ``7 0 R`` and object 7 is ``7 0 R``."""
    return _write(path, "self_reference", pdf_bytes([*page_objects(resources=b"7 0 R"), b"7 0 R"]))


def write_root_cycle(path: Path) -> Path:
    """The trailer's /Root is a reference cycle (7 → 8 → 7): pdfminer loops while opening."""
    return _write(path, "root_cycle", pdf_bytes([*page_objects(), b"8 0 R", b"7 0 R"], root=b"7 0 R"))


def write_length_cycle(path: Path) -> Path:
    """The content stream's /Length is a reference cycle: pdfminer loops while reading the stream."""
    objects = page_objects()
    objects[3] = b"<< /Length 7 0 R >>\nstream\n%s\nendstream" % TEXT
    return _write(path, "length_cycle", pdf_bytes([*objects, b"8 0 R", b"7 0 R"]))


def write_objstm_cycle(path: Path) -> Path:
    """The /Resources cycle of :func:`write_reference_cycle`, with 7 and 8 in an object stream."""
    return _write(path, "objstm_cycle", pdf_bytes_packed(page_objects(resources=b"7 0 R"), [b"8 0 R", b"7 0 R"]))


def write_page_tree_loop(path: Path) -> Path:
    """The root /Pages node's /Kids holds a /Pages node whose /Kids holds the root again."""
    objects = page_objects(pages=b"<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>")
    loop = b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"
    return _write(path, "page_tree_loop", pdf_bytes([*objects, loop]))


def write_page_tree_dag(path: Path, levels: int = 40) -> Path:
    """/Pages nodes without /Count, each listing the next one twice: 2**40 paths to one page."""
    first = 7
    nodes = [b"<< /Type /Pages /Kids [%d 0 R %d 0 R] >>" % ((first + i + 1,) * 2) for i in range(levels - 1)]
    nodes.append(b"<< /Type /Pages /Kids [3 0 R 3 0 R] >>")
    objects = page_objects(pages=b"<< /Type /Pages /Kids [%d 0 R] >>" % first)
    objects[2] = objects[2].replace(b"/Parent 2 0 R", b"/Parent %d 0 R" % (first + levels - 1))
    return _write(path, "page_tree_dag", pdf_bytes([*objects, *nodes]))


def write_xref_prev_loop(path: Path) -> Path:
    """The trailer's /Prev points at its own xref table."""
    objects = page_objects()
    out, offsets = _objects_bytes(objects)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at, xref_at)
    return _write(path, "xref_prev_loop", bytes(out))


# ---------------------------------------------------------------- memory and size bombs


def flate_zeros(inflated_mib: int, prefix: bytes = b"") -> bytes:
    """A valid zlib stream of ``prefix`` (a stored block) and ``inflated_mib`` MiB of zero bytes,
    built in milliseconds: one 1 MiB deflate block (full flush: byte-aligned, no shared history)
    repeated, and the adler32 worked out (a zero byte adds A to B and leaves A)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(bytes(1 << 20)) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.flush()
    stored = b"\x00" + struct.pack("<HH", len(prefix), len(prefix) ^ 0xFFFF) + prefix if prefix else b""
    checksum = zlib.adler32(prefix)
    a, b = checksum & 0xFFFF, checksum >> 16
    b = (b + (inflated_mib << 20) * a) % 65521
    return b"\x78\xda" + stored + block * inflated_mib + tail + struct.pack(">I", b << 16 | a)


def write_flate_bomb(path: Path, inflated_mib: int = 1536) -> Path:
    """The page's content stream: about 1.5 MB on disk, 1.5 GiB of NUL bytes (PDF white space)
    once inflated."""
    objects = page_objects()
    objects[3] = stream(flate_zeros(inflated_mib), b"/Filter /FlateDecode ")
    return _write(path, "flate_bomb", pdf_bytes(objects))


def write_hidden_bomb(path: Path, inflated_mib: int = 1024, packed_length: bool = True) -> Path:
    """A bomb whose data starts with ``endstream endobj`` (in a stored deflate block) and whose
    /Length is indirect: the raw bytes suggest an 8-byte stream, pdfminer reads /Length bytes.
    The /Length object sits in an object stream (``packed_length``) or at the top level."""
    data = flate_zeros(inflated_mib, prefix=b"\nendstream\nendobj\n")
    objects = page_objects()
    objects[3] = b"<< /Length 7 0 R /Filter /FlateDecode >>\nstream\n%s\nendstream" % data
    length = b"%d" % len(data)
    data = pdf_bytes_packed(objects, [length]) if packed_length else pdf_bytes([*objects, length])
    return _write(path, "hidden_bomb", data)


def write_encrypted_bomb(path: Path, inflated_mib: int = 512) -> Path:
    """The flate bomb in an RC4-encrypted file with an empty user password (readers open it
    without asking): the raw data is ciphertext, the readers decrypt and then inflate it."""
    pad, doc_id = PDFStandardSecurityHandler.PASSWORD_PADDING, b"hostile-pdf-id-0"
    owner = Arcfour(hashlib.md5(pad).digest()[:5]).encrypt(pad)  # Algorithm 3.3, both passwords empty
    key = hashlib.md5(pad + owner + struct.pack("<i", -4) + doc_id).digest()[:5]  # Algorithm 3.2, R2
    user = Arcfour(key).encrypt(pad)  # Algorithm 3.4
    object_key = hashlib.md5(key + struct.pack("<L", 4)[:3] + b"\0\0").digest()[:10]
    objects = page_objects()
    objects[3] = stream(Arcfour(object_key).encrypt(flate_zeros(inflated_mib)), b"/Filter /FlateDecode ")
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (owner.hex().encode(), user.hex().encode())
    trailer = b"/Encrypt 7 0 R /ID [<%s> <%s>] " % (doc_id.hex().encode(), doc_id.hex().encode())
    return _write(path, "encrypted_bomb", pdf_bytes([*objects, encrypt], trailer=trailer))


def write_chained_bomb(path: Path, inflated_mib: int = 1024) -> Path:
    """A bomb behind two filters: ASCIIHex, then Flate (the data is hex text, so no zlib header)."""
    objects = page_objects()
    objects[3] = stream(flate_zeros(inflated_mib).hex().encode() + b">", b"/Filter [/AHx /Fl] ")
    return _write(path, "chained_bomb", pdf_bytes(objects))


def write_huge_image(path: Path, width: int = 20000, height: int = 20000) -> Path:
    """An image XObject declaring 20000 x 20000 RGB pixels (400 megapixels, 1.2 GB decoded) with
    1 KB of data, covering a page that also has text (so the page is rendered for the OCR check).
    PDFium gives up on an image past 2**32 bytes decoded, so this one is the nastier size."""
    objects = page_objects(resources=b"<< /Font << /F1 6 0 R >> /XObject << /Im1 7 0 R >> >>",
                           content=b"q 612 0 0 792 0 0 cm /Im1 Do Q\n" + TEXT)
    image = stream(zlib.compress(bytes(1024)), b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                   b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode " % (width, height))
    return _write(path, "huge_image", pdf_bytes([*objects, image]))


def write_huge_page_count(path: Path) -> Path:
    """One page, but the page tree declares /Count 2147483647."""
    objects = page_objects(pages=b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>")
    return _write(path, "huge_page_count", pdf_bytes(objects))


def write_deep_nesting(path: Path, depth: int = 100_000) -> Path:
    """Arrays nested ``depth`` deep: the page's /Annots and an operand in its content stream."""
    nest = b"[" * depth + b"]" * depth
    objects = page_objects(page_extra=b"/Annots 7 0 R ", content=TEXT + b"\n" + nest + b" pop")
    return _write(path, "deep_nesting", pdf_bytes([*objects, nest]))


def write_form_fanout(path: Path, levels: int = 32) -> Path:
    """Form XObjects ``X1 ... X<levels>``, each drawing the next twice: 2**levels draws of a
    text run (the XObject "billion laughs")."""
    first = 7
    forms = []
    for level in range(levels):
        number = first + level
        if level == levels - 1:
            resources, content = b"<< /Font << /F1 6 0 R >> >>", b"BT /F1 1 Tf (x) Tj ET"
        else:
            resources, content = b"<< /XObject << /X %d 0 R >> >>" % (number + 1), b"/X Do /X Do"
        forms.append(stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources %s " % resources))
    objects = page_objects(resources=b"<< /Font << /F1 6 0 R >> /XObject << /X %d 0 R >> >>" % first,
                           content=TEXT + b"\n/X Do")
    return _write(path, "form_fanout", pdf_bytes([*objects, *forms]))


# ---------------------------------------------------------------- hostile text


TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
5 beginbfchar
<41> <D800>
<42> <0000>
<43> <0007>
<44> <DFFF>
<45> <DC00D800>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def write_control_text(path: Path) -> Path:
    """A font whose /ToUnicode maps A to a lone high surrogate (U+D800), B to NUL, C to BEL and
    D to a lone low surrogate, E to a reversed surrogate pair: the page's text decodes to characters that crash later stages
    (``UnicodeEncodeError: surrogates not allowed``)."""
    objects = page_objects(content=b"BT /F1 12 Tf 72 720 Td (Plan ABCDE action AABBCCDDEE) Tj 0 -20 Td (Ministry) Tj ET")
    objects[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>"
    return _write(path, "control_text", pdf_bytes([*objects, stream(TO_UNICODE)]))


HOSTILE_CASES: dict[str, Callable[[Path], Path]] = {
    "reference_cycle": write_reference_cycle,
    "self_reference": write_self_reference,
    "root_cycle": write_root_cycle,
    "length_cycle": write_length_cycle,
    "objstm_cycle": write_objstm_cycle,
    "page_tree_loop": write_page_tree_loop,
    "page_tree_dag": write_page_tree_dag,
    "xref_prev_loop": write_xref_prev_loop,
    "flate_bomb": write_flate_bomb,
    "hidden_bomb": write_hidden_bomb,
    "encrypted_bomb": write_encrypted_bomb,
    "chained_bomb": write_chained_bomb,
    "huge_image": write_huge_image,
    "huge_page_count": write_huge_page_count,
    "deep_nesting": write_deep_nesting,
    "form_fanout": write_form_fanout,
    "control_text": write_control_text,
}


#: cases the guard refuses before reading, with the error category of their documents row
REFUSED = {
    "reference_cycle": "reference_cycle",
    "self_reference": "reference_cycle",
    "root_cycle": "reference_cycle",
    "length_cycle": "reference_cycle",
    "flate_bomb": "bomb",
    "hidden_bomb": "bomb",
    "encrypted_bomb": "bomb",
    "chained_bomb": "bomb",
    "huge_image": "image_too_large",
    "form_fanout": "xobject_fanout",
}
# cases the readers cope with: (status, pages) expected from extract_document, or None: any document
READERS_COPE: dict[str, tuple[str, int] | None] = {
    "objstm_cycle": None,  # pdfminer cannot parse a bare reference in an object stream: corrupt
    "xref_prev_loop": None,  # pdfminer: RecursionError, corrupt
    "page_tree_loop": ("ok", 1),
    "page_tree_dag": ("ok", 1),
    "huge_page_count": ("ok", 1),
    "deep_nesting": ("ok", 1),
    "control_text": ("ok", 1),
}


def write_hostile_corpus(directory: Path) -> dict[str, Path]:
    """Every hostile case written into ``directory`` (created), by case name."""
    directory.mkdir(parents=True, exist_ok=True)
    return {case: write(directory) for case, write in HOSTILE_CASES.items()}
