"""Yardstick: torchvision's whole models/ tree (classification, detection, segmentation, video,
optical_flow, quantization), file by file, and the models torch can run compared module by module.

Needs torchvision beside torch (see bench/torchvision_models.py for the venv):

    /tmp/tv/bin/python bench/torchvision_tree.py [--only video/] [--no-compare] [--json out.json]

Part 1, every .py file of the installed torchvision/models, linted three ways: with no options,
with `--input-shape` of the tree's usual size (1,3,224,224; 1,3,16,112,112 under video/), and
with a size every model of the file accepts (FITTING, where it differs). Error-severity findings
must be 0: the models are correct. An error of the usual-size run on a model that torch refuses
at that size (inception_v3 in training mode at 224, s3d at 112) is counted apart, as confirmed.

Part 2, the models torch builds from one input tensor (segmentation, video, quantization built
with quantize=False, and a few classification models bench/torchvision_models.py leaves out),
compared with torch's forward hooks as that bench does: modules, resolved, matching. Detection
models (lists of images, targets) and RAFT (two images) are not compared."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

VIDEO = (1, 3, 16, 112, 112)
IMAGE = (1, 3, 224, 224)
FITTING = {  # a size each model of the file accepts, where the usual one is refused by torch
    "inception.py": (1, 3, 299, 299),
    "quantization/inception.py": (1, 3, 299, 299),
    "video/s3d.py": (1, 3, 16, 224, 224),
    "video/mvit.py": (1, 3, 16, 224, 224),
}
NO_BACKBONE_WEIGHTS = {"weights": None, "weights_backbone": None}
COMPARED = [  # (torchvision builder, input, keyword arguments for torch and convlint alike)
    *[(name, (1, 3, 224, 224), NO_BACKBONE_WEIGHTS) for name in (
        "fcn_resnet50", "fcn_resnet101", "deeplabv3_resnet50", "deeplabv3_resnet101",
        "deeplabv3_mobilenet_v3_large", "lraspp_mobilenet_v3_large")],
    *[(name, VIDEO, {"weights": None}) for name in ("r3d_18", "mc3_18", "r2plus1d_18", "swin3d_t")],
    *[(name, (1, 3, 16, 224, 224), {"weights": None}) for name in ("s3d", "mvit_v1_b", "mvit_v2_s")],
    *[(name, (1, 3, 299, 299) if "inception" in name else IMAGE, {"weights": None, "quantize": False}) for name in (
        "quantized_googlenet", "quantized_inception_v3", "quantized_mobilenet_v2", "quantized_mobilenet_v3_large",
        "quantized_resnet18", "quantized_resnet50", "quantized_shufflenet_v2_x1_0")],
    *[(name, IMAGE, {"weights": None}) for name in (
        "vit_b_16", "swin_t", "swin_v2_t", "maxvit_t", "regnet_y_800mf", "efficientnet_v2_m")],
]


def models_root() -> Path:
    import torchvision

    return Path(torchvision.__file__).parent / "models"


def offline_kwargs(builder: str) -> dict:
    """Keyword arguments that build `builder` with no weights at all, so nothing is downloaded:
    weights=None, weights_backbone=None where the builder takes it (detection, segmentation and
    optical-flow builders default to ImageNet backbone weights), quantize=False for quantized_*."""
    import torchvision.models as tvm

    parameters = inspect.signature(tvm.get_model_builder(builder)).parameters
    kwargs: dict = {"weights": None}
    if "weights_backbone" in parameters:
        kwargs["weights_backbone"] = None
    if builder.startswith("quantized_"):
        kwargs["quantize"] = False
    return kwargs


def usual_shape(relative: str) -> tuple:
    return VIDEO if relative.startswith("video/") else IMAGE


def builders_of(relative: str) -> dict[str, str]:
    """The file's torchvision builders: function name in the file, and the class of the model it
    builds (`Inception3` for inception_v3), -> registered name."""
    import torchvision.models as tvm

    out = {}
    for name in tvm.list_models():
        function = inspect.unwrap(tvm.get_model_builder(name))
        if inspect.getsourcefile(function).endswith("models/" + relative):
            out[function.__name__] = name
            out.setdefault(type(tvm.get_model(name, **offline_kwargs(name))).__name__, name)
    return out


def torch_refuses(builder: str, shape: tuple) -> str | None:
    """torch's error building `builder` with no weights and running it on `shape` (training mode,
    as built, with a batch of 2 so that BatchNorm trains; then eval mode), or None. A model whose
    forward takes `targets` (detection) refuses training mode for want of them, which says nothing
    of shapes: it runs in eval mode only."""
    import torch
    import torchvision.models as tvm

    try:
        model = tvm.get_model(builder, **offline_kwargs(builder))
        with torch.no_grad():
            if "targets" not in inspect.signature(model.forward).parameters:
                model(torch.zeros((max(2, shape[0]), *shape[1:])))
            model.eval()(torch.zeros(shape))
    except Exception as error:  # noqa: BLE001 - any refusal: its message is shown
        return f"{type(error).__name__}: {str(error).splitlines()[0][:90]}"
    return None


def lint_one(path: Path, shape: tuple | None, model: str | None = None, model_args: dict | None = None):
    from convlint.pipeline import Settings, lint_file

    start = time.perf_counter()
    settings = Settings(input_shapes={(model or ""): shape} if shape else {}, model=model,
                        model_args=model_args or {})
    result = lint_file(path, str(path), settings)
    return result, time.perf_counter() - start


def file_row(root: Path, path: Path) -> dict:
    relative = path.relative_to(root).as_posix()
    row = dict(file=relative, seconds=0.0)
    builders = None
    for mode, shape in (("none", None), ("usual", usual_shape(relative)), ("fitting", FITTING.get(relative))):
        if mode == "fitting" and shape is None:
            row[mode] = row["usual"]
            continue
        result, seconds = lint_one(path, shape)
        row["seconds"] = max(row["seconds"], round(seconds, 2))
        found = []
        for d in result.diagnostics:
            if d.severity != "error":
                continue
            text = f"{d.code} {d.model}: {Path(d.path).name}:{d.span.line} {d.message[:160]}"
            confirmed = None
            if mode == "usual":
                builders = builders_of(relative) if builders is None else builders
                if d.model in builders:
                    confirmed = torch_refuses(builders[d.model], shape)
            found.append(dict(finding=text, torch=confirmed))
        row[mode] = found
    return row


def compare(builder: str, shape: tuple, kwargs: dict) -> dict:
    import torchvision.models as tvm

    from convlint.report.json_report import model_out
    from torchvision_models import observe, tally

    function = inspect.unwrap(tvm.get_model_builder(builder))
    path = Path(inspect.getsourcefile(function))
    name = function.__name__
    given = {name: ((), tuple(kwargs.items()))}  # as --model-args 'fcn_resnet50(weights=None, ...)'
    result, seconds = lint_one(path, shape, model=name, model_args=given)
    errors = [f"{d.code} {Path(d.path).name}:{d.span.line} {d.message[:140]}" for d in result.diagnostics
              if d.severity == "error"]
    analyses = [m for m in result.models if m.name == name]
    predicted = {}
    if analyses and not analyses[0].internal_error:
        predicted = {layer.name: layer for layer in model_out(analyses[0]).layers}
    model = tvm.get_model(builder, **kwargs).eval()
    outputs, params = observe(model, shape)
    resolved, matching, misses = tally(predicted, outputs, params)
    return dict(model=builder, modules=len(params), resolved=resolved, matching=matching, errors=errors,
                static_seconds=round(seconds, 2), misses=misses,
                internal=(analyses[0].internal_error if analyses else "factory not found") or None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="files or builders whose name contains this")
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--no-files", action="store_true")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    root = models_root()
    rows, compared = [], []
    if not args.no_files:
        for path in sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts):
            if args.only in path.relative_to(root).as_posix():
                rows.append(file_row(root, path))
        print(f"{'file':<34} {'no opts':>7} {'usual':>5} {'confirmed':>9} {'fitting':>7} {'max s':>6}")
        for row in rows:
            confirmed = sum(f["torch"] is not None for f in row["usual"])
            print(f"{row['file']:<34} {len(row['none']):>7} {len(row['usual']) - confirmed:>5} {confirmed:>9} "
                  f"{len(row['fitting']):>7} {row['seconds']:>6}")
        false = {mode: sum(len([f for f in r[mode] if f["torch"] is None]) for r in rows)
                 for mode in ("none", "usual", "fitting")}
        print(f"false errors: no options {false['none']}, usual size {false['usual']}, fitting size "
              f"{false['fitting']}; files over 60 s: {sum(r['seconds'] > 60 for r in rows)}")
        for row in rows:
            for mode in ("none", "usual", "fitting"):
                if mode == "fitting" and row["fitting"] is row["usual"]:
                    continue
                for found in row[mode]:
                    print(f"   {row['file']} [{mode}] {found['finding']}"
                          + (f"\n      torch refuses too: {found['torch']}" if found["torch"] else ""))
    if not args.no_compare:
        for builder, shape, kwargs in COMPARED:
            if args.only in builder or args.only in inspect.getsourcefile(
                    inspect.unwrap(__import__("torchvision").models.get_model_builder(builder))):
                compared.append(compare(builder, shape, kwargs))
        print(f"\n{'model':<30} {'modules':>7} {'resolved':>8} {'matching':>8} {'errors':>6} {'static s':>8}")
        for row in compared:
            print(f"{row['model']:<30} {row['modules']:>7} {row['resolved']:>8} {row['matching']:>8} "
                  f"{len(row['errors']):>6} {row['static_seconds']:>8}")
        total = sum(r["modules"] for r in compared)
        print(f"{'all':<30} {total:>7} {sum(r['resolved'] for r in compared):>8} "
              f"{sum(r['matching'] for r in compared):>8} {sum(len(r['errors']) for r in compared):>6}")
        for row in compared:
            if row["misses"] or row["errors"] or row["internal"]:
                print(f"\n{row['model']}: {row['internal'] or ''} ({len(row['misses'])} not matching)")
                for line in row["errors"][:3] + row["misses"][:6]:
                    print("   ", line)
    if args.json:
        Path(args.json).write_text(json.dumps(dict(files=rows, compared=compared), indent=2))


if __name__ == "__main__":
    main()
