"""A running count a loop updates (`channels //= 2` after each stage) is no number written for
the layer built after the loop: its earlier values sized the stages that fit. A layer that reads
it wrong (`Dense(channels, ...)` after a stats pooling that doubles the width) is reported at its
own call, not at the loop's update line."""

import pytest

from convlint.pipeline import Settings, lint_text

NET = '''
import torch
import torch.nn as nn


class Dense(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.linear = nn.Conv1d(cin, cout, 1)

    def forward(self, x):
        if x.dim() == 2:
            return self.linear(x.unsqueeze(-1)).squeeze(-1)
        return self.linear(x)


class Stage(nn.Module):
    def __init__(self, layers, cin, growth):
        super().__init__()
        self.layers = nn.ModuleList([nn.Conv1d(cin + i * growth, growth, 3, padding=1) for i in range(layers)])

    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], 1)
        return x


class StatsPool(nn.Module):
    def forward(self, x):
        return torch.cat([x.mean(-1), x.std(-1)], dim=-1)


class Net(nn.Module):
    def __init__(self, feat=20, c=32, growth=8):
        super().__init__()
        self.body = nn.Sequential()
        self.body.add_module("tdnn", nn.Conv1d(feat, c, 5, padding=2))
        channels = c
        for i, layers in enumerate((2, 4)):
            self.body.add_module("stage%d" % i, Stage(layers, channels, growth))
            channels = channels + layers * growth
            self.body.add_module(
                "transit%d" % i,
                Dense(channels,
                      channels // 2))
            channels //= 2
        self.body.add_module("stats", StatsPool())
        self.body.add_module(
            "dense",
            Dense({width}, 64))

    def forward(self, x):
        return self.body(x)
'''

WRONG, RIGHT = NET.replace("{width}", "channels"), NET.replace("{width}", "channels * 2")


def test_the_layer_reading_a_running_count_wrong_is_reported_at_its_call():
    line = next(n for n, text in enumerate(WRONG.splitlines(), 1) if "Dense(channels, 64)" in text)
    found = [(d.span.line, d.code) for d in lint_text(WRONG, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert found == [(line, "CL103")]


def test_the_right_count_stays_clean():
    assert [d for d in lint_text(RIGHT, "net.py", Settings()).diagnostics if d.severity == "error"] == []


def test_torch_fails_on_the_wrong_count_only():
    torch = pytest.importorskip("torch")
    for source, fails in ((WRONG, True), (RIGHT, False)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="to have 28 channels, but got 56"):
                namespace["Net"]()(torch.zeros(2, 20, 50))
        else:
            assert namespace["Net"]()(torch.zeros(2, 20, 50)).shape == (2, 64)
