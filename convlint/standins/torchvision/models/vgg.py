"""VGG as torchvision builds it: `features` from a configuration list (a width per 3x3 conv, "M"
per 2x2 max pool), a 7x7 adaptive pool, and a three-Linear `classifier`."""

import torch
import torch.nn as nn


class VGG(nn.Module):
    def __init__(self, features, num_classes=1000, init_weights=True, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def make_layers(cfg, batch_norm=False):
    layers = []
    channels = 3
    for width in cfg:
        if width == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv = nn.Conv2d(channels, width, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv, nn.BatchNorm2d(width), nn.ReLU(inplace=True)]
            else:
                layers += [conv, nn.ReLU(inplace=True)]
            channels = width
    return nn.Sequential(*layers)


# configurations "A" (11 weight layers), "B" (13), "D" (16) and "E" (19) of the VGG paper
cfgs = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


def _vgg(cfg, batch_norm, weights, progress, **kwargs):
    return VGG(make_layers(cfgs[cfg], batch_norm=batch_norm), **kwargs)


def vgg11(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("A", False, weights, progress, **kwargs)


def vgg11_bn(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("A", True, weights, progress, **kwargs)


def vgg13(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("B", False, weights, progress, **kwargs)


def vgg13_bn(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("B", True, weights, progress, **kwargs)


def vgg16(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("D", False, weights, progress, **kwargs)


def vgg16_bn(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("D", True, weights, progress, **kwargs)


def vgg19(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("E", False, weights, progress, **kwargs)


def vgg19_bn(weights=None, progress=True, pretrained=False, **kwargs):
    return _vgg("E", True, weights, progress, **kwargs)
