# stand-in for torchvision.models.resnet in the yardstick: the same module names, order and shapes as torchvision
import torch, torch.nn as nn

class _W:
    DEFAULT = IMAGENET1K_V1 = IMAGENET1K_V2 = None
ResNet18_Weights = ResNet34_Weights = ResNet50_Weights = _W

def conv3x3(i, o, stride=1, groups=1, dilation=1):
    return nn.Conv2d(i, o, kernel_size=3, stride=stride, padding=dilation, groups=groups, bias=False, dilation=dilation)
def conv1x1(i, o, stride=1):
    return nn.Conv2d(i, o, kernel_size=1, stride=stride, bias=False)

class BasicBlock(nn.Module):
    expansion = 1
    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1, norm_layer=None):
        super().__init__()
        norm_layer = norm_layer or nn.BatchNorm2d
        self.conv1 = conv3x3(inplanes, planes, stride); self.bn1 = norm_layer(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes); self.bn2 = norm_layer(planes)
        self.downsample = downsample; self.stride = stride
    def forward(self, x):
        idt = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            idt = self.downsample(x)
        return self.relu(out + idt)

class Bottleneck(nn.Module):
    expansion = 4
    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1, norm_layer=None):
        super().__init__()
        norm_layer = norm_layer or nn.BatchNorm2d
        w = int(planes * (base_width / 64.0)) * groups
        self.conv1 = conv1x1(inplanes, w); self.bn1 = norm_layer(w)
        self.conv2 = conv3x3(w, w, stride, groups, dilation); self.bn2 = norm_layer(w)
        self.conv3 = conv1x1(w, planes * 4); self.bn3 = norm_layer(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample; self.stride = stride
    def forward(self, x):
        idt = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            idt = self.downsample(x)
        return self.relu(out + idt)

class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000, zero_init_residual=False, groups=1,
                 width_per_group=64, replace_stride_with_dilation=None, norm_layer=None):
        super().__init__()
        self._norm_layer = norm_layer or nn.BatchNorm2d
        self.inplanes = 64; self.dilation = 1; self.groups = groups; self.base_width = width_per_group
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = self._norm_layer(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)
    def _make_layer(self, block, planes, blocks, stride=1):
        down = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            down = nn.Sequential(conv1x1(self.inplanes, planes * block.expansion, stride),
                                 self._norm_layer(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, down, self.groups, self.base_width, 1, self._norm_layer)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes, groups=self.groups, base_width=self.base_width,
                                norm_layer=self._norm_layer))
        return nn.Sequential(*layers)
    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)

def _r(block, layers, kw):
    kw.pop("pretrained", None); kw.pop("weights", None); kw.pop("progress", None)
    return ResNet(block, layers, **kw)
def resnet18(*a, **kw): return _r(BasicBlock, [2, 2, 2, 2], kw)
def resnet34(*a, **kw): return _r(BasicBlock, [3, 4, 6, 3], kw)
def resnet50(*a, **kw): return _r(Bottleneck, [3, 4, 6, 3], kw)
def resnet101(*a, **kw): return _r(Bottleneck, [3, 4, 23, 3], kw)
def resnet152(*a, **kw): return _r(Bottleneck, [3, 8, 36, 3], kw)
