"""Numbering grammar: the label that opens a heading, item or cell, and its place in a tree.

Recognised (with the text that follows):
- decimal: ``1.``, ``1.1.``, ``1.1.1``, ``1)``, ``1.2)``, ``(1)``
- letters: ``a)``, ``(a)``, ``a.``, ``A.``, ``A)``
- roman: ``I.``, ``IV.``, ``(iv)``, ``ii)``
- keyword-prefixed: ``Objective 1``, ``OE 1.1``, ``Strategy 2.3:``, ``AXE 1.``, ``Eje 2 -``,
  ``Pillar 3:``, ``Outcome 1.2``, ``Résultat 2.1``
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from normalizers.text import BULLETS

_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", re.I)
_PREFIX_WORDS = (
    r"objective|objectives|obj|strategic objective|specific objective|so|oe|os|og|strategy|"
    r"outcome|output|result|expected result|pillar|area|priority|goal|action|activity|"
    r"objetivo|objetivo estrat[ée]gico|objetivo espec[íi]fico|estrategia|resultado|eje|pilar|acci[óo]n|actividad|"
    r"objectif|objectif strat[ée]gique|objectif sp[ée]cifique|strat[ée]gie|r[ée]sultat|axe|pilier|activit[ée]|effet|produit|mesure|medida|"
    r"objetivo estrat[ée]gico|eixo|estrat[ée]gia|a[çc][ãa]o|atividade|produto|"  # Portuguese
    r"ziel|strategisches ziel|teilziel|handlungsfeld|ma(?:ß|ss)nahme|ergebnis|s[äa]ule|"  # German
    r"obiettivo|obiettivo strategico|obiettivo specifico|azione|asse|pilastro|risultato|"  # Italian
    r"doel|doelstelling|strategisch doel|actie|maatregel|pijler|resultaat"  # Dutch
)
# a number may touch its keyword ("OE1.1", "Objective1"); a letter or roman numeral must stand
# apart ("Pillar A", "Objective II"): glued on, it is the rest of a word ("Objectives",
# "Results", "soil" = "so" + "il", "Action not")
_PREFIXED = re.compile(
    rf"^(?P<label>(?:{_PREFIX_WORDS})\.?\s*(?:n[°o.]\.?\s*)?(?P<num>\d+(?:\.\d+)*|(?<=[\s.°])(?:[ivxlc]+|[a-z]))\b\.?)"
    r"\s*[:.\-–—)]?\s+(?P<rest>\S.*)$",
    re.I | re.S,
)
# "1.1.Build" (no space) is accepted for multi-level labels closed by a dot
# short capital codes before a number: "R1.1", "R 1.1.1", "OS 2", "SO1", "A1.2"
_CODED = re.compile(r"^(?P<label>(?P<prefix>[A-Z]{1,3})\s?(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?)[:.\-–)]?\s+(?P<rest>\S.*)$", re.S)
_DECIMAL = re.compile(
    r"^(?P<label>\(?(?P<num>\d{1,3}(?:\.\d{1,3})*)(?:\.|\)|\.\))?)(?:(?=\s)|(?<=\d\.)(?<=\.\d\.|\d\d\.)(?=[A-ZÀ-Ý]))\s*(?P<rest>\S.*)$",
    re.S,
)
_LETTER = re.compile(r"^(?P<label>\(?(?P<num>[a-zA-Z])[.)])\s+(?P<rest>\S.*)$", re.S)
_ROMAN_LABEL = re.compile(r"^(?P<label>\(?(?P<num>[ivxlcIVXLC]{1,6})[.)])\s+(?P<rest>\S.*)$", re.S)


@dataclass(frozen=True, slots=True)
class Numbering:
    """A parsed numbering label."""

    label: str  # as printed, e.g. "1.1." or "(a)"
    style: str  # decimal | letter | roman | prefixed
    parts: tuple[int, ...]  # (1, 1) for "1.1."; letters a→1; roman iv→4
    prefix: str | None  # the keyword for prefixed labels ("objective", "axe", ...)
    closer: str  # ")" for "1)" / "a)", "." for "1." / "a.", "" otherwise

    @property
    def depth(self) -> int:
        return len(self.parts)


def roman_to_int(text: str) -> int | None:
    if not text or not _ROMAN.match(text):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        v = values[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _closer(label: str) -> str:
    return ")" if label.endswith(")") else "." if label.endswith(".") else ""


def _prefixed_parts(num: str) -> tuple[int, ...] | None:
    """The parts of a keyword-prefixed label's number: ``1.2`` → (1, 2), a roman numeral (``II``,
    ``iv``; a single ``i``/``v``/``x`` too) → its value, a single letter → its place in the
    alphabet. None for several letters that are no roman numeral (``il``, ``civil``): that is a
    word after the keyword ("Strategy civil society…"), not a label."""
    if re.fullmatch(r"[\d.]+", num):
        return tuple(int(p) for p in num.split(".") if p)
    value = roman_to_int(num)
    if value and (len(num) > 1 or num.lower() in ("i", "v", "x")):
        return (value,)
    return (ord(num.lower()) - 96,) if len(num) == 1 else None


def _parse_prefixed(s: str) -> tuple[Numbering, str] | None:
    """A keyword-prefixed label (``Objective 1``, ``AXE II.``, ``Objectif n° 2``) and the rest."""
    m = _PREFIXED.match(s)
    parts = _prefixed_parts(m.group("num")) if m else None
    if m is None or parts is None:
        return None
    prefix = re.sub(r"[\s.]+$", "", s[: m.start("num")]).strip().lower()
    prefix = re.sub(r"\s+n[°o.]?$|n°$", "", prefix).strip(" .")  # "Objectif n° 1", not "Action 1"
    label = m.group("label").strip()
    return Numbering(label, "prefixed", parts, prefix, _closer(m.group("label"))), m.group("rest").strip()


def parse_numbering(text: str) -> tuple[Numbering | None, str]:
    """Split a leading numbering label from ``text``: ``(numbering or None, rest)``."""
    s = text.strip()
    prefixed = _parse_prefixed(s)
    if prefixed is not None:
        return prefixed
    m = _CODED.match(s)
    if m:
        parts = tuple(int(p) for p in m.group("num").split(".") if p)
        return Numbering(m.group("label"), "prefixed", parts, m.group("prefix").lower(), _closer(m.group("label"))), m.group("rest").strip()
    m = _DECIMAL.match(s)
    if m and (m.group("label").endswith((".", ")")) or "." in m.group("num")):
        parts = tuple(int(p) for p in m.group("num").split(".") if p)
        if not (len(parts) == 1 and parts[0] > 300):
            return Numbering(m.group("label"), "decimal", parts, None, _closer(m.group("label"))), m.group("rest").strip()
    m = _ROMAN_LABEL.match(s)
    if m and roman_to_int(m.group("num")) and (len(m.group("num")) > 1 or m.group("num") in "IVXivx"):
        value = roman_to_int(m.group("num")) or 0
        # a single "i"/"v"/"x" is ambiguous with letters; treat upper-case forms as roman
        if len(m.group("num")) > 1 or m.group("num").isupper():
            return Numbering(m.group("label"), "roman", (value,), None, _closer(m.group("label"))), m.group("rest").strip()
    m = _LETTER.match(s)
    if m:
        return (
            Numbering(m.group("label"), "letter", (ord(m.group("num").lower()) - 96,), None, _closer(m.group("label"))),
            m.group("rest").strip(),
        )
    return None, s


_ITEM_START = re.compile(r"(?:^|\n)\s*(\(?[a-z]\))\s+", re.I)


def split_lettered_items(text: str) -> list[tuple[str, str]]:
    """``a) … b) …`` items inside one cell, as (label, text); [] when there are fewer than two.

    Items must start a line (or the cell) and run in letter order from the first one (a cell
    continued after a page break may start at "b)"), so a stray "b)" inside a sentence never
    splits it.
    """
    starts = [(m.start(1), m.end(), m.group(1)) for m in _ITEM_START.finditer(text)]
    items: list[tuple[str, str]] = []
    if not starts or starts[0][0] > 0 and text[: starts[0][0]].strip():
        return []
    expected = ord(starts[0][2].strip("()").lower())  # a cell may go on from b) after a page break
    kept: list[tuple[int, int, str]] = []
    for start, end, label in starts:
        letter = label.strip("()").lower()
        if ord(letter) == expected:
            kept.append((start, end, label))
            expected += 1
    if len(kept) < 2 or text[: kept[0][0]].strip():
        return []
    for i, (start, end, label) in enumerate(kept):
        stop = kept[i + 1][0] if i + 1 < len(kept) else len(text)
        items.append((label, text[end:stop].strip()))
    return items


_NUMBERED_START = re.compile(r"(?:^|\n)[ \t]*(\(?\d{1,2}[.)])[ \t]+")
_DECIMAL_START = re.compile(r"(?:^|\n)[ \t]*(\d{1,2}(?:\.\d{1,2}){1,3}\.?)[ \t]+")
_ROMAN_START = re.compile(r"(?:^|\n)[ \t]*(\(?[ivx]{1,4}[.)])[ \t]+", re.I)
_BULLET_START = re.compile(r"(?:^|\n)[ \t]*([" + re.escape(BULLETS) + r"])[ \t]+")


def _sequence(text: str, pattern: re.Pattern[str], value: Callable[[str], int | None]) -> list[tuple[str, str]]:
    """Items whose labels run 1, 2, 3 … (from the first label's value), each opening a line."""
    starts = [(m.start(1), m.end(), m.group(1)) for m in pattern.finditer(text)]
    if len(starts) < 2 or text[: starts[0][0]].strip():
        return []
    kept: list[tuple[int, int, str]] = []
    expected = value(starts[0][2])
    for start, end, label in starts:
        n = value(label)
        if n is not None and n == expected:
            kept.append((start, end, label))
            expected += 1
    if len(kept) < 2:
        return []
    return [(label, text[end : kept[i + 1][0] if i + 1 < len(kept) else len(text)].strip())
            for i, (_, end, label) in enumerate(kept)]


def split_cell_items(text: str) -> list[tuple[str, str]]:
    """The activities listed in one cell, as (label, text): lettered (``a) … b) …``), numbered
    (``1) … 2) …``, ``1. … 2. …``), roman (``i) … ii) …``), decimal under one parent (``1.2.1 …
    1.2.2 …``) or bulleted (``• … • …``, label "");
    [] when the cell holds one activity. Items open lines and run in order from the first line,
    so a list under a lead-in line (``Train staff on:`` ``• …``) stays one activity."""
    items = split_lettered_items(text)
    if items:
        return items
    items = _sequence(text, _NUMBERED_START, lambda label: int(label.strip("().")))
    if items:
        return items
    items = _sequence(text, _ROMAN_START, lambda label: roman_to_int(label.strip("().")))
    if items:
        return items
    decimal = [m.group(1).rstrip(".") for m in _DECIMAL_START.finditer(text)]
    if decimal and len({d.rpartition(".")[0] for d in decimal}) == 1:  # 1.1.1, 1.1.2 … under one parent
        items = _sequence(text, _DECIMAL_START, lambda label: int(label.rstrip(".").rpartition(".")[2]))
        if items:
            return items
    starts = list(_BULLET_START.finditer(text))
    if len(starts) < 2 or text[: starts[0].start(1)].strip():
        return []
    return [("", text[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)].strip())
            for i, m in enumerate(starts)]


_LETTER_REF = re.compile(r"(?<![\w(])\(?([a-z])\)(?=[\s,;:]|$)", re.I)
_LETTER_REF_LIST = re.compile(
    r"^\s*(\(?[a-z]\)(?:\s*(?:,|;|and|y|et|e|und|en|ed|&|-|–|to|à|a|bis|tot)\s*\(?[a-z]\))*)\s*[:.\-–]?\s*", re.I
)


def referenced_letters(text: str) -> tuple[tuple[str, ...], str]:
    """Letters an indicator/target cell opens with (``a) and b) …`` → ('a', 'b')) and the rest."""
    m = _LETTER_REF_LIST.match(text)
    if not m:
        return (), text.strip()
    letters = tuple(ch.lower() for ch in _LETTER_REF.findall(m.group(1)))
    span = re.search(r"([a-z])\)\s*(?:-|–|to|à|a|bis|tot)\s*\(?([a-z])\)", m.group(1), re.I)
    if span:  # a range: "a) to c)"
        lo, hi = ord(span.group(1).lower()), ord(span.group(2).lower())
        letters = tuple(chr(c) for c in range(lo, hi + 1))
    return letters, text[m.end():].strip()


def split_lettered_references(text: str) -> list[tuple[tuple[str, ...], str]]:
    """An indicator/target cell split into parts, each with the activity letters it applies to.

    ``"a) and b) Number of …\\nc) Share of …"`` → [(('a','b'), 'Number of …'), (('c',), 'Share of …')];
    a part without letters applies to every activity: ``((), text)``.
    """
    lines = [ln for ln in text.split("\n")]
    parts: list[tuple[tuple[str, ...], list[str]]] = []
    for ln in lines:
        letters, rest = referenced_letters(ln)
        if letters or not parts:
            parts.append((letters, [rest] if rest else []))
        else:
            parts[-1][1].append(ln.strip())
    return [(letters, "\n".join(body).strip()) for letters, body in parts if body or letters]
