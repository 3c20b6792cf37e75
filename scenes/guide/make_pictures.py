"""Draw the pictures of scenes/GUIDE.md: one small PNG per kit component.

    .venv/bin/python scenes/guide/make_pictures.py            # all, into scenes/guide/
    .venv/bin/python scenes/guide/make_pictures.py bars veil  # just these

Each picture is the component as a scene would build it, in the default (dark)
theme unless its name says otherwise, cropped to the component at the pixel
density of a 480p render (60 pixels per unit), so what you see is what a draft
render shows. The ``password-*`` pictures are whole frames: the last frame of a beat
of the worked example, from a dry run of the scene. Re-run after changing a component
or that scene; commit the PNGs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
PIXELS_PER_UNIT = 854 / (8 * 16 / 9)  # a 480p frame: 854 pixels over 14.2 units
PAD = 0.3


def snapshot(build: Callable[[], object], dst: Path, theme: str = "dark") -> Path:
    """Build a mobject with ``build()`` in ``theme`` and save it, cropped, as a PNG.

    A ``build`` that returns an image (a scene's still) is saved as it is.
    """
    from manim import tempconfig
    from PIL import Image

    from scenes.dryrun import typst_settings
    from scenes.kit.camera import picture_of
    from scenes.theme import theme_used

    with theme_used(theme), tempconfig(typst_settings()):
        built = build()
        image = (
            built
            if isinstance(built, Image.Image)
            else picture_of(built, pixels_per_unit=PIXELS_PER_UNIT, pad=PAD)
        )
    # An adaptive palette keeps the files small; the flat colours survive it.
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(dst, optimize=True)
    return dst


@cache
def scene_stills(slug: str) -> Path:
    """Every beat's last frame of scene ``slug`` at 480p, from one dry run (kept until
    the process ends)."""
    import atexit
    import shutil
    import tempfile

    from scenes.dryrun import dry_run
    from scenes.registry import find

    folder = Path(tempfile.mkdtemp(prefix=f"guide-{slug}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    dry_run(find(slug).load(), env={"EXPLAINER_STILLS": str(folder)})
    return folder


def still(slug: str, beat: str) -> Callable[[], object]:
    """A builder for the last frame of ``beat`` in scene ``slug``, as a render shows it."""

    def build():
        from PIL import Image

        (path,) = scene_stills(slug).glob(f"??-{beat}.png")
        return Image.open(path).convert("RGB")

    return build


def done(animation) -> None:
    """Jump an animation to its end, as a render would leave it."""
    animation.begin()
    animation.interpolate(1)
    animation.finish()


# -- the pictures -------------------------------------------------------------------


def text():
    from manim import DOWN, LEFT, VGroup

    from scenes.kit import Formula, Readout, Txt

    return VGroup(
        Txt("Txt: plain words, + and - as typed, maths $p = 1/2$", "body"),
        Txt("with markup=True: *bold*, _italic_", "body", markup=True),
        Formula("{{ H(p) : entropy }} = sum_x {{ p(x) : p }} {{ log_2 1/p(x) : surprise }}"),
        Readout("H(p)", 1.3689955935892812, key="H", color="entropy"),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.4)


def bars():
    from manim import UP

    import infotheory as it
    from scenes.kit import DistributionBars

    chart = DistributionBars(it.thick_coin(edge=0.1), role="p", key="p", height=3.0)
    chart.add(chart.surprises(key="S").shift(0.05 * UP))
    return chart


def strip():
    from manim import DOWN, RIGHT, VGroup

    import infotheory as it
    from scenes.kit import AverageStrip

    blocks = AverageStrip(it.thick_coin(edge=0.1), width=4, unit_height=0.9)
    level = AverageStrip(it.thick_coin(edge=0.1), width=4, unit_height=0.9)
    levelled = VGroup(level.baseline, level.labels, level.level_target(), level.average_line())
    return VGroup(VGroup(blocks, blocks.block_readouts()), levelled).arrange(
        RIGHT, buff=1.0, aligned_edge=DOWN
    )


def ruler():
    from manim import DOWN, LEFT, UP, VGroup

    import infotheory as it
    from scenes.kit import QuantityBar, Ruler, SpeechBubble

    die = float(it.surprisal(1 / 6))
    scale = Ruler(6, unit_length=0.7)
    bars = VGroup(
        QuantityBar([1.0], unit_length=0.7, thickness=0.35, role="surprise", values=False),
        QuantityBar(
            [die, die], total=2 * die, unit_length=0.7, thickness=0.35, role="surprise", decimals=3
        ),
    )
    for k, bar in enumerate(bars):
        bar.shift(scale.zero + (0.6 + 1.1 * k) * UP - bar.origin)
    pictured = VGroup(scale.gridlines(2.6), scale, bars[0].blocks, bars[1])
    bubble = SpeechBubble("I call two 6s", "label").next_to(pictured, UP).align_to(scale, LEFT)
    return VGroup(bubble, pictured).arrange(DOWN, aligned_edge=LEFT)


def cross_entropy():
    from manim import VGroup

    from scenes.kit import CrossEntropyCurve

    curve = CrossEntropyCurve.for_coin(0.7, width=6.0, height=3.4)
    curve.add_slider(0.3)
    return VGroup(curve, curve.gap_marker())


def stacked():
    import infotheory as it
    from scenes.kit import StackedBar

    return StackedBar(it.fair_coin(), it.rigged_coin(0.9), unit_height=1.6, width=0.9)


def quantity():
    from manim import DOWN, RIGHT, VGroup

    import infotheory as it
    from scenes.kit import QuantityBar

    digit = it.entropy(it.uniform(10))
    pin = QuantityBar(
        [digit] * 4,
        labels=list("7309"),
        total=it.entropy_of_draws(it.uniform(10), 4),
        total_label='"PIN"',
        unit_length=0.36,
    )
    pxy = it.correlated_coins(0.8)
    h_x = it.entropy(it.marginals(pxy)[0])
    pair = QuantityBar(
        [h_x, it.conditional_entropy(pxy)],
        labels=["$H(X)$", "$H(Y | X)$"],
        total=it.joint_entropy(pxy),
        total_label="H(X, Y)",
        direction="up",
        unit_length=1.4,
        thickness=0.7,
    )
    return VGroup(pin, pair).arrange(RIGHT, buff=1.2, aligned_edge=DOWN)


def joint():
    import infotheory as it
    from scenes.kit import JointGrid

    grid = JointGrid(it.correlated_coins(0.8), ["heads", "tails"], ["heads", "tails"])
    return grid.add(grid.margins)  # as the grid stands once both margins are poured


def plots():
    from manim import RIGHT, VGroup

    import infotheory as it
    from scenes.kit import CurvePlot, SurprisePlot

    surprise = SurprisePlot(y_max=6, width=4.6, height=3.2)
    surprise.add_surprise_tracker(0.25, x_label="p")
    x, h = it.binary_entropy_curve(num=200)
    curve = CurvePlot(
        x,
        h,
        x_range=(0, 1),
        y_range=(0, 1.1),
        x_ticks=(0.5, 1),
        y_ticks=(0.5, 1),
        x_label="p",
        y_label="H",
        role="entropy",
        width=3.4,
        height=3.2,
    )
    return VGroup(surprise, curve).arrange(RIGHT, buff=1.0, aligned_edge=RIGHT * 0)


def props():
    from manim import RIGHT, VGroup

    from scenes.kit import Coin, Die

    return VGroup(
        Coin("heads"),
        Coin("tails"),
        Coin("edge", thickness=0.3),
        Die(3),
        Die(6),
    ).arrange(RIGHT, buff=0.5)


def chances():
    from manim import DOWN, VGroup

    import infotheory as it
    from scenes.kit import ChanceStrip

    die = ChanceStrip(it.fair_die(6), width=6)
    done(die.light("4"))
    pairs = [f"{a}{b}" for a in range(1, 7) for b in range(1, 7)]
    two = ChanceStrip(it.uniform(pairs), width=6)
    done(two.light("66"))
    return VGroup(die, two).arrange(DOWN, buff=0.4)


def ghost():
    from scenes.kit import DistributionBars, GhostBars

    p, q = (0.5, 0.25, 0.15, 0.1), (0.2, 0.4, 0.3, 0.1)
    model = DistributionBars(q, ("sun", "cloud", "rain", "snow"), role="q", key="q", height=4)
    GhostBars(model, p).attach()
    return model


def stream():
    import numpy as np

    from scenes.kit import SampleStream

    draws = np.random.default_rng(7).choice(4, size=200, p=(0.5, 0.25, 0.15, 0.1))
    flow = SampleStream(("sun", "cloud", "rain", "snow"), draws, height=4.0, drop_height=3.2)
    return flow.show(200)


def fog():
    from manim import RIGHT, Group

    from scenes.kit import FoggedShape
    from scenes.kit.fog import silhouette

    thick = FoggedShape("person", level=0.8, height=2.6, role="p", fog_width=3.2, fog_height=3.4)
    clear = FoggedShape("person", level=0.3, height=2.6, role="p", fog_width=3.2, fog_height=3.4)
    icons = Group(*(silhouette(s, height=0.8) for s in ("person", "tree", "lamp", "deer")))
    icons.arrange(RIGHT, buff=0.35)
    return Group(thick, clear, icons).arrange(RIGHT, buff=0.4)


def veil():
    from manim import RIGHT, VGroup

    from scenes.kit import DistributionBars, Veil

    def hidden(density: float) -> VGroup:
        bars = DistributionBars((0.5, 0.25, 0.15, 0.1), ("sun", "cloud", "rain", "snow"), height=4)
        fog = Veil(bars.bars.width + 0.5, 2.6, density=density).move_to(bars.bars)
        return VGroup(bars, fog)

    return VGroup(hidden(1.0), hidden(0.45)).arrange(RIGHT, buff=0.8)


def pixels():
    from manim import RIGHT, Group

    from scenes.kit import PixelImage
    from scenes.kit.pixels import face_pixels

    values = face_pixels(100, 256, 7)
    image = PixelImage(values, width=3.2)
    marker = image.block_marker(30, 30, 4)
    blowup = image.magnify(30, 30, 4, cell=0.55).next_to(image, RIGHT, buff=1.0)
    return Group(image, marker, blowup, image.zoom_lines(marker, blowup))


def samples():
    from scenes.kit import PixelSamples

    return PixelSamples((0.4, 0.25, 0.15, 0.12, 0.08), count=4, rows=6, cols=6, pixel=0.22)


def knobs():
    from manim import DOWN, VGroup

    from scenes.kit import Knobs, PixelSamples, shape_pictures
    from scenes.kit.pixel_samples import shade

    mix = (0.4, 0.25, 0.15, 0.12, 0.08)
    counts = [round(share * 300) for share in mix]  # three pictures of 10 × 10 pixels
    pictures = PixelSamples(mix, count=3, rows=10, cols=10, pixel=0.16)
    pictures.paint(shape_pictures(["ring", "cross", "square"], counts))
    dials = Knobs(
        [-1, -0.5, 0, 0.5, 1], radius=0.28, spacing=0.9, colors=[shade(i, 5) for i in range(5)]
    )
    return VGroup(pictures, dials).arrange(DOWN, buff=0.5)


def roadmap():
    from scenes.kit import RoadMap, information_stations

    road = RoadMap(information_stations(), direction="column")
    return road.light(2)


def theme_dark():
    import infotheory as it
    from scenes.kit import DistributionBars

    return DistributionBars(it.thick_coin(edge=0.1), role="q", key="q", height=2.4)


PICTURES: dict[str, tuple[Callable[[], object], str]] = {
    "text": (text, "dark"),
    "bars": (bars, "dark"),
    "strip": (strip, "dark"),
    "stacked": (stacked, "dark"),
    "cross-entropy": (cross_entropy, "dark"),
    "quantity": (quantity, "dark"),
    "joint": (joint, "dark"),
    "knobs": (knobs, "dark"),
    "plots": (plots, "dark"),
    "props": (props, "dark"),
    "chances": (chances, "dark"),
    "ruler": (ruler, "dark"),
    "ghost": (ghost, "dark"),
    "stream": (stream, "dark"),
    "fog": (fog, "dark"),
    "veil": (veil, "dark"),
    "pixels": (pixels, "dark"),
    "samples": (samples, "dark"),
    "roadmap": (roadmap, "dark"),
    "password-one": (still("password-bits", "one"), "dark"),
    "password-all": (still("password-bits", "all"), "dark"),
    "password-alphabet": (still("password-bits", "alphabet"), "dark"),
    "theme-dark": (theme_dark, "dark"),
    "theme-light": (theme_dark, "light"),
}


def main(names: list[str]) -> None:
    unknown = sorted(set(names) - set(PICTURES))
    if unknown:
        sys.exit(f"unknown picture(s) {', '.join(unknown)}; pictures: {', '.join(PICTURES)}")
    for name in names or PICTURES:
        build, theme = PICTURES[name]
        path = snapshot(build, HERE / f"{name}.png", theme)
        print(f"{path.relative_to(HERE.parents[1])}  {path.stat().st_size / 1000:.0f} kB")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere
    np.seterr(all="ignore")
    main(sys.argv[1:])
