"""Do two runs' datasets hold the same rows? Table by table, with the first differences.

    python bench/same_outputs.py OLD_OUT NEW_OUT [--ignore-columns baseline,verification]

For a refactoring that must not change behaviour: run `nap run` into OLD_OUT before the change
and into NEW_OUT after it, on the same inputs, then compare. A table counts as the same when its
Parquet bytes are equal, or, with ``--ignore-columns`` (columns added by the change), when its
rows are equal without those columns. Exit code 0 when every table is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow.parquet as pq


def _rows(path: Path, ignore: set[str]) -> list[dict]:
    table = pq.read_table(path)
    keep = [c for c in table.column_names if c not in ignore]
    return table.select(keep).to_pylist()


def compare(old: Path, new: Path, ignore: set[str], show: int = 3) -> list[str]:
    """One line per table that differs (and up to ``show`` differing rows each)."""
    lines = []
    names = sorted({p.name for p in old.glob("*.parquet")} | {p.name for p in new.glob("*.parquet")})
    for name in names:
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            lines.append(f"{name}: only in {'new' if b.exists() else 'old'}")
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        ra, rb = _rows(a, ignore), _rows(b, ignore)
        if ra == rb:
            if not ignore:
                lines.append(f"{name}: same rows, different bytes")
            continue
        lines.append(f"{name}: {len(ra)} rows → {len(rb)} rows")
        gone = [r for r in ra if r not in rb][:show]
        new_rows = [r for r in rb if r not in ra][:show]
        lines += [f"  - {r}" for r in gone] + [f"  + {r}" for r in new_rows]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--ignore-columns", default="", help="comma-separated columns the change added")
    args = parser.parse_args(argv)
    ignore = {c for c in args.ignore_columns.split(",") if c}
    lines = compare(args.old, args.new, ignore)
    print("\n".join(lines) if lines else "same rows in every table")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
