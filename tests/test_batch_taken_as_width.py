"""A transpose or permute that moves the batch into the axis a conv, Linear or LSTM reads its width
from (`torch.transpose(x, 0, 2)` of a conv's N x C x L before nn.LSTM(C, batch_first=True)): with the
batch symbolic, N may equal the width, so nothing was refused, yet torch runs the model at that one
batch size only. It is reported at the transpose, as it is when the code feeds a batch of 2; a
model that moves the batch on purpose (batch and time swapped for an nn.LSTM without batch_first)
stays clean. Only a batch a layer has placed on dim 0 is known to be one: a turn of the input itself
(`input.transpose(0, 1)` first thing in forward) may be how the data comes, channels first (4 x N x
T x F), and is checked only at a size the code states."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

CHAR_CNN = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, alphabet=68):
        super().__init__()
        self.conv = nn.Conv1d(alphabet, 32, 7)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32, 14)

    def forward(self, x):
        x = TURN
        x = self.pool(torch.relu(self.conv(x)))
        return self.fc(x.flatten(1))
'''

RECURRENT = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 32, 9)
        self.pool = nn.MaxPool1d(4, 4)
        self.lstm = nn.LSTM(32, 16, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(32, 5)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x)))
        x = TURN
        x, _ = self.lstm(x)
        return self.fc(x[:, -1])
'''

LINEAR = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 16, 5)
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        x = self.conv(x)
        x = TURN
        return self.fc(x).mean(1)
'''

CASES = {
    "lstm after transpose": (RECURRENT, "torch.transpose(x, 1, 2)", "torch.transpose(x, 0, 2)", (2, 4, 100), 32,
                             "CL109"),
    "linear after transpose": (LINEAR, "x.transpose(1, 2)", "x.transpose(0, 2)", (2, 1, 40), 16, "CL101"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_batch_moved_into_the_width_is_reported_at_the_turn(case):
    source, right, wrong, size, width, code = CASES[case]
    line = line_of(source, "TURN")
    clean = assert_bug_found_at_its_line(source, {"TURN": right}, {"TURN": wrong}, size, line, code, "turn.py")
    assert clean.diagnostics == [] or all(d.severity != "error" for d in clean.diagnostics)
    # torch runs the wrong model at the one batch size equal to the layer's width
    module_shapes(built(source.replace("TURN", wrong), "turn.py"), (width, *size[1:]))
    found = [d for d in lint_text(source.replace("TURN", wrong), "turn.py", Settings()).diagnostics
             if d.severity == "error"]
    assert [d.span.line for d in found] == [line]
    assert f"runs only at a batch of {width}" in found[0].message
    assert f"Write {right.replace('torch.', '').replace('x, ', '').replace('x.', '')}" in (found[0].fix or "")


SEQUENCE_FIRST = {
    # an nn.LSTM without batch_first fed N x L x C turned to L x N x C
    "lstm": ('''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(68, 24)
        self.lstm = nn.LSTM(24, 16)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = self.proj(x).transpose(0, 1)
        x, _ = self.lstm(x)
        return self.fc(x[-1])
''', (2, 30, 68)),
    # a conv front, then its map turned to L x N x C for the LSTM
    "conv then lstm": ('''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 24, 5)
        self.lstm = nn.LSTM(24, 16)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = self.conv(x).permute(2, 0, 1)
        x, _ = self.lstm(x)
        return self.fc(x[-1])
''', (2, 4, 40)),
    # attention over a sequence-first batch, then back to N x C x L for a conv
    "attention then conv": ('''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(40, 32)
        self.attn = nn.MultiheadAttention(32, 4)
        self.conv = nn.Conv1d(32, 8, 3)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = self.proj(x).transpose(0, 1)
        x, _ = self.attn(x, x, x)
        x = self.conv(x.permute(1, 2, 0))
        return self.fc(x.mean(2))
''', (2, 12, 40)),
}


@pytest.mark.parametrize("case", list(SEQUENCE_FIRST))
def test_the_batch_moved_on_purpose_stays_clean(case):
    source, size = SEQUENCE_FIRST[case]
    module_shapes(built(source, "seq.py"), size)  # torch runs it at a batch of 2
    module_shapes(built(source, "seq.py"), (3, *size[1:]))
    result = lint_text(source, "seq.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


IMAGE_TURNED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = x.permute(1, 0, 2, 3)
        x = torch.relu(self.conv(x))
        return self.fc(x.mean((2, 3)))
'''


INPUT_TURNS = {
    "conv after transpose": (CHAR_CNN.replace("TURN", "x.transpose(0, 1)"), (2, 50, 68), (68, 2, 50)),
    "conv after permute": (CHAR_CNN.replace("TURN", "x.permute(2, 0, 1)"), (2, 50, 68), (68, 50, 2)),
    "conv after a permute of three axes": (CHAR_CNN.replace("TURN", "x.permute(1, 0, 2)"), (2, 50, 68), (68, 2, 50)),
    "image permuted": (IMAGE_TURNED, (2, 3, 8, 8), (3, 2, 8, 8)),
}


@pytest.mark.parametrize("case", list(INPUT_TURNS))
def test_a_turn_of_the_input_itself_is_checked_only_at_a_size_the_code_states(case):
    """The model runs on data laid out channels first (68 x N x L), as a model fed 4 x N x T x F
    spectrogram channels and turning them (`input.transpose(0, 1)`) does: with no size stated
    nothing is claimed; with the code's own N x L x 68 input the turn is an error at its line."""
    source, stated, channels_first = INPUT_TURNS[case]
    model = built(source, "turn.py")
    module_shapes(model, channels_first)
    with pytest.raises(RuntimeError):
        module_shapes(model, stated)
    assert [d for d in lint_text(source, "turn.py", Settings()).diagnostics if d.severity == "error"] == []
    fed = source + f"\n\nif __name__ == '__main__':\n    print(Net()(torch.randn{stated}).shape)\n"
    found = [(d.code, d.span.line) for d in lint_text(fed, "turn.py", Settings()).diagnostics if d.severity == "error"]
    turn = next(i for i, text in enumerate(source.splitlines(), 1) if "x = x." in text)
    assert found == [("CL103", turn)]
