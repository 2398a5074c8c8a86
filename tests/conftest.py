"""Shared test fixtures: where the shared corpus is, and a switch for golden-file regeneration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
RAW_SAMPLES = REPO / "data" / "raw"


def need(path: Path) -> Path:
    """Skip the test when a shared corpus file is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    return need(CORPUS)


@pytest.fixture(scope="session")
def seeds() -> Path:
    return need(SEEDS)


def regenerate_golden() -> bool:
    return os.environ.get("NAP_REGENERATE_GOLDEN") == "1"
