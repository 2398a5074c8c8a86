"""tests/conftest.py: a corpus test that skips while ../shared/corpus is present fails the session
(a moved or renamed shared file must not pass as a skip); without the corpus they skip quietly,
and skips unrelated to the corpus never count.

Each case runs pytest in a fresh process on a small test file whose conftest is this one's, with
``CORPUS`` pointed at an empty directory (present) or at a path that does not exist (absent).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CASES = '''
import pytest
from tests.conftest import CORPUS, need

def test_uses_the_fixture(corpus):  # marked at collection
    assert corpus == CORPUS

@pytest.mark.corpus
def test_marked_file_missing():
    need(CORPUS / "moved.pdf")

def test_unmarked_file_missing():  # need() in a test nobody marked
    need(CORPUS / "renamed.pdf")

@pytest.mark.corpus
@pytest.mark.xfail(strict=True, reason="a known difference")
def test_marked_expected_failure():
    assert False

def test_unrelated_skip():
    pytest.skip("no GPU here")

@pytest.mark.skipif(True, reason="not on this platform")
def test_unrelated_skipif():
    pass
'''


def run_cases(tmp_path: Path, corpus_present: bool, *args: str) -> subprocess.CompletedProcess:
    corpus = tmp_path / "corpus"
    if corpus_present:
        corpus.mkdir()
    (tmp_path / "conftest.py").write_text(
        "from pathlib import Path\nimport tests.conftest\nfrom tests.conftest import *  # noqa: F403\n"
        f"tests.conftest.CORPUS = Path({str(corpus)!r})\n", encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    corpus: needs ../shared\n", encoding="utf-8")
    (tmp_path / "test_cases.py").write_text(CASES, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def failure_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if "corpus tests skipped although" in line]


def test_a_corpus_test_skipped_while_the_corpus_is_present_fails_the_session(tmp_path: Path) -> None:
    result = run_cases(tmp_path, corpus_present=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed" in result.stdout and "4 skipped" in result.stdout and "1 xfailed" in result.stdout
    (line,) = failure_lines(result)
    assert line.startswith("FAILED: 2 corpus tests skipped although ")
    assert line.endswith("test_cases.py::test_marked_file_missing, test_cases.py::test_unmarked_file_missing")
    assert "shared file not available: " in result.stdout  # the skip reasons say which file


def test_without_the_corpus_corpus_tests_skip_and_the_session_passes(tmp_path: Path) -> None:
    result = run_cases(tmp_path, corpus_present=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 skipped" in result.stdout and not failure_lines(result)


@pytest.mark.parametrize("select", [["-m", "not corpus", "-k", "not unmarked"], ["-k", "unrelated or fixture"]])
def test_unrelated_skips_and_deselected_corpus_tests_do_not_count(tmp_path: Path, select: list[str]) -> None:
    result = run_cases(tmp_path, True, *select)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 skipped" in result.stdout and not failure_lines(result)


def test_a_failing_session_keeps_its_failure(tmp_path: Path) -> None:
    (tmp_path / "test_more.py").write_text("def test_broken():\n    assert False\n", encoding="utf-8")
    result = run_cases(tmp_path, True)
    assert result.returncode == 1 and "1 failed" in result.stdout and len(failure_lines(result)) == 1
