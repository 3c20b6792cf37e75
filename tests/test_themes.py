"""The themes: the light palette reads on white, and the dark one kept its look."""

from __future__ import annotations

import pytest

from scenes.theme import DARK, LIGHT, THEMES, current_theme, theme_used, use_theme

# Roles that are drawn as text somewhere (labels, read-outs, formulas).
TEXT_ROLES = [
    "text",
    "muted",
    "p",
    "q",
    "surprise",
    "entropy",
    "cross_entropy",
    "kl",
    "highlight",
    "good",
    "bad",
]


def luminance(color) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color.to_rgb())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
@pytest.mark.parametrize("role", TEXT_ROLES)
def test_text_roles_meet_wcag_aa_on_the_background(theme, role):
    assert contrast(theme.color[role], theme.color.background) >= 4.5


def test_both_themes_define_every_role():
    assert set(DARK.color.__dataclass_fields__) == set(LIGHT.color.__dataclass_fields__)
    assert LIGHT.color.background.to_hex() == "#FFFFFF"


def test_fog_is_lighter_than_the_night_and_paler_than_the_text_by_day():
    # Dark: the mist and wisps are the muted and text colours they always were.
    assert DARK.color.mist == DARK.color.muted and DARK.color.wisp == DARK.color.text
    assert luminance(DARK.color.mist) > luminance(DARK.color.background)
    # Light: a pale haze, far from the near-black text that made it look like smoke.
    assert luminance(LIGHT.color.mist) > 3 * luminance(LIGHT.color.muted)
    assert contrast(LIGHT.color.mist, LIGHT.color.background) < 2.5


def test_a_theme_used_for_a_block_is_switched_back_even_after_an_error():
    before = use_theme("dark")
    with theme_used("light") as theme:
        assert theme is LIGHT and current_theme() is LIGHT
    assert current_theme() is before
    with pytest.raises(RuntimeError), theme_used("light"):
        raise RuntimeError("a scene failed")
    assert current_theme() is before
    with theme_used(None) as theme:
        assert theme is before
    with pytest.raises(ValueError, match="unknown theme 'sepia'"), theme_used("sepia"):
        pass
    assert current_theme() is before
