"""A U-Net whose skip cat fails because one level's scale is wrong is reported at the line that
sets that scale, not at the cat: an nn.Upsample or F.interpolate whose factor (4) no other layer
of the model scales by, where the factor of the encoder's 2x pools or strided convs makes both
paths of the cat agree (at its scale_factor); a DownSample block's conv typed with stride 1 in a
U-Net built with ModuleList loops (the skips kept in a list and popped), at that conv, where the
UpSample block's conv right after its 2x interpolate, given stride 2, would only cancel that
upsample. Each bug is checked to fail in torch and each fix to run."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, filled

UP_BLOCK = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.up = nn.Upsample(scale_factor=FACTOR, mode="bilinear", align_corners=True)
        self.conv = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())

    def forward(self, x, skip):
        x = self.up(x)
        x = torch.cat([skip, x], dim=1)
        return self.conv(x)


class Down(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.body(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inc = nn.Conv2d(3, 16, 3, padding=1)
        self.down1 = Down(16, 32)
        self.down2 = Down(32, 64)
        self.up1 = Up(96, 32)
        self.up2 = Up(48, 16)
        self.out = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x = self.up1(x3, x2)
        x = self.up2(x, x1)
        return self.out(x)
'''

DDPM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Res(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=1, padding=1)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x))) + self.skip(x)


class DownSample(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.main = nn.Conv2d(ch, ch, 3, stride=STRIDE, padding=1)

    def forward(self, x):
        return self.main(x)


class UpSample(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.main = nn.Conv2d(ch, ch, 3, stride=1, padding=1)

    def forward(self, x):
        x = F.interpolate(
            x, scale_factor=FACTOR, mode="nearest")
        return self.main(x)


class Net(nn.Module):
    def __init__(self, ch=16, mults=(1, 2, 2)):
        super().__init__()
        self.head = nn.Conv2d(3, ch, 3, padding=1)
        self.down = nn.ModuleList()
        chs, now = [ch], ch
        for i, m in enumerate(mults):
            self.down.append(Res(now, ch * m))
            now = ch * m
            chs.append(now)
            if i != len(mults) - 1:
                self.down.append(DownSample(now))
                chs.append(now)
        self.up = nn.ModuleList()
        for i, m in reversed(list(enumerate(mults))):
            for _ in range(2):
                self.up.append(Res(chs.pop() + now, ch * m))
                now = ch * m
            if i != 0:
                self.up.append(UpSample(now))
        self.tail = nn.Conv2d(now, 3, 3, padding=1)

    def forward(self, x):
        h = self.head(x)
        hs = [h]
        for layer in self.down:
            h = layer(h)
            hs.append(h)
        for layer in self.up:
            if isinstance(layer, Res):
                h = torch.cat([h, hs.pop()], dim=1)
            h = layer(h)
        return self.tail(h)


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 32, 32)).shape)
'''


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "unet.py", Settings()).diagnostics if d.severity == "error"]


def test_an_upsample_factor_no_other_layer_scales_by_is_reported_at_the_upsample():
    source = UP_BLOCK
    line = line_of(source, "nn.Upsample(")
    assert_bug_found_at_its_line(source, {"FACTOR": "2"}, {"FACTOR": "4"}, (2, 3, 32, 32), line, "CL107", "unet.py")
    (finding,) = _errors(filled(source, {"FACTOR": "4"}))
    assert "needs it scaled by 2" in finding.message and "scale_factor=2" in finding.fix
    assert finding.span.line != line_of(source, "torch.cat(")


def test_an_interpolate_factor_of_a_loop_built_unet_is_reported_at_its_scale_factor():
    source = filled(DDPM, {"STRIDE": "2"})
    line = line_of(source, "x, scale_factor=FACTOR")  # (the argument's own line of a call over two)
    assert_bug_found_at_its_line(source, {"FACTOR": "2"}, {"FACTOR": "4"}, (2, 3, 32, 32), line, "CL107", "unet.py")
    (finding,) = _errors(filled(source, {"FACTOR": "4"}))
    assert "scale_factor=2" in finding.fix


def test_a_down_sample_conv_typed_with_stride_1_in_a_loop_built_unet_is_reported_at_that_conv():
    torch = pytest.importorskip("torch")
    source = filled(DDPM, {"FACTOR": "2"})
    line = line_of(source, "stride=STRIDE")
    assert_bug_found_at_its_line(source, {"STRIDE": "2"}, {"STRIDE": "1"}, (2, 3, 32, 32), line, "CL107", "unet.py")
    (finding,) = _errors(filled(source, {"STRIDE": "1"}))
    assert "needs it divided by 2, the factor of F.interpolate" in finding.message and "stride=2" in finding.fix
    # not the UpSample's conv, whose stride 2 would cancel the interpolate before it (that runs too)
    cancelled = filled(source, {"STRIDE": "1"}).replace(
        "self.main = nn.Conv2d(ch, ch, 3, stride=1, padding=1)\n\n    def forward(self, x):\n        x = F.interpolate",
        "self.main = nn.Conv2d(ch, ch, 3, stride=2, padding=1)\n\n    def forward(self, x):\n        x = F.interpolate")
    assert cancelled != filled(source, {"STRIDE": "1"})
    assert built(cancelled, "unet.py")(torch.zeros(2, 3, 32, 32)).shape == (2, 3, 32, 32)
    assert finding.span.line != line_of(source, "self.main = nn.Conv2d(ch, ch, 3, stride=1, padding=1)")


def test_an_upsample_in_step_with_a_stride_that_stands_out_is_not_blamed():
    # (the pools scale by 4, the upsamples by 2: either may be the edit, the upsample is not singled out)
    source = filled(UP_BLOCK, {"FACTOR": "2"}).replace("nn.MaxPool2d(2)", "nn.MaxPool2d(4)")
    assert all("scale_factor" not in d.fix for d in _errors(source))


def test_the_down_sample_stride_is_found_where_forward_takes_a_timestep_too():
    # (a diffusion U-Net's forward(x, t): the model is not rerun with edits, the paths tell)
    source = filled(DDPM, {"FACTOR": "2"}).replace("def forward(self, x):\n        h = self.head(x)",
                                                   "def forward(self, x, t):\n        h = self.head(x) + t[:, None, None, None]")
    source = source.replace("Net()(torch.randn(2, 3, 32, 32))", "Net()(torch.randn(2, 3, 32, 32), torch.zeros(2))")
    assert "forward(self, x, t)" in source and "torch.zeros(2))" in source
    torch = pytest.importorskip("torch")
    x, t = torch.zeros(2, 3, 32, 32), torch.zeros(2)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
        built(filled(source, {"STRIDE": "1"}), "unet.py")(x, t)
    assert built(filled(source, {"STRIDE": "2"}), "unet.py")(x, t).shape == (2, 3, 32, 32)
    assert [(d.code, d.span.line) for d in _errors(filled(source, {"STRIDE": "1"}))] == [
        ("CL107", line_of(source, "stride=STRIDE"))]
    assert _errors(filled(source, {"STRIDE": "2"})) == []


def test_the_conv_after_the_upsample_is_never_the_stride_the_trials_name():
    # (a DownSample of two stride-1 convs: the paths do not tell which lost the stride, the edits tried
    # do; the UpSample's conv given stride 2 runs too, but only cancels its interpolate)
    torch = pytest.importorskip("torch")
    source = filled(DDPM, {"FACTOR": "2"}).replace(
        "        self.main = nn.Conv2d(ch, ch, 3, stride=STRIDE, padding=1)\n\n    def forward(self, x):\n"
        "        return self.main(x)",
        "        self.main = nn.Conv2d(ch, ch, 3, stride=STRIDE, padding=1)\n"
        "        self.post = nn.Conv2d(ch, ch, 3, stride=1, padding=1)\n\n    def forward(self, x):\n"
        "        return self.post(self.main(x))")
    assert "self.post(self.main(x))" in source
    up_conv = "self.main = nn.Conv2d(ch, ch, 3, stride=1, padding=1)\n\n    def forward(self, x):\n        x = F.interpolate"
    cancelled = filled(source, {"STRIDE": "1"}).replace(up_conv, up_conv.replace("stride=1", "stride=2"))
    assert built(cancelled, "unet.py")(torch.zeros(2, 3, 32, 32)).shape == (2, 3, 32, 32)
    assert_bug_found_at_its_line(source, {"STRIDE": "2"}, {"STRIDE": "1"}, (2, 3, 32, 32),
                                 line_of(source, "stride=STRIDE"), "CL107", "unet.py")


ATTENDED_SKIP = UP_BLOCK.replace('''class Net(nn.Module):''', '''class Attn(nn.Module):
    def __init__(self, ch, size):
        super().__init__()
        self.ch, self.size = ch, size
        self.ln = nn.LayerNorm([ch])

    def forward(self, x):
        x = x.view(-1, self.ch, self.size * self.size).swapaxes(1, 2)
        x = self.ln(x)
        return x.swapaxes(2, 1).view(-1, self.ch, self.size, self.size)


class Net(nn.Module):''').replace("        self.down2 = Down(32, 64)\n", "        self.down2 = Down(32, 64)\n        self.sa = Attn(32, 16)\n") \
    .replace("x = self.up1(x3, x2)", "x = self.up1(x3, self.sa(x2))") \
    + '\n\nif __name__ == "__main__":\n    print(Net()(torch.randn(2, 3, 32, 32)).shape)\n'


def test_an_upsample_factor_is_found_where_the_skip_comes_out_of_an_attention_blocks_views():
    # (the skip's path is lost in the views: the upsample that made the other operand tells alone)
    source = ATTENDED_SKIP
    assert "self.sa(x2)" in source and "Attn(32, 16)" in source
    assert_bug_found_at_its_line(source, {"FACTOR": "2"}, {"FACTOR": "4"}, (2, 3, 32, 32),
                                 line_of(source, "nn.Upsample("), "CL107", "unet.py")
