"""normalizers/prose/hyphens.py: lines joined into text, hyphenation decided by the document,
footnote markers kept at their offsets."""

from __future__ import annotations

from normalizers.prose.hyphens import document_vocabulary, join_hyphenated, join_token_lines
from normalizers.prose.model import Ref, Token
from tests.normalizers.prose.handmade import line


def test_hyphenation_decided_by_the_document():
    vocab = {"implementation": 3, "gender-based": 2, "specific": 1}
    assert join_hyphenated("implemen-", "tation", vocab) == "implementation"
    assert join_hyphenated("gender-", "based", vocab) == "gender-based"
    assert join_hyphenated("Secretary-", "General", vocab) == "Secretary-General"
    assert join_hyphenated("2005-", "2007", vocab) == "2005-2007"
    assert join_hyphenated("country-", "specific", vocab) == "country-specific"
    assert join_hyphenated("organiza-", "tional", vocab) == "organizational"


def test_hyphenated_form_of_the_document_wins():
    assert join_hyphenated("peace-", "keeping", {"peace-keeping": 2, "peacekeeping": 1}) == "peace-keeping"
    assert join_hyphenated("peace-", "keeping", {"peace-keeping": 1, "peacekeeping": 2}) == "peacekeeping"


def test_a_soft_hyphen_always_goes():
    assert join_hyphenated("gender\u00ad", "based", {"gender-based": 5}) == "genderbased"


def test_document_vocabulary_leaves_out_the_halves_of_broken_words():
    vocab = document_vocabulary([line("The imple-", 60, 100), line("mentation of gender-based plans", 60, 112)])
    assert vocab["the"] == 1 and vocab["gender-based"] == 1 and vocab["plans"] == 1
    assert "imple" not in vocab and "mentation" not in vocab


def _tok(text: str, x0: float, marker: str | None = None) -> Token:
    return Token(text, x0, 0, x0 + 5 * max(1, len(text)), 10, 10, False, marker=marker)


def test_join_token_lines_repairs_the_break_and_keeps_marker_offsets():
    first = [_tok("Thirteen", 0), _tok("entities", 43), _tok("", 84, marker="4"), _tok("imple-", 92)]
    second = [_tok("mentation.", 0), _tok("", 52, marker="5,6")]
    text, refs = join_token_lines([first, second], {"implementation": 2}, page=3)
    assert text == "Thirteen entities implementation."
    assert refs == [Ref(17, "4", 3), Ref(33, "5", 3), Ref(33, "6", 3)]
    assert text[: refs[0].offset].endswith("entities")


def test_join_token_lines_gives_each_line_its_page():
    text, refs = join_token_lines([[_tok("end", 0)], [_tok("next", 0), _tok("", 30, marker="2")]], {}, page=1, pages=[1, 2])
    assert text == "end next" and refs == [Ref(8, "2", 2)]
