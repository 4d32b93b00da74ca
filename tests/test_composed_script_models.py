"""A model a script composes at module level from parts another file defines there (a
params.py holding `encoder_params = [[OrderedDict(...)], [Cell(...), ...]]`, a main.py building
`Head(Encoder(encoder_params[0], encoder_params[1]))`, the encoder attaching its stages with
`setattr(self, "stage" + str(i), make_layers(params))`) is built as torch builds it and checked,
linting the script and linting the parts' files, with no input size: channel counts need none."""

import importlib
import sys
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

CELLS = '''import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, cin, nf, hw, steps=5):
        super().__init__()
        self.conv = nn.Conv2d(cin + nf, nf * 4, 3, padding=1)
        self.nf, self.h, self.w, self.steps = nf, hw[0], hw[1], steps

    def forward(self, inputs):
        h = torch.zeros(inputs.size(1), self.nf, self.h, self.w)
        c = torch.zeros(inputs.size(1), self.nf, self.h, self.w)
        outputs = []
        for index in range(self.steps):
            x = inputs[index, ...]
            i, f, g, o = torch.chunk(self.conv(torch.cat([x, h], dim=1)), 4, dim=1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            outputs.append(h)
        return torch.stack(outputs)
'''
CONV_LINE = 8
STAGES = '''from collections import OrderedDict

import torch.nn as nn


def make_layers(block):
    layers = []
    for name, (cin, cout, k, s, p) in block.items():
        layers.append((name, nn.Conv2d(cin, cout, k, s, p)))
        layers.append(("relu_" + name, nn.ReLU()))
    return nn.Sequential(OrderedDict(layers))


class Encoder(nn.Module):
    def __init__(self, subnets, rnns):
        super().__init__()
        self.blocks = len(subnets)
        for index, (params, rnn) in enumerate(zip(subnets, rnns), 1):
            setattr(self, "stage" + str(index), make_layers(params))
            setattr(self, "rnn" + str(index), rnn)

    def forward(self, x):
        for i in range(1, self.blocks + 1):
            s, b, c, h, w = x.size()
            x = getattr(self, "stage" + str(i))(x.reshape(-1, c, h, w))
            x = x.reshape(s, b, x.size(1), x.size(2), x.size(3))
            x = getattr(self, "rnn" + str(i))(x)
        return x


class Head(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, x):
        return self.encoder(x)[-1]
'''
PARAMS = '''from collections import OrderedDict

from cells import Cell

encoder_params = [
    [
        OrderedDict({{"conv1": [1, 8, 3, 2, 1]}}),
        OrderedDict({{"conv2": [16, 32, 3, 2, 1]}}),
    ],
    [
        Cell(cin={cin}, nf=16, hw=(16, 16)),
        Cell(cin=32, nf=32, hw=(8, 8)),
    ],
]
'''
MAIN = '''from params import encoder_params
from stages import Encoder, Head

encoder = Encoder(encoder_params[0], encoder_params[1])
model = Head(encoder)
'''


def _project(folder: Path, cin: int) -> Path:
    files = {"cells.py": CELLS, "stages.py": STAGES, "params.py": PARAMS.format(cin=cin), "main.py": MAIN}
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def _errors(path: Path) -> list:
    result = lint_file(path, str(path), Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def _torch_runs(folder: Path, size: tuple) -> tuple:
    torch = pytest.importorskip("torch")
    sys.path.insert(0, str(folder))
    for stale in [p.stem for p in folder.glob("*.py")]:
        sys.modules.pop(stale, None)
    names = set(sys.modules)
    try:
        return tuple(importlib.import_module("main").model(torch.zeros(*size)).shape)
    finally:
        sys.path.remove(str(folder))
        for name in set(sys.modules) - names:
            del sys.modules[name]


def test_the_script_composing_the_model_is_checked(tmp_path):
    found = _errors(_project(tmp_path, cin=1) / "main.py")
    assert [(Path(d.span.file).name, d.span.line, d.code) for d in found] == [("cells.py", CONV_LINE, "CL103")]
    assert "expects 17 input channels, but torch.cat gives 24, 8 + 16" in found[0].message


def test_the_parts_class_file_is_checked_as_the_script_composes_it(tmp_path):
    found = _errors(_project(tmp_path, cin=1) / "cells.py")
    assert [(d.span.line, d.code) for d in found] == [(CONV_LINE, "CL103")]
    assert "main.py builds model" in found[0].message


def test_torch_refuses_the_wrong_parts_and_runs_the_right_ones(tmp_path):
    (tmp_path / "wrong").mkdir()
    with pytest.raises(RuntimeError, match="expected input.* to have 17 channels, but got 24"):
        _torch_runs(_project(tmp_path / "wrong", cin=1), (5, 2, 1, 32, 32))
    assert _torch_runs(_project(tmp_path, cin=8), (5, 2, 1, 32, 32)) == (2, 32, 8, 8)


@pytest.mark.parametrize("linted", ["main.py", "cells.py", "params.py", "stages.py"])
def test_the_sequence_first_model_torch_runs_gives_no_error(tmp_path, linted):
    # (the first dim is indexed for each of 5 steps: no batch of 1 or 2 proves a cat pinned to the
    # 32 x 32 frame refuses every input; at 5 x 2 x 1 x 32 x 32 torch runs it)
    assert _errors(_project(tmp_path, cin=8) / linted) == []
