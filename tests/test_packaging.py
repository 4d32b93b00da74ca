"""The wheel carries the rule files: built, installed in a fresh venv, `convlint rule` works."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_the_rules_and_runs_from_a_fresh_venv(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("convlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "convlint/_rules/CL101.toml" in names
    assert not any(name.startswith(("tests/", "examples/")) for name in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    result = subprocess.run([venv / "bin" / "convlint", "rule", "CL101"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# linear-in-features (CL101)")
    lint = subprocess.run([venv / "bin" / "convlint", str(ROOT / "examples" / "buggy_lenet.py")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert lint.returncode == 1 and "CL101" in lint.stdout
