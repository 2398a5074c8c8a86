"""Text clean-up shared by every normalizer (Unicode, ligatures, bullets, hyphenation, spaces) and
the one fold that matching uses (:func:`fold`)."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'}
_SOFT = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)
BULLETS = "•●○◦▪▫■□►▶➢➤✓✔◆◇‣⁃∙·-–—*+"  # "+": how OCR most often reads a round bullet
_BULLET_RE = re.compile(r"^\s*[" + re.escape(BULLETS) + r"]\s+")
# a word broken at a line end: "imple-\nmentation" (but keep "Inter-Agency", "2005-2007")
_HYPHEN_BREAK = re.compile(r"(\w)[-\u2010\u2011]\n(?=[a-zà-ÿ])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ`´]s\b")
_NON_WORD = re.compile(r"[\W_]+")
_NON_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_SPELLED_OUT = str.maketrans({"œ": "oe", "Œ": "OE", "ß": "ss"})


def normalize_unicode(text: str) -> str:
    """NFKC, ligatures expanded, soft hyphens and zero-width characters dropped, quotes plain."""
    for lig, repl in _LIGATURES.items():
        text = text.replace(lig, repl)
    text = unicodedata.normalize("NFKC", text).translate(_SOFT)
    return "".join(_QUOTES.get(ch, ch) for ch in text)


def strip_bullet(line: str) -> tuple[str, bool]:
    """Remove a leading bullet glyph; say whether there was one."""
    m = _BULLET_RE.match(line)
    return (line[m.end():], True) if m else (line, False)


def join_lines(text: str) -> str:
    """Lines of one paragraph or cell joined into one line, hyphenated breaks repaired."""
    text = _HYPHEN_BREAK.sub(r"\1", text)
    return _SPACES.sub(" ", " ".join(part.strip() for part in text.split("\n"))).strip()


def clean_text(text: str) -> str:
    """The full clean-up for a value that goes into a dataset column."""
    return join_lines(normalize_unicode(text))


def _without_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str, *, phrase: bool = False) -> str:
    """Accent-, case- and punctuation-insensitive form of ``text``, for matching.

    Names (the default; actor names, codes and aliases): ``MIN. Intérieur`` → ``min interieur``.
    Compatibility forms unified (NFKC), a possessive ``'s`` glued on (``Women's`` → ``womens``),
    accents dropped, case folded, every run of other than letters and digits a space; letters
    of every script are kept.

    ``phrase=True`` (vocabulary phrases: column headers, pillars, document types): ASCII letters
    and digits only (``œ`` → ``oe``, ``ß`` → ``ss``, anything else a space) and a plural ``s``
    dropped from each word of four letters or more, so one phrase covers ``Indicator``,
    ``INDICATORS`` and ``indicateurs``.
    """
    if phrase:
        words = _NON_ASCII_WORD.sub(" ", _without_accents(text.translate(_SPELLED_OUT)).lower()).split()
        return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)
    t = _POSSESSIVE.sub("s", unicodedata.normalize("NFKC", text))
    t = unicodedata.normalize("NFC", _without_accents(t)).casefold()
    return " ".join(_NON_WORD.sub(" ", t).split())
