"""torchvision's classification models, used as parts of a model (a resnet18 backbone with its fc
replaced, vgg16().features, a subclass of VGG), are followed through convlint's stand-ins: every
module's shape equals torch's module by module, and a head or skip that does not fit them is
found at its line. The stand-ins restate the architectures in plain torch.nn; where torchvision is
installed they are checked against it, module by module, and otherwise torch runs the stand-ins
themselves as the reference."""

import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
STANDINS = ROOT / "convlint" / "standins" / "torchvision"


@pytest.fixture
def torchvision_standins():
    """The stand-ins imported as `torchvision` (only `torchvision.models` is there), so that torch
    runs the tests' models on them; the modules are taken out of sys.modules afterwards."""
    saved = {name: module for name, module in sys.modules.items() if name.split(".")[0] == "torchvision"}
    for name in saved:
        del sys.modules[name]
    package = importlib.util.module_from_spec(importlib.util.spec_from_file_location(
        "torchvision", STANDINS / "models" / "__init__.py", submodule_search_locations=[]))
    package.__path__ = [str(STANDINS)]
    sys.modules["torchvision"] = package
    package.models = importlib.import_module("torchvision.models")
    package.models.ResNet50_Weights = SimpleNamespace(DEFAULT=None)  # weights, which never change a shape
    yield package
    for name in [name for name in sys.modules if name.split(".")[0] == "torchvision"]:
        del sys.modules[name]
    sys.modules.update(saved)


def lint(source: str, name: str = "Net", size: tuple | None = None):
    settings = Settings(input_shapes={name: size}) if size else Settings()
    return lint_text(source, "model.py", settings)


def line_of(source: str, text: str) -> int:
    (line,) = [number for number, written in enumerate(source.splitlines(), 1) if text in written]
    return line


def errors(result) -> set:
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def assert_torchs_shapes(source: str, size: tuple) -> None:
    result = lint(source, size=size)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert not model.unresolved, model.unresolved
    predicted: dict = {}
    for call in model.calls:  # a module's first call, as the hooks see it (a Bottleneck's one relu runs thrice)
        if call.output.shape.dims is not None:
            predicted.setdefault(call.node.path, tuple(call.output.shape.dims))
    seen = module_shapes(built(source, "model.py"), size)
    assert len(seen) > 10
    for path, shape in seen.items():
        assert predicted.get(path) == shape, path


BACKBONE = '''
import torch.nn as nn
import torchvision.models as models


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = models.FACTORY

    def forward(self, x):
        return self.model(x)
'''

FAMILIES = [  # each at a size its pools and strides do not divide evenly, or at a plain one
    ("alexnet()", (2, 3, 97, 131)), ("resnet18(pretrained=True)", (1, 3, 97, 131)),
    ("resnet34(weights=None, progress=False)", (2, 3, 64, 64)),
    ("resnet50(weights=models.ResNet50_Weights.DEFAULT, num_classes=7)", (1, 3, 97, 131)),
    ("resnext50_32x4d()", (2, 3, 64, 64)), ("wide_resnet50_2()", (1, 3, 64, 64)),
    ("resnet50(replace_stride_with_dilation=[False, True, True])", (1, 3, 97, 131)),
    ("vgg11()", (1, 3, 97, 131)), ("vgg13_bn(num_classes=5)", (2, 3, 64, 64)), ("vgg16(pretrained=True)", (1, 3, 64, 64)),
    ("vgg19_bn()", (1, 3, 97, 131)),
]


@pytest.mark.parametrize("factory, size", FAMILIES)
def test_each_family_has_torchs_shapes_module_by_module(torchvision_standins, factory, size):
    assert_torchs_shapes(filled(BACKBONE, {"FACTORY": factory}), size)


IMPORT_FORMS = {
    "from-package": ("from torchvision import models", "models.resnet18()"),
    "from-models": ("from torchvision.models import Bottleneck, ResNet", "ResNet(Bottleneck, [1, 2, 1, 1])"),
    "from-submodule": ("from torchvision.models.vgg import VGG, cfgs, make_layers",
                       'VGG(make_layers(cfgs["A"], batch_norm=True), num_classes=3)'),
    "dotted-submodule": ("import torchvision", "torchvision.models.resnet.ResNet(torchvision.models.resnet.BasicBlock, [2, 1, 1, 1])"),
    "dotted": ("import torchvision.models", "torchvision.models.alexnet(num_classes=4)"),
}


@pytest.mark.parametrize("form", IMPORT_FORMS)
def test_every_import_form_reaches_the_standins(torchvision_standins, form):
    imported, factory = IMPORT_FORMS[form]
    source = BACKBONE.replace("import torchvision.models as models", imported).replace("models.FACTORY", factory)
    assert_torchs_shapes(source, (1, 3, 64, 64))


# the backbone's classifier swapped for nn.Identity: the head takes the pooled features
HEAD = '''
import torch
import torch.nn as nn
import torchvision.models as models


class Net(nn.Module):
    def __init__(self, n=10):
        super().__init__()
        self.backbone = models.BACKBONE(pretrained=True)
        self.backbone.fc = nn.Identity()
        self.head = nn.Linear(WIDTH, n)

    def forward(self, x):
        return self.head(self.backbone(x))


Net()(torch.randn(2, 3, 224, 224))
'''


@pytest.mark.parametrize("backbone, right, wrong", [("resnet18", "512", "1024"), ("resnet50", "2048", "512")])
def test_a_head_that_does_not_fit_the_backbones_features(torchvision_standins, backbone, right, wrong):
    source = filled(HEAD, {"BACKBONE": backbone})
    broken = filled(source, {"WIDTH": wrong})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (2, 3, 64, 64))
    assert ("CL101", line_of(source, "self.head =")) in errors(lint(broken))
    fixed = filled(source, {"WIDTH": right})
    module_shapes(built(fixed, "model.py"), (2, 3, 64, 64))
    result = lint(fixed)
    assert errors(result) == set()
    (model,) = result.models
    assert not model.unresolved and tuple(model.output.shape.dims) == (2, 10)


# FCN's encoder: torchvision's VGG subclassed, its classifier deleted, the stages' maps returned
FCN = '''
import torch
import torch.nn as nn
from torchvision.models.vgg import VGG

ranges = {"vgg11": ((0, 3), (3, 6), (6, 11), (11, 16), (16, 21))}
cfg = {"vgg11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]}


def make_layers(cfg):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            layers += [nn.Conv2d(in_channels, v, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


class VGGNet(VGG):
    def __init__(self, model="vgg11"):
        super().__init__(make_layers(cfg[model]))
        self.ranges = ranges[model]
        del self.classifier

    def forward(self, x):
        output = {}
        for idx in range(len(self.ranges)):
            for layer in range(self.ranges[idx][0], self.ranges[idx][1]):
                x = self.features[layer](x)
            output["x%d" % (idx + 1)] = x
        return output


class Net(nn.Module):
    def __init__(self, n_class=3):
        super().__init__()
        self.pretrained_net = VGGNet()
        self.deconv1 = nn.ConvTranspose2d(512, 512, 3, stride=2, padding=1, output_padding=1)
        self.bn1 = nn.BatchNorm2d(512)
        self.classifier = nn.Conv2d(512, n_class, kernel_size=1)

    def forward(self, x):
        output = self.pretrained_net(x)
        score = self.deconv1(output["x5"])
        score = self.bn1(score + output["SKIP"])
        return self.classifier(score)


Net()(torch.zeros(1, 3, 64, 64))
'''


def test_a_skip_added_from_the_wrong_stage_of_a_vgg_subclass(torchvision_standins):
    broken = filled(FCN, {"SKIP": "x3"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (1, 3, 64, 64))
    assert ("CL107", line_of(FCN, "score + output")) in errors(lint(broken))
    fixed = filled(FCN, {"SKIP": "x4"})
    assert_torchs_shapes(fixed, (1, 3, 64, 64))
    assert errors(lint(fixed)) == set()


LIBRARY_PARTS = '''
import torch
import torch.nn as nn
import torchvision.models as models


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.gray = models.resnet18(num_classes=2)
        self.perceptual = models.vgg16_bn().features[:33]
        self.other = models.mobilenet_v2()

    def forward(self, x):
        return self.gray(x), self.perceptual(x), self.other(x)


Net()(torch.zeros(2, CHANNELS, 64, 64))
'''


def test_what_the_library_refuses_is_reported_at_the_users_call(torchvision_standins):
    """A 1-channel image refused by resnet18's stem is the user's at `models.resnet18(...)` (and
    by vgg16_bn's first conv at `models.vgg16_bn().features[:33]`); the
    library's own design (its convs' bias before BatchNorm) is not reported; a model with no
    stand-in stays unknown, and listed."""
    result = lint(filled(LIBRARY_PARTS, {"CHANNELS": "1"}))
    assert {(d.code, d.path, d.span.line) for d in result.diagnostics} == {
        ("CL103", "model.py", line_of(LIBRARY_PARTS, "self.gray =")),
        ("CL103", "model.py", line_of(LIBRARY_PARTS, "self.perceptual ="))}
    result = lint(filled(LIBRARY_PARTS, {"CHANNELS": "3"}))
    assert result.diagnostics == []
    (model,) = result.models
    assert [u.span.line for u in model.unresolved] == [line_of(LIBRARY_PARTS, "self.other(x)")]


BACKBONE_MODULE = '''
import torch.nn as nn
import torchvision


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = torchvision.models.resnet18()

    def forward(self, x):
        return self.features.layer1(self.features.bn1(self.features.conv1(x)))
'''

NET_OF_AN_IMPORTED_BACKBONE = '''
import torch
import torch.nn as nn
from parts.backbone import Backbone


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = Backbone()

    def forward(self, x):
        return self.backbone(x)


if __name__ == "__main__":
    Net()(torch.randn(2, CHANNELS, 64, 64))
'''


def test_what_the_library_refuses_through_a_module_of_the_users_is_at_that_modules_call(torchvision_standins,
                                                                                        tmp_path, monkeypatch):
    """resnet18 built in another module of the user's (`self.features = torchvision.models.resnet18()`
    in parts/backbone.py) and refusing a 1-channel input is reported at that call, in that file,
    where convlint stopped with an internal error."""
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "__init__.py").write_text("")
    (tmp_path / "parts" / "backbone.py").write_text(BACKBONE_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    for channels, refused in (("1", True), ("3", False)):
        source = filled(NET_OF_AN_IMPORTED_BACKBONE, {"CHANNELS": channels})
        (tmp_path / "net.py").write_text(source)
        model = built(source, str(tmp_path / "net.py"))
        if refused:
            with pytest.raises(RuntimeError):
                model(torch.randn(2, 1, 64, 64))
        else:
            model(torch.randn(2, 3, 64, 64))
        run = subprocess.run([sys.executable, "-m", "convlint", "net.py", "--no-cache", "--format", "json"],
                             cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT),
                                                                                "PATH": "/usr/bin:/bin"})
        found = {(d["code"], Path(d["path"]).name, d["line"]) for d in json.loads(run.stdout)["diagnostics"]
                 if d["severity"] == "error"}
        assert found == ({("CL103", "backbone.py", line_of(BACKBONE_MODULE, "resnet18()"))} if refused else set())

CENTER_BLOCK = '''
import torch
import torch.nn as nn
import torchvision.models as models


class Center(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.squeeze = nn.Conv2d(channels, channels, kernel_size=1)
        self.wide = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def forward(self, x):
        return x + self.squeeze(self.wide(self.squeeze(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        resnet = models.resnet34(pretrained=True)
        self.stem = nn.Sequential(resnet.conv1, resnet.bn1, resnet.relu, resnet.maxpool)
        self.encoder = nn.Sequential(resnet.layer1, resnet.layer2, resnet.layer3, resnet.layer4)
        self.center = Center(WIDTH)

    def forward(self, x):
        return self.center(self.encoder(self.stem(x)))


class Side(nn.Module):
    def __init__(self):
        super().__init__()
        self.center = Center(64)

    def forward(self, x):
        return self.center(x)
'''


def test_a_block_too_narrow_for_the_library_backbone_is_the_users_call(torchvision_standins):
    """A block built for 256 channels after resnet34's layer4 (512): the library's last conv is no
    line to change, so the finding stays at the call building the block (`Center(256)`), not at
    `models.resnet34(...)` with a count that call cannot take."""
    broken = filled(CENTER_BLOCK, {"WIDTH": "256"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "model.py"), (1, 3, 64, 64))
    found = errors(lint(broken))
    assert ("CL103", line_of(CENTER_BLOCK, "self.center = Center(WIDTH)")) in found
    assert line_of(CENTER_BLOCK, "models.resnet34(") not in {line for _, line in found}
    fixed = filled(CENTER_BLOCK, {"WIDTH": "512"})
    assert_torchs_shapes(fixed, (1, 3, 64, 64))
    assert errors(lint(fixed)) == set()


def test_the_standins_are_read_without_importing_torch(tmp_path):
    (tmp_path / "model.py").write_text(filled(HEAD, {"BACKBONE": "resnet50", "WIDTH": "512"}))
    check = ("import sys\nfrom convlint.cli import main\n"
             "try:\n    main(['model.py'])\nexcept SystemExit as done:\n    code = done.code\n"
             "assert 'torch' not in sys.modules, 'torch was imported'\nprint('exit', code)\n")
    run = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert "CL101" in run.stdout and "exit 1" in run.stdout, run.stdout + run.stderr


@pytest.mark.parametrize("factory, kwargs", [
    ("alexnet", {}), ("resnet18", {}), ("resnet50", {"num_classes": 7}), ("resnext50_32x4d", {}),
    ("resnet101", {"replace_stride_with_dilation": [False, True, True]}), ("vgg11", {}), ("vgg16_bn", {}),
    ("vgg19", {}),
])
def test_the_standins_are_torchvisions_models_module_by_module(torchvision_standins, factory, kwargs):
    """Each module's type, parameters, buffers and output shape, in the same order, as torchvision's."""
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.split(".")[0] == "torchvision"}
    try:
        real = pytest.importorskip("torchvision.models")
        original = getattr(real, factory)(**kwargs)
    finally:
        sys.modules.update(saved)
    standin = getattr(torchvision_standins.models, factory)(**kwargs)

    def layout(model):
        return [(name, type(module).__name__,
                 [(key, tuple(value.shape)) for key, value in module.named_parameters(recurse=False)],
                 [(key, tuple(value.shape)) for key, value in module.named_buffers(recurse=False)])
                for name, module in model.named_modules()]

    assert layout(standin) == layout(original)
    assert module_shapes(standin.eval(), (1, 3, 97, 131)) == module_shapes(original.eval(), (1, 3, 97, 131))
