"""A recurrent or linear layer's count read from a local computed for it on a line of its own
(`rnn_in = cfg[0]` where the last entry of cfg arrives) is reported at that assignment also where
a name a loop left bound (the loop's target, the running count `c = w` its body updates) holds
the count that arrives: what a loop leaves behind is no sign that the layer meant to read it
(pipeline._at_the_local_binding). A name bound outside any loop that holds it still keeps the
finding at the layer (tests/test_local_binding_blame.py). Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled
from tests.source_lines import line_of

RECOGNIZER = '''
import torch
import torch.nn as nn


class Rec(nn.Module):
    def __init__(self, cfg=(16, 32, 64), hidden=32):
        super().__init__()
        layers, c = [], 1
        for w in cfg:
            layers += [nn.Conv2d(c, w, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2)]
            c = w
        self.features = nn.Sequential(*layers)
        rnn_in = READ
        self.rnn = nn.LSTM(rnn_in, hidden, bidirectional=True)
        self.head = nn.Linear(2 * hidden, 10)

    def forward(self, x):
        y = self.features(x)
        y = nn.functional.max_pool2d(y, [y.size(2), 1])
        y = y.permute(2, 3, 0, 1)[0]
        return self.head(self.rnn(y)[0])
'''

STAGES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, stages=((2, 16), (2, 32), (1, 48))):
        super().__init__()
        in_channels, blocks = 3, []
        for count, width in stages:
            for _ in range(count):
                blocks += [nn.Conv2d(in_channels, width, 3, padding=1), nn.ReLU()]
                in_channels = width
            blocks.append(nn.MaxPool2d(2))
        self.body = nn.Sequential(*blocks)
        features = READ
        self.fc = nn.Linear(features, 10)

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))
'''


def _errors(source: str, shapes: dict) -> list[tuple]:
    return [(d.code, d.span.line) for d in lint_text(source, "rec.py", Settings(input_shapes=shapes)).diagnostics
            if d.severity == "error"]


def _output(source: str, model: str, shape: tuple):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "rec.py", "exec"), namespace)
    return namespace[model]()(torch.zeros(*shape))


@pytest.mark.parametrize("source, model, shape, wrong, right, code", [
    (RECOGNIZER, "Rec", (2, 1, 32, 64), "cfg[0]", "cfg[-1]", "CL109"),
    (STAGES, "Net", (2, 3, 32, 32), "stages[0][1]", "stages[-1][1]", "CL101"),
], ids=["lstm-after-a-conv-loop", "linear-after-a-stage-loop"])
def test_a_local_computed_wrong_is_blamed_at_its_line_though_a_loop_left_the_count_bound(
        source, model, shape, wrong, right, code):
    broken, fixed = filled(source, {"READ": wrong}), filled(source, {"READ": right})
    with pytest.raises(RuntimeError):
        _output(broken, model, shape)
    _output(fixed, model, shape)
    line = line_of(broken, f"= {wrong}")
    assert _errors(broken, {model: shape}) == [(code, line)]
    assert _errors(fixed, {model: shape}) == []
