"""A dataset directory written as one generation.

A run writes its files into a new directory beside the target (``.<name>.new-<pid>``) and swaps
it in at the end, with one atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel has it: a
reader, or a run killed at any moment, sees the previous complete dataset or the new complete
one, never a mix. Leftovers of a killed run are removed when the next run starts; a lock file
beside the target (``.<name>.lock``, held with ``flock``, so a killed run releases it) stops a
second run into the same directory. Files get the permissions the user's umask gives.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path
from types import TracebackType

from pipeline.errors import UsageError
from pipeline.inputs import printable

MARKER = "manifest.json"  # a directory holding one is a dataset this project wrote
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def file_mode() -> int:
    """The mode a new file gets under the current umask (0644 under umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ≥ 3.15); False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def _check_target(out_dir: Path) -> None:
    """Refuse, before any work, an output directory that cannot become a dataset."""
    shown = printable(str(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output path {shown} is a file, not a directory; choose another --out")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise UsageError(f"output directory {shown} holds files that are not a dataset of this tool "
                         f"(no {MARKER}); choose an empty or new directory")
    for parent in out_dir.absolute().parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"output path {shown} lies under a file ({printable(str(parent))}); choose another --out")


class GenerationWriter:
    """``with GenerationWriter(out_dir) as gen:`` write into ``gen.staging``, then ``gen.commit()``.

    Leaving the block without ``commit()`` (an error, ``--strict``) removes the new files and
    keeps the previous dataset untouched.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.staging = out_dir.parent / f".{out_dir.name}.new-{os.getpid()}"
        self._lock_fd: int | None = None

    def __enter__(self) -> GenerationWriter:
        _check_target(self.out_dir)
        shown = printable(str(self.out_dir))
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            self._lock_fd = os.open(self.out_dir.parent / f".{self.out_dir.name}.lock", os.O_RDWR | os.O_CREAT, file_mode())
        except OSError as exc:
            raise UsageError(f"cannot write the output directory {shown}: {exc.strerror or exc}; "
                             "choose a writable --out") from None
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock_fd)
            self._lock_fd = None
            raise UsageError(f"another run is writing into {shown}; wait for it to finish or choose another --out") from None
        self._remove_leftovers()
        try:
            self.staging.mkdir()
        except OSError as exc:
            self._unlock()
            raise UsageError(f"cannot write the output directory {shown}: {exc.strerror or exc}; "
                             "choose a writable --out") from None
        return self

    def _remove_leftovers(self) -> None:
        """Directories of runs that were killed before their swap (we hold the lock: none is live).
        A run killed between the two renames of the fallback swap left only the old generation:
        it is put back first."""
        olds = sorted(self.out_dir.parent.glob(f".{self.out_dir.name}.old-*"))
        if olds and not self.out_dir.exists():
            os.rename(olds[0], self.out_dir)
        for pattern in (f".{self.out_dir.name}.new-*", f".{self.out_dir.name}.old-*"):
            for stale in self.out_dir.parent.glob(pattern):
                shutil.rmtree(stale, ignore_errors=True)

    def commit(self) -> None:
        """Swap the new generation in; the previous one is removed afterwards."""
        for path in self.staging.iterdir():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        if not self.out_dir.exists():
            os.rename(self.staging, self.out_dir)
        elif _exchange(self.staging, self.out_dir):
            shutil.rmtree(self.staging)  # now the previous generation
        else:
            old = self.out_dir.parent / f".{self.out_dir.name}.old-{os.getpid()}"
            os.rename(self.out_dir, old)
            os.rename(self.staging, self.out_dir)
            shutil.rmtree(old)
        fd = os.open(self.out_dir.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._unlock()
