"""Constructor arguments written only in another file of the project (bamos/densenet.pytorch:
densenet.py defines DenseNet(growthRate, depth, reduction, nClasses, bottleneck), train.py does
`densenet.DenseNet(growthRate=12, depth=100, reduction=0.5, bottleneck=True, nClasses=10)`;
yjn870/RDN-pytorch: models.py RDN(scale_factor, ...), train.py/test.py build it from argparse
defaults). Linting net.py, convlint takes the input size from train.py (input_source train.py
line 8) but not the constructor arguments written on line 7 of the same file: the model is
analysed with width and classes unknown, so the BatchNorm below, wrong for every width, is missed.
Injected into the real files (BatchNorm2d(nChannels + 1) in bamos DenseNet, Conv2d(G * (D - 1),
G0) in the RDN global fusion): both missed. The same-file spelling (ctor_args_from_call_site.py)
is fixed.

convlint net.py (no options, from this folder): one CL206 warning, no error; conv/bn/fc
output_shape [4, None, 32, 32] / [4, None, 32, 32] / [4, None]; unresolved "Net(width, classes):
required constructor arguments not given; analysed with them unknown".
torch: Net(width=16, classes=10)(torch.randn(4, 3, 32, 32)) -> RuntimeError: running_mean should
contain 16 elements not 17.
"""
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width, classes):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.bn = nn.BatchNorm2d(width + 1)  # BUG: the conv gives width channels
        self.fc = nn.Linear(width, classes)

    def forward(self, x):
        x = self.bn(self.conv(x))
        return self.fc(x.mean((2, 3)))
