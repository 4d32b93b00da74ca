"""A DQN whose flatten size comes from probing its conv stack in __init__ with the observation
shape it is given (`self.conv(torch.zeros(1, *input_shape))`, directly or in a `_get_conv_out`
helper) and whose forward() feeds its input to that same stack: with no size given, the shape
argument is the input's (C, H, W), so the probe's count is a size of the input, not unknown. A
NoisyNet head (an nn.Linear subclass applying `F.linear(x, self.weight + self.sigma_weight *
self.epsilon_weight, self.bias)`) then gives its out_features, and the next layer is checked:
NoisyLinear(512, n) after NoisyLinear(n_flat, 256) fails for every input in torch."""

import libcst as cst
import pytest

from convlint.source.size_parameters import probed_shape_parameters
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

SOURCE = '''import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class NoisyLinear(nn.Linear):
    def __init__(self, in_features, out_features, sigma_init=0.017):
        super().__init__(in_features, out_features)
        self.sigma_weight = nn.Parameter(torch.full((out_features, in_features), sigma_init))
        self.register_buffer("epsilon_weight", torch.zeros(out_features, in_features))

    def forward(self, x):
        return F.linear(x, self.weight + self.sigma_weight * self.epsilon_weight, self.bias)


class Net(nn.Module):
    def __init__(self, input_shape, n_actions):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(input_shape[0], 32, 8, stride=4), nn.ReLU(),
                                  nn.Conv2d(32, 64, 4, stride=2), nn.ReLU())
        conv_out_size = self._get_conv_out(input_shape)
        self.fc = nn.Sequential(NoisyLinear(conv_out_size, 256), nn.ReLU(), NoisyLinear(HIDDEN, n_actions))

    def _get_conv_out(self, shape):
        o = self.conv(torch.zeros(1, *shape))
        return int(np.prod(o.size()))

    def forward(self, x):
        fx = x.float() / 256
        return self.fc(self.conv(fx).view(fx.size(0), -1))
'''


def _build(namespace):
    return namespace["Net"]((4, 84, 84), 6)


def test_the_noisy_head_after_a_probed_flatten_is_checked():
    wrong = SOURCE.replace("HIDDEN", "512")
    clean = assert_bug_found_at_its_line(SOURCE, {"HIDDEN": "256"}, {"HIDDEN": "512"}, (2, 4, 84, 84),
                                         line_of(wrong, "self.fc = nn.Sequential"), "CL101", "dqn.py", build=_build)
    (model,) = [m for m in clean.models if m.name == "Net"]
    assert not [u for u in model.unresolved if "F.linear" in u.why or "in_features" in u.why]


def test_the_probed_model_s_shapes_are_torch_s():
    source = SOURCE.replace("HIDDEN", "256").replace("input_shape, n_actions):", "input_shape, n_actions=6):")
    assert_shapes_equal_torch(source, (2, 4, 84, 84), "dqn.py", build=_build)


def _parameters(source: str) -> dict:
    (cls,) = [s for s in cst.parse_module(source).body if isinstance(s, cst.ClassDef) and s.name.value == "Net"]
    return probed_shape_parameters(cls)


def test_the_shape_argument_is_the_input_only_where_forward_feeds_the_probed_stack():
    assert _parameters(SOURCE) == {"input_shape": 3}
    # forward feeds the stack something else than its input: the probe says nothing of the input
    other = SOURCE.replace("return self.fc(self.conv(fx).view(fx.size(0), -1))",
                           "return self.fc(self.conv(fx[:, :, ::2]).view(fx.size(0), -1))")
    assert _parameters(other) == {}
    # a probe of another stack than the one forward feeds
    assert _parameters(SOURCE.replace("o = self.conv(torch.zeros", "o = self.fc(torch.zeros")) == {}
    # a probe with a batch of its own sizes
    assert _parameters(SOURCE.replace("torch.zeros(1, *shape)", "torch.zeros(1, 4, 84, 84)")) == {}
