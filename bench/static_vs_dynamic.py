"""Static vs dynamic: `convlint summary` against what torchinfo needs for the same table
(import torch, build the model, run it), each in a fresh process, on the same model and input.

    python bench/static_vs_dynamic.py [--repeat 5]

Needs the test extras (torch, torchinfo). Both sides must report the same totals: the
benchmark checks that before it prints a ratio."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = [
    ("examples/lenet.py", "LeNet5", (10, 1, 32, 32)),
    ("examples/alexnet.py", "AlexNet", (10, 3, 227, 227)),
    ("tests/models/vgg_resnet.py", "VGG11", (1, 3, 224, 224)),
    ("tests/models/vgg_resnet.py", "resnet18", (1, 3, 224, 224)),
]
DYNAMIC = """
import json, runpy, sys
import torch, torchinfo
namespace = runpy.run_path(sys.argv[1], run_name="bench_model")
model = namespace[sys.argv[2]]().eval()
stats = torchinfo.summary(model, input_size=tuple(json.loads(sys.argv[3])), device="cpu", verbose=0, depth=100)
print(json.dumps([stats.total_params, stats.total_mult_adds]))
"""


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'model':<10} {'input':<16} {'convlint summary':>17} {'torch + torchinfo':>18} {'ratio':>6}")
    for file, name, shape in MODELS:
        given = f"{name}={','.join(map(str, shape))}"
        static_runs = [timed([sys.executable, "-m", "convlint", "summary", file, "--model", name,
                              "--input-shape", given, "--format", "json"]) for _ in range(args.repeat)]
        dynamic_runs = [timed([sys.executable, "-c", DYNAMIC, file, name, json.dumps(shape)])
                        for _ in range(args.repeat)]
        (ours,) = json.loads(static_runs[0][1])
        theirs = json.loads(dynamic_runs[0][1])
        if [ours["total_params"], ours["total_mult_adds"]] != theirs:
            sys.exit(f"{name}: convlint {ours['total_params']}, {ours['total_mult_adds']} != torchinfo {theirs}")
        static = statistics.median(t for t, _ in static_runs)
        dynamic = statistics.median(t for t, _ in dynamic_runs)
        print(f"{name:<10} {'x'.join(map(str, shape)):<16} {static:15.2f} s {dynamic:16.2f} s {dynamic / static:5.1f}x")


if __name__ == "__main__":
    main()
