"""The README's notebook examples run as written on a real dataset, and count what they say."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.run import run
from pipeline.settings import PipelineSettings
from tests.conftest import RAW_SAMPLES

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    for name in ("sample-nap-wide-en", "sample-nap-wide-fr", "sample-un-report"):
        for path in RAW_SAMPLES.glob(f"{name}.*"):
            shutil.copy(path, raw)
    shutil.copy(RAW_SAMPLES / "sample-actors.csv", raw)
    run(raw, root / "data" / "structured", PipelineSettings(), workers=2, progress=False)
    return root


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def _run_example(code: str, cwd: Path) -> str:
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(old)
    return out.getvalue()


def test_every_python_example_runs(project: Path) -> None:
    examples = _examples()
    assert len(examples) >= 3  # pandas, DuckDB, polars
    for code in examples:
        assert _run_example(code, project).strip(), code


def test_the_pandas_example_counts_actions_per_sector(project: Path) -> None:
    (code,) = [c for c in _examples() if "pd.read_parquet" in c]
    printed = dict(re.findall(r"^(\w+)\s+(\d+)$", _run_example(code, project), re.M))
    truth: dict[str, set] = {}
    for a in pq.read_table(project / "data" / "structured" / "actors.parquet").to_pylist():
        truth.setdefault(a["sector"], set()).add((a["doc_id"], a["action_id"]))
    assert {k: int(v) for k, v in printed.items()} == {k: len(v) for k, v in truth.items() if k is not None}
