"""Inputs of every kind of name: not UTF-8, near the file system's length limit, the same bytes
under several names, symlinks out of the raw directory and symlink loops."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.run import run
from pipeline.settings import PipelineSettings
from pipeline.validate import validate_dir
from tests.conftest import RAW_SAMPLES

PLAN = RAW_SAMPLES / "sample-nap-wide-en.pdf"
REPORT = RAW_SAMPLES / "sample-un-report.pdf"


def _documents(out: Path) -> dict[str, dict]:
    return {d["source_path"]: d for d in pq.read_table(out / "documents.parquet").to_pylist()}


def _run(raw: Path, out: Path, **kwargs) -> dict:
    manifest = run(raw, out, PipelineSettings(), progress=False, **kwargs)
    assert validate_dir(out)[0] == []
    return manifest


def test_names_in_any_encoding_and_up_to_the_length_limit(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    latin1 = os.fsdecode(b"plan-d\xe9fense.pdf")  # Latin-1 bytes: not valid UTF-8
    longest = "p" * 245 + ".pdf"  # 249 bytes: its '<stem>.profile.yaml' would be too long to exist
    shutil.copy(PLAN, raw / latin1)
    shutil.copy(REPORT, raw / longest)
    _run(raw, tmp_path / "out")
    docs = _documents(tmp_path / "out")
    assert set(docs) == {"plan-d\\xe9fense.pdf", longest}
    assert all(d["status"] == "ok" for d in docs.values()), docs


def test_the_same_bytes_under_several_names_are_read_once(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "copies").mkdir(parents=True)
    shutil.copy(PLAN, raw / "plan.pdf")
    shutil.copy(PLAN, raw / "copies" / "plan (1).pdf")
    shutil.copy(PLAN, raw / "copies" / "plan-final.PDF")
    shutil.copy(REPORT, raw / "report.pdf")
    manifest = _run(raw, tmp_path / "out")
    docs = _documents(tmp_path / "out")
    assert set(docs) == {"copies/plan (1).pdf", "report.pdf"}
    assert docs["copies/plan (1).pdf"]["duplicate_paths"] == ["copies/plan-final.PDF", "plan.pdf"]
    assert docs["report.pdf"]["duplicate_paths"] == []
    assert manifest["duplicates"] == {"copies/plan (1).pdf": ["copies/plan-final.PDF", "plan.pdf"]}


def test_symlinks_out_of_the_raw_directory_only_with_the_flag_and_loops_skipped(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    raw, elsewhere = tmp_path / "raw", tmp_path / "elsewhere"
    (raw / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(PLAN, raw / "plan.pdf")
    shutil.copy(REPORT, elsewhere / "report.pdf")
    (raw / "outside.pdf").symlink_to(elsewhere / "report.pdf")
    (raw / "sub" / "back").symlink_to(raw, target_is_directory=True)  # a loop
    (raw / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    with caplog.at_level(logging.WARNING, logger="nap"):
        _run(raw, tmp_path / "out")
    assert set(_documents(tmp_path / "out")) == {"plan.pdf"}
    warnings = " | ".join(r.getMessage() for r in caplog.records)
    assert "outside.pdf: a symlink out of the raw directory (use --follow-symlinks)" in warnings
    assert "back: a directory loop" in warnings
    assert "dangling.pdf: a broken or looping symlink" in warnings
    _run(raw, tmp_path / "out2", follow_symlinks=True)
    assert set(_documents(tmp_path / "out2")) == {"plan.pdf", "outside.pdf"}


def test_folders_and_pipes_named_like_pdfs_are_not_inputs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PLAN, raw / "plan.pdf")
    (raw / "folder.pdf").mkdir()  # a directory named like a PDF is not an input
    fifo = raw / "pipe.pdf"
    os.mkfifo(fifo)  # not a regular file: not an input either (reading it would block)
    _run(raw, tmp_path / "out")
    assert set(_documents(tmp_path / "out")) == {"plan.pdf"}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["status"] == {"ok": 1, "partial": 0, "error": 0}
