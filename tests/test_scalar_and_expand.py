"""Numbers made from sizes, and expands torch refuses: a tensor times a number computed from a
symbolic size (`1.0 / x.size(2)`, `(n - 1) / float(n)`, `/ math.sqrt(d)`, `d ** -0.5`) keeps its
shape as it does with a known number, so the layers after it are checked with no input size; a
value of any other origin may be a tensor and stays unknown."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

# a scale made from a symbolic size with /, float() and math.sqrt
SCALE_OF_A_SIZE = '''
import math
import torch.nn as nn


class Scale(nn.Module):
    def forward(self, x):
        x = x * (1.0 / x.size(2))
        x = x / math.sqrt(x.size(3))
        return -x * float(x.size(2)) + abs(x.size(3) / 3)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, padding=1)
        self.scale = Scale()
        self.conv2 = nn.Conv2d(WIDTH, 64, 3, padding=1)

    def forward(self, x):
        return self.conv2(self.scale(self.conv1(x)))
'''

# an instance norm written by hand: the unbiased variance rescaled by (n - 1) / float(n), n = H*W
HAND_WRITTEN_INSTANCE_NORM = '''
import torch
import torch.nn as nn


class InstanceNormalization(nn.Module):
    def forward(self, x):
        n = x.size(2) * x.size(3)
        t = x.view(x.size(0), x.size(1), n)
        mean = torch.mean(t, 2).unsqueeze(2).unsqueeze(3).expand_as(x)
        var = torch.var(t, 2).unsqueeze(2).unsqueeze(3).expand_as(x) * ((n - 1) / float(n))
        return (x - mean) / torch.sqrt(var + 1e-9)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.norm = InstanceNormalization()
        self.conv2 = nn.Conv2d(WIDTH, 16, 3, padding=1)

    def forward(self, x):
        return self.conv2(self.norm(self.conv1(x)))
'''

# a scale gain * n ** -0.5 of a symbolic size (the batch), a Linear after it
ATTENTION_SCALE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(16, 32)
        self.out = nn.Linear(WIDTH, 8)

    def forward(self, x):
        q = self.q(x)
        gain = 2.0
        scores = torch.softmax(q * (gain * q.size(0) ** -0.5), dim=-1)
        return self.out(scores)
'''

CASES = {
    # source, input size, right, wrong, line of the bug, code
    "a scale of a symbolic size": (SCALE_OF_A_SIZE, (2, 3, 8, 8), {"WIDTH": "64"}, {"WIDTH": "32"}, 18, "CL103"),
    "a variance rescaled by (n - 1) / float(n)": (
        HAND_WRITTEN_INSTANCE_NORM, (2, 3, 8, 8), {"WIDTH": "32"}, {"WIDTH": "64"}, 20, "CL103"),
    "a scale n ** -0.5 of a symbolic size": (ATTENTION_SCALE, (2, 5, 16), {"WIDTH": "32"}, {"WIDTH": "16"}, 10, "CL101"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch(case):
    source, size, right, _, _, _ = CASES[case]
    assert_shapes_equal_torch(filled(source, right), size, "numbers.py")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, size, right, wrong, line, code = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "numbers.py")


def test_a_tensor_times_a_value_of_unknown_origin_stays_unknown():
    """A value read from a module not followed may be a tensor: what it multiplies is not
    followed, and nothing is reported after it."""
    source = filled(SCALE_OF_A_SIZE, {"WIDTH": "32", "import math\n": "import math\nfrom elsewhere import factor\n",
                                      "x = x * (1.0 / x.size(2))": "x = x * factor"})
    result = lint_text(source, "numbers.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert next(c for c in model.calls if c.node.path == "conv2").input.shape.dims is None


# a per-channel parameter of the block's width, reshaped and expanded to the map it scales
CHANNEL_SCALE = '''
import torch
import torch.nn as nn


class ChannelScale(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        s = self.scale.unsqueeze(1).unsqueeze(1).unsqueeze(0)
        s = s.EXPAND
        return x * s


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, padding=1)
        self.norm = ChannelScale(WIDTH)

    def forward(self, x):
        return self.norm(self.conv(x))
'''

EXPANDS = {"expand_as": "expand_as(x)", "expand": "expand(x.size(0), x.size(1), x.size(2), x.size(3))"}


@pytest.mark.parametrize("form", sorted(EXPANDS))
def test_an_expand_torch_refuses_is_reported_at_it(form):
    """A per-channel parameter 128 wide expanded to a 64-channel map: torch refuses the expand
    ("The expanded size of the tensor (64) must match the existing size (128)"); CL107 with no
    input size, at the call that passed the parameter's width (ChannelScale(128), where 64 runs);
    built 64 wide it runs clean and every shape equals torch's."""
    source = filled(CHANNEL_SCALE, {"EXPAND": EXPANDS[form]})
    with pytest.raises(RuntimeError, match=r"expanded size of the tensor \(64\) must match the existing size \(128\)"):
        module_shapes(built(filled(source, {"WIDTH": "128"}), "expand.py"), (2, 3, 8, 8))
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "64"}, {"WIDTH": "128"}, (2, 3, 8, 8), 21, "CL107",
                                         "expand.py")
    assert clean.diagnostics == []
    assert_shapes_equal_torch(filled(source, {"WIDTH": "64"}), (2, 3, 8, 8), "expand.py")


def test_an_expand_of_a_size_that_may_fit_is_not_reported():
    """A parameter as wide as a constructor argument nothing gives, expanded to a map whose width is
    another: some value fits, so nothing is reported (and a dim of 1 grows)."""
    source = filled(CHANNEL_SCALE, {"EXPAND": EXPANDS["expand_as"], "class Net": "class Unused",
                                    "self.conv = nn.Conv2d(3, 64, 3, padding=1)": "pass"})
    assert not [d for d in lint_text(source, "expand.py", Settings()).diagnostics if d.severity == "error"]


# a pixel norm as the first op on the input, before any layer fixes its rank
PIXEL_NORM_FIRST = '''
import torch
import torch.nn as nn


class PixelNorm(nn.Module):
    def forward(self, x):
        return x * torch.rsqrt(torch.mean(x ** 2, dim=1, keepdim=True) + 1e-8)


class Net(nn.Module):
    def __init__(self, latent=32, fmaps=32):
        super().__init__()
        self.norm = PixelNorm()
        self.fc1 = nn.Linear(latent, fmaps)
        self.act = nn.LeakyReLU(0.2)
        self.fc2 = nn.Linear(WIDTH, fmaps)

    def forward(self, x):
        return self.act(self.fc2(self.act(self.fc1(self.norm(x)))))
'''


def test_a_reduction_with_keepdim_before_the_first_layer_keeps_the_rank_it_fixes():
    """x * rsqrt(mean(x ** 2, dim=1, keepdim=True)) on the input: the same shape whatever the
    rank, so the Linear after it fixes the rank and the layers after it are checked."""
    assert_bug_found_at_its_line(PIXEL_NORM_FIRST, {"WIDTH": "fmaps"}, {"WIDTH": "16"}, (2, 32), 17, "CL101",
                                 "pixelnorm.py")
    assert_shapes_equal_torch(filled(PIXEL_NORM_FIRST, {"WIDTH": "fmaps"}), (2, 32), "pixelnorm.py")
    assert_shapes_equal_torch(filled(SCALED_MEAN_FIRST, {"WIDTH": "8"}), (2, 3, 8, 8), "pixelnorm.py")


# a channel mean taken as the first op: the layer sees 1 channel, the input's channels stay unknown
SCALED_MEAN_FIRST = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(WIDTH, 4, 3)

    def forward(self, x):
        x = x - x.mean(dim=(2, 3), keepdim=True)
        return self.conv2(self.conv(x.mean(dim=1, keepdim=True)))
'''


def test_a_channel_mean_before_the_first_layer_leaves_the_input_channels_unknown():
    result = lint_text(filled(SCALED_MEAN_FIRST, {"WIDTH": "8"}), "pixelnorm.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert [str(d) if not hasattr(d, "why") else "?" for d in model.input_shape.dims] == ["N", "?", "H", "W"]
    conv = next(c for c in model.calls if c.node.path == "conv")
    assert [str(d) for d in conv.input.shape.dims] == ["N", "1", "H", "W"]
