"""`torch.zeros(input_shape)` of a constructor argument nothing gives: a tuple of sizes, as its name
says, so the tensor's rank is not known; taken as a 1-D tensor of that length, a loop padding its
rank to 4 made 1-pixel maps and false CL105 errors (a braindecode-style EEG net sizing its final
conv by a dummy forward in __init__)."""

import pytest

from convlint.pipeline import Settings, lint_text

SOURCE = '''
import torch
import torch.nn as nn


class Ensure4d(nn.Module):
    def forward(self, x):
        while x.dim() < 4:
            x = x.unsqueeze(-1)
        return x


class ToImage(nn.Module):
    def forward(self, x):
        return x.permute(0, 3, 2, 1)


class EEGNet(nn.Sequential):
    def __init__(self, input_shape, n_classes=4):
        super().__init__()
        self.add_module("ensure4d", Ensure4d())
        self.add_module("to_image", ToImage())
        self.add_module("temporal", nn.Conv2d(1, 8, (9, 1)))
        self.add_module("spatial", nn.Conv2d(8, 8, (1, 6), bias=False))
        self.add_module("pool", nn.AvgPool2d((5, 1), stride=(3, 1)))
        length = self.forward(torch.zeros(input_shape)).shape[2]
        self.add_module("final", nn.Conv2d(8, n_classes, (length, 1)))
        self.add_module("flat", nn.Flatten())
'''


def test_a_tensor_of_a_shape_argument_has_no_rank_known_and_no_false_error():
    result = lint_text(SOURCE, "eegnet.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_a_count_argument_still_makes_a_vector():
    """`torch.zeros(channels)` of an argument named as a count stays 1-D: a bias of 16 against a
    map of 8 channels is refused."""
    source = '''
import torch
import torch.nn as nn


class Bias(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(channels))
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return self.conv(x) + self.bias.view(1, -1, 1, 1)


Bias(16)(torch.randn(2, 3, 8, 8))
'''
    errors = [d for d in lint_text(source, "bias.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == ["CL107"]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="must match"):
        exec(compile(source, "bias.py", "exec"), {})


def test_torch_runs_the_net_at_the_shape_it_is_given():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SOURCE, "eegnet.py", "exec"), namespace)
    net = namespace["EEGNet"]((2, 6, 40))
    assert tuple(net(torch.zeros(2, 6, 40)).shape) == (2, 4)
