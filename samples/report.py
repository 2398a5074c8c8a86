"""UN-style reports rendered with reportlab, and the truth they were made from.

Two documents:

* :func:`render_seed_report` typesets the text of S/2007/567 (Report of the Secretary-General on
  women and peace and security), parsed out of ``shared/seeds/un-s-2007-567.txt`` with the
  seed's known extraction damage repaired (lost paragraph numbers, ``(1)`` for ``(l)``, dropped
  hyphens, a footnote marker read as "To");
* :func:`make_sample_report` typesets a short original report written for this project.

The layout follows UN documents: a masthead ("United Nations  S/2007/567", "Security Council",
"Distr.: General", the date, "Original: English"), the symbol as a running header on later
pages, a job number and page number footer, hanging paragraph numbers with a tab, indented
lettered sub-items, bullets, bold Roman and lettered headings, and footnotes at the page bottom
under a short rule with small raised markers in the text. Paragraphs break across pages; long
words are hyphenated at line ends. Output is byte-identical across runs (reportlab's invariant
mode). Each renderer returns a :class:`ReportTruth` — paragraphs, sections, footnotes with the
organisations they list, claimed counts, recommendations with their actors, thematic areas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from normalizers.text import normalize_unicode

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"

PAGE_W, PAGE_H = 612.0, 792.0
LEFT, RIGHT = 123.4, 487.6  # body text
NUMBER_TAB = 151.8  # first-line text after a paragraph number; item labels
ITEM_TAB = 180.0  # item text after its label
HEADING_NUMBER_X = 100.0
BULLET_X, BULLET_TEXT = 140.0, 152.0
BODY, PITCH, PARA_SPACE = 10.0, 12.0, 6.0
NOTE, NOTE_PITCH, MARKER, MARKER_RISE = 8.0, 9.6, 6.0, 3.6
NOTE_MARKER, NOTE_MARKER_RISE = 5.5, 3.0
BODY_TOP, BODY_BOTTOM = 78.0, 728.0

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_RE = re.compile(f"[{_SUP}]+")
_TOKEN_RE = re.compile(f"^(?P<base>.*?)(?P<sup>[{_SUP}]+)(?P<tail>[^{_SUP}]*)$")


# ---------------------------------------------------------------- content and truth


@dataclass(frozen=True)
class Item:
    label: str  # "(a)" or "•"
    text: str  # may hold *italic* runs and superscript footnote markers


@dataclass(frozen=True)
class Paragraph:
    number: str | None
    text: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Heading:
    number: str | None
    title: str
    level: int  # 0 Roman, 1 lettered


@dataclass(frozen=True)
class Footnote:
    number: str
    text: str
    entities: tuple[str, ...] = ()  # organisations listed, as printed (without "the")


@dataclass(frozen=True)
class Recommendation:
    paragraph: str  # number of the paragraph holding the item
    label: str
    actor: str  # the lead actor as the text names it


@dataclass(frozen=True)
class ReportContent:
    symbol: str
    organ: str  # "Security Council"
    date: str  # as printed: "12 September 2007"
    job: str  # "07-50369"
    title: str
    flow: tuple[Heading | Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    claims: tuple[tuple[str, int], ...] = ()  # (footnote number, count the text claims)
    recommendations: tuple[Recommendation, ...] = ()
    thematic_areas: tuple[str, ...] = ()
    unicode_markers: frozenset[str] = frozenset()  # markers printed as Unicode superscripts


@dataclass(frozen=True)
class TruthParagraph:
    number: str | None
    text: str
    section: str | None  # title of the enclosing section


@dataclass(frozen=True)
class TruthSection:
    number: str | None
    title: str
    level: int
    parent: str | None  # title of the parent section


@dataclass(frozen=True)
class TruthFootnote:
    number: str
    text: str
    entities: tuple[str, ...]
    paragraph: str | None  # number of the paragraph whose marker points here
    claimed_count: int | None


@dataclass(frozen=True)
class TruthAction:
    number: str
    text: str
    actor: str


@dataclass(frozen=True)
class ReportTruth:
    symbol: str
    date: str  # ISO
    paragraphs: tuple[TruthParagraph, ...]
    sections: tuple[TruthSection, ...]
    footnotes: tuple[TruthFootnote, ...]
    actions: tuple[TruthAction, ...]
    thematic_areas: tuple[str, ...]
    n_pages: int = 0


def plain(text: str) -> str:
    """Text as the data should carry it: markers and italic marks gone, Unicode normalised,
    spaces collapsed."""
    text = _SUP_RE.sub("", text.replace("*", ""))
    return re.sub(r"[ \t]+", " ", normalize_unicode(text)).strip()


def paragraph_text(p: Paragraph) -> str:
    parts = [plain(p.text)] + [f"{it.label} {plain(it.text)}" for it in p.items]
    return "\n".join(parts)


def _iso(date: str) -> str:
    months = "january february march april may june july august september october november december".split()
    day, month, year = date.split()
    return f"{int(year):04d}-{months.index(month.lower()) + 1:02d}-{int(day):02d}"


def content_truth(content: ReportContent, n_pages: int = 0) -> ReportTruth:
    """What a reader of the rendered document should get back."""
    sections: list[TruthSection] = []
    paragraphs: list[TruthParagraph] = []
    parents: dict[int, str] = {}
    current: str | None = None
    marker_para: dict[str, str | None] = {}
    for el in content.flow:
        if isinstance(el, Heading):
            parent = parents.get(el.level - 1) if el.level > 0 else None
            sections.append(TruthSection(el.number, el.title, el.level, parent))
            parents[el.level] = el.title
            current = el.title
            continue
        paragraphs.append(TruthParagraph(el.number, paragraph_text(el), current))
        for text in [el.text] + [it.text for it in el.items]:
            for m in _SUP_RE.finditer(text):
                marker_para.setdefault(m.group(0).translate(str.maketrans(_SUP, "0123456789")), el.number)
    claims = dict(content.claims)
    footnotes = tuple(
        TruthFootnote(f.number, plain(f.text), f.entities, marker_para.get(f.number), claims.get(f.number))
        for f in content.footnotes
    )
    items = {(el.number, it.label): it for el in content.flow if isinstance(el, Paragraph) for it in el.items}
    actions = [
        TruthAction(rec.label, plain(items[(rec.paragraph, rec.label)].text), rec.actor) for rec in content.recommendations
    ]
    return ReportTruth(
        symbol=content.symbol,
        date=_iso(content.date),
        paragraphs=tuple(paragraphs),
        sections=tuple(sections),
        footnotes=footnotes,
        actions=tuple(actions),
        thematic_areas=content.thematic_areas,
        n_pages=n_pages,
    )


# ---------------------------------------------------------------- the seed: S/2007/567

# the seed was made by a PDF-to-text tool; its damage, repaired here
_WORD_FIXES = {
    "gendersensitive": "gender-sensitive",
    "awarenessraising": "awareness-raising",
    "postconflict": "post-conflict",
    "Genderbased": "Gender-based",
    "genderresponsive": "gender-responsive",
    "Nationsmanaged": "Nations-managed",
    "crosscutting": "cross-cutting",
}
_TEXT_FIXES = (
    ("United National System Staff College", "United Nations System Staff College"),
    ("by a number of entities. To For example", "by a number of entities.¹⁰ For example"),
    ("Some United Nations entities undertook activities", "Some United Nations entities⁷ undertook activities"),
    ("many United Nations entities had made progress", "many United Nations entities⁹ had made progress"),
    ('reporting tool". ¹³', 'reporting tool".¹³'),
    ("Action Plan. ¹⁵", "Action Plan.¹⁵"),
    ("December 2006. ¹⁶", "December 2006.¹⁶"),
    ("US\\$", "US$"),
    ("\\$", "$"),
)
# paragraphs whose numbers the seed lost ("- The review of …" is paragraph 4)
_LOST_NUMBERS = ("The review of the implementation of the 2005-2007", "Responses to the second implementation review")
_SEED_CLAIMS = (("4", 13), ("5", 7), ("6", 12), ("11", 10))
_SEED_ACTORS = {
    "(a)": "Member States",
    "(b)": "United Nations system",
    "(c)": "United Nations system",
    "(d)": "international community",
    "(e)": "United Nations system",
    "(f)": "United Nations system",
    "(g)": "United Nations system",
    "(h)": "All stakeholders",
    "(i)": "All stakeholders",
    "(j)": "Secretary-General",
    "(k)": "Secretary-General",
    "(l)": "Member States",
}
_FURNITURE = re.compile(r"^(?:United Nations S|Distr\.|Original:|07-50369|\d{1,2}$|_+$)")
_SEED_FOOTNOTE = re.compile(rf"^(?:(?P<sup>[{_SUP}]+)|\$\^[^$]*?(?P<tex>\d+)\}}?\$|(?P<plain>\d{{1,2}})(?= [A-Z]))\s*(?P<text>.+)$")


def _fix_words(text: str) -> str:
    for bad, good in _TEXT_FIXES:
        text = text.replace(bad, good)
    return re.sub(r"[A-Za-z]+", lambda m: _WORD_FIXES.get(m.group(0), m.group(0)), text)


def _entities_of(text: str) -> tuple[str, ...]:
    """Organisations a footnote lists (for list footnotes), as printed without 'the'."""
    body = text.rstrip(".")
    if body.startswith("See ") or "/" in body:
        return ()
    names: list[str] = []
    for piece in re.split(r", (?:and )?| and (?=the |[A-Z]{2,})", body):
        piece = re.sub(r"^(?:the|The) ", "", piece.strip())
        if names and piece in ("Demobilization", "Demobilization and Reintegration"):
            names[-1] += ", " + piece
            continue
        names.append(piece)
    return tuple(names)


def parse_seed(text: str) -> ReportContent:
    """The seed's text → content: title, headings, numbered paragraphs with their sub-items and
    bullets, footnotes."""
    lines = [normalize_seed_line(ln) for ln in text.splitlines()]
    flow: list[Heading | Paragraph] = []
    notes: dict[str, str] = {}
    title = ""
    expected = 1
    cur: dict | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None:
            flow.append(Paragraph(cur["number"], _fix_words(cur["text"]), tuple(Item(lb, _fix_words(t)) for lb, t in cur["items"])))
        cur = None

    for ln in lines:
        if not ln or _FURNITURE.match(ln):
            continue
        fm = _SEED_FOOTNOTE.match(ln)
        if fm and not re.match(r"^\d+\. ", ln):
            num = fm.group("sup") or fm.group("tex") or fm.group("plain")
            num = num.translate(str.maketrans(_SUP, "0123456789"))
            body = fm.group("text").strip()
            notes[num] = _fix_words(body if body.endswith(".") else body + ".")
            continue
        if not title and not flow and cur is None and not re.match(r"^[IVX]+\. ", ln):
            title = ln
            continue
        hm = re.match(r"^(?P<num>[IVX]+|[A-H])\. (?P<title>.+)$", ln)
        if hm:
            close()
            level = 0 if re.fullmatch(r"[IVX]+", hm.group("num")) else 1
            flow.append(Heading(hm.group("num") + ".", hm.group("title").strip(), level))
            continue
        body = ln[2:] if ln.startswith("- ") else ln
        pm = re.match(r"^(?P<num>\d{1,2})\. (?P<text>.+)$", body)
        if pm and int(pm.group("num")) == expected:
            close()
            cur = {"number": pm.group("num"), "text": pm.group("text"), "items": []}
            expected += 1
            continue
        if ln.startswith("- ") and body.startswith(_LOST_NUMBERS):
            close()
            cur = {"number": str(expected), "text": body, "items": []}
            expected += 1
            continue
        im = re.match(r"^\((?P<label>[a-z1])\) (?P<text>.+)$", body)
        if im and cur is not None:
            label = "l" if im.group("label") == "1" else im.group("label")
            cur["items"].append((f"({label})", im.group("text")))
            continue
        if ln.startswith("- ") and cur is not None and body[:1].isupper():
            cur["items"].append(("•", body))
            continue
        if cur is not None:  # a paragraph going on after page furniture
            if cur["items"]:
                lb, t = cur["items"][-1]
                cur["items"][-1] = (lb, f"{t} {body}")
            else:
                cur["text"] = f"{cur['text']} {body}"
    close()
    footnotes = tuple(Footnote(n, t, _entities_of(t)) for n, t in sorted(notes.items(), key=lambda kv: int(kv[0])))
    reco_para = next(p for p in flow if isinstance(p, Paragraph) and p.number == "58")
    areas_para = next(p for p in flow if isinstance(p, Paragraph) and p.number == "42")
    return ReportContent(
        symbol="S/2007/567",
        organ="Security Council",
        date="12 September 2007",
        job="07-50369",
        title=title,
        flow=tuple(flow),
        footnotes=footnotes,
        claims=_SEED_CLAIMS,
        recommendations=tuple(Recommendation("58", it.label, _SEED_ACTORS[it.label]) for it in reco_para.items),
        thematic_areas=tuple(plain(it.text).split(":")[0] for it in areas_para.items),
    )


def normalize_seed_line(line: str) -> str:
    line = line.strip()
    return re.sub(r"\s+", " ", line)


# ---------------------------------------------------------------- an original sample report


def sample_content() -> ReportContent:
    """A short report written for this project: women's participation in local peace committees."""
    p = Paragraph
    h = Heading
    flow: tuple[Heading | Paragraph, ...] = (
        h("I.", "Introduction", 0),
        p("1", "The present report is submitted pursuant to the request of the Security Council for an assessment "
          "of the participation of women in local peace committees and in the implementation of national action "
          "plans on women and peace and security. It covers the period from 1 January to 31 December 2024 and "
          "draws on contributions from nine United Nations entities¹ and from the Governments of the countries "
          "concerned."),
        p("2", "The report is organized around three priority areas identified in consultation with Member States "
          "and civil society organizations. Section II reviews progress, section III describes the challenges "
          "that remain, section IV presents observations and section V sets out recommendations for "
          "consideration by the Security Council."),
        h("II.", "Progress in the reporting period", 0),
        h("A.", "Prevention and early warning", 1),
        p("3", "Local peace committees with at least one third women members were established in 214 districts, up "
          "from 162 in the previous year. Women mediators trained with the support of UN-Women and UNDP "
          "facilitated the resolution of land and water disputes in rural areas, and community early-warning "
          "networks reported incidents within an average of two days."),
        p("4", "Four entities² supported the collection of sex-disaggregated data on violence against women in "
          "border regions. The data were shared with national authorities and with regional organizations, and "
          "informed the revision of two national action plans, in which prevention commitments were expanded "
          "and costed for the first time."),
        h("B.", "Participation in decision-making", 1),
        p("5", "Women held 23 per cent of the seats in national delegations to peace talks during the reporting "
          "period, compared with 17 per cent in 2023. Temporary special measures adopted by three Governments "
          "increased the share of women in local councils, although the measures have yet to be extended to "
          "security sector institutions."),
        p("6", "The participation of young women remains limited. Consultations organized by civil society "
          "organizations³ in eleven countries found that young women were rarely invited to formal processes "
          "and that informal networks carried most of the burden of peacebuilding at the community level, "
          "often without any dedicated funding."),
        h("C.", "Protection and relief", 1),
        p("7", "Survivor-centred services expanded in camps for internally displaced persons, where mobile "
          "clinics, legal aid and psychosocial support were offered in 38 locations. Interruptions in funding "
          "forced the closure of twelve women's safe spaces in the second half of the year, and waiting times "
          "for legal assistance doubled in several locations.",
          (Item("•", "Mobile clinics reached 61,000 women and girls, including 4,800 survivors of sexual "
                     "violence."),
           Item("•", "Legal aid desks handled 2,950 cases, of which 40 per cent concerned access to land and "
                     "inheritance."))),
        h("D.", "Relief and recovery", 1),
        p("8", "Recovery programmes increasingly included women as planners and not only as beneficiaries. In two "
          "post-conflict provinces, women's committees decided on the priorities of reconstruction funds worth "
          "$4.2 million, selecting water points, health posts and market stalls. Cash-for-work schemes reached "
          "9,400 women, of whom one third were heads of household, and vocational training was linked to "
          "local demand for construction and agricultural skills."),
        p("9", "Land and property restitution remained slow. Women who had lost their husbands in the conflict "
          "often lacked documents proving their claims, and customary authorities rarely recognized their rights. "
          "Mobile registration teams supported by the Government issued 3,100 identity documents to displaced "
          "women, a prerequisite for access to restitution, social protection and credit."),
        h("III.", "Remaining challenges", 0),
        p("10", "Financing remains the main constraint. Fewer than half of the national action plans reviewed had a "
          "dedicated budget line, and extrabudgetary contributions were short-term and unpredictable. Monitoring "
          "frameworks were often limited to activities rather than results, which made it difficult to assess "
          "the contribution of the plans to the participation and protection of women. In several countries the "
          "coordination bodies responsible for the plans met less than once a year, and ministries reported "
          "separately, without a common set of indicators or baselines."),
        p("11", "Threats and reprisals against women human rights defenders and peacebuilders increased. The Office "
          "of the United Nations High Commissioner for Human Rights documented 131 cases of intimidation, "
          "including online harassment, in the countries covered by the present report."),
        p("12", "Data gaps persist. Only a minority of the countries covered by the present report publish "
          "sex-disaggregated statistics on the membership of peace committees, security institutions or "
          "reconstruction bodies, and survey methods differ from one country to the next, so that regional "
          "comparisons remain tentative. Entities supporting national statistical offices reported that requests "
          "for such assistance exceeded the resources available to them.",
          (Item("•", "Four of the eleven countries collect data on women in local peace committees."),
           Item("•", "Two publish data on women in security sector institutions every year."))),
        h("IV.", "Observations", 0),
        p("13", "The evidence gathered for the present report shows that the participation of women in local peace "
          "committees changes what those committees decide: they are more likely to address access to services, "
          "land and documentation, and their agreements last longer. Yet the gains remain fragile where funding "
          "is short-term and where women who speak out face threats without protection."),
        p("14", "National action plans are most effective when they are costed, when their indicators measure "
          "results rather than activities, and when civil society takes part in their monitoring. The "
          "recommendations below are made with those conditions in mind, and with the aim of consolidating the "
          "progress recorded in the reporting period."),
        h("V.", "Recommendations", 0),
        p("15", "The Security Council may wish to:",
          (Item("(a)", "Urge Member States to allocate dedicated and predictable funding to their national action "
                       "plans on women and peace and security, including for prevention;"),
           Item("(b)", "Encourage the United Nations system to support the collection and analysis of "
                       "sex-disaggregated data on conflict-related violence;"),
           Item("(c)", "Call upon all parties to armed conflict to ensure the safety of women human rights "
                       "defenders and peacebuilders;"),
           Item("(d)", "Request the Secretary-General to include an assessment of the participation of women in "
                       "all country-specific reports."))),
        p("16", "It is further recommended that:",
          (Item("(a)", "Civil society organizations be consulted in the design, monitoring and evaluation of "
                       "national action plans;"),
           Item("(b)", "The international community increase flexible, multi-year funding for women's "
                       "organizations working on participation."))),
    )
    footnotes = (
        Footnote("1", "The Department of Political and Peacebuilding Affairs, the Department of Peace Operations, "
                      "OHCHR, UNDP, UNFPA, UNHCR, UNICEF, UN-Women and WFP.",
                 ("Department of Political and Peacebuilding Affairs", "Department of Peace Operations", "OHCHR",
                  "UNDP", "UNFPA", "UNHCR", "UNICEF", "UN-Women", "WFP")),
        Footnote("2", "UNDP, UNFPA, UNICEF and UN-Women.", ("UNDP", "UNFPA", "UNICEF", "UN-Women")),
        Footnote("3", "See the summary of the consultations held in 2024, available from the secretariat of the "
                      "Informal Expert Group on Women and Peace and Security."),
    )
    return ReportContent(
        symbol="S/2025/999",
        organ="Security Council",
        date="3 March 2025",
        job="25-99999",
        title="Women's participation in local peace committees: report of the Secretary-General",
        flow=flow,
        footnotes=footnotes,
        claims=(("1", 9), ("2", 4)),
        recommendations=(
            Recommendation("15", "(a)", "Member States"),
            Recommendation("15", "(b)", "United Nations system"),
            Recommendation("15", "(c)", "parties to armed conflict"),
            Recommendation("15", "(d)", "Secretary-General"),
            Recommendation("16", "(a)", "Civil society organizations"),
            Recommendation("16", "(b)", "international community"),
        ),
        unicode_markers=frozenset({"2"}),
    )


# ---------------------------------------------------------------- typesetting


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str, str]:
    for name in (REGULAR, BOLD, ITALIC):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    return REGULAR, BOLD, ITALIC


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass(frozen=True)
class Op:
    """One string drawn at (x, baseline) in a top-left frame, or a rule when ``text`` is None."""

    x: float
    y: float
    text: str | None
    font: str = REGULAR
    size: float = BODY
    x1: float = 0.0  # end of a rule


@dataclass(frozen=True)
class Piece:
    """A word as drawn: its text, an optional marker after it, and punctuation after that."""

    text: str
    marker: str = ""
    tail: str = ""
    italic: bool = False


@dataclass(frozen=True)
class LineBox:
    """One line of body text, ready to place: drawing ops relative to its baseline."""

    ops: tuple[Op, ...]
    space_before: float
    pitch: float
    markers: tuple[str, ...] = ()
    keep_with_next: int = 0  # lines of the next element that must share the page


def text_pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    italic = False
    for raw in text.split():
        start_italic = raw.startswith("*")
        word = raw.lstrip("*")
        if start_italic:
            italic = True
        this_italic = italic
        if "*" in word:
            word = word.replace("*", "")
            italic = False
        m = _TOKEN_RE.match(word)
        if m:
            marker = m.group("sup").translate(str.maketrans(_SUP, "0123456789"))
            pieces.append(Piece(m.group("base"), marker, m.group("tail"), this_italic))
        else:
            pieces.append(Piece(word, italic=this_italic))
    return pieces


def _piece_width(p: Piece, font: str, unicode_markers: frozenset[str]) -> float:
    w = _width(p.text, font, BODY) + _width(p.tail, font, BODY)
    if p.marker:
        w += _marker_width(p.marker, unicode_markers)
    return w


def _marker_width(marker: str, unicode_markers: frozenset[str]) -> float:
    if marker in unicode_markers:
        return _width(marker.translate(str.maketrans("0123456789", _SUP)), REGULAR, BODY)
    return _width(marker, REGULAR, MARKER)


def _hyphen_split(p: Piece, room: float, font: str, vocabulary: frozenset[str]) -> tuple[Piece, Piece] | None:
    """Split a word at a line end: after one of its own hyphens, or (for long words) between
    letters with a hyphen added, leaving at least six letters before and three after, and never
    leaving a word of the document on either side of the break."""
    word = p.text
    cuts: list[tuple[str, str]] = []
    for i in range(len(word) - 1, 0, -1):
        if word[i - 1] == "-" and i < len(word):
            cuts.append((word[:i], word[i:]))
    if not cuts and re.fullmatch(r"[A-Za-z]{9,}", word):
        for i in range(len(word) - 3, 5, -1):
            left, right = word[:i], word[i:]
            if left.lower() not in vocabulary and right.lower() not in vocabulary:
                cuts.append((left + "-", right))
    for left, right in cuts:
        if _width(left, font, BODY) <= room:
            return Piece(left, italic=p.italic), Piece(right, p.marker, p.tail, p.italic)
    return None


def wrap(
    pieces: list[Piece], first_width: float, width: float, unicode_markers: frozenset[str], vocabulary: frozenset[str]
) -> list[list[Piece]]:
    """Greedy line breaking with hyphenation."""
    lines: list[list[Piece]] = [[]]
    used = 0.0
    space = _width(" ", REGULAR, BODY)
    queue = list(pieces)
    while queue:
        p = queue.pop(0)
        font = ITALIC if p.italic else REGULAR
        w = _piece_width(p, font, unicode_markers)
        avail = first_width if len(lines) == 1 else width
        need = w + (space if lines[-1] else 0)
        if used + need <= avail or not lines[-1]:
            lines[-1].append(p)
            used += need
            continue
        room = avail - used - space
        split = _hyphen_split(p, room, font, vocabulary)
        if split is not None:
            lines[-1].append(split[0])
            queue.insert(0, split[1])
        else:
            queue.insert(0, p)
        lines.append([])
        used = 0.0
    return [ln for ln in lines if ln]


def _line_ops(line: list[Piece], x: float, width: float, justify: bool, unicode_markers: frozenset[str]) -> list[Op]:
    space = _width(" ", REGULAR, BODY)
    widths = [_piece_width(p, ITALIC if p.italic else REGULAR, unicode_markers) for p in line]
    gap = space
    if justify and len(line) > 1:
        gap = space + max(0.0, width - sum(widths) - space * (len(line) - 1)) / (len(line) - 1)
    ops: list[Op] = []
    cx = x
    for p, w in zip(line, widths):
        font = ITALIC if p.italic else REGULAR
        ops.append(Op(cx, 0.0, p.text, font, BODY))
        mx = cx + _width(p.text, font, BODY)
        if p.marker:
            if p.marker in unicode_markers:
                sup = p.marker.translate(str.maketrans("0123456789", _SUP))
                ops.append(Op(mx, 0.0, sup, REGULAR, BODY))
            else:
                ops.append(Op(mx, -MARKER_RISE, p.marker, REGULAR, MARKER))
            mx += _marker_width(p.marker, unicode_markers)
        if p.tail:
            ops.append(Op(mx, 0.0, p.tail, font, BODY))
        cx += w + gap
    return ops


def _markers(line: list[Piece]) -> tuple[str, ...]:
    return tuple(p.marker for p in line if p.marker)


def _block_lines(
    text: str, x_first: float, x_rest: float, lead_ops: list[Op], space_before: float,
    unicode_markers: frozenset[str], vocabulary: frozenset[str],
) -> list[LineBox]:
    pieces = text_pieces(text)
    lines = wrap(pieces, RIGHT - x_first, RIGHT - x_rest, unicode_markers, vocabulary)
    boxes = []
    for i, line in enumerate(lines):
        x = x_first if i == 0 else x_rest
        ops = _line_ops(line, x, RIGHT - x, i < len(lines) - 1, unicode_markers)
        if i == 0:
            ops = lead_ops + ops
        boxes.append(LineBox(tuple(ops), space_before if i == 0 else 0.0, PITCH, _markers(line)))
    return boxes


def _heading_lines(h: Heading, vocabulary: frozenset[str]) -> list[LineBox]:
    size = 12.0 if h.level == 0 else 11.0
    words = h.title.split()
    lines: list[list[str]] = [[]]
    for w in words:
        trial = " ".join(lines[-1] + [w])
        if lines[-1] and _width(trial, BOLD, size) > RIGHT - LEFT:
            lines.append([w])
        else:
            lines[-1].append(w)
    boxes = []
    for i, ws in enumerate(lines):
        ops = [Op(LEFT, 0.0, " ".join(ws), BOLD, size)]
        if i == 0 and h.number:
            ops.insert(0, Op(HEADING_NUMBER_X, 0.0, h.number, BOLD, size))
        boxes.append(
            LineBox(tuple(ops), (16.0 if h.level == 0 else 10.0) if i == 0 else 0.0, size * 1.25, (),
                    keep_with_next=3 if i == len(lines) - 1 else 1)
        )
    return boxes


def flow_lines(content: ReportContent, vocabulary: frozenset[str]) -> list[LineBox]:
    um = content.unicode_markers
    out: list[LineBox] = []
    for el in content.flow:
        if isinstance(el, Heading):
            out.extend(_heading_lines(el, vocabulary))
            continue
        if el.number:
            lead = [Op(LEFT, 0.0, f"{el.number}.", REGULAR, BODY)]
            out.extend(_block_lines(el.text, NUMBER_TAB, LEFT, lead, PARA_SPACE + 4, um, vocabulary))
        else:
            out.extend(_block_lines(el.text, LEFT + 28, LEFT, [], PARA_SPACE + 4, um, vocabulary))
        for it in el.items:
            if it.label == "•":
                lead = [Op(BULLET_X, 0.0, "•", REGULAR, BODY)]
                out.extend(_block_lines(it.text, BULLET_TEXT, BULLET_TEXT, lead, PARA_SPACE, um, vocabulary))
            else:
                lead = [Op(NUMBER_TAB, 0.0, it.label, REGULAR, BODY)]
                out.extend(_block_lines(it.text, ITEM_TAB, LEFT, lead, PARA_SPACE, um, vocabulary))
    return out


def _note_lines(f: Footnote) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for w in plain(f.text).split():
        trial = " ".join(lines[-1] + [w])
        if lines[-1] and _width(trial, REGULAR, NOTE) > RIGHT - LEFT:
            lines.append([w])
        else:
            lines[-1].append(w)
    return lines


def _note_height(f: Footnote) -> float:
    return len(_note_lines(f)) * NOTE_PITCH + 3.0


@dataclass
class _PageState:  # local to paginate(): the page being filled
    ops: list[Op] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)


def paginate(content: ReportContent, boxes: list[LineBox], first_top: float) -> list[tuple[list[Op], list[Footnote]]]:
    """Place line boxes on pages, footnotes at the bottom of the page their marker is on."""
    notes = {f.number: f for f in content.footnotes}
    pages: list[tuple[list[Op], list[Footnote]]] = []
    state = _PageState()
    y = first_top
    at_top = False

    def notes_height(ns: list[Footnote]) -> float:
        return (sum(_note_height(f) for f in ns) + 14.0) if ns else 0.0

    i = 0
    while i < len(boxes):
        box = boxes[i]
        group = [box]
        j = i
        while group[-1].keep_with_next and j + 1 < len(boxes):  # a heading keeps its next lines
            extra = boxes[j + 1 : j + 1 + group[-1].keep_with_next]
            group.extend(extra)
            j += len(extra)
            if not extra or not extra[-1].keep_with_next:
                break
        needed = sum((0.0 if (at_top and k == 0) else b.space_before) + b.pitch for k, b in enumerate(group))
        new_notes = [notes[m] for b in group for m in b.markers if m in notes and notes[m] not in state.notes]
        bottom = BODY_BOTTOM - notes_height(state.notes + new_notes)
        if y + needed > bottom and state.ops:
            pages.append((state.ops, state.notes))
            state = _PageState()
            y = BODY_TOP
            at_top = True
        y += (0.0 if at_top else box.space_before) + box.pitch
        at_top = False
        for op in box.ops:
            state.ops.append(Op(op.x, y + op.y, op.text, op.font, op.size, op.x1))
        for m in box.markers:
            if m in notes and notes[m] not in state.notes:
                state.notes.append(notes[m])
        i += 1
    pages.append((state.ops, state.notes))
    return pages


def _footnote_ops(ns: list[Footnote], unicode_markers: frozenset[str]) -> list[Op]:
    if not ns:
        return []
    total = sum(_note_height(f) for f in ns)
    y = BODY_BOTTOM - total
    ops = [Op(LEFT, y - 4.0, None, x1=LEFT + 72.0)]
    for f in ns:
        lines = _note_lines(f)
        for k, words in enumerate(lines):
            y += NOTE_PITCH
            if k == 0:
                ops.append(Op(LEFT - 6.0, y - NOTE_MARKER_RISE, f.number, REGULAR, NOTE_MARKER))
            ops.append(Op(LEFT, y, " ".join(words), REGULAR, NOTE))
        y += 3.0
    return ops


def _furniture_ops(content: ReportContent, page_no: int, n_pages: int) -> list[Op]:
    if page_no == 1:
        symbol_head, symbol_tail = content.symbol[0], content.symbol[1:]
        x_tail = 552.0 - _width(symbol_tail, REGULAR, 10.0)
        return [
            Op(60.0, 58.0, "United Nations", REGULAR, 14.0),
            Op(x_tail - _width(symbol_head, REGULAR, 20.0), 58.0, symbol_head, REGULAR, 20.0),
            Op(x_tail, 58.0, symbol_tail, REGULAR, 10.0),
            Op(60.0, 65.0, None, x1=552.0),
            Op(123.4, 90.0, content.organ, BOLD, 20.0),
            Op(397.0, 86.0, "Distr.: General", REGULAR, 10.0),
            Op(397.0, 98.0, content.date, REGULAR, 10.0),
            Op(397.0, 122.0, "Original: English", REGULAR, 10.0),
            Op(60.0, 748.0, f"{content.job} (E)    {_job_date(content)}", REGULAR, 9.0),
            Op(60.0, 762.0, f"*{content.job.replace('-', '')}*", REGULAR, 12.0),
        ]
    label = f"{page_no}/{n_pages}"
    ops = [Op(60.0, 65.0, None, x1=552.0)]
    if page_no % 2 == 0:
        ops += [
            Op(60.0, 60.0, content.symbol, BOLD, 8.5),
            Op(60.0, 754.0, label, BOLD, 8.5),
            Op(552.0 - _width(content.job, REGULAR, 7.0), 754.0, content.job, REGULAR, 7.0),
        ]
    else:
        ops += [
            Op(552.0 - _width(content.symbol, BOLD, 8.5), 60.0, content.symbol, BOLD, 8.5),
            Op(60.0, 754.0, content.job, REGULAR, 7.0),
            Op(552.0 - _width(label, BOLD, 8.5), 754.0, label, BOLD, 8.5),
        ]
    return ops


def _job_date(content: ReportContent) -> str:
    day, month, year = _iso(content.date).split("-")[::-1]
    return f"{day}{month}{year[2:]}"


def _title_ops(content: ReportContent) -> tuple[list[Op], float]:
    lines: list[list[str]] = [[]]
    for w in content.title.split():
        trial = " ".join(lines[-1] + [w])
        if lines[-1] and _width(trial, BOLD, 14.0) > RIGHT - LEFT:
            lines.append([w])
        else:
            lines[-1].append(w)
    y = 200.0
    ops = []
    for ws in lines:
        y += 17.0
        ops.append(Op(LEFT, y, " ".join(ws), BOLD, 14.0))
    return ops, y + 6.0


def _vocabulary(content: ReportContent) -> frozenset[str]:
    words: set[str] = set()
    for el in content.flow:
        texts = [el.title] if isinstance(el, Heading) else [el.text] + [it.text for it in el.items]
        for t in texts:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", plain(t)))
    return frozenset(words)


def render_content(content: ReportContent, path: Path) -> int:
    """Write the PDF; return its number of pages."""
    register_fonts()
    rl_config.invariant = 1
    vocabulary = _vocabulary(content)
    title_ops, title_bottom = _title_ops(content)
    pages = paginate(content, flow_lines(content, vocabulary), title_bottom)
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    canvas.setTitle(content.title)
    canvas.setAuthor("nap-pipeline samples")
    for page_no, (ops, notes) in enumerate(pages, start=1):
        all_ops = _furniture_ops(content, page_no, len(pages)) + (title_ops if page_no == 1 else []) + ops
        all_ops += _footnote_ops(notes, content.unicode_markers)
        for op in all_ops:
            if op.text is None:
                canvas.setLineWidth(0.5)
                canvas.line(op.x, PAGE_H - op.y, op.x1, PAGE_H - op.y)
                continue
            canvas.setFont(op.font, op.size)
            canvas.drawString(op.x, PAGE_H - op.y, op.text)
        canvas.showPage()
    canvas.save()
    return len(pages)


def render_seed_report(seed_path: Path, pdf_path: Path) -> ReportTruth:
    """Typeset S/2007/567 from the seed text; return what a reader should get back."""
    content = parse_seed(Path(seed_path).read_text(encoding="utf-8"))
    n = render_content(content, Path(pdf_path))
    return content_truth(content, n)


def make_sample_report(path: Path) -> ReportTruth:
    """Write the short original sample report (about four pages) to ``path``."""
    content = sample_content()
    n = render_content(content, Path(path))
    return content_truth(content, n)
