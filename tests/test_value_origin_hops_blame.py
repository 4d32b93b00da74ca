"""A wrong count is reported where it is written, past the hops real code puts between that number
and the layer it sizes: a constructor argument kept on self (`self.first_in = in_channels`) and
handed to another block (`ConvBN(self.first_in, ...)`); a width list read through zip() or
enumerate() (`for n, c in zip(self.nums, self.chans)`) or sliced (`self.chans[1:]`), blamed at the list's element; a factory
packing its arguments in a kwargs dict for `cls(**kwargs)`, blamed at the factory's call; a number a
helper's view reads (`self.channel_shuffle(x, 24)`), blamed at the call, where another call's number
runs the same view; a stage width list whose entry reaches the next block as its input, through
`in_c = out_c` or a zip of two slices. Against torch."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line

ATTRIBUTE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBN(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x):
        return self.conv(x)


class Block(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.first_in = in_channels
        self.out_channels = out_channels
        self.conv = ConvBN(self.first_in, self.out_channels)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.deep = nn.Conv2d(3, 256, 3, stride=2, padding=1)
        self.shallow = nn.Conv2d(3, 512, 3, padding=1)
        self.fuse = Block(WIDTH, 128)

    def forward(self, x):
        d = F.interpolate(self.deep(x), scale_factor=2)
        return self.fuse(torch.cat([d, self.shallow(x)], dim=1))
'''

# ResLoop -> ConvRes -> ConvBlock, each keeping its count on self before handing it on
CHAIN = '''
import torch
import torch.nn as nn


class ConvBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class ConvRes(nn.Module):
    def __init__(self, in_channels):
        super().__init__()
        self.in_channels = in_channels
        self.a = ConvBlock(self.in_channels, self.in_channels // 2)
        self.b = ConvBlock(self.in_channels // 2, self.in_channels)

    def forward(self, x):
        return x + self.b(self.a(x))


class ResLoop(nn.Module):
    def __init__(self, in_channels, n):
        super().__init__()
        self.in_channels = in_channels
        self.blocks = nn.Sequential(*[ConvRes(self.in_channels) for _ in range(n)])

    def forward(self, x):
        return self.blocks(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, padding=1)
        self.res = ResLoop(WIDTH, 2)

    def forward(self, x):
        return self.res(self.stem(x))
'''


def test_a_count_kept_on_self_and_handed_to_another_block_is_blamed_at_the_call():
    assert_bug_found_at_its_line(ATTRIBUTE, {"WIDTH": "768"}, {"WIDTH": "512"}, (2, 3, 16, 16),
                                 32, "CL103", "attribute.py")


# a stage table given as default arguments, kept on self and read through zip(): Darknet53's stages
ZIPPED = '''
import torch
import torch.nn as nn


def conv_bn(cin, cout, k, stride=1, padding=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, padding, bias=False), nn.BatchNorm2d(cout))


class Res(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = conv_bn(c, c // 2, 1, padding=0)
        self.b = conv_bn(c // 2, c, 3)

    def forward(self, x):
        return x + self.b(self.a(x))


class Net(nn.Module):
    def __init__(self, block_nums=[1, 2, 2, 1],
                 block_channels=[64, 128, WIDTH, 512]):
        super().__init__()
        self.block_nums = block_nums
        self.chans = block_channels
        self.stem = conv_bn(3, 32, 3)
        layers = []
        for LOOP:
            layers.append(conv_bn(c // 2, c, 3, 2))
            for _ in range(n):
                layers.append(Res(c))
        self.stages = nn.Sequential(*layers)

    def forward(self, x):
        return self.stages(self.stem(x))
'''

LOOPS = {
    "zip": "n, c in zip(self.block_nums, self.chans)",
    "enumerate": "i, c in enumerate(self.chans)",
    "enumerate of zip": "i, (n, c) in enumerate(zip(self.block_nums, self.chans))",
    "slice": "c in self.chans[1:]",  # (the table given a stem's width first)
}

# a factory choosing the class and passing its arguments on in a dict: SqueezeNet's fire modules
FACTORY = '''
import torch
import torch.nn as nn


class Fire(nn.Module):
    def __init__(self, in_channels, squeeze_channels, out_channels):
        super().__init__()
        self.squeeze = nn.Conv2d(in_channels, squeeze_channels, 1)
        self.e1 = nn.Conv2d(squeeze_channels, out_channels // 2, 1)
        self.e3 = nn.Conv2d(squeeze_channels, out_channels // 2, 3, padding=1)

    def forward(self, x):
        x = torch.relu(self.squeeze(x))
        return torch.cat((self.e1(x), self.e3(x)), 1)


class FireSkip(Fire):
    def forward(self, x):
        return super().forward(x) + x


def fire_factory(in_channels, squeeze_channels, out_channels, skip=None):
    kwargs = KWARGS
    cls = Fire
    if skip == "simple":
        cls = FireSkip
    return cls(**kwargs)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, 3, 2),
            fire_factory(WIDTH, 16, 128),
            fire_factory(128, 16, 128, "simple"),
        )

    def forward(self, x):
        return self.features(x)
'''

KWARGS = {
    "dict literal": '{"in_channels": in_channels, "out_channels": out_channels, "squeeze_channels": squeeze_channels}',
    "dict call": "dict(in_channels=in_channels, squeeze_channels=squeeze_channels, out_channels=out_channels)",
}

SHUFFLE = '''
import torch
import torch.nn as nn


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    x = x.reshape(n, groups, c // groups, h, w)
    return x.permute(0, 2, 1, 3, 4).reshape(n, c, h, w)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 1)
        self.conv2 = nn.Conv2d(64, 64, 1, groups=4)

    def shuffle(self, x, groups):
        n, c, h, w = x.shape
        x = x.view(n, groups, c // groups, h, w)
        return x.transpose(1, 2).contiguous().view(n, c, h, w)

    def forward(self, x):
        x = SHUFFLER(self.conv1(x), GROUPS)
        return SHUFFLER(self.conv2(x), 4)
'''

SHUFFLERS = {"function": "channel_shuffle", "method": "self.shuffle"}

STAGES = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, in_c, out_c):
        super().__init__()
        half = out_c // 2
        self.left = nn.Sequential(nn.Conv2d(in_c, in_c, 3, 2, 1, groups=in_c), nn.Conv2d(in_c, half, 1))
        self.right = nn.Sequential(nn.Conv2d(in_c, half, 1), nn.Conv2d(half, half, 3, 2, 1, groups=half))

    def forward(self, x):
        return torch.cat((self.left(x), self.right(x)), 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.widths = [24, 116, WIDTH, 464]
        layers = [nn.Conv2d(3, 24, 3, 2, 1)]
LOOP
        self.stages = nn.Sequential(*layers)

    def forward(self, x):
        return self.stages(x)
'''

STAGE_LOOPS = {
    "running": """        in_c = 24
        for out_c in self.widths[1:]:
            layers.append(Block(in_c, out_c))
            in_c = out_c""",
    "zip of slices": """        for in_c, out_c in zip(self.widths[:-1], self.widths[1:]):
            layers.append(Block(in_c, out_c))""",
}


def test_a_count_kept_on_self_at_each_of_two_blocks_is_blamed_at_the_outer_call():
    assert_bug_found_at_its_line(CHAIN, {"WIDTH": "64"}, {"WIDTH": "32"}, (2, 3, 16, 16),
                                 40, "CL103", "chain.py")


@pytest.mark.parametrize("loop", LOOPS.values(), ids=list(LOOPS))
def test_a_width_list_read_through_zip_or_enumerate_is_blamed_at_its_element(loop):
    source = ZIPPED.replace("LOOP", loop).replace("range(n)", "range(n)" if "n," in loop else "range(1)")
    if "[1:]" in loop:
        source = source.replace("[64, 128, WIDTH, 512]", "[32, 64, 128, WIDTH, 512]")
    assert_bug_found_at_its_line(source, {"WIDTH": "256"}, {"WIDTH": "320"}, (2, 3, 32, 32),
                                 22, "CL103", "zipped.py")


@pytest.mark.parametrize("kwargs", KWARGS.values(), ids=list(KWARGS))
def test_a_count_a_factory_passes_in_a_kwargs_dict_is_blamed_at_the_factory_call(kwargs):
    assert_bug_found_at_its_line(FACTORY.replace("KWARGS", kwargs), {"WIDTH": "96"}, {"WIDTH": "64"},
                                 (2, 3, 32, 32), 36, "CL103", "factory.py")


@pytest.mark.parametrize("shuffler", SHUFFLERS.values(), ids=list(SHUFFLERS))
def test_a_number_a_helper_views_with_is_blamed_at_the_call_passing_it(shuffler):
    assert_bug_found_at_its_line(SHUFFLE.replace("SHUFFLER", shuffler), {"GROUPS": "8"}, {"GROUPS": "24"},
                                 (2, 3, 8, 8), 24, "CL102", "shuffle.py")


@pytest.mark.parametrize("loop", STAGE_LOOPS.values(), ids=list(STAGE_LOOPS))
def test_a_stage_width_the_next_block_is_fed_is_blamed_at_its_entry(loop):
    assert_bug_found_at_its_line(STAGES.replace("LOOP", loop), {"WIDTH": "232"}, {"WIDTH": "233"},
                                 (2, 3, 64, 64), 20, "CL103", "stages.py")


KWARGS_LAYER = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=8):
        super().__init__()
        kw = dict(in_channels=3, out_channels=c, kernel_size=3)
        self.conv = nn.Conv2d(**kw)
        self.bn = nn.BatchNorm2d(WIDTH)

    def forward(self, x):
        return self.bn(self.conv(x))
"""


def test_a_torch_layer_given_its_arguments_in_a_dict_is_followed():
    assert_bug_found_at_its_line(KWARGS_LAYER, {"WIDTH": "c"}, {"WIDTH": "c + 1"}, (2, 3, 8, 8),
                                 10, "CL104", "kwargs_layer.py")
