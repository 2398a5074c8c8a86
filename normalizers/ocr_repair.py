"""Careful repair of OCR tokens: look-alike letters and common confusions, accepted only
when the repaired form is known (a gazetteer code, name or alias; the next label of a numbering
sequence). Free text is never rewritten. Pure functions, standard library only.

- :func:`ocr_variants`: the readings an OCR-damaged actor may stand for (``IVIOJ`` → ``MOJ``,
  Cyrillic ``МОЈ`` → ``MOJ``, ``Ministry of Defence`` misread with ``rn``); actor matching
  accepts a variant only when it names a gazetteer entry.
- :func:`repair_numbering`: the numbering label a misread one (``l.2.``) continues.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable

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
# OCR confusions undone in an acronym (``IVIOJ``, ``K0ICA``) and in a name (``Ministry of Defence``
# read with ``0`` for ``o``, ``rn`` for ``m``); every combination of the rules that apply is tried
_ACRONYM_CONFUSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[Il1|]V[Il1|]|[Il1|]\\/[Il1|]|/\\/\\"), "M"),
    (re.compile(r"0"), "O"),
    (re.compile(r"[1l|!]"), "I"),
    (re.compile(r"VV"), "W"),
    (re.compile(r"5"), "S"),
    (re.compile(r"8"), "B"),
    (re.compile(r"[}\]]"), "J"),
)
_NAME_CONFUSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z])0|0(?=[a-z])"), "o"),
    (re.compile(r"rn"), "m"),
    (re.compile(r"(?<=[a-z])1(?=[a-z])"), "l"),
)


def ocr_variants(text: str, is_acronym: Callable[[str], bool]) -> list[str]:
    """Candidate repairs of ``text`` (never the text itself), in the order to try them: the text
    with look-alike letters made Latin, then every combination of the confusion rules that apply
    (acronym rules when ``is_acronym`` says the Latin text is one, else name rules). Callers
    accept a variant only when it is known."""
    base = text.translate(HOMOGLYPHS)
    rules = _ACRONYM_CONFUSIONS if is_acronym(base) else _NAME_CONFUSIONS
    applicable = [rule for rule in rules if rule[0].search(base)]
    variants: list[str] = [base] if base != text else []
    for n in range(1, len(applicable) + 1):
        for combo in itertools.combinations(applicable, n):
            v = base
            for pattern, repl in combo:
                v = pattern.sub(repl, v)
            if v != text and v not in variants:
                variants.append(v)
    return variants


# numbering labels: single characters OCR confuses, and letter groups read for one letter; both
# sides of a comparison are folded the same way, so the direction of a confusion does not matter
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


def _label_key(token: str) -> str:
    """What a numbering label reads as once every OCR confusion is folded away."""
    s = _latin(token).strip().translate(_LABEL_FOLD)
    for group, letter in _LOWER_GROUPS:
        s = s.replace(group, letter)
    s = s.translate(_FOLD)
    for group, letter in _FOLDED_GROUPS:
        s = s.replace(group, letter)
    return s


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
    folded = _label_key(token)
    matches = {c for c in expected if _label_key(c) == folded}
    return next(iter(matches)) if len(matches) == 1 else None
