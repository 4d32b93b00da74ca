"""A layer whose forward compares a count of its own with the tensor it gets: MaxUnpool's indices
(the shape of its input), PReLU's slopes (one per channel when more than one), an InstanceNorm
that tracks running stats (one running mean per channel). Each bug is found at its line with no
options, torch raises it with the message quoted, and the correct variant stays clean and runs."""

import re

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

# An encoder-decoder that unpools each stage with the indices of its pool (F.max_unpool2d)
FUNCTIONAL_UNPOOL = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(3, 8, 3, padding=1)
        self.enc2 = nn.Conv2d(8, 16, 3, padding=1)
        self.dec2 = nn.Conv2d(16, 8, 3, padding=1)
        self.dec1 = nn.Conv2d(8, 2, 3, padding=1)

    def forward(self, x):
        x, first = F.max_pool2d(F.relu(self.enc1(x)), 2, 2, return_indices=True)
        x, second = F.max_pool2d(F.relu(self.enc2(x)), 2, 2, return_indices=True)
        x = F.relu(self.dec2(F.max_unpool2d(x, INDICES, 2, 2)))
        return self.dec1(F.max_unpool2d(x, first, kernel_size=2, stride=2))
'''

# The same with modules: nn.MaxUnpool1d built in __init__, the indices passed in forward(); the
# channels agree, the lengths (L/4 and L/2) differ at every input size
MODULE_UNPOOL = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv1d(1, 8, 5, padding=2)
        self.pool1 = nn.MaxPool1d(2, return_indices=True)
        self.enc2 = nn.Conv1d(8, 8, 5, padding=2)
        self.pool2 = nn.MaxPool1d(2, return_indices=True)
        self.unpool2 = nn.MaxUnpool1d(2)
        self.unpool1 = nn.MaxUnpool1d(2)
        self.dec = nn.Conv1d(8, 1, 5, padding=2)

    def forward(self, x):
        x, first = self.pool1(self.enc1(x))
        x, second = self.pool2(self.enc2(x))
        x = self.unpool2(x, INDICES)
        return self.dec(self.unpool1(x, first))
'''

# A stem whose PReLU has one slope per channel of a concat of a conv and the pooled input
PRELU_AFTER_CAT = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=3, conv_ch=13):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, conv_ch, 3, stride=2, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(conv_ch)
        self.pool = nn.MaxPool2d(2)
        self.act = nn.PReLU(SLOPES)

    def forward(self, x):
        return self.act(torch.cat([self.bn(self.conv(x)), self.pool(x)], dim=1))
'''

# PReLU after a Linear: the channels are dim 1 of (N, features)
PRELU_AFTER_LINEAR = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.PReLU(4), nn.AdaptiveAvgPool2d(2))
        self.fc = nn.Linear(16, 32)
        self.act = nn.PReLU(SLOPES)
        self.out = nn.Linear(32, 10)

    def forward(self, x):
        return self.out(self.act(self.fc(self.features(x).flatten(1))))
'''

# A generator's InstanceNorm that keeps running stats: its width is used, train and eval alike
TRACKING_INSTANCE_NORM = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ngf=16):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, ngf, 7, padding=3),
            nn.InstanceNorm2d(ngf, track_running_stats=True),
            nn.ReLU(True),
            nn.Conv2d(ngf, ngf * 4, 3, stride=2, padding=1),
            nn.InstanceNorm2d(WIDTH, track_running_stats=True),
            nn.ReLU(True),
        )

    def forward(self, x):
        return self.main(x)
'''

# source, input size, right filling, wrong filling, line of the finding, rule, torch's message
CASES = {
    "functional-unpool-given-another-stage's-indices": (
        FUNCTIONAL_UNPOOL, (2, 3, 32, 32), {"INDICES": "second"}, {"INDICES": "first"}, 17, "CL107",
        "Expected shape of indices to be same as that of the input tensor ([2, 16, 8, 8]) but got indices "
        "tensor with shape: [2, 8, 16, 16]"),
    "module-unpool1d-given-another-stage's-indices": (
        MODULE_UNPOOL, (2, 1, 64), {"INDICES": "second"}, {"INDICES": "first"}, 19, "CL107",
        "Expected shape of indices to be same as that of the input tensor ([2, 8, 16, 1]) but got indices "
        "tensor with shape: [2, 8, 32, 1]"),
    "prelu-slopes-for-the-conv-alone": (
        PRELU_AFTER_CAT, (2, 3, 64, 64), {"SLOPES": "conv_ch + in_ch"}, {"SLOPES": "conv_ch"}, 12, "CL104",
        "Mismatch of parameter numbers and input channel size. Found parameter numbers = 13 and channel size = 16."),
    "prelu-slopes-after-a-linear": (
        PRELU_AFTER_LINEAR, (2, 1, 8, 8), {"SLOPES": "32"}, {"SLOPES": "16"}, 10, "CL104",
        "Mismatch of parameter numbers and input channel size. Found parameter numbers = 16 and channel size = 32."),
    "tracking-instance-norm-of-another-width": (
        TRACKING_INSTANCE_NORM, (2, 3, 32, 32), {"WIDTH": "ngf * 4"}, {"WIDTH": "ngf * 2"}, 13, "CL104",
        "running_mean should contain 128 elements not 64"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, size, right, wrong, line, code, _ = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "layers.py")


@pytest.mark.parametrize("case", sorted(CASES))
def test_torch_raises_the_bug_and_runs_the_fix_with_the_shapes_convlint_gives(case):
    source, size, right, wrong, _, _, message = CASES[case]
    with pytest.raises(RuntimeError, match=re.escape(message)):
        module_shapes(built(filled(source, wrong), "layers.py"), size)
    model = built(filled(source, right), "layers.py")
    model.train()(torch.zeros(*size))  # a tracking InstanceNorm checks its width in train mode too
    assert_shapes_equal_torch(filled(source, right), size, "layers.py")


def test_the_unpool_finding_names_both_shapes_and_the_layers_after_it_are_still_checked():
    source = filled(FUNCTIONAL_UNPOOL, {"INDICES": "first"})
    result = lint_text(source, "layers.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert "indices of shape 2x8x16x16" in finding.message and "input has shape 2x16x8x8" in finding.message
    (model,) = result.models
    decoded = [c for c in model.calls if c.node.path == "dec2"]
    assert [tuple(c.output.shape.dims) for c in decoded] == [(2, 8, 16, 16)]  # as with the right indices


def test_an_instance_norm_without_affine_or_running_stats_only_warns_and_stays_clean():
    source = filled(TRACKING_INSTANCE_NORM, {"WIDTH": "ngf * 2"}).replace(", track_running_stats=True", "")
    with pytest.warns(UserWarning, match="does not match num_features"):
        module_shapes(built(source, "layers.py"), (2, 3, 32, 32))
    assert [d for d in lint_text(source, "layers.py", Settings()).diagnostics if d.severity == "error"] == []


def test_a_single_prelu_slope_fits_any_channels():
    source = filled(PRELU_AFTER_CAT, {"SLOPES": ""})
    module_shapes(built(source, "layers.py"), (2, 3, 64, 64))
    assert [d for d in lint_text(source, "layers.py", Settings()).diagnostics if d.severity == "error"] == []
