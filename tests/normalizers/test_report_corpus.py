"""The report normalizer on the real 2025 UN reports of the shared corpus.

Each PDF is opened once for the whole module (pdfplumber is the slow part, so the files are read
in two worker processes); every file skips cleanly when the shared corpus is not beside the
repository.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber
import pytest

from extractors.layout import page_to_layout
from extractors.model import PageLayout
from normalizers.doctype import detect_doc_type, detect_language
from normalizers.prose import ReportResult, build_report
from pipeline.references import load_gazetteer, load_vocabulary
from tests.conftest import CORPUS, need

UN = CORPUS / "un"
pytestmark = pytest.mark.corpus  # every test reads a report of the shared corpus

# file → (symbol, paragraph-number runs: numbering restarts at 1 in each part, footnotes at least)
REPORTS: dict[str, tuple[str, int, int]] = {
    "S_2025_97.en.pdf": ("S/2025/97", 1, 1),
    "S_2025_176.en.pdf": ("S/2025/176", 1, 0),
    "S_2025_194.en.pdf": ("S/2025/194", 1, 1),
    "S_2025_202.en.pdf": ("S/2025/202", 1, 3),
    "S_2025_403.en.pdf": ("S/2025/403", 1, 0),
    "A_80_1.en.pdf": ("A/80/1", 1, 2),
    "A_80_38.en.pdf": ("A/80/38", 3, 6),
    "A_80_596.pdf": ("A/80/596", 1, 3),
    "A_80_600.pdf": ("A/80/600", 1, 3),
    "A_80_604_Add.11.pdf": ("A/80/604/Add.11", 1, 2),
    "A_80_624.pdf": ("A/80/624", 1, 4),
}


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def read_layouts(path: Path) -> list[PageLayout]:
    with pdfplumber.open(path) as pdf:
        return [page_to_layout(page, path.name) for page in pdf.pages]


@pytest.fixture(scope="module")
def vocabularies():
    return load_vocabulary("headers"), load_vocabulary("pillars")


@pytest.fixture(scope="module")
def parsed(gazetteer, vocabularies):
    """name → (layouts, result), each file read at most once in this module; the files are read
    two at a time in worker processes while the tests run."""
    present = [name for name in sorted(REPORTS) if (UN / name).exists()]
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) if present else None
    futures = {name: pool.submit(read_layouts, UN / name) for name in present} if pool else {}
    cache: dict[str, tuple[list[PageLayout], ReportResult]] = {}

    def get(name: str) -> tuple[list[PageLayout], ReportResult]:
        if name not in futures:
            need(UN / name)  # skips
        if name not in cache:
            layouts = futures[name].result()
            headers, pillars = vocabularies
            cache[name] = (layouts, build_report(layouts, name, gazetteer, headers=headers, pillars=pillars))
        return cache[name]

    yield get
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def numbered_runs(result: ReportResult, dotted: bool = False) -> list[list[int]]:
    """Paragraph numbers in order, cut where the numbering starts again at 1 (annexes, parts);
    with ``dotted``, the runs of section-numbered paragraphs (``1.1``, ``1.2`` …) instead."""
    runs: list[list[int]] = []
    for p in result.paragraphs:
        if p.number is None or ("." in p.number) != dotted:
            continue
        n = int(p.number.rpartition(".")[2])
        if n == 1 or not runs:
            runs.append([n])
        else:
            runs[-1].append(n)
    return runs


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_paragraph_numbering_is_continuous(parsed, name):
    _, result = parsed(name)
    runs = numbered_runs(result)
    _, n_runs, _ = REPORTS[name]
    assert len(runs) == n_runs
    for run in runs + numbered_runs(result, dotted=True):
        assert run == list(range(1, len(run) + 1)), f"gap or duplicate in {run}"
    assert sum(len(r) for r in runs) >= 50


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_footnotes_found_and_linked(parsed, name):
    _, result = parsed(name)
    _, _, min_notes = REPORTS[name]
    assert len(result.footnotes) >= min_notes
    ids = {f.footnote_id for f in result.footnotes}
    numeric = [r for r in result.footnote_refs if r.number.isdigit()]
    assert all(r.footnote_id in ids for r in numeric)
    assert all(f.text for f in result.footnotes)
    assert [f.footnote_id for f in result.footnotes] == [f"f{i:03d}" for i in range(1, len(result.footnotes) + 1)]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_furniture_out_and_metadata(parsed, name):
    layouts, result = parsed(name)
    symbol, _, _ = REPORTS[name]
    assert result.symbol == symbol
    text = "\n".join(p.text for p in result.paragraphs)
    assert f"{len(layouts)}/{len(layouts)}" not in text.split()  # page numbers "7/29"
    assert all(p.text.strip() for p in result.paragraphs)
    assert detect_doc_type(layouts) == "un_report"
    assert detect_language(text) == "en"


ROMANS = ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X.", "XI.", "XII."]


@pytest.mark.parametrize("name", ["S_2025_97.en.pdf", "S_2025_176.en.pdf", "S_2025_403.en.pdf"])
def test_sections_of_a_security_council_report(parsed, name):
    _, result = parsed(name)
    top = [s for s in result.sections if s.level == 0 and s.number]
    assert top[0].number == "I." and top[0].title == "Introduction"
    assert [s.number for s in top] == ROMANS[: len(top)]
    assert len(top) >= 6 and top[-1].title == "Observations"
    by_id = {s.section_id: s for s in result.sections}
    assert all(by_id[s.parent_id].level == s.level - 1 for s in result.sections if s.parent_id)
    assert result.date is not None and result.date.startswith("2025-")
