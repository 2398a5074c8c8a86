"""UN reports against their own Word originals: every numbered paragraph of the .docx is found
in the PDF's `paragraphs` rows, with its number and the start of its text.

The UN publishes many documents both as PDF and .docx (../shared/corpus/un, see its README);
the .docx paragraphs are the truth. Budget fascicles number paragraphs by section ("17.1",
"17.12"), other reports "1.", "2.". The whole pipeline runs (tables first, then the running text
around them), so a table that swallows a paragraph counts as a miss.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from pipeline.extract import extract_document
from pipeline.normalize import normalize_document
from pipeline.run import load_references
from pipeline.settings import PipelineSettings
from tests.conftest import CORPUS, need

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# file → (paragraphs numbered by section, least share found)
DOCUMENTS = {
    "A_80_596.pdf": (False, 0.98),
    "A_80_600.pdf": (False, 0.98),
    "A_80_604_Add.11.pdf": (False, 0.95),
    "A_80_624.pdf": (False, 0.97),
    "A_81_6 (SECT. 2).pdf": (True, 0.9),
    "A_81_6 (SECT. 17).pdf": (True, 0.9),
    "A_81_6 (SECT. 24).pdf": (True, 0.9),
}


def docx_numbered_paragraphs(path: Path, dotted: bool) -> dict[str, str]:
    """Number → text of the numbered paragraphs of a .docx (the number is typed before a tab)."""
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    pattern = re.compile(r"^(\d{1,3}\.\d{1,3})(?=[A-Z])(.*)$" if dotted else r"^(\d{1,3})\.(?=[A-Z])(.*)$")
    out: dict[str, str] = {}
    for para in root.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in para.iter(f"{_W}t")).strip()
        m = pattern.match(text)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()[:40]


@pytest.fixture(scope="module")
def refs():
    return load_references()


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_numbered_paragraphs_match_the_word_original(name: str, refs) -> None:
    dotted, least = DOCUMENTS[name]
    pdf = need(CORPUS / "un" / name)
    truth = docx_numbered_paragraphs(need(pdf.with_suffix(".docx")), dotted)
    assert len(truth) >= 40
    doc = extract_document(pdf, pdf.parent, PipelineSettings())
    rows = normalize_document(doc, refs, PipelineSettings()).rows["paragraphs"]
    found = {p.number: p.text for p in rows if p.number}
    ok = [n for n, text in truth.items() if n in found and _key(found[n]).startswith(_key(text))]
    assert len(ok) / len(truth) >= least, sorted(set(truth) - set(ok))
    # no number is invented: every number found is one of the original's (an annex may number
    # its paragraphs by section: "1.1")
    every = set(truth) | set(docx_numbered_paragraphs(pdf.with_suffix(".docx"), not dotted))
    assert len(set(found) - every) <= 2, sorted(set(found) - every)
