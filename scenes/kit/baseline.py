"""Set a row of words on one baseline.

Laying words out by their boxes (``next_to(..., DOWN)``) puts their *tops* in a
line, so "person" (no ascender) sits higher than "tree" beside it, and a
careful viewer sees the row wobble. :func:`align_baselines` moves each word so
the baselines agree, as type is set on a page.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import Mobject, Typst, VGroup

from scenes.kit.text import Txt

__all__ = ["align_baselines", "baseline_of"]


def baseline_of(text: Txt) -> float:
    """The screen ``y`` of ``text``'s baseline (a single line of plain :class:`Txt`)."""
    # Typeset "x" + the same markup: the x sits on the baseline, the rest is the text.
    probe = Typst(
        "x" + text.markup,
        font_size=text.font_size,
        typst_preamble=text.typst_preamble,
    )
    glyphs = sorted(probe.family_members_with_points(), key=lambda m: m.get_left()[0])
    x_bottom = glyphs[0].get_bottom()[1]
    rest_bottom = VGroup(*glyphs[1:]).get_bottom()[1]
    return float(text.get_bottom()[1] - (rest_bottom - x_bottom))


def align_baselines(texts: Iterable[Mobject], y: float | None = None) -> list[Mobject]:
    """Move each :class:`Txt` vertically so all sit on the baseline ``y``.

    Without ``y`` they share the lowest baseline among them (nothing moves up
    into what is above). Returns the texts.
    """
    texts = list(texts)
    baselines = [baseline_of(t) for t in texts]
    target = min(baselines) if y is None else y
    for t, b in zip(texts, baselines, strict=True):
        t.shift(np.array([0.0, target - b, 0.0]))
    return texts
