"""An assert that surely runs and fails with the values the source gives it (a number of groups
that does not divide the channels) is reported where it stands, as torch stops there; one whose
condition rests on a size left symbolic, or in a branch not taken, is not."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

torch = pytest.importorskip("torch")

GROUPED = '''
import torch.nn as nn


def grouped_mean(feature, groups):
    B, C, H, W = feature.shape
    assert C % groups == 0
    return feature.view(B, groups, C // groups, H, W).mean(dim=2)


class Net(nn.Module):
    def __init__(self, split=True):
        super().__init__()
        self.feat = nn.Conv2d(3, 96, 3, padding=1)
        self.groups = GROUPS
        self.split = split
        self.head = nn.Conv2d(self.groups, 8, 1)

    def forward(self, x):
        if self.split:
            return self.head(grouped_mean(self.feat(x), self.groups))
        return self.feat(x)
'''


def _errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "grouped.py", settings or Settings()).diagnostics if d.severity == "error"]


def test_groups_that_do_not_divide_the_channels_are_reported_at_the_assert():
    """96 channels in 36 groups: torch stops at the assert whatever the input's size, and convlint,
    given none, reports it there with the values."""
    source = filled(GROUPED, {"GROUPS": "36"})
    with pytest.raises(AssertionError):
        built(source, "grouped.py")(torch.zeros(1, 3, 8, 8))
    (error,) = [d for d in _errors(source) if d.code == "CL115"]
    assert error.span.line == 7
    assert "C is 96" in error.message and "groups is 36" in error.message


def test_groups_that_divide_the_channels_are_clean():
    source = filled(GROUPED, {"GROUPS": "32"})
    built(source, "grouped.py")(torch.zeros(1, 3, 8, 8))
    assert _errors(source) == []


def test_an_assert_in_a_branch_not_taken_is_not_reported():
    """split=False: forward never calls the grouping, and torch runs it."""
    source = filled(GROUPED, {"GROUPS": "36"}).replace("split=True", "split=False")
    built(source, "grouped.py")(torch.zeros(1, 3, 8, 8))
    assert [d for d in _errors(source) if d.code == "CL115"] == []


def test_an_assert_on_a_size_left_symbolic_is_not_reported():
    """`assert H % 16 == 0` holds for some inputs: with no input size it is no error."""
    source = filled(GROUPED, {"GROUPS": "32"}).replace("assert C % groups == 0", "assert H % 16 == 0")
    built(source, "grouped.py")(torch.zeros(1, 3, 16, 16))
    assert _errors(source) == []


def test_an_assert_under_a_condition_not_known_is_not_reported():
    """Run only for inputs wider than 64 (narrower ones keep their first channels): the input's
    width is not known."""
    source = filled(GROUPED, {"GROUPS": "36"}).replace(
        "assert C % groups == 0", "if W <= 64:\n        return feature[:, :groups]\n    assert C % groups == 0")
    built(source, "grouped.py")(torch.zeros(1, 3, 8, 8))
    assert [d for d in _errors(source) if d.code == "CL115"] == []
