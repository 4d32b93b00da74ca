"""Blocks that build one branch per item of a list argument (a pyramid pooling's `sizes`, an
ASPP's `rates`) and write the width of the conv fusing their concat by hand from `len(sizes)`:
checked on their own, with the list a default (exactly) or a required argument nothing gives (its
length a count of its own, tried 1..6, the branches' input channels those their first conv takes)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint.pipeline import Settings, lint_text

PYRAMID = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Pyramid(nn.Module):
    def __init__(self, cin, sizes, cout):
        super().__init__()
        self.stages = nn.ModuleList([nn.Sequential(nn.AdaptiveAvgPool2d(s), nn.Conv2d(cin, cout, 1)) for s in sizes])
        self.fuse = nn.Conv2d(FUSED, cout, 3, padding=1)

    def forward(self, x):
        h, w = x.size(2), x.size(3)
        feats = [x] + [F.interpolate(st(x), size=(h, w), mode="bilinear", align_corners=False) for st in self.stages]
        return self.fuse(torch.cat(feats, dim=1))
'''

ATROUS = '''
import torch
import torch.nn as nn


class Atrous(nn.Module):
    def __init__(self, cin, cout, rates):
        super().__init__()
        self.stages = nn.Module()
        self.stages.add_module("c0", nn.Conv2d(cin, cout, 1))
        for i, r in enumerate(rates):
            self.stages.add_module("c{}".format(i + 1), nn.Conv2d(cin, cout, 3, padding=r, dilation=r))
        self.fuse = nn.Conv2d(FUSED, cout, 1)

    def forward(self, x):
        return self.fuse(torch.cat([stage(x) for stage in self.stages.children()], dim=1))
'''

APPENDED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Appended(nn.Module):
    def __init__(self, cin, rates, cout=64):
        super().__init__()
        self.rates = rates
        self.convs = nn.ModuleList()
        for r, k in zip(self.rates, [3] * 8):
            self.convs.append(nn.Sequential(nn.Conv2d(cin, cout, k, padding=r, dilation=r), nn.ReLU()))
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(cin, cout, 1))
        self.project = nn.Conv2d(FUSED, cout, 1)

    def forward(self, x):
        outs = [c(x) for c in self.convs]
        outs.append(F.interpolate(self.pool(x), size=x.shape[-2:]))
        return self.project(torch.cat(outs, dim=1))
'''

CASES = {  # source, the line of the fusing conv, its width written wrong, written right
    "pyramid": (PYRAMID, 11, "cin + (len(sizes) - 1) * cout", "cin + len(sizes) * cout"),
    "atrous": (ATROUS, 13, "cout * len(rates)", "cout * (len(rates) + 1)"),
    "appended": (APPENDED, 15, "len(self.rates) * cout", "(len(self.rates) + 1) * cout"),
}


def _errors(source: str, name: str = "block.py"):
    return sorted((d.span.line, d.code) for d in lint_text(source, name, Settings()).diagnostics
                  if d.severity == "error")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_fuse_width_written_from_the_list_length_is_checked_for_every_length(case):
    source, line, wrong, right = CASES[case]
    found = lint_text(source.replace("FUSED", wrong), "block.py", Settings())
    errors = [d for d in found.diagnostics if d.severity == "error"]
    assert [(d.span.line, d.code) for d in errors] == [(line, "CL103")]
    assert "= 1, 2, 3, 4, 5 and 6" in errors[0].message
    assert _errors(source.replace("FUSED", right)) == []


def test_with_the_list_a_default_the_block_is_checked_at_it_and_with_it_required_for_every_length():
    source, line, wrong, right = CASES["pyramid"]
    defaulted = source.replace("def __init__(self, cin, sizes, cout)", "def __init__(self, cin, cout, sizes=(1, 2, 3, 6))")
    message = next(d.message for d in lint_text(defaulted.replace("FUSED", wrong), "block.py", Settings()).diagnostics
                   if d.code == "CL103")
    assert "expects cin+3*cout input channels, but torch.cat gives cin+4*cout" in message
    assert _errors(defaulted.replace("FUSED", right)) == []
    assert _errors(source.replace("FUSED", wrong)) == [(line, "CL103")]


def test_a_width_right_for_some_lengths_only_is_not_an_error():
    """`cin // len(sizes)` per branch: the cat gives cin + len(sizes) * (cin // len(sizes)), which is
    2 * cin only where len(sizes) divides cin; a sum of the branches does not grow with the list."""
    divided = PYRAMID.replace("nn.Conv2d(cin, cout, 1)) for s in sizes]", "nn.Conv2d(cin, cin // len(sizes), 1)) "
                                                                           "for s in sizes]")
    assert _errors(divided.replace("FUSED", "2 * cin")) == []
    summed = PYRAMID.replace("return self.fuse(torch.cat(feats, dim=1))",
                             "return self.fuse(sum(feats[1:]))").replace("FUSED", "cout")
    assert _errors(summed) == []


@settings(max_examples=8, deadline=None)
@given(items=st.lists(st.integers(1, 3), min_size=1, max_size=4), cin=st.integers(1, 6), cout=st.integers(1, 6))
def test_torch_refuses_each_wrong_width_for_every_list_and_runs_the_right_one(items, cin, cout):
    torch = pytest.importorskip("torch")
    for name, (source, _, wrong, right) in CASES.items():
        cls = {"pyramid": "Pyramid", "atrous": "Atrous", "appended": "Appended"}[name]
        args = {"pyramid": (cin, items, cout), "atrous": (cin, cout, items), "appended": (cin, items, cout)}[name]
        for filling, fails in ((wrong, True), (right, False)):
            namespace: dict = {}
            exec(source.replace("FUSED", filling), namespace)
            model = namespace[cls](*args).eval()
            if fails:
                with pytest.raises(RuntimeError, match="channels"):
                    model(torch.zeros(2, cin, 8, 8))
            else:
                assert model(torch.zeros(2, cin, 8, 8)).shape == (2, cout, 8, 8)
