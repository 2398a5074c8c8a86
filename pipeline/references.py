"""Reference data: read from ``normalizers/reference/`` once per run and handed to the normalizers,
which read no file themselves.

- the actor gazetteer: the CSV files of :data:`ACTOR_FILES` (format: ``reference/ACTORS.md``),
  and the words printed actors are read with (``actor_words.yaml``), together a
  :class:`~normalizers.actors.Gazetteer`;
- the phrase vocabularies of column headers and pillars (``headers.yaml``, ``pillars.yaml``);
- country names in several languages, from pycountry's ISO 3166 database and translations.
"""

from __future__ import annotations

import csv
import gettext
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycountry
import yaml

import normalizers
from normalizers.actors import CSV_COLUMNS, Actor, ActorWords, Gazetteer, actor_from_row, check_actors
from normalizers.metadata import CountryNames, country_names
from normalizers.vocabulary import PhraseVocabulary

REFERENCE_DIR = Path(normalizers.__file__).resolve().parent / "reference"
#: The gazetteer files read by default, in this order (format: ``reference/ACTORS.md``).
ACTOR_FILES: tuple[str, ...] = ("ministries.csv", "un_system.csv", "international.csv", "collective.csv")
ACTOR_WORDS_FILE = "actor_words.yaml"
#: languages country names are read in besides English (pycountry's iso3166-1 translations)
COUNTRY_LANGUAGES: tuple[str, ...] = ("es", "fr", "pt", "de", "it", "nl")


def _read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_vocabulary(name: str, directory: Path = REFERENCE_DIR) -> PhraseVocabulary:
    """A vocabulary file from ``reference/`` (``headers`` or ``pillars``)."""
    mapping = _read_yaml(directory / f"{name}.yaml")
    if not isinstance(mapping, dict):
        raise ValueError(f"{name}.yaml must map labels to lists of phrases")
    return PhraseVocabulary.from_mapping(mapping)


def load_actor_words(path: Path = REFERENCE_DIR / ACTOR_WORDS_FILE) -> ActorWords:
    """The words printed actors are read with (``reference/actor_words.yaml``)."""
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} must map list names to lists of words")
    try:
        return ActorWords.from_dict(data)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from None


def read_actor_csv(path: Path) -> list[Actor]:
    """The entries of one actor CSV (format: ``reference/ACTORS.md``), validated on their own."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name}: missing columns {sorted(missing)}")
        actors = [actor_from_row(row) for row in reader]
    check_actors(actors)
    return actors


def load_gazetteer(paths: Sequence[Path] | None = None, words: ActorWords | None = None) -> Gazetteer:
    """Gazetteer from actor CSVs (by default the :data:`ACTOR_FILES` of ``normalizers/reference/``)
    and the actor words (by default ``reference/actor_words.yaml``)."""
    files = [Path(p) for p in paths] if paths is not None else [REFERENCE_DIR / f for f in ACTOR_FILES]
    actors = itertools.chain.from_iterable(read_actor_csv(f) for f in files)
    return Gazetteer(actors, words if words is not None else load_actor_words())


def load_country_names(languages: Sequence[str] = COUNTRY_LANGUAGES) -> CountryNames:
    """Country names in English and ``languages`` (those pycountry has translations for)."""
    translations = []
    for lang in languages:
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext)
        except OSError:
            continue
    return country_names(pycountry.countries, translations)
