"""Loops that fill a tensor one element at a time (FcaNet's DCT filters, `filt[c, i, j] = cos(...) *
cos(...)` over every channel and position; sinusoidal tables) change no shape: followed for their
first item, not the hundreds of thousands torch runs, so the model around them is checked. Each
case is checked against torch."""

from __future__ import annotations

import pytest

import convlint.evaluator.interpreter as interpreter
from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

torch = pytest.importorskip("torch")

# a budget the filling loop below passes many times over when run item by item (24 * 24 * 24 writes)
SMALL_BUDGET = 60_000

DCT = '''
import math
import torch
import torch.nn as nn


class DCTAttention(nn.Module):
    def __init__(self, channel, size):
        super(DCTAttention, self).__init__()
        self.register_buffer("weight", self.dct_filter(channel, size))
        self.fc = nn.Linear(channel, channel // 4)
        self.expand = nn.Linear(channel // 4, channel)

    def cosine(self, pos, freq, count):
        return math.cos(math.pi * freq * (pos + 0.5) / count) / math.sqrt(count)

    def dct_filter(self, channel, size):
        filt = torch.zeros(channel, size, size)
        for c in range(channel):
            for i in range(size):
                for j in range(size):
                    filt[c, i, j] = self.cosine(i, c % 7, size) * self.cosine(j, c % 5, size)
        return filt

    def forward(self, x):
        y = torch.sum(x * self.weight, dim=[2, 3])
        return x * self.expand(self.fc(y)).sigmoid()[:, :, None, None]


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv = nn.Conv2d(3, 24, 3, padding=1)
        self.att = DCTAttention(24, 24)
        self.head = nn.Linear(WIDTH, 10)

    def forward(self, x):
        x = self.att(self.conv(x))
        return self.head(x.mean((2, 3)))
'''


def test_a_loop_filling_a_tensor_is_followed_once_and_the_model_is_checked(monkeypatch):
    monkeypatch.setattr(interpreter, "MAX_STEPS", SMALL_BUDGET)
    assert_shapes_equal_torch(DCT.replace("WIDTH", "24"), (2, 3, 24, 24), "dct.py")
    assert_bug_found_at_its_line(DCT, {"WIDTH": "24"}, {"WIDTH": "48"}, (2, 3, 24, 24),
                                 line_of(DCT, "self.head = nn.Linear"), "CL101", "dct.py")


KNOWN_VALUES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        counts = torch.zeros(16, dtype=torch.long)
        for i in range(16):
            counts[i] = 2
        self.fc = nn.Linear(int(counts.sum()), 10)

    def forward(self, x):
        return self.fc(x)
'''


def test_the_values_a_filling_loop_writes_are_not_taken_from_its_first_item():
    # one pass writes counts[0] only: the sum is not 2, and not known
    assert_shapes_equal_torch(KNOWN_VALUES, (2, 32), "known_values.py")
    result = lint_text(KNOWN_VALUES, "known_values.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


LIST_BY_INDEX = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        blocks = [None] * 16
        widths = [3] + [8] * 16
        for i in range(16):
            blocks[i] = nn.Conv2d(widths[i], widths[i + 1], 3, padding=1)
        self.body = nn.Sequential(*blocks)
        self.bn = nn.BatchNorm2d(WIDTH)

    def forward(self, x):
        return self.bn(self.body(x))
'''


def test_a_list_filled_by_index_is_still_run_item_by_item():
    assert_shapes_equal_torch(LIST_BY_INDEX.replace("WIDTH", "8"), (1, 3, 8, 8), "by_index.py")
    assert_bug_found_at_its_line(LIST_BY_INDEX, {"WIDTH": "8"}, {"WIDTH": "3"}, (1, 3, 8, 8),
                                 line_of(LIST_BY_INDEX, "self.bn = nn.BatchNorm2d"), "CL104", "by_index.py")
