"""A layer argument written as a selection (`cin if index == 0 else cout`, `width or cin`) whose
choice is known: the count is the chosen operand's, so a wrong count passed in by the caller is
reported at the call that passes it, as it is where the layer reads the name plainly."""

import pytest

from convlint.pipeline import Settings, lint_text

STAGES = '''
import torch
import torch.nn as nn


class VGG(nn.Module):
    def __init__(self, n_layers=(1, 2, 2)):
        super().__init__()
        self.stage1 = self._make_stage(3, 16, n_layers[0])
        self.stage2 = self._make_stage(16, 32, n_layers[1])
        self.stage3 = self._make_stage(32, 64, n_layers[2])
        self.fc = nn.Linear(64, 10)

    def _make_stage(self, cin, cout, n):
        stage = nn.Sequential()
        for index in range(n):
            stage.add_module(f'conv{index}', nn.Conv2d(cin if index == 0 else cout, cout, 3, padding=1))
            stage.add_module(f'relu{index}', nn.ReLU(inplace=True))
        stage.add_module('pool', nn.MaxPool2d(2))
        return stage

    def forward(self, x):
        x = self.stage3(self.stage2(self.stage1(x)))
        return self.fc(x.mean((2, 3)))
'''

WIDTH_OR_INPUT = '''
import torch
import torch.nn as nn


class Stem(nn.Module):
    def __init__(self, cin, cout, width=None):
        super().__init__()
        self.conv = nn.Conv2d(width or cin, cout, 3, padding=1)
        self.norm = nn.BatchNorm2d(cout)

    def forward(self, x):
        return torch.relu(self.norm(self.conv(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Stem(3, 16)
        self.b = Stem(0, 32, width=16)
        self.c = Stem(32, 48)
        self.fc = nn.Linear(48, 10)

    def forward(self, x):
        return self.fc(self.c(self.b(self.a(x))).mean((2, 3)))
'''


def _error_lines(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "stages.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "stages.py", "exec"), namespace)
    return namespace


def test_a_wrong_count_through_a_conditional_expression_is_reported_at_the_call():
    assert _error_lines(STAGES) == []
    source = STAGES.replace("self._make_stage(32, 64,", "self._make_stage(16, 64,")
    assert _error_lines(source) == [(11, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 16 channels, but got 32"):
        _ran(source)["VGG"]()(torch.zeros(2, 3, 32, 32))
    assert _ran(STAGES)["VGG"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 10)


def test_a_wrong_count_through_an_or_is_reported_at_the_call():
    assert _error_lines(WIDTH_OR_INPUT) == []
    source = WIDTH_OR_INPUT.replace("Stem(32, 48)", "Stem(16, 48)")
    assert _error_lines(source) == [(21, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 16 channels, but got 32"):
        _ran(source)["Net"]()(torch.zeros(2, 3, 8, 8))
    assert _ran(WIDTH_OR_INPUT)["Net"]()(torch.zeros(2, 3, 8, 8)).shape == (2, 10)


def test_the_operand_not_chosen_is_never_blamed():
    """`Stem(0, 32, width=16)` gets its count from `width`: a wrong width is reported at that keyword."""
    source = WIDTH_OR_INPUT.replace("width=16)", "width=8)")
    assert _error_lines(source) == [(20, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 8 channels, but got 16"):
        _ran(source)["Net"]()(torch.zeros(2, 3, 8, 8))
