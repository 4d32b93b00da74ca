"""A class with a forward() whose base class comes from a module convlint cannot read (`class
UNet(BaseModel)` after `from base import BaseModel`, with no base/ among the files) is not known
to be an nn.Module, so it is not checked: a CL008 note says so, where the file otherwise read as
"All checks passed!". With the base class's package there, the model is checked (its bug found)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MODEL = '''
import torch
import torch.nn as nn
from base import BaseModel


class UNetTiny(BaseModel):
    def __init__(self, num_classes=2):
        super().__init__()
        self.enc = nn.Conv2d(3, 16, 3, padding=1)
        self.down = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.up = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.dec = nn.Conv2d(16, 16, 3, padding=1)
        self.head = nn.Conv2d(16, num_classes, 1)

    def forward(self, x):
        e = self.enc(x)
        d = self.up(self.down(e))
        return self.head(self.dec(torch.cat([e, d], dim=1)))


class Clamp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clamp(0, 1)
'''

BASE = '''
import torch.nn as nn


class BaseModel(nn.Module):
    def __init__(self):
        super().__init__()
'''


def convlint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "convlint", "model.py", "--no-cache"], cwd=folder,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_a_model_of_a_base_class_not_found_is_said_not_checked(tmp_path):
    torch = pytest.importorskip("torch")
    (tmp_path / "model.py").write_text(MODEL)
    run = convlint(tmp_path)
    assert "All checks passed!" not in run.stdout
    assert run.stdout.count("CL008") == 2 and "UNetTiny is not checked" in run.stdout, run.stdout
    assert "Clamp" not in run.stdout and run.returncode == 0
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "__init__.py").write_text(BASE)
    namespace: dict = {}
    sys.path.insert(0, str(tmp_path))
    try:
        exec(compile(MODEL, str(tmp_path / "model.py"), "exec"), namespace)
        with pytest.raises(RuntimeError):
            namespace["UNetTiny"]()(torch.zeros(1, 3, 16, 16))
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("base", None)
    run = convlint(tmp_path)
    assert "CL008" not in run.stdout and "CL103" in run.stdout and run.returncode == 1, run.stdout
