"""x.split([s1, s2, ...], dim) / torch.split(x, (s1, s2), dim) / x.split_with_sizes(...) whose
sizes do not sum to the dim split (IMDN's distillation split): torch refuses it with
"split_with_sizes expects split_sizes to sum exactly to ...", reported at the split line (CL107)
with or without an input size. A symbolic dim counts only where no value makes the sum fit."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

DISTILL = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=64):
        super().__init__()
        self.keep = 16
        self.rest = REST
        self.conv1 = nn.Conv2d(c, c, 3, 1, 1)
        self.conv2 = nn.Conv2d(self.rest, c, 3, 1, 1)

    def forward(self, x):
        out = self.conv1(x)
        a, b = SPLIT
        return self.conv2(b) + a.mean()
'''

SPLITS = [
    "torch.split(out, (self.keep, self.rest), 1)",
    "torch.split(out, [self.keep, self.rest], dim=1)",
    "out.split([self.keep, self.rest], 1)",
    "out.split([self.keep, self.rest], dim=1)",
    "out.split_with_sizes([self.keep, self.rest], 1)",
]


@pytest.mark.parametrize("split", SPLITS)
def test_sizes_not_summing_to_the_channels_are_an_error_at_the_split(split):
    clean = assert_bug_found_at_its_line(DISTILL, {"REST": "48", "SPLIT": split}, {"REST": "40", "SPLIT": split},
                                         (2, 64, 8, 8), 16, "CL107", "distill.py")
    assert clean.diagnostics == [] or all(d.severity != "error" for d in clean.diagnostics)


def test_the_message_is_torchs_and_an_input_size_changes_nothing():
    source = DISTILL.replace("REST", "40").replace("SPLIT", SPLITS[0])
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="split_with_sizes expects split_sizes to sum exactly to 64"):
        module_shapes(built(source, "distill.py"), (2, 64, 8, 8))
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 64, 8, 8)})):
        errors = [d for d in lint_text(source, "distill.py", settings).diagnostics if d.severity == "error"]
        assert [(d.code, d.span.line) for d in errors] == [("CL107", 16)]
        assert "split_with_sizes expects split_sizes to sum exactly to 64" in errors[0].message
        assert "[16, 40]" in errors[0].message
    del torch


SYMBOLIC = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.ch = ch
        self.conv = nn.Conv2d(3, ch, 1)

    def forward(self, x):
        out = self.conv(x)
        ch = self.ch
        a, b = out.split(SIZES, dim=1)
        return torch.cat([b, a], 1)
'''


def six(namespace):
    return namespace["Net"](6)


def test_a_symbolic_dim_is_an_error_only_where_no_value_fits():
    torch = pytest.importorskip("torch")
    never = SYMBOLIC.replace("SIZES", "[ch, 2]")  # ch + 2 is never ch
    with pytest.raises(RuntimeError, match="split_with_sizes"):
        module_shapes(built(never, "sym.py", six), (2, 3, 4, 4))
    errors = [d for d in lint_text(never, "sym.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", 15)]
    # ch // 2 + ch // 2 + 1 is ch for every odd ch: not an error, nor sizes that always fit
    for sizes in ("[ch // 2, ch // 2 + 1]", "[ch // 2, ch - ch // 2]", "[2, ch - 2]", "[ch - 1, 1]"):
        source = SYMBOLIC.replace("SIZES", sizes)
        assert not [d for d in lint_text(source, "sym.py", Settings()).diagnostics if d.severity == "error"], sizes
        module_shapes(built(source, "sym.py", lambda ns: ns["Net"](7)), (2, 3, 4, 4))


COORDINATES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.squeeze = nn.Conv2d(c, c // 4, 1)
        self.to_h = nn.Conv2d(c // 4, c, 1)
        self.to_w = nn.Conv2d(c // 4, c, 1)

    def forward(self, x):
        _, _, h, w = x.shape
        zh = x.mean(3, keepdim=True)
        zw = x.mean(2, keepdim=True).permute(0, 1, 3, 2)
        f = self.squeeze(torch.cat([zh, zw], dim=2))
        fh, fw = torch.split(f, SIZES, dim=DIM)
        return x * self.to_h(fh).sigmoid() * self.to_w(fw).permute(0, 1, 3, 2).sigmoid()
'''


@pytest.mark.parametrize("wrong", [{"SIZES": "[h, w]", "DIM": "3"},      # a dim of 1: h + w >= 2
                                   {"SIZES": "[h + 1, w]", "DIM": "-1"},
                                   {"SIZES": "(h, w, 1)[:2]", "DIM": "3"}])
def test_input_sides_that_never_sum_to_a_known_dim_are_an_error_at_the_split(wrong):
    # coordinate attention splits the H+W positions of its pooled strips back into H and W
    assert_bug_found_at_its_line(COORDINATES, {"SIZES": "[h, w]", "DIM": "2"}, wrong, (2, 16, 6, 10), 18, "CL107",
                                 "coord.py")


SIDES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 1)

    def forward(self, x):
        _, _, h, w = x.shape
        y = self.conv(x)
        a, b = torch.split(SPLIT, SIZES, dim=2)
        return a.mean() + b.mean()
'''


def test_the_dim_itself_and_another_side_are_an_error_and_sides_that_may_fit_are_not():
    # the H rows split into h and w: w rows more than there are, at every size
    assert_bug_found_at_its_line(SIDES, {"SPLIT": "y", "SIZES": "[h - 1, 1]"},
                                 {"SPLIT": "y", "SIZES": "[h, w]"}, (2, 3, 6, 10), 14, "CL107", "sides.py")
    # [w, 1] of H fits at H = W + 1, [h, 0] always: only sums that overshoot at every size count
    for sizes in ("[w, 1]", "[h, 0]"):
        source = SIDES.replace("SPLIT", "y").replace("SIZES", sizes)
        assert not [d for d in lint_text(source, "sides.py", Settings()).diagnostics if d.severity == "error"], sizes
    module_shapes(built(SIDES.replace("SPLIT", "y").replace("SIZES", "[w, 1]"), "sides.py"), (2, 3, 7, 6))
