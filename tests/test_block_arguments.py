"""A model whose constructor takes the block class as a required argument (`WideNet(block, layers,
wfactor)`), built only by factories that nothing calls with values that run: it is built with the
class the file's calls pass for it, its counts tried and its widths symbols, and what fails is
said with the class (against torch, with concrete counts and widths)."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.symbolic import evaluate
from convlint.values import Sym
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

BLOCKS = '''
import torch
import torch.nn as nn


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.relu(out + residual)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = self.relu(self.conv2(self.relu(self.conv1(x))))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.relu(out + residual)
'''

# the factory divides the depth with `/`: a float count, which range() refuses, so no call builds it
WIDE = BLOCKS + '''

class WideNet(nn.Module):
    def __init__(self, block, layers, wfactor, num_classes=10):
        super().__init__()
        self.inplanes = 16
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(block, 16 * wfactor, layers[0])
        self.layer2 = self._make_layer(block, 32 * wfactor, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 64 * wfactor, layers[2], stride=LAST_STRIDE)
        self.avgpool = nn.AvgPool2d(8, stride=1)
        self.fc = nn.Linear(FC_WIDTH * block.expansion * wfactor, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, 1, stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = self.avgpool(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)


def wide_net(depth, width, **kwargs):
    n = (depth - 2) / 6
    return WideNet(BasicBlock, [n, n, n], width, **kwargs)


if __name__ == "__main__":
    net = wide_net(20, 2)
    print(isinstance(net, WideNet))
    print(net(torch.randn(2, 3, 32, 32)).shape)
'''
WIDE_RIGHT = {"LAST_STRIDE": "2", "FC_WIDTH": "64"}
SIZE = (2, 3, 32, 32)


def _wide(namespace, counts=(2, 2, 2), width=2):
    return namespace["WideNet"](namespace["BasicBlock"], list(counts), width)


def test_the_fc_width_a_factory_built_model_misses_is_found_with_the_block_it_passes():
    assert_bug_found_at_its_line(WIDE, WIDE_RIGHT, {**WIDE_RIGHT, "FC_WIDTH": "32"}, SIZE,
                                 line_of(WIDE, "self.fc = nn.Linear("), "CL101", "wide.py", build=_wide)
    broken = filled(WIDE, {**WIDE_RIGHT, "FC_WIDTH": "32"})
    (finding,) = [d for d in lint_text(broken, "wide.py", Settings()).diagnostics if d.severity == "error"]
    assert f"with block=BasicBlock, as `wide_net` passes it (line {line_of(WIDE, 'return WideNet(')})" \
        in finding.message
    assert "for every wfactor" in finding.message  # the width stays a symbol


def test_one_stride_too_many_before_the_pool_is_found():
    broken = filled(WIDE, {**WIDE_RIGHT, "LAST_STRIDE": "4"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "wide.py", _wide), SIZE)
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "wide.py", lambda ns: _wide(ns, (1, 1, 1), 4)), SIZE)
    found = {(d.code, d.span.line) for d in lint_text(broken, "wide.py", Settings()).diagnostics
             if d.severity == "error"}
    assert ("CL105", line_of(WIDE, "nn.AvgPool2d(8")) in found


def test_the_correct_model_is_built_with_the_block_and_its_shapes_equal_torch():
    source = filled(WIDE, WIDE_RIGHT)
    result = lint_text(source, "wide.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    model = next(m for m in result.models if m.name == "WideNet" and m.count_trials)
    assert model.assumed == [f"block=BasicBlock, as `wide_net` passes it (line {line_of(WIDE, 'return WideNet(')})"]
    assert model.argument_symbols == ("layers", "wfactor")
    compared = 0
    for counts, trial in model.count_trials[:3]:
        blocks = [counts[f"layers[{i}]"] for i in range(3)]
        for width in (1, 3):
            expected = module_shapes(built(source, "wide.py", lambda ns: _wide(ns, blocks, width)), SIZE)
            for call in trial.calls:
                dims = call.output.shape.dims
                if call.speculative and call.node.path not in expected:
                    continue  # a shortcut built on a branch the width decides (16 != 16*wfactor)
                if dims is None or any(isinstance(d, Sym) and (d.opaque or d.base not in ("wfactor", "N"))
                                       for d in dims):
                    continue  # claimed only where known, or a width of the argument
                claimed = tuple(SIZE[0] if isinstance(d, Sym) and d.base == "N" else
                                evaluate(d, width) if isinstance(d, Sym) else d for d in dims)
                assert claimed == expected[call.node.path], call.node.path
                compared += 1
    assert compared > 100


# two factories pass two blocks: the model is built with each, and what fails is said with the one
SEVERAL = BLOCKS + '''

class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=10):
        super().__init__()
        self.inplanes = 16
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.layer1 = self._make_layer(block, 16, layers[0])
        self.layer2 = self._make_layer(block, 32, layers[1], stride=2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Conv2d(self.inplanes, DOWN_WIDTH, 1, stride, bias=False)
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.layer2(self.layer1(self.conv1(x)))
        return self.fc(self.pool(x).flatten(1))


def resnet_basic(depth):
    n = (depth - 2) / 6
    return ResNet(BasicBlock, [n, n])


def resnet_bottleneck(depth):
    n = (depth - 2) / 9
    return ResNet(Bottleneck, [n, n])
'''


def test_each_block_the_code_passes_is_tried_and_named_in_what_fails():
    right = {"DOWN_WIDTH": "planes * block.expansion"}
    wrong = {"DOWN_WIDTH": "planes"}  # the shortcut forgets the expansion: only the bottleneck fails
    broken = filled(SEVERAL, wrong)
    module_shapes(built(broken, "several.py", lambda ns: ns["ResNet"](ns["BasicBlock"], [2, 2])), SIZE)
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "several.py", lambda ns: ns["ResNet"](ns["Bottleneck"], [2, 2])), SIZE)
    errors = [d for d in lint_text(broken, "several.py", Settings()).diagnostics
              if d.severity == "error" and d.model == "ResNet"]
    assert errors
    passed = f"with block=Bottleneck, as `resnet_bottleneck` passes it (line {line_of(SEVERAL, 'ResNet(Bottleneck')})"
    assert all(passed in d.message and "BasicBlock" not in d.message for d in errors)
    # (the shortcut's width, the line edited: the bottleneck's add, where torch stops, agrees with
    # the block's conv, and the shortcut's line given 4 times each instance's width runs the model)
    assert {d.span.line for d in errors} == {line_of(SEVERAL, "DOWN_WIDTH")}
    clean = lint_text(filled(SEVERAL, right), "several.py", Settings())
    assert [d for d in clean.diagnostics if d.severity == "error"] == []


FORWARDED = SEVERAL.replace('''def resnet_basic(depth):
    n = (depth - 2) / 6
    return ResNet(BasicBlock, [n, n])''', '''def make(block, n):
    return ResNet(block, [n, n])''')


def test_a_block_no_call_names_stays_unknown():
    """`ResNet(block, ...)` in a factory that takes the block: which class is not read, so the
    model is not claimed to be built with the one the other call passes."""
    broken = filled(FORWARDED, {"DOWN_WIDTH": "planes"})
    result = lint_text(broken, "forwarded.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error" and d.model == "ResNet"] == []
    model = next(m for m in result.models if m.name == "ResNet")
    assert "block" in model.argument_symbols and not model.assumed
    assert any("ResNet(block, layers): required constructor arguments not given" in u.why for u in model.unresolved)
