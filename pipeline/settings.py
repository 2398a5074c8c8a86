"""Run settings: one frozen dataclass per stage, built from params.yaml at the CLI edge."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from extractors.grid import GridSettings
from extractors.layout import LayoutSettings
from normalizers.structure import StructureSettings

TABLE_STRATEGIES = ("ruled", "text")
READERS = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class LimitSettings:
    """Bounds on what one document may take; a document past one is an error row, the batch goes on."""

    timeout_s: float = 600.0  # wall time per document (extraction + normalization), in its own process
    max_memory_mb: int = 2048  # resident memory of the document's process
    max_stream_mb: int = 256  # one PDF stream, inflated (refused before reading: decompression bombs)
    max_image_mpx: float = 200.0  # one image's declared width x height, in megapixels

    def __post_init__(self) -> None:
        for name in ("timeout_s", "max_memory_mb", "max_stream_mb", "max_image_mpx"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"limits.{name} must be a number > 0, got {value!r}")


@dataclass(frozen=True)
class PipelineSettings:
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    grid: GridSettings = field(default_factory=GridSettings)
    structure: StructureSettings = field(default_factory=StructureSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    table_strategies: tuple[str, ...] = TABLE_STRATEGIES
    reader: str = "pdfium"  # page reader: pdfium (fast, C++) or pdfplumber (pdfminer, pure Python)
    ocr: bool = True  # OCR pages without a usable text layer (when tesseract is installed)
    ocr_dpi: int = 300
    ocr_languages: str = "eng+fra+spa"
    max_pages: int = 0  # 0 = all pages

    def __post_init__(self) -> None:
        if self.reader not in READERS:
            raise ValueError(f"reader must be one of {READERS}, got {self.reader!r}")
        if self.max_pages < 0:
            raise ValueError(f"max_pages must be >= 0, got {self.max_pages!r}")
        if not 72 <= self.ocr_dpi <= 600:
            raise ValueError(f"ocr_dpi must be in 72..600, got {self.ocr_dpi!r}")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def digest(self) -> str:
        """SHA-256 of the settings as canonical JSON (goes into the manifest)."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PipelineSettings":
        nested = {"layout": LayoutSettings, "grid": GridSettings, "structure": StructureSettings, "limits": LimitSettings}
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; known: {sorted(known)}")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key in nested:
                sub = nested[key]
                sub_known = {f.name for f in dataclasses.fields(sub)}
                bad = set(value or {}) - sub_known
                if bad:
                    raise ValueError(f"unknown {key} settings {sorted(bad)}; known: {sorted(sub_known)}")
                kwargs[key] = sub(**(value or {}))
            elif key == "table_strategies":
                kwargs[key] = tuple(value)
            else:
                kwargs[key] = value
        return cls(**kwargs)


def load_settings(path: Path | None) -> PipelineSettings:
    """Settings from a params.yaml (its ``pipeline:`` section), defaults when absent."""
    if path is None or not path.exists():
        return PipelineSettings()
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return PipelineSettings.from_dict(data.get("pipeline", {}) or {})
