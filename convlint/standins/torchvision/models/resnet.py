"""ResNet (He et al. 2015, the "v1.5" form torchvision ships: a Bottleneck downsamples in its 3x3
conv), restated for convlint's evaluator. What must match torchvision is what a user's code and
torch's hooks see: the public names and signatures, the submodule names in their order, and every
width, kernel, stride and padding. Stem: a 7x7 conv of stride 2 and a 3x3 max pool; then four
stages of blocks (64, 128, 256 and 512 planes, the last three halving the map unless dilated);
then a global average pool and the Linear `fc`."""

import torch
import torch.nn as nn


def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    """The 3x3 conv of the blocks: padded by its dilation (the size kept at stride 1), no bias."""
    return nn.Conv2d(in_planes, out_planes, 3, stride, dilation, dilation, groups, False)


def conv1x1(in_planes, out_planes, stride=1):
    """The 1x1 conv that changes a block's width (and strides its shortcut), no bias."""
    return nn.Conv2d(in_planes, out_planes, 1, stride, bias=False)


class BasicBlock(nn.Module):
    """Two 3x3 convs at `planes` width, the shortcut added before the last ReLU."""

    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1,
                 norm_layer=None):
        super().__init__()
        norm = norm_layer if norm_layer is not None else nn.BatchNorm2d
        if groups != 1 or base_width != 64 or dilation > 1:
            raise ValueError("a BasicBlock has one group, a base width of 64 and no dilation")
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = norm(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = norm(planes)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        residual = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(residual + shortcut)


class Bottleneck(nn.Module):
    """1x1 down to the group width, 3x3 (the stride), 1x1 up to 4 x planes; the shortcut added last."""

    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1,
                 norm_layer=None):
        super().__init__()
        norm = norm_layer if norm_layer is not None else nn.BatchNorm2d
        inner = planes * base_width // 64 * groups  # ResNeXt and wide ResNet widen the 3x3 conv only
        outer = planes * self.expansion
        self.conv1 = conv1x1(inplanes, inner)
        self.bn1 = norm(inner)
        self.conv2 = conv3x3(inner, inner, stride, groups, dilation)
        self.bn2 = norm(inner)
        self.conv3 = conv1x1(inner, outer)
        self.bn3 = norm(outer)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        residual = self.relu(self.bn1(self.conv1(x)))
        residual = self.relu(self.bn2(self.conv2(residual)))
        residual = self.bn3(self.conv3(residual))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(residual + shortcut)


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000, zero_init_residual=False, groups=1, width_per_group=64,
                 replace_stride_with_dilation=None, norm_layer=None):
        super().__init__()
        self._norm_layer = norm_layer if norm_layer is not None else nn.BatchNorm2d
        dilated = [False, False, False] if replace_stride_with_dilation is None else replace_stride_with_dilation
        if len(dilated) != 3:
            raise ValueError("replace_stride_with_dilation takes three flags, one per stage after the first")
        self.inplanes = 64
        self.dilation = 1
        self.groups = groups
        self.base_width = width_per_group
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = self._norm_layer(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], 2, dilated[0])
        self.layer3 = self._make_layer(block, 256, layers[2], 2, dilated[1])
        self.layer4 = self._make_layer(block, 512, layers[3], 2, dilated[2])
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
        """One stage: its first block changes the width (and strides, or dilates when `dilate`),
        the others keep it."""
        norm = self._norm_layer
        first_dilation = self.dilation
        if dilate:
            self.dilation = self.dilation * stride
            stride = 1
        width = planes * block.expansion
        shortcut = None
        if stride != 1 or self.inplanes != width:
            shortcut = nn.Sequential(conv1x1(self.inplanes, width, stride), norm(width))
        stage = [block(self.inplanes, planes, stride, shortcut, self.groups, self.base_width, first_dilation, norm)]
        self.inplanes = width
        for _ in range(blocks - 1):
            stage.append(block(width, planes, groups=self.groups, base_width=self.base_width,
                               dilation=self.dilation, norm_layer=norm))
        return nn.Sequential(*stage)

    def _forward_impl(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))

    def forward(self, x):
        return self._forward_impl(x)


def _resnet(block, layers, fixed, kwargs):
    """A named model: its block, its blocks per stage, the arguments its name fixes (`groups=32`)
    and the caller's; the weights asked for are ignored: they never change a shape."""
    return ResNet(block, layers, **fixed, **kwargs)


def resnet18(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(BasicBlock, [2, 2, 2, 2], {}, kwargs)


def resnet34(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(BasicBlock, [3, 4, 6, 3], {}, kwargs)


def resnet50(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 6, 3], {}, kwargs)


def resnet101(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 23, 3], {}, kwargs)


def resnet152(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 8, 36, 3], {}, kwargs)


def resnext50_32x4d(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 6, 3], {"groups": 32, "width_per_group": 4}, kwargs)


def resnext101_32x8d(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 23, 3], {"groups": 32, "width_per_group": 8}, kwargs)


def resnext101_64x4d(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 23, 3], {"groups": 64, "width_per_group": 4}, kwargs)


def wide_resnet50_2(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 6, 3], {"width_per_group": 128}, kwargs)


def wide_resnet101_2(weights=None, progress=True, pretrained=False, **kwargs):
    return _resnet(Bottleneck, [3, 4, 23, 3], {"width_per_group": 128}, kwargs)
