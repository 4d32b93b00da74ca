"""A width finding the call-site rules move to the call building a block goes back into the
block's body where the call's edit, in the block it builds, leaves the model failing and one edit
of the body runs it clean at every instance: a conv reading `out_channels` where the block's own
`in_channels` (read nowhere) holds what arrives, or a dense layer's conv giving out `2 * growth`
so that every later layer is fed the same surplus. A count the call gets wrong, whose edit alone
runs the model, stays at the call. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

ENCODERS = '''
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=2):
        super().__init__()
        padding = (kernel_size - 1) // 2
        self.conv = nn.Conv2d(READ, out_channels, kernel_size, stride=stride, padding=padding)
        self.bn = nn.BatchNorm2d(out_channels)
        self.relu = nn.LeakyReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


class Net(nn.Module):
    def __init__(self, chans=(1, 16, 16, 32, 32)):
        super().__init__()
        self.encoders = nn.ModuleList()
        for i in range(len(chans) - 1):
            self.encoders.append(Encoder(chans[i], chans[i + 1]))

    def forward(self, x):
        for enc in self.encoders:
            x = enc(x)
        return x
'''

DENSE = '''
import torch
import torch.nn as nn


class NormReluConv(nn.Module):
    def __init__(self, cin, cout, k):
        super().__init__()
        self.seq = nn.Sequential(nn.InstanceNorm2d(cin, affine=True), nn.ReLU(), nn.ReflectionPad2d(k // 2),
                                 nn.Conv2d(cin, cout, k, 1, bias=False))

    def forward(self, x):
        return self.seq(x)


class DenseLayer(nn.Module):
    def __init__(self, cin, growth):
        super().__init__()
        self.conv1 = NormReluConv(cin, 4 * growth, 1)
        self.conv3 = NormReluConv(4 * growth, GROWN, 3)

    def forward(self, x):
        return torch.cat((x, self.conv3(self.conv1(x))), 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, padding=1)
        self.dense = nn.Sequential(DenseLayer(64, 16), DenseLayer(SECOND, 16),
                                   DenseLayer(96, 16), DenseLayer(112, 16))
        self.head = nn.Conv2d(128, 3, 3, padding=1)

    def forward(self, x):
        return self.head(self.dense(self.stem(x)))
'''

ENCODER_BUG = {"READ": "out_channels"}
ENCODER_RIGHT = {"READ": "in_channels"}
DENSE_BUG = {"GROWN": "2 * growth", "SECOND": "80"}
DENSE_RIGHT = {"GROWN": "growth", "SECOND": "80"}
DENSE_CALL_BUG = {"GROWN": "growth", "SECOND": "88"}


def _source(template: str, values: dict) -> str:
    for name, value in values.items():
        template = template.replace(name, value)
    return template


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def test_a_block_line_reading_the_wrong_parameter_is_blamed_at_that_line():
    source = _source(ENCODERS, ENCODER_BUG)
    errors = _errors(source)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "nn.Conv2d(out_channels"))]
    assert "16 is what another argument of the block's call holds" in errors[0].message


def test_a_dense_layer_giving_out_too_many_channels_is_blamed_at_its_body_line():
    source = _source(DENSE, DENSE_BUG)
    errors = _errors(source)
    line = line_of(source, "2 * growth, 3")
    assert errors and all(d.span.line == line for d in errors)
    assert source.splitlines()[line - 1][errors[0].span.column - 1:].startswith("2 * growth")
    assert errors[0].fix == "Make this width 16 smaller"


def test_a_count_the_call_gets_wrong_stays_at_the_call():
    """DenseLayer(88, 16) where 80 arrive: the call given 80 runs the model; it stays blamed."""
    source = _source(DENSE, DENSE_CALL_BUG)
    errors = _errors(source)
    assert errors and all(d.span.line == line_of(source, "DenseLayer(88") for d in errors)


@pytest.mark.parametrize("template, values", [(ENCODERS, ENCODER_RIGHT), (DENSE, DENSE_RIGHT)])
def test_the_right_variants_are_clean(template, values):
    assert _errors(_source(template, values)) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for template, values, shape, fails in ((ENCODERS, ENCODER_BUG, (1, 1, 32, 32), True),
                                           (ENCODERS, ENCODER_RIGHT, (1, 1, 32, 32), False),
                                           (DENSE, DENSE_BUG, (1, 3, 16, 16), True),
                                           (DENSE, DENSE_CALL_BUG, (1, 3, 16, 16), True),
                                           (DENSE, DENSE_RIGHT, (1, 3, 16, 16), False)):
        namespace: dict = {}
        exec(compile(_source(template, values), "net.py", "exec"), namespace)
        if fails:
            with pytest.raises((RuntimeError, ValueError)):
                namespace["Net"]()(torch.zeros(*shape))
        else:
            namespace["Net"]()(torch.zeros(*shape))
    # the call's edit the finding asked for (Encoder given 16 for chans[i + 1]) stops the next block
    namespace = {}
    exec(compile(_source(ENCODERS, ENCODER_BUG).replace("(1, 16, 16, 32, 32)", "(1, 16, 16, 16, 32)"), "net.py",
                 "exec"), namespace)
    with pytest.raises((RuntimeError, ValueError)):
        namespace["Net"]()(torch.zeros(1, 1, 32, 32))
