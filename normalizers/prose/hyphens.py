"""Lines of tokens → clean text: hyphenation repaired, footnote markers kept as offsets.

**Text** (step 6 of the prose pipeline): lines are joined with hyphenation repaired against the
document's own vocabulary (``document_vocabulary``: "imple-|mentation" → "implementation",
"gender-|based" stays hyphenated, ``join_hyphenated``), and the positions of the footnote
markers are kept for the footnote references (``join_token_lines``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from normalizers.prose.model import Line, Ref, Token
from normalizers.text import normalize_unicode

_HYPHENS = "-\u2010\u2011\u00ad"
_WORD = re.compile(r"[^\W\d_](?:[\w'’]*[^\W_])?(?:[-\u2010\u2011][^\W\d_][\w'’]*)*")
_COMPOUND_PREFIXES = {
    "non", "co", "self", "post", "pre", "inter", "intra", "multi", "anti", "cross", "well", "high", "low",
    "long", "short", "full", "part", "sub", "ex", "mid", "semi", "quasi", "pan", "counter", "cost", "follow",
    "decision", "gender", "peace", "policy", "results", "country", "community", "evidence", "human", "conflict",
    "age", "sex", "rights", "time", "large", "small", "mine", "cease", "state", "child", "women",
}

# second elements that make compounds ("demand-driven", "community-based"), not word endings
_COMPOUND_HEADS = {
    "based", "driven", "led", "related", "owned", "sensitive", "specific", "level", "making", "building",
    "keeping", "term", "wide", "scale", "up", "off", "out", "free", "friendly", "oriented", "focused",
    "centred", "centered", "responsive", "affected", "prone", "bound", "like", "being", "going", "standing",
    "ranking", "intensive", "efficient", "effective", "year", "party", "border", "sector", "time", "aged",
    "funded", "run", "disaggregated", "transformative", "appropriate", "conflict", "agency",
}


def document_vocabulary(lines: Sequence[Line]) -> Counter[str]:
    """Word forms of the document (case-folded), leaving out the halves of words broken at a
    line end, so they can tell a broken word from a hyphenated compound."""
    vocab: Counter[str] = Counter()
    broken_next = False
    for line in lines:
        words = [t.text for t in line.words]
        for j, w in enumerate(words):
            if j == 0 and broken_next:
                continue
            if j == len(words) - 1 and w[-1:] in _HYPHENS:
                continue
            for m in _WORD.finditer(normalize_unicode(w)):
                vocab[m.group(0).lower()] += 1
        broken_next = bool(words) and words[-1][-1:] in _HYPHENS and len(words[-1]) > 1
    return vocab


def join_hyphenated(left: str, right: str, vocab: Counter[str]) -> str:
    """'imple-' + 'mentation' → 'implementation'; 'gender-' + 'based' → 'gender-based'.

    The document decides: the form it uses elsewhere wins; a capital or a digit after the break
    keeps the hyphen (Secretary-General, 2005-2007), and so does a whole word of the document
    after it (demand-|driven); else it goes.
    """
    stem = left.rstrip(_HYPHENS)
    m_l = re.search(r"[^\W_][\w'’]*$", stem)
    m_r = re.match(r"[\w'’]+", right)
    if not m_l or not m_r:
        return stem + "-" + right
    a, b = m_l.group(0), m_r.group(0)
    joined, hyphened = (a + b).lower(), f"{a}-{b}".lower()
    n_joined, n_hyph = vocab.get(joined, 0), vocab.get(hyphened, 0)
    if left.endswith("\u00ad"):
        return stem + right
    if n_hyph > n_joined:
        return stem + "-" + right
    if n_joined > 0:
        return stem + right
    if b[0].isupper() or b[0].isdigit() or a[-1].isdigit() or "-" in stem.rstrip(_HYPHENS)[-len(a) - 1 :]:
        return stem + "-" + right  # Secretary-General, 2005-2007, cash-for-work
    if a.lower() in _COMPOUND_PREFIXES or b.lower() in _COMPOUND_HEADS or (len(b) >= 3 and vocab.get(b.lower(), 0)):
        return stem + "-" + right
    return stem + right


def join_token_lines(
    token_lines: Sequence[Sequence[Token]], vocab: Counter[str], page: int, pages: Sequence[int] | None = None
) -> tuple[str, list[Ref]]:
    """Lines of tokens → one clean string (Unicode normalised, hyphenation repaired) and the
    markers found in it, at their character offsets."""
    pieces: list[str] = []
    refs: list[tuple[int, str, int]] = []  # (index into pieces, marker, page)
    for li, toks in enumerate(token_lines):
        line_page = pages[li] if pages else page
        prev: Token | None = None
        for t in toks:
            if t.marker is not None:
                for part in re.split(r",\s*", t.marker):  # "a,b" points at two notes
                    if part:
                        refs.append((len(pieces), part, line_page))
                prev = t
                continue
            text = normalize_unicode(t.text) if t.text != "\u00ad" else t.text
            if not text:
                continue
            if not pieces:
                pieces.append(text)
            elif prev is None:  # first token of a line after the first
                last = pieces[-1]
                if last[-1:] in _HYPHENS and len(last) > 1 and text[:1].isalnum():
                    pieces[-1] = join_hyphenated(last, text, vocab)
                else:
                    pieces.append(" " + text)
            else:
                pieces.append((" " if t.x0 - prev.x1 > 1.0 else "") + text)
            prev = t
    # offsets: markers sit after the piece they follow
    out, offsets, pos = [], [], 0
    ref_iter = iter(sorted(refs, key=lambda r: r[0]))
    pending = next(ref_iter, None)
    for i, p in enumerate(pieces):
        while pending is not None and pending[0] <= i:
            offsets.append(Ref(pos, pending[1], pending[2]))
            pending = next(ref_iter, None)
        out.append(p)
        pos += len(p)
    while pending is not None:
        offsets.append(Ref(pos, pending[1], pending[2]))
        pending = next(ref_iter, None)
    text = re.sub(r"[ \t\u00a0]+", " ", "".join(out))
    stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    return stripped, [Ref(max(0, min(len(stripped), r.offset - shift)), r.marker, r.page) for r in offsets]
