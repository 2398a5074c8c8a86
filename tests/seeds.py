"""Seed text extractions (``../shared/seeds``) → :class:`PlanSpec`: a test helper, not shipped.

``kor_nap_plan`` reads ``kor-nap-2.txt``, the text layer of the Republic of Korea's Second
National Action Plan, into the truth a renderer can draw again. How the seed is read:

* The title is the first line; the intro is every non-blank line up to the first pillar
  heading (section headings such as ``I. Introduction`` and the ``* UNSCRs`` note included).
* A pillar heading is a short line with no tab, no number and no final full stop whose next
  non-blank line is an objective heading followed by a ``Strategy`` row. The seed repeats a
  pillar heading before several objectives of the same pillar (``Prevention`` before 1. and
  3.); a repeat of the current pillar's name does not open a new pillar.
* An objective heading is ``N. text``; a strategy row is ``Strategy<TAB>N.N. text<TAB>
  Implementing Ministry/Agency`` (``7.2.Continue`` without the space is read as number
  ``7.2.``).
* An action row is ``first<TAB>text<TAB>actor``. The first column is the merged ``Action``
  label of the table, so whatever it holds (``Action``, nothing, or the OCR junk ``7 ACTION``
  and ``7 Ketion``) is dropped. ``k) `` opens a numbered action; rows whose number was lost keep
  ``number=None``. Strings keep the seed's damage as printed (``IVIOJ``, Cyrillic ``МОЈ``,
  ``МОЕ``, ``MOEA``).
* Rows whose text opens with a strategy number (``7.2 Duayida ayanant…``, ``11.2 Link
  assumment's…``) are the next table's header row read a second time, garbled: dropped.
* A row whose text opens with a lower-case letter continues the previous action (the cell
  broke over two text lines). Two cells hold two actions run together with their numbers lost
  (in strategies 2.2 and 3.1); they are split where the second action begins, at the phrases in
  :data:`RUN_TOGETHER`. Action counts below count the split actions.
* Actor labels: in the PDF an actor cell is merged over consecutive actions and its label is
  printed vertically centred, so the seed shows it on the row that holds the span's vertical
  middle. The labels of a strategy partition its actions into contiguous spans, each span
  containing the row its label was read on; of the possible partitions the one is kept whose
  spans' estimated vertical centres (row heights from text length at
  :data:`CHARS_PER_LINE` characters a line) lie closest to their labels' rows, ties going to
  the partition whose spans are centred on their labels by row count (the plain midpoint
  split). Rows before the first label belong to it, rows after the last to the last.
* Strategy 12.3 has no actor column in its rows: its labels (``MOGEF``, ``All``, ``MOGEF``)
  come after the table under a lone ``Implementing Ministry/Agency`` line. Such detached labels
  are dealt out in order over the strategy's actions in spans as equal as possible, the longer
  spans first (12.3: MOGEF for 1–2, All for 3, MOGEF for 4).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from samples.model import ActionSpec, ObjectiveSpec, PillarSpec, PlanSpec
from tests.conftest import SEEDS

#: Phrases that open the second of two actions run together in one seed cell.
RUN_TOGETHER: tuple[str, ...] = ("Strengthen linkage between", "As a member of the UN Human Rights Council")

#: Characters a line of an action cell holds, to estimate row heights for actor spans.
CHARS_PER_LINE = 80

_OBJECTIVE = re.compile(r"^(?P<num>\d{1,2}\.)\s+(?P<text>\S.*)$")
_STRATEGY = re.compile(r"^Strategy\t\s*(?P<num>\d{1,2}\.\d{1,2}\.?)\s*(?P<text>[^\t]*?)\s*(?:\t(?P<head>.*))?$")
_ACTION_NUMBER = re.compile(r"^(?P<num>\d{1,2}\))\s*(?P<text>\S.*)$")
_REPEATED_HEADER = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s")
_ACTOR_HEADER = "Implementing Ministry/Agency"


@dataclass(frozen=True)
class _Row:
    text: str
    actor: str


@dataclass(frozen=True)
class _Strategy:
    number: str
    text: str
    rows: tuple[_Row, ...]
    detached: bool  # no actor column in the rows: labels come after the table


@dataclass(frozen=True)
class _Objective:
    number: str
    text: str
    strategies: tuple[_Strategy, ...]


def _is_pillar(lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line or "\t" in line or line.endswith(".") or any(ch.isdigit() for ch in line):
        return False
    if len(line.split()) > 6:
        return False
    following = [ln for ln in lines[i + 1 :] if ln.strip()][:2]
    return (
        len(following) == 2
        and bool(_OBJECTIVE.match(following[0]))
        and "\t" not in following[0]
        and following[1].startswith("Strategy\t")
    )


def _split_run_together(text: str) -> list[str]:
    pieces = [text]
    for phrase in RUN_TOGETHER:
        head, sep, tail = pieces[-1].partition(" " + phrase)
        if sep and head:
            pieces[-1:] = [head.strip(), (phrase + tail).strip()]
    return pieces


def _row_heights(texts: list[str]) -> list[float]:
    return [float(max(1, math.ceil(len(t) / CHARS_PER_LINE))) for t in texts]


def _partition_by_labels(
    heights: list[float], labels: list[tuple[str, int, int]]
) -> list[tuple[int, int]]:
    """Spans (first, last action index) for labels read on action ranges ``(label, s, e)``."""
    n, m = len(heights), len(labels)
    tops = [sum(heights[:i]) for i in range(n)]

    def y_centre(a: int, b: int) -> float:
        return (tops[a] + tops[b] + heights[b]) / 2

    best: tuple[float, float, tuple[int, ...]] | None = None
    for cuts in combinations(range(1, n), m - 1):
        bounds = (0, *cuts, n)
        spans = [(bounds[k], bounds[k + 1] - 1) for k in range(m)]
        if any(b < s or a > e for (a, b), (_, s, e) in zip(spans, labels)):
            continue  # a label must sit inside its own span
        cost = sum(abs(y_centre(a, b) - y_centre(s, e)) for (a, b), (_, s, e) in zip(spans, labels))
        tie = sum(abs((a + b) / 2 - (s + e) / 2) for (a, b), (_, s, e) in zip(spans, labels))
        key = (round(cost, 6), round(tie, 6), cuts)
        if best is None or key < best:
            best = key
    if best is None:
        raise ValueError(f"no partition of {n} actions fits labels {labels}")
    bounds = (0, *best[2], n)
    return [(bounds[k], bounds[k + 1] - 1) for k in range(m)]


def _deal_out(n: int, m: int) -> list[tuple[int, int]]:
    """``m`` contiguous spans over ``n`` items, as equal as possible, longer spans first."""
    sizes = [n // m + (1 if k < n % m else 0) for k in range(m)]
    spans, start = [], 0
    for size in sizes:
        spans.append((start, start + size - 1))
        start += size
    return spans


def _actions(strategy: _Strategy, detached_labels: tuple[str, ...]) -> tuple[ActionSpec, ...]:
    texts: list[str] = []
    labels: list[tuple[str, int, int]] = []
    for row in strategy.rows:
        text = row.text.strip()
        pieces = _split_run_together(text)
        if texts and text[:1].islower():
            texts[-1] = f"{texts[-1]} {pieces[0]}"
            start = len(texts) - 1
            texts.extend(pieces[1:])
        else:
            start = len(texts)
            texts.extend(pieces)
        if row.actor.strip():
            labels.append((row.actor.strip(), start, len(texts) - 1))
    if strategy.detached:
        names = list(detached_labels)
        spans = _deal_out(len(texts), len(names)) if names else []
    elif labels:
        names = [label for label, _, _ in labels]
        spans = _partition_by_labels(_row_heights(texts), labels)
    else:
        names, spans = [], []
    leads: list[tuple[str, ...]] = [()] * len(texts)
    for name, (a, b) in zip(names, spans):
        for i in range(a, b + 1):
            leads[i] = _lead_tuple(name)
    out = []
    for text, lead in zip(texts, leads):
        match = _ACTION_NUMBER.match(text)
        number, body = (match["num"], match["text"]) if match else (None, text)
        out.append(ActionSpec(number=number, text=body, lead=lead))
    return tuple(out)


def _lead_tuple(label: str) -> tuple[str, ...]:
    """Actors of a label: ministries are space-separated acronyms, other labels stay whole."""
    words = label.split()
    if all(w.isupper() or not w.isalpha() for w in words):
        return tuple(words)
    return (label,)


def _parse_body(lines: list[str]) -> tuple[list[tuple[str, list[_Objective]]], tuple[str, ...]]:
    """(pillar name, objectives) in order, and the detached actor labels at the end."""
    pillars: list[tuple[str, list[_Objective]]] = []
    objectives: list[_Objective] = []
    strategies: list[_Strategy] = []
    rows: list[_Row] = []
    detached: list[str] = []
    in_detached = False

    def close_strategy() -> None:
        if strategies and rows:
            strategies[-1] = replace(strategies[-1], rows=tuple(rows))
        rows.clear()

    def close_objective() -> None:
        close_strategy()
        if objectives and strategies:
            objectives[-1] = replace(objectives[-1], strategies=tuple(strategies))
        strategies.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if in_detached:
            detached.append(line.strip())
            continue
        if line.strip() == _ACTOR_HEADER:
            in_detached = True
            continue
        if _is_pillar(lines, i):
            close_objective()
            if not pillars or pillars[-1][0] != line.strip():
                objectives = []
                pillars.append((line.strip(), objectives))
            continue
        if "\t" not in line and (m := _OBJECTIVE.match(line)):
            close_objective()
            objectives.append(_Objective(m["num"], m["text"].strip(), ()))
            continue
        if m := _STRATEGY.match(line):
            close_strategy()
            strategies.append(_Strategy(m["num"], m["text"], (), detached=not m["head"]))
            continue
        if "\t" in line and strategies:
            cols = line.split("\t")
            text = cols[1].strip() if len(cols) > 1 else ""
            actor = cols[2].strip() if len(cols) > 2 else ""
            if text and not _REPEATED_HEADER.match(text):
                rows.append(_Row(text, actor))
            continue
        raise ValueError(f"unexpected line in the plan's matrices: {line!r}")
    close_objective()
    return pillars, tuple(detached)


def kor_nap_plan(path: Path | str = SEEDS / "kor-nap-2.txt") -> PlanSpec:
    """The Republic of Korea's Second NAP, read from its seed text extraction."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = next(i for i in range(len(lines)) if _is_pillar(lines, i))
    intro = tuple(ln.strip() for ln in lines[1:start] if ln.strip())
    raw_pillars, detached = _parse_body(lines[start:])
    pillars = []
    for name, objectives in raw_pillars:
        specs = []
        for obj in objectives:
            children = tuple(
                ObjectiveSpec(
                    number=s.number,
                    text=s.text,
                    kind="strategy",
                    actions=_actions(s, detached if s.detached else ()),
                )
                for s in obj.strategies
            )
            specs.append(ObjectiveSpec(number=obj.number, text=obj.text, kind="objective", children=children))
        pillars.append(PillarSpec(name=name, objectives=tuple(specs)))
    return PlanSpec(
        title=lines[0].strip(),
        country="KOR",
        issuer="Government of the Republic of Korea",
        language="en",
        period=None,  # the plan's text does not state its period
        nap_number=2,
        intro=intro,
        pillars=tuple(pillars),
    )

