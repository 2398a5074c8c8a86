"""Document type and language from the content."""

from __future__ import annotations

import pdfplumber
import pytest

from extractors.layout import page_to_layout
from extractors.model import PageLayout, Word
from normalizers.doctype import DOC_TYPES, DocTypeSettings, detect_doc_type, detect_language
from normalizers.furniture import strip_furniture
from samples.report import make_sample_report
from tests.layouts import matrix_page
from tests.layouts import words_from_text as _words


def test_matrix_plan_is_a_nap():
    headers = ["Strategic objective", "Activities", "Indicator", "Target", "Responsible ministry", "Timeline"]
    rows = [
        ["1.1 Increase women's participation", "Train women mediators", "Number of mediators", "200", "Ministry of Gender", "2025"],
        ["1.2 Prevent violence", "Establish referral services", "Number of services", "12", "Ministry of Health", "2026"],
        ["1.3 Protect survivors", "Fund shelters", "Budget allocated", "USD 1m", "Ministry of Interior", "2027"],
    ]
    pages = [matrix_page(p, "National Action Plan on Women, Peace and Security 2024-2028", headers, rows, page_label=True) for p in (1, 2, 3)]
    assert detect_doc_type(pages) == "nap"


def test_spanish_matrix_plan_is_a_nap():
    headers = ["Objetivo estratégico", "Actividades", "Indicador", "Meta", "Responsable", "Plazo"]
    rows = [["1. Participación de las mujeres", "Capacitar mediadoras", "Número de mediadoras", "200", "Ministerio de la Mujer", "2025"]] * 3
    pages = [matrix_page(p, "Plan de Acción Nacional de la Resolución 1325", headers, rows, page_label=True) for p in (1, 2)]
    assert detect_doc_type(pages) == "nap"


def test_headed_recommendations():
    words: list[Word] = []
    top = 60.0
    for heading in ("Recommendations to Governments", "Recommendations to the Security Council", "Recommendations to civil society"):
        words += _words(heading, 60, top, 12, True)
        top += 24
        for k in range(3):
            words += _words(f"• Adopt measure {k} to support women peacebuilders and their networks.", 72, top)
            top += 16
        top += 12
    assert detect_doc_type([PageLayout("r", 1, 612, 792, tuple(words))]) == "recommendations"


def test_rendered_un_report(tmp_path):
    pdf = tmp_path / "report.pdf"
    make_sample_report(pdf)
    with pdfplumber.open(pdf) as doc:
        layouts = [page_to_layout(page, "r") for page in doc.pages]
    assert detect_doc_type(layouts) == "un_report"
    assert detect_doc_type(strip_furniture(layouts)[0]) == "un_report"  # furniture already stripped


def test_plain_prose_is_other():
    words: list[Word] = []
    for i in range(30):
        words += _words("The committee met in the spring and discussed the programme of its next session.", 60, 60 + 14 * i)
    layout = PageLayout("o", 1, 612, 792, tuple(words))
    assert detect_doc_type([layout]) == "other"
    assert detect_doc_type([]) == "other"
    assert set(DOC_TYPES) == {"nap", "un_report", "recommendations", "other"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Security Council welcomed the report of the Secretary-General on women and peace and security.", "en"),
        ("El Consejo de Seguridad acogió con beneplácito el informe del Secretario General sobre las mujeres y la paz.", "es"),
        ("Le Conseil de sécurité a accueilli avec satisfaction le rapport du Secrétaire général sur les femmes et la paix.", "fr"),
        ("O Conselho de Segurança acolheu o relatório do Secretário-Geral sobre as mulheres, a paz e a segurança nos países.", "pt"),
        ("Der Sicherheitsrat begrüßte den Bericht des Generalsekretärs über Frauen und Frieden und die Sicherheit.", "de"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_unsure():
    assert detect_language("") is None
    assert detect_language("1325 (2000) 2024-2028") is None
    assert detect_language("UNDP UNFPA UNICEF WFP") is None


def test_settings_are_checked():
    with pytest.raises(ValueError):
        DocTypeSettings(pages=0)
