"""Every render process, dry run and command imports the kit, so each pays for what the
kit imports at start-up. SciPy's signal and optimize packages cost about 0.4 s together
and only the voice and the best-model fit use them: they are imported where they are used
(tests/voice and tests/test_infotheory_fit.py run those paths)."""

import subprocess
import sys

LATER = ("scipy.signal", "scipy.optimize")


def _imported_at_start(code: str) -> list[str]:
    check = f"{code}; import sys; print(' '.join(m for m in {LATER!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_kit_and_the_registry_start_without_scipy_signal_or_optimize():
    assert _imported_at_start("import scenes.kit, scenes.registry, scenes.cli") == []
