"""`x is False` / `x is not False` on a known argument of another type (a string naming a norm, a
number): never the bool singleton, so the guard is decided and the layers it builds are followed."""

import pytest

from convlint.evaluator.interpreter import compare
from convlint.pipeline import Settings, lint_text

GUARDED = '''
import torch
import torch.nn as nn


class Down(nn.Module):
    def __init__(self, cin, cout, norm=None, act=None):
        super().__init__()
        block = [nn.Conv2d(cin, cout, 4, 2, 1, bias=False)]
        if not norm is False:
            if norm == "batch":
                block += [nn.BatchNorm2d(cout)]
        if act is not False:
            block += [nn.LeakyReLU(0.2)]
        self.layer = nn.Sequential(*block)

    def forward(self, x):
        return self.layer(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.d1 = Down(3, 16, norm=False, act="leaky")
        self.d2 = Down(WIDTH, 32, norm="batch", act="leaky")

    def forward(self, x):
        return self.d2(self.d1(x))
'''


@pytest.mark.parametrize("left, right, is_", [("batch", False, False), (False, "batch", False), (0, False, False),
                                               (1, True, False), ((1,), True, False), (None, False, False),
                                               (False, False, True)])
def test_a_plain_value_of_another_type_is_no_bool(left, right, is_):
    assert compare("Is", left, right) is is_
    assert compare("IsNot", left, right) is (not is_)


def test_a_guard_on_a_string_argument_is_followed():
    wrong = GUARDED.replace("WIDTH", "32")
    errors = [(d.code, d.span.line) for d in lint_text(wrong, "gan.py", Settings()).diagnostics if d.severity == "error"]
    line = next(i for i, text in enumerate(wrong.splitlines(), 1) if "self.d2 = Down(32" in text)
    assert errors == [("CL103", line)]
    right = lint_text(GUARDED.replace("WIDTH", "16"), "gan.py", Settings())
    assert not [d for d in right.diagnostics if d.severity == "error"]
    net = next(m for m in right.models if m.name == "Net")
    assert not net.unresolved
    assert [c.node.path for c in net.calls if c.node.path.count(".") == 2] == [
        "d1.layer.0", "d1.layer.1", "d2.layer.0", "d2.layer.1", "d2.layer.2"]  # conv, act; conv, norm, act


@pytest.mark.parametrize("width, fails", [("32", True), ("16", False)])
def test_torch_agrees(width, fails):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(GUARDED.replace("WIDTH", width), "gan.py", "exec"), namespace)
    try:
        namespace["Net"]()(torch.zeros(2, 3, 32, 32))
    except RuntimeError:
        assert fails
    else:
        assert not fails
