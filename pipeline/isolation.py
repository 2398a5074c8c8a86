"""Each document in a process of its own, with a time and a memory limit.

Whatever one document does — raise in any stage, loop forever inside a PDF library, allocate
without bound, crash the interpreter — ends that document's process only: the caller gets a
:class:`Failure` naming the stage it was in, and the batch goes on. Processes are forked from
the parent, so the reference data loaded once there is shared, not reloaded.

The child runs in a process group of its own (its OCR workers and tesseract calls with it), so
a document past its limit is stopped as a whole with one ``killpg``. Memory is watched as the
resident size of the child and its descendants; ``RLIMIT_AS`` backs that up against a burst
between two looks.
"""

from __future__ import annotations

import ctypes
import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from pipeline.settings import LimitSettings

J = TypeVar("J")
R = TypeVar("R")
Report = Callable[[str, "int | None", "int | None"], None]  # (stage, page_no, n_pages)
_POLL_S = 0.2
_PR_SET_PDEATHSIG = 1
_PAGE = os.sysconf("SC_PAGE_SIZE")
# where an exception was raised → the stage it belongs to (the innermost project frame decides)
_STAGE_OF_MODULE = {
    "structure": "structure", "report": "report", "actors": "actors", "acronyms": "actors", "metadata": "metadata",
    "doctype": "doctype", "furniture": "furniture", "records": "records", "schema": "records", "ocr": "ocr",
    "tables": "tables", "grid": "tables", "textgrid": "tables", "layout": "layout", "pdfium_layout": "layout",
}


@dataclass(frozen=True)
class Failure:
    """A document whose process did not return a result."""

    stage: str
    category: str  # timeout | memory | crashed | exception
    message: str  # one line
    detail: str | None = None  # the traceback, when there was one


@dataclass
class _Slot(Generic[J]):
    index: int
    job: J
    proc: Any
    conn: Connection
    started: float
    stage: str = "open"
    page: int | None = None
    n_pages: int | None = None
    peak_mb: float = 0.0

    def where(self) -> str:
        if self.page is not None and self.n_pages:
            return f"{self.stage} (page {self.page} of {self.n_pages})"
        return self.stage


def _stage_of(exc: BaseException, current: str) -> str:
    """The stage of the innermost frame of this project's code in the traceback."""
    stage = current
    for frame in traceback.extract_tb(exc.__traceback__):
        parts = frame.filename.replace("\\", "/").split("/")
        if len(parts) >= 2 and parts[-2] in ("extractors", "normalizers", "pipeline"):
            stage = _STAGE_OF_MODULE.get(parts[-1].removesuffix(".py"), stage)
    return stage


def _vm_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * _PAGE


def _die_with_parent() -> None:
    """Linux: this process is killed when the run's process goes (a killed run leaves no orphan)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _child(conn: Connection, fn: Callable[[Any, Report], Any], job: Any, limits: LimitSettings) -> None:
    """In the document's process: run ``fn(job, report)`` and send the result or the failure."""
    os.setpgrp()
    _die_with_parent()
    faulthandler.disable()  # a crash is reported by the parent, once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; a terminal's ^C goes to it
    cap = _vm_bytes() + 3 * int(limits.max_memory_mb) * 2**20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ValueError, OSError):
        pass  # a lower hard limit is already in place
    current = ["open"]

    def report(stage: str, page: int | None = None, n_pages: int | None = None) -> None:
        current[0] = stage
        conn.send(("event", stage, page, n_pages))

    try:
        result = fn(job, report)
    except MemoryError:
        conn.send(("failed", Failure(current[0], "memory", f"ran out of memory (limits.max_memory_mb = {limits.max_memory_mb}) in {current[0]}")))
        return
    except BaseException as exc:  # the document's failure, whatever it is, goes to the parent
        stage = _stage_of(exc, current[0])
        text = " ".join(str(exc).split())[:200]
        message = f"{stage} failed: {type(exc).__name__}" + (f": {text}" if text else "")
        conn.send(("failed", Failure(stage, "exception", message, traceback.format_exc())))
        return
    conn.send(("done", result))


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, in MB (0 when it is gone)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * _PAGE
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total / 2**20


def _stop(slot: _Slot) -> None:
    try:
        os.killpg(slot.proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    slot.proc.join()
    slot.conn.close()


def _crash_message(slot: _Slot) -> Failure:
    code = slot.proc.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return Failure(slot.stage, "crashed", f"the reader crashed in {slot.where()} ({name})")
    return Failure(slot.stage, "crashed", f"the document's process ended in {slot.where()} (exit code {code})")


class Isolated(Generic[J, R]):
    """Runs ``fn(job, report)`` for each job in a forked process, ``workers`` at a time.

    Iterating yields ``(index, result or Failure)`` as documents finish; ``on_event(index,
    stage, page, n_pages)`` hears progress. Leaving the loop early stops the running children.
    """

    def __init__(self, fn: Callable[[J, Report], R], limits: LimitSettings, workers: int = 1,
                 on_event: Callable[[int, str, int | None, int | None], None] | None = None):
        self.fn, self.limits, self.workers, self.on_event = fn, limits, max(1, workers), on_event
        self._ctx = mp.get_context("fork")

    def _start(self, index: int, job: J) -> _Slot:
        reader, writer = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(target=_child, args=(writer, self.fn, job, self.limits), daemon=False)
        proc.start()
        writer.close()  # only the child holds the write end: its death is an EOF here
        return _Slot(index, job, proc, reader, time.monotonic())

    def run(self, jobs: Sequence[J]) -> Iterator[tuple[int, R | Failure]]:
        pending = list(enumerate(jobs))[::-1]
        running: dict[Connection, _Slot] = {}
        try:
            while pending or running:
                while pending and len(running) < self.workers:
                    index, job = pending.pop()
                    slot = self._start(index, job)
                    running[slot.conn] = slot
                for conn in wait(list(running), timeout=_POLL_S):
                    outcome = self._receive(running[conn])
                    if outcome is not None:
                        del running[conn]
                        yield outcome
                for conn, slot in list(running.items()):
                    failure = self._over_limit(slot)
                    if failure is not None:
                        _stop(slot)
                        del running[conn]
                        yield slot.index, failure
        finally:
            for slot in running.values():
                _stop(slot)

    def _receive(self, slot: _Slot) -> tuple[int, Any] | None:
        """Read what the child sent; ``(index, outcome)`` once it is finished."""
        try:
            kind, *rest = slot.conn.recv()
        except (EOFError, OSError):
            slot.proc.join()
            slot.conn.close()
            return slot.index, _crash_message(slot)
        if kind == "event":
            slot.stage, slot.page, slot.n_pages = rest
            if self.on_event is not None:
                self.on_event(slot.index, *rest)
            return None
        slot.proc.join()
        slot.conn.close()
        return slot.index, rest[0]

    def _over_limit(self, slot: _Slot) -> Failure | None:
        elapsed = time.monotonic() - slot.started
        if elapsed > self.limits.timeout_s:
            return Failure(slot.stage, "timeout", f"timed out after {self.limits.timeout_s:g} s in {slot.where()} (limits.timeout_s)")
        rss = _tree_rss_mb(slot.proc.pid)
        slot.peak_mb = max(slot.peak_mb, rss)
        if rss > self.limits.max_memory_mb:
            return Failure(slot.stage, "memory",
                           f"stopped at {rss:.0f} MB in {slot.where()}: over limits.max_memory_mb = {self.limits.max_memory_mb}")
        return None

