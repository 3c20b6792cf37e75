"""A run's scratch folder inside the media folder, and the clean-up of dead runs' folders.

Each run holds a lock on ``<work>/<run>/.lock`` while it lives. A folder whose
lock can be taken belongs to a run that has ended, however it ended (even by
SIGKILL), so the next run deletes it.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from scenes.render.atomic import exclusive_lock, release, try_lock
from scenes.render.layout import control_dir

__all__ = ["remove_dead_runs", "run_folder"]


def _work_root(media_dir: Path) -> Path:
    return control_dir(media_dir) / "work"


def remove_dead_runs(media_dir: Path) -> list[Path]:
    """Delete the work folders of runs that are no longer alive; the folders deleted."""
    root = _work_root(media_dir)
    removed = []
    if not root.is_dir():
        return removed
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        if folder.name.startswith(".") and time.time() - folder.stat().st_mtime < 60:
            continue  # a run being born: its lock may not be taken yet
        fd = try_lock(folder / ".lock")
        if fd is None:
            continue  # a live run
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            release(fd)
    return removed


@contextmanager
def run_folder(media_dir: Path):
    """A fresh work folder for this run, locked while the run lives, removed after."""
    remove_dead_runs(media_dir)
    name = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    # Lock first, then show the folder under its real name: never an unlocked live folder.
    nascent = _work_root(media_dir) / f".{name}"
    nascent.mkdir(parents=True)
    with exclusive_lock(nascent / ".lock"):  # nobody else knows the folder: never waits
        folder = nascent.with_name(name)
        os.replace(nascent, folder)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
