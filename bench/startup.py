"""Start-up benchmark: wall time and peak memory of small convlint runs (median of N runs).

    python bench/startup.py [--runs 10]

Also prints the slowest imports of a lint run (python -X importtime)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "convlint --version": ["--version"],
    "convlint --help": ["--help"],
    "convlint examples/lenet.py --no-cache": [str(ROOT / "examples" / "lenet.py"), "--no-cache"],
    "convlint examples/ --no-cache": [str(ROOT / "examples"), "--no-cache"],
    "convlint examples/lenet.py (cached)": [str(ROOT / "examples" / "lenet.py")],
    "convlint examples/ (cached)": [str(ROOT / "examples")],
}


def measure(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `python -m convlint ARGS` process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "convlint", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    os.environ["CONVLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="convlint-bench-cache-")
    print(f"{'command':<40} {'median s':>9} {'min s':>7} {'peak MiB':>9}")
    for label, args in COMMANDS.items():
        measure(args)  # warm the file cache
        samples = [measure(args) for _ in range(runs)]
        times = [t for t, _ in samples]
        peak = max(m for _, m in samples) / 1024
        print(f"{label:<40} {statistics.median(times):9.3f} {min(times):7.3f} {peak:9.1f}")
    importtime = subprocess.run([sys.executable, "-X", "importtime", "-m", "convlint", str(ROOT / "examples" / "lenet.py"),
                                 "--no-cache"],
                                capture_output=True, text=True).stderr.splitlines()
    rows = [line.split("|") for line in importtime if line.startswith("import time:") and "cumulative" not in line]
    top = sorted(((int(r[1]), r[2].strip()) for r in rows if r[2].startswith(" ") and not r[2].startswith("  ")),
                 reverse=True)[:5]
    print("\nslowest top-level imports of a lint run (cumulative ms):")
    for micros, name in top:
        print(f"  {name:<30} {micros / 1000:7.1f}")
    print("torch imported:", "torch" in " ".join(importtime).split())


if __name__ == "__main__":
    main()
