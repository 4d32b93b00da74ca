"""x.squeeze(d) of an input size not known: torch drops the dim only where it is 1. Where the
model fails on every other size of it too, the size is taken as 1 and the finding reported with
no options; where another size runs, the squeeze stays unknown and is listed as not followed."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

# the IMU layout N x C x T x 1 of a conv-then-LSTM net: squeezed to N x 64 x T, then steps of 64
SQUEEZE_THEN_LSTM = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=6, num_classes=11):
        super().__init__()
        blocks = []
        for i in range(2):
            blocks.append(nn.Sequential(nn.Conv2d(in_ch if i == 0 else 64, 64, (5, 1), padding=(2, 0)), nn.ReLU()))
        self.convs = nn.ModuleList(blocks)
        self.lstm = nn.LSTM(WIDTH, 16, batch_first=True)
        self.out = nn.Linear(16, num_classes)

    def forward(self, x):
        for conv in self.convs:
            x = conv(x)
        x = x.squeeze(3).transpose(1, 2)
        x, _ = self.lstm(x)
        return self.out(x)
'''

# after the squeeze, a Linear on the last dim: a size of 32 there (kept by squeeze) runs
SQUEEZE_THEN_LINEAR = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 64, (5, 1), padding=(2, 0))
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.conv(x).squeeze(3).transpose(1, 2)
        return self.fc(x)
'''


def _errors(source):
    return {(d.code, d.span.line) for d in lint_text(source, "squeezed.py", Settings()).diagnostics
            if d.severity == "error"}


def test_a_squeezed_size_every_value_of_which_fails_is_taken_as_1():
    wrong = filled(SQUEEZE_THEN_LSTM, {"WIDTH": "32"})
    for side in (1, 3):  # squeezed or kept, torch refuses it
        with pytest.raises((RuntimeError, ValueError)):  # (a 4-D input: ValueError)
            module_shapes(built(wrong, "squeezed.py"), (2, 6, 20, side))
    (found,) = [d for d in lint_text(wrong, "squeezed.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.code, found.span.line) == ("CL109", 12)
    assert "Nx6xHx1 from line 18: x.squeeze(3)" in found.message
    right = filled(SQUEEZE_THEN_LSTM, {"WIDTH": "64"})
    assert module_shapes(built(right, "squeezed.py"), (2, 6, 20, 1))["out"] == (2, 20, 11)
    assert _errors(right) == set()


def test_a_squeezed_size_another_value_of_which_runs_stays_unknown_and_listed():
    model = built(SQUEEZE_THEN_LINEAR, "squeezed.py")
    with pytest.raises(RuntimeError):
        module_shapes(model, (2, 6, 20, 1))
    assert module_shapes(model, (2, 6, 20, 32))["fc"] == (2, 20, 64, 10)
    result = lint_text(SQUEEZE_THEN_LINEAR, "squeezed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (net,) = [m for m in result.models if m.name == "Net"]
    assert any(u.why.startswith("x.squeeze(3) of a size not known") and u.span.line == 12 for u in net.unresolved)


# a CRNN: the CNN brings the height to 1 by fixed pools (H/32 for inputs 32 to 63 tall), its map
# squeezed into a sequence of 64-wide steps; forward's forms of the squeeze and of the assert
CRNN = '''
import torch.nn as nn


class BiLSTM(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.rnn = nn.LSTM(n_in, n_hidden, bidirectional=True)
        self.proj = nn.Linear(n_hidden * 2, n_out)

    def forward(self, x):
        seq, _ = self.rnn(x)
        t, b, h = seq.size()
        return self.proj(seq.view(t * b, h)).view(t, b, -1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(1, 64, 3, 1, 1), nn.MaxPool2d(2), nn.Conv2d(64, 64, 3, 1, 1),
                                 nn.MaxPool2d((16, 1)))
        self.rnn = nn.Sequential(BiLSTM(WIDTH, 32, 32), BiLSTM(32, 32, 10))

    def forward(self, x):FORWARD
'''

CRNN_FORWARDS = {
    "squeeze-then-permute": "\n        return self.rnn(self.cnn(x).squeeze(2).permute(2, 0, 1))",
    "squeeze-then-transposes": "\n        f = self.cnn(x).squeeze(2).transpose(1, 2)\n        return self.rnn(f.transpose(0, 1))",
    "asserted-then-squeezed": ("\n        conv = self.cnn(x)\n        b, c, h, w = conv.size()\n"
                               "        assert h == 1, 'the height of conv must be 1'\n"
                               "        conv = conv.squeeze(2)\n        return self.rnn(conv.permute(2, 0, 1))"),
    "asserted-then-squeezed-whole": ("\n        conv = self.cnn(x)\n        b, c, h, w = conv.size()\n"
                                     "        assert h == 1\n        return self.rnn(conv.squeeze().permute(2, 0, 1))"),
    "asserted-then-viewed": ("\n        conv = self.cnn(x)\n        b, c, h, w = conv.size()\n        assert h == 1\n"
                             "        return self.rnn(conv.view(b, c * h, w).permute(2, 0, 1))"),
    "asserted-size": ("\n        conv = self.cnn(x)\n        assert conv.size(2) == 1\n"
                      "        return self.rnn(conv.squeeze(2).permute(2, 0, 1))"),
}


@pytest.mark.parametrize("form", CRNN_FORWARDS)
def test_a_map_squeezed_to_a_sequence_is_checked_at_the_heights_that_run(form):
    source = CRNN.replace("FORWARD", CRNN_FORWARDS[form])
    wrong, right = filled(source, {"WIDTH": "128"}), filled(source, {"WIDTH": "64"})
    for height in (32, 63, 64):  # H/32 of 1 (the LSTM refuses 64-wide steps), and 2 (the squeeze keeps it)
        with pytest.raises((RuntimeError, ValueError, AssertionError)):
            module_shapes(built(wrong, "crnn.py"), (2, 1, height, 100))
    assert module_shapes(built(right, "crnn.py"), (2, 1, 48, 100))["rnn"] == (50, 2, 10)
    (found,) = [d for d in lint_text(wrong, "crnn.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.code, found.span.line) == ("CL109", 22)
    assert "64" in found.message and "Nx1x32xW" in found.message and "32 to 63 tall" in found.message
    assert _errors(right) == set()


# after the squeeze, layers that run on the map of either rank: H/32 of 1 is the code's intent,
# but at 64 tall (the height kept) this model runs, so nothing is an error
SQUEEZE_THEN_ANY_RANK = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(1, 64, 3, 1, 1), nn.MaxPool2d((32, 1)))
        self.fc = nn.Linear(2, 10)

    def forward(self, x):
        return self.fc(self.cnn(x).squeeze(2).mean(-1))
'''


def test_a_symbolic_height_squeezed_where_the_kept_height_runs_is_no_error():
    model = built(SQUEEZE_THEN_ANY_RANK, "squeezed.py")
    with pytest.raises(RuntimeError):
        module_shapes(model, (2, 1, 32, 100))  # squeezed: 64 features for a Linear of 2
    assert module_shapes(model, (2, 1, 64, 100))["fc"] == (2, 64, 10)  # kept: a height of 2 runs
    result = lint_text(SQUEEZE_THEN_ANY_RANK, "squeezed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert any(u.why.startswith("x.squeeze(2) of a size not known (H/32)") for m in result.models
               for u in m.unresolved)


# the assert pins the height; another branch reads the map at H/16, which differs between the
# heights the assert lets through (2 at 32, 3 at 63): its Linear fits some of them only
ASSERT_AND_A_HEIGHT_DEPENDENT_BRANCH = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 8, 3, 1, 1), nn.MaxPool2d((16, 1)))
        self.collapse = nn.MaxPool2d((2, 1))
        self.side = nn.Linear(3, 4)

    def forward(self, x):
        f = self.stem(x)
        y = self.collapse(f)
        assert y.size(2) == 1
        return self.side(f.mean(-1)), y.squeeze(2)
'''


def test_an_error_at_some_of_the_asserted_heights_only_is_not_reported():
    model = built(ASSERT_AND_A_HEIGHT_DEPENDENT_BRANCH, "asserted.py")
    with pytest.raises(RuntimeError):
        module_shapes(model, (2, 1, 32, 20))  # H/16 = 2 for a Linear of 3
    assert module_shapes(model, (2, 1, 48, 20))["side"] == (2, 8, 4)  # H/16 = 3: runs
    assert _errors(ASSERT_AND_A_HEIGHT_DEPENDENT_BRANCH) == set()


def test_a_crnn_the_code_builds_but_never_feeds_is_checked_at_the_heights_that_run():
    # (`model = Net(32); print(model)` in a main guard: built with its arguments, fed nothing)
    source = CRNN.replace("FORWARD", CRNN_FORWARDS["asserted-then-squeezed"]).replace(
        "def __init__(self):", "def __init__(self, nh):").replace("BiLSTM(WIDTH, 32, 32), BiLSTM(32, 32, 10)",
                                                               "BiLSTM(WIDTH, nh, nh), BiLSTM(nh, nh, 10)")
    source += '\n\nif __name__ == "__main__":\n    model = Net(32)\n    print(model)\n'
    wrong, right = filled(source, {"WIDTH": "128"}), filled(source, {"WIDTH": "64"})
    with pytest.raises(RuntimeError):
        built(wrong, "crnn.py", lambda ns: ns["Net"](32))(torch.zeros(2, 1, 32, 100))
    assert built(right, "crnn.py", lambda ns: ns["Net"](32))(torch.zeros(2, 1, 48, 100)).shape == (50, 2, 10)
    assert _errors(wrong) == {("CL109", 22)}
    assert _errors(right) == set()
