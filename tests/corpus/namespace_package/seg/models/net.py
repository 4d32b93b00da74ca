"""A package laid out without __init__.py files (PEP 420 namespace packages), whose modules
import each other by their full dotted name from the project root: `from seg.models.blocks
import Down`, run as `python train.py` from the root. Seen in meetps/pytorch-semseg's segnet,
unet and frrn (`from ptsemseg.models.utils import ...`) laid out without the package's
__init__.py, and common in student repositories that never add one.

convlint looked for `seg/models/seg/models/blocks.py` beside the file only (the root above a
package is found by climbing __init__.py files, and there are none): every block was "a call
of something not known statically", the model's output unknown (0 of 141 modules of segnet),
and a wrong in_channels in a block missed. Python finds the module from the root that holds
`seg/`, the directory the importing file itself lives in.

torch (from the directory holding seg/): SegNet()(torch.zeros(1, 3, 32, 32)) gives
[1, 5, 32, 32]; with Up(64, 32) built as Up(32, 32) it stops with "expected input[1, 64, 16, 16]
to have 32 channels"."""

import torch.nn as nn

from seg.models.blocks import Down, Up


class SegNet(nn.Module):
    def __init__(self, n_classes=5):
        super().__init__()
        self.down1 = Down(3, 32)
        self.down2 = Down(32, 64)
        self.up2 = Up(64, 32)
        self.up1 = Up(32, n_classes)

    def forward(self, x):
        x, i1, s1 = self.down1(x)
        x, i2, s2 = self.down2(x)
        x = self.up2(x, i2, s2)
        return self.up1(x, i1, s1)
