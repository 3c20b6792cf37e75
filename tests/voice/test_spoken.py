"""The spoken form: what captions write, said as a person would say it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenes.voice.spoken import spoken_form, unspeakable


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("H(p, q) = 1.737 bits.", "H of p and q equals 1.737 bits."),
        ("KL(p‖q) ≥ 0.000", "K L of p from q is at least 0"),
        ("Every flip costs 1.000 bit.", "Every flip costs 1 bit."),
        ("a share of 0.50", "a share of 0.5"),
        ("1/6 times 1/6", "one sixth times one sixth"),
        ("190/400", "190 over 400"),
        ("Surprise is log 1/p.", "Surprise is log of 1 over p."),
        ("log₂ 1/q(heads)", "log base 2 of 1 over q of heads"),
        ("q = softmax(θ)", "q equals softmax of theta"),
        ("Σ p log 1/p", "the sum of p log of 1 over p"),
        ('H("fair", "rigged")', "H of fair and rigged"),
        ("ln 2", "natural log 2"),
        ("256^10", "256 to the power 10"),
        ("24,083 digits", "24,083 digits"),
    ],
)
def test_written_forms_are_said_in_words(written, said):
    assert spoken_form(written) == said
    assert unspeakable(said) == []


@pytest.mark.parametrize(
    ("text", "culprit"),
    [
        ("H(p) is", "("),
        ("q = p", "="),
        ("costs 1.000 bit", "1.000"),
        ("x_i", "_"),
        ("log₂ n", "₂"),
        ("2^n", "^"),
        ("KL(p‖q)", "‖"),
    ],
)
def test_unspeakable_names_what_a_voice_would_read_badly(text, culprit):
    assert culprit in unspeakable(text)


# Narration-like text built from the notation the scenes use.
_pieces = st.sampled_from(
    [
        "H(p)", "H(p, q)", "KL(p‖q)", "q(heads)", "log 1/p", "log₂ 1/q", "=", "≥", "+",
        "1.000", "0.50", "2.585", "1/6", "θ", "Σ", "bits", "the model", "reality", ",",
        "softmax(θ)", "×", "0.000", "p", "q",
    ]
)  # fmt: skip


@given(st.lists(_pieces, min_size=1, max_size=12))
def test_every_notation_the_scenes_use_comes_out_speakable(pieces):
    assert unspeakable(spoken_form(" ".join(pieces))) == []
