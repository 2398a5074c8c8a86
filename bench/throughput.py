"""Throughput of `nap run` against pdfplumber's and Camelot's table extraction on the same pages.

    python bench/throughput.py [--pages-per-file 4] [--files PDF ...] [--tools nap,pdfplumber,camelot-lattice]

Every tool runs in its own child process (so its peak RSS is its own) over the same page list:
the sample plans in data/raw plus the PDFs of ../shared/corpus (first N pages of each). `nap` is
the whole job — layout, tables, structure, actors, reports, Parquet — with one worker, so its
pages/s is per core. Figures are printed as pages/s, peak RSS and the ratio to each peer.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"


def default_files() -> list[Path]:
    files = sorted((REPO / "data" / "raw").rglob("*.pdf"))
    for sub in ("un", "drc", "icdar2013", "camelot", "pdfplumber", "tabula"):
        files += sorted((CORPUS / sub).glob("*.pdf"))
    return files


def page_list(files: list[Path], per_file: int) -> list[tuple[str, int]]:
    import pdfplumber

    pages = []
    for f in files:
        try:
            with pdfplumber.open(f) as pdf:
                n = len(pdf.pages)
        except Exception:  # a file a peer cannot open is left out for all tools alike
            continue
        pages += [(str(f), p) for p in range(1, min(n, per_file) + 1)]
    return pages


def run_tool(tool: str, pages: list[tuple[str, int]]) -> dict:
    """Child-process body: time one tool over the pages; return pages/s and peak RSS."""
    by_file: dict[str, list[int]] = {}
    for f, p in pages:
        by_file.setdefault(f, []).append(p)
    failures = 0
    start = time.perf_counter()
    if tool == "nap":
        from pipeline.run import run
        from pipeline.settings import PipelineSettings

        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw"
            raw.mkdir()
            for i, f in enumerate(by_file):  # link each file; max_pages limits the pages read
                (raw / f"{i:03d}-{Path(f).name}").symlink_to(f)
            per_file = max(len(v) for v in by_file.values())
            start = time.perf_counter()
            manifest = run(raw, Path(tmp) / "out", PipelineSettings(max_pages=per_file), workers=1, progress=False)
            failures = manifest["status"]["error"]
    elif tool == "pdfplumber":
        import pdfplumber

        for f, ps in by_file.items():
            with pdfplumber.open(f) as pdf:
                for p in ps:
                    pdf.pages[p - 1].extract_tables()
    elif tool.startswith("camelot"):
        import camelot

        flavor = tool.split("-", 1)[1]
        for f, ps in by_file.items():
            try:
                camelot.read_pdf(f, pages=",".join(map(str, ps)), flavor=flavor)
            except Exception:  # recorded as a failure, the run goes on
                failures += 1
    else:
        raise ValueError(f"unknown tool {tool!r}")
    elapsed = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"tool": tool, "pages": len(pages), "seconds": round(elapsed, 2), "pages_per_s": round(len(pages) / elapsed, 2),
            "peak_rss_mb": round(rss_mb, 1), "failures": failures}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages-per-file", type=int, default=4)
    ap.add_argument("--files", nargs="*", type=Path)
    ap.add_argument("--tools", default="nap,pdfplumber,camelot-lattice")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if args.child:
        pages = json.loads(sys.stdin.read())
        print(json.dumps(run_tool(args.child, [tuple(p) for p in pages])))
        return 0
    pages = page_list(args.files or default_files(), args.pages_per_file)
    print(f"{len(pages)} pages from {len({f for f, _ in pages})} files, {args.pages_per_file} per file at most")
    results = []
    for tool in args.tools.split(","):
        proc = subprocess.run([sys.executable, __file__, "--child", tool], input=json.dumps(pages),
                              capture_output=True, text=True, cwd=REPO)
        if proc.returncode:
            print(f"{tool}: failed\n{proc.stderr[-2000:]}")
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    nap = next((r for r in results if r["tool"] == "nap"), None)
    print("\n| tool | pages | seconds | pages/s | peak RSS MB | failures | nap speed-up |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        ratio = f"{nap['pages_per_s'] / r['pages_per_s']:.1f}×" if nap and r is not nap else "—"
        print(f"| {r['tool']} | {r['pages']} | {r['seconds']} | {r['pages_per_s']} | {r['peak_rss_mb']} | {r['failures']} | {ratio} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
