"""A binary or quantized conv written as a module holding its weight as a parameter made to a shape
tuple of its constructor's parameters (`self.shape = (out_chn, in_chn, k, k)`, then
`torch.rand(self.shape)` or flat weights `.view(self.shape)` in forward) and applying it with
F.conv2d: a count torch refuses is traced through that tuple to the callers, and where the tuple
reads the wrong parameter the finding is at the tuple's line, the F.conv2d related."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

MADE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BinConv(nn.Module):
    def __init__(self, in_chn, out_chn, kernel_size=3, stride=1, padding=1):
        super().__init__()
        self.stride, self.padding = stride, padding
        self.shape = (out_chn, IN, kernel_size, kernel_size)
        self.weight = nn.Parameter(torch.rand(self.shape) * 0.001)

    def forward(self, x):
        w = torch.sign(self.weight) * self.weight.abs().mean()
        return F.conv2d(x, w, stride=self.stride, padding=self.padding)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.c1 = BinConv(16, 32, stride=2)
        self.c2 = BinConv(32, 32)

    def forward(self, x):
        return self.c2(self.c1(self.stem(x)))
'''

VIEWED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BinConv(nn.Module):
    def __init__(self, in_chn, out_chn, kernel_size=3, stride=1, padding=1):
        super().__init__()
        self.stride, self.padding = stride, padding
        self.number_of_weights = in_chn * out_chn * kernel_size * kernel_size
        self.shape = (out_chn, in_chn, kernel_size, kernel_size)
        self.weights = nn.Parameter(torch.rand((self.number_of_weights, 1)) * 0.001)

    def forward(self, x):
        real_weights = self.weights.view(self.shape)
        scale = torch.mean(abs(real_weights), dim=3, keepdim=True).detach()
        clipped = torch.clamp(real_weights, -1.0, 1.0)
        binary = (scale * torch.sign(real_weights)).detach() - clipped.detach() + clipped
        return F.conv2d(x, binary, stride=self.stride, padding=self.padding)


def binconv1x1(in_planes, out_planes):
    return BinConv(in_planes, out_planes, kernel_size=1, padding=0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.c1 = BinConv(16, 16, stride=2)
        self.c2 = binconv1x1(IN, 32)
        self.c3 = BinConv(32, 32)

    def forward(self, x):
        return self.c3(self.c2(self.c1(self.stem(x))))
'''


def test_the_shape_tuple_reading_the_wrong_parameter_is_blamed():
    line = line_of(MADE, "self.shape = ")
    assert_bug_found_at_its_line(MADE, {"IN": "in_chn"}, {"IN": "out_chn"}, (2, 3, 16, 16), line, "CL103",
                                 "binconv.py")
    broken = filled(MADE, {"IN": "out_chn"})
    (finding,) = [d for d in lint_text(broken, "binconv.py", Settings()).diagnostics if d.severity == "error"]
    assert line_of(MADE, "return F.conv2d(") in {s.line for s in finding.related}


def test_the_call_passing_the_wrong_count_of_flat_weights_viewed_is_blamed():
    # (the tuple is right: another instance, built by another call, runs its F.conv2d)
    assert_bug_found_at_its_line(VIEWED, {"IN": "16"}, {"IN": "32"}, (2, 3, 16, 16),
                                 line_of(VIEWED, "self.c2 = binconv1x1("), "CL103", "binconv.py")


def test_the_shapes_of_a_right_binary_conv_are_torch_s():
    source = filled(VIEWED, {"IN": "16"})
    result = lint_text(source, "binconv.py", Settings(input_shapes={"Net": (2, 3, 16, 16)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    for path, shape in module_shapes(built(source, "binconv.py"), (2, 3, 16, 16)).items():
        assert predicted.get(path) == shape, path
