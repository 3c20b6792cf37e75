"""Each test process typesets into its own folder.

manim parses a typeset SVG through a temporary ``<hash>_.svg`` beside it and deletes
it afterwards; two pytest workers typesetting the same text in one folder race on that
file (one deletes it under the other). A folder per process keeps them apart.
"""

from __future__ import annotations

import pytest
from manim import tempconfig


@pytest.fixture(scope="session", autouse=True)
def own_typst_folder(tmp_path_factory):
    with tempconfig({"tex_dir": str(tmp_path_factory.mktemp("tex"))}):
        yield
