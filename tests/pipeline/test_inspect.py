"""`nap inspect` shows, per page, the grid and the rows the pipeline made."""

from __future__ import annotations

from pipeline.cli import main
from tests.conftest import RAW_SAMPLES


def test_inspect_shows_tables_objectives_and_actions(capsys) -> None:
    pdf = RAW_SAMPLES / "sample-nap-narrow-en.pdf"
    assert main(["inspect", str(pdf), "--max-rows", "3"]) == 0
    out = capsys.readouterr().out
    assert "--- page 2:" in out and "rotation 0" in out
    assert "table 1:" in out and "merged" in out and "ruled" in out
    assert "[pillar]" in out and "[objective]" in out and "[strategy]" in out
    assert "action 1)" in out and "(l)" in out  # an action with its lead actor
    assert "more actions" in out


def test_inspect_turns_a_rotated_page(capsys) -> None:
    assert main(["inspect", str(RAW_SAMPLES / "sample-nap-wide-en-rotated.pdf")]) == 0
    out = capsys.readouterr().out
    assert "842x595 pt" in out and "table 1:" in out  # /Rotate 90: read as the landscape page it shows


def test_inspect_reports_a_bad_file(tmp_path, capsys) -> None:
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    assert main(["inspect", str(bad)]) == 1
    assert "empty file" in capsys.readouterr().out
