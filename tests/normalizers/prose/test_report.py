"""normalizers/prose/report.py: the whole chain on rendered UN-style reports (S/2007/567 from the
seed, the original sample report): furniture and markers out, determinism, settings, and the
references handed in rather than read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import normalizers.prose
from normalizers.furniture import strip_furniture
from normalizers.prose import ReportSettings, build_report
from samples.report import make_sample_report


def test_seed_page_furniture_and_markers_out_of_text(seed_report):
    _, _, result = seed_report
    text = "\n".join(p.text for p in result.paragraphs)
    assert "07-50369" not in text
    assert "Distr.: General" not in text
    assert "S/2007/567" not in text
    assert "entities13" not in text.replace(" ", "") and "Thirteen entities provided information" in text
    assert result.symbol == "S/2007/567"
    assert result.date == "2007-09-12"


def test_seed_deterministic(seed_report, build):
    _, layouts, result = seed_report
    assert build(layouts, "s2007567") == result


def test_seed_same_records_from_pages_already_stripped(seed_report, build):
    """The pipeline may strip the furniture first; stripping again changes nothing."""
    _, layouts, result = seed_report
    pages, furniture = strip_furniture(layouts)
    assert build(pages, "s2007567", furniture=furniture) == result
    again = build(pages, "s2007567")
    assert again.paragraphs == result.paragraphs
    assert again.footnotes == result.footnotes
    assert again.actions == result.actions


def test_sample_report(sample_report):
    truth, layouts, result, _ = sample_report
    assert 3 <= len(layouts) <= 5
    assert [(p.number, p.text) for p in result.paragraphs] == [(p.number, p.text) for p in truth.paragraphs]
    assert [(s.number, s.title, s.level) for s in result.sections] == [(s.number, s.title, s.level) for s in truth.sections]
    assert [(f.number, f.text, f.claimed_count) for f in result.footnotes] == [
        (f.number, f.text, f.claimed_count) for f in truth.footnotes
    ]
    assert [f.count_matches for f in result.footnotes] == [True, True, None]
    # the second marker is printed as a Unicode superscript, the others as raised small digits
    assert [r.number for r in result.footnote_refs] == ["1", "2", "3"]
    assert all(r.footnote_id for r in result.footnote_refs)
    assert result.symbol == "S/2025/999" and result.date == "2025-03-03"


def test_sample_report_is_reproducible(sample_report, tmp_path):
    *_, pdf = sample_report
    again = tmp_path / "again.pdf"
    make_sample_report(again)
    assert again.read_bytes() == pdf.read_bytes()


def test_settings_are_checked():
    with pytest.raises(ValueError):
        ReportSettings(marker_size_ratio=0)
    with pytest.raises(ValueError):
        ReportSettings(para_gap_ratio=0.5)
    with pytest.raises(ValueError):
        ReportSettings(max_heading_words=0)


def test_settings_reach_the_steps(sample_report, build):
    """With headings of one word at most, the sample's headings are text: no sections."""
    _, layouts, result, _ = sample_report
    assert build(layouts, "sample", settings=ReportSettings()) == result
    assert result.sections and not build(layouts, "sample", settings=ReportSettings(max_heading_words=1)).sections


def test_vocabularies_are_handed_in(gazetteer):
    with pytest.raises(TypeError):
        build_report([], "doc", gazetteer)  # type: ignore[call-arg]  # headers and pillars are required


def test_the_prose_normalizers_read_no_files():
    package = Path(normalizers.prose.__file__).parent
    for path in sorted(package.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\bload_vocabulary\b|\bload_gazetteer\b|\bopen\(|\byaml\b|@cache|lru_cache", source), path.name
