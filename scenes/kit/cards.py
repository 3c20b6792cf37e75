"""The title every scene opens with, and the takeaway banner it closes with."""

from __future__ import annotations

from manim import DOWN, LEFT, ORIGIN, RIGHT, Line, RoundedRectangle, VGroup

from scenes.kit.text import Formula, Txt
from scenes.theme import current_theme

__all__ = ["takeaway_banner", "title_card"]

# The banner's text wraps at this width (manim units): it spans the stage's header.
BANNER_TEXT_WIDTH = 11.6


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


def takeaway_banner(line: str, formula: str | None = None, following: str | None = None) -> VGroup:
    """The takeaway over the live picture: a panel holding "KEY IDEA", the ``line``
    (plain words, shown literally), an optional ``formula`` (Typst maths) and, small,
    what comes next. Parts: ``[panel, kicker, line]`` then the formula and the next title
    when given."""
    theme = current_theme()
    space = theme.space
    kicker = Txt("KEY IDEA", "label", "highlight")
    text = Txt(line, "body", width=BANNER_TEXT_WIDTH, align="left")
    rows = VGroup(text)
    if formula:
        rows.add(Formula(formula, size="body"))
    rows.arrange(DOWN, buff=space.s, aligned_edge=LEFT)
    content = VGroup(kicker, rows).arrange(DOWN, buff=space.xs, aligned_edge=LEFT)
    extras = []
    if following:
        extras.append(Txt(f"Next: {following}", "small", "muted"))
        extras[0].next_to(content, DOWN, buff=space.xs).align_to(content, RIGHT)
    body = VGroup(content, *extras)
    panel = RoundedRectangle(
        corner_radius=0.12,
        width=max(body.width, BANNER_TEXT_WIDTH) + 2 * space.m,
        height=body.height + 2 * space.s,
        stroke_color=theme.color.faint,
        stroke_width=1.5,
        fill_color=theme.color.panel,
        fill_opacity=0.94,
    ).move_to(body)
    if extras:
        extras[0].align_to(panel, RIGHT).shift(space.m * LEFT)
    content.align_to(panel, LEFT).shift(space.m * RIGHT)
    return VGroup(panel, kicker, text, *rows[1:], *extras)
