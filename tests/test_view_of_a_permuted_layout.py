"""`x.permute(0, 2, 1, 3).view(n, h, -1)` of a CRNN's feature map, `out.transpose(1, 2).view(b, t, c)`
of an attention block: permute, transpose, t and expand give views whose strides are moved, and torch
makes a view of one only where each group of dims it merges is contiguous among itself in memory
(ATen's computeStride), else "view size is not compatible with input tensor's size and stride". With
every size known, such a view is an error (CL102) at its line; a view torch makes (of a contiguous map,
after a permute that moves only dims of 1, one that splits a dim, after .contiguous(), or a reshape,
which copies) stays clean, and so does any view whose sizes are not all known."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint import strides as layout
from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built

torch = pytest.importorskip("torch")


def _torch_view(shape, order, new):
    """The strides torch gives `x.permute(order).view(new)` of a contiguous x, or None where it refuses."""
    x = torch.zeros(shape).permute(order)
    try:
        return tuple(x.view(new).stride())
    except RuntimeError as e:
        assert "view size is not compatible" in str(e)
        return None


@st.composite
def permuted_views(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=4)))
    order = tuple(draw(st.permutations(range(len(shape)))))
    numel = 1
    for d in shape:
        numel *= d
    factors = [p for p in (2, 3) for _ in range(20) if numel % p ** (_ + 1) == 0]
    factors = draw(st.permutations(factors))
    cuts = sorted(draw(st.lists(st.integers(0, len(factors)), max_size=4)))
    new = [1] if not factors else []
    start = 0
    for cut in [*cuts, len(factors)]:
        part = 1
        for f in factors[start:cut]:
            part *= f
        new.append(part)
        start = max(start, cut)
    ones = draw(st.lists(st.integers(0, len(new)), max_size=2))
    for at in ones:
        new.insert(at, 1)
    return shape, order, tuple(new)


@settings(max_examples=400, deadline=None)
@given(permuted_views())
def test_the_stride_rule_is_torchs_for_permuted_views(case):
    shape, order, new = case
    base = layout.contiguous(tuple(shape[a] for a in range(len(shape))))
    moved = layout.permuted(base, order)
    permuted_shape = tuple(shape[a] for a in order)
    assert layout.view(permuted_shape, moved, new) == _torch_view(shape, order, new)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.data())
def test_the_stride_rule_is_torchs_for_expanded_views(shape, data):
    grown = tuple(data.draw(st.sampled_from((d, 2, 3))) if d == 1 else d for d in shape)
    lead = tuple(data.draw(st.lists(st.integers(1, 3), max_size=2)))
    target = lead + grown
    x = torch.zeros(shape).expand(target)
    strides = layout.expanded(tuple(shape), layout.contiguous(shape), target)
    assert strides == tuple(x.stride())
    numel = x.numel()
    for new in ((numel,), (target[0], -1) if len(target) > 1 else (numel,)):
        sized = tuple(numel // (target[0] if len(new) > 1 else 1) if d == -1 else d for d in new)
        try:
            wanted = tuple(x.view(new).stride())
        except RuntimeError:
            wanted = None
        assert layout.view(target, strides, sized) == wanted


CRNN = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d((2, 1)))
        self.rnn = nn.LSTM(FEATURES, 32, bidirectional=True)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.cnn(x)
        x = x.permute(ORDER)
        x = x.VIEW(x.size(0), x.size(1), -1)
        x, _ = self.rnn(x.permute(1, 0, 2))
        return self.fc(x)
"""
SIZE = (2, 1, 16, 40)


def _errors(source: str, size=SIZE):
    return {(d.code, d.span.line) for d in lint_text(source, "crnn.py", Settings(input_shapes={"Net": size})).diagnostics
            if d.severity == "error"}


def _runs(source: str, size=SIZE) -> bool:
    try:
        built(source, "crnn.py")(torch.zeros(size))
    except RuntimeError as e:
        assert "view size is not compatible" in str(e)
        return False
    return True


def test_a_view_across_the_permuted_channels_is_an_error_at_its_line():
    source = CRNN.replace("ORDER", "0, 2, 1, 3").replace("VIEW", "view").replace("FEATURES", "16 * 40")
    assert not _runs(source)
    diagnostics = [d for d in lint_text(source, "crnn.py", Settings(input_shapes={"Net": SIZE})).diagnostics
                   if d.severity == "error"]
    assert [(d.code, d.span.line) for d in diagnostics] == [("CL102", line_of(source, "x.view("))]
    assert "view size is not compatible with input tensor's size and stride" in diagnostics[0].message
    assert "permute(0, 2, 1, 3)" in diagnostics[0].message


@pytest.mark.parametrize("fixed", ["reshape", "contiguous().view"])
def test_a_reshape_or_a_contiguous_copy_is_clean(fixed):
    source = CRNN.replace("ORDER", "0, 2, 1, 3").replace("VIEW", fixed).replace("FEATURES", "16 * 40")
    assert _runs(source)
    assert _errors(source) == set()


def test_the_crnn_order_whose_merged_dims_stay_adjacent_is_clean():
    source = CRNN.replace("ORDER", "0, 3, 1, 2").replace("VIEW", "view").replace("FEATURES", "16 * 8")
    assert _runs(source)
    assert _errors(source) == set()


def test_no_error_where_the_sizes_are_not_known():
    source = CRNN.replace("ORDER", "0, 2, 1, 3").replace("VIEW", "view").replace("FEATURES", "16 * 40")
    errors = {(d.code, d.span.line) for d in lint_text(source, "crnn.py", Settings()).diagnostics
              if d.severity == "error"}
    assert ("CL102", line_of(source, "x.view(")) not in errors


MOVED = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        x = x.permute(ORDER)
        return x.view(VIEW)
"""


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(4)), st.sampled_from(list(itertools.chain(
    ((2, -1), (-1,), (2, 4, -1), (-1, 6), (2, 2, 2, 6, 2), (2, 1, 4, 3, 4, 1), (8, 12), (2, 48))))),
    st.sampled_from([(2, 1, 3, 4), (2, 1, 1, 6), (2, 1, 4, 1)]))
def test_an_error_exactly_where_torch_refuses_the_view(order, new, size):
    numel = 2 * 4 * size[2] * size[3]
    sized = tuple(d for d in new)
    known = 1
    for d in sized:
        known *= d if d != -1 else 1
    if numel % known:
        return  # a view of another element count: not this rule
    source = MOVED.replace("ORDER", ", ".join(map(str, order))).replace("VIEW", ", ".join(map(str, new)))
    found = ("CL102", line_of(source, "x.view(")) in _errors(source, size)
    assert found == (not _runs(source, size))


ATTENTION = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.out = nn.Linear(dim, dim)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = q.reshape(b, t, self.heads, c // self.heads).transpose(1, 2)
        k = k.reshape(b, t, self.heads, c // self.heads).transpose(1, 2)
        v = v.reshape(b, t, self.heads, c // self.heads).transpose(1, 2)
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        y = (attn @ v).transpose(1, 2)
        y = MERGE
        return self.out(y)
"""


@pytest.mark.parametrize("merge, refused", [("y.view(b, t, c)", True), ("y.contiguous().view(b, t, c)", False),
                                            ("y.reshape(b, t, c)", False), ("y.flatten(2)", False)])
def test_heads_merged_by_a_view_of_the_transposed_output(merge, refused):
    source = ATTENTION.replace("MERGE", merge)
    size = (2, 5, 32)
    assert _runs(source, size) is not refused
    errors = {(d.code, d.span.line) for d in lint_text(source, "attn.py", Settings(input_shapes={"Net": size})).diagnostics
              if d.severity == "error"}
    assert (("CL102", line_of(source, "y = " + merge)) in errors) is refused
    if not refused:
        assert errors == set()


TRANSPOSED = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        y = self.fc(x)
        return MADE
"""


@pytest.mark.parametrize("made, refused", [
    ("y.t().view(-1)", True), ("y.t().view(4, 1, 3)", False), ("y.t().contiguous().view(-1)", False),
    ("y.unsqueeze(1).expand(3, 2, 4).view(-1)", True), ("y.unsqueeze(0).expand(2, 3, 4).view(2, -1)", False),
    ("y.t().relu().view(-1)", True), ("(y.t() * 2).view(-1)", True), ("y.t().unsqueeze(0).view(4, 3)", False),
])
def test_t_and_expand_then_view(made, refused):
    source = TRANSPOSED.replace("MADE", made)
    size = (3, 6)
    assert _runs(source, size) is not refused
    errors = _errors(source, size)
    assert (("CL102", line_of(source, "return ")) in errors) is refused
    if not refused:
        assert errors == set()


JOINED = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(1, 4, 3, padding=1)

    def forward(self, x):
        a = torch.cat([self.conv(x), self.conv2(x)], 1)
        return MADE
"""


@pytest.mark.parametrize("made", [
    "torch.transpose(a, 1, 2).view(2, 3, -1)", "torch.permute(a, (0, 2, 1, 3)).view(2, 3, -1)",
    "(self.conv(x) + self.conv2(x)).transpose(1, 2).view(2, 3, -1)",
    "torch.matmul(a, a.transpose(2, 3)).transpose(1, 2).view(2, 3, -1)",
    "F_OK torch.matmul(a, a.transpose(2, 3)).transpose(1, 2).view(2, 3, 8, 3)",
    "F_OK torch.cat([a, a], 2).transpose(1, 3).view(2, 4, 3, 2, 8)", "torch.cat([a, a], 2).transpose(1, 3).view(2, 4, 8, 6)",
])
def test_cat_sum_and_matmul_are_laid_out_contiguously(made):
    refused = not made.startswith("F_OK ")
    source = JOINED.replace("MADE", made.removeprefix("F_OK "))
    size = (2, 1, 3, 4)
    assert _runs(source, size) is not refused
    errors = _errors(source, size)
    assert (("CL102", line_of(source, "return ")) in errors) is refused
    if not refused:
        assert errors == set()


def _applied(name: str, x):
    """torch's op of that name on x, with the arguments it needs; None where it takes none such."""
    F = torch.nn.functional
    special = {"clamp": lambda t: t.clamp(0, 1), "clamp_": lambda t: t.clone().clamp_(0, 1),
               "clip": lambda t: t.clip(0, 1), "pow": lambda t: t.pow(2), "threshold": lambda t: F.threshold(t, 0.1, 0.0),
               "to": lambda t: t.to(torch.float64), "type_as": lambda t: t.type_as(torch.zeros(1, dtype=torch.float64)),
               "roll": lambda t: t.roll(1, 1), "flip": lambda t: t.flip(1), "renorm": lambda t: t.renorm(2, 0, 1.0),
               "renorm_": lambda t: t.clone().renorm_(2, 0, 1.0), "dropout1d": lambda t: F.dropout1d(t[0], 0.5, True)}
    if name in special:
        return special[name](x)
    op = getattr(torch.Tensor, name, None) or getattr(F, name, None) or getattr(torch, name, None)
    if op is None or name in ("cuda", "bitwise_not"):
        return None
    return op(x.clone() if name.endswith("_") else x)


def test_the_ops_said_to_keep_a_permuted_layout_keep_it_in_torch():
    from convlint.evaluator.tensor_ops import LAYOUT_KEEPING

    x = (torch.rand(2, 3, 4, 5) + 0.5).permute(0, 2, 1, 3)
    changed = []
    for name in sorted(LAYOUT_KEEPING):
        made = _applied(name, x)
        source = x[0] if name == "dropout1d" else x
        if isinstance(made, torch.Tensor) and made.shape == source.shape and made.stride() != source.stride():
            changed.append(name)
    assert changed == []


def test_the_layers_said_to_keep_a_permuted_layout_keep_it_in_torch():
    from convlint.evaluator.tensor_ops import LAYOUT_KEEPING_LAYERS

    x = (torch.rand(2, 3, 4, 5) + 0.5).permute(0, 2, 1, 3)
    changed = []
    for name in sorted(LAYOUT_KEEPING_LAYERS):
        layer = torch.nn.Threshold(0.1, 0.0) if name == "Threshold" else getattr(torch.nn, name)()
        layer.train()  # (a dropout in eval mode gives its input back)
        if layer(x).stride() != x.stride():
            changed.append(name)
    assert changed == []


CHANNELS_LAST_BACK = """
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        x = self.conv(x.permute(0, 3, 1, 2))
        return x.permute(0, 2, 3, 1).view(x.size(0), -1)


out = Head()(torch.randn(2, 16, 16, 3))
"""


def test_a_conv_of_a_batch_permuted_to_channels_first_is_not_taken_as_contiguous():
    # an NHWC batch permuted to NCHW is channels-last in memory, and so is the conv's output: its
    # permute back to NHWC is contiguous, and torch makes the view
    namespace = {}
    exec(compile(CHANNELS_LAST_BACK, "<head>", "exec"), namespace)
    assert tuple(namespace["out"].shape) == (2, 2048)
    found = lint_text(CHANNELS_LAST_BACK, "head.py", Settings()).diagnostics
    assert [d for d in found if d.severity == "error"] == []
