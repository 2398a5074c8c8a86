"""Body lines → roles → blocks (headings and paragraphs in reading order).

**Line roles** (step 4 of the prose pipeline, ``classify_lines``): heading (bold or larger,
numbered I. / A. / 1. or not), numbered paragraph (a hanging ``12.`` at the margin followed by a
tab), sub-item (``(a)``, ``(i)``, bullets), table of contents (``toc_lines``), small print
(tables, notes), or plain text.

**Blocks** (step 5, ``lines_to_blocks``): paragraphs rejoined across lines, page and column
breaks, items kept with the paragraph that leads into them; a new paragraph starts at a number,
a heading, a first-line indent or a wider gap (``page_metrics``: each page column's margins).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from normalizers.prose.model import Block, Line, Part, ReportSettings, Role
from normalizers.text import BULLETS
from normalizers.vocabulary import fold

# "12." and, in fascicles numbered by section, "17.1" / "17.12." (not a bare "12": a figure)
_PARA_NUMBER = re.compile(r"^(\d{1,3}\.\d{1,3}|\d{1,3}(?=\.$))\.?$")
_ITEM_LABEL = re.compile(r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})\))$")
BULLET_TOKEN = re.compile("^[" + re.escape(BULLETS.replace("-", "")) + r"\-]$")
_LEADER = re.compile(r"(?:\.\s?){5,}\s*\S{0,6}\s*$|(?:…\s?){2,}")
# compared with folded line texts; "contents" and "table des matieres" never match a folded text
# (the fold drops a plural "s"): folding them too turns the contents heading into furniture, which
# on some reports joins the paragraph after the contents to the one before (kept as it is, see
# tests/normalizers/prose/test_blocks.py)
_CONTENTS = frozenset({"contents", "table of contents", "indice", "sommaire", "table des matieres", "contenido", "sumario"})
_TOC_LABELS = frozenset({"page", "pages", "annex", "annexes", "pagina", "paginas"})
HEADING_NUMBER = re.compile(
    r"^(?P<num>(?:[IVXLC]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]|\d{1,2}(?:\.\d{1,2})+|\([a-z]\))\s+(?P<title>\S.*)$"
)
ANNEX = re.compile(r"^(annex|annexes|appendix|appendices|enclosure|anexo|annexe)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


@dataclass(frozen=True)
class PageMetrics:
    margin: float  # left edge of body text
    right: float  # right edge of body text


def page_metrics(lines: Sequence[Line], body: float) -> PageMetrics:
    xs = Counter(round(line.x0) for line in lines if abs(line.size - body) <= 1 and len(line.words) > 3)
    rights = sorted(line.x1 for line in lines if abs(line.size - body) <= 1 and len(line.words) > 3)
    if not xs:
        xs = Counter(round(line.x0) for line in lines)
        rights = sorted(line.x1 for line in lines)
    margin = float(min(x for x, n in xs.items() if n == max(xs.values()))) if xs else 0.0
    right = rights[int(0.9 * (len(rights) - 1))] if rights else margin + 400
    return PageMetrics(margin, max(right, margin + 50))


def _line_pitch(lines: Sequence[Line], body: float) -> float:
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.page_no == b.page_no and abs(a.size - body) <= 1 and abs(b.size - body) <= 1 and 0 < b.top - a.top < 2.2 * body
    ]
    if not steps:
        return body * 1.2
    steps.sort()
    return steps[len(steps) // 2]


def toc_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of table-of-contents lines: the 'Contents' heading, dot-leader lines and the
    lines of entries that wrap before their leader."""
    leader = [bool(_LEADER.search(line.text)) for line in lines]
    marked: set[int] = set()
    for i, line in enumerate(lines):
        if fold(line.text) in _CONTENTS:
            marked.add(i)
    for i, is_leader in enumerate(leader):
        if not is_leader:
            continue
        marked.add(i)
        j = i - 1
        while j >= 0 and i - j <= 3 and not leader[j] and j not in marked:
            if any(leader[k] or k in marked for k in range(max(0, j - 3), j)):
                marked.update(range(j, i))
                break
            j -= 1
    for i, line in enumerate(lines):  # "Page" column labels and "Annex" lines inside the table
        if i not in marked and fold(line.text) in _TOC_LABELS:
            if any(k in marked for k in range(max(0, i - 2), min(len(lines), i + 3))):
                marked.add(i)
    return marked


def _label_of(line: Line) -> str | None:
    words = line.words
    if not words:
        return None
    first = words[0].text
    if _ITEM_LABEL.match(first) or BULLET_TOKEN.match(first):
        return first
    return None


def _paragraph_number(line: Line, margin: float, body: float, expected: str, settings: ReportSettings) -> str | None:
    """The number of a numbered paragraph the line opens (a hanging ``12.`` or ``17.3`` at the
    margin, followed by a tab), or None; ``expected``: the number that would come next."""
    words = line.words
    lead = 0
    if BULLET_TOKEN.match(words[0].text) and len(words) > 2 and _PARA_NUMBER.match(words[1].text):
        lead = 1  # "- 1. In its presidential statement …"
    num = _PARA_NUMBER.match(words[lead].text)
    rest = words[lead + 1 :]
    rest_bold = sum(len(t.text) for t in rest if t.bold) * 2 > sum(len(t.text) for t in rest) if rest else False
    if not (num and rest and not (words[lead].bold and rest_bold) and abs(line.size - body) <= 1.2):
        return None
    gap = rest[0].x0 - words[lead].x1
    n = num.group(1)
    at_margin = line.x0 <= margin + 4
    # "17.1" opens a section's run and "17.12" continues it (a paragraph or two may have
    # gone into a table); "85.8 per cent" does neither
    head, _, tail = n.rpartition(".")
    exp_head, _, exp_tail = expected.rpartition(".")
    in_run = not head or tail == "1" or (head == exp_head and 0 <= int(tail) - int(exp_tail) <= 3)
    if at_margin and in_run and (gap >= settings.number_gap_pt or (n == expected and gap >= 1.5)):
        return n
    return None


def _next_number(number: str) -> str:
    """'12' → '13', '17.3' → '17.4'."""
    head, _, tail = number.rpartition(".")
    return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)


def _is_heading(line: Line, prev: Line | None, prev_role: str | None, body: float, pitch: float, settings: ReportSettings) -> bool:
    """Bold, larger or capitals, short, and not bold paragraph text going on."""
    words = line.words
    larger = line.size >= body * settings.heading_size_ratio
    upper = line.text.isupper() and len(line.text) > 3 and len(words) <= 12 and abs(line.size - body) <= 1
    # a bold line right under bold paragraph text is more of that text, not a heading
    bold_run = (
        prev is not None
        and prev_role in ("para", "text", "item")
        and prev.page_no == line.page_no
        and prev.words
        and prev.words[-1].bold
        and abs(prev.size - line.size) <= 0.6
        and 0 < line.top - prev.top <= 1.2 * pitch
    )
    return bool(
        (line.bold or larger or upper)
        and not bold_run
        and len(words) <= settings.max_heading_words
        and line.size > body * settings.small_size_ratio
    )


def _item_label(line: Line, prev: Line | None, margin: float) -> str | None:
    """The label of a sub-item the line opens: a bullet, or ``(a)`` indented or after a line
    that leads into a list."""
    label = _label_of(line)
    if label is None:
        return None
    prev_text = prev.text if prev is not None else ""
    is_bullet = bool(BULLET_TOKEN.match(label))
    indented = line.x0 > margin + 4
    after_list = prev_text.rstrip().endswith((":", ";")) or prev_text.rstrip().endswith(("; and", "; or"))
    return label if is_bullet or indented or after_list else None


def classify_lines(
    lines: Sequence[Line], body: float, metrics: dict[tuple[int, int], PageMetrics], settings: ReportSettings
) -> list[Role]:
    """The role of each body line."""
    toc = toc_lines(lines)
    pitch = _line_pitch(lines, body)
    roles: list[Role] = []
    expected = "1"
    for i, line in enumerate(lines):
        m = metrics[(line.page_no, line.column)]
        prev = lines[i - 1] if i > 0 else None
        prev_role = roles[-1].kind if roles else None
        if i in toc:
            roles.append(Role("toc"))
            continue
        if not line.words:
            roles.append(Role("small"))
            continue
        number = _paragraph_number(line, m.margin, body, expected, settings)
        if number is not None:
            roles.append(Role("para", number))
            expected = _next_number(number)
        elif _is_heading(line, prev, prev_role, body, pitch, settings):
            roles.append(Role("heading"))
        elif line.size < body * settings.small_size_ratio:
            roles.append(Role("small"))
        else:
            label = _item_label(line, prev, m.margin)
            roles.append(Role("item", label) if label is not None else Role("text"))
    return roles


# ---------------------------------------------------------------- blocks


def _text_x0(line: Line) -> float:
    """Where the line's text starts, after a paragraph number or item label."""
    words = line.words
    labels = [i for i, w in enumerate(words[:2]) if _PARA_NUMBER.match(w.text) or _ITEM_LABEL.match(w.text) or BULLET_TOKEN.match(w.text)]
    if labels and labels[-1] + 1 < len(words) and labels == list(range(len(labels))):
        return words[labels[-1] + 1].x0
    return line.x0


def _attachable(parts: list[list[Any]], numbered: bool) -> bool:
    """Whether an item can join the open paragraph: it leads in, or is already a list."""
    if numbered or len(parts) > 1:
        return True
    text = " ".join(line.text for line in parts[-1][1]).rstrip()
    return not _SENTENCE_END.search(text)


def lines_to_blocks(
    lines: Sequence[Line], roles: Sequence[Role], body: float, metrics: dict[tuple[int, int], PageMetrics], settings: ReportSettings
) -> list[Block]:
    """Headings and paragraphs in reading order."""
    pitch = _line_pitch(lines, body)
    blocks: list[Block] = []
    open_kind: str | None = None
    number: str | None = None
    parts: list[list[Any]] = []  # [label, [lines]]
    last: Line | None = None

    def close() -> None:
        nonlocal open_kind, number, parts
        if open_kind is not None and parts:
            blocks.append(Block(open_kind, number, tuple(Part(p[0], tuple(p[1])) for p in parts)))
        open_kind, number, parts = None, None, []

    for line, role in zip(lines, roles):
        if role.kind == "toc":
            continue
        if role.kind == "small":
            if open_kind != "small":
                close()
                open_kind = "small"
                parts = [[None, []]]
            parts[-1][1].append(line)
            last = line
            continue
        if role.kind == "heading":
            if open_kind == "heading" and last is not None and _continues_heading(last, line, parts):
                parts[-1][1].append(line)
            else:
                close()
                open_kind, parts = "heading", [[None, [line]]]
            last = line
            continue
        if role.kind == "para":
            close()
            open_kind, number, parts = "paragraph", role.label, [[None, [line]]]
            last = line
            continue
        if role.kind == "item":
            if open_kind == "paragraph" and _attachable(parts, number is not None):
                parts.append([role.label, [line]])
            else:
                close()
                open_kind, parts = "paragraph", [[role.label, [line]]]
            last = line
            continue
        # plain text
        if open_kind == "paragraph" and last is not None and not _starts_paragraph(last, line, metrics, pitch, settings):
            parts[-1][1].append(line)
        else:
            close()
            open_kind, parts = "paragraph", [[None, [line]]]
        last = line
    close()
    return blocks


def _continues_heading(prev: Line, line: Line, parts: list[list[Any]]) -> bool:
    if prev.page_no != line.page_no or abs(prev.size - line.size) > 0.6 or prev.bold != line.bold:
        return False
    if line.top - prev.bottom > 1.2 * max(prev.size, line.size):
        return False
    if HEADING_NUMBER.match(line.text) or ANNEX.match(line.text):
        return False
    return len(parts[-1][1]) < 4


def _starts_paragraph(prev: Line, line: Line, metrics: dict[tuple[int, int], PageMetrics], pitch: float, settings: ReportSettings) -> bool:
    """Whether a plain line opens a new paragraph after ``prev``."""
    mp, ml = metrics[(prev.page_no, prev.column)], metrics[(line.page_no, line.column)]
    rel = line.x0 - ml.margin
    ref = _text_x0(prev) - mp.margin
    if rel > ref + settings.indent_pt and rel > settings.indent_pt:
        return True
    if abs(line.size - prev.size) > 1.2 or line.bold != prev.bold:
        return True
    same_page = prev.page_no == line.page_no and prev.column == line.column and line.top > prev.top
    if same_page:
        return line.top - prev.top > settings.para_gap_ratio * pitch
    # across a page or column break: a short last line ending a sentence closes the paragraph
    width = mp.right - mp.margin
    short = prev.x1 < mp.margin + settings.short_line_ratio * width
    first = line.words[0].text if line.words else ""
    return short and bool(_SENTENCE_END.search(prev.text)) and first[:1].isupper()


def column_metrics(lines: Sequence[Line], body: float) -> dict[tuple[int, int], PageMetrics]:
    """The margins of each page column (page number, column) the lines are in."""
    return {
        key: page_metrics([line for line in lines if (line.page_no, line.column) == key], body)
        for key in {(line.page_no, line.column) for line in lines}
    }
