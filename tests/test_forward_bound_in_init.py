"""A forward its __init__ binds on the instance (`self.forward = self._forward_impl`, `self.forward
= self.run`), which torch's __call__ runs in place of any forward the class defines: where it is a
method of the class it is followed as the forward, so its layers are used (no CL207) and its sizes
checked; any other value so bound (a lambda, a function passed in) is not followed, said in -v,
and its layers are not reported as never training. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

NAME = "bound_forward.py"
SOURCE = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.forward = BLOCK_FORWARD

    def run(self, x):
        return F.relu(self.bn(self.conv(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(Block(3, 8), Block(8, 16))
        self.head = nn.Conv2d(16, 16, 1)
        self.fc = nn.Linear(WIDTH, 10)
        self.forward = self._forward_impl

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))

    def _forward_impl(self, x):
        x = self.head(self.body(x))
        return self.fc(x.mean((2, 3)))
'''
RIGHT = {"BLOCK_FORWARD": "self.run", "WIDTH": "16"}
SIZE = (2, 3, 16, 16)


def _found(source: str, size: tuple | None = None):
    result = lint_text(source, NAME, Settings(input_shapes={"Net": size}) if size else Settings())
    return result, sorted({(d.code, d.span.line) for d in result.diagnostics if d.severity in ("error", "warning")})


def test_a_forward_bound_to_a_method_is_followed_and_its_layers_used():
    source = filled(SOURCE, RIGHT)
    shapes = module_shapes(built(source, NAME), SIZE)
    assert shapes["head"] == (2, 16, 16, 16) and shapes[""] == (2, 10)
    result, found = _found(source, SIZE)
    assert found == []  # head and each block's conv and norm train
    (net,) = [m for m in result.models if m.name == "Net"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in net.calls if c.output.shape.dims is not None}
    for path, shape in shapes.items():
        assert predicted.get(path) == shape, path
    assert _found(source)[1] == []


def test_a_width_wrong_for_the_bound_forward_is_an_error():
    source = filled(SOURCE, {**RIGHT, "WIDTH": "8"})
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        built(source, NAME)(torch.zeros(*SIZE))
    assert ("CL101", 22) in _found(source, SIZE)[1]


@pytest.mark.parametrize("bound", ["lambda x: F.relu(self.bn(self.conv(x)))", "make_forward(self)"])
def test_a_forward_bound_to_something_else_is_not_followed_nor_its_layers_called_unused(bound):
    source = filled(SOURCE, {**RIGHT, "BLOCK_FORWARD": bound}) + '''

def make_forward(block):
    return lambda x: F.relu(block.bn(block.conv(x)))
'''
    assert module_shapes(built(source, NAME), SIZE)[""] == (2, 10)
    result, found = _found(source, SIZE)
    assert found == []
    (net,) = [m for m in result.models if m.name == "Net"]
    assert any("the forward its __init__ sets (self.forward = ...) is not followed" in u.why
               for u in net.unresolved)
