"""Hypothesis profiles only: "ci" (default, 1000 examples) and "dev" (200, quicker).

Pick one with ``HYPOTHESIS_PROFILE=dev pytest``. Keep this file about hypothesis
profiles; put fixtures in their own modules (e.g. ``tests/fixtures_*.py`` / plugins).
"""

import os

from hypothesis import settings

# Fixtures live in their own modules, loaded here for every test.
pytest_plugins = ["tests.fixtures_project"]

settings.register_profile("ci", max_examples=1000, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
