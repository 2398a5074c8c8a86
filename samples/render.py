"""Render a :class:`~samples.model.PlanSpec` as a National Action Plan PDF with its matrices.

Two families of layout, both drawn at canvas level with real ruling lines and real text:

* :func:`render_narrow_matrix` — portrait, one ruled table per strategy (the shape of the
  Republic of Korea's plan): a header row ``Strategy | 1.1. text | Implementing
  Ministry/Agency``, a first column ``Action`` merged over all action rows, the actions, and an
  actor column merged over runs of actions with the same actors, the label vertically centred
  in its span. Tables continue on the next page when they do not fit; a row that does not fit
  is split, its text continuing on the next page in the same column.
* :func:`render_wide_matrix` — landscape, small type, one table for the whole plan: objective
  columns merged over their rows, lettered activities ``a)``, ``b)`` in one cell, indicator /
  target / timeline / budget cells that say which activities they apply to (``a) and b) …``)
  unless they apply to all, pillar rows across the full width, the header repeated on every
  page; fully ruled, horizontal rules only, or no rules; optionally turned sideways onto a
  portrait page.

Both return a :class:`RenderLayout`: the pages and cell boxes the renderer drew, for tests that
check the geometry the extractors must read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from samples.model import ActionSpec, ObjectiveSpec, PlanSpec, iter_objectives
from samples.table import Cell, PlacedCell, Row, Table, TableStyle, flow_table
from samples.typeset import (
    DocInfo,
    Flow,
    PageGeometry,
    RectOp,
    TextOp,
    ascent_descent,
    fonts,
    text_width,
    wrap,
    write_pdf,
)

MM = 72 / 25.4


@dataclass(frozen=True)
class RenderLayout:
    """What a renderer drew: the truth about the pages, for geometry checks."""

    path: Path
    n_pages: int
    cells: tuple[PlacedCell, ...]
    broken_tables: tuple[str, ...]  # keys of tables drawn over more than one page
    split_rows: tuple[str, ...]  # keys of rows drawn in pieces on two pages ("a12": 13th action)

    def cells_with(self, role: str) -> list[PlacedCell]:
        return [c for c in self.cells if c.role == role]


@dataclass(frozen=True)
class NarrowHeaders:
    """Words of the narrow matrix's fixed cells."""

    action: str = "Action"
    actors: str = "Implementing Ministry/Agency"
    kinds: tuple[tuple[str, str], ...] = (
        ("strategy", "Strategy"),
        ("objective", "Objective"),
        ("specific_objective", "Specific objective"),
        ("expected_result", "Expected result"),
        ("output", "Output"),
    )

    def for_kind(self, kind: str) -> str:
        return dict(self.kinds).get(kind, kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Column:
    """A wide-matrix column: its role, printed header and share of the table width."""

    role: str  # level | activities | indicator | target | lead | partners | timeline | budget
    header: str
    share: float


ROLES = ("level", "activities", "indicator", "target", "lead", "partners", "timeline", "budget")

COLUMN_SETS: dict[str, tuple[Column, ...]] = {
    "en": (
        Column("level", "STRATEGIC OBJECTIVE", 0.14),
        Column("level", "SPECIFIC OBJECTIVE", 0.15),
        Column("activities", "ACTIVITIES", 0.25),
        Column("indicator", "INDICATOR", 0.15),
        Column("target", "TARGET", 0.10),
        Column("lead", "COORDINATOR", 0.09),
        Column("partners", "PARTICIPANTS", 0.12),
    ),
    "es": (
        Column("level", "OBJETIVO ESTRATÉGICO", 0.14),
        Column("level", "OBJETIVO ESPECÍFICO", 0.15),
        Column("activities", "ACTIVIDADES", 0.25),
        Column("indicator", "INDICADOR", 0.15),
        Column("target", "META", 0.10),
        Column("lead", "COORDINADOR", 0.09),
        Column("partners", "PARTICIPANTES", 0.12),
    ),
    "es_results": (
        Column("level", "OBJETIVO ESPECÍFICO", 0.15),
        Column("level", "RESULTADOS ESPERADOS", 0.15),
        Column("activities", "ACTIVIDADES", 0.25),
        Column("indicator", "INDICADOR", 0.16),
        Column("lead", "RESPONSABLE", 0.11),
        Column("timeline", "PLAZO", 0.09),
        Column("budget", "PRESUPUESTO", 0.09),
    ),
    "fr": (
        Column("level", "OBJECTIFS SPÉCIFIQUES", 0.15),
        Column("level", "RÉSULTATS ATTENDUS", 0.15),
        Column("activities", "ACTIVITÉS", 0.25),
        Column("indicator", "INDICATEURS", 0.16),
        Column("lead", "ACTEURS", 0.11),
        Column("timeline", "ÉCHÉANCE", 0.09),
        Column("budget", "BUDGET", 0.09),
    ),
    "pt": (
        Column("level", "OBJETIVO ESTRATÉGICO", 0.14),
        Column("level", "OBJETIVO ESPECÍFICO", 0.15),
        Column("activities", "AÇÕES", 0.25),
        Column("indicator", "INDICADORES", 0.15),
        Column("target", "METAS", 0.10),
        Column("lead", "RESPONSÁVEL", 0.09),
        Column("partners", "PARCEIROS", 0.12),
    ),
    "de": (
        Column("level", "STRATEGISCHES ZIEL", 0.14),
        Column("level", "TEILZIEL", 0.15),
        Column("activities", "MASSNAHMEN", 0.25),
        Column("indicator", "INDIKATOREN", 0.15),
        Column("target", "ZIELWERT", 0.10),
        Column("lead", "FEDERFÜHRUNG", 0.09),
        Column("partners", "BETEILIGTE", 0.12),
    ),
}

_AND = {"en": "and", "es": "y", "fr": "et", "pt": "e", "de": "und"}
_PAGE = {"en": "Page", "es": "Página", "fr": "Page", "pt": "Página", "de": "Seite"}
_MATRIX_HEADING = {
    "en": "ACTION MATRIX", "es": "MATRIZ DE ACCIONES", "fr": "MATRICE DES ACTIONS",
    "pt": "MATRIZ DE AÇÕES", "de": "MASSNAHMENMATRIX",
}


# ---- shared document parts ---------------------------------------------------------------


def _is_heading(paragraph: str) -> bool:
    return 0 < len(paragraph) <= 80 and paragraph[-1] not in ".:;)" and not paragraph.startswith("*")


def _title_and_intro(flow: Flow, plan: PlanSpec, *, title_size: float, body_size: float) -> None:
    f = fonts()
    g = flow.geometry
    flow.y += 6 * MM
    flow.text_lines(
        wrap(plan.title, f.bold, title_size, g.frame_width * 0.85),
        font=f.bold, size=title_size, leading=title_size * 1.3, align="center",
    )
    flow.y += 4
    flow.text_lines((plan.issuer,), font=f.regular, size=body_size + 1, leading=(body_size + 1) * 1.4, align="center")
    flow.y += 8 * MM
    for paragraph in plan.intro:
        if _is_heading(paragraph):
            flow.y += body_size * 0.6
            flow.ensure(body_size * 5)
            flow.text_lines(wrap(paragraph, f.bold, body_size + 1, g.frame_width), font=f.bold, size=body_size + 1, leading=(body_size + 1) * 1.35)
        else:
            size = body_size - 1.5 if paragraph.startswith("*") else body_size
            flow.text_lines(wrap(paragraph, f.regular, size, g.frame_width), font=f.regular, size=size, leading=size * 1.38)
        flow.y += body_size * 0.6


def _page_numbers(flow: Flow, language: str, *, size: float, running: str | None = None) -> None:
    f, g = fonts(), flow.geometry
    for k in range(len(flow.pages)):
        label = f"{_PAGE.get(language, 'Page')} {k + 1}" if running else f"- {k + 1} -"
        x = (g.width - text_width(label, f.regular, size)) / 2
        flow.add(TextOp(round(x, 3), g.height - g.bottom / 2, label, f.regular, size, 0.3), k)
        if running and k > 0:
            flow.add(TextOp(g.left, g.top / 2, running, f.regular, size, 0.45), k)


def _info(plan: PlanSpec) -> DocInfo:
    return DocInfo(title=plan.title, author=plan.issuer, subject="National Action Plan on Women, Peace and Security", language=plan.language)


# ---- narrow matrix -----------------------------------------------------------------------


def _check_narrow(plan: PlanSpec) -> None:
    for _, _, node in iter_objectives(plan):
        for a in node.actions:
            if a.partners or a.indicator or a.target or a.timeline or a.budget:
                raise ValueError(
                    f"the narrow matrix has only an actor column; action {a.printed[:40]!r} has fields it cannot show"
                )


def _runs(actions: tuple[ActionSpec, ...]) -> list[tuple[int, int]]:
    """(start, length) of runs of consecutive actions with the same lead actors."""
    runs: list[tuple[int, int]] = []
    for i, a in enumerate(actions):
        if runs and actions[runs[-1][0]].lead == a.lead:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def _narrow_table(
    node: ObjectiveSpec, first_key: int, left: float, widths: tuple[float, ...], style: TableStyle,
    headers: NarrowHeaders, repeat_header: bool, stack_actors: bool,
) -> Table:
    header = Row((
        Cell(0, headers.for_kind(node.kind), bold=True, valign="middle", align="center", shade=True, role="header"),
        Cell(1, node.printed, bold=True, valign="middle", shade=True, role="objective", key=node.number or ""),
        Cell(2, headers.actors, bold=True, valign="middle", align="center", shade=True, role="header"),
    ))
    starts = dict(_runs(node.actions))
    rows = []
    for i, action in enumerate(node.actions):
        key = f"a{first_key + i}"
        cells = [Cell(1, action.printed, role="action", key=key)]
        if i == 0:
            cells.insert(0, Cell(0, headers.action, rowspan=len(node.actions), valign="middle", align="center", role="label"))
        if i in starts:
            sep = "\n" if stack_actors else " "
            cells.append(Cell(2, sep.join(action.lead), rowspan=starts[i], valign="middle", align="center", role="lead", key=key))
        rows.append(Row(tuple(cells), splittable=True, key=key))
    return Table(key=node.number or node.text[:20], left=left, widths=widths, header=(header,), body=tuple(rows), style=style,
                 repeat_header=repeat_header)


def _banner(flow: Flow, text: str, size: float) -> None:
    f, g = fonts(), flow.geometry
    height = size * 2
    asc, desc = ascent_descent(f.bold)
    flow.add(RectOp(g.left, flow.y, g.left + g.frame_width, flow.y + height))
    baseline = flow.y + (height - (asc - desc) * size) / 2 + asc * size
    flow.add(TextOp(g.left + 6, round(baseline, 3), text, f.bold, size))
    flow.y += height + size * 0.8


def render_narrow_matrix(
    plan: PlanSpec,
    path: Path | str,
    *,
    repeat_header: bool = False,
    font_size: float = 9,
    page_size: tuple[float, float] = A4,
    stack_actors: bool = True,
    headers: NarrowHeaders = NarrowHeaders(),
) -> RenderLayout:
    """Portrait plan, one ruled table per strategy (see the module docstring).

    ``stack_actors`` prints several actors of one cell one per line; otherwise space-separated
    and wrapped. Actions must carry only lead actors: the layout has no other column.
    """
    _check_narrow(plan)
    f = fonts()
    margin = 20 * MM
    g = PageGeometry(page_size[0], page_size[1], margin, margin, margin, margin)
    flow = Flow(g)
    if plan.intro or plan.title:
        _title_and_intro(flow, plan, title_size=15, body_size=10)
        flow.new_page()
    style = TableStyle(font_size=font_size, pad_x=4, pad_y=3.5)
    label_w = max(text_width(headers.action, f.bold, font_size), text_width("Strategy", f.bold, font_size)) + 16
    actor_w = max(26 * MM, max(text_width(w, f.bold, font_size) for w in headers.actors.split()) + 2 * style.pad_x + 4)
    widths = (round(label_w, 2), round(g.frame_width - label_w - actor_w, 2), round(actor_w, 2))
    heading_size = font_size + 1
    cells: list[PlacedCell] = []
    broken: list[str] = []
    split: list[str] = []
    counter = 0

    def table_for(node: ObjectiveSpec) -> None:
        nonlocal counter
        table = _narrow_table(node, counter, g.left, widths, style, headers, repeat_header, stack_actors)
        counter += len(node.actions)
        result = flow_table(table, flow)
        cells.extend(result.cells)
        split.extend(result.split_rows)
        if len(result.pages) > 1:
            broken.append(table.key)
        flow.y += font_size * 1.4

    def walk(node: ObjectiveSpec, depth: int) -> None:
        if node.actions and depth > 0:
            table_for(node)
        else:
            lines = wrap(node.printed, f.bold, heading_size, g.frame_width)
            flow.ensure(len(lines) * heading_size * 1.35 + 80)
            flow.text_lines(lines, font=f.bold, size=heading_size, leading=heading_size * 1.35)
            flow.y += heading_size * 0.6
            if node.actions:
                table_for(node)
        for child in node.children:
            walk(child, depth + 1)

    for pillar in plan.pillars:
        flow.ensure(font_size * 2 + 130)
        _banner(flow, pillar.name, font_size + 2)
        for objective in pillar.objectives:
            walk(objective, 0)
            flow.y += font_size
    _page_numbers(flow, plan.language, size=8)
    write_pdf(path, flow.pages, g, _info(plan))
    return RenderLayout(Path(path), len(flow.pages), tuple(cells), tuple(broken), tuple(split))


# ---- wide matrix -------------------------------------------------------------------------


def _depth(node: ObjectiveSpec) -> int:
    return 1 + max((_depth(c) for c in node.children), default=0)


def _check_wide(plan: PlanSpec, columns: tuple[Column, ...]) -> int:
    levels = sum(1 for c in columns if c.role == "level")
    roles = {c.role for c in columns}
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown column roles {sorted(unknown)}; roles are {ROLES}")
    if "activities" not in roles or levels < 1:
        raise ValueError("a wide matrix needs an 'activities' column and at least one 'level' column")
    for pillar in plan.pillars:
        for objective in pillar.objectives:
            if _depth(objective) != levels:
                raise ValueError(f"objective {objective.printed[:40]!r} is not {levels} levels deep, as the columns are")
    for _, _, node in iter_objectives(plan):
        if node.actions and node.children:
            raise ValueError(f"objective {node.printed[:40]!r} has both actions and children")
        for a in node.actions:
            for attr in ("lead", "partners", "indicator", "target", "timeline", "budget"):
                if getattr(a, attr) and attr not in roles:
                    raise ValueError(f"action {a.printed[:40]!r} has a {attr} but the columns show none")
    return levels


def _letters(numbers: list[str | None], language: str) -> str:
    if any(n is None for n in numbers):
        raise ValueError("activities must be numbered for a cell to say which ones it covers")
    labels = [str(n) for n in numbers]
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])} {_AND.get(language, 'and')} {labels[-1]}"


def coverage_text(actions: tuple[ActionSpec, ...], attr: str, language: str) -> str:
    """The indicator / target / timeline / budget cell of one row of activities.

    A value that applies to every activity of the row is printed as it is; otherwise each value
    is printed after the letters of the activities it covers: ``a) and b) Number of …``.
    """
    values = [getattr(a, attr) for a in actions]
    distinct = list(dict.fromkeys(v for v in values if v))
    if not distinct:
        return ""
    if len(distinct) == 1 and all(values):
        return distinct[0]
    parts = []
    for value in distinct:
        covered = [a.number for a, v in zip(actions, values) if v == value]
        parts.append(f"{_letters(covered, language)} {value}")
    return "\n".join(parts)


def _row_groups(node: ObjectiveSpec) -> list[tuple[ActionSpec, ...]]:
    """Rows of one deepest objective: runs of consecutive activities with the same actors."""
    groups: list[list[ActionSpec]] = []
    for a in node.actions:
        if groups and (groups[-1][-1].lead, groups[-1][-1].partners) == (a.lead, a.partners):
            groups[-1].append(a)
        else:
            groups.append([a])
    return [tuple(g) for g in groups]


def _leaves(node: ObjectiveSpec, chain: tuple[ObjectiveSpec, ...] = ()) -> Iterator[tuple[tuple[ObjectiveSpec, ...], ObjectiveSpec]]:
    if not node.children:
        yield chain, node
    for child in node.children:
        yield from _leaves(child, chain + (node,))


def _count_rows(node: ObjectiveSpec) -> int:
    return sum(len(_row_groups(leaf)) for _, leaf in _leaves(node))


def _wide_body(plan: PlanSpec, columns: tuple[Column, ...], show_pillars: bool, shade: bool) -> tuple[Row, ...]:
    level_cols = [i for i, c in enumerate(columns) if c.role == "level"]
    rows: list[Row] = []
    counter = 0
    for pillar in plan.pillars:
        if show_pillars:
            banner = Cell(0, pillar.name, colspan=len(columns), bold=True, shade=shade, role="pillar")
            rows.append(Row((banner,), keep_with_next=True, key=pillar.name))
        for objective in pillar.objectives:
            for chain, leaf in _leaves(objective):
                for g, group in enumerate(_row_groups(leaf)):
                    cells: list[Cell] = []
                    if g == 0:  # objective cells open where their first row is
                        for depth, node in enumerate(chain + (leaf,)):
                            first_leaf = next(_leaves(node))[1]
                            if first_leaf is leaf:
                                cells.append(Cell(level_cols[depth], node.printed, rowspan=_count_rows(node), bold=depth == 0,
                                                  role="objective", key=node.number or ""))
                    keys = " ".join(f"a{counter + k}" for k in range(len(group)))
                    counter += len(group)
                    for i, col in enumerate(columns):
                        if col.role == "activities":
                            cells.append(Cell(i, "\n".join(a.printed for a in group), role="activities", key=keys))
                        elif col.role in ("lead", "partners"):
                            cells.append(Cell(i, "\n".join(getattr(group[0], col.role)), role=col.role, key=keys))
                        elif col.role != "level":
                            cells.append(Cell(i, coverage_text(group, col.role, plan.language), role=col.role, key=keys))
                    rows.append(Row(tuple(sorted(cells, key=lambda c: c.col)), key=keys))
    return tuple(rows)


def _column_widths(cols: tuple[Column, ...], total_width: float, style: TableStyle) -> tuple[float, ...]:
    """Widths by share, widened where a header word would not fit (taken from the widest column)."""
    total = sum(c.share for c in cols)
    widths = [total_width * c.share / total for c in cols]
    bold = fonts().bold
    for i, c in enumerate(cols):
        need = max(text_width(w, bold, style.font_size) for w in c.header.split()) + 2 * style.pad_x + 2
        if widths[i] < need:
            widest = max(range(len(widths)), key=lambda k: widths[k])
            widths[widest] -= need - widths[i]
            widths[i] = need
    return tuple(round(w, 2) for w in widths)


def render_wide_matrix(
    plan: PlanSpec,
    path: Path | str,
    *,
    language: str | None = None,
    columns: tuple[Column, ...] | str | None = None,
    ruling: str = "full",
    rotate: bool = False,
    rotation: str = "page",
    font_size: float = 7.5,
    show_pillars: bool = True,
) -> RenderLayout:
    """Landscape plan, one table for the whole plan (see the module docstring).

    ``columns`` is a key of :data:`COLUMN_SETS` or a tuple of :class:`Column`; by default the
    set of ``language`` (``plan.language`` when not given). The plan's tree must be as deep as
    the set has ``level`` columns, and every field the actions carry needs a column to show it.
    With ``rotate`` the landscape pages are drawn sideways on portrait sheets: ``rotation="page"``
    marks them ``/Rotate 90`` (viewers show them upright), ``"content"`` leaves them portrait.
    """
    lang = language or plan.language
    cols = COLUMN_SETS[columns if isinstance(columns, str) else lang] if not isinstance(columns, tuple) else columns
    _check_wide(plan, cols)
    if rotation not in ("page", "content"):
        raise ValueError(f"rotation must be 'page' or 'content', got {rotation!r}")
    width, height = landscape(A4)
    g = PageGeometry(width, height, 12 * MM, 12 * MM, 16 * MM, 14 * MM)
    flow = Flow(g)
    _title_and_intro(flow, plan, title_size=14, body_size=9.5)
    flow.new_page()
    f = fonts()
    flow.text_lines((_MATRIX_HEADING.get(lang, _MATRIX_HEADING["en"]),), font=f.bold, size=11, leading=16)
    flow.y += 4
    shade = ruling == "full"
    style = TableStyle(font_size=font_size, pad_x=3 if ruling == "full" else 4.5, pad_y=2.5, ruling=ruling, shade=shade)
    widths = _column_widths(cols, g.frame_width, style)
    header = Row(tuple(Cell(i, c.header, bold=True, valign="middle", align="center", shade=shade, role="header") for i, c in enumerate(cols)))
    table = Table("matrix", g.left, widths, (header,), _wide_body(plan, cols, show_pillars, shade), style, repeat_header=True)
    result = flow_table(table, flow)
    _page_numbers(flow, lang, size=7, running=plan.title)
    write_pdf(path, flow.pages, g, _info(plan), rotation=rotation if rotate else None)
    broken = ("matrix",) if len(result.pages) > 1 else ()
    return RenderLayout(Path(path), len(flow.pages), result.cells, broken, result.split_rows)
