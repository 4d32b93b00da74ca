"""A backbone switch on a key of the constructor's `**kwargs` that ends in a plain `else:` (`if
kwargs['name'] == 'small': backbone = Small() else: backbone = Wide()`): a caller giving a name
the code does not list gets the else branch, and the model is built that way too, so a bug only
the else branch's backbone meets is found at its line, said as that configuration."""

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
        else:
            backbone = Wide()
        self.encoder = backbone.body
        self.head = nn.Linear(backbone.fc.in_features, 8)

    def forward(self, x):
        return self.head(torch.flatten(self.encoder(x), 1))
'''

WIDE_LINE = 17


def _found(source: str) -> list:
    return lint_text(source, "switch.py", Settings()).diagnostics


def _runs(source: str, name: str) -> None:
    module_shapes(built(source, "switch.py", lambda namespace: namespace["Net"](name=name)), (2, 3, 8, 8))


def test_every_branch_runs_clean():
    source = filled(SWITCH, {"WIDE_IN": "32"})
    for name in ("small", "wide"):
        _runs(source, name)
    assert not [d for d in _found(source) if d.severity == "error"]


def test_a_bug_of_the_else_branch_is_found_at_its_line():
    wrong = filled(SWITCH, {"WIDE_IN": "16"})
    _runs(wrong, "small")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 32"):
        _runs(wrong, "wide")
    found = [d for d in _found(wrong) if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL103", WIDE_LINE)]
    assert "name not one the code lists (its else branch" in found[0].message
    assert "'\\x00" not in found[0].message


def test_an_else_that_raises_is_no_configuration():
    wrong = filled(SWITCH, {"WIDE_IN": "16"}).replace("backbone = Wide()", "raise ValueError(kwargs['name'])")
    assert not [d for d in _found(wrong) if d.severity == "error"]


def test_a_name_read_elsewhere_keeps_the_else_unbuilt():
    # (the value also reaches another call: an unlisted name is no value the code says it takes)
    wrong = filled(SWITCH, {"WIDE_IN": "16"}).replace("backbone = Wide()", "backbone = Wide()\n            print(kwargs['name'])")
    assert not [d for d in _found(wrong) if d.severity == "error" and d.code == "CL103"]
