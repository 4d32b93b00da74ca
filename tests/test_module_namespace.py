"""Names a module binds at run time through its own namespace (`setattr(sys.modules[__name__],
name, partial(...))`, `globals()[name] = ...`, `globals().update(...)`): the factories they make
are models, analysed as the partial calls them, against torch."""

import sys
import types
from pathlib import Path

import pytest

from convlint.config import parse_model_args
from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
GLOBALS = "factories_made_by_globals.py"
SETATTR = "factories_made_by_setattr_partial.py"


def lint(name: str, **settings):
    return lint_file(CORPUS / name, name, Settings(**settings))


def errors(result) -> list[tuple[str, int, str]]:
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def load(name: str) -> types.ModuleType:
    """The file imported as a module, so that `sys.modules[__name__]` is itself."""
    module = types.ModuleType(f"namespace_case_{Path(name).stem}")
    sys.modules[module.__name__] = module
    try:
        exec(compile((CORPUS / name).read_text(), name, "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module


def first_outputs(real, tensor) -> dict:
    seen: dict = {}
    for path, module in real.named_modules():
        module.register_forward_hook(lambda m, i, o, path=path: seen.setdefault(path, tuple(o.shape)) and None)
    real.eval()(tensor)
    return seen


def predicted(result, model: str) -> dict:
    (analysis,) = [m for m in result.models if m.name == model]
    shapes: dict = {"": analysis.output.shape.dims}
    for call in analysis.calls:
        if not call.node.functional:
            shapes.setdefault(call.node.path, call.output.shape.dims)
    return shapes


def test_setattr_on_sys_modules_in_a_loop_makes_each_factory_a_model():
    result = lint(SETATTR)
    assert {m.name for m in result.models} >= {"cifar10_resnet8", "cifar100_resnet8"}
    assert errors(result) == [("cifar10_resnet8", 39, "CL101")]  # the stub defs are replaced, not models
    (analysis,) = [m for m in lint(SETATTR, input_shapes={"cifar100_resnet8": (2, 3, 32, 32)}).models
                   if m.name == "cifar100_resnet8"]
    assert analysis.output.shape.dims == (2, 100)
    torch = pytest.importorskip("torch")
    module = load(SETATTR)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        module.cifar10_resnet8()(torch.zeros(2, 3, 32, 32))
    assert module.cifar100_resnet8().fc.out_features == 100


def test_the_download_under_pretrained_is_no_false_alarm():
    given = dict([parse_model_args("cifar100_resnet8(pretrained=True)")])
    result = lint(SETATTR, model_args=given, input_shapes={"cifar100_resnet8": (2, 3, 32, 32)})
    (analysis,) = [m for m in result.models if m.name == "cifar100_resnet8"]
    assert analysis.root is not None and not analysis.internal_error
    assert analysis.output.shape.dims == (2, 100)
    assert errors(result) == [("cifar10_resnet8", 39, "CL101")]  # the one bug, reported once for its line


@pytest.mark.parametrize("model", ["wide_net8", "wide_net16", "net8_c100", "net16_c100", "tiny_net", "small_net",
                                   "attr_net", "dict_net", "plain_net"])
def test_factories_bound_through_globals_match_torch(model):
    result = lint(GLOBALS, input_shapes={model: (2, 3, 16, 16)})
    assert errors(result) == [("head_net4", 23, "CL101")]
    torch = pytest.importorskip("torch")
    outputs = first_outputs(getattr(load(GLOBALS), model)(), torch.zeros(2, 3, 16, 16))
    shapes = predicted(result, model)
    assert {k: shapes.get(k) for k in outputs} == outputs


def test_a_helper_writing_globals_called_in_a_loop_is_followed():
    result = lint(GLOBALS)
    assert errors(result) == [("head_net4", 23, "CL101")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        load(GLOBALS).head_net4()(torch.zeros(2, 3, 16, 16))


def test_a_partial_leaving_a_required_argument_is_analysed_with_it_unknown_and_listed():
    result = lint(GLOBALS, input_shapes={"open_net": (2, 3, 16, 16)})
    (analysis,) = [m for m in result.models if m.name == "open_net"]
    assert analysis.output.shape.dims == (2, 4)
    assert any("open_net(width)" in u.why for u in analysis.unresolved)
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError):
        load(GLOBALS).open_net()


def test_a_later_definition_wins_over_an_earlier_run_time_binding(tmp_path):
    source = (CORPUS / GLOBALS).read_text() + "\n\ndef wide_net8():\n    return None\n"
    path = tmp_path / "later.py"
    path.write_text(source)
    names = {m.name for m in lint_file(path, "later.py", Settings()).models}
    assert "wide_net8" not in names and "wide_net16" in names


def test_a_name_not_known_binds_nothing_and_lists_no_error(tmp_path):
    path = tmp_path / "unknown_names.py"
    path.write_text((CORPUS / GLOBALS).read_text() + "\n\nfor name in open('names.txt'):\n"
                                                      "    globals()[name] = partial(Net, 3)\n")
    result = lint_file(path, "unknown_names.py", Settings())
    assert errors(result) == [("head_net4", 23, "CL101")]


def test_confirm_runs_the_loops_that_make_the_factories():
    import json

    from click.testing import CliRunner

    from convlint.cli import main

    pytest.importorskip("torch")
    result = CliRunner().invoke(main, [str(CORPUS / SETATTR), str(CORPUS / GLOBALS), "--confirm", "--device", "cpu",
                                       "--input-shape", "2,3,32,32", "--no-cache", "--format", "json"])
    report = json.loads(result.stdout)
    verdicts = sorted((Path(d["path"]).name, d["code"], (d.get("confirmation") or {}).get("verdict"))
                      for d in report["diagnostics"] if d["severity"] == "error")
    assert verdicts == [(GLOBALS, "CL101", "confirmed"), (SETATTR, "CL101", "confirmed")]


def test_a_star_import_of_a_package_that_binds_no_such_name_leaves_the_projects(tmp_path):
    """`from base_networks import *` then `from torchvision.transforms import *` (DBPN): the later
    star import binds torchvision's transforms, not `ConvBlock`; the project's block is followed."""
    (tmp_path / "base_networks.py").write_text(
        "import torch.nn as nn\n\n\n"
        "class ConvBlock(nn.Module):\n"
        "    def __init__(self, cin, cout):\n"
        "        super().__init__()\n"
        "        self.conv = nn.Conv2d(cin, cout, 3, padding=1)\n\n"
        "    def forward(self, x):\n"
        "        return self.conv(x)\n")
    model = (
        "import torch.nn as nn\n"
        "from base_networks import *\n"
        "from torchvision.transforms import *\n"
        "from math import *\n\n\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.a = ConvBlock(3, 16)\n"
        "        self.b = ConvBlock(32, 8)\n\n"
        "    def forward(self, x):\n"
        "        return self.b(self.a(x))\n")
    (tmp_path / "net.py").write_text(model)
    result = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL103", 11)]
    unknown = model.replace("from math import *", "from some_vision_lib import *")
    (tmp_path / "net.py").write_text(unknown)
    result = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]  # a package not known may bind it


STAR_OF_AN_UNKNOWN_PACKAGE = """
import torch
import torch.nn as nn
from some_layers_lib import *


class Stack(nn.Module):
    def __init__(self, width, depth, wide_last=False):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(width, width, 3, padding=1) for _ in range(depth)])
        self.head = nn.Linear(width * (2 if wide_last else 1), 4)  # [CL101] the last width is `width`
        self.depth = len(self.convs)

    def forward(self, x):
        for conv in self.convs:
            x = conv(x)
        return self.head(x.mean(-1))


net = Stack(12, 3, wide_last=True)
out = net(torch.zeros(2, 12, 50))
"""


def test_an_unknown_package_s_star_import_leaves_the_builtins_and_rebinds_what_numpy_rebinds():
    """fastai-era files (`from fastai.layers import *`, not installed): `range`, `len` and `False` are
    still Python's, so the layers are built and checked; `sum`, `max`, `abs` could be numpy's."""
    from convlint.evaluator.star_exports import star_exports_may_bind
    from convlint.pipeline import lint_text

    assert not star_exports_may_bind("some_layers_lib", "range")
    assert star_exports_may_bind("some_layers_lib", "sum") and star_exports_may_bind("some_layers_lib", "ConvLayer")
    result = lint_text(STAR_OF_AN_UNKNOWN_PACKAGE, "stack.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 11)]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    source = STAR_OF_AN_UNKNOWN_PACKAGE.replace("from some_layers_lib import *", "").split("net = ")[0]
    exec(compile(source, "stack.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Stack"](12, 3, wide_last=True)(torch.zeros(2, 12, 50))


def test_a_package_star_importing_a_module_that_imports_back_from_it(tmp_path, monkeypatch):
    """PyTorch-VAE's layout: models/__init__.py does `from .base import *` then `from .vae import
    *`, and vae.py does `from models import BaseVAE`. As Python runs it, vae.py gets the BaseVAE
    the earlier star import bound; the model is found and checked."""
    package = tmp_path / "models"
    package.mkdir()
    (package / "__init__.py").write_text("from .base import *\nfrom .vae import *\n")
    (package / "base.py").write_text(
        "import torch.nn as nn\n\n\nclass BaseVAE(nn.Module):\n    def __init__(self):\n"
        "        super().__init__()\n")
    (package / "vae.py").write_text(
        "import torch.nn as nn\nfrom models import BaseVAE\n\n\n"
        "class VAE(BaseVAE):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.encoder = nn.Conv2d(3, 8, 3, stride=2, padding=1)\n"
        "        self.fc_mu = nn.Linear(7, 4)\n\n"
        "    def forward(self, x):\n"
        "        return self.fc_mu(self.encoder(x).flatten(1))\n")
    result = lint_file(package / "vae.py", str(package / "vae.py"), Settings())
    assert [m.name for m in result.models] == ["VAE"]
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 9)]
    torch = pytest.importorskip("torch")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    vae = importlib.import_module("models.vae")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        vae.VAE()(torch.zeros(2, 3, 32, 32))
    for name in [m for m in sys.modules if m == "models" or m.startswith("models.")]:
        del sys.modules[name]


def test_a_package_importing_its_own_submodules_by_absolute_name(tmp_path, monkeypatch):
    """deeplab-xception's modeling/backbone/__init__.py: `from modeling.backbone import resnet`,
    the package reading itself before the name is bound; Python finds the submodule, and so does
    convlint (it used to recurse until Python's limit and report an internal error)."""
    package = tmp_path / "netpkg" / "backbone"
    package.mkdir(parents=True)
    (tmp_path / "netpkg" / "__init__.py").write_text("")
    (package / "__init__.py").write_text(
        "from netpkg.backbone import resnetish\n\n\ndef build_backbone(width):\n    return resnetish.Stem(width)\n")
    (package / "resnetish.py").write_text(
        "import torch.nn as nn\n\n\nclass Stem(nn.Module):\n    def __init__(self, width):\n        super().__init__()\n"
        "        self.conv = nn.Conv2d(3, width, 3, padding=1)\n\n    def forward(self, x):\n        return self.conv(x)\n")
    (tmp_path / "netpkg" / "model.py").write_text(
        "import torch\nimport torch.nn as nn\nfrom netpkg.backbone import build_backbone\n\n\n"
        "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
        "        self.backbone = build_backbone(16)\n        self.head = nn.Conv2d(32, 4, 1)\n\n"
        "    def forward(self, x):\n        return self.head(self.backbone(x))\n")
    (tmp_path / "setup.py").write_text("")
    monkeypatch.chdir(tmp_path)
    result = lint_file(tmp_path / "netpkg" / "model.py", "netpkg/model.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL103", 10)]
    torch = pytest.importorskip("torch")
    monkeypatch.syspath_prepend(str(tmp_path))
    from netpkg.model import Net

    with pytest.raises(RuntimeError, match="to have 32 channels, but got 16 channels"):
        Net()(torch.zeros(1, 3, 8, 8))
