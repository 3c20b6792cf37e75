"""One palette and one type scale for every scene.

Scenes and components never write a hex colour or a font size: they ask the
current theme for a *role* (``theme.color.p``, ``theme.size.body``). Swapping the
theme object (``use_theme("light")``) re-skins every scene without touching it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from manim import ManimColor

from scenes.params import chosen_theme

__all__ = [
    "THEMES",
    "Palette",
    "Spacing",
    "Theme",
    "TypeScale",
    "current_theme",
    "theme_used",
    "use_theme",
]


@dataclass(frozen=True)
class Palette:
    """Colours by meaning. The same quantity keeps the same colour in every scene."""

    background: ManimColor
    text: ManimColor
    muted: ManimColor  # secondary text, axes, neutral shapes
    faint: ManimColor  # grid lines, inactive outlines
    panel: ManimColor  # fill behind grouped content
    p: ManimColor  # the true distribution ("reality")
    q: ManimColor  # the model
    surprise: ManimColor
    entropy: ManimColor
    cross_entropy: ManimColor
    kl: ManimColor
    highlight: ManimColor
    object: ManimColor  # physical props: coins, dice
    good: ManimColor
    bad: ManimColor
    mist: ManimColor  # fog and veils over what cannot be seen clearly yet
    wisp: ManimColor  # the streaks drifting in a veil, a shade off the mist

    @classmethod
    def from_hex(cls, **roles: str) -> Palette:
        return cls(**{role: ManimColor(value) for role, value in roles.items()})

    def __getitem__(self, role: str) -> ManimColor:
        """Look a role up by name, e.g. ``palette["surprise"]``."""
        if role not in self.__dataclass_fields__:
            roles = ", ".join(self.__dataclass_fields__)
            raise KeyError(f"unknown colour role {role!r}; roles are: {roles}")
        return getattr(self, role)


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in manim units (``font_size``), largest to smallest.

    ``minimum`` is the smallest size that stays legible at 480p; the layout check
    rejects anything smaller.
    """

    title: float = 60
    heading: float = 44
    formula: float = 44
    body: float = 34
    label: float = 28
    small: float = 24
    minimum: float = 22


@dataclass(frozen=True)
class Spacing:
    """The gaps between things, in manim units: scenes pick one of these, never a number.

    ``xs`` between a value and its unit or a label and its mark, ``s`` between a chart and
    its labels, ``m`` between neighbouring elements, ``l`` between groups, ``xl`` between
    the halves of the stage.
    """

    xs: float = 0.12
    s: float = 0.22
    m: float = 0.35
    l: float = 0.6  # noqa: E741 (the size name, as xs/s/m/l/xl)
    xl: float = 1.0


@dataclass(frozen=True)
class Theme:
    """Everything visual that is shared: palette, type scale, font, spacing."""

    name: str
    color: Palette
    size: TypeScale = field(default_factory=TypeScale)
    # Typst ships this font inside the `typst` wheel, so text looks the same on
    # every machine with no system fonts or TeX installed.
    font: str = "New Computer Modern"
    math_font: str = "New Computer Modern Math"
    # Nothing may come closer than this to the frame edge (manim units).
    margin: float = 0.35
    # Default gap between neighbouring elements (``space.m`` and its kin for the rest).
    gap: float = 0.3
    space: Spacing = field(default_factory=Spacing)
    stroke: float = 3.0


DARK = Theme(
    name="dark",
    color=Palette.from_hex(
        background="#0E1117",
        text="#ECEFF4",
        muted="#9AA4B5",
        faint="#3B4252",
        panel="#1A1F2B",
        p="#58C4DD",  # blue: reality
        q="#F5A55A",  # orange: our model
        surprise="#F06292",  # magenta
        entropy="#7BD389",  # green
        cross_entropy="#B39DDB",  # violet
        kl="#EF5350",  # red: the extra cost of a wrong model
        highlight="#FFE066",
        object="#D9B36C",
        good="#7BD389",
        bad="#EF5350",
        mist="#9AA4B5",  # lighter than the night: glowing haze
        wisp="#ECEFF4",
    ),
)

# For bright lecture halls and print: every role that can be text keeps a contrast of at
# least 4.5:1 on white (WCAG AA); fog is a pale haze, not a dark smoke.
LIGHT = Theme(
    name="light",
    color=Palette.from_hex(
        background="#FFFFFF",
        text="#1B1F27",
        muted="#5B6475",
        faint="#D5D9E0",
        panel="#F1F3F7",
        p="#1F6FB2",
        q="#B35500",
        surprise="#B0245E",
        entropy="#2E7D32",
        cross_entropy="#5E35B1",
        kl="#C62828",
        highlight="#9A6F00",
        object="#A8782A",
        good="#2E7D32",
        bad="#C62828",
        mist="#AEB7C4",
        wisp="#7D8898",
    ),
)

THEMES: dict[str, Theme] = {t.name: t for t in (DARK, LIGHT)}


def _theme_named(name: str) -> Theme:
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; choose one of: {', '.join(THEMES)}")
    return THEMES[name]


# Worker processes and plain `manim` runs pick the theme up from the environment.
_current: Theme = _theme_named(chosen_theme())


def current_theme() -> Theme:
    """The theme new mobjects are built with."""
    return _current


def use_theme(name: str | Theme) -> Theme:
    """Switch the theme for everything built from now on; returns it."""
    global _current
    _current = name if isinstance(name, Theme) else _theme_named(name)
    return _current


@contextmanager
def theme_used(name: str | Theme | None) -> Iterator[Theme]:
    """Build in theme ``name`` inside the block (``None``: the current one), then
    switch back to the theme that was current before it."""
    before = _current
    try:
        yield use_theme(name if name is not None else before)
    finally:
        use_theme(before)
