"""`nap`: every mistake in the command line or the settings is one line on stderr and an exit code,
checked before the first PDF is opened (issue: "One bad document never costs the batch")."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import pipeline.run
from pipeline.cli import main
from pipeline.errors import SettingsError, StrictFailure
from pipeline.settings import PipelineSettings, load_settings
from tests.conftest import REPO

COMMANDS = ("run", "extract", "normalize", "validate", "inspect", "docs")


def nap(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``nap ARGS`` in a fresh process, as a shell would run it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def one_line(result: subprocess.CompletedProcess, prefix: str = "nap: error: ") -> str:
    """The single non-empty stderr line (there is no traceback anywhere)."""
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix), lines[0]
    return lines[0]


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    return raw


@pytest.mark.parametrize(("params", "expected"), [
    ("pipline:\n  ocr: true\n", ["unknown key 'pipline' at the top level", "did you mean 'pipeline'"]),
    ("pipeline:\n  ocr_dpy: 300\n", ["unknown key 'ocr_dpy' in pipeline", "did you mean 'ocr_dpi'"]),
    ("pipeline:\n  layout:\n    x_tol: 1.0\n", ["unknown key 'x_tol' in pipeline.layout", "'x_tolerance_pt'"]),
    ("pipeline:\n  grid:\n    snap: 1.0\n", ["unknown key 'snap' in pipeline.grid"]),
    ("pipeline:\n  structure:\n    prune: false\n", ["unknown key 'prune' in pipeline.structure"]),
    ("pipeline:\n  limits:\n    timeout: 5\n", ["unknown key 'timeout' in pipeline.limits", "'timeout_s'"]),
    ("pipeline:\n  ocr: maybe\n", ["pipeline.ocr must be true or false, got 'maybe'"]),
    ("pipeline:\n  ocr_dpi: high\n", ["pipeline.ocr_dpi must be an integer in 72..600, got 'high'"]),
    ("pipeline:\n  ocr_dpi: 1200\n", ["pipeline.ocr_dpi must be an integer in 72..600, got 1200"]),
    ("pipeline:\n  grid:\n    coverage: lots\n", ["pipeline.grid.coverage must be a number, got 'lots'"]),
    ("pipeline:\n  grid:\n    min_rows: 1.5\n", ["pipeline.grid.min_rows must be an integer, got 1.5"]),
    ("pipeline:\n  layout:\n    x_tolerance_pt: -1\n", ["pipeline.layout.x_tolerance_pt must be > 0"]),
    ("pipeline:\n  limits:\n    max_memory_mb: 0\n", ["pipeline.limits.max_memory_mb must be an integer > 0, got 0"]),
    ("pipeline:\n  layout: 3\n", ["pipeline.layout must be a section"]),
    ("pipeline:\n  table_strategies: [ruled, lattice]\n",
     ["unknown strategy 'lattice'", "known: camelot-lattice, camelot-stream, pdfplumber, ruled, text"]),
    ("pipeline:\n  reader: poppler\n", ["pipeline.reader must be one of pdfium, pdfplumber, got 'poppler'"]),
    ("pipeline:\n  ocr: [true,\n", ["p.yaml: not valid YAML at line 3, column 1"]),
    ("- pipeline\n", ["p.yaml: the file must be a mapping with a 'pipeline:' section"]),
])
def test_a_bad_params_file_is_one_line_and_exit_2(params: str, expected: list[str], empty: Path, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(params, encoding="utf-8")
    result = nap("run", str(empty), "--out", "out", "--params", "p.yaml", "--quiet", cwd=tmp_path)
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("nap: error: p.yaml: ")
    for text in expected:
        assert text in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "raw", "--workers", "0"], "Invalid value for '--workers'"),
    (["run", "raw", "--workers", "-3"], "Invalid value for '--workers'"),
    (["extract", "raw", "--workers", "many"], "Invalid value for '--workers'"),
    (["run", "raw", "--params", "nope.yaml"], "settings file not found: nope.yaml"),
    (["run", "missing"], "input directory not found: missing"),
    (["extract", "missing"], "input directory not found: missing"),
    (["normalize", "--interim", "missing"], "interim directory not found: missing"),
    (["validate", "missing"], "dataset directory not found: missing"),
    (["inspect", "missing.pdf"], "PDF not found: missing.pdf"),
    (["inspect", "raw"], "PDF not a file: raw"),
    (["rnu"], "No such command 'rnu'. Did you mean 'run'?"),
    (["run", "raw", "--wrokers", "2"], "No such option: --wrokers. Did you mean --workers?"),
    ([], "Missing command"),
])
def test_a_command_line_mistake_is_one_line_and_exit_2(args: list[str], expected: str, empty: Path, tmp_path: Path) -> None:
    result = nap(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in one_line(result)


def test_a_raw_dir_without_pdfs_warns_and_writes_nothing(empty: Path, tmp_path: Path) -> None:
    (empty / "notes.txt").write_text("not a PDF", encoding="utf-8")
    result = nap("run", str(empty), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0
    assert "no PDF files under" in one_line(result, "nap: warning: ")
    result = nap("extract", str(empty), "--interim", "interim", cwd=tmp_path)
    assert result.returncode == 0
    assert "no PDF files under" in one_line(result, "nap: warning: ")
    assert not (tmp_path / "out").exists() and not (tmp_path / "interim").exists()


def test_a_raw_dir_without_pdfs_fails_with_strict(empty: Path, tmp_path: Path) -> None:
    result = nap("run", str(empty), "--out", "out", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "no PDF files under" in one_line(result)
    assert not (tmp_path / "out").exists()


def test_debug_shows_the_traceback(empty: Path, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("pipeline:\n  ocr_dpi: high\n", encoding="utf-8")
    result = nap("--debug", "run", str(empty), "--params", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" in result.stderr and "SettingsError" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("nap: error: p.yaml: pipeline.ocr_dpi")


def test_version(tmp_path: Path) -> None:
    result = nap("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"nap-pipeline {metadata.version('nap-pipeline')}"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command(command: str | None, tmp_path: Path) -> None:
    result = nap(*([command] if command else []), "--help", cwd=tmp_path)
    assert result.returncode == 0 and not result.stderr
    assert f"Usage: nap {command or ''}".rstrip() in result.stdout
    assert "Example" in result.stdout
    if command is None:
        assert all(name in result.stdout for name in COMMANDS) and "--debug" in result.stdout


def test_run_help_lists_every_option_with_defaults(capsys) -> None:
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--out", "--workers", "--strict", "--params", "--cache", "--follow-symlinks", "--quiet"):
        assert option in out
    assert "[default: data/raw]" in out and "[default: data/structured]" in out and "[default: data/cache]" in out


# ---------------------------------------------------------------- in-process: main() and what it hands on


def test_main_returns_the_exit_code(empty: Path, capsys) -> None:
    assert main(["run", str(empty), "--workers", "0"]) == 2
    assert main(["rnu"]) == 2
    assert main(["run", str(empty), "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("nap: error: Invalid value for '--workers'")
    assert "Did you mean 'run'?" in err[1] and err[2].startswith("nap: warning: ")


def test_a_strategy_whose_library_is_missing_says_what_to_install(empty: Path, tmp_path: Path, capsys,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "camelot", None)  # as if the peers extra were not installed
    params = tmp_path / "p.yaml"
    params.write_text("pipeline:\n  table_strategies: [ruled, camelot-lattice]\n", encoding="utf-8")
    assert main(["run", str(empty), "--params", str(params), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "'camelot-lattice' needs the camelot package" in err
    assert "pip install -e '.[peers]'" in err


class FakeRun:
    """Stands in for pipeline.run.run: records its arguments, returns a manifest or raises."""

    def __init__(self, error: Exception | None = None):
        self.error, self.calls = error, []

    def __call__(self, *args, **kwargs) -> dict:
        self.calls.append((args, kwargs))
        if self.error:
            raise self.error
        return {"counts": {"documents": 2, "actions": 5},
                "status": {"ok": 1, "partial": 0, "error": 1},
                "inputs": [{"path": "a.pdf", "status": "ok", "error": None},
                           {"path": "b.pdf", "status": "error", "error": "empty file"}]}


@pytest.fixture
def one_pdf(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.pdf").write_bytes(b"%PDF-1.4 never opened: the run is a stand-in")
    return raw


def test_run_hands_on_options_and_prints_the_summary(one_pdf: Path, tmp_path: Path, capsys,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRun()
    monkeypatch.setattr(pipeline.run, "run", fake)
    out = tmp_path / "out"
    assert main(["run", str(one_pdf), "--out", str(out), "--workers", "3", "--follow-symlinks", "--quiet"]) == 0
    (raw, out_dir, settings, workers, strict, progress, cache), kwargs = fake.calls[0]
    assert (raw, out_dir, workers, strict, progress, cache) == (one_pdf, out, 3, False, False, Path("data/cache/ocr"))
    assert isinstance(settings, PipelineSettings) and kwargs == {"follow_symlinks": True}
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"2 documents (1 ok, 0 partial, 1 error) → {out}: documents 2, actions 5", "  error: b.pdf: empty file"]
    assert main(["run", str(one_pdf), "--out", str(out), "--strict", "--quiet"]) == 1  # a document in error
    assert fake.calls[1][1] == {"follow_symlinks": False}


@pytest.mark.parametrize(("error", "expected"), [
    (StrictFailure("b.pdf: read: empty file (--strict stops at the first failure)"), "nap: error: b.pdf: read: empty file"),
    (PermissionError(13, "Permission denied", "out/manifest.json"), "nap: error: out/manifest.json: Permission denied"),
])
def test_a_failing_run_is_one_line_and_exit_1(error: Exception, expected: str, one_pdf: Path, capsys,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.run, "run", FakeRun(error))
    assert main(["run", str(one_pdf), "--strict", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected) and err.count("\n") == 1 and "Traceback" not in err


def test_extract_hands_on_follow_symlinks(one_pdf: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(pipeline.run, "extract_to_interim", lambda *a, **kw: calls.append(kw) or 1)
    assert main(["extract", str(one_pdf), "--interim", str(tmp_path / "i"), "--follow-symlinks", "--quiet"]) == 0
    assert calls == [{"follow_symlinks": True}]
    assert capsys.readouterr().out == f"extracted 1 documents into {tmp_path / 'i'}\n"


# ---------------------------------------------------------------- settings, without the CLI


def test_the_repository_params_file_is_valid_and_says_the_defaults() -> None:
    assert load_settings(REPO / "params.yaml", required=True) == PipelineSettings()


def test_an_absent_default_params_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "params.yaml") == PipelineSettings()
    with pytest.raises(SettingsError, match="settings file not found"):
        load_settings(tmp_path / "params.yaml", required=True)


def test_settings_values_take_their_declared_types() -> None:
    s = PipelineSettings.from_dict({"table_strategies": ["text"], "limits": {"timeout_s": 30}, "grid": {"coverage": 1}})
    assert s.table_strategies == ("text",) and s.limits.timeout_s == 30.0 and isinstance(s.grid.coverage, float)
    for bad in ({"ocr": 1}, {"ocr_dpi": 300.0}, {"max_pages": True}, {"table_strategies": "ruled"},
                {"ocr_languages": ["eng"]}, {"limits": {"timeout_s": float("nan")}}):
        with pytest.raises(ValueError, match=f"pipeline.{next(iter(bad))}"):
            PipelineSettings.from_dict(bad)


def test_settings_made_in_code_are_checked_too() -> None:
    with pytest.raises(ValueError, match="PipelineSettings.ocr_dpi must be an integer in 72..600"):
        PipelineSettings(ocr_dpi=50)
    with pytest.raises(ValueError, match="unknown strategy 'grid'"):
        PipelineSettings(table_strategies=("grid",))
