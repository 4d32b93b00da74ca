"""A forward() that raises unless its input has a given size (`if tuple(x.shape[1:]) != (3,
*self.image_size): raise ValueError(...)`) states the input size as an assert does: with no size
given, convlint runs the model on it. Checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

GUARDED = '''
import torch
from torch import nn


class Net(nn.Module):
    image_size = (66, 200)

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 24, 5, stride=2), nn.ELU(),
            nn.Conv2d(24, 36, 5, stride=2), nn.ELU(),
            nn.Conv2d(36, 48, 5, stride=2), nn.ELU(),
            nn.Conv2d(48, 64, 3), nn.ELU(),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(64 * FEATURES, 10))

    def forward(self, images):
        if images.ndim != 4 or tuple(images.shape[1:]) != (3, *self.image_size):
            raise ValueError(f"expected (batch, 3, 66, 200), got {tuple(images.shape)}")
        return self.head(self.features(images))
'''

SIDES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 5)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * SIDE * SIDE, 10)

    def forward(self, x):
        GUARD
            raise RuntimeError("28x28 digits only")
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''


def _asserted(result) -> list:
    return [m for m in result.models if m.input_source is not None and m.input_source.kind == "assert"]


def test_a_guard_on_a_starred_class_attribute_gives_the_input():
    line = line_of(GUARDED, "nn.Linear(64 * FEATURES")
    clean = assert_bug_found_at_its_line(GUARDED, {"FEATURES": "3 * 20"}, {"FEATURES": "4 * 20"},
                                         (2, 3, 66, 200), line, "CL101", "guarded.py")
    (model,) = _asserted(clean)
    assert model.input_source.line == line_of(GUARDED, "if images.ndim")
    assert tuple(model.input_shape.dims[1:]) == (3, 66, 200)
    assert_shapes_equal_torch(filled(GUARDED, {"FEATURES": "3 * 20"}), (2, 3, 66, 200), "guarded.py")


@pytest.mark.parametrize("guard", [
    "if x.shape[-2:] != (28, 28):",
    "if x.size()[2:] != (28, 28):",
    "if not x.shape[1:] == (1, 28, 28):",
    "if x.dim() != 4 or x.size(2) != 28 or x.size(3) != 28:",
    "if list(x.shape[2:]) != [28, 28]:",
])
def test_each_spelling_of_a_refusing_guard_gives_the_input(guard):
    source = SIDES.replace("GUARD", guard)
    line = line_of(source, "nn.Linear(8 * SIDE")
    clean = assert_bug_found_at_its_line(source, {"SIDE": "12"}, {"SIDE": "13"}, (2, 1, 28, 28), line, "CL101",
                                         "sides.py")
    (model,) = _asserted(clean)
    assert model.input_shape.dims[-2:] == (28, 28)


@pytest.mark.parametrize("guard", [
    "if x.shape[-2:] != (28, 28) and x.shape[0] > 1:",  # false for a batch of 1 of any size
    "if x.shape[-2:] == (28, 28):",                   # raises on 28x28: says nothing of the others
    "if list(x.shape[2:]) != (28, 28):",              # a list never equals a tuple: raises always
    "if x.shape[-2:] != (28, 28):\n            print('resized')\n        if False:",
])
def test_a_guard_that_does_not_pin_the_size_gives_none(guard):
    source = filled(SIDES.replace("GUARD", guard), {"SIDE": "13"})
    result = lint_text(source, "sides.py", Settings())
    assert _asserted(result) == []
    assert not [d for d in result.diagnostics if d.severity == "error"]
