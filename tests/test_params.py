"""Parameter overrides: dotted paths, TOML values, validation and clear errors."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from scenes.kit.base import SceneParams
from scenes.params import (
    DEFAULT_THEME,
    ParamsError,
    apply_overrides,
    chosen_theme,
    field_paths,
    load_params_file,
    params_for,
    parse_assignments,
    variant_suffix,
)


@dataclass(frozen=True)
class Coin:
    edge: float = 0.1

    def __post_init__(self) -> None:
        if not 0 <= self.edge < 1:
            raise ValueError(f"edge must be in [0, 1), not {self.edge!r}")


@dataclass(frozen=True)
class Demo(SceneParams):
    thick_coin: Coin = field(default_factory=Coin)
    steps: int = 10
    probs: tuple[float, ...] = (0.5, 0.5)
    table: tuple[tuple[float, float], tuple[float, float]] = ((0.5, 0.0), (0.0, 0.5))


def test_paths_reach_into_nested_params():
    assert field_paths(Demo) == {
        "unit": str,
        "voice": str,
        "speaking_rate": float,
        "thick_coin.edge": float,
        "steps": int,
        "probs": tuple[float, ...],
        "table": tuple[tuple[float, float], tuple[float, float]],
    }


def test_overrides_apply_and_leave_the_original_alone():
    base = Demo()
    new = apply_overrides(base, parse_assignments(["thick_coin.edge=0.2", "probs=[1, 0]"]))
    assert new.thick_coin.edge == 0.2
    assert new.probs == (1.0, 0.0)
    assert base.thick_coin.edge == 0.1


def test_bare_words_are_strings():
    assert apply_overrides(Demo(), parse_assignments(["unit=nats"])).unit == "nats"


def test_unknown_key_lists_the_valid_ones():
    with pytest.raises(ParamsError, match=r"no parameter 'thick_coin\.egde'.*thick_coin\.edge"):
        apply_overrides(Demo(), {"thick_coin.egde": 0.2})


def test_the_dataclass_validation_speaks():
    with pytest.raises(ParamsError, match=r"edge must be in \[0, 1\), not 1\.5"):
        apply_overrides(Demo(), {"thick_coin.edge": 1.5})
    with pytest.raises(ParamsError, match="unit"):
        apply_overrides(Demo(), {"unit": "bytes"})


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("steps=2.5", "whole number"),
        ("steps=true", "must be a number"),
        ("thick_coin.edge=fast", "must be float"),
    ],
)
def test_wrong_types_are_refused(assignment, message):
    with pytest.raises(ParamsError, match=message):
        apply_overrides(Demo(), parse_assignments([assignment]))


def test_set_needs_an_equals_sign():
    with pytest.raises(ParamsError, match="KEY=VALUE"):
        parse_assignments(["thick_coin.edge"])


def test_toml_file_tables_and_syntax_errors(tmp_path):
    good = tmp_path / "course.toml"
    good.write_text('[entropy]\nthick_coin.edge = 0.2\n\n[all]\nunit = "nats"\n')
    assert load_params_file(good) == {"entropy": {"thick_coin.edge": 0.2}, "all": {"unit": "nats"}}
    bad = tmp_path / "bad.toml"
    bad.write_text("[entropy]\nthick_coin.edge = = 0.2\n")
    with pytest.raises(ParamsError, match=r"bad\.toml.*line 2"):
        load_params_file(bad)
    with pytest.raises(ParamsError, match="does not exist"):
        load_params_file(tmp_path / "missing.toml")


def test_variant_names_record_the_overrides():
    assert variant_suffix({}) == ""
    assert variant_suffix({"thick_coin.edge": 0.2}) == "~thick_coin.edge=0.2"
    long = variant_suffix({f"k{i}": i for i in range(20)})
    assert long.startswith("~") and len(long) == 11
    assert variant_suffix({"a": 1}) != variant_suffix({"a": 2})


def test_variant_names_record_a_theme_other_than_the_default():
    assert variant_suffix({}, theme="dark") == ""
    assert variant_suffix({}, theme="light") == "~theme=light"
    assert variant_suffix({"thick_coin.edge": 0.2}, theme="light") == (
        "~thick_coin.edge=0.2~theme=light"
    )


def test_fixed_length_tuples_are_coerced_entry_by_entry():
    new = apply_overrides(Demo(), parse_assignments(["table=[[1, 0], [0, 0]]"]))
    assert new.table == ((1.0, 0.0), (0.0, 0.0))
    assert all(type(x) is float for row in new.table for x in row)
    with pytest.raises(ParamsError, match=r"table\[1\] takes 2 values, not 3"):
        apply_overrides(Demo(), parse_assignments(["table=[[1, 0], [0, 0, 0]]"]))
    with pytest.raises(ParamsError, match=r"table\[0\]\[1\] must be float, not 'x'"):
        apply_overrides(Demo(), parse_assignments(['table=[[1, "x"], [0, 0]]']))


def test_params_for_builds_the_defaults_with_the_overrides():
    class Scene:
        Params = Demo

    assert params_for(Scene) == Demo()
    assert params_for(Scene, {"thick_coin.edge": 0.2}).thick_coin.edge == 0.2
    assert params_for(object, {"steps": 3}) is None  # a plain manim scene has no parameters
    with pytest.raises(ParamsError, match="no parameter 'nope'"):
        params_for(Scene, {"nope": 1})


def test_the_theme_named_wins_then_the_environment_then_the_default(monkeypatch):
    monkeypatch.delenv("EXPLAINER_THEME", raising=False)
    assert chosen_theme() == DEFAULT_THEME == "dark"
    monkeypatch.setenv("EXPLAINER_THEME", "light")
    assert chosen_theme() == "light"
    assert chosen_theme("dark") == "dark"
