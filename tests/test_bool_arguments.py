"""A bool where torch takes an int: Python's bool is an int, and torch's layer constructors keep
what they are given. Where only Python reads it (a conv's in_channels and kernel, Linear's
in_features) the layer builds and runs; a conv's or pool's stride, padding, dilation and groups are
kept and refused by torch's own forward (F.conv2d), which a subclass with a forward of its own may
never call with them: `super().__init__(cin, cout, k, stride, padding, bias)` puts bias into the
dilation slot, and runs. Each case is checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, module_shapes

torch = pytest.importorskip("torch")

HOLDER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = LAYER

    def forward(self, x):
        return self.layer(x)
'''
TAKEN = [("nn.Conv2d(4, 8, True)", (2, 4, 8, 8)), ("nn.Conv2d(True, 8, 3)", (2, 1, 8, 8)),
         ("nn.Linear(True, 3)", (2, 1)), ("nn.Conv2d(4, 8, (3, True))", (2, 4, 8, 8)),
         ("nn.Conv2d(4, 8, 3, (1, True))", (2, 4, 8, 8)), ("nn.ConvTranspose2d(4, 8, True)", (2, 4, 8, 8)),
         ("nn.Conv1d(4, 8, True)", (2, 4, 8))]
REFUSED = ["nn.Conv2d(4, 8, 3, 1, 1, True)", "nn.Conv2d(4, 8, 3, True)", "nn.Conv2d(4, 8, 3, 1, 1, 1, True)",
           "nn.MaxPool2d(2, True)", "nn.AvgPool2d(2, 2, False)", "nn.ConvTranspose2d(True, 8, 3)",
           "nn.Linear(4, True)", "nn.Conv2d(4, True, 3)"]


def _errors(source: str, **shapes) -> set:
    result = lint_text(source, "bools.py", Settings(input_shapes=shapes))
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize(("layer", "size"), TAKEN)
def test_a_bool_only_python_reads_is_the_int_torch_takes(layer, size):
    source = HOLDER.replace("LAYER", layer)
    module_shapes(built(source, "bools.py"), size)  # torch builds and runs it
    assert _errors(source) == set()
    assert_shapes_equal_torch(source, size, "bools.py")


@pytest.mark.parametrize("layer", REFUSED)
def test_a_bool_torch_refuses_is_still_an_error(layer):
    source = HOLDER.replace("LAYER", layer)
    size = (2, 4, 8, 8) if "Linear" not in layer else (2, 4)
    with pytest.raises((TypeError, RuntimeError)):
        module_shapes(built(source, "bools.py"), size)
    assert ("CL106", line_of(source, "self.layer =")) in _errors(source)


SUBCLASS = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BinConv(nn.Conv2d):
    def __init__(self, cin, cout, kernel_size, stride=1, padding=1, bias=False):
        super().__init__(cin, cout, kernel_size, stride, padding, bias)

    def forward(self, x):
        return FORWARD


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 16, 3, padding=1)
        self.b = BinConv(16, 16, kernel_size=3)
        self.bn = nn.BatchNorm2d(16)

    def forward(self, x):
        return self.bn(self.b(self.a(x)))
'''
OWN = "F.conv2d(torch.sign(x), torch.sign(self.weight), self.bias, self.stride, self.padding)"


def test_bias_in_the_dilation_slot_of_a_forward_that_never_passes_it():
    source = SUBCLASS.replace("FORWARD", OWN)
    assert_shapes_equal_torch(source, (2, 3, 32, 32), "bools.py")
    result = lint_text(source, "bools.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    # torch's Conv2d took bias=True: the bias the BatchNorm makes useless is there
    assert ("CL206", line_of(source, "self.b =")) in {(d.code, d.span.line) for d in result.diagnostics}


@pytest.mark.parametrize(("forward", "at"), [
    ("super().forward(x)", "self.b ="),
    ("F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation)", "return F.conv2d"),
    ("self._conv_forward(x, self.weight, self.bias)", "return self._conv_forward"),
])
def test_bias_in_the_dilation_slot_of_a_forward_torch_refuses(forward, at):
    source = SUBCLASS.replace("FORWARD", forward)
    with pytest.raises(TypeError):
        module_shapes(built(source, "bools.py"), (2, 3, 32, 32))
    assert ("CL106", line_of(source, at)) in _errors(source, Net=(2, 3, 32, 32))


def test_a_subclass_of_torchs_forward_refuses_only_once_it_runs():
    source = SUBCLASS.replace("    def forward(self, x):\n        return FORWARD\n", "    pass\n")
    with pytest.raises(TypeError):
        module_shapes(built(source, "bools.py"), (2, 3, 32, 32))
    assert ("CL106", line_of(source, "self.b =")) in _errors(source)
    unused = source.replace("self.bn(self.b(self.a(x)))", "self.bn(self.a(x))")
    module_shapes(built(unused, "bools.py"), (2, 3, 32, 32))
    assert _errors(unused) == set()
