"""A factory function with required parameters, the only public entry point of the file
(junyuseu/pytorch-cifar-models densenet_BC_cifar(depth, k), resneXt_cifar(depth, cardinality,
baseWidth), wide_resnet_cifar(depth, width)). Classes with required parameters are analysed
with them unknown and say so; such a factory is dropped without a word: it is not in the JSON
models, not in `unresolved`, and `convlint summary --input-shape densenet_bc=2,3,32,32` returns
[] with exit 0.

convlint: models listed: Block, Net only; `convlint summary FILE --model densenet_bc
--input-shape densenet_bc=2,3,32,32` prints nothing and exits 0 (check exits 2 for a --model
naming nothing).
torch: densenet_bc(40, 12)(torch.randn(2, 3, 32, 32)) -> torch.Size([2, 10]).
"""
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, growth):
        super().__init__()
        self.conv = nn.Conv2d(cin, growth, 3, padding=1)

    def forward(self, x):
        return torch.cat([x, self.conv(x)], 1)


class Net(nn.Module):
    def __init__(self, n, growth, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 2 * growth, 3, padding=1)
        self.blocks = nn.Sequential(*[Block(2 * growth + i * growth, growth) for i in range(n)])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(2 * growth + n * growth, num_classes)

    def forward(self, x):
        x = self.pool(self.blocks(self.stem(x)))
        return self.fc(x.flatten(1))


def densenet_bc(depth, k, **kwargs):
    n = (depth - 4) // 6
    return Net(n, k, **kwargs)
