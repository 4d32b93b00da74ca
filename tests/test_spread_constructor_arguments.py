"""A model built with its arguments spread from a dict (`model = AE(**model_args)`, with
`model_args = {"in_channels": 3, ...}` or `dict(in_channels=3, ...)` in the same file or in the
training script that builds it) is checked with those arguments, where it was left with every
width an unknown symbol; a dict the code changes after binding it (`model_args["hidden"] = 64`)
is not read."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

torch = pytest.importorskip("torch")
ROOT = Path(__file__).resolve().parents[1]

MODEL = '''
import torch
from torch import nn


class AE(nn.Module):
    def __init__(self, in_channels, hidden, embedding):
        super().__init__()
        self.enc = nn.Conv2d(in_channels, hidden, 4, 2, 1)
        self.pre = nn.Conv2d(PRE_IN, embedding, 1)
        self.dec = nn.ConvTranspose2d(embedding, in_channels, 4, 2, 1)

    def forward(self, x):
        return self.dec(self.pre(self.enc(x)))
'''

SAME_FILE = MODEL + '''

model_args = ARGS
CHANGE
model = AE(**model_args)
out = model(torch.randn(2, 3, 32, 32))
'''

LITERAL = '{"in_channels": 3, "hidden": 128, "embedding": 64}'
CALL = 'dict(in_channels=3, hidden=128, embedding=64)'


def errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "model.py", Settings()).diagnostics
            if d.severity == "error"}


def run(source: str) -> None:
    exec(compile(source, "model.py", "exec"), {"__name__": "model"})


@pytest.mark.parametrize("args", [LITERAL, CALL])
def test_arguments_spread_from_a_dict_of_the_file(args):
    wrong = SAME_FILE.replace("PRE_IN", "embedding").replace("ARGS", args).replace("CHANGE", "")
    right = SAME_FILE.replace("PRE_IN", "hidden").replace("ARGS", args).replace("CHANGE", "")
    with pytest.raises(RuntimeError):
        run(wrong)
    run(right)
    assert errors(wrong) == {("CL103", line_of(MODEL, "self.pre ="))}
    assert errors(right) == set()


def test_a_dict_changed_after_it_is_bound_is_not_read():
    """`model_args["hidden"] = 64` makes the dict's 128 wrong: the model, right as built, is clean."""
    changed = SAME_FILE.replace("PRE_IN", "embedding").replace("ARGS", LITERAL).replace(
        "CHANGE", 'model_args["hidden"] = 64')
    run(changed)
    assert errors(changed) == set()


TRAIN = '''
import torch
from model import AE

use_bias = True
model_args = ARGS
model = AE(**model_args)
for step in range(10):
    out = model(torch.randn(8, 3, 32, 32))
'''


@pytest.mark.parametrize("args", [LITERAL, CALL])
def test_arguments_spread_from_a_dict_of_the_training_script(tmp_path, args):
    for pre_in, wrong in (("embedding", True), ("hidden", False)):
        (tmp_path / "model.py").write_text(MODEL.replace("PRE_IN", pre_in))
        (tmp_path / "train.py").write_text(TRAIN.replace("ARGS", args))
        namespace: dict = {}
        exec(compile(MODEL.replace("PRE_IN", pre_in), "model.py", "exec"), namespace)
        model = namespace["AE"](in_channels=3, hidden=128, embedding=64)
        if wrong:
            with pytest.raises(RuntimeError):
                model(torch.randn(8, 3, 32, 32))
        else:
            model(torch.randn(8, 3, 32, 32))
        done = subprocess.run([sys.executable, "-m", "convlint", "model.py", "--no-cache", "--format", "json"],
                              cwd=tmp_path, capture_output=True, text=True,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        found = {(d["code"], d["line"]) for d in json.loads(done.stdout)["diagnostics"] if d["severity"] == "error"}
        assert found == ({("CL103", line_of(MODEL, "self.pre ="))} if wrong else set()), done.stdout
