"""A ModuleList (or Sequential) filled in a loop where a flag not known statically picks the block
to append (MSRN's `if args.bam: self.body.append(Attended(n)) else: self.body.append(Plain(n))`):
each of its places holds one of the two blocks, so `self.body[i](x)` follows each and keeps what
they agree on, and a fuse conv wrong for every value of the flag is found at its line; where the
blocks give other shapes, what follows is not judged, and the parameter count stays unknown.
Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.report.summary import build_summary
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

SIZE = (1, 3, 16, 16)

BLOCKS = '''
import torch
import torch.nn as nn


class Attended(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.c = nn.Conv2d(n, n, 3, padding=1, stride=STRIDE)
        self.a = nn.Conv2d(n, n, 1, stride=STRIDE)

    def forward(self, x):
        return self.c(x) * torch.sigmoid(self.a(x))


class Plain(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.c = nn.Conv2d(n, n, 3, padding=1)

    def forward(self, x):
        return self.c(x)
'''

INDEXED = BLOCKS + '''

class Net(nn.Module):
    def __init__(self, bam, n_feats=8, n_blocks=3):
        super().__init__()
        self.n_blocks = n_blocks
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.body = nn.ModuleList()
        for i in range(self.n_blocks):
            APPEND
        self.fuse = nn.Conv2d(n_feats * MAPS, n_feats, 1)

    def forward(self, x):
        x = self.head(x)
        outs = [x]
        for i in range(self.n_blocks):
            x = self.body[i](x)
            outs.append(x)
        return self.fuse(torch.cat(outs, 1))
'''

AS_IF = "if bam:\n                self.body.append(Attended(n_feats))\n" \
        "            else:\n                self.body.append(Plain(n_feats))"
AS_IFEXP = "self.body.append(Attended(n_feats) if bam else Plain(n_feats))"

ITERATED = BLOCKS + '''

class Net(nn.Module):
    def __init__(self, bam, n_feats=8, n_blocks=3):
        super().__init__()
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.body = nn.CONTAINER()
        for i in range(n_blocks):
            if bam:
                self.body.append(Attended(n_feats))
            else:
                self.body.append(Plain(n_feats))
        self.tail = nn.Linear(WIDTH, 10)

    def forward(self, x):
        x = self.head(x)
        FORWARD
        return self.tail(x.mean((2, 3)))
'''


def errors(source):
    return [(d.code, d.span.line) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def net_model(source):
    return next(m for m in lint_text(source, "net.py", Settings(input_shapes={"Net": SIZE})).models if m.name == "Net")


def runs(source, bam):
    try:
        module_shapes(built(source, "net.py", lambda namespace: namespace["Net"](bam)), SIZE)
    except RuntimeError:
        return False
    return True


@pytest.mark.parametrize("append", [AS_IF, AS_IFEXP])
def test_a_fuse_wrong_for_either_block_is_found_at_its_line(append):
    broken = filled(INDEXED, {"APPEND": append, "MAPS": "self.n_blocks", "STRIDE": "1"})
    assert not runs(broken, True) and not runs(broken, False)  # n_blocks + 1 maps arrive
    assert errors(broken) == [("CL103", line_of(broken, "self.fuse ="))]


@pytest.mark.parametrize("append", [AS_IF, AS_IFEXP])
def test_the_right_fuse_is_clean(append):
    fine = filled(INDEXED, {"APPEND": append, "MAPS": "(self.n_blocks + 1)", "STRIDE": "1"})
    assert runs(fine, True) and runs(fine, False)
    assert errors(fine) == []


def test_blocks_of_other_shapes_are_not_judged():
    # the attended block halves the map: its path fails at the cat, the plain one runs
    differing = filled(INDEXED, {"APPEND": AS_IF, "MAPS": "(self.n_blocks + 1)", "STRIDE": "2"})
    assert runs(differing, False) and not runs(differing, True)
    assert errors(differing) == []
    model = net_model(differing)
    assert model.output.shape.dims == (1, 8, 16, 16)  # where it runs: the plain blocks'
    assert build_summary(model, []).total_params is None  # which blocks, and so how many weights: not known


@pytest.mark.parametrize("container, forward", [
    ("ModuleList", "for block in self.body:\n            x = block(x)"),
    ("Sequential", "x = self.body(x)"),
])
def test_a_head_after_the_blocks_is_checked(container, forward):
    source = filled(ITERATED, {"CONTAINER": container, "FORWARD": forward, "STRIDE": "1"})
    broken, fine = filled(source, {"WIDTH": "16"}), filled(source, {"WIDTH": "8"})
    assert not runs(broken, True) and not runs(broken, False)
    assert runs(fine, True) and runs(fine, False)
    assert errors(broken) == [("CL101", line_of(broken, "self.tail ="))]
    assert errors(fine) == []
    model = net_model(fine)
    assert model.output.shape.dims == (1, 10)


def test_a_head_fitting_one_block_only_is_not_judged():
    # the attended block halves the map: the head fits the plain blocks' maps only
    source = filled(ITERATED, {"CONTAINER": "Sequential", "FORWARD": "x = self.body(x)", "STRIDE": "2"})
    source = source.replace("x.mean((2, 3))", "x.flatten(1)")
    differing = filled(source, {"WIDTH": "8 * 16 * 16"})
    assert runs(differing, False) and not runs(differing, True)
    assert errors(differing) == []


DICT = BLOCKS + '''

class Net(nn.Module):
    def __init__(self, bam, n_feats=8):
        super().__init__()
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.blocks = nn.ModuleDict()
        for name in ["low", "high"]:
            if bam:
                self.blocks[name] = Attended(n_feats)
            else:
                self.blocks[name] = Plain(n_feats)
        self.tail = nn.Linear(WIDTH, 10)

    def forward(self, x):
        x = self.head(x)
        for name, block in self.blocks.items():
            x = block(x)
        return self.tail(x.mean((2, 3)))
'''


def test_a_module_dict_of_either_block_is_followed_by_its_items():
    source = filled(DICT, {"STRIDE": "1"})
    broken, fine = filled(source, {"WIDTH": "16"}), filled(source, {"WIDTH": "8"})
    assert not runs(broken, True) and not runs(broken, False)
    assert runs(fine, True) and runs(fine, False)
    assert errors(broken) == [("CL101", line_of(broken, "self.tail ="))]
    assert errors(fine) == []


def test_paths_appending_not_as_many_modules_are_not_judged():
    # on one path each step appends a widening conv too: the head fits the other path only
    source = filled(ITERATED, {"CONTAINER": "Sequential", "FORWARD": "x = self.body(x)", "STRIDE": "1"})
    source = source.replace("self.body.append(Attended(n_feats))",
                            "self.body.append(Attended(n_feats))\n"
                            "                self.body.append(nn.Conv2d(n_feats, n_feats * 2, 1))\n"
                            "                n_feats = n_feats * 2")
    differing = filled(source, {"WIDTH": "8"})
    assert runs(differing, False) and not runs(differing, True)
    assert errors(differing) == []


def test_a_module_dict_of_widening_blocks_is_not_taken_as_empty():
    # each block widens the map: a head for the widened map is right, whichever block is chosen
    source = filled(DICT, {"STRIDE": "1", "WIDTH": "32"})
    source = source.replace("def __init__(self, n):", "def __init__(self, n, out=None):") \
        .replace("nn.Conv2d(n, n, 3, padding=1, stride=1)", "nn.Conv2d(n, out, 3, padding=1, stride=1)") \
        .replace("nn.Conv2d(n, n, 1, stride=1)", "nn.Conv2d(n, out, 1, stride=1)") \
        .replace("nn.Conv2d(n, n, 3, padding=1)", "nn.Conv2d(n, out, 3, padding=1)") \
        .replace("Attended(n_feats)", "Attended(n_feats, n_feats * 2)").replace("Plain(n_feats)", "Plain(n_feats, n_feats * 2)") \
        .replace("                self.blocks[name] = Plain(n_feats, n_feats * 2)",
                 "                self.blocks[name] = Plain(n_feats, n_feats * 2)\n            n_feats = n_feats * 2")
    assert runs(source, True) and runs(source, False)
    assert errors(source) == []
