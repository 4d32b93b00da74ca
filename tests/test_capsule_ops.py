"""The ops capsule networks route with, checked against torch: torch.einsum of operands whose
sizes for one subscript differ (CL107, at the call that passed a routing weight's size), stack
and cat of a list repeated a number of times not known statically (`[x] * self.out_caps`), a
matrix product whose inner sizes differ while its batch is symbolic, F.one_hot's class dim."""

from __future__ import annotations

import pytest

from convlint import shapes
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled


def errors(source: str, filename: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, filename, settings or Settings()).diagnostics if d.severity == "error"]


ROUTING = '''
import torch
import torch.nn as nn


class Routing(nn.Module):
    def __init__(self, in_capsules, out_capsules):
        super().__init__()
        self.N0, self.D0 = in_capsules
        self.N1, self.D1 = out_capsules
        self.W = nn.Parameter(torch.Tensor(self.N1, self.N0, self.D0, self.D1))
        nn.init.normal_(self.W)

    def forward(self, x):
        u = torch.einsum("...ji,kjiz->...kjz", x, self.W)
        c = torch.softmax(torch.einsum("...ij,...kj->...i", u, u)[..., None], dim=1)
        return torch.sum(u * c, dim=-2)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.primary = nn.Conv2d(128, 16 * 8, 9, groups=128)
        self.routing = Routing(in_capsules=CAPSULES, out_capsules=(10, 16))

    def forward(self, x):
        x = self.primary(x)
        x = x.view(-1, 16, 8)
        return self.routing(x)
'''


def test_an_einsum_weight_told_other_capsules_is_an_error_at_the_call_that_passed_them():
    # the weight's j is 32 where the capsules the view makes are 16: torch's einsum refuses
    line = line_of(ROUTING, "self.routing = Routing(")
    assert_bug_found_at_its_line(ROUTING, {"CAPSULES": "(16, 8)"}, {"CAPSULES": "(32, 8)"}, (2, 128, 9, 9), line,
                                 "CL107", "caps.py")
    assert_shapes_equal_torch(filled(ROUTING, {"CAPSULES": "(16, 8)"}), (2, 128, 9, 9), "caps.py")


def test_the_einsum_message_says_what_torch_says_and_where_the_einsum_is():
    torch = pytest.importorskip("torch")
    source = filled(ROUTING, {"CAPSULES": "(32, 8)"})
    with pytest.raises(RuntimeError, match="subscript j has size 32 for operand 1 which does not broadcast with "
                                           "previously seen size 16"):
        built(source, "caps.py")(torch.zeros(2, 128, 9, 9))
    (error,) = errors(source, "caps.py", Settings(input_shapes={"Net": (2, 128, 9, 9)}))
    assert "subscript j has size 32 for operand 1 which does not broadcast with previously seen size 16" \
        in error.message
    assert f"on line {line_of(ROUTING, 'u = torch.einsum(')}" in error.message


def test_an_einsum_of_a_weight_written_here_is_an_error_at_the_einsum():
    source = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.W = nn.Parameter(torch.zeros(4, 6))

    def forward(self, x):
        return torch.einsum("nchw,ck->nkhw", self.conv(x), self.W)
'''
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        built(source, "w.py")(torch.zeros(2, 3, 8, 8))
    assert [(d.code, d.span.line) for d in errors(source, "w.py")] == [("CL107", line_of(source, "torch.einsum"))]
    assert_shapes_equal_torch(source.replace("zeros(4, 6)", "zeros(8, 6)"), (2, 3, 8, 8), "w.py")


SQUARE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 1, 1)

    def forward(self, x):
        z = self.conv(x)[:, 0]
        return torch.einsum("nij,njk->nik", z, z) + torch.einsum("nij,nkj->nik", z, z[:, :1])
'''


@pytest.mark.parametrize(("equation", "sizes"), [
    ("...ji,kjiz->...kjz", [(2, 16, 8), (10, 32, 8, 16)]),
    ("ij,jk->ik", [(2, 3), (2, 4)]),
    ("ij,jk->ik", [(2, 1), (3, 4)]),
    ("ij,jk", [(2, 3, 4), (3, 4)]),
    ("...ij,jk", [(5, 2, 3), (3, 4)]),
    ("...ijk,jk", [(3, 4), (3, 4)]),
    ("bij,bjk->bik", [(2, 2, 3), (3, 3, 4)]),
    ("ii->i", [(2, 3)]),
    ("ii->i", [(3, 3)]),
    ("...ij,...jk", [(5, 2, 3), (6, 3, 4)]),
])
def test_einsum_refusal_is_torchs(equation, sizes):
    torch = pytest.importorskip("torch")
    try:
        torch.einsum(equation, *[torch.zeros(s) for s in sizes])
        refused = None
    except RuntimeError as error:
        refused = str(error)
    found = shapes.einsum_refusal(equation, sizes)
    assert (found is None) == (refused is None)
    if found is not None and "..." not in found:
        assert found in refused


def test_einsum_refusal_of_symbolic_sizes_only_where_no_size_fits():
    n, h, w = Sym("N"), Sym("H"), Sym("W")
    assert shapes.einsum_refusal("nij,njk->nik", [(n, h, w), (n, h, w)]) is None  # a square input
    assert shapes.einsum_refusal("ij,jk->ik", [(n, h), (Sym("H", 2), 4)]) is None  # H of 1 broadcasts
    assert shapes.einsum_refusal("ij,jk->ik", [(n, Sym("H", 2)), (Sym("H", 2, 1), 4)]) is not None  # 2H, 2H+1
    assert shapes.einsum_refusal("ij,jk->ik", [(n, 16), (Sym("c"), 4)]) is None  # an argument of 16 fits
    # (N, H, W) by (N, H, W): W against H, which a square input makes equal; W against 1 broadcasts
    assert not errors(SQUARE, "s.py")
    assert_shapes_equal_torch(SQUARE, (2, 3, 8, 8), "s.py")


DIGIT = '''
import torch
import torch.nn as nn


class Digit(nn.Module):
    def __init__(self, in_caps, in_dim, out_caps, out_dim):
        super().__init__()
        self.out_caps = out_caps
        self.W = nn.Parameter(torch.randn(in_caps, out_caps, out_dim, in_dim))

    def forward(self, x):
        b = x.size(0)
        x = torch.stack([x] * self.out_caps, dim=STACKED)
        W = torch.cat([self.W.unsqueeze(0)] * b, dim=0)
        u_hat = torch.matmul(W, x.unsqueeze(4))
        return u_hat.sum(dim=1).squeeze(-1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 256, 9)
        self.primary = nn.Conv2d(256, 32 * 8, 9, stride=2)
        self.digit = Digit(1152, IN_DIM, 10, 16)

    def forward(self, x):
        h = self.primary(torch.relu(self.conv1(x)))
        h = h.view(h.size(0), 32, 8, h.size(2), h.size(3)).permute(0, 1, 3, 4, 2).contiguous()
        h = h.view(h.size(0), -1, 8)
        return self.digit(h)
'''

RIGHT = {"STACKED": "2", "IN_DIM": "8"}


def test_a_list_repeated_by_an_argument_stacks_and_tiles_as_torch_does():
    assert_shapes_equal_torch(filled(DIGIT, RIGHT), (2, 1, 28, 28), "digit.py")
    # Digit on its own, of required arguments: out_caps and out_dim symbolic
    result = lint_text(filled(DIGIT, RIGHT), "digit.py", Settings(input_shapes={"Digit": (2, 1152, 8)}))
    (digit,) = [m for m in result.models if m.name == "Digit"]
    assert [str(d) for d in digit.output.shape.dims] == ["2", "out_caps", "out_dim"]
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_capsules_of_another_dim_than_the_weight_takes_are_an_error_at_the_call_that_passed_it():
    # the weight's last dim is 16, the capsules the view makes 8: the matmul refuses at every size,
    # though the number of capsules (from H and W) is not known; 16 is passed by the Digit call
    assert_bug_found_at_its_line(DIGIT, RIGHT, {"STACKED": "2", "IN_DIM": "16"}, (2, 1, 28, 28),
                                 line_of(DIGIT, "self.digit = Digit("), "CL107", "digit.py")
    (error,) = errors(filled(DIGIT, {"STACKED": "2", "IN_DIM": "16"}), "digit.py")
    assert f"torch.matmul on line {line_of(DIGIT, 'u_hat = torch.matmul(')}" in error.message
    assert "the first operand's last dim (16) must equal the second's dim -2 (8)" in error.message


def test_capsules_stacked_on_the_wrong_dim_are_an_error_at_the_product():
    # batch dims [N, 1152, 10] against [N, 10, capsules]: 1152 against 10, whatever H and W are
    torch = pytest.importorskip("torch")
    source = filled(DIGIT, {"STACKED": "1", "IN_DIM": "8"})
    with pytest.raises(RuntimeError):
        built(source, "digit.py")(torch.zeros(2, 1, 28, 28))
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 1, 28, 28)})):
        found = [d for d in errors(source, "digit.py", settings) if d.model == "Net"]
        assert [(d.code, d.span.line) for d in found] == [("CL107", line_of(DIGIT, "u_hat = torch.matmul("))]
    # Digit on its own: in_dim against the input's last dim, out_caps against 1152, all may fit
    assert not [d for d in errors(source, "digit.py") if d.model == "Digit"]


TILED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.stem = nn.Conv2d(3, 3, 1)
        self.conv = nn.Conv2d(WIDTH, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(torch.cat([self.stem(x)] * self.n, dim=1))
'''


def test_a_cat_of_a_list_repeated_by_an_argument_gives_that_many_times_the_width():
    torch = pytest.importorskip("torch")
    line = line_of(TILED, "self.conv = nn.Conv2d(")
    assert ("CL103", line) in {(d.code, d.span.line) for d in errors(filled(TILED, {"WIDTH": "4 * n"}), "t.py")}
    with pytest.raises(RuntimeError):
        built(filled(TILED, {"WIDTH": "4 * n"}), "t.py", lambda ns: ns["Net"](2))(torch.zeros(2, 3, 8, 8))
    assert not errors(filled(TILED, {"WIDTH": "3 * n"}), "t.py")
    assert not errors(filled(TILED, {"WIDTH": "3"}), "t.py")  # n may be 1
    assert_shapes_equal_torch(filled(TILED, {"WIDTH": "3 * n"}), (2, 3, 8, 8), "t.py",
                              build=lambda ns: ns["Net"](2))


MASKED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Mask(nn.Module):
    def forward(self, x):
        lengths = torch.sqrt(torch.sum(x ** 2, dim=-1))
        mask = F.one_hot(torch.argmax(lengths, dim=1), num_classes=lengths.shape[1])
        return (x * mask.unsqueeze(-1)).view(x.shape[0], -1)


class Net(nn.Module):
    def __init__(self, num_classes=10, num_capsules=16):
        super().__init__()
        self.mask = Mask()
        self.fc1 = nn.Linear(FEATURES, 512)

    def forward(self, caps):
        return self.fc1(self.mask(caps.view(-1, 10, 16)))
'''


def test_a_decoder_fed_one_hot_masked_capsules_is_checked():
    line = line_of(MASKED, "self.fc1 = nn.Linear(")
    assert_bug_found_at_its_line(MASKED, {"FEATURES": "num_capsules * num_classes"}, {"FEATURES": "num_capsules"},
                                 (2, 160), line, "CL101", "mask.py")
    assert_shapes_equal_torch(filled(MASKED, {"FEATURES": "num_capsules * num_classes"}), (2, 160), "mask.py")


def test_one_hot_of_the_default_number_of_classes_keeps_the_rank():
    source = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        return F.one_hot(x.argmax(1))
'''
    result = lint_text(source, "o.py", Settings(input_shapes={"Net": (2, 5)}))
    (net,) = [m for m in result.models if m.name == "Net"]
    assert len(net.output.shape.dims) == 2 and net.output.shape.dims[0] == 2
