"""Per-document profiles: a small YAML file beside a PDF that overrides what detection got wrong.

For ``data/raw/plan.pdf`` the profile is ``data/raw/plan.profile.yaml``. Every key is optional;
without a profile everything is detected. Keys:

``country``
    ISO 3166-1 alpha-3 code of the plan's country (``MLI``); it picks the ministry set of the
    actor matcher. User-assigned codes (``XAA``–``XZZ``) serve countries outside ISO 3166,
    such as the fictional country of the sample plans.
``issuer``, ``title``, ``language`` (ISO 639-1), ``doc_type`` (``nap``, ``un_report``,
``recommendations``, ``other``), ``nap_number``, ``period_start``, ``period_end``
    Document metadata, replacing what was detected.
``ocr_languages``
    Tesseract languages for the scanned pages of this document (``por``, ``eng+fra``).
``headers``
    Column role → further header phrases (``action: [Mesures prioritaires]``), added to
    ``normalizers/reference/headers.yaml`` for this document.
``pillars``
    Pillar → further banner phrases, added to ``normalizers/reference/pillars.yaml``.
``actors``
    Further gazetteer entries for this document: file names of actor CSVs (same format as
    ``normalizers/reference/*.csv``, paths relative to the profile) and/or inline entries with
    the CSV's columns (``aliases`` as a list or ``|``-separated). The entries join the
    ``actor_directory`` table.

A profile that cannot be read or names an unknown key or a bad value makes that document an
error row (category ``profile``); the other documents go on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from normalizers.actors import Actor, actor_from_row, check_actors
from normalizers.doctype import DOC_TYPES
from pipeline.inputs import relative_name
from pipeline.references import load_vocabulary, read_actor_csv

PROFILE_SUFFIX = ".profile.yaml"


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Profile:
    path: str  # relative to the input directory
    sha256: str
    country: str | None = None
    issuer: str | None = None
    title: str | None = None
    language: str | None = None
    doc_type: str | None = None
    nap_number: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    ocr_languages: str | None = None
    headers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, phrases)
    pillars: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (pillar, phrases)
    actors: tuple[Actor, ...] = ()


_SCALARS = {"country", "issuer", "title", "language", "doc_type", "nap_number", "period_start", "period_end",
            "ocr_languages"}
KEYS: tuple[str, ...] = tuple(f.name for f in fields(Profile) if f.name not in ("path", "sha256"))


def profile_path(pdf: Path) -> Path:
    """Where the profile of ``pdf`` lives (whether or not it exists)."""
    return pdf.with_name(pdf.stem + PROFILE_SUFFIX)


def _phrases(value: Any, key: str, known: tuple[str, ...] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ProfileError(f"{key}: expected a mapping of label → list of phrases")
    out = []
    for label, phrases in value.items():
        if known is not None and label not in known:
            raise ProfileError(f"{key}: unknown label {label!r}; known: {', '.join(known)}")
        if isinstance(phrases, str):
            phrases = [phrases]
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise ProfileError(f"{key}.{label}: expected a list of phrases")
        out.append((str(label), tuple(p.strip() for p in phrases)))
    return tuple(out)


def _actors(value: Any, base: Path) -> tuple[Actor, ...]:
    items = value if isinstance(value, list) else [value]
    out: list[Actor] = []
    for item in items:
        if isinstance(item, str):
            csv_path = (base / item).resolve()
            if not csv_path.is_file():
                raise ProfileError(f"actors: file not found: {item}")
            try:
                out.extend(read_actor_csv(csv_path))
            except (ValueError, KeyError) as exc:
                raise ProfileError(f"actors: {item}: {exc}") from None
        elif isinstance(item, Mapping):
            try:
                out.append(actor_from_row({k: v for k, v in item.items()}))
            except (ValueError, KeyError, TypeError) as exc:
                raise ProfileError(f"actors: inline entry {item.get('code')!r}: {exc}") from None
        else:
            raise ProfileError("actors: expected CSV file names or entries with the CSV's columns")
    try:
        check_actors(out)  # the entries must be valid together (no code twice)
    except ValueError as exc:
        raise ProfileError(f"actors: {exc}") from None
    return tuple(out)


def parse_profile(text: str, *, path: str, base: Path) -> Profile:
    """A profile from YAML text; ``base`` resolves the actor CSV file names."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProfileError(f"not valid YAML: {' '.join(str(exc).split())[:160]}") from None
    data = data or {}
    if not isinstance(data, Mapping):
        raise ProfileError("expected a mapping of keys to values")
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise ProfileError(f"unknown keys {unknown}; known: {', '.join(KEYS)}")
    values: dict[str, Any] = {}
    for key in sorted(_SCALARS & set(data)):
        value = data[key]
        if value is None:
            continue
        want_int = key in ("nap_number", "period_start", "period_end")
        if want_int and not (isinstance(value, int) and not isinstance(value, bool)):
            raise ProfileError(f"{key}: expected a whole number, got {value!r}")
        values[key] = value if want_int else str(value).strip()
    country = values.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        raise ProfileError(f"country: expected an ISO 3166-1 alpha-3 code such as MLI, got {country!r}")
    if values.get("doc_type") is not None and values["doc_type"] not in DOC_TYPES:
        raise ProfileError(f"doc_type: expected one of {', '.join(DOC_TYPES)}, got {values['doc_type']!r}")
    if values.get("language") is not None and not re.fullmatch(r"[a-z]{2}", values["language"]):
        raise ProfileError(f"language: expected an ISO 639-1 code such as fr, got {values['language']!r}")
    if values.get("ocr_languages") is not None and not re.fullmatch(r"[a-z_]{3,}(\+[a-z_]{3,})*", values["ocr_languages"]):
        raise ProfileError(f"ocr_languages: expected tesseract codes joined by '+', got {values['ocr_languages']!r}")
    if "headers" in data and data["headers"] is not None:
        values["headers"] = _phrases(data["headers"], "headers", load_vocabulary("headers").labels)
    if "pillars" in data and data["pillars"] is not None:
        values["pillars"] = _phrases(data["pillars"], "pillars", load_vocabulary("pillars").labels)
    if "actors" in data and data["actors"] is not None:
        values["actors"] = _actors(data["actors"], base)
    return Profile(path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), **values)


def load_profile(pdf: Path, raw_dir: Path) -> Profile | None:
    """The profile beside ``pdf``, or None when there is none; :class:`ProfileError` when unusable."""
    path = profile_path(pdf)
    try:
        if not path.is_file():
            return None
    except OSError:  # a name the file system cannot hold (a PDF name near its length limit): none
        return None
    rel = relative_name(path, raw_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{rel}: cannot be read: {exc}") from None
    try:
        return parse_profile(text, path=rel, base=path.parent)
    except ProfileError as exc:
        raise ProfileError(f"{rel}: {exc}") from None


def profile_from_dict(d: Mapping[str, Any] | None) -> Profile | None:
    """Inverse of ``dataclasses.asdict`` (the interim JSON codec)."""
    if d is None:
        return None
    return Profile(**{
        **d,
        "headers": tuple((k, tuple(v)) for k, v in d.get("headers", ())),
        "pillars": tuple((k, tuple(v)) for k, v in d.get("pillars", ())),
        "actors": tuple(Actor(**{**a, "aliases": tuple(a["aliases"]), "other_sectors": tuple(a["other_sectors"])})
                        for a in d.get("actors", ())),
    })
