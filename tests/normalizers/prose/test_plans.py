"""normalizers/prose/plans.py: thematic areas, pillars and headings as objectives; recommendations
and a prose plan's actions with their actors."""

from __future__ import annotations

from normalizers.prose.plans import LEVEL_RANK, PLAN_LEVELS, _labelled_actors
from normalizers.roles import ROLES
from tests.normalizers.prose.handmade import merged, page

PLAN = [  # (text, x, top, bold): a plan written as prose, one pillar the reference pillars do not name
    ("Pillar 1: Safe Communities", 60, 100, True),
    ("Objective 1.1: Reduce violence against women in public spaces", 60, 124, True),
    ("Actions:", 60, 148, False),
    ("• Train police officers in survivor-centred responses (Lead: Ministry of the Interior).", 60, 162, False),
    ("• Light the streets around markets and bus stations (Lead: Ministry of Public Works).", 60, 176, False),
]


def _plan_page():
    return merged(1, *(page(1, [(text, x, top)], bold=bold) for text, x, top, bold in PLAN))


def test_plan_levels_are_the_declared_objective_levels():
    """Until plans.py derives them from the roles declaration, the two must not drift apart."""
    assert PLAN_LEVELS == ROLES.levels
    assert dict(LEVEL_RANK) == dict(ROLES.level_rank)


def test_labelled_actors(headers):
    assert _labelled_actors("Train diplomats (Lead: Ministry of Foreign Affairs; partners: CSOs).", headers) == (
        "Train diplomats.", [("Ministry of Foreign Affairs", "lead"), ("CSOs", "partner")])
    assert _labelled_actors("Train diplomats (in 2025: twice).", headers) == ("Train diplomats (in 2025: twice).", [])


def test_a_prose_plan_gives_objectives_actions_and_labelled_actors(build):
    result = build([_plan_page()], doc_type="nap")
    objectives = {o.objective_id: o for o in result.objectives}
    assert [(o.kind, o.number, o.text) for o in result.objectives] == [
        ("pillar", "Pillar 1", "Safe Communities"),
        ("objective", "Objective 1.1", "Reduce violence against women in public spaces"),
    ]
    assert [(objectives[a.objective_id].number, a.text) for a in result.actions] == [
        ("Objective 1.1", "Train police officers in survivor-centred responses."),
        ("Objective 1.1", "Light the streets around markets and bus stations."),
    ]
    assert [(r.actor_raw, r.role) for r in result.actors] == [
        ("Ministry of the Interior", "lead"), ("Ministry of Public Works", "lead")]


def test_profile_pillar_phrase_reaches_a_prose_plan(build, pillars):
    """Regression: the prose plans read the reference pillars from file, so a profile's pillar
    phrases (``pillars: {protection: [safe communities]}``) were ignored for them."""
    plain = build([_plan_page()], doc_type="nap")
    assert [o.pillar for o in plain.objectives] == [None, None]
    profiled = build([_plan_page()], doc_type="nap", pillars=pillars.extended({"protection": ["Safe Communities"]}))
    assert [(o.number, o.pillar, o.pillar_raw) for o in profiled.objectives] == [
        ("Pillar 1", "protection", "Safe Communities"), ("Objective 1.1", "protection", "Safe Communities")]


def test_pillars_of_a_prose_initiative(build):
    rows = [
        ("4. This initiative has two main pillars. The first pillar is to support", 60, 120),
        ("projects that address the needs of women and girls in conflict situations.", 60, 132),
        ("The second pillar is to convene an annual international conference on", 60, 144),
        ("Women, Peace and Security, including sexual violence in conflict.", 60, 156),
    ]
    title = page(1, [("“Action with Women and Peace” Initiative", 60, 80)], size=14.0, bold=True)
    result = build([merged(1, title, page(1, rows))])
    pillars = [o for o in result.objectives if o.kind == "pillar"]
    assert [o.number for o in pillars] == ["1", "2"]
    assert pillars[0].text.startswith("to support projects that address the needs of women and girls")
    assert pillars[1].text.startswith("to convene an annual international conference")


def test_headed_bullets_become_objectives_and_actions(build):
    heads = page(1, [("RECOMMENDATIONS TO GOVERNMENTS", 60, 100), ("RECOMMENDATIONS TO THE UNITED NATIONS", 60, 196)], bold=True)
    bullets = page(1, [
        ("• Adopt and fund a national action plan on women, peace and", 60, 124),
        ("and security with a dedicated budget line.", 72, 136),
        ("• Ensure that women make up a third of delegations.", 60, 160),
        ("• Support women mediators through the regional networks.", 60, 220),
    ])
    result = build([merged(1, heads, bullets)])
    objectives = {o.objective_id: o for o in result.objectives}
    assert [(objectives[a.objective_id].text, a.text[:12]) for a in result.actions] == [
        ("RECOMMENDATIONS TO GOVERNMENTS", "Adopt and fu"),
        ("RECOMMENDATIONS TO GOVERNMENTS", "Ensure that "),
        ("RECOMMENDATIONS TO THE UNITED NATIONS", "Support wome"),
    ]
    assert all(o.kind == "heading" for o in result.objectives)


# ---------------------------------------------------------------- S/2007/567


def test_seed_thematic_areas_and_heading_objective(seed_report):
    truth, _, result = seed_report
    areas = [o for o in result.objectives if o.kind == "thematic_area"]
    assert [o.text for o in areas] == list(truth.thematic_areas)
    assert [o.pillar for o in areas] == ["prevention", "participation", "protection", "relief_recovery", "normative"]
    heading = {o.objective_id: o for o in result.objectives}
    linked = {heading[a.objective_id].text for a in result.actions}
    assert linked == {"Conclusions and further actions to accelerate the implementation of Security Council resolution 1325 (2000)"}
    assert [o.objective_id for o in result.objectives] == [f"o{i:04d}" for i in range(1, len(result.objectives) + 1)]
