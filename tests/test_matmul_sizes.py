"""Matrix products (`a @ b`, torch.matmul, x.mm, torch.bmm) whose inner sizes differ at every
input size are CL107 at the product, as an add or a cat of shapes that cannot combine is: a
non-local block whose keys are pooled but not its values (H*W against (H/2)*(W/2)), a weight of
another width. Sizes an input may make equal (H against W) are never judged; checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled

NON_LOCAL = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.inter = c // 2
        self.theta = nn.Conv2d(c, self.inter, 1)
        self.phi = nn.Sequential(nn.Conv2d(c, self.inter, 1), nn.MaxPool2d(2))
        self.g = VALUES
        self.out = nn.Conv2d(self.inter, c, 1)

    def forward(self, x):
        b, _, h, w = x.shape
        t = self.theta(x).view(b, self.inter, -1).permute(0, 2, 1)
        p = self.phi(x).view(b, self.inter, -1)
        v = self.g(x).view(b, self.inter, -1).permute(0, 2, 1)
        f = PRODUCT.softmax(-1)
        y = torch.matmul(f, v)
        return x + self.out(y.permute(0, 2, 1).reshape(b, self.inter, h, w))
'''

POOLED = "nn.Sequential(nn.Conv2d(c, self.inter, 1), nn.MaxPool2d(2))"
NOT_POOLED = "nn.Conv2d(c, self.inter, 1)"
PRODUCTS = ["torch.matmul(t, p)", "(t @ p)", "t.matmul(p)", "torch.bmm(t, p)", "t.bmm(p)"]


@pytest.mark.parametrize("product", PRODUCTS)
def test_values_not_pooled_as_the_keys_are_an_error_at_the_product(product):
    # the keys give (H/2)*(W/2) positions, the values H*W: no input size makes them equal
    assert_bug_found_at_its_line(NON_LOCAL, {"VALUES": POOLED, "PRODUCT": product},
                                 {"VALUES": NOT_POOLED, "PRODUCT": product}, (2, 16, 8, 8), 21, "CL107", "nl.py")


def test_the_fixed_block_resolves_as_torch_gives_it():
    assert_shapes_equal_torch(filled(NON_LOCAL, {"VALUES": POOLED, "PRODUCT": PRODUCTS[0]}), (2, 16, 8, 12), "nl.py")


def test_with_an_input_size_the_message_names_the_sizes():
    source = filled(NON_LOCAL, {"VALUES": NOT_POOLED, "PRODUCT": PRODUCTS[0]})
    for settings, sizes in ((Settings(), ("(H/2)*(W/2)", "H*W")), (Settings(input_shapes={"Net": (2, 16, 8, 12)}),
                                                                   ("24", "96"))):
        errors = [d for d in lint_text(source, "nl.py", settings).diagnostics if d.severity == "error"]
        assert [(d.code, d.span.line) for d in errors] == [("CL107", 21)]
        assert f"last dim ({sizes[0]}) must equal the second's dim -2 ({sizes[1]})" in errors[0].message


WEIGHTED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.weight = nn.Parameter(torch.zeros(ROWS, 5))

    def forward(self, x):
        z = self.conv(x).mean((2, 3))
        return PRODUCT
'''


@pytest.mark.parametrize("product", ["z.mm(self.weight)", "torch.mm(z, self.weight)", "z @ self.weight"])
def test_a_weight_of_another_width_is_an_error_at_the_product(product):
    assert_bug_found_at_its_line(WEIGHTED, {"ROWS": "8", "PRODUCT": product}, {"ROWS": "6", "PRODUCT": product},
                                 (2, 3, 8, 8), 14, "CL107", "w.py")


def test_mm_says_what_torch_says():
    torch = pytest.importorskip("torch")
    source = filled(WEIGHTED, {"ROWS": "6", "PRODUCT": "z.mm(self.weight)"})
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(2x8 and 6x5\)"):
        built(source, "w.py")(torch.zeros(2, 3, 8, 8))
    found = lint_text(source, "w.py", Settings(input_shapes={"Net": (2, 3, 8, 8)})).diagnostics
    (error,) = [d for d in found if d.severity == "error"]
    assert "mat1 and mat2 shapes cannot be multiplied (2x8 and 6x5)" in error.message


BATCHES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 1)
        self.mix = nn.Parameter(torch.zeros(BATCH, 8, 8))

    def forward(self, x):
        z = self.conv(x).flatten(2)
        return torch.bmm(z, self.mix)
'''


def test_bmm_of_batches_that_differ_is_an_error_and_matmul_broadcasts_them():
    torch = pytest.importorskip("torch")
    source = filled(BATCHES, {"BATCH": "3"})
    with pytest.raises(RuntimeError):
        built(source, "b.py")(torch.zeros(2, 3, 2, 4))
    found = lint_text(source, "b.py", Settings(input_shapes={"Net": (2, 3, 2, 4)})).diagnostics
    assert [(d.code, d.span.line) for d in found if d.severity == "error"] == [("CL107", 14)]
    # torch.matmul broadcasts a batch of 1 against 2: it runs, and nothing is reported
    broadcast = filled(BATCHES, {"BATCH": "1"}).replace("torch.bmm", "torch.matmul")
    assert_shapes_equal_torch(broadcast, (2, 3, 2, 4), "b.py")


SIDES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 1, 1)

    def forward(self, x):
        z = self.conv(x)[:, 0]
        return torch.matmul(z, z)
'''


def test_sides_an_input_may_make_equal_are_not_judged():
    # (N, H, W) @ (N, H, W): W against H, which a square input makes equal
    assert not [d for d in lint_text(SIDES, "s.py", Settings()).diagnostics if d.severity == "error"]
    assert_shapes_equal_torch(SIDES, (2, 3, 8, 8), "s.py")
