"""`x + f(y)` where f is a layer of a library convlint does not read (a DropPath, a positional
encoding): the sum has the known operand's sizes wherever they are not 1 (the unknown one must
broadcast to them), so the layers after it stay followed and a wrong width there is found; a dim
of 1 (an SE gate's N x C x 1 x 1 times the map) stays unknown, and the assumption is listed.
Torch runs the models with the library stood in by a module of the same shapes."""

import sys
import types

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")
nn = torch.nn


class _Encoding(nn.Module):
    """A positional encoding: a tensor of its input's shape."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, x):
        return torch.zeros_like(x)


@pytest.fixture
def extlib(monkeypatch):
    """The library, for torch only (convlint never sees it: it lints before this is set)."""
    module = types.ModuleType("extlib")
    module.DropPath = lambda *args, **kwargs: nn.Identity()
    module.Encoding = _Encoding
    module.SyncBN = nn.BatchNorm2d
    monkeypatch.setitem(sys.modules, "extlib", module)
    return module


def lint(source: str, size: tuple | None = None, name: str = "Net"):
    return lint_text(source, "model.py", Settings(input_shapes={name: size}) if size else Settings())


def errors(result) -> set:
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def line_of(source: str, text: str) -> int:
    (line,) = [number for number, written in enumerate(source.splitlines(), 1) if text in written]
    return line


def shapes_of(result, name: str = "Net") -> dict:
    (model,) = [m for m in result.models if m.name == name]
    found: dict = {}
    for call in model.calls:
        found.setdefault(call.node.path, None if call.output.shape.dims is None else tuple(call.output.shape.dims))
    return found


def assert_torchs_shapes(source: str, size: tuple, library: set) -> dict:
    """Every module convlint knows has torch's shape; `library`: the paths of the library's own."""
    result = lint(source, size)
    assert errors(result) == set()
    predicted = shapes_of(result)
    for path, shape in module_shapes(built(source, "model.py"), size).items():
        if path not in library:
            assert predicted.get(path) == shape, path
    return predicted


RESIDUAL = '''
import torch
import torch.nn as nn
from extlib import DropPath


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dw = nn.Conv2d(c, c, 7, padding=3, groups=c)
        self.pw = nn.Conv2d(c, c, 1)
        self.drop = DropPath(0.1)

    def forward(self, x):
        return SUM


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 4, stride=4)
        self.blocks = nn.Sequential(Block(16), Block(16))
        self.down = nn.Conv2d(WIDTH, 32, 2, stride=2)
        self.head = nn.Linear(32 * 4 * 4, 10)

    def forward(self, x):
        x = self.down(self.blocks(self.stem(x)))
        return self.head(x.flatten(1))
'''
SUMS = ["x + self.drop(self.pw(self.dw(x)))", "self.drop(self.pw(self.dw(x))) + x",
        "torch.add(x, self.drop(self.pw(self.dw(x))))", "x.add(self.drop(self.pw(self.dw(x))))",
        "x - self.drop(self.pw(self.dw(x)))", "x * torch.sigmoid(self.drop(self.pw(self.dw(x))))"]


@pytest.mark.parametrize("total", SUMS)
def test_a_residual_through_a_library_layer_keeps_the_blocks_shape(extlib, total):
    source = filled(RESIDUAL, {"SUM": total})
    predicted = assert_torchs_shapes(filled(source, {"WIDTH": "16"}), (2, 3, 32, 32),
                                     {"blocks.0.drop", "blocks.1.drop"})
    assert predicted["blocks"] == (2, 16, 8, 8) and predicted["head"] == (2, 10)
    broken = filled(source, {"WIDTH": "32"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (2, 3, 32, 32))
    for size in (None, (2, 3, 32, 32)):
        assert ("CL103", line_of(broken, "self.down =")) in errors(lint(broken, size))


def test_the_assumption_is_listed_and_nothing_is_said_of_the_library_layer():
    source = filled(RESIDUAL, {"SUM": SUMS[0], "WIDTH": "16"})
    result = lint(source, (2, 3, 32, 32))
    assert result.diagnostics == [] or all(d.severity != "error" for d in result.diagnostics)
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any("taken to broadcast to the other operand's 2 x 16 x 8 x 8" in u.why for u in model.unresolved)


INPLACE = '''
import torch.nn as nn
from extlib import Encoding


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 12)
        self.encoder = Encoding(12)
        self.head = nn.Linear(WIDTH, 3)

    def forward(self, x):
        h = self.fc(x)
        h += self.encoder(h)
        return self.head(h)
'''


def test_in_place_the_sum_has_the_tensors_own_shape_of_any_rank(extlib):
    predicted = assert_torchs_shapes(filled(INPLACE, {"WIDTH": "12"}), (4, 20), {"encoder"})
    assert predicted["head"] == (4, 3)
    broken = filled(INPLACE, {"WIDTH": "20"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (4, 20))
    assert ("CL101", line_of(broken, "self.head =")) in errors(lint(broken, (4, 20)))


ENCODED = '''
import torch
import torch.nn as nn
import extlib as pe


class Unit(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, 1)
        self.encoder = pe.Encoding(cout)

    def forward(self, x):
        q = self.conv(x)
        q = q + self.encoder(q)
        return torch.relu(q)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.units = nn.Sequential(Unit(32, 4), Unit(WIDTH, 16))

    def forward(self, x):
        return self.units(x)
'''


def test_a_positional_encoding_added_to_a_sequence(extlib):
    predicted = assert_torchs_shapes(filled(ENCODED, {"WIDTH": "4"}), (2, 32, 8), {"units.0.encoder", "units.1.encoder"})
    assert predicted["units.1.conv"] == (2, 16, 8)
    broken = filled(ENCODED, {"WIDTH": "32"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (2, 32, 8))
    assert ("CL103", line_of(broken, "self.units =")) in errors(lint(broken, (2, 32, 8)))


GATE = '''
import torch.nn as nn
from extlib import DropPath


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.squeeze = nn.AdaptiveAvgPool2d(1)
        self.excite = nn.Conv2d(8, 8, 1)
        self.body = DropPath(0.1)
        self.head = nn.Linear(8 * 16 * 16, 10)

    def forward(self, x):
        x = self.conv(x)
        gate = self.excite(self.squeeze(x)).sigmoid()
        x = GATED
        return self.head(x.flatten(1))
'''


@pytest.mark.parametrize("gated", ["gate * self.body(x)", "self.body(x) * gate"])
def test_a_gate_of_size_one_leaves_the_maps_sides_unknown(extlib, gated):
    source = filled(GATE, {"GATED": gated})
    module_shapes(built(source, "model.py"), (2, 3, 16, 16))  # runs
    for size in (None, (2, 3, 16, 16)):
        assert errors(lint(source, size)) == set()  # not 8 x 1 x 1: Linear(8 * 16 * 16) is not judged


NORMED = '''
import torch.nn as nn
from extlib import SyncBN


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.conv = nn.Conv2d(16, 16, 3, padding=1)
        self.bn = SyncBN(16)
        self.relu = nn.ReLU()
        self.out = nn.Conv2d(WIDTH, 4, 1)

    def forward(self, x):
        identity = self.stem(x)
        y = self.relu(self.bn(self.conv(identity)))
        y += identity
        return self.out(y)
'''


def test_a_library_norm_layer_summed_in_place_with_the_identity(extlib):
    predicted = assert_torchs_shapes(filled(NORMED, {"WIDTH": "16"}), (2, 3, 8, 8), {"bn", "relu"})
    assert predicted["out"] == (2, 4, 8, 8)
    broken = filled(NORMED, {"WIDTH": "8"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (2, 3, 8, 8))
    for size in (None, (2, 3, 8, 8)):
        assert ("CL103", line_of(broken, "self.out =")) in errors(lint(broken, size))


def test_a_sum_of_features_not_in_place_keeps_only_the_last_dim_its_known_operand_decides(extlib):
    """Below 3 dims the rank is not taken (`h + f(h)` of N x F features), but the last dim is: 12
    broadcast with whatever f gives is 12 wherever the sum runs, so a head built for 20 is refused."""
    source = filled(INPLACE, {"h += self.encoder(h)": "h = h + self.encoder(h)", "WIDTH": "20"})
    result = lint(source, (4, 20))
    assert errors(result) == {("CL101", line_of(source, "self.head ="))}
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "model.py"), (4, 20))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert not any("taken to broadcast" in u.why for u in model.unresolved)
