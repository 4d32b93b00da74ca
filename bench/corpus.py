"""Throughput and scaling on large trees.

    python bench/corpus.py [--files 1000] [--tv PATH_TO_torchvision/models]

1. A generated corpus of model files of varied size: convlint wall time with -j 1 and -j auto,
   against the floor (libcst parsing alone of the same files, in one process), in files/s and
   lines/s, and the ratio to parse-alone; then a second run on a warm result cache. The three
   reports must be the same.
2. Scaling: one file of 1k..100k lines (many models) and one model of 10,000 layers: wall time
   and peak memory of a convlint run."""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMPLATE = '''import torch
import torch.nn as nn
import torch.nn.functional as F

WIDTH = {width}


# convlint: input-shape=(2, 3, {size}, {size})
class Net{index}(nn.Module):
    def __init__(self, classes={classes}):
        super().__init__()
        self.features = nn.Sequential(
{layers}
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear({last}, classes)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(self.pool(x), 1)
        return self.head(F.dropout(x, 0.1, training=self.training))
'''


def model_source(index: int, rng: random.Random, depth: int) -> str:
    layers, channels = [], 3
    for _ in range(depth):
        out = rng.choice([16, 32, 64])
        layers.append(f"            nn.Conv2d({channels}, {out}, 3, padding=1, bias=False), nn.BatchNorm2d({out}), "
                      "nn.ReLU(inplace=True),")
        channels = out
    return TEMPLATE.format(index=index, width=rng.randint(8, 64), size=rng.choice([32, 64]),
                           classes=rng.randint(2, 100), layers="\n".join(layers), last=channels)


def write_corpus(folder: Path, files: int) -> int:
    rng = random.Random(7)
    lines = 0
    for number in range(files):
        source = "\n\n".join(model_source(number * 10 + k, rng, rng.randint(2, 12)) for k in range(rng.randint(1, 4)))
        (folder / f"model_{number:05d}.py").write_text(source)
        lines += source.count("\n") + 1
    return lines


def run(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "convlint", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss // 1024


def parse_alone(folder: Path) -> float:
    code = ("import sys, time, pathlib, libcst\nstart = time.perf_counter()\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.py')):\n"
            "    libcst.parse_module(p.read_text())\nprint(time.perf_counter() - start)")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def throughput(label: str, folder: Path, files: int, lines: int, cache: Path) -> None:
    floor = parse_alone(folder)
    report = ["--exit-zero", "--format", "concise"]
    serial, serial_mem = run([str(folder), "-j", "1", "--no-cache", *report])
    parallel, _ = run([str(folder), "-j", "auto", "--no-cache", *report])
    run([str(folder), "--cache-dir", str(cache), *report])  # fills the cache
    warm, _ = run([str(folder), "--cache-dir", str(cache), *report])
    same = len({capture([str(folder), *flags, *report]) for flags in
                (["-j", "1", "--no-cache"], ["-j", "auto", "--no-cache"], ["--cache-dir", str(cache)])}) == 1
    print(f"{label}: {files} files, {lines:,} lines")
    print(f"  libcst parse alone       {floor:7.2f} s  {files / floor:7.0f} files/s  {lines / floor:9.0f} lines/s")
    print(f"  convlint -j 1            {serial:7.2f} s  {files / serial:7.0f} files/s  {lines / serial:9.0f} lines/s"
          f"  ({serial / floor:.2f}x parse alone, peak {serial_mem} MiB)")
    print(f"  convlint -j auto ({os.cpu_count()} cores) {parallel:7.2f} s  {files / parallel:7.0f} files/s"
          f"  ({serial / parallel:.2f}x faster than -j 1, {parallel / floor:.2f}x parse alone)")
    print(f"  convlint, cache warm     {warm:7.2f} s  {files / warm:7.0f} files/s  ({serial / warm:.0f}x faster than -j 1)")
    print(f"  same report from -j 1, -j auto and the cache: {'yes' if same else 'NO'}")


def capture(args: list[str]) -> str:
    return subprocess.run([sys.executable, "-m", "convlint", *args], capture_output=True, text=True).stdout


def scaling(folder: Path) -> None:
    print("scaling: one file")
    rng = random.Random(3)
    for target in (1_000, 10_000, 100_000):
        parts, lines, index = [], 0, 0
        while lines < target:
            source = model_source(index, rng, 6)
            parts.append(source)
            lines += source.count("\n") + 2
            index += 1
        path = folder / f"big_{target}.py"
        path.write_text("\n\n".join(parts))
        seconds, memory = run([str(path), "--no-cache", "--exit-zero", "--format", "concise"])
        print(f"  {target:>7,} lines ({index} models)  {seconds:7.2f} s  peak {memory} MiB")
    layers = "\n".join(f"            nn.Conv2d(8, 8, 3, padding=1), nn.ReLU()," for _ in range(5_000))
    deep = TEMPLATE.format(index=0, width=8, size=16, classes=10, layers=
                           "            nn.Conv2d(3, 8, 3, padding=1),\n" + layers, last=8)
    path = folder / "deep.py"
    path.write_text(deep)
    seconds, memory = run([str(path), "--no-cache", "--exit-zero", "--format", "concise"])
    print(f"  one model of 10,001 layers  {seconds:7.2f} s  peak {memory} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--tv", default=None, help="torchvision/models source folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        lines = write_corpus(folder, args.files)
        throughput("generated corpus", folder, args.files, lines, Path(scratch) / "cache")
        if args.tv:
            tv = Path(args.tv)
            files = list(tv.glob("*.py"))
            throughput("torchvision models/", tv, len(files), sum(p.read_text().count("\n") for p in files),
                       Path(scratch) / "tv-cache")
        scaling(Path(scratch))


if __name__ == "__main__":
    main()
