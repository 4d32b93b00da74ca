"""A wrong value a block's caller writes is reported at that call, not inside the block whose
line other calls build right: a window too large for its map passed as a helper's kernel
(`nin_block(384, 10, 7, 1, 0)`), a residual block told another out width than its input's
(`ResBlock(c, c * 2)`, broken at `+ x`), and two arguments crossed at an outer call a block
passes on under their own names (`RRDB(gc, nf)` building `DenseBlock(nf, gc)`). Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

NIN = '''
import torch
from torch import nn


def nin_block(in_channel, out_channel, k, s, p):
    return nn.Sequential(
        nn.Conv2d(in_channel, out_channel, k, s, p), nn.ReLU(),
        nn.Conv2d(out_channel, out_channel, 1), nn.ReLU())


class NiN(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(
            nin_block(3, 96, 11, 4, 0),
            nn.MaxPool2d(3, 2),
            nin_block(96, 256, 5, 1, 2),
            nn.MaxPool2d(3, 2),
            nin_block(256, 384, 3, 1, 1),
            nn.MaxPool2d(3, 2),
            nin_block(384, 10, {window}),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, img):
        return self.model(img)


NiN()(torch.rand(1, 3, 224, 224))
'''

RESIDUAL = '''
import torch
import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, in_channels, num_filters):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(in_channels, num_filters, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(num_filters, num_filters, 3, padding=1))

    def forward(self, x):
        return self.block(x) + x


class Net(nn.Module):
    def __init__(self, num_inputs=3, num_filters=64, num_res_blocks=4):
        super().__init__()
        self.head = nn.Conv2d(num_inputs, num_filters, 9, padding=4)
        blocks = []
        for _ in range(num_res_blocks):
            blocks += [ResBlock(num_filters, {width})]
        self.body = nn.Sequential(*blocks)

    def forward(self, x):
        return self.body(self.head(x))
'''

NESTED = '''
import torch
import torch.nn as nn


class DenseBlock(nn.Module):
    def __init__(self, nf, gc=32):
        super().__init__()
        self.layer1 = nn.Conv2d(nf, gc, 3, padding=1)
        self.layer2 = nn.Conv2d(nf + gc, nf, 3, padding=1)

    def forward(self, x):
        y = self.layer1(x)
        return self.layer2(torch.cat((x, y), 1)) * 0.2 + x


class RRDB(nn.Module):
    def __init__(self, nf, gc=32):
        super().__init__()
        self.b1 = DenseBlock(nf, gc)

    def forward(self, x):
        return self.b1(x)


class Net(nn.Module):
    def __init__(self, in_channels=3, nf=64, gc=32):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, nf, 3, padding=1)
        self.body = nn.Sequential(*[RRDB({arguments}) for _ in range(2)])

    def forward(self, x):
        return self.body(self.conv1(x))
'''


def _errors(source: str) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.code) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def _at(source: str, text: str) -> tuple[int, int]:
    """(line, column) of `text` in the source, both counted from 1 as a Span's are."""
    line = next(n for n, row in enumerate(source.splitlines(), 1) if text in row)
    return line, source.splitlines()[line - 1].index(text) + 1


def test_a_kernel_passed_too_large_for_its_map_is_reported_at_the_call():
    source = NIN.format(window="7, 1, 0")
    line, column = _at(source, "7, 1, 0")
    assert _errors(source) == [(line, column, "CL105")]


def test_a_kernel_passed_that_fits_stays_clean():
    assert _errors(NIN.format(window="3, 1, 1")) == []


def test_an_out_width_passed_to_a_residual_block_is_reported_at_the_call():
    source = RESIDUAL.format(width="num_filters * 2")
    line, column = _at(source, "num_filters * 2")
    (found,) = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.span.line, found.span.column, found.code) == (line, column, "CL107")
    assert "passing 64 makes it run" in found.message


def test_a_residual_block_given_its_input_width_stays_clean():
    assert _errors(RESIDUAL.format(width="num_filters")) == []


def test_arguments_crossed_at_an_outer_call_are_reported_there_once():
    source = NESTED.format(arguments="gc, nf")
    line, column = _at(source, "RRDB(gc, nf)")
    assert _errors(source) == [(line, column, "CL103")]


def test_arguments_in_order_at_the_outer_call_stay_clean():
    assert _errors(NESTED.format(arguments="nf, gc")) == []


UP_BLOCK = '''
import torch.nn as nn
import torch.nn.functional as F


class Up(nn.Module):
    def __init__(self, cin, cout, scale):
        super().__init__()
        self.scale = scale
        self.conv = nn.Conv2d(cin, {conv_out}, 3, 1, 1)

    def forward(self, x):
        return self.conv(F.interpolate(x, mode="nearest", scale_factor=self.scale))
'''

UPSAMPLED_SKIP = UP_BLOCK + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 32, 3, 1, 1)
        self.c2 = nn.Conv2d(32, 64, 3, 2, 1)
        self.up = Up(64, {width}, 2)
        self.out = nn.Conv2d(32, 3, 3, 1, 1)

    def forward(self, x):
        skip = self.c1(x)
        return self.out(self.up(self.c2(skip)) + skip)
'''


def test_a_width_passed_that_no_name_of_the_block_could_replace_is_reported_at_the_call():
    """`Up(64, 16, 2)` building `nn.Conv2d(cin, cout, 3)`: 32 is wanted, and neither cin nor scale
    holds it: the conv's line reads the right parameter, the call passes the wrong value."""
    source = UPSAMPLED_SKIP.format(conv_out="cout", width="16")
    (found,) = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.span.line, found.code) == (_at(source, "Up(64, 16, 2)")[0], "CL107")
    assert "passing 32 makes it run" in found.message


def test_a_block_reading_the_wrong_parameter_is_reported_at_its_line():
    source = UPSAMPLED_SKIP.format(conv_out="cin", width="32")  # cout holds the 32 wanted
    (found,) = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.span.line, found.code) == (_at(source, "nn.Conv2d(cin, cin, 3, 1, 1)")[0], "CL107")


TWO_UPSAMPLED_SKIPS = UP_BLOCK.replace("{conv_out}", "cout") + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 32, 3, 1, 1)
        self.c2 = nn.Conv2d(32, 64, 3, 2, 1)
        self.c3 = nn.Conv2d(64, 128, 3, 2, 1)
        self.up1 = Up(128, 64, 2)
        self.up2 = Up(64, {width}, 2)
        self.out = nn.Conv2d(32, 3, 3, 1, 1)

    def forward(self, x):
        i1 = self.c1(x)
        i2 = self.c2(i1)
        x = self.up1(self.c3(i2)) + i2
        return self.out(self.up2(x) + i1)
'''


def test_a_width_passed_to_one_of_two_instances_of_a_line_is_reported_at_its_call():
    """Up's conv line builds 64 and 16 channels: given 32 for both, up1's add breaks; the count
    `Up(64, 16, 2)` passes, given 32, runs."""
    source = TWO_UPSAMPLED_SKIPS.format(width="16")
    (found,) = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.span.line, found.code) == (_at(source, "Up(64, 16, 2)")[0], "CL107")
    assert _errors(TWO_UPSAMPLED_SKIPS.format(width="32")) == []


def test_the_upsampled_skip_as_written_stays_clean():
    assert _errors(UPSAMPLED_SKIP.format(conv_out="cout", width="32")) == []


def _run(source: str, cls: str, *shape: int):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source.replace("\nNiN()(torch.rand(1, 3, 224, 224))\n", "\n"), "net.py", "exec"), namespace)
    return namespace[cls]()(torch.rand(*shape))


@pytest.mark.parametrize("source, wrong, right, cls, shape", [
    (NIN, {"window": "7, 1, 0"}, {"window": "3, 1, 1"}, "NiN", (1, 3, 224, 224)),
    (RESIDUAL, {"width": "num_filters * 2"}, {"width": "num_filters"}, "Net", (2, 3, 16, 16)),
    (NESTED, {"arguments": "gc, nf"}, {"arguments": "nf, gc"}, "Net", (2, 3, 16, 16)),
    (UPSAMPLED_SKIP, {"conv_out": "cout", "width": "16"}, {"conv_out": "cout", "width": "32"}, "Net", (2, 3, 16, 16)),
    (UPSAMPLED_SKIP, {"conv_out": "cin", "width": "32"}, {"conv_out": "cout", "width": "32"}, "Net", (2, 3, 16, 16)),
    (TWO_UPSAMPLED_SKIPS, {"width": "16"}, {"width": "32"}, "Net", (2, 3, 16, 16)),
])
def test_torch_refuses_the_wrong_call_and_runs_the_right_one(source, wrong, right, cls, shape):
    with pytest.raises(RuntimeError):
        _run(source.format(**wrong), cls, *shape)
    _run(source.format(**right), cls, *shape)


EQUALIZED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class EqualizedLinear(nn.Module):
    def __init__(self, input_size, output_size, gain=2 ** 0.5):
        super().__init__()
        self.w_mul = gain * input_size ** (-0.5)
        self.weight = nn.Parameter(torch.randn(output_size, input_size))
        self.bias = nn.Parameter(torch.zeros(output_size))

    def forward(self, x):
        return F.linear(x, self.weight * self.w_mul, self.bias)


class Mapping(nn.Module):
    def __init__(self, latent=512, fmaps=512):
        super().__init__()
        self.fc1 = EqualizedLinear(latent, fmaps)
        self.fc2 = EqualizedLinear({width}, fmaps)

    def forward(self, x):
        return self.fc2(self.fc1(x))
'''


def test_a_module_applying_its_own_weight_is_reported_where_the_wrong_instance_is_built():
    source = EQUALIZED.format(width="fmaps * 2")
    line, column = _at(source, "EqualizedLinear(fmaps * 2, fmaps)")
    assert _errors(source) == [(line, column, "CL101")]


def test_a_module_applying_its_own_weight_built_right_stays_clean():
    assert _errors(EQUALIZED.format(width="fmaps")) == []


def test_torch_refuses_the_wrongly_built_instance_and_runs_the_right_one():
    with pytest.raises(RuntimeError):
        _run(EQUALIZED.format(width="fmaps * 2"), "Mapping", 2, 512)
    _run(EQUALIZED.format(width="fmaps"), "Mapping", 2, 512)


PADDED_BLOCKS = '''
import torch
import torch.nn as nn


def build_conv_block(dim):
    return nn.Sequential(LEAD
                         nn.Conv2d(dim, dim, 3, 1, PAD),
                         nn.InstanceNorm2d(dim),
                         nn.ReLU(True),
                         nn.ReflectionPad2d(1),
                         nn.Conv2d(dim, dim, 3, 1, 0),
                         nn.InstanceNorm2d(dim))


class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv = build_conv_block(dim)

    def forward(self, x):
        return self.conv(x) + x


class Generator(nn.Module):
    def __init__(self, input_nc=3, output_nc=3, ngf=8):
        super().__init__()
        self.stem = nn.Sequential(nn.ReflectionPad2d(3), nn.Conv2d(input_nc, ngf, 7),
                                  nn.InstanceNorm2d(ngf), nn.ReLU(True),
                                  nn.Conv2d(ngf, ngf * 4, 3, 2, 1), nn.ReLU(True))
        self.blocks = nn.Sequential(ResidualBlock(WIDTH),
                                    ResidualBlock(ngf * 4),
                                    ResidualBlock(ngf * 4))
        self.head = nn.ConvTranspose2d(ngf * 4, output_nc, 3, 2, 1, 1)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))
'''


@pytest.mark.parametrize("lead", ["nn.ReflectionPad2d((1, 1, 1, 1)),", "nn.ReLU(), nn.ReflectionPad2d(1), nn.Dropout(0.1),"])
def test_a_width_passed_to_a_block_starting_with_a_pad_is_reported_at_the_call(lead):
    """CycleGAN's ResnetBlock: a pad (or an activation, a dropout) takes any channels, so the
    block's first conv chooses what its callers pass, as where the conv comes first."""
    source = PADDED_BLOCKS.replace("LEAD", lead).replace("PAD)", "0)").replace("WIDTH", "ngf * 2")
    result = lint_text(source, "model.py", Settings())
    errors = [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    call = _line(source, "ResidualBlock(ngf * 2)")
    assert ("CL103", call) in errors
    assert not [e for e in errors if e[0] == "CL103" and e[1] != call]
    assert _fails(source, "Generator")


def test_the_padded_blocks_given_the_width_that_arrives_stay_clean():
    source = PADDED_BLOCKS.replace("LEAD", "nn.ReflectionPad2d(1),").replace("PAD)", "0)").replace("WIDTH", "ngf * 4")
    result = lint_text(source, "model.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert not _fails(source, "Generator")


def _line(source: str, text: str) -> int:
    return _at(source, text)[0]


def _fails(source: str, model: str) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    try:
        namespace[model]()(torch.zeros(2, 3, 32, 32))
    except RuntimeError:
        return True
    return False
