"""Scene parameters from the command line and from TOML files, without touching code.

Every scene's example values live in one frozen dataclass (its ``Params``).
Users override fields by dotted path::

    explainer render 6 --set thick_coin.edge=0.2
    explainer render --params my-course.toml

Values are read as TOML (``0.2``, ``[0.5, 0.5]``, ``"nats"``); a bare word that is
not TOML is taken as a string. The new values go through the dataclass's own
validation, so an invalid distribution is refused with :mod:`infotheory`'s
message. A TOML file has one table per scene, named by slug or part number::

    [entropy]
    thick_coin.edge = 0.2

    ["8"]
    seed = 7

    [all]          # every scene that has the field
    unit = "nats"
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_THEME",
    "ParamsError",
    "apply_overrides",
    "chosen_theme",
    "field_paths",
    "flatten_tables",
    "load_params_file",
    "overrides_for",
    "params_for",
    "parse_assignments",
    "resolve_overrides",
    "variant_suffix",
]

# The theme a plain render uses; only other themes are named in output files.
DEFAULT_THEME = "dark"


def chosen_theme(theme: str | None = None) -> str:
    """The theme a run uses: ``theme``, else ``$EXPLAINER_THEME``, else the default."""
    return theme or os.environ.get("EXPLAINER_THEME", DEFAULT_THEME)


class ParamsError(ValueError):
    """A parameter override that cannot be applied; the message says why and where.

    ``source`` says where the bad value came from (``"--set"`` or ``"--params"``) when known.
    """

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.source = source


def field_paths(params_cls: type) -> dict[str, Any]:
    """Every settable dotted path of a Params dataclass, with its type."""
    paths: dict[str, Any] = {}
    hints = typing.get_type_hints(params_cls)
    for f in dataclasses.fields(params_cls):
        kind = hints.get(f.name, f.type)
        if dataclasses.is_dataclass(kind):
            for sub, sub_kind in field_paths(kind).items():
                paths[f"{f.name}.{sub}"] = sub_kind
        else:
            paths[f.name] = kind
    return paths


def _type_name(kind: Any) -> str:
    return getattr(kind, "__name__", None) or str(kind).replace("typing.", "")


def _parse_value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def parse_assignments(assignments: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``["a.b=0.2", "unit=nats"]`` → ``{"a.b": 0.2, "unit": "nats"}``."""
    parsed: dict[str, Any] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParamsError(f"--set expects KEY=VALUE, got {item!r}")
        parsed[key.strip()] = _parse_value(value.strip())
    return parsed


def _coerce(value: Any, kind: Any, path: str) -> Any:
    """Fit a TOML value to the field's annotated type (ints for floats, lists for tuples)."""
    origin = typing.get_origin(kind)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in (int, float) and isinstance(value, bool):
        raise ParamsError(f"{path} must be a number, not {value!r}")
    if kind is int and isinstance(value, float):
        if not value.is_integer():
            raise ParamsError(f"{path} must be a whole number, not {value!r}")
        return int(value)
    if kind in (int, float, str) and not isinstance(value, kind):
        raise ParamsError(f"{path} must be {_type_name(kind)}, not {value!r}")
    if origin is tuple and isinstance(value, list):
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(v, args[0], f"{path}[{i}]") for i, v in enumerate(value))
        if args and len(args) != len(value):
            raise ParamsError(f"{path} takes {len(args)} values, not {len(value)}")
        return (
            tuple(
                _coerce(v, a, f"{path}[{i}]")
                for i, (a, v) in enumerate(zip(args, value, strict=True))
            )
            if args
            else tuple(value)
        )
    return value


def apply_overrides(params: Any, overrides: Mapping[str, Any]) -> Any:
    """A copy of ``params`` with dotted-path ``overrides`` applied and validated.

    Unknown keys raise :class:`ParamsError` listing the valid ones; values the
    dataclass rejects raise :class:`ParamsError` carrying its message.
    """
    valid = field_paths(type(params))
    for key in overrides:
        if key not in valid:
            listing = ", ".join(f"{k} ({_type_name(t)})" for k, t in valid.items())
            raise ParamsError(
                f"{type(params).__name__} has no parameter {key!r}; valid keys: {listing}"
            )
    nested: dict[str, Any] = {}
    for key, value in overrides.items():
        head, _, rest = key.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            nested[head] = _coerce(value, valid[key], key)
    changes: dict[str, Any] = {}
    for name, value in nested.items():
        if isinstance(value, dict):
            changes[name] = apply_overrides(getattr(params, name), value)
        else:
            changes[name] = value
    try:
        return dataclasses.replace(params, **changes)
    except (ValueError, TypeError) as error:
        raise ParamsError(f"{type(params).__name__}: {error}") from error


def params_for(scene_class: type, overrides: Mapping[str, Any] | None = None) -> Any:
    """``scene_class``'s parameters: its ``Params()`` defaults with dotted-path
    ``overrides`` applied; ``None`` for a scene without a ``Params`` class."""
    params_class = getattr(scene_class, "Params", None)
    if params_class is None:
        return None
    params = params_class()
    return apply_overrides(params, overrides) if overrides else params


def load_params_file(path: str | Path) -> dict[str, dict[str, Any]]:
    """A TOML file of ``[scene]`` tables → ``{scene key: {dotted path: value}}``.

    Syntax errors are reported with the file name, line and column.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParamsError(f"parameter file {str(path)!r} does not exist") from None
    except tomllib.TOMLDecodeError as error:
        raise ParamsError(f"{path}: {error}") from None
    for scene_key, table in data.items():
        if not isinstance(table, dict):
            raise ParamsError(
                f'{path}: {scene_key!r} must be a table like [entropy] or ["6"], '
                f"holding that scene's parameters"
            )
    return flatten_tables(data)


def flatten_tables(data: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """``{scene key: nested table}`` → ``{scene key: {dotted path: value}}``."""
    return {scene_key: _flatten(table) for scene_key, table in data.items()}


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = value
    return flat


_SAFE = re.compile(r"[^A-Za-z0-9._=+-]+")


def variant_suffix(overrides: Mapping[str, Any], theme: str | None = None) -> str:
    """A file-name suffix that records a variant: ``~thick_coin.edge=0.2`` (or a hash),
    then ``~theme=light`` for any theme but the default.

    Empty for no overrides in the default theme, so the default render keeps its
    plain name and a variant never overwrites it.
    """
    suffix = ""
    if overrides:
        readable = ",".join(f"{k}={_SAFE.sub('_', str(v))}" for k, v in sorted(overrides.items()))
        if len(readable) <= 48:
            suffix = f"~{readable}"
        else:
            digest = hashlib.sha256(repr(sorted(overrides.items())).encode()).hexdigest()[:10]
            suffix = f"~{digest}"
    if theme and theme != DEFAULT_THEME:
        suffix += f"~theme={_SAFE.sub('_', theme)}"
    return suffix


def overrides_for(entry: Any, tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The overrides a parameter file gives one scene: its ``[all]`` keys that the
    scene has, then its own table (named by slug, part number or class name).

    A table naming no scene raises :class:`ParamsError` listing the valid ones.
    """
    from scenes.registry import UnknownSceneError, find

    params_cls = entry.load().Params
    valid = field_paths(params_cls)
    result = {k: v for k, v in tables.get("all", {}).items() if k in valid}
    for key, table in tables.items():
        if key == "all":
            continue
        if entry.answers_to(key):  # also a scene file named on the command line
            result.update(table)
            continue
        try:
            find(key)
        except UnknownSceneError as error:
            raise ParamsError(f"parameter table [{key}]: {error}") from None
    return result


def resolve_overrides(
    entries: Any,
    assignments: list[str] | tuple[str, ...] = (),
    params_file: str | Path | None = None,
    defaults: Mapping[str, Mapping[str, Any]] | None = None,
    defaults_source: str = "explainer.toml",
) -> dict[str, dict[str, Any]]:
    """Each scene's overrides from the project's defaults, a parameter file and ``--set``
    assignments, validated.

    ``defaults`` (the project's parameter tables) come first, then the file's tables
    (``[all]``, then the scene's own), ``--set`` on top; ``--set`` applies to every
    scene in ``entries``. Every scene's ``Params`` is built with its overrides, so an
    unknown key, a wrong type or a value the scene refuses (with :mod:`infotheory`'s
    message for a bad distribution) raises :class:`ParamsError` naming the scene
    before anything is rendered. The error's ``source`` says where the value came
    from: ``defaults_source``, ``"--params"`` or ``"--set"``. Returns
    ``{slug: overrides}`` for the scenes that have any.
    """
    entries = list(entries)
    layers: list[tuple[str, Mapping[str, Mapping[str, Any]]]] = []
    defaults = {key: table for key, table in (defaults or {}).items() if table}
    if defaults:
        layers.append((defaults_source, defaults))
    try:
        from_file = load_params_file(params_file) if params_file is not None else {}
    except ParamsError as error:
        raise ParamsError(str(error), source="--params") from None
    if from_file:
        layers.append(("--params", from_file))
    try:
        sets = parse_assignments(assignments) if assignments else {}
    except ParamsError as error:
        raise ParamsError(str(error), source="--set") from None
    resolved: dict[str, dict[str, Any]] = {}
    if not layers and not sets:
        return resolved
    for entry in entries:
        try:
            params = entry.load().Params()
        except Exception as error:
            raise ParamsError(
                f"{entry.stem}: cannot load the scene to check its parameters: "
                f"{type(error).__name__}: {error}"
            ) from None
        merged: dict[str, Any] = {}
        for source, tables in [*layers, ("--set", None)]:
            try:
                merged.update(overrides_for(entry, tables) if tables is not None else sets)
            except ParamsError as error:
                raise ParamsError(str(error), source=source) from None
            if not merged or (tables is None and not sets):
                continue
            try:
                apply_overrides(params, merged)
            except ParamsError as error:
                hint = ""
                if tables is None and len(entries) > 1:
                    hint = (
                        " (--set applies to every scene rendered; name the scene, or put the "
                        "key in a --params file's [all] table to set it where it exists)"
                    )
                raise ParamsError(f"{entry.stem}: {error}{hint}", source=source) from None
        if merged:
            resolved[entry.slug] = merged
    return resolved
