"""A parameter the code tests against its default (`if self.branches == 6:`) is tried with other
values, and an error every such value meets is reported for them; a value an assert of the
constructor refuses (`assert branches in [4, 6]` given 7) never gets past it in torch, so what
that trial meets further on is no bug. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

NAME = "aspp_branches.py"
SOURCE = '''\
import torch
import torch.nn as nn


class ASPP(nn.Module):
    def __init__(self, in_channels, branches=6):
        super().__init__()
        GUARD
        self.branches = branches
        self.b1 = nn.Conv2d(in_channels, 8, 1)
        self.b2 = nn.Conv2d(in_channels, 8, 1)
        self.b3 = nn.Conv2d(in_channels, 8, 1)
        self.b4 = nn.Conv2d(in_channels, 8, 1)
        if self.branches == 6:
            self.b5 = nn.Conv2d(in_channels, 8, 1)
            self.b6 = nn.Conv2d(in_channels, 8, 1)
        self.project = nn.Conv2d(8 * self.branches, 8, 1)

    def forward(self, x):
        outs = [self.b1(x), self.b2(x), self.b3(x), self.b4(x)]
        if self.branches == 6:
            outs += [self.b5(x), self.b6(x)]
        return self.project(torch.cat(outs, dim=1))
'''
ASSERTED = SOURCE.replace("GUARD", 'assert branches in [4, 6], "4 or 6 branches"')
UNGUARDED = SOURCE.replace("GUARD", "pass")


def _errors(source: str) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]


def _build(source: str, branches: int):
    return built(source, NAME, lambda ns: ns["ASPP"](3, branches))


def test_values_the_assert_refuses_are_no_bug_of_the_branch():
    for branches in (4, 6):
        assert module_shapes(_build(ASSERTED, branches), (2, 3, 8, 8))[""] == (2, 8, 8, 8)
    with pytest.raises(AssertionError):
        _build(ASSERTED, 7)
    assert _errors(ASSERTED) == []


def test_without_the_assert_the_other_values_still_meet_the_error():
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        _build(UNGUARDED, 7)(torch.zeros(2, 3, 8, 8))
    assert _errors(UNGUARDED) == [("CL103", 17)]
