"""An input the code copies before feeding it (`copy.deepcopy(data)`, `copy.copy(data)`, beside
`.clone()`, `.to(device)`, `.float()`) keeps its size: the model is checked on it."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

torch = pytest.importorskip("torch")

# a GRU sized by hand from the height the constructor is told (32), fed a 48-tall input
MODEL = '''
import copy
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, height):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, 2, 1)
        self.rnn = nn.GRU(8 * (height // 2), 16, batch_first=True)

    def forward(self, x):
        x = self.conv(x).permute(0, 3, 1, 2)
        x = x.reshape(x.size(0), x.size(1), -1)
        return self.rnn(x)[0]


def run(data, model):
    return model(data)


data = torch.randn(4, 1, HEIGHT, 64)
model = Net(height=32)
run(COPY, model)
'''


def _errors(source):
    return {(d.code, d.span.line) for d in lint_text(source, "copied.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("copy", ["copy.deepcopy(data)", "copy.copy(data)", "data.clone()", "data.to('cpu')",
                                  "data.float()", "data.detach()"])
def test_a_copied_input_keeps_its_size(copy):
    wrong = filled(MODEL, {"HEIGHT": "48", "COPY": copy})
    with pytest.raises(RuntimeError, match="input_size"):
        exec(compile(wrong, "copied.py", "exec"), {})
    assert _errors(wrong) == {("CL109", 11)}
    right = filled(MODEL, {"HEIGHT": "32", "COPY": copy})
    exec(compile(right, "copied.py", "exec"), {})
    assert _errors(right) == set()


def test_a_copied_model_is_the_model():
    # (an EMA copy fed the data: the same class, built alike)
    source = filled(MODEL, {"HEIGHT": "48", "run(COPY, model)": "ema = copy.deepcopy(model)\nema(data)"})
    with pytest.raises(RuntimeError, match="input_size"):
        exec(compile(source, "copied.py", "exec"), {})
    assert _errors(source) == {("CL109", 11)}
