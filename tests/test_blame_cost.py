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


GROWING = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class SE(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.fc1 = nn.Conv2d(ch, max(1, ch // 4), 1)
        self.fc2 = nn.Conv2d(max(1, ch // 4), ch // 2, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.fc2(F.silu(self.fc1(F.adaptive_avg_pool2d(x, 1)))))


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.expand = nn.Conv2d(cin, cin * 4, 1)
        self.se = SE(cin * 4)
        self.project = nn.Conv2d(cin * 4, cout, 1)

    def forward(self, x):
        return self.project(self.se(self.expand(x)))


class Net(nn.Module):
    def __init__(self, depth=4):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, 2, 1)
        self.blocks = nn.ModuleList()
        cin = 8
        for i in range(depth):
            self.blocks.append(Block(cin, 8 + 8 * (i // 2)))
            cin = 8 + 8 * (i // 2)

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        return x


def small():
    return Net(4)


def large():
    return Net(DEPTH)
'''


@pytest.mark.parametrize("depth", [8, 16])
def test_an_edit_scaling_each_instance_is_tried_once_for_every_block_it_would_fix(tmp_path, monkeypatch, depth):
    """A squeeze-excite giving half its input's width in blocks of growing widths: each block's
    `x * scale` is a finding, all fixed by one edit of the line scaling each instance (`ch // 2` to
    `ch`). The edit runs the model once per model, not once per block (a 16-block EfficientNet built
    by eight factories ran for minutes); checked against torch."""
    source = GROWING.replace("DEPTH", str(depth))
    path = tmp_path / "growing.py"
    path.write_text(source)
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        namespace["large"]()(torch.zeros(2, 3, 32, 32))
    fixed: dict = {}
    exec(compile(source.replace("ch // 2, 1)", "ch, 1)"), str(path), "exec"), fixed)
    fixed["large"]()(torch.zeros(2, 3, 32, 32))
    runs = _runs_counted(monkeypatch)
    errors = [d for d in lint_file(path, path.name, Settings()).diagnostics if d.severity == "error"]
    lines = source.splitlines()
    assert {(d.code, lines[d.span.line - 1].strip()) for d in errors} == {
        ("CL107", "self.fc2 = nn.Conv2d(max(1, ch // 4), ch // 2, 1)")}
    assert len(runs) <= 70, len(runs)  # 62 at 8 blocks and at 16; 114 and 146 when run per block
