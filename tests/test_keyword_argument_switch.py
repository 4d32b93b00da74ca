"""A backbone chosen by a key of the constructor's `**kwargs` (`if kwargs['name'] == 'small':
backbone = Small() elif kwargs['name'] == 'wide': backbone = Wide()`, a self-supervised encoder's
switch): the model is built with each value the code names for the key, as torch builds it for a
caller giving that value, so a bug in any branch is found at its line, and one after the switch
(a head sized from the backbone's fc) at its own."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

SWITCH = '''
import torch
import torch.nn as nn


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(16, 10)


class Wide(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(WIDE_IN, 32, 3, padding=1), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(32, 10)


class Net(nn.Module):
    def __init__(self, *args, **kwargs):
        super().__init__()
        if kwargs['name'] == 'small':
            backbone = Small()
        elif kwargs['name'] == 'wide':
            backbone = Wide()
        self.encoder = backbone.body
        self.head = nn.Linear(backbone.fc.FEATURES, 8)

    def forward(self, x):
        return self.head(torch.flatten(self.encoder(x), 1))
'''

RIGHT = {"WIDE_IN": "32", "FEATURES": "in_features"}
WIDE_LINE = 17
HEAD_LINE = 29


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "switch.py", Settings()).diagnostics
            if d.severity == "error"}


def _runs(source: str, name: str) -> None:
    module_shapes(built(source, "switch.py", lambda namespace: namespace["Net"](name=name)), (2, 3, 8, 8))


def test_every_branch_runs_clean():
    source = filled(SWITCH, RIGHT)
    for name in ("small", "wide"):
        _runs(source, name)
    assert _errors(source) == set()


def test_a_head_sized_from_every_backbone_wrongly():
    wrong = filled(SWITCH, RIGHT | {"FEATURES": "out_features"})
    for name in ("small", "wide"):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            _runs(wrong, name)
    assert ("CL101", HEAD_LINE) in _errors(wrong)


def test_a_bug_in_one_branch_is_found_at_its_line():
    wrong = filled(SWITCH, RIGHT | {"WIDE_IN": "16"})
    _runs(wrong, "small")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 32"):
        _runs(wrong, "wide")
    assert ("CL103", WIDE_LINE) in _errors(wrong)


def test_a_key_with_a_default_is_a_warning_where_the_default_runs():
    source = filled(SWITCH, RIGHT | {"WIDE_IN": "16"}).replace("kwargs['name']", "kwargs.get('name', 'small')")
    _runs(source, "small")
    found = lint_text(source, "switch.py", Settings()).diagnostics
    assert not [d for d in found if d.severity == "error"]
    assert [d for d in found if d.span.line == WIDE_LINE and d.code == "CL103"]
