"""Table structure of this project and its peers, measured on the same PDFs in one run.

    python bench/tables.py                                   # ICDAR 2013 + expected tables, default tools
    python bench/tables.py --files eu-001 eu-002 --sets icdar
    python bench/tables.py --tools nap camelot-lattice --json /tmp/tables.json

Tools: ``nap`` (this project: ``pipeline.extract.extract_document`` with default settings),
``camelot-lattice``, ``camelot-stream`` (``camelot.read_pdf``, default settings), ``pdfplumber``
(``page.extract_tables()`` with its defaults; ``None`` slots of merged cells are empty); also
``camelot-hybrid``, ``camelot-network`` on request. Camelot and pdfplumber tables have no spans:
each of their slots is a 1×1 cell (a merged cell's text sits in one slot, the others are empty).
Every tool runs once per PDF, timed with ``time.perf_counter`` around the call that yields its
tables (file opening included; for ``nap`` the whole ``extract_document``: layout and tables).

**ICDAR 2013** (``icdar2013/eu-*.pdf``, truth ``*-str.xml``): the competition's adjacency-
relation measure (:mod:`bench.icdar`). Matching produced tables to truth tables: *pooled per
page* — all relations of all tables a tool produced on a page are compared with all truth
relations of that page (multiset intersection). Pooling is robust where region matching is not:
a tool that splits one truth table in two, or joins two, still scores the relations inside each
piece; and it needs no coordinates (the truth boxes of the rotated eu-015 pages are not in the
page's displayed frame). Only pages carrying truth are scored; tables a tool finds on other pages
are counted apart ("tables off-truth": detection false positives, not in P/R/F1). A file with
alternative truths (``eu-009b-str.xml`` is a second reading of ``eu-009a.pdf``) scores, per
tool, against the alternative that gives it the higher F1. Micro = counts summed over files,
macro = mean of per-file figures. A tool that crashes on a file scores 0 there (and is listed).
By default every tool reads every page (``--pages all``: identical pages, so pages/s compare
like for like); ``--pages truth`` gives the peers only the pages with truth (``nap`` always reads
whole documents: its public API has no page filter).

**Expected tables** (``camelot/expected/*.json``: the grids Camelot's tests assert, page 1;
``tabula/expected/json.*.json`` with their page; ``csv.*.csv`` without a JSON twin, page
unknown so every page is searched): for each expected table, the best of the tool's tables on
that page by

* *text* agreement — rows aligned monotonically (dynamic programming, rows may be skipped on
  either side), and inside each aligned row pair the non-empty cells matched in order
  (``difflib.SequenceMatcher`` on whole normalised cell strings): matched / expected non-empty
  cells. A cell cut in two, two cells run together, or text in the wrong row loses its match;
  an extra empty column does not.
* *position* agreement — the share of expected non-empty cells whose exact text sits in the
  produced grid at the same (row, col) after one global shift (the most frequent shift among
  the text matches): the strict grid measure.

Cell text is compared as in ICDAR (NFKC, whitespace removed, case folded). Expectations of one
Camelot test holding nearly the same cell texts (≥ 90 %: the ``shift_text`` variants of one
table) are alternatives: the best counts. ``camelot-asserted`` re-runs Camelot with the flavour
and keyword arguments the test used — the reference's own ceiling, a check of the measure rather
than a peer.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.icdar import (  # noqa: E402
    Counts,
    GridCell,
    Relation,
    grid_from_rows,
    macro,
    micro,
    normalize,
    parse_structure,
    relations,
    score_pages,
    truth_by_page,
)

CORPUS = REPO.parent / "shared" / "corpus"
PROJECT = "nap"
LATTICE = "camelot-lattice"
ASSERTED = "camelot-asserted"
DEFAULT_TOOLS = (PROJECT, LATTICE, "camelot-stream", "pdfplumber")
OPTIONAL_TOOLS = ("camelot-hybrid", "camelot-network")
FLAG_GAP = 0.15


# ---------------------------------------------------------------- tool adapters


@dataclass(frozen=True)
class FoundTable:
    page: int  # 1-based
    cells: tuple[GridCell, ...]

    def rows(self) -> list[list[str]]:
        """Row-major text grid; a spanning cell's text sits in its top-left slot."""
        n_rows = max((c.row + c.rowspan for c in self.cells), default=0)
        n_cols = max((c.col + c.colspan for c in self.cells), default=0)
        grid = [[""] * n_cols for _ in range(n_rows)]
        for c in self.cells:
            grid[c.row][c.col] = c.text
        return grid


@dataclass(frozen=True)
class ToolRun:
    tool: str
    tables: tuple[FoundTable, ...]
    seconds: float
    pages_read: frozenset[int]
    error: str | None = None


Runner = Callable[[Path, tuple[int, ...]], tuple[list[FoundTable], frozenset[int]]]


def run_nap(path: Path, pages: tuple[int, ...]) -> tuple[list[FoundTable], frozenset[int]]:
    from pipeline.extract import extract_document
    from pipeline.settings import PipelineSettings

    doc = extract_document(path, path.parent, PipelineSettings())
    if doc.status == "error":
        raise RuntimeError(doc.error or "extraction failed")
    found = [
        FoundTable(t.page_no, tuple(GridCell(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells))
        for t in doc.tables
    ]
    return found, frozenset(layout.page_no for layout in doc.layouts)


def _camelot(path: Path, pages: tuple[int, ...], flavor: str, kwargs: dict[str, Any]) -> list[FoundTable]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = camelot.read_pdf(str(path), pages=",".join(map(str, pages)), flavor=flavor,
                                 suppress_stdout=True, **kwargs)
    return [FoundTable(int(t.page), grid_from_rows(t.df.astype(str).values.tolist())) for t in found]


def camelot_runner(flavor: str, kwargs: dict[str, Any] | None = None) -> Runner:
    def run(path: Path, pages: tuple[int, ...]) -> tuple[list[FoundTable], frozenset[int]]:
        return _camelot(path, pages, flavor, kwargs or {}), frozenset(pages)

    return run


def run_pdfplumber(path: Path, pages: tuple[int, ...]) -> tuple[list[FoundTable], frozenset[int]]:
    import pdfplumber

    found: list[FoundTable] = []
    with pdfplumber.open(path) as pdf:
        for p in pages:
            page = pdf.pages[p - 1]
            found += [FoundTable(p, grid_from_rows(rows)) for rows in page.extract_tables()]
            page.close()
    return found, frozenset(pages)


RUNNERS: dict[str, Runner] = {
    PROJECT: run_nap,
    LATTICE: camelot_runner("lattice"),
    "camelot-stream": camelot_runner("stream"),
    "pdfplumber": run_pdfplumber,
    "camelot-hybrid": camelot_runner("hybrid"),
    "camelot-network": camelot_runner("network"),
}


def timed(tool: str, runner: Runner, path: Path, pages: tuple[int, ...]) -> ToolRun:
    """One tool on one file; a crash is recorded (the file then scores 0 for that tool)."""
    start = time.perf_counter()
    try:
        tables, read = runner(path, pages)
    except Exception as exc:  # a peer's failure on one file must not stop the benchmark
        return ToolRun(tool, (), time.perf_counter() - start, frozenset(),
                       f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}")
    return ToolRun(tool, tuple(tables), time.perf_counter() - start, read)


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


# ---------------------------------------------------------------- ICDAR 2013


@dataclass(frozen=True)
class IcdarDoc:
    name: str  # pdf stem
    pdf: Path
    truths: tuple[Path, ...]  # alternative *-str.xml files


@dataclass(frozen=True)
class IcdarToolResult:
    tool: str
    counts: Counts
    truth_file: str
    seconds: float
    pages_read: int
    tables_on_truth_pages: int
    tables_off_truth: int | None  # None: the tool read no page without truth
    error: str | None
    missed: tuple[Relation, ...] = ()  # samples, for diagnosis
    spurious: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class IcdarDocResult:
    name: str
    n_pages: int
    truth_pages: tuple[int, ...]
    truth_tables: int
    tools: dict[str, IcdarToolResult] = field(default_factory=dict)


def icdar_docs(folder: Path) -> list[IcdarDoc]:
    """Each PDF with its truth files; ``eu-009b-str.xml`` (no PDF of its own) joins ``eu-009a``."""
    by_pdf: dict[Path, list[Path]] = {}
    for xml in sorted(folder.glob("*-str.xml")):
        stem = xml.name.removesuffix("-str.xml")
        pdf = folder / f"{stem}.pdf"
        if not pdf.exists() and stem[-1:].isalpha():
            pdf = folder / f"{stem[:-1]}a.pdf"
        if pdf.exists():
            by_pdf.setdefault(pdf, []).append(xml)
    return [IcdarDoc(pdf.stem, pdf, tuple(xmls)) for pdf, xmls in sorted(by_pdf.items())]


def _produced_by_page(tables: Iterable[FoundTable]) -> dict[int, Counter[Relation]]:
    pages: dict[int, Counter[Relation]] = {}
    for t in tables:
        pages.setdefault(t.page, Counter()).update(relations(t.cells))
    return pages


def _samples(rels: Counter[Relation], n: int = 8) -> tuple[Relation, ...]:
    return tuple(r for r, _ in rels.most_common(n))


def score_icdar_run(run: ToolRun, truths: dict[str, dict[int, Counter[Relation]]]) -> IcdarToolResult:
    produced = _produced_by_page(run.tables)
    best_name, best = max(((name, score_pages(produced, truth)) for name, truth in truths.items()),
                          key=lambda item: item[1].f1)
    truth = truths[best_name]
    missed: Counter[Relation] = Counter()
    spurious: Counter[Relation] = Counter()
    for page, rels in truth.items():
        missed.update(rels - produced.get(page, Counter()))
        spurious.update(produced.get(page, Counter()) - rels)
    truth_pages = set(truth)
    off = sum(1 for t in run.tables if t.page not in truth_pages)
    read_off = bool(run.pages_read - truth_pages)
    return IcdarToolResult(
        run.tool, best, best_name, run.seconds, len(run.pages_read),
        sum(1 for t in run.tables if t.page in truth_pages), off if read_off else None, run.error,
        _samples(missed), _samples(spurious),
    )


def bench_icdar(docs: Sequence[IcdarDoc], tools: Sequence[str], pages_mode: str) -> list[IcdarDocResult]:
    results: list[IcdarDocResult] = []
    for doc in docs:
        truth_tables = {x.name: parse_structure(x) for x in doc.truths}
        truths = {name: truth_by_page(tables) for name, tables in truth_tables.items()}
        truth_pages = tuple(sorted({p for t in truths.values() for p in t}))
        n_pages = page_count(doc.pdf)
        pages = tuple(range(1, n_pages + 1)) if pages_mode == "all" else truth_pages
        first = next(iter(truth_tables.values()))
        scored = {tool: score_icdar_run(timed(tool, RUNNERS[tool], doc.pdf, pages), truths) for tool in tools}
        result = IcdarDocResult(doc.name, n_pages, truth_pages, len(first), scored)
        results.append(result)
        print(f"  {doc.name}: " + ", ".join(f"{t} {r.counts.f1:.2f} ({r.seconds:.1f}s)" for t, r in result.tools.items()),
              file=sys.stderr, flush=True)
    return results


@dataclass(frozen=True)
class ToolSummary:
    tool: str
    micro: Counts
    macro_p: float
    macro_r: float
    macro_f1: float
    seconds: float
    pages: int
    tables_off_truth: int | None
    errors: tuple[str, ...]

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def summarize_icdar(results: Sequence[IcdarDocResult], tools: Sequence[str]) -> list[ToolSummary]:
    out: list[ToolSummary] = []
    for tool in tools:
        rs = [d.tools[tool] for d in results]
        mp, mr, mf = macro([r.counts for r in rs])
        offs = [r.tables_off_truth for r in rs if r.tables_off_truth is not None]
        out.append(ToolSummary(
            tool, micro(r.counts for r in rs), mp, mr, mf, sum(r.seconds for r in rs), sum(r.pages_read for r in rs),
            sum(offs) if offs else None,
            tuple(f"{d.name}: {d.tools[tool].error}" for d in results if d.tools[tool].error),
        ))
    return out


# ---------------------------------------------------------------- expected tables


@dataclass(frozen=True)
class ExpectedTable:
    source: str  # camelot | tabula
    name: str
    group: str  # alternatives share a group; the best of them counts
    pdf: Path
    page: int | None  # None: unknown, search every page
    rows: tuple[tuple[str, ...], ...]
    flavor: str = ""
    kwargs: str = "{}"  # JSON of Camelot's read_pdf keyword arguments in its test


@dataclass(frozen=True)
class Agreement:
    text: float
    position: float
    matched: int
    expected: int


NO_AGREEMENT = Agreement(0.0, 0.0, 0, 0)


def _cells(rows: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
    """Per row, the non-empty (col, normalised text) pairs."""
    return [[(c, n) for c, text in enumerate(row) if (n := normalize(text))] for row in rows]


def _row_pairs(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(col in a, col in b) of the cells matched in order between two rows."""
    if not a or not b or not {t for _, t in a} & {t for _, t in b}:
        return []
    sm = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    return [(a[i + k][0], b[j + k][0]) for i, j, size in sm.get_matching_blocks() for k in range(size)]


def aligned_cells(expected: Sequence[Sequence[str]], produced: Sequence[Sequence[str]]) -> list[tuple[int, int, int, int]]:
    """Matched cells ``(exp_row, exp_col, prod_row, prod_col)`` under the best monotone row alignment."""
    ea, pa = _cells(expected), _cells(produced)
    m, n = len(ea), len(pa)
    sims = [[_row_pairs(ea[i], pa[j]) for j in range(n)] for i in range(m)]
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + len(sims[i][j]))
    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < m and j < n:
        if sims[i][j] and best[i][j] == best[i + 1][j + 1] + len(sims[i][j]):
            out += [(i, ec, j, pc) for ec, pc in sims[i][j]]
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def agreement(expected: Sequence[Sequence[str]], produced: Sequence[Sequence[str]]) -> Agreement:
    """Text and position agreement of a produced grid with an expected one (module docstring)."""
    want = {(r, c): t for r, row in enumerate(_cells(expected)) for c, t in row}
    if not want:
        return NO_AGREEMENT
    pairs = aligned_cells(expected, produced)
    have = {(r, c): t for r, row in enumerate(_cells(produced)) for c, t in row}
    shifts = Counter((pr - er, pc - ec) for er, ec, pr, pc in pairs)
    position = max((sum(1 for (r, c), t in want.items() if have.get((r + dr, c + dc)) == t)
                    for (dr, dc), _ in shifts.most_common(3)), default=0)
    return Agreement(len(pairs) / len(want), position / len(want), len(pairs), len(want))


def best_agreement(expected: Sequence[Sequence[str]], tables: Iterable[FoundTable], page: int | None) -> Agreement:
    scores = [agreement(expected, t.rows()) for t in tables if page is None or t.page == page]
    return max(scores, key=lambda a: (a.text, a.position), default=NO_AGREEMENT)


def _corpus_pdf(corpus: Path, ref: str) -> Path | None:
    """Camelot's ``tests/files/[tabula/]X.pdf`` → the corpus copy."""
    parts = Path(ref).parts
    name = parts[-1]
    candidates = [corpus / "camelot" / f"tabula__{name}", corpus / "tabula" / name] if "tabula" in parts[:-1] \
        else [corpus / "camelot" / name]
    return next((p for p in candidates if p.exists()), None)


def _texts(rows: Sequence[Sequence[str]]) -> Counter[str]:
    return Counter(t for row in _cells(rows) for _, t in row)


def same_text(a: Counter[str], b: Counter[str], share: float = 0.9) -> bool:
    """Two grids holding (nearly) the same cell texts: variants of one table."""
    return sum((a & b).values()) >= share * max(sum(a.values()), sum(b.values()), 1)


def camelot_expected(corpus: Path) -> list[ExpectedTable]:
    out: list[ExpectedTable] = []
    for path in sorted((corpus / "camelot" / "expected").glob("*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        pdf = _corpus_pdf(corpus, data["pdf"])
        if pdf is None:
            continue
        groups: list[tuple[str, Counter[str], str]] = []  # (test, cell texts, group name)
        for e in data["expectations"]:
            rows = tuple(tuple(str(x) for x in row) for row in e["table"])
            name = f"{pdf.stem}:{e['variable'].removeprefix('data_')}"
            texts = _texts(rows)
            group = next((g for test, other, g in groups if test == e["test"] and same_text(texts, other)), name)
            groups.append((e["test"], texts, group))
            out.append(ExpectedTable("camelot", name, group, pdf, 1, rows, e["flavor"],
                                     json.dumps(e.get("read_pdf_kwargs") or {}, sort_keys=True)))
    return out


def _tabula_pdf(folder: Path, stem: str) -> Path | None:
    """The PDF whose name is the longest prefix of ``stem`` (``spanning_cells_basic`` → spanning_cells)."""
    pdfs = sorted(folder.glob("*.pdf"), key=lambda p: -len(p.stem))
    return next((p for p in pdfs if stem == p.stem or stem.startswith(p.stem + "_")), None)


def tabula_expected(corpus: Path) -> list[ExpectedTable]:
    folder = corpus / "tabula"
    out: list[ExpectedTable] = []
    json_stems = {p.name.removeprefix("json.").removesuffix(".json") for p in (folder / "expected").glob("json.*.json")}
    for path in sorted((folder / "expected").glob("json.*.json")):
        stem = path.name.removeprefix("json.").removesuffix(".json")
        pdf = _tabula_pdf(folder, stem)
        data = json.loads(path.read_text(encoding="utf-8"))
        if pdf is None:
            continue
        for i, t in enumerate(data if isinstance(data, list) else [data]):
            rows = tuple(tuple(str(c.get("text", "")) for c in row) for row in t["data"])
            name = f"{stem}#{i + 1}"
            out.append(ExpectedTable("tabula", name, name, pdf, int(t.get("page_number") or 1), rows,
                                     t.get("extraction_method", "")))
    for path in sorted((folder / "expected").glob("csv.*.csv")):
        stem = path.name.removeprefix("csv.").removesuffix(".csv")
        pdf = _tabula_pdf(folder, stem)
        if stem in json_stems or pdf is None:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            rows = tuple(tuple(row) for row in csv.reader(fh))
        out.append(ExpectedTable("tabula", f"{stem}.csv", f"{stem}.csv", pdf, None, rows))
    return out


@dataclass(frozen=True)
class ExpectedResult:
    table: ExpectedTable
    scores: dict[str, Agreement]
    errors: dict[str, str]


def _pages_needed(items: Sequence[ExpectedTable], n_pages: int) -> tuple[int, ...]:
    if any(i.page is None for i in items):
        return tuple(range(1, n_pages + 1))
    return tuple(sorted({i.page for i in items if i.page is not None and i.page <= n_pages}))


Timing = dict[str, tuple[float, int]]  # tool → (seconds, pages read)


def bench_expected(items: Sequence[ExpectedTable], tools: Sequence[str]) -> tuple[list[ExpectedResult], Timing]:
    """Scores per expected table; also (seconds, pages) per tool over these files."""
    by_pdf: dict[Path, list[ExpectedTable]] = {}
    for item in items:
        by_pdf.setdefault(item.pdf, []).append(item)
    results: list[ExpectedResult] = []
    timing: Timing = {}
    for pdf, group in by_pdf.items():
        pages = _pages_needed(group, page_count(pdf))
        runs = {t: timed(t, RUNNERS[t], pdf, pages) for t in tools if t in RUNNERS}
        for t, r in runs.items():
            s, n = timing.get(t, (0.0, 0))
            timing[t] = (s + r.seconds, n + len(r.pages_read))
        asserted: dict[tuple[str, str], ToolRun] = {}
        for item in group:
            item_runs = dict(runs)
            if ASSERTED in tools and item.source == "camelot":
                key = (item.flavor, item.kwargs)
                if key not in asserted:
                    runner = camelot_runner(item.flavor, json.loads(item.kwargs))
                    asserted[key] = timed(ASSERTED, runner, pdf, (item.page or 1,))
                item_runs[ASSERTED] = asserted[key]
            scores = {t: best_agreement(item.rows, r.tables, item.page) for t, r in item_runs.items()}
            errors = {t: r.error for t, r in item_runs.items() if r.error}
            results.append(ExpectedResult(item, scores, errors))
        print(f"  {pdf.name}: " + ", ".join(f"{t} {'ERR' if r.error else len(r.tables)}" for t, r in runs.items()),
              file=sys.stderr, flush=True)
    return results, timing


def best_of_groups(results: Sequence[ExpectedResult], tools: Sequence[str]) -> list[ExpectedResult]:
    """One result per group of alternatives: per tool, the best alternative's scores."""
    groups: dict[str, list[ExpectedResult]] = {}
    for r in results:
        groups.setdefault(r.table.group, []).append(r)
    out: list[ExpectedResult] = []
    for members in groups.values():
        scores = {t: max((m.scores[t] for m in members if t in m.scores), key=lambda a: (a.text, a.position))
                  for t in tools if any(t in m.scores for m in members)}
        errors = {t: e for m in members for t, e in m.errors.items()}
        out.append(ExpectedResult(members[0].table, scores, errors))
    return out


# ---------------------------------------------------------------- report


def md_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def icdar_report(results: Sequence[IcdarDocResult], summaries: Sequence[ToolSummary], tools: Sequence[str]) -> str:
    lattice = next((s for s in summaries if s.tool == LATTICE), None)
    n_pages = sum(d.n_pages for d in results)
    out = [f"## ICDAR 2013 adjacency relations ({len(results)} files, {sum(len(d.truth_pages) for d in results)} "
           f"pages with truth, {sum(d.truth_tables for d in results)} truth table regions, {n_pages} pages in all)", ""]
    out.append(md_table(
        ["tool", "micro P", "micro R", "micro F1", "macro P", "macro R", "macro F1", "relations (match/prod/truth)",
         "tables off-truth", "pages", "seconds", "pages/s", f"pages/s ÷ {LATTICE}", "crashes"],
        [(s.tool, f"{s.micro.precision:.3f}", f"{s.micro.recall:.3f}", f"{s.micro.f1:.3f}", f"{s.macro_p:.3f}",
          f"{s.macro_r:.3f}", f"**{s.macro_f1:.3f}**",
          f"{s.micro.matched}/{s.micro.produced}/{s.micro.truth}",
          "–" if s.tables_off_truth is None else s.tables_off_truth, s.pages, f"{s.seconds:.1f}", f"{s.pages_per_s:.1f}",
          f"{s.pages_per_s / lattice.pages_per_s:.2f}" if lattice and lattice.pages_per_s else "–", len(s.errors))
         for s in summaries]))
    nap = next((s for s in summaries if s.tool == PROJECT), None)
    if nap and lattice and lattice.pages_per_s:
        out += ["", f"{PROJECT} runs at {nap.pages_per_s / lattice.pages_per_s:.2f}× the pages/s of {LATTICE} "
                    f"({nap.pages_per_s:.1f} vs {lattice.pages_per_s:.1f} pages/s)."]
    peers = [t for t in tools if t != PROJECT]
    rows = []
    for d in results:
        f1 = {t: d.tools[t].counts.f1 for t in tools}
        flag = ""
        if PROJECT in f1 and peers:
            best_peer = max(peers, key=lambda t: f1[t])
            if f1[PROJECT] < f1[best_peer] - FLAG_GAP:
                flag = f"⚠ {f1[PROJECT] - f1[best_peer]:+.2f} vs {best_peer}"
        nap_r = d.tools.get(PROJECT)
        tables = f"{d.truth_tables}/{nap_r.tables_on_truth_pages}" if nap_r else str(d.truth_tables)
        rows.append([d.name, ",".join(map(str, d.truth_pages)), tables]
                    + [("ERR" if d.tools[t].error else f"{f1[t]:.3f}") for t in tools] + [flag])
    out += ["", "### Per file: F1 (tables: truth regions / this project's tables on those pages)", "",
            md_table(["file", "truth pages", "tables", *tools, f"{PROJECT} > {FLAG_GAP} below best peer"], rows)]
    errors = [e for s in summaries for e in (f"{s.tool} — {x}" for x in s.errors)]
    if errors:
        out += ["", "Crashes (scored 0): " + "; ".join(errors)]
    return "\n".join(out)


def expected_report(results: Sequence[ExpectedResult], timing: Timing, tools: Sequence[str]) -> str:
    cols = [t for t in tools if any(t in r.scores for r in results)]
    out = [f"## Expected tables ({len(results)} tables: Camelot's asserted grids and tabula-java's expected output)", "",
           "Per tool: mean text agreement / mean position agreement; `≥0.9`: tables with text agreement ≥ 0.9.", ""]
    rows = []
    for source in ("camelot", "tabula", "all"):
        rs = [r for r in results if source in ("all", r.table.source)]
        if not rs:
            continue
        row: list[object] = [source, len(rs)]
        for t in cols:
            sc = [r.scores[t] for r in rs if t in r.scores]
            if not sc:
                row.append("–")
                continue
            row.append(f"{sum(a.text for a in sc) / len(sc):.3f} / {sum(a.position for a in sc) / len(sc):.3f} "
                       f"(≥0.9: {sum(a.text >= 0.9 for a in sc)}/{len(sc)})")
        rows.append(row)
    out.append(md_table(["set", "tables", *cols], rows))
    speed = [(t, timing[t]) for t in cols if t in timing]
    if speed:
        out += ["", "Time on these files: " + ", ".join(f"{t} {s:.1f}s / {n} pages ({n / s if s else 0:.1f} pages/s)"
                                                        for t, (s, n) in speed)]
    out += ["", "### Per expected table: text / position agreement", "",
            md_table(["table", "page", "reference settings", *cols],
                     [[r.table.name, r.table.page or "any",
                       f"{r.table.flavor} {r.table.kwargs if r.table.kwargs != '{}' else ''}".strip()]
                      + [("ERR" if t in r.errors else f"{r.scores[t].text:.2f} / {r.scores[t].position:.2f}")
                         if t in r.scores else "–" for t in cols] for r in results])]
    crashed = sorted({f"{t} on {r.table.pdf.name}: {e}" for r in results for t, e in r.errors.items()})
    if crashed:
        out += ["", "Crashes (scored 0): " + "; ".join(crashed)]
    return "\n".join(out)


# ---------------------------------------------------------------- CLI


def _selected(name: str, wanted: Sequence[str] | None) -> bool:
    return not wanted or any(name == w or name.startswith(w) for w in wanted)


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, Counts):
        return {**asdict(obj), "precision": obj.precision, "recall": obj.recall, "f1": obj.f1}
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, frozenset, set)):
        return [_jsonable(v) for v in obj]
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _jsonable(getattr(obj, k)) for k in obj.__dataclass_fields__}
    return obj


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", nargs="+", help="restrict to PDFs whose name starts with one of these (eu-001, health, ...)")
    ap.add_argument("--tools", nargs="+", choices=[*RUNNERS, ASSERTED],
                    help=f"default: {' '.join(DEFAULT_TOOLS)} (+{ASSERTED} for expected tables)")
    ap.add_argument("--sets", nargs="+", choices=["icdar", "expected"], default=["icdar", "expected"])
    ap.add_argument("--pages", choices=["all", "truth"], default="all", help="ICDAR pages the peers read (default: all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    tools = list(args.tools or DEFAULT_TOOLS)
    icdar_tools = [t for t in tools if t in RUNNERS]
    report: dict[str, Any] = {"tools": tools}
    if "icdar" in args.sets:
        docs = [d for d in icdar_docs(args.corpus / "icdar2013") if _selected(d.name, args.files)]
        if docs and icdar_tools:
            print(f"ICDAR 2013: {len(docs)} files …", file=sys.stderr)
            results = bench_icdar(docs, icdar_tools, args.pages)
            summaries = summarize_icdar(results, icdar_tools)
            print(icdar_report(results, summaries, icdar_tools), end="\n\n")
            report["icdar"] = {"summary": summaries, "files": results,
                               "pages_per_s": {s.tool: s.pages_per_s for s in summaries}}
    if "expected" in args.sets:
        exp_tools = tools if args.tools else [*tools, ASSERTED]
        items = [i for i in camelot_expected(args.corpus) + tabula_expected(args.corpus)
                 if _selected(i.pdf.stem, args.files)]
        if items:
            print(f"Expected tables: {len(items)} tables in {len({i.pdf for i in items})} files …", file=sys.stderr)
            raw, timing = bench_expected(items, exp_tools)
            results_e = best_of_groups(raw, exp_tools)
            print(expected_report(results_e, timing, exp_tools))
            report["expected"] = {"tables": results_e, "timing": timing}
    if args.json:
        args.json.write_text(json.dumps(_jsonable(report), indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
