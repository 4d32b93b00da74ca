"""A backbone built in each branch of a condition not known statically (`if depth < 50: backbone
= Small() else: backbone = Wide()`), then read (`backbone.fc.in_features`,
`nn.Sequential(*list(backbone.children())[:-1])`): what every branch's backbone agrees on (the
width it ends with, the rank) is known after the switch, what they disagree on is unknown, so a
head wrong for every branch is found and one right for each is never blamed."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

SWITCH = '''
import torch
import torch.nn as nn


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, WIDTH, 3, padding=1)
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(WIDTH, 10)


class Wide(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.Conv2d(32, 64, 3, padding=1))
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)


class Net(nn.Module):
    def __init__(self, depth):
        super().__init__()
        if depth < 50:
            backbone = Small()
        else:
            backbone = Wide()
        self.encoder = nn.Sequential(*list(backbone.children())[:-1])
        self.head = nn.Linear(backbone.fc.FEATURES, 8)

    def forward(self, x):
        return self.head(torch.flatten(self.encoder(x), 1))
'''

HEAD_LINE = 32


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "switch.py", Settings()).diagnostics
            if d.severity == "error"}


def _runs(source: str, depth: int) -> None:
    module_shapes(built(source, "switch.py", lambda namespace: namespace["Net"](depth)), (2, 3, 8, 8))


@pytest.mark.parametrize("width", ["64", "16"])
def test_a_head_sized_from_either_backbone_runs_clean(width):
    source = filled(SWITCH, {"WIDTH": width, "FEATURES": "in_features"})
    for depth in (18, 50):
        _runs(source, depth)
    assert _errors(source) == set()


def test_a_head_wrong_for_every_branch_is_found():
    wrong = filled(SWITCH, {"WIDTH": "64", "FEATURES": "out_features"})
    for depth in (18, 50):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            _runs(wrong, depth)
    assert ("CL101", HEAD_LINE) in _errors(wrong)


def test_widths_the_branches_disagree_on_are_unknown():
    # (the head is wrong for the small backbone only: which branch runs is not known, so no error)
    wrong = filled(SWITCH, {"WIDTH": "16", "FEATURES": "out_features"}).replace(
        "nn.Linear(backbone.fc.out_features, 8)", "nn.Linear(64, 8)")
    _runs(wrong, 50)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        _runs(wrong, 18)
    assert _errors(wrong) == set()
