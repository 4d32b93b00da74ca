"""torch.chunk / torch.split of a tensor whose size along the cut is not known (a guided filter's
`r, g, b = torch.chunk(x, 3, 1)` of the model's input, before any layer told its rank, or of a map
of a constructor argument's width): a cut along one dim keeps every other one, and the names the
result is unpacked into count its pieces. Checks after the cut still run with no options."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, module_shapes

FILTER = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, in_channels, mid=8):
        super().__init__()
        self.a = nn.Conv2d(in_channels, mid, 3, padding=PAD)
        self.b = nn.Conv2d(in_channels, mid, 3, padding=1)

    def forward(self, x):
        r, g, b = CUT
        lf = x * (r + g + b)
        return self.a(lf) + self.b(lf)
'''

CUTS = ["torch.chunk(x, 3, 1)", "x.chunk(3, dim=1)", "torch.split(x, 1, dim=1)", "x.split([1, 1, 1], 1)"]


def three(namespace):
    return namespace["Net"](3)


@pytest.mark.parametrize("cut", CUTS)
def test_a_chunk_of_the_input_keeps_its_sides(cut):
    line = line_of(FILTER, "padding=PAD")
    assert_bug_found_at_its_line(FILTER, {"PAD": "1", "CUT": cut}, {"PAD": "0", "CUT": cut}, (2, 3, 16, 16),
                                 line, "CL107", "filter.py", build=three)


def test_the_shapes_equal_torchs():
    source = FILTER.replace("PAD", "1").replace("CUT", CUTS[0])
    assert_shapes_equal_torch(source, (2, 3, 16, 16), "filter.py", build=three)


OF_A_MAP = '''
import torch
from torch import nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, c, mid=8):
        super().__init__()
        self.pre = nn.Conv2d(c, c, 1)
        self.a = nn.Conv2d(1, mid, 3, padding=PAD)
        self.b = nn.Conv2d(1, mid, 3, padding=1)

    def forward(self, x):
        y = F.relu(self.pre(x))
        r, g, b = y.chunk(3, dim=1)
        return self.a(r) + self.b(g)
'''


def test_a_chunk_of_a_map_of_an_argument_width_keeps_its_sides():
    line = line_of(OF_A_MAP, "padding=PAD")
    assert_bug_found_at_its_line(OF_A_MAP, {"PAD": "1"}, {"PAD": "0"}, (2, 3, 16, 16), line, "CL107", "map.py",
                                 build=three)


MASKED = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, mid=8):
        super().__init__()
        self.a = nn.Conv2d(3, mid, 3, padding=1)
        self.b = nn.Conv2d(MASK, mid, 3, padding=1)

    def forward(self, x):
        rgb, mask = torch.split(x, [3, 1], dim=1)
        return self.a(rgb) * self.b(mask)
'''


def test_listed_sizes_of_the_input_are_the_pieces_sizes():
    line = line_of(MASKED, "MASK, mid")
    assert_bug_found_at_its_line(MASKED, {"MASK": "1"}, {"MASK": "2"}, (2, 4, 16, 16), line, "CL103", "masked.py")
    assert_shapes_equal_torch(MASKED.replace("MASK", "1"), (2, 4, 16, 16), "masked.py")


UNEVEN = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, mid=8):
        super().__init__()
        self.a = nn.Conv2d(4, mid, 3, padding=1)
        self.b = nn.Conv2d(3, mid, 3, padding=1)

    def forward(self, x):
        p, q = x.chunk(2, 1)
        return self.a(p) + self.b(q)
'''


def test_pieces_of_a_chunk_are_not_taken_to_be_equal():
    # 7 channels chunk into 4 and 3: the pieces' sizes are not known, so nothing is wrong
    torch = pytest.importorskip("torch")
    assert module_shapes(built(UNEVEN, "uneven.py"), (2, 7, 16, 16))[""] == (2, 8, 16, 16)
    result = lint_text(UNEVEN, "uneven.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert [tuple(str(d) for d in c.output.shape.dims) for c in model.calls if c.node.path == "a"] \
        == [("N", "8", "H", "W")]
    del torch



STACKED = '''
import torch
from torch import nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, c, mid=8):
        super().__init__()
        self.pre = nn.Conv2d(c, c, 1)
        self.a = nn.Conv2d(1, mid, 3, padding=PAD)
        self.b = nn.Conv2d(1, mid, 3, padding=1)

    def forward(self, x):
        r, g, b = torch.chunk(F.relu(self.pre(x)), 3, 1)
        m = torch.stack([r * g, g * b, b], 2).mean(2)
        return self.a(m) + self.b(m)
'''


def test_a_stack_of_pieces_keeps_the_sizes_they_share():
    # torch stacks only tensors of one shape: the pieces' sides, and the batch, are the stack's
    line = line_of(STACKED, "padding=PAD")
    assert_bug_found_at_its_line(STACKED, {"PAD": "1"}, {"PAD": "0"}, (2, 3, 16, 16), line, "CL107", "stacked.py",
                                 build=three)
