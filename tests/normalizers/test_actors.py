"""Actor normalisation: gazetteer, cell splitting, matching, mentions in running text."""

from __future__ import annotations

import csv
import pickle
import re
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from normalizers.actors import (
    ACTOR_TYPES,
    ALL_GOVERNMENT_CODE,
    SECTORS,
    Actor,
    ActorMatch,
    ActorWords,
    Gazetteer,
    Mention,
    directory_rows,
    find_mentions,
    match_actor,
    match_actors,
    split_actor_cell,
)
from pipeline.references import REFERENCE_DIR, load_actor_words, load_gazetteer
from tests.conftest import need

HERE = Path(__file__).resolve().parent
CASES_CSV = HERE / "actor_cases.csv"

CORE_SECTORS = (
    "defence", "foreign_affairs", "interior", "justice", "police", "gender_equality",
    "development", "education", "health", "social_affairs", "finance",
)  # fmt: skip


def _read_cases() -> list[tuple[str, str | None, list[str]]]:
    with CASES_CSV.open(encoding="utf-8", newline="") as fh:
        return [
            (row["raw"], row["country"] or None, [c for c in row["expected"].split("|") if c])
            for row in csv.DictReader(fh)
        ]


CASES = _read_cases()
WORDS = load_actor_words()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def codes(text: str, gaz: Gazetteer, country: str | None = None) -> list[str]:
    return [m.actor_code for m in match_actors(text, gaz, country) if m.actor_code]


# --------------------------------------------------------------------------------------------
# the table of printed cells (shared with bench/actors.py)
# --------------------------------------------------------------------------------------------


def test_case_table_is_large_and_varied() -> None:
    assert len(CASES) >= 150
    assert sum(1 for _, _, expected in CASES if not expected) >= 30  # near misses
    assert sum(1 for _, _, expected in CASES if len(expected) > 1) >= 30  # multi-actor cells
    assert len({country for _, country, _ in CASES if country}) >= 30


@pytest.mark.parametrize(
    ("raw", "country", "expected"), CASES, ids=[f"{i:03d}" for i in range(len(CASES))]
)
def test_cell(raw: str, country: str | None, expected: list[str], gaz: Gazetteer) -> None:
    assert codes(raw, gaz, country) == expected


# --------------------------------------------------------------------------------------------
# splitting
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "pieces"),
    [
        ("MND MOU MOFA MOIS", ["MND", "MOU", "MOFA", "MOIS"]),
        ("MOGEF\nKOICA", ["MOGEF", "KOICA"]),
        ("All excluding KOICA", ["All excluding KOICA"]),
        ("MIN. INTERIOR", ["MIN. INTERIOR"]),
        ("UNDP, UNFPA and UNICEF", ["UNDP", "UNFPA", "UNICEF"]),
        ("DPKO/DPA", ["DPKO", "DPA"]),
        ("MOFA; MND", ["MOFA", "MND"]),
        (
            "Ministerio del Interior y Ministerio de Igualdad",
            ["Ministerio del Interior", "Ministerio de Igualdad"],
        ),
        (
            "Ministères du Genre, Intérieur, Affaires étrangères",
            ["Ministères du Genre", "Intérieur", "Affaires étrangères"],
        ),
        ("Ministries of Defence and Foreign Affairs", ["Ministries of Defence", "Foreign Affairs"]),
        (
            "Ministry of Gender, Children and Social Protection",
            ["Ministry of Gender, Children and Social Protection"],
        ),
        ("Food and Agriculture Organization", ["Food and Agriculture Organization"]),
        ("Civil society, academia and media", ["Civil society", "academia", "media"]),
        ("Lead: MOFA; Support: MND, MOJ", ["MOFA", "MND", "MOJ"]),
        ("MOGEF in cooperation with MOFA", ["MOGEF", "MOFA"]),
        ("MOFA, MND, etc.", ["MOFA", "MND"]),
    ],
)
def test_split_actor_cell_without_gazetteer(cell: str, pieces: list[str]) -> None:
    assert split_actor_cell(cell, words=WORDS) == pieces


@pytest.mark.parametrize(
    ("cell", "pieces"),
    [
        ("Economic and Social Commission for Asia and the Pacific (ESCAP), UNDP",
         ["Economic and Social Commission for Asia and the Pacific (ESCAP)", "UNDP"]),
        ("UN DPA", ["UN DPA"]),
        ("S/GWI and USAID", ["S/GWI", "USAID"]),
        ("Camões, I.P.", ["Camões, I.P."]),
        ("Ministry of Foreign\nAffairs", ["Ministry of Foreign\nAffairs"]),
        ("Department of Peacekeeping\nOperations, UNIFEM",
         ["Department of Peacekeeping\nOperations", "UNIFEM"]),
        ("MIMP – MINJUSDH", ["MIMP", "MINJUSDH"]),
    ],
)  # fmt: skip
def test_split_actor_cell_keeps_known_names_whole(cell: str, pieces: list[str], gaz: Gazetteer) -> None:
    assert split_actor_cell(cell, gaz) == pieces


def test_split_of_empty_cell() -> None:
    assert split_actor_cell("", words=WORDS) == []
    assert split_actor_cell("  \n ; ", words=WORDS) == []


def test_split_needs_the_actor_words() -> None:
    with pytest.raises(ValueError, match="actor words"):
        split_actor_cell("MOFA, MND")


# --------------------------------------------------------------------------------------------
# matching: fields, exclusions, OCR, unknowns
# --------------------------------------------------------------------------------------------


def test_match_actors_fields(gaz: Gazetteer) -> None:
    mogef = "Ministry of Gender Equality and Family"
    koica = "Korea International Cooperation Agency"
    assert match_actors("MOGEF\nKOICA", gaz, "KOR") == [
        ActorMatch("MOGEF", "KOR:MOGEF", mogef, "ministry", "gender_equality", 1.0),
        ActorMatch("KOICA", "KOR:KOICA", koica, "agency", "development", 1.0),
    ]


def test_exclusion(gaz: Gazetteer) -> None:
    [match] = match_actors("All excluding KOICA", gaz, "KOR")
    assert match.actor_raw == "All excluding KOICA"
    assert match.actor_code == ALL_GOVERNMENT_CODE
    assert match.actor_type == "collective"
    assert match.sector == "all_government"
    assert match.excluded == ("KOR:KOICA",)


@pytest.mark.parametrize(
    ("cell", "country", "excluded"),
    [
        ("Todos excepto MINSA y MINEDU", "PER", ("PER:MINSA", "PER:MINEDU")),
        ("All ministries except MND and MOU", "KOR", ("KOR:MND", "KOR:MOU")),
        ("All (except KOICA)", "KOR", ("KOR:KOICA",)),
        ("Tous les ministères sauf le Ministère de la Défense", "CIV", ("CIV:MD",)),
    ],
)
def test_exclusion_lists(cell: str, country: str, excluded: tuple[str, ...], gaz: Gazetteer) -> None:
    [match] = match_actors(cell, gaz, country)
    assert (match.actor_code, match.excluded) == (ALL_GOVERNMENT_CODE, excluded)


def test_exclusion_ends_at_its_line(gaz: Gazetteer) -> None:
    matches = match_actors("MOGEF\nAll excluding KOICA\nMOJ", gaz, "KOR")
    assert [(m.actor_code, m.excluded) for m in matches] == [
        ("KOR:MOGEF", ()),
        (ALL_GOVERNMENT_CODE, ("KOR:KOICA",)),
        ("KOR:MOJ", ()),
    ]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("\u041c\u041e\u0408", "KOR:MOJ"),  # Cyrillic М О Ј
        ("IVIOJ", "KOR:MOJ"),
        ("\u041c\u041e\u0415", "KOR:MOE"),  # Cyrillic М О Е
        ("M0FA", "KOR:MOFA"),
    ],
)
def test_ocr_repair_keeps_the_printed_text(raw: str, code: str, gaz: Gazetteer) -> None:
    match = match_actor(raw, gaz, "KOR")
    assert (match.actor_raw, match.actor_code) == (raw, code)
    assert match.score < 1.0


def test_ocr_repair_only_where_the_repair_is_known(gaz: Gazetteer) -> None:
    # "IVIOEA" repairs to "MOEA", which is no gazetteer code: nothing is rewritten
    assert match_actor("IVIOEA", gaz, "KOR") == ActorMatch("IVIOEA", None, None, "other", None, 0.0)


def test_unknown_actor_is_kept(gaz: Gazetteer) -> None:
    unknown = ActorMatch("MOEA", None, None, "other", None, 0.0)
    assert match_actors("MND MOU MOFA MOEA", gaz, "KOR")[-1] == unknown
    raws = [m.actor_raw for m in match_actors("Stabilisation Unit, FCDO", gaz, "GBR")]
    assert raws == ["Stabilisation Unit", "FCDO"]


def test_generic_phrase_without_country_keeps_type_and_sector(gaz: Gazetteer) -> None:
    match = match_actor("Ministry of Foreign Affairs", gaz)
    assert (match.actor_code, match.actor_type, match.sector) == (None, "ministry", "foreign_affairs")
    assert 0 < match.score < 1


def test_country_context_picks_the_ministry(gaz: Gazetteer) -> None:
    assert match_actor("MOFA", gaz, "KOR").actor_code == "KOR:MOFA"
    assert match_actor("MOFA", gaz, "JPN").actor_code == "JPN:MOFA"
    assert match_actor("MFA", gaz, "SEN").actor_code == "SEN:MFA"  # Ministère des Forces armées
    assert match_actor("MFA", gaz, "SEN").sector == "defence"
    assert match_actor("Ministry of Defence", gaz, "kor").actor_code == "KOR:MND"


def test_unique_acronym_without_country(gaz: Gazetteer) -> None:
    assert match_actor("MOGEF", gaz).actor_code == "KOR:MOGEF"
    assert match_actor("MOJ", gaz).actor_code is None  # Korea, Japan, Liberia, ... all have one
    assert match_actor("DPO", gaz).actor_code == "DPO"  # UN before Italy's DPO


def test_distributive_phrase_raws(gaz: Gazetteer) -> None:
    matches = match_actors("Ministères du Genre, Intérieur, Affaires étrangères", gaz, "COD")
    assert [(m.actor_raw, m.actor_code) for m in matches] == [
        ("Ministères du Genre", "COD:MINGENRE"),
        ("Intérieur", "COD:MININTER"),
        ("Affaires étrangères", "COD:MAE"),
    ]


def test_duplicates_removed_in_printed_order(gaz: Gazetteer) -> None:
    assert codes("UNIFEM, OSAGI, UNDP and INSTRAW", gaz) == ["UN-WOMEN", "UNDP"]
    assert [m.actor_raw for m in match_actors("UNIFEM, OSAGI", gaz)] == ["UNIFEM"]


def test_match_actor_of_blank_text(gaz: Gazetteer) -> None:
    assert match_actor("  ", gaz) == ActorMatch("  ", None, None, "other", None, 0.0)


def test_match_results_use_the_vocabularies(gaz: Gazetteer) -> None:
    for raw, country, _ in CASES:
        for m in match_actors(raw, gaz, country):
            assert m.actor_type in ACTOR_TYPES
            assert m.sector is None or m.sector in SECTORS
            assert 0.0 <= m.score <= 1.0
            assert m.actor_raw.strip() and m.actor_raw in raw


# --------------------------------------------------------------------------------------------
# the Korean seed: every label of the "Implementing Ministry/Agency" column
# --------------------------------------------------------------------------------------------

# The column as printed in kor-nap-2.txt (label per action row), OCR damage kept.
KOR_NAP_ACTOR_COLUMN = (
    "MND", "KNPA", "KOICA", "MND", "MND", "MND MOU MOFA MOIS", "MOGEF", "MND MOFA MOU", "MOGEF",
    "MOFA", "MOU MOGEF", "MOGEF MOIS", "MOIS MOGEF", "MOGEF", "MOFA", "\u041c\u041e\u0408",
    "IVIOJ", "MOFA MOGEF", "MOGEF", "MOFA", "MOGEF", "\u041c\u041e\u0415", "MOGEF", "MND MOU",
    "MOFA", "MOU", "MOFA", "MND MOU", "MND MOU MOFA", "MOGEF", "MOGEF", "MOFA", "MOGEF", "MND",
    "MND", "MOGEF MOU", "MOJ", "KOICA", "MOEA", "MOFA KOICA", "KOICA", "KOICA", "MOGEF KOICA",
    "KOICA", "All", "All excluding KOICA", "MOGEF", "MOGEF", "All", "MOGEF",
)  # fmt: skip
# "MOEA" (action 10.2.1, humanitarian assistance) must stay unknown: it is most likely "MOFA"
# misread, but E/F is no safe OCR rule (MOE and MOEF exist as well), so it is never guessed.
KOR_UNKNOWN = {"MOEA"}
KOR_ACTORS = {
    "KOR:MND", "KOR:MOU", "KOR:MOFA", "KOR:MOIS", "KOR:MOGEF", "KOR:MOJ", "KOR:MOE", "KOR:KNPA",
    "KOR:KOICA", ALL_GOVERNMENT_CODE,
}  # fmt: skip


def _seed_actor_cells(path: Path) -> list[str]:
    """Last tab-separated field of the action rows (strategy header rows left out)."""
    cells = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or line.startswith("Strategy") or re.match(r"\d+\.\d+ ", fields[1]):
            continue  # header rows, and the header row read a second time, garbled ("7.2 Duayida ...")
        if fields[-1].strip():
            cells.append(fields[-1].strip())
    return cells


def test_korean_actor_column_is_known(gaz: Gazetteer) -> None:
    found: set[str] = set()
    for cell in KOR_NAP_ACTOR_COLUMN:
        for match in match_actors(cell, gaz, "KOR"):
            if match.actor_raw in KOR_UNKNOWN:
                assert match.actor_code is None
            else:
                assert match.actor_code in KOR_ACTORS, match
                found.add(match.actor_code)
    assert found == KOR_ACTORS


def test_korean_actor_column_matches_the_seed_file(seeds: Path) -> None:
    assert _seed_actor_cells(need(seeds / "kor-nap-2.txt")) == [c for c in KOR_NAP_ACTOR_COLUMN[:-3]]


def test_korean_sectors(gaz: Gazetteer) -> None:
    assert gaz.get("KOR:MOU").sector == "unification"
    assert gaz.get("KOR:KNPA").sector == "police"
    assert gaz.get("KOR:KOICA").sector == "development"
    assert gaz.get("KOR:KOICA").actor_type == "agency"


# --------------------------------------------------------------------------------------------
# mentions in running text
# --------------------------------------------------------------------------------------------

# S/2007/567, footnote 4 and paragraph 11
UN_FOOTNOTE = (
    "The Department of Political Affairs, the Department of Peacekeeping Operations, ECA, the "
    "Office for Disarmament Affairs, OHCHR, UNDP, UNEP, UNESCO, UNHCR, UNFPA, UNICEF, UNIFEM and WFP."
)
UN_PARAGRAPH = (
    "With regard to initiatives taken to increase women's participation, the Office for Disarmament "
    "Affairs held two consultations with the Women's Institute for Alternative Development, Trinidad "
    "and Tobago, and consulted with nine non-governmental organizations on women and conflict issues. "
    "In addition to consultations, the Department of Political Affairs, together with UNDP, "
    "co-sponsored the training of local actors in conflict prevention skills in Guyana."
)


def test_find_mentions_in_un_footnote(gaz: Gazetteer) -> None:
    mentions = find_mentions(UN_FOOTNOTE, gaz)
    assert [m.actor_code for m in mentions] == [
        "DPPA", "DPO", "ECA", "UNODA", "OHCHR", "UNDP", "UNEP", "UNESCO", "UNHCR", "UNFPA",
        "UNICEF", "UN-WOMEN", "WFP",
    ]  # fmt: skip
    assert mentions[0] == Mention(4, 35, "Department of Political Affairs", "DPPA")
    for m in mentions:
        assert UN_FOOTNOTE[m.start : m.end] == m.text


def test_find_mentions_in_un_paragraph(gaz: Gazetteer) -> None:
    mentions = find_mentions(UN_PARAGRAPH, gaz)
    assert [(m.text, m.actor_code) for m in mentions] == [
        ("Office for Disarmament Affairs", "UNODA"),
        ("non-governmental organizations", "CSO"),
        ("Department of Political Affairs", "DPPA"),
        ("UNDP", "UNDP"),
    ]


def test_find_mentions_longest_match_wins(gaz: Gazetteer) -> None:
    text = (
        "Office of the Special Adviser on Gender Issues and Advancement of Women and the "
        "United Nations system"
    )
    assert [(m.text, m.actor_code) for m in find_mentions(text, gaz)] == [
        ("Office of the Special Adviser on Gender Issues and Advancement of Women", "UN-WOMEN"),
        ("United Nations system", "UN-SYSTEM"),
    ]


def test_find_mentions_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    found = [m.actor_code for m in find_mentions("WHO and UNICEF said who would come.", gaz)]
    assert found == ["WHO", "UNICEF"]
    assert find_mentions("All of them, men and women, met the government.", gaz) == []


def test_find_mentions_with_country(gaz: Gazetteer) -> None:
    text = (
        "The Ministry of Gender Equality and Family (MOGEF) led the effort in close cooperation with "
        "the Ministry of Foreign Affairs (MOFA), Ministry of Justice (MOJ) and KOICA."
    )
    found = [m.actor_code for m in find_mentions(text, gaz, "KOR")]
    assert found == ["KOR:MOGEF", "KOR:MOGEF", "KOR:MOFA", "KOR:MOFA", "KOR:MOJ", "KOR:MOJ", "KOR:KOICA"]
    # without the country, generic names and short acronyms shared by countries stay out
    assert [m.actor_code for m in find_mentions(text, gaz)] == ["KOR:MOGEF", "KOR:KOICA"]


def test_mention_matcher_is_built_once_per_gazetteer(gaz: Gazetteer) -> None:
    assert gaz.mention_index is gaz.mention_index
    other = Gazetteer(gaz.actors, gaz.words)
    assert other.mention_index is not gaz.mention_index


# --------------------------------------------------------------------------------------------
# gazetteer and directory
# --------------------------------------------------------------------------------------------


def test_directory_rows_unique_and_sorted(gaz: Gazetteer) -> None:
    rows = directory_rows(gaz)
    codes_ = [a.code for a in rows]
    assert codes_ == sorted(codes_)
    assert len(codes_) == len(set(codes_)) == len(gaz)
    assert len({(a.country, a.code) for a in rows}) == len(rows)
    for a in rows:
        assert isinstance(a, Actor)
        assert a.actor_type in ACTOR_TYPES
        assert a.sector in SECTORS and set(a.other_sectors) <= set(SECTORS)
        if a.country:
            assert a.code.startswith(a.country + ":") and re.fullmatch(r"[A-Z]{3}", a.country)
        else:
            assert ":" not in a.code


def test_no_alias_names_two_bodies_of_one_country(gaz: Gazetteer) -> None:
    from normalizers.text import fold

    owners: dict[tuple[str, str], set[str]] = {}
    for a in gaz:
        for surface in (a.name, *a.aliases):
            owners.setdefault((a.country or "", fold(surface)), set()).add(a.code)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_gazetteer_coverage(gaz: Gazetteer) -> None:
    complete = [
        c
        for c in gaz.countries
        if set(CORE_SECTORS) <= {s for a in gaz.in_country(c) for s in (a.sector, *a.other_sectors)}
    ]
    assert len(complete) >= 25
    for code in ("UN-WOMEN", "DPO", "DPPA", "DGC", "ECA", "ECE", "ECLAC", "ESCAP", "ESCWA", "UNSG"):
        assert code in gaz
    collective = (
        "ALL-GOV", "GOV", "MEMBER-STATES", "CSO", "PTF", "PARLIAMENT", "PARTIES-CONFLICT",
        "UN-SYSTEM", "ALL-STAKEHOLDERS",
    )  # fmt: skip
    for code in collective:
        assert gaz.get(code).actor_type == "collective"
    # former names stay aliases of their successor
    assert {"UNIFEM", "OSAGI", "INSTRAW"} <= set(gaz.get("UN-WOMEN").aliases)
    assert "DPKO" in gaz.get("DPO").aliases
    assert "DPA" in gaz.get("DPPA").aliases
    assert "DPI" in gaz.get("DGC").aliases


def test_gazetteer_is_immutable(gaz: Gazetteer) -> None:
    with pytest.raises(AttributeError):
        gaz.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError):
        gaz.actors[0].code = "X"  # type: ignore[misc]


def test_gazetteer_pickles(gaz: Gazetteer) -> None:
    find_mentions("UNDP", gaz)  # builds the cached matcher, which is not pickled
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.actors == gaz.actors
    assert codes("MND MOU", copy, "KOR") == ["KOR:MND", "KOR:MOU"]
    assert [m.actor_code for m in find_mentions("UNDP and WHO", copy)] == ["UNDP", "WHO"]


def test_load_gazetteer_from_given_paths(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"
    path.write_text(
        "code,name,country,actor_type,sector,aliases\n"
        "KOR:MND,Ministry of National Defense,KOR,ministry,defence,MND|국방부\n"
        "ALL-GOV,All ministries,,collective,all_government,All\n",
        encoding="utf-8",
    )
    tiny = load_gazetteer([path])
    assert len(tiny) == 2
    assert codes("MND\n국방부\nAll excluding MND", tiny, "KOR") == ["KOR:MND", "ALL-GOV"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("KOR:X,X,KOR,bureau,defence,", "actor_type"),
        ("KOR:X,X,KOR,ministry,war,", "sector"),
        ("X,X,KOR,ministry,defence,", "KOR:ACRONYM"),
        ("KOR:X,X,,ministry,defence,", "reserved"),
        ("X:Y,X,Korea,ministry,defence,", "alpha-3"),
    ],
)
def test_bad_rows_are_refused(row: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,name,country,actor_type,sector,aliases\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_gazetteer([path])


def test_duplicate_codes_are_refused() -> None:
    actor = Actor("UNDP", "United Nations Development Programme", None, "un_entity", "un_system", ())
    with pytest.raises(ValueError, match="duplicate"):
        Gazetteer([actor, actor], WORDS)


def test_missing_columns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,name\nUNDP,United Nations Development Programme\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        load_gazetteer([path])


def test_an_unknown_line_is_never_swallowed_by_a_known_one() -> None:
    """Stacked cells: a near miss must not join separate lines (the unknown actor stays a row)."""
    gaz = load_gazetteer()
    got = [(m.actor_raw, m.actor_code) for m in match_actors("MWFA\nCivil society organisations", gaz)]
    assert got == [("MWFA", None), ("Civil society organisations", "CSO")]


# --------------------------------------------------------------------------------------------
# the words actors are read with (reference/actor_words.yaml)
# --------------------------------------------------------------------------------------------


def _words_data() -> dict:
    import yaml

    return yaml.safe_load((REFERENCE_DIR / "actor_words.yaml").read_text(encoding="utf-8"))


def test_actor_words_are_folded_as_they_are_matched() -> None:
    from normalizers.text import fold

    data = _words_data()
    for key, value in data.items():
        lists = value.values() if isinstance(value, dict) else [value]
        for words in lists:
            # the government words are matched in the printed text, case-insensitively
            assert all(w == fold(w) for w in words), key


def test_actor_words_refuse_unknown_keys_and_sectors() -> None:
    data = _words_data()
    with pytest.raises(ValueError, match="unknown keys"):
        ActorWords.from_dict({**data, "stopwords": ["x"]})
    with pytest.raises(ValueError, match="missing keys"):
        ActorWords.from_dict({k: v for k, v in data.items() if k != "connectors"})
    with pytest.raises(ValueError, match="war"):
        ActorWords.from_dict({**data, "sector_terms": {**data["sector_terms"], "war": ["war"]}})
    with pytest.raises(ValueError, match="list of words"):
        ActorWords.from_dict({**data, "connectors": "of the"})


def test_actor_words_derive_the_named_government_pattern() -> None:
    assert WORDS.named_government.match("Government of the Republic of Korea")
    assert WORDS.named_government.match("Gouvernement du Mali")
    assert WORDS.named_government.match("ROK Government")
    assert not WORDS.named_government.match("the government and its partners")
