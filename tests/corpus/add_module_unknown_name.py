"""A stage built as an empty `nn.Sequential()` filled by `add_module(name, block(...))` in a loop,
with a name convlint cannot compute (`"{}_{}".format(block.__name__, i)`, `block.__name__ +
str(i)`, an f-string on `block.__name__`, where `block` is a class passed as a parameter). The
add_module is skipped without marking the Sequential incomplete, so the stage is analysed as an
EMPTY Sequential, i.e. the identity: the channels before the stage flow on unchanged and every
layer after it is "proved" wrong for every input size.

From weiaicunzai/pytorch-cifar100 models/inceptionv4.py (InceptionResNetV2 via
inception_resnet_v2(): `_generate_inception_module`, a @staticmethod doing
`layers.add_module("{}_{}".format(block.__name__, l), block(input_channels))`).

convlint (no options), on the real file: two false errors, "no input size up to 320x320 works":
  inceptionv4.py:18:21: CL103 reduction_b.branch3x3a.0.conv = Conv2d(1154, 256, kernel_size=1)
    expects 1154 input channels, but torch.cat gives 1152 (shape Nx1152x(H-3)/2x(W-3)/2,
    symbolic input Nx3xHxW)
  inceptionv4.py:531:13: CL102 view(-1, 2048) changes the batch size: each sample from avgpool
    has 2144 x 1 x 1 = 2144 features, not 2048 ... (symbolic input Nx3xHxW)
  (summary: inception_resnet_a/b/c shown as pass-through Sequentials; 7.6M params)
On this file:
  add_module_unknown_name.py:43:21: CL103 head = Conv2d(64, 10, kernel_size=1) expects 64 input
    channels, but stem gives 32 (shape Nx32xHxW, symbolic input Nx3xHxW)
torch: inception_resnet_v2()(torch.randn(2, 3, s, s)) -> [2, 100] for s in 32, 64, 96, 128, 299;
Net()(torch.randn(1, 3, 8, 8)) -> [1, 10, 8, 8]. Expected: the stage unknown (or its modules
named as torch names them: "Block_0", "Block_1"), never an identity.
"""
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.conv = nn.Conv2d(cin, 64, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self, n=2):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.blocks = self._make(32, 64, n, Block)
        self.head = nn.Conv2d(64, 10, 1)

    @staticmethod
    def _make(cin, cout, n, block):
        layers = nn.Sequential()
        for i in range(n):
            layers.add_module("{}_{}".format(block.__name__, i), block(cin))
            cin = cout
        return layers

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))
