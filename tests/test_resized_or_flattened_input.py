"""With no input size, a forward that resizes or flattens its input before any layer tells its
rank. A pre-upsampling super-resolution net (nn.Upsample or F.interpolate, then convs, then the
global residual `+ x`) takes the rank and channels of the first conv after the resize, its sides
resized as torch resizes them, so an output conv that breaks the residual is found. An MLP on
images (torch.flatten(img, 1), img.flatten(1), nn.Flatten()(img), then Linears) gets N x the
features, as x.view(x.size(0), -1) does: its input may have any rank from 2 on, so it stays
symbolic, and the Linears after it are checked. Shapes against torch's forward hooks."""

from __future__ import annotations

import pytest

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import is_known
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

PRE_UPSAMPLING = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, scale=2):
        super().__init__()
        self.scale = scale
        UPSAMPLER
        self.body = nn.Sequential(CONV(3, 16, 3, padding=1), nn.ReLU(), CONV(16, 16, 3, padding=1), nn.ReLU())
        self.tail = CONV(16, 3, 3, padding=PADDING)

    def forward(self, x):
        x = UPSAMPLED
        return self.tail(self.body(x)) + x
'''

# (the resizer built in __init__, the resize in forward, the conv after it, a size torch runs)
RESIZES = {
    "module-bicubic": ("self.upsample = nn.Upsample(scale_factor=scale, mode='bicubic', align_corners=False)",
                       "self.upsample(x)", "nn.Conv2d", (2, 3, 11, 13)),
    "sequential-nearest": ("self.upsample = nn.Sequential(nn.Upsample(scale_factor=scale))",
                           "self.upsample(x)", "nn.Conv2d", (2, 3, 11, 13)),
    "interpolate-bilinear": ("self.mode = 'bilinear'",
                             "F.interpolate(x, scale_factor=self.scale, mode=self.mode, align_corners=False)",
                             "nn.Conv2d", (2, 3, 11, 13)),
    "interpolate-size": ("self.mode = 'nearest'", "F.interpolate(x, size=(32, 24))", "nn.Conv2d", (2, 3, 11, 13)),
    "module-linear-1d": ("self.upsample = nn.Upsample(scale_factor=scale, mode='linear')",
                         "self.upsample(x)", "nn.Conv1d", (2, 3, 9)),
    "module-trilinear-3d": ("self.upsample = nn.Upsample(scale_factor=(1, scale, scale), mode='trilinear')",
                            "self.upsample(x)", "nn.Conv3d", (2, 3, 7, 11, 13)),
}

SYMBOL_VALUES = {"N": 2, "D": 7, "H": 11, "W": 13, "L": 9}


def _at(dims: tuple) -> tuple:
    """Symbolic dims at the sizes of SYMBOL_VALUES (None where a dim is not known)."""
    return tuple(d if is_known(d) else symbolic.evaluate(d, SYMBOL_VALUES[symbol])
                 if (symbol := symbolic.symbol_of(d)) in SYMBOL_VALUES else None for d in dims)


def _resizing(form: str) -> str:
    upsampler, upsampled, conv, _ = RESIZES[form]
    return filled(PRE_UPSAMPLING, {"UPSAMPLER": upsampler, "UPSAMPLED": upsampled, "CONV": conv})


def _errors(result) -> list:
    return [d for d in result.diagnostics if d.severity == "error"]


def _assert_symbolic_shapes_equal_torch(source: str, model, size: tuple, open_dims: frozenset = frozenset()) -> None:
    """Each module's shape at the sizes of SYMBOL_VALUES is torch's at `size`; only the modules in
    `open_dims` may leave a dim unknown (None), and have torch's rank."""
    predicted = {c.node.path: _at(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    seen = module_shapes(built(source, "model.py"), size)
    assert seen
    for path, shape in seen.items():
        got = predicted.get(path)
        if path in open_dims and got is not None:
            got = tuple(want if have is None else have for have, want in zip(got, shape)) + got[len(shape):]
        assert got == shape, path


@pytest.mark.parametrize("form", sorted(RESIZES))
def test_the_input_resized_first_has_the_rank_and_channels_of_the_conv_after_it(form):
    source = filled(_resizing(form), {"PADDING": "1"})
    result = lint_text(source, "model.py", Settings())
    assert _errors(result) == []
    (model,) = [m for m in result.models if m.name == "Net"]
    size = RESIZES[form][3]
    dims = model.input_shape.dims
    assert len(dims) == len(size) and dims[1] == 3 and symbolic.symbol_of(dims[0]) == "N"
    _assert_symbolic_shapes_equal_torch(source, model, size)


@pytest.mark.parametrize("form", sorted(RESIZES))
def test_an_output_conv_that_breaks_the_global_residual_after_a_resize_is_found_at_its_line(form):
    source = _resizing(form)
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "padding=PADDING" in text)
    assert_bug_found_at_its_line(source, {"PADDING": "1"}, {"PADDING": "0"}, RESIZES[form][3], line, "CL107",
                                 "model.py")


@pytest.mark.parametrize("upsampler, conv", [
    ("nn.Upsample(scale_factor=scale, mode='bilinear')", "nn.Conv1d"),  # bilinear needs 4-d: torch refuses at every size
    ("nn.Upsample(scale_factor=scale, mode='trilinear')", "nn.Conv2d"),
    ("nn.Upsample(scale_factor=(scale, scale), mode='nearest')", "nn.Conv3d"),  # two factors for three sides
    ("nn.Upsample(mode='nearest')", "nn.Conv2d"),  # neither a size nor a factor
])
def test_a_resize_the_conv_after_it_cannot_follow_tells_no_rank(upsampler, conv):
    """A mode or a factor that does not fit the rank the conv takes: torch refuses it for every
    input, and convlint gives the input no rank, nor claims anything."""
    source = filled(PRE_UPSAMPLING, {"UPSAMPLER": f"self.upsample = {upsampler}", "UPSAMPLED": "self.upsample(x)",
                                     "CONV": conv, "PADDING": "0"})
    result = lint_text(source, "model.py", Settings())
    assert _errors(result) == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_shape is None


MLP = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(784, 512)
        self.bn1 = nn.BatchNorm1d(512)
        self.fc2 = nn.Linear(FC2_IN, 1)

    def forward(self, img):
        x = FLATTENED
        return torch.sigmoid(self.fc2(torch.relu(self.bn1(self.fc1(x)))))
'''

FLATTENS = ["torch.flatten(img, 1)", "torch.flatten(img, start_dim=1)", "img.flatten(1)",
            "img.flatten(start_dim=1, end_dim=-1)", "nn.Flatten()(img)", "self.flatten(img)"]
FC2_LINE = next(n for n, text in enumerate(MLP.splitlines(), 1) if "FC2_IN" in text)


@pytest.mark.parametrize("flattened", FLATTENS)
def test_the_input_flattened_first_is_the_batch_by_its_features(flattened):
    source = filled(MLP, {"FLATTENED": flattened, "FC2_IN": "512"})
    result = lint_text(source, "mlp.py", Settings())
    assert _errors(result) == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_shape is None  # any rank from 2 on runs: an image or its pixels in a row
    for size in ((2, 1, 28, 28), (2, 784)):
        _assert_symbolic_shapes_equal_torch(source, model, size, open_dims=frozenset({"flatten"}))


@pytest.mark.parametrize("flattened", FLATTENS)
def test_a_linear_after_the_flattened_input_given_the_wrong_features_is_found_at_its_line(flattened):
    source = filled(MLP, {"FLATTENED": flattened})
    assert_bug_found_at_its_line(source, {"FC2_IN": "512"}, {"FC2_IN": "256"}, (2, 1, 28, 28), FC2_LINE, "CL101",
                                 "mlp.py")


@pytest.mark.parametrize("flattened", ["img.flatten(2)", "torch.flatten(img, 1, 2)"])
def test_a_flatten_of_other_dims_of_the_input_tells_nothing(flattened):
    """The dims it keeps depend on the rank, which nothing fixes: the features stay unknown (fc2
    is written to take what fc1 gives: a Linear's output ends in its out_features whatever it gets)."""
    source = filled(MLP, {"FLATTENED": flattened, "FC2_IN": "512"})
    result = lint_text(source, "mlp.py", Settings())
    assert _errors(result) == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert all(c.output.shape.dims is None for c in model.calls if c.node.path == "fc1")
