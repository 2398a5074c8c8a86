"""Acronyms a document defines itself: ``Ministère de la Femme, de la Famille et de l'Enfant (MFFE)``
in running text, or ``MFFE   Ministère de la Femme, …`` on a list-of-acronyms page.

Plans name their actors by acronyms the gazetteer may not know (a new ministry, a country not in
it yet), but nearly every plan spells them out once. The long form then resolves like any printed
actor (a generic ``Ministry of …`` phrase gives at least the sector; with the document's country,
the country's body). Inline definitions are found with the Schwartz–Hearst algorithm (Schwartz
and Hearst, "A simple algorithm for identifying abbreviation definitions in biomedical text",
PSB 2003): the shortest run of preceding words in which the acronym's letters occur in order,
its first letter opening a word. The word window is wider than the original's (three words per
letter plus five) because French, Spanish and Portuguese names carry many articles
(``Ministère de la Femme, de la Famille et de l'Enfant``).

On a page where at least three lines, and a quarter of all its lines, open with an acronym
followed by a long form (a list of acronyms), each such line is a definition when the long form
opens with the acronym's first letter, even when the letters do not all occur in it (a
translated glossary: ``MINMUJER  Ministry of Women``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extractors.model import PageLayout, Word, group_lines
from normalizers.actors import is_acronym

__all__ = ("Glossary", "LazyGlossary", "document_glossary", "inline_definitions", "long_form")

_PAREN_ACRONYM = re.compile(r"\(\s*([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&\-]{1,11})\s*\)")
_GLOSSARY_SEP = re.compile(r"^\s*[:=–—-]?\s*")
_MIN_GLOSSARY_LINES = 3
_MIN_GLOSSARY_SHARE = 0.25  # of a page's lines: a list of acronyms, not a matrix that names actors
_GAP_PT = 14.0  # a wider gap between words splits a line into columns


def long_form(short: str, words: Sequence[str]) -> str | None:
    """Schwartz–Hearst: the shortest tail of ``words`` holding the letters of ``short`` in order,
    the first letter opening a word; None when there is none."""
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return None
    window = words[-(len(letters) * 3 + 5):]
    text = " ".join(window)
    s_idx, l_idx = len(letters) - 1, len(text) - 1
    while s_idx >= 0:
        c = letters[s_idx]
        while l_idx >= 0 and (
            text[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and text[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = text.rfind(" ", 0, l_idx + 1) + 1
    # shortest is not always right: ``Disarmament, Demobilization and Reintegration (DDR)`` has the
    # letters of DDR in its last two words; take in earlier capitalised words while the capitals
    # are fewer than the letters and the earlier word opens with the first letter
    head = text[:start].split()
    while head and _capitals(text[start:]) < len(letters) and head[-1][:1] == short[:1].upper():
        start = text.rfind(head.pop(), 0, start)
    found = text[start:].strip(" ,;:–—-")
    if len(found.split()) < 2 and len(found) <= len(short) + 2:
        return None  # the acronym repeated, or one short word: no definition
    if any(ch.isdigit() for ch in found):
        return None  # figures of a table row read across, not a name
    return found


def _capitals(text: str) -> int:
    return sum(1 for w in text.split() if w[:1].isupper())


def inline_definitions(text: str) -> list[tuple[str, str]]:
    """``(acronym, long form)`` for every ``Long Form (ACR)`` in ``text``."""
    out = []
    for m in _PAREN_ACRONYM.finditer(text):
        short = m.group(1)
        if not is_acronym(short.replace("-", "")):
            continue
        before = text[max(0, m.start() - 400) : m.start()]
        # the long form does not run back over a sentence end or another parenthesis
        before = re.split(r"[.;:()\[\]]\s|\n\n", before)[-1]
        found = long_form(short, before.split())
        if found and found[:1].isupper():
            out.append((short, found))
    return out


def _columns(line: Sequence[Word]) -> list[list[Word]]:
    cols: list[list[Word]] = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w.x0 - prev.x1 > _GAP_PT:
            cols.append([])
        cols[-1].append(w)
    return cols


def _glossary_lines(layout: PageLayout) -> list[tuple[str, str]]:
    """``(acronym, long form)`` of lines that read ``ACR  Long form``."""
    out = []
    for line in group_lines(layout.words):
        segments = _columns(line)
        # ACR | Long form drawn as two columns: rejoin pairs
        i = 0
        while i < len(segments):
            seg = segments[i]
            head = seg[0].text.strip(":")
            rest = [w.text for w in seg[1:]]
            if len(seg) == 1 and i + 1 < len(segments):
                rest = [w.text for w in segments[i + 1]]
                i += 1
            i += 1
            if not is_acronym(head) or not rest:
                continue
            long = _GLOSSARY_SEP.sub("", " ".join(rest)).strip()
            if len(long.split()) >= 2 and long[:1].isupper() and not is_acronym(long.split()[0]):
                out.append((head, long))
    return out


@dataclass(frozen=True)
class Glossary:
    """Acronym → long form, as the document defines them (the most frequent definition wins)."""

    definitions: Mapping[str, str]

    def get(self, acronym: str) -> str | None:
        return self.definitions.get(acronym.strip(" .,;:()"))

    def __len__(self) -> int:
        return len(self.definitions)


def document_glossary(layouts: Sequence[PageLayout]) -> Glossary:
    """Every acronym definition of a document: inline ones, and glossary pages' lines."""
    counts: dict[str, Counter[str]] = {}
    order: dict[tuple[str, str], int] = {}

    def add(short: str, long: str) -> None:
        counts.setdefault(short, Counter())[long] += 1
        order.setdefault((short, long), len(order))

    for layout in layouts:
        lines = group_lines(layout.words)
        text = "\n".join(" ".join(w.text for w in ln) for ln in lines)
        for short, long in inline_definitions(text.replace("\n", " ")):
            add(short, long)
        listed = [(s, lf) for s, lf in _glossary_lines(layout) if lf[:1].lower() == s[:1].lower()]
        if len(listed) >= max(_MIN_GLOSSARY_LINES, len(lines) * _MIN_GLOSSARY_SHARE):
            for short, long in listed:
                add(short, long)
    best = {
        short: min(c.items(), key=lambda kv: (-kv[1], order[(short, kv[0])]))[0]
        for short, c in sorted(counts.items())
    }
    return Glossary(best)


class LazyGlossary:
    """The document's glossary, read from its pages on the first lookup (most documents never
    need one: every actor they print is in the gazetteer)."""

    def __init__(self, layouts: Sequence[PageLayout]) -> None:
        self._layouts = layouts
        self._glossary: Glossary | None = None

    def get(self, acronym: str) -> str | None:
        if not is_acronym(acronym.strip(" .,;:()")):
            return None
        if self._glossary is None:
            self._glossary = document_glossary(self._layouts)
        return self._glossary.get(acronym)
