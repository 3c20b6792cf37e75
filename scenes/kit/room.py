"""Room for a scene's last picture: the part of the stage the takeaway banner leaves free.

The closing beat lays the takeaway banner over the live picture at the top of the frame
and fades out whatever it covers. A scene whose last picture should stay whole while
the takeaway is said builds it inside :func:`room_below_banner`::

    room = room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula())
"""

from __future__ import annotations

from scenes.kit.cards import takeaway_banner
from scenes.kit.stage import Region, Stage
from scenes.theme import current_theme

__all__ = ["room_below_banner"]


def room_below_banner(stage: Stage, line: str, formula: str | None = None) -> Region:
    """The main band of ``stage`` under the takeaway banner that shows ``line`` and
    ``formula`` (and a "Next" line), less the theme's ``space.s``."""
    # Any one-line title of what comes next makes the banner this tall.
    banner = takeaway_banner(line, formula, "Next")
    top = stage.safe.top - banner.height - current_theme().space.s
    main = stage.main
    return Region("below banner", main.left, main.right, main.bottom, min(top, main.top))
