"""Findings point at the line the user would change: a block given a wrong count by its caller
is reported at the call, a block whose own code is wrong inside the block."""

import sys

import pytest

from convlint.pipeline import Settings, lint_text

SQUEEZE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Fire(nn.Module):
    def __init__(self, inplanes, squeeze, e1, e3):
        super().__init__()
        self.squeeze = nn.Conv2d(inplanes, squeeze, 1)
        self.e1 = nn.Conv2d(squeeze, e1, 1)
        self.e3 = nn.Conv2d(squeeze, e3, 3, padding=1)

    def forward(self, x):
        x = F.relu(self.squeeze(x))
        return torch.cat([F.relu(self.e1(x)), F.relu(self.e3(x))], 1)


class Squeeze(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 96, 3, padding=1)
        self.fire2 = Fire(96, 16, 64, 64)
        self.fire3 = Fire(96, 16, 64, 64)  # wrong: fire2 gives 128 channels
        self.head = nn.Conv2d(128, 10, 1)

    def forward(self, x):
        x = self.fire3(self.fire2(self.stem(x)))
        return F.adaptive_avg_pool2d(self.head(x), 1).flatten(1)


def conv3x3(i, o):
    return nn.Conv2d(i, o, 3, padding=1)


class Conv3(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.c = conv3x3(cin, cout)

    def forward(self, x):
        return self.c(x)


class Chain(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Conv3(3, 16)
        self.b = Conv3(16, 32)
        self.c = Conv3(16, 64)  # wrong: b gives 32 channels

    def forward(self, x):
        return self.c(self.b(self.a(x)))


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.conv2 = nn.Conv2d(cin, cout, 3, padding=1)  # wrong in every block: cout in

    def forward(self, x):
        return self.conv2(self.conv1(x))


class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = Block(3, 16)
        self.b2 = Block(16, 32)

    def forward(self, x):
        return self.b2(self.b1(x))


class ListWidths(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        widths = [32, 40]  # the second should be 48
        self.a = Conv3(widths[0], 48)
        self.b = Conv3(widths[1], 16)

    def forward(self, x):
        return self.b(self.a(self.stem(x)))


class NamedWidth(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        wide = 40  # should be 48
        self.a = Conv3(32, 48)
        self.b = Conv3(wide, 16)

    def forward(self, x):
        return self.b(self.a(self.stem(x)))


class BasicConv(nn.Module):
    def __init__(self, cin, cout, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **kwargs)

    def forward(self, x):
        return F.relu(self.conv(x))


class Mixed(nn.Module):
    def __init__(self, cin, width):
        super().__init__()
        self.a = BasicConv(cin, width, kernel_size=1)
        self.b = BasicConv(cin, width, kernel_size=3, padding=1)

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x)], 1)


class Inceptionish(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = BasicConv(3, 32, kernel_size=3, padding=1)
        self.m1 = Mixed(32, 24)
        self.m2 = Mixed(40, 16)  # m1 gives 48

    def forward(self, x):
        return self.m2(self.m1(self.stem(x)))


class SharedWidth(nn.Module):
    def __init__(self):
        super().__init__()
        widths = [32, 64]
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.a = Conv3(widths[0], 48)
        self.b = Conv3(widths[0], 16)  # the item is right for a: this call is wrong

    def forward(self, x):
        return self.b(self.a(self.stem(x)))


class ResBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = conv3x3(cin, cout)
        self.conv2 = conv3x3(cin, cout)  # reads cin, should read cout

    def forward(self, x):
        return self.conv2(self.conv1(x))


class Widening(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.l1 = ResBlock(16, 16)
        self.l2 = ResBlock(16, 32)

    def forward(self, x):
        return self.l2(self.l1(self.stem(x)))


class DoubleConv(nn.Module):
    def __init__(self, in_size, out_size, batchnorm):
        super().__init__()
        if batchnorm:  # the down path's convs: not the same lines as the up path's
            self.conv1 = nn.Sequential(nn.Conv2d(in_size, out_size, 3, padding=1, bias=False), nn.BatchNorm2d(out_size))
            self.conv2 = nn.Sequential(nn.Conv2d(out_size, out_size, 3, padding=1, bias=False), nn.BatchNorm2d(out_size))
        else:
            self.conv1 = nn.Sequential(nn.Conv2d(in_size, out_size, 3, padding=1), nn.ReLU())
            self.conv2 = nn.Sequential(nn.Conv2d(out_size, out_size, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.conv2(self.conv1(x))


class Up(nn.Module):
    def __init__(self, in_size, out_size):
        super().__init__()
        self.up = nn.ConvTranspose2d(in_size, out_size, 2, stride=2)
        self.conv = DoubleConv(out_size, out_size, False)  # the skip concat gives in_size: passes the wrong one

    def forward(self, skip, x):
        return self.conv(torch.cat([skip, self.up(x)], 1))


class Fuse(nn.Module):
    def __init__(self, width, stages):
        super().__init__()
        self.conv = nn.Conv2d(width * stages, width, 1)

    def forward(self, maps):
        return self.conv(torch.cat(maps, 1))


class FuseByUnit(nn.Module):
    def __init__(self, width, stages):
        super().__init__()
        self.unit = Conv3(width * stages, width)  # the count reaches the conv through another block

    def forward(self, maps):
        return self.unit(torch.cat(maps, 1))


class DenseUnits(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.f2 = FuseByUnit(8, 2)
        self.f3 = FuseByUnit(8, 4)  # three maps arrive
        self.f4 = FuseByUnit(8, 4)

    def forward(self, x):
        a = self.stem(x)
        b = self.f2([a, a])
        c = self.f3([a, b, b])
        return self.f4([a, b, c, c])


class DenseStages(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.f2 = Fuse(8, 2)
        self.f3 = Fuse(8, 2)  # three maps arrive: the count of stages passed is wrong
        self.f4 = Fuse(8, 4)

    def forward(self, x):
        a = self.stem(x)
        b = self.f2([a, a])
        c = self.f3([a, b, b])
        return self.f4([a, b, c, c])


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down1 = DoubleConv(3, 16, True)
        self.down2 = DoubleConv(16, 32, True)
        self.up = Up(32, 16)

    def forward(self, x):
        skip = self.down1(x)
        return self.up(skip, self.down2(F.max_pool2d(skip, 2)))
'''


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(SQUEEZE.splitlines(), start=1) if text in line)


@pytest.mark.parametrize(("model", "line", "layer"), [
    ("Squeeze", "self.fire3 = Fire(96, 16, 64, 64)", "fire3.squeeze"),
    ("Chain", "self.c = Conv3(16, 64)", "c.c"),
    ("Stack", "self.conv2 = nn.Conv2d(cin, cout, 3, padding=1)", "b1.conv2"),
    ("ListWidths", "widths = [32, 40]", "b.c"),
    ("NamedWidth", "wide = 40", "b.c"),
    ("SharedWidth", "self.b = Conv3(widths[0], 16)", "b.c"),
    ("Inceptionish", "self.m2 = Mixed(40, 16)", "m2.a.conv"),
    # the helper's line is right for conv1 of a widening block: the call reading cin is wrong
    ("Widening", "self.conv2 = conv3x3(cin, cout)", "l2.conv2"),
    # no parameter of DoubleConv holds the 32 channels that arrive, Up's in_size does: Up passes the wrong one
    ("TinyUNet", "self.conv = DoubleConv(out_size, out_size, False)", "up.conv.conv1.0"),
    # width * stages: the width is the same in every Fuse, the stages vary: the call's count of stages
    ("DenseStages", "self.f3 = Fuse(8, 2)", "f3.conv"),
    ("DenseUnits", "self.f3 = FuseByUnit(8, 4)", "f3.unit.c"),
])
def test_the_wrong_count_is_reported_where_it_is_written(model, line, layer):
    result = lint_text(SQUEEZE, "nets.py", Settings(input_shapes={model: (2, 3, 32, 32)}))
    (found,) = [d for d in result.diagnostics if d.model == model]
    assert (found.code, found.span.line, found.layer) == ("CL103", line_of(line), layer)
    assert found.message.startswith(f"{layer} = Conv2d(")


@pytest.mark.parametrize("model", ["Squeeze", "Chain", "Stack", "ListWidths", "NamedWidth", "SharedWidth", "Inceptionish",
                                   "Widening", "TinyUNet", "DenseStages", "DenseUnits"])
def test_torch_fails_on_each(model):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SQUEEZE, "nets.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="channels"):
        namespace[model]()(torch.zeros(2, 3, 32, 32))


def test_a_call_in_the_linted_file_that_built_a_layer_of_another_file_is_named_by_its_path(tmp_path):
    from convlint.pipeline import lint_file

    (tmp_path / "unet.py").write_text(
        "import torch.nn as nn\n\n\nclass UNet(nn.Module):\n    def __init__(self, n_channels, n_classes):\n"
        "        super().__init__()\n        self.inc = nn.Conv2d(n_channels, 16, 3, padding=1)\n"
        "        self.outc = nn.Conv2d(32, n_classes, 1)\n\n    def forward(self, x):\n"
        "        return self.outc(self.inc(x))\n")
    hub = tmp_path / "hubconf.py"
    hub.write_text("from unet import UNet\n\n\ndef unet_carvana(pretrained=False):\n"
                   "    net = UNet(n_channels=3, n_classes=2)\n    return net\n")
    (found,) = lint_file(hub, str(hub), Settings()).diagnostics
    assert found.code == "CL103" and found.path.endswith("unet.py") and found.span.line == 8
    assert [(s.file, s.line) for s in found.via] == [(str(hub), 5)]


def test_a_count_passed_into_a_helper_of_another_file_is_reported_at_the_call():
    from pathlib import Path

    from convlint.pipeline import lint_file

    folder = Path(__file__).parent / "corpus" / "helper_in_another_file"
    found = sorted((Path(d.path).name, d.span.line, d.code, d.model)
                   for d in lint_file(folder / "net.py", str(folder / "net.py"), Settings()).diagnostics
                   if d.severity == "error")
    assert found == [("blocks.py", 12, "CL104", "Local"),  # the helper's own code reads cin: there
                     ("net.py", 25, "CL103", "Fusion"), ("net.py", 38, "CL103", "Series")]
    torch = pytest.importorskip("torch")
    import sys

    sys.path.insert(0, str(folder))
    try:
        namespace: dict = {"__name__": "net"}
        exec(compile((folder / "net.py").read_text(), "net.py", "exec"), namespace)
    finally:
        sys.path.remove(str(folder))
    with pytest.raises(RuntimeError, match="to have 48 channels, but got 64"):
        namespace["Fusion"]()(torch.zeros(2, 3, 16, 16))
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 32"):
        namespace["Series"]()(torch.zeros(2, 1, 50))
    with pytest.raises(RuntimeError, match="running_mean should contain 16 elements not 3"):
        namespace["Local"]().eval()(torch.zeros(2, 3, 16, 16))


def _error_lines(source: str, name: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, name, Settings()).diagnostics if d.severity == "error"]


def _definitions(source: str) -> str:
    """The source without the module-level run at its end (`out = Net()(torch.zeros(...))`)."""
    return source.split("\nout = ")[0]


def _ran(source: str, name: str) -> dict:
    """The source's namespace, as Python runs it."""
    namespace: dict = {}
    exec(compile(source, name, "exec"), namespace)
    return namespace


BUILT_ONCE = '''
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, features, width, num_classes):
        super().__init__()
        self.features = features
        self.fc = nn.Linear(width, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


class Pair(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.norm = nn.BatchNorm2d(cin)

    def forward(self, x):
        return self.norm(self.conv(x))


def small_net(c=32):
    features = nn.Sequential(nn.Conv2d(3, 8 * c, 3, padding=1), nn.AdaptiveAvgPool2d(1))
    return Head(features, width=4 * c, num_classes=10)


def pair_net():
    return nn.Sequential(nn.Conv2d(3, 16, 1), Pair(16, 32))
'''


def test_a_count_a_block_built_once_passes_on_as_it_came_is_reported_where_the_caller_writes_it():
    """Head(features, width=4 * c): the Linear's line holds no number, the caller's does. But
    Pair(16, 32) building BatchNorm2d(cin) after a conv to cout: the block reads the wrong one of
    the caller's arguments, and its line is what to change."""
    found = sorted((d.model, d.span.line, d.code) for d in lint_text(BUILT_ONCE, "heads.py", Settings()).diagnostics
                   if d.severity == "error")
    assert found == [("Pair", 19, "CL104"), ("small_net", 27, "CL101")]
    torch = pytest.importorskip("torch")
    namespace = _ran(BUILT_ONCE, "heads.py")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["small_net"]()(torch.zeros(2, 3, 8, 8))
    with pytest.raises(RuntimeError, match="running_mean should contain 32 elements not 16"):
        namespace["pair_net"]().eval()(torch.zeros(2, 3, 8, 8))


FACTORY_WIDTH = '''
import torch
import torch.nn as nn


class Tdnn(nn.Module):
    def __init__(self, channels=256, feat_dim=80):
        super().__init__()
        self.l1 = nn.Conv1d(feat_dim, channels, 3, padding=1)
        self.l2 = nn.Conv1d(channels, channels, 3, padding=1)
        self.fuse = nn.Conv1d(channels, 1536, kernel_size=1)  # the concatenation gives 2 * channels

    def forward(self, x):
        x = x.permute(0, 2, 1)
        a = self.l1(x)
        b = self.l2(a)
        return self.fuse(torch.cat([a, b], dim=1))


def tdnn_c512(feat_dim):
    return Tdnn(channels=512,
                feat_dim=feat_dim)


out = tdnn_c512(80)(torch.zeros(1, 200, 80))
'''


def test_a_count_another_layer_takes_right_is_wrong_where_the_failing_layer_reads_it():
    """A factory's `channels=512` sizes l2, which gets exactly 512: the value is right, and the
    layer that reads it after a concatenation (wespeaker's ECAPA-TDNN) is what to change."""
    found = _error_lines(FACTORY_WIDTH, "tdnn.py")
    assert found == [(11, "CL103")]
    torch = pytest.importorskip("torch")
    namespace = _ran(_definitions(FACTORY_WIDTH), "tdnn.py")
    with pytest.raises(RuntimeError, match="expected input.* to have 512 channels, but got 1024"):
        namespace["tdnn_c512"](80)(torch.zeros(1, 200, 80))


WRONG_PARAMETER = '''
import torch
import torch.nn as nn


class Transition(nn.Module):
    def __init__(self, in_planes, out_planes):
        super().__init__()
        self.bn = nn.BatchNorm2d(out_planes)  # DenseNet's transition normalises in_planes
        self.conv = nn.Conv2d(in_planes, out_planes, 1, bias=False)

    def forward(self, x):
        return self.conv(torch.relu(self.bn(x)))


class Dense(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, padding=1, bias=False)
        self.trans1 = Transition(64, 32)
        self.trans2 = Transition(32, 16)

    def forward(self, x):
        return self.trans2(self.trans1(self.stem(x)))


out = Dense()(torch.zeros(1, 3, 32, 32))
'''


def test_a_block_reading_the_wrong_one_of_its_parameters_is_wrong_at_its_line():
    """Every call of Transition fails with the count its other argument holds, and the conv that
    argument sizes gets it right: the block's BatchNorm2d(out_planes) is what to change, not the calls."""
    found = _error_lines(WRONG_PARAMETER, "dense.py")
    assert found == [(9, "CL104")]
    torch = pytest.importorskip("torch")
    namespace = _ran(_definitions(WRONG_PARAMETER), "dense.py")
    with pytest.raises(RuntimeError, match="running_mean should contain 64 elements not 32"):
        namespace["Dense"]().eval()(torch.zeros(1, 3, 32, 32))


DENSE_LOOP = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, n_channels, growth):
        super().__init__()
        inter = 4 * growth
        self.conv1 = nn.Conv2d(n_channels, inter, 1)
        self.conv2 = nn.Conv2d(n_channels, growth, 3, padding=1)  # reads n_channels, where inter arrive

    def forward(self, x):
        return torch.cat((x, self.conv2(self.conv1(x))), 1)


class DenseNet(nn.Module):
    def __init__(self, growth, depth):
        super().__init__()
        n = (depth - 4) // 6
        c = 2 * growth
        self.conv1 = nn.Conv2d(3, c, 3, padding=1)
        layers = []
        for _ in range(n):
            layers.append(Bottleneck(c, growth))
            c += growth
        self.dense = nn.Sequential(*layers)

    def forward(self, x):
        return self.dense(self.conv1(x))
'''


def test_an_instance_the_same_call_builds_in_a_loop_that_fits_by_chance_blames_no_call():
    """Bottleneck(c, growth) in a loop: its third block fits (c = 4 * growth there), the others
    do not. The call builds them all: the block's conv2 is what to change, for every depth."""
    (finding,) = [d for d in lint_text(DENSE_LOOP, "densenet.py", Settings()).diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", 11)
    assert "for depth = 10, 16, 22, 28, 34 and 40" in finding.message
    torch = pytest.importorskip("torch")
    namespace = _ran(DENSE_LOOP, "densenet.py")
    for depth in (10, 40):
        with pytest.raises(RuntimeError, match="to have 24 channels, but got 48 channels"):
            namespace["DenseNet"](12, depth)(torch.zeros(1, 3, 8, 8))


# a squeeze-excitation block, shared with the helper-call blame tests
SE_LAYER = '''
import torch
import torch.nn as nn


class SELayer(nn.Module):
    def __init__(self, channel, reduction=2):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(channel, channel // reduction), nn.ReLU(),
                                nn.Linear(channel // reduction, channel), nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        return x * self.fc(x.mean((2, 3))).view(b, c, 1, 1)

'''

SQUEEZE_EXCITE = SE_LAYER + '''
class Unit(nn.Module):
    def __init__(self, inplanes, outplanes):
        super().__init__()
        self.left = inplanes // 2
        self.right_out = outplanes - self.left
        self.conv = nn.Conv2d(inplanes - self.left, self.right_out, 1)
        self.se = SELayer(outplanes)  # applied to the right branch: right_out channels

    def forward(self, x):
        left, right = x[:, :self.left], x[:, self.left:]
        return torch.cat((left, self.se(self.conv(right))), 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 24, 3, padding=1)
        self.units = nn.Sequential(*[Unit(24, 24) for _ in range(3)])

    def forward(self, x):
        return self.units(self.stem(x))


out = Net()(torch.zeros(1, 3, 8, 8))
'''


def test_a_count_every_instance_gets_wrong_from_the_same_call_is_wrong_at_that_call():
    """Each unit's SELayer(outplanes) gets the right branch's width: every instance fails, each
    given its count by the one call in Unit, which is what to change (SELayer reads its only width)."""
    found = _error_lines(SQUEEZE_EXCITE, "units.py")
    assert (23, "CL101") in found
    torch = pytest.importorskip("torch")
    namespace = _ran(_definitions(SQUEEZE_EXCITE), "units.py")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]()(torch.zeros(1, 3, 8, 8))


TABLE_READ_TWICE = '''
import torch
import torch.nn as nn


def conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())


def upconv(cin, cout):
    return nn.Sequential(nn.ConvTranspose2d(cin, cout, 2, stride=2), nn.ReLU())


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        planes = [32, 32, 16]
        self.down = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.up = upconv(16, planes[0])
        self.iconv = conv(planes[0], planes[0])
        self.iconv2 = conv(planes[1] + 3, planes[2])

    def forward(self, x):
        y = torch.cat([self.up(self.down(x)), x], 1)
        return self.iconv2(torch.cat([self.iconv(y), x], 1))
'''


def test_a_count_from_a_table_another_layer_reads_right_is_wrong_at_the_call():
    """`conv(planes[0], planes[0])` where the concatenation brings planes[0] + 3: planes[0] also
    sizes `up`, which runs, so the call that forgets the skip's channels is what to change."""
    (finding,) = [d for d in lint_text(TABLE_READ_TWICE, "decoder.py", Settings()).diagnostics
                  if d.severity == "error"]
    assert (finding.code, finding.span.line, finding.span.column) == ("CL103", 20, 27)  # conv(planes[0], ...)
    torch = pytest.importorskip("torch")
    namespace = _ran(TABLE_READ_TWICE, "decoder.py")
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 35 channels"):
        namespace["Decoder"]()(torch.zeros(1, 3, 8, 8))


THROUGH_AN_ATTRIBUTE = '''
import torch.nn as nn


class NonLocal(nn.Module):
    def __init__(self, in_channels, inter_channels=None):
        super().__init__()
        self.in_channels = in_channels
        self.inter_channels = inter_channels or in_channels // 2
        self.theta = nn.Conv2d(self.in_channels, self.inter_channels, 1)
        self.out = nn.Conv2d(self.inter_channels, self.in_channels, 1)

    def forward(self, x):
        return x + self.out(self.theta(x))


class Net(nn.Module):
    def __init__(self, n_feats=64):
        super().__init__()
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.non_local = NonLocal(n_feats // 2)

    def forward(self, x):
        return self.non_local(self.head(x))
'''


def test_a_count_kept_in_an_attribute_is_traced_to_the_call_that_passed_it():
    """`self.in_channels = in_channels` then `nn.Conv2d(self.in_channels, ...)` (SAN's non-local
    block): the count is the caller's, `NonLocal(n_feats // 2)`, where the block is built once."""
    found = [(d.code, d.span.line) for d in lint_text(THROUGH_AN_ATTRIBUTE, "san.py", Settings()).diagnostics
             if d.severity == "error"]
    assert ("CL103", 21) in found  # NonLocal(n_feats // 2)
    torch = pytest.importorskip("torch")
    namespace = _ran(THROUGH_AN_ATTRIBUTE, "san.py")
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 64 channels"):
        namespace["Net"]()(torch.zeros(1, 3, 8, 8))



BLOCKS = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2)
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x, skip):
        return self.conv(torch.cat([self.up(x), skip], 1))
'''

COMPUTED_IN_A_LOOP = '''
import torch
import torch.nn as nn
from loop_blocks import Up


class Decoder(nn.Module):
    def __init__(self, maps=(32, 16, 8)):
        super().__init__()
        self.ups = nn.ModuleList()
        for i in range(1, len(maps)):
            cin = maps[i - 1]
            self.ups.append(Up(cin, maps[i]))

    def forward(self, x):
        s1, s2 = torch.zeros(x.size(0), 16, 8, 8), torch.zeros(x.size(0), 8, 16, 16)
        return self.ups[1](self.ups[0](x, s1), s2)
'''


def test_a_count_computed_in_a_loop_for_every_instance_is_wrong_where_it_is_computed(tmp_path, monkeypatch):
    """`cin = maps[i - 1]` forgets the skip's channels for every Up of another file the loop
    builds: the line that computes it is what to change, as no fitting Up reads it right (every
    instance reads the same line, which is no other layer reading it)."""
    from convlint.pipeline import lint_file

    (tmp_path / "loop_blocks.py").write_text(BLOCKS)
    (tmp_path / "unet.py").write_text(COMPUTED_IN_A_LOOP)
    result = lint_file(tmp_path / "unet.py", str(tmp_path / "unet.py"), Settings(input_shapes={"Decoder": (1, 32, 4, 4)}))
    found = [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    assert found and all(line == 12 for _, line in found)
    torch = pytest.importorskip("torch")
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace = _ran(COMPUTED_IN_A_LOOP, "unet.py")
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 48 channels"):
        namespace["Decoder"]()(torch.zeros(1, 32, 4, 4))
    sys.modules.pop("loop_blocks", None)


NORMED_BLOCKS = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, kernel_size=3, padding=1)
        self.bn = nn.BatchNorm1d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b2 = Block(16, 32)
        self.b3 = Block(32, 64)
        self.b4 = Block(32, 64)
        self.fc = nn.Linear(64, 4)

    def forward(self, x):
        return self.fc(self.b4(self.b3(self.b2(x))).mean(-1))
'''


def test_a_block_call_copied_from_the_one_before_is_blamed_though_its_norm_fits():
    """`Block(32, 64)` after a block that gives 64: the conv reads `cin` = 32. The norm after it
    reads `cout`, and fits only because the conv makes `cout` channels: no sign that the block
    reads the wrong parameter, so the call that passes 32 is the line to change."""
    result = lint_text(NORMED_BLOCKS, "normed_blocks.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", 21)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(NORMED_BLOCKS, "normed_blocks.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 64"):
        namespace["Net"]()(torch.zeros(2, 16, 40))


LOCAL_COUNTS = '''
import torch
import torch.nn as nn


class Head(nn.Module):  # MobileNetV3: the head's width computed the line before, from numbers
    def __init__(self, mult=1.0):
        super().__init__()
        self.body = nn.Conv2d(3, int(160 * mult), 3, 2, 1)
        head_in = int(112 * mult)
        self.head = nn.Sequential(nn.Conv2d(head_in, 960, 1), nn.ReLU())

    def forward(self, x):
        return self.head(self.body(x))


class Shared(nn.Module):  # one local read by two layers: which of them is wrong is not known
    def __init__(self):
        super().__init__()
        c = 64
        self.a = nn.Conv2d(3, 32, 3)
        self.b = nn.Conv2d(c, c, 3)
        self.d = nn.Conv2d(c, 8, 3)

    def forward(self, x):
        return self.d(self.b(self.a(x)))
'''


def test_a_count_a_local_holds_is_reported_where_the_local_is_computed():
    """`head_in = int(112 * mult)` read by one layer: the line to change is the assignment; a local
    two layers read stays at the layer that fails."""
    result = lint_text(LOCAL_COUNTS, "local_counts.py", Settings())
    errors = {d.model: d for d in result.diagnostics if d.severity == "error"}
    lines = LOCAL_COUNTS.splitlines()
    assert lines[errors["Head"].span.line - 1].strip() == "head_in = int(112 * mult)"
    assert errors["Head"].related[0].line == errors["Head"].span.line + 1
    assert lines[errors["Shared"].span.line - 1].strip() == "self.b = nn.Conv2d(c, c, 3)"
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(LOCAL_COUNTS, "local_counts.py", "exec"), namespace)
    for name in ("Head", "Shared"):
        with pytest.raises(RuntimeError, match="channels"):
            namespace[name]()(torch.zeros(1, 3, 16, 16))


SWAPPED_SE = '''
import torch
import torch.nn as nn


class SE(nn.Module):
    def __init__(self, inp, oup, reduction=4):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(oup, inp // reduction), nn.ReLU(), nn.Linear(inp // reduction, oup),
                                nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.fc(self.pool(x).view(b, c)).view(b, c, 1, 1)
        return x * y


class Block(nn.Module):
    def __init__(self, inp, expand):
        super().__init__()
        hidden = inp * expand
        self.body = nn.Sequential(
            nn.Conv2d(inp, hidden, 1),
            nn.ReLU(),
            SE(inp, hidden),
            nn.Conv2d(hidden, inp, 1),
        )

    def forward(self, x):
        return x + self.body(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.blocks = nn.Sequential(Block(16, 4), Block(16, 6))

    def forward(self, x):
        return self.blocks(self.stem(x))
'''


@pytest.mark.parametrize(("old", "new", "line"), [
    # the call gives the block its two widths in the wrong order: its Linear and its view both fail
    ("SE(inp, hidden),", "SE(hidden, inp),", 26),
    # the block's squeeze Linear reads inp where oup arrive: giving it oup runs clean
    ("nn.Linear(oup, inp // reduction)", "nn.Linear(inp, inp // reduction)", 10),
])
def test_arguments_in_the_wrong_order_are_wrong_at_the_call_a_wrong_read_in_the_block(old, new, line):
    assert _error_lines(SWAPPED_SE, "se.py") == []
    source = SWAPPED_SE.replace(old, new)
    found = _error_lines(source, "se.py")
    assert [f for f in found if f[1] == "CL101"] == [(line, "CL101")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        _ran(source, "se.py")["Net"]()(torch.zeros(1, 3, 8, 8))
    _ran(SWAPPED_SE, "se.py")["Net"]()(torch.zeros(1, 3, 8, 8))


TABLE_OF_ROWS = '''
import torch
import torch.nn as nn

cfg = {
    'A': [16, 'M', 32, 'M', 64, 'M'],
    'B': [16, 16, 'M', 32, 32, 'M', 64, 'M'],
    'C': [16, 16, 'M', 32, 32, 32, 'M', 64, 64, 'M'],
}


class VGG(nn.Module):
    def __init__(self, name):
        super().__init__()
        layers, cin = [], 3
        for v in cfg[name]:
            if v == 'M':
                layers.append(nn.MaxPool2d(2))
            else:
                layers += [nn.Conv2d(cin, v, 3, padding=1), nn.ReLU()]
                cin = v
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(64, 10)

    def forward(self, x):
        return self.classifier(self.features(x).view(x.size(0), -1))


def test():
    net = VGG('A')
    print(net(torch.randn(2, 3, 8, 8)).size())
'''


@pytest.mark.parametrize(("old", "new", "line"), [
    # row A lost its last pool: the other rows run clean with the same Linear
    ("'A': [16, 'M', 32, 'M', 64, 'M'],", "'A': [16, 'M', 32, 'M', 64],", 6),
    # the Linear is wrong for every row: it stays blamed
    ("nn.Linear(64, 10)", "nn.Linear(128, 10)", 23),
])
def test_a_table_row_the_code_builds_that_fails_where_the_other_rows_run_is_wrong_at_the_row(old, new, line):
    assert _error_lines(TABLE_OF_ROWS, "vgg.py") == []
    source = TABLE_OF_ROWS.replace(old, new)
    assert _error_lines(source, "vgg.py") == [(line, "CL101")]
    torch = pytest.importorskip("torch")
    namespace = _ran(source, "vgg.py")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["test"]()
    _ran(TABLE_OF_ROWS, "vgg.py")["test"]()


MULTI_LINE_CALL = '''
import torch
import torch.nn as nn


class ConvBNReLU(nn.Module):
    def __init__(self, cin, cout, kernel_size=3):
        super().__init__()
        self.main = nn.Sequential(nn.Conv1d(cin, cout, kernel_size, padding=1), nn.BatchNorm1d(cout), nn.ReLU())

    def forward(self, x):
        return self.main(x)


class CNN(nn.Module):
    def __init__(self, c=3):
        super().__init__()
        self.layer1 = ConvBNReLU(
            3, c, 3
        )
        self.layer2 = ConvBNReLU(
            c, c * 2, 3
        )
        self.layer3 = ConvBNReLU(
            c * 2, c * 2, 3
        )

    def forward(self, x):
        return self.layer3(self.layer2(self.layer1(x)))
'''


def test_a_count_passed_in_a_call_written_over_several_lines_is_reported_at_its_argument():
    """`ConvBNReLU(\\n c, c * 2, 3)` where c * 2 arrive (the other argument of the call): the
    argument's line, not the call's first line, is the one to change."""
    assert _error_lines(MULTI_LINE_CALL, "cnn.py") == []
    source = MULTI_LINE_CALL.replace("            c * 2, c * 2, 3\n", "            c, c * 2, 3\n")
    assert _error_lines(source, "cnn.py") == [(25, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 3 channels, but got 6 channels"):
        _ran(source, "cnn.py")["CNN"]()(torch.zeros(2, 3, 16))
    _ran(MULTI_LINE_CALL, "cnn.py")["CNN"]()(torch.zeros(2, 3, 16))


STAGES = '''
import torch
import torch.nn as nn


def conv1x1(cin, cout, stride=1):
    return nn.Conv1d(cin, cout, kernel_size=1, stride=stride, bias=False)


class Basic(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv = nn.Conv1d(inplanes, planes, 3, stride, 1)
        self.downsample = downsample

    def forward(self, x):
        return self.conv(x) + (x if self.downsample is None else self.downsample(x))


class Net(nn.Module):
    def __init__(self, block, layers):
        super().__init__()
        self.inplanes = 8
        self.stem = nn.Conv1d(1, 8, 3, padding=1)
        self.layer1 = self._make_layer(block, 8, layers[0])
        self.layer2 = self._make_layer(block, 16, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 32, layers[2], stride=2)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = conv1x1(self.inplanes, planes * block.expansion, stride)
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.layer3(self.layer2(self.layer1(self.stem(x))))


def basic():
    return Net(Basic, [2, 2, 2])
'''


def test_a_line_every_instance_of_a_model_gets_wrong_from_other_calls_is_wrong_at_the_line():
    """conv1x1(planes, ...) in _make_layer, where self.inplanes arrive: every shortcut (layer2 and
    layer3, each given planes by its own call) fails. One edit at the call in _make_layer fixes
    them all: blamed there, not at the calls that pass 16 and 32 (nor in the helper's line)."""
    assert _error_lines(STAGES, "stages.py") == []
    source = STAGES.replace("conv1x1(self.inplanes, planes * block.expansion, stride)",
                            "conv1x1(planes, planes * block.expansion, stride)")
    assert _error_lines(source, "stages.py") == [(34, "CL103")]
    torch = pytest.importorskip("torch")
    namespace = _ran(source, "stages.py")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 8 channels"):
        namespace["basic"]()(torch.zeros(1, 1, 16))
    _ran(STAGES, "stages.py")["basic"]()(torch.zeros(1, 1, 16))


SPLIT_UNITS = '''
import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, inp, oup, mid, stride):
        super().__init__()
        self.stride = stride
        outputs = oup - inp
        self.branch = nn.Sequential(
            nn.Conv2d(inp, mid, 1), nn.BatchNorm2d(mid), nn.ReLU(),
            nn.Conv2d(mid, mid, 3, stride, 1, groups=mid),
            nn.Conv2d(mid, outputs, 1), nn.BatchNorm2d(outputs),
        )
        if stride == 2:
            self.proj = nn.Sequential(nn.Conv2d(inp, inp, 3, 2, 1, groups=inp), nn.BatchNorm2d(inp))

    def forward(self, x):
        if self.stride == 1:
            half = x.size(1) // 2
            return torch.cat((x[:, :half], self.branch(x[:, half:])), 1)
        return torch.cat((self.proj(x), self.branch(x)), 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        input_channel = 8
        self.stem = nn.Conv2d(3, input_channel, 3, padding=1)
        features = []
        for output_channel in (16, 32):
            for i in range(2):
                if i == 0:
                    inp, outp, stride = input_channel, output_channel, 2
                else:
                    inp, outp, stride = input_channel // 2, output_channel, 1
                features.append(Unit(inp, outp, mid=outp // 2, stride=stride))
                input_channel = output_channel
        self.features = nn.Sequential(*features)

    def forward(self, x):
        return self.features(self.stem(x))
'''


def test_a_count_a_tuple_assignment_computes_for_the_calls_after_it_is_wrong_there():
    """ShuffleNetV2+'s stage loop: `inp, outp, stride = input_channel // 2, output_channel, 1` for
    the stride-1 units, which split their input. Without the `// 2`, their first conv expects the
    whole width where half arrives, and `outputs = oup - inp` comes out 0: the tuple's item is
    what to change, not the call that passes `inp` (half arrives, as `mid` holds, by chance)."""
    assert _error_lines(SPLIT_UNITS, "units.py") == []
    source = SPLIT_UNITS.replace("inp, outp, stride = input_channel // 2, output_channel, 1",
                                 "inp, outp, stride = input_channel, output_channel, 1")
    assert (37, "CL103") in _error_lines(source, "units.py")
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        _ran(source, "units.py")["Net"]()(torch.zeros(1, 3, 16, 16))
    assert _ran(SPLIT_UNITS, "units.py")["Net"]()(torch.zeros(1, 3, 16, 16)).shape == (1, 32, 4, 4)


NESTED_SKIPS = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, in_size, out_size, n_concat=2):
        super().__init__()
        self.up = nn.ConvTranspose2d(in_size, out_size, 2, stride=2)
        self.conv = nn.Conv2d(in_size + (n_concat - 2) * out_size, out_size, 3, padding=1)

    def forward(self, high, *low):
        x = self.up(high)
        for feature in low:
            x = torch.cat([x, feature], 1)
        return self.conv(x)


class Nested(nn.Module):
    def __init__(self):
        super().__init__()
        self.x00 = nn.Conv2d(3, 8, 3, padding=1)
        self.x10 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.x20 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.up01 = Up(16, 8, 2)
        self.up11 = Up(32, 16, 2)
        self.up02 = Up(16, 8, 3)

    def forward(self, x):
        x00 = self.x00(x)
        x10 = self.x10(x00)
        x20 = self.x20(x10)
        x01 = self.up01(x10, x00)
        x11 = self.up11(x20, x10)
        return self.up02(x11, x00, x01)
'''


def test_the_one_parameter_only_a_count_reads_is_what_is_wrong_at_the_call():
    """UNet++: `Up(16, 8, 3)` for the node that concatenates two skips; given 2 (as up01 and up11 are,
    each fitting the one skip it gets), its conv expects
    in_size + 0 * out_size where three tensors arrive. in_size and out_size also size its
    upsampling conv, which fits: n_concat, which only the count reads, is the argument to change."""
    assert _error_lines(NESTED_SKIPS, "nested.py") == []
    source = NESTED_SKIPS.replace("self.up02 = Up(16, 8, 3)", "self.up02 = Up(16, 8, 2)")
    found = [d for d in lint_text(source, "nested.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.span.line, d.span.column, d.code) for d in found] == [(27, 31, "CL103")]  # the `2`
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 24 channels"):
        _ran(source, "nested.py")["Nested"]()(torch.zeros(1, 3, 16, 16))
    assert _ran(NESTED_SKIPS, "nested.py")["Nested"]()(torch.zeros(1, 3, 16, 16)).shape == (1, 8, 16, 16)


HEAD_WIDTH = '''
import torch
import torch.nn as nn


def conv_bn(inp, oup):
    return nn.Sequential(nn.Conv2d(inp, oup, 1), nn.BatchNorm2d(oup), nn.ReLU())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        input_channel = 16
        self.features = nn.Conv2d(3, input_channel, 3, padding=1)
        output_channel = 64
        self.conv = conv_bn(input_channel, output_channel)
        self.classifier = nn.Linear(output_channel, 10)

    def forward(self, x):
        return self.classifier(self.conv(self.features(x)).mean((2, 3)))
'''


def test_a_number_the_failing_layer_gives_out_rightly_is_not_where_its_wrong_read_is_blamed():
    """EfficientNetV2's head `conv_1x1_bn(output_channel, output_channel)` for `(input_channel,
    output_channel)`: the number 64 is right as the conv's out_channels (its norm fits), so the
    call that also passes it as in_channels is what to change, not `output_channel = 64`."""
    assert _error_lines(HEAD_WIDTH, "head.py") == []
    source = HEAD_WIDTH.replace("conv_bn(input_channel, output_channel)", "conv_bn(output_channel, output_channel)")
    assert _error_lines(source, "head.py") == [(16, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 64 channels, but got 16 channels"):
        _ran(source, "head.py")["Net"]()(torch.zeros(1, 3, 8, 8))
    assert _ran(HEAD_WIDTH, "head.py")["Net"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 10)


LONG_SIGNAL = '''
import torch
import torch.nn as nn


class Stage(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(nn.Conv1d(cin, cout, 3, padding=1), nn.BatchNorm1d(cout), nn.ReLU(), nn.MaxPool1d(4))

    def forward(self, x):
        return self.body(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.Sequential(Stage(3, 8), Stage(8, 16), Stage(16, 32), Stage(32, 64), Stage(64, 64))

    def forward(self, x):
        return self.stages(x)
'''


def test_a_block_line_reading_the_wrong_parameter_stays_blamed_where_trial_sizes_are_too_short():
    """`BatchNorm1d(cin)` after `Conv1d(cin, cout)`: cout arrives, the call's other argument. The
    trial runs at short lengths meet errors of their own (five pools of 4 need 1024 samples): none
    of the model's findings, so no evidence that the call passes its counts in the wrong order."""
    source = LONG_SIGNAL.replace("nn.BatchNorm1d(cout)", "nn.BatchNorm1d(cin)")
    assert _error_lines(source, "signal.py") == [(9, "CL104")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="running_mean should contain 8 elements not 3"):
        _ran(source, "signal.py")["Net"]().eval()(torch.zeros(1, 3, 1024))
    assert _ran(LONG_SIGNAL, "signal.py")["Net"]().eval()(torch.zeros(1, 3, 1024)).shape == (1, 64, 1)
