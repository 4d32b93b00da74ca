"""Robustness at scale: lint N mutated model sources (deleted lines, swapped arguments, random
and hostile numbers, truncation, garbage bytes, hostile statements) and count the outcomes.

    python bench/fuzz.py [--cases 10000]

Must report 0 tracebacks; CL999 internal errors are counted (each is a bug to fix)."""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from convlint.pipeline import Settings, lint_text  # noqa: E402
from convlint.report.json_report import render_json  # noqa: E402
from tests.fuzzing import cases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    outcomes: collections.Counter = collections.Counter()
    internal: list[str] = []
    slowest = 0.0
    started = time.perf_counter()
    for number, source in cases(args.cases, args.seed):
        begin = time.perf_counter()
        try:
            result = lint_text(source, f"case{number}.py", Settings(input_shapes={"": (2, 3, 32, 32)}))
            json.loads(render_json([result], result.diagnostics))
            codes = {d.code for d in result.diagnostics}
            outcomes["file problem (CL0xx)" if any(c.startswith("CL0") for c in codes) else
                     "findings" if codes - {"CL999"} else "clean"] += 1
            for d in result.diagnostics:
                if d.code == "CL999":
                    internal.append(d.message)
        except Exception:
            outcomes["TRACEBACK"] += 1
            traceback.print_exc()
        slowest = max(slowest, time.perf_counter() - begin)
    elapsed = time.perf_counter() - started
    print(f"{args.cases} cases in {elapsed:.1f} s ({args.cases / elapsed:.0f}/s), slowest {slowest:.2f} s")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome:<22} {count}")
    print(f"  CL999 internal errors  {len(internal)}")
    for message in collections.Counter(internal).most_common(5):
        print("   ", message)


if __name__ == "__main__":
    main()
