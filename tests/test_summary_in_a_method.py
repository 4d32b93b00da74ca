"""The input size a model's own method hands torchsummary or torchinfo with the model itself
(`summary(self, (1, 32, 32))`, `summary(self, self.model_input_dim)` of an attribute a base
class's __init__ builds from what the subclass passes up): with no size given, convlint runs the
model on it. Checked against torch (torchsummary stood in for: the method is never called)."""

from __future__ import annotations

import sys
import types

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, filled


@pytest.fixture(autouse=True)
def _torchsummary(monkeypatch):
    monkeypatch.setitem(sys.modules, "torchsummary", types.SimpleNamespace(summary=lambda *a, **k: None))


PASSED_UP = '''
import torch
import torch.nn as nn
from torchsummary import summary


class Model(nn.Module):
    def __init__(self, input_hw):
        super().__init__()
        self.model_input_dim = (1, input_hw[0], input_hw[1])

    def print_architecture(self):
        summary(self, self.model_input_dim, device="cpu")


class Net(Model):
    def __init__(self):
        super().__init__((32, 32))
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * SIDE * SIDE, 120)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        return self.fc(x.reshape(x.size(0), -1))
'''

OWN = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(8 * SIDE * SIDE, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))

    def show(self):
        CALL
'''


def _summarised(result) -> list:
    return [m for m in result.models if m.input_source is not None
            and m.input_source.kind in ("torchsummary", "torchinfo")]


def test_an_attribute_a_base_builds_from_the_subclass_literal_gives_the_input():
    line = line_of(PASSED_UP, "nn.Linear(16 * SIDE")
    clean = assert_bug_found_at_its_line(PASSED_UP, {"SIDE": "5"}, {"SIDE": "4"}, (2, 1, 32, 32), line, "CL101",
                                         "passed_up.py")
    (model,) = [m for m in _summarised(clean) if m.name == "Net"]
    assert tuple(model.input_shape.dims[1:]) == (1, 32, 32)
    assert model.input_source.line == line_of(PASSED_UP, "summary(self, self.model_input_dim")


@pytest.mark.parametrize("call", [
    "from torchsummary import summary\n        summary(self, (1, 28, 28))",
    "from torchsummary import summary\n        summary(self, input_size=[(1, 28, 28)], device='cpu')",
    "import torchinfo\n        torchinfo.summary(self, (2, 1, 28, 28))",
    "from torchinfo import summary\n        return summary(self, input_size=[2, 1, 28, 28])",
    "from torchsummary import summary\n        summary(Net, (1, 28, 28))",  # the class itself, in its __str__ say
])
def test_a_literal_size_in_the_model_s_own_method_gives_the_input(call):
    source = OWN.replace("CALL", call)
    line = line_of(source, "nn.Linear(8 * SIDE")
    clean = assert_bug_found_at_its_line(source, {"SIDE": "26"}, {"SIDE": "28"}, (2, 1, 28, 28), line, "CL101",
                                         "own.py")
    (model,) = _summarised(clean)
    assert tuple(model.input_shape.dims[1:]) == (1, 28, 28)


@pytest.mark.parametrize("call", [
    "from torchsummary import summary\n        summary(self, [1, 28, 28])",  # a list of ints: not one size there
    "from torchinfo import summary\n        summary(self, (1, 28, 28), batch_dim=0)",  # adds a batch dim of its own
    "from torchsummary import summary\n        summary(other, (1, 28, 28))",
    "from somewhere import summary\n        summary(self, (1, 28, 28))",
])
def test_what_is_not_a_summary_of_the_model_at_a_size_gives_none(call):
    source = filled(OWN.replace("CALL", call), {"SIDE": "28"})
    result = lint_text(source, "own.py", Settings())
    assert _summarised(result) == []
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_a_literal_size_in_a_base_class_s_method_says_nothing_of_a_subclass():
    """Written for another of its subclasses, perhaps: only an attribute is the built model's own."""
    source = '''
import torch
import torch.nn as nn
from torchsummary import summary


class Base(nn.Module):
    def show(self):
        summary(self, (3, 64, 64))


class Net(Base):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(8 * 26 * 26, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))
'''
    result = lint_text(source, "base.py", Settings())
    assert [m.name for m in _summarised(result)] == ["Base"]
    assert not [d for d in result.diagnostics if d.severity == "error"]
