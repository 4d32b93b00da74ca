"""A model a training script builds from a dict of its settings is checked with the widths the
dict holds: `net = Stack(**net_kwargs)` with `net_kwargs = {...}` bound under `if __name__ ==
'__main__':` (its lists written as `n_layers * [3]`, one entry not known, such as
`len(cfg.classes)`), beside the model file's own build for show under `__main__` whose equal
widths hide the bug; and `Net(len(classes), hparams['c'], hparams['filters'])` with `hparams` a
dict naming a list. The script's many other calls passing nothing known do not crowd the
construction out."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.source_lines import line_of

torch = pytest.importorskip("torch")
ROOT = Path(__file__).resolve().parents[1]

STACK = '''
import torch
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, c_in, n_class, kernel=[3], widths=[64]):
        super().__init__()
        layers = []
        for i in range(len(widths)):
            n_in = c_in if i == 0 else widths[PREV]
            layers += [nn.Conv2d(n_in, widths[i], kernel[i], padding=kernel[i] // 2), nn.ReLU()]
        self.cnn = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(widths[-1], n_class)

    def forward(self, x):
        return self.fc(self.pool(self.cnn(x)).flatten(1))


if __name__ == "__main__":
    Stack(64, 10, kernel=[3, 3, 3], widths=[64, 64, 64])
'''

STACK_MAIN = '''
import os
import config as cfg
from utilities import read_table
from model import Stack

if __name__ == "__main__":
    root = cfg.root
CALLS
    n_layers = 3
    net_kwargs = {"c_in": 1, "n_class": len(cfg.classes), "kernel": n_layers * [3],
                  "widths": [16, 32, 64]}
    net = Stack(**net_kwargs)
'''

NET = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_class, c, filters):
        super().__init__()
        self.conv1 = nn.Conv2d(c, filters[0], 3, padding=1)
        self.conv2 = nn.Conv2d(filters[0], filters[1], 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(filters[LAST], n_class)

    def forward(self, x):
        return self.fc(self.pool(self.conv2(self.conv1(x))).flatten(1))
'''

RUN = '''
import os
from model import *

c = 3
filters = [16, 32]
hparams = {'c': c, 'filters': filters, 'lr': 0.001}
classes = os.listdir('data')
model = Net(len(classes), hparams['c'], hparams['filters'])
'''


def errors(folder: Path) -> set:
    done = subprocess.run([sys.executable, "-m", "convlint", "model.py", "--no-cache", "--format", "json"],
                          cwd=folder, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return {(d["code"], d["line"]) for d in json.loads(done.stdout)["diagnostics"] if d["severity"] == "error"}


def built(source: str, *args, **kwargs):
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    return namespace[next(n for n in ("Stack", "Net") if n in namespace)](*args, **kwargs)


def test_a_dict_of_settings_spread_under_main_in_the_training_script(tmp_path):
    calls = "\n".join(f"    table_{i} = read_table(root)" for i in range(40))
    (tmp_path / "main.py").write_text(STACK_MAIN.replace("CALLS", calls))
    for prev, wrong in (("i", True), ("i - 1", False)):
        source = STACK.replace("PREV", prev)
        (tmp_path / "model.py").write_text(source)
        for widths in ([64, 64, 64], [16, 32, 64]):  # the file's own build runs whichever
            if widths[0] == 64:
                built(source, 64, 10, kernel=[3, 3, 3], widths=widths)(torch.zeros(2, 64, 16, 16))
                continue
            model = built(source, 1, 10, kernel=3 * [3], widths=widths)
            if wrong:
                with pytest.raises(RuntimeError):
                    model(torch.zeros(2, 1, 16, 16))
            else:
                model(torch.zeros(2, 1, 16, 16))
        assert errors(tmp_path) == ({("CL103", line_of(STACK, "n_in = c_in"))} if wrong else set())


def test_a_list_read_from_a_dict_of_hyperparameters_by_its_key(tmp_path):
    (tmp_path / "run.py").write_text(RUN)
    for last, wrong in (("0", True), ("1", False)):
        source = NET.replace("LAST", last)
        (tmp_path / "model.py").write_text(source)
        model = built(source, 10, 3, [16, 32])
        if wrong:
            with pytest.raises(RuntimeError):
                model(torch.zeros(2, 3, 16, 16))
        else:
            model(torch.zeros(2, 3, 16, 16))
        assert errors(tmp_path) == ({("CL101", line_of(NET, "self.fc ="))} if wrong else set())
