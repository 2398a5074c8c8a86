"""Write the sample PDFs: ``python -m samples.make [OUT_DIR]`` (default ``data/raw``).

Every builder writes one PDF and nothing else; each sample plan also gets a profile
(``<name>.profile.yaml``: its fictional country) and all share ``sample-actors.csv``. Output is byte-for-byte reproducible (reportlab's
invariant mode: fixed dates and document ids). Further builders — a report, a scanned plan —
are added by appending ``(file name, builder)`` to :data:`BUILDERS`, and their truth, where they
have a :class:`~samples.model.PlanSpec`, to :data:`PLANS`.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab import rl_config

from normalizers.actors import CSV_COLUMNS
from pipeline.profile import profile_path
from samples.content import (
    SAMPLE_COUNTRIES,
    SAMPLE_GAZETTEER,
    sample_matrix_plan,
    sample_wide_plan_en,
    sample_wide_plan_es,
    sample_wide_plan_es_results,
    sample_wide_plan_fr,
)
from samples.model import PlanSpec
from samples.render import render_narrow_matrix, render_wide_matrix
from samples.report import make_sample_report
from samples.scan import rasterize_pdf

DEFAULT_OUT = Path("data/raw")


def narrow_en(path: Path) -> None:
    """Portrait plan, one table per strategy; tables and one action row break across pages."""
    render_narrow_matrix(sample_matrix_plan(), path)


def wide_en(path: Path) -> None:
    """Landscape matrix, fully ruled, English headers."""
    render_wide_matrix(sample_wide_plan_en(), path)


def wide_en_rotated(path: Path) -> None:
    """The English matrix on portrait sheets marked ``/Rotate 90``."""
    render_wide_matrix(sample_wide_plan_en(), path, rotate=True, rotation="page")


def wide_en_unruled(path: Path) -> None:
    """The English matrix with no ruling lines at all: columns by whitespace only."""
    render_wide_matrix(sample_wide_plan_en(), path, ruling="none")


def wide_es(path: Path) -> None:
    """Spanish matrix, fully ruled, ejes as rows, indicators covering ``a) y b)``."""
    render_wide_matrix(sample_wide_plan_es(), path)


def wide_es_results(path: Path) -> None:
    """Spanish results matrix (RESPONSABLE / PLAZO / PRESUPUESTO), drawn sideways on portrait pages."""
    render_wide_matrix(sample_wide_plan_es_results(), path, columns="es_results", rotate=True, rotation="content")


def wide_fr(path: Path) -> None:
    """French matrix with horizontal rules only, ``AXE n.`` rows."""
    render_wide_matrix(sample_wide_plan_fr(), path, ruling="horizontal")


#: (file name, builder writing that file); the order is the order files are written in.
def narrow_en_scanned(path: Path) -> None:
    """Two pages of the portrait plan printed and scanned at 150 dpi, slightly skewed: no text
    layer, so `nap run` shows the OCR path (kept short: scans are large)."""
    with tempfile.TemporaryDirectory() as tmp:
        digital = Path(tmp) / "digital.pdf"
        render_narrow_matrix(sample_matrix_plan(), digital)
        rasterize_pdf(digital, path, dpi=150, skew_deg=0.8, pages=[1, 2])


def un_report(path: Path) -> None:
    """A short UN-style report: masthead, running header, numbered paragraphs, footnotes, recommendations."""
    make_sample_report(path)


BUILDERS: list[tuple[str, Callable[[Path], None]]] = [
    ("sample-nap-narrow-en.pdf", narrow_en),
    ("sample-nap-wide-en.pdf", wide_en),
    ("sample-nap-wide-en-rotated.pdf", wide_en_rotated),
    ("sample-nap-wide-en-unruled.pdf", wide_en_unruled),
    ("sample-nap-wide-es.pdf", wide_es),
    ("sample-nap-wide-es-results.pdf", wide_es_results),
    ("sample-nap-wide-fr.pdf", wide_fr),
    ("sample-un-report.pdf", un_report),
    ("sample-nap-narrow-en-scanned.pdf", narrow_en_scanned),
]

#: The truth behind each sample plan PDF, by file name.
PLANS: dict[str, Callable[[], PlanSpec]] = {
    "sample-nap-narrow-en.pdf": sample_matrix_plan,
    "sample-nap-wide-en.pdf": sample_wide_plan_en,
    "sample-nap-wide-en-rotated.pdf": sample_wide_plan_en,
    "sample-nap-wide-en-unruled.pdf": sample_wide_plan_en,
    "sample-nap-wide-es.pdf": sample_wide_plan_es,
    "sample-nap-wide-es-results.pdf": sample_wide_plan_es_results,
    "sample-nap-wide-fr.pdf": sample_wide_plan_fr,
}


#: Which plan's profile each PDF gets (the scanned plan is the narrow plan's pages).
PROFILES: dict[str, Callable[[], PlanSpec]] = {**PLANS, "sample-nap-narrow-en-scanned.pdf": sample_matrix_plan}
ACTORS_CSV = "sample-actors.csv"


def write_sample_actors(path: Path) -> None:
    """The fictional countries' ministries and agencies, in the gazetteer's CSV format."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*CSV_COLUMNS, "other_sectors"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(SAMPLE_GAZETTEER)


def write_profile(pdf_name: str, plan: PlanSpec, path: Path) -> None:
    """The profile of one sample PDF: its fictional country, issuer and actors."""
    assert plan.country in SAMPLE_COUNTRIES, plan.country
    path.write_text(
        f"# Profile of {pdf_name} (written by python -m samples.make; see pipeline/profile.py).\n"
        f"# {plan.country}: {SAMPLE_COUNTRIES[plan.country]}. The plan's text names no country.\n"
        f"country: {plan.country}\n"
        f"issuer: {json.dumps(plan.issuer, ensure_ascii=False)}\n"
        f"actors: [{ACTORS_CSV}]\n",
        encoding="utf-8",
    )


def build_all(out_dir: Path) -> list[Path]:
    """Run every builder into ``out_dir``, then write the profiles and the sample actors; the
    paths written, in order."""
    rl_config.invariant = 1
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS:
        path = out_dir / name
        builder(path)
        written.append(path)
    for name, plan in PROFILES.items():
        path = profile_path(out_dir / name)
        write_profile(name, plan(), path)
        written.append(path)
    write_sample_actors(out_dir / ACTORS_CSV)
    written.append(out_dir / ACTORS_CSV)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: python -m samples.make [OUT_DIR]", file=sys.stderr)
        return 2
    for path in build_all(Path(args[0]) if args else DEFAULT_OUT):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
