"""A module or None, by a condition not known statically (`nn.Conv1d(n_in, n_out, 1) if n_in !=
n_out else None`, the shortcut of a temporal block): each path of a test of it (`is None`, `is not
None`, its truth) is followed with what it holds there, so the blocks after it keep their shapes
and a bug on the path that runs is found, while an error of one path only is never reported."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

# a temporal block: causal convs padded on both sides, the extra steps chomped off, a 1x1 shortcut
# only where the widths differ
TEMPORAL_BLOCK = '''
import torch.nn as nn


class Chomp1d(nn.Module):
    def __init__(self, chomp_size):
        super().__init__()
        self.chomp_size = chomp_size

    def forward(self, x):
        return x[:, :, :-self.chomp_size].contiguous()


class TemporalBlock(nn.Module):
    def __init__(self, n_inputs, n_outputs, kernel_size, dilation, padding):
        super().__init__()
        self.conv1 = nn.Conv1d(n_inputs, n_outputs, kernel_size, padding=padding, dilation=dilation)
        self.chomp1 = Chomp1d(padding)
        self.conv2 = nn.Conv1d(n_outputs, n_outputs, kernel_size, padding=padding, dilation=dilation)
        self.chomp2 = Chomp1d(CHOMP)
        SHORTCUT
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.chomp1(self.conv1(x))
        out = self.chomp2(self.conv2(out))
        RESIDUAL
        return self.relu(out + res)


class TCN(nn.Module):
    def __init__(self, input_dim, num_classes=5, channels=CHANNELS, kernel_size=3):
        super().__init__()
        layers = []
        for i, width in enumerate(channels):
            dilation = 2 ** i
            padding = (kernel_size - 1) * dilation
            layers.append(TemporalBlock(input_dim if i == 0 else channels[i - 1], width, kernel_size, dilation, padding))
        self.net = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(channels[-1], num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.net(x)).flatten(1))
'''
SHORTCUTS = {
    "expression": "self.downsample = nn.Conv1d(n_inputs, n_outputs, 1) if n_inputs != n_outputs else None",
    "statement": "self.downsample = None\n        if n_inputs != n_outputs:\n"
                 "            self.downsample = nn.Conv1d(n_inputs, n_outputs, 1)",
}
RESIDUALS = {
    "is-none": "res = x if self.downsample is None else self.downsample(x)",
    "truth": "res = self.downsample(x) if self.downsample else x",
    "is-not-none-statement": "res = x\n        if self.downsample is not None:\n            res = self.downsample(x)",
    "not-statement": "if not self.downsample:\n            res = x\n        else:\n            res = self.downsample(x)",
}


def source(shortcut: str, residual: str, chomp: str = "padding", channels: str = "(16, 16, 32)") -> str:
    return filled(TEMPORAL_BLOCK, {"SHORTCUT": SHORTCUTS[shortcut], "RESIDUAL": RESIDUALS[residual],
                                   "CHOMP": chomp, "CHANNELS": channels})


def line_of(text: str, code: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if code in line)


def build_tcn(namespace):
    return namespace["TCN"](6)


def errors(text: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(text, "tcn.py", Settings()).diagnostics if d.severity == "error"}


@pytest.mark.parametrize("shortcut", sorted(SHORTCUTS))
@pytest.mark.parametrize("residual", sorted(RESIDUALS))
def test_a_chomp_too_short_is_found_at_the_add(shortcut, residual):
    """Chomp1d(padding // 2) leaves every block's output longer than its input: torch refuses the
    add at every length; with no options the add is an error (all was unknown after the first
    block, whose shortcut a width not known decides)."""
    wrong = source(shortcut, residual, chomp="padding // 2")
    with pytest.raises(RuntimeError, match="must match the size"):
        module_shapes(built(wrong, "tcn.py", build_tcn), (2, 6, 100))
    assert ("CL107", line_of(wrong, "return self.relu(out + res)")) in errors(wrong)
    assert errors(source(shortcut, residual)) == set()


@pytest.mark.parametrize("shortcut", sorted(SHORTCUTS))
@pytest.mark.parametrize("residual", sorted(RESIDUALS))
@pytest.mark.parametrize("channels", ["(16, 16, 32)", "(16, 32, 32)", "(6, 16)"])
def test_every_module_shape_equals_torch(shortcut, residual, channels):
    """Blocks with a shortcut and blocks without, the first one's decided by a width not known:
    clean with no options, and every module's shape torch's where the input is given."""
    text = source(shortcut, residual, channels=channels)
    assert errors(text) == set()
    assert_shapes_equal_torch(text, (2, 6, 50), "tcn.py", build=build_tcn, name="TCN")


def test_an_error_of_the_shortcut_path_only_waits_for_the_widths_that_choose_it():
    """A strided shortcut beside an unstrided block: torch fails only where the widths differ (the
    shortcut is built). With the first block's input width not known that is not every model, so
    nothing is reported; given the widths, the add is an error where the shortcut runs."""
    from convlint.config import parse_model_args

    text = source("expression", "is-none", channels="(16, 16)").replace(
        "nn.Conv1d(n_inputs, n_outputs, 1) if", "nn.Conv1d(n_inputs, n_outputs, 1, stride=2) if")
    with pytest.raises(RuntimeError, match="must match the size"):
        module_shapes(built(text, "tcn.py", build_tcn), (2, 6, 100))
    module_shapes(built(text, "tcn.py", lambda namespace: namespace["TCN"](16)), (2, 16, 100))
    assert errors(text) == set()
    given = dict([parse_model_args("TCN(6)")])
    found = {(d.code, d.span.line) for d in lint_text(text, "tcn.py", Settings(model_args=given)).diagnostics
             if d.severity == "error"}
    assert ("CL107", line_of(text, "return self.relu(out + res)")) in found


def test_a_module_or_none_called_without_a_test_is_the_module():
    """`self.norm(x)` of `nn.BatchNorm1d(c) if norm else None`: where it is None the call raises, so
    what follows runs with the module's output (here too long for the Linear after it)."""
    text = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, norm):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 3)
        self.norm = nn.BatchNorm1d(8) if norm else None
        self.fc = nn.Linear(8 * 16, 10)

    def forward(self, x):
        return self.fc(self.norm(self.conv(x)).flatten(1))
'''
    model = built(text, "net.py", lambda namespace: namespace["Net"](True))
    module_shapes(model, (2, 4, 18))
    (net,) = [m for m in lint_text(text, "net.py", Settings(input_shapes={"Net": (2, 4, 18)})).models
              if m.name == "Net"]
    assert {c.node.path: tuple(c.output.shape.dims) for c in net.calls}["norm"] == (2, 8, 16)
    assert ("CL101", 10) in {(d.code, d.span.line) for d in lint_text(
        text, "net.py", Settings(input_shapes={"Net": (2, 4, 20)})).diagnostics if d.severity == "error"}


def test_the_truth_of_a_container_among_the_choices_is_not_decided():
    """`if self.shortcut:` of `nn.Sequential()` or `nn.Sequential(conv, bn)`: an empty Sequential is
    false in torch, so the test is not decided by the modules being modules: both paths are followed."""
    text = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin, cout=8):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.shortcut = nn.Sequential() if cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.conv(x)
        if self.shortcut:
            return out + self.shortcut(x)
        return out + x
'''
    for cin in (8, 3):
        model = built(text, "net.py", lambda namespace, cin=cin: namespace["Net"](cin))
        assert module_shapes(model, (2, cin, 8, 8))[""] == (2, 8, 8, 8)
    (net,) = [m for m in lint_text(text, "net.py", Settings()).models if m.name == "Net"]
    assert any(u.span.line == 13 and u.why.startswith("a condition not known") for u in net.unresolved)
    assert errors(text) == set()
