"""Configuration objects built by setting attributes (`cfg = EasyDict(); cfg.GAN.DF_DIM = 64`):
EasyDict, SimpleNamespace, yacs' CfgNode and a project's own empty class, at module level here or
in a config module the model imports; read as the code leaves them, and checked against torch."""

import sys
import types

import pytest

from convlint.pipeline import Settings, lint_file

CONFIG = '''
from {module} import {cls} as edict

__C = edict()
cfg = __C
__C.GAN = edict()
__C.GAN.DF_DIM = 16
__C.GAN.Z_DIM = __C.GAN.DF_DIM * 2
__C.TRAIN = edict({{"FLAG": True, "SIZES": {{"IMAGE": 32}}}})
'''

MODEL = '''
import torch.nn as nn
from cfgobj_config import cfg


class D(nn.Module):
    def __init__(self):
        super().__init__()
        ndf = cfg.GAN.DF_DIM
        self.c1 = nn.Conv2d(3, ndf, 4, 2, 1)
        self.c2 = nn.Conv2d(ndf * 4, ndf * 2, 4, 2, 1)  # the bug: c1 gives ndf channels
        self.fc = nn.Linear(cfg.GAN.Z_DIM * (cfg.TRAIN.SIZES.IMAGE // 4) ** 2, 1)

    def forward(self, x):
        return self.fc(self.c2(self.c1(x)).flatten(1))
'''

OWN_CLASS = '''
import torch.nn as nn


class _Node:
    pass


cfg = _Node()
cfg.DIM = 16
cfg.DIM = cfg.DIM // 2


class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, cfg.DIM, 4, 2, 1)
        self.c2 = nn.Conv2d(cfg.DIM * 4, 8, 4, 2, 1)  # the bug

    def forward(self, x):
        return self.c2(self.c1(x))
'''

CHANGED = '''
from yacs.config import CfgNode as CN

_C = CN()
_C.MODEL = CN()
_C.MODEL.WIDTH = 16
_C.merge_from_file("experiment.yaml")
cfg = _C
'''


def _errors(path, name):
    result = lint_file(path, str(path), Settings())
    return [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"], result


@pytest.mark.parametrize("module, cls", [("easydict", "EasyDict"), ("types", "SimpleNamespace"),
                                         ("yacs.config", "CfgNode")])
def test_attributes_set_on_a_config_object_are_its_values(tmp_path, module, cls):
    (tmp_path / "cfgobj_config.py").write_text(CONFIG.format(module=module, cls=cls))
    (tmp_path / "cfgobj_model.py").write_text(MODEL)
    errors, result = _errors(tmp_path / "cfgobj_model.py", "cfgobj_model.py")
    if cls == "SimpleNamespace":  # SimpleNamespace takes no dict: TRAIN stays unknown, the fc with it
        assert errors == [(11, "CL103")]
        return
    assert errors == [(11, "CL103")]
    d = next(m for m in result.models if m.name == "D")
    assert not [u for u in d.unresolved if "not known" in u.why]


def test_a_projects_own_empty_class_set_at_module_level_is_a_config_object(tmp_path):
    (tmp_path / "cfgobj_own.py").write_text(OWN_CLASS)
    errors, _ = _errors(tmp_path / "cfgobj_own.py", "cfgobj_own.py")
    assert errors == [(18, "CL103")]


def test_a_config_changed_by_a_method_not_followed_is_unknown_never_an_error(tmp_path):
    (tmp_path / "cfgobj_config.py").write_text(CHANGED)
    (tmp_path / "cfgobj_model.py").write_text(MODEL.replace("cfg.GAN.DF_DIM", "cfg.MODEL.WIDTH"))
    errors, result = _errors(tmp_path / "cfgobj_model.py", "cfgobj_model.py")
    assert errors == []
    d = next(m for m in result.models if m.name == "D")
    assert any("WIDTH" in u.why and "not known" in u.why for u in d.unresolved)


def test_torch_refuses_the_configured_models(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    easydict = types.ModuleType("easydict")

    class EasyDict(dict):  # what EasyDict does: attributes, nested dicts as EasyDicts
        def __init__(self, d=None, **kw):
            super().__init__()
            for k, v in {**(d or {}), **kw}.items():
                setattr(self, k, v)

        def __setattr__(self, name, value):
            value = EasyDict(value) if isinstance(value, dict) and not isinstance(value, EasyDict) else value
            super().__setattr__(name, value)
            self[name] = value

    easydict.EasyDict = EasyDict
    monkeypatch.setitem(sys.modules, "easydict", easydict)
    (tmp_path / "cfgobj_config.py").write_text(CONFIG.format(module="easydict", cls="EasyDict"))
    (tmp_path / "cfgobj_model.py").write_text(MODEL)
    (tmp_path / "cfgobj_own.py").write_text(OWN_CLASS)
    monkeypatch.syspath_prepend(str(tmp_path))
    names = ("cfgobj_config", "cfgobj_model", "cfgobj_own", "cfgobj_fixed")
    for name in names:
        monkeypatch.delitem(sys.modules, name, raising=False)
    import cfgobj_model
    import cfgobj_own

    with pytest.raises(RuntimeError, match="channels"):
        cfgobj_model.D()(torch.zeros(1, 3, 32, 32))
    with pytest.raises(RuntimeError, match="channels"):
        cfgobj_own.D()(torch.zeros(1, 3, 32, 32))
    fixed = MODEL.replace("nn.Conv2d(ndf * 4, ndf * 2, 4, 2, 1)", "nn.Conv2d(ndf, ndf * 2, 4, 2, 1)")
    (tmp_path / "cfgobj_fixed.py").write_text(fixed)
    import cfgobj_fixed

    assert cfgobj_fixed.D()(torch.zeros(1, 3, 32, 32)).shape == (1, 1)
    assert _errors(tmp_path / "cfgobj_fixed.py", "cfgobj_fixed.py")[0] == []


def test_model_args_may_build_the_options_object_with_an_import(tmp_path):
    """`--model-args "RCAN(__import__('argparse').Namespace(n_feats=16, ...))"`: the namespace is
    built as Python builds it, so the model is checked with those values."""
    from click.testing import CliRunner

    from convlint.cli import main

    (tmp_path / "cfgobj_rcan.py").write_text("""
import torch.nn as nn


class RCAN(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.head = nn.Conv2d(args.n_colors, args.n_feats, 3, padding=1)
        self.tail = nn.Conv2d(args.n_feats * 2, args.n_colors, 3, padding=1)

    def forward(self, x):
        return self.tail(self.head(x))
""")
    for namespace in ("__import__('argparse').Namespace", "__import__('types').SimpleNamespace"):
        given = f"RCAN({namespace}(n_feats=16, n_colors=3))"
        out = CliRunner().invoke(main, [str(tmp_path / "cfgobj_rcan.py"), "--no-cache", "--model-args", given])
        assert "CL103 tail = Conv2d(32, 3, kernel_size=3, padding=1) expects 32 input channels, but head gives 16" \
            in out.output, out.output
