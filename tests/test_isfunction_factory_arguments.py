"""`inspect.isfunction(activation)`, the test by which a block library tells a layer factory (a
lambda or a function that builds the layer) from a module given ready-made: decided for what the
code defines, so the block's activation is the layer torch builds and the shapes after it are
known; a value not known leaves the test not known."""

from convlint.evaluator.builtins import is_function
from convlint.pipeline import Settings, lint_text
from convlint.values import Unknown
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

BLOCKS = '''
from inspect import isfunction

import torch.nn as nn


def lambda_relu(inplace=True):
    return lambda: nn.ReLU(inplace=inplace)


def create_activation_layer(activation):
    if isfunction(activation):
        return activation()
    assert isinstance(activation, nn.Module)
    return activation


class ConvBlock(nn.Module):
    def __init__(self, in_channels, out_channels, activation=lambda_relu()):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.activ = create_activation_layer(activation)

    def forward(self, x):
        return self.activ(self.conv(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = ConvBlock(3, 16)
        self.block2 = ConvBlock(16, 32, activation=nn.Sigmoid())
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        x = self.block2(self.block1(x))
        return self.fc(x.mean((2, 3)))
'''


def test_blocks_built_through_the_factory_have_torchs_shapes():
    source = filled(BLOCKS, {"WIDTH": "32"})
    assert_shapes_equal_torch(source, (2, 3, 8, 8), "blocks.py")
    (model,) = [m for m in lint_text(source, "blocks.py", Settings(input_shapes={"Net": (2, 3, 8, 8)})).models
                if m.name == "Net"]
    assert [c.output.shape.dims for c in model.calls if c.node.path == "fc"] == [(2, 10)]


def test_a_head_sized_wrong_after_the_factory_blocks_is_found_at_its_line():
    assert_bug_found_at_its_line(BLOCKS, {"WIDTH": "32"}, {"WIDTH": "16"}, (2, 3, 8, 8),
                                 line_of(BLOCKS, "self.fc = nn.Linear"), "CL101", "blocks.py")


def test_what_is_a_function_and_what_is_not():
    assert is_function(None) is False
    assert is_function(3) is False
    assert isinstance(is_function(Unknown("an argument")), Unknown)
