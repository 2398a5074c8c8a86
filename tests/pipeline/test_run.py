"""`nap run` end to end: sample plans plus every kind of bad input, determinism, validation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from pipeline.cli import main
from pipeline.schema import SCHEMAS
from samples.content import SAMPLE_COUNTRIES
from samples.make import PLANS, PROFILES
from samples.model import expected_actions
from tests.conftest import RAW_SAMPLES
from tests.plans import printed


def _encrypted_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "National Action Plan (restricted copy)")
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A raw directory with the sample documents and one file of each bad kind."""
    root = tmp_path_factory.mktemp("batch")
    raw = root / "raw"
    (raw / "bad").mkdir(parents=True)
    samples = sorted(RAW_SAMPLES.glob("*.pdf"))
    assert samples, "data/raw holds the sample plans (python -m samples.make)"
    for path in sorted(RAW_SAMPLES.iterdir()):  # the PDFs, their profiles and the sample actors
        if path.is_file() and not path.name.startswith("."):
            shutil.copy(path, raw / path.name)
    good = samples[0].read_bytes()
    (raw / "bad" / "empty.pdf").write_bytes(b"")
    (raw / "bad" / "not-a-pdf.pdf").write_text("<html><body>Plan d'action national</body></html>")
    (raw / "bad" / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (raw / "bad" / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    _encrypted_pdf(raw / "bad" / "encrypted.pdf")
    out = root / "out"
    assert main(["run", str(raw), "--out", str(out), "--workers", "2", "--quiet"]) == 0
    return {"root": root, "raw": raw, "out": out}


def _documents(out: Path) -> dict[str, dict]:
    rows = pq.read_table(out / "documents.parquet").to_pylist()
    return {r["source_path"]: r for r in rows}


def test_bad_inputs_get_error_rows_and_the_batch_goes_on(batch: dict[str, Path]) -> None:
    docs = _documents(batch["out"])
    expected = {
        "bad/empty.pdf": "empty file",
        "bad/not-a-pdf.pdf": "not a PDF",
        "bad/corrupt.pdf": "corrupt",
        "bad/encrypted.pdf": "encrypted",
    }
    for path, reason in expected.items():
        assert docs[path]["status"] == "error", path
        assert reason in docs[path]["error"], (path, docs[path]["error"])
        assert "\n" not in docs[path]["error"]
    truncated = docs["bad/truncated.pdf"]
    assert truncated["status"] in ("error", "partial")
    assert truncated["error"]
    good = [d for p, d in docs.items() if not p.startswith("bad/")]
    assert good and all(d["status"] == "ok" for d in good)


def test_every_table_is_written_with_the_contract_schema(batch: dict[str, Path]) -> None:
    for name, schema in SCHEMAS.items():
        table = pq.read_table(batch["out"] / f"{name}.parquet")
        assert table.schema.equals(schema, check_metadata=False), name
    assert not list(batch["out"].glob("*.tmp")) and not list(batch["out"].glob(".*.tmp"))


def test_manifest_records_inputs_versions_settings_counts_and_errors(batch: dict[str, Path]) -> None:
    manifest = json.loads((batch["out"] / "manifest.json").read_text())
    paths = {i["path"] for i in manifest["inputs"]}
    assert "bad/encrypted.pdf" in paths and all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["versions"]["pdfplumber"] and manifest["versions"]["pyarrow"]
    assert len(manifest["settings_sha256"]) == 64 and manifest["settings"]["table_strategies"]
    assert manifest["counts"]["documents"] == len(manifest["inputs"])
    assert {e["category"] for e in manifest["errors"]} >= {"empty", "not_pdf", "encrypted", "corrupt"}
    assert manifest["status"]["error"] >= 4


def test_validate_passes_and_a_rerun_is_byte_identical(batch: dict[str, Path], tmp_path: Path) -> None:
    assert main(["validate", str(batch["out"])]) == 0
    again = tmp_path / "again"
    assert main(["run", str(batch["raw"]), "--out", str(again), "--workers", "1", "--quiet"]) == 0
    for name in SCHEMAS:
        assert (again / f"{name}.parquet").read_bytes() == (batch["out"] / f"{name}.parquet").read_bytes(), name


def test_strict_fails_on_bad_input(batch: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.pdf").write_bytes(b"")
    assert main(["run", str(raw), "--out", str(tmp_path / "out"), "--strict", "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["nap: error: empty.pdf: open: empty file (0 bytes) (--strict stops at the first failure)"]
    assert not (tmp_path / "out").exists()


def test_validate_names_a_broken_reference(batch: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(batch["out"], broken)
    actions = pq.read_table(broken / "actions.parquet")
    assert actions.num_rows
    ids = actions.column("objective_id").to_pylist()
    ids[0] = "o9999"
    import pyarrow as pa

    idx = actions.schema.get_field_index("objective_id")
    actions = actions.set_column(idx, actions.schema.field("objective_id"), pa.array(ids, pa.string()))
    pq.write_table(actions, broken / "actions.parquet")
    assert main(["validate", str(broken)]) == 1


def test_sample_plans_give_actions_with_actors_and_provenance(batch: dict[str, Path]) -> None:
    """The narrow sample plan's actions, row by row, against what its renderer drew."""
    docs = {d["source_path"]: d["doc_id"] for d in pq.read_table(batch["out"] / "documents.parquet").to_pylist()}
    doc_id = docs["sample-nap-narrow-en.pdf"]
    actions = [a for a in pq.read_table(batch["out"] / "actions.parquet").to_pylist() if a["doc_id"] == doc_id]
    leads: dict[str, list[str]] = {}
    for a in pq.read_table(batch["out"] / "actors.parquet").to_pylist():
        if a["doc_id"] == doc_id and a["role"] == "lead":
            leads.setdefault(a["action_id"], []).append(a["actor_raw"])
    truth = expected_actions(PLANS["sample-nap-narrow-en.pdf"]())
    assert [(a["number"], a["text"]) for a in actions] == [(t.number, printed(t.text)) for t in truth]
    for a, t in zip(actions, truth):
        assert sorted(leads[a["action_id"]]) == sorted(t.lead), a["text"]
        assert a["page"] >= 1 and a["x1"] > a["x0"] and a["bottom"] > a["top"]
        assert a["extractor"] == "ruled@1" and 0 < a["confidence"] <= 1


def test_every_sample_plan_action_has_coded_actors_with_sectors(batch: dict[str, Path]) -> None:
    """Each action of each sample plan has its actors, every one with a code and a sector from
    the profile's fictional country or the shared lists; the manifest counts no unknown actor."""
    out = batch["out"]
    docs = {d["doc_id"]: d for d in pq.read_table(out / "documents.parquet").to_pylist()}
    plans = {doc_id for doc_id, d in docs.items() if d["source_path"] in PROFILES}
    assert len(plans) == len(PROFILES)
    actors: dict[tuple[str, str], list[dict]] = {}
    for a in pq.read_table(out / "actors.parquet").to_pylist():
        actors.setdefault((a["doc_id"], a["action_id"]), []).append(a)
    directory = {r["actor_code"]: r for r in pq.read_table(out / "actor_directory.parquet").to_pylist()}
    actions = [a for a in pq.read_table(out / "actions.parquet").to_pylist() if a["doc_id"] in plans]
    for doc_id in plans:  # every action of each plan, by its text (the scan holds the first pages)
        path = docs[doc_id]["source_path"]
        texts = [a["text"] for a in actions if a["doc_id"] == doc_id]
        truth = [printed(t.text) for t in expected_actions(PROFILES[path]())]
        if path in PLANS:
            assert texts == truth, path
        else:
            assert texts and texts == truth[: len(texts)], path
    for action in actions:
        doc = docs[action["doc_id"]]
        found = actors.get((action["doc_id"], action["action_id"]), [])
        assert found, (doc["source_path"], action["text"])
        for a in found:
            assert a["actor_code"] in directory and a["sector"], (doc["source_path"], a["actor_raw"])
            country = directory[a["actor_code"]]["country"]
            assert country in (None, doc["country"]), (doc["source_path"], a["actor_code"])
    for doc_id in plans:
        assert docs[doc_id]["country"] in SAMPLE_COUNTRIES and docs[doc_id]["issuer"]
    manifest = json.loads((out / "manifest.json").read_text())
    profiled = [i for i in manifest["inputs"] if i["profile"]]
    assert {i["path"] for i in profiled} == set(PROFILES)
    assert all(len(i["profile"]["sha256"]) == 64 for i in profiled)
    assert manifest["unknown_actors"]["count"] == 0
