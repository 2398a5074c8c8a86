"""Document metadata: the plan's country, and titles that are no titles."""

from __future__ import annotations

import pytest

from normalizers.doctype import detect_doc_type
from normalizers.furniture import strip_furniture
from normalizers.metadata import extract_metadata, find_country
from pipeline.extract import extract_document
from pipeline.references import load_country_names
from pipeline.settings import PipelineSettings
from tests.conftest import CORPUS, need

COUNTRIES = load_country_names()


@pytest.mark.parametrize("text,country", [
    ("Plan d'action national de la République démocratique du Congo", "COD"),
    # "réunion" is French for meeting; Réunion, a territory, has no plan of its own
    ("Compte rendu de la réunion du Comité de pilotage du Plan d'action national. Réunion du 12 mars.", None),
    ("Rapport de la réunion de suivi, réunion annuelle, Burkina Faso", "BFA"),
    ("National Action Plan of the Republic of Korea", "KOR"),
    ("Aktionsplan der Bundesregierung zur Umsetzung der Resolution 1325, Deutschland", "DEU"),
    ("Nationaal Actieplan 1325 van Nederland", "NLD"),
    # translated names that are words of another language stay words
    ("Plan d'action national du Burkina Faso dans l'espace de l'océan indien", "BFA"),
    ("a plan for every small island state", None),
])
def test_find_country(text: str, country: str | None) -> None:
    assert find_country(text, COUNTRIES) == country


@pytest.mark.corpus
@pytest.mark.parametrize("pdf_title", ["(anonymous)", "Untitled", "Microsoft Word - NAP_final_v3.docx", "plan.pdf"])
def test_a_placeholder_pdf_title_gives_way_to_the_first_page(pdf_title: str, tmp_path) -> None:
    pdf = need(CORPUS / "drc" / "Rapport RDC UA.pdf")
    doc = extract_document(pdf, pdf.parent, PipelineSettings(ocr=False, max_pages=2))
    meta = extract_metadata(doc.layouts, pdf_title, "nap", COUNTRIES)
    from_page = extract_metadata(doc.layouts, None, "nap", COUNTRIES).title
    assert meta.title == from_page and from_page and from_page != pdf_title
    assert "CONGO" in from_page  # the report's own first lines


@pytest.mark.corpus
def test_a_congolese_report_is_not_from_reunion() -> None:
    """A DRC country report mentions many a "réunion" (meeting): the country is the DRC."""
    pdf = need(CORPUS / "drc" / "RAPPORT PAYS 2022.pdf")
    doc = extract_document(pdf, pdf.parent, PipelineSettings(ocr=False))
    layouts, furniture = strip_furniture(list(doc.layouts))
    doc_type = detect_doc_type(layouts, stripped=furniture)
    meta = extract_metadata(layouts, doc.pdf_title, "nap", COUNTRIES)
    assert meta.country == "COD", (doc_type, meta)
