"""Yardstick: convlint's static predictions on torchvision's own classification models,
compared module by module with torch's forward hooks on the real models.

Needs torchvision beside torch (not part of the test extras). On x86_64:

    python3 -m venv /tmp/tv && /tmp/tv/bin/pip install torch==2.14.1 torchvision==0.29.1 -e .
    /tmp/tv/bin/python bench/torchvision_models.py [--models resnet18,vgg11] [--json out.json]

For each model: modules (named_modules() of the real model, root excluded), resolved (convlint
predicted an output shape for every module torch called, and its parameter count), matching
(shape and parameters equal torch's), and error-severity findings (must be 0: the models are
correct)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MODELS = (
    "alexnet vgg11 vgg11_bn vgg13 vgg16 vgg19 vgg19_bn resnet18 resnet34 resnet50 resnet101 resnet152 "
    "resnext50_32x4d resnext101_32x8d wide_resnet50_2 squeezenet1_0 squeezenet1_1 densenet121 densenet161 "
    "densenet169 googlenet inception_v3 mobilenet_v2 mobilenet_v3_small mobilenet_v3_large "
    "shufflenet_v2_x0_5 shufflenet_v2_x1_0 mnasnet0_5 mnasnet1_0 efficientnet_b0 efficientnet_b3 "
    "efficientnet_v2_s regnet_x_400mf regnet_y_400mf convnext_tiny"
).split()
CORE = ("alexnet", "vgg", "resnet", "squeezenet", "densenet", "mobilenet_v2")


def source_file(factory) -> Path:
    import inspect

    return Path(inspect.getsourcefile(inspect.unwrap(factory)))


def observe(model, shape):
    import torch

    names = {id(m): n for n, m in model.named_modules() if n}
    outputs: dict[str, list] = {}

    def hook(module, inputs, output):
        if isinstance(output, torch.Tensor):
            outputs.setdefault(names[id(module)], list(output.shape))

    for module in model.modules():
        if id(module) in names:
            module.register_forward_hook(hook)
    with torch.no_grad():
        model(torch.zeros(shape))
    params = {n: sum(p.numel() for p in m.parameters()) for n, m in model.named_modules() if n}
    return outputs, params


def tally(predicted: dict, outputs: dict, params: dict, shown: int | None = None) -> tuple[int, int, list[str]]:
    """Modules resolved (shape and parameters predicted) and matching (both equal torch's), and
    the first `shown` mismatches (all when None)."""
    resolved = matching = 0
    misses = []
    for module, count in params.items():
        layer = predicted.get(module)
        shape_known = layer is not None and (module not in outputs or layer.output_shape is not None)
        ok_resolved = shape_known and layer.params is not None
        ok_match = ok_resolved and layer.params == count and (
            module not in outputs or layer.output_shape == outputs[module])
        resolved += ok_resolved
        matching += ok_match
        if not ok_match and (shown is None or len(misses) < shown):
            misses.append(f"{module}: predicted {None if layer is None else (layer.output_shape, layer.params)}"
                          f" vs torch {(outputs.get(module), count)}")
    return resolved, matching, misses


def compare(name: str) -> dict:
    import torchvision

    from convlint.pipeline import Settings, lint_file
    from convlint.report.json_report import model_out

    shape = (1, 3, 299, 299) if name == "inception_v3" else (1, 3, 224, 224)
    factory = torchvision.models.get_model_builder(name)
    path = source_file(factory)
    start = time.perf_counter()
    result = lint_file(path, str(path), Settings(input_shapes={name: shape}, model=name))
    static_seconds = time.perf_counter() - start
    errors = [f"{d.code} {d.path.split('/')[-1]}:{d.span.line} {d.message}" for d in result.diagnostics
              if d.severity == "error"]
    analyses = [m for m in result.models if m.name == name]
    predicted = {}
    if analyses and not analyses[0].internal_error:
        predicted = {layer.name: layer for layer in model_out(analyses[0]).layers}
    model = torchvision.models.get_model(name, weights=None).eval()
    outputs, params = observe(model, shape)
    resolved, matching, misses = tally(predicted, outputs, params, shown=5)
    return dict(model=name, modules=len(params), resolved=resolved, matching=matching, errors=errors,
                static_seconds=round(static_seconds, 3), misses=misses,
                internal=analyses[0].internal_error if analyses else "factory not found")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    rows = [compare(name) for name in args.models.split(",")]
    print(f"{'model':<22} {'modules':>7} {'resolved':>8} {'matching':>8} {'errors':>6} {'static s':>8}")
    for row in rows:
        print(f"{row['model']:<22} {row['modules']:>7} {row['resolved']:>8} {row['matching']:>8} "
              f"{len(row['errors']):>6} {row['static_seconds']:>8}")
    total = sum(r["modules"] for r in rows)
    matching = sum(r["matching"] for r in rows)
    print(f"{'all':<22} {total:>7} {sum(r['resolved'] for r in rows):>8} {matching:>8} "
          f"{sum(len(r['errors']) for r in rows):>6}   ({100 * matching / max(total, 1):.1f}% matching)")
    core = [r for r in rows if r["model"].startswith(CORE)]
    print("core models fully matching:", sum(r["matching"] == r["modules"] for r in core), "of", len(core))
    for row in rows:
        if row["misses"] or row["errors"] or row["internal"]:
            print(f"\n{row['model']}: {row['internal'] or ''}")
            for line in row["errors"][:3] + row["misses"]:
                print("   ", line)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
