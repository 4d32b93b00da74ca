"""A training script that rebinds its model variable in an if statement before feeding it data
(`model = SmallNet()` then `if name == 'wide': model = WideNet()`, the loop of a script comparing
models): the data reaches each model on the path that binds it, so its size is each one's input,
and a head counted for another size is an error at its line, as torch refuses it. A branch that
changes the model in place (`model.fc = ...`) makes no other model. Each claim is checked against
torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

MODELS = '''
import torch
import torch.nn as nn


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * SMALL * SMALL, 2)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv(x))).flatten(1))


class WideNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 5, padding=2)
        self.fc = nn.Linear(16 * WIDE * WIDE, 2)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).flatten(1))
'''

LOOP = MODELS + '''

batch = torch.randn(4, 3, 20, 20)
for name in ['small', 'wide']:
    model = SmallNet()
    if name == 'wide':
        model = WideNet()
    for step in range(3):
        out = model(batch)
'''

ELSE_UNKNOWN = MODELS + '''
import sys

batch = torch.randn(4, 3, 20, 20)
if len(sys.argv) > 1:
    model = torch.load(sys.argv[1])
elif sys.argv[0] == 'wide':
    model = WideNet()
else:
    model = SmallNet()
out = model(batch)
'''

CHANGED = MODELS + '''
import sys

batch = torch.randn(4, 3, 20, 20)
model = SmallNet()
if len(sys.argv) > 1:
    model.fc = nn.Linear(8 * 9 * 9, 2)
out = model(batch)
'''

RIGHT = {"SMALL": "9", "WIDE": "20"}
SMALL_WRONG = {"SMALL": "10", "WIDE": "20"}  # counted for 22x22 images
WIDE_WRONG = {"SMALL": "9", "WIDE": "16"}


def _filled(source: str, values: dict) -> str:
    for name, value in values.items():
        source = source.replace(name, value)
    return source


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "train.py", Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("script", [LOOP, ELSE_UNKNOWN])
@pytest.mark.parametrize("values, line", [(SMALL_WRONG, "8 * 10 * 10"), (WIDE_WRONG, "16 * 16 * 16")])
def test_each_model_the_name_may_hold_takes_the_size_fed(script, values, line):
    source = _filled(script, values)
    errors = _errors(source)
    assert [(d.code, d.span.line) for d in errors] == [("CL101", line_of(source, line))]
    assert "20x20" in errors[0].message or "4x3x20x20" in errors[0].message


@pytest.mark.parametrize("script", [LOOP, ELSE_UNKNOWN])
def test_the_right_models_are_clean(script):
    assert _errors(_filled(script, RIGHT)) == []


def test_a_model_changed_in_place_on_one_path_is_no_other_model():
    """Without the change SmallNet's head (counted for 22x22) refuses the batch; the branch fixes it.
    The name may hold the model as changed: no size is taken for it."""
    assert _errors(_filled(CHANGED, SMALL_WRONG)) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for values, wrong in ((RIGHT, None), (SMALL_WRONG, "SmallNet"), (WIDE_WRONG, "WideNet")):
        namespace: dict = {}
        exec(compile(_filled(MODELS, values), "models.py", "exec"), namespace)
        for name in ("SmallNet", "WideNet"):
            model = namespace[name]().eval()
            if name == wrong:
                with pytest.raises(RuntimeError):
                    model(torch.zeros(4, 3, 20, 20))
            else:
                model(torch.zeros(4, 3, 20, 20))
