"""Yardstick: one-line bugs of the kinds users make, injected into torchvision's own model files,
each linted with no options; found when an error is reported at the injected line. torch runs
each mutant too, to show the bug is real.

Needs a venv with torchvision (see bench/torchvision_models.py):

    /tmp/tv/bin/python bench/torchvision_injected.py [--python /tmp/tv/bin/python]

The installed torchvision package is copied to a scratch folder, one mutant at a time; the
lines below are those of torchvision 0.29.1."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INJ = [
    ("alexnet.py", 39, "256 * 6 * 6, 4096", "256 * 5 * 5, 4096", "alexnet"),
    ("vgg.py", 44, "512 * 7 * 7, 4096", "512 * 7 * 8, 4096", "vgg11"),
    ("resnet.py", 206, "nn.Linear(512 * block.expansion, num_classes)", "nn.Linear(512, num_classes)", "resnet50"),
    ("resnet.py", 84, "conv3x3(planes, planes)", "conv3x3(inplanes, planes)", "resnet18"),
    ("squeezenet.py", 47, "Fire(128, 16, 64, 64)", "Fire(96, 16, 64, 64)", "squeezenet1_0"),
    ("googlenet.py", 70, "inception_block(256, 128", "inception_block(240, 128", "googlenet"),
    ("inception.py", 70, "inception_a(256, pool_features=64)", "inception_a(250, pool_features=64)", "inception_v3"),
    ("densenet.py", 42, "nn.Conv2d(bn_size * growth_rate, growth_rate", "nn.Conv2d(bn_size * growth_rate + 1, growth_rate", "densenet121"),
    ("mobilenetv2.py", 147, "nn.Linear(self.last_channel, num_classes)", "nn.Linear(input_channel, num_classes)", "mobilenet_v2"),
    ("shufflenetv2.py", 151, "nn.Linear(output_channels, num_classes)", "nn.Linear(input_channels, num_classes)", "shufflenet_v2_x1_0"),
    ("efficientnet.py", 317, "nn.Linear(lastconv_output_channels, num_classes)", "nn.Linear(lastconv_input_channels, num_classes)", "efficientnet_b0"),
    ("mnasnet.py", 144, "nn.Linear(1280, num_classes)", "nn.Linear(1024, num_classes)", "mnasnet1_0"),
    ("convnext.py", 161, "nn.Linear(lastconv_output_channels, num_classes)", "nn.Linear(lastconv_output_channels // 2, num_classes)", "convnext_tiny"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=sys.executable, help="a Python with torch and torchvision")
    options = parser.parse_args()
    package = subprocess.run([options.python, "-c", "import torchvision, os; print(os.path.dirname(torchvision.__file__))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    scratch = Path(tempfile.mkdtemp(prefix="convlint-tv-"))
    found_at = 0
    for file, line, old, new, model in INJ:
        found_at += inject(package, scratch / "mutant", file, line, old, new, model, options.python)
    print(f"found at the line: {found_at} of {len(INJ)}")
    shutil.rmtree(scratch, ignore_errors=True)


def inject(package: str, work: Path, file: str, line: int, old: str, new: str, model: str, python: str) -> bool:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(package, work / "torchvision", ignore=shutil.ignore_patterns("__pycache__"))
    path = work / "torchvision" / "models" / file
    lines = path.read_text().split("\n")
    assert old in lines[line - 1], (file, line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines))
    # convlint from this checkout, the mutant's folder its project
    out = subprocess.run([sys.executable, "-m", "convlint", str(path), "--no-cache", "--format", "json"],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    report = json.loads(out.stdout)
    errors = [(d["line"], d["code"], d["message"][:110]) for d in report["diagnostics"] if d["severity"] == "error"]
    at_line = any(e[0] == line for e in errors)
    torch = subprocess.run([python, "-c", f"import torch, torchvision.models as m; m.{model}().eval()(torch.zeros(1, 3, 224, 224))"],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(work)})
    raised = (torch.stderr.strip().splitlines() or ["no error"])[-1][:100]
    print(f"{file}:{line} {'at the line' if at_line else ('elsewhere' if errors else 'MISSED')}; torch: {raised}")
    for error in errors[:3]:
        print("     ", error)
    return at_line


if __name__ == "__main__":
    main()
