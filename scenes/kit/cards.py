"""The title card every scene opens with, also drawn as the full explainer's poster."""

from __future__ import annotations

from manim import DOWN, ORIGIN, Line, VGroup

from scenes.kit.text import Txt
from scenes.theme import current_theme

__all__ = ["title_card"]


def title_card(kicker: str, title: str, below: str | None = None) -> VGroup:
    """Kicker in small capitals, the title, a highlight rule, then an optional line below.

    Parts in order: ``[kicker, title, rule]`` plus ``below`` when given; centred.
    All three texts are plain: shown as written.
    """
    card = VGroup(
        Txt(kicker.upper(), "label", "muted"),
        Txt(title, "title"),
    ).arrange(DOWN, buff=0.35)
    rule = Line(
        card.get_left(), card.get_right(), color=current_theme().color.highlight, stroke_width=2
    ).next_to(card, DOWN, buff=0.35)
    card.add(rule)
    if below:
        card.add(Txt(below, "body", "muted", width=11, align="center"))
        card[-1].next_to(rule, DOWN, buff=0.45)
    return card.move_to(ORIGIN)
