"""Objectives, actions and actors of a report or of a plan written as prose.

**Objectives and actions** (part of step 7 of the prose pipeline, ``plan_of_report``): thematic
areas and pillars a report defines ("(a) Prevention: …", "The first pillar is to …") and its
recommendations as actions under the heading they sit under. In a plan written as prose
(doc type ``nap``), the items under a lead-in that names actions (``Actions:``, ``Mesures :``)
and the bullets under a heading that does are its actions, under the enclosing heading
(``Objective 1.1: …`` below ``Pillar 1: Prevention``); actors come from labelled parentheses
(``(Lead: Ministry of Defence; partners: CSOs)``), else from the item's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Sequence

from extractors.model import BBox, union_bbox
from normalizers.numbering import parse_numbering
from normalizers.prose.blocks import BULLET_TOKEN
from normalizers.prose.model import EXTRACTOR, Block
from normalizers.prose.paragraphs import Para
from normalizers.prose.recommendations import (
    RECO_LEADIN,
    RECO_SECTION,
    Item,
    actor_rows,
    area_for,
    area_items,
    item_actors,
    strip_label,
)
from normalizers.records import ActionRecord, ActorRecord, ObjectiveRecord, SectionRecord
from normalizers.roles import ROLES
from normalizers.vocabulary import PhraseVocabulary, classify_pillar, fold, header_role

# headings named by a plan level ("Pillar 1: Prevention", "Objective 1.1: …") are objectives of
# that level, and rank in the sections tree by it: the levels of the roles declaration
PLAN_LEVELS = ROLES.levels
LEVEL_RANK = ROLES.level_rank


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6,
}

_PILLAR_SENTENCE = re.compile(
    r"\b[Tt]he\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th)\s+"
    r"(?P<noun>pillar|area|axis|priority|component|track|strand)\s+(?:is|consists\s+of|focuses\s+on|concerns|aims\s+to|will)\s+(?P<text>[^.]+)"
)


@dataclass(frozen=True)
class _Obj:
    key: str
    offset: int  # order among objectives at one place (pillars of one paragraph)
    parent_key: str | None
    level: int
    kind: str
    number: str | None
    text: str
    pillar: str | None
    pillar_raw: str | None
    page: int
    bbox: BBox


def _names_actions(text: str, headers: PhraseVocabulary) -> bool:
    """Whether a lead-in or heading names actions: ``Actions:``, ``Key activities``, ``Mesures``,
    ``The following measures will be taken:``."""
    key = f" {fold(text)} "
    return any(f" {phrase} " in key for phrase, label in headers.phrases if label == "action")


_LABELLED = re.compile(r"\(([^()]*:[^()]*)\)\s*[.;]?\s*$|(?<=[.;])\s*([^.;:()]{2,40}:[^()]+)$")


def _labelled_actors(text: str, headers: PhraseVocabulary) -> tuple[str, list[tuple[str, str]]]:
    """``Train diplomats … (Lead: Ministry of Foreign Affairs; partners: CSOs).`` → the text
    without the parenthesis, and ``[("Ministry of Foreign Affairs", "lead"), ("CSOs", "partner")]``;
    the text unchanged and [] when no part of the parenthesis is labelled with an actor role."""
    m = _LABELLED.search(text)
    if m is None:
        return text, []
    found: list[tuple[str, str]] = []
    for part in re.split(r";", m.group(1) or m.group(2)):
        label, sep, names = part.partition(":")
        role = header_role(label.strip(), headers) if sep else None
        if role not in ("lead", "partner", "actor") or not names.strip():
            return text, []
        found.append((names.strip(" ."), "lead" if role == "actor" else role))
    head = text[: m.start()].rstrip()
    if head and not head.endswith((".", ";", "!", "?")) and text.rstrip().endswith("."):
        head += "."
    return head, found


def _paragraph_objectives(pi: int, para: Para, items: Sequence[Item], pillars: PhraseVocabulary) -> list[_Obj]:
    """The thematic areas or pillars a paragraph defines: the items of a lead-in naming them
    ("(a) Prevention: …"), and sentences "The first pillar is to …"."""
    leadin = para.parts[0][1]
    objs = []
    for label_item, name in area_items(leadin, items):
        key = f"t{pi}-{label_item.label}"
        kind = "pillar" if re.search(r"\bpillars?\b", leadin, re.I) else "thematic_area"
        objs.append(_Obj(key, 0, None, 0, kind, label_item.label, name, classify_pillar(name, pillars), name, label_item.page, label_item.bbox))
    for m in _PILLAR_SENTENCE.finditer(para.text):
        key = f"q{pi}-{m.start()}"
        text = m.group("text").strip().rstrip(",;")
        objs.append(_Obj(
            key, m.start(), None, 0, "pillar", str(_ORDINALS[m.group("ord").lower()]), text,
            classify_pillar(text, pillars), None, para.page, para.bbox,
        ))
    return objs


def _paragraph_actions(
    pi: int, para: Para, items: Sequence[Item], section_title: str, doc_type: str, headers: PhraseVocabulary
) -> list[tuple[Item, str]]:
    """(item, lead-in) of each action a paragraph holds: the items under a lead-in that
    recommends or names actions, a bullet of its own under a recommendations heading, or (in a
    plan) "Action 1.1.1: …" as a paragraph of its own."""
    leadin = para.parts[0][1]
    reco = leadin.rstrip().endswith(":") and (RECO_LEADIN.search(leadin) or RECO_SECTION.search(section_title))
    planned = doc_type == "nap" and leadin.rstrip().endswith(":") and _names_actions(leadin, headers)
    if items and (reco or planned) and not area_items(leadin, items):
        return [(item, leadin) for item in items]
    if not items and para.number is None and para.parts[0][0] is not None:
        # a headed bullet: a bullet paragraph of its own under a recommendations heading
        if (doc_type == "recommendations" or RECO_SECTION.search(section_title)
                or (doc_type == "nap" and _names_actions(section_title, headers))):
            label, text, page, bbox, conf = para.parts[0]
            return [(Item(pi, label if not BULLET_TOKEN.match(label or "") else None, strip_label(text, label), page, bbox, conf), "")]
    elif doc_type == "nap" and para.number is None:
        # "Action 1.1.1: Train diplomats …" as a paragraph of its own
        parsed, rest = parse_numbering(leadin)
        if parsed is not None and parsed.prefix and header_role(parsed.prefix, headers) == "action" and rest:
            _, _, page, bbox, conf = para.parts[0]
            return [(Item(pi, parsed.label, rest, page, bbox, conf), "")]
    return []


def _heading_objective(key: str, s: SectionRecord, parent: _Obj | None, bbox: BBox,
                       headers: PhraseVocabulary, pillars: PhraseVocabulary) -> _Obj:
    """A section heading as an objective: "Objective 1.1: …" of its level, else a heading; its
    pillar from its title, else from the heading above it."""
    short = len(s.title.split()) <= 8
    pillar = classify_pillar(s.title, pillars) if short else None
    parsed = parse_numbering(f"{s.number} {s.title}")[0] if s.number else None
    role = header_role(parsed.prefix, headers) if parsed is not None and parsed.prefix else None
    kind = role if role in PLAN_LEVELS else "heading"  # "Objective 1.1: …" is an objective
    if pillar is None and parent is not None:
        pillar = parent.pillar  # an objective under "Pillar 1: Prevention"
    pillar_raw = s.title if pillar and kind in ("heading", "pillar") else (parent.pillar_raw if parent else None)
    return _Obj(key, 0, parent.key if parent else None, s.level, kind, s.number, s.title, pillar, pillar_raw, s.page, bbox)


def _heading_objectives(positions: Sequence[int], sections: Sequence[SectionRecord], blocks: Sequence[Block],
                        section_blocks: Sequence[int], headers: PhraseVocabulary, pillars: PhraseVocabulary) -> dict[str, _Obj]:
    """Objectives ``h<position>`` of the sections at ``positions`` and of the sections above them."""
    section_pos = {s.section_id: i for i, s in enumerate(sections)}
    objs: dict[str, _Obj] = {}

    def add(pos: int) -> _Obj:
        key = f"h{pos}"
        if key not in objs:
            s = sections[pos]
            parent = add(section_pos[s.parent_id]) if s.parent_id else None
            bbox = union_bbox([line.bbox for line in blocks[section_blocks[pos]].lines])
            objs[key] = _heading_objective(key, s, parent, bbox, headers, pillars)
        return objs[key]

    for pos in positions:
        add(pos)
    return objs


def _action_with_actors(n: int, item: Item, leadin: str, objective_key: str | None, doc_id: str, gazetteer: Any,
                        country: str | None, doc_type: str, headers: PhraseVocabulary) -> tuple[ActionRecord, list[ActorRecord]]:
    """An item as an action (id ``tmp<n>`` until numbered) and its actors: those of a labelled
    parenthesis in a plan ("(Lead: …; partners: …)"), else the item's subject and mentions."""
    temp_id = f"tmp{n}"
    number = item.label if item.label and not BULLET_TOKEN.match(item.label) else None
    action = ActionRecord(
        doc_id=doc_id, action_id=temp_id, objective_id=objective_key, number=number, text=item.text,
        page=item.page, x0=round(item.bbox[0], 2), top=round(item.bbox[1], 2), x1=round(item.bbox[2], 2),
        bottom=round(item.bbox[3], 2), extractor=EXTRACTOR, confidence=item.conf,
    )
    text, labelled = _labelled_actors(item.text, headers) if doc_type == "nap" else (item.text, [])
    if labelled:
        action = replace(action, text=text)
        rows = [r for raw, role in labelled for r in actor_rows(temp_id, raw, role, gazetteer, country, doc_id)]
    else:
        rows = item_actors(item.text, leadin, temp_id, gazetteer, country, doc_id)
    return action, rows


def _numbered(objs: Sequence[_Obj], action_rows: Sequence[tuple[ActionRecord, list[ActorRecord]]], doc_id: str
              ) -> tuple[tuple[ObjectiveRecord, ...], tuple[ActionRecord, ...], tuple[ActorRecord, ...]]:
    """Objective rows ``o0001`` … in page order, action rows ``a0001`` … in reading order, and
    the actors of each action, with the ids filled in."""
    ordered_objs = sorted(objs, key=lambda o: (o.page, o.bbox[1], o.bbox[0], o.offset, o.key))
    obj_ids = {o.key: f"o{i + 1:04d}" for i, o in enumerate(ordered_objs)}
    objectives = tuple(
        ObjectiveRecord(
            doc_id=doc_id, objective_id=obj_ids[o.key], parent_id=obj_ids.get(o.parent_key) if o.parent_key else None,
            level=o.level, kind=o.kind, number=o.number, text=o.text, pillar=o.pillar, pillar_raw=o.pillar_raw,
            page=o.page, x0=round(o.bbox[0], 2), top=round(o.bbox[1], 2), x1=round(o.bbox[2], 2), bottom=round(o.bbox[3], 2),
        )
        for o in ordered_objs
    )
    actions: list[ActionRecord] = []
    actors: list[ActorRecord] = []
    for i, (action, rows) in enumerate(action_rows):
        aid = f"a{i + 1:04d}"
        actions.append(replace(action, action_id=aid, objective_id=obj_ids.get(action.objective_id) if action.objective_id else None))
        actors.extend(replace(r, action_id=aid) for r in rows)
    return objectives, tuple(actions), tuple(actors)


def plan_of_report(
    paras: Sequence[Para],
    sections: Sequence[SectionRecord],
    blocks: Sequence[Block],
    section_blocks: Sequence[int],
    doc_id: str,
    gazetteer: Any,
    country: str | None,
    doc_type: str,
    headers: PhraseVocabulary,
    pillars: PhraseVocabulary,
) -> tuple[tuple[ObjectiveRecord, ...], tuple[ActionRecord, ...], tuple[ActorRecord, ...]]:
    """Thematic areas and pillars the report defines, its recommendations as actions, their actors
    (``section_blocks``: the heading block of each section; ``headers``: the column-role
    vocabulary, whose action, level and actor-role words find a prose plan's actions, objectives
    and actors; ``pillars``: the pillar vocabulary)."""
    objs: dict[str, _Obj] = {}
    areas: list[tuple[str, str]] = []  # (area name, key)
    pending: list[tuple[Item, str, int | None]] = []  # (item, lead-in, section position)
    for pi, para in enumerate(paras):
        items = [Item(pi, label, strip_label(text, label), page, bbox, conf) for label, text, page, bbox, conf in para.parts[1:]]
        found = _paragraph_objectives(pi, para, items, pillars)
        objs.update((o.key, o) for o in found)
        areas.extend((o.text, o.key) for o in found if o.key.startswith("t"))
        section_title = sections[para.section].title if para.section is not None else ""
        pending.extend((item, leadin, para.section) for item, leadin in _paragraph_actions(pi, para, items, section_title, doc_type, headers))
    in_area = [area_for(item.text, areas) for item, _, _ in pending]
    under = [pos for (_, _, pos), area in zip(pending, in_area) if area is None and pos is not None]
    objs.update(_heading_objectives(under, sections, blocks, section_blocks, headers, pillars))
    action_rows = [
        _action_with_actors(n, item, leadin, area or (f"h{pos}" if pos is not None else None), doc_id, gazetteer, country, doc_type, headers)
        for n, ((item, leadin, pos), area) in enumerate(zip(pending, in_area))
    ]
    return _numbered(list(objs.values()), action_rows, doc_id)
