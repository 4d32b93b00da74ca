"""A block that takes its input's width as a parameter but never reads it, sizing its first layer
from another parameter (`nn.Conv2d(out_channels, out_channels, 3)` in a block built in a loop from
a tuple of widths): the block's line is wrong, not the tuple nor the loop's call, whatever row of
the tuple happens to fit; against torch."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line

SOURCE = '''
import torch
import torch.nn as nn


class Stage(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(IN, out_channels, 3, padding=1)  # the first conv
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)

    def forward(self, x):
        return self.pool(torch.relu(self.conv(x)))


class Net(nn.Module):
    def __init__(self, channels=(16, 32, 32)):
        super().__init__()
        stages = []
        in_channels = 3
        for out_channels in channels:
            stages.append(Stage(CALL))
            in_channels = out_channels
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(32 * 4 * 4, 10)

    def forward(self, x):
        return self.fc(self.stages(x).flatten(1))
'''


def _line(text: str) -> int:
    return next(i for i, line in enumerate(SOURCE.splitlines(), 1) if text in line)


@pytest.mark.parametrize("call", ["in_channels, out_channels", "out_channels=out_channels, in_channels=in_channels"],
                         ids=["positional", "keywords"])
def test_a_block_never_reading_its_input_width_is_blamed_at_its_layer(call):
    clean = assert_bug_found_at_its_line(SOURCE, {"IN": "in_channels", "CALL": call},
                                         {"IN": "out_channels", "CALL": call},
                                         (2, 3, 32, 32), _line("# the first conv"), "CL103", "net.py")
    assert clean is not None
