"""``explainer new SLUG``: a new scene in the current project, written from a template
that uses the kit.

The scene goes to the project's scenes folder (:mod:`scenes.project`: the one named
by the ``explainer.toml`` found from the working directory, created there when there
is none; in the explainer's own repository, ``scenes/extras/``), as
``<slug with _>.py``, and, when the project names a tests folder, its test as
``test_x_<slug with _>.py``. The registry finds the scene by its file name, so
``explainer render SLUG`` works at once. Nothing is ever overwritten, and nothing is
written into an installed package.

The template is a complete, working scene (a small distribution, each outcome's
surprise and the entropy) built the way every scene is: a frozen ``Params``
dataclass with validation, a ``hook`` and a ``takeaway``, and ``body()`` made of
``with self.beat(name, narration):`` blocks whose numbers come from
:mod:`infotheory` and reach the screen through keyed :class:`~scenes.kit.Readout`
objects. Replace the example with your topic, keeping that shape.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from pathlib import Path

from scenes import registry
from scenes.project import (
    CONFIG_NAME,
    DEFAULT_SCENES_DIR,
    Project,
    ProjectError,
    create_project,
    find_project,
    is_installed,
)

__all__ = ["ScaffoldError", "Scaffolded", "check_slug", "check_title", "scaffold"]

MAX_SLUG = 40
# The title card sets the title in one line at the "title" size: longer ones leave the frame.
MAX_TITLE = 40


class ScaffoldError(ValueError):
    """The slug or title cannot be used, or a file is in the way; the message says why.

    ``field`` is ``"slug"`` or ``"title"`` when that argument is at fault, else ``None``.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Scaffolded:
    slug: str
    class_name: str
    module: str
    scene: Path
    test: Path | None
    project: Project
    created_project: bool  # whether explainer.toml was written by this call


def check_slug(slug: str) -> str:
    """``slug`` if it is well formed for an extra scene; :class:`ScaffoldError` saying why not."""
    if keyword.iskeyword(slug.replace("-", "_")):
        raise ScaffoldError(f"{slug!r} is a Python keyword; choose another slug", field="slug")
    if not registry.is_slug(slug):
        raise ScaffoldError(
            f"{slug!r} is not a slug: use lower-case letters, digits and single hyphens, "
            "starting with a letter (e.g. mutual-information)",
            field="slug",
        )
    if len(slug) > MAX_SLUG:
        raise ScaffoldError(
            f"{slug!r} is {len(slug)} characters long; keep it to {MAX_SLUG}", field="slug"
        )
    return slug


def _check_free(slug: str) -> None:
    """No registered scene (part, extra or the project's) uses the slug or its class name."""
    class_name = registry.class_name_for(slug)
    for entry in registry.all_entries():
        if slug in (entry.slug, entry.stem) or class_name == entry.class_name:
            where = f"part {entry.part}" if entry.part else f"the extra {entry.path}"
            raise ScaffoldError(f"{slug!r} is taken by {where} ({entry.title!r})", field="slug")


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty", field="title")
    if len(title) > MAX_TITLE:
        raise ScaffoldError(
            f"the title is {len(title)} characters long; keep it to {MAX_TITLE} "
            "so it fits the title card on one line",
            field="title",
        )
    return title


def scaffold(
    slug: str,
    title: str | None = None,
    *,
    with_test: bool = True,
) -> Scaffolded:
    """Write the scene module for ``slug`` (and its test) into the working directory's
    project, creating the project there if there is none.

    The test is written when the project names a tests folder that exists (the
    explainer's repository names ``tests/scenes``). Raises :class:`ScaffoldError` for
    a bad slug or title, a project that cannot be used, or when either file already
    exists (nothing is written then).
    """
    check_slug(slug)
    title = check_title(title if title is not None else registry.default_title(slug))
    where = Path.cwd()
    try:
        project = find_project(where)
    except ProjectError as error:
        raise ScaffoldError(str(error)) from None
    if project is not None and is_installed(project.scenes_dir):
        raise ScaffoldError(
            f"{project.scenes_dir} is inside an installed package; run `explainer new` in "
            "your own folder (it creates an explainer.toml there)"
        )
    name = slug.replace("-", "_")
    class_name = registry.class_name_for(slug)
    if project is not None:
        scene_path = project.scenes_dir / f"{name}.py"
        tests_dir = project.tests_dir
        module = f"{project.package}.{name}"
    else:
        scene_path = where / DEFAULT_SCENES_DIR / f"{name}.py"
        tests_dir = None
        module = f"{DEFAULT_SCENES_DIR}.{name}"
    test_path = (
        tests_dir / f"test_x_{name}.py"
        if with_test and tests_dir is not None and tests_dir.is_dir()
        else None
    )
    for path in (where / CONFIG_NAME if project is None else None, scene_path, test_path):
        if path is not None and path.exists():
            raise ScaffoldError(f"{path} already exists; nothing was written")
    _check_free(slug)
    created = project is None
    if created:
        try:
            project = create_project(where)
        except ProjectError as error:
            raise ScaffoldError(str(error)) from None
    elif not project.scenes_dir.is_dir():
        project.scenes_dir.mkdir(parents=True)
        (project.scenes_dir / "__init__.py").touch()

    fill = {
        "__SLUG__": slug,
        "__CLASS__": class_name,
        "__MODULE__": module,
        "__TITLE_LITERAL__": _literal(title),
    }
    _write_new(scene_path, _fill(SCENE_TEMPLATE, fill))
    if test_path is not None:
        _write_new(test_path, _fill(TEST_TEMPLATE, fill))
    registry.refresh()
    return Scaffolded(slug, class_name, module, scene_path, test_path, project, created)


def _literal(text: str) -> str:
    """A double-quoted Python string literal (ruff's preferred quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fill(template: str, values: dict[str, str]) -> str:
    for token, value in values.items():
        template = template.replace(token, value)
    return template


def _write_new(path: Path, text: str) -> None:
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)


# -- the templates ---------------------------------------------------------------------
# __SLUG__, __CLASS__, __MODULE__ and __TITLE_LITERAL__ are filled in by scaffold().

SCENE_TEMPLATE = '''\
"""Extra scene `__SLUG__`: a distribution, the surprise of each outcome, and its entropy.

Written by `explainer new __SLUG__` as a starting point: keep the shape (Params,
hook, takeaway, beats with narration) and replace the example with your topic.
Every number comes from infotheory, reaches the screen through a keyed Readout and
is spoken from the same value, so `--set` changes the picture and the words alike:

    explainer still __SLUG__ --quality low
    explainer render __SLUG__ --set probs=[0.5,0.25,0.25] --quality low
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import *

import infotheory as it
from scenes.kit import (
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    SceneParams,
    format_value,
    log_symbol,
    unit_word,
)

TITLE = __TITLE_LITERAL__  # read by the registry without importing this file


@dataclass(frozen=True)
class __CLASS__Params(SceneParams):
    """The example values. Every field has a default; `--set field=value` overrides it."""

    outcomes: tuple[str, ...] = ("sun", "cloud", "rain")
    probs: tuple[float, ...] = (0.6, 0.3, 0.1)

    def __post_init__(self) -> None:
        super().__post_init__()  # checks `unit`
        if not 2 <= len(self.outcomes) <= 6:
            raise ValueError(f"outcomes must name 2 to 6 outcomes, not {len(self.outcomes)}")
        try:
            it.categorical(self.outcomes, self.probs)  # infotheory's message names the fault
        except (TypeError, ValueError) as error:
            raise ValueError(f"probs: {error}") from None

    @property
    def distribution(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.probs)


class __CLASS__(ExplainerScene):
    Params = __CLASS__Params
    hook = "How much does one draw tell us, on average?"
    takeaway = "Rare outcomes surprise most; entropy is the surprise we expect."

    def body(self) -> None:
        params: __CLASS__Params = self.params
        unit, log = self.unit, log_symbol(self.unit)
        p = params.distribution
        surprise = it.surprisal(p.probs, unit=unit)
        top = p.outcomes[int(p.probs.argmax())]
        rare = p.outcomes[int(p.probs.argmin())]
        entropy = it.entropy(p, unit=unit)

        bars = DistributionBars(p, role="p", key="p", height=4.4, bar_width=0.95)
        bars.move_to(0.4 * DOWN)
        with self.beat(
            "odds",
            f"{len(p)} outcomes, each with its chance. "
            f"{top.capitalize()} is the most likely, at {format_value(p.probability(top), 2)}.",
        ):
            self.play(FadeIn(bars.baseline, bars.labels))
            self.play(LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars.bars), lag_ratio=0.15))
            self.play(FadeIn(bars.values, shift=0.1 * UP))
            self.add(bars)

        formula = Formula(f"{{{{ S(x) : surprise }}}} = {log} 1/{{{{ p(x) : p }}}}")
        formula.move_to(3.3 * RIGHT + 1.8 * UP)
        with self.beat(
            "surprise",
            f"The surprise of an outcome is the log of one over its chance: "
            f"{rare}, the rarest, surprises most, at {format_value(float(surprise.max()), 2)} "
            f"{unit_word(unit)}.",
        ):
            # One idea at a time: the bars make room, then the formula and the numbers arrive.
            self.play(bars.animate.move_to(3.3 * LEFT + 0.4 * DOWN))
            surprises = bars.surprises(unit=unit, key="S")  # placed above the bars as they are
            self.play(Write(formula))
            # Each grows where it stands: sliding up, it would pass over its bar's chance.
            self.play(LaggedStart(*(FadeIn(s, scale=0.8) for s in surprises), lag_ratio=0.2))

        average = Formula(
            "{{ H(p) : entropy }} = sum_x {{ p(x) : p }} "
            f"{{{{ {log} 1/p(x) : surprise }}}}",
            size="body",
        )
        average.next_to(formula, DOWN, buff=0.7)
        readout = Readout("H(p)", entropy, unit=unit, key="H", color="entropy")
        readout.next_to(average, DOWN, buff=0.6)
        with self.beat(
            "entropy",
            f"Entropy weighs each surprise by its chance: "
            f"{format_value(entropy)} {unit_word(unit, entropy)} on average.",
        ):
            self.play(TransformFromCopy(formula, average))
            self.play(FadeIn(readout, shift=0.2 * UP))
            self.play(Circumscribe(readout, color=self.theme.color.highlight))
'''

TEST_TEMPLATE = '''\
"""Extra scene `__SLUG__`: the numbers shown are infotheory's and follow the parameters.

Expected strings are worked out by hand, never formatted from the value under test:
when you change the example, work the new numbers out again.
"""

from __future__ import annotations

import pytest

import infotheory as it
from __MODULE__ import __CLASS__, __CLASS__Params


def test_the_entropy_shown_is_infotheorys(play):
    scene = play(__CLASS__)
    reading = scene.beat_record("entropy").readings["H"]
    assert reading.value == it.entropy(__CLASS__Params().distribution)
    # By hand: -(0.6 log2 0.6 + 0.3 log2 0.3 + 0.1 log2 0.1) = 1.2955 bits.
    assert str(reading) == "H(p) = 1.295 bits"


def test_a_changed_parameter_changes_the_numbers_and_the_narration(play):
    default = play(__CLASS__)
    changed = play(__CLASS__, __CLASS__Params(probs=(0.4, 0.4, 0.2)))
    reading = changed.beat_record("entropy").readings["H"]
    # By hand: -(2 x 0.4 log2 0.4 + 0.2 log2 0.2) = 1.5219 bits.
    assert reading.text == "1.522"
    assert "1.522 bits on average" in changed.beat_record("entropy").narration
    assert changed.beat_record("entropy").narration != default.beat_record("entropy").narration


def test_invalid_parameters_name_the_field():
    with pytest.raises(ValueError, match="probs"):
        __CLASS__Params(probs=(0.5, 0.6, 0.1))
'''
