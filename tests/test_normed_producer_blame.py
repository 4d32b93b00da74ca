"""A conv followed by a BatchNorm sized from the same count is one producer: where a residual add
breaks on the channels such a pair gives (a conv-BN helper built as `conv(n_feats, n_feats * 2,
3, BN=True)`, an inline `nn.Sequential(nn.Conv2d(c, 2 * c, 3), nn.BatchNorm2d(2 * c))`), the pair
given the other operand's width, norm and all, is the trial edit, so the finding moves to the
conv's count (or the call passing it) as it does for a bare conv. A norm agreeing with the wrong
conv is no sign the width is right; a line building several widths (a bottleneck's `planes * 2`
in stages of other planes) scales each norm with its conv. Two such pairs either of which given
the other's width runs the model keep the finding at the add. Each bug fails in torch; each fix runs, with every module's
shape equal to torch's."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes

# a super-resolution generator: a conv(-BN)(-act) helper, a residual trunk, a global skip
HELPER = '''
import torch
import torch.nn as nn


class conv(nn.Module):
    def __init__(self, in_channel, out_channel, kernel_size, BN=False, act=None):
        super().__init__()
        m = [nn.Conv2d(in_channel, out_channel, kernel_size, padding=kernel_size // 2)]
        if BN:
            m.append(nn.BatchNorm2d(out_channel))
        if act is not None:
            m.append(act)
        self.body = nn.Sequential(*m)

    def forward(self, x):
        return self.body(x)


class Net(nn.Module):
    def __init__(self, n_feats=16):
        super().__init__()
        self.conv01 = conv(3, n_feats, 9, act=nn.PReLU())
        self.body = nn.Sequential(*[conv(n_feats, n_feats, 3, BN=True) for _ in range(2)])
        self.conv02 = conv(n_feats, WIDTH, 3, BN=NORMED)
        self.tail = conv(n_feats, 3, 3)

    def forward(self, x):
        x = self.conv01(x)
        skip = x
        x = self.conv02(self.body(x))
        return self.tail(x + skip)
'''

INLINE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.head = nn.Conv2d(3, c, 3, padding=1)
        self.body = nn.Sequential(nn.Conv2d(c, WIDTH, 3, padding=1), nn.BatchNorm2d(WIDTH), nn.ReLU())
        self.tail = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        return self.tail(x + self.body(x))
'''

# a bottleneck's last conv and bn3 written for an expansion of 2 in a net of expansion 4: the line
# builds 32 and 64 in two stages, so the trial gives each instance (and its norm) twice its width
BOTTLENECK = '''
import torch.nn as nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * EXPANSION, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * EXPANSION)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        return self.relu(out + identity)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inplanes = 16
        self.stem = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.layer1 = self._make_layer(8, 2)
        self.layer2 = self._make_layer(16, 2, stride=2)

    def _make_layer(self, planes, blocks, stride=1):
        downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes * Bottleneck.expansion, 1, stride, bias=False),
                                   nn.BatchNorm2d(planes * Bottleneck.expansion))
        layers = [Bottleneck(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * Bottleneck.expansion
        for _ in range(1, blocks):
            layers.append(Bottleneck(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.layer2(self.layer1(self.stem(x)))
'''

# two branches, each a conv and its norm: either given the other's width runs the model
TWO_PAIRS = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16))
        self.b = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32))

    def forward(self, x):
        return self.a(x) + self.b(x)
'''

SIZE = (2, 3, 16, 16)


def _errors(source: str, settings: Settings | None = None) -> set:
    return {(d.code, d.span.line, d.span.column) for d in lint_text(source, "net.py", settings or Settings()).diagnostics
            if d.severity == "error"}


def _at(source: str, text: str) -> tuple[int, int]:
    """(line, column) of `text` in the source, 1-based."""
    line = next(n for n, written in enumerate(source.splitlines(), 1) if text in written)
    return line, source.splitlines()[line - 1].index(text) + 1


@pytest.mark.parametrize("normed", ["True", "False"])
def test_the_width_a_call_passes_to_a_conv_bn_helper_is_blamed(normed):
    """`conv(n_feats, n_feats * 2, 3, BN=True)`: the helper's conv and norm both read out_channel;
    given n_feats they run the model: the call's argument is reported, with or without the norm."""
    source = filled(HELPER, {"WIDTH": "n_feats * 2", "NORMED": normed})
    line, column = _at(source, "n_feats * 2")
    assert _errors(source) == {("CL107", line, column)}
    (finding,) = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert "takes its out_channels from this call: passing 16 makes it run" in finding.message
    assert _at(source, "x + skip")[0] in [r.line for r in finding.related]


def test_a_conv_and_its_norm_on_one_line_are_blamed_at_the_conv():
    source = filled(INLINE, {"WIDTH": "2 * c"})
    line, column = _at(source, "nn.Conv2d(c, 2 * c")
    assert _errors(source) == {("CL107", line, column)}
    (finding,) = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert "given out_channels=16, its norm body.1 alike, makes it run" in finding.message


def test_a_bottleneck_expansion_its_norm_shares_is_blamed_at_the_conv():
    source = filled(BOTTLENECK, {"EXPANSION": "2"})
    line, column = _at(source, "nn.Conv2d(planes, planes * 2")
    assert _errors(source) == {("CL107", line, column)}
    assert _errors(source, Settings(input_shapes={"Net": SIZE})) == {("CL107", line, column)}


def test_the_bottleneck_of_expansion_4_is_clean():
    """(its ReLU runs thrice per block: torch's hooks keep the first shape, so only the run is checked)"""
    source = filled(BOTTLENECK, {"EXPANSION": "4"})
    assert _errors(source) == set()
    assert module_shapes(built(source, "net.py"), SIZE)["layer2"] == (2, 64, 8, 8)


def test_two_pairs_either_of_which_fits_keep_the_finding_at_the_add():
    line, column = _at(TWO_PAIRS, "self.a(x) + self.b(x)")
    assert _errors(TWO_PAIRS) == {("CL107", line, column)}
    assert _errors(TWO_PAIRS, Settings(input_shapes={"Net": SIZE})) == {("CL107", line, column)}


@pytest.mark.parametrize("source", [filled(HELPER, {"WIDTH": "n_feats", "NORMED": "True"}),
                                    filled(HELPER, {"WIDTH": "n_feats", "NORMED": "False"}),
                                    filled(INLINE, {"WIDTH": "c"})])
def test_the_fixed_models_are_clean_and_shaped_as_torch(source):
    assert _errors(source) == set()
    assert_shapes_equal_torch(source, SIZE, "net.py")


def test_torch_refuses_each_bug():
    pytest.importorskip("torch")
    for source in (filled(HELPER, {"WIDTH": "n_feats * 2", "NORMED": "True"}),
                   filled(HELPER, {"WIDTH": "n_feats * 2", "NORMED": "False"}),
                   filled(INLINE, {"WIDTH": "2 * c"}), filled(BOTTLENECK, {"EXPANSION": "2"}), TWO_PAIRS):
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            module_shapes(built(source, "net.py"), SIZE)
