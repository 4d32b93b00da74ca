"""Yardstick on REAL third-party model code: convlint's static shapes against torch's forward hooks.

    python bench/real_corpus.py [--manifest bench/real_corpus.json] [--only SUBSTR] [--json OUT]
                                [--work /tmp/corpus] [--no-torch] [--show N]

The manifest names public repositories (owner/name and commit), the files to lay out from each,
and per file the models to build (a Python expression evaluated in the file's namespace, e.g.
`ResNet18()`, `UNet(n_channels=3, n_classes=2)`) with an input shape that really runs. No
third-party code lives in this repository: each file is read from a local mirror of its repository
(`git --git-dir=<mirror> show <commit>:<path>`, mirrors under $CORPUS_MIRRORS, default
/work/.mirror/<owner>+<name>/repo) and laid out under WORK/<owner>+<name>/.

Per file:
  1. torch (in a child process, with a timeout): every module's output shape from forward hooks
     (named_modules() names, the first call of each module; the root is reported as "(root)").
  2. `convlint summary FILE --format json --depth 99 --input-shape Model=SHAPE`: the per-layer
     output_shape of that model's rows, compared module by module.
  3. false errors: `convlint FILE --no-cache --format json` with NO options, and again with every
     model's correct `--input-shape Model=SHAPE`: every error-severity finding on these correct
     models is a false error.
  4. injected bugs (manifest "inject"): one edit (old -> new) on one line of a copy of the
     repository's layout; found when convlint (no options) reports an error at that line.
     torch is run on the mutant too, to show the injected bug is real.

Helper packages a model file imports but its models do not need (torchvision's transforms, tqdm,
sklearn, matplotlib) are stood in for by bench/stubs/, minimal modules of our own, put on the torch
child's sys.path after the installed packages.

Manifest fields per file: repo, path, models: [{expr, input, name?}] (input: one shape, or a list of
shapes for a forward taking several inputs, given in order), lint? (the file given to
convlint, default path), root? (folder put on sys.path, default the repository root; the module
is imported by its dotted path below it), script? (true for a training script: its top-level
statements are run one by one, skipping loops, with-blocks, the __main__ guard and any statement
that fails, instead of importing it), argv? (sys.argv[1:] for scripts). Per model also imports?
(project modules the expression names that the file does not import, imported for torch as the
training script imports them: `NetworkCIFAR(36, 10, 20, True, genotypes.PCDARTS)`) and attrs?
(attributes the training script sets on the built model before running it, for torch only:
`{"drop_path_prob": 0.0}`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONVLINT = [sys.executable, "-m", "convlint"]

TORCH_CHILD = r'''
import json, os, sys, importlib, importlib.util, traceback
spec = json.loads(sys.argv[1])
import torch
torch.manual_seed(0)
root = spec["root"]
sys.path.insert(0, root)
sys.path.insert(1, os.path.dirname(spec["file"]))
sys.path.append(spec["stubs"])  # stand-ins for helper packages not installed (after the real ones)
sys.argv = ["corpus"] + spec.get("argv", [])
run_dir = spec["run_dir"]
os.makedirs(os.path.join(run_dir, "logs"), exist_ok=True)  # (model files that log to logs/ at import)
if spec.get("script"):
    # a training script: run its top-level statements one at a time, skipping loops, with-blocks,
    # the __main__ guard, and any statement that fails (data loading, devices, files)
    import ast
    tree = ast.parse(open(spec["file"]).read())
    ns = {"__name__": "__corpus__", "__file__": spec["file"]}
    os.chdir(run_dir)
    for stmt in tree.body:
        if isinstance(stmt, (ast.For, ast.While, ast.With, ast.AsyncFor, ast.AsyncWith)):
            continue
        if isinstance(stmt, ast.If) and "__name__" in ast.unparse(stmt.test):
            continue
        try:
            exec(compile(ast.Module([stmt], []), spec["file"], "exec"), ns)
        except BaseException:
            pass
else:
    os.chdir(run_dir)
    ns = vars(importlib.import_module(spec["module"]))
results = []
for m in spec["models"]:
    out = {"expr": m["expr"], "modules": {}, "params": {}, "error": None}
    try:
        # "imports": project modules the training script imports, that the expression names
        # (`genotypes.PCDARTS` where the model file never imports genotypes)
        ns = dict(ns, **{name: importlib.import_module(name) for name in m.get("imports", [])}) \
            if m.get("imports") else ns
        model = eval(m["expr"], ns)
        # "attrs": attributes the training script sets on the built model (`model.drop_path_prob = ...`)
        for attr, value in m.get("attrs", {}).items():
            setattr(model, attr, value)
        model.eval()
        names = {}
        for n, mod in model.named_modules():
            names.setdefault(id(mod), n)
        def hook(mod, inputs, output, _names=names, _out=out):
            n = _names.get(id(mod))
            if n is None:
                return
            key = n or "(root)"
            if key in _out["modules"]:
                return
            _out["modules"][key] = list(output.shape) if isinstance(output, torch.Tensor) else "non-tensor"
        # a ScriptModule takes no Python hook (and the modules its compiled forward calls run no
        # hook): hook those that allow it, compare only them, and say which could not be hooked
        out["unhooked"] = []
        for n, mod in model.named_modules():
            try:
                mod.register_forward_hook(hook)
            except RuntimeError:
                out["unhooked"].append(n or "(root)")
        out["uncalled"] = []
        with torch.no_grad():
            shapes = m["input"] if isinstance(m["input"][0], list) else [m["input"]]  # several inputs: a list of them
            # "dtype": one for all inputs, or a list of one per input (a float image beside a long time step)
            dtypes = m.get("dtype") if isinstance(m.get("dtype"), list) else [m.get("dtype")] * len(shapes)
            model(*(torch.zeros(s) if d != "long" else torch.zeros(s, dtype=torch.long) for s, d in zip(shapes, dtypes)))
        # (counted after the forward: a LazyLinear's weight has no size before its first input)
        out["params"] = {(n or "(root)"): sum(p.numel() for p in mod.parameters())
                         for n, mod in model.named_modules()}
        out["uncalled"] = [n for n in out["params"] if n not in out["modules"] and n not in out["unhooked"]]
    except BaseException as e:  # noqa: BLE001 - report and go on
        out["error"] = f"{type(e).__name__}: {str(e)[:300]}"
    results.append(out)
print("@@JSON@@" + json.dumps(results))
'''


def mirror(repo: str) -> Path | None:
    base = Path(os.environ.get("CORPUS_MIRRORS", "/work/.mirror")) / repo.replace("/", "+") / "repo"
    for cand in (base / ".git", base):
        if (cand / "HEAD").exists():
            return cand
    return None


def git_show(gitdir: Path, commit: str, path: str) -> bytes | None:
    r = subprocess.run(["git", "--git-dir", str(gitdir), "show", f"{commit}:{path}"], capture_output=True)
    return r.stdout if r.returncode == 0 else None


def lay_out(repo: str, info: dict, work: Path) -> Path | None:
    """Every .py file under the manifest's layout folders (or named files), at the pinned commit."""
    gitdir = mirror(repo)
    if gitdir is None:
        return None
    dest = work / repo.replace("/", "+")
    stamp = dest / ".laid_out"
    if stamp.exists() and stamp.read_text() == info["commit"]:
        return dest
    r = subprocess.run(["git", "--git-dir", str(gitdir), "ls-tree", "-r", "--name-only", info["commit"]],
                       capture_output=True, text=True)
    if r.returncode:
        return None
    wanted = info.get("layout", [""])
    for path in r.stdout.splitlines():
        if not path.endswith(".py") or not any(path == w or path.startswith(w) for w in wanted):
            continue
        data = git_show(gitdir, info["commit"], path)
        if data is None:
            continue
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    stamp.write_text(info["commit"])
    return dest


def model_name(m: dict) -> str:
    return m.get("name") or re.match(r"[\w.]+", m["expr"]).group(0).split(".")[-1]


def shape_arg(m: dict) -> str:
    shapes = m["input"] if isinstance(m["input"][0], list) else [m["input"]]
    return f"{model_name(m)}=" + ";".join(",".join(str(v) for v in shape) for shape in shapes)


def run_convlint(args: list[str], cwd: Path, timeout: int = 300) -> tuple[object, str]:
    env = dict(os.environ, CONVLINT_CACHE_DIR=str(Path(os.environ.get("CORPUS_WORK", "/tmp/corpus")) / ".cache"),
               NO_COLOR="1")
    env["PYTHONPATH"] = str(HERE.parent) + os.pathsep + env.get("PYTHONPATH", "")
    try:
        r = subprocess.run(CONVLINT + args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    try:
        return json.loads(r.stdout), r.stderr
    except json.JSONDecodeError:
        return None, f"rc={r.returncode} {r.stderr.strip()[-400:]} {r.stdout.strip()[-200:]}"


def errors_of(report) -> list[dict]:
    if not isinstance(report, dict):
        return []
    return [d for d in report.get("diagnostics", []) if d.get("severity") == "error"]


def fmt_diag(d: dict) -> str:
    return f"{d['code']} {Path(d['path']).name}:{d['line']} [{d.get('model')}/{d.get('layer')}] {d['message'][:160]}"


def torch_side(entry: dict, base: Path, models: list[dict], timeout: int, file: Path | None = None) -> list[dict]:
    file = file or base / entry["path"]
    root = base / entry.get("root", "")
    rel = file.relative_to(root).with_suffix("")
    spec = dict(file=str(file), root=str(root), module=".".join(rel.parts), models=models,
                script=entry.get("script"), argv=entry.get("argv", []),
                run_dir=str(Path(os.environ.get("CORPUS_WORK", "/tmp/corpus")) / ".run"), stubs=str(HERE / "stubs"))
    try:
        r = subprocess.run([sys.executable, "-c", TORCH_CHILD, json.dumps(spec)], capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return [dict(expr=m["expr"], modules={}, params={}, error="torch timeout") for m in models]
    for line in r.stdout.splitlines():
        if line.startswith("@@JSON@@"):
            return json.loads(line[8:])
    err = (r.stderr.strip().splitlines() or ["no output"])[-1][:300]
    return [dict(expr=m["expr"], modules={}, params={}, error=f"torch failed: {err}") for m in models]


def concrete(shape) -> bool:
    return isinstance(shape, list) and all(isinstance(v, int) for v in shape)


def model_args(m: dict) -> list[str]:
    """The model built as torch builds it here (`VGG("VGG11")`), as --model-args, where it names the class."""
    try:
        from convlint.config import parse_model_args

        if parse_model_args(m["expr"])[0] == model_name(m):
            return ["--model-args", m["expr"]]
    except ValueError:
        pass
    return []


def compare_model(entry: dict, base: Path, m: dict, traced: dict) -> dict:
    name = model_name(m)
    lint = entry.get("lint", entry["path"])
    args = ["summary", lint, "--format", "json", "--depth", "99", "--input-shape", shape_arg(m), *model_args(m)]
    report, err = run_convlint(args, base)
    row = dict(file=f"{entry['repo']}:{lint}", expr=m["expr"], name=name, input=m["input"], torch_error=traced.get("error"),
               modules=0, resolved=0, matching=0, misses=[], convlint_error=None, params_mismatch=0)
    predicted = None
    if isinstance(report, list):
        found = [s for s in report if s.get("name") == name]
        if found:
            predicted = {}
            for r in found[0]["rows"]:
                predicted["(root)" if r.get("depth_index") == "" else r["name"]] = r
            row["stopped_at"] = found[0].get("stopped_at")
        else:
            row["convlint_error"] = f"no model {name} in summary (has: {[s.get('name') for s in report][:8]})"
    else:
        row["convlint_error"] = err
    if traced.get("error"):
        return row
    params = traced.get("params", {})
    for module, shape in traced["modules"].items():
        if shape == "non-tensor":
            continue
        row["modules"] += 1
        layer = (predicted or {}).get(module)
        got = None if layer is None else layer.get("output_shape")
        if concrete(got):
            row["resolved"] += 1
        if got == shape:
            row["matching"] += 1
            counted = _with_submodules(predicted, module)
            if counted is not None and params.get(module) is not None and counted != params[module]:
                row["params_mismatch"] += 1
        else:
            row["misses"].append(dict(module=module, type=None if layer is None else layer.get("type"),
                                      line=None if layer is None else layer.get("line"), predicted=got,
                                      torch=shape, missing=layer is None))
    row["uncalled"] = traced.get("uncalled", [])
    row["unhooked"] = traced.get("unhooked", [])  # ScriptModules: not compared
    return row


def _with_submodules(predicted: dict, module: str) -> int | None:
    """A module's parameters as torch counts them (`module.parameters()`, its submodules' too) from
    the summary's rows, which count each module's own (torchinfo's "--" or 0 for a container)."""
    total = 0
    for name, row in predicted.items():
        if module == "(root)" or name == module or name.startswith(module + "."):
            value = row.get("params")
            if value is None:
                return None
            total += value if isinstance(value, int) else 0
    return total


def run_inject(entry: dict, base: Path, work: Path, inj: dict, timeout: int) -> dict:
    lint = inj.get("file", entry.get("lint", entry["path"]))
    mut_root = work / ".mutants" / f"{base.name}-{abs(hash((lint, inj['old'], inj['new']))) % 10**8}"
    if mut_root.exists():
        shutil.rmtree(mut_root)
    shutil.copytree(base, mut_root)
    target = mut_root / lint
    lines = target.read_text().splitlines(keepends=True)
    hit = [i for i, l in enumerate(lines) if inj["old"] in l and inj.get("line_contains", "") in l]
    res = dict(file=f"{entry['repo']}:{lint}", edit=f"{inj['old']} -> {inj['new']}", line=None, found=False,
               at_line=False, reported=[], torch=None, what=inj.get("what", ""))
    if not hit:
        res["reported"] = ["edit not applied: text not found"]
        return res
    i = hit[0]
    lines[i] = lines[i].replace(inj["old"], inj["new"], 1)
    target.write_text("".join(lines))
    res["line"] = i + 1
    report, err = run_convlint([lint, "--no-cache", "--format", "json"], mut_root)
    errs = errors_of(report)
    res["reported"] = [fmt_diag(d) for d in errs] or ([err] if report is None else [])
    res["found"] = bool(errs)
    res["at_line"] = any(d["line"] == i + 1 and Path(d["path"]).name == target.name for d in errs)
    if inj.get("model"):
        m = inj["model"]
        traced = torch_side(entry, mut_root, [m], timeout, file=mut_root / entry["path"])
        res["torch"] = traced[0].get("error") or "ran without error"
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", default=str(HERE / "real_corpus.json"))
    ap.add_argument("--work", default=os.environ.get("CORPUS_WORK", "/tmp/corpus"))
    ap.add_argument("--only", default=None, help="only files whose repo:path contains this")
    ap.add_argument("--json", default=None)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--show", type=int, default=4, help="mismatches shown per model")
    ap.add_argument("--no-inject", action="store_true")
    args = ap.parse_args()
    os.environ["CORPUS_WORK"] = args.work
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    manifest = json.loads(Path(args.manifest).read_text())
    files, models_out, injects = [], [], []
    start = time.time()
    for entry in manifest["files"]:
        key = f"{entry['repo']}:{entry['path']}"
        if args.only and args.only not in key:
            continue
        info = manifest["repos"][entry["repo"]]
        base = lay_out(entry["repo"], info, work)
        if base is None:
            print(f"skip {key}: no mirror of {entry['repo']}", file=sys.stderr)
            continue
        lint = entry.get("lint", entry["path"])
        models = entry["models"]
        traced = torch_side(entry, base, models, args.timeout)
        rows = [compare_model(entry, base, m, t) for m, t in zip(models, traced)]
        plain, perr = run_convlint([lint, "--no-cache", "--format", "json"], base)
        shaped_args = [lint, "--no-cache", "--format", "json"]
        for m in models:
            shaped_args += ["--input-shape", shape_arg(m), *model_args(m)]  # a correct model, as torch ran it
        shaped, serr = run_convlint(shaped_args, base)
        frow = dict(file=f"{entry['repo']}:{lint}", models=len(models), modules=sum(r["modules"] for r in rows),
                    resolved=sum(r["resolved"] for r in rows), matching=sum(r["matching"] for r in rows),
                    false_plain=[fmt_diag(d) for d in errors_of(plain)],
                    false_shaped=[fmt_diag(d) for d in errors_of(shaped)],
                    lint_failure=[e for e, rep in ((perr, plain), (serr, shaped)) if rep is None],
                    torch_errors=[f"{r['expr']}: {r['torch_error']}" for r in rows if r["torch_error"]])
        files.append(frow)
        models_out += rows
        if not args.no_inject:
            for inj in entry.get("inject", []):
                injects.append(run_inject(entry, base, work, inj, args.timeout))
    # ---- report
    w = max([len(f["file"]) for f in files] + [10])
    print(f"{'file':<{w}} {'models':>6} {'modules':>7} {'resolved':>8} {'matching':>8} {'FE none':>7} {'FE shape':>8}")
    for f in files:
        print(f"{f['file']:<{w}} {f['models']:>6} {f['modules']:>7} {f['resolved']:>8} {f['matching']:>8} "
              f"{len(f['false_plain']):>7} {len(f['false_shaped']):>8}")
    tot = {k: sum(f[k] for f in files) for k in ("models", "modules", "resolved", "matching")}
    fe_plain = sum(len(f["false_plain"]) for f in files)
    fe_shaped = sum(len(f["false_shaped"]) for f in files)
    repos = len({f["file"].split(":")[0] for f in files})
    print(f"{'total (' + str(len(files)) + ' files, ' + str(repos) + ' repos)':<{w}} {tot['models']:>6} "
          f"{tot['modules']:>7} {tot['resolved']:>8} {tot['matching']:>8} {fe_plain:>7} {fe_shaped:>8}")
    if tot["modules"]:
        print(f"matching {100 * tot['matching'] / tot['modules']:.1f}% of modules; resolved "
              f"{100 * tot['resolved'] / tot['modules']:.1f}%; models fully matching: "
              f"{sum(r['modules'] > 0 and r['matching'] == r['modules'] for r in models_out)} of "
              f"{sum(r['modules'] > 0 for r in models_out)}")
    print("\nper model:")
    for r in models_out:
        flag = "" if r["modules"] and r["matching"] == r["modules"] else "  <--"
        print(f"  {r['file']} {r['expr']} {r['input']}: {r['matching']}/{r['modules']} matching, "
              f"{r['resolved']} resolved{flag}")
        if r["torch_error"]:
            print(f"      torch: {r['torch_error']}")
        if r["convlint_error"]:
            print(f"      convlint: {r['convlint_error']}")
        for miss in r["misses"][:args.show]:
            print(f"      {miss['module']} ({miss['type']}, line {miss['line']}): convlint {miss['predicted']} "
                  f"torch {miss['torch']}")
        if len(r["misses"]) > args.show:
            print(f"      ... {len(r['misses']) - args.show} more")
    for f in files:
        if f["false_plain"] or f["false_shaped"] or f["lint_failure"]:
            print(f"\nfalse errors in {f['file']}:")
            for d in f["false_plain"]:
                print("   no options:", d)
            for d in f["false_shaped"]:
                print("   with shape:", d)
            for d in f["lint_failure"]:
                print("   convlint failed:", d)
    if injects:
        print("\ninjected bugs:")
        for i in injects:
            print(f"  {i['file']}:{i['line']} {i['edit']} ({i['what']}): found={i['found']} at_line={i['at_line']}; "
                  f"torch: {str(i['torch'])[:100]}")
            for d in i["reported"][:3]:
                print("      ", d)
        print(f"  found at the line: {sum(i['at_line'] for i in injects)} of {len(injects)} "
              f"(found anywhere {sum(i['found'] for i in injects)})")
    print(f"\n{time.time() - start:.0f}s")
    if args.json:
        Path(args.json).write_text(json.dumps(dict(files=files, models=models_out, injects=injects,
                                                   totals=dict(tot, files=len(files), repos=repos,
                                                               false_plain=fe_plain, false_shaped=fe_shaped)),
                                              indent=1))


if __name__ == "__main__":
    main()
