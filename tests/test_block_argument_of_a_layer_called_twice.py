"""A block whose every width follows one argument (`Block(channel)`: its 1x1 conv called twice, on
the block's input and on its fused map) built with the wrong count (`Block(256)` after an encoder
giving 512): the block's argument is reported, the one edit that makes torch run with the encoder
left alone, where it was moved to the encoder's width or to the first call, asked to pass 256
channels there."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, filled

SOURCE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, channel):
        super().__init__()
        self.dilate1 = nn.Conv2d(channel, channel, kernel_size=1)
        self.dilate3 = nn.Conv2d(channel, channel, kernel_size=3, padding=1)
        self.conv1x1 = nn.Conv2d(2 * channel, channel, kernel_size=1)

    def forward(self, x):
        d1 = F.relu(self.dilate1(x))
        d2 = F.relu(self.dilate3(self.dilate1(x)))
        fused = F.relu(self.conv1x1(torch.cat([d1, d2], 1)))
        d3 = F.relu(self.dilate1(fused))
        return x + d3


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        ENCODER
        self.dblock = Block(WIDTH)
        self.head = HEAD

    def forward(self, x):
        return self.head(self.dblock(self.enc(x)))
'''

SIZE = (1, 3, 32, 32)
# the encoder's last width read by the head too (no edit of it alone runs), or a lone conv whose
# width the block's vote, read from the block's own argument, does not outweigh
ENCODERS = {
    "shared": {"ENCODER": "self.enc = nn.Sequential(nn.Conv2d(3, 64, 3, stride=2, padding=1), nn.ReLU(), "
                          "nn.Conv2d(64, 128, 3, stride=2, padding=1))", "HEAD": "nn.Conv2d(128, 2, 1)"},
    "lone": {"ENCODER": "self.enc = nn.Conv2d(3, 128, 3, stride=2, padding=1)", "HEAD": "nn.Identity()"},
}


@pytest.mark.parametrize("encoder", ENCODERS)
def test_the_right_block_matches_torch(encoder):
    assert_shapes_equal_torch(filled(filled(SOURCE, ENCODERS[encoder]), {"WIDTH": "128"}), SIZE, "dac.py")


@pytest.mark.parametrize("encoder", ENCODERS)
def test_a_wrong_block_argument_is_reported_at_it(encoder):
    torch = pytest.importorskip("torch")
    wrong = filled(filled(SOURCE, ENCODERS[encoder]), {"WIDTH": "64"})
    with pytest.raises(RuntimeError):
        built(wrong, "dac.py")(torch.zeros(*SIZE))
    # the block's argument given what arrives, and nothing else, runs
    built(wrong.replace("Block(64)", "Block(128)"), "dac.py")(torch.zeros(*SIZE))
    result = lint_text(wrong, "dac.py", Settings(input_shapes={"Net": SIZE}))
    errors = [d for d in result.diagnostics if d.severity == "error"]
    line = line_of(wrong, "Block(64)")
    assert (line, wrong.splitlines()[line - 1].index("64") + 1) in {(d.span.line, d.span.column) for d in errors}
    assert not any("Pass dblock.dilate1 a tensor" in (d.fix or "") for d in errors)
    # no finding asks for a change of the encoder's last conv nor of a call of dilate1 inside the block
    assert not any(d.span.line in (line_of(wrong, "d1 = F.relu"), line_of(wrong, "d2 = F.relu")) for d in errors)
