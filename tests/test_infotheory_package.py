"""Package hygiene: no manim at import time, a complete and documented public API."""

import inspect
import subprocess
import sys

import infotheory as it


def test_importing_infotheory_does_not_import_manim():
    code = "import infotheory, sys; assert 'manim' not in sys.modules, 'manim was imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_all_lists_exactly_the_public_api():
    assert len(it.__all__) == len(set(it.__all__))
    for name in it.__all__:
        assert hasattr(it, name), name
    public = {
        name
        for name, obj in vars(it).items()
        if not name.startswith("_") and not inspect.ismodule(obj)
    }
    assert public == set(it.__all__)


def test_public_callables_have_docstrings():
    for name in it.__all__:
        obj = getattr(it, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert inspect.getdoc(obj), f"{name} has no docstring"
