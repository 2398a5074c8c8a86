"""Acronyms a document defines: inline ``Long Form (ACR)`` and list-of-acronyms pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from normalizers.acronyms import document_glossary, inline_definitions, long_form
from normalizers.actors import match_actors
from pipeline.cli import main
from pipeline.extract import extract_document
from pipeline.references import load_gazetteer
from pipeline.settings import PipelineSettings
from samples.typeset import fonts
from tests.conftest import CORPUS, RAW_SAMPLES, need

INLINE = [
    ("The Ministry of Women and Family Affairs (MWFA) coordinates the Plan.", [("MWFA", "Ministry of Women and Family Affairs")]),
    ("Le Ministère de la Femme, de la Famille et de l'Enfant (MFFE) en assure la coordination.",
     [("MFFE", "Ministère de la Femme, de la Famille et de l'Enfant")]),
    ("le Ministère de l'Administration territoriale et de la Décentralisation (MATD), le Ministère de la Défense (MD)",
     [("MATD", "Ministère de l'Administration territoriale et de la Décentralisation"), ("MD", "Ministère de la Défense")]),
    ("junto con el Ministerio de Defensa (MINDEF), el Ministerio Público (MP) y la Policía Nacional (PN).",
     [("MINDEF", "Ministerio de Defensa"), ("MP", "Ministerio Público"), ("PN", "Policía Nacional")]),
    ("o Ministério da Mulher, Família e Direitos Humanos (MMFDH) coordena", [("MMFDH", "Ministério da Mulher, Família e Direitos Humanos")]),
    ("the Disarmament, Demobilization and Reintegration (DDR) programme", [("DDR", "Disarmament, Demobilization and Reintegration")]),
    ("the Ministry of Gender, Children and Social Protection (MoGCSP) and", [("MoGCSP", "Ministry of Gender, Children and Social Protection")]),
    # not definitions: a year, an unrelated parenthesis, table figures read across a row
    ("resolution 1325 (2000) of the Security Council (see annex)", []),
    ("the plan (NAP) was adopted", []),
    ("Administrateurs 33 04 40,0% Directeurs Généraux (ADG)", []),
]


@pytest.mark.parametrize("text,expected", INLINE)
def test_inline_definitions(text: str, expected: list[tuple[str, str]]) -> None:
    assert inline_definitions(text) == expected


def test_long_form_needs_the_letters_in_order() -> None:
    assert long_form("NPS", "the National Police Service".split()) == "National Police Service"
    assert long_form("XYZ", "the National Police Service".split()) is None


def _pdf(path: Path, pages: list[list[tuple[float, float, str]]]) -> Path:
    """Each page: (x, y from the top, text) lines set in DejaVu Sans 10 pt."""
    f = fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        c.setFont(f.regular, 10)
        for x, y, text in lines:
            c.drawString(x, A4[1] - y, text)
        c.showPage()
    c.save()
    return path


GLOSSARY = [
    ("CSO", "Civil society organisations"),
    ("MINMUJER", "Ministry of Women"),  # translated: the letters are not all in the long form
    ("MoGCSP", "Ministry of Gender, Children and Social Protection"),
    ("NDMA", "National Disaster Management Agency"),
    ("WPS", "Women, Peace and Security"),
]


def test_a_list_of_acronyms_page_is_read(tmp_path: Path) -> None:
    """Acronym and long form in two columns, as plans print them before the introduction."""
    glossary_page = [(72, 80, "LIST OF ACRONYMS")] + [
        (72, 120 + 18 * i, short) for i, (short, _) in enumerate(GLOSSARY)
    ] + [(160, 120 + 18 * i, long) for i, (_, long) in enumerate(GLOSSARY)]
    # a matrix page where lines open with an acronym is no glossary
    matrix_page = [(72, 80 + 18 * i, f"{a}") for i, a in enumerate(["MOD", "MOI", "NPS", "MOJ"])] + [
        (160, 80 + 18 * i, t) for i, t in enumerate(
            ["Monitoring reports", "Number of officers trained", "National survey", "Mobile courts held"])
    ] + [(72, 200 + 14 * i, "Prose that describes the activities of the plan in some detail.") for i in range(20)]
    pdf = _pdf(tmp_path / "plan.pdf", [glossary_page, matrix_page])
    doc = extract_document(pdf, tmp_path, PipelineSettings())
    found = document_glossary(doc.layouts).definitions
    assert {k: v for k, v in found.items() if k in dict(GLOSSARY)} == dict(GLOSSARY)
    assert not {"MOD", "MOI", "NPS", "MOJ"} & set(found)


def test_a_definition_gives_an_unknown_acronym_its_sector(tmp_path: Path) -> None:
    """The French sample plan without its profile: no country, ministries the gazetteer does
    not know; the plan's own definitions still give each one its sector."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW_SAMPLES / "sample-nap-wide-fr.pdf", raw)
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    sectors = {(a["actor_raw"], a["sector"]) for a in pq.read_table(out / "actors.parquet").to_pylist()}
    assert {("MFFE", "gender_equality"), ("MD", "defence"), ("MJ", "justice"), ("MSP", "health"),
            ("MATD", "interior"), ("OSC", "civil_society")} <= sectors
    assert all(s for _, s in sectors)


@pytest.mark.corpus
def test_definitions_in_a_real_report_resolve_its_ministries() -> None:
    """The Secretary-General's Somalia report spells out the federal ministries it names."""
    pdf = need(CORPUS / "un" / "S_2025_194.en.pdf")
    doc = extract_document(pdf, pdf.parent, PipelineSettings(ocr=False))
    found = document_glossary(doc.layouts)
    assert found.get("MOIS") == "Ministry of Internal Security"
    assert found.get("FGS") == "Federal Government of Somalia"
    assert found.get("ILO") == "International Labour Organization"
    gaz = load_gazetteer()
    [mois] = match_actors("MOIS", gaz, None, found)
    assert mois.sector in ("interior", "police") and mois.actor_raw == "MOIS"
    [ilo] = match_actors("ILO", gaz, None, found)
    assert ilo.actor_code == "ILO"  # a gazetteer entry stays what it is
