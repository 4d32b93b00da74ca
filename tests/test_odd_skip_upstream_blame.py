"""A U-Net skip torch.cat that fails because an encoder level made its map odd (a strided conv of
padding 0, 16 -> 7) is reported at that conv also where a residual block follows it in the same
Sequential, so the skip is the block's output: the layers between the skip and the cat are all
exact, the size they were given is what breaks them. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

UNET = '''
import torch
import torch.nn as nn


class Res(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, padding=1)
        self.down1 = nn.Sequential(nn.Conv2d(8, 16, kernel_size=KERNEL, stride=2), nn.ReLU(), Res(16))
        self.down2 = nn.Sequential(nn.Conv2d(16, 32, kernel_size=2, stride=2), nn.ReLU())
        self.up2 = nn.ConvTranspose2d(32, 16, kernel_size=2, stride=2)
        self.up1 = nn.ConvTranspose2d(32, 8, kernel_size=2, stride=2)

    def forward(self, x):
        a = self.stem(x)
        b = self.down1(a)
        u = torch.cat((self.up2(self.down2(b)), b), 1)
        return torch.cat((self.up1(u), a), 1)
'''


def _errors(kernel: int, shape=(2, 1, 16, 16)) -> list:
    settings = Settings(input_shapes={"": shape}) if shape else Settings()
    result = lint_text(UNET.replace("KERNEL", str(kernel)), "unet.py", settings)
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("shape", [(2, 1, 16, 16), None])
def test_the_conv_making_the_skip_odd_is_reported_though_a_residual_block_follows_it(shape):
    (finding,) = _errors(3, shape)
    assert (finding.code, finding.span.line) == ("CL107", 19)
    assert finding.message.startswith("down1.0 = Conv2d(8, 16, kernel_size=3, stride=2) turns the")
    if shape:
        assert "turns the height 16 into 7, so torch.cat on line 27 cannot combine" in finding.message
    assert "padding=1" in finding.fix


def test_the_exact_encoder_level_gives_nothing():
    assert _errors(2) == []
    assert _errors(2, None) == []


def test_torch_refuses_the_odd_skip_and_runs_the_exact_one():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 1, 16, 16)
    for kernel in (3, 2):
        namespace: dict = {}
        exec(compile(UNET.replace("KERNEL", str(kernel)), "unet.py", "exec"), namespace)
        if kernel == 2:
            assert namespace["Net"]()(x).shape == (2, 16, 16, 16)
        else:
            with pytest.raises(RuntimeError, match="Expected size 6 but got size 7"):
                namespace["Net"]()(x)
