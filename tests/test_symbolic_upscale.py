"""An upscale factor nothing gives: PixelShuffle(scale) and `int(math.log(scale, 2))` upsamplers,
scale a constructor argument (or `args.scale`). The model is built again with the factor tried, as
a loop's count is, and what fails for every value tried is reported at its line."""

from argparse import Namespace

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

SHUFFLE_ARGS = '''
import torch.nn as nn


class SRNet(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.num_feat = args.num_feat
        self.scale = args.scale
        self.head = nn.Conv2d(args.num_channel, self.num_feat, 3, padding=1)
        self.conv_up = nn.Conv2d(self.num_feat, self.num_feat * self.scale * self.scale, 3, padding=1)
        self.upsample = nn.PixelShuffle(self.scale)
        self.tail = nn.Conv2d(TAIL_IN, args.num_channel, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        x = self.upsample(self.conv_up(x))
        return self.tail(x)
'''

SHUFFLE_PLAIN = '''
import torch.nn as nn
import torch.nn.functional as F


class SRNet(nn.Module):
    def __init__(self, num_channel, num_feat, scale):
        super().__init__()
        self.scale = scale
        self.head = nn.Conv2d(num_channel, num_feat, 3, padding=1)
        self.conv_up = nn.Conv2d(num_feat, UP_OUT, 3, padding=1)
        self.tail = nn.Conv2d(num_feat, num_channel, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        x = SHUFFLE(self.conv_up(x))
        return self.tail(x)
'''

UNSHUFFLE = '''
import torch.nn as nn


class Down(nn.Module):
    def __init__(self, channels, factor):
        super().__init__()
        self.head = nn.Conv2d(3, channels, 3, padding=1)
        self.down = nn.PixelUnshuffle(factor)
        self.fuse = nn.Conv2d(FUSE_IN, channels, 1)

    def forward(self, x):
        return self.fuse(self.down(self.head(x)))
'''

OCTAVES = '''
import math
import torch.nn as nn


class UpsampleBlock(nn.Module):
    def __init__(self, in_channels, up_scale):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, in_channels * up_scale ** 2, 3, padding=1)
        self.ps = nn.PixelShuffle(up_scale)

    def forward(self, x):
        return self.ps(self.conv(x))


class Generator(nn.Module):
    def __init__(self, scale_factor):
        super().__init__()
        n = COUNT
        self.block1 = nn.Sequential(nn.Conv2d(3, 64, 9, padding=4), nn.PReLU())
        block8 = [UpsampleBlock(WIDTH, 2) for _ in range(n)]
        block8.append(nn.Conv2d(64, 3, 9, padding=4))
        self.block8 = nn.Sequential(*block8)

    def forward(self, x):
        return self.block8(self.block1(x))
'''


def _errors(source: str) -> list[tuple[int, str]]:
    return sorted((d.span.line, d.code) for d in lint_text(source, "sr.py", Settings()).diagnostics
                  if d.severity == "error")


@pytest.mark.parametrize("scale", [2, 3, 4])
@pytest.mark.parametrize("wrong", ["self.num_feat * self.scale", "self.num_feat * 2"])
def test_a_width_after_a_shuffle_by_an_argument_not_given_is_checked_for_each_factor(scale, wrong):
    """`conv_up` gives num_feat*scale*scale, PixelShuffle(args.scale) num_feat: a tail reading
    num_feat*scale (or num_feat*2) fails for every scale >= 2, found at its line with `args` unknown."""
    result = assert_bug_found_at_its_line(
        SHUFFLE_ARGS, {"TAIL_IN": "self.num_feat"}, {"TAIL_IN": wrong}, (1, 3, 8, 8), 13, "CL103", "sr.py",
        build=lambda namespace: namespace["SRNet"](Namespace(num_channel=3, num_feat=8, scale=scale)))
    (model,) = result.models
    assert any("PixelShuffle: its factor args.scale is not known" in u.why for u in model.unresolved)
    assert sorted(values["args.scale"] for values, _ in model.count_trials) == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("shuffle", ["nn.PixelShuffle(self.scale)(", "F.pixel_shuffle(", "F.pixel_shuffle(upscale_factor=self.scale, input="])
def test_a_conv_giving_scale_not_scale_squared_times_the_width_is_found(shuffle):
    """The upsampling conv edited to num_feat*scale: the shuffle gives num_feat/scale channels, the
    tail expects num_feat, for every scale tried: blamed at the conv where a module shuffles (the
    functional form, at the tail torch stops at)."""
    source = SHUFFLE_PLAIN.replace("SHUFFLE(", shuffle)
    if shuffle == "F.pixel_shuffle(":
        source = source.replace("self.conv_up(x))", "self.conv_up(x), self.scale)")
    build = lambda namespace: namespace["SRNet"](3, 8, 2)  # noqa: E731
    assert_bug_found_at_its_line(source, {"UP_OUT": "num_feat * scale * scale"}, {"UP_OUT": "num_feat * scale"},
                                 (1, 3, 8, 8), 11 if shuffle.startswith("nn.") else 12, "CL103", "sr.py",
                                 build=build)
    assert _errors(source.replace("UP_OUT", "num_feat * scale ** 2")) == []


def test_an_unshuffle_by_an_argument_not_given_multiplies_the_width_by_its_square():
    """PixelUnshuffle(factor): channels*factor**2 reach the conv after it; one reading
    channels*factor fails for every factor >= 2."""
    assert_bug_found_at_its_line(UNSHUFFLE, {"FUSE_IN": "channels * factor * factor"},
                                 {"FUSE_IN": "channels * factor"}, (1, 3, 8, 8), 10, "CL103", "down.py",
                                 build=lambda namespace: namespace["Down"](4, 2))


@pytest.mark.parametrize("count", ["int(math.log(scale_factor, 2))", "int(math.log2(scale_factor))",
                                   "math.floor(math.log2(scale_factor))"])
def test_an_upsampler_per_octave_is_built_for_each_count(count):
    """`[UpsampleBlock(32, 2) for _ in range(int(math.log(scale_factor, 2)))]` after a 64-channel
    block: the count of upsamplers is tried (scale_factor = 2, 4, ..., 64), each fails."""
    source = OCTAVES.replace("COUNT", count)
    result = assert_bug_found_at_its_line(source, {"WIDTH": "64"}, {"WIDTH": "32"}, (1, 3, 8, 8), 21, "CL103",
                                          "gen.py", build=lambda namespace: namespace["Generator"](4))
    (generator,) = [m for m in result.models if m.name == "Generator"]
    assert sorted(values["scale_factor"] for values, _ in generator.count_trials) == [2, 4, 8, 16, 32, 64]


@pytest.mark.parametrize("scale_factor", [2, 4, 8])
def test_the_logarithm_of_a_known_int_counts_exactly(scale_factor):
    """Generator(4) as the file builds it: math.log(4, 2) is 2.0, two upsamplers; shapes equal torch's."""
    source = OCTAVES.replace("COUNT", "int(math.log(scale_factor, 2))").replace("WIDTH", "64")
    source += f"\n\nmodel = Generator({scale_factor})\n"
    settings = Settings(input_shapes={"Generator": (1, 3, 6, 6)}, model="Generator")
    assert_shapes_equal_torch(source, (1, 3, 6, 6), "gen.py", settings=settings, name="Generator",
                              build=lambda namespace: namespace["model"])
    shapes = module_shapes(built(source, "gen.py", lambda namespace: namespace["model"]), (1, 3, 6, 6))
    assert shapes["block8"] == (1, 3, 6 * scale_factor, 6 * scale_factor)


UPSAMPLER_BY_CASES = '''
import math
import torch.nn as nn


class _UpsampleBlock(nn.Module):
    def __init__(self, n_channels, scale):
        super().__init__()
        modules = []
        if scale == 2 or scale == 4 or scale == 8:
            for _ in range(int(math.log(scale, 2))):
                modules += [nn.Conv2d(n_channels, 4 * n_channels, 3, 1, 1), nn.ReLU(inplace=True)]
                modules += [nn.PixelShuffle(2)]
        elif scale == 3:
            modules += [nn.Conv2d(n_channels, 9 * n_channels, 3, 1, 1), nn.ReLU(inplace=True)]
            modules += [nn.PixelShuffle(3)]
        self.body = nn.Sequential(*modules)

    def forward(self, x):
        return self.body(x)


class Net(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.scale = args.scale[0]
        chs = 64
        self.head = nn.Conv2d(3, chs, 3, 1, 1)
        self.upsample = _UpsampleBlock(WIDTH, self.scale)
        self.tail = nn.Conv2d(chs, 3, 3, 1, 1)

    def forward(self, x):
        return self.tail(self.upsample(self.head(x)))
'''


def _at(dim, sizes: dict) -> int:
    """A symbolic dim of an input side at the sizes given (`2*H` at H=8: 16)."""
    return dim if isinstance(dim, int) else (dim.scale * sizes[dim.base] + dim.offset) // dim.divisor


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_an_upsampler_built_in_a_branch_on_an_item_of_the_options_is_tried_with_each_value_it_names(scale):
    """`self.scale = args.scale[0]` handed to a block that builds its upsampler under `if scale == 2
    or scale == 4 or scale == 8:` / `elif scale == 3:`: each scale the block names is a configuration
    tried, so a block fed twice the width the head gives is found at the call (whatever scale the
    options give); in the right one each tried build's shapes are torch's."""
    build = lambda namespace: namespace["Net"](Namespace(scale=[scale]))  # noqa: E731
    clean = assert_bug_found_at_its_line(UPSAMPLER_BY_CASES, {"WIDTH": "chs"}, {"WIDTH": "chs * 2"}, (1, 3, 8, 8),
                                         29, "CL103", "sr.py", build=build)
    (net,) = [m for m in clean.models if m.name == "Net"]
    trials = {values["args.scale[0]"]: trial for values, trial, *_ in net.value_trials}
    assert sorted(trials) == [2, 3, 4, 8]
    torch_shapes = module_shapes(built(filled(UPSAMPLER_BY_CASES, {"WIDTH": "chs"}), "sr.py", build), (1, 3, 8, 8))
    predicted = {c.node.path: tuple(_at(d, {"N": 1, "H": 8, "W": 8}) for d in c.output.shape.dims)
                 for c in trials[scale].calls if c.output.shape.dims is not None}
    assert predicted == torch_shapes


SUBPIXEL_TAIL = '''
import torch
from torch import nn


class SubPixel(nn.Module):
    def __init__(self, scale, channels=1):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(channels, 32, 5, padding=2), nn.Tanh())
        self.tail = nn.Sequential(
            nn.Conv2d(32, channels * (scale ** 2), 3, padding=1),
            nn.PixelShuffle(SHUFFLE),
        )

    def forward(self, x):
        return self.tail(self.body(x))
'''


def test_a_shuffle_factor_unlike_the_convs_is_reported_at_the_shuffle_each_factor_said_once():
    """At scale 1 the conv's `C * scale**2` channels say nothing of the factor: the shuffle, whose
    factor differs from the one the conv is written for at every other scale, is the line."""
    wrong = filled(SUBPIXEL_TAIL, {"SHUFFLE": "scale * 2"})
    errors = [d for d in lint_text(wrong, "espcn.py", Settings()).diagnostics if d.severity == "error"]
    shuffle = next(i for i, line in enumerate(wrong.splitlines(), 1) if "nn.PixelShuffle(scale * 2)" in line)
    assert [(d.code, d.span.line) for d in errors] == [("CL110", shuffle)]
    assert "for scale = 1, 2, 3 and 4 (nothing gives it a value: each tried)" in errors[0].message
    assert not [d for d in lint_text(filled(SUBPIXEL_TAIL, {"SHUFFLE": "scale"}), "espcn.py", Settings()).diagnostics
                if d.severity == "error"]
    torch = pytest.importorskip("torch")
    for shuffle, fails in (("scale * 2", True), ("scale", False)):
        model = built(filled(SUBPIXEL_TAIL, {"SHUFFLE": shuffle}), "espcn.py", lambda namespace: namespace["SubPixel"](3))
        if fails:
            with pytest.raises(RuntimeError, match="divisible"):
                model(torch.zeros(2, 1, 8, 8))
        else:
            assert model(torch.zeros(2, 1, 8, 8)).shape == (2, 1, 24, 24)
