"""Model factories created at import time by a module-level loop:
`setattr(sys.modules[__name__], name, partial(_resnet, layers=..., num_classes=...))`, with
typed stub definitions (`def cifar10_resnet20(*args, **kwargs) -> CifarResNet: pass`) for
IDEs, as chenyaofo/pytorch-cifar-models does in all five of its model files (resnet, vgg,
mobilenetv2, shufflenetv2, repvgg).

convlint: the models listed are Block and CifarResNet (required arguments unknown, every
layer unknown); cifar10_resnet8 and cifar100_resnet8 are not models at all
("no model cifar10_resnet8" for summary --input-shape cifar10_resnet8=...), and the
wrong Linear below is not reported.
torch: cifar10_resnet8()(torch.randn(2, 3, 32, 32)) -> RuntimeError: mat1 and mat2 shapes
cannot be multiplied (2x64 and 32x10).
"""
import sys
from functools import partial

import torch
import torch.nn as nn
from torch.hub import load_state_dict_from_url


class Block(nn.Module):
    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn = nn.BatchNorm2d(planes)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class CifarResNet(nn.Module):
    def __init__(self, layers, num_classes=10):
        super().__init__()
        self.stem = Block(3, 16)
        self.stages = nn.Sequential(Block(16, 16), *[Block(16, 16) for _ in range(layers[0] - 1)],
                                    Block(16, 64, stride=2))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(32, num_classes)  # BUG: the stages give 64 channels

    def forward(self, x):
        x = self.avgpool(self.stages(self.stem(x)))
        return self.fc(x.view(x.size(0), -1))


def _resnet(arch, layers, model_urls, num_classes=10, pretrained=False):
    model = CifarResNet(layers, num_classes=num_classes)
    if pretrained:  # downloads: only with pretrained=True
        model.load_state_dict(load_state_dict_from_url(model_urls[arch]))
    return model


def cifar10_resnet8(*args, **kwargs) -> CifarResNet: pass
def cifar100_resnet8(*args, **kwargs) -> CifarResNet: pass


thismodule = sys.modules[__name__]
for dataset in ["cifar10", "cifar100"]:
    for layers, model_name in zip([[1] * 3], ["resnet8"]):
        setattr(thismodule, f"{dataset}_{model_name}",
                partial(_resnet, arch=model_name, layers=layers, model_urls={model_name: "https://example.org/w.pt"},
                        num_classes=10 if dataset == "cifar10" else 100))

if __name__ == "__main__":
    print(cifar10_resnet8()(torch.randn(2, 3, 32, 32)).shape)
