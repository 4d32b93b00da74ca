"""A residual path broken by one value its layers share is reported where that value is set: a
padding a parent computes once and passes to every conv of a block (each of them grows the map), and
a block's stride taken by a second conv of a branch whose shortcut takes it once. Each checked
against torch: the edited variant raises, the written one runs and stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SHARED_PADDING = '''
import torch
import torch.nn as nn


class BasicBlock1d(nn.Module):
    def __init__(self, inplanes, planes, kernel_size=3, padding=1):
        super().__init__()
        self.conv1 = nn.Conv1d(inplanes, planes, kernel_size, padding=padding, bias=False)
        self.bn1 = nn.BatchNorm1d(planes)
        self.conv2 = nn.Conv1d(planes, planes, kernel_size, padding=padding, bias=False)
        self.bn2 = nn.BatchNorm1d(planes)

    def forward(self, x):
        identity = x
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return torch.relu(out)


class Net1d(nn.Module):
    def __init__(self, num_classes=5, block_kernel_size=3):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 64, 49, stride=4, padding=24, bias=False)
        self.block_kernel_size = block_kernel_size
        self.padding = PADDING
        self.layer1 = nn.Sequential(*[BasicBlock1d(64, 64, self.block_kernel_size, padding=self.padding)
                                      for _ in range(2)])
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.layer1(self.conv1(x))
        return self.fc(torch.flatten(self.pool(x), 1))
'''

# the padding set in __init__, read by the method that builds the stages, through a conv helper
MADE_LAYERS = '''
import torch
import torch.nn as nn


def conv_1d(in_planes, out_planes, kernel_size=3, stride=1, padding=1):
    return nn.Conv1d(in_planes, out_planes, kernel_size=kernel_size, stride=stride, padding=padding, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, block_kernel_size=3, padding=1):
        super().__init__()
        self.conv1 = conv_1d(inplanes, planes, kernel_size=block_kernel_size, padding=padding)
        self.bn1 = nn.BatchNorm1d(planes)
        self.conv2 = conv_1d(planes, planes, kernel_size=block_kernel_size, padding=padding)
        self.bn2 = nn.BatchNorm1d(planes)

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(out)) + x)


class ResNet(nn.Module):
    def __init__(self, block_kernel_size=5, num_classes=5):
        super().__init__()
        self.inplanes = 32
        self.conv1 = nn.Conv1d(1, 32, 7, stride=2, padding=3)
        self.block_kernel_size = block_kernel_size
        self.padding = PADDING
        self.layer1 = self._make_layer(32, 2)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(32, num_classes)

    def _make_layer(self, planes, blocks):
        layers = [BasicBlock(self.inplanes, planes, block_kernel_size=self.block_kernel_size, padding=self.padding)]
        for _ in range(1, blocks):
            layers.append(BasicBlock(planes, planes, block_kernel_size=self.block_kernel_size, padding=self.padding))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.layer1(self.conv1(x))
        return self.fc(torch.flatten(self.pool(x), 1))
'''

# one conv of the block reads the padding: the value is still set where the parent computes it
LOCAL_PADDING = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, channels, kernel_size, padding):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size, padding=padding)
        self.bn = nn.BatchNorm2d(channels)

    def forward(self, x):
        return self.bn(self.conv(x)) + x


class Net(nn.Module):
    def __init__(self, kernel_size=5):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        pad = PADDING
        self.blocks = nn.Sequential(Block(16, kernel_size, pad), Block(16, kernel_size, pad))

    def forward(self, x):
        return self.blocks(self.stem(x))
'''

# the padding's local is also the window of a pool: changing it changes more than the blocks
READ_TWICE = LOCAL_PADDING.replace('''class Net(nn.Module):''', '''class Blur(nn.Module):
    def __init__(self, window):
        super().__init__()
        self.pool = nn.AvgPool2d(window, stride=1, padding=window // 2)

    def forward(self, x):
        return self.pool(x)


class Net(nn.Module):''').replace("Block(16, kernel_size, pad))", "Block(16, kernel_size, pad), Blur(pad))")

# the two convs take their padding from two places: which one is wrong is not known
TWO_ORIGINS = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, channels, padding=1):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=padding)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=2)

    def forward(self, x):
        return self.conv2(self.conv1(x)) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.padding = 2
        self.block = Block(8, padding=self.padding)

    def forward(self, x):
        return self.block(x)
'''

SHAKE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class ShakeBlock(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.equal_io = in_ch == out_ch
        self.shortcut = self.equal_io and None or Shortcut(in_ch, out_ch, stride=stride)
        self.branch1 = nn.Sequential(nn.ReLU(), nn.Conv2d(in_ch, out_ch, 3, padding=1, stride=stride, bias=False),
                                     nn.BatchNorm2d(out_ch), nn.ReLU(),
                                     nn.Conv2d(out_ch, out_ch, 3, padding=1, stride=SECOND, bias=False),
                                     nn.BatchNorm2d(out_ch))

    def forward(self, x):
        h = self.branch1(x)
        h0 = x if self.equal_io else self.shortcut(x)
        return h + h0


class Shortcut(nn.Module):
    def __init__(self, in_ch, out_ch, stride):
        super().__init__()
        self.stride = stride
        self.conv1 = nn.Conv2d(in_ch, out_ch // 2, 1, stride=1, padding=0, bias=False)
        self.conv2 = nn.Conv2d(in_ch, out_ch // 2, 1, stride=1, padding=0, bias=False)
        self.bn = nn.BatchNorm2d(out_ch)

    def forward(self, x):
        h = F.relu(x)
        h1 = self.conv1(F.avg_pool2d(h, 1, self.stride))
        h2 = self.conv2(F.avg_pool2d(F.pad(h, (-1, 1, -1, 1)), 1, self.stride))
        return self.bn(torch.cat((h1, h2), 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_in = nn.Conv2d(3, 16, 3, padding=1)
        self.layer1 = ShakeBlock(16, 32, stride=1)
        self.layer2 = ShakeBlock(32, 64, stride=2)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        h = self.layer2(self.layer1(self.c_in(x)))
        return self.fc(F.adaptive_avg_pool2d(F.relu(h), 1).flatten(1))
'''

# a basic block whose projection shortcut strides once; the branch's convs take the stride as written
BASIC = '''
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=FIRST, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=SECOND, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes, 3, stride=THIRD, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False),
                                      nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + self.shortcut(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.layer = BasicBlock(16, 32, stride=2)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        out = F.adaptive_avg_pool2d(self.layer(self.stem(x)), 1)
        return self.fc(out.flatten(1))
'''


def _basic(first: str, second: str, third: str = "1") -> str:
    return BASIC.replace("FIRST", first).replace("SECOND", second).replace("THIRD", third)


def _errors(source: str, **settings) -> list:
    result = lint_text(source, "model.py", Settings(**settings))
    return [d for d in result.diagnostics if d.severity == "error"]


def test_a_padding_computed_once_and_read_by_every_conv_of_the_path_is_blamed_where_it_is_computed():
    source = SHARED_PADDING.replace("PADDING", "self.block_kernel_size - 1")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.padding = self.block_kernel_size - 1"))
    related = {span.line for span in error.related}
    # the call passing it, both convs that read it and the add
    assert {line_of(source, "padding=self.padding)"), line_of(source, "self.conv1 = nn.Conv1d(inplanes"),
            line_of(source, "self.conv2 = nn.Conv1d(planes"), line_of(source, "out += identity")} <= related
    assert "the same padding given to layer1.1.conv2 too" in error.message and "padding=1" in error.fix


def test_the_same_padding_given_for_an_input_size_is_blamed_there_too():
    source = SHARED_PADDING.replace("PADDING", "self.block_kernel_size - 1")
    (error,) = _errors(source, input_shapes={"": (2, 1, 3000)})
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.padding = self.block_kernel_size - 1"))


def test_a_padding_set_in_init_and_passed_by_the_method_building_the_stages_is_blamed_where_it_is_set():
    source = MADE_LAYERS.replace("PADDING", "self.block_kernel_size - 1")
    for settings in ({}, {"input_shapes": {"": (2, 1, 3000)}}):
        (error,) = _errors(source, model="ResNet", **settings)
        assert (error.code, error.span.line) == ("CL107", line_of(source, "self.padding = self.block_kernel_size - 1"))


def test_a_padding_computed_in_a_local_for_a_block_of_one_conv_is_blamed_where_it_is_computed():
    source = LOCAL_PADDING.replace("PADDING", "kernel_size // 2 + 1")
    (error,) = _errors(source, input_shapes={"": (2, 3, 32, 32)})
    assert (error.code, error.span.line) == ("CL107", line_of(source, "pad = kernel_size // 2 + 1"))
    assert line_of(source, "Block(16, kernel_size, pad)") in {span.line for span in error.related}


def test_a_padding_computed_in_a_local_another_layer_reads_too_is_blamed_at_the_call_passing_it():
    source = READ_TWICE.replace("PADDING", "kernel_size // 2 + 1")
    (error,) = _errors(source, input_shapes={"": (2, 3, 32, 32)}, model="Net")
    assert (error.code, error.span.line) == ("CL107", line_of(source, "Block(16, kernel_size, pad)"))


@pytest.mark.parametrize("source", [SHARED_PADDING.replace("PADDING", "self.block_kernel_size // 2"),
                                    LOCAL_PADDING.replace("PADDING", "kernel_size // 2"),
                                    MADE_LAYERS.replace("PADDING", "self.block_kernel_size // 2"),
                                    SHAKE.replace("SECOND", "1"), _basic("stride", "1")])
def test_the_written_blocks_are_clean(source):
    assert _errors(source) == []


def test_two_inexact_convs_given_their_padding_from_two_places_stay_at_the_add():
    (error,) = _errors(TWO_ORIGINS, input_shapes={"": (2, 8, 16, 16)}, model="Net")
    assert (error.code, error.span.line) == ("CL107", line_of(TWO_ORIGINS, "return self.conv2(self.conv1(x)) + x"))


def test_a_branch_that_takes_the_blocks_stride_twice_is_blamed_at_its_second_conv():
    source = SHAKE.replace("SECOND", "stride")
    for settings in ({}, {"input_shapes": {"": (2, 3, 32, 32)}}):
        (error,) = _errors(source, **settings)
        second = line_of(source, "nn.Conv2d(out_ch, out_ch, 3, padding=1, stride=stride")
        assert (error.code, error.span.line) == ("CL107", second)
        assert "took the same stride" in error.message and "stride=1" in error.fix


def test_a_basic_block_whose_second_conv_repeats_the_stride_is_blamed_there():
    source = _basic("stride", "stride")
    for settings in ({}, {"input_shapes": {"": (2, 3, 32, 32)}}):
        (error,) = _errors(source, **settings)
        assert (error.code, error.span.line) == ("CL107", line_of(source, "self.conv2 = nn.Conv2d("))


def test_a_stride_taken_by_two_convs_after_the_first_stays_at_the_add():
    """conv1 keeps the size, conv2 and conv3 both stride: which of them is the edit is not known."""
    source = _basic("1", "stride", "stride")
    (error,) = _errors(source, input_shapes={"": (2, 3, 32, 32)})
    assert (error.code, error.span.line) == ("CL107", line_of(source, "return F.relu(out + self.shortcut(x))"))


def _build(source: str, name: str = "Net"):
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    return namespace[name]()


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    signal, image = torch.zeros(2, 1, 3000), torch.zeros(2, 3, 32, 32)
    _build(SHARED_PADDING.replace("PADDING", "self.block_kernel_size // 2"), "Net1d")(signal)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _build(SHARED_PADDING.replace("PADDING", "self.block_kernel_size - 1"), "Net1d")(signal)
    _build(MADE_LAYERS.replace("PADDING", "self.block_kernel_size // 2"), "ResNet")(signal)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _build(MADE_LAYERS.replace("PADDING", "self.block_kernel_size - 1"), "ResNet")(signal)
    _build(LOCAL_PADDING.replace("PADDING", "kernel_size // 2"))(image)
    _build(READ_TWICE.replace("PADDING", "kernel_size // 2"))(image)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _build(READ_TWICE.replace("PADDING", "kernel_size // 2 + 1"))(image)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _build(LOCAL_PADDING.replace("PADDING", "kernel_size // 2 + 1"))(image)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _build(TWO_ORIGINS)(torch.zeros(2, 8, 16, 16))
    _build(SHAKE.replace("SECOND", "1"))(image)
    _build(_basic("stride", "1"))(image)
    for source in (SHAKE.replace("SECOND", "stride"), _basic("stride", "stride"), _basic("1", "stride", "stride")):
        for side in (8, 16, 32, 64):
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                _build(source)(torch.zeros(2, 3, side, side))


# the branch's convs made by helpers, as torchvision's resnet writes them; the block passes its stride
HELPERS = '''
import torch.nn as nn
import torch.nn.functional as F


def conv3x3(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


def double_conv(in_planes, out_planes, stride=1):
    return nn.Sequential(conv3x3(in_planes, out_planes, stride), nn.BatchNorm2d(out_planes), nn.ReLU(),
                         nn.Conv2d(out_planes, out_planes, 3, stride=SHARED, padding=1, bias=False))


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = conv3x3(in_planes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes, SECOND)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False),
                                      nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class PairBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.body = double_conv(in_planes, planes, stride)
        self.shortcut = nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False)

    def forward(self, x):
        return self.body(x) + self.shortcut(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.layer1 = nn.Sequential(BasicBlock(16, 16), BasicBlock(16, 16))
        self.layer2 = nn.Sequential(BasicBlock(16, 32, stride=2), BasicBlock(32, 32))
        self.layer3 = PairBlock(32, 64, stride=2)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        out = self.layer3(self.layer2(self.layer1(self.stem(x))))
        return self.fc(F.adaptive_avg_pool2d(out, 1).flatten(1))
'''


def _helpers(second: str = "1", shared: str = "1") -> str:
    return HELPERS.replace("SECOND", second).replace("SHARED", shared)


@pytest.mark.parametrize("settings", [{}, {"input_shapes": {"": (2, 3, 32, 32)}}], ids=["symbolic", "sized"])
def test_a_helper_made_conv_given_the_blocks_stride_again_is_blamed_at_the_blocks_call_of_the_helper(settings):
    source = _helpers(second="stride")
    (error,) = _errors(source, **settings)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.conv2 = conv3x3(planes, planes, stride)"))
    assert line_of(source, "return nn.Conv2d(in_planes, out_planes") in [r.line for r in error.related]


def test_a_helper_making_both_convs_with_the_stride_is_blamed_inside_the_helper():
    source = _helpers(shared="stride")
    (error,) = _errors(source, input_shapes={"": (2, 3, 32, 32)})
    assert (error.code, error.span.line) == ("CL107", line_of(source, "nn.Conv2d(out_planes, out_planes, 3, stride=stride"))


def test_the_helper_blocks_as_written_are_clean_and_torch_agrees():
    assert _errors(_helpers()) == []
    torch = pytest.importorskip("torch")
    _build(_helpers())(torch.zeros(2, 3, 32, 32))
    for source in (_helpers(second="stride"), _helpers(shared="stride")):
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            _build(source)(torch.zeros(2, 3, 32, 32))
