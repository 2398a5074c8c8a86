"""Inputs of a run: the PDFs under the raw directory, each once, with a printable name.

File names may be in any encoding (a name that is not valid UTF-8 keeps its raw bytes in
escaped form: ``b'plan-\\xe9.pdf'`` becomes ``plan-\\xe9.pdf``); symlinks that leave the raw
directory are followed only when asked, directory loops are skipped with a warning; the same
bytes under several names are one document whose other names are listed.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

log = logging.getLogger("nap")


@dataclass(frozen=True)
class InputFile:
    """One document to process: its file, its name relative to the raw directory, its digest."""

    path: Path
    source_path: str  # '/'-separated, printable (non-UTF-8 bytes escaped)
    sha256: str
    duplicates: tuple[str, ...] = ()  # other names of the same bytes (processed once)

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]


def printable(name: str) -> str:
    """A file-system name as text that encodes to UTF-8: undecodable bytes as ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def relative_name(path: Path, raw_dir: Path) -> str:
    """``path`` relative to ``raw_dir`` ('/'-separated, printable), or its file name when outside."""
    rel = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else path.name
    return printable(rel)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_pdf_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(".pdf")


def _inside(target: Path, root: Path) -> bool:
    return target == root or target.is_relative_to(root)


def _walk(raw_dir: Path, follow_symlinks: bool) -> Iterator[Path]:
    """Candidate files under ``raw_dir`` in a stable order (sorted names at every level)."""
    root = raw_dir.resolve()
    seen_dirs: set[tuple[int, int]] = set()
    stack = [raw_dir]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            log.warning("skipped %s: %s", printable(str(folder)), exc.strerror or exc)
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            log.warning("skipped %s: a directory loop (symlink back to a folder already read)", printable(str(folder)))
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    log.warning("skipped %s: a broken or looping symlink", printable(str(path)))
                    continue
                if not follow_symlinks and not _inside(target, root):
                    log.warning("skipped %s: a symlink out of the raw directory (use --follow-symlinks)",
                                printable(str(path)))
                    continue
            if entry.is_dir():
                stack.append(path)
            elif entry.is_file() and _is_pdf_name(entry.name):
                yield path


def find_pdfs(raw_dir: Path, follow_symlinks: bool = False) -> list[Path]:
    """Every file under ``raw_dir`` that claims to be a PDF (by extension), in sorted order."""
    if not raw_dir.exists():
        raise UsageError(f"input directory not found: {printable(str(raw_dir))} (put PDFs there or name another)")
    if not raw_dir.is_dir():
        raise UsageError(f"input path is not a directory: {printable(str(raw_dir))}")
    return sorted(_walk(raw_dir, follow_symlinks), key=lambda p: os.fsencode(str(p)))


def unique_inputs(paths: list[Path], raw_dir: Path) -> list[InputFile]:
    """One :class:`InputFile` per distinct content; a file that cannot be read is its own input
    under the digest of its name."""
    by_digest: dict[str, list[Path]] = {}
    for path in paths:
        try:
            digest = file_digest(path)
        except OSError:  # extraction will say why it cannot be read
            digest = hashlib.sha256(os.fsencode(str(path))).hexdigest()
        by_digest.setdefault(digest, []).append(path)
    out = []
    for digest, group in by_digest.items():
        first, *rest = group
        out.append(InputFile(first, relative_name(first, raw_dir), digest, tuple(relative_name(p, raw_dir) for p in rest)))
    return sorted(out, key=lambda i: i.source_path)
