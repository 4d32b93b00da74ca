"""A stride written wrong inside a block that every instance of the block runs the same way: the
add fails in every instance, no conv stands out among its peers, and the strided layers along the
add's two paths are tried instead (pipeline._path_suspects), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

BLOCK = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=CONV2_STRIDE, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, planes, 1, stride=SHORTCUT_STRIDE, bias=False),
                nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class ResNet(nn.Module):
    def __init__(self, num_blocks=(2, 2), width=16):
        super().__init__()
        self.in_planes = width
        self.conv1 = nn.Conv2d(1, width, 3, padding=1, bias=False)
        self.layer1 = self._make_layer(width, num_blocks[0], 1)
        self.layer2 = self._make_layer(width * 2, num_blocks[1], 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width * 2, 10)

    def _make_layer(self, planes, num_blocks, stride):
        layers = []
        for stride in [stride] + [1] * (num_blocks - 1):
            layers.append(BasicBlock(self.in_planes, planes, stride))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.layer2(self.layer1(F.relu(self.conv1(x))))
        return self.fc(self.pool(out).flatten(1))


if __name__ == "__main__":
    net = ResNet()
    net(torch.randn(2, 1, 32, 32))
'''


def _source(conv2: str = "1", shortcut: str = "stride") -> str:
    return BLOCK.replace("CONV2_STRIDE", conv2).replace("SHORTCUT_STRIDE", shortcut)


def _errors(source: str) -> list:
    result = lint_text(source, "block.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error" and d.model == "ResNet"]


def _line(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


def test_a_stride_every_instance_of_the_block_runs_is_blamed_where_it_is_written():
    source = _source(conv2="2")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", _line(source, "self.conv2 = nn.Conv2d("))
    assert error.related[0].line == _line(source, "out += self.shortcut(x)")
    assert "layer1.0.conv2 on line" in error.message and "given stride=1 makes it run" in error.message


def test_a_shortcut_that_lost_its_stride_is_still_blamed_not_the_strided_conv():
    """conv1 at stride 1 would run too, but the shortcut that keeps the size beside a halving path
    is what to change, as before."""
    source = _source(shortcut="1")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", _line(source, "nn.Conv2d(in_planes, planes, 1, stride=1"))


def test_the_correct_block_is_clean():
    assert _errors(_source()) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, fails in ((_source(), False), (_source(conv2="2"), True), (_source(shortcut="1"), True)):
        namespace: dict = {}
        exec(compile(source, "block.py", "exec"), namespace)
        net = namespace["ResNet"]()
        if not fails:
            assert tuple(net(torch.zeros(2, 1, 32, 32)).shape) == (2, 10)
            continue
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            net(torch.zeros(2, 1, 32, 32))


def test_with_no_input_size_the_stride_is_blamed_from_the_sizes_tried():
    source = _source(conv2="2").split('if __name__')[0]
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", _line(source, "self.conv2 = nn.Conv2d("))
