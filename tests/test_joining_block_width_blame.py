"""A block that joins a tensor of its caller's count with one another argument of the same call
sizes (`cat((enc, self.ll_conv(ll)))` in a decoder), then builds a layer for the count alone
(`SepConv(in_channels=enc_in)`), is wrong whatever the caller passes: the error stays in the
block, at the call passing the count, not at the caller's number (made the joined width there,
it would run only by coincidence); against torch."""

from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

SOURCE = '''
import torch
import torch.nn.functional as F
from torch import nn


class SepConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.dw = nn.Conv2d(in_channels, in_channels, 3, padding=1, groups=in_channels)
        self.pw = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x):
        return self.pw(self.dw(x))


class Decoder(nn.Module):
    def __init__(self, ll_in, ll_reduced, enc_in, enc_out):
        super().__init__()
        self.ll_conv = nn.Conv2d(ll_in, ll_reduced, 1)
        self.conv1 = SepConv(
            in_channels=JOINED,  # the count
            out_channels=enc_in)
        self.conv2 = SepConv(in_channels=enc_in, out_channels=enc_out)

    def forward(self, ll, enc):
        enc = F.interpolate(enc, size=ll.shape[2:], mode="bilinear", align_corners=True)
        x = torch.cat((enc, self.ll_conv(ll)), dim=1)
        return self.conv2(self.conv1(x))


class Net(nn.Module):
    ENC = 64
    RED = 16

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, stride=2, padding=1)
        self.deep = nn.Conv2d(32, self.ENC, 3, stride=2, padding=1)
        self.decoder = Decoder(
            ll_in=32,
            ll_reduced=self.RED,
            enc_in=self.ENC,
            enc_out=32,
        )

    def forward(self, x):
        ll = self.stem(x)
        return self.decoder(ll, self.deep(ll))
'''


def test_a_block_joining_widths_is_blamed_inside_not_at_the_callers_number():
    assert_bug_found_at_its_line(SOURCE, {"JOINED": "enc_in + ll_reduced"}, {"JOINED": "enc_in"}, (2, 3, 32, 32),
                                 line_of(SOURCE, "# the count"), "CL103", "net.py")
