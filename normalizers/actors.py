"""Actor normalisation: ministries, agencies, UN entities and collective actors → canonical codes.

Plans name "who is responsible" in many ways: acronyms (``MND``, ``MoFA``), full names in the
national language (``Ministerio de Defensa Nacional``), abbreviations (``MIN. INTERIOR``), several
actors in one cell (``MND MOU MOFA MOIS``, ``MOGEF\\nKOICA``), distributive phrases
(``Ministères du Genre, Intérieur, Affaires étrangères``), exclusions (``All excluding KOICA``) and
OCR damage (``IVIOJ``, Cyrillic ``МОЈ``). This module maps each printed actor to an entry of the
gazetteer kept as CSV files under ``normalizers/reference/`` (format: ``reference/ACTORS.md``).

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

import csv
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from normalizers.ocr_repair import HOMOGLYPHS

__all__ = (
    "ACTOR_FILES",
    "ACTOR_TYPES",
    "ALL_GOVERNMENT_CODE",
    "REFERENCE_DIR",
    "SECTORS",
    "Actor",
    "ActorMatch",
    "Gazetteer",
    "Mention",
    "actor_from_row",
    "directory_rows",
    "find_mentions",
    "fold",
    "is_acronym",
    "load_gazetteer",
    "match_actor",
    "match_actors",
    "read_actor_csv",
    "split_actor_cell",
)

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
#: The gazetteer files read by default, in this order (format: ``reference/ACTORS.md``).
ACTOR_FILES: tuple[str, ...] = ("ministries.csv", "un_system.csv", "international.csv", "collective.csv")

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
# Text folding
# --------------------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ`´]s\b")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+(?:['’ʼ]s\b)?")
_LEADING_ARTICLES = frozenset(
    {"the", "la", "le", "les", "el", "los", "las", "l", "lo", "il", "o", "die", "der", "das"}
)


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive form: ``MIN. Intérieur`` → ``min interieur``."""
    t = _POSSESSIVE.sub("s", unicodedata.normalize("NFKC", text))
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = unicodedata.normalize("NFC", t).casefold()
    return " ".join(_NON_WORD.sub(" ", t).split())


def _key(text: str) -> str:
    """Lookup key: folded, without a leading article."""
    words = fold(text).split()
    if len(words) > 1 and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


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
# Vocabulary of generic phrases ("Ministry of X", "National Police", "MoD")
# --------------------------------------------------------------------------------------------

_HEADS = frozenset(
    {
        "ministry", "ministerio", "ministere", "ministero", "ministerie", "ministerium",
        "bundesministerium", "ministarstvo", "min", "minist", "department", "dept", "departement",
        "departamento", "secretaria", "secretariat", "minister", "ministre", "ministro", "ministra",
    }
)
_PLURAL_HEADS = frozenset(
    {
        "ministries", "ministerios", "ministeres", "ministeri", "ministeries", "ministerien",
        "mins", "departments", "depts", "departements", "departamentos", "secretarias",
        "ministers", "ministres", "ministros",
    }
)
_HEAD_PREFIX = frozenset({"the", "la", "le", "el", "l", "o", "federal", "national", "state", "royal"})

_SECTOR_TERMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "defence": (
            "defence", "defense", "defensa", "defesa", "difesa", "defensie", "verteidigung", "def",
            "armed forces", "forces armees", "armees", "fuerzas armadas", "forcas armadas",
        ),
        "foreign_affairs": (
            "foreign affairs", "foreign", "external affairs", "external relations",
            "international relations", "relaciones exteriores", "asuntos exteriores", "exteriores",
            "affaires etrangeres", "etrangeres", "relations exterieures", "exterieures",
            "relacoes exteriores", "negocios estrangeiros", "estrangeiros", "esteri",
            "affari esteri", "buitenlandse zaken", "auswartiges", "auswartige",
        ),
        "interior": (
            "interior", "interieur", "interno", "internal affairs", "internal", "home affairs",
            "home", "innern", "inneres", "binnenlandse zaken", "binnenlandse", "gobernacion",
            "administration territoriale", "administracion territorial", "administracao interna",
            "homeland security", "security", "seguridad", "securite", "seguranca", "sicurezza",
            "safety", "int", "inter",
        ),
        "justice": (
            "justice", "justicia", "justica", "giustizia", "justitie", "justiz", "justis", "just",
            "attorney general", "attorney generals",
        ),
        "police": ("police", "policia", "polizia", "politie", "polizei", "politi"),
        "gender_equality": (
            "gender", "gender equality", "women", "woman", "womens", "womens affairs",
            "women affairs", "genre", "genero", "mujer", "mujeres", "femme", "femmes", "mulher",
            "mulheres", "donne", "frauen", "equality", "egalite", "igualdad", "igualdade",
            "equidad", "equidade", "equal opportunities", "pari opportunita", "gleichstellung",
            "condition feminine", "feminine",
        ),
        "development": (
            "development", "developpement", "desarrollo", "desenvolvimento", "sviluppo",
            "entwicklung", "cooperation", "cooperacion", "cooperacao", "cooperazione",
            "zusammenarbeit", "international development", "development cooperation", "planning",
            "plan", "planificacion", "planeacion", "planejamento", "prospective",
        ),
        "education": (
            "education", "educacion", "educacao", "istruzione", "onderwijs", "bildung",
            "enseignement", "ensenanza", "educ", "edu",
        ),
        "health": (
            "health", "salud", "sante", "saude", "salute", "sanidad", "gesundheit",
            "volksgezondheid",
        ),
        "social_affairs": (
            "social", "sociale", "sociales", "sociaux", "sociais", "sociali", "soziales",
            "social affairs", "social welfare", "welfare", "social development",
            "social protection", "social security", "solidarity", "solidarite", "solidaridad",
            "solidariedade", "bienestar", "desarrollo social", "developpement social",
            "desenvolvimento social", "humanitarian", "humanitaire", "humanitaires",
        ),
        "finance": (
            "finance", "finances", "finanzas", "financas", "finanze", "finanzen", "financien",
            "hacienda", "fazenda", "treasury", "tesoro", "budget", "presupuesto", "fin",
        ),
        "unification": ("unification", "reunification"),
    }
)
_PHRASE_SECTOR: Mapping[tuple[str, ...], str] = MappingProxyType(
    {tuple(term.split()): sector for sector, terms in _SECTOR_TERMS.items() for term in terms}
)
_MAX_PHRASE = max(len(p) for p in _PHRASE_SECTOR)

_CONNECTORS = frozenset(
    {
        "of", "the", "for", "and", "y", "et", "e", "de", "del", "della", "dell", "delle", "degli",
        "dei", "di", "des", "du", "d", "l", "la", "le", "les", "el", "los", "las", "lo", "da",
        "do", "dos", "das", "der", "die", "den", "van", "voor", "en", "og", "och", "ja", "und",
        "fur", "s", "a", "o", "in", "on", "to", "au", "aux", "al", "with", "avec", "con", "com",
        "em", "para", "pour", "per", "por", "sur", "its", "their",
    }
)
_SOFT_WORDS = frozenset(
    {
        "national", "nationale", "nationales", "nacional", "nacionales", "nazionale", "nacionais",
        "federal", "federale", "public", "publique", "publiques", "publica", "publicas", "publico",
        "publicos", "pubblica", "general", "generale", "generales", "state", "etat", "estado",
        "affairs", "affaires", "asuntos", "assuntos", "affari", "zaken", "angelegenheiten",
        "government", "gouvernement", "gobierno", "governo", "republic", "republique",
        "republica", "charge", "chargee", "charged", "encargado", "encargada", "responsible",
        "delegue", "deleguee", "family", "families", "famille", "familles", "familia", "familias",
        "familie", "familien", "children", "child", "childrens", "enfant", "enfants", "enfance",
        "infancia", "ninez", "ninos", "ninas", "adolescencia", "adolescents", "youth", "jeunesse",
        "juventud", "juventude", "jugend", "elderly", "seniors", "senior", "senioren", "citizens",
        "aines", "personnes", "agees", "mayores", "people", "persons", "labour", "labor",
        "employment", "work", "travail", "trabajo", "empleo", "trabalho", "emploi", "arbeit",
        "economy", "economic", "economie", "economique", "economia", "economica", "economico",
        "wirtschaftliche", "trade", "commerce", "comercio", "exterieur", "diaspora", "expatriates",
        "integration", "africaine", "regional", "regionale", "european", "europe", "union",
        "europea", "europeenne", "mobility", "decentralisation", "decentralization",
        "decentralizacion", "culture", "cultura", "kultur", "sport", "sports", "deportes",
        "desportos", "science", "sciences", "ciencia", "ciencias", "technology", "tecnologia",
        "research", "recherche", "investigacion", "innovation", "population", "poblacion",
        "poblaciones", "vulnerable", "vulnerables", "hygiene", "prevention", "sanitation", "human",
        "rights", "derechos", "humanos", "droits", "homme", "humains", "direitos", "veteran",
        "veterans", "anciens", "combattants", "local", "coordination", "coordinacion", "care",
        "aged", "constitutional", "parliamentary", "law", "derecho", "status", "protection",
        "proteccion", "protecao", "inclusion", "action", "accion", "acao", "international",
        "internationale", "internacional", "internazionale", "credit", "credito", "presidencial",
        "presidential", "promotion", "promocion", "alphabetisation", "alfabetizacion",
        "vocational", "training", "formation", "formacion", "profesional", "housing",
        "logement", "vivienda", "pensions", "affirmative", "opportunities", "civil", "civile",
        "communications", "kingdom", "relations", "order",
    }
)
_POLICE_FILLER = frozenset(
    {
        "national", "nacional", "nationale", "federal", "federale", "civil", "civile", "the", "la",
        "el", "le", "service", "services", "force", "forces", "agency", "de", "du", "del", "of",
        "di", "stato", "state", "authority", "direction", "generale", "general", "directorate",
        "command", "commandement", "headquarters", "des",
    }
)

_GENERIC_ACRONYMS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("mod", "mindef", "mdn", "mond", "mdef"), "defence"),
        **dict.fromkeys(("mfa", "mofa", "mae", "mre", "minrex", "mrree", "rree"), "foreign_affairs"),
        **dict.fromkeys(("moi", "moia", "mia", "moha", "minint", "mininter", "mininterior"), "interior"),
        **dict.fromkeys(("moj", "minjus", "minjusticia", "minjustice", "mj"), "justice"),
        **dict.fromkeys(("moh", "minsa", "minsal", "minsante", "minsalud"), "health"),
        **dict.fromkeys(("moe", "mineduc", "minedu", "men"), "education"),
        **dict.fromkeys(("mof", "minfin", "mef", "minhacienda"), "finance"),
    }
)

_ALL_GOV_WORDS = frozenset(
    {
        "all", "relevant", "concerned", "line", "sectoral", "sectorial", "sector", "government",
        "governmental", "implementing", "participating", "ministries", "ministerios", "ministeres",
        "ministerien", "agencies", "institutions", "instituciones", "instituicoes", "entities",
        "entidades", "departments", "departements", "organismos", "bodies", "and", "y", "et",
        "e", "the", "los", "las", "les", "todos", "todas", "tous", "toutes", "alle",
        "competentes", "concernes", "concernees", "pertinentes", "involucrados", "involucradas",
        "implicados", "implicadas", "sectoriales", "sectoriels", "sectorielles", "publicas",
        "publiques", "public", "state", "estado", "del", "de", "l", "la", "des", "d", "other",
        "otros", "otras", "autres", "national", "nationales", "nacionales", "ministeriales",
        "ministeriels", "respective", "respectivos", "relevantes", "gouvernementales",
        "gubernamentales", "au", "niveau", "level", "central", "centrales", "centraux", "nivel",
    }
)
_ALL_WORDS = frozenset({"all", "todos", "todas", "tous", "toutes", "alle"})
_ALL_QUALIFIERS = frozenset(
    {
        "relevant", "concerned", "line", "sectoral", "sectorial", "implementing", "participating",
        "competentes", "concernes", "concernees", "pertinentes", "involucrados", "involucradas",
        "implicados", "implicadas", "sectoriales", "sectoriels", "sectorielles", "respective",
        "respectivos", "relevantes", "other", "otros", "otras", "autres",
    }
)
_ALL_NOUNS = frozenset(
    {
        "ministries", "ministerios", "ministeres", "ministerien", "agencies", "institutions",
        "instituciones", "instituicoes", "entities", "entidades", "departments", "departements",
        "organismos", "bodies",
    }
)
_MINISTRY_NOUNS = frozenset({"ministries", "ministerios", "ministeres", "ministerien"})


def _sector_at(keys: Sequence[str], i: int) -> tuple[str, int] | None:
    """Longest sector phrase starting at token ``i``: (sector, index after it)."""
    for n in range(min(_MAX_PHRASE, len(keys) - i), 0, -1):
        sector = _PHRASE_SECTOR.get(tuple(keys[i : i + n]))
        if sector:
            return sector, i + n
    return None


def _sectors_named(text: str) -> frozenset[str]:
    """Every sector a text names anywhere (guard for fuzzy matches)."""
    keys = text.split()
    found: set[str] = set()
    i = 0
    while i < len(keys):
        hit = _sector_at(keys, i)
        if hit:
            found.add(hit[0])
            i = hit[1]
        else:
            i += 1
    return frozenset(found)


def _is_all_government(keys: Sequence[str]) -> bool:
    if not keys or not all(k in _ALL_GOV_WORDS for k in keys):
        return False
    words = set(keys)
    if words & _ALL_WORDS or words & _MINISTRY_NOUNS:
        return True
    return bool(words & _ALL_NOUNS and words & _ALL_QUALIFIERS)


def _parse_generic(text: str) -> _Generic | None:
    """Parse ``Ministry of X (and Y)``, ``National Police``, ``MoD``, ``Relevant ministries``."""
    toks = _tokens(text)
    keys = [t.key for t in toks]
    if not keys:
        return None
    if len(toks) == 1 and is_acronym(text) and keys[0] in _GENERIC_ACRONYMS:
        return _Generic("acronym", ((_GENERIC_ACRONYMS[keys[0]], toks[0].start, toks[0].end),), False)
    if _is_all_government(keys):
        return _Generic("all", (), True)
    i = 0
    while i < len(keys) and keys[i] in _HEAD_PREFIX:
        i += 1
    if i >= len(keys) or (keys[i] not in _HEADS and keys[i] not in _PLURAL_HEADS):
        return _parse_police(toks)
    plural = keys[i] in _PLURAL_HEADS
    i += 1
    sectors: list[tuple[str, int, int]] = []
    while i < len(keys):
        hit = _sector_at(keys, i)
        if hit:
            sectors.append((hit[0], toks[i].start, toks[hit[1] - 1].end))
            i = hit[1]
        elif keys[i] in _CONNECTORS or keys[i] in _SOFT_WORDS:
            i += 1
        else:
            return None
    if not sectors:
        return None
    return _Generic("ministry", tuple(sectors), plural)


def _parse_police(toks: Sequence[_Token]) -> _Generic | None:
    police = [t for t in toks if _PHRASE_SECTOR.get((t.key,)) == "police"]
    if not police or not all(t.key in _POLICE_FILLER or t in police for t in toks):
        return None
    return _Generic("police", (("police", toks[0].start, toks[-1].end),), False)


# --------------------------------------------------------------------------------------------
# OCR repair
# --------------------------------------------------------------------------------------------

_HOMOGLYPHS = HOMOGLYPHS  # Cyrillic/Greek look-alikes, shared with the OCR extractor
_ACRONYM_CONFUSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[Il1|]V[Il1|]|[Il1|]\\/[Il1|]|/\\/\\"), "M"),
    (re.compile(r"0"), "O"),
    (re.compile(r"[1l|!]"), "I"),
    (re.compile(r"VV"), "W"),
    (re.compile(r"5"), "S"),
    (re.compile(r"8"), "B"),
    (re.compile(r"[}\]]"), "J"),
)
_NAME_CONFUSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z])0|0(?=[a-z])"), "o"),
    (re.compile(r"rn"), "m"),
    (re.compile(r"(?<=[a-z])1(?=[a-z])"), "l"),
)


def _ocr_variants(text: str) -> list[str]:
    """Candidate repairs of ``text`` (never the text itself); callers accept exact hits only."""
    base = text.translate(_HOMOGLYPHS)
    rules = _ACRONYM_CONFUSIONS if is_acronym(base) else _NAME_CONFUSIONS
    applicable = [rule for rule in rules if rule[0].search(base)]
    variants: list[str] = [base] if base != text else []
    for n in range(1, len(applicable) + 1):
        for combo in itertools.combinations(applicable, n):
            v = base
            for pattern, repl in combo:
                v = pattern.sub(repl, v)
            if v != text and v not in variants:
                variants.append(v)
    return variants


# --------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _MentionIndex:
    nlp: Any
    lower: Any  # PhraseMatcher(attr="LOWER") over names and long aliases
    orth: Any  # PhraseMatcher(attr="ORTH") over acronyms (case-sensitive)


# single-word aliases too common in running text to count as a mention
_MENTION_STOP = frozenset(
    {
        "all", "todos", "todas", "tous", "toutes", "government", "gobierno", "gouvernement",
        "governo", "regierung", "stakeholders", "media", "military", "communes", "bailleurs",
        "cooperantes", "home affairs", "treasury", "garda", "politiet", "politie",
    }
)


class Gazetteer:
    """Immutable index over gazetteer entries (build with :func:`load_gazetteer`).

    The spaCy matchers of :func:`find_mentions` are built on first use and cached on the
    instance (:attr:`mention_index`).
    """

    _actors: tuple[Actor, ...]
    _by_code: Mapping[str, Actor]
    _by_key: Mapping[str, tuple[str, ...]]
    _by_country: Mapping[str, tuple[Actor, ...]]
    _fuzzy_keys: tuple[str, ...]
    _acronym_keys: frozenset[str]

    def __init__(self, actors: Iterable[Actor]) -> None:
        items = tuple(actors)
        _validate(items)
        keys: dict[str, list[str]] = {}
        worded: set[str] = set()  # keys written at least once as a word or name, not an acronym
        for actor in items:
            for surface in (actor.code, actor.name, *actor.aliases):
                key = _key(surface)
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
        object.__setattr__(self, "_by_code", MappingProxyType({a.code: a for a in items}))
        object.__setattr__(self, "_by_key", MappingProxyType({k: tuple(v) for k, v in keys.items()}))
        object.__setattr__(
            self, "_by_country", MappingProxyType({c: tuple(v) for c, v in by_country.items()})
        )
        object.__setattr__(self, "_fuzzy_keys", fuzzy)
        object.__setattr__(self, "_acronym_keys", frozenset(keys) - worded)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Gazetteer is immutable")

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[tuple[Actor, ...]]]:
        """Pickled as its entries (for worker processes); indexes are rebuilt, caches dropped."""
        return (Gazetteer, (self._actors,))

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
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_country))

    def get(self, code: str) -> Actor | None:
        return self._by_code.get(code)

    def lookup(self, key: str) -> tuple[Actor, ...]:
        """Entries whose code, name or alias folds to ``key`` (see :func:`fold`)."""
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
        return Gazetteer((*(by_code[a.code] for a in self._actors), *added))

    @cached_property
    def mention_index(self) -> _MentionIndex:
        """spaCy phrase matchers over names and aliases, built on first use."""
        return _build_mention_index(self._actors)


def _validate(actors: Sequence[Actor]) -> None:
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


def read_actor_csv(path: Path) -> list[Actor]:
    """The entries of one actor CSV (format: ``reference/ACTORS.md``), validated on their own."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name}: missing columns {sorted(missing)}")
        actors = [actor_from_row(row) for row in reader]
    _validate(actors)
    return actors


def load_gazetteer(paths: Sequence[Path] | None = None) -> Gazetteer:
    """Gazetteer from actor CSVs; by default the :data:`ACTOR_FILES` of ``normalizers/reference/``."""
    files = [Path(p) for p in paths] if paths is not None else [REFERENCE_DIR / f for f in ACTOR_FILES]
    return Gazetteer(itertools.chain.from_iterable(read_actor_csv(f) for f in files))


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


def _is_distinctive(key: str) -> bool:
    """A name with a proper-noun word (``Korea International Cooperation Agency``), unlike
    ``National Police Agency`` or ``Women's Institute`` that several countries could own."""
    return any(w not in _GENERIC_NAME_WORDS for w in key.split())


def _pick_foreign(
    key: str, gaz: Gazetteer, country: str | None, acronym: bool, min_acronym: int = 0
) -> Actor | None:
    """Another country's entry, only when the key names exactly one entry (see module doc)."""
    national = [a for a in gaz.lookup(key) if a.country is not None and a.country != country]
    if len(national) != 1:
        return None
    actor = national[0]
    if not acronym:
        return actor if _is_distinctive(key) else None
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
    key = _key(text)
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
    while len(words) > 1 and words[0] in _COLLECTIVE_QUALIFIERS:
        words = words[1:]  # "Local women's organizations", "Grassroots NGOs"
        actor = _pick_exact(" ".join(words), gaz, country)
        if actor and actor.actor_type == "collective":
            return [_Hit(actor, actor.actor_type, actor.sector, min(score, SCORE_GENERIC))]
    return []


def _foreign_hits(text: str, gaz: Gazetteer, country: str | None, score: float) -> list[_Hit]:
    """Another country's body; never for generic phrases (``Ministry of Defense`` is not Japan's)."""
    key = _key(text)
    if _parse_generic(text) is not None or not _key_fits(key, text, gaz):
        return []
    actor = _pick_foreign(key, gaz, country, is_acronym(text.strip(" .,;:()[]")))
    return [_Hit(actor, actor.actor_type, actor.sector, score)] if actor else []


def _generic_hits(text: str, gaz: Gazetteer, country: str | None, partial: bool) -> list[_Hit]:
    parsed = _parse_generic(text)
    if parsed is None or parsed.kind == "all":
        return []
    if parsed.kind == "acronym" and not partial and not country:
        return []
    kind = "police" if parsed.kind == "police" else "ministry"
    sectors = [s for s, _, _ in parsed.sectors]
    return _resolve_sectors(sectors, kind, gaz, country, partial, single=not parsed.plural)


def _all_government_hits(text: str, gaz: Gazetteer) -> list[_Hit]:
    parsed = _parse_generic(text)
    actor = gaz.get(ALL_GOVERNMENT_CODE)
    if parsed is None or parsed.kind != "all" or actor is None:
        return []
    return [_Hit(actor, actor.actor_type, actor.sector, SCORE_GENERIC)]


_GOVERNMENT_WORD = r"(?:government|gouvernement|gobierno|governo|regierung)"
# "Government of the Republic of Korea", "Gouvernement du Mali", "ROK Government", "Malian government":
# a government word with a proper name; which country is the document's business, not the actor's
_NAMED_GOVERNMENT = re.compile(
    rf"^(?:the\s+)?(?:(?:federal|national|central|royal)\s+)?{_GOVERNMENT_WORD}\s+"
    r"(?:of|du|de|del|da|do|des|der|von)\s+(?:the\s+|la\s+|l['’]\s*)?[A-ZÀ-Ý]\S*(?:\s+\S+){0,5}$"
    rf"|^(?:the\s+)?(?:[A-ZÀ-Ý][\w'’.-]*\s+){{1,3}}{_GOVERNMENT_WORD}$",
    re.IGNORECASE,
)


_SUBNATIONAL = frozenset(
    "local regional provincial municipal state county district tribal city territorial departmental".split()
)


def _named_government_hits(text: str, gaz: Gazetteer) -> list[_Hit]:
    """A country's government named with its name (see ``_NAMED_GOVERNMENT``) → ``GOV``."""
    flat = " ".join(text.split())
    actor = gaz.get("GOV")
    if actor is None or not _NAMED_GOVERNMENT.match(flat):
        return []
    # the name must be capitalised as printed (the pattern ignores case for the government word)
    words = re.sub(rf"(?i)\b{_GOVERNMENT_WORD}\b", "", flat).split()
    names = [w for w in words if w.lower() not in {"the", "of", "du", "de", "del", "da", "do", "des", "der", "von",
                                                    "la", "federal", "national", "central", "royal"}]
    if not names or not names[0][:1].isupper() or names[0].lower() in _SUBNATIONAL:
        return []  # "local government", "Regional Government": not the national government
    return [_Hit(actor, actor.actor_type, actor.sector, SCORE_GENERIC)]


def _ocr_hits(text: str, gaz: Gazetteer, country: str | None) -> list[_Hit]:
    for variant in _ocr_variants(text):
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
    wanted, offered = _sectors_named(key), _sectors_named(best[0])
    if wanted and offered and wanted != offered:
        return None
    return best[0], float(best[1])


def _fuzzy_hits(text: str, gaz: Gazetteer, country: str | None) -> list[_Hit]:
    if is_acronym(text.strip()):
        return []
    found = _fuzzy_key(_key(text), gaz)
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
_WRAP_END = frozenset(
    {
        "of", "de", "and", "y", "et", "e", "the", "la", "le", "du", "des", "del", "for", "para",
        "pour", "da", "do", "on", "to",
    }
)
_ORG_WORDS = frozenset(
    {
        "organization", "organisation", "organizacion", "commission", "comision", "office",
        "bureau", "oficina", "agency", "agence", "agencia", "fund", "fonds", "fondo", "programme",
        "program", "programa", "council", "conseil", "consejo", "committee", "comite", "institute",
        "institut", "instituto", "department", "ministry", "ministerio", "ministere", "service",
        "force", "police", "authority", "directorate", "secretariat", "secretaria", "board",
        "network", "college", "tribunal", "court", "mission", "union", "bank", "centre", "center",
    }
)
_STRIP = " \t\r\n.,;:·*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"
_FILLER_PIECES = frozenset(
    {"etc", "and others", "others", "y otros", "entre otros", "et autres", "among others", "inter alia"}
)
_GENERIC_NAME_WORDS = (
    _CONNECTORS
    | _SOFT_WORDS
    | _HEADS
    | _PLURAL_HEADS
    | _ORG_WORDS
    | frozenset(w for phrase in _PHRASE_SECTOR for w in phrase)
    | frozenset(
        {
            "cabinet", "agency", "agencies", "office", "offices", "institute", "commission", "unit",
            "units", "board", "force", "forces", "armed", "directorate", "authority", "bureau",
            "division", "services", "secretary", "ombudsman", "prosecutor", "prosecution",
        }
    )
)
_COLLECTIVE_QUALIFIERS = frozenset(
    {
        "local", "national", "international", "grassroots", "grass", "roots", "domestic", "relevant",
        "concerned", "other", "regional", "community", "based", "locales", "nacionales", "locaux",
        "nationaux", "nationales", "internationales", "internacionales",
    }
)


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


def _unwrap_lines(text: str) -> str:
    """Join lines broken inside one name: a line ending in ``of``/``de``/``and``/``,`` or followed
    by a lower-case line. Same length as ``text``, so offsets are kept."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    chars = list(text)
    for m in re.finditer("\n", text):
        before = text[: m.start()].rstrip()
        after = text[m.end() :].lstrip()
        words = before.split()
        last_word = words[-1].casefold() if words else ""
        if before.endswith((",", "-", "&", "/")) or last_word in _WRAP_END or after[:1].islower():
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
    keys = [_key(v) for v in _variants(text)[:2]]
    return any(gaz.has_key(k) for k in keys) or (fuzzy and _fuzzy_key(keys[0], gaz) is not None)


def _known(text: str, gaz: Gazetteer | None, fuzzy: bool = False) -> bool:
    """Whether ``text`` reads as one actor: a gazetteer key (with ``fuzzy``, also a near miss of
    a name) or a generic phrase."""
    if _known_name(text, gaz, fuzzy):
        return True
    parsed = _parse_generic(text)
    return parsed is not None and parsed.kind != "acronym"


def _looks_like_one_name(parts: Sequence[str]) -> bool:
    """``Food and Agriculture Organization``: one organisation word, no acronyms, no second head."""
    with_org = [p for p in parts if set(fold(p).split()) & (_ORG_WORDS | _HEADS | _PLURAL_HEADS)]
    if len(with_org) != 1 or any(is_acronym(w) for p in parts for w in p.split()):
        return False
    first_words = [fold(p).split()[0] for p in parts[1:] if fold(p)]
    return not any(w in _HEADS or w in _PLURAL_HEADS for w in first_words)


def _run_reads_as_one(parts: Sequence[str], run: str, gaz: Gazetteer | None, fuzzy: bool) -> bool:
    """Whether pieces joined back (``run``) name one actor; ``fuzzy``: as a near miss of a name."""
    known_parts = [_known(p, gaz) for p in parts] if gaz is not None else [False] * len(parts)
    if fuzzy:  # a near miss never swallows a known acronym (``OSC, Chefs religieux et …``)
        if any(k and is_acronym(p.strip()) for k, p in zip(known_parts, parts)):
            return False
        return not all(known_parts) and _known(run, gaz, fuzzy=True)
    if _known_name(run, gaz):
        return True
    # a generic phrase, unless a later piece stands alone (``Ministry of Defence - National Police``)
    if _known(run, None) and not any(_known(p, gaz) for p in parts[1:]):
        return True
    return _looks_like_one_name(parts) and not any(known_parts)


def _group_pieces(
    text: str, pieces: Sequence[tuple[int, int]], gaz: Gazetteer | None
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
                if _run_reads_as_one(parts, text[pieces[i][0] : pieces[j - 1][1]], gaz, fuzzy):
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


def _acronym_run(text: str, gaz: Gazetteer | None) -> list[tuple[int, int]] | None:
    """Token spans of ``MND MOU MOFA MOIS`` (space-separated acronyms), else None."""
    words = list(re.finditer(r"\S+", text))
    if len(words) < 2 or _known(text, gaz):
        return None
    if not all(is_acronym(w.group().translate(_HOMOGLYPHS)) for w in words):
        return None
    return [_strip_span(text, w.start(), w.end()) for w in words]


def _expand(text: str, start: int, end: int) -> list[_Segment]:
    """Split a distributive phrase (plural head, several sectors) into one segment per sector."""
    parsed = _parse_generic(text[start:end])
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


def _attach_modifiers(text: str, groups: list[tuple[int, int]], gaz: Gazetteer | None) -> list[tuple[int, int]]:
    """A lone lower-case word after a conjunction modifies the head before it, it names no actor:
    ``Leaders religieux et coutumiers``, ``Líderes religiosos y tradicionales`` stay one piece."""
    out: list[tuple[int, int]] = []
    for s, e in groups:
        word = text[s:e]
        if (out and _LOWER_WORD.fullmatch(word) and _CONJUNCTION.fullmatch(text[out[-1][1] : s])
                and not _known(word, gaz) and len(text[out[-1][0] : out[-1][1]].split()) >= 2):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    # English puts the modifiers first: ``Religious and traditional leaders``
    merged: list[tuple[int, int]] = []
    for s, e in out:
        prev = merged[-1] if merged else None
        if (prev is not None and re.fullmatch(r"[^\W\d_]{3,}", text[prev[0] : prev[1]])
                and not is_acronym(text[prev[0] : prev[1]]) and not _known(text[prev[0] : prev[1]], gaz)
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


def _chunk_segments(text: str, start: int, end: int, gaz: Gazetteer | None) -> list[_Segment]:
    segments: list[_Segment] = []
    pieces = [
        p for p in _soft_pieces(text, start, end) if fold(text[p[0] : p[1]]) not in _FILLER_PIECES
    ]
    for s, e in _attach_modifiers(text, _group_pieces(text, pieces, gaz), gaz):
        run = _acronym_run(text[s:e], gaz)
        if run:
            segments.extend(_Segment(s + a, s + b) for a, b in run)
        else:
            segments.extend(_expand(text, s, e))
    return segments


def _segments(text: str, gaz: Gazetteer | None) -> tuple[str, list[_Segment]]:
    """The unwrapped text (same length as ``text``) and its actor segments, in printed order."""
    text = _unwrap_lines(text)
    segments: list[_Segment] = []
    for chunk_start, chunk_end in _hard_chunks(text):
        start, end = _clean_chunk(text, chunk_start, chunk_end)
        if start >= end:
            continue
        excl = _EXCLUSION.search(text, start, end)
        has_base = excl is not None and excl.start() > start
        included = _chunk_segments(text, start, excl.start(), gaz) if excl and has_base else []
        if excl and included and excl.end() < end:
            # the excluded list runs to the end of its line; later lines are actors again
            newline = text.find("\n", excl.end(), end)
            excl_end = _strip_span(text, excl.end(), end if newline < 0 else newline)[1]
            last = included[-1]
            segments.extend(included[:-1])
            segments.append(_Segment(last.start, excl_end, base_end=last.end, excl_start=excl.end()))
            if newline >= 0:
                segments.extend(_chunk_segments(text, newline, end, gaz))
            continue
        segments.extend(_chunk_segments(text, start, end, gaz))
    return text, segments


def split_actor_cell(text: str, gazetteer: Gazetteer | None = None) -> list[str]:
    """The actors printed in a cell, as printed (line-wrapped names joined by a space).

    Splits on newlines, semicolons, commas, slashes, ``and``/``y``/``et``/``e``/``or``, phrases like
    ``in coordination with``, and runs of acronyms (``MND MOU MOFA MOIS``). Distributive phrases
    (``Ministries of Defence and Foreign Affairs``) give one piece per ministry; exclusions
    (``All excluding KOICA``) stay one piece. With a gazetteer, known multi-word names that
    contain separators (``Economic and Social Commission for Asia and the Pacific``) stay whole.
    """
    _, segments = _segments(text, gazetteer)
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
    unwrapped, segments = _segments(text, gazetteer)
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


def _build_mention_index(actors: Sequence[Actor]) -> _MentionIndex:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    lower_patterns: dict[str, list[str]] = {}
    orth_patterns: dict[str, list[str]] = {}
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            surface = re.sub(r"^(?:the|The|THE)\s+", "", alias)  # the mention starts at the name
            key = _key(surface)
            if len(key) < 2 or key in _MENTION_STOP:
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
