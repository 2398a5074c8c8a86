"""Shared test fixtures: where the shared corpus is, and a switch for golden-file regeneration.

Tests that need ``../shared`` (the ``corpus`` and ``seeds`` fixtures, or :func:`need`) carry the
``corpus`` marker: the fixtures' users get it here at collection, direct callers of ``need`` are
marked where they are written. Without ``../shared/corpus`` they skip; with it, a skipped corpus
test fails the session (one line naming them), so a moved or renamed file cannot pass unseen.
"""

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


SHARED_FIXTURES = frozenset({"corpus", "seeds"})
_NOT_AVAILABLE = "shared file not available: "  # the reason of a skip by need()


def need(path: Path) -> Path:
    """Skip the test when a shared corpus file is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{_NOT_AVAILABLE}{path}")
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    return need(CORPUS)


@pytest.fixture(scope="session")
def seeds() -> Path:
    return need(SEEDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that uses a shared fixture, directly or through another fixture, is a corpus test."""
    for item in items:
        if SHARED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.corpus)
        if item.get_closest_marker("corpus"):
            _corpus_tests.add(item.nodeid)


_corpus_tests: set[str] = set()  # node ids of the corpus tests collected
_corpus_skips: list[str] = []  # … and of those that skipped in this session


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    return str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note corpus tests that skipped (expected failures are not skips; an unmarked test skipped by
    ``need`` counts too)."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    if report.nodeid in _corpus_tests or _NOT_AVAILABLE in _skip_reason(report):
        if report.nodeid not in _corpus_skips:
            _corpus_skips.append(report.nodeid)


def corpus_skip_message() -> str | None:
    """The failure line when corpus tests skipped although ``../shared/corpus`` is there, else None."""
    if not _corpus_skips or not CORPUS.exists():
        return None
    return (f"{len(_corpus_skips)} corpus tests skipped although {CORPUS} is present (a shared file moved? "
            f"see the skip reasons): {', '.join(_corpus_skips)}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if corpus_skip_message() and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    message = corpus_skip_message()
    if message:
        terminalreporter.write_line(f"FAILED: {message}", red=True, bold=True)


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
