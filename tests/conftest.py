"""Shared test fixtures: where the shared corpus is, and a switch for golden-file regeneration."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def record_strings(obj: Any) -> Iterator[str]:
    """Every string inside records (dataclasses), lists and tuples."""
    if isinstance(obj, str):
        yield obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from record_strings(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            yield from record_strings(x)
