"""Narration into caption cues: at most 84 characters, cut at sentences, then at clauses,
then between words, and nothing lost; the reading time follows the reading rate."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenes.kit.captions import MAX_CUE_CHARS, READING_RATE, reading_time, split_cues

CLAUSE_MARKS = ",;:—–"
SENTENCE_END = re.compile(r"[.!?](?= )")  # in the narration with its whitespace evened out
CLAUSE_END = re.compile(rf"[.!?{CLAUSE_MARKS}](?= )")


def spaced(text: str) -> str:
    return " ".join(text.split())


def boundaries(cues: list[str]) -> set[int]:
    """Where, in the cues joined by single spaces, one cue ends (the space after it)."""
    ends, at = set(), -1
    for cue in cues[:-1]:
        at += 1 + len(cue)
        ends.add(at)
    return ends


def pieces(joined: str, ends: re.Pattern) -> list[str]:
    """``joined`` cut after every match of ``ends``."""
    cuts = [0, *(m.end() for m in ends.finditer(joined)), len(joined)]
    return [joined[a:b].strip() for a, b in itertools.pairwise(cuts)]


# -- narration of every shape, from a small vocabulary (cheap to draw a thousand times) --

WORDS = ["a", "bit", "of", "surprise", "entropy", "is", "average", "the", "model", "pays"]
WORDS += ["1.737", "bits", "0.5", "100", "KL(p‖q)", "cross-entropy", "rare", "outcomes"]
WORDS += ["common", "it's", "H(p,q)", "information-theoretic", "unsurprisingly"]
# After a word: mostly nothing, else clause marks, sentence ends and other punctuation.
MARKS = ["", "", "", "", "", ",", ";", ":", " —", "–", ".", "!", "?", "...", "?!", ")", '"']
# Long sentences: clause marks, but rarely a full stop.
CLAUSES = ["", "", "", "", "", "", "", "", ",", ",", ";", ":", " —", "–", ")", '"', "."]
GAPS = [" ", " ", " ", "  ", "\n", " \t "]


def narration(
    marks: list[str] = MARKS, min_words: int = 1, max_words: int = 100
) -> st.SearchStrategy[str]:
    """Words with punctuation after some of them, joined by uneven whitespace (one draw
    a word, so a thousand examples stay quick)."""
    tokens = [w + m + g for w, m, g in itertools.product(WORDS, marks, GAPS)]
    words = st.lists(st.sampled_from(tokens), min_size=min_words, max_size=max_words)
    return words.map(lambda t: "".join(t).strip())


# -- the rules --------------------------------------------------------------------------


@given(st.one_of(narration(), narration(CLAUSES, min_words=15)))
def test_cues_fit_join_back_and_cut_at_sentences_then_clauses(text):
    cues = split_cues(text)
    joined = spaced(text)
    assert " ".join(cues) == joined  # nothing lost, nothing added
    assert all(cue and cue == cue.strip() and len(cue) <= MAX_CUE_CHARS for cue in cues)
    cuts = boundaries(cues)
    assert all(joined[at] == " " for at in cuts)  # never inside a word
    assert {m.end() for m in SENTENCE_END.finditer(joined)} <= cuts  # every sentence end
    if all(len(clause) <= MAX_CUE_CHARS for clause in pieces(joined, CLAUSE_END)):
        # The clauses fit, so no cut falls between two words of one clause.
        assert cuts <= {m.end() for m in CLAUSE_END.finditer(joined)}
    # Reading the cues takes the narration's time, less the spaces between cues.
    total = sum(reading_time(c) for c in cues)
    assert total == pytest.approx(reading_time(joined) - len(cuts) / READING_RATE)


@given(narration(["", "", "", "", "", "", "", "."], min_words=10, max_words=150))
def test_sentences_without_clause_marks_are_cut_only_where_needed(text):
    cues = split_cues(text)
    sentences = pieces(spaced(text), SENTENCE_END)
    assert cues == [cue for sentence in sentences for cue in split_cues(sentence)]
    for sentence in sentences:
        inside = split_cues(sentence)
        if len(sentence) <= MAX_CUE_CHARS:
            assert inside == [sentence]
        else:  # cut near the middle each time: neighbours are not both short
            assert all(
                len(a) + 1 + len(b) > MAX_CUE_CHARS / 2 for a, b in itertools.pairwise(inside)
            )


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("One bit halves the possibilities.", ["One bit halves the possibilities."]),
        ("  Spaces,\n  evened   out. ", ["Spaces, evened out."]),
        ("It costs 1.737 bits. Then 1.000 bit!", ["It costs 1.737 bits.", "Then 1.000 bit!"]),
        ("", []),
        (
            "A fair coin believed rigged pays 3.32 bits for every tail, and half the flips "
            "are tails: 1.737 bits on average.",
            [
                "A fair coin believed rigged pays 3.32 bits for every tail,",
                "and half the flips are tails: 1.737 bits on average.",
            ],
        ),
    ],
)
def test_worked_examples(text, cues):
    assert split_cues(text) == cues


def test_a_single_word_longer_than_a_cue_stays_whole():
    url = "https://example.org/" + "a" * 80
    assert split_cues(f"See {url} now.") == ["See", url, "now."]


# -- reading time ------------------------------------------------------------------------


def test_reading_time_is_length_over_the_reading_rate():
    assert READING_RATE == 15.0  # subtitle guidelines: 15 to 17 characters a second
    assert reading_time("") == 0
    assert reading_time("x" * 84) == pytest.approx(5.6)  # a full cue: 84 / 15 s
    assert reading_time("One bit halves the possibilities.") == pytest.approx(33 / 15)
    halves = reading_time("One bit.") + reading_time(" Two bits.")
    assert reading_time("One bit. Two bits.") == pytest.approx(halves)
