"""Confirmation cost: wall time of `convlint --confirm` per example model, on meta and on cpu.

    python bench/confirm.py

Most of it is the child process importing torch; meta runs no kernels at all."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "convlint", *args], capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    print(f"{'example':<22} {'static s':>9} {'meta s':>8} {'cpu s':>8}")
    rows = []
    for path in sorted((ROOT / "examples").glob("*.py")):
        static = statistics.median(timed([str(path)]) for _ in range(3))
        meta = statistics.median(timed([str(path), "--confirm", "--device", "meta"]) for _ in range(3))
        cpu = statistics.median(timed([str(path), "--confirm", "--device", "cpu"]) for _ in range(3))
        rows.append((static, meta, cpu))
        print(f"{path.stem:<22} {static:9.2f} {meta:8.2f} {cpu:8.2f}")
    print(f"{'median':<22} {statistics.median(r[0] for r in rows):9.2f} {statistics.median(r[1] for r in rows):8.2f} "
          f"{statistics.median(r[2] for r in rows):8.2f}")


if __name__ == "__main__":
    main()
