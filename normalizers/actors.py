"""Actor normalisation: ministries, agencies, UN entities and collective actors → canonical codes.

Plans name "who is responsible" in many ways: acronyms (``MND``, ``MoFA``), full names in the
national language (``Ministerio de Defensa Nacional``), abbreviations (``MIN. INTERIOR``), several
actors in one cell (``MND MOU MOFA MOIS``, ``MOGEF\\nKOICA``), distributive phrases
(``Ministères du Genre, Intérieur, Affaires étrangères``), exclusions (``All excluding KOICA``) and
OCR damage (``IVIOJ``, Cyrillic ``МОЈ``). This module maps each printed actor to an entry of the
gazetteer kept as CSV files under ``normalizers/reference/`` (format: ``reference/ACTORS.md``).
It reads no file: ``pipeline.references`` reads the CSV files and the words printed actors are
read with (``reference/actor_words.yaml``, an :class:`ActorWords`) and builds the
:class:`Gazetteer`, which carries those words to every function here.

Codes
    National bodies carry a country-qualified code ``ISO3:ACRONYM`` (``KOR:MND``, ``JPN:MOFA``);
    UN entities, international organisations and collective actors carry a bare code (``UNDP``,
    ``UN-WOMEN``, ``ALL-GOV``, ``CSO``). Codes are unique across the whole gazetteer, so
    ``actor_code`` alone is a join key for the ``actor_directory`` table.

Splitting a cell (:func:`split_actor_cell`): semicolons and bullets separate chunks; inside a
chunk newlines, commas, slashes, spaced dashes, ``and``/``y``/``et``/``e``/``or`` and phrases such
as ``in coordination with`` separate pieces, which are joined back where together they form a
gazetteer name (``Economic and Social Commission for Asia and the Pacific``), a near miss of one,
or one generic phrase (``Ministry of Gender, Children and Social Protection``). Space-separated
acronyms are split (``MND MOU MOFA MOIS``); a plural head with several sectors is distributive
(``Ministères du Genre, Intérieur, Affaires étrangères`` → three pieces), a singular head names
one body (``Ministry of Health and Social Welfare``). ``All excluding KOICA`` stays one piece, and
so do words sharing a head (``Leaders religieux et coutumiers``, ``Religious and traditional
leaders``: read as the two phrases they stand for).

Resolving one printed actor (first stage that yields a result wins; each stage is tried on the
whole text, then without its parentheticals, then on each parenthetical):

1. exact code / name / alias, accent-, case- and punctuation-insensitive: an entry of the
   document's country first, then a UN / international / collective entry (an alias only ever
   written as an acronym, ``MEN``, needs acronym-like text: ``Men`` is not it);
2. generic phrase resolved through the document's country: ``Ministry of Defence``,
   ``MIN. INTERIOR``, ``Ministère de la Santé``, ``National Police``, generic acronyms
   (``MoD``, ``MOFA``, ``MINDEF``) → that country's body for the sector;
3. an alias of another country's body, when it names one entry of the gazetteer and is no
   generic phrase: names with a proper noun (``Korea International Cooperation Agency``, not
   ``National Police Agency``); acronyms without a document country, or with one when of four
   letters or more or a development agency (``JICA`` in a Korean plan, but not ``MOU``);
4. OCR repair (Cyrillic/Greek homoglyphs, ``IVI``→``M``, ``0``→``O``, ``1``/``l``→``I``),
   accepted only when the repaired text is a gazetteer code, name or alias (stages 1 and 3);
5. "all ministries" phrases (``Relevant ministries``, ``Ministères concernés``) → ``ALL-GOV``;
   a government named with its country (``Government of the Republic of Korea``, ``Gouvernement
   du Mali``, ``ROK Government``) → ``GOV``;
6. a generic phrase that no country resolves: ``actor_code`` None, but ``actor_type`` and
   ``sector`` filled in (score 0.5), e.g. ``Ministry of Foreign Affairs`` with no country;
7. fuzzy match of full names (rapidfuzz ratio ≥ 90, no conflicting sector words).

An acronym that stage 1 does not settle on the document's country (or on a UN / collective
entry) and that the document defines itself (``glossary``: ``Ministère de la Femme, … (MFFE)``)
is resolved through its long form instead, which beats a guess from another country.

Actors named in a parenthetical are added (``MOFA (in cooperation with KOICA)``). Anything else
is unknown: ``actor_code`` None, ``actor_type`` ``other``, ``sector`` None; it is kept, never
dropped. Without a document country an acronym used by several countries (``MOJ``) resolves to
a UN / collective entry if one carries it (``DPO``), otherwise it stays without a code.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from normalizers.ocr_repair import HOMOGLYPHS, ocr_variants
from normalizers.text import fold

__all__ = (
    "ACTOR_TYPES",
    "ALL_GOVERNMENT_CODE",
    "CSV_COLUMNS",
    "SECTORS",
    "Actor",
    "ActorMatch",
    "ActorWords",
    "Gazetteer",
    "Mention",
    "actor_from_row",
    "check_actors",
    "directory_rows",
    "find_mentions",
    "is_acronym",
    "match_actor",
    "match_actors",
    "split_actor_cell",
)

SECTORS: tuple[str, ...] = (
    "defence",
    "foreign_affairs",
    "interior",
    "justice",
    "police",
    "gender_equality",
    "development",
    "education",
    "health",
    "social_affairs",
    "finance",
    "unification",
    "un_system",
    "civil_society",
    "parliament",
    "all_government",
    "international_partner",
    "other",
)
ACTOR_TYPES: tuple[str, ...] = ("ministry", "agency", "un_entity", "collective", "other")
ALL_GOVERNMENT_CODE = "ALL-GOV"

#: Required CSV columns; ``other_sectors`` is optional.
CSV_COLUMNS: tuple[str, ...] = ("code", "name", "country", "actor_type", "sector", "aliases")

SCORE_EXACT = 1.0
SCORE_GENERIC = 0.95
SCORE_GENERIC_FALLBACK = 0.9
SCORE_OCR = 0.9
SCORE_PARTIAL = 0.5
FUZZY_CUTOFF = 90.0
FUZZY_WEIGHT = 0.9
FUZZY_MIN_LENGTH = 20


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """One gazetteer entry (a row of a reference CSV)."""

    code: str
    name: str
    country: str | None
    actor_type: str
    sector: str
    aliases: tuple[str, ...]
    other_sectors: tuple[str, ...] = ()  # further sectors of a merged ministry


@dataclass(frozen=True)
class ActorMatch:
    """One actor as printed in a cell, and what it was resolved to."""

    actor_raw: str  # the substring as printed (after splitting), untouched
    actor_code: str | None  # None when unknown
    actor_name: str | None
    actor_type: str  # ministry | agency | un_entity | collective | other ('other' when unknown)
    sector: str | None  # SECTORS; None when unknown
    score: float  # 1.0 exact, lower for generic / fuzzy / OCR-repaired, 0.0 unknown
    excluded: tuple[str, ...] = ()  # codes excluded, e.g. ("KOR:KOICA",) for "All excluding KOICA"


@dataclass(frozen=True)
class Mention:
    """An actor named in running text; offsets are character offsets into that text."""

    start: int
    end: int
    text: str
    actor_code: str


@dataclass(frozen=True)
class _Hit:
    actor: Actor | None
    actor_type: str
    sector: str | None
    score: float


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    sectors: tuple[str, ...] = ()  # sector hint of a distributive sub-phrase
    kind: str = ""  # generic kind of that hint ("ministry" | "police")
    base_end: int | None = None  # exclusion: end of the including part
    excl_start: int | None = None  # exclusion: start of the excluded list


@dataclass(frozen=True)
class _Generic:
    kind: str  # "ministry" | "police" | "acronym" | "all"
    sectors: tuple[tuple[str, int, int], ...]  # (sector, start, end) in the parsed text
    plural: bool


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# The words printed actors are read with (reference/actor_words.yaml)
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['’ʼ]s\b)?")
_WORD_SETS = (
    "leading_articles", "ministry_heads", "ministry_plural_heads", "head_prefixes", "connectors", "soft_words",
    "police_fillers", "all_government_words", "all_words", "all_qualifiers", "all_nouns", "ministry_nouns",
    "subnational", "mention_stop", "wrap_end", "org_words", "filler_pieces", "generic_name_words",
    "collective_qualifiers",
)
_WORD_LISTS = ("government_words", "government_links", "government_qualifiers")


@dataclass(frozen=True, eq=False)
class ActorWords:
    """The words actor matching reads printed actors with, folded (see :func:`fold`), as
    declared in ``reference/actor_words.yaml`` (which says what each list is for); build with
    :meth:`from_dict`. The derived lookups (sector phrases, the named-government pattern) are
    made once here."""

    leading_articles: frozenset[str]
    ministry_heads: frozenset[str]
    ministry_plural_heads: frozenset[str]
    head_prefixes: frozenset[str]
    sector_terms: Mapping[str, tuple[str, ...]]  # sector -> phrases naming it after a head
    connectors: frozenset[str]
    soft_words: frozenset[str]
    police_fillers: frozenset[str]
    generic_acronyms: Mapping[str, str]  # folded acronym -> sector
    all_government_words: frozenset[str]
    all_words: frozenset[str]
    all_qualifiers: frozenset[str]
    all_nouns: frozenset[str]
    ministry_nouns: frozenset[str]
    government_words: tuple[str, ...]
    government_links: tuple[str, ...]
    government_qualifiers: tuple[str, ...]
    subnational: frozenset[str]
    mention_stop: frozenset[str]
    wrap_end: frozenset[str]
    org_words: frozenset[str]
    filler_pieces: frozenset[str]
    generic_name_words: frozenset[str]  # as listed; ``generic_names`` adds the other generic words
    collective_qualifiers: frozenset[str]
    phrase_sector: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    max_phrase: int = field(init=False, repr=False)
    generic_names: frozenset[str] = field(init=False, repr=False)
    government_word: re.Pattern[str] = field(init=False, repr=False)
    named_government: re.Pattern[str] = field(init=False, repr=False)
    government_fillers: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for where, sectors in (("sector_terms", set(self.sector_terms)), ("generic_acronyms", set(self.generic_acronyms.values()))):
            unknown = sorted(sectors - set(SECTORS))
            if unknown:
                raise ValueError(f"ActorWords.{where}: sectors {unknown} not in the sector vocabulary")
        phrase_sector = {tuple(term.split()): sector for sector, terms in self.sector_terms.items() for term in terms}
        if not phrase_sector:
            raise ValueError("ActorWords.sector_terms must name at least one sector phrase")
        set_ = object.__setattr__
        set_(self, "phrase_sector", phrase_sector)
        set_(self, "max_phrase", max(len(p) for p in phrase_sector))
        set_(self, "generic_names", self.connectors | self.soft_words | self.ministry_heads | self.ministry_plural_heads
             | self.org_words | frozenset(w for phrase in phrase_sector for w in phrase) | self.generic_name_words)
        word = "(?:" + "|".join(map(re.escape, self.government_words)) + ")"
        links, quals = "|".join(map(re.escape, self.government_links)), "|".join(map(re.escape, self.government_qualifiers))
        set_(self, "government_word", re.compile(rf"(?i)\b{word}\b"))
        # "Government of the Republic of Korea", "Gouvernement du Mali", "ROK Government", "Malian
        # government": a government word with a proper name; which country is the document's
        # business, not the actor's
        set_(self, "named_government", re.compile(
            rf"^(?:the\s+)?(?:(?:{quals})\s+)?{word}\s+"
            rf"(?:{links})\s+(?:the\s+|la\s+|l['’]\s*)?[A-ZÀ-Ý]\S*(?:\s+\S+){{0,5}}$"
            rf"|^(?:the\s+)?(?:[A-ZÀ-Ý][\w'’.-]*\s+){{1,3}}{word}$",
            re.IGNORECASE,
        ))
        set_(self, "government_fillers", frozenset({"the", "la", *self.government_links, *self.government_qualifiers}))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ActorWords:
        """From the mapping ``actor_words.yaml`` holds: lists of words, ``sector_terms`` and
        ``generic_acronyms`` as sector -> list of words."""
        keys = {f.name for f in dataclasses.fields(cls) if f.init}
        missing, unknown = sorted(keys - set(data)), sorted(set(data) - keys)
        if missing or unknown:
            raise ValueError(f"actor words: missing keys {missing}, unknown keys {unknown}")

        def words(value: Any, where: str) -> list[str]:
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                raise ValueError(f"actor words: {where} must be a list of words, got {value!r}")
            return value

        def by_sector(key: str) -> dict[str, list[str]]:
            if not isinstance(data[key], Mapping):
                raise ValueError(f"actor words: {key} must map sectors to lists of words")
            return {str(sector): words(value, f"{key}.{sector}") for sector, value in data[key].items()}

        acronyms = {acr: sector for sector, acrs in by_sector("generic_acronyms").items() for acr in acrs}
        return cls(
            **{k: frozenset(words(data[k], k)) for k in _WORD_SETS}, **{k: tuple(words(data[k], k)) for k in _WORD_LISTS},
            sector_terms={sector: tuple(terms) for sector, terms in by_sector("sector_terms").items()},
            generic_acronyms=acronyms,
        )


def _key(text: str, words: ActorWords) -> str:
    """Lookup key: folded, without a leading article."""
    keys = fold(text).split()
    if len(keys) > 1 and keys[0] in words.leading_articles:
        keys = keys[1:]
    return " ".join(keys)


def _tokens(text: str) -> list[_Token]:
    return [_Token(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def is_acronym(text: str) -> bool:
    """``MND``, ``MoFA``, ``IVIOJ``, ``CSOs``, ``МОЈ`` — a short token written mostly in capitals."""
    t = text.strip(" .,:;()[]")
    if not 2 <= len(t) <= 12 or not all(c.isalnum() or c in "&-.}]|" for c in t):  # }]| : OCR misreadings
        return False
    if sum(c.isupper() for c in t) < 2:
        return False
    run = 0
    for c in t:
        run = run + 1 if c.islower() else 0
        if run >= 3:
            return False
    return True


# --------------------------------------------------------------------------------------------
# Generic phrases ("Ministry of X", "National Police", "MoD", "Relevant ministries")
# --------------------------------------------------------------------------------------------


def _sector_at(keys: Sequence[str], i: int, words: ActorWords) -> tuple[str, int] | None:
    """Longest sector phrase starting at token ``i``: (sector, index after it)."""
    for n in range(min(words.max_phrase, len(keys) - i), 0, -1):
        sector = words.phrase_sector.get(tuple(keys[i : i + n]))
        if sector:
            return sector, i + n
    return None


def _sectors_named(text: str, words: ActorWords) -> frozenset[str]:
    """Every sector a text names anywhere (guard for fuzzy matches)."""
    keys = text.split()
    found: set[str] = set()
    i = 0
    while i < len(keys):
        hit = _sector_at(keys, i, words)
        if hit:
            found.add(hit[0])
            i = hit[1]
        else:
            i += 1
    return frozenset(found)


def _is_all_government(keys: Sequence[str], words: ActorWords) -> bool:
    if not keys or not all(k in words.all_government_words for k in keys):
        return False
    present = set(keys)
    if present & words.all_words or present & words.ministry_nouns:
        return True
    return bool(present & words.all_nouns and present & words.all_qualifiers)


def _parse_generic(text: str, words: ActorWords) -> _Generic | None:
    """Parse ``Ministry of X (and Y)``, ``National Police``, ``MoD``, ``Relevant ministries``."""
    toks = _tokens(text)
    keys = [t.key for t in toks]
    if not keys:
        return None
    if len(toks) == 1 and is_acronym(text) and keys[0] in words.generic_acronyms:
        return _Generic("acronym", ((words.generic_acronyms[keys[0]], toks[0].start, toks[0].end),), False)
    if _is_all_government(keys, words):
        return _Generic("all", (), True)
    i = 0
    while i < len(keys) and keys[i] in words.head_prefixes:
        i += 1
    if i >= len(keys) or (keys[i] not in words.ministry_heads and keys[i] not in words.ministry_plural_heads):
        return _parse_police(toks, words)
    plural = keys[i] in words.ministry_plural_heads
    i += 1
    sectors: list[tuple[str, int, int]] = []
    while i < len(keys):
        hit = _sector_at(keys, i, words)
        if hit:
            sectors.append((hit[0], toks[i].start, toks[hit[1] - 1].end))
            i = hit[1]
        elif keys[i] in words.connectors or keys[i] in words.soft_words:
            i += 1
        else:
            return None
    if not sectors:
        return None
    return _Generic("ministry", tuple(sectors), plural)


def _parse_police(toks: Sequence[_Token], words: ActorWords) -> _Generic | None:
    police = [t for t in toks if words.phrase_sector.get((t.key,)) == "police"]
    if not police or not all(t.key in words.police_fillers or t in police for t in toks):
        return None
    return _Generic("police", (("police", toks[0].start, toks[-1].end),), False)

# --------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _MentionIndex:
    nlp: Any
    lower: Any  # PhraseMatcher(attr="LOWER") over names and long aliases
    orth: Any  # PhraseMatcher(attr="ORTH") over acronyms (case-sensitive)


class Gazetteer:
    """Immutable index over gazetteer entries and the words they are matched with
    (``pipeline.references.load_gazetteer`` reads both from ``normalizers/reference/``).

    The spaCy matchers of :func:`find_mentions` are built on first use and cached on the
    instance (:attr:`mention_index`).
    """

    _actors: tuple[Actor, ...]
    _words: ActorWords
    _by_code: Mapping[str, Actor]
    _by_key: Mapping[str, tuple[str, ...]]
    _by_country: Mapping[str, tuple[Actor, ...]]
    _fuzzy_keys: tuple[str, ...]
    _acronym_keys: frozenset[str]

    def __init__(self, actors: Iterable[Actor], words: ActorWords) -> None:
        items = tuple(actors)
        check_actors(items)
        keys: dict[str, list[str]] = {}
        worded: set[str] = set()  # keys written at least once as a word or name, not an acronym
        for actor in items:
            for surface in (actor.code, actor.name, *actor.aliases):
                key = _key(surface, words)
                if not key:
                    continue
                if surface != actor.code and not is_acronym(surface):
                    worded.add(key)
                if actor.code not in keys.setdefault(key, []):
                    keys[key].append(actor.code)
        by_country: dict[str, list[Actor]] = {}
        for actor in items:
            if actor.country:
                by_country.setdefault(actor.country, []).append(actor)
        fuzzy = tuple(k for k in keys if " " in k and len(k) >= FUZZY_MIN_LENGTH)
        object.__setattr__(self, "_actors", items)
        object.__setattr__(self, "_words", words)
        object.__setattr__(self, "_by_code", MappingProxyType({a.code: a for a in items}))
        object.__setattr__(self, "_by_key", MappingProxyType({k: tuple(v) for k, v in keys.items()}))
        object.__setattr__(
            self, "_by_country", MappingProxyType({c: tuple(v) for c, v in by_country.items()})
        )
        object.__setattr__(self, "_fuzzy_keys", fuzzy)
        object.__setattr__(self, "_acronym_keys", frozenset(keys) - worded)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Gazetteer is immutable")

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[tuple[Actor, ...], ActorWords]]:
        """Pickled as its entries and words (for worker processes); indexes are rebuilt, caches dropped."""
        return (Gazetteer, (self._actors, self._words))

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __repr__(self) -> str:
        return f"Gazetteer({len(self._actors)} actors)"

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self._actors

    @property
    def words(self) -> ActorWords:
        """The words printed actors are read with."""
        return self._words

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_country))

    def get(self, code: str) -> Actor | None:
        return self._by_code.get(code)

    def lookup(self, key: str) -> tuple[Actor, ...]:
        """Entries whose code, name or alias folds to ``key`` (see :func:`normalizers.text.fold`)."""
        return tuple(self._by_code[c] for c in self._by_key.get(key, ()))

    def has_key(self, key: str) -> bool:
        return key in self._by_key

    def is_acronym_key(self, key: str) -> bool:
        """Whether ``key`` is only ever written as an acronym (``MEN``, ``WHO``) or a code."""
        return key in self._acronym_keys

    def in_country(self, country: str) -> tuple[Actor, ...]:
        return self._by_country.get(country, ())

    @property
    def fuzzy_keys(self) -> tuple[str, ...]:
        return self._fuzzy_keys

    def extended(self, extra: Sequence[Actor]) -> Gazetteer:
        """This gazetteer with further entries (a document profile's). An entry whose code is
        already here replaces that entry, keeping its aliases: a profile can add a local
        acronym to a known body (``KOR:MOFA`` with alias ``MOEA``) or correct its sector."""
        if not extra:
            return self
        by_code = dict(self._by_code)
        added = []
        for actor in extra:
            old = by_code.get(actor.code)
            if old is None:
                added.append(actor)
                continue
            aliases = tuple(dict.fromkeys((*old.aliases, *actor.aliases)))
            by_code[actor.code] = Actor(actor.code, actor.name or old.name, actor.country, actor.actor_type,
                                        actor.sector, aliases, actor.other_sectors or old.other_sectors)
        return Gazetteer((*(by_code[a.code] for a in self._actors), *added), self._words)

    @cached_property
    def mention_index(self) -> _MentionIndex:
        """spaCy phrase matchers over names and aliases, built on first use."""
        return _build_mention_index(self._actors, self._words)


def check_actors(actors: Sequence[Actor]) -> None:
    """Raise ``ValueError`` naming the entry for a duplicate code, an unknown ``actor_type`` or
    sector, a country that is no ISO alpha-3 code, or a code not written as its kind wants."""
    seen: set[str] = set()
    for a in actors:
        where = f"actor {a.code!r}"
        if not a.code or a.code in seen:
            raise ValueError(f"{where}: empty or duplicate code")
        seen.add(a.code)
        if a.actor_type not in ACTOR_TYPES:
            raise ValueError(f"{where}: actor_type {a.actor_type!r} not in {ACTOR_TYPES}")
        for sector in (a.sector, *a.other_sectors):
            if sector not in SECTORS:
                raise ValueError(f"{where}: sector {sector!r} not in the sector vocabulary")
        if a.country is not None:
            if not re.fullmatch(r"[A-Z]{3}", a.country):
                raise ValueError(f"{where}: country must be ISO 3166 alpha-3, got {a.country!r}")
            if not a.code.startswith(a.country + ":"):
                raise ValueError(f"{where}: national codes are written {a.country}:ACRONYM")
        elif ":" in a.code:
            raise ValueError(f"{where}: ':' is reserved for country-qualified codes")


def _split_list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def actor_from_row(row: Mapping[str, Any]) -> Actor:
    """One gazetteer entry from a CSV row or a mapping with the same columns (``aliases`` and
    ``other_sectors`` as ``|``-separated text or as lists)."""
    missing = [c for c in CSV_COLUMNS if c not in row]
    if missing:
        raise ValueError(f"missing columns {missing}")

    def listed(value: Any) -> tuple[str, ...]:
        if isinstance(value, (list, tuple)):
            return tuple(str(v).strip() for v in value if str(v).strip())
        return _split_list(value)

    return Actor(
        code=str(row["code"] or "").strip(),
        name=str(row["name"] or "").strip(),
        country=str(row["country"] or "").strip() or None,
        actor_type=str(row["actor_type"] or "").strip(),
        sector=str(row["sector"] or "").strip(),
        aliases=listed(row["aliases"]),
        other_sectors=listed(row.get("other_sectors")),
    )


def directory_rows(gazetteer: Gazetteer) -> list[Actor]:
    """Every entry once, sorted by code: the rows of the ``actor_directory`` dimension table."""
    return sorted(gazetteer.actors, key=lambda a: a.code)


# --------------------------------------------------------------------------------------------
# Picking among entries that share a key
# --------------------------------------------------------------------------------------------


def _pick_exact(key: str, gaz: Gazetteer, country: str | None) -> Actor | None:
    """The document country's entry, else the single UN / international / collective entry."""
    actors = gaz.lookup(key)
    if country:
        local = [a for a in actors if a.country == country]
        if local:
            return local[0] if len(local) == 1 else None
    shared = [a for a in actors if a.country is None]
    return shared[0] if len(shared) == 1 else None


def _is_distinctive(key: str, words: ActorWords) -> bool:
    """A name with a proper-noun word (``Korea International Cooperation Agency``), unlike
    ``National Police Agency`` or ``Women's Institute`` that several countries could own."""
    return any(w not in words.generic_names for w in key.split())


def _pick_foreign(
    key: str, gaz: Gazetteer, country: str | None, acronym: bool, min_acronym: int = 0
) -> Actor | None:
    """Another country's entry, only when the key names exactly one entry (see module doc)."""
    national = [a for a in gaz.lookup(key) if a.country is not None and a.country != country]
    if len(national) != 1:
        return None
    actor = national[0]
    if not acronym:
        return actor if _is_distinctive(key, gaz.words) else None
    if country is None:
        return actor if len(key) >= min_acronym else None
    return actor if len(key) >= 4 or actor.sector == "development" else None


def _country_actor(gaz: Gazetteer, country: str, sector: str, kind: str) -> tuple[Actor, float] | None:
    """The country's body for a sector: ministries first (agencies for police), primary sector
    before ``other_sectors``, first listed first."""
    order = ("agency", "ministry") if kind == "police" else ("ministry", "agency")
    actors = gaz.in_country(country)
    for rank, (actor_type, primary) in enumerate(
        ((order[0], True), (order[0], False), (order[1], True), (order[1], False))
    ):
        for a in actors:
            if a.actor_type != actor_type:
                continue
            if (a.sector == sector) if primary else (sector in a.other_sectors):
                return a, SCORE_GENERIC if rank < 2 else SCORE_GENERIC_FALLBACK
    return None


def _covering_actor(gaz: Gazetteer, country: str, sectors: Sequence[str]) -> Actor | None:
    """One ministry of the country holding every sector (``Ministry of Gender and Social
    Protection`` → Ghana's MoGCSP)."""
    for a in gaz.in_country(country):
        held = {a.sector, *a.other_sectors}
        if a.actor_type == "ministry" and all(s in held for s in sectors):
            return a
    return None


def _generic_type(kind: str) -> str:
    return "agency" if kind == "police" else "ministry"


def _resolve_sectors(
    sectors: Sequence[str],
    kind: str,
    gaz: Gazetteer,
    country: str | None,
    partial: bool,
    single: bool = False,
) -> list[_Hit]:
    """Hits for generic sector phrases; ``partial`` keeps code-less hits where no body is known.

    ``single``: the phrase names one body (singular head: ``Ministry of Health and Social
    Welfare``): a ministry holding every sector, else the first sector the country resolves.
    """
    wanted = list(dict.fromkeys(sectors))
    if country and len(wanted) > 1 and kind == "ministry":
        cover = _covering_actor(gaz, country, wanted)
        if cover:
            return [_Hit(cover, cover.actor_type, cover.sector, SCORE_GENERIC)]
    hits: list[_Hit] = []
    for sector in wanted:
        found = _country_actor(gaz, country, sector, kind) if country else None
        if found:
            score = found[1] if len(wanted) == 1 or not single else SCORE_GENERIC_FALLBACK
            hits.append(_Hit(found[0], found[0].actor_type, found[0].sector, score))
            if single:
                return hits
        elif partial and not (single and hits):
            hits.append(_Hit(None, _generic_type(kind), sector, SCORE_PARTIAL))
    if not partial and len(hits) < len(wanted):
        return []
    return hits[:1] if single else hits


# --------------------------------------------------------------------------------------------
# Resolving one printed actor
# --------------------------------------------------------------------------------------------

_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


def _variants(text: str) -> list[str]:
    """The text, the text without parentheticals, then each parenthetical."""
    out = [text]
    if _PAREN.search(text):
        outside = " ".join(_PAREN.sub(" ", text).split())
        if outside:
            out.append(outside)
        inner = ((m.group(1) or m.group(2) or "").strip() for m in _PAREN.finditer(text))
        out.extend(i for i in inner if i)
    return out


def _written_as_acronym(text: str) -> bool:
    """``MEN``, ``MoFA`` or a capitalised word of four letters or more (``Unicef``), not ``Men``."""
    stripped = text.strip(" .,;:()[]")
    return is_acronym(stripped) or (len(stripped) >= 4 and stripped[:1].isupper())


def _key_fits(key: str, text: str, gaz: Gazetteer) -> bool:
    """Acronym-only keys match acronym-like text only: ``Men and women`` is not ``MEN``."""
    return not gaz.is_acronym_key(key) or _written_as_acronym(text)


def _exact_hits(text: str, gaz: Gazetteer, country: str | None, score: float) -> list[_Hit]:
    key = _key(text, gaz.words)
    keys = [key]
    stripped = text.strip(" .,;:()[]")
    if is_acronym(stripped) and stripped.endswith("s") and len(key) > 2:
        keys.append(key[:-1])  # CSOs, NGOs, OSCs
    keys = [k for k in keys if _key_fits(k, text, gaz)]
    for k in keys:
        actor = _pick_exact(k, gaz, country)
        if actor:
            return [_Hit(actor, actor.actor_type, actor.sector, score)]
    words = key.split()
    while len(words) > 1 and words[0] in gaz.words.collective_qualifiers:
        words = words[1:]  # "Local women's organizations", "Grassroots NGOs"
        actor = _pick_exact(" ".join(words), gaz, country)
        if actor and actor.actor_type == "collective":
            return [_Hit(actor, actor.actor_type, actor.sector, min(score, SCORE_GENERIC))]
    return []


def _foreign_hits(text: str, gaz: Gazetteer, country: str | None, score: float) -> list[_Hit]:
    """Another country's body; never for generic phrases (``Ministry of Defense`` is not Japan's)."""
    key = _key(text, gaz.words)
    if _parse_generic(text, gaz.words) is not None or not _key_fits(key, text, gaz):
        return []
    actor = _pick_foreign(key, gaz, country, is_acronym(text.strip(" .,;:()[]")))
    return [_Hit(actor, actor.actor_type, actor.sector, score)] if actor else []


def _generic_hits(text: str, gaz: Gazetteer, country: str | None, partial: bool) -> list[_Hit]:
    parsed = _parse_generic(text, gaz.words)
    if parsed is None or parsed.kind == "all":
        return []
    if parsed.kind == "acronym" and not partial and not country:
        return []
    kind = "police" if parsed.kind == "police" else "ministry"
    sectors = [s for s, _, _ in parsed.sectors]
    return _resolve_sectors(sectors, kind, gaz, country, partial, single=not parsed.plural)


def _all_government_hits(text: str, gaz: Gazetteer) -> list[_Hit]:
    parsed = _parse_generic(text, gaz.words)
    actor = gaz.get(ALL_GOVERNMENT_CODE)
    if parsed is None or parsed.kind != "all" or actor is None:
        return []
    return [_Hit(actor, actor.actor_type, actor.sector, SCORE_GENERIC)]


def _named_government_hits(text: str, gaz: Gazetteer) -> list[_Hit]:
    """A country's government named with its name (see ``ActorWords.named_government``) → ``GOV``."""
    flat = " ".join(text.split())
    actor = gaz.get("GOV")
    words = gaz.words
    if actor is None or not words.named_government.match(flat):
        return []
    # the name must be capitalised as printed (the pattern ignores case for the government word)
    names = [w for w in words.government_word.sub("", flat).split() if w.lower() not in words.government_fillers]
    if not names or not names[0][:1].isupper() or names[0].lower() in words.subnational:
        return []  # "local government", "Regional Government": not the national government
    return [_Hit(actor, actor.actor_type, actor.sector, SCORE_GENERIC)]


def _ocr_hits(text: str, gaz: Gazetteer, country: str | None) -> list[_Hit]:
    for variant in ocr_variants(text, is_acronym):
        hits = _exact_hits(variant, gaz, country, SCORE_OCR)
        hits = hits or _foreign_hits(variant, gaz, country, SCORE_OCR)
        if hits:
            return hits
    return []


def _fuzzy_key(key: str, gaz: Gazetteer) -> tuple[str, float] | None:
    """The closest full name (ratio >= FUZZY_CUTOFF) that names no other sector than ``key``."""
    if len(key) < FUZZY_MIN_LENGTH or " " not in key:
        return None
    best = process.extractOne(key, gaz.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None:
        return None
    wanted, offered = _sectors_named(key, gaz.words), _sectors_named(best[0], gaz.words)
    if wanted and offered and wanted != offered:
        return None
    return best[0], float(best[1])


def _fuzzy_hits(text: str, gaz: Gazetteer, country: str | None) -> list[_Hit]:
    if is_acronym(text.strip()):
        return []
    found = _fuzzy_key(_key(text, gaz.words), gaz)
    if found is None:
        return []
    candidate, ratio = found
    actor = _pick_exact(candidate, gaz, country) or _pick_foreign(candidate, gaz, country, False)
    if actor is None:
        return []
    return [_Hit(actor, actor.actor_type, actor.sector, round(FUZZY_WEIGHT * ratio / 100, 3))]


def _resolve(text: str, gaz: Gazetteer, country: str | None) -> list[_Hit]:
    """Staged resolution of one printed actor (see the module docstring)."""
    stages = (
        lambda t: _exact_hits(t, gaz, country, SCORE_EXACT),
        lambda t: _generic_hits(t, gaz, country, partial=False) if country else [],
        lambda t: _foreign_hits(t, gaz, country, SCORE_EXACT),
        lambda t: _ocr_hits(t, gaz, country),
        lambda t: _all_government_hits(t, gaz),
        lambda t: _named_government_hits(t, gaz),
        lambda t: _generic_hits(t, gaz, country, partial=True),
        lambda t: _fuzzy_hits(t, gaz, country),
    )
    variants = _variants(text)
    for stage in stages:
        for variant in variants:
            hits = stage(variant)
            if hits:
                return hits
    return []


def _to_match(raw: str, hit: _Hit | None, excluded: tuple[str, ...] = ()) -> ActorMatch:
    if hit is None:
        return ActorMatch(raw, None, None, "other", None, 0.0, excluded)
    actor = hit.actor
    return ActorMatch(
        actor_raw=raw,
        actor_code=actor.code if actor else None,
        actor_name=actor.name if actor else None,
        actor_type=hit.actor_type,
        sector=hit.sector,
        score=hit.score,
        excluded=excluded,
    )


# --------------------------------------------------------------------------------------------
# Splitting a cell into printed actors
# --------------------------------------------------------------------------------------------

_HARD_SEP = re.compile(r"[;|•▪●◦■□➢►]+")
_SOFT_SEP = re.compile(
    r"(?:\s*,)?\s+(?:as\s+well\s+as|together\s+with"
    r"|in\s+(?:close\s+)?(?:coordination|collaboration|cooperation|partnership)\s+with"
    r"|with\s+the\s+support\s+of|with\s+support\s+from|supported\s+by"
    r"|en\s+coordinaci[óo]n\s+con|en\s+colaboraci[óo]n\s+con|con\s+el\s+apoyo\s+de|con\s+apoyo\s+de"
    r"|en\s+collaboration\s+avec|en\s+partenariat\s+avec|avec\s+l['’]appui\s+d(?:e|u|es)"
    r"|em\s+coordena[çc][ãa]o\s+com|com\s+o\s+apoio\s+d[eoa]s?"
    r"|and|y|et|e|or|o|ou|und|og|och|[-–—])\s+"
    r"|\s*[,/&+\n]\s*",
    re.IGNORECASE,
)
_ROLE_LABEL = re.compile(
    r"\s*(?:lead(?:\s+(?:agency|agencies|ministry|ministries))?|co-?leads?|supporting(?:\s+\w+)?"
    r"|support|responsible(?:\s+\w+)?|implementing\s+[\w/ ]{0,20}|partners?|coordinator|coordination"
    r"|l[íi]der|responsables?|corresponsables?|apoyo|coordinador(?:a)?|participantes|chef\s+de\s+file"
    r"|appui|partenaires?|pilote|acteurs?|actors?)\s*[:：–—-]\s*",
    re.IGNORECASE,
)
_LEADING_LINK = re.compile(
    r"\s*(?:and|y|et|e|or|ou|with|avec|con|com|together\s+with"
    r"|in\s+(?:close\s+)?(?:coordination|collaboration|cooperation|partnership)\s+with"
    r"|with\s+the\s+support\s+of|supported\s+by|en\s+coordinaci[óo]n\s+con"
    r"|en\s+colaboraci[óo]n\s+con|con\s+(?:el\s+)?apoyo\s+de|en\s+collaboration\s+avec"
    r"|en\s+partenariat\s+avec|avec\s+l['’]appui\s+d(?:e|u|es))\s+",
    re.IGNORECASE,
)
_BULLET = re.compile(r"\s*(?:[-–—•·*▪●○◦]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+", re.IGNORECASE)
_EXCLUSION = re.compile(
    r"[\s,;(]*\b(?:excluding|except(?:\s+for)?|excepting|other\s+than|with\s+the\s+exception\s+of"
    r"|but\s+not|not\s+including|sauf|except[ée]e?s?|hormis|[àa]\s+l['’]exception\s+d(?:e|u|es)"
    r"|excepto|salvo|menos|con\s+excepci[óo]n\s+de|a\s+excepci[óo]n\s+de|exceto"
    r"|com\s+exce[çc][ãa]o\s+d[eoa]s?|au[ßs]er|ausgenommen)\b\s*",
    re.IGNORECASE,
)
_STRIP = " \t\r\n.,;:·*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"
_DOTTED_END = re.compile(r"(?:\b\w{1,3}\.){2,}$")  # I.P., U.N., FF.MM.


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without surrounding blanks and punctuation (the final dot of ``I.P.`` is kept)."""
    while start < end and text[start] in _STRIP:
        start += 1
    stop = end
    while stop > start and text[stop - 1] in _STRIP:
        stop -= 1
    if stop < end and text[stop] == "." and _DOTTED_END.search(text, start, stop + 1):
        stop += 1
    return start, stop


def _unwrap_lines(text: str, words: ActorWords) -> str:
    """Join lines broken inside one name: a line ending in ``of``/``de``/``and``/``,`` or followed
    by a lower-case line. Same length as ``text``, so offsets are kept."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    chars = list(text)
    for m in re.finditer("\n", text):
        before = text[: m.start()].rstrip()
        after = text[m.end() :].lstrip()
        tail = before.split()
        last_word = tail[-1].casefold() if tail else ""
        if before.endswith((",", "-", "&", "/")) or last_word in words.wrap_end or after[:1].islower():
            chars[m.start()] = " "
    return "".join(chars)


def _hard_chunks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _HARD_SEP.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _clean_chunk(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _strip_span(text, start, end)
    for pattern in (_BULLET, _ROLE_LABEL, _BULLET, _LEADING_LINK):
        m = pattern.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    return _strip_span(text, start, end)


def _paren_depths(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        out.append(depth)
        if ch in ")]" and depth:
            depth -= 1
    return out


def _soft_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    depths = _paren_depths(text)
    pieces: list[tuple[int, int]] = []
    pos = start
    for m in _SOFT_SEP.finditer(text, start, end):
        if depths[m.start()] or m.start() == pos:
            continue
        pieces.append(_clean_chunk(text, pos, m.start()))
        pos = m.end()
    pieces.append(_clean_chunk(text, pos, end))
    return [p for p in pieces if p[1] > p[0]]


def _known_name(text: str, gaz: Gazetteer | None, fuzzy: bool = False) -> bool:
    """Whether ``text`` is a gazetteer key (with ``fuzzy``, also a near miss of a name)."""
    if gaz is None:
        return False
    keys = [_key(v, gaz.words) for v in _variants(text)[:2]]
    return any(gaz.has_key(k) for k in keys) or (fuzzy and _fuzzy_key(keys[0], gaz) is not None)


def _known(text: str, gaz: Gazetteer | None, words: ActorWords, fuzzy: bool = False) -> bool:
    """Whether ``text`` reads as one actor: a gazetteer key (with ``fuzzy``, also a near miss of
    a name) or a generic phrase."""
    if _known_name(text, gaz, fuzzy):
        return True
    parsed = _parse_generic(text, words)
    return parsed is not None and parsed.kind != "acronym"


def _looks_like_one_name(parts: Sequence[str], words: ActorWords) -> bool:
    """``Food and Agriculture Organization``: one organisation word, no acronyms, no second head."""
    heads = words.ministry_heads | words.ministry_plural_heads
    with_org = [p for p in parts if set(fold(p).split()) & (words.org_words | heads)]
    if len(with_org) != 1 or any(is_acronym(w) for p in parts for w in p.split()):
        return False
    first_words = [fold(p).split()[0] for p in parts[1:] if fold(p)]
    return not any(w in heads for w in first_words)


def _run_reads_as_one(parts: Sequence[str], run: str, gaz: Gazetteer | None, words: ActorWords, fuzzy: bool) -> bool:
    """Whether pieces joined back (``run``) name one actor; ``fuzzy``: as a near miss of a name."""
    known_parts = [_known(p, gaz, words) for p in parts] if gaz is not None else [False] * len(parts)
    if fuzzy:  # a near miss never swallows a known acronym (``OSC, Chefs religieux et …``)
        if any(k and is_acronym(p.strip()) for k, p in zip(known_parts, parts)):
            return False
        return not all(known_parts) and _known(run, gaz, words, fuzzy=True)
    if _known_name(run, gaz):
        return True
    # a generic phrase, unless a later piece stands alone (``Ministry of Defence - National Police``)
    if _known(run, None, words) and not any(_known(p, gaz, words) for p in parts[1:]):
        return True
    return _looks_like_one_name(parts, words) and not any(known_parts)


def _group_pieces(
    text: str, pieces: Sequence[tuple[int, int]], gaz: Gazetteer | None, words: ActorWords
) -> list[tuple[int, int]]:
    """Greedy longest runs of pieces that read as one actor (``Economic and Social Council``);
    exact readings are preferred to near misses."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        end = None
        for fuzzy in (False, True):
            for j in range(len(pieces), i + 1, -1):
                parts = [text[a:b] for a, b in pieces[i:j]]
                if fuzzy and "\n" in text[pieces[i][0] : pieces[j - 1][1]]:
                    continue  # a near miss never joins separate lines of a cell
                if _run_reads_as_one(parts, text[pieces[i][0] : pieces[j - 1][1]], gaz, words, fuzzy):
                    end = j
                    break
            if end is not None or gaz is None:
                break
        if end is None:
            out.append(pieces[i])
            i += 1
        else:
            out.append((pieces[i][0], pieces[end - 1][1]))
            i = end
    return out


def _acronym_run(text: str, gaz: Gazetteer | None, words: ActorWords) -> list[tuple[int, int]] | None:
    """Token spans of ``MND MOU MOFA MOIS`` (space-separated acronyms), else None."""
    tokens = list(re.finditer(r"\S+", text))
    if len(tokens) < 2 or _known(text, gaz, words):
        return None
    if not all(is_acronym(w.group().translate(HOMOGLYPHS)) for w in tokens):
        return None
    return [_strip_span(text, w.start(), w.end()) for w in tokens]


def _expand(text: str, start: int, end: int, words: ActorWords) -> list[_Segment]:
    """Split a distributive phrase (plural head, several sectors) into one segment per sector."""
    parsed = _parse_generic(text[start:end], words)
    if parsed is None or parsed.kind != "ministry" or not parsed.plural or len(parsed.sectors) < 2:
        return [_Segment(start, end)]
    segments = []
    for n, (sector, s, e) in enumerate(parsed.sectors):
        seg_start = start if n == 0 else start + s
        segments.append(_Segment(seg_start, start + e, (sector,), "ministry"))
    return segments


_CONJUNCTION = re.compile(r"\s+(?:and|y|et|e|or|o|ou|und)\s+", re.IGNORECASE)
_LOWER_WORD = re.compile(r"[a-zß-öø-ÿ]{3,}")
_SHARED_HEAD = re.compile(
    r"^(?P<head>.*\S)\s+(?P<first>[^\W\d_]{3,})\s+(?:and|y|et|e|or|o|ou|und)\s+(?P<second>[a-zß-öø-ÿ]{3,})$"
)
_SHARED_TAIL = re.compile(
    r"^(?P<first>[^\W\d_]{3,})\s+(?:and|or|und)\s+(?P<second>[^\W\d_]{3,})\s+(?P<tail>\S.*)$", re.IGNORECASE
)


def _attach_modifiers(text: str, groups: list[tuple[int, int]], gaz: Gazetteer | None,
                      words: ActorWords) -> list[tuple[int, int]]:
    """A lone lower-case word after a conjunction modifies the head before it, it names no actor:
    ``Leaders religieux et coutumiers``, ``Líderes religiosos y tradicionales`` stay one piece."""
    out: list[tuple[int, int]] = []
    for s, e in groups:
        word = text[s:e]
        if (out and _LOWER_WORD.fullmatch(word) and _CONJUNCTION.fullmatch(text[out[-1][1] : s])
                and not _known(word, gaz, words) and len(text[out[-1][0] : out[-1][1]].split()) >= 2):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    # English puts the modifiers first: ``Religious and traditional leaders``
    merged: list[tuple[int, int]] = []
    for s, e in out:
        prev = merged[-1] if merged else None
        if (prev is not None and re.fullmatch(r"[^\W\d_]{3,}", text[prev[0] : prev[1]])
                and not is_acronym(text[prev[0] : prev[1]]) and not _known(text[prev[0] : prev[1]], gaz, words)
                and re.fullmatch(r"\s+(?:and|or|und)\s+", text[prev[1] : s], re.IGNORECASE)
                and len(text[s:e].split()) >= 2 and text[s:e][:1].islower()):
            merged[-1] = (prev[0], e)
        else:
            merged.append((s, e))
    return merged


def _shared_head_hits(text: str, gaz: Gazetteer, country: str | None) -> list[_Hit]:
    """``Chefs religieux et coutumiers`` read as ``Chefs religieux`` and ``Chefs coutumiers``."""
    flat = " ".join(text.split())
    m = _SHARED_HEAD.match(flat)
    if m is not None:
        readings = [f"{m['head']} {m['first']}", f"{m['head']} {m['second']}"]
    elif (m := _SHARED_TAIL.match(flat)) is not None:
        readings = [f"{m['first']} {m['tail']}", f"{m['second']} {m['tail']}"]
    else:
        return []
    hits: list[_Hit] = []
    for reading in readings:
        found = _resolve(reading, gaz, country)
        if not found or any(h.actor is None for h in found):
            return []  # every reading must name a known actor
        hits.extend(h for h in found if all(h.actor.code != k.actor.code for k in hits))  # type: ignore[union-attr]
    return hits


def _chunk_segments(text: str, start: int, end: int, gaz: Gazetteer | None, words: ActorWords) -> list[_Segment]:
    segments: list[_Segment] = []
    pieces = [
        p for p in _soft_pieces(text, start, end) if fold(text[p[0] : p[1]]) not in words.filler_pieces
    ]
    for s, e in _attach_modifiers(text, _group_pieces(text, pieces, gaz, words), gaz, words):
        run = _acronym_run(text[s:e], gaz, words)
        if run:
            segments.extend(_Segment(s + a, s + b) for a, b in run)
        else:
            segments.extend(_expand(text, s, e, words))
    return segments


def _segments(text: str, gaz: Gazetteer | None, words: ActorWords) -> tuple[str, list[_Segment]]:
    """The unwrapped text (same length as ``text``) and its actor segments, in printed order."""
    text = _unwrap_lines(text, words)
    segments: list[_Segment] = []
    for chunk_start, chunk_end in _hard_chunks(text):
        start, end = _clean_chunk(text, chunk_start, chunk_end)
        if start >= end:
            continue
        excl = _EXCLUSION.search(text, start, end)
        has_base = excl is not None and excl.start() > start
        included = _chunk_segments(text, start, excl.start(), gaz, words) if excl and has_base else []
        if excl and included and excl.end() < end:
            # the excluded list runs to the end of its line; later lines are actors again
            newline = text.find("\n", excl.end(), end)
            excl_end = _strip_span(text, excl.end(), end if newline < 0 else newline)[1]
            last = included[-1]
            segments.extend(included[:-1])
            segments.append(_Segment(last.start, excl_end, base_end=last.end, excl_start=excl.end()))
            if newline >= 0:
                segments.extend(_chunk_segments(text, newline, end, gaz, words))
            continue
        segments.extend(_chunk_segments(text, start, end, gaz, words))
    return text, segments


def split_actor_cell(text: str, gazetteer: Gazetteer | None = None, *, words: ActorWords | None = None) -> list[str]:
    """The actors printed in a cell, as printed (line-wrapped names joined by a space).

    Splits on newlines, semicolons, commas, slashes, ``and``/``y``/``et``/``e``/``or``, phrases like
    ``in coordination with``, and runs of acronyms (``MND MOU MOFA MOIS``). Distributive phrases
    (``Ministries of Defence and Foreign Affairs``) give one piece per ministry; exclusions
    (``All excluding KOICA``) stay one piece. With a gazetteer, known multi-word names that
    contain separators (``Economic and Social Commission for Asia and the Pacific``) stay whole.
    Without a gazetteer, ``words`` says how generic phrases read.
    """
    if gazetteer is not None:
        words = gazetteer.words
    if words is None:
        raise ValueError("split_actor_cell needs a gazetteer or the actor words")
    _, segments = _segments(text, gazetteer, words)
    return [text[s.start : s.end] for s in segments]


# --------------------------------------------------------------------------------------------
# Public matching API
# --------------------------------------------------------------------------------------------


def _norm_country(country: str | None) -> str | None:
    return country.strip().upper() or None if country else None


class _Definitions(Protocol):
    def get(self, acronym: str) -> str | None: ...


def _settled(hits: Sequence[_Hit], country: str | None) -> bool:
    """Exact hits on the document's country or on UN / international / collective entries."""
    return bool(hits) and all(
        h.actor is not None and h.score >= SCORE_EXACT and h.actor.country in (None, country) for h in hits
    )


def _match_segment(
    printed: str, text: str, seg: _Segment, gaz: Gazetteer, country: str | None,
    glossary: _Definitions | None = None,
) -> list[ActorMatch]:
    """Matches for one segment; ``text`` is ``printed`` with wrapped lines joined (same offsets)."""
    raw = printed[seg.start : seg.end]
    excluded: tuple[str, ...] = ()
    target = raw
    if seg.base_end is not None and seg.excl_start is not None:
        target = text[seg.start : seg.base_end]
        listed = match_actors(text[seg.excl_start : seg.end].strip(" ()[]"), gaz, country)
        excluded = tuple(m.actor_code for m in listed if m.actor_code)
    if seg.sectors:
        hits = _resolve_sectors(seg.sectors, seg.kind, gaz, country, partial=True)
    else:
        hits = _resolve(target, gaz, country) or _shared_head_hits(target, gaz, country)
        long = glossary.get(" ".join(target.split())) if glossary is not None else None
        if long and not _settled(hits, country):
            defined = _resolve(long, gaz, country) or _shared_head_hits(long, gaz, country)
            local = any(h.actor is not None and h.actor.country in (None, country) for h in hits)
            if defined and (any(h.actor is not None for h in defined) or not local):
                hits = defined  # the document's own definition beats a guess from another country
    matches = [_to_match(raw, hit, excluded) for hit in hits] or [_to_match(raw, None, excluded)]
    return matches + _parenthetical_actors(target, gaz, country)


def _parenthetical_actors(text: str, gaz: Gazetteer, country: str | None) -> list[ActorMatch]:
    """Known actors listed in parentheses: ``MOFA (in cooperation with KOICA)``."""
    found: list[ActorMatch] = []
    for m in _PAREN.finditer(text):
        inner = m.group(1) or m.group(2) or ""
        found.extend(a for a in match_actors(inner, gaz, country) if a.actor_code)
    return found


def match_actor(raw: str, gazetteer: Gazetteer, country: str | None = None) -> ActorMatch:
    """Resolve one printed actor (no splitting); use :func:`match_actors` for whole cells.

    When the text names several sectors of one generic ministry phrase, the first is returned.
    """
    country = _norm_country(country)
    text = raw.strip()
    if not text:
        return _to_match(raw, None)
    excl = _EXCLUSION.search(text)
    if excl and 0 < excl.start() and excl.end() < len(text):
        seg = _Segment(0, len(text), base_end=excl.start(), excl_start=excl.end())
    else:
        seg = _Segment(0, len(text))
    return _match_segment(text, text, seg, gazetteer, country)[0]


def match_actors(text: str, gazetteer: Gazetteer, country: str | None = None,
                 glossary: _Definitions | None = None) -> list[ActorMatch]:
    """Split a cell and resolve every actor; order as printed, de-duplicated by code.

    ``glossary`` holds the acronyms the document defines (:mod:`normalizers.acronyms`): an
    acronym that no entry of the document's country or of the UN / collective lists carries
    exactly is resolved through its long form (``MFFE`` → ``Ministère de la Femme, …`` →
    the country's gender ministry, or at least sector ``gender_equality``).

    Unknown actors are kept (``actor_code`` None); two unknowns are duplicates only when they
    print the same text.
    """
    country = _norm_country(country)
    unwrapped, segments = _segments(text, gazetteer, gazetteer.words)
    out: list[ActorMatch] = []
    seen: set[tuple[str, ...]] = set()
    for seg in segments:
        for match in _match_segment(text, unwrapped, seg, gazetteer, country, glossary):
            if match.actor_code:
                ident: tuple[str, ...] = (match.actor_code,)
            else:
                ident = ("", match.sector or "", fold(match.actor_raw))
            if ident not in seen:
                seen.add(ident)
                out.append(match)
    return out


# --------------------------------------------------------------------------------------------
# Mentions in running text
# --------------------------------------------------------------------------------------------


def _build_mention_index(actors: Sequence[Actor], words: ActorWords) -> _MentionIndex:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    lower_patterns: dict[str, list[str]] = {}
    orth_patterns: dict[str, list[str]] = {}
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            surface = re.sub(r"^(?:the|The|THE)\s+", "", alias)  # the mention starts at the name
            key = _key(surface, words)
            if len(key) < 2 or key in words.mention_stop:
                continue
            if is_acronym(surface):
                orth_patterns.setdefault(key, []).append(surface)
            elif len(key) >= 4:
                lower_patterns.setdefault(key, []).append(surface)
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    for matcher, patterns in ((lower, lower_patterns), (orth, orth_patterns)):
        for key, surfaces in patterns.items():
            matcher.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(surfaces))))
    return _MentionIndex(nlp, lower, orth)


def _mention_actor(key: str, surface: str, gaz: Gazetteer, country: str | None) -> Actor | None:
    acronym = is_acronym(surface)
    found = _pick_exact(key, gaz, country)
    return found or _pick_foreign(key, gaz, country, acronym, min_acronym=4)


def find_mentions(text: str, gazetteer: Gazetteer, country: str | None = None) -> list[Mention]:
    """Gazetteer actors named in running text (UN report paragraphs), longest match first.

    Names and long aliases match case-insensitively, acronyms case-sensitively. Keys shared by
    several entries follow the same country / UN preference as :func:`match_actor`; national
    acronyms of fewer than four letters count only in a document of that country.
    """
    country = _norm_country(country)
    index = gazetteer.mention_index
    doc = index.nlp.make_doc(text)
    candidates: list[tuple[int, int, str]] = []
    for match_id, start, end in itertools.chain(index.lower(doc), index.orth(doc)):
        key = index.nlp.vocab.strings[match_id]
        actor = _mention_actor(key, doc[start:end].text, gazetteer, country)
        if actor is not None:
            candidates.append((start, end, actor.code))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    chosen: list[tuple[int, int, str]] = []
    for start, end, code in candidates:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            chosen.append((start, end, code))
    mentions = []
    for start, end, code in sorted(chosen):
        span = doc[start:end]
        mentions.append(Mention(span.start_char, span.end_char, span.text, code))
    return mentions
