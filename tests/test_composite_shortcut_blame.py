"""A residual add broken by a shortcut that is a module of several layers taking a `stride`
argument (a (2+1)-D conv pair) built with stride 1 beside a main path of the same module built
with stride 2 is reported where the shortcut module is built, as a single stride-1 projection
beside a strided path is; each form checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

FACTORED = '''
import torch.nn as nn


class PairConv(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        mid = (cin + cout) // 2
        self.spatial = nn.Conv3d(cin, mid, (1, k, k), stride=(1, stride, stride), padding=(0, padding, padding))
        self.temporal = nn.Conv3d(mid, cout, (k, 1, 1), stride=(stride, 1, 1), padding=(padding, 0, 0))

    def forward(self, x):
        return self.temporal(self.spatial(x))


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.main = PairConv(cin, cout, 3, stride=2, padding=1)
        self.proj = PairConv(cin, cout, 1, stride=SHORT)
        self.bn = nn.BatchNorm3d(cout)

    def forward(self, x):
        return self.bn(self.proj(x)) + self.main(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv3d(3, 8, 3, padding=1)
        self.block = Block(8, 16)

    def forward(self, x):
        return self.block(self.stem(x))
'''


def _errors(stride: int, shape=None) -> list:
    settings = Settings(input_shapes={"": shape}) if shape else Settings()
    result = lint_text(FACTORED.replace("SHORT", str(stride)), "factored.py", settings)
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("shape", [None, (2, 3, 8, 16, 16)])
def test_a_composite_shortcut_built_with_stride_1_is_reported_at_its_call(shape):
    (finding,) = _errors(1, shape)
    assert (finding.code, finding.span.line) == ("CL107", 20)
    assert finding.message.startswith("block.proj keeps the width at")
    assert "divides it by 2 (block.main.spatial, line 9)" in finding.message
    assert 24 in {span.line for span in finding.related}  # the add
    assert finding.fix.startswith("Build the shortcut block.proj with stride=2, as block.main is built")


def test_the_composite_shortcut_built_with_the_stride_gives_nothing():
    assert _errors(2) == []
    assert _errors(2, (2, 3, 8, 16, 16)) == []


def test_torch_refuses_the_stride_1_shortcut_and_runs_the_strided_one():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 3, 8, 16, 16)
    for stride, runs in ((1, False), (2, True)):
        namespace: dict = {}
        exec(compile(FACTORED.replace("SHORT", str(stride)), "factored.py", "exec"), namespace)
        if runs:
            assert namespace["Net"]()(x).shape == (2, 16, 4, 8, 8)
        else:
            with pytest.raises(RuntimeError, match=r"size of tensor a \(16\) must match the size of tensor b \(8\)"):
                namespace["Net"]()(x)
