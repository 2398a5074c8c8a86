"""Phrase vocabularies (column roles, pillars): canonical label → phrases, as declared in the
YAML files of ``reference/`` (read by ``pipeline.references``, handed in).

Matching folds both sides the same way (:func:`normalizers.text.fold` with ``phrase=True``):
accents and case dropped, punctuation to spaces, a plural ``s`` dropped, so one phrase covers
"Indicator", "INDICATORS" and "indicateurs".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from normalizers.text import fold as fold_text

_NUMBERING = re.compile(r"^\s*(?:[0-9ivxlc]+[.)]?|\(?[a-z0-9]{1,3}[.)])\s+", re.IGNORECASE)

#: How phrases are compared: the one fold of :mod:`normalizers.text`, in its phrase form.
fold = partial(fold_text, phrase=True)


@dataclass(frozen=True)
class PhraseVocabulary:
    """Canonical label → phrases, pre-folded; longest phrase wins."""

    phrases: tuple[tuple[str, str], ...]  # (folded phrase, label), longest first
    labels: tuple[str, ...] = ()  # in the order of the mapping (ties between equal phrases)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Sequence[str]]) -> PhraseVocabulary:
        pairs = {(fold(str(p)), label) for label, phrases in mapping.items() for p in phrases}
        return cls._ordered(pairs, tuple(mapping))

    @classmethod
    def _ordered(cls, pairs: set[tuple[str, str]], labels: tuple[str, ...]) -> PhraseVocabulary:
        ordered = sorted(pairs, key=lambda pl: (-len(pl[0].split()), -len(pl[0]), labels.index(pl[1]), pl[0]))
        return cls(tuple(p for p in ordered if p[0]), labels)

    def extended(self, extra: Mapping[str, Sequence[str]]) -> PhraseVocabulary:
        """This vocabulary with further phrases (a document profile's); an extra phrase that
        equals an existing one moves to the extra label."""
        if not extra:
            return self
        added = {(fold(str(p)), label) for label, phrases in extra.items() for p in phrases}
        moved = {phrase for phrase, _ in added}
        pairs = {pl for pl in self.phrases if pl[0] not in moved} | added
        labels = tuple(dict.fromkeys((*self.labels, *extra)))
        return PhraseVocabulary._ordered(pairs, labels)

    def exact(self, text: str) -> str | None:
        """Label whose phrase equals the whole text (numbering and trailing colons ignored)."""
        key = fold(_NUMBERING.sub("", text))
        for phrase, label in self.phrases:
            if phrase == key:
                return label
        return None

    def contains(self, text: str) -> str | None:
        """Label of the longest phrase found as whole words anywhere in the text."""
        key = f" {fold(text)} "
        for phrase, label in self.phrases:
            if f" {phrase} " in key:
                return label
        return None


def header_role(text: str, vocab: PhraseVocabulary) -> str | None:
    """Column role named by a header cell, or None when the cell is not a header.

    A header is short: the whole cell matches a phrase, or the matching phrase covers at least
    half of the cell's words (``Lead agency (ministry)``, ``Indicadores de resultado``).
    """
    if not text.strip():
        return None
    role = vocab.exact(text)
    if role:
        return role
    words = fold(_NUMBERING.sub("", text)).split()
    if not words or len(words) > 6:
        return None
    key = f" {' '.join(words)} "
    for phrase, label in vocab.phrases:
        if f" {phrase} " in key and len(phrase.split()) * 2 >= len(words):
            return label
    return None


def classify_pillar(text: str, vocab: PhraseVocabulary) -> str | None:
    """Canonical pillar named in a short banner or heading, else None."""
    return vocab.contains(text)
