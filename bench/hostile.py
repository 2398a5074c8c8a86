"""Hostile PDFs through `nap run`: does the batch survive them, and what do they cost?

    python bench/hostile.py [--doc-timeout 60] [--run-timeout 900] [--workers 2] [--cases a,b] [--no-alone]
                            [--without-guard]

1. The guard's overhead: ``check_pdf_bounds`` against pdfplumber's open + iterate pages, over
   every PDF of ../shared/corpus, both timed in this process, file by file, in the same loop.
2. `nap run` on the good documents alone (the sample PDFs of data/raw with their profiles and
   sample-actors.csv), then on the same good documents mixed with every hostile case of
   tests/hostile.py, then (unless --no-alone) on each hostile case alone.

Every run is a child process (`.venv/bin/nap run RAW --out OUT --workers 2 --quiet`) in a
session of its own under a hard wall-clock limit (--run-timeout): past it the whole process tree
is killed and the run counts as a hang. ``--without-guard`` runs `nap` with ``check_pdf_bounds``
switched off (what the per-document time and memory limits do alone). Settings are the repository's params.yaml with
``limits.timeout_s`` set to --doc-timeout. Peak RSS is the largest sum of resident memory over
the run's process tree (polled every 0.1 s from /proc) and the largest single process (rusage).

Printed: cases, cases handled cleanly (a document row, ok or error with a one-line message),
hangs (a document stopped at its time limit, or the run killed), memory stops, crashes (non-zero
exit, a traceback, a document that crashed its process), good rows lost (rows per table of the
good documents, by doc_id, against the good-only run), peak RSS, and the time of each case alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
NAP = REPO / ".venv" / "bin" / "nap"
PYTHON = REPO / ".venv" / "bin" / "python"
NAP_WITHOUT_GUARD = ("import sys, pipeline.extract as e; e.check_pdf_bounds = lambda path, limits: None; "
                     "from pipeline.cli import main; sys.exit(main(sys.argv[1:]))")
_PAGE = os.sysconf("SC_PAGE_SIZE")

from tests.hostile import HOSTILE_CASES, page_objects, pdf_bytes  # noqa: E402


@dataclass
class RunResult:
    seconds: float
    exit_code: int | None  # None: killed at the run timeout
    stderr: str
    peak_tree_mb: float
    peak_process_mb: float
    documents: dict[str, dict] = field(default_factory=dict)  # source_path → documents row
    categories: dict[str, list[str]] = field(default_factory=dict)  # doc_id → manifest error categories
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # table → doc_id → rows

    @property
    def crashed(self) -> bool:
        return self.exit_code not in (0, None) or "Traceback" in self.stderr


# ---------------------------------------------------------------- guard overhead


def guard_overhead(files: list[Path]) -> dict:
    """Total seconds of check_pdf_bounds and of pdfplumber open + iterate pages, same loop."""
    import pdfplumber

    from pipeline.errors import InputError
    from pipeline.guard import check_pdf_bounds
    from pipeline.settings import LimitSettings

    limits = LimitSettings()
    guard_s = plumber_s = 0.0
    refused = []
    for path in files:
        start = time.perf_counter()
        try:
            check_pdf_bounds(path, limits)
        except InputError as err:
            refused.append(f"{path.name}: {err.message}")
        middle = time.perf_counter()
        try:
            with pdfplumber.open(path) as pdf:
                for _ in pdf.pages:
                    pass
        except Exception:  # a file pdfplumber cannot open still took its time
            pass
        guard_s += middle - start
        plumber_s += time.perf_counter() - middle
    return {"files": len(files), "guard_s": guard_s, "plumber_s": plumber_s, "refused": refused}


# ---------------------------------------------------------------- running nap


def _process_tree(root: int) -> dict[int, int]:
    """pid → resident bytes of ``root`` and its descendants."""
    parent, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)], rss[int(entry)] = int(fields[1]), int(fields[21]) * _PAGE
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in rss and pid not in tree:
            tree[pid] = rss[pid]
            todo.extend(child for child, ppid in parent.items() if ppid == pid)
    return tree


def _kill_tree(root: int) -> None:
    """SIGKILL the run's process group, then any descendant that left it."""
    pids = list(_process_tree(root))
    try:
        os.killpg(root, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_nap(raw: Path, out: Path, params: Path, cache: Path, workers: int, timeout_s: float,
            guard: bool = True) -> RunResult:
    """`nap run` in its own session, under a hard wall-clock limit, watching its memory."""
    nap = [str(NAP)] if guard else [str(PYTHON), "-c", NAP_WITHOUT_GUARD]
    cmd = [*nap, "run", str(raw), "--out", str(out), "--workers", str(workers), "--quiet",
           "--params", str(params), "--cache", str(cache)]
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        peak_tree, status, usage = 0, None, None
        while status is None:
            pid, wait_status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, usage = os.waitstatus_to_exitcode(wait_status), rusage
                break
            peak_tree = max(peak_tree, sum(_process_tree(proc.pid).values()))
            if time.monotonic() - start > timeout_s:
                _kill_tree(proc.pid)
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.1)
        proc.returncode = status if status is not None else -9
        seconds = time.monotonic() - start
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    result = RunResult(seconds, status, stderr, peak_tree / 2**20, usage.ru_maxrss / 1024 if usage else 0.0)
    if status is not None:
        _read_outputs(out, result)
    return result


def _read_outputs(out: Path, result: RunResult) -> None:
    import pyarrow.parquet as pq

    if not (out / "manifest.json").exists():
        return
    for row in pq.read_table(out / "documents.parquet").to_pylist():
        result.documents[row["source_path"]] = row
    manifest = json.loads((out / "manifest.json").read_text())
    for error in manifest.get("errors", []):
        result.categories.setdefault(error.get("doc_id"), []).append(error.get("category"))
    for table in sorted(out.glob("*.parquet")):
        data = pq.read_table(table)
        if "doc_id" in data.column_names:
            counts: dict[str, int] = {}
            for doc_id in data.column("doc_id").to_pylist():
                counts[doc_id] = counts.get(doc_id, 0) + 1
            result.rows[table.stem] = counts


# ---------------------------------------------------------------- inputs and verdicts


def copy_good(raw: Path) -> list[str]:
    """The sample PDFs of data/raw, their profiles and sample-actors.csv into ``raw``; their names."""
    raw.mkdir(parents=True, exist_ok=True)
    names = []
    for path in sorted((REPO / "data" / "raw").iterdir()):
        if path.suffix == ".pdf" or path.name.endswith(".profile.yaml") or path.name == "sample-actors.csv":
            shutil.copy2(path, raw / path.name)
            names += [path.name] if path.suffix == ".pdf" else []
    return names


def write_params(path: Path, doc_timeout_s: float) -> Path:
    import yaml

    params = yaml.safe_load((REPO / "params.yaml").read_text()) or {}
    params.setdefault("pipeline", {}).setdefault("limits", {})["timeout_s"] = doc_timeout_s
    path.write_text(yaml.safe_dump(params))
    return path


def verdict(result: RunResult, name: str) -> str:
    """What became of one hostile document in a run."""
    if result.exit_code is None:
        return "hang (run killed)"
    row = result.documents.get(name)
    if row is None:
        return "crash (run failed)" if result.crashed else "lost (no row)"
    categories = result.categories.get(row["doc_id"], [])
    if "timeout" in categories:
        return "hang (time limit)"
    if "memory" in categories:
        return "memory limit"
    if "crashed" in categories or "exception" in categories:
        return "crash (document)"
    if row["status"] == "ok":
        return "ok"
    message = row.get("error") or ""
    return f"error: {categories[0] if categories else '?'}" if message and "\n" not in message else "error without message"


def rows_lost(alone: RunResult, mixed: RunResult) -> tuple[int, int]:
    """(rows of the good documents missing from the mixed run, rows of the good-only run)."""
    lost = total = 0
    for table, counts in alone.rows.items():
        for doc_id, n in counts.items():
            total += n
            lost += max(0, n - mixed.rows.get(table, {}).get(doc_id, 0))
    return lost, total


# ---------------------------------------------------------------- report


def report_overhead(stats: dict) -> None:
    ratio = stats["guard_s"] / stats["plumber_s"] if stats["plumber_s"] else float("nan")
    print(f"guard overhead over {stats['files']} corpus PDFs: check_pdf_bounds {stats['guard_s']:.3f} s, "
          f"pdfplumber open + iterate pages {stats['plumber_s']:.3f} s, ratio {ratio:.3f}")
    print(f"  refused (false positives): {len(stats['refused'])}" + "".join(f"\n    {r}" for r in stats["refused"]))


def report_runs(cases: list[str], good: RunResult, mixed: RunResult, alone: dict[str, RunResult]) -> None:
    verdicts = {case: verdict(mixed, f"{case}.pdf") for case in cases}
    clean = [c for c, v in verdicts.items() if v == "ok" or v.startswith("error: ")]
    hangs = [c for c, v in verdicts.items() if v.startswith("hang")]
    crashes = [c for c, v in verdicts.items() if v.startswith("crash")]
    memory = [c for c, v in verdicts.items() if v == "memory limit"]
    lost, total = rows_lost(good, mixed)
    print(f"\ngood documents alone: {good.seconds:.1f} s, exit {good.exit_code}, peak RSS tree {good.peak_tree_mb:.0f} MB, "
          f"largest process {good.peak_process_mb:.0f} MB")
    print(f"mixed run: {mixed.seconds:.1f} s, exit {mixed.exit_code}{' (killed)' if mixed.exit_code is None else ''}, "
          f"peak RSS tree {mixed.peak_tree_mb:.0f} MB, largest process {mixed.peak_process_mb:.0f} MB"
          f"{', traceback on stderr' if 'Traceback' in mixed.stderr else ''}")
    other = len(cases) - len(clean) - len(hangs) - len(crashes) - len(memory)
    print(f"cases {len(cases)}, handled cleanly {len(clean)}, hangs {len(hangs)}, stopped at the memory limit "
          f"{len(memory)}, crashes {len(crashes)}, other {other}; good rows lost {lost} of {total}")
    print(f"\n{'case':18} {'in the mixed run':28} {'alone: s':>9} {'peak MB':>8}  alone")
    for case in cases:
        one = alone.get(case)
        timing = f"{one.seconds:9.1f} {one.peak_tree_mb:8.0f}  {verdict(one, f'{case}.pdf')}" if one else ""
        print(f"{case:18} {verdicts[case]:28} {timing}")
    if "baseline" in alone:
        base = alone["baseline"]
        print(f"{'(a plain 1-page PDF)':18} {'':28} {base.seconds:9.1f} {base.peak_tree_mb:8.0f}  {verdict(base, 'baseline.pdf')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--doc-timeout", type=float, default=60.0, help="limits.timeout_s of the runs")
    parser.add_argument("--run-timeout", type=float, default=900.0, help="hard wall-clock limit of one nap run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cases", default="", help="comma-separated hostile cases (default: all)")
    parser.add_argument("--no-alone", action="store_true", help="skip the runs of each case alone")
    parser.add_argument("--without-guard", action="store_true", help="switch check_pdf_bounds off in the nap runs")
    args = parser.parse_args(argv)
    cases = [c for c in args.cases.split(",") if c] or list(HOSTILE_CASES)
    if CORPUS.exists():
        report_overhead(guard_overhead(sorted(CORPUS.rglob("*.pdf"))))
    with tempfile.TemporaryDirectory(prefix="nap-hostile-") as tmp:
        work = Path(tmp)
        params = write_params(work / "params.yaml", args.doc_timeout)

        def nap(raw: Path, name: str) -> RunResult:  # an OCR cache of its own: every run does the same work
            return run_nap(raw, work / f"out-{name}", params, work / f"cache-{name}", args.workers, args.run_timeout,
                           guard=not args.without_guard)

        copy_good(work / "good")
        copy_good(work / "mixed")
        for case in cases:
            HOSTILE_CASES[case](work / "mixed")
        good, mixed = nap(work / "good", "good"), nap(work / "mixed", "mixed")
        alone: dict[str, RunResult] = {}
        if not args.no_alone:
            for case in [*cases, "baseline"]:
                raw = work / f"alone-{case}"
                raw.mkdir()
                if case == "baseline":
                    (raw / "baseline.pdf").write_bytes(pdf_bytes(page_objects()))
                else:
                    HOSTILE_CASES[case](raw)
                alone[case] = nap(raw, f"alone-{case}")
                shutil.rmtree(raw)
        report_runs(cases, good, mixed, alone)
    return 0


if __name__ == "__main__":
    sys.exit(main())
