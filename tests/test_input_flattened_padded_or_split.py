"""With no input size, three ways forward() reshapes its input before any layer gives it a rank,
followed instead of losing every shape after them: a view into rows by the product of the input's
own sizes after the batch (`x.view(-1, x.shape[1] * x.shape[2] * x.shape[3])`, a flatten(1)); a
loop adding dims up to k (`while x.dim() < 4: x = x.unsqueeze(-1)`, braindecode's Ensure4d: any
tensor of k dims or more leaves it); channel slices of a stacked input (`x[:, :3, :, :]`, `x[:, 3:, :, :]`
of two frames, each fed to a Conv2d(3, ...): the input has 6). A bug after each is found at its line
with no options, as torch fails; what is not such a form claims nothing."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")


def _errors(source: str, filename: str) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, filename, Settings()).diagnostics
            if d.severity == "error"]


# ------------------------------------------------------------------ a view by the input's own sizes
MLP = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.inp = nn.Linear(d_in, 512)
        self.h1 = nn.Linear(512, 256)
        self.h2 = nn.Linear(WIDTH, 256)  # h2
        self.head = nn.Linear(256, d_out)

    def forward(self, x):
        x = VIEWED
        x = self.inp(x)
        x = self.h1(x)
        x = self.h2(x)
        return self.head(x)
'''

FLATTENS = [
    "x.view(-1, x.shape[1] * x.shape[-2] * x.shape[-1])",
    "x.view(-1, x.shape[1] * x.shape[2] * x.shape[3])",
    "x.view(x.size(0), x.size(1) * x.size(2) * x.size(3))",
    "x.reshape(x.shape[0], x.shape[1] * x.shape[2] * x.shape[3])",
    "torch.reshape(x, (-1, x.size(1) * x.size(2) * x.size(3)))",
    "x.view((-1, x.size()[1] * x.size()[2] * x.size()[3]))",
]


@pytest.mark.parametrize("viewed", FLATTENS)
def test_a_view_by_the_product_of_the_inputs_sizes_keeps_the_linears_after_it_checked(viewed):
    source = MLP.replace("VIEWED", viewed)
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "256"}, {"WIDTH": "512"}, (2, 1, 28, 28),
                                         line_of(source, "# h2"), "CL101", "flat.py",
                                         build=lambda namespace: namespace["Net"](784, 10))
    (model,) = clean.models
    assert any("product of the input's sizes" in note for note in model.assumed)
    module_shapes(built(filled(source, {"WIDTH": "256"}), "flat.py", lambda n: n["Net"](784, 10)), (2, 1, 28, 28))


@pytest.mark.parametrize("viewed", ["x.view(-1, x.shape[1] * x.shape[1])", "x.view(-1, x.shape[1] * 2)",
                                    "x.view(-1, x.shape[2] * x.shape[3])"])
def test_a_view_by_other_products_of_the_inputs_sizes_claims_nothing(viewed):
    """A size twice, a size times a number, the channels left out: no rank makes them a row per
    sample, the shape after the view stays unknown (as before): nothing is claimed of it. (The
    Linear chain's own widths are checked whatever it gets: each ends in its out_features, so the
    chain is written consistent here.)"""
    source = filled(MLP.replace("VIEWED", viewed), {"WIDTH": "256"})
    assert _errors(source, "other.py") == []


# ------------------------------------------------------------------------- a loop adding dims up to k
ENSURE_4D = '''
import torch
import torch.nn as nn


class Ensure4d(nn.Module):
    def forward(self, x):
        LOOP
        return x


class ToSpatial(nn.Module):
    def forward(self, x):
        return x.permute(0, 3, 2, 1)


class Net(nn.Sequential):
    def __init__(self):
        super().__init__()
        self.add_module("ensure4d", Ensure4d())
        self.add_module("spatial", ToSpatial())
        self.add_module("time_conv", nn.Conv2d(1, 40, (25, 1)))
        self.add_module("spat_conv", nn.Conv2d(40, 40, (1, 22), bias=False))
        self.add_module("bn", nn.BatchNorm2d(WIDTH))  # bn
'''

LOOPS = [
    "while x.dim() < 4:\n            x = x.unsqueeze(-1)",
    "while len(x.shape) < 4:\n            x = x[..., None]",
    "while x.ndim <= 3:\n            x = torch.unsqueeze(x, -1)",
    "while 4 > x.ndimension():\n            x.unsqueeze_(-1)",
]


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("size", [(2, 22, 60), (2, 22, 60, 1)])
def test_a_loop_adding_dims_up_to_four_leaves_a_tensor_the_layers_after_it_follow(loop, size):
    """An EEG trial (N, electrodes, samples) of 3 dims or of 4 runs the same: the batch norm's width
    is wrong for both, found with no options; the input is taken as of 4 dims, listed as assumed."""
    source = ENSURE_4D.replace("LOOP", loop)
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "40"}, {"WIDTH": "20"}, size, line_of(source, "# bn"),
                                         "CL104", "ensure4d.py")
    (model, *_) = [m for m in clean.models if m.name == "Net"]
    assert len(model.input_shape.dims) == 4
    assert any("while loop" in note for note in model.assumed)


def test_a_loop_doing_more_than_adding_a_dim_is_not_followed():
    """`x = x.unsqueeze(-1) * 2` each turn is no Ensure4d the analysis knows: not followed, listed."""
    source = filled(ENSURE_4D.replace("LOOP", "while x.dim() < 4:\n            x = x.unsqueeze(-1)\n"
                                              "            x = x * 2"), {"WIDTH": "20"})
    result = lint_text(source, "loop.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert any("while loop" in u.why for m in result.models for u in m.unresolved)


# ------------------------------------------------------------------------ channel slices of the input
TWO_FRAMES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.tower = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(2, 2, 4, 2, 1)
        self.fuse = nn.Conv2d(WIDTH, 64, 3, padding=1)  # fuse
        self.flow = nn.Conv2d(64, 2, 3, padding=1)

    def forward(self, x):
        im1 = x[:, :3, :, :]
        im2 = x[:, 3:, :, :]
        c1 = self.tower(im1)
        c2 = self.tower(im2)
        coarse = torch.zeros(x.size(0), 2, x.size(2) // 2, x.size(3) // 2)
        flow_up = self.up(coarse)
        y = self.fuse(torch.cat((c1, c2, im1, im2, flow_up), 1))
        return self.flow(y)
'''


def test_two_frames_sliced_from_a_stacked_input_give_it_their_channels():
    clean = assert_bug_found_at_its_line(TWO_FRAMES, {"WIDTH": "72"}, {"WIDTH": "70"}, (2, 6, 32, 32),
                                         line_of(TWO_FRAMES, "# fuse"), "CL103", "frames.py")
    (model,) = clean.models
    assert model.input_shape.dims[1] == 6 and len(model.input_shape.dims) == 4


SLICED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(A, 16, 3, padding=1)
        self.b = nn.Conv2d(3, 16, 3, padding=1)
        self.c = nn.Conv2d(WIDTH, 8, 1)  # c

    def forward(self, x):
        return self.c(torch.cat([self.a(x[:, 1:3, :, :]), self.b(x[:, 3:, :, :]), x], 1))
'''


@pytest.mark.parametrize("a", ["2", "1"])
def test_a_slice_of_the_channels_that_starts_inside_them_fixes_the_count(a):
    """x[:, 3:] into a Conv2d(3): the input has 6 channels; x[:, 1:3] into a Conv2d(2) needs at
    least 3 (into a Conv2d(1): exactly 2, which the other slice refuses, so torch always fails)."""
    source = SLICED.replace("A", a)
    if a == "2":
        assert_bug_found_at_its_line(source, {"WIDTH": "38"}, {"WIDTH": "33"}, (2, 6, 8, 8), line_of(source, "# c"),
                                     "CL103", "sliced.py")
        return
    for size in [(2, 2, 8, 8), (2, 6, 8, 8)]:
        with pytest.raises(RuntimeError):
            module_shapes(built(filled(source, {"WIDTH": "38"}), "sliced.py"), size)


def test_a_slice_of_dim_1_that_names_fewer_dims_claims_nothing():
    """`x[:, 3:]` into a Conv2d(3): of an unbatched (3, H, W) image it cuts the rows, and runs; the
    rank is not told, so neither are the channels, and the wrong width is not claimed."""
    source = SLICED.replace("A", "2").replace(", :, :]", "]")
    module_shapes(built(filled(source, {"WIDTH": "38"}), "short.py"), (2, 6, 8, 8))
    torch.nn.Conv2d(3, 16, 3, padding=1)(torch.zeros(3, 10, 8)[:, 3:])
    assert _errors(filled(source, {"WIDTH": "33"}), "short.py") == []


def test_the_first_channels_sliced_leave_the_count_open():
    """`x[:, :3]` of an RGBA or RGB image into a Conv2d(3): any count from 3 on runs, none is
    claimed, and nothing after it is an error."""
    source = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.head = nn.Conv2d(19, 8, 1)

    def forward(self, x):
        rgb = x[:, :3, :, :]
        return self.head(torch.cat([self.conv(rgb), rgb], 1))
'''
    for size in [(2, 3, 8, 8), (2, 4, 8, 8)]:
        module_shapes(built(source, "rgb.py"), size)
    result = lint_text(source, "rgb.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = result.models
    assert len(model.input_shape.dims) == 4 and not isinstance(model.input_shape.dims[1], int)


def test_slices_of_dim_1_into_linears_claim_no_features():
    """`x[:, :3]`, `x[:, 3:]` into Linear(3)s: of (N, 6) features or of (N, 6, 3) sequences (steps
    cut) torch runs both; the rank is the Linear's choice, so no count is told for dim 1."""
    source = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(3, 16)
        self.b = nn.Linear(3, 16)

    def forward(self, x):
        return self.a(x[:, :3]) + self.b(x[:, 3:])
'''
    for size in [(2, 6), (2, 6, 3)]:
        module_shapes(built(source, "rows.py"), size)
    result = lint_text(source, "rows.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert result.models[0].input_shape is None or 6 not in result.models[0].input_shape.dims
