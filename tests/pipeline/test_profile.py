"""Per-document profiles: what they override, how bad ones fail, and how they travel."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from normalizers.actors import match_actors
from normalizers.vocabulary import header_role
from pipeline.cli import main
from pipeline.extract import document_from_json, document_to_json, extract_document
from pipeline.profile import ProfileError, parse_profile, profile_path
from pipeline.references import load_gazetteer, load_vocabulary
from pipeline.settings import PipelineSettings
from samples.content import sample_wide_plan_en
from samples.make import ACTORS_CSV, write_sample_actors
from samples.model import expected_actions
from samples.render import COLUMN_SETS, Column, render_narrow_matrix, render_wide_matrix
from tests.conftest import SEEDS, need
from tests.seeds import kor_nap_plan

#: The English wide matrix with its actor columns headed by words no vocabulary knows.
ODD_COLUMNS = tuple(
    Column(c.role, {"lead": "CHAMPION", "partners": "ALLIES"}.get(c.role, c.header), c.share)
    for c in COLUMN_SETS["en"]
)
PROFILE = """\
# Sample plan with unusual actor headers
country: XSA
issuer: National Commission on Women, Peace and Security (sample)
nap_number: 2
headers:
  lead: [Champion]
  partner: [Allies]
actors:
  - sample-actors.csv
  - code: XSA:PARL-WPS
    name: Parliamentary Caucus on Women, Peace and Security
    country: XSA
    actor_type: agency
    sector: parliament
    aliases: [WPS Caucus]
"""


@pytest.fixture(scope="module")
def odd_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    render_wide_matrix(sample_wide_plan_en(), raw / "plan.pdf", columns=ODD_COLUMNS)
    write_sample_actors(raw / ACTORS_CSV)
    return raw


def _rows(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def test_headers_are_unknown_without_the_profile() -> None:
    vocab = load_vocabulary("headers")
    assert header_role("CHAMPION", vocab) is None and header_role("ALLIES", vocab) is None


def test_without_a_profile_the_actor_columns_are_not_found(odd_plan: Path, tmp_path: Path) -> None:
    assert main(["run", str(odd_plan), "--out", str(tmp_path), "--quiet"]) == 0
    assert _rows(tmp_path, "actions") and not _rows(tmp_path, "actors")
    assert _rows(tmp_path, "documents")[0]["country"] is None


def test_a_profile_supplies_header_words_country_and_actors(odd_plan: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in odd_plan.iterdir():
        (raw / f.name).write_bytes(f.read_bytes())
    profile_path(raw / "plan.pdf").write_text(PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    [doc] = _rows(out, "documents")
    assert (doc["country"], doc["issuer"], doc["nap_number"]) == (
        "XSA", "National Commission on Women, Peace and Security (sample)", 2)
    truth = expected_actions(sample_wide_plan_en())
    actions = _rows(out, "actions")
    assert len(actions) == len(truth)
    actors: dict[str, set[tuple[str, str]]] = {}
    for a in _rows(out, "actors"):
        assert a["actor_code"] and a["sector"], a["actor_raw"]
        actors.setdefault(a["action_id"], set()).add((a["role"], a["actor_raw"]))
    for action, want in zip(actions, truth):
        expected = {("lead", x) for x in want.lead} | {("partner", x) for x in want.partners}
        assert actors[action["action_id"]] == expected, action["text"]
    directory = {r["actor_code"]: r for r in _rows(out, "actor_directory")}
    assert directory["XSA:MWFA"]["country"] == "XSA" and "XSA:PARL-WPS" in directory
    manifest = json.loads((out / "manifest.json").read_text())
    [entry] = manifest["inputs"]
    assert entry["profile"]["path"] == "plan.profile.yaml" and len(entry["profile"]["sha256"]) == 64
    assert manifest["unknown_actors"]["count"] == 0


def test_a_profile_travels_through_the_interim_file(odd_plan: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes((odd_plan / "plan.pdf").read_bytes())
    (tmp_path / ACTORS_CSV).write_bytes((odd_plan / ACTORS_CSV).read_bytes())
    profile_path(pdf).write_text(PROFILE, encoding="utf-8")
    doc = extract_document(pdf, tmp_path, PipelineSettings())
    assert doc.profile is not None and doc.profile.country == "XSA"
    assert dict(doc.profile.headers) == {"lead": ("Champion",), "partner": ("Allies",)}
    again = document_from_json(document_to_json(doc))
    assert again == doc


BAD_PROFILES = {
    "unknown-key.pdf": ("contry: MLI\n", "unknown keys ['contry']"),
    "bad-country.pdf": ("country: Mali\n", "country: expected an ISO 3166-1 alpha-3 code"),
    "bad-yaml.pdf": ("country: [MLI\n", "not valid YAML"),
    "missing-csv.pdf": ("actors: [nowhere.csv]\n", "actors: file not found: nowhere.csv"),
    "bad-sector.pdf": (
        "actors:\n  - {code: 'XSA:X', name: X, country: XSA, actor_type: agency, sector: weather, aliases: ''}\n",
        "sector 'weather' not in the sector vocabulary",
    ),
    "bad-role.pdf": ("headers: {owner: [Champion]}\n", "headers: unknown label 'owner'"),
    "bad-doctype.pdf": ("doc_type: plan\n", "doc_type: expected one of nap, un_report"),
}


def test_a_bad_profile_gives_an_error_row_and_the_batch_goes_on(odd_plan: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf_bytes = (odd_plan / "plan.pdf").read_bytes()
    (raw / "good.pdf").write_bytes(pdf_bytes)
    for name, (text, _) in BAD_PROFILES.items():  # distinct bytes: the same bytes are one document
        (raw / name).write_bytes(pdf_bytes + f"% {name}\n".encode())
        profile_path(raw / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
    docs = {d["source_path"]: d for d in _rows(out, "documents")}
    assert docs["good.pdf"]["status"] == "ok"
    for name, (_, message) in BAD_PROFILES.items():
        assert docs[name]["status"] == "error", name
        assert message in docs[name]["error"] and profile_path(Path(name)).name in docs[name]["error"], docs[name]["error"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert sum(1 for e in manifest["errors"] if e["category"] == "profile") == len(BAD_PROFILES)


def test_parse_profile_reads_every_key(tmp_path: Path) -> None:
    text = (
        "country: MLI\nissuer: Gouvernement du Mali\ntitle: Plan d'action national\nlanguage: fr\n"
        "doc_type: nap\nnap_number: 3\nperiod_start: 2019\nperiod_end: 2023\nocr_languages: fra\n"
        "pillars: {prevention: [Axe de prévention]}\n"
    )
    p = parse_profile(text, path="p.profile.yaml", base=tmp_path)
    assert (p.country, p.language, p.doc_type, p.nap_number, p.period_start, p.period_end, p.ocr_languages) == (
        "MLI", "fr", "nap", 3, 2019, 2023, "fra")
    assert p.pillars == (("prevention", ("Axe de prévention",)),)
    with pytest.raises(ProfileError, match="whole number"):
        parse_profile("nap_number: three\n", path="p", base=tmp_path)
    assert parse_profile("", path="p", base=tmp_path).country is None


def test_a_profile_entry_adds_a_local_acronym_to_a_known_body() -> None:
    """The Korean plan prints ``MOEA``; a profile can say it is the foreign ministry."""
    gaz = load_gazetteer()
    assert match_actors("MOEA", gaz, "KOR")[0].actor_code is None
    mofa = gaz.get("KOR:MOFA")
    assert mofa is not None
    local = type(mofa)(mofa.code, mofa.name, "KOR", mofa.actor_type, mofa.sector, ("MOEA",))
    extended = gaz.extended([local])
    assert [m.actor_code for m in match_actors("MOEA, MND", extended, "KOR")] == ["KOR:MOFA", "KOR:MND"]
    assert set(mofa.aliases) < set(extended.get("KOR:MOFA").aliases)  # the reference aliases stay
    assert len(extended) == len(gaz)


KOR_PROFILE = """\
# The plan prints MOEA once (action 10.2.1, humanitarian assistance), a misprint of MOFA
country: KOR
actors:
  - {code: "KOR:MOFA", name: Ministry of Foreign Affairs, country: KOR, actor_type: ministry,
     sector: foreign_affairs, aliases: [MOEA]}
"""


@pytest.mark.corpus
def test_every_action_of_the_korean_plan_has_coded_actors(tmp_path: Path) -> None:
    """The plan rendered from the Korean seed: detection finds the country and every actor but
    the misprinted ``MOEA`` (left unknown and counted); with the plan's profile, every action
    has its actors with codes and sectors."""
    plan = kor_nap_plan(need(SEEDS / "kor-nap-2.txt"))
    raw = tmp_path / "raw"
    raw.mkdir()
    render_narrow_matrix(plan, raw / "kor-nap-2.pdf")

    def run(out: Path) -> tuple[list[dict], dict[str, list[dict]], dict]:
        assert main(["run", str(raw), "--out", str(out), "--quiet"]) == 0
        actors: dict[str, list[dict]] = {}
        for a in _rows(out, "actors"):
            actors.setdefault(a["action_id"], []).append(a)
        return _rows(out, "actions"), actors, json.loads((out / "manifest.json").read_text())

    actions, actors, manifest = run(tmp_path / "detected")
    assert len(actions) == len(expected_actions(plan)) and _rows(tmp_path / "detected", "documents")[0]["country"] == "KOR"
    unknown = [a for found in actors.values() for a in found if a["actor_code"] is None]
    assert [a["actor_raw"] for a in unknown] == ["MOEA"] and manifest["unknown_actors"]["values"] == ["MOEA"]

    profile_path(raw / "kor-nap-2.pdf").write_text(KOR_PROFILE, encoding="utf-8")
    actions, actors, manifest = run(tmp_path / "profiled")
    for action in actions:
        found = actors.get(action["action_id"], [])
        assert found and all(a["actor_code"] and a["sector"] for a in found), action["text"]
    assert manifest["unknown_actors"]["count"] == 0
