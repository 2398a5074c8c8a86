"""UN reports and prose documents → paragraphs, sections, footnotes, recommendations, mentions.

A chain of pure steps over :class:`PageLayout` pages (no file I/O; the header and pillar
vocabularies and the gazetteer are passed in), one module per step:

1. **Furniture out** (:mod:`normalizers.furniture`): running headers, footers, symbols, job
   numbers, page numbers and the masthead leave the flow; the symbol and date are kept.
2. **Lines** (:mod:`.lines`): words on one baseline, columns read left then right; a small raised
   number on a line is a footnote *marker* (Unicode ``¹²³`` too) and leaves the text.
3. **Footnote areas** (:mod:`.footnotes`): smaller text at the page bottom, under a short rule or
   opening with a marker, is cut from the body and parsed into footnotes, continued across
   pages when a note runs over.
4. **Line roles** (:mod:`.blocks`): heading, numbered paragraph, sub-item, table of contents,
   small print (tables, notes), or plain text.
5. **Blocks** (:mod:`.blocks`): paragraphs rejoined across lines, page and column breaks, items
   kept with the paragraph that leads into them.
6. **Text** (:mod:`.hyphens`, :mod:`.paragraphs`): lines joined with hyphenation repaired against
   the document's own vocabulary, marker positions kept for the footnote references.
7. **Records**: sections as a tree (:mod:`.sections`), paragraphs and gazetteer mentions
   (:mod:`.paragraphs`), footnotes with the organisations they list and the counts the text
   claims for them, footnote references (:mod:`.footnotes`), recommendations as actions with the
   actor taken from the grammatical subject (:mod:`.recommendations`), thematic areas, pillars
   and a prose plan's objectives, actions and actors (:mod:`.plans`).


Settings and the intermediate records are in :mod:`.model`; the entry point is
:func:`build_report` (:mod:`.report`), which runs the steps in that order.
"""

from normalizers.prose.model import EXTRACTOR, ReportSettings
from normalizers.prose.report import ReportResult, build_report

__all__ = ["EXTRACTOR", "ReportResult", "ReportSettings", "build_report"]
