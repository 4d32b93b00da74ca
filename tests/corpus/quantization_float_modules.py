"""Eager-mode quantization's float modules, as quantizable model zoos write them (torchvision
quantization/: QuantizableResNet, QuantizableInception, QuantizableMobileNetV2): the input goes
through `QuantStub()`, residual sums and concatenations through `nn.quantized.FloatFunctional()`
methods (`add_relu`, `cat`, `mul`), the output through `DeQuantStub()`. convlint did not model
them: every shape after the stub unknown (quantized_resnet18: 0 of 85 modules matched), a wrong
Linear after them missed. torch: before conversion the stubs are the identity and each method is
the op it names, its result passed through the module's `activation_post_process` Identity."""
import torch
import torch.nn as nn
from torch.ao.quantization import DeQuantStub, QuantStub


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.gate = nn.Conv2d(channels, channels, 1)
        self.skip_add_relu = nn.quantized.FloatFunctional()
        self.skip_mul = torch.ao.nn.quantized.FloatFunctional()
        self.join = nn.quantized.FloatFunctional()

    def forward(self, x):
        out = self.skip_add_relu.add_relu(self.conv(x), x)
        out = self.skip_mul.mul(out, self.gate(out))
        return self.join.cat([out, x], 1)


class QuantNet(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.quant = QuantStub()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.block = Block(8)
        self.pool = nn.AdaptiveAvgPool2d(2)
        self.fc = nn.Linear(16 * 2 * 2, classes)
        self.dequant = DeQuantStub()

    def forward(self, x):
        x = self.block(self.stem(self.quant(x)))
        return self.dequant(self.fc(torch.flatten(self.pool(x), 1)))


class QuantNetWrongHead(QuantNet):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8 * 2 * 2, 10)  # the block's cat doubles the channels: 64 features
