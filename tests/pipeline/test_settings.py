"""Every stage's settings come from params.yaml: each section is checked at the edge, reaches its
stage, changes what the stage makes, and is recorded in the manifest (issue: "only half
reachable from params")."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import pipeline.extract
import pipeline.normalize
from extractors.ocr import OcrSettings
from extractors.tables import TextTableExtractor
from pipeline.cli import main
from pipeline.extract import ExtractedDocument, extract_document
from pipeline.normalize import normalize_document
from pipeline.run import load_references
from pipeline.settings import OCR_PARAMS, PipelineSettings, load_settings
from tests.conftest import RAW_SAMPLES, REPO
from tests.pipeline.test_cli import nap, one_line

# one value off the default in every new section (and every new OCR key)
CHANGED = {
    "textgrid": {"min_rows": 40, "gap_em": 1.2},
    "furniture": {"min_share": 1.0, "band": 0.2},
    "doctype": {"pages": 2, "min_reco_share": 0.9},
    "report": {"footnote_size_ratio": 0.1, "indent_pt": 9.0},
    "ocr_max_dpi": 400, "ocr_target_char_px": 18.0, "ocr_min_conf": 0.5, "ocr_tesseract_threads": 2,
    "ocr_min_text_chars": 30, "ocr_unmapped_share": 0.2, "ocr_no_text_image_cover": 0.4, "ocr_text_image_cover": 0.6,
}
UNRULED = RAW_SAMPLES / "sample-nap-wide-en-unruled.pdf"  # its matrices are whitespace tables
REPORT = RAW_SAMPLES / "sample-un-report.pdf"  # running headers, footnotes
SCANNED = RAW_SAMPLES / "sample-nap-narrow-en-scanned.pdf"


def params_file(tmp_path: Path, section: dict[str, Any]) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"pipeline": section}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def refs():
    return load_references()


@pytest.fixture(scope="module")
def report_doc() -> ExtractedDocument:
    return extract_document(REPORT, RAW_SAMPLES, PipelineSettings())


def test_a_params_file_builds_every_section(tmp_path: Path) -> None:
    s = load_settings(params_file(tmp_path, CHANGED), required=True)
    assert (s.textgrid.min_rows, s.textgrid.gap_em, s.textgrid.min_cols) == (40, 1.2, 2)
    assert (s.furniture.min_share, s.furniture.band, s.furniture.min_pages) == (1.0, 0.2, 2)
    assert (s.doctype.pages, s.doctype.min_reco_share) == (2, 0.9)
    assert (s.report.footnote_size_ratio, s.report.indent_pt, s.report.max_heading_words) == (0.1, 9.0, 30)
    ocr = s.ocr_settings(workers=3, cache_dir=tmp_path)
    assert (ocr.dpi, ocr.max_dpi, ocr.target_char_px, ocr.min_conf, ocr.tesseract_threads) == (300, 400, 18.0, 0.5, 2)
    assert (ocr.workers, ocr.cache_dir, ocr.languages) == (3, tmp_path, "eng+fra+spa")
    assert (ocr.min_text_chars, ocr.unmapped_share, ocr.no_text_image_cover, ocr.text_image_cover) == (30, 0.2, 0.4, 0.6)


def test_every_ocr_setting_has_its_params_key_with_the_same_default() -> None:
    names = {f.name for f in dataclasses.fields(PipelineSettings)}
    assert [name for name in OCR_PARAMS if f"ocr_{name}" not in names] == []
    assert PipelineSettings().ocr_settings() == OcrSettings()


def test_every_settings_field_is_shown_in_the_repository_params_file() -> None:
    shown = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))["pipeline"]
    for key, value in PipelineSettings().to_dict().items():
        assert key in shown, f"params.yaml does not show pipeline.{key}"
        if isinstance(value, dict):
            assert set(shown[key]) == set(value), f"params.yaml pipeline.{key}: {sorted(set(value) ^ set(shown[key]))}"


# ---------------------------------------------------------------- each section reaches its stage


def test_extraction_hands_textgrid_and_ocr_settings_to_their_stages(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(params_file(tmp_path, {**CHANGED, "max_pages": 1}), required=True)
    strategies, ocr = [], []
    real_best = pipeline.extract.best_tables
    monkeypatch.setattr(pipeline.extract, "best_tables", lambda lay, strats, src: strategies.append(strats) or real_best(lay, strats, src))
    monkeypatch.setattr(pipeline.extract, "tesseract_available", lambda lang: True)
    monkeypatch.setattr(pipeline.extract, "ocr_pages", lambda path, pages, doc_id, s: ocr.append(s) or {})
    extract_document(UNRULED, RAW_SAMPLES, settings)
    text = [x for x in strategies[0] if isinstance(x, TextTableExtractor)]
    assert [x.settings for x in text] == [settings.textgrid]
    extract_document(SCANNED, RAW_SAMPLES, settings, ocr_workers=2, cache_dir=tmp_path)
    assert ocr == [settings.ocr_settings(2, tmp_path)] and ocr[0].max_dpi == 400 and ocr[0].min_conf == 0.5


def test_normalization_hands_furniture_doctype_and_report_settings_to_their_stages(
        report_doc: ExtractedDocument, refs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(params_file(tmp_path, CHANGED), required=True)
    seen: dict[str, Any] = {}

    def spy(name: str, position: int | None = None, keyword: str | None = None) -> None:
        real = getattr(pipeline.normalize, name)

        def wrapper(*args, **kwargs):
            seen[name] = kwargs[keyword] if keyword else args[position]
            return real(*args, **kwargs)
        monkeypatch.setattr(pipeline.normalize, name, wrapper)

    spy("strip_furniture", position=1)
    spy("detect_doc_type", position=1)
    spy("build_report", keyword="settings")
    normalize_document(report_doc, refs, settings)
    assert seen == {"strip_furniture": settings.furniture, "detect_doc_type": settings.doctype,
                    "build_report": settings.report}


def test_textgrid_settings_change_the_tables_found() -> None:
    few = PipelineSettings.from_dict({"textgrid": {"min_rows": 40}, "max_pages": 3})
    assert any(t.extractor == "text" for t in extract_document(UNRULED, RAW_SAMPLES, PipelineSettings(max_pages=3)).tables)
    assert not any(t.extractor == "text" for t in extract_document(UNRULED, RAW_SAMPLES, few).tables)


@pytest.mark.parametrize(("section", "table"), [
    ({"report": {"footnote_size_ratio": 0.1}}, "footnotes"),  # nothing is small enough to be a footnote
    ({"furniture": {"min_share": 1.0}}, "paragraphs"),  # headers not on every page stay in the text
])
def test_normalizer_settings_change_the_rows_made(section: dict, table: str, report_doc: ExtractedDocument, refs) -> None:
    default = normalize_document(report_doc, refs, PipelineSettings()).rows
    changed = normalize_document(report_doc, refs, PipelineSettings.from_dict(section)).rows
    assert default[table] and changed[table] != default[table]


# ---------------------------------------------------------------- checked at the edge, recorded in the manifest


@pytest.mark.parametrize(("params", "expected"), [
    ("pipeline:\n  textgrid:\n    gap: 1\n", ["unknown key 'gap' in pipeline.textgrid", "did you mean 'gap_em'", "known: gap_em, "]),
    ("pipeline:\n  textgrid:\n    min_rows: many\n", ["pipeline.textgrid.min_rows must be an integer, got 'many'"]),
    ("pipeline:\n  textgrid:\n    gutter_tolerance: 0.7\n", ["pipeline.textgrid.gutter_tolerance must be in [0, 0.5), got 0.7"]),
    ("pipeline:\n  furniture:\n    bands: 0.1\n", ["unknown key 'bands' in pipeline.furniture", "known: band, min_share"]),
    ("pipeline:\n  furniture:\n    min_pages: 1\n", ["pipeline.furniture.min_pages must be >= 2, got 1"]),
    ("pipeline:\n  furniture: [band]\n", ["pipeline.furniture must be a section"]),
    ("pipeline:\n  doctype:\n    page: 3\n", ["unknown key 'page' in pipeline.doctype", "did you mean 'pages'"]),
    ("pipeline:\n  doctype:\n    pages: 0\n", ["pipeline.doctype.pages must be >= 1, got 0"]),
    ("pipeline:\n  doctype:\n    min_matrix_share: yes\n", ["pipeline.doctype.min_matrix_share must be a number, got True"]),
    ("pipeline:\n  report:\n    indent: 8\n", ["unknown key 'indent' in pipeline.report", "did you mean 'indent_pt'"]),
    ("pipeline:\n  report:\n    heading_size_ratio: 0.9\n", ["pipeline.report.heading_size_ratio and para_gap_ratio must be > 1"]),
    ("pipeline:\n  report:\n    max_heading_words: 2.5\n", ["pipeline.report.max_heading_words must be an integer, got 2.5"]),
    ("pipeline:\n  ocr_max_dpi: 150\n", ["pipeline.ocr_max_dpi must be in ocr_dpi..1200 (300..1200), got 150"]),
    ("pipeline:\n  ocr_min_conf: 2\n", ["pipeline.ocr_min_conf must be a number in 0..1, got 2.0"]),
    ("pipeline:\n  ocr_tesseract_threads: 0\n", ["pipeline.ocr_tesseract_threads must be an integer >= 1, got 0"]),
    ("pipeline:\n  ocr_languages: English\n", ["pipeline.ocr_languages must look like 'eng+fra', got 'English'"]),
    ("pipeline:\n  ocr_conf: 0.5\n", ["unknown key 'ocr_conf' in pipeline", "did you mean 'ocr_min_conf'"]),
    ("pipeline:\n  ocr_text_image_cover: 2\n", ["pipeline.ocr_text_image_cover must be a number in 0..1, got 2.0"]),
    ("pipeline:\n  ocr_min_text_chars: -1\n", ["pipeline.ocr_min_text_chars must be an integer >= 0, got -1"]),
])
def test_a_bad_section_is_one_line_and_exit_2(params: str, expected: list[str], tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "p.yaml").write_text(params, encoding="utf-8")
    result = nap("run", "raw", "--out", "out", "--params", "p.yaml", "--quiet", cwd=tmp_path)
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("nap: error: p.yaml: ")
    for text in expected:
        assert text in line
    assert not (tmp_path / "out").exists()


def test_the_manifest_records_every_section(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(REPORT, raw / REPORT.name)
    params = params_file(tmp_path, {**CHANGED, "max_pages": 1})
    assert main(["run", str(raw), "--out", str(tmp_path / "out"), "--params", str(params), "--quiet",
                 "--cache", str(tmp_path / "cache")]) == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    settings = load_settings(params, required=True)
    assert manifest["settings"] == json.loads(json.dumps(settings.to_dict()))
    assert manifest["settings_sha256"] == settings.digest() != PipelineSettings().digest()
    for key, value in CHANGED.items():
        if isinstance(value, dict):
            assert {k: manifest["settings"][key][k] for k in value} == value
        else:
            assert manifest["settings"][key] == value
    assert dataclasses.asdict(settings.report) == manifest["settings"]["report"]
