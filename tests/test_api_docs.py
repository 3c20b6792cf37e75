"""Every public name of the kit and of infotheory has a docstring: the API reference
(`make docs`) is built from them, so a name without one is a hole in it."""

from __future__ import annotations

import inspect

import pytest

import infotheory
import scenes.kit


def public_names():
    for module in (scenes.kit, infotheory):
        for name in module.__all__:
            yield module, name, getattr(module, name)


def undocumented(module, name: str, obj) -> list[str]:
    """The public name itself, and for a class its own public methods and properties
    (an override of a documented manim method inherits manim's docstring)."""
    where = f"{module.__name__}.{name}"
    if not (inspect.isclass(obj) or inspect.isfunction(obj)):
        return []  # constants and type aliases are documented in their modules
    missing = [] if inspect.getdoc(obj) else [where]
    if inspect.isclass(obj):
        for attr, member in vars(obj).items():
            if attr.startswith("_"):
                continue
            if isinstance(member, property):
                documented = bool(member.__doc__)
            elif callable(getattr(obj, attr)):
                documented = bool(inspect.getdoc(getattr(obj, attr)))
            else:
                continue
            if not documented:
                missing.append(f"{where}.{attr}")
    return missing


@pytest.mark.parametrize(
    ("module", "name", "obj"), list(public_names()), ids=lambda x: getattr(x, "__name__", x)
)
def test_public_name_has_a_docstring(module, name, obj):
    assert not undocumented(module, name, obj)


def test_the_check_finds_a_missing_docstring():
    class Bare:
        def method(self):
            pass

    assert undocumented(scenes.kit, "Bare", Bare) == ["scenes.kit.Bare", "scenes.kit.Bare.method"]


def test_the_makefile_builds_the_reference_of_both_packages():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    recipe = makefile[makefile.index("\ndocs:") :].split("\n\n")[0]
    assert "pdoc" in recipe and "scenes.kit" in recipe and "infotheory" in recipe
