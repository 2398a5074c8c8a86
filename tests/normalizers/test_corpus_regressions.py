"""Real plans of the shared corpus that crashed a normalizer: each runs through extraction and
normalization with no stage failing and every output string encodable (skipped when the shared
corpus is not beside the repository).

- ``moz-afdb-rivacrep-par.pdf``: ``TypeError: ord() expected a character`` in ``parse_numbering``
  (page 18 "soil salinization" read as the keyword "so" + the label "il"; see
  ``tests/normalizers/test_numbering.py``).
- ``us-norfolk-cap-2019.pdf``: ``UnicodeEncodeError: surrogates not allowed`` in spaCy's
  tokenizer (math italic 𝐶𝑂 on page 82 as UTF-16 surrogates; see
  ``tests/extractors/test_text_cleaning.py``).
"""

from __future__ import annotations

import pytest

from pipeline.extract import extract_document
from pipeline.normalize import normalize_document
from pipeline.run import load_references
from pipeline.settings import PipelineSettings
from tests.conftest import CORPUS, need, record_strings

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name, table, at_least, page, words", [
    ("plans/moz-afdb-rivacrep-par.pdf", "paragraphs", 50, 18, "soil salinization"),  # the line that crashed
    ("plans/us-norfolk-cap-2019.pdf", "tables", 500, 82, "𝐶𝑂"),  # math italic drawn as surrogate pairs
])
def test_regression_real_plan_normalizes_without_a_failing_stage(name: str, table: str, at_least: int, page: int,
                                                                 words: str) -> None:
    path = need(CORPUS / name)
    settings = PipelineSettings(ocr=False)
    doc = extract_document(path, path.parent, settings)
    assert doc.status == "ok", doc.error
    out = normalize_document(doc, load_references(), settings)
    assert [(e.stage, e.message) for e in getattr(out, "errors", [])] == []
    assert out.rows["documents"][0].status == "ok"
    assert len(out.rows[table]) >= at_least
    (layout,) = [lay for lay in doc.layouts if lay.page_no == page]
    assert words in " ".join(w.text for w in layout.words)  # read from the page image
    for rows in out.rows.values():
        for text in record_strings(rows):
            text.encode("utf-8")
