"""Pinned pictures: small copies of each beat's last frame, compared with a tolerance.

The scene tests' dry runs save the last frame of every beat at 480p
(``EXPLAINER_STILLS``); :func:`pin_picture` halves it to 240p, the size the pins in
``tests/pins/<scene>/<NN-beat>.png`` are kept at. :func:`compare` follows manim's
own frame tests (``manim.utils.testing.frames_comparison``): a channel value may be
off by a few levels (antialiasing differs a little between Cairo builds), and a
tiny share of values may be off by more; anything else is a changed picture.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

__all__ = [
    "PINS",
    "REPIN",
    "Difference",
    "compare",
    "load_pin",
    "pin_picture",
    "save_diff",
    "save_pin",
]

PINS = Path(__file__).resolve().parents[1] / "pins"
# `make pins` sets this: the picture tests then write the pins instead of checking them.
REPIN = os.environ.get("EXPLAINER_REPIN") == "1"

# A channel value within this many levels (of 255) of the pin matches it.
ABSOLUTE_TOLERANCE = 3
# Values off by more are tolerated up to this share of all values (0.01 %: ~30 at 240p),
# for the odd edge pixel that one Cairo build rounds the other way.
MISMATCH_RATIO_TOLERANCE = 1e-4
# The pins are drawn at half the 480p the dry runs use.
REDUCTION = 2


def pin_picture(still: Path) -> np.ndarray:
    """A 480p still as its 240p pin: each 2x2 block of pixels averaged, RGB, uint8."""
    with Image.open(still) as image:
        return np.asarray(image.convert("RGB").reduce(REDUCTION))


def load_pin(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def save_pin(picture: np.ndarray, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(picture).save(path, format="PNG", optimize=True)


@dataclass(frozen=True)
class Difference:
    """How a picture differs from its pin: ``ok`` when within the tolerance."""

    mismatched: int  # channel values off by more than ABSOLUTE_TOLERANCE
    total: int
    largest: int  # the largest difference, in levels
    shape_changed: bool = False

    @property
    def ok(self) -> bool:
        return not self.shape_changed and self.mismatched <= MISMATCH_RATIO_TOLERANCE * self.total

    def __str__(self) -> str:
        if self.shape_changed:
            return "the picture changed size"
        return (
            f"{self.mismatched} of {self.total} channel values differ by more than "
            f"{ABSOLUTE_TOLERANCE} levels (at most {self.largest})"
        )


def _off(now: np.ndarray, pinned: np.ndarray) -> np.ndarray:
    return np.abs(now.astype(np.int16) - pinned.astype(np.int16))


def compare(now: np.ndarray, pinned: np.ndarray) -> Difference:
    if now.shape != pinned.shape:
        return Difference(0, pinned.size, 0, shape_changed=True)
    off = _off(now, pinned)
    return Difference(int((off > ABSOLUTE_TOLERANCE).sum()), off.size, int(off.max()))


def save_diff(now: np.ndarray, pinned: np.ndarray, path: Path) -> Path:
    """Pinned | now | where they differ (red), side by side, as a PNG at ``path``."""
    if now.shape != pinned.shape:
        height = max(now.shape[0], pinned.shape[0])
        pad = lambda a: np.pad(a, ((0, height - a.shape[0]), (0, 0), (0, 0)))  # noqa: E731
        strip = np.concatenate([pad(pinned), pad(now)], axis=1)
    else:
        differs = (_off(now, pinned) > ABSOLUTE_TOLERANCE).any(axis=-1)
        faint = (now // 3).astype(np.uint8)  # the new picture, dimmed, to place the red
        faint[differs] = (255, 0, 0)
        strip = np.concatenate([pinned, now, faint], axis=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(strip.astype(np.uint8)).save(path, format="PNG")
    return path
