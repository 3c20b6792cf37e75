"""Locks between runs: a waiter is told it waits, and a run's work folder is always locked."""

from __future__ import annotations

import threading

from scenes.render.atomic import exclusive_lock, release, try_lock
from scenes.render.workdir import remove_dead_runs, run_folder


def test_a_free_lock_is_taken_without_waiting(tmp_path):
    waited = []
    with exclusive_lock(tmp_path / "scene.lock", on_wait=lambda: waited.append(1)):
        assert try_lock(tmp_path / "scene.lock") is None  # held
    assert waited == []


def test_a_held_lock_says_it_waits_once_then_gets_the_lock(tmp_path):
    path = tmp_path / "scene.lock"
    holder = try_lock(path)
    assert holder is not None
    waited, entered = threading.Event(), threading.Event()

    def second_run():
        with exclusive_lock(path, on_wait=waited.set):
            entered.set()

    thread = threading.Thread(target=second_run)
    thread.start()
    assert waited.wait(5), "the waiting run was not told it waits"
    assert not entered.is_set()
    release(holder)
    thread.join(5)
    assert entered.is_set()


def test_a_live_run_folder_is_locked_and_survives_clean_up(tmp_path):
    with run_folder(tmp_path) as folder:
        assert try_lock(folder / ".lock") is None
        assert remove_dead_runs(tmp_path) == []
        assert folder.is_dir()
    assert not folder.exists()
