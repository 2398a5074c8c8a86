"""Actor normalisation benchmark over tests/normalizers/actor_cases.csv.

Each case is a printed cell (``raw``), the document's country (ISO alpha-3, may be empty) and the
expected actor codes (``|``-separated, empty when nothing may match). Scores (case, code) pairs:
precision = correct predicted pairs / predicted pairs, recall = correct pairs / expected pairs.

Run from the repository root::

    /work/venv/bin/python bench/actors.py [--cases PATH] [--quiet]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizers.actors import Gazetteer, match_actors  # noqa: E402
from pipeline.references import load_gazetteer  # noqa: E402

DEFAULT_CASES = ROOT / "tests" / "normalizers" / "actor_cases.csv"
PRECISION_GOAL = 0.98
RECALL_GOAL = 0.95


@dataclass(frozen=True)
class Case:
    raw: str
    country: str | None
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    predicted: tuple[str, ...]

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(c for c in self.case.expected if c not in self.predicted)

    @property
    def spurious(self) -> tuple[str, ...]:
        return tuple(c for c in self.predicted if c not in self.case.expected)


def read_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Case(
                raw=row["raw"],
                country=row["country"].strip() or None,
                expected=tuple(c for c in row["expected"].split("|") if c),
            )
            for row in csv.DictReader(fh)
        ]


def run_case(case: Case, gazetteer: Gazetteer) -> Outcome:
    matches = match_actors(case.raw, gazetteer, case.country)
    return Outcome(case, tuple(m.actor_code for m in matches if m.actor_code))


def scores(outcomes: list[Outcome]) -> tuple[float, float, float]:
    predicted = sum(len(set(o.predicted)) for o in outcomes)
    expected = sum(len(set(o.case.expected)) for o in outcomes)
    correct = sum(len(set(o.predicted) & set(o.case.expected)) for o in outcomes)
    precision = correct / predicted if predicted else 1.0
    recall = correct / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--quiet", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)

    gazetteer = load_gazetteer()
    cases = read_cases(args.cases)
    started = time.perf_counter()
    outcomes = [run_case(case, gazetteer) for case in cases]
    elapsed = time.perf_counter() - started
    precision, recall, f1 = scores(outcomes)

    wrong = [o for o in outcomes if o.missed or o.spurious]
    if not args.quiet:
        for o in wrong:
            print(
                f"MISS {o.case.raw!r} [{o.case.country or '-'}] expected={list(o.case.expected)} "
                f"got={list(o.predicted)} missed={list(o.missed)} spurious={list(o.spurious)}"
            )
    print(f"cases      {len(cases)}  ({len(gazetteer)} gazetteer entries, {elapsed * 1000:.0f} ms)")
    print(f"precision  {precision:.4f}  (goal >= {PRECISION_GOAL})")
    print(f"recall     {recall:.4f}  (goal >= {RECALL_GOAL})")
    print(f"f1         {f1:.4f}")
    print(f"cases with a miss or a spurious code: {len(wrong)}")
    return 0 if precision >= PRECISION_GOAL and recall >= RECALL_GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
