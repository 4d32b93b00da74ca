"""Models written as subclasses of a library's nn.Module subclass (pytorch_lightning's
LightningModule in each import spelling, OpenMMLab's BaseModule, fastai's Module) are models;
LightningModule's save_hyperparameters() sets self.hparams to the __init__ arguments, and its
example_input_array is the input. Checked against torch, the libraries stood in for."""

from __future__ import annotations

import inspect
import sys
import types

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, filled

torch = pytest.importorskip("torch")
nn = torch.nn


class _AttributeDict(dict):
    __getattr__ = dict.__getitem__


class LightningModule(nn.Module):
    """Lightning's behaviour the tests rely on: hparams from the calling __init__'s arguments."""

    def save_hyperparameters(self, *names, ignore=()):
        frame = inspect.currentframe().f_back
        params = list(inspect.signature(type(self).__init__).parameters)[1:]
        found = {k: frame.f_locals[k] for k in params if k in frame.f_locals and k not in ignore}
        self._hparams = _AttributeDict({k: v for k, v in found.items() if not names or k in names})

    @property
    def hparams(self):
        return getattr(self, "_hparams", _AttributeDict())

    def log(self, *args, **kwargs):
        pass


class BaseModule(nn.Module):
    def __init__(self, init_cfg=None):
        super().__init__()
        self.init_cfg = init_cfg


class FastaiModule(nn.Module):
    """fastai's Module: nn.Module.__init__ runs before the subclass's __init__."""

    def __new__(cls, *args, **kwargs):
        made = super().__new__(cls)
        nn.Module.__init__(made)
        return made


@pytest.fixture(autouse=True)
def _libraries(monkeypatch):
    pl = types.SimpleNamespace(LightningModule=LightningModule)
    for name, module in {
        "pytorch_lightning": pl, "lightning": types.SimpleNamespace(LightningModule=LightningModule, pytorch=pl),
        "lightning.pytorch": pl, "lightning.pytorch.core": pl,
        "lightning.pytorch.core.module": pl, "mmengine": types.SimpleNamespace(),
        "mmengine.model": types.SimpleNamespace(BaseModule=BaseModule), "fastai": types.SimpleNamespace(),
        "fastai.torch_core": types.SimpleNamespace(Module=FastaiModule),
    }.items():
        monkeypatch.setitem(sys.modules, name, module)


MODEL = '''
import torch
import torch.nn as nn
IMPORT


class Net(BASE):
    def __init__(self, width=32, num_classes=10):
        SUPER
        self.features = nn.Sequential(nn.Conv2d(1, width, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(FEATURES, num_classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))
'''


@pytest.mark.parametrize(("imported", "base", "init"), [
    ("import pytorch_lightning as pl", "pl.LightningModule", "super().__init__()"),
    ("import lightning.pytorch as pl", "pl.LightningModule", "super(Net, self).__init__()"),
    ("import lightning as L", "L.LightningModule", "super().__init__()"),
    ("from pytorch_lightning import LightningModule", "LightningModule", "super().__init__()"),
    ("from lightning.pytorch.core.module import LightningModule", "LightningModule", "super().__init__()"),
    ("from mmengine.model import BaseModule", "BaseModule", "super().__init__(init_cfg=None)"),
    ("from fastai.torch_core import Module", "Module", "pass"),
])
def test_a_subclass_of_a_library_module_is_a_model(imported, base, init):
    source = MODEL.replace("IMPORT", imported).replace("BASE", base).replace("SUPER", init)
    line = line_of(source, "nn.Linear(FEATURES")
    clean = assert_bug_found_at_its_line(source, {"FEATURES": "width"}, {"FEATURES": "64"}, (2, 1, 28, 28), line,
                                         "CL101", "library_base.py")
    assert [m.name for m in clean.models] == ["Net"]


HPARAMS = '''
import torch
import torch.nn as nn
import pytorch_lightning as pl


class Net(pl.LightningModule):
    def __init__(self, width=32, num_classes=10, lr=0.01):
        super().__init__()
        self.lr = lr
        SAVE
        self.conv = nn.Conv2d(1, self.hparams.width, 3)
        self.fc = nn.Linear(32 * SIDE * SIDE, self.hparams["num_classes"])
        EXAMPLE

    def forward(self, x):
        x = torch.flatten(self.conv(x), 1)
        self.log("mean", x.mean())
        return self.fc(x)
'''


@pytest.mark.parametrize("save", ["self.save_hyperparameters()", "self.save_hyperparameters('width', 'num_classes')",
                                  "self.save_hyperparameters(ignore=['lr'])"])
def test_hparams_saved_and_the_example_input_array_are_read(save):
    source = HPARAMS.replace("SAVE", save).replace("EXAMPLE", "self.example_input_array = torch.zeros(2, 1, 28, 28)")
    line = line_of(source, "nn.Linear(32 * SIDE")
    clean = assert_bug_found_at_its_line(source, {"SIDE": "26"}, {"SIDE": "28"}, (2, 1, 28, 28), line, "CL101",
                                         "hparams.py")
    (model,) = clean.models
    assert model.input_source.kind == "example" and model.unresolved == []


def test_hparams_saved_in_a_base_class_init_stay_unknown():
    """Lightning collects the subclass's arguments too there, its values first (width 8, not
    the 16 the base is given): not followed, no width claimed."""
    source = '''
import torch
import torch.nn as nn
import pytorch_lightning as pl


class Base(pl.LightningModule):
    def __init__(self, width):
        super().__init__()
        self.save_hyperparameters()


class Net(Base):
    def __init__(self, width=8):
        super().__init__(width * 2)
        self.conv = nn.Conv2d(1, self.hparams.width, 3)

    def forward(self, x):
        return self.conv(x)
'''
    result = lint_text(source, "base_saves.py", Settings(input_shapes={"Net": (2, 1, 28, 28)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (net,) = [m for m in result.models if m.name == "Net"]
    (conv,) = [c for c in net.calls if c.node.path == "conv"]
    assert not isinstance(conv.output.shape.dims[1], int)


def test_an_unknown_library_base_stays_unknown():
    source = filled(MODEL, {"IMPORT": "import somelib", "BASE": "somelib.Module", "SUPER": "super().__init__()",
                            "FEATURES": "64"})
    result = lint_text(source, "unknown_base.py", Settings())
    # (not analysed, and said so: a note that the class is not checked, no finding about its layers)
    assert result.models == [] and [d.code for d in result.diagnostics] == ["CL008"]
