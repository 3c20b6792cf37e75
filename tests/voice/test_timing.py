"""The voice drives the timing: lines never overlap, beats outlast their speech, cues sit
on their sentences. Render-free, with the stub voice."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from manim import LEFT, FadeIn, Square

from scenes.dryrun import dry_run
from scenes.kit.base import BEAT_BREATH, ExplainerScene
from scenes.kit.narration import Narrator
from scenes.render.layout import quality_named
from scenes.voice.speech import SAMPLE_RATE, SENTENCE_PAUSE, Voice, read_wav
from tests.voice.conftest import SECONDS_PER_CHARACTER, StubVoice


def test_each_sentence_is_timed_by_its_own_sound(tmp_path, stub_voice):
    voice = Voice(StubVoice(), cache_dir=tmp_path)
    first, second = voice.line("A short one. Then a rather longer second sentence.")
    assert (first.text, second.text) == ("A short one.", "Then a rather longer second sentence.")
    for sentence in (first, second):
        # The stub speaks 0.05 s per character; trimming keeps all of a pure tone.
        expected = SECONDS_PER_CHARACTER * len(sentence.text)
        assert sentence.duration == pytest.approx(expected, abs=0.01)
        assert len(sentence.audio) == pytest.approx(sentence.duration * SAMPLE_RATE, abs=1)


def test_audio_is_cached_by_text_and_reused(tmp_path, stub_voice):
    voice = Voice(StubVoice(), cache_dir=tmp_path)
    voice.line("Say it once.")
    voice.line("Say it once.")
    assert StubVoice.calls == ["Say it once."]
    (cached,) = tmp_path.glob("*.wav")
    assert read_wav(cached)[1] == SAMPLE_RATE
    Voice(StubVoice(), rate=1.2, cache_dir=tmp_path).line("Say it once.")
    assert len(StubVoice.calls) == 2, "another rate is another recording"
    cached.write_bytes(b"not a wav")  # a damaged entry is made again, not trusted
    voice.line("Say it once.")
    assert len(StubVoice.calls) == 3


def test_spoken_form_must_match_the_sentences_and_be_speakable(tmp_path, stub_voice):
    voice = Voice(StubVoice(), cache_dir=tmp_path)
    with pytest.raises(ValueError, match="1 sentences where the text has 2"):
        voice.line("One. Two.", spoken="One and two.")
    with pytest.raises(ValueError, match="give the line a spoken= form"):
        voice.line("Costs 1 bit.", spoken="Costs H(p) bits.")
    assert StubVoice.calls == []


def test_lines_never_overlap_and_cues_sit_on_their_sentence(tmp_path, stub_voice):
    narrator = Narrator(Voice(StubVoice(), cache_dir=tmp_path))
    line = narrator.place("First sentence here. " + "A long second sentence, " * 6 + "done.", 1.0)
    with pytest.raises(RuntimeError, match="would talk over"):
        narrator.place("Too early.", line.end)
    later = narrator.place("On time.", line.free)
    assert later.start == pytest.approx(line.end + SENTENCE_PAUSE)
    for utterance in narrator.lines:
        for cue, start, end in utterance.cues():
            assert len(cue) <= 84
            spans = [
                (s, s + sentence.duration)
                for sentence, s in zip(utterance.sentences, utterance.starts, strict=True)
            ]
            assert any(a - 1e-9 <= start < end <= b + 1e-9 for a, b in spans), cue


def test_the_mix_puts_each_sentence_where_it_was_said(tmp_path, stub_voice):
    narrator = Narrator(Voice(StubVoice(), cache_dir=tmp_path))
    line = narrator.place("Hello there.", 2.0)
    track = narrator.mix(6.0)
    assert len(track) == 6 * SAMPLE_RATE
    start, end = int(line.start * SAMPLE_RATE), int(line.end * SAMPLE_RATE)
    assert not np.any(track[: start - 1]) and not np.any(track[end + 1 :])
    assert np.abs(track[start:end]).max() > 0.1


class _Talk(ExplainerScene):
    hook = "A hook."
    takeaway = "A takeaway."

    def body(self) -> None:
        with self.beat("quick", "This line takes far longer than its one short animation."):
            self.play(FadeIn(Square()), run_time=0.2)
        with self.beat("slow", "Short."):
            self.wait(4.0)  # the picture may run past the voice; the beat waits for both
        with self.beat("two-lines"):
            with self.say("One line.") as first:
                self.play(FadeIn(Square().shift(2 * LEFT)), run_time=0.1)
            drawn = self.time
            second = self.say("And the next one, which waits for the first.")
            self.record = (first, second, drawn)


def test_scene_beats_last_as_long_as_their_speech(tmp_path, stub_voice):
    params = dataclasses.replace(_Talk.Params(), voice="stub")
    scene = dry_run(_Talk, params, voice=None, layout="off")
    for beat in scene.beats:
        assert beat.lines, beat.name
        assert beat.end >= beat.lines[-1].end + BEAT_BREATH - 1e-6
    frame = 1 / quality_named("low").fps  # the dry run's frame rate
    quick = scene.beat_record("quick")
    speech = quick.lines[0].sentences[0].span + BEAT_BREATH
    assert speech <= quick.end - quick.start < speech + frame
    slow = scene.beat_record("slow")
    assert slow.end - slow.start == pytest.approx(4.0, abs=frame)
    first, second, drawn = scene.record
    # The voice waits in whole frames, as a render's clock moves: never early.
    assert first.free <= second.start < first.free + frame
    waited = (second.start - drawn) / frame
    assert waited == pytest.approx(round(waited), abs=0.02)


def test_say_outside_a_beat_and_a_silent_beat_are_refused(stub_voice):
    class Outside(_Talk):
        def body(self) -> None:
            self.say("Nobody is listening.")

    class Mute(_Talk):
        def body(self) -> None:
            with self.beat("mute"):
                self.wait(1)

    with pytest.raises(RuntimeError, match="inside a beat"):
        dry_run(Outside, layout="off")
    with pytest.raises(ValueError, match="beat 'mute' said nothing"):
        dry_run(Mute, layout="off")


def test_a_mastered_track_is_reused_only_for_the_same_sounds_at_the_same_times(
    tmp_path, stub_voice, monkeypatch
):
    """Mastering takes seconds; a warm re-render takes the track from the cache, and any
    other placement (or length) is mastered afresh."""
    import scenes.kit.narration as narration
    from scenes.voice.speech import read_wav

    mastered = []
    real_master = narration.master
    monkeypatch.setattr(
        narration, "master", lambda *a, **k: mastered.append(1) or real_master(*a, **k)
    )

    def track(start: float, length: float, name: str) -> np.ndarray:
        narrator = Narrator(Voice(StubVoice(), cache_dir=tmp_path / "voice"))
        narrator.place("Hello there. And again.", start)
        return read_wav(narrator.write_track(tmp_path / name, length))[0]

    first = track(1.0, 5.0, "a.wav")
    again = track(1.0, 5.0, "b.wav")
    assert len(mastered) == 1
    assert np.array_equal(first, again)
    moved = track(1.5, 5.0, "c.wav")
    longer = track(1.0, 6.0, "d.wav")
    assert len(mastered) == 3
    assert not np.array_equal(moved, first)
    assert len(longer) == 6 * SAMPLE_RATE
