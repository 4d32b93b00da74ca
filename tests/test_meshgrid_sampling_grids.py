"""Sampling grids built with numpy or torch (`gx, gy = np.meshgrid(np.arange(W), np.arange(H))`,
`torch.tensor(gx)`, `torch.meshgrid(torch.linspace(-1, 1, h), torch.arange(w))`), as the backward
warp of optical flow, frame interpolation and unsupervised depth code builds them: each array
and tensor has the shape numpy and torch give (indexing 'xy' and 'ij', sparse or not), and a grid
stacked on the wrong dim is CL107 at grid_sample's call while the right one runs clean."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, module_shapes, tapped

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")


def _grids(init: str, taps: int) -> str:
    forward = "".join(f"self.{name}(self.g{i})\n" for i, name in zip(range(taps), "abcdefgh")) + "return x\n"
    return "import numpy as np\n" + tapped(forward, init)


def _shapes_equal(source: str) -> None:
    assert_shapes_equal_torch(source, (1, 1), "grids.py")
    result = lint_text(source, "grids.py", Settings(input_shapes={"Net": (1, 1)}))
    assert not [u for u in result.models[0].unresolved if "meshgrid" in u.why or "arange" in u.why
                or "linspace" in u.why], result.models[0].unresolved


@settings(max_examples=10, deadline=None)
@given(sizes=st.lists(st.integers(0, 6), min_size=1, max_size=3), indexing=st.sampled_from(["xy", "ij", None]),
       sparse=st.booleans(), makers=st.lists(st.sampled_from(["arange", "linspace", "zeros2", "range", "list"]),
                                             min_size=3, max_size=3))
def test_numpy_meshgrid_of_arrays_has_numpy_s_shapes(sizes, indexing, sparse, makers):
    made = {"arange": "np.arange({n})", "linspace": "np.linspace(-1.0, 1.0, {n})", "zeros2": "np.zeros((1, {n}))",
            "range": "range({n})", "list": "[0.5] * {n}"}
    arguments = ", ".join(made[maker].format(n=n) for n, maker in zip(sizes, makers))
    options = (f", indexing={indexing!r}" if indexing else "") + (", sparse=True" if sparse else "")
    init = f"grids = np.meshgrid({arguments}{options})\n" + "".join(
        f"self.g{i} = torch.from_numpy(np.ascontiguousarray(grids[{i}]))\n" for i in range(len(sizes)))
    _shapes_equal(_grids(init, len(sizes)))


@settings(max_examples=8, deadline=None)
@given(w=st.integers(1, 6000), h=st.integers(1, 70), indexing=st.sampled_from(["xy", "ij", None]))
def test_torch_meshgrid_of_arange_and_linspace_has_torch_s_shapes(w, h, indexing):
    """torch's default indexing is 'ij'; linspace of values not kept exactly, and an arange too long
    to keep the values of, are sized all the same."""
    options = f", indexing={indexing!r}" if indexing else ""
    init = (f"self.g0, self.g1 = torch.meshgrid(torch.linspace(-1, 1, {h}), torch.arange({w}).float(){options})\n"
            f"self.g2 = torch.tensor(np.meshgrid(np.arange({w}), np.linspace(0, 1, {h}))[0])\n")
    _shapes_equal(_grids(init, 3))


WARP = '''
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class BackWarp(nn.Module):
    def __init__(self, W, H):
        super().__init__()
        gridX, gridY = np.meshgrid(np.arange(W), np.arange(H))
        self.W, self.H = W, H
        self.gridX = torch.tensor(gridX, requires_grad=False)
        self.gridY = torch.tensor(gridY, requires_grad=False)
        self.enc = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, img, flow):
        u = flow[:, 0, :, :]
        v = flow[:, 1, :, :]
        x = self.gridX.unsqueeze(0).expand_as(u).float() + u
        y = self.gridY.unsqueeze(0).expand_as(v).float() + v
        x = 2 * (x / self.W - 0.5)
        y = 2 * (y / self.H - 0.5)
        grid = torch.stack((x, y), dim=DIM)
        return self.enc(F.grid_sample(img, grid, align_corners=False))


if __name__ == "__main__":
    BackWarp(48, 40)(torch.zeros(2, 3, 40, 48), torch.zeros(2, 2, 40, 48))
'''
STACK_LINE = WARP.splitlines().index("        grid = torch.stack((x, y), dim=DIM)") + 1
SAMPLE_LINE = STACK_LINE + 1


def _warp(dim: str) -> str:
    return WARP.replace("DIM", dim)


def _run_in_torch(source: str):
    namespace: dict = {}
    exec(compile(source.split("\n\nif __name__")[0], "warp.py", "exec"), namespace)
    return namespace["BackWarp"](48, 40)(torch.zeros(2, 3, 40, 48), torch.zeros(2, 2, 40, 48))


def test_the_backward_warp_s_grid_is_followed_as_torch_makes_it():
    assert tuple(_run_in_torch(_warp("3")).shape) == (2, 8, 40, 48)
    result = lint_text(_warp("3"), "warp.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "BackWarp"]
    assert {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.node.path} == {"enc": (2, 8, 40, 48)}
    assert not [u for u in model.unresolved if "grid_sample" in u.why or "meshgrid" in u.why]


@pytest.mark.parametrize("dim", ["1", "-3", "0"])
def test_a_grid_stacked_on_the_wrong_dim_is_found_at_grid_sample(dim):
    with pytest.raises(RuntimeError):
        _run_in_torch(_warp(dim))
    result = lint_text(_warp(dim), "warp.py", Settings())
    found = {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}
    assert ("CL107", SAMPLE_LINE) in found
    (model,) = [m for m in result.models if m.name == "BackWarp"]
    assert not [u for u in model.unresolved if "meshgrid" in u.why]  # found by following the grid itself
