"""`dvc repro` in a fresh copy of the repository runs extract → normalize → validate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_dvc_repro_in_a_fresh_copy(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "dvc").exists() or not (bin_dir / "nap").exists():
        pytest.skip("dvc and nap are installed with the package (pip install -e .)")
    files = _git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).split("\0")
    work = tmp_path / "repo"
    for rel in filter(None, files):
        src = REPO / rel
        if src.is_file():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, work / rel)
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)
    _git("-c", "user.name=ci", "-c", "user.email=ci@example.org", "commit", "-qm", "copy", cwd=work)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    result = subprocess.run([str(bin_dir / "dvc"), "repro"], cwd=work, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "valid" in result.stdout
    out = work / "data" / "structured"
    docs = pq.read_table(out / "documents.parquet")
    assert docs.num_rows == len(list((work / "data" / "raw").rglob("*.pdf")))
    assert pq.read_table(out / "actions.parquet").num_rows > 0
    # the profiles beside the sample PDFs travel through the interim files to the datasets
    assert {"XSA", "XSB", "XSC"} <= set(docs.column("country").to_pylist())
    assert (work / "dvc.lock").exists()
