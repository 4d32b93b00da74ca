"""A forward the class body binds (`forward = _forward_impl` after `def _forward_impl`), which
Python puts in the class's namespace as any method: it is followed as the forward, so its layers
are used (no CL207, no total of 0 mult-adds) and its sizes checked. A forward bound to anything
else there (a lambda a helper makes) is not followed, said in -v, and its layers are not reported
as never training. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

NAME = "class_body_forward.py"
SOURCE = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F


def make_forward():
    return lambda self, x: F.relu(self.bn(self.conv(x)))


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def _run(self, x):
        return F.relu(self.bn(self.conv(x)))

    forward = BLOCK_FORWARD


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(Block(3, 8), Block(8, 16))
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))
'''
RIGHT = {"BLOCK_FORWARD": "_run", "WIDTH": "16"}
SIZE = (2, 3, 16, 16)
FC_LINE = 26


def _found(source: str, size: tuple | None = None):
    result = lint_text(source, NAME, Settings(input_shapes={"Net": size}) if size else Settings())
    return result, sorted({(d.code, d.span.line) for d in result.diagnostics if d.severity in ("error", "warning")})


def test_a_forward_bound_to_a_method_in_the_class_body_is_followed():
    source = filled(SOURCE, RIGHT)
    shapes = module_shapes(built(source, NAME), SIZE)
    result, found = _found(source, SIZE)
    assert found == []  # each block's conv and norm train
    (net,) = [m for m in result.models if m.name == "Net"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in net.calls if c.output.shape.dims is not None}
    assert predicted.get("body.1.conv") == shapes["body.1.conv"] == (2, 16, 16, 16)
    assert predicted.get("") == shapes[""] == (2, 10)
    assert _found(source)[1] == []


def test_a_width_wrong_after_the_class_body_forward_is_an_error():
    source = filled(SOURCE, {**RIGHT, "WIDTH": "8"})
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        built(source, NAME)(torch.zeros(*SIZE))
    assert ("CL101", FC_LINE) in _found(source, SIZE)[1]


def test_a_forward_bound_to_a_lambda_in_the_class_body_is_listed_not_followed():
    source = filled(SOURCE, {**RIGHT, "BLOCK_FORWARD": "make_forward()"})
    assert module_shapes(built(source, NAME), SIZE)[""] == (2, 10)
    result, found = _found(source, SIZE)
    assert found == []  # no CL207 for the layers the lambda uses
    (net,) = [m for m in result.models if m.name == "Net"]
    assert any("the forward its class body binds (forward = ...) is not followed" in u.why for u in net.unresolved)


AFTER_THE_CLASS = '''\
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)


Block.forward = lambda self, x: self.conv(x) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(8)
        self.fc = nn.Linear(8 * 16 * 16, 10)

    def forward(self, x):
        return self.fc(self.block(x).flatten(1))
'''


def test_a_forward_set_on_the_class_after_it_is_listed_not_followed():
    """`Block.forward = lambda ...` after the class: the class has no forward of its own, yet torch
    runs the lambda; its conv trains (no CL207) and the call is listed as not followed."""
    assert module_shapes(built(AFTER_THE_CLASS, NAME), (2, 8, 16, 16))[""] == (2, 10)
    for size in ((2, 8, 16, 16), None):
        result, found = _found(AFTER_THE_CLASS, size)
        assert found == []
        (net,) = [m for m in result.models if m.name == "Net"]
        assert any("Block: no forward() in its classes" in u.why for u in net.unresolved)
