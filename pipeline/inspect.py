"""`nap inspect FILE.pdf`: what the pipeline saw on each page, as plain text."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from pipeline.extract import extract_document
from pipeline.normalize import References, normalize_document
from pipeline.settings import PipelineSettings


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def inspect_file(path: Path, refs: References, settings: PipelineSettings, out: TextIO, max_rows: int = 12) -> int:
    doc = extract_document(path, path.parent, settings)
    print(f"{doc.source_path}: doc_id {doc.doc_id}, {doc.n_pages} pages, status {doc.status}"
          + (f" ({doc.error})" if doc.error else ""), file=out)
    if doc.status == "error":
        return 1
    result = normalize_document(doc, refs, settings).rows
    meta = result["documents"][0]
    print(f"type {meta.doc_type}, language {meta.language}, country {meta.country}, layout {meta.layout}, "
          f"period {meta.period_start}-{meta.period_end}, title: {_short(meta.title or '', 90)}", file=out)
    objectives = {o.objective_id: o for o in result.get("objectives", [])}
    actors_of: dict[str, list[str]] = {}
    for a in result.get("actors", []):
        actors_of.setdefault(a.action_id, []).append(f"{a.actor_code or a.actor_raw}({a.role[0]})")
    for lay in doc.layouts:
        p = lay.page_no
        tables = [t for t in doc.tables if t.page_no == p]
        print(f"\n--- page {p}: {lay.width:.0f}x{lay.height:.0f} pt, rotation {lay.rotation}, "
              f"{'OCR, ' if lay.ocr else ''}{len(lay.words)} words, {len(lay.rulings)} rulings, {len(tables)} tables", file=out)
        for t in tables:
            spans = sum(1 for c in t.cells if c.rowspan > 1 or c.colspan > 1)
            print(f"  table {t.index + 1}: {t.n_rows}x{t.n_cols} grid, {len(t.cells)} cells, {spans} merged, "
                  f"{t.extractor}, score {t.score:.2f}, bbox ({t.x0:.0f},{t.top:.0f},{t.x1:.0f},{t.bottom:.0f})", file=out)
        for o in (o for o in result.get("objectives", []) if o.page == p):
            print(f"  {'  ' * o.level}[{o.kind}] {o.number or ''} {_short(o.text)}"
                  + (f"  <{o.pillar}>" if o.kind == "pillar" else ""), file=out)
        page_actions = [a for a in result.get("actions", []) if a.page == p]
        for a in page_actions[:max_rows]:
            parent = objectives.get(a.objective_id or "")
            print(f"    action {a.number or '-'} {_short(a.text, 60)} → {' '.join(actors_of.get(a.action_id, [])) or '(no actor)'}"
                  f"{'  under ' + (parent.number or parent.kind) if parent else ''}", file=out)
        if len(page_actions) > max_rows:
            print(f"    … {len(page_actions) - max_rows} more actions", file=out)
        for para in (x for x in result.get("paragraphs", []) if x.page == p):
            print(f"  ¶ {para.number or '-'} {_short(para.text)}", file=out)
        for fn in (x for x in result.get("footnotes", []) if x.page == p):
            ents = f"  entities: {', '.join(fn.entities)}" if fn.entities else ""
            print(f"  footnote {fn.number}: {_short(fn.text, 60)}{ents}", file=out)
    return 0
