"""A classifier sized by a dummy forward in the constructor (`n = self.features(torch.zeros(1, 1,
C, T)).view(1, -1).size(1)`, a `_get_conv_output(shape)` helper, `.numel()`, `.shape[1]`) whose
forward() flattens otherwise (a view keeping the channels, flatten(2), no flatten at all): the
Linear refuses what reaches it for every size, with no options too (the probe's sizes, required
arguments, are the input's), and the line to change is forward()'s, never the measured count."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint import shapes
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym

PROBED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_channels, n_times, n_classes):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 16, (n_channels, 1)), nn.ELU(), nn.AvgPool2d((1, 4)))
        with torch.no_grad():
            n = self.features(torch.zeros(1, 1, n_channels, n_times)).view(1, -1).size(1)
        self.fc = nn.Linear(n, n_classes)

    def forward(self, x):
        x = self.features(x)
        x = FLATTENED
        return self.fc(x)
'''
VIEW_LINE = 16
WRONG, RIGHT = "x.view(x.size(0), 16, -1)", "x.view(x.size(0), -1)"

HELPER = '''
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, input_shape=(1, 28, 28), num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(input_shape[0], 8, 3)
        self.conv2 = nn.Conv2d(8, 16, 3)
        self.fc = nn.Linear(self._get_conv_output(input_shape), num_classes)

    def _get_conv_output(self, shape):
        output = self._features(torch.rand(1, *shape))
        return int(np.prod(output.size()[1:]))

    def _features(self, x):
        return F.relu(self.conv2(F.max_pool2d(F.relu(self.conv1(x)), 2)))

    def forward(self, x):
        x = self._features(x)
        return self.fc(FLATTENED)
'''

NUMEL = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch, length, classes):
        super().__init__()
        self.body = nn.Sequential(nn.Conv1d(in_ch, 32, 5), nn.ReLU(), nn.MaxPool1d(2))
        n = self.body(torch.zeros(1, in_ch, length)).numel()
        self.head = nn.Linear(n, classes)

    def forward(self, x):
        return self.head(FLATTENED)
'''

SHAPE_ONE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, chans, samples, classes):
        super().__init__()
        self.c = nn.Conv2d(1, 8, (1, 7), padding=(0, 3))
        self.d = nn.Conv2d(8, 16, (chans, 1))
        self.p = nn.AvgPool2d((1, 8))
        self.drop = nn.Dropout(0.5)
        probe = self.p(self.d(self.c(torch.zeros(1, 1, chans, samples))))
        self.fc = nn.Linear(probe.flatten(1).shape[1], classes)

    def forward(self, x):
        x = self.p(self.d(self.c(x)))
        x = FLATTENED
        return self.fc(self.drop(x))
'''

FORMS = {  # source, the line to change, forward's flatten wrong and right, a size and the arguments for torch
    "helper-flatten-from-dim-2": (HELPER, 24, "x.flatten(2)", "x.flatten(1)", (2, 1, 28, 28), ()),
    "numel-never-flattened": (NUMEL, 14, "self.body(x)", "self.body(x).flatten(1)", (2, 3, 40), (3, 40, 5)),
    "shape-1-reshape-keeps-channels": (SHAPE_ONE, 18, "x.reshape(x.shape[0], x.shape[1], -1)",
                                       "x.reshape(x.shape[0], -1)", (2, 1, 6, 64), (6, 64, 4)),
}


def _errors(result):
    return [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]


def test_the_dummy_forward_sizes_the_input_and_the_view_is_blamed_with_no_options():
    result = lint_text(PROBED.replace("FLATTENED", WRONG), "net.py", Settings())
    assert _errors(result) == [(VIEW_LINE, "CL101")]
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert "expects 16*(n_times/4) input features, but view(N, 16, -1) gives (n_times/4)" in error.message
    assert "measured on line 11" in error.message and "x.flatten(1)" in error.fix
    assert _errors(lint_text(PROBED.replace("FLATTENED", RIGHT), "net.py", Settings())) == []


def test_given_an_input_size_the_view_is_blamed_not_the_measured_count():
    wrong = lint_text(PROBED.replace("FLATTENED", WRONG), "net.py", Settings(input_shapes={"Net": (2, 1, 4, 64)}))
    assert _errors(wrong) == [(VIEW_LINE, "CL101")]
    right = lint_text(PROBED.replace("FLATTENED", RIGHT), "net.py", Settings(input_shapes={"Net": (2, 1, 4, 64)}))
    assert _errors(right) == []


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_form_of_the_probe_is_blamed_at_forwards_flatten(form):
    source, line, wrong, right, _, _ = FORMS[form]
    assert _errors(lint_text(source.replace("FLATTENED", wrong), "net.py", Settings())) == [(line, "CL101")]
    assert _errors(lint_text(source.replace("FLATTENED", right), "net.py", Settings())) == []


@settings(max_examples=10, deadline=None)
@given(n_channels=st.integers(1, 8), n_times=st.integers(4, 80))
def test_torch_refuses_the_view_for_every_size_and_runs_the_flatten(n_channels, n_times):
    torch = pytest.importorskip("torch")
    for filling, fails in ((WRONG, True), (RIGHT, False)):
        namespace: dict = {}
        exec(PROBED.replace("FLATTENED", filling), namespace)
        model = namespace["Net"](n_channels, n_times, 3).eval()
        x = torch.zeros(2, 1, n_channels, n_times)
        if fails:
            with pytest.raises(RuntimeError, match="mat1 and mat2"):
                model(x)
        else:
            assert model(x).shape == (2, 3)


def test_torch_refuses_each_other_form_and_runs_its_fix():
    torch = pytest.importorskip("torch")
    for source, _, wrong, right, size, arguments in FORMS.values():
        for filling, fails in ((wrong, True), (right, False)):
            namespace: dict = {}
            exec(source.replace("FLATTENED", filling), namespace)
            model = namespace["Net"](*arguments).eval()
            if fails:
                with pytest.raises(RuntimeError, match="mat1 and mat2"):
                    model(torch.zeros(*size))
            else:
                assert model(torch.zeros(*size)).shape[0] == 2


@settings(max_examples=30, deadline=None)
@given(side=st.integers(1, 12), extra=st.integers(0, 4), stride=st.integers(1, 3), padding=st.integers(0, 2))
def test_a_kernel_of_an_argument_over_a_side_of_it_gives_what_torch_gives(side, extra, stride, padding):
    """Conv2d(1, 1, (n, 1)) over a side of n + extra (the probe's n_channels electrodes)."""
    torch = pytest.importorskip("torch")
    out = shapes.conv_out_of_a_width_kernel(Sym("n", offset=extra), Sym("n"), stride, padding)
    conv = torch.nn.Conv2d(1, 1, (side, 1), stride=stride, padding=padding)
    assert out == ((extra + 2 * padding) // stride + 1)
    assert conv(torch.zeros(1, 1, side + extra, 3)).shape[2] == out
