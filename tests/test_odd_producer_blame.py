"""A conv whose out_channels is the odd one out (VDSR's input conv narrowed to 32 where its trunk's
blocks, built in a loop, and its last conv all take 64) is reported at its own count: writing 32
where the finding first points (the trunk's `ConvReLU(64)`) would only move the failure to the
next layer that takes 64, while the producer given 64 runs the model. Where the consumer's edit
alone fixes the model, the consumer stays blamed. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

VDSR = '''
import torch
from torch import nn


class ConvReLU(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.relu = nn.ReLU(True)

    def forward(self, x):
        return self.relu(self.conv(x))


class VDSR(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(1, WIDTH, 3, 1, 1, bias=False), nn.ReLU(True))
        trunk = []
        for _ in range(18):
            trunk.append(ConvReLU(64))
        self.trunk = nn.Sequential(*trunk)
        self.conv2 = nn.Conv2d(64, 1, 3, 1, 1, bias=False)

    def forward(self, x):
        return self.conv2(self.trunk(self.conv1(x))) + x
'''

PLAIN_TRUNK = '''
import torch.nn as nn


class DnCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Conv2d(1, WIDTH, 3, padding=1)
        self.trunk = nn.Sequential(*[nn.Conv2d(64, 64, 3, padding=1) for _ in range(4)])
        self.tail = nn.Conv2d(64, 1, 3, padding=1)

    def forward(self, x):
        return self.tail(self.trunk(self.head(x)))
'''

# a decoder stage of transposed convs, the one in the middle narrowed: its norm and the next conv
# both take 64
DECODER = '''
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.stage = nn.Sequential(
            nn.ConvTranspose2d(1, 64, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.ConvTranspose2d(64, WIDTH, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.ConvTranspose2d(64, 64, 3, padding=1),
            nn.BatchNorm2d(64),
        )

    def forward(self, x):
        return self.stage(x)
'''

ONE_CONSUMER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(WIDTH, 64, 3, padding=1)
        self.conv3 = nn.Conv2d(64, 10, 3, padding=1)

    def forward(self, x):
        return self.conv3(self.conv2(self.conv1(x)))
'''

SHAPE = (1, 1, 32, 32)


def _errors(source: str, model: str, shape: tuple = SHAPE) -> list:
    result = lint_text(source, "net.py", Settings(input_shapes={model: shape}))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("source, model", [(VDSR, "VDSR"), (PLAIN_TRUNK, "DnCNN"), (DECODER, "Decoder")])
def test_the_producer_that_stands_out_is_blamed(source, model):
    errors = _errors(source.replace("WIDTH", "32"), model)
    assert {(d.code[:4], d.span.line) for d in errors} == {("CL10", line_of(source, "WIDTH"))}
    error = errors[0]
    assert source.replace("WIDTH", "32").splitlines()[error.span.line - 1][error.span.column - 1:].startswith("32")
    assert error.fix == "Set out_channels to 64"
    assert "given out_channels=64 the model runs" in error.message


@pytest.mark.parametrize("source, model", [(VDSR, "VDSR"), (PLAIN_TRUNK, "DnCNN"), (DECODER, "Decoder")])
def test_the_net_with_the_width_it_was_meant_to_have_is_clean(source, model):
    assert _errors(source.replace("WIDTH", "64"), model) == []


def test_a_consumer_whose_edit_alone_fixes_the_model_stays_blamed():
    """conv2 taking 16 where conv1 gives 32: conv2 given 32 runs the model (so would conv1 given
    16, but the finding's own edit suffices): conv2's count is reported."""
    errors = _errors(ONE_CONSUMER.replace("WIDTH", "16"), "Net", (1, 3, 16, 16))
    assert [(d.code, d.span.line, d.layer) for d in errors] == [("CL103", line_of(ONE_CONSUMER, "WIDTH"), "conv2")]
    assert _errors(ONE_CONSUMER.replace("WIDTH", "32"), "Net", (1, 3, 16, 16)) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, model, shape in ((VDSR, "VDSR", SHAPE), (PLAIN_TRUNK, "DnCNN", SHAPE), (DECODER, "Decoder", SHAPE),
                                 (ONE_CONSUMER, "Net", (1, 3, 16, 16))):
        wrong, right = ("16", "32") if model == "Net" else ("32", "64")
        for width, fails in ((wrong, True), (right, False)):
            namespace: dict = {}
            exec(compile(source.replace("WIDTH", width), "net.py", "exec"), namespace)
            if fails:
                with pytest.raises(RuntimeError):
                    namespace[model]()(torch.zeros(*shape))
            else:
                namespace[model]()(torch.zeros(*shape))
    # the consumer's edit the finding would ask for stops the trunk further on
    namespace = {}
    exec(compile(VDSR.replace("WIDTH", "32").replace("ConvReLU(64)", "ConvReLU(32)"), "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["VDSR"]()(torch.zeros(*SHAPE))


# a VAE's hidden Linear narrowed: the mu and logvar heads both take 400. The input's rank is fixed
# by no conv: without an input size the model is run again symbolic, where no error is met once
# fc1 gives 400
VAE = '''
import torch
from torch import nn
from torch.nn import functional as F


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, WIDTH)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = mu + torch.randn_like(logvar) * torch.exp(0.5 * logvar)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar
'''

# one Linear feeding one: which count is wrong nothing tells
ONE_LINEAR_CONSUMER = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x.view(-1, 784))))
'''

MNIST = (2, 1, 28, 28)


def _errors_given(source: str, model: str, shape: tuple | None) -> list:
    settings = Settings(input_shapes={model: shape}) if shape is not None else Settings()
    return [d for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("shape", [None, MNIST])
def test_a_linear_two_heads_agree_against_is_blamed(shape):
    """fc21 and fc22 both take 400 where fc1 gives 256: fc1 given 400 leaves no layer refusing what
    it gets, fc21 given 256 leaves fc22 refusing it: fc1's count is reported."""
    source = VAE.replace("WIDTH", "256")
    line = line_of(VAE, "WIDTH")
    errors = _errors_given(source, "VAE", shape)
    assert {(d.code, d.span.line) for d in errors} == {("CL101", line)}
    assert all(source.splitlines()[line - 1][d.span.column - 1:].startswith("256") for d in errors)
    assert all(d.fix == "Set out_features to 400" and d.layer == "fc1" for d in errors)
    runs = "the model runs" if shape is not None else "every layer takes what it gets"
    assert all(f"given out_features=400 {runs}" in d.message for d in errors)


@pytest.mark.parametrize("shape", [None, MNIST])
def test_a_linear_fed_by_a_linear_alone_stays_blamed(shape):
    errors = _errors_given(ONE_LINEAR_CONSUMER.replace("WIDTH", "400"), "Net", shape)
    assert [(d.code, d.span.line, d.layer) for d in errors] == [("CL101", line_of(ONE_LINEAR_CONSUMER, "WIDTH"), "fc2")]


@pytest.mark.parametrize("shape", [None, MNIST])
def test_the_linear_models_meant_are_clean(shape):
    assert _errors_given(VAE.replace("WIDTH", "400"), "VAE", shape) == []
    assert _errors_given(ONE_LINEAR_CONSUMER.replace("WIDTH", "256"), "Net", shape) == []


def test_torch_agrees_on_the_linears():
    torch = pytest.importorskip("torch")
    for source, model, wrong, right in ((VAE, "VAE", "256", "400"), (ONE_LINEAR_CONSUMER, "Net", "400", "256")):
        namespace: dict = {}
        exec(compile(source.replace("WIDTH", wrong), "net.py", "exec"), namespace)
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace[model]()(torch.zeros(*MNIST))
        exec(compile(source.replace("WIDTH", right), "net.py", "exec"), namespace)
        namespace[model]()(torch.zeros(*MNIST))
    # the edit the finding at fc21 asks for leaves fc22 refusing fc1's 256
    namespace = {}
    exec(compile(VAE.replace("WIDTH", "256").replace("self.fc21 = nn.Linear(400", "self.fc21 = nn.Linear(256"),
                 "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["VAE"]()(torch.zeros(*MNIST))
