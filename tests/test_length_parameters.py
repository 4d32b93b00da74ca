"""A constructor default that states the length of a 1-d signal (`Samples=128` of EEG nets,
`seq_len`, `n_samples`) and sizes the Linear over the flattened features: with no size given,
the model is also run at that length, so a head or a pool that does not fit it is reported."""

import pytest

from convlint.pipeline import Settings, lint_text

SIGNAL_NET = '''
import torch
import torch.nn as nn


class SignalNet(nn.Module):
    def __init__(self, n_classes, Chans=8, Samples=128, F1=4):
        super().__init__()
        self.conv1 = nn.Conv1d(Chans, F1, 9, padding=4)
        self.pool1 = nn.AvgPool1d(4)
        self.conv2 = nn.Conv1d(F1, 2 * F1, 5, padding=2)
        self.pool2 = nn.AvgPool1d(8)
        self.fc = nn.Linear(2 * F1 * (Samples // 32), n_classes)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        return self.fc(torch.flatten(x, 1))
'''

HEAD_BUG = SIGNAL_NET.replace("Samples // 32", "Samples // 16")
POOL_BUG = SIGNAL_NET.replace("nn.AvgPool1d(8)", "nn.AvgPool1d(4)")


def errors(source):
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def run(source, length=128):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["SignalNet"](3)(torch.zeros(2, 8, length))


@pytest.mark.parametrize("source", [HEAD_BUG, POOL_BUG])
def test_a_head_sized_from_the_stated_length_that_does_not_fit_is_reported(source):
    (found,) = errors(source)
    assert found.code == "CL101" and "from line 7: Samples=128" in found.message
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        run(source)


@pytest.mark.parametrize("name", ["Samples", "seq_len", "n_samples", "input_length", "time_steps"])
def test_the_correct_model_stays_clean_under_each_length_name(name):
    source = SIGNAL_NET.replace("Samples", name)
    assert errors(source) == []
    assert errors(HEAD_BUG.replace("Samples", name))  # and the name is read: the bug is found
    assert tuple(run(source).shape) == (2, 3)


def test_a_length_name_that_also_counts_channels_is_not_the_length():
    """`n_mels` of an N x n_mels x T spectrogram is its channels: not taken as the length."""
    source = SIGNAL_NET.replace("Chans=8, Samples=128", "n_mels=8").replace("Chans", "n_mels") \
        .replace("Samples // 16", "n_mels * 4").replace("Samples // 32", "n_mels * 4")
    result = lint_text(source, "net.py", Settings())
    assert all(m.input_source is None for m in result.models)


def test_a_name_that_says_nothing_of_the_length_is_not_read():
    assert errors(HEAD_BUG.replace("Samples", "width")) == []


RECURRENT_NET = '''
import torch.nn as nn


class LstmNet(nn.Module):
    def __init__(self, n_classes=3, d_in=6, seq_len=50):
        super().__init__()
        self.rnn = nn.LSTM(d_in, 32, batch_first=True)
        self.fc = nn.Linear(seq_len * 32, n_classes)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.fc(y.reshape(y.size(0), -1))
'''


def test_the_length_of_a_sequence_of_features_is_not_put_in_its_last_dim():
    """N x L x D into an LSTM: seq_len is dim 1, not the last dim a conv slides over."""
    assert errors(RECURRENT_NET) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(RECURRENT_NET, "net.py", "exec"), namespace)
    assert tuple(namespace["LstmNet"]()(torch.zeros(2, 50, 6)).shape) == (2, 3)


DEPTHWISE_NET = '''
import torch
import torch.nn as nn


class DepthwiseNet(nn.Module):
    def __init__(self, n_classes=3, Chans=8, Samples=128, F1=4):
        super().__init__()
        self.conv1 = nn.Conv1d(Chans, F1, 9, padding=4)
        self.depthwise = nn.Conv1d(F1, F1, 17, groups=F1)
        self.pointwise = nn.Conv1d(F1, 2 * F1, 1)
        self.pool = nn.AvgPool1d(8)
        self.fc = nn.Linear(2 * F1 * (Samples // 8), n_classes)

    def forward(self, x):
        x = self.pointwise(self.depthwise(torch.relu(self.conv1(x))))
        return self.fc(torch.flatten(self.pool(x), 1))
'''


def test_a_head_that_misses_an_unpadded_depthwise_conv_is_blamed_not_the_conv():
    """The only other unpadded conv is a 1x1 one: its kernel says nothing of the depthwise
    conv's, so the Linear that forgot the map it shrank to is the line reported."""
    (found,) = errors(DEPTHWISE_NET)
    line = next(i for i, text in enumerate(DEPTHWISE_NET.splitlines(), 1) if "self.fc = " in text)
    assert (found.code, found.span.line) == ("CL101", line)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(DEPTHWISE_NET, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        namespace["DepthwiseNet"]()(torch.zeros(2, 8, 128))
    fixed = DEPTHWISE_NET.replace("Samples // 8", "(Samples - 16) // 8")
    exec(compile(fixed, "net.py", "exec"), namespace)
    assert tuple(namespace["DepthwiseNet"]()(torch.zeros(2, 8, 128)).shape) == (2, 3)
    assert errors(fixed) == []


CHANNELS_LAST_NET = '''
import torch.nn as nn


class CharNet(nn.Module):
    def __init__(self, n_classes=4, alphabet=20, seq_len=132):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv1d(alphabet, 16, 7), nn.ReLU(), nn.MaxPool1d(3))
        self.conv2 = nn.Sequential(nn.Conv1d(16, 16, KERNEL), nn.ReLU(), nn.MaxPool1d(3))
        self.fc = nn.Linear(int((seq_len - 24) / 9 * 16), n_classes)

    def forward(self, x):
        x = x.transpose(1, 2)
        x = self.conv2(self.conv1(x))
        return self.fc(x.view(-1, 16 * 12))
'''


def run_char_net(source):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["CharNet"]()(torch.zeros(2, 132, 20))


def test_the_stated_length_of_a_signal_with_its_channels_last_is_its_dim_1():
    """N x L x C turned to N x C x L for the first conv (`x.transpose(1, 2)`): `seq_len` is dim 1,
    and a conv that leaves other than the 12 positions the hand-written view takes is reported at
    the conv (the other unpadded conv has kernel 7)."""
    right, wrong = CHANNELS_LAST_NET.replace("KERNEL", "7"), CHANNELS_LAST_NET.replace("KERNEL", "3")
    assert tuple(run_char_net(right).shape) == (2, 4)
    assert errors(right) == []
    with pytest.raises(RuntimeError, match="invalid for input of size"):
        run_char_net(wrong)
    found = errors(wrong)
    line = next(i for i, text in enumerate(wrong.splitlines(), 1) if "self.conv2 = " in text)
    assert [(d.code, d.span.line) for d in found] == [("CL102", line)]
    assert "Nx132x20 from line 6: seq_len=132" in found[0].message
