"""What a run shows while it works: on a terminal, a live line with the current file and page,
and one kept line per finished document (status · pages · actions · paragraphs · reason); in a
log or a pipe, just the kept lines."""

from __future__ import annotations

import logging
import shutil
import sys
from types import TracebackType
from typing import TextIO

log = logging.getLogger("nap")


def status_line(entry: dict) -> str:
    """One document's line: ``ok      plan.pdf · 24 pages · 85 actions · 0 paragraphs``."""
    counts = entry.get("counts") or {}
    parts = [f"{entry['status']:<7} {entry['path']}"]
    if entry.get("n_pages") is not None:
        parts.append(f"{entry['n_pages']} pages")
    if counts and entry["status"] != "error":
        parts.append(f"{counts.get('actions', 0)} actions")
        parts.append(f"{counts.get('paragraphs', 0)} paragraphs")
    if entry.get("error"):
        parts.append(entry["error"])
    return " · ".join(parts)


class Progress:
    """``with Progress(n, enabled) as p:`` — ``p.event(...)`` as pages go, ``p.done(entry)`` per document."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None):
        self.total, self.enabled = total, enabled
        self.stream = stream or sys.stderr
        self.live = enabled and self.stream.isatty()
        self.finished = 0
        self._current: dict[str, str] = {}

    def __enter__(self) -> Progress:
        return self

    def event(self, path: str, stage: str, page: int | None, n_pages: int | None) -> None:
        if not self.live:
            return
        where = f"page {page}/{n_pages}" if page is not None and n_pages else stage
        self._current[path] = f"{path} · {stage} {where}" if where != stage else f"{path} · {stage}"
        self._draw()

    def _draw(self) -> None:
        width = shutil.get_terminal_size((100, 20)).columns - 1
        text = f"[{self.finished}/{self.total}] " + " | ".join(self._current.values())
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()

    def _clear(self) -> None:
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r" + " " * width + "\r")

    def done(self, entry: dict) -> None:
        self.finished += 1
        self._current.pop(entry["path"], None)
        if self.live:
            self._clear()
            self.stream.write(status_line(entry) + "\n")
            self._draw()
        elif self.enabled:
            log.info("%s", status_line(entry))

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.live:
            self._clear()
            self.stream.flush()
