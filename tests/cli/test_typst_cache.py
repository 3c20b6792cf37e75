"""Each process compiles formulas in its own folder; only whole new SVGs join the shared cache."""

from __future__ import annotations

from scenes.render.typst_cache import private_typst_dir

SVG = b"<svg xmlns='http://www.w3.org/2000/svg'></svg>\n"


def test_new_whole_formulas_join_the_cache_and_half_written_ones_do_not(tmp_path):
    shared, private = tmp_path / "shared", tmp_path / "work" / "tex"
    shared.mkdir()
    (shared / "old.svg").write_bytes(SVG)
    with private_typst_dir(private, shared) as folder:
        assert (folder / "old.svg").read_bytes() == SVG  # seeded from the cache
        (folder / "new.svg").write_bytes(SVG)
        (folder / "half.svg").write_bytes(b"<svg><path d='M 0 0")
    assert sorted(p.name for p in shared.iterdir()) == ["new.svg", "old.svg"]
    assert (shared / "new.svg").read_bytes() == SVG
    assert not list(shared.glob(".*"))  # no temporaries left beside the cache
