"""Plans written as prose: pillars and objectives as headings, actions as bullets under an
"Actions:" lead-in, actors in labelled parentheses. Real PDFs built here with reportlab's
document templates (headings, paragraphs, bullet lists as a word processor sets them)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

from pipeline.cli import main

# (title, intro, [(pillar heading, [(objective heading, lead-in, [(action, {role: [actors]})])])])
EN = (
    "National Action Plan on Women, Peace and Security 2024–2028",
    "This plan sets out how the Government will implement resolution 1325 (2000). It is organised "
    "around pillars; each objective lists the actions and the ministries responsible for them.",
    [
        ("Pillar 1: Prevention", [
            ("Objective 1.1: Integrate a gender perspective into conflict prevention", "Actions:", [
                ("Train diplomats on gender-sensitive conflict analysis", {"Lead": ["Ministry of Foreign Affairs"]}),
                ("Fund early-warning networks led by women's organisations",
                 {"Lead": ["Ministry of Foreign Affairs"], "Partners": ["civil society organisations"]}),
                ("Include gender indicators in the national risk assessment", {"Lead": ["Ministry of the Interior"]}),
            ]),
        ]),
        ("Pillar 2: Participation", [
            ("Objective 2.1: Increase the share of women in peace negotiations", "The following actions will be taken:", [
                ("Nominate women as at least half of the mediators on national rosters", {"Lead": ["Ministry of Foreign Affairs"]}),
                ("Support networks of women mediators", {"Lead": ["Ministry of Defence"], "Partners": ["UN Women"]}),
            ]),
            ("Objective 2.2: Increase the share of women in the armed forces", "Actions:", [
                ("Review recruitment criteria to remove barriers to women", {"Lead": ["Ministry of Defence"]}),
            ]),
        ]),
    ],
)
FR = (
    "Plan d'action national pour la mise en œuvre de la résolution 1325 (2000), 2025-2029",
    "Le présent plan décrit les mesures que le Gouvernement prendra pour mettre en œuvre la "
    "résolution 1325. Il est organisé en axes ; chaque objectif énumère ses mesures.",
    [
        ("Axe 1 : Prévention", [
            ("Objectif 1.1 : Renforcer les mécanismes d'alerte précoce", "Mesures :", [
                ("Former les comités locaux à l'alerte précoce sensible au genre",
                 {"Responsable": ["Ministère de l'Intérieur"], "Partenaires": ["OSC"]}),
                ("Créer des cellules d'écoute pour les femmes", {"Responsable": ["Ministère de la Santé"]}),
            ]),
        ]),
        ("Axe 2 : Protection", [
            ("Objectif 2.1 : Améliorer la prise en charge des survivantes", "Mesures :", [
                ("Ouvrir des centres intégrés de prise en charge", {"Responsable": ["Ministère de la Santé"]}),
                ("Former les magistrats aux violences sexuelles", {"Responsable": ["Ministère de la Justice"]}),
            ]),
        ]),
    ],
)
SECTORS = {
    "Ministry of Foreign Affairs": "foreign_affairs", "Ministry of the Interior": "interior",
    "Ministry of Defence": "defence", "civil society organisations": "civil_society", "UN Women": "un_system",
    "Ministère de l'Intérieur": "interior", "Ministère de la Santé": "health", "Ministère de la Justice": "justice",
    "OSC": "civil_society",
}
ROLE = {"Lead": "lead", "Partners": "partner", "Responsable": "lead", "Partenaires": "partner"}


def _render(path: Path, plan: tuple) -> None:
    title, intro, pillars = plan
    st = getSampleStyleSheet()
    story = [Paragraph(title, st["Title"]), Paragraph(intro, st["BodyText"])]
    for pillar, objectives in pillars:
        story.append(Paragraph(pillar, st["Heading1"]))
        for objective, leadin, actions in objectives:
            story += [Paragraph(objective, st["Heading2"]), Paragraph(leadin, st["BodyText"])]
            items = []
            for text, actors in actions:
                label = "; ".join(f"{role}: {', '.join(names)}" for role, names in actors.items())
                sep = " : " if plan is FR else ": "
                items.append(ListItem(Paragraph(f"{text} ({label.replace(': ', sep)}).", st["BodyText"])))
            story.append(ListFlowable(items, bulletType="bullet"))
    SimpleDocTemplate(str(path), pagesize=A4, title=title).build(story)


@pytest.mark.parametrize("plan", [EN, FR], ids=["en", "fr"])
def test_a_prose_plan_gives_pillars_objectives_actions_and_actors(tmp_path: Path, plan: tuple) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _render(raw / "plan.pdf", plan)
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    [doc] = pq.read_table(out / "documents.parquet").to_pylist()
    assert doc["doc_type"] == "nap"
    objectives = {o["objective_id"]: o for o in pq.read_table(out / "objectives.parquet").to_pylist()}
    actions = pq.read_table(out / "actions.parquet").to_pylist()
    actors = pq.read_table(out / "actors.parquet").to_pylist()
    want = [(p, o, a, acts) for p, objs in plan[2] for o, _, acts_ in objs for a, acts in acts_]
    assert [a["text"] for a in actions] == [f"{a}." for _, _, a, _ in want]
    for action, (pillar, objective, _, named) in zip(actions, want):
        obj = objectives[action["objective_id"]]
        assert (obj["kind"], f"{obj['number']}: {obj['text']}".replace(": ", " : " if plan is FR else ": ")) == (
            "objective", objective)
        parent = objectives[obj["parent_id"]]
        assert parent["kind"] == "pillar" and pillar.endswith(parent["text"])
        assert obj["pillar"] == parent["pillar"] and parent["pillar"] is not None
        mine = {(r["actor_raw"], r["role"], r["sector"]) for r in actors if r["action_id"] == action["action_id"]}
        assert mine == {(n, ROLE[role], SECTORS[n]) for role, names in named.items() for n in names}, action["text"]


def test_actions_written_as_numbered_paragraphs(tmp_path: Path) -> None:
    """"Action 1.1.1: …" paragraphs under an objective heading, the lead ministry in the text."""
    st = getSampleStyleSheet()
    story = [
        Paragraph("Third National Action Plan on Women, Peace and Security 2023–2027", st["Title"]),
        Paragraph("The third plan builds on the evaluation of the second. Each objective is pursued through "
                  "numbered actions; the ministry named in each action leads it and reports on it every year "
                  "to the inter-ministerial committee.", st["BodyText"]),
        Paragraph("Pillar 3: Protection", st["Heading1"]),
        Paragraph("Objective 3.1: Protect women and girls from sexual violence in crises", st["Heading2"]),
        Paragraph("Action 3.1.1: The Ministry of Justice will set up specialised prosecution units for "
                  "sexual violence in every judicial district, with staff trained in survivor-centred "
                  "approaches.", st["BodyText"]),
        Paragraph("Action 3.1.2: The Ministry of Health will open one-stop centres for survivors in every "
                  "province, offering medical care, psychosocial support and legal counselling.", st["BodyText"]),
    ]
    raw = tmp_path / "raw"
    raw.mkdir()
    SimpleDocTemplate(str(raw / "plan.pdf"), pagesize=A4).build(story)
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    actions = pq.read_table(out / "actions.parquet").to_pylist()
    assert [a["number"] for a in actions] == ["Action 3.1.1", "Action 3.1.2"]
    assert actions[0]["text"].startswith("The Ministry of Justice will set up specialised prosecution units")
    assert actions[1]["text"].startswith("The Ministry of Health will open one-stop centres")
    objectives = {o["objective_id"]: o for o in pq.read_table(out / "objectives.parquet").to_pylist()}
    assert {(objectives[a["objective_id"]]["kind"], objectives[a["objective_id"]]["pillar"]) for a in actions} == {
        ("objective", "protection")}
    leads = {(r["action_id"], r["sector"]) for r in pq.read_table(out / "actors.parquet").to_pylist() if r["role"] == "lead"}
    assert leads == {(actions[0]["action_id"], "justice"), (actions[1]["action_id"], "health")}


def test_french_actions_take_their_lead_from_the_subject(tmp_path: Path) -> None:
    """"Mesure 2.1.1 : Le Ministère de la Justice va …": the subject ends at the auxiliary."""
    st = getSampleStyleSheet()
    story = [
        Paragraph("Deuxième Plan d'action national pour la mise en œuvre de la résolution 1325, 2024-2028", st["Title"]),
        Paragraph("Le présent plan décrit les mesures que le Gouvernement prendra au cours des cinq années à venir. "
                  "Chaque mesure nomme le ministère qui la conduit et qui en rend compte chaque année.", st["BodyText"]),
        Paragraph("Axe 2 : Protection", st["Heading1"]),
        Paragraph("Objectif 2.1 : Protéger les femmes et les filles contre les violences sexuelles", st["Heading2"]),
        Paragraph("Mesure 2.1.1 : Le Ministère de la Justice va créer des chambres spécialisées dans les violences "
                  "sexuelles dans chaque ressort de cour d'appel, avec des magistrats formés.", st["BodyText"]),
        Paragraph("Mesure 2.1.2 : Le Ministère de la Santé doit ouvrir des centres de prise en charge intégrée "
                  "dans chaque région, avec un soutien médical, psychosocial et juridique.", st["BodyText"]),
    ]
    raw = tmp_path / "raw"
    raw.mkdir()
    SimpleDocTemplate(str(raw / "plan.pdf"), pagesize=A4).build(story)
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    actions = pq.read_table(out / "actions.parquet").to_pylist()
    assert [a["number"] for a in actions] == ["Mesure 2.1.1", "Mesure 2.1.2"]
    leads = [(r["action_id"], r["actor_raw"], r["sector"]) for r in pq.read_table(out / "actors.parquet").to_pylist()
             if r["role"] == "lead"]
    assert leads == [(actions[0]["action_id"], "Ministère de la Justice", "justice"),
                     (actions[1]["action_id"], "Ministère de la Santé", "health")]


def test_profile_pillar_phrases_reach_a_prose_plan(tmp_path: Path) -> None:
    """Regression: a prose plan's pillars were read with the reference pillar phrases only (the
    prose normalizer loaded them itself), so a profile's ``pillars:`` phrases were ignored there."""
    plan = (EN[0], EN[1], [("Pillar 1: Safe Communities", EN[2][0][1])])
    raw = tmp_path / "raw"
    raw.mkdir()
    _render(raw / "plan.pdf", plan)
    (raw / "plan.profile.yaml").write_text("pillars:\n  protection: [safe communities]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    objectives = pq.read_table(out / "objectives.parquet").to_pylist()
    assert [(o["kind"], o["text"], o["pillar"]) for o in objectives if o["kind"] == "pillar"] == [
        ("pillar", "Safe Communities", "protection")]
    assert len(pq.read_table(out / "actions.parquet")) == 3
