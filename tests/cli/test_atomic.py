"""A file written through partial_file is whole at its final path, or not there at all."""

from __future__ import annotations

import pytest

from scenes.render.atomic import partial_file


def test_a_finished_write_lands_at_the_final_path(tmp_path):
    final = tmp_path / "out" / "poster.png"
    with partial_file(final) as partial:
        assert partial.parent == final.parent and partial.name.startswith(".poster.png.")
        partial.write_bytes(b"whole")
    assert final.read_bytes() == b"whole"
    assert [p.name for p in final.parent.iterdir()] == ["poster.png"]


@pytest.mark.parametrize("stop", [RuntimeError("encoder failed"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, stop):
    final = tmp_path / "poster.png"
    final.write_bytes(b"old")
    with pytest.raises(type(stop)), partial_file(final) as partial:
        partial.write_bytes(b"half")
        raise stop
    assert final.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["poster.png"]
