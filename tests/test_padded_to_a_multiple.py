"""Padding to a multiple (`mod_pad_h = (k - h % k) % k`, `math.ceil(h / k) * k - h`, then F.pad):
the padded side is k*ceil(h/k), a floor nest, so the layers after it are checked with no options,
and a crop back to h gives h; against torch and over every size."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convlint import shapes
from convlint.pipeline import Settings, lint_text
from convlint.symbolic import evaluate
from convlint.values import Residue, Sym
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

SOURCE = '''import math
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.up = nn.ConvTranspose2d(8, 3, KERNEL, stride=2, padding=1)

    def forward(self, x):
        _, _, h, w = x.size()
PADDING
        y = self.up(self.down(x_pad))
        return y + x_pad
'''
PADDINGS = {
    "ceil": "        ph = math.ceil(h / 8) * 8 - h\n        pw = math.ceil(w / 8) * 8 - w\n"
            "        x_pad = F.pad(x, (0, pw, 0, ph), mode='reflect')",
    "modulo": "        mod_pad_h = (8 - h % 8) % 8\n        mod_pad_w = (8 - w % 8) % 8\n"
              "        x_pad = F.pad(x, (0, mod_pad_w, 0, mod_pad_h), 'reflect')",
    "rounded-up-size": "        H, W = ((h + 7) // 8) * 8, ((w + 7) // 8) * 8\n        x_pad = F.pad(x, (0, W - w, 0, H - h))",
    "int-of-float": "        ph = int(math.ceil(h / 8.0) * 8 - h)\n        pw = int(np.ceil(w / 8) * 8 - w)\n"
                    "        x_pad = F.pad(x, [0, pw, 0, ph], mode='replicate')",
}


@pytest.mark.parametrize("padding", PADDINGS)
def test_a_decoder_that_cannot_give_the_padded_size_back_is_an_error(padding):
    source = SOURCE.replace("PADDING", PADDINGS[padding])
    # kernel 3 gives 2h-1 of the even padded side for every size; kernel 4 gives it back
    assert_bug_found_at_its_line(source, {"KERNEL": "4"}, {"KERNEL": "3"}, (2, 3, 60, 45), 12, "CL107", "padded.py")


CROPPED = SOURCE.replace("KERNEL", "4").replace("return y + x_pad", "return y[:, :, :h, :w] + x")


@pytest.mark.parametrize("padding", PADDINGS)
def test_a_crop_back_to_the_size_before_the_padding_gives_that_size(padding):
    source = CROPPED.replace("PADDING", PADDINGS[padding])
    result = lint_text(source, "padded.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = result.models
    assert str(model.output.shape) == "Nx3xHxW"
    torch = pytest.importorskip("torch")
    for size in ((1, 3, 60, 45), (1, 3, 64, 17)):
        assert tuple(built(source, "padded.py")(torch.zeros(*size)).shape) == size
        module_shapes(built(source, "padded.py"), size)


def test_a_size_padded_past_the_next_multiple_is_found_at_the_crop():
    """`(h // 8 + 1) * 8` is always more than h: a crop of it to h added to it fails for every h."""
    source = CROPPED.replace("PADDING", "        ph = (h // 8 + 1) * 8 - h\n        pw = (w // 8 + 1) * 8 - w\n"
                             "        x_pad = F.pad(x, (0, pw, 0, ph))").replace("return y[:, :, :h, :w] + x",
                                                                             "return y + x_pad[:, :, :h, :w]")
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        built(source, "padded.py")(torch.zeros(1, 3, 16, 16))
    assert ("CL107", 20) in {(d.code, d.span.line) for d in lint_text(source, "padded.py", Settings()).diagnostics}


H = Sym("H")


@given(h=st.integers(1, 400), m=st.integers(2, 16), odd=st.booleans())
def test_the_residue_forms_are_exact_for_every_size(h, m, odd):
    side = Sym("H", 1, 1, 2) if odd else H  # a side after a stride-2 conv, (H+1)/2, as well
    d = evaluate(side, h)
    remainder = shapes.residue_arithmetic("Modulo", side, m)
    assert isinstance(remainder, Residue)
    short = shapes.residue_arithmetic("Modulo", shapes.residue_arithmetic("Subtract", m, remainder), m)
    padded = shapes.plus_residue(side, short)
    assert evaluate(padded, h) == -(-d // m) * m
    ceil = shapes.residue_arithmetic("Subtract", shapes.dim_mul(shapes.dim_floordiv(shapes.dim_add(side, m - 1), m), m),
                                     side)
    assert evaluate(shapes.plus_residue(side, ceil), h) == -(-d // m) * m
    assert evaluate(shapes.plus_residue(side, shapes.residue_arithmetic("Subtract", 0, remainder)), h) == d - d % m
    assert shapes.covers(padded, side) and not shapes.covers(shapes.plus_residue(side, shapes.residue_arithmetic(
        "Subtract", 0, remainder)), side)
