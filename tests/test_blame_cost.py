"""What the blame search costs: an edit tried for one finding is not tried again for the next
finding it would fix. A deep model repeating one error in every block (RCAN's channel attention
in 200 blocks) once took a model rerun per finding and ran for minutes; checked against torch."""

import pytest
import torch

from convlint import pipeline
from convlint.pipeline import Settings, lint_file

MODEL = '''
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.scale = nn.Sequential(nn.Conv2d(c, c // 4, 1), nn.ReLU(), nn.Conv2d(c // 4, c // 2, 1), nn.Sigmoid())

    def forward(self, x):
        return x * self.scale(self.pool(x))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.attention = Attention(c)

    def forward(self, x):
        return self.attention(self.conv(x)) + x


class Net(nn.Module):
    def __init__(self, blocks=12, c=16):
        super().__init__()
        self.head = nn.Conv2d(3, c, 3, padding=1)
        self.body = nn.Sequential(*[Block(c) for _ in range(blocks)])

    def forward(self, x):
        return self.body(self.head(x))


x = torch.zeros(1, 3, 8, 8)
Net()(x)
'''


def test_an_edit_is_tried_once_for_every_finding_it_would_fix(tmp_path, monkeypatch):
    path = tmp_path / "repeated.py"
    path.write_text(MODEL)
    namespace: dict = {}
    try:
        exec(compile(MODEL, str(path), "exec"), namespace)
    except RuntimeError as error:
        assert "must match the size of tensor b (8)" in str(error)
    else:
        raise AssertionError("torch runs the model")
    calls = []
    real = pipeline._runs_clean
    monkeypatch.setattr(pipeline, "_runs_clean", lambda *args: calls.append(args) or real(*args))
    errors = [d for d in lint_file(path, path.name, Settings()).diagnostics if d.severity == "error"]
    assert {(d.code, d.span.line) for d in errors} == {("CL107", 10)}  # the conv giving c // 2
    assert len(calls) <= 4, len(calls)


def _runs_counted(monkeypatch) -> list:
    """Every run of a model's forward(), the first and each rerun of the blame searches."""
    from convlint.evaluator import analyze

    runs = []
    real = analyze._run_forward
    monkeypatch.setattr(analyze, "_run_forward", lambda *args, **kwargs: runs.append(args) or real(*args, **kwargs))
    return runs


def _torch_error(source: str, path) -> str:
    namespace: dict = {}
    try:
        exec(compile(source, str(path), "exec"), namespace)
    except RuntimeError as error:
        return str(error)
    raise AssertionError("torch runs the model")


SWAPPED_IN_EVERY_BLOCK = '''
import torch
import torch.nn as nn


class SE(nn.Module):
    def __init__(self, inp, oup, reduction=4):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(oup, inp // reduction), nn.ReLU(), nn.Linear(inp // reduction, oup),
                                nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.fc(self.pool(x).view(b, c)).view(b, c, 1, 1)
        return x * y


class Block(nn.Module):
    def __init__(self, inp, expand):
        super().__init__()
        hidden = inp * expand
        self.body = nn.Sequential(nn.Conv2d(inp, hidden, 1), nn.ReLU(), SE(hidden, inp), nn.Conv2d(hidden, inp, 1))

    def forward(self, x):
        return x + self.body(x)


class Net(nn.Module):
    def __init__(self, blocks=BLOCKS):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.blocks = nn.Sequential(*[Block(16, 4) for _ in range(blocks)])

    def forward(self, x):
        return self.blocks(self.stem(x))
'''


def test_a_call_in_every_block_is_tried_once_as_the_one_with_arguments_swapped(tmp_path, monkeypatch):
    """`SE(hidden, inp)` for `SE(inp, hidden)` in each of many blocks: giving the block's Linear what
    arrives runs the model the same for every instance that fails, so the blame searches cost as many
    reruns with 16 blocks as with 2, not one more per block (the input symbolic: tried at 64 and 32
    pixels)."""
    runs = _runs_counted(monkeypatch)
    counts = []
    for blocks in (2, 16):
        source = SWAPPED_IN_EVERY_BLOCK.replace("BLOCKS", str(blocks))
        path = tmp_path / f"swapped{blocks}.py"
        path.write_text(source)
        ran = source + "\nNet()(torch.zeros(1, 3, 8, 8))\n"
        assert "mat1 and mat2 shapes cannot be multiplied (1x64 and 16x16)" in _torch_error(ran, path)
        del runs[:]
        errors = {(d.code, d.span.line) for d in lint_file(path, path.name, Settings()).diagnostics
                  if d.severity == "error"}
        assert ("CL101", 23) in errors  # the call that passes the widths in the wrong order
        counts.append(len(runs))
    assert counts[0] == counts[1] <= 12, counts


def _attentions_each_on_its_own_line(count: int) -> str:
    """A model of `count` attention classes, each written out (a line of its own) and each giving
    half the channels it scales."""
    classes = "".join(f"""

class Attention{i}(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.scale = nn.Sequential(nn.Conv2d(c, 4, 1), nn.ReLU(), nn.Conv2d(4, c // 2, 1), nn.Sigmoid())

    def forward(self, x):
        return x * self.scale(self.pool(x))
""" for i in range(count))
    attentions = ", ".join(f"Attention{i}(16)" for i in range(count))
    return f"""import torch
import torch.nn as nn
{classes}

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Conv2d(3, 16, 3, padding=1)
        self.branches = nn.ModuleList([{attentions}])

    def forward(self, x):
        x = self.head(x)
        outs = []
        for branch in self.branches:
            outs.append(branch(x))
        return outs


x = torch.zeros(1, 3, 8, 8)
Net()(x)
"""


def test_the_width_edits_tried_per_model_are_bounded(tmp_path, monkeypatch):
    """Twenty lines that each fail, each with an edit of its own to try: only MAX_WIDTH_EDITS are
    tried (each a rerun of the whole model), and the findings past them stay where torch stops."""
    source = _attentions_each_on_its_own_line(20)
    path = tmp_path / "attentions.py"
    path.write_text(source)
    assert "must match the size of tensor b (8)" in _torch_error(source, path)
    calls = []
    real = pipeline._runs_clean
    monkeypatch.setattr(pipeline, "_runs_clean", lambda *args: calls.append(args) or real(*args))
    errors = [d for d in lint_file(path, path.name, Settings()).diagnostics if d.severity == "error"]
    lines = source.splitlines()
    assert len(errors) == 20
    assert {lines[d.span.line - 1].strip() for d in errors} == {"return x * self.scale(self.pool(x))"}
    assert len(calls) <= 8, len(calls)  # MAX_WIDTH_EDITS, at the one input size
