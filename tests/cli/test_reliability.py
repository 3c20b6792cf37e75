"""Killed, interrupted and concurrent renders: real processes, real signals."""

from __future__ import annotations

import os
import signal

import pytest
from cli_checks import assert_complete, leftovers, outputs, wait_for, workers_for

pytestmark = pytest.mark.slow

SLOW = {"TINY_SLOW": "0.03"}  # the square beat then takes a few seconds to draw


def _mid_render(media) -> bool:
    """A worker has written at least one partial movie: the render is under way."""
    return any((media / ".explainer" / "work").glob("*/*/partial/*.mp4"))


def _args(media, *extra):
    return ("render", "tiny-one", "--quality", "low", "--media-dir", str(media), *extra)


def test_sigkill_mid_render_leaves_no_partial_file_and_the_next_run_recovers(tiny):
    out = outputs(tiny.media, "01-tiny-one")
    run = tiny.drive(*_args(tiny.media), env=SLOW)
    wait_for(lambda: _mid_render(tiny.media) or run.poll() is not None)
    assert run.poll() is None, run.communicate()
    run.kill()
    run.communicate()
    wait_for(lambda: not workers_for(tiny.media), timeout=10)  # the worker died with it
    assert not out.video.exists()
    assert not out.key_file.exists()
    assert leftovers(tiny.media)  # the dead run's work folder is still there...

    again = tiny.drive(*_args(tiny.media))
    _, stderr = again.communicate(timeout=60)
    assert again.returncode == 0, stderr
    assert_complete(out)  # ...and the next run cleared it


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupting_stops_every_worker_and_says_what_finished(tiny, sig):
    run = tiny.drive(*_args(tiny.media, "tiny-two", "--jobs", "2"), env=SLOW)
    wait_for(lambda: _mid_render(tiny.media) or run.poll() is not None)
    assert run.poll() is None, run.communicate()
    run.send_signal(sig)
    _, stderr = run.communicate(timeout=15)
    assert run.returncode == 130
    assert "Interrupted" in stderr
    assert "Not finished: 01-tiny-one, 02-tiny-two" in stderr
    assert "Traceback" not in stderr
    assert not workers_for(tiny.media)
    assert not outputs(tiny.media, "01-tiny-one").video.exists()
    assert leftovers(tiny.media) == []


def test_two_runs_into_one_media_folder_both_complete(tiny):
    args = ("render", "--quality", "low", "--jobs", "2", "--media-dir", str(tiny.media))
    # The second splits its scenes: this process then holds each scene's lock for its units.
    first, second = tiny.drive(*args), tiny.drive(*args, "--split", "2")
    results = [run.communicate(timeout=90) for run in (first, second)]
    assert first.returncode == 0, results[0][1]
    assert second.returncode == 0, results[1][1]
    for stem in ("01-tiny-one", "02-tiny-two"):
        assert_complete(outputs(tiny.media, stem))
        # Each scene was rendered once; the other run found it done after waiting.
        said = [out.count(f"{stem}") for out, _ in results]
        assert all(said)
    assert leftovers(tiny.media) == []
    assert os.listdir(tiny.media / "low")
