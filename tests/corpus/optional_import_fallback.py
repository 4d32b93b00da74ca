"""An optional package's layer, with torch's own as the fallback when it is not installed.

kazuto1011/deeplab-pytorch libs/models/resnet.py (DeepLab v1/v2/v3/v3+ and its ResNet) builds
every conv-bn-relu with `_BATCH_NORM`, set by `try: from encoding.nn import SyncBatchNorm` /
`except: _BATCH_NORM = nn.BatchNorm2d`; apex, inplace_abn and sync-bn packages are guarded so too.
convlint bound the `try` body as if it ran: SyncBatchNorm unknown, every block's output unknown
(0 of 72 modules of DeepLabV1), and nothing listed as not followed. Python runs the handler when
the package is not there: torch builds nn.BatchNorm2d, and so does convlint now; a Sequential
whose modules are not all known is listed as not followed.
"""

import torch.nn as nn

try:
    from encoding.nn import SyncBatchNorm

    _BATCH_NORM = SyncBatchNorm
except:  # noqa: E722 - as written there
    _BATCH_NORM = nn.BatchNorm2d

try:
    import apex_layers_not_installed as fused
except ImportError:
    fused = None


class ConvBnReLU(nn.Sequential):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.add_module("conv", nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False))
        self.add_module("bn", _BATCH_NORM(out_ch, eps=1e-5, momentum=1 - 0.999))
        self.add_module("relu", nn.ReLU())


class Stem(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.layer1 = ConvBnReLU(3, 16, 2)
        self.layer2 = ConvBnReLU(16, 32, 2)
        self.fc = nn.Conv2d(32, classes, 1)
        self.fused = fused

    def forward(self, x):
        return self.fc(self.layer2(self.layer1(x)))


class WrongStem(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.layer1 = ConvBnReLU(3, 16, 2)
        self.layer2 = ConvBnReLU(16, 32, 2)
        self.fc = nn.Conv2d(16, classes, 1)

    def forward(self, x):
        return self.fc(self.layer2(self.layer1(x)))
