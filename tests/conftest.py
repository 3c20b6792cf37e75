"""Hypothesis profiles only: "ci" (default, 500 examples) and "dev" (200, quicker).

500 is five times hypothesis's own default; 1000 cost the suite another 11 CPU seconds
(about 5 s of `make test` on two cores), which has three minutes in all.

Pick one with ``HYPOTHESIS_PROFILE=dev pytest``. Keep this file about hypothesis
profiles; put fixtures in their own modules (e.g. ``tests/fixtures_*.py`` / plugins).
"""

import os

from hypothesis import settings

# Fixtures live in their own modules, loaded here for every test.
pytest_plugins = ["tests.fixtures_project"]

settings.register_profile("ci", max_examples=500, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
