# stand-in for the yardstick: vgg16/vgg16_bn (real VGG16 `features` layout) and torchvision-layout ResNets (random weights)
import torch.nn as nn
from . import resnet
from .resnet import (ResNet, BasicBlock, Bottleneck, resnet18, resnet34, resnet50, resnet101,
                     resnet152, ResNet18_Weights, ResNet34_Weights, ResNet50_Weights)
class _VGG(nn.Module):
    def __init__(self, cfg, bn=False):
        super().__init__()
        layers, c = [], 3
        for v in cfg:
            if v == 'M':
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers.append(nn.Conv2d(c, v, 3, padding=1))
                if bn:
                    layers.append(nn.BatchNorm2d(v))
                layers.append(nn.ReLU(inplace=True)); c = v
        self.features = nn.Sequential(*layers)
_D = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M']
def vgg16(pretrained=False, **k):
    return _VGG(_D)
def vgg16_bn(pretrained=False, **k):
    return _VGG(_D, bn=True)
def mobilenet_v3_large(*a, **k):
    raise NotImplementedError
# (imported by name by some zoos)
def vgg11(pretrained=False, **k):
    raise NotImplementedError
