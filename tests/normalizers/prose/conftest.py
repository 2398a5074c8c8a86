"""Fixtures of the prose normalizer tests: the reference data, and two rendered UN-style reports
whose truth is known (S/2007/567 from the seed, and the original sample report), each rendered
and parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractors.layout import page_to_layout
from extractors.model import PageLayout
from normalizers.prose import build_report
from pipeline.references import load_gazetteer, load_vocabulary
from samples.report import make_sample_report, render_seed_report
from tests.conftest import need


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def headers():
    return load_vocabulary("headers")


@pytest.fixture(scope="session")
def pillars():
    return load_vocabulary("pillars")


@pytest.fixture(scope="session")
def build(gazetteer, headers, pillars):
    """``build_report`` with the reference vocabularies and gazetteer."""

    def run(layouts, doc_id="doc", **kw):
        return build_report(layouts, doc_id, gazetteer, headers=kw.pop("headers", headers), pillars=kw.pop("pillars", pillars), **kw)

    return run


def read_layouts(pdf: Path, doc_id: str) -> list[PageLayout]:
    with pdfplumber.open(pdf) as doc:
        return [page_to_layout(page, doc_id) for page in doc.pages]


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory, seeds, build):
    """(truth, layouts, result) of S/2007/567 rendered from the seed text."""
    pdf = tmp_path_factory.mktemp("seed") / "s-2007-567.pdf"
    truth = render_seed_report(need(seeds / "un-s-2007-567.txt"), pdf)
    layouts = read_layouts(pdf, "s2007567")
    return truth, layouts, build(layouts, "s2007567")


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory, build):
    """(truth, layouts, result, pdf) of the original sample report."""
    pdf = tmp_path_factory.mktemp("sample") / "sample-un-report.pdf"
    truth = make_sample_report(pdf)
    layouts = read_layouts(pdf, "sample")
    return truth, layouts, build(layouts, "sample"), pdf
