"""Benchmark: infotheory measures (validation on) against the bare scipy.special kernels.

Run with ``make bench`` (or ``python tests/benchmarks/bench_infotheory.py``). The bar is
``<= 2x`` the kernel (``entr(p).sum()``, ``-xlogy(p, q).sum()``, ``rel_entr(p, q).sum()``,
each divided by ``ln 2``). Timings are best-of-``REPEAT`` with ``time.perf_counter``.
Exits with status 1 if any case misses the bar.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable

import numpy as np
from scipy.special import entr, rel_entr, xlogy

import infotheory as it

REPEAT = 7
BAR = 2.0
LN2 = math.log(2.0)
CASES = {
    "1e6": (1_000_000,),
    "1e7": (10_000_000,),
    "1000x10000": (1_000, 10_000),
}

Pair = tuple[Callable[[], object], Callable[[], object]]


def best_of(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    """Best wall time of ``repeat`` calls, in seconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def random_distributions(shape: tuple[int, ...], seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).random(shape)
    return x / x.sum(axis=-1, keepdims=True)


def contenders(p: np.ndarray, q: np.ndarray) -> dict[str, Pair]:
    """``{measure: (infotheory call, bare kernel call)}`` on the same data."""
    return {
        "entropy": (lambda: it.entropy(p), lambda: entr(p).sum(axis=-1) / LN2),
        "cross_entropy": (
            lambda: it.cross_entropy(p, q),
            lambda: -xlogy(p, q).sum(axis=-1) / LN2,
        ),
        "kl_divergence": (
            lambda: it.kl_divergence(p, q),
            lambda: rel_entr(p, q).sum(axis=-1) / LN2,
        ),
    }


def main() -> int:
    header = f"{'case':<12} {'function':<14} {'infotheory ms':>14} {'kernel ms':>10} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for label, shape in CASES.items():
        p = random_distributions(shape, seed=1)
        q = random_distributions(shape, seed=2)
        for name, (ours, kernel) in contenders(p, q).items():
            np.testing.assert_allclose(ours(), kernel(), rtol=1e-9)
            t_ours, t_kernel = best_of(ours), best_of(kernel)
            ratio = t_ours / t_kernel
            worst = max(worst, ratio)
            print(
                f"{label:<12} {name:<14} {t_ours * 1e3:>14.2f} {t_kernel * 1e3:>10.2f} "
                f"{ratio:>6.2f}"
            )
    verdict = "meets" if worst <= BAR else "MISSES"
    print(f"\nworst ratio {worst:.2f}: {verdict} the bar of {BAR:g}x the kernel")
    return 0 if worst <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
