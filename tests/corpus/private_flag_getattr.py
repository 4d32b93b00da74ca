"""Feature taps chosen by a private flag some blocks set, read with a default
(torchvision segmentation/lraspp.py and deeplabv3.py on MobileNetV3:
`[i for i, b in enumerate(backbone) if getattr(b, "_is_cn", False)]`, where the stem is a
Sequential subclass that never sets it). convlint left hasattr/getattr of any name starting with
"_", and of any name on a Sequential subclass, undecided: the taps, and every channel count taken
from them, unknown (lraspp_mobilenet_v3_large 12 modules unknown), a wrong head missed.
torch: nn.Module and Sequential have no `_strided`; getattr gives the default."""
import torch.nn as nn


class ConvBN(nn.Sequential):
    def __init__(self, cin, cout, stride=1):
        super().__init__(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())
        self.out_channels = cout


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = ConvBN(cin, cout, stride)
        self.out_channels = cout
        self._strided = stride > 1

    def forward(self, x):
        return self.body(x)


class Tapped(nn.Module):
    def __init__(self, head_in=None):
        super().__init__()
        self.features = nn.Sequential(ConvBN(3, 8), Block(8, 16, 2), Block(16, 16, 1), Block(16, 24, 2), ConvBN(24, 32))
        taps = [i for i, b in enumerate(self.features) if getattr(b, "_strided", False)]
        channels = self.features[taps[-1]].out_channels
        self.head = nn.Conv2d(head_in or channels, 4, 1)
        self.last = taps[-1]

    def forward(self, x):
        for index, block in enumerate(self.features):
            x = block(x)
            if index == self.last:
                return self.head(x)
        return x


class TappedWrongHead(Tapped):
    def __init__(self):
        super().__init__(head_in=32)  # the tap is Block(16, 24): 24 channels reach the head
