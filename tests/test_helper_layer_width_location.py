"""Where a width finding is anchored when the layer to change is made by a plain helper
(`def conv1x1(cin, cout): return nn.Conv2d(cin, cout, 1)`) or written beside the failing layer in
the same block: at the helper's call (`self.conv3 = conv1x1(planes, planes * 2)`), the helper's
body being right for every other call, and at the block's projection (`nn.Conv2d(hidden, inp)`
before `BatchNorm2d(oup)`), not at the call of the block (`Block(16, 24, 6)`), which is right;
against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes
from tests.source_lines import line_of


def _errors(source: str, filename: str) -> list:
    return [d for d in lint_text(source, filename, Settings()).diagnostics if d.severity == "error"]


def _torch_refuses_wrong_runs_right(source: str, right: dict, wrong: dict, size: tuple, filename: str, build=None):
    pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        module_shapes(built(filled(source, wrong), filename, build), size)
    module_shapes(built(filled(source, right), filename, build), size)


BOTTLENECK = '''
import torch
import torch.nn as nn


def conv1x1(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, kernel_size=1, stride=stride, bias=False)


class Bottle(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes):
        super().__init__()
        self.conv1 = conv1x1(inplanes, planes)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv3 = conv1x1(planes, planes * CONV)  # the conv
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)

    def forward(self, x):
        return self.bn3(self.conv3(torch.relu(self.bn1(self.conv1(x)))))
'''

NET = '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, padding=1)
        self.layer = Bottle(64, 64)

    def forward(self, x):
        return self.layer(self.stem(x))
'''


@pytest.mark.parametrize("with_model", [False, True])
def test_a_conv_off_the_declared_expansion_made_by_a_helper_is_blamed_at_the_helpers_call(with_model):
    source = BOTTLENECK + (NET if with_model else "")
    if with_model:
        _torch_refuses_wrong_runs_right(source, {"CONV": "4"}, {"CONV": "2"}, (2, 3, 8, 8), "bottle.py")
    else:
        _torch_refuses_wrong_runs_right(source, {"CONV": "4"}, {"CONV": "2"}, (2, 64, 8, 8), "bottle.py",
                                        build=lambda namespace: namespace["Bottle"](64, 64))
    assert not _errors(filled(source, {"CONV": "4"}), "bottle.py")
    call = line_of(source, "# the conv")
    (error,) = _errors(filled(source, {"CONV": "2"}), "bottle.py")  # (not again at the norm, as set to 128)
    assert (error.code, error.span.line) == ("CL104", call)
    assert f"conv3 on line {call} gives 2*planes" in error.message and error.fix == "Set out_channels to 4*planes"


KEPT_WIDTH = '''
import torch
import torch.nn as nn


def conv1x1(cin, cout):
    return nn.Conv2d(cin, cout, kernel_size=1, bias=False)


class Net(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.stem = nn.Conv2d(3, dim, 3, padding=1)
        self.a = conv1x1(dim, dim)
        self.bn_a = nn.BatchNorm2d(dim)
        self.b = conv1x1(dim, WIDTH)  # the conv
        self.bn_b = nn.BatchNorm2d(dim)
        self.c = conv1x1(dim, dim)
        self.bn_c = nn.BatchNorm2d(dim)

    def forward(self, x):
        x = self.bn_a(self.a(self.stem(x)))
        x = self.bn_b(self.b(x))
        return self.bn_c(self.c(x))
'''


def test_a_producer_made_by_a_helper_is_blamed_and_named_at_the_helpers_call():
    _torch_refuses_wrong_runs_right(KEPT_WIDTH, {"WIDTH": "dim"}, {"WIDTH": "dim // 2"}, (2, 3, 8, 8), "kept.py")
    assert not _errors(filled(KEPT_WIDTH, {"WIDTH": "dim"}), "kept.py")
    call = line_of(KEPT_WIDTH, "# the conv")
    errors = _errors(filled(KEPT_WIDTH, {"WIDTH": "dim // 2"}), "kept.py")
    assert {(d.code, d.span.line) for d in errors} == {("CL104", call), ("CL103", call)}
    assert all(f"b on line {call}" in d.message for d in errors)


INVERTED = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, inp, oup, expand):
        super().__init__()
        hidden = inp * expand
        self.use_res = inp == oup
        layers = []
        if expand != 1:
            layers.append(nn.Conv2d(inp, hidden, 1, bias=False))
        layers.extend([
            nn.Conv2d(hidden, hidden, 3, 1, 1, groups=hidden, bias=False),
            nn.Conv2d(hidden, PROJECT, 1, 1, 0, bias=False),  # the projection
            nn.BatchNorm2d(oup),
        ])
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.conv(x) if self.use_res else self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), BLOCKS)  # the calls

    def forward(self, x):
        return self.features(x)
'''


@pytest.mark.parametrize("blocks", [
    "Block(16, 24, 6), Block(24, 24, 6)",  # the second fits whichever of inp and oup it projects to
    "Block(16, 24, 6), Block(24, 32, 6)",
    "Block(16, 24, 6), Block(24, 24, 6), Block(24, 32, 6)",
])
def test_a_projection_giving_the_blocks_other_parameter_is_blamed_not_the_call_of_the_block(blocks):
    source = filled(INVERTED, {"BLOCKS": blocks})
    _torch_refuses_wrong_runs_right(source, {"PROJECT": "oup"}, {"PROJECT": "inp"}, (2, 3, 16, 16), "mobile.py")
    assert not _errors(filled(source, {"PROJECT": "oup"}), "mobile.py")
    errors = _errors(filled(source, {"PROJECT": "inp"}), "mobile.py")
    projection = line_of(source, "# the projection")
    assert ("CL104", projection) in {(d.code, d.span.line) for d in errors}
    assert not [d for d in errors if d.span.line == line_of(source, "# the calls")]
    (norm,) = [d for d in errors if d.code == "CL104"]
    assert norm.fix == "Set out_channels to oup"


SWAPPED = INVERTED.replace("nn.BatchNorm2d(oup)", "nn.BatchNorm2d(PROJECT)")


def test_a_call_passing_the_widths_in_the_wrong_order_is_still_blamed_at_the_call():
    """The block right (its projection and norm both read oup): `Block(24, 16, 6)` where 16
    channels arrive is the call to change, not the projection (the layer before the failing one
    is the stem, no layer of the block: no projection to blame)."""
    source = filled(SWAPPED, {"PROJECT": "oup"})
    right, wrong = ({"BLOCKS": "Block(16, 24, 6), Block(24, 24, 6)"},
                    {"BLOCKS": "Block(24, 16, 6), Block(24, 24, 6)"})
    _torch_refuses_wrong_runs_right(source, right, wrong, (2, 3, 16, 16), "mobile.py")
    assert not _errors(filled(source, right), "mobile.py")
    errors = _errors(filled(source, wrong), "mobile.py")
    (first,) = [d for d in errors if d.layer == "features.1.conv.0"]
    assert (first.code, first.span.line) == ("CL103", line_of(source, "# the calls"))
    assert not [d for d in errors if d.span.line == line_of(source, "# the projection")]
