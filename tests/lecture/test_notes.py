"""A scene's narration and key formulas, from a dry run of a tiny scene."""

from __future__ import annotations

import pytest
from manim import VGroup, Write

from scenes.kit import ExplainerScene, Formula, Readout
from scenes.lecture.notes import (
    collect_notes,
    is_key_formula,
    plain_formula,
    readable_formula,
    render_card,
    render_formula,
)
from scenes.registry import SceneEntry
from scenes.theme import current_theme


class TinyScene(ExplainerScene):
    hook = "How tiny can a scene be?"
    takeaway = "Tiny."

    def body(self) -> None:
        with self.beat("label", "An axis label is not a key formula."):
            self.add(Formula("p"))
        with self.beat("define", "Here is a definition, inside a group."):
            self.play(Write(VGroup(Formula("{{ S(p) : surprise }} = log_2 1/{{ p : p }}"))))
            self.add(Readout("S(1/2)", 1.0))
        with self.beat("again", "Shown twice, listed once."):
            self.add(Formula("{{ S(p) : surprise }} = log_2 1/{{ p : p }}"), Formula("x < y"))


TINY = SceneEntry(None, "tiny", __name__, "TinyScene", "Tiny")


def test_plain_formula_drops_the_colour_groups_even_nested():
    assert plain_formula("{{ S(p) : surprise }} = log_2 1/{{ p : p }}") == "S(p) = log_2 1/p"
    assert plain_formula("{{ p_A : p_1 }}  {{ q : q }}") == "p_A q"
    nested = "{{ H(p, q) : cross_entropy }} = sum_x {{ log_2 1/{{ q(x) : q }} : surprise }}"
    assert plain_formula(nested) == "H(p, q) = sum_x log_2 1/q(x)"


@pytest.mark.parametrize(
    ("expression", "text"),
    [
        (
            '{{ "KL"(p || q) : kl }} = 0 quad "only when" quad q = p',
            "KL(p ‖ q) = 0 only when q = p",
        ),
        ("{{ H(p, q_theta) : cross_entropy }} >= sum_x p", "H(p, q_θ) ≥ Σ_x p"),
        ('"possible images" = 256^(10000)', "possible images = 256^10000"),
        ("S(p) != log_2 1/p", "S(p) ≠ log₂ 1/p"),
    ],
)
def test_readable_formula(expression, text):
    assert readable_formula(expression) == text


@pytest.mark.parametrize(
    ("expression", "key"),
    [
        ("p", False),
        ("S(p)", False),
        (">", False),
        ("H(p) = 1", True),
        ("a < b", True),
        ("x approx y", True),
    ],
)
def test_key_formulas_state_a_relation(expression, key):
    assert is_key_formula(expression) is key


@pytest.mark.slow
def test_notes_come_from_a_dry_run(tmp_path):
    notes = collect_notes(TINY)
    assert notes.hook == "How tiny can a scene be?"
    assert [b.name for b in notes.beats] == ["opening", "label", "define", "again", "takeaway"]
    assert notes.beat("define").narration == "Here is a definition, inside a group."
    assert all(b.end > b.start for b in notes.beats)
    # Read-out labels and axis labels are left out; a formula shown twice is listed once.
    assert [(f.text, f.beat) for f in notes.formulas] == [
        ("S(p) = log₂ 1/p", "define"),
        ("x < y", "again"),
    ]
    png = render_formula(notes.formulas[0].expression, tmp_path / "f.png")
    from PIL import Image

    with Image.open(png) as image:
        assert image.width > image.height > 50
        colours = {c for _, c in image.convert("RGB").getcolors(1 << 20)}
    background = current_theme().color.background.to_int_rgb()
    assert tuple(int(c) for c in background) in colours  # the theme's background
    assert len(colours) > 10  # and the formula drawn on it


@pytest.mark.slow
def test_gathered_notes_are_cached_by_source_key(tmp_path, monkeypatch):
    import scenes.lecture.notes as notes_module

    first = notes_module.gather_notes([TINY], key=lambda e: "k" * 40, cache=tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1

    def no_dry_run(entry, overrides=None):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(notes_module, "collect_notes", no_dry_run)
    again = notes_module.gather_notes([TINY], key=lambda e: "k" * 40, cache=tmp_path)
    assert again == first
    with pytest.raises(AssertionError, match="cache should have answered"):
        notes_module.gather_notes([TINY], key=lambda e: "changed", cache=tmp_path)


@pytest.mark.slow
def test_title_card_fills_the_frame_in_the_theme(tmp_path):
    from PIL import Image

    png = render_card("Kicker", "A title", "3 parts · 1:00", tmp_path / "c.png", 320, 180)
    with Image.open(png) as image:
        assert image.size == (320, 180)
        colours = image.convert("RGB").getcolors(1 << 20)
    background = tuple(int(c) for c in current_theme().color.background.to_int_rgb())
    assert max(colours)[1] == background  # mostly background
    assert len(colours) > 10  # with text on it
