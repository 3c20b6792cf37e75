"""Rendering scenes to files: the Python API behind ``explainer render`` and ``still``.

::

    from scenes.registry import find
    from scenes.render import render_scenes

    report = render_scenes([find(5)], quality="low", media_dir="media")
    report.videos()        # {"05-surprise-formula": Path("media/low/05-surprise-formula.mp4")}
    report.results[0].outputs.captions, report.results[0].outputs.sections_index

Where every file goes is documented once, in :mod:`scenes.render.layout`;
:func:`scene_outputs` gives the paths of one scene without rendering anything.

``layout``       output paths, qualities and formats
``runner``       :func:`render_batch` / :func:`render_scenes`: keys, skipping, the queue, Ctrl-C
``units``        a scene as one unit or split into chunks of its beats
``pool``         worker processes on this machine
``cluster``      units as tasks of a Dask cluster
``worker``       one unit in one process (``python -m scenes._worker``)
``parts``        a unit's output, and joining a split scene's parts
``publish``      a finished render into the media folder, the key file last
``stills``       posters: the last frame of each beat, without encoding video
``keys``         the content hash that decides whether a scene is up to date
``atomic``       publishing by rename, and file locks
``workdir``      a run's scratch folder, and clearing those of dead runs
``typst_cache``  a private Typst folder per process, seeded from the shared cache
``scene_info``   each scene's beats and length, remembered per source key
"""

from scenes.render.layout import (
    DEFAULT_FORMAT,
    DEFAULT_QUALITY,
    FORMATS,
    QUALITIES,
    Quality,
    SceneOutputs,
    scene_outputs,
)
from scenes.render.runner import (
    ClusterLostError,
    OutputNotWritableError,
    RenderInterrupted,
    RenderReport,
    SceneResult,
    SystemLibrariesError,
    Variant,
    default_jobs,
    render_batch,
    render_scenes,
)

__all__ = [
    "DEFAULT_FORMAT",
    "DEFAULT_QUALITY",
    "FORMATS",
    "QUALITIES",
    "ClusterLostError",
    "OutputNotWritableError",
    "Quality",
    "RenderInterrupted",
    "RenderReport",
    "SceneOutputs",
    "SceneResult",
    "SystemLibrariesError",
    "Variant",
    "default_jobs",
    "render_batch",
    "render_scenes",
    "scene_outputs",
]
