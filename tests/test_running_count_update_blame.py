"""A running count the constructor keeps while it builds (`num_planes += nblocks[1] *
growth_rate` before the final norm, `self.inplanes += growth` in a dense block helper's loop,
`self.in_planes = planes * block.expansion` after each block of a `_make_layer` helper) and edited
wrong is reported at that update, the layers reading it related, where no layer read any of its
evaluations right and the model built again with each evaluation giving the count that arrives
at its readers runs. Where one evaluation sized a stage that fits (the head reads the loop's count
wrong), or the count was bound a line before with no layer reading it (either line may be the
one), the layer keeps the finding. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

DENSE = '''
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    def __init__(self, in_planes, growth_rate):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, 4 * growth_rate, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(4 * growth_rate)
        self.conv2 = nn.Conv2d(4 * growth_rate, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        return torch.cat([out, x], 1)


class Transition(nn.Module):
    def __init__(self, in_planes, out_planes):
        super().__init__()
        self.bn = nn.BatchNorm2d(in_planes)
        self.conv = nn.Conv2d(in_planes, out_planes, kernel_size=1, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.bn(x))), 2)


class DenseNet(nn.Module):
    def __init__(self, nblocks=(2, 3), growth_rate=8, reduction=0.5, num_classes=10):
        super().__init__()
        self.growth_rate = growth_rate
        num_planes = 2 * growth_rate
        self.conv1 = nn.Conv2d(3, num_planes, kernel_size=3, padding=1, bias=False)
        self.dense1 = self._make_dense_layers(num_planes, nblocks[0])
        num_planes += nblocks[0] * growth_rate
        out_planes = int(math.floor(num_planes * reduction))
        self.trans1 = Transition(num_planes, out_planes)
        num_planes = out_planes
        self.dense2 = self._make_dense_layers(num_planes, nblocks[1])
        num_planes += nblocks[{last}] * growth_rate
        self.bn = nn.BatchNorm2d({bn})
        self.linear = nn.Linear(num_planes, num_classes)

    def _make_dense_layers(self, in_planes, nblock):
        layers = []
        for i in range(nblock):
            layers.append(Bottleneck(in_planes, self.growth_rate))
            in_planes += self.growth_rate
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.trans1(self.dense1(self.conv1(x)))
        out = self.dense2(out)
        out = F.adaptive_avg_pool2d(F.relu(self.bn(out)), 1)
        return self.linear(out.view(out.size(0), -1))


net = DenseNet()
y = net(torch.randn(2, 3, 16, 16))
'''


def _dense(last: str = "1", bn: str = "num_planes") -> str:
    return DENSE.replace("{last}", last).replace("{bn}", bn)


HELPERS = '''
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    def __init__(self, inplanes, growthRate=12):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.conv1 = nn.Conv2d(inplanes, 4 * growthRate, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(4 * growthRate)
        self.conv2 = nn.Conv2d(4 * growthRate, growthRate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        return torch.cat((x, out), 1)


class Transition(nn.Module):
    def __init__(self, inplanes, outplanes):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.conv1 = nn.Conv2d(inplanes, outplanes, kernel_size=1, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv1(F.relu(self.bn1(x))), 2)


class DenseNet(nn.Module):
    def __init__(self, n=3, growthRate=12, num_classes=10):
        super().__init__()
        self.growthRate = growthRate
        # self.inplanes is shared by the helpers below
        self.inplanes = growthRate * 2
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=3, padding=1, bias=False)
        self.dense1 = self._make_denseblock(n)
        self.trans1 = self._make_transition(2)
        self.dense2 = self._make_denseblock(n)
        self.bn = nn.BatchNorm2d(self.inplanes)
        self.fc = nn.Linear(self.inplanes, num_classes)

    def _make_denseblock(self, blocks):
        layers = []
        for i in range(blocks):
            layers.append(Bottleneck(self.inplanes, growthRate=self.growthRate))
            self.inplanes += {step}
        return nn.Sequential(*layers)

    def _make_transition(self, compressionRate):
        inplanes = self.inplanes
        outplanes = int(math.floor(self.inplanes // compressionRate))
        self.inplanes = outplanes
        return Transition(inplanes, outplanes)

    def forward(self, x):
        x = self.trans1(self.dense1(self.conv1(x)))
        x = F.relu(self.bn(self.dense2(x)))
        x = F.adaptive_avg_pool2d(x, 1).view(x.size(0), -1)
        return self.fc(x)


net = DenseNet()
y = net(torch.randn(2, 3, 16, 16))
'''

RESNET = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.downsample = downsample

    def forward(self, x, last=False):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + identity)


class SequentialWithArgs(nn.Sequential):
    def forward(self, input, *args, **kwargs):
        modules = list(self._modules.values())
        for i in range(len(modules)):
            if i == len(modules) - 1:
                input = modules[i](input, *args, **kwargs)
            else:
                input = modules[i](input)
        return input


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=10):
        super().__init__()
        self.inplanes = 16
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.layer1 = self._make_layer(block, 16, layers[0])
        self.layer2 = self._make_layer(block, 32, layers[1], stride=2)
        self.fc = nn.Linear(32 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion),
            )
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = {width}
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))
        return SequentialWithArgs(*layers)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer2(self.layer1(x), last=True)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


net = ResNet(Bottleneck, [2, 2])
y = net(torch.randn(2, 3, 16, 16))
'''

LOOPED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=1, bias=False)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.conv3 = nn.Conv2d(planes, self.expansion * planes, kernel_size=1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != self.expansion * planes:
            self.shortcut = nn.Conv2d(in_planes, self.expansion * planes, kernel_size=1, stride=stride, bias=False)

    def forward(self, x):
        out = F.relu(self.conv1(x))
        out = F.relu(self.conv2(out))
        return F.relu(self.conv3(out) + self.shortcut(x))


class ResNet(nn.Module):
    def __init__(self, block, num_blocks, num_classes=10):
        super().__init__()
        self.in_planes = 16
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1, bias=False)
        self.layer1 = self._make_layer(block, 16, num_blocks[0], stride=1)
        self.layer2 = self._make_layer(block, 32, num_blocks[1], stride=2)
        self.linear = nn.Linear({head}, num_classes)

    def _make_layer(self, block, planes, num_blocks, stride):
        strides = [stride] + [1] * (num_blocks - 1)
        layers = []
        for stride in strides:
            layers.append(block(self.in_planes, planes, stride))
            self.in_planes = {width}
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.layer2(self.layer1(F.relu(self.conv1(x))))
        out = torch.cat([F.adaptive_avg_pool2d(out, 1), F.adaptive_max_pool2d(out, 1)], 1)
        return self.linear(out.flatten(1))


net = ResNet(Bottleneck, [2, 2])
y = net(torch.randn(2, 3, 16, 16))
'''

UNREAD = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.AvgPool2d(2)
        self.width = 16
        self.width += {step}
        self.head = nn.Conv2d(self.width, num_classes, 1)

    def forward(self, x):
        return self.head(self.pool(self.stem(x)))


net = Net()
y = net(torch.randn(2, 3, 16, 16))
'''


def _errors(source: str) -> list:
    return [(d.span.line, d.code) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def _runs(source: str) -> bool:
    torch = pytest.importorskip("torch")
    try:
        exec(compile(source, "net.py", "exec"), {"torch": torch})
    except RuntimeError:
        return False
    return True


def test_a_running_count_updated_with_the_wrong_stage_is_reported_at_the_update():
    wrong = _dense(last="0")
    line = max(n for n, text in enumerate(wrong.splitlines(), 1) if "num_planes += nblocks[0]" in text)
    assert {at for at, _ in _errors(wrong)} == {line}
    assert not _runs(wrong)


def test_the_right_update_stays_clean():
    right = _dense()
    assert _errors(right) == []
    assert _runs(right)


def test_a_norm_reading_another_local_stays_at_the_norm():
    wrong = _dense(bn="out_planes")
    assert _errors(wrong) == [(line_of(wrong, "self.bn = nn.BatchNorm2d(out_planes)"), "CL104")]
    assert not _runs(wrong)


def test_an_attribute_count_a_helper_loop_adds_to_wrong_is_reported_at_the_update():
    wrong = HELPERS.replace("{step}", "2 * self.growthRate")
    assert {at for at, _ in _errors(wrong)} == {line_of(wrong, "self.inplanes += 2 * self.growthRate")}
    assert not _runs(wrong)


def test_the_right_helper_loop_stays_clean():
    right = HELPERS.replace("{step}", "self.growthRate")
    assert _errors(right) == []
    assert _runs(right)


def test_a_make_layer_forgetting_the_expansion_outside_its_loop_is_reported_at_the_update():
    wrong = RESNET.replace("{width}", "planes")
    assert {at for at, _ in _errors(wrong)} == {line_of(wrong, "self.inplanes = planes")}
    assert not _runs(wrong)


def test_the_make_layer_keeping_the_expansion_stays_clean():
    right = RESNET.replace("{width}", "planes * block.expansion")
    assert _errors(right) == []
    assert _runs(right)


def test_a_make_layer_forgetting_the_expansion_in_its_loop_is_reported_at_the_update():
    wrong = LOOPED.replace("{width}", "planes").replace("{head}", "64 * block.expansion")
    assert {at for at, _ in _errors(wrong)} == {line_of(wrong, "self.in_planes = planes")}
    assert not _runs(wrong)
    right = LOOPED.replace("{width}", "planes * block.expansion").replace("{head}", "64 * block.expansion")
    assert _errors(right) == []
    assert _runs(right)


def test_a_head_reading_the_count_a_loop_gave_the_stages_right_stays_at_the_head():
    wrong = LOOPED.replace("{width}", "planes * block.expansion").replace("{head}", "self.in_planes")
    assert _errors(wrong) == [(line_of(wrong, "self.linear = nn.Linear(self.in_planes"), "CL101")]
    assert not _runs(wrong)


def test_a_count_bound_the_line_before_and_read_by_no_layer_stays_at_the_layer():
    wrong = UNREAD.replace("{step}", "8")
    assert _errors(wrong) == [(line_of(wrong, "self.head = nn.Conv2d(self.width"), "CL103")]
    assert not _runs(wrong)
    right = UNREAD.replace("{step}", "0")
    assert _errors(right) == []
    assert _runs(right)
