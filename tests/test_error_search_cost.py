"""What the error search over free counts and pinned sizes costs. A recursive block whose depth
is a constructor argument (a stacked hourglass) with an odd pool gives an add that broadcasts at
a few input sizes only; proving that the model stops at each of them reruns it at every pinned
size for every stack count tried (7 x 128 reruns on a depth-4 hourglass), which once took minutes.
Each rerun now ends at the first window torch refuses, and the searches over floor nests that
every block and every trial repeat are answered once. Checked against torch."""

import torch

from convlint import symbolic
from convlint.evaluator import tensor_ops
from convlint.pipeline import Settings, lint_file
from convlint.values import Sym

TOWER = '''
import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(width, width, 3, padding=1, bias=False)
        self.norm = nn.BatchNorm2d(width)

    def forward(self, x):
        return torch.relu(self.norm(self.conv(x)))


class Funnel(nn.Module):
    def __init__(self, levels, width):
        super().__init__()
        self.keep = Unit(width)
        self.shrink = nn.MaxPool2d(KERNEL, 2)
        self.deeper = Funnel(levels - 1, width) if levels > 1 else Unit(width)
        self.grow = nn.Upsample(scale_factor=2)

    def forward(self, x):
        return self.keep(x) + self.grow(self.deeper(self.shrink(x)))


class Tower(nn.Module):
    def __init__(self, n_stages, width):
        super().__init__()
        self.n_stages = n_stages
        self.stem = nn.Conv2d(3, width, 3, padding=1)
        self.stages = nn.ModuleList([Funnel(3, width) for _ in range(n_stages)])

    def forward(self, x):
        x = self.stem(x)
        for i in range(self.n_stages):
            x = self.stages[i](x)
        return x
'''
POOL_LINE = 20


def _torch_runs(source: str, path) -> str | None:
    """None where Tower(2, 8) runs on a 32 x 32 image, else torch's error."""
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)
    try:
        namespace["Tower"](2, 8)(torch.zeros(2, 3, 32, 32))
    except RuntimeError as error:
        return str(error)
    return None


def _layer_calls_counted(monkeypatch) -> list:
    """Every layer call a forward() records, in the first run and in every rerun."""
    calls = []
    real = tensor_ops.apply_layer
    monkeypatch.setattr(tensor_ops, "apply_layer", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def test_an_odd_pool_in_a_recursive_block_is_found_for_every_count_with_the_reruns_cut_short(tmp_path, monkeypatch):
    source = TOWER.replace("KERNEL", "3")
    path = tmp_path / "tower.py"
    path.write_text(source)
    assert "must match the size of tensor b" in _torch_runs(source, path)
    calls = _layer_calls_counted(monkeypatch)
    errors = [d for d in lint_file(path, path.name, Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", POOL_LINE)]
    assert "so no input size runs, for n_stages = 1, 2, 3, 4, 5 and 6" in errors[0].message
    # 7 models (the block alone and 6 stage counts) each rerun at 4 x 4 x 2 pinned sizes: every rerun
    # past the first stops at the pool that collapses (10,470 layer calls when each ran to its end)
    assert len(calls) <= 4000, len(calls)


def test_the_even_pool_is_clean(tmp_path):
    source = TOWER.replace("KERNEL", "2")
    path = tmp_path / "tower.py"
    path.write_text(source)
    assert _torch_runs(source, path) is None
    assert [d for d in lint_file(path, path.name, Settings()).diagnostics if d.severity == "error"] == []


def test_a_search_over_two_floor_nests_is_done_once(monkeypatch):
    """(H-7)/8 after three odd pools against 2*((H-7)/8)+1: asked at every block and in every
    trial, searched once (a new dim of the same form is the same question)."""
    def pooled():
        return Sym(Sym(Sym("H", 1, -3, 2), 1, -3, 2), 1, -3, 2)

    evaluations = []
    real = symbolic.evaluate
    monkeypatch.setattr(symbolic, "evaluate", lambda *args: evaluations.append(1) or real(*args))
    for question in (lambda: symbolic.broadcast_sizes(pooled(), Sym(pooled(), 2, 1)),
                     lambda: symbolic.can_equal(pooled(), Sym(pooled(), 2, 1))):
        first = question()
        assert evaluations
        del evaluations[:]
        assert question() == first and not evaluations
