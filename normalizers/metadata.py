"""Document metadata from the first pages' text: title, country, period, NAP number.

Country names come from pycountry (ISO 3166 with its translations into Spanish, French,
Portuguese, German, Italian and Dutch) rather than a hand-kept list: ``pipeline/references.py``
reads them once and hands them in (:func:`country_names`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pycountry

from extractors.model import PageLayout
from normalizers.structure import page_lines
from normalizers.text import clean_text
from normalizers.vocabulary import fold

_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:-|–|—|to|a|à|al|au|até|bis|tot(?:\s+en\s+met)?|t/m|/)\s*((?:19|20)\d\d|\d\d)\b"
)
# folded (no accents, lower case, a final plural "s" dropped: "zweites" is "zweite")
_ORDINALS = {
    1: ("first", "1st", "primer", "primero", "premier", "primeiro", "initial",
        "erster", "erste", "ersten", "primo", "eerste"),
    2: ("second", "2nd", "segundo", "deuxieme", "seconde", "second",
        "zweiter", "zweite", "zweiten", "secondo", "tweede"),
    3: ("third", "3rd", "tercer", "tercero", "troisieme", "terceiro",
        "dritter", "dritte", "dritten", "terzo", "derde"),
    4: ("fourth", "4th", "cuarto", "quatrieme", "quarto",
        "vierter", "vierte", "vierten", "vierde"),
    5: ("fifth", "5th", "quinto", "cinquieme",
        "funfter", "funfte", "funften", "vijfde"),
    6: ("sixth", "6th", "sexto", "sixieme",
        "sechster", "sechste", "sechsten", "sesto", "zesde"),
}
# up to two words between an ordinal and the plan's name ("Zweiter Nationaler Aktionsplan"), none of
# them an article or "of": "segundo o plano", "secondo il piano" mean "according to the plan", and
# "im zweiten Jahr des Aktionsplans" is a year, not the plan's number
_BETWEEN = (
    r"(?:\s+(?!(?:the|of|o|a|os|as|el|la|los|las|il|lo|gli|le|i|l|de|des|du|do|da|del|della|di|het|van|"
    r"der|die|das|dem|den)\b)\w+){0,2}"
)
# a plan's own name, folded; "1325" may follow it ("Nationaal Actieplan 1325-IV")
_PLAN_WORDS = (
    r"(?:(?:national action plan|plan de accion nacional|plan nacional de accion|plan d action national|"
    r"plan national d action|nap|pan|plano nacional de ac?cao|plano de ac?cao nacional|aktionsplan|"
    r"piano d azione nazionale|piano di azione nazionale|piano nazionale d azione|piano nazionale di azione|"
    r"nationaa?le? actieplan)(?: 1325)?)"
)

# words that number a part of a document, not the plan ("Annex II National Action Plan")
_PARTS = frozenset(
    "annex annexe anexo allegato bijlage anhang appendix chapter chapitre capitulo capitolo kapitel hoofdstuk "
    "part partie parte teil deel section seccion secao sezione abschnitt table tabla tableau tabela tabelle "
    "tabella tabel volume".split()
)


@dataclass(frozen=True)
class DocumentMetadata:
    title: str | None
    country: str | None
    period_start: int | None
    period_end: int | None
    nap_number: int | None
    issuer: str | None


def _inverted(name: str) -> str:
    """'Korea, Republic of' → 'Republic of Korea'."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def country_issuer(country: str) -> str | None:
    """The country's common English name as an issuer (``Republic of Korea``); None for codes
    outside ISO 3166 (user-assigned codes such as ``XSA``)."""
    found = pycountry.countries.get(alpha_3=country)
    return _inverted(found.name) if found is not None else None


# translated country names that are ordinary words of another language (German "Island" is
# Iceland); folded
_COMMON_WORDS = frozenset({"island", "indien", "polen"})  # Iceland, India, Poland vs island, indien (fr), polen (es)


#: (folded name, alpha-3) pairs, longest names first: how :func:`find_country` knows countries
CountryNames = tuple[tuple[str, str], ...]


def country_names(countries: Iterable[Any], translations: Sequence[Callable[[str], str]]) -> CountryNames:
    """(folded name, alpha-3), longest names first, from ISO 3166 entries (``name``,
    ``common_name``, ``official_name``, ``alpha_3``) and translators of their English names
    into other languages (``pipeline/references.py`` reads pycountry's)."""
    pairs: set[tuple[str, str]] = set()
    for c in countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        for translate in translations:
            names |= {translate(n) for n in list(names)}
        for n in list(names):
            names.add(_inverted(n))
        for n in names:
            key = fold(n)
            if len(key) >= 4 and key not in _COMMON_WORDS:
                pairs.add((key, c.alpha_3))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


# ISO 3166 entries that are territories, not states: no plan is theirs, and some names are words
# of the text ("réunion" is French for meeting, "jersey", "man")
_TERRITORIES = frozenset(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF GUM HKG "
    "HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PYF REU SGS SHN SJM SPM SXM TCA TKL UMI "
    "VGB VIR WLF".split()
)


def find_country(text: str, names: CountryNames) -> str | None:
    """The state named most often in ``text`` (longest names consumed first; territories are
    consumed but never returned)."""
    key = f" {fold(text)} "
    counts: dict[str, int] = {}
    first_at: dict[str, int] = {}
    for name, code in names:
        needle = f" {name} "
        pos = key.find(needle)
        while pos >= 0:
            counts[code] = counts.get(code, 0) + 1
            first_at.setdefault(code, pos)
            key = key[:pos] + " " + "#" * (len(needle) - 2) + " " + key[pos + len(needle):]
            pos = key.find(needle)
    states = sorted(c for c in counts if c not in _TERRITORIES)
    if not states:
        return None
    return max(states, key=lambda c: (counts[c], -first_at[c]))


def find_period(text: str) -> tuple[int | None, int | None]:
    m = _YEAR_RANGE.search(text)
    if not m:
        return None, None
    start, end = int(m.group(1)), m.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    return (start, end_year) if 0 <= end_year - start <= 20 else (None, None)


def find_nap_number(text: str) -> int | None:
    key = fold(text)
    for n, words in _ORDINALS.items():
        for w in words:
            if re.search(rf"\b{w}\b{_BETWEEN}\s+{_PLAN_WORDS}\b", key):
                return n
    m = re.search(rf"\b{_PLAN_WORDS}\s+(?:ii|iii|iv|2|3|4)\b", key)
    if m:
        token = m.group(0).split()[-1]
        return {"ii": 2, "iii": 3, "iv": 4}.get(token) or int(token)
    for m in re.finditer(rf"\b(ii|iii|iv)\s+{_PLAN_WORDS}\b", key):  # "III Plano Nacional", "IV Piano d'azione"
        before = key[: m.start()].split()[-1:]
        if not before or before[0] not in _PARTS:
            return {"ii": 2, "iii": 3, "iv": 4}[m.group(1)]
    return None


def title_from_layout(layout: PageLayout) -> str | None:
    """The largest text near the top of the first page (a title block)."""
    lines = [ln for ln in page_lines(layout, ()) if ln.text.strip()]
    if not lines:
        return None
    biggest = max(ln.size for ln in lines)
    title_lines = [ln for ln in lines if ln.size >= biggest - 0.5]
    first = title_lines[0]
    block = [first]
    for ln in lines[lines.index(first) + 1:]:
        if ln.size >= biggest - 0.5 and ln.bbox[1] - block[-1].bbox[3] < 1.5 * (first.bbox[3] - first.bbox[1]):
            block.append(ln)
        else:
            break
    title = clean_text("\n".join(ln.text for ln in block))
    return title[:300] or None


_PLACEHOLDER_TITLE = re.compile(r"^\(?(?:anonymous|untitled|sans titre|sin t[íi]tulo|title|document\d*|microsoft word)\)?$", re.I)


def _usable_pdf_title(title: str | None) -> str | None:
    """The PDF's Title entry unless it is a placeholder ("(anonymous)", "Untitled") or a file
    name ("Microsoft Word - NAP_final_v3.docx", "plan.pdf")."""
    if not title:
        return None
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title.strip())
    if _PLACEHOLDER_TITLE.match(title) or re.search(r"\.(?:docx?|pdf|odt|rtf|indd|pptx?)$", title, re.I):
        return None
    return title


def extract_metadata(layouts: Sequence[PageLayout], pdf_title: str | None, doc_type: str | None,
                     countries: CountryNames) -> DocumentMetadata:
    """Metadata from the first pages; the country (one of ``countries``) only for national documents."""
    head = [lay for lay in layouts[:3]]
    pdf_title = _usable_pdf_title(pdf_title)
    title = pdf_title if pdf_title and len(pdf_title) > 8 else (title_from_layout(head[0]) if head else None)
    text = "\n".join(" ".join(w.text for w in lay.words) for lay in head)
    title_text = title or ""
    start, end = find_period(title_text)
    if start is None:
        start, end = find_period(text[:3000])
    country = None
    if doc_type == "nap":  # a plan's country; reports and data tables name many
        country = find_country(title_text, countries) or find_country(text[:6000], countries)
    issuer = None
    if country:
        issuer = country_issuer(country)
    elif doc_type == "un_report":
        issuer = "United Nations"
    return DocumentMetadata(
        title=title, country=country, period_start=start, period_end=end,
        nap_number=find_nap_number(title_text) or find_nap_number(text[:3000]), issuer=issuer,
    )
