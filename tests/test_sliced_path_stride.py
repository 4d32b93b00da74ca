"""A block whose paths pass through channel pieces before they meet (`x_s[:, :n]` of a dual-path
block, a module returning `out[:, :self.oup]`, the items of `torch.split(out, width, 1)`): a piece
keeps the spatial size of the tensor it is cut from, so the layer that broke one path is found
behind it (checks.sizes._size_broken_by) as it is where the block adds its layers' outputs directly,
and the stride trials of the pipeline see every edit that makes the model run (against torch)."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

DUAL_PATH = '''
import torch
import torch.nn as nn


class BnActConv(nn.Module):
    def __init__(self, cin, cout, k, stride, padding=0):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, cout, k, stride, padding, bias=False)

    def forward(self, x):
        return self.conv(torch.relu(self.bn(x)))


class DualPath(nn.Module):
    def __init__(self, cin, cout, down):
        super().__init__()
        self.n = cout // 2
        self.key_stride = 2 if down else 1
        if down:
            self.proj = BnActConv(cin, cout, 1, stride=PROJ_STRIDE)
        else:
            self.proj = BnActConv(cin, cout, 1, stride=1)
        self.a = BnActConv(cin, cout // 2, 1, stride=1)
        self.b = BnActConv(cout // 2, cout // 2, 3, stride=self.key_stride, padding=1)
        self.c = BnActConv(cout // 2, cout, 1, stride=1)

    def forward(self, x):
        x_in = torch.cat(x, dim=1) if isinstance(x, tuple) else x
        x_s = self.proj(x_in)
        x_s1 = x_s[:, :self.n, :, :]
        x_s2 = x_s[:, self.n:, :, :]
        out = self.c(self.b(self.a(x_in)))
        resid = x_s1 + out[:, :self.n]
        dense = torch.cat([x_s2, out[:, self.n:]], dim=1)
        return resid, dense


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, 2, 1)
        self.b1 = DualPath(32, 64, False)
        self.b2 = DualPath(96, 64, True)
        self.b3 = DualPath(96, 64, True)
        self.head = nn.Linear(96, 10)

    def forward(self, x):
        resid, dense = self.b3(self.b2(self.b1(self.stem(x))))
        return self.head(torch.cat([resid, dense], 1).mean((2, 3)))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 64, 64))
'''

GHOST = '''
import torch
import torch.nn as nn


class Ghost(nn.Module):
    def __init__(self, inp, oup):
        super().__init__()
        self.oup = oup
        init = (oup + 1) // 2
        self.primary = nn.Sequential(nn.Conv2d(inp, init, 1, bias=False), nn.BatchNorm2d(init), nn.ReLU(inplace=True))
        self.cheap = nn.Sequential(nn.Conv2d(init, init, 3, 1, 1, groups=init, bias=False), nn.BatchNorm2d(init))

    def forward(self, x):
        x1 = self.primary(x)
        out = torch.cat([x1, self.cheap(x1)], dim=1)
        return out[:, :self.oup, :, :]


class Bottleneck(nn.Module):
    def __init__(self, cin, mid, cout, stride):
        super().__init__()
        self.stride = stride
        self.ghost1 = Ghost(cin, mid)
        if stride > 1:
            self.conv_dw = nn.Conv2d(mid, mid, 3, stride=stride, padding=1, groups=mid, bias=False)
        self.ghost2 = Ghost(mid, cout)
        if cin == cout and stride == 1:
            self.shortcut = nn.Sequential()
        else:
            self.shortcut = nn.Sequential(
                nn.Conv2d(cin, cin, 3, stride=SHORTCUT_STRIDE, padding=1, groups=cin, bias=False),
                nn.BatchNorm2d(cin),
                nn.Conv2d(cin, cout, 1, stride=1, padding=0, bias=False),
                nn.BatchNorm2d(cout))

    def forward(self, x):
        residual = x
        x = self.ghost1(x)
        if self.stride > 1:
            x = self.conv_dw(x)
        x = self.ghost2(x)
        x += self.shortcut(residual)
        return x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        self.blocks = nn.Sequential(Bottleneck(16, 16, 16, 1), Bottleneck(16, 48, 24, 2), Bottleneck(24, 72, 40, 2))
        self.head = nn.Linear(40, 10)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)).mean((2, 3)))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 64, 64))
'''

SPLIT = '''
import torch
import torch.nn as nn


class Bottle2neck(nn.Module):
    def __init__(self, inplanes, width, scale, stride):
        super().__init__()
        self.width, self.nums = width, scale - 1
        self.conv1 = nn.Conv2d(inplanes, width * scale, 1, bias=False)
        self.pool = nn.AvgPool2d(kernel_size=3, stride=stride, padding=POOL_PADDING)
        self.convs = nn.ModuleList([nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)
                                    for _ in range(self.nums)])
        self.conv3 = nn.Conv2d(width * scale, inplanes, 1, bias=False)
        self.down = nn.Conv2d(inplanes, inplanes, 1, stride=stride, bias=False)

    def forward(self, x):
        out = self.conv1(x)
        spx = torch.split(out, self.width, 1)
        for i in range(self.nums):
            sp = self.convs[i](spx[i])
            out = sp if i == 0 else torch.cat((out, sp), 1)
        out = torch.cat((out, self.pool(spx[self.nums])), 1)
        return self.conv3(out) + self.down(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, 1, 1)
        self.layer = nn.Sequential(Bottle2neck(32, 8, 4, 2), Bottle2neck(32, 8, 4, 1))
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        return self.head(self.layer(self.stem(x)).mean((2, 3)))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 32, 32))
'''


def _errors(source: str) -> list:
    result = lint_text(source, "block.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error" and d.model == "Net"]


def test_a_dual_path_projection_that_lost_its_stride_is_blamed_behind_the_channel_slices():
    """Not the other path's strided 3x3 conv, which given stride=1 also makes the model run (and
    then no block downsamples): the projection is the single stride-1 layer of its path."""
    source = DUAL_PATH.replace("PROJ_STRIDE", "1")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.proj = BnActConv(cin, cout, 1, stride=1)"))
    assert "b2.proj.conv" in error.message and "b2.b.conv" in error.message
    assert "given stride=1 makes it run" not in error.message


def test_a_module_returning_a_channel_piece_is_followed_into():
    """GhostNet's module returns `out[:, :self.oup]`: the main path's layers are behind it, and the
    shortcut's depthwise 3x3, the first of its stride-1 layers whose kernel covers the stride, is
    what lacks it."""
    source = GHOST.replace("SHORTCUT_STRIDE", "1")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "nn.Conv2d(cin, cin, 3, stride=1"))
    assert "blocks.1.shortcut.0" in error.message


def test_a_pool_after_torch_split_is_blamed_at_its_padding():
    source = SPLIT.replace("POOL_PADDING", "0")
    errors = _errors(source)
    assert errors and {(e.code, e.span.line) for e in errors} == {("CL107", line_of(source, "self.pool = nn.AvgPool2d("))}


@pytest.mark.parametrize("source", [DUAL_PATH.replace("PROJ_STRIDE", "2"), GHOST.replace("SHORTCUT_STRIDE", "stride"),
                                    SPLIT.replace("POOL_PADDING", "1")])
def test_the_correct_blocks_are_clean(source):
    assert _errors(source) == []


@pytest.mark.parametrize("source, size, fails", [
    (DUAL_PATH.replace("PROJ_STRIDE", "2"), 64, False), (DUAL_PATH.replace("PROJ_STRIDE", "1"), 64, True),
    (GHOST.replace("SHORTCUT_STRIDE", "stride"), 64, False), (GHOST.replace("SHORTCUT_STRIDE", "1"), 64, True),
    (SPLIT.replace("POOL_PADDING", "1"), 32, False), (SPLIT.replace("POOL_PADDING", "0"), 32, True)])
def test_torch_agrees(source, size, fails):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "block.py", "exec"), namespace)
    net = namespace["Net"]()
    if not fails:
        assert tuple(net(torch.zeros(2, 3, size, size)).shape) == (2, 10)
        return
    with pytest.raises(RuntimeError, match="[Ss]ize"):
        net(torch.zeros(2, 3, size, size))


TWO_LAYER_SHORTCUT = '''
import torch.nn as nn


class ConvBn(nn.Module):
    def __init__(self, cin, cout, k, stride, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))


class Down(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.short = nn.Sequential(ConvBn(cin, cout, 1, stride=SHORT_STRIDE), ConvBn(cout, cout, 1, stride=1))
        self.a = ConvBn(cin, cout, 1, stride=1)
        self.b = ConvBn(cout, cout, 3, stride=2, padding=1)

    def forward(self, x):
        return self.short(x) + self.b(self.a(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 1, 1)
        self.d1 = Down(16, 32)
        self.d2 = Down(32, 64)

    def forward(self, x):
        return self.d2(self.d1(self.stem(x)))
'''


def test_a_stride_trial_claims_no_fix_where_the_other_paths_edit_runs_too():
    """The shortcut's edit, tried on the failing block only, leaves the next block failing: tried on
    every instance of its line it runs as the strided conv's removal does, so neither is claimed
    (the 1 x 1 shortcut convs cover no stride of 2, so no layer of the shortcut stands out)."""
    source = TWO_LAYER_SHORTCUT.replace("SHORT_STRIDE", "1")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "return self.short(x) + self.b(self.a(x))"))
    assert "makes it run" not in error.message


def test_two_layer_shortcut_torch_agrees():
    torch = pytest.importorskip("torch")
    for stride, fails in (("2", False), ("1", True)):
        namespace: dict = {}
        exec(compile(TWO_LAYER_SHORTCUT.replace("SHORT_STRIDE", stride), "block.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                namespace["Net"]()(torch.zeros(2, 3, 32, 32))
        else:
            assert tuple(namespace["Net"]()(torch.zeros(2, 3, 32, 32)).shape) == (2, 64, 8, 8)
            assert _errors(TWO_LAYER_SHORTCUT.replace("SHORT_STRIDE", stride)) == []
