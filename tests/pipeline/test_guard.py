"""The bounded pre-read (pipeline/guard.py) against the hostile PDFs of tests/hostile.py.

A case the guard refuses must be refused with its category; a case it leaves to the readers must
come back from ``extract_document`` as a document, without hanging: those calls run in a child
process with a time and a memory limit, never in the test process.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import signal
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode

from pipeline import guard
from pipeline.errors import InputError
from pipeline.guard import check_pdf_bounds, form_draws, raw_reference_loop
from pipeline.settings import LimitSettings
from tests.conftest import REPO
from tests.hostile import (
    HOSTILE_CASES,
    READERS_COPE,
    REFUSED,
    TEXT,
    page_objects,
    pdf_bytes,
    stream,
    write_flate_bomb,
    write_hidden_bomb,
    write_hostile_corpus,
)

BOMB_MESSAGE = "refused: a stream (object 4) inflates beyond 256 MB (limits.max_stream_mb); likely a decompression bomb"

EXTRACT = """
import json, resource, sys
from pathlib import Path
from pipeline.extract import extract_document
from pipeline.settings import PipelineSettings
path = Path(sys.argv[1])
doc = extract_document(path, path.parent, PipelineSettings())
print(json.dumps({"status": doc.status, "error": doc.error, "n_pages": doc.n_pages,
                  "categories": [e.category for e in doc.errors],
                  "words": [w.text for layout in doc.layouts for w in layout.words],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def _child_limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a regression cannot take the machine


def extract_in_child(path: Path, timeout_s: float = 120.0) -> dict:
    """``extract_document`` on ``path`` in a child process (4 GiB address space, ``timeout_s``)."""
    proc = subprocess.Popen([sys.executable, "-c", EXTRACT, str(path)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_child_limits)
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"extract_document did not finish within {timeout_s:g} s on {path.name}")
    assert proc.returncode == 0, err.decode(errors="replace")[-3000:]
    return json.loads(out.decode().strip().splitlines()[-1])


def test_every_hostile_case_is_classified():
    assert set(REFUSED) | set(READERS_COPE) == set(HOSTILE_CASES)
    assert not set(REFUSED) & set(READERS_COPE)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_guard_refuses(case, tmp_path):
    path = HOSTILE_CASES[case](tmp_path)
    with pytest.raises(InputError) as caught:
        check_pdf_bounds(path, LimitSettings())
    assert caught.value.category == REFUSED[case]
    assert caught.value.message.startswith("refused: ")
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("case", sorted(READERS_COPE))
def test_readers_cope_without_hanging(case, tmp_path):
    path = HOSTILE_CASES[case](tmp_path)
    check_pdf_bounds(path, LimitSettings())  # not refused
    doc = extract_in_child(path)
    assert doc["status"] in ("ok", "partial", "error")
    if doc["status"] != "ok":
        assert doc["error"] and "\n" not in doc["error"]
    if READERS_COPE[case] is not None:
        assert (doc["status"], doc["n_pages"]) == READERS_COPE[case]


def test_control_text_reaches_no_later_stage(tmp_path):
    """Lone surrogates, NUL and control characters from a /ToUnicode map do not survive into words
    (spaCy later fails on them: ``UnicodeEncodeError: surrogates not allowed``)."""
    doc = extract_in_child(HOSTILE_CASES["control_text"](tmp_path))
    text = "".join(doc["words"])
    assert "Plan" in text and "Ministry" in text
    bad = [hex(ord(c)) for c in text if 0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 0x20 and c not in "\t\n")]
    assert bad == []


def test_extract_document_reports_the_bomb(tmp_path):
    doc = extract_in_child(write_flate_bomb(tmp_path), timeout_s=60)
    assert doc["status"] == "error"
    assert doc["error"] == BOMB_MESSAGE
    assert doc["categories"] == ["bomb"]
    assert doc["peak_rss_mb"] < 600  # inflating the 1.5 GiB read it as 1 MiB chunks


def test_real_pdfs_pass(corpus):
    files = sorted(corpus.rglob("*.pdf"))
    assert files
    refused = {}
    for path in files:
        try:
            check_pdf_bounds(path, LimitSettings())
        except InputError as err:
            refused[str(path.relative_to(corpus))] = err.message
    assert refused == {}


def test_a_stream_under_the_limit_passes(tmp_path):
    path = write_flate_bomb(tmp_path, inflated_mib=64)
    check_pdf_bounds(path, LimitSettings())
    with pytest.raises(InputError, match="beyond 32 MB"):
        check_pdf_bounds(path, LimitSettings(max_stream_mb=32))


def test_hidden_bomb_with_a_top_level_length_object(tmp_path):
    """The indirect /Length as a top-level integer object: settled from the raw bytes."""
    path = write_hidden_bomb(tmp_path, inflated_mib=300, packed_length=False)
    with pytest.raises(InputError) as caught:
        check_pdf_bounds(path, LimitSettings())
    assert caught.value.category == "bomb"


def test_image_limit_is_the_setting(tmp_path):
    path = HOSTILE_CASES["huge_image"](tmp_path)
    check_pdf_bounds(path, LimitSettings(max_image_mpx=500))


def test_hostile_corpus_has_every_case(tmp_path):
    written = write_hostile_corpus(tmp_path / "hostile")
    assert set(written) == set(HOSTILE_CASES)
    assert all(p.read_bytes().startswith(b"%PDF-1.") and p.read_bytes().rstrip().endswith(b"%%EOF")
               for p in written.values())


# ---------------------------------------------------------------- pure steps


def _pieces(data: bytes, size: int = 7) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


SAMPLE = bytes(range(256)) * 40 + b"\0" * 3000 + b"plain text " * 50


def test_counting_decoders_match_pdfminer():
    assert b"".join(guard._inflate(_pieces(zlib.compress(SAMPLE)))) == SAMPLE
    hexed = SAMPLE.hex().encode()
    assert b"".join(guard._unhex(_pieces(b" ".join(_pieces(hexed, 10)) + b">"))) == asciihexdecode(hexed + b">")
    a85 = base64.a85encode(SAMPLE, foldspaces=False) + b"~>"
    assert b"".join(guard._a85(_pieces(a85))) == ascii85decode(a85) == SAMPLE
    runs = b"\x02abc\xfdx\x00y\x80"
    assert b"".join(guard._unrun(_pieces(runs, 3))) == rldecode(runs) == b"abcxxxxy"
    lzw = b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"  # the PDF reference's example: -----A---B
    assert b"".join(guard._unlzw(_pieces(lzw))) == lzwdecode(lzw) == b"-----A---B"


def test_raw_streams_reads_the_dictionaries():
    data = pdf_bytes([*page_objects(), stream(b"x" * 50, b"/Type /XObject /Subtype /Image /Width 5 /Height 10 "),
                      b"<< /Length 9 0 R /Filter [/AHx /Fl] >>\nstream\n" + b"y" * 20 + b"\nendstream", b"20"])
    content, image, other = guard.scan_raw(data).streams
    assert (content.objid, content.filters, content.subtype) == (4, (), "")
    assert content.extent in (len(TEXT), len(TEXT) + 1)  # /Length, or up to the next endstream
    assert (image.objid, image.subtype, image.width, image.height, image.extent) == (7, "Image", 5, 10, 51)
    assert (other.filters, other.length_ref, other.extent) == (("AHx", "Fl"), 9, 21)
    assert guard.scan_raw(data).ints == {9: 20}


def test_raw_reference_loop():
    assert raw_reference_loop({7: {8}, 8: {7}}) == [7, 8, 7]
    assert raw_reference_loop({7: {7}}) == [7, 7]
    assert raw_reference_loop({1: {2}, 2: {3}, 5: {2}}) is None
    assert raw_reference_loop({1: {2, 3}, 3: {1}}) == [1, 3, 1]
    assert raw_reference_loop({n: {n + 1} for n in range(100_000)}) is None  # a long chain, quickly


def test_form_draws():
    doubling = {n: [(n + 1, 2)] for n in range(40)} | {40: []}
    assert dict(form_draws(doubling))[0] == guard.MAX_FORM_DRAWS + 1
    assert dict(form_draws({1: [(2, 3), (3, 1)], 2: [(3, 2)], 3: []})) == {3: 1, 2: 3, 1: 11}
    assert dict(form_draws({1: [(2, 1)], 2: [(1, 1)]})) == {2: 1, 1: 2}  # a loop adds nothing
