"""Page reading speed: pdfplumber's ``page_to_layout`` against PDFium's ``pdfium_page_to_layout``.

    python bench/layout.py                               # the corpus, first 5 pages of each file
    python bench/layout.py --pages-per-file 2 --files ../shared/corpus/un/*.pdf
    python bench/layout.py --readers pdfium --repeat 3   # one reader, best of three runs
    python bench/layout.py --check                       # also: do the two layouts agree?

One process, one reader after the other over the same pages (the PDFs of ``../shared/corpus``:
un, drc, icdar2013, camelot, pdfplumber, tabula; the first N pages of each). A reader's time
covers opening each document, reading its listed pages into :class:`PageLayout` records and
closing it, so per-document work (xref, fonts) is counted as the pipeline pays it. Figures:
pages/s per reader (one core) and the ratio. With ``--repeat`` each reader runs that many times
and the fastest run counts (the machine is shared: the fastest run is the least disturbed).

``--check`` compares the two layouts page by page the way ``tests/extractors/test_pdfium_layout.py``
does: the share of pdfplumber's words that have a PDFium word with the same text (NFKC,
whitespace removed) within 2 pt, and whether the ruled tables agree; pages below 98 % are listed.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.model import PageLayout  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
SETS = ("un", "drc", "icdar2013", "camelot", "pdfplumber", "tabula")
READERS = ("pdfplumber", "pdfium")


def default_files() -> list[Path]:
    return [f for sub in SETS for f in sorted((CORPUS / sub).glob("*.pdf"))]


def page_counts(files: list[Path], per_file: int) -> list[tuple[Path, int]]:
    """(file, pages to read) for every file PDFium can open (a file it cannot is left out for both)."""
    import pypdfium2 as pdfium

    out = []
    for f in files:
        try:
            pdf = pdfium.PdfDocument(f)
        except Exception:  # noqa: BLE001
            continue
        n = min(len(pdf), per_file)
        pdf.close()
        if n:
            out.append((f, n))
    return out


def read_pdfplumber(path: Path, n: int) -> list[PageLayout]:
    import pdfplumber

    from extractors.layout import page_to_layout

    with pdfplumber.open(path) as pdf:
        return [page_to_layout(pdf.pages[i], path.stem) for i in range(n)]


def read_pdfium(path: Path, n: int) -> list[PageLayout]:
    import pypdfium2 as pdfium

    from extractors.pdfium_layout import pdfium_page_to_layout

    pdf = pdfium.PdfDocument(path)
    try:
        out = []
        for i in range(n):
            page = pdf[i]
            out.append(pdfium_page_to_layout(page, i + 1, path.stem))
            page.close()
        return out
    finally:
        pdf.close()


def run(reader: str, pages: list[tuple[Path, int]]) -> tuple[float, dict[tuple[str, int], PageLayout], int]:
    """Seconds for one pass of ``reader`` over ``pages``, its layouts, and how many files failed."""
    read = read_pdfplumber if reader == "pdfplumber" else read_pdfium
    layouts: dict[tuple[str, int], PageLayout] = {}
    failed = 0
    start = time.perf_counter()
    for path, n in pages:
        try:
            for layout in read(path, n):
                layouts[(str(path), layout.page_no)] = layout
        except Exception:  # noqa: BLE001  (a broken file costs what it cost, and is counted)
            failed += 1
    return time.perf_counter() - start, layouts, failed


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def word_agreement(ref: PageLayout, other: PageLayout, tol: float = 2.0) -> float:
    """Share of ``ref``'s words with a word of ``other`` of the same text within ``tol`` points."""
    if not ref.words:
        return 1.0
    by_text: dict[str, list] = {}
    for w in other.words:
        by_text.setdefault(_norm(w.text), []).append(w)
    hits = sum(
        1
        for w in ref.words
        if any(max(abs(a - b) for a, b in zip(w.bbox, m.bbox)) <= tol for m in by_text.get(_norm(w.text), ()))
    )
    return hits / len(ref.words)


def table_signature(layout: PageLayout) -> list:
    from extractors.grid import ruled_tables

    return [
        (t.n_rows, t.n_cols, [(c.row, c.col, c.rowspan, c.colspan, _norm(c.text)) for c in t.cells])
        for t in ruled_tables(layout)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", nargs="*", type=Path, help="PDFs to read (default: the shared corpus)")
    ap.add_argument("--pages-per-file", type=int, default=5)
    ap.add_argument("--readers", nargs="*", default=list(READERS), choices=READERS)
    ap.add_argument("--repeat", type=int, default=1, help="runs per reader; the fastest counts")
    ap.add_argument("--check", action="store_true", help="compare the two readers' layouts")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.WARNING)  # pdfminer complains about odd fonts on stderr

    files = args.files or default_files()
    pages = page_counts(files, args.pages_per_file)
    total = sum(n for _, n in pages)
    if not total:
        print("no pages to read (is ../shared/corpus there?)")
        return 1
    print(f"{len(pages)} files, {total} pages (first {args.pages_per_file} of each), one process")
    rates: dict[str, float] = {}
    layouts: dict[str, dict[tuple[str, int], PageLayout]] = {}
    for reader in args.readers:
        best = None
        for _ in range(max(1, args.repeat)):
            seconds, got, failed = run(reader, pages)
            if best is None or seconds < best[0]:
                best = (seconds, got, failed)
        seconds, got, failed = best
        layouts[reader] = got
        rates[reader] = len(got) / seconds if seconds else float("inf")
        print(
            f"{reader:>10}: {len(got):5d} pages in {seconds:7.2f} s = {rates[reader]:7.1f} pages/s"
            f"  ({1000 * seconds / max(1, len(got)):.1f} ms/page{f', {failed} files failed' if failed else ''})"
        )
    if len(rates) == 2 and rates["pdfplumber"]:
        print(f"     ratio: pdfium is {rates['pdfium'] / rates['pdfplumber']:.1f}x pdfplumber")
    if args.check and len(layouts) == 2:
        ref, other = layouts["pdfplumber"], layouts["pdfium"]
        shares, low, tables_differ = [], [], []
        for key in sorted(ref.keys() & other.keys()):
            share = word_agreement(ref[key], other[key])
            shares.append(share)
            if share < 0.98:
                low.append((key, share))
            if table_signature(ref[key]) != table_signature(other[key]):
                tables_differ.append(key)
        print(
            f"     check: {len(shares)} pages, mean word agreement {sum(shares) / max(1, len(shares)):.4f}, "
            f"{len(shares) - len(low)} pages >= 0.98, ruled tables differ on {len(tables_differ)} pages"
        )
        for (path, page_no), share in low:
            print(f"            {share:.3f}  {Path(path).relative_to(CORPUS) if CORPUS in Path(path).parents else path} p{page_no}")
        for path, page_no in tables_differ:
            print(f"            tables differ: {Path(path).name} p{page_no}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
