"""Text, formulas and number read-outs, all typeset by Typst in the theme's font.

Everything on screen that reads as words or maths goes through these three
classes, so one type scale and one font run through every scene, and the layout
check can find every piece of text by its type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import ClassVar

import numpy as np
from manim import (
    DL,
    DOWN,
    RIGHT,
    SCALE_FACTOR_PER_FONT_POINT,
    Animation,
    ManimColor,
    MathTypst,
    Typst,
    VGroup,
    VMobject,
    smooth,
)

from scenes.kit.glyph_copy import rescale_cached_strokes, share_parsed_paths
from scenes.kit.mobject_copy import copy_plain_values_directly
from scenes.kit.typst_cache import share_typst_cache_safely
from scenes.theme import current_theme

__all__ = [
    "Formula",
    "NumberText",
    "Reading",
    "Readout",
    "Txt",
    "escape",
    "format_value",
    "log_symbol",
    "log_words",
    "plain_markup",
    "plain_words",
    "read_readouts",
    "readouts_in",
    "resolve_color",
    "size_of",
    "tinted",
    "unit_word",
]

# manim compiles Typst at 10 pt and then scales: 1 pt = font_size / 960 units.
_UNITS_PER_PT_PER_FONT_SIZE = 1 / 960

copy_plain_values_directly()  # every animation copies; see scenes/kit/mobject_copy.py
share_parsed_paths()  # every scene copies text; see scenes/kit/glyph_copy.py
share_typst_cache_safely()  # processes share the Typst cache; see scenes/kit/typst_cache.py

# A coloured part of a formula, `{{ H(p) : entropy }}`: its maths, then its role.
_GROUP = re.compile(r"\{\{\s*(.*?)\s*:\s*\w+\s*\}\}")

_TYPST_SPECIALS = re.compile(r"([\\#$*_`<>@\[\]~=\-+/\"'])")

# Plain text (Txt's default) is split into what Typst reads as it is and what it must show
# literally: a `\$` (a dollar sign), a span made by `tinted` (its colour), a `$...$` span
# (maths); everything between them is shown as written.
_TINT_OPEN = '#text(fill: rgb("'
_PLAIN_SPANS = re.compile(
    r"(?P<dollar>\\\$)"
    r'|(?P<tint>#text\(fill: rgb\("\#[0-9A-Fa-f]{6}"\)\)\['
    r'(?:\$[^$]*\$|#"(?:\\.|[^"\\])*"|[^\]\\$#])*\])'
    r"|(?P<maths>\$[^$]*\$)"
)
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def escape(text: str) -> str:
    """Escape Typst markup so ``text`` shows literally inside markup (``Txt(..., markup=True)``).

    Plain :class:`Txt` needs no escaping: it shows its text as written.
    """
    return _TYPST_SPECIALS.sub(r"\\\1", text)


def _literal(run: str) -> str:
    """Typst source that shows ``run`` exactly as written, line breaks included.

    Each piece is a Typst string (``#"..."``), which markup never reinterprets. An
    apostrophe inside a word ("coin's") stays outside the strings, so Typst sets it as
    the typographic one, as in any text; every other quote mark is shown straight.
    """
    pieces = (
        p.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        for p in _APOSTROPHE.split(run)
    )
    return "'".join(f'#"{p}"' if p else "" for p in pieces)


def plain_markup(text: str) -> str:
    """Typst source for plain ``text``: shown as written, except ``$...$`` spans (maths) and
    spans made by :func:`tinted` (coloured); ``\\$`` is a dollar sign, a newline breaks the line.
    """
    source, start = [], 0
    for span in _PLAIN_SPANS.finditer(text):
        source.append(_literal(text[start : span.start()]))
        source.append('#"$"' if span["dollar"] else span[0])
        start = span.end()
    source.append(_literal(text[start:]))
    return "".join(source)


def size_of(size: str | float) -> float:
    """A type-scale role (``"body"``) or an explicit font size, as a font size."""
    if isinstance(size, str):
        try:
            return getattr(current_theme().size, size)
        except AttributeError:
            raise ValueError(f"unknown type-scale role {size!r}") from None
    return float(size)


def resolve_color(color: str | ManimColor | None, default: str = "text") -> ManimColor:
    """A palette role (``"p"``, ``"surprise"``) or a manim colour, as a colour."""
    palette = current_theme().color
    if color is None:
        return palette[default]
    if isinstance(color, str) and color in palette.__dataclass_fields__:
        return palette[color]
    return ManimColor(color)


def tinted(text: str, color: str | ManimColor) -> str:
    """``text`` (plain text or ``$maths$``, as :class:`Txt` takes it) in a palette role or
    colour, to put inside a :class:`Txt`: ``Txt(f"reality {tinted('$p$', 'p')}")``."""
    return f'{_TINT_OPEN}{resolve_color(color).to_hex()}"))[{plain_markup(text)}]'


def _preamble(width: float | None, font_size: float, align: str) -> str:
    theme = current_theme()
    lines = [
        f'#set text(font: "{theme.font}")',
        f'#show math.equation: set text(font: "{theme.math_font}")',
        "#set par(justify: false, leading: 0.55em)",
        f"#set align({align})",
    ]
    if width is not None:
        # Wrap at `width` manim units: convert to the points Typst lays out in.
        pts = width / (font_size * _UNITS_PER_PT_PER_FONT_SIZE)
        lines.append(f"#set page(width: {pts:.1f}pt)")
    return "\n".join(lines)


class Txt(Typst):
    """Words in the theme font, shown as written.

    ``text`` is plain text: ``Txt("+")`` shows a plus sign, ``Txt("1. first")`` those
    characters. Two things in it are not plain: ``$...$`` is inline Typst maths
    (``Txt("reality $p$")``, a dollar sign is ``\\$``), and a piece made by
    :func:`tinted` keeps its colour. A newline breaks the line. For Typst markup
    (``*bold*``, ``_italic_``, ``#underline[...]``) pass ``markup=True``; then
    :func:`escape` shows a string literally inside it.

    ``size`` is a type-scale role or a font size, ``color`` a palette role or a
    colour. With ``width`` (manim units) the text wraps. ``text`` is kept as
    ``.text``, the Typst source made from it as ``.markup``.
    """

    def __init__(
        self,
        text: str,
        size: str | float = "body",
        color: str | ManimColor | None = None,
        *,
        width: float | None = None,
        align: str = "left",
        markup: bool = False,
        **kwargs,
    ):
        if not text.strip():
            # Typst draws nothing, and a text without height breaks everything that
            # measures it (its font size, its baseline) far from here.
            raise ValueError(
                f"Txt({text!r}): there is no text to show. A chart's outcome needs a name; "
                "to leave a label out of the picture, hide it (label.set_opacity(0))"
            )
        font_size = size_of(size)
        self.text = text
        self.markup = text if markup else plain_markup(text)
        super().__init__(
            self.markup,
            font_size=font_size,
            color=resolve_color(color),
            typst_preamble=_preamble(width, font_size, align),
            **kwargs,
        )
        rescale_cached_strokes(self)


class Formula(MathTypst):
    """Display maths whose parts are coloured by meaning.

    Mark a part with manim's group syntax and name its palette role as the
    label: ``Formula("{{ H(p) : entropy }} = sum_x {{ p(x) : p }} "
    "{{ log_2 1/p(x) : surprise }}")``. Every labelled part takes that role's
    colour; ``formula.part("surprise")`` returns it for animation. Labels that
    are not palette roles are allowed and stay in the text colour. A role used
    twice gets a suffix: ``{{ p(x) : p_1 }}`` is coloured as ``p``.
    """

    def __init__(
        self,
        expression: str,
        size: str | float = "formula",
        color: str | ManimColor | None = None,
        **kwargs,
    ):
        font_size = size_of(size)
        self.expression = expression
        super().__init__(
            expression,
            font_size=font_size,
            color=resolve_color(color),
            typst_preamble=_preamble(None, font_size, "center"),
            **kwargs,
        )
        rescale_cached_strokes(self)
        palette = current_theme().color
        for label in self._user_label_keys():
            role = re.sub(r"_\d+$", "", label)
            if role in palette.__dataclass_fields__:
                self.select(label).set_color(palette[role])

    def part(self, label: str) -> VGroup:
        """The sub-formula labelled ``label``."""
        return self.select(label)


def unit_word(unit: str, value: float | None = None) -> str:
    """The unit as a word: ``bits`` (``bit`` for exactly one), ``nats``, ``base-10 units``."""
    if unit in ("bits", "nats"):
        return unit[:-1] if value is not None and round(value, 12) == 1 else unit
    return f"base-{unit:g} units" if isinstance(unit, int | float) else str(unit)


def alternatives(names: Sequence[str]) -> str:
    """Names as spoken alternatives: ``sun, cloud, rain or snow`` (one name: itself)."""
    names = list(names)
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


def log_symbol(unit: str | float) -> str:
    """Typst *maths* for the logarithm that matches ``unit``: ``log_2``, ``ln`` or ``log_(b)``.

    For a :class:`Formula` or a ``$...$`` span, never for narration: speak
    :func:`log_words` instead (narration refuses markup, see :func:`plain_words`).
    """
    if unit == "bits":
        return "log_2"
    if unit == "nats":
        return "ln"
    return f"log_({unit:g})"


def log_words(unit: str | float) -> str:
    """The logarithm of ``unit`` as narration speaks it: ``log base 2``, ``natural log``,
    ``log base 10``; the words for what :func:`log_symbol` writes."""
    if unit == "bits":
        return "log base 2"
    if unit == "nats":
        return "natural log"
    return f"log base {unit:g}"


# Characters that mean Typst markup or maths, never spoken words: `$p$`, `log_2`, `#text`,
# `*bold*`, `{{ part : role }}`, `2^n`, `\`.
_MARKUP_IN_WORDS = re.compile(r"[$_#*{}^\\]")


def plain_words(narration: str, where: str = "narration") -> str:
    """``narration`` if it is words; a ``ValueError`` naming ``where`` if it holds markup.

    Narration becomes captions, transcripts and (later) a voice: ``log_2`` or ``$p$`` there
    is read out letter by letter. Say ``log_words(unit)``, "p", "two to the n" instead.
    """
    found = _MARKUP_IN_WORDS.search(narration)
    if found:
        start = max(found.start() - 20, 0)
        raise ValueError(
            f"{where} contains Typst markup ({found[0]!r} in "
            f"{narration[start : found.end() + 20]!r}); narration is spoken words: use "
            "log_words(unit) rather than log_symbol(unit), and plain words for maths"
        )
    return narration


def format_value(value: float, decimals: int = 3) -> str:
    """How a read-out prints a number: fixed decimals, ``∞`` for infinity.

    Rounds half up on the number as written (its shortest decimal form), as a viewer
    would by hand: 190/400 = 0.475 shows as 0.48, where ``f"{0.475:.2f}"`` gives 0.47
    because the float is a hair below 0.475. Zero never shows a minus sign.
    """
    value = float(value)
    if math.isnan(value):
        raise ValueError("format_value got NaN: a read-out needs a number")
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    step = Decimal(1).scaleb(-decimals)
    # Enough digits for any float: quantize must never run out of precision.
    exact = Context(prec=400 + max(decimals, 0))
    shown = Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP, context=exact)
    return f"{shown.copy_abs() if shown.is_zero() else shown:f}"


@dataclass(frozen=True)
class Reading:
    """What a read-out shows, read from what was drawn: ``H(p, q) = 1.737 bits``.

    ``label`` is the Typst source the label's glyphs were typeset from, colour groups
    read as their maths (``{{ H : entropy }}(p)`` reads ``H(p)``; ``None`` for a bare
    number), ``text`` the characters the number's glyphs were built from, ``unit``
    the unit word drawn after it (``None`` if there is none). ``value`` is the number
    the scene passed in, for exact comparisons; ``text`` is what a viewer reads.
    """

    label: str | None
    text: str
    unit: str | None
    value: float

    def __str__(self) -> str:
        label = f"{self.label} =" if self.label is not None else None
        return " ".join(part for part in (label, self.text, self.unit) if part is not None)


class Readout(VGroup):
    """A labelled number, e.g. ``H(p) = 1.369 bits``, that always shows a computed value.

    ``label`` is Typst maths (or ``None`` for a bare number). ``value`` must come
    from :mod:`infotheory`; ``key`` names the read-out so tests can find it and
    compare what it shows (:meth:`read`) with the maths. Change the number with
    :meth:`set_value` or animate it with :meth:`animate_to`; :meth:`track`
    keeps it following a function (a tracker dot, a slider).
    """

    def __init__(
        self,
        label: str | None,
        value: float,
        *,
        unit: str | None = "bits",
        decimals: int = 3,
        key: str | None = None,
        color: str | ManimColor | None = None,
        label_color: str | ManimColor | None = None,
        size: str | float = "body",
    ):
        super().__init__()
        font_size = size_of(size)
        self.key = key
        self.unit = unit
        self.decimals = decimals
        self.value = float(value)
        self._color = resolve_color(color)
        self.number = NumberText(0.0, decimals=decimals, size=font_size, color=self._color)
        self.label = None
        if label is not None:
            # Typeset "label = 0" and drop the 0: what is left is the label, and the
            # 0 tells where the number starts and where the baseline runs.
            self.label = Formula(f"{label} = 0", size=font_size, color=label_color)
            zero = max(self.label.submobjects, key=lambda m: m.get_right()[0])
            typeset_size = self.label.font_size
            self.label.remove(zero)
            # font_size is measured from the height; keep it true without the 0.
            self.label.initial_height = self.label.height / (
                typeset_size * SCALE_FACTOR_PER_FONT_POINT
            )
            self._anchor = np.array([zero.get_left()[0], zero.get_bottom()[1], 0.0])
            self.add(self.label)
        else:
            self._anchor = np.zeros(3)
        self.add(self.number)
        self.unit_text = None
        if unit is not None:
            self.unit_text = Txt(unit_word(unit, value), size=font_size, color="muted")
            self.add(self.unit_text)
        self.set_value(value)

    @property
    def shown(self) -> str:
        """The number as drawn: the characters its glyphs were built from."""
        return self.number.drawn_text

    def read(self) -> Reading:
        """The label, number and unit as drawn."""
        unit = self.unit_text.text if self.unit_text is not None else None
        label = None
        if self.label is not None:
            # The maths as read: colour groups `{{ H : entropy }}` are just their `H`.
            label = _GROUP.sub(r"\1", self.label.expression.removesuffix(" = 0"))
        return Reading(label, self.shown, unit, self.value)

    @property
    def _baseline_left(self) -> np.ndarray:
        # Where the number starts, on the baseline; follows the group when it moves.
        if self.label is not None:
            return self.label.get_corner(DL) + self._anchor_offset
        return self.number.get_corner(DL)

    def set_value(self, value: float) -> Readout:
        """Show ``value`` (and the singular or plural unit that goes with it)."""
        if not hasattr(self, "_anchor_offset"):
            corner = self.label.get_corner(DL) if self.label is not None else np.zeros(3)
            self._anchor_offset = self._anchor - corner
        anchor = self._baseline_left
        self.value = float(value)
        self.number.set_value(self.value)
        self.number.shift(anchor - self.number.get_corner(DL))
        if self.unit_text is not None:
            word = unit_word(self.unit, self.value)
            if word != self.unit_text.text:
                new = Txt(word, size=self.number.font_size, color="muted")
                self.unit_text.become(new)
                self.unit_text.text, self.unit_text.markup = new.text, new.markup
            self.unit_text.next_to(self.number, RIGHT, buff=0.18)
            self.unit_text.align_to(self.number, DOWN)
        return self

    def track(self, value_of: Callable[[], float]) -> Readout:
        """Keep showing ``value_of()`` on every frame (until :meth:`untrack`)."""
        self.add_updater(lambda m: m.set_value(value_of()))
        return self

    def untrack(self) -> Readout:
        """Stop following the function set by :meth:`track`."""
        self.clear_updaters()
        return self

    def animate_to(self, value: float, **kwargs) -> Animation:
        """Count the number from its current value to ``value``."""
        return _CountTo(self, value, **kwargs)


class NumberText(VMobject):
    """A number typeset in the theme font that changes value cheaply, every frame if need be.

    Each glyph is typeset by Typst once per size and cached as bare outlines;
    :meth:`set_value` only copies those outlines into place. (Manim's
    ``DecimalNumber`` deep-copies a whole mobject per glyph per frame, which made
    live read-outs the slowest thing in a scene.) A new value keeps the
    bottom-left corner, which for digits is the left end of the baseline.
    """

    _glyphs: ClassVar[dict[tuple[str, float, str], tuple[np.ndarray, float]]] = {}

    def __init__(
        self,
        value: float,
        *,
        decimals: int = 3,
        size: str | float = "body",
        color: str | ManimColor | None = None,
    ):
        super().__init__(fill_opacity=1, stroke_width=0)
        self.decimals = decimals
        self.font_size = size_of(size)
        self.text = ""
        self.set_fill(resolve_color(color), opacity=1)
        self.set_value(value)

    @classmethod
    def _glyph(cls, char: str, font_size: float) -> tuple[np.ndarray, float]:
        """Outline points of ``char`` relative to its baseline-left point, and its width."""
        key = (char, font_size, current_theme().font)
        if key not in cls._glyphs:
            # Typeset next to a zero, whose bottom is the baseline.
            pair = Typst(
                f"0{escape(char)}",
                font_size=font_size,
                typst_preamble=_preamble(None, font_size, "left"),
            )
            zero, *rest = sorted(pair.submobjects, key=lambda m: m.get_left()[0])
            points = np.concatenate(
                [m.points for g in rest for m in g.get_family() if m.has_points()]
            )
            baseline_left = np.array([points[:, 0].min(), zero.get_bottom()[1], 0.0])
            cls._glyphs[key] = (points - baseline_left, float(np.ptp(points[:, 0])))
        return cls._glyphs[key]

    def set_value(self, value: float) -> NumberText:
        self.value = float(value)
        self.text = format_value(self.value, self.decimals)
        gap = 0.06 * self.font_size / 48
        x = 0.0
        outlines = []
        for char in self.text:
            points, width = self._glyph(char, self.font_size)
            outlines.append(points + np.array([x, 0.0, 0.0]))
            x += width + gap
        corner = self.get_corner(DL) if self.has_points() else np.zeros(3)
        self.set_points(np.concatenate(outlines))
        self._typeset = _outline_shape(self.points)
        self.shift(corner - self.get_corner(DL))
        return self

    @property
    def drawn_text(self) -> str:
        """The characters the glyphs were built from, once the outline is checked to be
        still theirs (moved or scaled, not morphed into something else)."""
        if not _same_outline(self.points, self._typeset):
            raise ValueError(
                f"NumberText no longer shows {self.text!r}: its outline was changed "
                "without set_value (a Transform onto it?)"
            )
        return self.text

    def scale(self, factor: float, **kwargs) -> NumberText:
        super().scale(factor, **kwargs)
        self.font_size *= factor  # later values are typeset at the new size
        return self


def _outline_shape(points: np.ndarray) -> np.ndarray:
    """Outline points with position and size taken out: the shape of the glyphs."""
    width = float(np.ptp(points[:, 0])) if len(points) else 0.0
    return (points - points.min(axis=0)) / (width or 1.0)


# How far (a share of the number's width) a curve drawn may lie from the typeset outline.
_OUTLINE_TOLERANCE = 0.005


def _curve_samples(points: np.ndarray, per_curve: int) -> np.ndarray:
    """Points along each cubic Bezier curve of an outline (x and y)."""
    curves = points[: len(points) // 4 * 4].reshape(-1, 4, 3)[:, :, :2]
    t = np.linspace(0.0, 1.0, per_curve)[:, None]
    weights = np.hstack([(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3])
    return np.einsum("sk,ckd->csd", weights, curves).reshape(-1, 2)


def _same_outline(points: np.ndarray, typeset: np.ndarray) -> bool:
    """Whether ``points`` draw the outline ``typeset`` (an :func:`_outline_shape`), moved
    or scaled. A Transform that ends where it began (``TransformFromCopy`` onto the
    number) leaves the same outline cut into more curves, so past the quick test of the
    very points the curves drawn are compared: each piece lies on the typeset outline,
    and every typeset corner is still drawn."""
    if len(points) == 0 or len(typeset) == 0:
        return len(points) == len(typeset)
    now = _outline_shape(points)
    if now.shape == typeset.shape and np.allclose(now, typeset, atol=1e-6):
        return True
    from scipy.spatial import cKDTree

    drawn = _curve_samples(now, 5)
    outline = _curve_samples(typeset, 33)
    corners = typeset[::4, :2]
    return bool(
        cKDTree(outline).query(drawn)[0].max() < _OUTLINE_TOLERANCE
        and cKDTree(drawn).query(corners)[0].max() < _OUTLINE_TOLERANCE
    )


class _CountTo(Animation):
    def __init__(self, readout: Readout, target: float, rate_func=smooth, **kwargs):
        self.start_value = readout.value
        self.target = float(target)
        super().__init__(readout, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)  # Animation hands over raw time, not eased time
        if alpha >= 1:
            value = self.target  # exactly, not start + (target - start) in floating point
        elif np.isinf(self.target):
            value = self.start_value
        else:
            value = self.start_value + (self.target - self.start_value) * alpha
        self.mobject.set_value(value)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_value(self.target)  # whatever the rate function ends on


def read_readouts(mobjects: Iterable[VMobject]) -> dict[str, Reading]:
    """What every keyed read-out among ``mobjects`` shows, read from the drawing.

    The one way the kit records what a beat showed (:class:`~scenes.kit.BeatRecord`)
    and tests read it back.
    """
    return {key: readout.read() for key, readout in readouts_in(mobjects).items()}


def readouts_in(mobjects) -> Mapping[str, Readout]:
    """Every keyed :class:`Readout` among ``mobjects`` and their descendants."""
    found: dict[str, Readout] = {}
    for mob in mobjects:
        for sub in mob.get_family():
            if isinstance(sub, Readout) and sub.key is not None:
                found[sub.key] = sub
    return found
