"""A transpose or permute that moves the batch into the axis a conv, Linear or LSTM reads its width
from (`x.transpose(0, 1)` of an N x L x 68 one-hot text, where transpose(1, 2) was meant, before
nn.Conv1d(68, ...)): with the batch symbolic, N may equal 68, so nothing was refused, yet torch runs
the model at that one batch size only. It is reported at the transpose, as it is when the code
feeds a batch of 2; a model that moves the batch on purpose (batch and time swapped for an
nn.LSTM without batch_first) stays clean."""

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
    "conv after transpose": (CHAR_CNN, "x.transpose(1, 2)", "x.transpose(0, 1)", (2, 50, 68), 68, "CL103"),
    "conv after permute": (CHAR_CNN, "x.permute(0, 2, 1)", "x.permute(2, 0, 1)", (2, 50, 68), 68, "CL103"),
    # three axes moved round: no swap of two entries mends it, and the order that moves nothing is
    # right only for an N x 68 x L input, which needs no permute
    "conv after a permute of three axes": (CHAR_CNN, "x.permute(0, 2, 1)", "x.permute(1, 0, 2)", (2, 50, 68), 68,
                                           "CL103"),
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


def test_a_permute_whose_one_fitting_order_moves_nothing_is_reported_with_no_order():
    """The batch moved into the channels of an image whose layout nothing tells: N x 3 x H x W
    needs no permute, N x H x W x 3 needs permute(0, 3, 1, 2); neither is suggested."""
    model = built(IMAGE_TURNED, "image.py")
    module_shapes(model, (3, 3, 8, 8))  # torch runs it at a batch of 3 only
    for size in ((2, 3, 8, 8), (2, 8, 8, 3)):
        with pytest.raises(RuntimeError):
            module_shapes(model, size)
    found = [d for d in lint_text(IMAGE_TURNED, "image.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL103", line_of(IMAGE_TURNED, "permute"))]
    assert "runs only at a batch of 3" in found[0].message
    assert "permute(0, 1, 2, 3)" not in found[0].message and "permute" not in (found[0].fix or "")
