"""The sample plans, their renderers and the truth they keep."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from pipeline.profile import load_profile, profile_path
from pipeline.references import load_gazetteer
from samples.content import (
    SAMPLE_COUNTRIES,
    SAMPLE_GAZETTEER,
    sample_matrix_plan,
    sample_wide_plan_en,
    sample_wide_plan_es,
    sample_wide_plan_es_results,
    sample_wide_plan_fr,
)
from samples.make import ACTORS_CSV, BUILDERS, PLANS, PROFILES, build_all
from samples.model import (
    ActionSpec,
    ObjectiveSpec,
    PillarSpec,
    count_objectives,
    expected_actions,
)
from samples.render import (
    COLUMN_SETS,
    RenderLayout,
    coverage_text,
    render_narrow_matrix,
    render_wide_matrix,
)
from samples.scan import read_scan_recipe
from samples.table import PlacedCell
from tests.conftest import need
from tests.seeds import kor_nap_plan

ROOT = Path(__file__).resolve().parents[2]


def squash(text: str) -> str:
    return "".join(text.split())


# ---- the Korean seed ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def kor(seeds: Path):
    """The Korean plan read from its seed (the tests using it are corpus tests)."""
    return kor_nap_plan(need(seeds / "kor-nap-2.txt"))


def test_kor_counts(kor):
    assert [p.name for p in kor.pillars] == [
        "Prevention", "Participation", "Protection", "Relief and Recovery", "Implementation and Monitoring",
    ]
    assert count_objectives(kor, 0) == 12
    assert count_objectives(kor, 1) == 31  # strategies
    rows = expected_actions(kor)
    assert len(rows) == 83
    assert sum(1 for r in rows if r.number is None) == 16
    assert [o.number for p in kor.pillars for o in p.objectives] == [f"{k}." for k in range(1, 13)]
    assert kor.country == "KOR" and kor.nap_number == 2 and kor.language == "en"
    assert kor.title.startswith("The Second National Action Plan of the Republic of Korea")
    assert kor.intro[0] == "I. Introduction"


def test_kor_sample_rows(kor):
    rows = {(r.path[-1][0], r.number, r.text[:40]): r for r in expected_actions(kor)}

    def row(strategy: str, number: str | None, start: str):
        return rows[(strategy, number, start[:40])]

    first = row("1.1.", None, "Operate education programs on gender equality and sexual violence prevention")
    assert first.lead == ("MND",)
    assert first.pillar == "Prevention"
    assert first.path[0] == ("1.", "Raise awareness of women, peace and security and enhance capacity for personnel working "
                                   "in the areas of conflict prevention and peacebuilding")
    assert row("1.1.", "4)", "Increase the ratio of female personnel in UN PKO").lead == ("MND",)
    assert row("1.1.", "5)", "Increase the share of female police officers in UN PKO").lead == ("KNPA",)
    assert row("2.1.", "1)", "Incorporate women, peace and security issues into personnel").lead == ("MND", "MOU", "MOFA", "MOIS")
    second = row("2.2.", None, "Strengthen linkage between the outcomes of gender impact")
    assert second.text == (
        "Strengthen linkage between the outcomes of gender impact assessments and gender-responsive budget "
        "projects in the areas of national defense, security, peace and unification"
    )
    assert second.lead == ("MOGEF",)
    assert row("3.1.", "3)", "Make remarks on women, peace and security issues").lead == ("МОЈ",)  # Cyrillic, as printed
    assert row("3.1.", "4)", "Implement actively the Protocol to Prevent").lead == ("IVIOJ",)
    assert row("4.1.", "2)", "Launch a nationwide campaign to raise awareness").lead == ("MOGEF",)
    assert row("7.2.", None, "Provide support for NGOs' international activities").path[-1] == (
        "7.2.", 'Continue international efforts to restore the honor and human dignity of the "comfort women"'
    )
    assert row("12.1.", "2)", "Bolster the policy implementation capacity").lead == ("All excluding KOICA",)
    assert [r.lead for r in expected_actions(kor) if r.path[-1][0] == "12.3."] == [("MOGEF",), ("MOGEF",), ("All",), ("MOGEF",)]


def test_kor_drops_first_column_and_repeated_headers(kor):
    texts = [r.text for r in expected_actions(kor)]
    assert not any("Duayida" in t or "assumment" in t for t in texts)
    assert not any(t.startswith(("Action", "7 ACTION", "7 Ketion")) for t in texts)
    strategies = [r.path[-1][0] for r in expected_actions(kor)]
    assert strategies.count("7.2.") == 2 and strategies.count("11.2.") == 4


# ---- narrow matrix ------------------------------------------------------------------------


def _by_key(layout: RenderLayout, role: str) -> dict[str, list[PlacedCell]]:
    out: dict[str, list[PlacedCell]] = defaultdict(list)
    for cell in layout.cells_with(role):
        out[cell.key].append(cell)
    return out


def _words_in(page, cell: PlacedCell) -> list[dict]:
    return [
        w for w in page.extract_words()
        if cell.x0 < (w["x0"] + w["x1"]) / 2 < cell.x1 and cell.top < (w["top"] + w["bottom"]) / 2 < cell.bottom
    ]


@pytest.fixture(scope="module")
def kor_pdf(kor, tmp_path_factory):
    path = tmp_path_factory.mktemp("kor") / "kor.pdf"
    return render_narrow_matrix(kor, path, repeat_header=True)


def test_narrow_pdf_holds_every_action_in_its_cell(kor, kor_pdf):
    actions = expected_actions(kor)
    cells = _by_key(kor_pdf, "action")
    assert len(cells) == len(actions)
    with pdfplumber.open(kor_pdf.path) as pdf:
        assert len(pdf.pages) == kor_pdf.n_pages
        for i, action in enumerate(actions):
            printed = f"{action.number} {action.text}" if action.number else action.text
            drawn = " ".join(" ".join(w["text"] for w in _words_in(pdf.pages[c.page - 1], c)) for c in cells[f"a{i}"])
            assert squash(drawn) == squash(printed)
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Implementing" in text and "МОЈ" in text and "Strategy" in text


def test_narrow_actor_label_is_centred_in_its_span(kor_pdf):
    checked = 0
    spans = [c for c in kor_pdf.cells_with("lead") if c.lines]
    with pdfplumber.open(kor_pdf.path) as pdf:
        for cell in spans:
            page = pdf.pages[cell.page - 1]
            words = _words_in(page, cell)
            assert squash(" ".join(w["text"] for w in words)) == squash("".join(cell.lines))
            top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
            rules = [
                ln["top"] for ln in page.lines
                if abs(ln["top"] - ln["bottom"]) < 0.1 and ln["x0"] <= cell.x0 + 1 and ln["x1"] >= cell.x1 - 1
            ]
            above = max(y for y in rules if y <= top)
            below = min(y for y in rules if y >= bottom)
            assert above == pytest.approx(cell.top, abs=0.5) and below == pytest.approx(cell.bottom, abs=0.5)
            assert (top + bottom) / 2 == pytest.approx((above + below) / 2, abs=1.0)
            checked += 1
    assert checked >= 40
    # "MND" of strategy 1.1 spans four action rows: no rule crosses it
    mnd = next(c for c in spans if c.lines == ("MND",) and c.key == "a0")
    action_rows = [c for c in kor_pdf.cells_with("action") if c.key in {"a0", "a1", "a2", "a3"}]
    assert mnd.top == pytest.approx(min(c.top for c in action_rows)) and mnd.bottom == pytest.approx(max(c.bottom for c in action_rows))


def test_narrow_tables_and_rows_break_across_pages(tmp_path):
    plan = sample_matrix_plan()
    layout = render_narrow_matrix(plan, tmp_path / "plan.pdf")
    assert layout.broken_tables, "the sample plan must show a table continued on the next page"
    assert layout.split_rows, "the sample plan must show an action row split over a page break"
    actions = expected_actions(plan)
    key = layout.split_rows[0]
    pieces = sorted(_by_key(layout, "action")[key], key=lambda c: c.page)
    assert len(pieces) == 2 and pieces[1].page == pieces[0].page + 1
    assert all(p.lines for p in pieces)
    action = actions[int(key[1:])]
    assert squash("".join(pieces[0].lines + pieces[1].lines)) == squash(f"{action.number} {action.text}")
    with pdfplumber.open(layout.path) as pdf:
        for piece in pieces:
            words = _words_in(pdf.pages[piece.page - 1], piece)
            assert squash(" ".join(w["text"] for w in words)) == squash("".join(piece.lines))


def test_sample_plan_shape():
    plan = sample_matrix_plan()
    rows = expected_actions(plan)
    assert len(plan.pillars) == 5 and count_objectives(plan, 0) >= 8 and len(rows) >= 40
    assert sum(1 for r in rows if r.number is None) >= 3
    assert "sample" in plan.title and plan.country in SAMPLE_COUNTRIES
    runs = sum(1 for a, b in zip(rows, rows[1:]) if a.path == b.path and a.lead == b.lead)
    assert runs >= 10  # actor cells merged over several actions


def test_narrow_rejects_fields_it_cannot_show(tmp_path):
    with pytest.raises(ValueError, match="actor column"):
        render_narrow_matrix(sample_wide_plan_en(), tmp_path / "x.pdf")


# ---- wide matrix --------------------------------------------------------------------------


def test_coverage_text_letters_only_partial_values():
    a = ActionSpec("a)", "A", indicator="Number of X", target="T")
    b = ActionSpec("b)", "B", indicator="Number of X", target="T")
    c = ActionSpec("c)", "C", indicator="Share of Y", target="T")
    assert coverage_text((a, b, c), "target", "en") == "T"
    assert coverage_text((a, b, c), "indicator", "en") == "a) and b) Number of X\nc) Share of Y"
    assert coverage_text((a, c), "indicator", "es") == "a) Number of X\nc) Share of Y"
    assert coverage_text((a, b, c), "budget", "fr") == ""
    with pytest.raises(ValueError):
        coverage_text((ActionSpec(None, "A", indicator="x"), c), "indicator", "en")


def test_wide_es_pdf(tmp_path):
    plan = sample_wide_plan_es()
    layout = render_wide_matrix(plan, tmp_path / "es.pdf")
    with pdfplumber.open(layout.path) as pdf:
        pages = [p.extract_text() for p in pdf.pages]
        lines_drawn = sum(len(p.lines) for p in pdf.pages)
    text = "\n".join(pages)
    assert "EJE 2. PARTICIPACIÓN" in text and "OBJETIVO ESTRATÉGICO" in text
    with pdfplumber.open(layout.path) as pdf:
        indicators = {
            squash(" ".join(w["text"] for w in _words_in(pdf.pages[c.page - 1], c))) for c in layout.cells_with("indicator")
        }
    assert squash("a) y b) Número de documentos de política revisados con enfoque de género c) Protocolo aprobado y difundido") in indicators
    assert squash("a) y c) Número de centros que ofrecen el paquete mínimo de servicios "
                  "b) Número de profesionales de salud capacitados") in indicators
    assert squash("Número de organizaciones de mujeres apoyadas") in indicators  # applies to both activities: no letters
    table_pages = [p for p in pages if "ACTIVIDADES" in p]
    assert len(table_pages) == layout.n_pages - 1 >= 2  # header repeated on every page of the table
    assert layout.broken_tables == ("matrix",)
    assert lines_drawn > 30
    flat = squash(text)
    for action in expected_actions(plan):
        assert squash(f"{action.number} {action.text}")[:25] in flat
    rows = [r for r in expected_actions(plan) if r.path[-1][0] == "1.1"]
    assert [r.indicator for r in rows] == [
        "Número de documentos de política revisados con enfoque de género",
        "Número de documentos de política revisados con enfoque de género",
        "Protocolo aprobado y difundido",
    ]
    assert {r.target for r in rows} == {"Cumplido al 2026"}


def test_wide_activities_cells_hold_their_activities(tmp_path):
    plan = sample_wide_plan_fr()
    layout = render_wide_matrix(plan, tmp_path / "fr.pdf", ruling="horizontal")
    actions = expected_actions(plan)
    with pdfplumber.open(layout.path) as pdf:
        for cell in layout.cells_with("activities"):
            words = _words_in(pdf.pages[cell.page - 1], cell)
            group = [actions[int(k[1:])] for k in cell.key.split()]
            assert squash(" ".join(w["text"] for w in words)) == squash("".join(f"{a.number} {a.text}" for a in group))
        lines = [ln for p in pdf.pages for ln in p.lines]
        assert lines and all(abs(ln["top"] - ln["bottom"]) < 0.1 for ln in lines)
        assert not any(p.rects for p in pdf.pages)
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "AXE 1. PARTICIPATION" in text and "a) et b) Proportion de femmes" in "\n".join(
        "\n".join(c.lines) for c in layout.cells_with("indicator")
    )


def test_wide_unruled_draws_no_lines(tmp_path):
    layout = render_wide_matrix(sample_wide_plan_en(), tmp_path / "none.pdf", ruling="none")
    with pdfplumber.open(layout.path) as pdf:
        assert not any(p.lines or p.rects for p in pdf.pages)
        assert "PARTICIPANTS" in pdf.pages[1].extract_text()


@pytest.mark.parametrize("rotation", ["page", "content"])
def test_wide_rotated(tmp_path, rotation):
    layout = render_wide_matrix(sample_wide_plan_en(), tmp_path / "r.pdf", rotate=True, rotation=rotation)
    with pdfplumber.open(layout.path) as pdf:
        page = pdf.pages[1]
        upright = [c["upright"] for c in page.chars if c["text"].strip()]
        if rotation == "page":
            assert page.rotation == 90 and page.width > page.height and all(upright)
            assert "STRATEGIC OBJECTIVE" in page.extract_text()
        else:
            assert page.rotation == 0 and page.width < page.height and not any(upright)


def test_wide_checks_columns_against_the_truth(tmp_path):
    with pytest.raises(ValueError, match="timeline"):
        render_wide_matrix(sample_wide_plan_es_results(), tmp_path / "x.pdf", columns="es")
    plan = sample_wide_plan_en()
    shallow = plan.pillars[0].objectives[0].children[0]  # one level where the columns want two
    with pytest.raises(ValueError, match="levels deep"):
        render_wide_matrix(replace(plan, pillars=(PillarSpec("P", (shallow,)),)), tmp_path / "y.pdf")
    assert set(COLUMN_SETS) >= {"en", "es", "es_results", "fr"}


def test_plans_are_well_formed():
    for plan in (sample_matrix_plan(), sample_wide_plan_en(), sample_wide_plan_es(), sample_wide_plan_es_results(), sample_wide_plan_fr()):
        rows = expected_actions(plan)
        assert rows and all(r.text and r.lead for r in rows)
        numbered = [(r.path, r.number) for r in rows if r.number]
        assert len(set(numbered)) == len(numbered)

        def kinds(node: ObjectiveSpec) -> set[str]:
            return {node.kind}.union(*(kinds(c) for c in node.children))

        assert all(kinds(o) for p in plan.pillars for o in p.objectives)


# ---- the sample files ---------------------------------------------------------------------


def test_make_is_deterministic_and_matches_data_raw(tmp_path):
    first = build_all(tmp_path / "a")
    subprocess.run([sys.executable, "-m", "samples.make", str(tmp_path / "b")], cwd=ROOT, check=True, capture_output=True)
    pdfs = [name for name, _ in BUILDERS]
    assert [p.name for p in first] == [*pdfs, *(profile_path(Path(n)).name for n in PROFILES), ACTORS_CSV]
    assert set(PLANS) <= set(PROFILES) <= set(pdfs)
    for path in first:
        again = tmp_path / "b" / path.name
        assert path.read_bytes() == again.read_bytes(), path.name
        committed = ROOT / "data" / "raw" / path.name
        if not committed.is_file():
            continue
        stale = f"{path.name} is stale: run python -m samples.make"
        recipe = read_scan_recipe(path) if path.suffix == ".pdf" else None
        if recipe is None:
            assert committed.read_bytes() == path.read_bytes(), stale
        else:  # a scan's pixels follow the renderer's release; what it was made from must not change
            assert read_scan_recipe(committed) == recipe, stale


def test_sample_profiles_name_fictional_countries_and_their_actors(tmp_path):
    """Each sample plan's profile states its fictional country; the sample actors stay out of
    the real gazetteer and every code is new to it."""
    written = build_all(tmp_path)
    real = load_gazetteer()
    codes = {row["code"] for row in SAMPLE_GAZETTEER}
    assert codes.isdisjoint(a.code for a in real)
    assert {row["country"] for row in SAMPLE_GAZETTEER} == set(SAMPLE_COUNTRIES)
    assert not set(SAMPLE_COUNTRIES) & set(real.countries)
    for name, plan in PROFILES.items():
        profile = load_profile(tmp_path / name, tmp_path)
        assert profile is not None and profile.country == plan().country
        assert {a.code for a in profile.actors} == codes
        assert profile.path in {p.name for p in written}
