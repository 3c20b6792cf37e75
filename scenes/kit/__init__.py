"""The scene kit: theme-aware components every scene is built from.

``from scenes.kit import *`` gives a scene the base class, the components and the
layout check; ``from manim import *`` gives it manim.
"""

from scenes.kit.bars import AverageStrip, DistributionBars, fit_bars, surprise_readout
from scenes.kit.base import BeatRecord, ExplainerScene, SceneParams
from scenes.kit.baseline import align_baselines
from scenes.kit.bubble import SpeechBubble
from scenes.kit.cross_entropy_curve import CrossEntropyCurve
from scenes.kit.flow import WeightFlow, transport_plan
from scenes.kit.fog import FoggedShape
from scenes.kit.ghost import GhostBars
from scenes.kit.joint_grid import JointGrid
from scenes.kit.knobs import Knobs
from scenes.kit.layout import (
    LayoutError,
    allow_offscreen,
    allow_overlap,
    extent,
    keep_clear,
    layout_problems,
)
from scenes.kit.odds import ChanceStrip
from scenes.kit.outlines import CandidateOutlines
from scenes.kit.pixel_samples import PixelSamples
from scenes.kit.pixel_space import PixelSpace
from scenes.kit.pixel_zoom import PixelZoom
from scenes.kit.pixels import PixelImage
from scenes.kit.plots import CurvePlot, SurprisePlot, nice_ticks
from scenes.kit.props import Coin, Die
from scenes.kit.pulse import pulse
from scenes.kit.quantity import QuantityBar
from scenes.kit.roadmap import RoadMap, Station, information_stations
from scenes.kit.room import room_below_banner
from scenes.kit.ruler import Ruler
from scenes.kit.samples import DrawsParams, RealityAndModel, SampleStream, Scatter
from scenes.kit.shapes import shape_pictures
from scenes.kit.stacked import StackedBar
from scenes.kit.stage import Region, Stage
from scenes.kit.text import (
    Formula,
    Reading,
    Readout,
    Txt,
    alternatives,
    escape,
    format_value,
    log_symbol,
    log_words,
    plain_words,
    read_readouts,
    readouts_in,
    resolve_color,
    tinted,
    unit_word,
)
from scenes.kit.value_axis import ValueAxis
from scenes.kit.veil import Veil
from scenes.theme import current_theme, use_theme

__all__ = [
    "AverageStrip",
    "BeatRecord",
    "CandidateOutlines",
    "ChanceStrip",
    "Coin",
    "CrossEntropyCurve",
    "CurvePlot",
    "Die",
    "DistributionBars",
    "DrawsParams",
    "ExplainerScene",
    "FoggedShape",
    "Formula",
    "GhostBars",
    "JointGrid",
    "Knobs",
    "LayoutError",
    "PixelImage",
    "PixelSamples",
    "PixelSpace",
    "PixelZoom",
    "QuantityBar",
    "Reading",
    "Readout",
    "RealityAndModel",
    "Region",
    "RoadMap",
    "Ruler",
    "SampleStream",
    "Scatter",
    "SceneParams",
    "SpeechBubble",
    "StackedBar",
    "Stage",
    "Station",
    "SurprisePlot",
    "Txt",
    "ValueAxis",
    "Veil",
    "WeightFlow",
    "align_baselines",
    "allow_offscreen",
    "allow_overlap",
    "alternatives",
    "current_theme",
    "escape",
    "extent",
    "fit_bars",
    "format_value",
    "information_stations",
    "keep_clear",
    "layout_problems",
    "log_symbol",
    "log_words",
    "nice_ticks",
    "plain_words",
    "pulse",
    "read_readouts",
    "readouts_in",
    "resolve_color",
    "room_below_banner",
    "shape_pictures",
    "surprise_readout",
    "tinted",
    "transport_plan",
    "unit_word",
    "use_theme",
]
