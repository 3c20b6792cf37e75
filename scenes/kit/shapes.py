"""Pictures of simple shapes in a few greys, with exactly the mix of greys asked for.

::

    ░░▒▓██▓▒░░      a ring: the pixels nearest its line are the brightest,
    ░▒▓▒░░▒▓▒░      the farthest the darkest; over all the pictures together
    ▒▓▒░  ░▒▓▒      shade i takes exactly counts[i] pixels
    ...

Data with structure for a model that knows only how often each shade occurs
(part 11): its histogram is the data's mix of greys, yet the pictures hold shapes that
no pixel-by-pixel model can draw. Draw them with :meth:`PixelSamples.paint`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["SHAPES", "shape_pictures"]


def _ring(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -np.abs(np.hypot(x, y) - 0.55)


def _cross(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -np.minimum(np.abs(x), np.abs(y)) - 0.05 * np.hypot(x, y)


def _square(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -np.abs(np.maximum(np.abs(x), np.abs(y)) - 0.55) - 0.02 * np.hypot(x, y)


def _diamond(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -np.abs(np.abs(x) + np.abs(y) - 0.7) - 0.02 * np.hypot(x, y)


def _disc(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -np.hypot(x, y)


# Each shape as closeness to its line at (x, y) in [-1, 1]², higher nearer; a small pull
# toward the centre breaks ties between pixels equally near the line, symmetrically.
SHAPES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "ring": _ring,
    "cross": _cross,
    "square": _square,
    "diamond": _diamond,
    "disc": _disc,
}


def shape_pictures(
    shapes: Sequence[str], counts: Sequence[int], rows: int = 10, cols: int = 10
) -> np.ndarray:
    """Shade indices (darkest 0), shape ``(len(shapes), rows, cols)``: picture ``k`` draws
    ``shapes[k]``, each pixel as bright as it is near the shape's line, and across all the
    pictures shade ``i`` takes exactly ``counts[i]`` pixels (the brightest shade the
    nearest pixels). ``counts`` must add up to every pixel of every picture."""
    unknown = [name for name in shapes if name not in SHAPES]
    if unknown or not shapes:
        raise ValueError(
            f"shapes must name one or more of {', '.join(SHAPES)}, not {list(shapes)!r}"
        )
    if rows < 2 or cols < 2:
        raise ValueError(f"a picture needs at least 2 × 2 pixels, not {rows} × {cols}")
    counts = [int(c) for c in counts]
    total = len(shapes) * rows * cols
    if any(c < 0 for c in counts) or sum(counts) != total:
        raise ValueError(
            f"counts must be whole numbers >= 0 adding up to the {total} pixels of "
            f"{len(shapes)} pictures of {rows} × {cols}, not {counts!r} (sum {sum(counts)})"
        )
    t = lambda n: (np.arange(n) + 0.5) / n * 2 - 1  # noqa: E731 (pixel centres in [-1, 1])
    x, y = np.meshgrid(t(cols), -t(rows))
    fields = np.stack([SHAPES[name](x, y).ravel() for name in shapes])
    # Each pixel's rank by nearness within its own picture (stable: ties keep reading
    # order), so every picture gets its share of each shade; then all the pictures' pixels
    # in rank order, and the shades handed out from the brightest down, each its count.
    ranks = np.argsort(np.argsort(-fields, axis=1, kind="stable"), axis=1, kind="stable")
    order = np.argsort(ranks.T.ravel(), kind="stable")  # rank first, then picture
    order = (order % len(shapes)) * rows * cols + order // len(shapes)
    shades = np.repeat(np.arange(len(counts))[::-1], counts[::-1])
    indices = np.empty(total, dtype=np.int64)
    indices[order] = shades
    return indices.reshape(len(shapes), rows, cols)
