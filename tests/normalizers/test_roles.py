"""The roles declaration (normalizers/reference/roles.yaml) is the one place a role is defined:
the header words, the structure normalizer, the `actions` columns and the docs follow from it,
and a value column a plan prints (baseline, means of verification) reaches the dataset."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from normalizers.records import ActionRecord
from normalizers.roles import ROLES, ROLES_FILE, Roles
from pipeline.run import run
from pipeline.schema import SCHEMAS, data_md
from pipeline.settings import PipelineSettings
from tests.conftest import REPO

HEADER = ["Activity", "Lead agency", "Baseline (2023)", "Target (2027)", "Means of verification"]
ROWS = [
    ["1.1 Train police officers on survivor-centred investigation of sexual violence",
     "Ministry of Interior", "12% of officers trained", "60% of officers trained", "Police academy training records"],
    ["1.2 Open gender desks in every provincial police headquarters",
     "National Police", "3 of 10 provinces", "10 of 10 provinces", "Annual police report"],
    ["1.3 Publish an annual report on the implementation of the plan",
     "Ministry of Gender Equality", "No report published", "Four annual reports", "Reports on the ministry website"],
]


def _matrix_plan(path: Path) -> None:
    """A one-table plan with baseline and verification columns, drawn with reportlab's Table."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    data = [[Paragraph(f"<b>{h}</b>", cell) for h in HEADER]] + [[Paragraph(v, cell) for v in row] for row in ROWS]
    table = Table(data, colWidths=[230, 120, 120, 120, 150], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1)
    doc.build([Paragraph("National Action Plan on Women, Peace and Security 2024–2027", styles["Title"]),
               Paragraph("Pillar 1: Protection", styles["Heading1"]), Spacer(1, 8), table])


def test_every_role_has_header_words_and_one_kind() -> None:
    words = yaml.safe_load((REPO / "normalizers" / "reference" / "headers.yaml").read_text(encoding="utf-8"))
    declared = [*ROLES.levels, *ROLES.values, *ROLES.actors, ROLES.action]
    assert sorted(words) == sorted(declared)
    assert len(declared) == len(set(declared))


def test_value_roles_are_the_actions_columns_in_declared_order() -> None:
    names = [f.name for f in dataclasses.fields(ActionRecord)]
    values = [n for n in names if n in ROLES.values]
    assert values == ["indicator", "target", "timeline", "budget", "baseline", "verification"]
    assert names.index("text") + 1 == names.index("indicator") and names.index("verification") + 1 == names.index("page")
    assert SCHEMAS["actions"].names == names
    docs = data_md()
    assert "| `baseline` |" in docs and "| `verification` |" in docs


def test_a_declaration_must_be_consistent() -> None:
    data = yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="two kinds"):
        Roles.from_dict({**data, "values": {**data["values"], "lead": "who"}})
    with pytest.raises(ValueError, match="broadest first"):
        Roles.from_dict({**data, "levels": {"output": 2.8, "pillar": 0.5}})
    with pytest.raises(ValueError, match="unknown keys"):
        Roles.from_dict({**data, "colour": {}})


def test_baseline_and_verification_reach_the_actions_table(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _matrix_plan(raw / "plan.pdf")
    run(raw, tmp_path / "out", PipelineSettings(), workers=1, progress=False)
    actions = pq.read_table(tmp_path / "out" / "actions.parquet").to_pylist()
    got = [(a["number"], a["baseline"], a["target"], a["verification"]) for a in actions]
    assert got == [("1.1", "12% of officers trained", "60% of officers trained", "Police academy training records"),
                   ("1.2", "3 of 10 provinces", "10 of 10 provinces", "Annual police report"),
                   ("1.3", "No report published", "Four annual reports", "Reports on the ministry website")]
