"""docs/DATA.md is generated from the record declarations and must not drift."""

from __future__ import annotations

from pipeline.schema import data_md
from tests.conftest import REPO, regenerate_golden


def test_golden_regeneration_is_off() -> None:
    assert not regenerate_golden(), "NAP_REGENERATE_GOLDEN must be unset when tests run for real"


def test_data_md_matches_the_declared_schemas() -> None:
    path = REPO / "docs" / "DATA.md"
    assert path.read_text(encoding="utf-8") == data_md() + "\n", "run `nap docs` to regenerate docs/DATA.md"
