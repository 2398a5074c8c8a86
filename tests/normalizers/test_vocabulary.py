"""Column roles from header words in three languages, and pillar names."""

from __future__ import annotations

import pytest

from normalizers.vocabulary import classify_pillar, fold, header_role
from pipeline.references import load_vocabulary

HEADERS = load_vocabulary("headers")
PILLARS = load_vocabulary("pillars")


@pytest.mark.parametrize(
    "text, role",
    [
        ("Implementing Ministry/Agency", "lead"), ("Strategy", "strategy"), ("Action", "action"),
        ("STRATEGIC OBJECTIVE", "strategic_objective"), ("SPECIFIC OBJECTIVE", "specific_objective"),
        ("ACTIVITIES", "action"), ("INDICATOR", "indicator"), ("TARGET", "target"),
        ("COORDINATOR", "lead"), ("PARTICIPANTS", "partner"),
        ("OBJETIVO ESTRATÉGICO", "strategic_objective"), ("OBJETIVO ESPECÍFICO", "specific_objective"),
        ("RESULTADOS ESPERADOS", "expected_result"), ("INDICADORES", "indicator"), ("ACTIVIDADES", "action"),
        ("ACTORES", "actor"), ("RESPONSABLE", "lead"), ("PLAZO", "timeline"), ("PRESUPUESTO", "budget"), ("META", "target"),
        ("OBJECTIFS SPÉCIFIQUES", "specific_objective"), ("RÉSULTATS ATTENDUS", "expected_result"),
        ("INDICATEURS", "indicator"), ("ACTIVITÉS", "action"), ("ACTEURS", "actor"), ("ÉCHÉANCE", "timeline"),
        ("BUDGET", "budget"), ("Lead agency (ministry)", "lead"), ("Partners", "partner"),
    ],
)
def test_header_roles(text: str, role: str) -> None:
    assert header_role(text, HEADERS) == role


@pytest.mark.parametrize("text", ["Build capacity in areas of women, peace and security", "MND", "2019-2023", "",
                                  "Number of women trained as mediators each year"])
def test_not_headers(text: str) -> None:
    assert header_role(text, HEADERS) is None


@pytest.mark.parametrize(
    "text, pillar",
    [("Prevention", "prevention"), ("Relief and Recovery", "relief_recovery"), ("Participation", "participation"),
     ("Implementation and Monitoring", "implementation_monitoring"), ("AXE 1. PARTICIPATION", "participation"),
     ("EJE 2. PREVENCIÓN", "prevention"), ("Pilier 3 : Protection", "protection"), ("Secours et relèvement", "relief_recovery")],
)
def test_pillars(text: str, pillar: str) -> None:
    assert classify_pillar(text, PILLARS) == pillar


def test_fold() -> None:
    assert fold("Échéances") == fold("echeance") == "echeance"
    assert fold("Ministry/Agency") == "ministry agency"
