"""A recurrent layer's input_size computed as channels x height, the height on a line of its own
(`out_h = img_h // 8` then `rnn_in = 64 * out_h`, or `self.feature_height = height // 4` then
`self.size = filters[-1] * self.feature_height`), where the map flattened for the layer is C x H
and the height formula misses H: reported at the height's line, the layer related
(pipeline._at_the_formula_factor). Where the channel factor is the wrong one, the finding is not
moved there. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled
from tests.source_lines import line_of

ATTRIBUTES = '''
import torch
import torch.nn as nn


class HTR(nn.Module):
    def __init__(self, filters=(32, 64, 128), height=32, hidden=64):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, filters[0], 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(filters[0], filters[1], 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(filters[1], filters[2], 3, padding=1), nn.ReLU(), nn.MaxPool2d((2, 1), (2, 1)),
        )
        self.feature_height = HEIGHT
        self.cnn_output_size = CHANNELS * self.feature_height
        self.rnn = nn.LSTM(input_size=self.cnn_output_size, hidden_size=hidden, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(2 * hidden, 10)

    def forward(self, x):
        x = self.cnn(x)
        x = x.permute(0, 3, 1, 2)
        b, w, c, h = x.size()
        x = x.reshape(b, w, c * h)
        return self.fc(self.rnn(x)[0])
'''

LOCALS = '''
import torch
import torch.nn as nn


class CRNN(nn.Module):
    def __init__(self, in_channel=1, num_classes=11, height=32):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(in_channel, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=(2, 1), padding=1), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride=(2, 1), padding=1), nn.ReLU(),
            nn.Conv2d(64, 64, 2, stride=1, padding=0), nn.ReLU(),
        )
        out_height = HEIGHT
        rnn_input_size = CHANNELS * out_height
        rnn_hidden_size = rnn_input_size // 2
        self.rnn = nn.GRU(input_size=rnn_input_size, hidden_size=rnn_hidden_size, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(in_features=rnn_input_size, out_features=num_classes)

    def forward(self, x):
        x = self.cnn(x)
        x = x.permute(0, 3, 1, 2).contiguous()
        x = x.view(x.size(0), x.size(1), -1)
        x, _ = self.rnn(x)
        return self.fc(x)
'''

CASES = [
    (ATTRIBUTES, "HTR", (2, 1, 32, 128), {"HEIGHT": "height // 8", "CHANNELS": "filters[2]"},
     {"HEIGHT": "height // 4"}, {"CHANNELS": "filters[1]"}, "self.feature_height ="),
    (ATTRIBUTES, "HTR", (2, 1, 32, 128), {"HEIGHT": "height // 8", "CHANNELS": "128"},
     {"HEIGHT": "height // 4"}, {"CHANNELS": "64"}, "self.feature_height ="),
    (LOCALS, "CRNN", (2, 1, 32, 160), {"HEIGHT": "height // 2 // 2 // 2 - 1", "CHANNELS": "64"},
     {"HEIGHT": "height // 2 // 2 // 2"}, {"CHANNELS": "32"}, "out_height ="),
]


def _errors(source: str, model: str, shape: tuple) -> list:
    return [d for d in lint_text(source, "ocr.py", Settings(input_shapes={model: shape})).diagnostics
            if d.severity == "error"]


def _output(source: str, model: str, shape: tuple):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "ocr.py", "exec"), namespace)
    return namespace[model]()(torch.zeros(*shape))


@pytest.mark.parametrize("source, model, shape, right, height_wrong, channels_wrong, height_line", CASES,
                         ids=["attributes-no-number-in-the-product", "attributes", "locals-shared-by-a-linear"])
def test_a_height_formula_that_misses_the_map_is_blamed_at_its_line_not_the_channel_factor(
        source, model, shape, right, height_wrong, channels_wrong, height_line):
    fixed = filled(source, right)
    _output(fixed, model, shape)
    assert _errors(fixed, model, shape) == []
    broken = filled(source, {**right, **height_wrong})
    with pytest.raises(RuntimeError, match="input_size"):
        _output(broken, model, shape)
    errors = _errors(broken, model, shape)
    line = line_of(broken, height_line)
    assert [(d.code, d.span.line) for d in errors] == [("CL109", line)]
    assert line_of(broken, "self.rnn = nn.") in [r.line for r in errors[0].related]
    assert "computed on line" in errors[0].message
    # (the channel factor wrong, the height right: not moved to the height's line)
    other = filled(source, {**right, **channels_wrong})
    with pytest.raises(RuntimeError, match="input_size"):
        _output(other, model, shape)
    lines = [d.span.line for d in _errors(other, model, shape)]
    assert lines and line_of(other, height_line) not in lines
