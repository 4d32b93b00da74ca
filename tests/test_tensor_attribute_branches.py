"""A tensor attribute set again under a condition not known statically (`if self.mean.device !=
x.device: self.mean = self.mean.to(x.device)`, `.to(dtype)`, `.type_as(x)`): every path
leaves a tensor, so the attribute keeps the dims the paths agree on, as a local name does, and the
layers after it are still checked. Checked against torch: the bug raises, the fixed code runs, and
each module's shape equals torch's."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

torch = pytest.importorskip("torch")

# a batch norm written by hand, its running statistics moved to the input's device on first use
HAND_WRITTEN_NORM = '''
import torch
from torch import nn


class MyNorm(nn.Module):
    def __init__(self, num_features):
        super().__init__()
        shape = (1, num_features, 1, 1)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.moving_mean = torch.zeros(shape)
        self.moving_var = torch.ones(shape)

    def forward(self, x):
        if self.moving_mean.device != x.device:
            MOVE
        return self.gamma * (x - self.moving_mean) / torch.sqrt(self.moving_var + 1e-5)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = MyNorm(8)
        self.conv2 = nn.Conv2d(WIDTH, 16, 3, padding=1)

    def forward(self, x):
        return self.conv2(self.norm(self.conv1(x)))
'''

MOVES = {
    "to a device": "self.moving_mean = self.moving_mean.to(x.device)\n"
                   "            self.moving_var = self.moving_var.to(x.device)",
    "to a dtype and device": "self.moving_mean = self.moving_mean.to(device=x.device, dtype=x.dtype)\n"
                             "            self.moving_var = self.moving_var.type_as(x)",
    "like the input, both at once": "self.moving_mean, self.moving_var = self.moving_mean.to(x), self.moving_var.to(x)",
}


@pytest.mark.parametrize("move", sorted(MOVES))
def test_every_module_shape_equals_torch(move):
    source = filled(HAND_WRITTEN_NORM, {"MOVE": MOVES[move], "WIDTH": "8"})
    assert_shapes_equal_torch(source, (2, 3, 8, 8), "norm.py")


@pytest.mark.parametrize("move", sorted(MOVES))
def test_the_bug_after_the_norm_is_found_with_no_options(move):
    source = filled(HAND_WRITTEN_NORM, {"MOVE": MOVES[move]})
    line = source.splitlines().index("        self.conv2 = nn.Conv2d(WIDTH, 16, 3, padding=1)") + 1
    assert_bug_found_at_its_line(source, {"WIDTH": "8"}, {"WIDTH": "16"}, (2, 3, 8, 8), line, "CL103", "norm.py")


def test_a_tensor_attribute_the_paths_give_other_shapes_keeps_only_the_dims_they_agree_on():
    """`self.table = torch.zeros(1, 12)` on one path only: its width is not known after the `if`,
    so a Linear of either width is not reported; the dims both paths agree on are kept."""
    source = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.table = torch.zeros(1, 10)
        self.fc = nn.Linear(WIDTH, 4)

    def forward(self, x):
        if x.sum() > 0:
            self.table = torch.zeros(1, 12)
        return self.conv(x), self.fc(self.table)
'''
    for width in ("10", "12"):
        result = lint_text(filled(source, {"WIDTH": width}), "table.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
        assert not [d for d in result.diagnostics if d.severity == "error"]
        (model,) = [m for m in result.models if m.name == "Net"]
        dims = next(c for c in model.calls if c.node.path == "fc").input.shape.dims
        assert dims is not None and dims[0] == 1 and not isinstance(dims[1], int)
