"""A model whose constructor needs an argument, built with a literal argument in the same file
(kuangliu VGG('VGG11'), ShuffleNetV2(net_size=0.5), milesial UNet(n_channels=3, n_classes=2),
cyclegan GeneratorResNet((3, 256, 256), 9)). The input size is read from the same test()
(input 2x3x32x32 from line 41), but the constructor argument written there is not: convlint
analyses VGG(vgg_name) with vgg_name unknown, so every layer is unknown, and the wrong
Linear(256, 10) below (the features give 512) is not reported.

convlint (no options): "All checks passed!"; VGG: 2 layers, params null, features unknown.
torch: VGG('VGG11')(torch.randn(2, 3, 32, 32)) -> RuntimeError: mat1 and mat2 shapes cannot be
multiplied (2x512 and 256x10).
"""
import torch
import torch.nn as nn

cfg = {
    "VGG11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "VGG13": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
}


class VGG(nn.Module):
    def __init__(self, vgg_name):
        super().__init__()
        layers, in_channels = [], 3
        for x in cfg[vgg_name]:
            if x == "M":
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels, x, kernel_size=3, padding=1), nn.BatchNorm2d(x), nn.ReLU(inplace=True)]
                in_channels = x
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(256, 10)  # BUG: the features give 512

    def forward(self, x):
        out = self.features(x)
        out = out.view(out.size(0), -1)
        return self.classifier(out)


def test():
    net = VGG("VGG11")
    x = torch.randn(2, 3, 32, 32)
    print(net(x).size())


if __name__ == "__main__":
    test()
