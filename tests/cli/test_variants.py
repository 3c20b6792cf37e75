"""One real render of a variant: its own files, the theme in the worker, the default untouched."""

from __future__ import annotations

import av
import numpy as np
import pytest
from cli_checks import assert_complete, outputs

pytestmark = pytest.mark.slow


def first_frame(path) -> np.ndarray:
    with av.open(str(path)) as container:
        return next(container.decode(video=0)).to_ndarray(format="rgb24")


def test_a_light_variant_renders_beside_the_default(tiny, cli):
    args = ("render", "tiny-one", "--quality", "low", "--media-dir", str(tiny.media))
    assert cli(*args).exit_code == 0
    default = outputs(tiny.media, "01-tiny-one")
    stamp = default.video.stat().st_mtime_ns

    result = cli(*args, "--set", "unit=nats", "--theme", "light")
    assert result.exit_code == 0, result.output
    variant = outputs(tiny.media, "01-tiny-one~unit=nats~theme=light")
    assert_complete(variant)
    assert default.video.stat().st_mtime_ns == stamp  # the default was not overwritten
    # The worker drew with the light theme (EXPLAINER_THEME), the default with the dark one.
    assert first_frame(variant.video)[4, 4].min() >= 250
    assert first_frame(default.video)[4, 4].max() <= 30

    again = cli(*args, "--theme", "light", "--set", "unit=nats")
    assert "up to date" in again.stdout
