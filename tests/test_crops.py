"""Crops and numpy size arithmetic (tests/corpus/crops.py), against torch."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convlint.evaluator.tensor_ops import _sliced_size
from convlint.pipeline import Settings, lint_file, lint_text
from convlint.symbolic import evaluate
from convlint.values import Sym, is_known, opaque

CORPUS = Path(__file__).parent / "corpus"
NAME = "crops.py"


def _load() -> dict:
    namespace: dict = {"__name__": "crops"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def test_a_crop_keeps_the_channels_so_the_concatenation_is_checked():
    result = lint_file(CORPUS / NAME, NAME, Settings())
    errors = [(d.model, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [("WrongCropLike", "CL103")]
    (message,) = [d.message for d in result.diagnostics if d.severity == "error"]
    assert "expects 16 input channels, but torch.cat gives 19" in message
    assert "shape Nx19xHxW" in message  # the crop of 2*((H+1)/2), never less than H, to H: H
    torch = pytest.importorskip("torch")
    namespace = _load()
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 19 channels"):
        namespace["WrongCropLike"]()(torch.zeros(1, 3, 30, 30))
    for side in (29, 30, 64):
        assert namespace["CropLike"]()(torch.zeros(1, 3, side, side)).shape == (1, 8, side, side)
        assert namespace["Trimmed"]()(torch.zeros(1, 3, side, side)).shape == (1, 2, side - 2, side - 2)


@pytest.mark.parametrize("model", ["CropLike", "ConstantCrop", "Trimmed", "Patch"])
def test_shapes_match_torch(model):
    torch = pytest.importorskip("torch")
    shape = (1, 3, 32, 32)
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={model: shape}))
    (analysis,) = [m for m in result.models if m.name == model]
    real = _load()[model]()
    seen = {}
    for name, module in real.named_modules():
        if name:
            module.register_forward_hook(lambda m, i, o, name=name: None if seen.setdefault(name, tuple(o.shape)) else None)
    out = real(torch.zeros(*shape))
    assert tuple(analysis.output.shape.dims) == tuple(out.shape)
    for call in analysis.calls:
        if call.node.path in seen:
            assert tuple(call.output.shape.dims) == seen[call.node.path], call.node.path


@given(side=st.integers(3, 200), start=st.integers(0, 3), stop=st.integers(-3, -1), step=st.integers(1, 3))
def test_a_symbolic_side_cut_at_its_ends_is_exact(side, start, stop, step):
    sliced = _sliced_size(Sym("H"), slice(start or None, stop, step))
    expected = len(range(side)[start:stop:step])
    if expected >= 1:
        assert evaluate(sliced, side) == expected


def test_a_slice_to_another_size_is_its_own_size():
    height = Sym("H")
    assert _sliced_size(height, slice(None, height)) == height
    cut = _sliced_size(height, slice(None, 30))
    assert not is_known(cut) and cut == _sliced_size(height, slice(None, 30)) != _sliced_size(height, slice(None, 31))
    assert _sliced_size(height, slice(None, None, 0)) is None  # torch: slice step must be positive
    # a start not known (`x[:, self.num_prefix_tokens:]`, timm): a size of its own, never a crash
    width = Sym("W")
    assert not is_known(_sliced_size(height, slice(width, None)))
    assert _sliced_size(opaque("(H*W)/3"), slice(0, None)) == opaque("(H*W)/3")  # a size of no form: x[:, 0:]
    assert not is_known(_sliced_size(opaque("(H*W)/3"), slice(1, None)))
    assert _sliced_size(height, slice(width, None)) == _sliced_size(height, slice(width, None))


def test_one_hot_tables_from_eye_and_index_select_match_torch():
    name = "one_hot_masks.py"
    shape = (2, 10, 16)
    result = lint_file(CORPUS / name, name, Settings(input_shapes={"CapsuleDecoder": shape,
                                                                    "WrongCapsuleDecoder": shape}))
    errors = sorted((d.model, d.code, d.span.line) for d in result.diagnostics if d.severity == "error")
    lines = (CORPUS / name).read_text().splitlines()
    marked = [i for i, text in enumerate(lines, 1) if "[CL101]" in text]
    assert errors == [("EyeHead", "CL101", marked[1]), ("WrongCapsuleDecoder", "CL101", marked[0])]
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "one_hot_masks"}
    exec(compile((CORPUS / name).read_text(), name, "exec"), namespace)
    (decoder,) = [m for m in result.models if m.name == "CapsuleDecoder"]
    assert tuple(decoder.output.shape.dims) == tuple(namespace["CapsuleDecoder"]()(torch.randn(*shape)).shape)
    for model in ("WrongCapsuleDecoder", "EyeHead"):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace[model]()(torch.randn(*shape))


TENSOR_CROP = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(1, 8, 3)
        self.pool = nn.MaxPool2d(2)
        self.mid = nn.Conv2d(8, 8, 3)
        self.up = nn.ConvTranspose2d(8, 8, 2, stride=2)
        self.conv = nn.Conv2d(16, 16, 3)
        self.head = nn.Linear(HEAD_IN, 10)

    def center_crop(self, skip, x):
        skip_shape = torch.tensor(skip.shape)
        x_shape = torch.tensor(x.shape)
        crop = skip_shape[2:] - x_shape[2:]
        half_crop = HALF
        pad = PAD
        return F.pad(skip, pad.tolist())

    def forward(self, x):
        skip = self.down(x)
        x = self.up(self.mid(self.pool(skip)))
        skip = self.center_crop(skip, x)
        return self.head(self.conv(torch.cat((skip, x), dim=1)).flatten(1))
'''

HALVES = ["crop // 2", "(crop / 2).int()"]
PADS = ["-torch.stack((half_crop, half_crop)).t().flatten()", "-torch.stack((half_crop, half_crop), dim=1).flatten()",
        "-torch.stack((half_crop, half_crop)).T.reshape(-1)", "torch.cat((-half_crop[1:], -half_crop[1:], -half_crop[:1], -half_crop[:1]))"]


@pytest.mark.parametrize("half", HALVES)
@pytest.mark.parametrize("pad", PADS)
def test_a_center_crop_computed_with_tensors_of_the_shape_is_exact(half, pad):
    """`torch.tensor(skip.shape)`, its spatial part less x's, halved, stacked into F.pad's negative
    pads: the cropped skip has x's size, each module's shape torch's; a head sized for the map
    before the last valid conv (26 x 26, not 24 x 24) is found at its line."""
    from tests.torch_cases import filled, module_shapes, built

    source = filled(TENSOR_CROP, {"HALF": half, "PAD": pad})
    for side in (32, 36):  # (the valid convs leave side - 8)
        right = filled(source, {"HEAD_IN": f"16 * {side - 8} * {side - 8}"})
        result = lint_text(right, "unet.py", Settings(input_shapes={"UNet": (1, 1, side, side)}))
        assert [d for d in result.diagnostics if d.severity == "error"] == []
        (model,) = result.models
        predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
        torch_shapes = module_shapes(built(right, "unet.py", lambda namespace: namespace["UNet"]()), (1, 1, side, side))
        for path, shape in torch_shapes.items():
            assert predicted.get(path) == shape, (side, path)
    wrong = filled(source, {"HEAD_IN": "16 * 26 * 26"})
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "unet.py", lambda namespace: namespace["UNet"]()), (1, 1, 32, 32))
    found = lint_text(wrong, "unet.py", Settings(input_shapes={"UNet": (1, 1, 32, 32)})).diagnostics
    assert [(d.code, d.span.line) for d in found if d.severity == "error"] == [("CL101", 15)]
