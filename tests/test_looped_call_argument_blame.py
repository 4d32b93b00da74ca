"""A block's count passed, unchanged, by an argument of the call a `_make_layer` loop makes for
every block after the first (`self.block_cls(\n    in_channels=planes,\n    ...)` where
`planes * self.expansion` is meant, a bottleneck's 4x output arriving): every block that call
builds fails, while the first block, built by a call of its own, shows the block's code right.
Where the model built again with that argument given, at each block, the count arriving there
runs clean, the argument is reported on its own line, the layer's line related; not the
caller's number the first block reads right. Two wrong calls keep the findings where they were,
and a torchvision-style loop (`block(self.inplanes, planes)`) is reported as before. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

STAGES = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.shortcut = nn.Sequential()
        if in_channels != out_channels or stride != 1:
            self.shortcut.add_module('conv', nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False))

    def forward(self, x):
        x = F.relu(self.bn1(x))
        out = self.conv1(x)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + self.shortcut(x)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        expanded = out_channels * self.expansion
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.conv3 = nn.Conv2d(out_channels, expanded, 1, bias=False)
        self.shortcut = nn.Sequential()
        if in_channels != expanded or stride != 1:
            self.shortcut.add_module('conv', nn.Conv2d(in_channels, expanded, 1, stride=stride, bias=False))

    def forward(self, x):
        x = F.relu(self.bn1(x))
        out = self.conv1(x)
        out = self.conv2(F.relu(self.bn2(out)))
        out = self.conv3(F.relu(self.bn3(out)))
        return out + self.shortcut(x)


class Net(nn.Module):
    def __init__(self, layers=[2, 2, 2], block=BLOCK, num_classes=10):
        super().__init__()
        self.block_cls = block
        self.expansion = getattr(block, "expansion", 1)
        planes = [16, 32, 64]
        self.conv = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.stage1 = self._make_stage(in_channels=16, planes=planes[0], n_blocks=layers[0], stride=1)
        self.stage2 = self._make_stage(in_channels=STAGE2_IN, planes=planes[1],
                                       n_blocks=layers[1], stride=2)
        self.stage3 = self._make_stage(in_channels=planes[1] * self.expansion, planes=planes[2],
                                       n_blocks=layers[2], stride=2)
        self.bn = nn.BatchNorm2d(planes[2] * self.expansion)
        self.fc = nn.Linear(planes[2] * self.expansion, num_classes)

    def _make_stage(self, in_channels, planes, n_blocks, stride):
        stage = nn.Sequential()
        stage.add_module('block1', self.block_cls(in_channels=in_channels, out_channels=planes, stride=stride))
        for i in range(1, n_blocks):
            stage.add_module(f'block{i + 1}', self.block_cls(
                in_channels=LOOP_IN,
                out_channels=planes,
                stride=1))
        return stage

    def forward(self, x):
        x = self.stage3(self.stage2(self.stage1(self.conv(x))))
        x = F.adaptive_avg_pool2d(F.relu(self.bn(x)), 1)
        return self.fc(torch.flatten(x, 1))
'''

TORCHVISION = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class Net(nn.Module):
    def __init__(self, block=Bottleneck, layers=(2, 2, 2), num_classes=10):
        super().__init__()
        self.inplanes = 16
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.layer1 = self._make_layer(block, 16, layers[0])
        self.layer2 = self._make_layer(block, 32, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 64, layers[2], stride=2)
        self.fc = nn.Linear(64 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes * block.expansion, 1, stride=stride, bias=False),
                                       nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(LOOP_IN, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.conv1(x))))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))
'''


def _stages(loop_in: str = "planes * self.expansion", block: str = "Bottleneck",
            stage2_in: str = "planes[0] * self.expansion") -> str:
    return STAGES.replace("LOOP_IN", loop_in).replace("BLOCK", block).replace("STAGE2_IN", stage2_in)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def _net(source: str):
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"]()


def test_a_loop_call_forgetting_the_expansion_is_blamed_at_its_argument_line():
    """`in_channels=planes` on its own line: stage1.block2 gets 16 where block1 gives 64 (and 128,
    256 in the next stages); given those, the model runs."""
    source = _stages(loop_in="planes")
    argument = line_of(source, "in_channels=planes,")
    found = _errors(source)
    assert found and {(d.span.line, d.span.column) for d in found} == \
        {(argument, source.splitlines()[argument - 1].index("planes") + 1)}
    assert {d.code for d in found} == {"CL103", "CL104"}
    conv = next(d for d in found if d.code == "CL103")
    assert conv.layer == "stage1.block2.conv1"
    assert line_of(source, "self.conv1 = nn.Conv2d(in_channels, out_channels, 1") in [r.line for r in conv.related]
    assert "(64, 128, 256)" in conv.message and "64 here (4 times what it passes now)" in conv.fix
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="running_mean should contain 64 elements not 16"):
        _net(source)(torch.zeros(1, 3, 32, 32))


def test_the_right_loop_call_and_a_basic_block_stay_clean():
    """With the expansion, and with a basic block (expansion 1, where planes is right), nothing fails."""
    torch = pytest.importorskip("torch")
    for source in (_stages(), _stages(block="BasicBlock"), _stages(loop_in="planes", block="BasicBlock")):
        assert _errors(source) == []
        assert _net(source)(torch.zeros(1, 3, 32, 32)).shape == (1, 10)


def test_two_wrong_calls_keep_the_findings_where_they_were():
    """stage2's own call forgets the expansion too: giving the loop's blocks what arrives does not
    make the model run, so no finding moves to the loop's argument."""
    source = _stages(loop_in="planes", stage2_in="planes[0]")
    found = _errors(source)
    assert found and line_of(source, "in_channels=planes,") not in {d.span.line for d in found}
    assert line_of(source, "self.stage2 = self._make_stage(in_channels=planes[0],") in {d.span.line for d in found}
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="running_mean should contain 64 elements not 16"):
        _net(source)(torch.zeros(1, 3, 32, 32))


def test_a_torchvision_loop_is_reported_as_before():
    """`layers.append(block(planes, planes))` where self.inplanes is meant: its own argument, as before."""
    source = TORCHVISION.replace("LOOP_IN", "planes")
    call = line_of(source, "layers.append(block(planes, planes))")
    assert [(d.span.line, d.span.column, d.code) for d in _errors(source)] == \
        [(call, source.splitlines()[call - 1].index("planes") + 1, "CL103")]
    correct = TORCHVISION.replace("LOOP_IN", "self.inplanes")
    assert _errors(correct) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 64"):
        _net(source)(torch.zeros(1, 3, 32, 32))
    assert _net(correct)(torch.zeros(1, 3, 32, 32)).shape == (1, 10)
