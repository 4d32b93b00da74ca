"""A conv whose out_channels is the odd one out (VDSR's input conv narrowed to 32 where its trunk's
blocks, built in a loop, and its last conv all take 64) is reported at its own count: writing 32
where the finding first points (the trunk's `ConvReLU(64)`) would only move the failure to the
next layer that takes 64, while the producer given 64 runs the model. Where the consumer's edit
alone fixes the model, the consumer stays blamed. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text

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


def _line(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


@pytest.mark.parametrize("source, model", [(VDSR, "VDSR"), (PLAIN_TRUNK, "DnCNN"), (DECODER, "Decoder")])
def test_the_producer_that_stands_out_is_blamed(source, model):
    errors = _errors(source.replace("WIDTH", "32"), model)
    assert {(d.code[:4], d.span.line) for d in errors} == {("CL10", _line(source, "WIDTH"))}
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
    assert [(d.code, d.span.line, d.layer) for d in errors] == [("CL103", _line(ONE_CONSUMER, "WIDTH"), "conv2")]
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
