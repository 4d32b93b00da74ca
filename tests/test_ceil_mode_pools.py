"""Pools with ceil_mode=True on a symbolic input: torch's size, the last window dropped where it
would start past the input and its left padding, kept exact where that is the same at every size
(a 3x3 stride-2 pool with padding 1, every such window; a size that is a multiple of the stride),
and unknown and listed where it turns on the size."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint import shapes, symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym, Unknown

torch = pytest.importorskip("torch")


def layer(bases):
    return st.builds(Sym, bases, st.integers(1, 4), st.integers(-6, 6), st.integers(1, 4))


dims = st.recursive(layer(st.just("H")), layer, max_leaves=3)  # nests of floors on H


@st.composite
def windows(draw):
    kernel = draw(st.integers(1, 5))
    dilation = draw(st.integers(1, 2))
    return kernel, draw(st.integers(1, 4)), draw(st.integers(0, kernel // 2)), dilation


@settings(max_examples=300, deadline=None)
@given(dims, windows())
def test_a_ceil_mode_side_of_a_symbolic_size_is_torchs_at_every_size(size, window):
    kernel, stride, padding, dilation = window
    out = shapes.pool_out(size, kernel, stride, padding, dilation, ceil_mode=True)
    for h in range(1, 40):
        side = symbolic.evaluate(size, h)
        if side < max(1, shapes.window_reach(kernel, dilation) - 2 * padding):
            continue  # torch refuses it: the window is larger than the padded input
        pooled = torch.nn.functional.max_pool1d(torch.zeros(1, 1, side), kernel, stride, padding, dilation,
                                                ceil_mode=True)
        if isinstance(out, Unknown):
            assert out.why == shapes.CEIL_MODE_SIDE
        else:
            assert symbolic.evaluate(out, h) == pooled.shape[-1], (size, window, h)


@pytest.mark.parametrize(("size", "window"), [(Sym("H"), (3, 2, 1, 1)), (Sym("H", 4), (2, 2, 1, 1)),
                                              (Sym("H"), (2, 2, 0, 1)), (Sym("H", 3), (3, 3, 1, 1))])
def test_the_sides_torchs_rule_gives_alike_at_every_size_are_exact(size, window):
    assert not isinstance(shapes.pool_out(size, *window, ceil_mode=True), Unknown)


# A DeepLab-style stem: a 3x3 stride-2 max pool with padding 1 and ceil_mode, then a dilated block
# whose padding is not its dilation: the residual add never meets
CEIL_STEM = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 7, stride=2, padding=3, bias=False)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=PAD, dilation=2, bias=False)

    def forward(self, x):
        x = self.maxpool(self.conv1(x))
        return torch.relu(self.conv2(x) + x)
'''


def test_a_ceil_mode_stem_pool_keeps_the_input_sides_symbolic():
    source = CEIL_STEM.replace("PAD", "2")
    result = lint_text(source, "stem.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    (pool,) = [c for c in model.calls if c.node.path == "maxpool"]
    namespace: dict = {}
    exec(compile(source, "stem.py", "exec"), namespace)
    net = namespace["Net"]().eval()
    for h in (9, 32, 33, 64, 65, 97):
        x = net.conv1(torch.zeros(1, 3, h, h + 1))
        torch_sides = tuple(net.maxpool(x).shape[2:])
        assert tuple(symbolic.evaluate(d, v) for d, v in zip(pool.output.shape.dims[2:], (h, h + 1))) == torch_sides


def test_a_ceil_mode_side_that_turns_on_the_size_is_listed():
    source = CEIL_STEM.replace("kernel_size=3, stride=2, padding=1", "kernel_size=2, stride=2, padding=1") \
        .replace("PAD", "2")
    result = lint_text(source, "stem.py", Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any(shapes.CEIL_MODE_SIDE in u.why and u.span.line == 14 for u in model.unresolved)
