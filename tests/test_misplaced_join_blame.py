"""An add or skip cat that fails because of one edit away from its own line, reported at that
edit: a block's call that leaves out the flag building its projection, where the block's other
calls run the add (`Block(128, 256)` beside `Block(128, 128)`); a block given a stride its
constructor never reads, whose main-path conv lost `stride=stride` (not the downsample that
honours it); a U-Net pool whose factor no other pool takes (`MaxPool2d(4)` beside
`MaxPool2d(2)`), not the last skip cat. Each checked against torch: the edited model raises,
the written one runs and is clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from torch_cases import filled, module_shapes, built
from tests.source_lines import line_of

FLAGGED = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, same_shape=True):
        super().__init__()
        self.same_shape = same_shape
        stride = 1 if same_shape else 2
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        if not same_shape:
            self.proj = nn.Conv2d(cin, cout, 1, stride=stride)

    def forward(self, x):
        out = self.conv2(torch.relu(self.conv1(x)))
        if not self.same_shape:
            x = self.proj(x)
        return torch.relu(x + out)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, STEM, 3, padding=1)
        self.b1 = Block(FIRST)
        self.b2 = Block(128, 256SECOND)
        self.head = nn.Linear(256, 10)

    def forward(self, x):
        x = self.b2(self.b1(self.stem(x)))
        return self.head(x.mean((2, 3)))
'''

# the first block keeps its shape, no call gives the flag; or the first widens, given it positionally
ALONE = {"STEM": "128", "FIRST": "128, 128"}
GIVEN_BEFORE = {"STEM": "64", "FIRST": "64, 128, False"}
FLAG_LEFT_OUT = {"SECOND": ""}
FLAG_WRITTEN = {"SECOND": ", False"}

STRIDED = '''
from collections import OrderedDict

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        m = OrderedDict()
        m["conv1"] = nn.Conv2d(inplanes, planes, 3, CONV1padding=1, bias=False)
        m["bn1"] = nn.BatchNorm2d(planes)
        m["relu1"] = nn.ReLU(inplace=True)
        m["conv2"] = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        m["bn2"] = nn.BatchNorm2d(planes)
        self.branch = nn.Sequential(m)
        self.downsample = downsample

    def forward(self, x):
        skip = self.downsample(x) if self.downsample is not None else x
        return torch.relu(self.branch(x) + skip)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        down = nn.Sequential(nn.Conv2d(64, 128, 1, stride=2, bias=False), nn.BatchNorm2d(128))
        self.layer = nn.Sequential(Block(64, 128, 2, down), Block(128, 128))

    def forward(self, x):
        return self.layer(x)
'''

# torchvision's layout: a conv3x3 helper called twice by the block, the stages built by _make_layer
# (two strided stages: the second's block, never run, needs the edit too)
HELPER = '''
import torch
import torch.nn as nn


def conv3x3(inp, out, stride=1):
    return nn.Conv2d(inp, out, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planesCONV1)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class Net(nn.Module):
    def __init__(self, layers=(2, 2, 2), num_classes=10):
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(64, layers[0])
        self.layer2 = self._make_layer(128, layers[1], stride=2)
        self.layer3 = self._make_layer(256, layers[2], stride=2)
        self.fc = nn.Linear(256, num_classes)

    def _make_layer(self, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes, 1, stride=stride, bias=False),
                                       nn.BatchNorm2d(planes))
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        for _ in range(1, blocks):
            layers.append(BasicBlock(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))
'''

# the block's path an nn.Sequential of an OrderedDict: the stride-2 blocks after the first are
# recognised by the stride their calls give, not by the path's layers
GROUPED = HELPER.replace('''        self.conv1 = conv3x3(inplanes, planesCONV1)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
''', '''        m = OrderedDict()
        m["conv1"] = conv3x3(inplanes, planesCONV1)
        m["bn1"] = nn.BatchNorm2d(planes)
        m["relu1"] = nn.ReLU(inplace=True)
        m["conv2"] = conv3x3(planes, planes)
        m["bn2"] = nn.BatchNorm2d(planes)
        self.group1 = nn.Sequential(m)
        self.relu = nn.ReLU(inplace=True)
''').replace('''        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
''', '''        identity = x
        out = self.group1(x)
''').replace("import torch\n", "from collections import OrderedDict\n\nimport torch\n", 1)

UNET = '''
import torch
import torch.nn as nn


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = block(1, 16)
        self.pool1 = nn.POOL(FACTOR)
        self.enc2 = block(16, 32)
        self.pool2 = nn.POOL(2)
        self.mid = block(32, 64)
        self.up2 = nn.ConvTranspose2d(64, 32, kernel_size=2, stride=2)
        self.dec2 = block(64, 32)
        self.up1 = nn.ConvTranspose2d(32, 16, kernel_size=2, stride=2)
        self.dec1 = block(32, 16)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool1(e1))
        d2 = self.dec2(torch.cat([self.up2(self.mid(self.pool2(e2))), e2], dim=1))
        return self.dec1(torch.cat([self.up1(d2), e1], dim=1))
'''


def _errors(source: str, **settings) -> list:
    return [d for d in lint_text(source, "model.py", Settings(**settings)).diagnostics if d.severity == "error"]


def _torch_refuses(source: str, size: tuple) -> None:
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "model.py"), size)


def _torch_runs(source: str, size: tuple) -> None:
    assert module_shapes(built(source, "model.py"), size)


@pytest.mark.parametrize("first", [ALONE, GIVEN_BEFORE], ids=["no-call-gives-it", "given-before"])
@pytest.mark.parametrize("shapes", [{}, {"input_shapes": {"": (2, 3, 32, 32)}}], ids=["symbolic", "given"])
def test_the_one_block_call_that_leaves_out_its_flag_is_blamed_at_that_call(first, shapes):
    """`Block(128, 256)` keeps the identity skip (same_shape=True) while its branch widens; the
    block's other call runs its add: the call is the edit, the add related. Where the earlier
    block's output reaches the add through that block's own identity add, the add still belongs
    to the block that ran it."""
    source = filled(FLAGGED, {**first, **FLAG_LEFT_OUT})
    (error,) = _errors(source, **shapes)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.b2 = Block(128, 256)"))
    assert line_of(source, "return torch.relu(x + out)") in {s.line for s in error.related}
    assert "same_shape=False" in error.fix


@pytest.mark.parametrize("first", [ALONE, GIVEN_BEFORE])
def test_the_blocks_given_their_flag_are_clean_and_torch_agrees(first):
    written, edited = filled(FLAGGED, {**first, **FLAG_WRITTEN}), filled(FLAGGED, {**first, **FLAG_LEFT_OUT})
    assert _errors(written) == []
    _torch_runs(written, (2, 3, 32, 32))
    _torch_refuses(edited, (2, 3, 32, 32))


def test_a_block_whose_every_widening_call_fails_stays_at_the_add():
    """Both calls widen without the flag: no call of the block runs its add, the block may be
    what is wrong (tests/test_join_branch_blame.py keeps this for a flag no call gives)."""
    source = filled(FLAGGED, {"STEM": "64", "FIRST": "64, 128", **FLAG_LEFT_OUT})
    errors = _errors(source, input_shapes={"": (2, 3, 32, 32)})
    assert errors and {(e.code, e.span.line) for e in errors} == {
        ("CL107", line_of(source, "return torch.relu(x + out)"))}


@pytest.mark.parametrize("shapes", [{}, {"input_shapes": {"": (2, 64, 56, 56)}}], ids=["symbolic", "given"])
def test_a_conv_that_lost_the_stride_its_block_is_given_is_blamed_not_the_downsample(shapes):
    """`Block(64, 128, 2, down)` whose __init__ never reads its `stride`: the branch's first conv
    lost it; setting the downsample's stride=2 back to 1 would run too, but undo what was asked."""
    source = filled(STRIDED, {"CONV1": ""})
    (error,) = _errors(source, **shapes)
    assert (error.code, error.span.line) == ("CL107", line_of(source, 'm["conv1"]'))
    assert "never reads" in error.message and "layer.0.branch.conv1" in error.message


@pytest.mark.parametrize("shapes", [{}, {"input_shapes": {"": (2, 3, 64, 64)}}], ids=["symbolic", "given"])
@pytest.mark.parametrize("model", ["helper", "grouped"])
def test_the_helper_call_that_left_out_the_blocks_stride_is_blamed(shapes, model):
    """`self.conv1 = conv3x3(inplanes, planes)` where torchvision passes `stride`: the helper's
    line is right for its other call, the call in the block is the line to change."""
    source = filled(HELPER if model == "helper" else GROUPED, {"CONV1": ""})
    (error,) = _errors(source, **shapes)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "conv1\"] = conv3x3(inplanes, planes)"
                                                             if model == "grouped" else
                                                             "self.conv1 = conv3x3(inplanes, planes)"))
    assert line_of(source, "out += identity") in {s.line for s in error.related}


def test_the_blocks_given_their_stride_are_clean_and_torch_agrees():
    for source, size in ((STRIDED, (2, 64, 56, 56)), (HELPER, (2, 3, 64, 64)), (GROUPED, (2, 3, 64, 64))):
        written = filled(source, {"CONV1": "stride=stride, " if source is STRIDED else ", stride"})
        assert _errors(written) == []
        _torch_runs(written, size)
        _torch_refuses(filled(source, {"CONV1": ""}), size)


@pytest.mark.parametrize("pool", ["MaxPool2d", "AvgPool2d"])
@pytest.mark.parametrize("shapes", [{}, {"input_shapes": {"": (2, 1, 32, 32)}}], ids=["symbolic", "given"])
def test_a_pool_whose_factor_no_other_pool_takes_is_blamed_not_the_skip_cat(pool, shapes):
    source = filled(UNET, {"POOL": pool, "FACTOR": "4"})
    (error,) = _errors(source, **shapes)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.pool1 ="))
    assert "the other pool here takes kernel_size=2" in error.message
    assert "Use kernel_size=2 in pool1" in error.fix
    assert line_of(source, "return self.dec1(torch.cat(") in {s.line for s in error.related}


@pytest.mark.parametrize("pool", ["MaxPool2d", "AvgPool2d"])
def test_the_written_unet_is_clean_and_torch_agrees(pool):
    written, edited = filled(UNET, {"POOL": pool, "FACTOR": "2"}), filled(UNET, {"POOL": pool, "FACTOR": "4"})
    assert _errors(written) == []
    _torch_runs(written, (2, 1, 32, 32))
    _torch_refuses(edited, (2, 1, 32, 32))
