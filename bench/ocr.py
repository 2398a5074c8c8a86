"""OCR throughput: scanned pages read per second with 1 and 2 worker processes.

    python bench/ocr.py [--file data/raw/sample-nap-narrow-en.pdf] [--pages 4] [--dpi 200]
                        [--workers 1,2] [--languages eng+fra+spa] [--repeat 1]

The first ``--pages`` pages of a born-digital sample plan are scanned (``samples.scan``, greyscale
at ``--dpi``) into an image-only PDF, then read by ``pipeline.ocr.ocr_pages`` with no cache,
once per worker count. Printed per run: pages/s (wall clock, process start-up included) and the
share of the original words recovered (same text at about the same place).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def recovered(original: list, found: list, tol: float = 6.0) -> float:
    """Share of ``original`` words with an OCR word of the same text within ``tol`` points."""
    free = list(found)
    hits = 0
    for w in original:
        match = next((f for f in free if f.text == w.text and abs(f.xc - w.xc) <= tol and abs(f.yc - w.yc) <= tol), None)
        if match is not None:
            hits += 1
            free.remove(match)
    return hits / max(1, len(original))


def main(argv: list[str] | None = None) -> int:
    import pdfplumber

    from extractors.layout import page_to_layout
    from extractors.ocr import OcrSettings, tesseract_available
    from pipeline.ocr import ocr_pages
    from samples.scan import rasterize_pdf

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, default=REPO / "data" / "raw" / "sample-nap-narrow-en.pdf")
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--dpi", type=int, default=200, help="scan resolution")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--languages", default="eng+fra+spa")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count (the best is kept)")
    args = ap.parse_args(argv)
    if not tesseract_available(args.languages):
        print(f"tesseract with {args.languages} is not installed", file=sys.stderr)
        return 2
    with pdfplumber.open(args.file) as pdf:
        pages = list(range(1, min(args.pages, len(pdf.pages)) + 1))
        originals = {n: page_to_layout(pdf.pages[n - 1], "bench") for n in pages}
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        scan = Path(tmp) / "scan.pdf"
        rasterize_pdf(args.file, scan, args.dpi, pages=pages)
        with pdfplumber.open(scan) as pdf:
            dims = [(p.page_number, float(p.width), float(p.height)) for p in pdf.pages]
        print(f"{args.file.name}: {len(dims)} pages scanned at {args.dpi} dpi, languages {args.languages}")
        for workers in (int(w) for w in args.workers.split(",")):
            settings = OcrSettings(languages=args.languages, workers=workers)
            best = float("inf")
            for _ in range(max(1, args.repeat)):
                start = time.perf_counter()
                layouts = ocr_pages(scan, dims, "bench", settings)
                best = min(best, time.perf_counter() - start)
            rec = [recovered(list(originals[n].words), list(layouts[i].words)) for i, n in enumerate(pages, start=1)]
            print(
                f"workers={workers}: {len(dims) / best:.2f} pages/s ({best:.1f} s for {len(dims)} pages), "
                f"words recovered {sum(rec) / len(rec):.3f} (min {min(rec):.3f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
