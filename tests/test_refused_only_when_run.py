"""Arguments torch's constructor keeps and only the layer's forward refuses (an output_padding not
below the stride, a pool padding over half the kernel): a layer built with them on a branch that
keeps another, and dropped, never runs, so it is no CL106; one the model holds or runs still is."""

import pytest

from convlint.pipeline import Settings, lint_text

torch = pytest.importorskip("torch")

# WaveGAN's upsampling layer: both the resize-conv and the transposed conv are built, one kept
UPSAMPLER = '''
import torch.nn as nn
import torch.nn.functional as F


class Up1d(nn.Module):
    def __init__(self, cin, cout, kernel_size=25, stride=4, padding=11, upsample=None, output_padding=1):
        super().__init__()
        self.upsample = upsample
        conv = nn.Conv1d(cin, cout, kernel_size, 1, padding=kernel_size // 2)
        deconv = nn.ConvTranspose1d(cin, cout, kernel_size, stride, padding, output_padding)
        pool = nn.MaxPool1d(3, padding=PADDING)
        self.ops = nn.Sequential(conv) if upsample else nn.Sequential(deconv, pool)

    def forward(self, x):
        if self.upsample:
            x = F.interpolate(x, scale_factor=self.upsample, mode="nearest")
        return self.ops(x)


class Generator(nn.Module):
    def __init__(self, upsample=True):
        super().__init__()
        stride, factor = (1, 4) if upsample else (4, None)
        self.up1 = Up1d(16, 8, stride=stride, upsample=factor)
        self.up2 = Up1d(8, 1, stride=stride, upsample=factor)

    def forward(self, x):
        return self.up2(self.up1(x))
'''


def _errors(source: str) -> list[tuple[int, str]]:
    return sorted({(d.span.line, d.code) for d in lint_text(source, "wavegan.py", Settings()).diagnostics
                   if d.severity == "error"})


def _run(source: str, upsample: bool) -> str | None:
    namespace: dict = {}
    exec(compile(source, "wavegan.py", "exec"), namespace)
    try:
        namespace["Generator"](upsample)(torch.zeros(2, 16, 16))
    except RuntimeError as error:
        return str(error)
    return None


def test_a_layer_built_and_dropped_is_not_refused():
    source = UPSAMPLER.replace("PADDING", "2")  # over half the kernel: refused once it runs
    assert _run(source, upsample=True) is None  # torch builds both, runs the resize-conv
    assert _errors(source) == []


def test_the_same_arguments_on_the_branch_kept_are_refused():
    source = UPSAMPLER.replace("PADDING", "1").replace("def __init__(self, upsample=True)",
                                                       "def __init__(self, upsample=False)")
    assert "output padding must be smaller" not in (_run(source, upsample=False) or "")
    assert _errors(source) == []  # stride 4, output_padding 1: accepted
    source = source.replace("kernel_size=25, stride=4", "kernel_size=25, stride=1")
    source = source.replace("stride, factor = (1, 4) if upsample else (4, None)",
                            "stride, factor = (1, 4) if upsample else (1, None)")
    assert "output padding must be smaller" in _run(source, upsample=False)
    assert (source.splitlines().index(
        "        deconv = nn.ConvTranspose1d(cin, cout, kernel_size, stride, padding, output_padding)") + 1,
        "CL106") in _errors(source)


def test_a_layer_the_model_holds_is_refused_though_forward_skips_it():
    source = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 4, 3)
        self.pool = nn.MaxPool1d(3, padding=2)

    def forward(self, x):
        return self.conv(x)
'''
    assert _errors(source) == [(9, "CL106")]
