"""One bad document never costs the batch: a stage that raises, a reader that crashes, loops or
eats memory ends that document only, as an error (or partial) row naming the stage; every other
document's rows are those of a clean run, and the dataset validates.

Faults are injected into the real pipeline for one named document (the other documents run the
real code); each document runs in a process of its own, so the injection reaches it there.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

import pipeline.normalize as normalize_mod
import pipeline.run as run_mod
from pipeline.errors import StrictFailure
from pipeline.run import run
from pipeline.settings import LimitSettings, PipelineSettings
from pipeline.validate import validate_dir
from tests.pipeline.batch import leftovers, rows_by_source, sample_raw

GOOD = ("sample-nap-wide-en.pdf", "sample-un-report.pdf")
VICTIM = "sample-nap-wide-fr.pdf"


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("clean")
    raw = sample_raw(root / "raw", (*GOOD, VICTIM))
    run(raw, root / "out", PipelineSettings(), workers=2, progress=False)
    return {"raw": raw, "rows": rows_by_source(root / "out")}


def _victim_only(fn):
    """``fn`` for the victim document, the real extraction for the others."""
    real = run_mod.extract_document

    def extract(path: Path, *args, **kwargs):
        if path.name == VICTIM:
            fn()
        return real(path, *args, **kwargs)

    return extract


def _check_batch(clean: dict, out: Path) -> dict:
    """The victim's documents row; the good documents are unchanged and the dataset validates."""
    problems, _ = validate_dir(out)
    assert problems == []
    rows = rows_by_source(out)
    for name in GOOD:
        assert rows[name] == clean["rows"][name], name
    assert leftovers(out.parent) == []
    (victim,) = rows[VICTIM]["documents"]
    assert victim["error"] and "\n" not in victim["error"]
    return victim


def test_a_normalizer_that_raises_costs_its_stage_only(clean: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = normalize_mod.build_report

    def build_report(layouts, doc_id, *args, **kwargs):
        if doc_id == clean["rows"][VICTIM]["documents"][0]["doc_id"]:
            raise KeyError("injected fault")
        return real(layouts, doc_id, *args, **kwargs)

    monkeypatch.setattr(normalize_mod, "build_report", build_report)
    out = tmp_path / "out"
    run(clean["raw"], out, PipelineSettings(), workers=2, progress=False)
    victim = _check_batch(clean, out)
    assert victim["status"] == "partial"
    assert victim["error"] == "report failed: KeyError: 'injected fault'"
    rows = rows_by_source(out)[VICTIM]
    assert rows["actions"] == clean["rows"][VICTIM]["actions"]  # the matrix stage still ran


@pytest.mark.parametrize("fault, category, words", [
    (lambda: (_ for _ in ()).throw(RuntimeError("injected")), "exception", "open failed: RuntimeError: injected"),
    (lambda: os.kill(os.getpid(), signal.SIGSEGV), "crashed", "crashed in open (SIGSEGV)"),
    (lambda: os._exit(3), "crashed", "exit code 3"),
])
def test_a_document_whose_process_fails_is_an_error_row(clean: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         fault, category, words) -> None:
    monkeypatch.setattr(run_mod, "extract_document", _victim_only(fault))
    out = tmp_path / "out"
    manifest = run(clean["raw"], out, PipelineSettings(), workers=2, progress=False)
    victim = _check_batch(clean, out)
    assert victim["status"] == "error" and words in victim["error"], victim["error"]
    (error,) = [e for e in manifest["errors"] if e["doc_id"] == victim["doc_id"]]
    assert error["category"] == category and error["stage"] == "open"


def test_a_document_past_its_time_limit_is_stopped(clean: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_mod, "extract_document", _victim_only(lambda: time.sleep(3600)))
    settings = replace(PipelineSettings(), limits=LimitSettings(timeout_s=20))
    started = time.monotonic()
    run(clean["raw"], tmp_path / "out", settings, workers=2, progress=False)
    assert time.monotonic() - started < 300  # the hour-long document was stopped at its limit
    victim = _check_batch(clean, tmp_path / "out")
    assert victim["error"] == "timed out after 20 s in open (limits.timeout_s)"


def _hog() -> None:
    chunks = []
    while True:
        chunks.append(bytearray(64 << 20))  # touched: resident
        time.sleep(0.01)


def test_a_document_past_its_memory_limit_is_stopped(clean: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open("/proc/self/statm") as fh:
        rss_mb = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    monkeypatch.setattr(run_mod, "extract_document", _victim_only(_hog))
    settings = replace(PipelineSettings(), limits=LimitSettings(max_memory_mb=int(rss_mb) + 700))
    run(clean["raw"], tmp_path / "out", settings, workers=2, progress=False)
    victim = _check_batch(clean, tmp_path / "out")
    assert victim["status"] == "error"
    assert "memory" in victim["error"] and "in open" in victim["error"], victim["error"]


def test_strict_stops_at_the_first_failure_and_keeps_the_previous_dataset(clean: dict, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run(clean["raw"], out, PipelineSettings(), workers=1, progress=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(run_mod, "extract_document", _victim_only(lambda: os._exit(3)))
    with pytest.raises(StrictFailure, match=rf"^{VICTIM}: open: the document's process ended .* \(exit code 3\)"):
        run(clean["raw"], out, PipelineSettings(), workers=1, strict=True, progress=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
