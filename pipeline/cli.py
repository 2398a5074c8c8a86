"""The `nap` command: thin argument parsing that delegates to pipeline.run and friends."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

DEFAULT_RAW, DEFAULT_OUT, DEFAULT_INTERIM, DEFAULT_PARAMS = Path("data/raw"), Path("data/structured"), Path("data/interim"), Path("params.yaml")
DEFAULT_CACHE = Path("data/cache")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nap", description="WPS National Action Plans and UN reports (PDF) → Parquet datasets.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, workers: bool = True) -> None:
        sp.add_argument("--params", type=Path, default=DEFAULT_PARAMS, help="settings file (default: params.yaml if present)")
        if workers:
            sp.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)), help="parallel processes")
            sp.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="OCR results by page-image hash (default data/cache)")
        sp.add_argument("--quiet", action="store_true", help="no progress output")

    r = sub.add_parser("run", help="extract + normalize: PDFs under RAW_DIR → datasets")
    r.add_argument("raw_dir", nargs="?", type=Path, default=DEFAULT_RAW)
    r.add_argument("--out", type=Path, default=DEFAULT_OUT)
    r.add_argument("--strict", action="store_true", help="fail on the first document that is not fully read")
    common(r)
    e = sub.add_parser("extract", help="DVC stage 1: PDFs → per-document JSON under data/interim")
    e.add_argument("raw_dir", nargs="?", type=Path, default=DEFAULT_RAW)
    e.add_argument("--interim", type=Path, default=DEFAULT_INTERIM)
    common(e)
    n = sub.add_parser("normalize", help="DVC stage 2: interim JSON → datasets")
    n.add_argument("--interim", type=Path, default=DEFAULT_INTERIM)
    n.add_argument("--out", type=Path, default=DEFAULT_OUT)
    n.add_argument("--strict", action="store_true")
    common(n, workers=False)
    v = sub.add_parser("validate", help="check a dataset directory against the contract")
    v.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_OUT)
    i = sub.add_parser("inspect", help="show what the pipeline sees on each page of one PDF")
    i.add_argument("pdf", type=Path)
    i.add_argument("--params", type=Path, default=DEFAULT_PARAMS)
    i.add_argument("--max-rows", type=int, default=12)
    d = sub.add_parser("docs", help="regenerate docs/DATA.md from the record declarations")
    d.add_argument("--out", type=Path, default=Path("docs/DATA.md"))
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    from pipeline.settings import load_settings

    if args.command == "validate":
        from pipeline.validate import validate_dir

        problems, facts = validate_dir(args.out_dir)
        for line in problems:
            print(f"INVALID {line}")
        print(", ".join(f"{k}: {v}" for k, v in facts.items()))
        print("valid" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if args.command == "docs":
        from pipeline.schema import data_md, write_text_atomic

        write_text_atomic(data_md() + "\n", args.out)
        return 0
    settings = load_settings(args.params)
    if args.command == "inspect":
        from pipeline.run import load_references
        from pipeline.inspect import inspect_file

        return inspect_file(args.pdf, load_references(), settings, sys.stdout, args.max_rows)
    if args.command == "extract":
        from pipeline.run import extract_to_interim

        n_docs = extract_to_interim(args.raw_dir, args.interim, settings, args.workers, not args.quiet, args.cache / "ocr")
        print(f"extracted {n_docs} documents into {args.interim}")
        return 0
    if args.command == "normalize":
        from pipeline.run import normalize_interim

        manifest = normalize_interim(args.interim, args.out, settings, args.strict)
    else:
        from pipeline.run import run

        manifest = run(args.raw_dir, args.out, settings, args.workers, args.strict, not args.quiet, args.cache / "ocr")
    counts = ", ".join(f"{k} {v}" for k, v in manifest["counts"].items())
    st = manifest["status"]
    print(f"{len(manifest['inputs'])} documents ({st['ok']} ok, {st['partial']} partial, {st['error']} error) → {args.out}: {counts}")
    for item in manifest["inputs"]:
        if item["status"] != "ok":
            print(f"  {item['status']}: {item['path']}: {item['error']}")
    return 1 if args.strict and st["error"] + st["partial"] else 0


if __name__ == "__main__":
    sys.exit(main())
