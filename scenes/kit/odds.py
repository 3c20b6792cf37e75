"""The odds of one event as a picture: a strip of all chances, with the event's share lit.

A :class:`ChanceStrip` is one bar standing for probability 1, cut into one cell
per outcome, each cell as wide as its outcome's probability. Lighting the cells
of an event shows its probability as a share of the whole: half the strip for
heads, one cell in six for a die face, one in thirty-six for a double six.
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import AnimationGroup, Rectangle, VGroup

from scenes.kit.bars import probs_and_labels
from scenes.kit.text import resolve_color
from scenes.theme import current_theme

__all__ = ["ChanceStrip"]


class ChanceStrip(VGroup):
    """All the chances of ``dist`` side by side: cell *i* is ``p_i`` of the strip's ``width``.

    ``dist`` is an :class:`infotheory.Distribution` (or a probability vector with
    ``outcomes``); it is validated, never normalised. Cells start unlit, in the
    panel colour; :meth:`light` animates the cells of the given outcomes into
    palette role ``role``. :meth:`probability` sums the lit share from the
    distribution itself, so a read-out next to the strip shows the maths.
    """

    def __init__(
        self,
        dist,
        outcomes: Sequence[str] | None = None,
        *,
        width: float = 5.0,
        height: float = 0.4,
        role: str = "p",
    ):
        super().__init__()
        self.probs, self.outcomes = probs_and_labels(dist, outcomes, "outcomes")
        self.role = role
        self.strip_width = width
        theme = current_theme()
        # Thin gaps between many narrow cells, wider ones between a few broad cells.
        edge = 3.0 if len(self.probs) <= 12 else 1.5
        self.cells = VGroup()
        x = -width / 2
        for p in self.probs:
            w = float(p) * width
            cell = Rectangle(
                width=max(w, 1e-3),
                height=height,
                fill_color=theme.color.faint,
                fill_opacity=1,
                stroke_color=theme.color.background,
                stroke_width=edge,
            )
            cell.move_to([x + w / 2, 0, 0])
            self.cells.add(cell)
            x += w
        self.lit: list[str] = []
        self.add(self.cells)

    def cell(self, outcome: str) -> Rectangle:
        """The cell of ``outcome``."""
        try:
            return self.cells[self.outcomes.index(outcome)]
        except ValueError:
            raise KeyError(
                f"unknown outcome {outcome!r}; outcomes are: {', '.join(self.outcomes)}"
            ) from None

    def probability(self, *outcomes: str) -> float:
        """The total probability of ``outcomes`` (the lit share when called with no argument)."""
        chosen = outcomes or tuple(self.lit)
        for o in chosen:
            self.cell(o)  # raises KeyError naming the outcomes
        return float(sum(self.probs[self.outcomes.index(o)] for o in set(chosen)))

    def light(self, *outcomes: str, lag_ratio: float = 0.0, **kwargs) -> AnimationGroup:
        """Fill the cells of ``outcomes`` with the strip's role colour."""
        color = resolve_color(self.role)
        cells = [self.cell(o) for o in outcomes]
        self.lit.extend(o for o in outcomes if o not in self.lit)
        return AnimationGroup(
            *(c.animate.set_fill(color, opacity=1) for c in cells), lag_ratio=lag_ratio, **kwargs
        )

    def lit_cells(self) -> VGroup:
        """The lit cells, in outcome order."""
        return VGroup(*(self.cell(o) for o in self.outcomes if o in self.lit))
