"""A view whose leading -1 takes more than one sample's elements (`x.view(-1, 2, D, 1, 1)` of an
(N, D, 1, 1) map): CL102 with no input size, as torch merges samples (or stops at an odd batch)."""

import pytest

from convlint.pipeline import Settings, lint_text

ATTENTION = '''
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, c=32, branches=2):
        super().__init__()
        self.squeeze = nn.Conv2d(c, c // 4, 1)
        self.excite = nn.Conv2d(c // 4, {out}, 1)
        self.branches = branches
        self.c = c

    def forward(self, x):
        w = self.excite(F.relu(self.squeeze(F.adaptive_avg_pool2d(x, 1))))
        w = w.view({view})
        return F.softmax(w, 1)[:, 0] * x
'''

# (excite's out_channels, the view): the -1 is the batch only when the channels fill the rest
CASES = [
    ("c", "-1, self.branches, self.c, 1, 1", True),         # c channels into rows of 2c: pairs of samples merge
    ("2 * c", "-1, self.branches, self.c, 1, 1", False),    # one row per sample
    ("c", "-1, 4, self.c, 1, 1", True),
    ("4 * c", "-1, 4, self.c, 1, 1", False),
]


def _errors(source: str, shapes=None):
    result = lint_text(source, "attention.py", Settings(input_shapes=shapes or {}))
    return [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize(("out", "view", "merges"), CASES)
def test_view_merging_samples_is_found_at_every_batch(out, view, merges):
    source = ATTENTION.format(out=out, view=view)
    # (at excite, whose out_channels the view's rows call for, with the view as related location:
    # the input's 32 channels the squeeze conv fixes let the width be tried)
    assert _errors(source) == ([("CL102", 10)] if merges else [])
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "attention.py", "exec"), namespace)
    model = namespace["Attention"]()
    for batch in (1, 3):  # an odd batch: torch stops where samples would merge
        if merges:
            with pytest.raises(RuntimeError):
                model(torch.zeros(batch, 32, 8, 8))
        else:
            model(torch.zeros(batch, 32, 8, 8))
    rows = model.excite(torch.zeros(4, 8, 1, 1)).view(-1, *eval(view.split(",", 1)[1].replace("self.", "model.")
                                                               ))
    assert (rows.shape[0] != 4) == merges  # an even batch runs, with the wrong number of rows


def test_kept_spatial_sizes_cancel():
    source = '''
import torch.nn as nn


class Split(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.conv = nn.Conv2d(3, {out}, 3, padding=1)
        self.c = c

    def forward(self, x):
        y = self.conv(x)
        return y.view(-1, 2, self.c, y.size(2), y.size(3)).sum(1)
'''
    assert _errors(source.format(out="c")) == [("CL102", 13)]
    assert _errors(source.format(out="2 * c")) == []
    torch = pytest.importorskip("torch")
    for out, fails in (("c", True), ("2 * c", False)):
        namespace: dict = {}
        exec(compile(source.format(out=out), "split.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Split"]()(torch.zeros(3, 3, 8, 8))
        else:
            assert namespace["Split"]()(torch.zeros(3, 3, 8, 8)).shape == (3, 16, 8, 8)


STEM_AND_ATTENTION = '''
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.squeeze = nn.Conv2d(planes, planes // 4, 1)
        self.excite = nn.Conv2d(planes // 4, {out}, 1)
        self.planes = planes

    def forward(self, x):
        w = self.excite(F.relu(self.squeeze(F.adaptive_avg_pool2d(x, 1))))
        w = F.softmax(w.view(-1, 2, self.planes, 1, 1), 1)
        return x * w[:, 0] + x * w[:, 1]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.blocks = nn.Sequential(Block(32), nn.Conv2d(32, 64, 1), Block(64))

    def forward(self, x):
        return self.blocks(self.stem(x))
'''


def test_merging_view_is_blamed_at_the_layer_whose_width_it_does_not_fit():
    """The view is written for two weights per channel; the conv that gives one is the line to change."""
    # Net's at the conv (its widths known), Block's alone at the view (planes of every value)
    assert sorted(_errors(STEM_AND_ATTENTION.format(out="planes"))) == [("CL102", 10), ("CL102", 15)]
    assert _errors(STEM_AND_ATTENTION.format(out="2 * planes")) == []
    torch = pytest.importorskip("torch")
    for out, fails in (("planes", True), ("2 * planes", False)):
        namespace: dict = {}
        exec(compile(STEM_AND_ATTENTION.format(out=out), "sk.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Net"]()(torch.zeros(3, 3, 8, 8))
        else:
            assert namespace["Net"]()(torch.zeros(3, 3, 8, 8)).shape == (3, 64, 8, 8)


FOLDED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(True), nn.AdaptiveAvgPool2d((4, 4)))
        self.fc = nn.Linear(16 * 4 * 4, num_classes)

    def forward(self, x):
        out = self.features(x)
        out = FLATTEN
        return self.fc(out)
'''


@pytest.mark.parametrize("flatten", ["torch.flatten(out)", "out.view(-1)", "out.reshape(-1)"])
def test_a_flatten_of_the_whole_batch_into_a_linear_is_found_at_the_flatten(flatten):
    """Every sample's features in one row: the Linear takes it only for a batch of 1."""
    source = FOLDED.replace("FLATTEN", flatten)
    assert _errors(source) == [("CL102", 14)]
    assert _errors(source, {"Net": (2, 3, 32, 32)}) == [("CL102", 14)]  # not the Linear's CL101 too
    assert _errors(source, {"Net": (1, 3, 32, 32)}) == []  # a batch of one runs
    assert _errors(FOLDED.replace("FLATTEN", "torch.flatten(out, 1)")) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "folded.py", "exec"), namespace)
    net = namespace["Net"]()
    assert tuple(net(torch.zeros(1, 3, 32, 32)).shape) == (10,)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        net(torch.zeros(2, 3, 32, 32))


GENERATOR = '''
import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, nz=100):
        super().__init__()
        self.project = nn.Linear(nz, 512 * 4 * 4)
        self.up = nn.Sequential(nn.ConvTranspose2d(512, 256, 4, 2, 1), nn.BatchNorm2d(256), nn.ReLU())

    def forward(self, z):
        x = self.project(z)
        x = x.view(VIEW)
        return self.up(x)
'''


@pytest.mark.parametrize("shapes", [{}, {"Generator": (8, 100)}], ids=["symbolic", "given"])
def test_a_view_that_cuts_each_sample_into_rows_the_next_layer_refuses_is_blamed(shapes):
    """`x.view(-1, 256, 4, 4)` of 8192 features a sample: the batch doubles and the transposed conv
    gets 256 channels where it takes 512, which the view with the batch kept gives: the view is
    reported, not the conv; the right view is clean."""
    source = GENERATOR.replace("VIEW", "-1, 256, 4, 4")
    result = lint_text(source, "gan.py", Settings(input_shapes=shapes))
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL103", 14)  # the view
    assert "view(x.size(0), 512, 4, 4)" in error.fix
    right = lint_text(GENERATOR.replace("VIEW", "-1, 512, 4, 4"), "gan.py", Settings(input_shapes=shapes))
    assert [d for d in right.diagnostics if d.severity == "error"] == []


def test_the_batch_cutting_view_fails_in_torch():
    torch = pytest.importorskip("torch")
    for view, fails in (("-1, 256, 4, 4", True), ("-1, 512, 4, 4", False)):
        namespace: dict = {}
        exec(compile(GENERATOR.replace("VIEW", view), "gan.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 512 channels, but got 256"):
                namespace["Generator"]()(torch.randn(8, 100))
        else:
            assert namespace["Generator"]()(torch.randn(8, 100)).shape == (8, 256, 8, 8)


def test_the_view_is_blamed_when_the_refused_layer_is_written_over_several_lines():
    """The finding at the transposed conv points at its in_channels argument, a line below the
    call's start: the view that cut the batch is still the one blamed."""
    source = GENERATOR.replace("VIEW", "-1, 256, 4, 4").replace(
        "nn.Sequential(nn.ConvTranspose2d(512, 256, 4, 2, 1), nn.BatchNorm2d(256), nn.ReLU())",
        "nn.Sequential(nn.ConvTranspose2d(\n            512,\n            256, 4, 2, 1), nn.BatchNorm2d(256), nn.ReLU())")
    (error,) = [d for d in lint_text(source, "gan.py", Settings()).diagnostics if d.severity == "error"]
    assert error.code == "CL103" and "x = x.view(-1, 256, 4, 4)" in source.splitlines()[error.span.line - 1]
