"""Plan structure: headings and matrix tables → pillar/objective tree, actions, raw actors.

General mechanisms only (no rule knows a particular plan):

* **Flow.** Text outside tables is grouped into blocks; blocks and tables are walked in reading
  order across pages. Pillar banners (pillar vocabulary, short) open a pillar; numbered
  headings (the numbering grammar) open objectives nested by their numbers.
* **Column roles from header words.** A table's header rows are the top rows whose cells are
  mostly role words (``headers.yaml``, any language). A role word with content to its right is
  a *label*: "Strategy | 1.1 Build capacity" makes an objective, and "Action" merged over rows
  makes the column to its right the action column for those rows.
* **Spans from the grid.** Merged cells are one :class:`Cell` covering several slots, so a
  ministry cell merged over three actions applies to all three, and an objective cell merged
  over twenty rows is one objective.
* **Lettered activities.** ``a) … b) …`` inside one activity cell become separate actions; an
  indicator or target part opening with "a) and b)" applies to those activities only.
* **Page breaks.** A table with the previous table's columns and no heading in between
  continues it; empty merged cells at its top inherit the cell above the break, and a first
  row whose activity text goes on in lower case is rejoined with the row it continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from extractors.model import BBox, Cell, PageLayout, Table, TextLine, Word, centre_in, group_lines, union_bbox
from normalizers.numbering import Numbering, parse_numbering, split_cell_items, split_lettered_references
from normalizers.records import ActionRecord, ObjectiveRecord
from normalizers.roles import ROLES
from normalizers.text import BULLETS, clean_text
from normalizers.vocabulary import PhraseVocabulary, classify_pillar, header_role

OBJECTIVE_ROLES = ROLES.levels
VALUE_ROLES = ROLES.values
ACTOR_ROLES = ROLES.actors


@dataclass(frozen=True)
class StructureSettings:
    """Tunables of the plan-structure normalizer."""

    max_banner_words: int = 8
    max_heading_words: int = 60
    block_gap_ratio: float = 0.9  # a vertical gap above this × line height starts a new block
    prune_empty: bool = True  # drop headings with no action below them

    def __post_init__(self) -> None:
        if self.max_banner_words < 1 or self.max_heading_words < 1:
            raise ValueError("StructureSettings word limits must be >= 1")
        if self.block_gap_ratio <= 0:
            raise ValueError(f"StructureSettings.block_gap_ratio must be > 0, got {self.block_gap_ratio!r}")


@dataclass(frozen=True)
class RawActor:
    """An actor cell's text as printed, for one action, with the role its column gives."""

    action_id: str
    text: str
    role: str


@dataclass(frozen=True)
class PlanStructure:
    objectives: tuple[ObjectiveRecord, ...]
    actions: tuple[ActionRecord, ...]
    actors: tuple[RawActor, ...]


# ---------------------------------------------------------------- mutable build state (local)


@dataclass
class _Node:
    kind: str
    number: Numbering | None
    text: str
    page: int
    bbox: BBox
    parent: "_Node | None"
    pillar: str | None = None
    pillar_raw: str | None = None
    has_action: bool = False
    seq: int = 0
    cell: Cell | None = None  # the table cell the node came from, for merged-cell reuse


@dataclass
class _Action:
    number: str | None
    text: str
    parent: _Node | None
    page: int
    bbox: BBox
    extractor: str
    confidence: float
    values: dict[str, list[str]] = field(default_factory=dict)
    actors: list[tuple[str, str]] = field(default_factory=list)
    seq: int = 0
    top: float | None = None  # where its label line starts, when several actions share a cell


@dataclass
class _Context:
    """What a table continuing on the next page inherits."""

    n_cols: int
    roles: dict[int, str]
    col_nodes: dict[int, _Node]
    last_actions: list[_Action]
    parent: _Node | None
    action_col: int | None  # where the actions were, for a continuation without labels
    carry_actor: dict[int, str]  # actor text of a merged cell cut by the page break, per column
    pending_actor: dict[int, "list[_Action]"]  # actions under an empty merged actor cell cut by the break
    page_no: int = 0  # the page of the table: a continuation is on this page or the next


@dataclass
class _Walk:
    """What the rows of one table share while it is read (local to one ``on_table`` call)."""

    roles: dict[int, str]
    ctx: _Context | None  # the table this one continues, if any
    parent: _Node | None
    first_row: int  # the first row below the header
    col_nodes: dict[int, _Node] = field(default_factory=dict)
    last_actions: list[_Action] = field(default_factory=list)
    action_col: int | None = None
    first_data_row: bool = True
    seen_action_cells: dict[Cell, list[_Action]] = field(default_factory=dict)
    seen_value_cells: set[tuple[Cell, int]] = field(default_factory=set)
    carry: dict[int, str] = field(default_factory=dict)
    pending: dict[int, list[_Action]] = field(default_factory=dict)
    carried: dict[int, Cell] = field(default_factory=dict)  # empty merged cells going on from the page before


# a paragraph of running text between two tables: the second one does not continue the first
_PROSE_MIN_WORDS = 20


# ---------------------------------------------------------------- text blocks outside tables


def _inside(word: Word, tables: Sequence[Table]) -> bool:
    return any(centre_in(word, t.bbox, tolerance_pt=1.0) for t in tables)


def page_lines(layout: PageLayout, tables: Sequence[Table]) -> list[TextLine]:
    """Lines of words outside the page's tables, top to bottom."""
    words = [w for w in layout.words if not _inside(w, tables)]
    return [TextLine(line, layout.page_no) for line in group_lines(words)]


def text_blocks(lines: list[TextLine], settings: StructureSettings) -> list[list[TextLine]]:
    """Consecutive lines of the same size and weight with small gaps form one block."""
    blocks: list[list[TextLine]] = []
    for line in lines:
        if blocks:
            prev = blocks[-1][-1]
            height = max(1.0, prev.bbox[3] - prev.bbox[1])
            gap = line.bbox[1] - prev.bbox[3]
            same_font = abs(line.size - prev.size) < 0.6 and line.bold == prev.bold
            opens_item = parse_numbering(line.text)[0] is not None
            if same_font and gap <= settings.block_gap_ratio * height and not opens_item:
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return blocks


# ---------------------------------------------------------------- the builder


class _Builder:
    """Walks one document's flow; all state is local to one ``build_structure`` call."""

    def __init__(self, doc_id: str, headers: PhraseVocabulary, pillars: PhraseVocabulary, settings: StructureSettings):
        self.doc_id = doc_id
        self.headers = headers
        self.pillars = pillars
        self.settings = settings
        self.nodes: list[_Node] = []
        self.actions: list[_Action] = []
        self.stack: list[_Node] = []
        self.context: _Context | None = None

    # -- tree

    def _new_node(self, kind: str, number: Numbering | None, text: str, page: int, bbox: BBox, parent: _Node | None) -> _Node:
        pillar_raw = parent.pillar_raw if parent else None
        pillar = parent.pillar if parent else None
        if kind == "pillar":
            pillar_raw, pillar = text, classify_pillar(text, self.pillars) or "other"
        node = _Node(kind, number, text, page, bbox, parent, pillar, pillar_raw, seq=len(self.nodes))
        self.nodes.append(node)
        return node

    @staticmethod
    def _rank(node: _Node) -> tuple[int, int]:
        if node.kind == "pillar":
            return (0, 0)
        num = node.number
        if num is None:
            return (4, 0)
        return {"roman": (1, 0), "prefixed": (2, num.depth), "decimal": (3, num.depth), "letter": (5, 0)}[num.style]

    def open_heading(self, kind: str, number: Numbering | None, text: str, page: int, bbox: BBox) -> _Node:
        probe = _Node(kind, number, text, page, bbox, None)
        while self.stack:
            top = self.stack[-1]
            if (
                number is not None and top.number is not None and number.style == top.number.style
                and number.style in ("decimal", "prefixed") and top.number.depth < number.depth
                and number.parts[: top.number.depth] == top.number.parts
            ):
                break  # 1.1 under 1
            if self._rank(top) < self._rank(probe):
                break
            self.stack.pop()
        node = self._new_node(kind, number, text, page, bbox, self.stack[-1] if self.stack else None)
        self.stack.append(node)
        return node

    # -- blocks

    def on_block(self, lines: list[TextLine]) -> None:
        raw = "\n".join(ln.text for ln in lines)
        text = clean_text(raw)
        if not text:
            return
        number, rest = parse_numbering(text)
        n_words = len(text.split())
        bbox = union_bbox([ln.bbox for ln in lines])
        page = lines[0].page_no
        if n_words <= self.settings.max_banner_words and not text.endswith((".", ";", ",")) and (
            number is None or number.style == "prefixed"
        ):
            prefix_names_pillar = number is None or (number.prefix is not None and header_role(number.prefix, self.headers) == "pillar")
            if classify_pillar(text, self.pillars) and prefix_names_pillar:
                self.stack.clear()
                self.open_heading("pillar", number, text, page, bbox)
                self.context = None
                return
        if number is not None and number.style in ("decimal", "roman", "prefixed") and n_words <= self.settings.max_heading_words:
            kind = "objective" if number.style != "roman" else "heading"
            if number.style == "decimal" and number.depth > 1:
                kind = "strategy"
            if number.style == "prefixed" and number.prefix:
                kind = header_role(number.prefix, self.headers) or kind
                if kind not in OBJECTIVE_ROLES:
                    kind = "objective"
            self.open_heading(kind, number, rest, page, bbox)
            self.context = None
        elif len(lines) >= 2 and n_words >= _PROSE_MIN_WORDS and text.endswith((".", ";", ":")):
            self.context = None  # running text: a table after it starts afresh

    # -- tables

    def _roles(self, table: Table, grid: list[list[Cell | None]]) -> tuple[int, dict[int, str]]:
        """Number of header rows and the role of each column from them."""
        n_header = 0
        roles: dict[int, str] = {}
        for r, row in enumerate(grid):
            cells = _distinct(row)
            filled = [c for c in cells if c.text.strip()]
            if not filled:
                continue
            tagged = [c for c in filled if header_role(c.text, self.headers)]
            labels = [c for c in tagged if _value_to_right(c, grid[r], self.headers) is not None]
            if len(tagged) == len(labels) or len(tagged) * 2 < len(filled):
                break  # a header row names at least one column; label rows are data
            if len(filled) == 1 and filled[0].colspan == table.n_cols:
                break  # a full-width banner row is not a header
            n_header = r + 1
            for c in tagged:
                role = header_role(c.text, self.headers)
                assert role is not None
                if _value_to_right(c, grid[r], self.headers) is not None:
                    continue  # a label, not a column header
                for col in range(c.col, c.col + c.colspan):
                    roles[col] = role
        return n_header, roles

    def on_table(self, table: Table, words: Sequence[Word] = ()) -> None:
        """Read one table: header roles, then each row's objectives, actions, values and actors."""
        grid = table.grid()
        walk = self._start_table(table, grid)
        if walk is None:
            self.context = None
            return  # a data table (dates, amounts), not a plan matrix
        for r in range(walk.first_row, table.n_rows):
            self._on_row(grid[r], table, walk, words)
        self.context = _Context(table.n_cols, walk.roles, walk.col_nodes, walk.last_actions, walk.parent,
                                walk.action_col, walk.carry, walk.pending, table.page_no)

    def _start_table(self, table: Table, grid: list[list[Cell | None]]) -> _Walk | None:
        """The walk over a plan matrix's rows (what it continues from the previous page, the
        header rows' roles and labels), or None for a data table."""
        n_header, roles = self._roles(table, grid)
        ctx = self.context
        continuing = (ctx is not None and ctx.n_cols == table.n_cols and (not roles or roles == ctx.roles)
                      and 0 <= table.page_no - ctx.page_no <= 1)
        ctx = ctx if continuing else None
        if ctx is not None:
            roles = roles or dict(ctx.roles)
        parent = ctx.parent if ctx is not None else (self.stack[-1] if self.stack else None)
        # header rows may carry label/value objectives ("Strategy | 1.1 text")
        for r in range(n_header):
            for cell in _distinct(grid[r]):
                parent = self._label_value(cell, grid[r], table, parent) or parent
        has_labels = any(
            _is_label(c, grid[r], self.headers) for r in range(table.n_rows) for c in _distinct(grid[r])
        )
        if ctx is None and not _is_plan_matrix(roles) and not has_labels:
            return None
        walk = _Walk(roles=roles, ctx=ctx, parent=parent, first_row=n_header)
        if ctx is not None:
            walk.col_nodes, walk.last_actions, walk.action_col = dict(ctx.col_nodes), ctx.last_actions, ctx.action_col
        return walk

    def _on_row(self, row: list[Cell | None], table: Table, walk: _Walk, words: Sequence[Word]) -> None:
        cells = _distinct(row)
        filled = [c for c in cells if c.text.strip()]
        if not filled:
            return
        if len(filled) == 1 and table.n_cols > 1 and (
            filled[0].colspan >= max(2, table.n_cols - 1) or (filled[0].col == 0 and self._is_banner(filled[0].text))
        ):
            walk.parent = self._banner_row(filled[0], table, walk.parent)
            walk.col_nodes = {}
            walk.first_data_row = False
            return
        row_roles, row_parent = self._row_labels(row, cells, table, walk)
        row_parent = self._objective_cells(row, row_roles, table, walk, row_parent)
        row_actions = self._row_actions(row, row_roles, table, walk, row_parent, words)
        if row_actions:
            for node in _ancestors(row_parent):
                node.has_action = True
            self._row_values(row, row_roles, table, walk, row_actions, words)
            walk.last_actions = row_actions
        walk.first_data_row = False

    def _row_labels(self, row: list[Cell | None], cells: list[Cell], table: Table,
                    walk: _Walk) -> tuple[dict[int, str], _Node | None]:
        """The row's column roles once its label cells are read: "Strategy | 1.1 …" opens an
        objective, "Indicator | …" gives the cell to its right that role."""
        row_roles = dict(walk.roles)
        row_parent = walk.parent
        for cell in cells:
            value = _value_to_right(cell, row, self.headers)
            if value is None:
                continue
            role = header_role(cell.text, self.headers)
            for col in range(cell.col, cell.col + cell.colspan):
                row_roles.pop(col, None)
            if role in OBJECTIVE_ROLES:
                row_parent = self._label_value(cell, row, table, row_parent) or row_parent
                walk.parent = row_parent
                for col in range(value.col, value.col + value.colspan):
                    row_roles.pop(col, None)
            else:
                for col in range(value.col, value.col + value.colspan):
                    row_roles[col] = role or ROLES.action
        return row_roles, row_parent

    def _objective_cells(self, row: list[Cell | None], row_roles: dict[int, str], table: Table, walk: _Walk,
                         row_parent: _Node | None) -> _Node | None:
        """Objective columns, left to right: each new cell a node under the one to its left (a
        merged cell already read is that node again); the deepest is the row's parent."""
        for col in sorted(c for c, role in row_roles.items() if role in OBJECTIVE_ROLES):
            cell = row[col]
            if cell is None or cell.col != col:
                continue
            existing = walk.col_nodes.get(col)
            if existing is not None and existing.cell is cell:
                row_parent = existing
                continue
            if not cell.text.strip():
                if existing is not None and (walk.first_data_row or walk.carried.get(col) is cell):
                    row_parent = existing  # a merged cell broken by the page, on every row it covers
                    walk.carried[col] = cell
                continue
            number, rest = parse_numbering(clean_text(cell.text))
            kind = row_roles[col]
            if kind == "pillar":
                node = self._new_node("pillar", number, clean_text(cell.text), table.page_no, cell.bbox, None)
            else:
                node = self._new_node(kind, number, rest, table.page_no, cell.bbox, row_parent)
            node.cell = cell
            walk.col_nodes[col] = node
            for deeper in [c for c in walk.col_nodes if c > col]:
                del walk.col_nodes[deeper]
            row_parent = node
        return row_parent

    def _row_actions(self, row: list[Cell | None], row_roles: dict[int, str], table: Table, walk: _Walk,
                     row_parent: _Node | None, words: Sequence[Word]) -> list[_Action]:
        """The actions of the row's action cell (those already made for a merged cell, or the
        previous page's last action when the cell goes on from it)."""
        action_cols = [c for c, role in row_roles.items() if role == ROLES.action]
        if not action_cols and walk.action_col is not None and walk.action_col < table.n_cols:
            action_cols = [walk.action_col]
        if not action_cols:
            action_cols = self._guess_action_column(row, row_roles)
        walk.action_col = action_cols[0] if action_cols else walk.action_col
        row_actions: list[_Action] = []
        for col in action_cols[:1]:
            cell = row[col]
            if cell is None:
                continue
            if cell in walk.seen_action_cells:
                row_actions = walk.seen_action_cells[cell]
                continue
            text = cell.text.strip()
            if not text:
                continue
            if walk.first_data_row and walk.ctx is not None and walk.last_actions and _continues(text):
                for act in walk.last_actions[-1:]:
                    act.text = clean_text(act.text + "\n" + text)
                row_actions = walk.last_actions[-1:]
            else:
                row_actions = self._actions_from_cell(cell, table, row_parent, words)
            walk.seen_action_cells[cell] = row_actions
        return row_actions

    def _row_values(self, row: list[Cell | None], row_roles: dict[int, str], table: Table, walk: _Walk,
                    row_actions: list[_Action], words: Sequence[Word]) -> None:
        """The row's value and actor cells given to its actions (once per cell and action set)."""
        for col, role in sorted(row_roles.items()):
            cell = row[col]
            if cell is None or cell.col != col or (cell, id(row_actions)) in walk.seen_value_cells:
                continue
            walk.seen_value_cells.add((cell, id(row_actions)))
            if role in VALUE_ROLES:
                _apply_values(row_actions, role, cell.text)
            elif role in ACTOR_ROLES:
                self._actor_cell(cell, col, role, table, walk, row_actions, words)

    def _actor_cell(self, cell: Cell, col: int, role: str, table: Table, walk: _Walk, row_actions: list[_Action],
                    words: Sequence[Word]) -> None:
        """An actor cell's names given to the row's actions, with what a page break cut off: a
        merged cell whose names are above the break, or actions above it waiting for names."""
        actor_role = ROLES.actor_roles[role] or ("partner" if "lead" in walk.roles.values() else "lead")
        text = unwrap_lines(cell.text)
        ctx = walk.ctx
        at_top = ctx is not None and cell.row <= walk.first_row
        if not text and at_top and ctx is not None:
            text = ctx.carry_actor.get(col, "")  # a merged cell whose label is above the break
        targets = list(row_actions)
        if text and at_top and ctx is not None:
            targets = ctx.pending_actor.get(col, []) + targets  # its label is below the break
        aligned = _aligned_actors(row_actions, cell, words) if len(row_actions) > 1 else None
        for act in targets:
            mine = aligned.get(id(act), text) if aligned is not None else text
            if mine and (mine, actor_role) not in act.actors:
                act.actors.append((mine, actor_role))
        if cell.row + cell.rowspan >= table.n_rows:  # the cell runs into the page break
            if text:
                walk.carry[col] = text
            else:
                walk.pending.setdefault(col, []).extend(row_actions)

    def _guess_action_column(self, row: list[Cell | None], row_roles: dict[int, str]) -> list[int]:
        """No column says "action": in a plan matrix (actors named), the unassigned column with
        the longest text holds them."""
        if not any(role in ACTOR_ROLES for role in row_roles.values()):
            return []
        free = [c for c in range(len(row)) if c not in row_roles and row[c] is not None and row[c].col == c]  # type: ignore[union-attr]
        best = max(free, key=lambda c: len(row[c].text), default=None)  # type: ignore[union-attr]
        return [best] if best is not None and row[best] and row[best].text.strip() else []  # type: ignore[union-attr]

    def _label_value(self, cell: Cell, row: list[Cell | None], table: Table, parent: _Node | None) -> _Node | None:
        value = _value_to_right(cell, row, self.headers)
        role = header_role(cell.text, self.headers)
        if value is None or role not in OBJECTIVE_ROLES:
            return None
        number, rest = parse_numbering(clean_text(value.text))
        if number is not None and number.style == "decimal" and parent is not None:
            # attach by numbering: 1.1 belongs under the open heading numbered 1
            for node in reversed(self.stack):
                above = node.number
                if above is not None and above.style == "decimal" and number.parts[: above.depth] == above.parts and above.depth < number.depth:
                    parent = node
                    break
        return self._new_node(role or "objective", number, rest, table.page_no, value.bbox, parent)

    def _is_banner(self, text: str) -> bool:
        """A pillar name standing alone (a row of its own in a table without spanning cells)."""
        text = clean_text(text)
        return len(text.split()) <= self.settings.max_banner_words and classify_pillar(text, self.pillars) is not None

    def _banner_row(self, cell: Cell, table: Table, parent: _Node | None) -> _Node | None:
        text = clean_text(cell.text)
        number, rest = parse_numbering(text)
        if classify_pillar(text, self.pillars) and len(text.split()) <= self.settings.max_banner_words:
            self.stack.clear()
            return self.open_heading("pillar", number, text, table.page_no, cell.bbox)
        if number is not None:
            kind = header_role(number.prefix, self.headers) if number.prefix else None
            return self.open_heading(kind if kind in OBJECTIVE_ROLES else "objective", number, rest, table.page_no, cell.bbox)
        return parent

    def _actions_from_cell(self, cell: Cell, table: Table, parent: _Node | None, words: Sequence[Word]) -> list[_Action]:
        if not any(ch.isalnum() for ch in cell.text):
            return []  # bullets or dashes only: the list's text is in the next column
        items = split_cell_items(cell.text)
        made = []
        extractor = f"{table.extractor}@1"
        if items:
            for label, text in items:
                made.append(_Action(label or None, clean_text(text), parent, table.page_no, cell.bbox, extractor, table.score))
            _locate_items(made, items, _cell_lines(cell, words))
        else:
            text = _BULLET_LEAD.sub("", clean_text(cell.text))  # "• Review …": one bulleted activity
            number, rest = parse_numbering(text)
            if number is not None and number.style == "prefixed":
                number, rest = None, text
            made.append(_Action(number.label if number else None, rest, parent, table.page_no, cell.bbox, extractor, table.score))
        for act in made:
            act.seq = len(self.actions)
            self.actions.append(act)
        return made

    # -- output

    def records(self) -> PlanStructure:
        keep = [n for n in self.nodes if n.has_action or not self.settings.prune_empty]
        kept_ids = {id(n): f"o{i + 1:04d}" for i, n in enumerate(keep)}

        def kept_parent(node: _Node | None) -> _Node | None:
            while node is not None and id(node) not in kept_ids:
                node = node.parent
            return node

        objectives = []
        for n in keep:
            par = kept_parent(n.parent)
            level = len(list(_ancestors(par)))
            objectives.append(
                ObjectiveRecord(
                    doc_id=self.doc_id, objective_id=kept_ids[id(n)], parent_id=kept_ids[id(par)] if par else None,
                    level=level, kind=n.kind, number=n.number.label if n.number else None, text=n.text,
                    pillar=n.pillar, pillar_raw=n.pillar_raw, page=n.page,
                    x0=n.bbox[0], top=n.bbox[1], x1=n.bbox[2], bottom=n.bbox[3],
                )
            )
        actions, actors = [], []
        for i, a in enumerate(self.actions):
            action_id = f"a{i + 1:04d}"
            par = kept_parent(a.parent)
            actions.append(
                ActionRecord(
                    doc_id=self.doc_id, action_id=action_id, objective_id=kept_ids[id(par)] if par else None,
                    number=a.number, text=a.text, **{role: _joined(a.values.get(role)) for role in VALUE_ROLES}, page=a.page,
                    x0=a.bbox[0], top=a.bbox[1], x1=a.bbox[2], bottom=a.bbox[3],
                    extractor=a.extractor, confidence=round(a.confidence, 4),
                )
            )
            actors.extend(RawActor(action_id, text, role) for text, role in a.actors)
        return PlanStructure(tuple(objectives), tuple(actions), tuple(actors))


# ---------------------------------------------------------------- small pure helpers


def _is_plan_matrix(roles: dict[int, str]) -> bool:
    """Header roles of a plan matrix: actions, or who is responsible beside objectives or values
    (a table of dates and budgets alone is data, not a plan)."""
    named = set(roles.values())
    return "action" in named or (bool(named & set(ACTOR_ROLES)) and bool(named & set(OBJECTIVE_ROLES + VALUE_ROLES)))


def _distinct(row: list[Cell | None]) -> list[Cell]:
    out: list[Cell] = []
    for c in row:
        if c is not None and (not out or out[-1] is not c) and c not in out:
            out.append(c)
    return out


def _is_label(cell: Cell, row: list[Cell | None], headers: PhraseVocabulary) -> bool:
    return _value_to_right(cell, row, headers) is not None


def _value_to_right(cell: Cell, row: list[Cell | None], headers: PhraseVocabulary) -> Cell | None:
    """The content cell right of a role-word cell (``Strategy | 1.1 …``), else None."""
    if not cell.text.strip() or header_role(cell.text, headers) is None:
        return None
    nxt = cell.col + cell.colspan
    if nxt >= len(row):
        return None
    right = row[nxt]
    if right is None or not right.text.strip() or header_role(right.text, headers) is not None:
        return None
    return right


def _ancestors(node: _Node | None):
    while node is not None:
        yield node
        node = node.parent


_BULLET_LEAD = re.compile(r"^[" + re.escape(BULLETS) + r"]\s+")


def _continues(text: str) -> bool:
    """Whether a cell's text goes on from the row above (split by a page break)."""
    first = text.lstrip()[:1]
    return bool(first) and first.islower() and parse_numbering(text)[0] is None


def unwrap_lines(text: str) -> str:
    """Rejoin lines a narrow cell wrapped: a line opening in lower case goes on from the one above.

    Lines that open with a capital or an acronym stay separate (one actor per line).
    """
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if out and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
    return "\n".join(out)


def _locate_items(actions: list[_Action], items: list[tuple[str, str]], lines: list[tuple[float, str, float]]) -> None:
    """Each activity's ``top``: the line that opens with its label and its first words, in order."""
    i = 0
    for act, (label, text) in zip(actions, items):
        head = " ".join(text.split()[:2])
        while i < len(lines) and not (lines[i][1].startswith(label) and head in lines[i][1]):
            i += 1
        if i == len(lines):
            for a in actions:
                a.top = None
            return
        act.top = lines[i][0]
        i += 1


def _cell_lines(cell: Cell, words: Sequence[Word]) -> list[tuple[float, str, float]]:
    """(top, text, type size) of the lines of the page's words inside the cell."""
    inside = [w for w in words if centre_in(w, cell.bbox)]
    return [(min(w.top for w in ln), " ".join(w.text for w in ln), max(w.size for w in ln)) for ln in group_lines(inside)]


def _aligned_actors(actions: list[_Action], cell: Cell, words: Sequence[Word]) -> dict[int, str] | None:
    """Actors of one cell shared out among the lettered activities of the action cell beside it,
    when each actor line starts level with an activity and the names stand apart (``a) … | MOD``,
    a blank line, ``b) … | NPS``): an activity gets the lines level with it, one without any those
    of the activity above (a cell merged over both). None when the lines do not line up or follow
    each other as a list: every activity then gets the whole cell."""
    if any(a.top is None for a in actions):
        return None
    lines = _cell_lines(cell, words)
    entries: list[tuple[float, list[str]]] = []
    for top, line, _ in lines:
        if entries and line[:1].islower():
            entries[-1][1].append(line)  # a wrapped name goes on
        else:
            entries.append((top, [line]))
    if not entries:
        return None
    tops = [a.top for a in actions]
    size = max(line_size for _, _, line_size in lines)
    if any(b[0] - a[0] - (len(a[1]) - 1) * 1.2 * size < 1.8 * size for a, b in zip(entries, entries[1:])):
        return None  # names on consecutive lines are a list for all the activities, not one each
    owner: dict[int, list[str]] = {}
    for top, lines in entries:
        near = [i for i, t in enumerate(tops) if abs(top - t) <= 0.4 * size]  # type: ignore[operator]
        if not near:
            return None
        owner.setdefault(near[0], []).extend(lines)
    if 0 not in owner:
        return None
    out: dict[int, str] = {}
    current = ""
    for i, act in enumerate(actions):
        current = unwrap_lines("\n".join(owner[i])) if i in owner else current
        out[id(act)] = current
    return out


def _apply_values(actions: list[_Action], role: str, text: str) -> None:
    if not text.strip():
        return
    letters_of = {label.lower(): a for a in actions if a.number and len(label := a.number.strip("().")) == 1 and label.isalpha()}
    for letters, part in split_lettered_references(text):
        part = clean_text(part)
        if not part:
            continue
        # "a) and b)": those lettered activities; letters no activity has: every activity (never dropped)
        targets = [letters_of[x] for x in letters if x in letters_of] or actions
        for act in targets:
            values = act.values.setdefault(role, [])
            if part not in values:
                values.append(part)


def _joined(values: list[str] | None) -> str | None:
    return "\n".join(values) if values else None


def build_structure(
    layouts: Sequence[PageLayout],
    tables: Sequence[Table],
    doc_id: str,
    headers: PhraseVocabulary,
    pillars: PhraseVocabulary,
    settings: StructureSettings = StructureSettings(),
) -> PlanStructure:
    """Objective tree, actions and raw actor cells of one document."""
    builder = _Builder(doc_id, headers, pillars, settings)
    by_page: dict[int, list[Table]] = {}
    for t in tables:
        by_page.setdefault(t.page_no, []).append(t)
    for layout in layouts:
        page_tables = sorted(by_page.get(layout.page_no, []), key=lambda t: (t.top, t.x0))
        flow: list[tuple[float, int, object]] = [(t.top, 1, t) for t in page_tables]
        for block in text_blocks(page_lines(layout, page_tables), settings):
            flow.append((block[0].bbox[1], 0, block))
        for _, kind, item in sorted(flow, key=lambda f: (f[0], f[1])):
            if kind == 1:
                builder.on_table(item, layout.words)  # type: ignore[arg-type]
            else:
                builder.on_block(item)  # type: ignore[arg-type]
    return builder.records()


__all__ = ["StructureSettings", "PlanStructure", "RawActor", "build_structure", "page_lines", "text_blocks"]
