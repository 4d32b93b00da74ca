"""A transposed conv whose output_padding is made of its stride (`output_padding=stride`, `2 * stride`)
where the stride is a constructor argument nothing gives: torch refuses it for every stride
("output padding must be smaller than either stride or dilation"), so CL106 says so without a
value; `stride - 1` or the padding is accepted and stays clean, as is anything not proved."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

DECODER = '''
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.up1 = self._up(cin, cin // 2, stride)
        self.up2 = self._up(cin // 2, cout, stride)

    @staticmethod
    def _up(i, o, s):
        return nn.Sequential(nn.ConvTranspose2d(i, o, 3, s, 1, output_padding=PADDING), nn.LeakyReLU(0.2))

    def forward(self, x):
        return self.up2(self.up1(x))
'''


def _errors(source: str) -> list[tuple[int, str]]:
    return sorted({(d.span.line, d.code) for d in lint_text(source, "decoder.py", Settings()).diagnostics
                   if d.severity == "error"})


def _torch_refuses(source: str, stride: int) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "decoder.py", "exec"), namespace)
    try:
        namespace["Decoder"](8, 3, stride)(torch.zeros(2, 8, 8, 8))
    except RuntimeError as error:
        assert "output padding must be smaller than either stride or dilation" in str(error)
        return True
    return False


@pytest.mark.parametrize("padding", ["s", "2 * s", "s + 1"])
def test_an_output_padding_never_below_the_stride_is_refused_for_every_stride(padding):
    source = DECODER.replace("PADDING", padding)
    assert all(_torch_refuses(source, stride) for stride in (1, 2, 3))
    assert _errors(source) == [(line_of(source, "nn.ConvTranspose2d("), "CL106")]
    (finding,) = [d for d in lint_text(source, "decoder.py", Settings()).diagnostics if d.code == "CL106"]
    assert "whatever the stride" in finding.message and "stride - 1" in finding.fix


@pytest.mark.parametrize("padding", ["s - 1", "1", "0"])
def test_an_output_padding_below_the_stride_for_some_stride_stays_clean(padding):
    source = DECODER.replace("PADDING", padding)
    assert not _torch_refuses(source, 2)
    assert _errors(source) == []


def test_a_dilation_above_the_output_padding_lets_torch_take_it():
    source = DECODER.replace("output_padding=PADDING", "output_padding=s, dilation=2 * s")
    assert not _torch_refuses(source, 2)
    assert _errors(source) == []


CONFIGURED = '''
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.stride = cfg.get("stride")
        self.up = self._up(8, 4, 3, self.stride[1], 1)

    @staticmethod
    def _up(i, o, k, stride, padding):
        return nn.Sequential(nn.ConvTranspose2d(i, o, k, stride, padding, output_padding=PADDING), nn.ReLU())

    def forward(self, x):
        return self.up(x)
'''


@pytest.mark.parametrize("padding", ["stride", "padding"])
def test_an_output_padding_read_from_the_stride_of_a_config_is_refused_whatever_it_holds(padding):
    torch = pytest.importorskip("torch")
    source = CONFIGURED.replace("PADDING", padding)
    namespace: dict = {}
    exec(compile(source, "decoder.py", "exec"), namespace)
    if padding == "stride":
        with pytest.raises(RuntimeError, match="output padding must be smaller than either stride or dilation"):
            namespace["Decoder"]({"stride": [1, 2]})(torch.zeros(2, 8, 8, 8))
        assert _errors(source) == [(line_of(source, "nn.ConvTranspose2d("), "CL106")]
    else:
        namespace["Decoder"]({"stride": [1, 2]})(torch.zeros(2, 8, 8, 8))
        assert _errors(source) == []
