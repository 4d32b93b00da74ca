"""A width of constructor arguments lifted to at least 1 (`inter = in_channels // 2; if inter == 0:
inter = 1`, the guard of every non-local block, or `max(in_channels // 2, 1)`) is a width of its
own, any whole number >= 1, not an unknown: a layer that expects twice the channels it is given
is still an error for every value, and a layer that may agree with it is not. Checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

GATE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_channels, inter_channels=None):
        super().__init__()
        self.inter_channels = inter_channels
        if self.inter_channels is None:
            GUARD
        self.theta = nn.Conv2d(in_channels, self.inter_channels, 1)
        self.project = nn.Conv2d(PROJECTED, 1, 1)
        self.out = nn.Conv2d(self.inter_channels, in_channels, 1)

    def forward(self, x):
        t = self.theta(x)
        return x + self.out(t) * self.project(t)
'''

GUARDS = [
    "self.inter_channels = in_channels // 2\n            if self.inter_channels == 0:\n                self.inter_channels = 1",
    "self.inter_channels = in_channels // 2\n            if self.inter_channels < 1:\n                self.inter_channels = 1",
    "self.inter_channels = in_channels // 2\n            if not self.inter_channels:\n                self.inter_channels = 1",
    "self.inter_channels = in_channels // 2\n            if 0 == self.inter_channels:\n                self.inter_channels = 1",
    "inter = in_channels // 2\n            if inter <= 0:\n                inter = 1\n            self.inter_channels = inter",
    "self.inter_channels = max(in_channels // 2, 1)",
    "self.inter_channels = max(1, in_channels // 2)",
    "self.inter_channels = in_channels // 2 or 1",
]


def sixteen(namespace):
    return namespace["Net"](16)


@pytest.mark.parametrize("guard", GUARDS)
def test_a_guarded_width_still_proves_a_mismatch_for_every_value(guard):
    source = GATE.replace("GUARD", guard)
    line = 13 + guard.count("\n")  # the project layer
    assert_bug_found_at_its_line(source, {"PROJECTED": "self.inter_channels"}, {"PROJECTED": "self.inter_channels * 2"},
                                 (2, 16, 8, 8), line, "CL103", "gate.py", sixteen)


def test_the_guard_is_listed_and_the_message_names_the_lifted_width():
    source = filled(GATE, {"GUARD": GUARDS[0], "PROJECTED": "self.inter_channels * 2"})
    result = lint_text(source, "gate.py", Settings())
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert "expects 2*max(in_channels/2,1) input channels, but theta gives max(in_channels/2,1)" in error.message
    assert any("taken as max(in_channels/2, 1)" in u.why for u in result.models[0].unresolved)
    # in_channels = 1 is what the guard is for: there too torch refuses (2 channels expected, 1 given)
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        built(source, "gate.py", lambda ns: ns["Net"](1))(torch.zeros(2, 1, 4, 4))


@pytest.mark.parametrize("guard", [GUARDS[0], GUARDS[5]])
def test_a_width_that_may_equal_the_guarded_one_is_not_judged(guard):
    # in_channels // 2 is the guarded width wherever in_channels >= 2: it runs there
    source = filled(GATE, {"GUARD": guard, "PROJECTED": "in_channels // 2"})
    assert not [d for d in lint_text(source, "gate.py", Settings()).diagnostics if d.severity == "error"]
    module_shapes(built(source, "gate.py", sixteen), (2, 16, 8, 8))


def test_a_guard_that_is_not_a_lift_to_its_floor_is_followed_as_before():
    # `if inter == 0: inter = 2` gives 2 where the test lets 1 through: both paths, joined, as before
    guard = "self.inter_channels = in_channels // 2\n            if self.inter_channels == 0:\n" \
            "                self.inter_channels = 2"
    source = filled(GATE, {"GUARD": guard, "PROJECTED": "self.inter_channels * 2"})
    result = lint_text(source, "gate.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert not any("taken as max" in u.why for u in result.models[0].unresolved)
