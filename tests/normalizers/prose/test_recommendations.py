"""normalizers/prose/recommendations.py: the lead actor of a recommendation from its subject, the
one it urges or its lead-in; thematic areas named by a lead-in and the actions that name them."""

from __future__ import annotations

from normalizers.prose.recommendations import Item, area_for, area_items, item_actors, leadin_subject, strip_label

LEADIN = "To that end, the Security Council should:"


def _actors(text: str, gazetteer, leadin: str = LEADIN) -> list[tuple[str | None, str, str]]:
    return [(r.actor_code, r.role, r.actor_raw) for r in item_actors(text, leadin, "a1", gazetteer, None, "doc")]


def test_the_subject_leads(gazetteer):
    assert _actors("Member States develop national action plans with dedicated budgets.", gazetteer) == [
        ("MEMBER-STATES", "lead", "Member States")]


def test_the_one_urged_leads_and_the_others_are_mentioned(gazetteer):
    assert _actors("Urge the Secretary-General to appoint more women as special envoys, with UNDP.", gazetteer) == [
        ("UNSG", "lead", "Secretary-General"), ("UNDP", "mentioned", "UNDP")]


def test_an_item_opening_with_its_verb_goes_on_from_its_lead_in(gazetteer):
    assert _actors("Reiterate the need for gender expertise in peace operations.", gazetteer) == [
        ("UNSC", "lead", "Security Council")]
    # no subject of its own: a prepositional phrase is no actor
    assert _actors("In relation to inquiry No. 2016/1, ensure that survivors are heard.", gazetteer) == [
        ("UNSC", "lead", "Security Council")]


def test_leadin_subject():
    assert leadin_subject("To accelerate implementation, the members of the Security Council should:") == (
        "the members of the Security Council")
    assert leadin_subject("It is recommended that:") == ""
    assert leadin_subject("The review found the following:") == ""


def test_strip_label():
    assert strip_label("(a) Prevention: mainstream gender", "(a)") == "Prevention: mainstream gender"
    assert strip_label(" Plain text ", None) == "Plain text"


def _item(text: str, label: str) -> Item:
    return Item(0, label, text, 1, (60, 100, 500, 110), 1.0)


def test_areas_named_by_a_lead_in_and_the_actions_naming_one():
    items = [_item("Prevention: mainstream gender in early warning.", "(a)"),
             _item("Participation: women in peace talks.", "(b)")]
    found = area_items("The report covers five thematic areas:", items)
    assert [(item.label, name) for item, name in found] == [("(a)", "Prevention"), ("(b)", "Participation")]
    assert area_items("The entities reported on the following:", items) == []
    assert area_items("The report covers five thematic areas.", items) == []  # no lead-in colon
    areas = [("Prevention", "t0-(a)"), ("Participation", "t0-(b)")]
    assert area_for("Strengthen prevention work of the entities.", areas) == "t0-(a)"
    assert area_for("Ensure the participation of all entities.", areas) is None  # someone's participation
    assert area_for("Link prevention and participation.", areas) is None  # two areas: none


# ---------------------------------------------------------------- S/2007/567 and the sample report

# the lead actor of each recommendation, written out (the seed names them as "Member States",
# "United Nations system", "international community", "All stakeholders", "Secretary-General")
SEED_LEADS = ["MEMBER-STATES", "UN-SYSTEM", "UN-SYSTEM", "INTL-COMMUNITY", "UN-SYSTEM", "UN-SYSTEM", "UN-SYSTEM",
              "ALL-STAKEHOLDERS", "ALL-STAKEHOLDERS", "UNSG", "UNSG", "MEMBER-STATES"]
SAMPLE_LEADS = ["MEMBER-STATES", "UN-SYSTEM", "PARTIES-CONFLICT", "UNSG", "CSO", "INTL-COMMUNITY"]


def test_seed_recommendations_with_actors(seed_report):
    truth, _, result = seed_report
    assert [(a.number, a.text) for a in result.actions] == [(t.number, t.text) for t in truth.actions]
    assert [a.action_id for a in result.actions] == [f"a{i:04d}" for i in range(1, 13)]
    assert all(a.extractor == "report@1" for a in result.actions)
    leads = [[r.actor_code for r in result.actors if r.action_id == a.action_id and r.role == "lead"] for a in result.actions]
    assert leads == [[code] for code in SEED_LEADS]


def test_sample_report_recommendations(sample_report):
    _, _, result, _ = sample_report
    leads = [next(r for r in result.actors if r.action_id == a.action_id and r.role == "lead") for a in result.actions]
    assert [lead.actor_code for lead in leads] == SAMPLE_LEADS
    assert [a.number for a in result.actions] == ["(a)", "(b)", "(c)", "(d)", "(a)", "(b)"]
