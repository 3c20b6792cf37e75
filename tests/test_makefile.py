"""`make test` and `make video` set up once: a second run does no set-up.

The Makefile runs in a copy of the project with a stand-in interpreter, so the set-up
is real make logic but takes no time: ``-m venv DIR`` links ``DIR/bin/python`` to the
stand-in (as venv links the system interpreter, whose date is years old), ``-m pip``
does nothing, and anything else runs the real Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SET_UP = ("-m venv", "pip install", "apt-get", "dpkg-query")

STAND_IN = f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && {{ [ -e "$3/bin/python" ] || ln -s "$0" "$3/bin/python"; }}
  exit 0
fi
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then exit 0; fi
exec {sys.executable} "$@"
"""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture
def checkout(tmp_path) -> Path:
    folder = tmp_path / "checkout"
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(REPO / name, folder / name)
    interpreter = tmp_path / "python3"
    interpreter.write_text(STAND_IN)
    interpreter.chmod(0o755)
    old = 978_307_200  # 2001: the system interpreter is older than anything make writes
    os.utime(interpreter, (old, old))
    return folder


def make(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    variables = [
        f"PYTHON={checkout.parent / 'python3'}",
        "SYSTEM_PACKAGES=",  # the packages are this machine's business, not the test's
        "TEST_SYSTEM_PACKAGES=",
    ]
    return subprocess.run(
        ["make", "--no-print-directory", *variables, *args],
        cwd=checkout,
        capture_output=True,
        text=True,
    )


def set_up_commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if any(word in line for word in SET_UP)]


def test_a_second_run_does_no_set_up(checkout):
    first = make(checkout, "-n", "test")
    assert first.returncode == 0, first.stderr
    assert set_up_commands(first.stdout)  # a fresh checkout does set up

    done = make(checkout, "setup", "test-system-deps")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (checkout / ".venv" / "bin" / "python").is_symlink()

    for target in ("test", "video"):
        again = make(checkout, "-n", target)
        assert again.returncode == 0, again.stderr
        assert set_up_commands(again.stdout) == [], f"make {target} would set up again"
        assert ".venv/bin/" in again.stdout  # and still does its own work


def test_a_changed_pyproject_reinstalls_the_package_only(checkout):
    assert make(checkout, "setup", "test-system-deps").returncode == 0
    os.utime(checkout / "pyproject.toml")  # edited now
    (command,) = set_up_commands(make(checkout, "-n", "test").stdout)
    assert command.startswith(".venv/bin/python -m pip install")
