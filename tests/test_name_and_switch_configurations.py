"""A model built with each of the five names its constructor compares an argument with, and a neck
switched on by another (`if neck == 'bn': self.bn = nn.BatchNorm1d(16)`, called in forward under
the same test): every name is tried with either side of the switch, so a norm sized for some
names' trunks is an error with a name and the switch that torch refuses, and the norm sized
from the trunk is clean. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

NAME = "name_and_switch.py"
SOURCE = '''\
import torch.nn as nn


class Trunk(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, 2, 1)

    def forward(self, x):
        return self.conv(x)


class Head(nn.Module):
    def __init__(self, num_classes, neck, name):
        super().__init__()
        self.planes = 64
        if name == 'a':
            self.planes = 16
            self.base = Trunk(16)
        elif name == 'b':
            self.planes = 16
            self.base = Trunk(16)
        elif name == 'c':
            self.base = Trunk(64)
        elif name == 'd':
            self.base = Trunk(64)
        elif name == 'e':
            self.base = Trunk(64)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.neck = neck
        if self.neck == 'no':
            self.fc = nn.Linear(self.planes, num_classes)
        elif self.neck == 'bn':
            self.bn = nn.BatchNorm1d(BN_WIDTH)
            self.fc = nn.Linear(self.planes, num_classes)

    def forward(self, x):
        f = self.gap(self.base(x)).flatten(1)
        if self.neck == 'bn':
            f = self.bn(f)
        return self.fc(f)
'''
NAMES = "abcde"
BN_LINE = next(i for i, text in enumerate(SOURCE.splitlines(), 1) if "BN_WIDTH" in text)


def _runs(source: str, name: str, neck: str) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "switch_case"}
    exec(compile(source, NAME, "exec"), namespace)
    try:
        namespace["Head"](10, neck, name).eval()(torch.zeros(2, 3, 16, 16))
    except RuntimeError:
        return False
    return True


def test_a_norm_sized_for_the_small_trunks_is_an_error_with_a_name_torch_refuses():
    source = SOURCE.replace("BN_WIDTH", "16")
    assert [_runs(source, name, "bn") for name in NAMES] == [True, True, False, False, False]
    assert all(_runs(source, name, "no") for name in NAMES)
    errors = [d for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL104", BN_LINE)]
    assert "neck='bn'" in errors[0].message
    assert any(f"name='{name}'" in errors[0].message for name in "cde")


def test_the_norm_sized_from_the_trunk_is_clean():
    source = SOURCE.replace("BN_WIDTH", "self.planes")
    assert all(_runs(source, name, neck) for name in NAMES for neck in ("no", "bn"))
    assert [d for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"] == []
