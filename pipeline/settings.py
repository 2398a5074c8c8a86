"""Run settings: one frozen dataclass per stage, built from params.yaml at the CLI edge.

Every value of a params file is checked against the declared field types before any work:
booleans must be YAML booleans, integers integers, numbers numbers, lists lists of strings,
sections mappings, and no key may be unknown at any level. Ranges come from each dataclass's
own ``__post_init__``; bounds declared here as field metadata (``ge``, ``le``, ``gt``,
``choices``) also go into the message of a value of the wrong type.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import importlib.util
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import yaml

from extractors import TABLE_EXTRACTORS
from extractors.grid import GridSettings
from extractors.layout import LayoutSettings
from extractors.ocr import OcrSettings
from extractors.textgrid import TextGridSettings
from normalizers.doctype import DocTypeSettings
from normalizers.furniture import FurnitureSettings
from normalizers.prose import ReportSettings
from normalizers.structure import StructureSettings
from pipeline.errors import SettingsError

TABLE_STRATEGIES = ("ruled", "text")
READERS = ("pdfium", "pdfplumber")
PARAMS_SECTIONS = ("pipeline",)  # top-level keys of params.yaml
# strategies whose library is an optional extra: name -> (importable module, extra)
STRATEGY_NEEDS = {"camelot-lattice": ("camelot", "peers"), "camelot-stream": ("camelot", "peers")}


def _bounds(*, ge: float | None = None, le: float | None = None, gt: float | None = None) -> dict[str, Any]:
    return {k: v for k, v in (("ge", ge), ("le", le), ("gt", gt)) if v is not None}


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def expected(tp: Any, meta: Mapping[str, Any]) -> str:
    """What a value of type ``tp`` with bounds ``meta`` must be, in words: 'an integer in 72..600'."""
    if "choices" in meta:
        return "one of " + ", ".join(meta["choices"])
    noun = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}.get(tp, "a list of strings")
    if "ge" in meta and "le" in meta:
        return f"{noun} in {meta['ge']}..{meta['le']}"
    if "ge" in meta:
        return f"{noun} >= {meta['ge']}"
    return f"{noun} > {meta['gt']}" if "gt" in meta else noun


def check_bounds(obj: Any) -> None:
    """``__post_init__`` helper: every field with declared bounds is within them (ValueError if not)."""
    for f in dataclasses.fields(obj):
        value, meta = getattr(obj, f.name), f.metadata
        if not meta:
            continue
        try:
            ok = (value >= meta.get("ge", value) and value <= meta.get("le", value)
                  and ("gt" not in meta or value > meta["gt"]) and value in meta.get("choices", (value,)))
        except TypeError:  # a value of another type, passed in code
            ok = False
        if not ok:
            tp = _hints(type(obj))[f.name]
            raise ValueError(f"{type(obj).__name__}.{f.name} must be {expected(tp, meta)}, got {value!r}")


@dataclass(frozen=True)
class LimitSettings:
    """Bounds on what one document may take; a document past one is an error row, the batch goes on."""

    timeout_s: float = field(default=600.0, metadata=_bounds(gt=0))  # wall time per document, in its own process
    max_memory_mb: int = field(default=2048, metadata=_bounds(gt=0))  # resident memory of the document's process
    max_stream_mb: int = field(default=256, metadata=_bounds(gt=0))  # one PDF stream, inflated (decompression bombs)
    max_image_mpx: float = field(default=200.0, metadata=_bounds(gt=0))  # one image's width x height, in megapixels

    def __post_init__(self) -> None:
        check_bounds(self)


def check_strategies(names: tuple[str, ...]) -> None:
    """Every name is a registered table strategy whose library is installed (ValueError if not)."""
    for name in names:
        if name not in TABLE_EXTRACTORS:
            close = difflib.get_close_matches(name, TABLE_EXTRACTORS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ValueError(f"PipelineSettings.table_strategies: unknown strategy {name!r}; {hint}"
                             f"known: {', '.join(sorted(TABLE_EXTRACTORS))}")
        module, extra = STRATEGY_NEEDS.get(name, (None, None))
        if module and importlib.util.find_spec(module) is None:
            raise ValueError(f"PipelineSettings.table_strategies: {name!r} needs the {module} package, which is not "
                             f"installed: pip install -e '.[{extra}]' (or remove {name!r} from table_strategies)")


# OcrSettings fields set as ``ocr_<field>`` in params (workers and cache_dir come from the command line)
OCR_RUN_OPTIONS = ("workers", "cache_dir")
OCR_PARAMS = tuple(f.name for f in dataclasses.fields(OcrSettings) if f.name not in OCR_RUN_OPTIONS)


@dataclass(frozen=True)
class PipelineSettings:
    """Every stage's settings: one section per stage (``layout:``, ``grid:``, …), plus the run-wide
    values. OCR keeps its flat ``ocr_*`` keys (``ocr`` itself is the on/off switch); the workers
    and the cache directory of OCR come from the command line, not from here."""

    layout: LayoutSettings = field(default_factory=LayoutSettings)
    grid: GridSettings = field(default_factory=GridSettings)
    textgrid: TextGridSettings = field(default_factory=TextGridSettings)
    furniture: FurnitureSettings = field(default_factory=FurnitureSettings)
    doctype: DocTypeSettings = field(default_factory=DocTypeSettings)
    structure: StructureSettings = field(default_factory=StructureSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    table_strategies: tuple[str, ...] = TABLE_STRATEGIES
    # page reader: pdfium (fast, C++) or pdfplumber (pdfminer, pure Python)
    reader: str = field(default="pdfium", metadata={"choices": READERS})
    ocr: bool = True  # OCR pages without a usable text layer (when tesseract is installed)
    ocr_dpi: int = field(default=300, metadata=_bounds(ge=72, le=600))
    ocr_languages: str = "eng+fra+spa"
    ocr_max_dpi: int = field(default=600, metadata=_bounds(ge=72, le=1200))  # small print is re-read up to this
    ocr_target_char_px: float = field(default=22.0, metadata=_bounds(gt=0))  # glyph height aimed at by the DPI choice
    ocr_min_conf: float = field(default=0.3, metadata=_bounds(ge=0, le=1))  # OCR words below are dropped
    ocr_tesseract_threads: int = field(default=1, metadata=_bounds(ge=1))  # per tesseract run (speed only)
    # which pages need OCR: too few characters, too many unmapped glyphs, or images covering the page
    ocr_min_text_chars: int = field(default=20, metadata=_bounds(ge=0))
    ocr_unmapped_share: float = field(default=0.1, metadata=_bounds(ge=0, le=1))
    ocr_no_text_image_cover: float = field(default=0.3, metadata=_bounds(ge=0, le=1))
    ocr_text_image_cover: float = field(default=0.5, metadata=_bounds(ge=0, le=1))
    max_pages: int = field(default=0, metadata=_bounds(ge=0))  # 0 = all pages

    def __post_init__(self) -> None:
        check_bounds(self)
        check_strategies(self.table_strategies)
        try:
            self.ocr_settings()
        except ValueError as exc:  # OcrSettings.max_dpi -> PipelineSettings.ocr_max_dpi
            message = re.sub(r"\bOcrSettings\.(\w+)", r"PipelineSettings.ocr_\1", str(exc))
            raise ValueError(message.replace(" in dpi..1200", f" in ocr_dpi..1200 ({self.ocr_dpi}..1200)")) from exc

    def ocr_settings(self, workers: int = 1, cache_dir: Path | None = None) -> OcrSettings:
        """How scanned pages are read: every ``OcrSettings`` field from its ``ocr_<field>`` value here,
        with the run's workers and cache directory (command-line options, not settings)."""
        params = {f.name for f in dataclasses.fields(self)}
        values = {name: getattr(self, f"ocr_{name}") for name in OCR_PARAMS if f"ocr_{name}" in params}
        return OcrSettings(**values, workers=max(1, workers), cache_dir=cache_dir)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def digest(self) -> str:
        """SHA-256 of the settings as canonical JSON (goes into the manifest)."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, path: str = "pipeline") -> "PipelineSettings":
        """Settings from the ``pipeline:`` section of a params file; SettingsError names the key path."""
        return settings_from_mapping(cls, data, path)


def _unknown_key(path: str, key: Any, known: list[str]) -> SettingsError:
    where = f"in {path}" if path else "at the top level"
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return SettingsError(f"unknown key {key!r} {where}{hint} (known: {', '.join(known)})")


def _value_as(tp: Any, value: Any, path: str, meta: Mapping[str, Any]) -> Any:
    """``value`` as the declared type ``tp`` (int → float, list → tuple), or SettingsError."""
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if get_origin(tp) is tuple and isinstance(value, list):
        value = tuple(value)
    if get_origin(tp) is tuple:
        ok = isinstance(value, tuple) and all(isinstance(v, get_args(tp)[0]) for v in value)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, tp) and (tp is not float or math.isfinite(value))
    if not ok:
        raise SettingsError(f"{path} must be {expected(tp, meta)}, got {value!r}")
    return value


def settings_from_mapping(cls: type, data: Any, path: str) -> Any:
    """An instance of the settings dataclass ``cls`` from a params mapping at key ``path``, every key
    known and every value of its declared type; the dataclass's own range checks are worded by path."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise SettingsError(f"{path} must be a section (a mapping of keys to values), got {data!r}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields:
            raise _unknown_key(path, key, list(fields))
    kwargs = {}
    for key, value in data.items():
        tp, sub = _hints(cls)[key], f"{path}.{key}"
        if dataclasses.is_dataclass(tp):
            kwargs[key] = settings_from_mapping(tp, value, sub)
        else:
            kwargs[key] = _value_as(tp, value, sub, fields[key].metadata)
    try:
        return cls(**kwargs)
    except ValueError as exc:
        message = str(exc).replace(f"{cls.__name__}.", f"{path}.")
        raise SettingsError(message if path in message else f"{path}: {message}") from exc


def _read_params(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise SettingsError(f"{path}: not valid YAML at {where}{exc.problem} "
                            "(fix the file or pass another with --params)") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not a readable YAML file ({exc})") from exc
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the settings file: {exc.strerror or exc}") from exc


def load_settings(path: Path | None, required: bool = False) -> PipelineSettings:
    """Settings from a params.yaml (its ``pipeline:`` section), defaults when the file is absent
    and not ``required``. Every problem is a SettingsError naming the file and the key path."""
    if path is None:
        return PipelineSettings()
    if not path.exists():
        if required:
            raise SettingsError(f"settings file not found: {path} (check the --params path, or leave --params out "
                                "to use params.yaml if present, else the defaults)")
        return PipelineSettings()
    data = _read_params(path) or {}
    try:
        if not isinstance(data, Mapping):
            raise SettingsError(f"the file must be a mapping with a 'pipeline:' section, got {type(data).__name__}")
        for key in data:
            if key not in PARAMS_SECTIONS:
                raise _unknown_key("", key, list(PARAMS_SECTIONS))
        return PipelineSettings.from_dict(data.get("pipeline"))
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from exc
