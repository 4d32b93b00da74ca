"""A function of the file that takes no argument and returns nothing (`def sample(steps=1000):`
running the network a thousand times, `def train(epochs=100):`) builds no model to analyse: it is
never run as a model factory, so its loops cost nothing. A schedule's cumulative sum over a
thousand steps (`torch.cumsum(log_alpha, 0)` in a diffusion model's constructor) is carried along in
one pass, with the same bounds as each prefix summed on its own."""

import math

import pytest
from hypothesis import given, settings, strategies as st

from convlint.evaluator import known_tensors
from convlint.evaluator.interpreter import Interpreter
from convlint.pipeline import Settings, lint_text

SCRIPT = '''
import torch
import torch.nn as nn


class Denoiser(nn.Module):
    def __init__(self, channels=1):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(channels, 16, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(16, channels, 3, padding=1))

    def forward(self, x):
        return self.body(x)


def sample(steps=1000):
    net = Denoiser()
    x = torch.randn(4, 1, 28, 28)
    for i in range(steps, 0, -1):
        x = x - net(x)
    torch.save(x, "samples.pt")


def make(channels=1):
    return Denoiser(channels)
'''


def test_a_function_returning_nothing_is_not_run_as_a_factory(monkeypatch):
    ran: list[str] = []
    original = Interpreter.call_function

    def recording(self, function, *args, **kwargs):
        ran.append(function.name)
        return original(self, function, *args, **kwargs)

    monkeypatch.setattr(Interpreter, "call_function", recording)
    result = lint_text(SCRIPT, "sampler.py", Settings())
    assert "sample" not in ran
    assert "make" in ran  # a factory that returns its model is still built
    assert {m.name for m in result.models} >= {"Denoiser", "make"}
    assert not [d for d in result.diagnostics if d.severity == "error"]


BOUNDS = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.tuples(BOUNDS, BOUNDS)), min_size=1, max_size=40))
def test_prefix_sums_equal_each_prefix_summed(items):
    items = [None if v is None else (min(v), max(v)) for v in items]
    expected = [known_tensors._float_sum("float32", items[: i + 1]) for i in range(len(items))]
    assert known_tensors._float_prefix_sums("float32", items) == expected


def test_a_cumulative_schedule_holds_torch_values():
    torch = pytest.importorskip("torch")
    values = torch.linspace(-0.02, -0.0001, 1001).tolist()
    exact = [(v, v) for v in torch.tensor(values, dtype=torch.float32).tolist()]
    bounds = known_tensors._float_prefix_sums("float32", exact)
    ran = torch.cumsum(torch.tensor(values, dtype=torch.float32), 0).tolist()
    assert all(lo <= got <= hi for (lo, hi), got in zip(bounds, ran))
    assert not any(math.isinf(lo) or math.isinf(hi) for lo, hi in bounds)
