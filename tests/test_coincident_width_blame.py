"""A block's call giving a wrong width is reported at that call even where the width that arrives
equals another argument of the same call or a name of the block (a SqueezeNet fire's expand widths
equal to the previous fire's output; an inverted residual's out_channels equal to what arrives):
the argument the block passes down to the failing layer is shown right by another instance built
through it that runs on a width no other argument holds. Each bug checked to fail in torch and each
fix to run."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

FIRE = '''
import torch
import torch.nn as nn


class BasicConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(in_channels=in_channels, out_channels=out_channels,
                              kernel_size=kernel_size, padding=padding)

    def forward(self, x):
        return torch.relu(self.conv(x))


class Fire(nn.Module):
    def __init__(self, in_channels, s, e1, e3):
        super().__init__()
        self.squeeze = BasicConv2d(in_channels=in_channels, out_channels=s, kernel_size=1)
        self.e1 = BasicConv2d(in_channels=s, out_channels=e1, kernel_size=1)
        self.e3 = BasicConv2d(in_channels=s, out_channels=e3, kernel_size=3, padding=1)

    def forward(self, x):
        x = self.squeeze(x)
        return torch.cat([self.e1(x), self.e3(x)], dim=1)


class Net(nn.Module):
    def __init__(self, base_e=128, incr_e=128, pct=.5, sr=.125):
        super().__init__()
        e = [base_e + incr_e * f for f in range(4)]
        self.conv1 = BasicConv2d(in_channels=3, out_channels=96, kernel_size=7)
        self.fire2 = Fire(in_channels=96, s=int(sr * e[0]),
                          e1=int(e[0] * (1 - pct)), e3=int(e[0] * pct))
        self.fire3 = Fire(
            in_channels=int(e[INDEX] * (1 - pct)) + int(e[INDEX] * pct),
            s=int(sr * e[1]), e1=int(e[1] * (1 - pct)), e3=int(e[1] * pct))

    def forward(self, x):
        return self.fire3(self.fire2(self.conv1(x)))
'''

INVERTED = '''
import torch
import torch.nn as nn


class ConvBN(nn.Module):
    def __init__(self, cin, cout, k, s=1, g=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, s, k // 2, groups=g, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))


class InvertedResidual(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, expansion=6):
        super().__init__()
        hidden = in_channels * expansion
        self.use_res = stride == 1 and in_channels == out_channels
        self.block = nn.Sequential(
            ConvBN(in_channels, hidden, 1), nn.ReLU6(),
            ConvBN(hidden, hidden, 3, stride, g=hidden), nn.ReLU6(),
            ConvBN(hidden, out_channels, 1))

    def forward(self, x):
        out = self.block(x)
        return x + out if self.use_res else out


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, 2, 1)
        self.blocks = nn.Sequential(
            InvertedResidual(in_channels=32, out_channels=64, stride=2),
            InvertedResidual(in_channels=WIDTH, out_channels=64),
            InvertedResidual(in_channels=64, out_channels=96, stride=2))
        self.fc = nn.Linear(96, 10)

    def forward(self, x):
        return self.fc(self.blocks(self.stem(x)).mean((2, 3)))
'''

CASES = {  # source, the wrong and the right value, the input, the text of the changed line
    "fire": (FIRE, "INDEX", "1", "0", (2, 3, 64, 64), "in_channels=int(e[1] * (1 - pct))"),
    "inverted": (INVERTED, "WIDTH", "32", "64", (2, 3, 64, 64), "InvertedResidual(in_channels=32, out_channels=64),"),
}


def _errors(source: str, shape: tuple) -> list:
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": shape}))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_width_equal_to_another_argument_by_chance_is_blamed_at_the_call_giving_it(case):
    template, name, wrong, _, shape, changed = CASES[case]
    source = template.replace(name, wrong)
    (error,) = _errors(source, shape)
    assert (error.code, error.span.line) == ("CL103", line_of(source, changed))
    if case == "inverted":  # (the argument, not the whole call)
        assert error.span.column == source.splitlines()[error.span.line - 1].index("32") + 1


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_blocks_given_the_right_width_are_clean(case):
    template, name, _, right, shape, _ = CASES[case]
    assert _errors(template.replace(name, right), shape) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_torch_refuses_the_wrong_width_and_runs_the_right_one(case):
    torch = pytest.importorskip("torch")
    template, name, wrong, right, shape, _ = CASES[case]
    for value, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(template.replace(name, value), "model.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="channels"):
                namespace["Net"]()(torch.zeros(*shape))
        else:
            namespace["Net"]()(torch.zeros(*shape))
