"""Yardstick on more third-party model code (repositories not in real_corpus.json): the same
module-by-module comparison with torch's forward hooks, false errors with and without
--input-shape, and injected bugs, driven by bench/third_party.json.

    python bench/third_party.py [--only SUBSTR] [--json OUT] [--work DIR] [--no-inject]

Each manifest entry is (file, model expression with its constructor arguments, input shape);
see bench/real_corpus.py for the fields. Mirrors are read from $CORPUS_MIRRORS (default
/work/.mirror/<owner>+<name>/repo); no third-party code is stored in this repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import real_corpus  # noqa: E402

_run_convlint = real_corpus.run_convlint


def run_convlint_first_call(args, cwd, timeout=300):
    """`convlint summary` has one row per CALL of a module (torchinfo style); torch's forward hook
    records a module's FIRST call. real_corpus keys the rows by name, so the last call won and a
    shared `self.relu`/`self.maxpool` was counted as a mismatch. Keep the first row per name."""
    if args and args[0] == "summary" and "--input-shape" in args and "--model" not in args:
        # summarise only the model compared (a file with resnet1202 takes minutes otherwise)
        shape = args[args.index("--input-shape") + 1]
        if "=" in shape:
            args = [*args, "--model", shape.split("=", 1)[0]]
    report, err = _run_convlint(args, cwd, timeout)
    if args and args[0] == "summary" and isinstance(report, list):
        for model in report:
            seen, rows = set(), []
            for row in model.get("rows", []):
                key = "(root)" if row.get("depth_index") == "" else row.get("name")
                if key not in seen:
                    seen.add(key)
                    rows.append(row)
            model["rows"] = rows
    return report, err


real_corpus.run_convlint = run_convlint_first_call

if __name__ == "__main__":
    if "--manifest" not in sys.argv:
        sys.argv[1:1] = ["--manifest", str(HERE / "third_party.json")]
    real_corpus.main()
