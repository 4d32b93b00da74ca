"""Where a width finding is anchored when the layer to change is made by a plain helper
(`def conv1x1(cin, cout): return nn.Conv2d(cin, cout, 1)`): at the helper's call (`self.conv3 =
conv1x1(planes, planes * 2)`), the helper's body being right for every other call; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes


def _line(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


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
    call = _line(source, "# the conv")
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
    call = _line(KEPT_WIDTH, "# the conv")
    errors = _errors(filled(KEPT_WIDTH, {"WIDTH": "dim // 2"}), "kept.py")
    assert {(d.code, d.span.line) for d in errors} == {("CL104", call), ("CL103", call)}
    assert all(f"b on line {call}" in d.message for d in errors)
