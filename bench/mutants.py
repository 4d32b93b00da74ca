"""Bugs injected automatically into real third-party model code, the way people make them, and
how many convlint finds at the edited line with no options.

    python bench/mutants.py --manifest bench/M.json [--manifest ...] [--limit 120] [--seed 0]
                            [--per-file 3] [--only SUBSTR] [--json OUT] [--work DIR]

The hand-written injects of the third-party manifests are few (15-25 per manifest); this draws
many more from the same files. Each mutant is one edit on one line of a file the manifest lints:

- width:   a layer's input width (Conv*/ConvTranspose* in_channels, Linear in_features,
           BatchNorm*/InstanceNorm* num_features, GroupNorm num_channels) written wrong: an int
           literal doubled, one factor of a product changed (`16 * 5 * 5` -> `16 * 4 * 5`), or
           a name replaced by another width the same call or the layer before it names
           (`BatchNorm2d(in_ch)` for `BatchNorm2d(out_ch)`);
- stride:  a layer's `stride=1` made 2 (a later add, cat or Linear breaks);
- view:    the literal size of a `view`/`reshape` changed as in `width`.

A mutant counts only if torch raises on one of the manifest's models of that file (the
unmutated models run); it is found at the line when convlint reports an error on the edited line
(as bench/third_party.py counts its injects). Output: the at-line rate per operator and per
repository, and every miss with what was reported, for finding the classes convlint misses.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_corpus  # noqa: E402

WIDTH_LAYERS = {
    "Conv1d": 0, "Conv2d": 0, "Conv3d": 0, "ConvTranspose1d": 0, "ConvTranspose2d": 0, "ConvTranspose3d": 0,
    "Linear": 0, "BatchNorm1d": 0, "BatchNorm2d": 0, "BatchNorm3d": 0, "InstanceNorm1d": 0,
    "InstanceNorm2d": 0, "InstanceNorm3d": 0, "GroupNorm": 1,
}
WIDTH_KEYWORDS = {"in_channels", "in_features", "num_features", "num_channels"}
STRIDE_LAYERS = {"Conv1d", "Conv2d", "Conv3d", "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d"}


def _layer_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _width_argument(call: ast.Call) -> ast.expr | None:
    name = _layer_name(call)
    if name not in WIDTH_LAYERS:
        return None
    for keyword in call.keywords:
        if keyword.arg in WIDTH_KEYWORDS:
            return keyword.value
    position = WIDTH_LAYERS[name]
    if len(call.args) > position and not any(isinstance(a, ast.Starred) for a in call.args[:position + 1]):
        return call.args[position]
    return None


def _changed_number(node: ast.expr, text: str) -> str | None:
    """An int literal doubled, or the last int factor of a product moved by one."""
    if isinstance(node, ast.Constant) and type(node.value) is int and node.value > 0:
        return str(node.value * 2)
    if isinstance(node, ast.BinOp):
        constants = [n for n in ast.walk(node) if isinstance(n, ast.Constant) and type(n.value) is int]
        if not constants:
            return None
        last = max(constants, key=lambda n: (n.lineno, n.col_offset))
        if last.lineno != node.lineno:
            return None
        value = last.value - 1 if last.value > 2 else last.value + 1
        start = last.col_offset - node.col_offset
        end = last.end_col_offset - node.col_offset
        return text[:start] + str(value) + text[end:]
    return None


def _is_name(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def _segment(source_lines: list[str], node: ast.expr) -> str | None:
    if node.lineno != node.end_lineno:
        return None
    return source_lines[node.lineno - 1][node.col_offset:node.end_col_offset]


def candidates(source: str) -> list[dict]:
    """Every mutant of the file's class bodies: {line, old, new, operator}, `old` the exact text
    replaced on that line (its first occurrence from the argument's column)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = source.splitlines()
    out: list[dict] = []
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        for function in [n for n in ast.walk(cls) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            calls = sorted((n for n in ast.walk(function) if isinstance(n, ast.Call)),
                           key=lambda n: (n.lineno, n.col_offset))
            widths_seen: list[str] = []  # width-like texts of the layers built before, nearest last
            for call in calls:
                name = _layer_name(call)
                argument = _width_argument(call)
                if argument is not None:
                    text = _segment(lines, argument)
                    if text is not None:
                        new = _changed_number(argument, text)
                        if new is None and isinstance(argument, (ast.Name, ast.Attribute, ast.BinOp, ast.Subscript)):
                            others = [_segment(lines, a) for a in call.args[1:2]] + widths_seen[::-1]
                            new = next((o for o in others if o and o != text and _is_name(o)), None)
                        if new is not None:
                            out.append(dict(line=argument.lineno, col=argument.col_offset, old=text, new=new,
                                            operator="width", layer=name))
                if name in WIDTH_LAYERS:
                    for a in call.args[:2]:
                        text = _segment(lines, a)
                        if text and isinstance(a, (ast.Name, ast.Attribute)):
                            widths_seen.append(text)
                if name in STRIDE_LAYERS:
                    for keyword in call.keywords:
                        if keyword.arg == "stride" and isinstance(keyword.value, ast.Constant) \
                                and keyword.value.value == 1:
                            out.append(dict(line=keyword.value.lineno, col=keyword.value.col_offset, old="1",
                                            new="2", operator="stride", layer=name))
                if isinstance(call.func, ast.Attribute) and call.func.attr in ("view", "reshape") \
                        and len(call.args) >= 2:
                    last = call.args[-1]
                    text = _segment(lines, last)
                    new = _changed_number(last, text) if text else None
                    if new is not None:
                        out.append(dict(line=last.lineno, col=last.col_offset, old=text, new=new, operator="view",
                                        layer=call.func.attr))
    unique = {(m["line"], m["col"], m["new"]): m for m in out}
    return list(unique.values())


def run_mutant(entry: dict, base: Path, work: Path, lint: str, mutant: dict, timeout: int) -> dict | None:
    """None when torch accepts the mutant on every model of the file (not a bug at these sizes)."""
    root = work / ".mutants" / "current"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(base, root)
    target = root / lint
    lines = target.read_text().splitlines(keepends=True)
    line = lines[mutant["line"] - 1]
    col = mutant["col"]
    if line[col:col + len(mutant["old"])] != mutant["old"]:
        return None
    lines[mutant["line"] - 1] = line[:col] + mutant["new"] + line[col + len(mutant["old"]):]
    target.write_text("".join(lines))
    traced = real_corpus.torch_side(entry, root, entry["models"], timeout, file=root / entry["path"])
    errors = [t.get("error") for t in traced if t.get("error")]
    if not errors or all(e.startswith("torch failed") or e == "torch timeout" for e in errors):
        return None
    report, err = real_corpus.run_convlint([lint, "--no-cache", "--format", "json"], root, timeout)
    found = real_corpus.errors_of(report)
    return dict(file=f"{entry['repo']}:{lint}", line=mutant["line"], operator=mutant["operator"],
                layer=mutant["layer"], edit=f"{mutant['old']} -> {mutant['new']}", torch=errors[0][:200],
                found=bool(found),
                at_line=any(d["line"] == mutant["line"] and Path(d["path"]).name == target.name for d in found),
                reported=[real_corpus.fmt_diag(d) for d in found] or ([err] if report is None else []))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", action="append", required=True)
    ap.add_argument("--work", default="/tmp/mutants")
    ap.add_argument("--only", default=None)
    ap.add_argument("--limit", type=int, default=120, help="mutants torch rejects, in all")
    ap.add_argument("--per-file", type=int, default=3, help="mutants torch rejects, per file")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    os.environ["CORPUS_WORK"] = args.work
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    entries = []
    for path in args.manifest:
        manifest = json.loads(Path(path).read_text())
        for entry in manifest["files"]:
            if entry.get("script") or not entry.get("models"):
                continue
            if args.only and args.only not in f"{entry['repo']}:{entry['path']}":
                continue
            entries.append((entry, manifest["repos"][entry["repo"]]))
    rng.shuffle(entries)
    results: list[dict] = []
    tried = 0
    start = time.time()
    for entry, info in entries:
        if len(results) >= args.limit:
            break
        base = real_corpus.lay_out(entry["repo"], info, work)
        if base is None:
            continue
        lint = entry.get("lint", entry["path"])
        pool = candidates((base / lint).read_text(errors="replace"))
        rng.shuffle(pool)
        kept = 0
        for mutant in pool[:4 * args.per_file]:
            if kept >= args.per_file or len(results) >= args.limit:
                break
            tried += 1
            result = run_mutant(entry, base, work, lint, mutant, args.timeout)
            if result is not None:
                kept += 1
                results.append(result)
                print(f"{'AT ' if result['at_line'] else 'FOUND' if result['found'] else 'MISS'} "
                      f"{result['file']}:{result['line']} {result['operator']} {result['edit']}", flush=True)
    print(f"\n{len(results)} mutants torch rejects (of {tried} tried), {time.time() - start:.0f}s")
    for group in ("operator", "file"):
        counts: dict[str, list[int]] = {}
        for r in results:
            key = r[group] if group == "operator" else r["file"].split(":")[0]
            counts.setdefault(key, [0, 0, 0])
            counts[key][0] += r["at_line"]
            counts[key][1] += r["found"]
            counts[key][2] += 1
        print(f"\nby {group}: at line / found / mutants")
        for key, (at, found, n) in sorted(counts.items()):
            print(f"  {key:<50} {at:>3} {found:>3} {n:>3}")
    print(f"\nat the line: {sum(r['at_line'] for r in results)} of {len(results)}; "
          f"found anywhere: {sum(r['found'] for r in results)}")
    print("\nnot at the line:")
    for r in results:
        if not r["at_line"]:
            print(f"  {r['file']}:{r['line']} {r['operator']} {r['edit']}  torch: {r['torch'][:90]}")
            for d in r["reported"][:2]:
                print(f"      {d}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
