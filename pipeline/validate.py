"""`nap validate`: schemas, keys, references and vocabularies of a dataset directory."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from normalizers.actors import ACTOR_TYPES, SECTORS
from normalizers.doctype import DOC_TYPES
from normalizers.roles import ROLES
from pipeline.references import load_vocabulary
from pipeline.schema import SCHEMAS

KEYS = {
    "documents": ("doc_id",),
    "objectives": ("doc_id", "objective_id"),
    "actions": ("doc_id", "action_id"),
    "actors": ("doc_id", "action_id", "role", "actor_raw", "actor_code"),
    "tables": ("doc_id", "table_id", "row", "col"),
    "paragraphs": ("doc_id", "paragraph_id"),
    "sections": ("doc_id", "section_id"),
    "footnotes": ("doc_id", "footnote_id"),
    "mentions": ("doc_id", "paragraph_id", "start", "actor_code"),
    "actor_directory": ("actor_code",),
}
# (table, columns) → (table, key columns) that must contain the value (null allowed)
REFERENCES = [
    ("objectives", ("doc_id", "parent_id"), "objectives", ("doc_id", "objective_id")),
    ("actions", ("doc_id", "objective_id"), "objectives", ("doc_id", "objective_id")),
    ("actors", ("doc_id", "action_id"), "actions", ("doc_id", "action_id")),
    ("paragraphs", ("doc_id", "section_id"), "sections", ("doc_id", "section_id")),
    ("sections", ("doc_id", "parent_id"), "sections", ("doc_id", "section_id")),
    ("footnotes", ("doc_id", "paragraph_id"), "paragraphs", ("doc_id", "paragraph_id")),
    ("footnote_refs", ("doc_id", "paragraph_id"), "paragraphs", ("doc_id", "paragraph_id")),
    ("footnote_refs", ("doc_id", "footnote_id"), "footnotes", ("doc_id", "footnote_id")),
    ("mentions", ("doc_id", "paragraph_id"), "paragraphs", ("doc_id", "paragraph_id")),
    ("actors", ("actor_code",), "actor_directory", ("actor_code",)),
] + [(t, ("doc_id",), "documents", ("doc_id",)) for t in
     ("objectives", "actions", "actors", "tables", "paragraphs", "sections", "footnotes", "footnote_refs", "mentions")]
VOCABULARIES = {  # each from where the vocabulary is declared
    ("documents", "status"): {"ok", "partial", "error"},
    ("documents", "doc_type"): {*DOC_TYPES, None},
    ("objectives", "pillar"): {*load_vocabulary("pillars").labels, "other", None},
    ("actors", "role"): set(ROLES.actor_table_roles),
    ("actors", "actor_type"): set(ACTOR_TYPES),
    ("actors", "sector"): {*SECTORS, None},
}


def validate_dir(out_dir: Path) -> tuple[list[str], dict[str, int]]:
    """Violations (empty when the dataset is valid) and facts worth printing."""
    problems: list[str] = []
    data: dict[str, dict[str, list]] = {}
    for name, schema in SCHEMAS.items():
        path = out_dir / f"{name}.parquet"
        if not path.exists():
            problems.append(f"{name}: file missing ({path})")
            continue
        table = pq.read_table(path)
        if not table.schema.equals(schema, check_metadata=False):
            problems.append(f"{name}: schema differs from the contract: {table.schema} vs {schema}")
            continue
        data[name] = table.to_pydict()
        for f in schema:
            if not f.nullable and table.column(f.name).null_count:
                problems.append(f"{name}.{f.name}: {table.column(f.name).null_count} nulls in a non-null column")
    for name, cols in KEYS.items():
        if name not in data:
            continue
        keys = list(zip(*(data[name][c] for c in cols)))
        dup = [k for k, n in Counter(keys).items() if n > 1]
        if dup:
            problems.append(f"{name}: {len(dup)} duplicate keys {cols}, e.g. {dup[0]}")
    for src, cols, dst, key_cols in REFERENCES:
        if src not in data or dst not in data:
            continue
        known = set(zip(*(data[dst][c] for c in key_cols)))
        for value in zip(*(data[src][c] for c in cols)):
            if value[-1] is not None and value not in known:
                problems.append(f"{src}.{cols[-1]} = {value[-1]!r} (doc {value[0]!r}) has no row in {dst}")
                break
    for (name, column), allowed in VOCABULARIES.items():
        if name in data:
            bad = sorted({v for v in data[name][column] if v not in allowed}, key=str)
            if bad:
                problems.append(f"{name}.{column}: values outside the vocabulary: {bad[:5]}")
    facts = {name: len(next(iter(cols.values()), [])) for name, cols in data.items()}
    if "actors" in data:
        facts["unknown_actors"] = sum(1 for c in data["actors"]["actor_code"] if c is None)
    return problems, facts
