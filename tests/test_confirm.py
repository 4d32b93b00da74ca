"""--confirm: findings judged by running the real model with torch in a child process."""

import json
import re
import time

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.rulespec import load_rules
from tests.conftest import case_model

torch = pytest.importorskip("torch")

# one failing example per crash rule: each confirmation starts a child process that imports torch
CRASH_CASES = [(code, next(case for case in spec.invalid if "torch-error" in case))
               for code, spec in load_rules().items() if any("torch-error" in case for case in spec.invalid)]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def crash_cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    files = {}
    for code, case in CRASH_CASES:
        name = f"{code}_{case['name'].replace('-', '_')}.py"
        shape = ", ".join(str(d) for d in case["input-shape"])
        source = re.sub(rf"^class {case_model(case)}\b", f"# convlint: input-shape=({shape})\nclass {case_model(case)}",
                        case["source"], flags=re.MULTILINE)
        (folder / name).write_text(source)
        files[name] = code
    return folder, files


@pytest.mark.slow
@pytest.mark.parametrize("device", ["meta", "cpu"])
def test_every_crash_case_is_confirmed(crash_cases, device):
    folder, files = crash_cases
    result = run(folder, "--confirm", "--device", device, "--format", "json")
    report = json.loads(result.stdout)
    verdicts = {}
    for d in report["diagnostics"]:
        name = d["path"].rsplit("/", 1)[-1]
        if d["code"] == files.get(name):
            verdicts[name] = d["confirmation"]["verdict"]
    assert verdicts == {name: "confirmed" for name in files}, verdicts
    assert not [d for d in report["diagnostics"] if d["code"] in ("CL900", "CL901", "CL902")]


@pytest.mark.slow
def test_examples_and_model_forms_agree_with_torch_on_cpu():
    result = run("examples", "tests/models", "--confirm", "--device", "cpu", "--format", "json")
    report = json.loads(result.stdout)
    odd = [(d["code"], d["message"]) for d in report["diagnostics"] if d["code"] in ("CL900", "CL901", "CL902")]
    assert odd == []
    assert all(d["confirmation"]["verdict"] == "confirmed"
               for d in report["diagnostics"] if d["severity"] == "error")


HOSTILE = {
    "hangs.py": "import torch.nn as nn\n\n# convlint: input-shape=(1, 4)\nclass Hang(nn.Module):\n"
                "    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n"
                "    def forward(self, x):\n        while True:\n            pass\n",
    # only definitions run: a module-level call statement is skipped, an assignment is not
    "exits.py": "import sys\nimport torch.nn as nn\nSTATUS = sys.exit(3)\n\n# convlint: input-shape=(1, 4)\n"
                "class Exit(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                "        self.fc = nn.Linear(4, 2)\n    def forward(self, x):\n        return self.fc(x)\n",
    "raises.py": "import os\nimport torch.nn as nn\nimport no_gpu_here\n\n# convlint: input-shape=(1, 4)\n"
                 "class Raise(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                 "        self.fc = nn.Linear(4, 2)\n    def forward(self, x):\n        return self.fc(x)\n",
    "needs_args.py": "import torch.nn as nn\n\n# convlint: input-shape=(1, 4)\nclass Args(nn.Module):\n"
                     "    def __init__(self, width):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n"
                     "    def forward(self, x):\n        return self.fc(x)\n",
    "prints.py": "import torch.nn as nn\nprint('hello from the model')\n\n# convlint: input-shape=(1, 4)\n"
                 "class Loud(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                 "        self.fc = nn.Linear(5, 2)\n    def forward(self, x):\n        return self.fc(x)\n",
}


@pytest.mark.slow
def test_hostile_models_cannot_take_convlint_down(tmp_path):
    for name, source in HOSTILE.items():
        (tmp_path / name).write_text(source)
    started = time.monotonic()
    result = run(tmp_path, "--confirm", "--device", "cpu", "--timeout", "8", "--format", "concise")
    assert time.monotonic() - started < 60
    lines = result.output.splitlines()

    def of(file):
        return [line for line in lines if line.startswith(str(tmp_path / file))]

    assert any("CL902" in line and "did not finish within 8 s" in line for line in of("hangs.py"))
    assert any("CL902" in line and "exits the interpreter (SystemExit: 3)" in line for line in of("exits.py"))
    assert any("CL902" in line and "No module named 'no_gpu_here'" in line for line in of("raises.py"))
    assert any("CL902" in line and "constructor arguments" in line for line in of("needs_args.py"))
    assert any("CL101" in line and "[confirmed]" in line for line in of("prints.py"))
    assert "hello from the model" not in result.output


def test_without_torch_confirm_explains_how_to_install(monkeypatch, tmp_path):
    import convlint.trace.confirm as confirm

    monkeypatch.setattr(confirm, "torch_available", lambda: False)
    (tmp_path / "net.py").write_text(HOSTILE["prints.py"])
    result = run(tmp_path / "net.py", "--confirm")
    assert result.exit_code == 2
    assert "pip install 'convlint[trace]'" in result.output


@pytest.mark.slow
def test_confirm_on_cuda_when_there_is_a_gpu():
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    result = run("examples/buggy_lenet.py", "--confirm", "--device", "cuda", "--format", "json")
    (d,) = json.loads(result.stdout)["diagnostics"]
    assert d["confirmation"]["verdict"] == "confirmed"


SCRIPT = '''
import argparse
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--width", type=int, default=16)
opt = parser.parse_args()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, opt.width, 3)
        self.fc = nn.Linear(opt.width * 32 * 32, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


model = Net()
for epoch in range(3):
    open(SIDE_EFFECT, "w").write("trained")
    model(torch.randn(4, 3, 32, 32))
'''


def test_confirm_runs_the_definitions_not_the_training_loop(tmp_path):
    side_effect = tmp_path / "side_effect.txt"
    path = tmp_path / "train.py"
    path.write_text(SCRIPT.replace("SIDE_EFFECT", repr(str(side_effect))))
    result = run(path, "--confirm", "--device", "cpu", "--format", "json", "--no-cache")
    report = json.loads(result.stdout)
    (finding,) = report["diagnostics"]
    assert finding["code"] == "CL101" and finding["confirmation"]["verdict"] == "confirmed", finding
    assert not side_effect.exists()
    assert "Net: torch (cpu): 1 of 1 module shapes agree; it stops with RuntimeError: mat1 and mat2" in result.stderr
    path.write_text(SCRIPT.replace("SIDE_EFFECT", repr(str(side_effect))).replace("* 32 * 32", "* 30 * 30"))
    clean = run(path, "--confirm", "--device", "cpu", "--no-cache")
    assert clean.exit_code == 0 and "Net: torch (cpu): 2 of 2 module shapes agree\n" in clean.stderr


def test_confirm_builds_the_model_as_the_code_does_and_feeds_every_input(tmp_path):
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus" / "confirm_ignores_ctor_args.py"
    two = tmp_path / "pix2pix.py"
    from tests.test_input_hints import TWO_INPUTS

    two.write_text(TWO_INPUTS)
    result = run(corpus, two, "--confirm", "--device", "cpu", "--no-cache", "--format", "json")
    report = json.loads(result.stdout)
    assert [d["code"] for d in report["diagnostics"] if d["code"].startswith("CL9")] == []
    assert "VGG: torch (cpu): 23 of 23 module shapes agree" in result.stderr
    (finding,) = [d for d in report["diagnostics"] if d["path"].endswith("pix2pix.py")]
    assert finding["code"] == "CL103" and finding["confirmation"]["verdict"] == "confirmed"


def test_an_error_torch_raises_that_was_not_predicted_points_at_the_code(tmp_path):
    path = tmp_path / "tensordot.py"  # (an op convlint does not model: torch.tensordot)
    path.write_text('''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)
        self.w = nn.Parameter(torch.zeros(5, 3))

    def forward(self, x):
        y = self.fc(x)
        return torch.tensordot(y, self.w, dims=1)


net = Net()
out = net(torch.randn(2, 8))
''')
    result = run(path, "--confirm", "--device", "cpu", "--no-cache", "--format", "json")
    (finding,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "CL900"]
    assert (finding["line"], finding["column"]) == (13, 9), finding


def test_confirm_feeds_token_ids_to_a_model_that_starts_with_an_embedding(tmp_path):
    path = tmp_path / "text_cnn.py"
    path.write_text('''import torch
import torch.nn as nn
import torch.nn.functional as F


class TextCNN(nn.Module):
    def __init__(self, vocab=100, dim=16, classes=4, maps=8, kernels=(3, 4, 5)):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.convs = nn.ModuleList([nn.Conv2d(1, maps, (k, dim)) for k in kernels])
        self.fc = nn.Linear(len(kernels) * maps, classes)

    def forward(self, x):
        x = self.embed(x).unsqueeze(1)
        x = [F.max_pool1d(F.relu(conv(x)).squeeze(3), 20 - k + 1).squeeze(2) for conv, k in zip(self.convs, (3, 4, 5))]
        return self.fc(torch.cat(x, 1))
''')
    result = run(path, "--confirm", "--device", "cpu", "--no-cache", "--input-shape", "2,20")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "TextCNN: torch (cpu): 5 of 5 module shapes agree" in result.stderr
