"""Files appear whole or not at all: publishing by rename, and inter-process locks.

A final path only ever changes by :func:`os.replace`, which is atomic on one
file system. Temporary files live in the destination's folder and are named
``.<final name>.<token>.part``, so an interrupted writer (even SIGKILL) leaves
at worst a hidden temporary that :func:`remove_leftovers` clears on the next run.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = [
    "exclusive_lock",
    "partial_file",
    "publish_dir",
    "publish_file",
    "remove_leftovers",
    "try_lock",
    "write_text_atomic",
]


def _temporary(final: Path, kind: str = "part") -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.{kind}")


@contextmanager
def partial_file(final: Path) -> Iterator[Path]:
    """A temporary path beside ``final`` to write: renamed to ``final`` when the block
    ends cleanly, deleted when it raises (Ctrl-C included), so ``final`` is whole or old."""
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = _temporary(final)
    try:
        yield partial
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder."""
    with partial_file(path) as partial:
        partial.write_text(text, encoding="utf-8")
    return path


def publish_file(source: Path, final: Path) -> Path:
    """Move a finished file to its final path in one rename.

    ``source`` is normally on the same file system (the run's work folder sits
    inside the media folder); if it is not, it is first copied to a temporary
    file beside ``final`` and renamed from there.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, final)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        partial = _temporary(final)
        try:
            shutil.copyfile(source, partial)
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        source.unlink()
    return final


def publish_dir(source: Path, final: Path) -> Path:
    """Replace the folder ``final`` by ``source``: never a half-filled folder at ``final``.

    The old folder is first renamed aside (``.<name>.<token>.old``), so an
    interruption leaves either the old folder, the new one, or none, plus a
    hidden leftover.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    if source.stat().st_dev != final.parent.stat().st_dev:
        staged = _temporary(final)
        shutil.copytree(source, staged)
        shutil.rmtree(source)
        source = staged
    old = None
    if final.exists():
        old = _temporary(final, "old")
        os.replace(final, old)
    os.replace(source, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final


def remove_leftovers(folder: Path, names: list[str]) -> None:
    """Delete the temporaries an interrupted publication of ``names`` left in ``folder``.

    Call it only while holding the lock that guards those names.
    """
    if not folder.is_dir():
        return
    for name in names:
        for pattern in (f".{name}.*.part", f".{name}.*.old"):
            for leftover in folder.glob(pattern):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)


@contextmanager
def exclusive_lock(path: Path, on_wait: Callable[[], None] | None = None):
    """Hold an exclusive ``flock`` on ``path`` (created if needed) for the block.

    When another process holds it, ``on_wait()`` is called once before waiting. The
    kernel drops the lock when the holder dies, however it dies.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def try_lock(path: Path) -> int | None:
    """Take an exclusive lock on ``path`` without waiting: its descriptor, or ``None``.

    Close the descriptor to release the lock.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def release(fd: int | None) -> None:
    if fd is not None:
        with suppress(OSError):
            os.close(fd)
