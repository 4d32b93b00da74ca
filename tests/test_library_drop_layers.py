"""The drop layers of torchvision and timm (torchvision.ops.StochasticDepth and stochastic_depth,
timm's DropPath, drop_path and DropBlock2d, under timm.layers, timm.models.layers and
timm.models.layers.drop) are read from convlint's stand-ins: they keep their input's shape, so
the layers after them stay followed and a wrong width there is found. Every other name of those
libraries (timm's trunc_normal_, to_2tuple, create_model) stays unknown, as before. Torch runs the
models on the stand-ins themselves, as the libraries are not installed here."""

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

STANDINS = Path(__file__).resolve().parents[1] / "convlint" / "standins"


def _load(name: str, path: Path) -> types.ModuleType:
    module = importlib.util.module_from_spec(importlib.util.spec_from_file_location(name, path))
    module.__spec__.loader.exec_module(module)
    return module


@pytest.fixture
def libraries(monkeypatch):
    """torchvision.ops and timm's drop layers, for torch: the stand-ins' own files."""
    depth = _load("torchvision.ops.stochastic_depth", STANDINS / "torchvision" / "ops" / "stochastic_depth.py")
    drop = _load("timm.layers.drop", STANDINS / "timm" / "layers" / "drop.py")
    packages = {"torchvision": types.ModuleType("torchvision"), "torchvision.ops": depth,
                "torchvision.ops.stochastic_depth": depth, "timm": types.ModuleType("timm"),
                "timm.layers": drop, "timm.layers.drop": drop, "timm.models": types.ModuleType("timm.models"),
                "timm.models.layers": drop, "timm.models.layers.drop": drop}
    packages["torchvision"].ops = depth
    packages["timm"].layers, packages["timm"].models = drop, packages["timm.models"]
    packages["timm.models"].layers = drop
    for name, module in packages.items():
        monkeypatch.setitem(sys.modules, name, module)


def lint(source: str, size: tuple | None = None):
    return lint_text(source, "model.py", Settings(input_shapes={"Net": size}) if size else Settings())


def errors(result) -> set:
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def line_of(source: str, text: str) -> int:
    (line,) = [number for number, written in enumerate(source.splitlines(), 1) if text in written]
    return line


CHAIN = '''
import torch.nn as nn
IMPORT


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)
        self.drop = LAYER
        self.b = nn.Conv2d(WIDTH, 4, 3, padding=1)

    def forward(self, x):
        return self.b(APPLY)
'''
FORMS = [
    ("import torchvision", 'torchvision.ops.StochasticDepth(0.1, "row")', "self.drop(self.a(x))"),
    ("from torchvision.ops.stochastic_depth import StochasticDepth", 'StochasticDepth(0.2, mode="batch")',
     "self.drop(self.a(x))"),
    ("from torchvision.ops import stochastic_depth", "nn.Identity()",
     'stochastic_depth(self.a(x), 0.2, "row", self.training)'),
    ("from timm.models.layers import DropPath", "DropPath(0.1)", "self.drop(self.a(x))"),
    ("from timm.layers import DropPath, DropBlock2d", "nn.Sequential(DropBlock2d(0.1, 3), DropPath(drop_prob=0.1))",
     "self.drop(self.a(x))"),
    ("from timm.models.layers.drop import drop_path", "nn.Identity()", "drop_path(self.a(x), 0.1, self.training)"),
    ("import timm", "timm.models.layers.DropPath(0.1)", "self.drop(self.a(x))"),
]


@pytest.mark.parametrize("imported, layer, applied", FORMS)
def test_a_drop_layer_keeps_its_inputs_shape(libraries, imported, layer, applied):
    source = filled(CHAIN, {"IMPORT": imported, "LAYER": layer, "APPLY": applied})
    right = filled(source, {"WIDTH": "8"})
    result = lint(right, (2, 3, 16, 16))
    assert errors(result) == set()
    (model,) = [m for m in result.models if m.name == "Net"]
    assert not model.unresolved, model.unresolved
    predicted: dict = {}
    for call in model.calls:
        predicted.setdefault(call.node.path, None if call.output.shape.dims is None else tuple(call.output.shape.dims))
    for path, shape in module_shapes(built(right, "model.py"), (2, 3, 16, 16)).items():
        assert predicted.get(path) == shape, path
    broken = filled(source, {"WIDTH": "16"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (2, 3, 16, 16))
    for size in (None, (2, 3, 16, 16)):
        assert ("CL103", line_of(broken, "self.b =")) in errors(lint(broken, size))


OTHER_NAMES = '''
import torch.nn as nn
import timm
from timm.models.layers import trunc_normal_, DropPath, to_2tuple


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = timm.create_model("resnet18", pretrained=False, num_classes=0)
        self.size = to_2tuple(3)
        self.a = nn.Conv2d(3, 8, self.size, padding=1)
        self.drop = DropPath(0.1)
        self.head = nn.Linear(512, 10)
        trunc_normal_(self.head.weight, std=0.02)

    def forward(self, x):
        return self.head(self.backbone(self.drop(self.a(x))))
'''


def test_the_libraries_other_names_stay_unknown():
    for size in (None, (2, 3, 16, 16)):
        result = lint(OTHER_NAMES, size)
        assert errors(result) == set()
        (model,) = [m for m in result.models if m.name == "Net"]
        listed = {(u.span.line, u.why) for u in model.unresolved}
        assert (line_of(OTHER_NAMES, "return self.head"), "a call of something not known statically, on a tensor") \
            in listed
        shapes = {call.node.path: call.output.shape.dims for call in model.calls}
        assert shapes["drop"] is not None and shapes["drop"][1] == 8  # the drop layer is followed
