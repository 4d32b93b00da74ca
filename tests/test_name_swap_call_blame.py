"""A call that passes the wrong name (`Block(planes, planes)` in `_make_layer`, where
self.inplanes holds the channels that arrive; `Head(c, n)` where `total` does) is reported at
that argument, not at the number its own caller writes nor where the name was bound."""

import pytest

from convlint.pipeline import Settings, lint_text

STAGES = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1)
        self.conv2 = nn.Conv2d(planes, planes * self.expansion, 1)

    def forward(self, x):
        return self.conv2(torch.relu(self.conv1(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inplanes = 16
        self.layer1 = self._make_layer(8, 2)
        self.layer2 = self._make_layer(16, 2)

    def _make_layer(self, planes, blocks):
        layers = [Block(self.inplanes, planes)]
        self.inplanes = planes * Block.expansion
        for _ in range(1, blocks):
            layers.append(Block({passed}, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.layer2(self.layer1(x))
'''

HEAD = '''
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, cin, classes):
        super().__init__()
        self.conv = nn.Conv2d(cin, classes, 1)

    def forward(self, x):
        return self.conv(x)


class Branches(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.branches = nn.ModuleList([nn.Conv2d(3, c * 2 ** i, 3, padding=1) for i in range(3)])

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches], 1)


def build(width=8, classes=5):
    c = width
    total = sum(c * 2 ** i for i in range(3))
    return nn.Sequential(Branches(c), Head({passed}, classes))
'''

CASES = [  # source, the wrong name, the right one, the model, its input, the line's text
    (STAGES, "planes", "self.inplanes", "Net", (1, 16, 8, 8), "layers.append(Block(planes, planes))"),
    (HEAD, "c", "total", "build", (1, 3, 8, 8), "Head(c, classes)"),
]


def _errors(source: str, model: str, shape: tuple) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "net.py", Settings(input_shapes={model: shape})).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize(("source", "wrong", "right", "model", "shape", "text"), CASES)
def test_the_wrong_name_is_reported_at_the_call_that_passes_it(source, wrong, right, model, shape, text):
    code = source.replace("{passed}", wrong)
    lines = [n for n, line in enumerate(code.splitlines(), 1) if text in line]
    found = _errors(code, model, shape)
    assert found and {line for line, _ in found} == set(lines) and {c for _, c in found} == {"CL103"}


@pytest.mark.parametrize(("source", "wrong", "right", "model", "shape", "text"), CASES)
def test_the_right_name_stays_clean(source, wrong, right, model, shape, text):
    assert _errors(source.replace("{passed}", right), model, shape) == []


@pytest.mark.parametrize(("source", "wrong", "right", "model", "shape", "text"), CASES)
def test_torch_fails_on_the_wrong_name_only(source, wrong, right, model, shape, text):
    torch = pytest.importorskip("torch")
    for name, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(source.replace("{passed}", name), "net.py", "exec"), namespace)
        net = namespace[model]()
        if fails:
            with pytest.raises(RuntimeError, match="channels"):
                net(torch.zeros(*shape))
        else:
            net(torch.zeros(*shape))


PRED_LAYER = '''
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, inplanes, dilation_series, padding_series, num_classes):
        super().__init__()
        self.conv2d_list = nn.ModuleList()
        for dilation, padding in zip(dilation_series, padding_series):
            self.conv2d_list.append(nn.Conv2d(inplanes, num_classes, 3, padding=padding, dilation=dilation))

    def forward(self, x):
        out = self.conv2d_list[0](x)
        for i in range(len(self.conv2d_list) - 1):
            out = out + self.conv2d_list[i + 1](x)
        return out


class Net(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.inplanes = 16
        self.stem = nn.Conv2d(3, self.inplanes, 3, padding=1)
        self.body = nn.Conv2d(self.inplanes, 64, 1)
        self.inplanes = 64
        self.head = self._make_pred_layer(Classifier, WIDTH, [2, 4], [2, 4], num_classes)

    def _make_pred_layer(self, block, inplanes, dilation_series, padding_series, num_classes):
        return block(inplanes, dilation_series, padding_series, num_classes)

    def forward(self, x):
        return self.head(self.body(self.stem(x)))
'''


def test_a_helper_passing_its_parameter_on_under_its_name_is_not_the_wrong_name():
    """`_make_pred_layer(Classifier, 32, ...)` where self.inplanes holds the 64 that arrive: the
    helper's `block(inplanes, ...)` passes on what its caller wrote, so the caller's 32 is reported,
    not the helper's line."""
    code = PRED_LAYER.replace("WIDTH", "32")
    call = next(n for n, line in enumerate(code.splitlines(), 1) if "self._make_pred_layer(Classifier" in line)
    column = code.splitlines()[call - 1].index("32") + 1
    found = [d for d in lint_text(code, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.span.line, d.span.column, d.code) for d in found] == [(call, column, "CL103")]
    assert _errors(PRED_LAYER.replace("WIDTH", "64"), "Net", (1, 3, 16, 16)) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(code, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 64"):
        namespace["Net"]()(torch.zeros(1, 3, 16, 16))
    exec(compile(PRED_LAYER.replace("WIDTH", "64"), "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(1, 3, 16, 16)).shape == (1, 5, 16, 16)


SPLIT_UNITS = '''
import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        half = cout // 2
        if stride > 1:
            self.left = nn.Sequential(
                nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False),
                nn.BatchNorm2d(cin),
                nn.Conv2d(cin, half, 1, bias=False),
                nn.ReLU(inplace=True),
            )
        self.right = nn.Sequential(
            nn.Conv2d(RIGHT_IN, half, 1, bias=False),
            nn.BatchNorm2d(half),
            nn.ReLU(inplace=True),
            nn.Conv2d(half, half, 3, stride, 1, groups=half, bias=False),
            nn.BatchNorm2d(half),
        )

    def forward(self, x):
        if self.stride == 1:
            a, b = x.chunk(2, dim=1)
            return torch.cat((a, self.right(b)), dim=1)
        return torch.cat((self.left(x), self.right(x)), dim=1)


class Net(nn.Module):
    def __init__(self, widths=(32, 64, 128), repeats=(2, 3, 2)):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        c = 16
        stages = []
        for width, n in zip(widths, repeats):
            units = [Unit(c, width, 2)]
            for _ in range(n - 1):
                units.append(Unit(width, width, 1))
            stages.append(nn.Sequential(*units))
            c = width
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(c, 10)

    def forward(self, x):
        x = self.stages(self.stem(x))
        return self.fc(x.mean((2, 3)))
'''


def test_a_block_halving_its_input_keeps_the_finding_where_a_callers_name_holds_the_half_by_chance():
    """The unit's right branch reads cin where its stride-1 form takes half the input (chunk(2)):
    `Unit(width, width, 1)` tells each unit the width it is fed, so c, which holds the half only
    because each stage doubles the width, is no name the call should have passed: the unit's line
    is reported."""
    code = SPLIT_UNITS.replace("RIGHT_IN", "cin")
    line = next(n for n, text in enumerate(code.splitlines(), 1) if "nn.Conv2d(cin, half, 1, bias=False)," in text
                and n > next(m for m, t in enumerate(code.splitlines(), 1) if "self.right" in t))
    found = _errors(code, "Net", (1, 3, 32, 32))
    assert found and {n for n, _ in found} == {line} and {c for _, c in found} == {"CL103"}
    right = SPLIT_UNITS.replace("RIGHT_IN", "cin if stride > 1 else half")
    assert _errors(right, "Net", (1, 3, 32, 32)) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(code, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 16"):
        namespace["Net"]()(torch.zeros(1, 3, 32, 32))
    exec(compile(right, "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 10)
