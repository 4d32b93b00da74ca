"""Input-size inference against torch: the sizes convlint says a model accepts are exactly the
sizes on which the real model runs."""

import re
from pathlib import Path

import pytest

from convlint.inference import accepted_input
from convlint.pipeline import Settings, lint_text, model_diagnostics

torch = pytest.importorskip("torch")
ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(("file", "name"), [("examples/lenet.py", "LeNet5"), ("examples/unet_small.py", "UNetSmall"),
                                            ("examples/resnet_block.py", "SmallResNet"),
                                            ("examples/alexnet.py", "AlexNet")])
def test_accepted_sizes_are_where_torch_runs(file, name):
    source = re.sub(r"# convlint: input-shape=.*", "", (ROOT / file).read_text())
    settings = Settings()
    (model,) = [m for m in lint_text(source, file, settings).models if m.name == name]
    largest = 262 if name == "AlexNet" else 40
    found = accepted_input(model, lambda trial: model_diagnostics(file, trial, settings), largest=largest)
    namespace: dict = {"__name__": "inference_case"}
    exec(compile(source, file, "exec"), namespace)
    real = namespace[name]().eval()
    channels = model.input_shape.dims[1]
    start = 220 if name == "AlexNet" else 1

    def runs(size):
        try:
            with torch.no_grad():
                real(torch.zeros(1, channels, size, size))
            return True
        except Exception:
            return False

    assert [s for s in found["sizes"] if start <= s <= largest] == [s for s in range(start, largest + 1) if runs(s)]


def test_lenet_description():
    source = re.sub(r"# convlint: input-shape=.*", "", (ROOT / "examples/lenet.py").read_text())
    (model,) = lint_text(source, "lenet.py", Settings()).models
    found = accepted_input(model, lambda trial: model_diagnostics("lenet.py", trial, Settings()), largest=64)
    assert found["text"] == "1 channel, 32x32 to 35x35 (no dropped pixels only at 32x32)"


BEYOND_320 = '''
import torch.nn as nn


class Audio(nn.Module):
    """Five stride-4 stages: the shortest clip that runs has 6892 samples."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(1, 16, 80, stride=4), nn.MaxPool1d(4),
            nn.Conv1d(16, 32, 3), nn.MaxPool1d(4),
            nn.Conv1d(32, 64, 3), nn.MaxPool1d(4),
            nn.Conv1d(64, 64, 3), nn.MaxPool1d(4),
            nn.Conv1d(64, 64, 3), nn.MaxPool1d(4),
        )
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        return self.head(self.net(x).mean(-1))


class WideHead(nn.Module):
    """A head counted for a 401x401 or 402x402 input."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2)
        self.fc = nn.Linear(8 * 200 * 200, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''


@pytest.mark.parametrize(("name", "text", "edges"), [
    ("Audio", "1 channel, any size >= 6892", (6891, 6892, 6893, 7400)),
    ("WideHead", "3 channels, 401x401 to 402x402", (400, 401, 402, 403)),
])
def test_sizes_beyond_the_search_are_found_exactly(name, text, edges):
    (model,) = [m for m in lint_text(BEYOND_320, "beyond.py", Settings()).models if m.name == name]
    found = accepted_input(model, lambda trial: model_diagnostics("beyond.py", trial, Settings()))
    assert found["text"].startswith(text)
    namespace: dict = {}
    exec(compile(BEYOND_320, "beyond.py", "exec"), namespace)
    real = namespace[name]().eval()
    channels = model.input_shape.dims[1]
    for size in edges:
        shape = (1, channels, size) if name == "Audio" else (1, channels, size, size)
        try:
            with torch.no_grad():
                real(torch.zeros(*shape))
            ran = True
        except RuntimeError:
            ran = False
        assert ran == (size in found["sizes"] or (name == "Audio" and size > found["sizes"][-1])), size
