"""The numbering grammar: labels, levels, lettered items and the letters an indicator covers."""

from __future__ import annotations

import pytest

from normalizers.numbering import (
    parse_numbering,
    referenced_letters,
    roman_to_int,
    split_cell_items,
    split_lettered_items,
    split_lettered_references,
)


@pytest.mark.parametrize(
    "text, label, style, parts, rest",
    [
        ("1. Raise awareness", "1.", "decimal", (1,), "Raise awareness"),
        ("1.1. Build capacity", "1.1.", "decimal", (1, 1), "Build capacity"),
        ("12.3. Reinforce", "12.3.", "decimal", (12, 3), "Reinforce"),
        ("7.2.Continue international efforts", "7.2.", "decimal", (7, 2), "Continue international efforts"),
        ("2) Offer education", "2)", "decimal", (2,), "Offer education"),
        ("(3) Third item", "(3)", "decimal", (3,), "Third item"),
        ("(a) Urge Member States", "(a)", "letter", (1,), "Urge Member States"),
        ("b) Support", "b)", "letter", (2,), "Support"),
        ("A. Background", "A.", "letter", (1,), "Background"),
        ("IV. Recommendations", "IV.", "roman", (4,), "Recommendations"),
        ("ii) second", "ii)", "roman", (2,), "second"),
        ("Objective 1: Increase women's participation", "Objective 1", "prefixed", (1,), "Increase women's participation"),
        ("OE 1.1 Promote", "OE 1.1", "prefixed", (1, 1), "Promote"),
        ("AXE 1. PARTICIPATION", "AXE 1.", "prefixed", (1,), "PARTICIPATION"),
        ("Eje 2. Prevención", "Eje 2.", "prefixed", (2,), "Prevención"),
        ("Résultat 2.1 : Les femmes", "Résultat 2.1", "prefixed", (2, 1), "Les femmes"),
    ],
)
def test_labels(text: str, label: str, style: str, parts: tuple[int, ...], rest: str) -> None:
    num, remainder = parse_numbering(text)
    assert num is not None
    assert (num.label, num.style, num.parts, remainder) == (label, style, parts, rest)


@pytest.mark.parametrize("text", ["2005-2007 Action Plan", "Prevention", "1.Raise", "1325 (2000) was adopted", "MND MOU"])
def test_not_labels(text: str) -> None:
    assert parse_numbering(text)[0] is None


def test_roman() -> None:
    assert [roman_to_int(x) for x in ("I", "iv", "IX", "xii", "MND")] == [1, 4, 9, 12, None]


def test_lettered_items_split_only_in_sequence_at_line_starts() -> None:
    cell = "a) Train police officers\non gender-based violence\nb) Draft the law\nc) Run a campaign"
    assert split_lettered_items(cell) == [
        ("a)", "Train police officers\non gender-based violence"), ("b)", "Draft the law"), ("c)", "Run a campaign")]
    assert split_lettered_items("Support groups (see b) below)") == []
    assert split_lettered_items("a) Only one item") == []
    assert split_lettered_items("Intro text\na) one\nb) two") == []


def test_indicator_letters() -> None:
    assert referenced_letters("a) and b) Number of officers trained") == (("a", "b"), "Number of officers trained")
    assert referenced_letters("a) y b) Número de policías") == (("a", "b"), "Número de policías")
    assert referenced_letters("a) et c) Nombre de femmes") == (("a", "c"), "Nombre de femmes")
    assert referenced_letters("a) to c) Share of budget") == (("a", "b", "c"), "Share of budget")
    assert referenced_letters("Number of laws adopted") == ((), "Number of laws adopted")
    assert split_lettered_references("a) y b) Número de policías\nformadas\nc) Ley adoptada") == [
        (("a", "b"), "Número de policías\nformadas"), (("c",), "Ley adoptada")]


@pytest.mark.parametrize("cell,expected", [
    ("1) Train police\n2) Equip units\n3) Monitor", [("1)", "Train police"), ("2)", "Equip units"), ("3)", "Monitor")]),
    ("i) first\nii) second", [("i)", "first"), ("ii)", "second")]),
    ("1.2.1 Train\n1.2.2 Equip", [("1.2.1", "Train"), ("1.2.2", "Equip")]),
    ("• Train police\n• Equip\nunits", [("", "Train police"), ("", "Equip\nunits")]),
    ("Train staff on:\n• gender\n• human rights", []),  # a list under a lead-in is one activity
    ("1.1 Strengthen\n2.1 Other", []),  # not one parent
    ("1) Only one", []),
    ("Single activity with\n- a wrapped hyphen", []),
])
def test_split_cell_items(cell: str, expected: list[tuple[str, str]]) -> None:
    assert split_cell_items(cell) == expected


@pytest.mark.parametrize("text,label,prefix", [
    ("Objetivo No. 1 Fortalecer la participación", "Objetivo No. 1", "objetivo"),
    ("Objectif n° 2 : Renforcer", "Objectif n° 2", "objectif"),
    ("Action 3.1.1: The Ministry of Justice will", "Action 3.1.1", "action"),  # the n of "Action" stays
])
def test_numbered_prefixes(text: str, label: str, prefix: str) -> None:
    number, _ = parse_numbering(text)
    assert number is not None and (number.label, number.prefix) == (label, prefix)


@pytest.mark.parametrize("text", [
    "soil salinization, the project will employ",  # moz-afdb-rivacrep-par p18: "so" + "il" crashed (ord of 2 letters)
    "Strategy civil society engagement",  # roman letters that make no numeral: a word, not a label
    "Objectives of the plan", "Results framework", "Areas of work", "Strategies for peace",  # plurals
    "Action not taken",  # "no" + "t"
])
def test_letters_glued_to_a_prefix_word_or_no_roman_numeral_are_no_label(text: str) -> None:
    assert parse_numbering(text) == (None, text)


@pytest.mark.parametrize("text,label,parts", [
    ("Objective II: Protection", "Objective II", (2,)),
    ("Pillar iv Relief", "Pillar iv", (4,)),
    ("Outcome B. Access", "Outcome B.", (2,)),
    ("Obj.A Access", "Obj.A", (1,)),
    ("Objective1 Access", "Objective1", (1,)),
])
def test_prefixed_letters_and_romans_stand_apart(text: str, label: str, parts: tuple[int, ...]) -> None:
    number, _ = parse_numbering(text)
    assert number is not None and (number.label, number.style, number.parts) == (label, "prefixed", parts)
