"""A tensor combined with a value convlint knows is a scalar, its value not known, keeps its
shape: a numpy reduction of no axis (`obs / (np.max(high) - np.min(low))`, the observation scaling
of RL encoders), float() and int() of anything, math.sqrt() of anything, `t.item()`, the size,
numel, rank or len() of a tensor whose shape is not known, and the same as `x.div(n)`. The layers
after it are then checked with no options. A reduction along an axis, or kept dims, may be an
array of any shape: what it reaches stays unknown. Checked against torch: the bug raises, the
fixed code runs, and each module's shape equals torch's."""

from types import SimpleNamespace

import numpy as np
import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

# an encoder scaling its observation by the range of the observation space
RANGE_SCALED = '''
import numpy as np
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, low, high):
        super().__init__()
        self.range_size = np.max(high) - np.min(low)
        self.conv1 = nn.Conv2d(4, 32, kernel_size=8, stride=4)
        self.conv2 = nn.Conv2d(WIDTH, 64, kernel_size=4, stride=2)
        self.fc = nn.Linear(FEATURES, 256)

    def forward(self, obs):
        x = self.conv1(obs.float() / self.range_size)
        x = self.conv2(x / self.range_size)
        return self.fc(x.flatten(1))
'''

# numbers read from a config object nothing describes, and from the tensor itself
CONFIG_NUMBERS = '''
import math
import numpy as np
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.norm = float(cfg.max_pixel)
        self.std = np.std(cfg.stats, ddof=1)
        self.mean = np.mean(cfg.stats)
        self.offset = int(cfg.offset)
        self.gain = math.sqrt(cfg.dim)
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(WIDTH, 16, 3, padding=1)

    def forward(self, x):
        x = self.conv1(x)
        x = (x / self.norm - self.mean) / self.std + self.offset
        x = x * self.gain
        return self.conv2(x / (x.abs().max().item() + 1))
'''

# counts read from a tensor whose shape is not known (a boolean mask's selection)
SELECTION_COUNTS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(WIDTH, 16, 3, padding=1)

    def forward(self, x):
        picked = x[x > 0]
        h = self.conv1(x) / (picked.numel() + 1) * len(picked)
        h = h.div(picked.dim()).mul(picked.ndim) + picked.size(0)
        return self.conv2(h)
'''

CONFIG = SimpleNamespace(max_pixel=255, stats=[0.2, 0.4, 0.5], offset=1, dim=16)
CASES = {
    # source, how torch builds it, input size, right, wrong, the line of the bug, code
    "a range of numpy maxima": (RANGE_SCALED, lambda ns: ns["Net"](np.zeros(4), np.full(4, 255.0)),
                                (2, 4, 84, 84), {"WIDTH": "32", "FEATURES": "64 * 9 * 9"}, {"WIDTH": "16", "FEATURES": "64 * 9 * 9"},
                                12, "CL103"),
    "float, int, math and numpy of a config": (CONFIG_NUMBERS, lambda ns: ns["Net"](CONFIG),
                                               (2, 3, 8, 8), {"WIDTH": "16"}, {"WIDTH": "3"}, 17, "CL103"),
    "sizes of a tensor of unknown shape": (SELECTION_COUNTS, None, (2, 3, 8, 8), {"WIDTH": "16"}, {"WIDTH": "8"},
                                           10, "CL103"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch(case):
    source, build, size, right, _, _, _ = CASES[case]
    assert_shapes_equal_torch(filled(source, right), size, "scaled.py", build=build)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_after_the_scaling_is_found_with_no_options(case):
    source, build, size, right, wrong, line, code = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "scaled.py", build=build)


@pytest.mark.parametrize("reduction", ["np.max(high, axis=0)", "np.max(high, 0)", "np.max(high, keepdims=True)",
                                       "np.sum(high)"])
def test_a_reduction_that_may_be_an_array_leaves_the_shape_unknown(reduction):
    """Along an axis, with its dims kept, or np.sum (a generator's sum is Python's): the result may
    broadcast the observation to another shape, so nothing after it is reported."""
    source = filled(RANGE_SCALED, {"WIDTH": "16", "FEATURES": "64 * 7 * 7", "np.max(high)": reduction})
    result = lint_text(source, "scaled.py", Settings(input_shapes={"Net": (2, 4, 84, 84)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert next(c for c in model.calls if c.node.path == "conv1").input.shape.dims is None


def test_the_input_scaled_by_a_numpy_range_is_checked_at_the_size_given():
    """`obs.float() / self.range_size` before the first layer: with --input-shape, the head's
    hand-counted features are checked (84x84 frames leave 9x9 maps, not 7x7)."""
    source = filled(RANGE_SCALED, {"WIDTH": "32"})
    build = CASES["a range of numpy maxima"][1]
    with pytest.raises(RuntimeError):
        module_shapes(built(filled(source, {"FEATURES": "64 * 7 * 7"}), "scaled.py", build), (2, 4, 84, 84))
    result = lint_text(filled(source, {"FEATURES": "64 * 7 * 7"}), "scaled.py",
                       Settings(input_shapes={"Net": (2, 4, 84, 84)}))
    assert ("CL101", 13) in {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}
    assert_shapes_equal_torch(filled(source, {"FEATURES": "64 * 9 * 9"}), (2, 4, 84, 84), "scaled.py", build=build)
