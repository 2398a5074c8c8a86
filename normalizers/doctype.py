"""Document type and main language, from the content itself.

``detect_doc_type`` tells a UN report (a document symbol in the furniture and "Report of the
…" on the first pages), a national action plan (matrices with action / strategy / ministry /
indicator vocabulary, or the plan's own name), a set of recommendations (headings about
recommendations dominate) and anything else.

``detect_language`` counts stopwords: small, fast, no models; ISO 639-1 codes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from extractors.model import PageLayout, group_lines, words_text
from normalizers.furniture import FurnitureInfo, strip_furniture
from normalizers.vocabulary import fold

DOC_TYPES = ("nap", "un_report", "recommendations", "other")

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is that for on with as by are be this which from it at an or have has was were their "
        "its not will should been these those such other than into also between".split()
    ),
    "es": frozenset(  # "a" and "o" too: common in Spanish, and Portuguese must not win on them alone
        "el la los las del de y en que por con para una un es se al su sus como más este esta entre sobre "
        "también han ha son sin desde hasta lo le a o".split()
    ),
    "fr": frozenset(
        "le la les des du de et en que pour dans une un est sur par au aux ses sont qui cette avec entre "
        "leur leurs ont été il elle ne pas plus".split()
    ),
    "pt": frozenset(
        "o a os as do da dos das de e em que para com uma um é no na nos nas ao aos às pelo pela pelos pelas "
        "são se sua seu suas seus mais entre também foi não até num numa neste nesta deste desta".split()
    ),
    "de": frozenset(
        "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden "
        "aus er hat dass sie nach bei".split()
    ),
    "it": frozenset(
        "il lo la i gli le di del della dei delle e che per con una un è nel nella sono si al alla come più "
        "anche tra questo".split()
    ),
    "nl": frozenset(
        "de het een en van op te dat die voor met zijn niet aan om ook door bij worden wordt naar deze dit "
        "zich uit heeft hebben hun maar kan wij ons onze meer tussen".split()
    ),
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)

_REPORT_TITLE = re.compile(
    r"\b(report of the|rapport du|rapport de la|informe del|informe de la|relatório d[oa]|bericht de[rs]|"
    r"rapporto del(?:la)?|verslag van)\b",
    re.I,
)
_UN_SYMBOL = re.compile(r"(?<![\w/])(?:S|A|E|CEDAW|A/HRC|E/CN\.\d+)/(?:[A-Z]+/)?\d{2,4}/\d+")
_PLAN_NAME = re.compile(
    r"(national action plan|plan de acci[oó]n nacional|plan nacional de acci[oó]n|plan d.action national|"
    r"plan national d.action|plano nacional de a[cç]{1,2}[aã]o|plano de a[cç]{1,2}[aã]o nacional|"
    r"nationale[rnms]? aktionsplan|aktionsplan der bundesregierung|piano (?:d.|di )azione nazionale|"
    r"piano nazionale (?:d.|di )azione|nationaa?le? actieplan|\bnap\b)",
    re.I,
)
# words of a plan's matrix: actions, strategies, ministries, indicators (folded: no accents, plural s dropped)
_MATRIX_WORDS = frozenset(
    fold(w)
    for w in (
        "action activity activities strategy strategies objective objectives indicator indicators target targets "
        "baseline timeline timeframe budget ministry ministries responsible lead partner outcome output "
        "accion actividad actividades estrategia objetivo indicador meta linea base ministerio responsable "
        "plazo presupuesto resultado "
        "activite strategie objectif indicateur cible ministere responsable echeance resultat "
        "acao acoes atividade atividades estrategia objetivo indicador meta linha base ministerio responsavel "
        "parceiro prazo orcamento resultado "
        "maßnahme maßnahmen massnahme massnahmen ziel ziele indikator indikatoren zielwert ministerium "
        "bundesministerium zustandigkeit federfuhrung verantwortlich beteiligte zeitrahmen zeitraum "
        "handlungsfeld ausgangslage ergebnis "
        "azione azioni attivita obiettivo indicatore indicatori ministero responsabile partner tempistica "
        "bilancio risultato strategia "
        "actie acties activiteit maatregel maatregelen doel doelstelling indicatoren ministerie "
        "verantwoordelijke tijdspad begroting resultaat strategie"
    ).split()
)
_UN_BODY = re.compile(
    r"\b(Secretary-General|Security Council|General Assembly|United Nations|Advisory Committee"
    r"|Secrétaire général|Conseil de sécurité|Assemblée générale|Nations Unies"
    r"|Secretario General|Consejo de Seguridad|Asamblea General|Naciones Unidas"
    r"|Secretário-Geral|Conselho de Segurança|Assembleia Geral|Nações Unidas)\b"
)
_RECO = re.compile(r"recommend|recomenda|recomienda|recommand|empfehl|raccomand|aanbevel", re.I)


@dataclass(frozen=True)
class DocTypeSettings:
    pages: int = 6  # first pages read for the title and vocabulary
    min_matrix_share: float = 0.04  # matrix words per word for a plan
    min_ruled_pages: float = 0.3  # share of pages with ruled grids for a plan without its name
    min_reco_share: float = 0.4  # share of headings about recommendations

    def __post_init__(self) -> None:
        if self.pages < 1:
            raise ValueError(f"DocTypeSettings.pages must be >= 1, got {self.pages!r}")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language by stopword counts, or None when unsure."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if len(tokens) < 3:
        return None
    counts = {lang: sum(1 for t in tokens if t in words) for lang, words in _STOPWORDS.items()}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    best, n = ranked[0]
    runner = ranked[1][1]
    if n < 2 or n < 0.08 * len(tokens) or n <= runner:
        return None
    return best


def _page_lines(layout: PageLayout) -> list[tuple[str, float, bool]]:
    """(text, size, bold) of each line."""
    out = []
    for line in group_lines(layout.words):
        chars = sum(len(w.text) for w in line) or 1
        size = max(line, key=lambda w: len(w.text)).size
        bold = sum(len(w.text) for w in line if w.bold) * 2 > chars
        out.append((words_text(line), size, bold))
    return out


def _heading_texts(lines: list[tuple[str, float, bool]], body: float) -> list[str]:
    return [
        t for t, size, bold in lines if (bold or size >= body * 1.12) and 0 < len(t.split()) <= 15 and size >= body * 0.9
    ]


def _ruled(layout: PageLayout) -> bool:
    verticals = sum(1 for r in layout.rulings if not r.horizontal and r.bottom - r.top > 12)
    horizontals = sum(1 for r in layout.rulings if r.horizontal and r.x1 - r.x0 > 40)
    return verticals >= 3 and horizontals >= 3


def detect_doc_type(layouts: Sequence[PageLayout], settings: DocTypeSettings = DocTypeSettings(),
                    stripped: FurnitureInfo | None = None) -> str:
    """nap | un_report | recommendations | other. ``stripped``: the pages are already stripped
    of furniture, and this is what was found."""
    if not layouts:
        return "other"
    head = list(layouts[: settings.pages])
    cleaned, info = (list(layouts), stripped) if stripped is not None else strip_furniture(layouts)
    per_page = [_page_lines(layout) for layout in cleaned]  # grouped once, read three ways below
    lines = [ln for page in per_page[: settings.pages] for ln in page]
    sizes: Counter[float] = Counter()
    for text, size, _ in lines:
        sizes[round(size)] += len(text)
    body = max(sorted(sizes), key=lambda s: sizes[s]) if sizes else 10.0
    first_text = " ".join(t for t, _, _ in lines[:80])
    all_text = " ".join(t for t, _, _ in lines)
    furniture = " ".join(info.texts)
    symbol = info.symbol or (_UN_SYMBOL.search(furniture) or _UN_SYMBOL.search(" ".join(w.text for w in head[0].words)))
    headings = [h for page in per_page for h in _heading_texts(page, body)]
    reco = sum(1 for h in headings if _RECO.search(h))
    title = " ".join(h for h in _heading_texts(lines[:40], body)[:4])
    front = " ".join(_heading_texts([ln for page in per_page[:2] for ln in page], body))

    if _RECO.search(title) and not _REPORT_TITLE.search(title):
        return "recommendations"
    if headings and reco >= 2 and reco >= settings.min_reco_share * len(headings):
        return "recommendations"
    un_named = bool(symbol) or bool(_UN_BODY.search(front))  # the symbol may be stripped already
    if un_named and _REPORT_TITLE.search(front):
        return "un_report"
    words = [fold(t) for t in _TOKEN.findall(all_text)]
    matrix = sum(1 for w in words if w in _MATRIX_WORDS)
    share = matrix / max(1, len(words))
    ruled = sum(1 for layout in layouts if _ruled(layout)) / len(layouts)
    named = bool(_PLAN_NAME.search(first_text))
    if (named and (share >= settings.min_matrix_share or ruled >= settings.min_ruled_pages)) or (
        share >= settings.min_matrix_share and ruled >= settings.min_ruled_pages
    ):
        return "nap"
    if _PLAN_NAME.search(front) and not symbol:  # the plan's name in its own title
        return "nap"
    return "other"
