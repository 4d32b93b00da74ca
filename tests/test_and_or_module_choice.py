"""`test and module or other` under a test not known statically is `module if test else other`:
WideResNet's shortcut `(not self.equalInOut) and nn.Conv2d(...) or None`, its block's output then
known on either path, so a norm after the blocks built for another width is reported for every
width and depth. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

WIDE_RESNET = '''
import torch
import torch.nn as nn


class BasicBlock(nn.Module):
    def __init__(self, in_planes, out_planes, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, out_planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_planes)
        self.conv2 = nn.Conv2d(out_planes, out_planes, 3, 1, 1, bias=False)
        self.equal = in_planes == out_planes
        self.shortcut = (not self.equal) and nn.Conv2d(in_planes, out_planes, 1, stride, bias=False) or None

    def forward(self, x):
        out = self.conv1(torch.relu(self.bn1(x)))
        out = self.conv2(torch.relu(self.bn2(out)))
        return torch.add(x if self.equal else self.shortcut(x), out)


class WideNet(nn.Module):
    def __init__(self, depth, widen):
        super().__init__()
        n = (depth - 4) // 6
        channels = [16, 16 * widen, 32 * widen]
        self.conv1 = nn.Conv2d(3, channels[0], 3, padding=1, bias=False)
        layers = []
        for i in range(int(n)):
            layers.append(BasicBlock(i == 0 and channels[0] or channels[1], channels[1], 1))
        for i in range(int(n)):
            layers.append(BasicBlock(i == 0 and channels[1] or channels[2], channels[2], 2 if i == 0 else 1))
        self.blocks = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(channels[LAST])

    def forward(self, x):
        return self.bn(self.blocks(self.conv1(x)))
'''

BN_LINE = 34


def _errors(source: str) -> list:
    result = lint_text(source, "wide_net.py", Settings())
    return [(d.span.line, d.code, d.message) for d in result.diagnostics if d.severity == "error"]


def test_a_norm_for_another_stage_after_blocks_with_an_and_or_shortcut_is_an_error():
    errors = _errors(WIDE_RESNET.replace("LAST", "1"))
    assert [(line, code) for line, code, _ in errors] == [(BN_LINE, "CL104")]
    assert "normalises 16*widen channels" in errors[0][2]


def test_the_right_norm_is_clean():
    assert _errors(WIDE_RESNET.replace("LAST", "2")) == []


def test_an_empty_container_in_the_middle_is_not_taken_as_true():
    # `test and nn.Sequential() or other` gives `other` when the test holds: not a choice of the two
    source = WIDE_RESNET.replace("LAST", "1").replace(
        "nn.Conv2d(in_planes, out_planes, 1, stride, bias=False) or None", "nn.Sequential() or None")
    assert [code for _, code, _ in _errors(source)] == []


@pytest.mark.parametrize(("depth", "widen"), [(10, 1), (16, 2), (22, 3)])
def test_torch_refuses_the_norm_and_runs_the_right_one(depth, widen):
    torch = pytest.importorskip("torch")

    def build(source):
        namespace: dict = {}
        exec(compile(source, "wide_net.py", "exec"), namespace)
        return namespace["WideNet"](depth, widen).eval()

    with pytest.raises(RuntimeError, match="running_mean should contain"):
        build(WIDE_RESNET.replace("LAST", "1"))(torch.zeros(1, 3, 8, 8))
    assert build(WIDE_RESNET.replace("LAST", "2"))(torch.zeros(1, 3, 8, 8)).shape == (1, 32 * widen, 4, 4)
