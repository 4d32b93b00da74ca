"""Mutations of real model sources, for the robustness tests and bench/fuzz.py."""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(ROOT.glob("examples/*.py")) + sorted(ROOT.glob("tests/models/*.py"))
NUMBER = re.compile(r"\b\d+\b")
HOSTILE_NUMBERS = ["0", "-1", "10**10**10", "2**64", "1.5", "10**12", "-7", "None", "'x'", "()", "[1] * 10**9"]


def mutate(source: str, rng: random.Random) -> str | bytes:
    lines = source.splitlines()
    kind = rng.randrange(8)
    if kind == 0 and lines:  # delete lines
        start = rng.randrange(len(lines))
        del lines[start:start + rng.randint(1, 3)]
    elif kind == 1:  # random and hostile numbers
        source = NUMBER.sub(lambda m: rng.choice(HOSTILE_NUMBERS + [str(rng.randint(0, 5000))])
                            if rng.random() < 0.3 else m.group(0), source)
        return source
    elif kind == 2:  # swap two arguments inside a call
        source = re.sub(r"\(([^(),]+), ([^(),]+)", lambda m: f"({m.group(2)}, {m.group(1)}"
                        if rng.random() < 0.3 else m.group(0), source)
        return source
    elif kind == 3:  # truncate
        return source[: rng.randrange(len(source) + 1)]
    elif kind == 4:  # garbage bytes
        data = bytearray(source.encode())
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    elif kind == 5 and lines:  # duplicate a line elsewhere
        lines.insert(rng.randrange(len(lines)), rng.choice(lines))
    elif kind == 6 and lines:  # indentation damage
        index = rng.randrange(len(lines))
        lines[index] = " " * rng.randint(0, 9) + lines[index].lstrip()
    else:  # hostile statements
        hostile = rng.choice(["        for i in range(10**12):\n            pass", "        while True:\n            x = x",
                              "        self.deep = " + "(" * 300 + "1" + ")" * 300,
                              "        import os; os.system('touch /tmp/convlint-was-here')"])
        index = rng.randrange(len(lines) + 1)
        lines[index:index] = hostile.splitlines()
    return "\n".join(lines) + "\n"


def cases(count: int, seed: int = 0):
    rng = random.Random(seed)
    sources = [path.read_text() for path in SEEDS]
    for number in range(count):
        yield number, mutate(rng.choice(sources), rng)
