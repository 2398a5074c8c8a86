"""The dataset on disk is always one whole run: a run killed at any moment leaves the previous
complete generation (or the new one), a second run into the same directory is refused, an
output directory that cannot be used is refused before any work, files are readable by others."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.run import run
from pipeline.settings import PipelineSettings
from pipeline.validate import validate_dir
from tests.pipeline.batch import sample_raw

REPO = Path(__file__).resolve().parents[2]
FIRST = ("sample-nap-wide-en.pdf", "sample-nap-wide-fr.pdf")
SECOND = (*FIRST, "sample-nap-wide-es.pdf", "sample-un-report.pdf")
RUN = "import sys; from pathlib import Path; from pipeline.run import run; from pipeline.settings import PipelineSettings; " \
      "run(Path(sys.argv[1]), Path(sys.argv[2]), PipelineSettings(), workers=1, progress=False)"


def _start(raw: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUN, str(raw), str(out)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _generation(out: Path) -> tuple[str, ...]:
    """The input paths of the dataset in ``out``, which must validate."""
    problems, _ = validate_dir(out)
    assert problems == [], problems
    manifest = json.loads((out / "manifest.json").read_text())
    return tuple(sorted(i["path"] for i in manifest["inputs"]))


def test_a_run_killed_at_any_moment_leaves_one_whole_generation(tmp_path: Path) -> None:
    first, second = sample_raw(tmp_path / "a", FIRST), sample_raw(tmp_path / "b", SECOND)
    out = tmp_path / "out"
    started = time.monotonic()
    assert _start(first, out).wait(timeout=600) == 0
    duration = time.monotonic() - started
    assert _generation(out) == FIRST
    for fraction in (0.05, 0.3, 0.6, 0.9, 1.1, 1.3, 1.6):  # the second run is longer: kills reach its writing
        proc = _start(second, out)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert _generation(out) in (FIRST, tuple(sorted(SECOND))), fraction
    assert _start(second, out).wait(timeout=600) == 0
    assert _generation(out) == tuple(sorted(SECOND))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "a", "b", "out"]  # leftovers cleaned


def test_a_second_run_into_the_same_directory_is_refused(tmp_path: Path) -> None:
    raw = sample_raw(tmp_path / "raw", SECOND)
    out = tmp_path / "out"
    proc = _start(raw, out)
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".out.new-*")):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        with pytest.raises(UsageError, match="another run is writing into .*out; wait for it"):
            run(raw, out, PipelineSettings(), progress=False)
    finally:
        assert proc.wait(timeout=600) == 0
    assert _generation(out) == tuple(sorted(SECOND))


def test_an_unusable_output_directory_is_refused_before_any_work(tmp_path: Path) -> None:
    raw = sample_raw(tmp_path / "raw", FIRST[:1])
    (tmp_path / "file").write_text("not a directory")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "thesis.docx").write_text("a researcher's own file")
    cases = {
        tmp_path / "file": "is a file, not a directory",
        tmp_path / "file" / "out": "lies under a file",
        tmp_path / "notes": "holds files that are not a dataset",
    }
    for out, message in cases.items():
        with pytest.raises(UsageError, match=message):
            run(raw, out, PipelineSettings(), progress=False)
    assert (tmp_path / "notes" / "thesis.docx").exists()


def test_a_read_only_output_directory_is_refused_before_any_work(tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a read-only file system here")
    try:
        raw = sample_raw(tmp_path / "raw", FIRST[:1])
        with pytest.raises(UsageError, match="cannot write the output directory .*Read-only file system"):
            run(raw, mount / "out", PipelineSettings(), progress=False)
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_outputs_get_the_permissions_of_the_umask(tmp_path: Path) -> None:
    raw = sample_raw(tmp_path / "raw", FIRST[:1])
    old = os.umask(0o022)
    try:
        run(raw, tmp_path / "out", PipelineSettings(), progress=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert set(modes.values()) == {0o644}, modes
