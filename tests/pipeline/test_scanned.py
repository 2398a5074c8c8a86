"""Scanned plans: the OCR path recovers the same rows as the born-digital one.

Each test renders a plan (or report), rasterises it (pdftoppm at 150/200 dpi, greyscale, small
skew, noise, a page fed in sideways) into an image-only PDF, runs the whole pipeline on both,
and compares: actions matched by text, actor sets, objective links, paragraphs.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from extractors.ocr import tesseract_available
from pipeline.extract import extract_document
from pipeline.normalize import Outputs, normalize_document
from pipeline.run import load_references
from pipeline.settings import PipelineSettings
from samples.content import sample_matrix_plan, sample_wide_plan_es
from samples.render import render_narrow_matrix, render_wide_matrix
from samples.report import make_sample_report
from samples.scan import rasterize_pdf

pytestmark = pytest.mark.skipif(
    not (tesseract_available("eng") and shutil.which("pdftoppm")), reason="needs tesseract-ocr and poppler-utils"
)
REFS = load_references()


def _run(pdf: Path, cache: Path) -> tuple[dict, Outputs]:
    doc = extract_document(pdf, pdf.parent, PipelineSettings(), ocr_workers=2, cache_dir=cache)
    assert doc.status == "ok", doc.error
    return doc, normalize_document(doc, REFS, PipelineSettings())


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _compare(digital: Outputs, scanned: Outputs) -> dict[str, float]:
    """Share of born-digital actions found in the scan by text, with equal actor codes and
    the same objective text."""
    def actors(out: Outputs) -> dict[str, tuple]:
        """Canonical actors per action; unknown ones (no code: the sample plans name no
        country, so "MOJ" is ambiguous) by count, as OCR may print them differently."""
        got: dict[str, list] = {}
        for a in out.rows["actors"]:
            got.setdefault(a.action_id, []).append((a.role, a.actor_code))
        return {k: tuple(sorted(v, key=str)) for k, v in got.items()}

    def objective_text(out: Outputs) -> dict[str, str]:
        return {o.objective_id: o.text for o in out.rows["objectives"]}

    d_act, s_act = actors(digital), actors(scanned)
    d_obj, s_obj = objective_text(digital), objective_text(scanned)
    pool = list(scanned.rows["actions"])
    matched = same_actors = same_link = 0
    for a in digital.rows["actions"]:
        best = max(pool, key=lambda s: _similar(a.text, s.text), default=None)
        if best is None or _similar(a.text, best.text) < 0.9:
            continue
        pool.remove(best)
        matched += 1
        same_actors += d_act.get(a.action_id, ()) == s_act.get(best.action_id, ())
        same_link += _similar(d_obj.get(a.objective_id or "", ""), s_obj.get(best.objective_id or "", "")) >= 0.9
    n = len(digital.rows["actions"])
    return {"actions": matched / n, "actors": same_actors / n, "links": same_link / n}


@pytest.fixture(scope="module")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Outputs]:
    root = tmp_path_factory.mktemp("narrow")
    render_narrow_matrix(sample_matrix_plan(), root / "digital.pdf")
    return root, _run(root / "digital.pdf", root / "cache")[1]


@pytest.mark.parametrize(
    "dpi, skew, noise", [(150, 0.0, 0.0), (200, 1.2, 0.05)], ids=["150dpi", "200dpi-skew-noise"]
)
def test_scanned_matrix_plan_gives_the_same_rows(narrow, dpi: int, skew: float, noise: float) -> None:
    root, digital = narrow
    scan = root / f"scan-{dpi}.pdf"
    rasterize_pdf(root / "digital.pdf", scan, dpi=dpi, skew_deg=skew, noise=noise)
    doc, scanned = _run(scan, root / "cache")
    assert all(lay.ocr for lay in doc.layouts)
    assert scanned.rows["documents"][0].ocr is True
    figures = _compare(digital, scanned)
    assert figures["actions"] >= 0.95, figures
    assert figures["actors"] >= 0.95, figures
    assert figures["links"] >= 0.95, figures
    assert all(a.confidence < 1.0 for a in scanned.rows["actions"])  # OCR confidence is in it


def test_sideways_scanned_page_of_a_wide_matrix(tmp_path: Path) -> None:
    render_wide_matrix(sample_wide_plan_es(), tmp_path / "digital.pdf")
    rasterize_pdf(tmp_path / "digital.pdf", tmp_path / "scan.pdf", dpi=200, rotate=90)
    digital = _run(tmp_path / "digital.pdf", tmp_path / "cache")[1]
    doc, scanned = _run(tmp_path / "scan.pdf", tmp_path / "cache")
    assert {lay.rotation for lay in doc.layouts} == {90}
    figures = _compare(digital, scanned)
    assert figures["actions"] >= 0.95 and figures["actors"] >= 0.95 and figures["links"] >= 0.95, figures


def test_scanned_report_keeps_its_paragraphs(tmp_path: Path) -> None:
    make_sample_report(tmp_path / "digital.pdf")
    rasterize_pdf(tmp_path / "digital.pdf", tmp_path / "scan.pdf", dpi=200)
    digital = _run(tmp_path / "digital.pdf", tmp_path / "cache")[1]
    scanned = _run(tmp_path / "scan.pdf", tmp_path / "cache")[1]
    want = [(p.number, p.text) for p in digital.rows["paragraphs"] if p.number]
    got = {p.number: p.text for p in scanned.rows["paragraphs"] if p.number}
    found = sum(1 for number, text in want if number in got and _similar(text, got[number]) >= 0.95)
    assert found / len(want) >= 0.95
