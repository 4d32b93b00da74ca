"""What the blame search costs: an edit tried for one finding is not tried again for the next
finding it would fix. A deep model repeating one error in every block (RCAN's channel attention
in 200 blocks) once took a model rerun per finding and ran for minutes; checked against torch."""

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
