"""The scene kit: theme-aware components every scene is built from.

``from scenes.kit import *`` gives a scene the base class, the components and the
layout check; ``from manim import *`` gives it manim.
"""

from scenes.kit.bars import AverageStrip, DistributionBars, fit_bars, surprise_readout
from scenes.kit.base import BeatRecord, ExplainerScene, SceneParams
from scenes.kit.baseline import align_baselines
from scenes.kit.fog import FoggedShape
from scenes.kit.ghost import GhostBars
from scenes.kit.layout import (
    LayoutError,
    allow_offscreen,
    allow_overlap,
    keep_clear,
    layout_problems,
)
from scenes.kit.odds import ChanceStrip
from scenes.kit.pixel_samples import PixelSamples
from scenes.kit.pixels import PixelImage
from scenes.kit.plots import CurvePlot, SurprisePlot
from scenes.kit.props import Coin, Die
from scenes.kit.roadmap import RoadMap, Station, information_stations
from scenes.kit.samples import DrawsParams, RealityAndModel, SampleStream, Scatter
from scenes.kit.stacked import StackedBar
from scenes.kit.text import (
    Formula,
    Readout,
    Shown,
    Txt,
    alternatives,
    escape,
    format_value,
    log_symbol,
    read_readouts,
    readouts_in,
    resolve_color,
    tinted,
    unit_word,
)
from scenes.kit.veil import Veil
from scenes.theme import current_theme, use_theme

__all__ = [
    "AverageStrip",
    "BeatRecord",
    "ChanceStrip",
    "Coin",
    "CurvePlot",
    "Die",
    "DistributionBars",
    "DrawsParams",
    "ExplainerScene",
    "FoggedShape",
    "Formula",
    "GhostBars",
    "LayoutError",
    "PixelImage",
    "PixelSamples",
    "Readout",
    "RealityAndModel",
    "RoadMap",
    "SampleStream",
    "Scatter",
    "SceneParams",
    "Shown",
    "StackedBar",
    "Station",
    "SurprisePlot",
    "Txt",
    "Veil",
    "align_baselines",
    "allow_offscreen",
    "allow_overlap",
    "alternatives",
    "current_theme",
    "escape",
    "fit_bars",
    "format_value",
    "information_stations",
    "keep_clear",
    "layout_problems",
    "log_symbol",
    "read_readouts",
    "readouts_in",
    "resolve_color",
    "surprise_readout",
    "tinted",
    "unit_word",
    "use_theme",
]
