"""A squeeze-excitation gate whose expand conv (or Linear) gives the reduced width, not the block's:
`x * gate` breaks in every block, each on another count (72 against 20, 120 against 32 where the
reduced width is `_make_divisible(chs * 0.25, 4)`), so no one width, nor one multiple of each
instance's own, fits the line. Each instance given the width it meets, a name of the block holding
it at every instance, runs the model: that layer's out width is blamed, the multiply related. Where
the layer making the other operand, given the gate's widths, runs the model as well, the finding
stays at the multiply."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SE_CONV = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


def _make_divisible(v, divisor):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def hard_sigmoid(x):
    return F.relu6(x + 3.) / 6.


class SqueezeExcite(nn.Module):
    def __init__(self, chs, gate_fn=hard_sigmoid):
        super().__init__()
        self.gate_fn = gate_fn
        red = _make_divisible(chs * 0.25, 4)
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.conv_reduce = nn.Conv2d(chs, red, 1)
        self.act = nn.ReLU(inplace=True)
        self.conv_expand = nn.Conv2d(red, chs, 1)

    def forward(self, x):
        s = self.conv_expand(self.act(self.conv_reduce(self.avg_pool(x))))
        return x * self.gate_fn(s)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 72, 3, padding=1)
        self.se = SqueezeExcite(72)
        self.conv2 = nn.Conv2d(72, 120, 3, stride=2, padding=1)
        self.se2 = SqueezeExcite(120)

    def forward(self, x):
        x = self.se(self.conv(x))
        return self.se2(self.conv2(x))
'''
WRONG_EXPAND = ("self.conv_expand = nn.Conv2d(red, chs, 1)", "self.conv_expand = nn.Conv2d(red, red, 1)")
# the reduced width a constant fraction of the block's: each instance's fix is 4 times its own width
QUARTER = SE_CONV.replace("red = _make_divisible(chs * 0.25, 4)", "red = chs // 4")
SIZED = SE_CONV.replace("class Net(nn.Module):", "# convlint: input-shape=(2, 3, 32, 32)\nclass Net(nn.Module):")

SE_LINEAR = '''
import torch
import torch.nn as nn


def _make_divisible(v, divisor=8):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class SELayer(nn.Module):
    def __init__(self, channel, reduction=4):
        super().__init__()
        hidden = _make_divisible(channel // reduction, 8)
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(
            nn.Linear(channel, hidden),
            nn.ReLU(inplace=True),
            nn.Linear(hidden, channel),
            nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.avg_pool(x).view(b, c)
        y = self.fc(y).view(b, -1, 1, 1)
        return x * y


# convlint: input-shape=(2, 3, 32, 32)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 40, 3, padding=1)
        self.se1 = SELayer(40)
        self.conv2 = nn.Conv2d(40, 112, 3, padding=1)
        self.se2 = SELayer(112)

    def forward(self, x):
        x = self.se1(self.conv1(x))
        return self.se2(self.conv2(x))
'''
WRONG_FC = ("nn.Linear(hidden, channel),", "nn.Linear(hidden, hidden),")

# a body conv and a gate conv side by side, neither feeding a layer after the product: either
# given the other's widths runs, so which was meant is not known
TWO_PATHS = '''
import torch
import torch.nn as nn


def _make_divisible(v, divisor=4):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class Gated(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        red = _make_divisible(cout * 0.25)
        self.body = nn.Conv2d(cin, cout, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.gate = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.body(x) * torch.sigmoid(self.gate(self.pool(x)))


# convlint: input-shape=(2, 3, 32, 32)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.g1 = Gated(3, 72)
        self.g2 = Gated(3, 120)

    def forward(self, x):
        return self.g1(x), self.g2(x)
'''
WRONG_GATE = ("self.gate = nn.Conv2d(cin, cout, 1)", "self.gate = nn.Conv2d(cin, red, 1)")


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "se.py", Settings()).diagnostics if d.severity == "error"]


def _built(source: str, name: str = "Net"):
    namespace: dict = {}
    exec(compile(source, "se.py", "exec"), namespace)
    return namespace[name]()


@pytest.mark.parametrize("source", [SE_CONV, SIZED], ids=["symbolic", "sized"])
def test_the_expand_conv_giving_the_reduced_width_is_blamed_at_its_out_width(source):
    assert _errors(source) == []
    expand = line_of(source, WRONG_EXPAND[0])
    (finding,) = _errors(source.replace(*WRONG_EXPAND))
    assert (finding.code, finding.span.line) == ("CL107", expand)
    assert finding.span.column == source.splitlines()[expand - 1].index("chs, 1)") + 1  # the out width
    assert finding.related[0].line == line_of(source, "return x * self.gate_fn(s)")
    assert f"se.conv_expand on line {expand} given out_channels=chs (72 here, each other instance its own chs)" \
        in finding.message


def test_a_constant_fraction_is_still_blamed_as_a_multiple_of_each_width():
    assert _errors(QUARTER) == []
    (finding,) = _errors(QUARTER.replace(*WRONG_EXPAND))
    assert (finding.code, finding.span.line) == ("CL107", line_of(QUARTER, WRONG_EXPAND[0]))
    assert "given out_channels=72 (and each other instance of the line 4 times its own width)" in finding.message


def test_a_linear_gate_whose_later_instances_an_earlier_failure_hid_is_blamed():
    assert _errors(SE_LINEAR) == []
    (finding,) = _errors(SE_LINEAR.replace(*WRONG_FC))
    fc = line_of(SE_LINEAR, WRONG_FC[0])
    assert (finding.code, finding.span.line) == ("CL107", fc)
    assert finding.related[0].line == line_of(SE_LINEAR, "return x * y")
    assert f"se1.fc.2 on line {fc} given out_features=channel (40 here" in finding.message


def test_either_side_fitting_the_other_stays_at_the_multiply():
    assert _errors(TWO_PATHS) == []
    (finding,) = _errors(TWO_PATHS.replace(*WRONG_GATE))
    assert (finding.code, finding.span.line) == ("CL107", line_of(TWO_PATHS, "return self.body(x) *"))


def test_torch_refuses_the_wrong_widths_and_runs_the_right_ones():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 3, 32, 32)
    assert _built(SE_CONV)(x).shape == (2, 120, 16, 16)
    assert _built(QUARTER)(x).shape == (2, 120, 16, 16)
    assert _built(SE_LINEAR)(x).shape == (2, 112, 32, 32)
    assert [tuple(t.shape) for t in _built(TWO_PATHS)(x)] == [(2, 72, 32, 32), (2, 120, 32, 32)]
    for source, edit in ((SE_CONV, WRONG_EXPAND), (QUARTER, WRONG_EXPAND), (SE_LINEAR, WRONG_FC),
                         (TWO_PATHS, WRONG_GATE)):
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            _built(source.replace(*edit))(x)
