"""With no input size, the input indexed before its first layer (`x[..., 0]`, `x[:, 0]`, with
Nones and slices around one `...`) is given the rank and dims torch keeps through that index: the
dims an int drops are of a size not known, the rest those the first layer fixes. Two layers on
slices of the same input then see the same channels (complex-valued layers run on x[..., 0] and
x[..., 1] of one [N, C, H, W, 2] tensor), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.symbolic import symbol_of
from convlint.values import Unknown, is_known
from tests.torch_cases import assert_shapes_equal_torch

FIRST_LAYER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = LAYER
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        y = self.conv(INDEXED)
        return self.fc(y.flatten(2).mean(2))
'''

SIZES = {"N": 2, "D": 7, "H": 11, "W": 13, "L": 9}
CONV2D, CONV3D = "nn.Conv2d(3, 8, 3)", "nn.Conv3d(3, 8, 1)"
# (the first layer, the index, the rank torch needs the input to have)
INDEXED = [
    (CONV2D, "x[..., 0]", 5),
    (CONV2D, "x[..., -1]", 5),
    (CONV2D, "x[..., 1, :]", 5),
    (CONV2D, "x[:, 0]", 5),
    (CONV2D, "x[:, :, 0]", 5),
    (CONV2D, "x[:, :, 0, ...]", 5),
    (CONV2D, "x[..., 0, 1]", 6),
    (CONV2D, "x[:, ..., 0]", 5),
    (CONV2D, "x[..., 2:-2, 0]", 5),
    (CONV2D, "x[:, :, ::2, 0]", 5),
    (CONV2D, "x[:, :, 1:]", 4),
    (CONV3D, "x[..., None]", 4),
    (CONV3D, "x[:, :, None, ..., 0]", 5),
]


def _concrete(dims: tuple) -> tuple:
    """A size torch can run the inferred input at: the sides and batch from SIZES, a dim an int
    dropped 2 (every index in the table is 0, 1 or -1)."""
    return tuple(2 if isinstance(d, Unknown) else d if is_known(d) else SIZES[symbol_of(d)] for d in dims)


@pytest.mark.parametrize("layer, indexed, rank", INDEXED)
def test_the_input_indexed_before_its_first_layer_has_the_dims_torch_keeps(layer, indexed, rank):
    source = FIRST_LAYER.replace("LAYER", layer).replace("INDEXED", indexed)
    result = lint_text(source, "indexed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    dims = model.input_shape.dims
    assert len(dims) == rank and symbol_of(dims[0]) == "N"
    # the size it names runs in torch, each layer's output the shape convlint gives at that size
    assert_shapes_equal_torch(source, _concrete(dims), "indexed.py")


@pytest.mark.parametrize("indexed", ["x[0]", "x[None]", "x[:, 1:]", "x[..., 0, ...]"])
def test_an_index_that_moves_or_cuts_the_batch_or_channels_leaves_the_input_unknown(indexed):
    """The batch indexed away or moved, the channels cut, two `...` (torch refuses): no rank is
    told, nothing is claimed."""
    source = FIRST_LAYER.replace("LAYER", CONV2D).replace("INDEXED", indexed)
    result = lint_text(source, "indexed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert result.models[0].input_shape is None


def test_an_index_that_makes_a_side_of_one_is_what_a_window_too_large_finds():
    """x[:, :, None, ..., 0] before a 3 x 3 conv: the height is the 1 the None makes, at every size."""
    source = FIRST_LAYER.replace("LAYER", CONV2D).replace("INDEXED", "x[:, :, None, ..., 0]")
    result = lint_text(source, "indexed.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL105", 8)]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "indexed.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
        namespace["Net"]()(torch.zeros(2, 3, 16, 2))


COMPLEX = '''
import torch
import torch.nn as nn


class ComplexLayer(nn.Module):
    def __init__(self, in_channel, out_channel):
        super().__init__()
        self.re = REAL
        self.im = IMAGINARY

    def forward(self, x):  # x: [batch, channel, h, w, 2]
        real = self.re(x[..., 0]) - self.im(x[..., 1])
        imaginary = self.re(x[..., 1]) + self.im(x[..., 0])
        return torch.stack((real, imaginary), dim=-1)
'''

IMAGINARY_LINE = 10
COMPLEX_LAYERS = [
    ("nn.Conv2d(in_channel, out_channel, 3, padding=1)", "nn.Conv2d(in_channel * 2, out_channel, 3, padding=1)",
     "nn.Conv2d(in_channel, out_channel, 3, padding=1)", "CL103"),
    ("nn.BatchNorm2d(in_channel)", "nn.BatchNorm2d(2 * in_channel)", "nn.BatchNorm2d(in_channel)", "CL104"),
]


@pytest.mark.parametrize("real, wrong, right, code", COMPLEX_LAYERS)
def test_two_layers_on_slices_of_one_input_of_different_widths_are_found(real, wrong, right, code):
    broken = COMPLEX.replace("REAL", real).replace("IMAGINARY", wrong)
    result = lint_text(broken, "complex_nn.py", Settings())
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [(code, IMAGINARY_LINE)]
    assert "for every in_channel" in errors[0].message
    fixed = COMPLEX.replace("REAL", real).replace("IMAGINARY", right)
    assert [d for d in lint_text(fixed, "complex_nn.py", Settings()).diagnostics if d.severity == "error"] == []
    # the plain input told its size finds the same
    sized = lint_text(broken, "complex_nn.py", Settings(input_shapes={"ComplexLayer": (1, 2, 16, 16, 2)}))
    assert (code, IMAGINARY_LINE) in {(d.code, d.span.line) for d in sized.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("real, wrong, right, code", COMPLEX_LAYERS)
def test_torch_refuses_the_wider_layer_on_a_slice(real, wrong, right, code):
    torch = pytest.importorskip("torch")
    for imaginary, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(COMPLEX.replace("REAL", real).replace("IMAGINARY", imaginary), "complex_nn.py", "exec"),
             namespace)
        layer = namespace["ComplexLayer"](2, 8).eval()
        if fails:
            with pytest.raises(RuntimeError):
                layer(torch.zeros(1, 2, 16, 16, 2))
        else:
            assert layer(torch.zeros(1, 2, 16, 16, 2)).shape[-1] == 2
