"""A norm of a block that reads its width from another parameter of the block than the conv just
before it reads its out width from (a U-Net DoubleConv's `nn.BatchNorm2d(out_channels)` after
`nn.Conv2d(in_channels, mid_channels, 3)`), failing only where a call gives mid_channels a value
other than its default, is reported at the norm: the call passing mid_channels is right, it is
what the parameter is for. The bug is checked to fail in torch and the fix to run."""

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, filled

DOUBLE_CONV = '''
import torch
import torch.nn as nn


class DoubleConv(nn.Module):
    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.NORM(WIDTH),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.NORM(out_channels),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.double_conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inc = DoubleConv(3, 16)
        self.mid = DoubleConv(16, 16, 32)
        self.out = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        return self.out(self.mid(self.inc(x)))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 32, 32)).shape)
'''


def test_a_norm_reading_another_parameter_than_its_conv_is_reported_at_the_norm():
    source = filled(DOUBLE_CONV, {"NORM": "BatchNorm2d"})
    line = line_of(source, "nn.BatchNorm2d(WIDTH)")
    assert_bug_found_at_its_line(source, {"WIDTH": "mid_channels"}, {"WIDTH": "out_channels"}, (2, 3, 32, 32), line,
                                 "CL104", "unet.py")
    (finding,) = [d for d in lint_text(filled(source, {"WIDTH": "out_channels"}), "unet.py", Settings()).diagnostics
                  if d.severity == "error"]
    assert "it reads out_channels where" in finding.message and "is given mid_channels" in finding.message
    assert finding.span.line != line_of(source, "DoubleConv(16, 16, 32)")
