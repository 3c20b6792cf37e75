"""A dry run plays a scene without drawing; ``until`` stops it at the end of a beat."""

from manim import RIGHT, Square

from scenes.dryrun import dry_run
from scenes.kit.base import ExplainerScene


class _ThreeSquares(ExplainerScene):
    hook = "Three squares, one a beat."
    takeaway = "Counting works."

    def body(self):
        for n in (1, 2, 3):
            with self.beat(f"square-{n}", f"Square number {n}."):
                self.add(Square(0.5).shift(n * RIGHT))


def test_until_stops_at_the_end_of_the_first_beat_it_holds_for(tmp_path):
    asked = []

    def second_square(scene) -> bool:
        asked.append(scene.beats[-1].name)
        return scene.beats[-1].name == "square-2"

    stills = tmp_path / "stills"
    scene = dry_run(
        _ThreeSquares,
        cache_dir=tmp_path,
        env={"EXPLAINER_STILLS": str(stills)},
        until=second_square,
    )
    names = [b.name for b in scene.beats]
    assert names[-2:] == ["square-1", "square-2"]
    assert asked == names  # asked once after every beat played
    assert len(list(stills.glob("*.png"))) == len(names)

    whole = dry_run(_ThreeSquares, cache_dir=tmp_path)
    assert [b.name for b in whole.beats][: len(names) + 1] == [*names, "square-3"]
    assert whole.beats[-1].name == "takeaway"
