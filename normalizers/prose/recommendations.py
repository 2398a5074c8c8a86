"""Recommendation items → their actors; thematic areas named by a lead-in.

**Recommendations** (part of step 7 of the prose pipeline): the items of a lead-in that
recommends (``RECO_LEADIN``) or of a recommendations section (``RECO_SECTION``) are actions; the
lead actor is the item's grammatical subject ("Member States develop …"), else the one urged or
called upon ("Urge Member States to …"), else the lead-in's subject ("…, the Security Council
should:", ``leadin_subject``); the other actors the item mentions follow (``item_actors``).
Items of a lead-in naming thematic areas or pillars ("(a) Prevention: …") are areas instead
(``area_items``), and an action that names one area belongs to it (``area_for``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from extractors.model import BBox
from normalizers.actors import find_mentions, match_actors
from normalizers.records import ActorRecord
from normalizers.vocabulary import fold


@dataclass(frozen=True)
class Item:
    """A sub-item of a paragraph, with where it is."""

    paragraph_index: int
    label: str | None
    text: str
    page: int
    bbox: BBox
    conf: float


def strip_label(text: str, label: str | None) -> str:
    if label and text.startswith(label):
        return text[len(label):].strip()
    return text.strip()


_DIRECTIVE = re.compile(
    r"^(?:urges?|calls?\s+(?:(?:up)?on|for)|encourages?|requests?|invites?|asks?|appeals?\s+to|exhorts?|demands?\s+that|"
    r"recommends?\s+that|instructs?|directs?)\s+(?P<rest>.+)$",
    re.I | re.S,
)
_MODAL = re.compile(
    r"\b(?:may\s+wish\s+to|should|shall|must|will|would|could|might|is\s+(?:invited|encouraged|requested|urged)\s+to|"
    r"are\s+(?:invited|encouraged|requested|urged)\s+to|recommends?\s+that|urges?|calls?\s+(?:up)?on|encourages?)\b",
    re.I,
)
RECO_LEADIN = re.compile(
    r"\b(?:recommend\w*|may\s+wish\s+to|should|could|urges?|calls?\s+(?:up)?on|encourages?|invites?|requests?)\b", re.I
)
RECO_SECTION = re.compile(
    r"recommendation|way forward|way ahead|further action|recomendaci|recommandation|recomenda[çc]|empfehlung"
    r"|raccomandazion|aanbeveling", re.I
)
_AREA_LEADIN = re.compile(
    r"\b(thematic areas?|pillars?|priority areas?|focus areas?|areas of action|strategic areas?|strateg\w+|goals?|objectives?)\b", re.I
)

# verbs that open the predicate of a recommendation ("Member States develop …")
_VERBS = frozenset(
    """accelerate address adopt advance advocate align allocate amend appoint apply assess assist build call collect
    commit comply conduct consider consult continue contribute convene coordinate create deliver deploy design develop
    devote document empower enact encourage end engage enhance ensure establish evaluate expand facilitate finance
    focus foster fund guarantee hold identify implement improve include incorporate increase integrate invest invite
    involve learn lead make mainstream maintain mobilize mobilise monitor nominate note prioritize prioritise promote
    protect provide pursue raise ratify recall recognize recognise reaffirm reform reinforce reiterate remain report
    request respect review revise scale seek set share step stress strengthen support sustain take train underline
    underscore uphold urge use welcome work be have receive benefit participate serve play give investigate
    prosecute adjudicate ratify accede condemn refrain cease release respond cooperate collaborate establish
    operationalize operationalise enable empower expedite launch negotiate organize organise attend""".split()
)


def _subject_np(text: str) -> tuple[str, bool]:
    """The subject of '(Member States), particularly …, develop …' and whether the item opens with
    its verb instead ('Reiterate the need …', 'Urge Member States to …')."""
    words = text.split()
    if not words:
        return "", False
    first = re.sub(r"\W", "", words[0]).lower()
    if first in _VERBS or _DIRECTIVE.match(text):
        return "", True
    clause = re.split(r",|;|:|\s\(", text, maxsplit=1)[0]
    out = []
    for i, w in enumerate(clause.split()):
        bare = re.sub(r"\W", "", w).lower()
        if i > 0 and (bare in _VERBS or bare in _AUXILIARIES):
            break
        out.append(w)
    return " ".join(out).strip(), False


# the subject ends where its verb begins: "The Ministry of Justice will set up …"
# "The Ministry …", "Le Ministère …", "El Ministerio …", "O Ministério …": the actor without its article
_LEADING_ARTICLE = re.compile(r"^(?i:(?:the|le|la|les|el|los|las|o|a|os|as)\s+|l['’]\s*)(?=[A-ZÀ-Ý])")
_AUXILIARIES = frozenset(
    "will shall should must may might can could would is are was were has have had does do "  # en
    "doit doivent devrait devraient va vont sera seront peut peuvent est sont "  # fr
    "debe deben debería deberían va van será serán puede pueden es son "  # es
    "deve devem deveria deveriam vai vão será serão pode podem é são".split()  # pt
)


def _object_np(text: str) -> tuple[str, bool]:
    """The actor urged or called upon: 'Urge Member States to …' → ('Member States', True).

    The flag says whether the verb takes a person ('urge', 'call upon', 'encourage'); after
    'call for' or 'request' the phrase may be a thing ('the roll-out of …') and counts as an
    actor only when it names one."""
    m = _DIRECTIVE.match(text)
    if not m:
        return "", False
    personal = not re.match(r"(?:calls?\s+for|requests?)\b", text, re.I)
    rest = re.sub(r"^for\s+", "", m.group("rest"))
    if re.match(r"(?:the\s+need|that)\b", rest, re.I):
        return "", False
    # the actor is the one asked to act: "… all parties to armed conflict[, …,] to ensure …"
    for t in re.finditer(r"\s+to\s+(\w+ly\s+)?(\w+)", rest):
        if t.group(1) or t.group(2).lower() in _VERBS:
            return re.split(r",|;|:|\s+that\s+", rest[: t.start()], maxsplit=1)[0].strip(), personal
    return "", False


# a subject opens with a capital or a determiner; not with a preposition or a verb
_NOUN_PHRASE_START = re.compile(
    r"^(?!(?:In|On|At|For|With|By|Under|Regarding|Concerning|As|To|From|Through|Within|During|After|Before"
    r"|En|Dans|Pour|Sur|Avec|Par|Concernant|Para|Sobre|Con|Por|Em|Com)\b)"
    r"(?:[A-ZÀ-Ý0-9]|(?:the|all|each|every|any|both|relevant|national|local|other|member"
    r"|le|la|les|l|tous|toutes|el|los|las|todos|todas)\b)"
)


def leadin_subject(text: str) -> str:
    """'…, the members of the Security Council should:' → 'the members of the Security Council'."""
    m = None
    for m in _MODAL.finditer(text):
        pass
    if m is None:
        return ""
    before = text[: m.start()].rstrip()
    clause = re.split(r"[,;:]\s*", before)[-1].strip()
    if re.match(r"^(?:it|this|that|there)\b", clause, re.I):
        return ""
    return clause


def actor_rows(
    action_id: str, raw: str, role: str, gazetteer: Any, country: str | None, doc_id: str
) -> list[ActorRecord]:
    """Actor rows for a noun phrase: the gazetteer's reading of it, else the actors named inside
    it ('the members of the Security Council' → Security Council), else the phrase, unknown."""
    matches = [m for m in match_actors(raw, gazetteer, country) if not m.excluded and (m.actor_code or m.sector)]
    if not matches:
        inner = []
        for mention in find_mentions(raw, gazetteer, country):
            inner.extend(m for m in match_actors(mention.text, gazetteer, country) if m.actor_code == mention.actor_code)
        matches = inner
    if not matches:
        return [
            ActorRecord(
                doc_id=doc_id, action_id=action_id, actor_raw=raw, actor_code=None, actor_name=None,
                actor_type="other", sector=None, role=role,
            )
        ]
    return [
        ActorRecord(
            doc_id=doc_id, action_id=action_id, actor_raw=m.actor_raw or raw, actor_code=m.actor_code,
            actor_name=m.actor_name, actor_type=m.actor_type or "other", sector=m.sector, role=role,
        )
        for m in matches
    ]


def item_actors(
    text: str, leadin: str, action_id: str, gazetteer: Any, country: str | None, doc_id: str
) -> list[ActorRecord]:
    """Lead actors from the grammatical subject (or the object of 'urge', 'call upon' …), and
    the other actors the item mentions."""
    subject, verb_first = _subject_np(text)
    if subject and not _NOUN_PHRASE_START.match(subject):
        # "In relation to inquiry No. 2016/1", "reinvigorate their efforts to": no subject of its
        # own; the item goes on from its lead-in ("… urges Member States to:")
        subject, verb_first = "", True
    lead_raw = subject
    if verb_first:
        obj, personal = _object_np(text)
        named = bool(obj) and (personal or bool(find_mentions(obj, gazetteer, country)))
        lead_raw = obj if named else leadin_subject(leadin)
    rows: list[ActorRecord] = []
    if lead_raw:
        rows.extend(actor_rows(action_id, _LEADING_ARTICLE.sub("", lead_raw.strip()), "lead", gazetteer, country, doc_id))
    lead_codes = {r.actor_code for r in rows if r.actor_code}
    lead_span = text.find(lead_raw) if lead_raw and not verb_first else -1
    for m in find_mentions(text, gazetteer, country):
        if m.actor_code in lead_codes:
            continue
        if lead_span >= 0 and lead_span <= m.start < lead_span + len(lead_raw):
            continue
        lead_codes.add(m.actor_code)
        rows.extend(
            r for r in actor_rows(action_id, m.text, "mentioned", gazetteer, country, doc_id) if r.actor_code == m.actor_code
        )
    return rows


def area_items(leadin: str, items: Sequence[Item]) -> list[tuple[Item, str]]:
    """'(a) Prevention: mainstream …' items of a lead-in naming thematic areas or pillars →
    (item, area name)."""
    found = list(_AREA_LEADIN.finditer(leadin))
    if not found or not leadin.rstrip().endswith(":"):
        return []
    noun = found[-1].group(1).lower()
    if not any(noun.startswith(k) for k in ("thematic", "pillar", "priority", "focus", "areas of", "strategic area")):
        return []
    out = []
    for item in items:
        m = re.match(r"^([^:;.]{2,60}):\s+\S", item.text)
        if not m or len(m.group(1).split()) > 6:
            return []
        out.append((item, m.group(1).strip()))
    return out


def area_for(text: str, areas: Sequence[tuple[str, str]]) -> str | None:
    """The one thematic area an action names (by its name), else None. 'The participation of
    all entities' names someone's participation, not the area."""
    key = f" {fold(text)} "
    hits = []
    for name, oid in areas:
        folded = fold(name)
        for m in re.finditer(rf" {re.escape(folded)} ", key):
            before, after = key[: m.start() + 1], key[m.end() - 1 :]
            if before.endswith((" the ", " a ", " an ")) and after.startswith(" of "):
                continue
            hits.append(oid)
    return hits[0] if len(set(hits)) == 1 else None
