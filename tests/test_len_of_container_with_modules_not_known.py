"""len() of an nn.Sequential holding modules convlint does not know: `down_seq.add_module("down1",
backbone[1])` of a backbone nothing gives is still one child in its place, so a factory's
`assert len(up_seq) == len(down_seq)` holds as in torch; a container changed on one path of a
condition not known statically has a length not known, never the count of the children it holds
on every path."""

import pytest
import torch

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled

HOURGLASS = '''
import torch.nn as nn


class Hourglass(nn.Module):
    def __init__(self, down_seq, up_seq):
        super().__init__()
        self.depth = len(down_seq)
        assert (len(up_seq) == self.depth)
        self.down_seq = down_seq
        self.up_seq = up_seq

    def forward(self, x):
        for module in self.down_seq._modules.values():
            x = module(x)
        for i in range(self.depth):
            x = self.up_seq[i](x)
        return x


class Net(nn.Module):
    def __init__(self, backbone, channels):
        super().__init__()
        self.stem = backbone[0]
        down_seq = nn.Sequential()
        down_seq.add_module("down1", backbone[1])
        down_seq.add_module("down2", backbone[2])
        up_seq = nn.Sequential()
        for i, c in enumerate(channels):
            up_seq.add_module("up{}".format(i + 1), nn.Conv2d(c, c, 3, padding=1))
        self.hg = Hourglass(down_seq=down_seq, up_seq=up_seq[::-1])

    def forward(self, x):
        return self.hg(self.stem(x))


def get_net(backbone):
    return Net(backbone=backbone, channels=CHANNELS)
'''


def _build(namespace):
    backbone = torch.nn.Sequential(*(torch.nn.Conv2d(8, 8, 1) for _ in range(3)))
    return namespace["get_net"](backbone)


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "hourglass.py", Settings()).diagnostics
            if d.severity == "error"}


def test_modules_not_known_added_by_name_are_counted():
    source = filled(HOURGLASS, {"CHANNELS": "[8, 8]"})
    built(source, "hourglass.py", _build)(torch.randn(1, 8, 6, 6))  # torch: the assert holds
    assert not _errors(source)


def test_a_count_that_really_differs_is_still_found():
    source = filled(HOURGLASS, {"CHANNELS": "[8, 8, 8]"})
    with pytest.raises(AssertionError):
        built(source, "hourglass.py", _build)
    assert ("CL115", line_of(source, "assert (len(up_seq)")) in _errors(source)


BRANCH = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, depth, extra):
        super().__init__()
        seq = nn.Sequential(nn.Conv2d(3, 8, 1))
        if extra:
            seq.add_module("extra", nn.Conv2d(8, 8, 1))
        assert len(seq) == depth
        self.seq = seq

    def forward(self, x):
        return self.seq(x)


def net(extra):
    return Net(2, extra)
'''


def test_a_child_added_on_one_path_leaves_the_length_unknown():
    model = built(BRANCH, "branch.py", lambda namespace: namespace["net"](True))
    assert tuple(model(torch.randn(1, 3, 4, 4)).shape) == (1, 8, 4, 4)
    assert not [d for d in lint_text(BRANCH, "branch.py", Settings()).diagnostics if d.severity == "error"]
