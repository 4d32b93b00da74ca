"""`t[index] = value` in forward: a stereo net's cost volume filled disparity by disparity
(`cost[:, C:, i, :, i:] = right[:, :, :, :-i]`), a buffer filled channel group by channel group.
torch copies the value into the part the index selects, expanding it there; a value that surely
cannot fill the part (a slice one off, a group of other channels) is CL107 at the assignment.
A value of leading 1s, or 1 where the part is wider, broadcasts and is fine."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

COST_VOLUME = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, maxdisp=16):
        super().__init__()
        self.D = maxdisp
        self.feat = nn.Conv2d(3, 8, 3, stride=4, padding=1)
        self.agg = nn.Conv3d(16, 1, 3, padding=1)

    def forward(self, x):
        left, right = self.feat(x), self.feat(x.flip(-1))
        B, C, H, W = left.size()
        cost = torch.zeros(B, C * 2, self.D // 4, H, W).type_as(left)
        for i in range(self.D // 4):
            if i > 0:
                cost[:, :C, i, :, i:] = left[:, :, :, i:]
                cost[:, C:, i, :, i:] = right[:, :, :, SHIFTED]
            else:
                cost[:, :C, i, :, :] = left
                cost[:, C:, i, :, :] = right
        return self.agg(cost)
"""


def test_a_cost_volume_slice_one_off_is_found_at_the_assignment():
    broken = filled(COST_VOLUME, {"SHIFTED": ":-i-1"})
    with pytest.raises(RuntimeError, match="expanded size"):
        module_shapes(built(broken, "stereo.py"), (2, 3, 64, 64))
    found = lint_text(broken, "stereo.py", Settings(input_shapes={"Net": (2, 3, 64, 64)})).diagnostics
    line = line_of(broken, ":-i-1")
    assert [(d.code, d.span.line) for d in found if d.severity == "error"] == [("CL107", line)]
    (finding,) = [d for d in found if d.severity == "error"]
    assert "into a part of shape 2x8x16x15" in finding.message
    assert_shapes_equal_torch(filled(COST_VOLUME, {"SHIFTED": ":-i"}), (2, 3, 64, 64), "stereo.py")


def test_a_slice_one_off_of_a_symbolic_side_is_no_error_without_a_size():
    # W - i - 1 is 1 at some width: the value then broadcasts, so nothing is sure without a size
    result = lint_text(filled(COST_VOLUME, {"SHIFTED": ":-i-1"}), "stereo.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


GROUPS = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)
        self.b = nn.Conv2d(3, WIDTH, 3, padding=1)
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        n, _, h, w = x.shape
        out = x.new_zeros(n, 16, h, w)
        out[:, :8] = self.a(x)
        out[:, 8:] = self.b(x)
        out[:, 0:1] = x.mean(1, keepdim=True)
        out[0] = out[0:1] * 2
        return self.head(out)
"""


def test_a_group_of_other_channels_is_found_with_no_input_size():
    source = GROUPS
    assert_bug_found_at_its_line(source, {"WIDTH": "8"}, {"WIDTH": "12"}, (2, 3, 16, 16),
                                 line_of(source, "out[:, 8:] ="), "CL107", "groups.py")


def test_values_that_broadcast_into_the_part_run():
    assert_shapes_equal_torch(filled(GROUPS, {"WIDTH": "8"}), (2, 3, 16, 16), "groups.py")
