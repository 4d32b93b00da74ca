"""A head fed `squeeze()` of a pooled map: the pool's window left smaller than the map leaves
C x 2 x 2, squeeze() keeps the sides, and the Linear taking C features reads the last side of 2.
The pool is the line to change (a window of the whole map leaves 1 x 1, which squeeze() drops),
as it is where `view(n, -1)` flattens the same map (a DenseNet head of old CIFAR code)."""

from __future__ import annotations

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line

FUNCTIONAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 24, 3, padding=1)
        self.down = nn.MaxPool2d(2)
        self.bn = nn.BatchNorm2d(24)
        self.fc = nn.Linear(24, 10)

    def forward(self, x):
        out = self.down(self.down(self.conv(x)))
        out = SQUEEZED
        return self.fc(out)


if __name__ == "__main__":
    print(Net()(torch.randn(4, 3, 32, 32)).shape)
'''

MODULE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 24, 3, padding=1), nn.MaxPool2d(2), nn.MaxPool2d(2))
        self.pool = nn.AvgPool2d(WINDOW)
        self.fc = nn.Linear(24, 10)

    def forward(self, x):
        return self.fc(self.pool(self.features(x)).squeeze())


if __name__ == "__main__":
    print(Net()(torch.randn(4, 3, 32, 32)).shape)
'''


@pytest.mark.parametrize("form", [
    "torch.squeeze(F.avg_pool2d(F.relu(self.bn(out)), WINDOW))",
    "F.avg_pool2d(F.relu(self.bn(out)), WINDOW).squeeze()",
    "torch.squeeze(F.max_pool2d(out, WINDOW))",
])
def test_a_functional_pool_too_small_for_the_map_before_squeeze_is_blamed(form):
    source = FUNCTIONAL.replace("SQUEEZED", form)
    line = line_of(source, "out = " + form.split("(")[0])
    assert_bug_found_at_its_line(source, {"WINDOW": "8"}, {"WINDOW": "4"}, (4, 3, 32, 32), line, "CL101",
                                 "squeezed.py")


def test_a_pool_module_too_small_for_the_map_before_squeeze_is_blamed_where_its_window_is_written():
    assert_bug_found_at_its_line(MODULE, {"WINDOW": "8"}, {"WINDOW": "2"}, (4, 3, 32, 32),
                                 line_of(MODULE, "nn.AvgPool2d(WINDOW)"), "CL101", "squeezed.py")


def test_a_head_that_is_wrong_whatever_the_window_stays_at_the_linear():
    """The pool leaves the 24 channels the map has; a Linear(32) fits no window: it is the Linear."""
    source = FUNCTIONAL.replace("SQUEEZED", "torch.squeeze(F.avg_pool2d(out, WINDOW))")
    assert_bug_found_at_its_line(source.replace("nn.Linear(24, 10)", "nn.Linear(FEATURES, 10)"),
                                 {"WINDOW": "8", "FEATURES": "24"}, {"WINDOW": "8", "FEATURES": "32"},
                                 (4, 3, 32, 32), line_of(source, "nn.Linear(24, 10)"), "CL101", "squeezed.py")
