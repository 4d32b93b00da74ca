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


HELD_SHAPE = '''
import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, nz=100):
        super().__init__()
        self.reshape = RESHAPE  # the shape the transposed convs start from
        self.project = nn.Linear(nz, 512 * 4 * 4)
        self.up = nn.Sequential(nn.ConvTranspose2d(512, 256, 4, 2, 1), nn.BatchNorm2d(256), nn.ReLU())

    def forward(self, z):
        x = self.project(z)
        shape = LOCAL
        x = x.view(VIEW)
        return self.up(x)
'''


def _held(reshape: str = "(512, 4, 4)", local: str = "None", view: str = "-1, *self.reshape") -> str:
    return HELD_SHAPE.replace("RESHAPE", reshape).replace("LOCAL", local).replace("VIEW", view)


@pytest.mark.parametrize("shapes", [{}, {"Generator": (8, 100)}], ids=["symbolic", "given"])
@pytest.mark.parametrize("reshape, local, view, written", [
    ("(256, 4, 4)", "None", "-1, *self.reshape", "self.reshape = (256, 4, 4)"),
    ("(-1, 256, 4, 4)", "None", "self.reshape", "self.reshape = (-1, 256, 4, 4)"),
    ("None", "(256, 4, 4)", "-1, *shape", "shape = (256, 4, 4)"),
], ids=["attribute-starred", "attribute-whole", "local"])
def test_a_batch_cutting_view_whose_sizes_a_tuple_holds_is_blamed_where_the_tuple_is_written(
        shapes, reshape, local, view, written):
    """`self.reshape = (256, 4, 4)` then `x.view(-1, *self.reshape)` of 8192 features a sample: the
    numbers to change are the tuple's, reported there, the view related; the right tuple is clean."""
    source = _held(reshape, local, view)
    result = lint_text(source, "gan.py", Settings(input_shapes=shapes))
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    lines = source.splitlines()
    assert error.code == "CL103" and written in lines[error.span.line - 1]
    assert f"x = x.view({view})" in lines[error.related[0].line - 1]
    assert "view(x.size(0), 512, 4, 4)" in error.fix
    right = lint_text(source.replace("256, 4, 4)", "512, 4, 4)"), "gan.py", Settings(input_shapes=shapes))
    assert [d for d in right.diagnostics if d.severity == "error"] == []


LATENT = '''
import torch
from torch import nn
from torch.nn import functional as F


class LatentDecoder(nn.Module):
    """A joint continuous and discrete latent: which parts there are, the spec a caller gives says."""

    def __init__(self, latent_spec, hidden_dim=256):
        super().__init__()
        self.is_continuous = 'cont' in latent_spec
        self.is_discrete = 'disc' in latent_spec
        self.latent_dim = latent_spec.get('cont', 0) + latent_spec.get('disc', 0)
        self.reshape = RESHAPE  # the shape the transposed convs start from
        if self.is_continuous:
            self.fc_mean = nn.Linear(hidden_dim, latent_spec['cont'])
        if self.is_discrete:
            self.fc_alpha = nn.Linear(hidden_dim, latent_spec['disc'])
        self.latent_to_features = nn.Sequential(nn.Linear(self.latent_dim, hidden_dim), nn.ReLU(),
                                                nn.Linear(hidden_dim, 64 * 4 * 4), nn.ReLU())
        self.features_to_img = nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
                                             nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, hidden):
        latent = []
        if self.is_continuous:
            latent.append(self.fc_mean(hidden))
        if self.is_discrete:
            latent.append(F.softmax(self.fc_alpha(hidden), dim=1))
        features = self.latent_to_features(torch.cat(latent, dim=1))
        return self.features_to_img(features.view(-1, *self.reshape))
'''


def test_rows_of_a_latent_the_constructor_arguments_choose_are_cut_by_the_view_alike():
    """The latent's parts depend on a spec nothing gives, so its rows are not known; they are the
    1024 features the Linear before the view makes, cut into two rows of 32 x 4 x 4 where the
    transposed conv takes 64 channels: the tuple is blamed, and the right one is clean."""
    source = LATENT.replace("RESHAPE", "(32, 4, 4)")
    (error,) = [d for d in lint_text(source, "vae.py", Settings()).diagnostics if d.severity == "error"]
    assert error.code == "CL103" and "self.reshape = (32, 4, 4)" in source.splitlines()[error.span.line - 1]
    assert "cuts each row of 1024 features into rows of 512" in error.message
    assert "view(-1, 64, 4, 4)" in error.fix
    right = lint_text(LATENT.replace("RESHAPE", "(64, 4, 4)"), "vae.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []


def test_torch_refuses_the_held_shapes_that_cut_the_batch():
    torch = pytest.importorskip("torch")
    for source, fails in ((_held("(256, 4, 4)"), True), (_held("(512, 4, 4)"), False),
                          (_held("None", "(256, 4, 4)", "-1, *shape"), True)):
        namespace: dict = {}
        exec(compile(source, "gan.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 512 channels, but got 256"):
                namespace["Generator"]()(torch.randn(8, 100))
        else:
            assert namespace["Generator"]()(torch.randn(8, 100)).shape == (8, 256, 8, 8)
    for reshape, fails in (("(32, 4, 4)", True), ("(64, 4, 4)", False)):
        namespace = {}
        exec(compile(LATENT.replace("RESHAPE", reshape), "vae.py", "exec"), namespace)
        decoder = namespace["LatentDecoder"]({"cont": 10, "disc": 10}).eval()
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 32"):
                decoder(torch.randn(2, 256))
        else:
            assert decoder(torch.randn(2, 256)).shape == (2, 1, 16, 16)
