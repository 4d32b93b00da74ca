"""Model zoos linted file by file: error findings and wall time per file, in the two ways a user
runs convlint on a zoo (`convlint FILE --input-shape 1,3,224,224 --no-cache` and `convlint FILE
--no-cache`), each file alone with -j 1 and a time limit.

    python bench/zoo_files.py [--zoo NAME ...] [--only SUBSTR] [--timeout 120] [--workers 1]
                              [--jsonl OUT] [--work DIR] [--modes shape,zero]

Every file of a zoo is a model file of correct, published models, so any error finding is a
false error (or a bug of the zoo, to be checked by hand against torch), an exit status other
than 0/1 or a CL999 is a crash, and a run past the limit is a failure in practice. No
third-party code lives in this repository: each zoo is read from a local mirror of its
repository ($CORPUS_MIRRORS, default /work/.mirror/<owner>+<name>/repo, a bare git dir) and laid
out under WORK (default /tmp/convlint-zoo) with `git archive`. Wall times depend on the machine
and its load: run with --workers 1 to compare them between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# name: (repository, folder of model files, files left out as not model code)
ZOOS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "timm-models": ("huggingface/pytorch-image-models", "timm/models", ("__init__.py",)),
    "timm-layers": ("huggingface/pytorch-image-models", "timm/layers", ("__init__.py",)),
    "pytorchcv": ("osmr/pytorchcv", "pytorchcv/models", ("__init__.py", "model_store.py")),
    "cadene": ("Cadene/pretrained-models.pytorch", "pretrainedmodels/models", ("__init__.py",)),
    "geffnet": ("rwightman/gen-efficientnet-pytorch", "geffnet", ("__init__.py",)),
    "cifar-chenyaofo": ("chenyaofo/pytorch-cifar-models", "pytorch_cifar_models", ("__init__.py",)),
    "cifar-kuangliu": ("kuangliu/pytorch-cifar", "models", ("__init__.py",)),
    "cifar-bearpaw": ("bearpaw/pytorch-classification", "models", ("__init__.py",)),
    "cifar100-weiaicunzai": ("weiaicunzai/pytorch-cifar100", "models", ("__init__.py",)),
    "hysts": ("hysts/pytorch_image_classification", "pytorch_image_classification/models", ("__init__.py",)),
    "efficientnet-lukemelas": ("lukemelas/EfficientNet-PyTorch", "efficientnet_pytorch", ("__init__.py",)),
    "mobilenetv2-d-li14": ("d-li14/mobilenetv2.pytorch", "models", ("__init__.py",)),
}
MODES = {"shape": ["--input-shape", "1,3,224,224"], "zero": []}


def lay_out(repo: str, work: Path) -> Path | None:
    """The mirror's HEAD written under WORK/<owner>+<name> (once; reused while it exists)."""
    key = repo.replace("/", "+")
    dest = work / key
    if (dest / ".complete").exists():
        return dest
    gitdir = Path(os.environ.get("CORPUS_MIRRORS", "/work/.mirror")) / key / "repo"
    if not gitdir.exists():
        return None
    dest.mkdir(parents=True, exist_ok=True)
    # sources and project files only: a mirror may lack the blobs of large files (weights)
    names = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", "HEAD"],
                           capture_output=True, text=True).stdout.split("\n")
    wanted = [n for n in names if n.endswith((".py", ".toml", ".cfg"))]
    archive = subprocess.run(["git", f"--git-dir={gitdir}", "archive", "HEAD", "--", *wanted], capture_output=True)
    if archive.returncode != 0:
        print(f"{repo}: git archive failed: {archive.stderr.decode()[:200]}", file=sys.stderr)
        return None
    archive = archive.stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    (dest / ".complete").write_text("")
    return dest


def confirm(root: Path, rel: str, mode: str, timeout: int) -> dict:
    """Each error finding's verdict from torch (`--confirm --device cpu`: the file's models built
    and run as the analysis built them): 'confirmed' is a true error at that input."""
    cmd = [sys.executable, "-m", "convlint", rel, "--no-cache", "-j", "1", "--format", "json",
           "--confirm", "--device", "cpu", "--timeout", str(timeout), *MODES[mode]]
    try:
        out = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=timeout * 2).stdout
        report = json.loads(out)
    except (subprocess.TimeoutExpired, ValueError):
        return {}
    return {f"{d['code']}:{d['line']}": (d.get("confirmation") or {}).get("verdict")
            for d in report["diagnostics"] if d["severity"] == "error"}


def run_one(root: Path, rel: str, mode: str, timeout: int) -> dict:
    # CPU seconds beside the wall time (GNU time): on a loaded machine the wall time says little
    with tempfile.NamedTemporaryFile("r") as times:
        cmd = ["/usr/bin/time", "-f", "%U %S", "-o", times.name, sys.executable, "-m", "convlint", rel,
               "--no-cache", "-j", "1", "--format", "json", *MODES[mode]]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc, out = "timeout", ""
        wall = round(time.monotonic() - start, 2)
        try:
            cpu = round(sum(float(x) for x in times.read().split()[-2:]), 2)
        except ValueError:
            cpu = None
    rec: dict = {"file": rel, "mode": mode, "rc": rc, "wall": wall, "cpu": cpu}
    if rc not in (0, 1):
        rec["stderr"] = err[-2000:]
    try:
        report = json.loads(out)
    except ValueError:
        return rec
    rec["errors"] = [{k: d[k] for k in ("code", "line", "model", "message")}
                     for d in report["diagnostics"] if d["severity"] == "error"]
    rec["models"] = sum(len(f["models"]) for f in report["files"])
    if rec["errors"] and CONFIRM:
        verdicts = confirm(root, rel, mode, timeout)
        for e in rec["errors"]:
            e["torch"] = verdicts.get(f"{e['code']}:{e['line']}")
    return rec


CONFIRM = False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--zoo", action="append", choices=sorted(ZOOS), help="default: all")
    ap.add_argument("--only", help="files whose path contains this")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--workers", type=int, default=1, help="files linted at once (default 1)")
    ap.add_argument("--modes", default="shape,zero")
    ap.add_argument("--confirm", action="store_true",
                    help="rerun files with error findings under --confirm --device cpu (needs torch and the "
                         "zoo's own imports): each error gets torch's verdict, 'confirmed' being a true error")
    ap.add_argument("--jsonl", type=Path, help="one record per run")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("ZOO_WORK", "/tmp/convlint-zoo")))
    args = ap.parse_args()
    modes = args.modes.split(",")
    global CONFIRM
    CONFIRM = args.confirm
    jobs = []
    for name in args.zoo or ZOOS:
        repo, folder, skip = ZOOS[name]
        root = lay_out(repo, args.work)
        if root is None:
            print(f"skip {name}: no mirror of {repo} to read", file=sys.stderr)
            continue
        for path in sorted((root / folder).rglob("*.py")):
            rel = str(path.relative_to(root))
            if path.name in skip or (args.only and args.only not in rel):
                continue
            jobs += [(name, root, rel, mode) for mode in modes]
    out = args.jsonl.open("w") if args.jsonl else None
    rows = []
    with ThreadPoolExecutor(args.workers) as pool:
        for (name, _, _, _), rec in zip(jobs, pool.map(lambda j: run_one(j[1], j[2], j[3], args.timeout), jobs)):
            rec["zoo"] = name
            rows.append(rec)
            if out:
                out.write(json.dumps(rec) + "\n")
                out.flush()
            bad = rec.get("errors") or rec["rc"] not in (0, 1)
            if bad or rec["wall"] > 60 or (rec["cpu"] or 0) > 30:
                what = ", ".join(f"{e['code']}:{e['line']}" + (f" [{e['torch']}]" if "torch" in e else "")
                                 for e in rec.get("errors", [])) or rec["rc"]
                print(f"{name:14} {rec['file']:60} {rec['mode']:5} {rec['wall']:7.1f}s {rec['cpu']}s cpu  {what}",
                      flush=True)
    print(f"\n| zoo | files | runs | runs with errors | error findings | confirmed by torch | crashes | > 60 s "
          "| max s | total s | max cpu s | total cpu s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in dict.fromkeys(r["zoo"] for r in rows):
        rs = [r for r in rows if r["zoo"] == name]
        print(f"| {name} | {len({r['file'] for r in rs})} | {len(rs)} "
              f"| {sum(1 for r in rs if r.get('errors'))} | {sum(len(r.get('errors', [])) for r in rs)} "
              f"| {sum(1 for r in rs for e in r.get('errors', []) if e.get('torch') == 'confirmed') if CONFIRM else '-'} "
              f"| {sum(1 for r in rs if r['rc'] not in (0, 1) and r['rc'] != 'timeout')} "
              f"| {sum(1 for r in rs if r['wall'] > 60)} | {max(r['wall'] for r in rs):.1f} "
              f"| {sum(r['wall'] for r in rs):.0f} | {max(r['cpu'] or 0 for r in rs):.1f} "
              f"| {sum(r['cpu'] or 0 for r in rs):.0f} |")


if __name__ == "__main__":
    main()
