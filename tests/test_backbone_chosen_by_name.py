"""A backbone chosen by a name among several branches with no else (`if name == 'small': self.base =
Trunk(...)`, `elif name == 'deep': ...`): calling `self.base` follows each module a branch builds
(the name matching none leaves it unset, and the call raises there), keeping what they agree
on. A head that none of them fits is an error at its line; one that some fit only with the
names that others build. Checked
against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

NAME = "backbone_by_name.py"
SOURCE = '''\
import torch.nn as nn


class Trunk(nn.Module):
    def __init__(self, widths, stride):
        super().__init__()
        layers, cin = [], 3
        for width in widths:
            layers += [nn.Conv2d(cin, width, 3, stride, 1), nn.ReLU()]
            cin = width
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


class Classifier(nn.Module):
    def __init__(self, name, num_classes):
        super().__init__()
        if name == 'small':
            self.base = Trunk([32], 4)
        elif name == 'deep':
            self.base = Trunk([16, 24, WIDE], 1)
        elif name == 'wide':
            self.base = Trunk([64, 32], 2)
        self.head = nn.Conv2d(HEAD_IN, num_classes, 1)

    def forward(self, x):
        return self.head(self.base(x)).mean((2, 3))
'''
NAMES = ("small", "deep", "wide")
HEAD_LINE = 26


def _filled(wide: str, head_in: str) -> str:
    return SOURCE.replace("WIDE", wide).replace("HEAD_IN", head_in)


def _errors(source: str):
    return [(d.code, d.span.line) for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]


def _runs(source: str, name: str) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "backbone_case"}
    exec(compile(source, NAME, "exec"), namespace)
    try:
        namespace["Classifier"](name, 5).eval()(torch.zeros(2, 3, 32, 32))
    except RuntimeError:
        return False
    return True


def test_a_head_no_backbone_fits_is_an_error_at_its_line():
    source = _filled("32", "16")
    assert not any(_runs(source, name) for name in NAMES)
    errors = [d for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]
    # for every name, not only for one the code names
    assert any(d.code == "CL103" and d.span.line == HEAD_LINE and "for every name" in d.message for d in errors)


def test_the_head_every_backbone_fits_is_clean():
    source = _filled("32", "32")
    assert all(_runs(source, name) for name in NAMES)
    assert _errors(source) == []


def test_a_head_one_backbone_fits_is_an_error_only_with_the_names_torch_refuses():
    source = _filled("16", "16")
    assert [_runs(source, name) for name in NAMES] == [False, True, False]
    errors = [d for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]
    assert errors
    for error in errors:  # never for any name: only for a name the code names that torch refuses
        named = [name for name in NAMES if f"with name='{name}'" in error.message]
        assert len(named) == 1 and not _runs(source, named[0])
