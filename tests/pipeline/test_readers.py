"""The fast PDFium reader and the pdfplumber reader give the same rows end to end."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_document
from pipeline.normalize import normalize_document
from pipeline.run import load_references
from pipeline.settings import PipelineSettings
from tests.conftest import RAW_SAMPLES

REFS = load_references()


def _rows(name: str, reader: str) -> tuple[list, list, list]:
    pdf = RAW_SAMPLES / name
    settings = PipelineSettings(reader=reader)
    doc = extract_document(pdf, pdf.parent, settings)
    out = normalize_document(doc, REFS, settings).rows
    actions = [(a.number, a.text, a.objective_id, a.indicator, a.target, a.page) for a in out["actions"]]
    actors = [(a.action_id, a.role, a.actor_raw, a.actor_code) for a in out["actors"]]
    paragraphs = [(p.number, p.text) for p in out["paragraphs"]]
    return actions, actors, paragraphs


@pytest.mark.parametrize("name", ["sample-nap-narrow-en.pdf", "sample-nap-wide-en-rotated.pdf",
                                  "sample-nap-wide-fr.pdf", "sample-un-report.pdf"])
def test_readers_agree(name: str) -> None:
    fast, slow = _rows(name, "pdfium"), _rows(name, "pdfplumber")
    assert fast == slow
    assert fast[0] or fast[2]


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="reader must be one of"):
        PipelineSettings(reader="poppler")
