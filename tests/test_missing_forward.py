"""A module class of the code called in forward() with no forward of its own nor of any class it
derives from (`class Block(nn.Module)` with only __init__, in an nn.Sequential): torch raises
NotImplementedError, so it is an error (CL113) at the construction of the instance called, and its
layers are not reported as never used (CL207). Where a forward may come from elsewhere (a base not
known, `self.forward = ...`, `Block.forward = fn`, a class decorator, a __call__), nothing is
reported. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

NAME = "no_forward.py"
SOURCE = '''\
import torch.nn as nn
import torch.nn.functional as F


DECORATOR
class Block(BASE):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        SET_FORWARD

    def FORWARD(self, x):
        return F.relu(self.bn(self.conv(x)))


AFTER


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 16, 3), Block(16, 32), nn.AdaptiveAvgPool2d(1),
                                 nn.Flatten(), nn.Linear(32, 10))

    def forward(self, x):
        return self.net(x)
'''
PLAIN = {"DECORATOR": "", "BASE": "nn.Module", "SET_FORWARD": "pass", "AFTER": ""}
BUILT_LINE = 23


def _found(source: str, settings: Settings | None = None):
    result = lint_text(source, NAME, settings or Settings())
    return sorted({(d.code, d.span.line) for d in result.diagnostics if d.severity in ("error", "warning")})


def _errors(source: str):
    return [d.code for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("size", [None, (2, 3, 32, 32)])
def test_a_block_with_its_forward_misspelled_is_an_error_where_it_is_built(size):
    source = filled(SOURCE, {**PLAIN, "FORWARD": "foward"})
    torch = pytest.importorskip("torch")
    with pytest.raises(NotImplementedError, match='missing the required "forward" function'):
        built(source, NAME)(torch.zeros(2, 3, 32, 32))
    settings = Settings(input_shapes={"Net": size}) if size else None
    assert _found(source, settings) == [("CL113", BUILT_LINE)]  # and no CL207 for its conv and norm


def test_the_block_with_its_forward_runs_and_is_clean():
    source = filled(SOURCE, {**PLAIN, "FORWARD": "forward"})
    assert module_shapes(built(source, NAME), (2, 3, 32, 32))["net"] == (2, 10)
    assert _found(source) == []


# forms where the forward comes from somewhere else: torch runs, or convlint cannot know
GIVEN_ELSEWHERE = {
    "set-on-the-instance": {"SET_FORWARD": "self.forward = lambda x: F.relu(self.bn(self.conv(x)))"},
    "set-on-the-class": {"AFTER": "Block.forward = Block.foward"},
    "setattr-of-a-name": {"SET_FORWARD": "setattr(Block, 'forward', Block.foward)"},
    "call-in-its-place": {"FORWARD": "__call__"},
    "a-decorator": {"DECORATOR": "@with_forward", "AFTER": ""},
}


@pytest.mark.parametrize("form", sorted(GIVEN_ELSEWHERE))
def test_a_forward_given_elsewhere_is_no_error(form):
    values = {**PLAIN, "FORWARD": "foward", **GIVEN_ELSEWHERE[form]}
    source = filled(SOURCE, values)
    if form == "a-decorator":
        source = source.replace("import torch.nn.functional as F\n", "import torch.nn.functional as F\n\n\n"
                                "def with_forward(cls):\n    cls.forward = cls.foward\n    return cls\n", 1)
    torch = pytest.importorskip("torch")
    assert built(source, NAME)(torch.zeros(2, 3, 32, 32)).shape == (2, 10)
    assert _errors(source) == []


def test_a_base_not_known_is_no_error():
    source = "from blocks import Base\n" + filled(SOURCE, {**PLAIN, "FORWARD": "foward", "BASE": "Base"})
    assert _errors(source) == []
