"""Model factories bound through the module's own namespace: `globals()[name] = partial(...)` in a
loop (over a class and over a helper), `globals().update(...)` with a dict and with keywords, a
helper function writing `globals()[name]` called from a module-level loop, `name = partial(...)`,
`thismodule.name = partial(...)` and `sys.modules[__name__].__dict__.update(...)`: the
partial-made zoo form of chenyaofo/pytorch-cifar-models (resnet, vgg, mobilenetv2, shufflenetv2,
repvgg), written the ways other model zoos write it.

convlint: only Net (width unknown) was a model; every name below was "no model".
torch: wide_net16()(torch.zeros(2, 3, 16, 16)) -> (2, 10); tiny_net(...) -> (2, 3); the
helper-made head_net4 has a wrong Linear: mat1 and mat2 shapes cannot be multiplied (2x4 and 8x10).
"""
import sys
from functools import partial

import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width, num_classes=10, head_features=None):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(head_features or width, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


def _net(width, num_classes=10, pretrained=False, **kwargs):
    model = Net(width, num_classes=num_classes, **kwargs)
    if pretrained:
        model.load_state_dict(torch_hub_weights(width))  # noqa: F821 (only run with pretrained=True)
    return model


for width in [8, 16]:
    globals()[f"wide_net{width}"] = partial(Net, width)
    globals()["net%d_c100" % width] = partial(_net, width=width, num_classes=100)

globals().update({"tiny_net": partial(_net, 4, num_classes=3)})
globals().update(small_net=partial(Net, 6, 7))


def _register(name, width, features):
    globals()[name] = partial(_net, width, head_features=features)


for width in [4]:
    _register(f"head_net{width}", width, width * 2)  # BUG: the conv gives `width` channels

thismodule = sys.modules[__name__]
thismodule.attr_net = partial(Net, width=5)
sys.modules[__name__].__dict__.update(dict_net=partial(Net, 9))
plain_net = partial(_net, 12)
open_net = partial(Net, num_classes=4)  # the width is the caller's
