"""A recurrent layer's `input_size` is a count like a conv's `in_channels`: reported at the line
that writes it in a call written one keyword per line, and at the call site of the block that
passes it (`Head(32, 16)` where 64 features arrive, another call of the block right). Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

KEYWORD_PER_LINE = '''
import torch
import torch.nn as nn


class Hybrid(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv1d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool1d(2),
                                 nn.Conv1d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool1d(2))
        self.lstm = nn.LSTM(
            input_size=FEATURES,
            hidden_size=hidden,
            batch_first=True,
        )
        self.fc = nn.Linear(hidden, 3)

    def forward(self, x):
        out, _ = self.lstm(self.cnn(x).transpose(1, 2))
        return self.fc(out[:, -1])


if __name__ == "__main__":
    Hybrid()(torch.randn(2, 1, 40))
'''

TWO_HEADS = '''
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, features, hidden):
        super().__init__()
        self.rnn = nn.GRU(features, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, 4)

    def forward(self, x):
        out, _ = self.rnn(x.transpose(1, 2))
        return self.fc(out[:, -1])


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Sequential(nn.Conv1d(1, 32, 3, padding=1), nn.ReLU())
        self.b = nn.Sequential(nn.Conv1d(32, 64, 3, padding=1), nn.ReLU())
        self.h1 = Head(32, 16)
        self.h2 = Head(FEATURES, 16)

    def forward(self, x):
        y = self.a(x)
        return self.h1(y) + self.h2(self.b(y))


if __name__ == "__main__":
    Net()(torch.randn(2, 1, 40))
'''


def _errors(source: str) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in lint_text(source, "rnn.py", Settings()).diagnostics if d.severity == "error"]


def test_input_size_written_on_its_own_line_is_reported_there():
    source = KEYWORD_PER_LINE.replace("FEATURES", "32")
    assert _errors(source) == [("CL109", line_of(source, "input_size=32"))]
    assert _errors(KEYWORD_PER_LINE.replace("FEATURES", "64")) == []


def test_input_size_a_block_is_given_is_reported_at_its_call():
    source = TWO_HEADS.replace("FEATURES", "32")
    assert _errors(source) == [("CL109", line_of(source, "self.h2 = Head(32, 16)"))]
    assert _errors(TWO_HEADS.replace("FEATURES", "64")) == []


@pytest.mark.parametrize("source, fails", [(KEYWORD_PER_LINE.replace("FEATURES", "32"), True),
                                           (KEYWORD_PER_LINE.replace("FEATURES", "64"), False),
                                           (TWO_HEADS.replace("FEATURES", "32"), True),
                                           (TWO_HEADS.replace("FEATURES", "64"), False)])
def test_torch_agrees(source, fails):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "rnn.py", "exec"), namespace)
    model = namespace.get("Net", namespace.get("Hybrid"))
    try:
        model()(torch.randn(2, 1, 40))
    except RuntimeError as error:
        assert fails and "input_size" in str(error)
    else:
        assert not fails
