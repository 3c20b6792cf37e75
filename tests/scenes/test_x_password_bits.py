"""Extra scene `password-bits`: the bits shown are n log2 N, worked by hand, and follow
the parameters."""

from __future__ import annotations

import math
import string

import pytest

from scenes.extras.password_bits import PasswordBits, PasswordBitsParams
from scenes.params import ParamsError, apply_overrides, parse_assignments
from scenes.registry import EXTRAS, find

SHORTER = PasswordBitsParams(length=8, alphabet="alphanumeric", smaller="digits")


def test_it_is_an_extra_with_its_title():
    entry = find("password-bits")
    assert entry in EXTRAS and entry.stem == "x-password-bits"
    assert entry.title == "How many bits is a password?"


def test_reference_values_worked_by_hand(play):
    # 94 printable characters: log2 94 = 6.5546 bits each, 12 of them 78.655 bits;
    # 26 lower-case letters: log2 26 = 4.7004 bits each, 12 of them 56.405 bits;
    # one character's chance: 1/94 = 0.0106.
    scene = play(PasswordBits)
    one = scene.beat_record("one").readouts
    assert one["char"] == (pytest.approx(math.log2(94), abs=1e-12), "6.55")
    assert one["p"] == (pytest.approx(1 / 94, abs=1e-15), "0.011")
    every = scene.beat_record("all").readouts
    assert every["password.total"] == (pytest.approx(12 * math.log2(94), abs=1e-12), "78.66")
    smaller = scene.beat_record("alphabet").readouts
    assert smaller["char"] == (pytest.approx(math.log2(26), abs=1e-12), "4.70")
    assert smaller["fewer.total"] == (pytest.approx(12 * math.log2(26), abs=1e-12), "56.41")
    assert smaller["password.total"][1] == "78.66"  # the first row stays for comparison


def test_the_narration_speaks_the_numbers_shown(play):
    scene = play(PasswordBits)
    assert "94 printable characters" in scene.beat_record("one").narration
    assert "log base 2 of 94: 6.55 bits" in scene.beat_record("one").narration
    assert "78.66 bits in all" in scene.beat_record("all").narration
    record = scene.beat_record("alphabet")
    assert "lower-case letters alone" in record.narration
    assert "4.70 bits: 56.41 in all" in record.narration


def test_changed_parameters_change_the_numbers_and_the_narration(play):
    # 8 characters of letters and digits: 8 log2 62 = 8 × 5.9542 = 47.63 bits;
    # 8 digits: 8 log2 10 = 8 × 3.3219 = 26.58 bits.
    default, changed = play(PasswordBits), play(PasswordBits, SHORTER)
    every = changed.beat_record("all")
    assert every.readouts["password.total"] == (
        pytest.approx(8 * math.log2(62), abs=1e-12),
        "47.63",
    )
    assert "Each of the 8 characters" in every.narration
    smaller = changed.beat_record("alphabet")
    assert smaller.readouts["fewer.total"] == (pytest.approx(8 * math.log2(10), abs=1e-12), "26.58")
    assert "From digits alone" in smaller.narration
    assert smaller.narration != default.beat_record("alphabet").narration
    assert all(not b.problems for b in changed.beats)


def test_nats_follow_the_unit(play):
    # ln 94 = 4.5433 nats a character; 12 of them 54.52 nats.
    scene = play(PasswordBits, PasswordBitsParams(unit="nats"))
    assert scene.beat_record("one").readouts["char"][1] == "4.54"
    assert "natural log of 94: 4.54 nats" in scene.beat_record("one").narration
    assert scene.beat_record("all").readouts["password.total"][1] == "54.52"


def test_the_example_password_is_drawn_from_its_alphabet():
    params = PasswordBitsParams()
    shown = params.example("printable")
    assert "".join(shown) == "_6#[2+;vfCA?"  # markup characters, shown as typed
    assert all(c in string.printable and not c.isspace() for c in shown)
    assert all(c in string.ascii_lowercase for c in params.example("lower"))
    assert len(params.characters("printable")) == 94


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("length=3", "length must be a whole number from 4 to 12, not 3"),
        ("length=13", "length must be a whole number from 4 to 12, not 13"),
        ("alphabet=emoji", "alphabet must be one of digits, lower, .*, not 'emoji'"),
        ("smaller=printable", r"smaller \(printable\) must have fewer characters"),
        ("seed=-1", "seed must be a whole number >= 0"),
        ("unit=bytes", "unit"),
    ],
)
def test_invalid_parameters_are_refused_with_the_reason(assignment, message):
    with pytest.raises(ParamsError, match=message):
        apply_overrides(PasswordBitsParams(), parse_assignments([assignment]))
