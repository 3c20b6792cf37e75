"""The README's Python examples run, and print what their comments say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_python_examples():
    assert BLOCKS


@pytest.mark.parametrize("block", BLOCKS)
def test_example_values_match_their_comments(block):
    namespace: dict = {}
    for line in block.splitlines():
        code, _, comment = line.partition("#")
        if not code.strip():
            continue
        expected = comment.split()[0] if comment.strip() else None
        if expected is None or not re.fullmatch(r"-?[\d.]+(e-?\d+)?", expected):
            exec(code, namespace)
            continue
        value = eval(code, namespace)
        assert repr(value) == expected or value == pytest.approx(float(expected), rel=1e-15), (
            f"{code.strip()} gives {value!r}, the README says {expected}"
        )
