"""Careful repair of OCR tokens: look-alike letters and common confusions, accepted only
when the repaired form is a known candidate (a gazetteer code) or continues a numbering
sequence. Free text is never rewritten. Pure functions, standard library only; used by the OCR
extractor and by actor matching.
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic and Greek letters drawn like Latin ones (OCR with several scripts picks them up)
HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "Ј": "J", "І": "I", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y", "Ӏ": "I",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ј": "j", "і": "i", "ѕ": "s",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ԁ": "d",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
})
# single characters OCR confuses, and letter groups read for one letter; both sides of a
# comparison are folded the same way, so the direction of a confusion does not matter
_LOWER_GROUPS = (("rn", "m"), ("cl", "d"))
_FOLD = str.maketrans({
    "0": "O", "o": "O", "Q": "O", "1": "I", "l": "I", "|": "I", "!": "I",
    "5": "S", "s": "S", "8": "B", "2": "Z", "z": "Z", "c": "C", "v": "V", "w": "W", "x": "X",
    "}": "J", ")": "J", "]": "J",
})
_FOLDED_GROUPS = (("IVI", "M"), ("VV", "W"))  # after folding: IVI, lVl, |V|, 1V1; VV, vv
# numbering labels: closers and separators misread as well
_LABEL_FOLD = str.maketrans({"J": ")", "]": ")", "}": ")", ",": ".", "·": ".", "{": "(", "[": "("})


def _latin(token: str) -> str:
    """Compatibility forms (fullwidth, ligatures) and Cyrillic/Greek look-alikes as Latin."""
    return unicodedata.normalize("NFKC", token).translate(HOMOGLYPHS)


def _fold(token: str, label: bool = False) -> str:
    s = _latin(token).strip()
    if label:
        s = s.translate(_LABEL_FOLD)
    for group, letter in _LOWER_GROUPS:
        s = s.replace(group, letter)
    s = s.translate(_FOLD)
    for group, letter in _FOLDED_GROUPS:
        s = s.replace(group, letter)
    return s


def repair_ocr_token(token: str, candidates: set[str] | frozenset[str]) -> str | None:
    """The candidate ``token`` is a misreading of, or None.

    ``token`` itself when it is a candidate; else the one candidate it equals after undoing
    look-alike letters (Cyrillic/Greek ``МОЈ`` → ``MOJ``) and OCR confusions (``IVI``/``M``,
    ``rn``/``m``, ``0``/``O``, ``1``/``l``/``I``, ``5``/``S`` …). None when no candidate, or
    more than one, matches: the token is then free text and is left as it is.
    """
    if token in candidates:
        return token
    plain = _latin(token).strip()
    if plain in candidates:
        return plain
    folded = _fold(token)
    matches = {c for c in candidates if _fold(c) == folded}
    return next(iter(matches)) if len(matches) == 1 else None


_LABEL = re.compile(r"^(?P<open>\(?)(?P<body>[0-9]+(?:\.[0-9]+)*|[a-zA-Z]|[ivxlcIVXLC]+)(?P<close>\.\)|[.)]?)$")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
           "xvi", "xvii", "xviii", "xix", "xx")


def next_labels(previous: str | None) -> frozenset[str]:
    """Labels that may follow ``previous`` in a numbering sequence, in its style.

    ``1.2.`` → ``1.3.``, ``1.2.1.``, ``2.``, ``2.1.``; ``b)`` → ``c)``; ``iv.`` → ``v.``;
    with no previous label, the first label of any common style.
    """
    if previous is None:
        firsts = ("1", "1.1", "a", "A", "i", "I")
        return frozenset(f"{o}{f}{c}" for f in firsts for o, c in (("", "."), ("", ")"), ("(", ")"), ("", ""), ("", ".)")))
    m = _LABEL.match(previous.strip())
    if not m:
        return frozenset()
    o, body, c = m.group("open"), m.group("body"), m.group("close")
    out: set[str] = set()
    if body[0].isdigit():
        parts = [int(p) for p in body.split(".")]
        for k in range(len(parts)):
            nxt = parts[:k] + [parts[k] + 1]
            out.add(o + ".".join(map(str, nxt)) + c)
            out.add(o + ".".join(map(str, nxt + [1])) + c)
        out.add(o + ".".join(map(str, parts + [1])) + c)
    else:
        low = body.lower()
        if low in _ROMANS and _ROMANS.index(low) + 1 < len(_ROMANS) and (len(body) > 1 or body in "IVXivx"):
            roman = _ROMANS[_ROMANS.index(low) + 1]
            out.add(o + (roman.upper() if body.isupper() else roman) + c)
        if len(body) == 1 and body.lower() != "z":
            out.add(o + chr(ord(body) + 1) + c)
    return frozenset(out)


def repair_numbering(token: str, previous: str | None) -> str | None:
    """The numbering label ``token`` was misread from, when one reading continues ``previous``.

    ``l.2.`` after ``1.1.`` → ``1.2.``; ``2J`` after ``1)`` → ``2)``. A label that already
    continues the sequence comes back as it is; anything else (a label out of sequence, free
    text) gives None.
    """
    expected = next_labels(previous)
    if token in expected:
        return token
    folded = _fold(token, label=True)
    matches = {c for c in expected if _fold(c, label=True) == folded}
    return next(iter(matches)) if len(matches) == 1 else None
