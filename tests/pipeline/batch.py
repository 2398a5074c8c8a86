"""A raw directory of sample documents and the rows a run wrote for each, shared by the batch tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.schema import SCHEMAS
from tests.conftest import RAW_SAMPLES


def sample_raw(raw: Path, names: tuple[str, ...]) -> Path:
    """``raw`` (created) holding the sample PDFs ``names`` with their profiles and the sample actors."""
    raw.mkdir(parents=True, exist_ok=True)
    shutil.copy(RAW_SAMPLES / "sample-actors.csv", raw)
    for name in names:
        shutil.copy(RAW_SAMPLES / name, raw)
        profile = RAW_SAMPLES / name.replace(".pdf", ".profile.yaml")
        if profile.exists():
            shutil.copy(profile, raw)
    return raw


def rows_by_source(out: Path) -> dict[str, dict[str, list[dict]]]:
    """Every table's rows (but the run-wide actor directory), per document's source path."""
    ids = {d["doc_id"]: d["source_path"] for d in pq.read_table(out / "documents.parquet").to_pylist()}
    per: dict[str, dict[str, list[dict]]] = {}
    for name in SCHEMAS:
        if name == "actor_directory":
            continue
        for row in pq.read_table(out / f"{name}.parquet").to_pylist():
            per.setdefault(ids[row["doc_id"]], {}).setdefault(name, []).append(row)
    return per


def leftovers(parent: Path) -> list[str]:
    """Staging or retired generations a run left beside its out dir."""
    return sorted(p.name for p in parent.iterdir() if ".new-" in p.name or ".old-" in p.name)
