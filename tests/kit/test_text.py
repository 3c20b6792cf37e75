"""Plain text stays plain: Txt shows what it is given; markup only when asked; narration
refuses markup."""

from __future__ import annotations

import numpy as np
import pytest
from manim import FadeIn, Typst

from scenes.dryrun import dry_run
from scenes.kit import ExplainerScene, Txt, escape, log_symbol, log_words, plain_words, tinted
from scenes.theme import current_theme


def outline(mob: Typst) -> np.ndarray:
    """Every glyph's outline, relative to the text's corner: what the viewer sees."""
    points = np.concatenate([m.points for m in mob.family_members_with_points()])
    return points - points.min(axis=0)


def looks_like(a: Typst, b: Typst) -> bool:
    pa, pb = outline(a), outline(b)
    return pa.shape == pb.shape and np.allclose(pa, pb, atol=1e-6)


@pytest.mark.parametrize(
    ("plain", "typst"),
    [
        ("+", r"\+"),  # a bare + was a numbered list: "1."
        ("- minus", r"\- minus"),
        ("1. first", r"1\. first"),
        ("= heading", r"\= heading"),
        ("*not bold* and _not italic_", r"\*not bold\* and \_not italic\_"),
        (
            "#hash, @at, <label>, [brackets], a\\b, ~, //",
            escape("#hash, @at, <label>, [brackets], a\\b, ~, //"),
        ),
        (r"costs \$5", r"costs \$5"),
        ("'", r"\'"),  # a password character, not a typographic quote
        ("say \"hi\" to 'x'", escape("say \"hi\" to 'x'")),
    ],
)
def test_plain_text_shows_as_written(plain, typst):
    # The reference is hand-escaped Typst markup, compiled the ordinary way.
    assert looks_like(Txt(plain), Txt(typst, markup=True))
    assert Txt(plain).text == plain


def test_a_plus_is_one_glyph_not_a_list_number():
    plus, listed = Txt("+"), Txt("+", markup=True)
    assert len(plus.family_members_with_points()) == 1
    assert not looks_like(plus, listed)  # what Typst makes of a bare + as markup


def test_maths_spans_and_quotes_read_as_before():
    for text in ("reality $p$", "surprise $log_2 1/p$", "model $q_theta$", "A coin's model"):
        assert looks_like(Txt(text), Txt(text, markup=True)), text


def test_markup_only_when_asked():
    bold = Txt("*bold*", markup=True)
    assert len(bold.family_members_with_points()) == 4  # b o l d, in bold
    assert len(Txt("*bold*").family_members_with_points()) == 6  # the stars too


@pytest.mark.parametrize("blank", ["", "  ", "\n"])
def test_empty_text_is_refused_where_it_is_made(blank):
    # It used to pass here and fail far away: "ZeroDivisionError" from its font size.
    with pytest.raises(ValueError, match=r"Txt\(.*\): there is no text to show"):
        Txt(blank)


def test_a_chart_with_an_unnamed_outcome_says_so():
    from scenes.kit import AverageStrip

    with pytest.raises(ValueError, match=r"Txt\(''\).*set_opacity"):
        AverageStrip([0.9, 0.1], labels=["common", ""])


def test_a_newline_breaks_the_line():
    one, two = Txt("more"), Txt("more\nsurprising")
    assert two.height > 1.8 * one.height
    assert looks_like(two, Txt("more \\ surprising", markup=True))


def test_tinted_pieces_keep_their_colour_in_plain_text():
    theme = current_theme()
    text = Txt(f"model {tinted('$q$', 'q')} of {tinted('a+b', 'p')}", "label", "muted")
    colours = [m.get_fill_color().to_hex() for m in text.family_members_with_points()]
    q, p, muted = (theme.color[r].to_hex() for r in ("q", "p", "muted"))
    assert colours == [muted] * 5 + [q] + [muted] * 2 + [p] * 3
    # and they work inside markup too
    marked = Txt(f"*model* {tinted('$q$', 'q')}", markup=True)
    assert marked.family_members_with_points()[-1].get_fill_color().to_hex() == q


def test_narration_words_for_the_logarithm():
    assert [log_words(u) for u in ("bits", "nats", 10)] == [
        "log base 2",
        "natural log",
        "log base 10",
    ]
    assert plain_words(f"the {log_words('bits')} of 8 is 3") == "the log base 2 of 8 is 3"


@pytest.mark.parametrize(
    "line",
    [
        f"the {log_symbol('bits')} of 8 is 3",
        "reality $p$",
        f"model {tinted('$q$', 'q')}",
        "*loud*",
        "{{ H : entropy }}",
        "2^10",
    ],
)
def test_markup_in_narration_is_refused(line):
    with pytest.raises(ValueError, match="narration contains Typst markup"):
        plain_words(line, "narration")


class _Leaky(ExplainerScene):
    hook = "What does a log say?"
    takeaway = "Words, not markup."

    def body(self) -> None:
        with self.beat("log", f"Surprise is the {log_symbol(self.unit)} of one over p."):
            self.play(FadeIn(Txt("log")))


def test_a_scene_speaking_markup_fails_at_that_beat():
    with pytest.raises(
        ValueError, match=r"_Leaky, beat 'log': the narration contains Typst markup \('_'"
    ):
        dry_run(_Leaky, layout="off")
