"""`--confirm` builds a model with no arguments, even where the analysis itself took the
constructor arguments from the code that builds it (`VGG('VGG11')` next to the input hint). The
static run checks VGG('VGG11') on 2x3x32x32, but torch is never run on it: every finding on the
model is "not checkable (the model needs constructor arguments)", and the model gets CL902.

From kuangliu/pytorch-cifar models/vgg.py (VGG('VGG11')), models/shufflenetv2.py
(ShuffleNetV2(net_size=0.5)); meliketoy/wide-resnet.pytorch networks/resnet.py, vggnet.py,
wide_resnet.py (Wide_ResNet(28, 10, 0.3, 10) in __main__); tests/corpus/ctor_args_from_call_site.py
shows the same on its CL101.

convlint --confirm --device cpu (no options) on this file:
  confirm_ignores_ctor_args.py:27:7: CL902 [warning] could not confirm VGG: it needs constructor
    arguments (TypeError: VGG.__init__() missing 1 required positional argument: 'vgg_name')
  (and on the real files every CL206 on these models: "torch: not checkable (the model needs
  constructor arguments)")
torch: VGG("VGG11")(torch.randn(2, 3, 32, 32)) -> [2, 10]; the arguments convlint analysed with
are the ones to build it with, so every module shape could be compared.
"""
import torch
import torch.nn as nn

cfg = {
    "VGG11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
}


class VGG(nn.Module):
    def __init__(self, vgg_name):
        super().__init__()
        layers, in_channels = [], 3
        for x in cfg[vgg_name]:
            if x == "M":
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels, x, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
                in_channels = x
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(512, 10)

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
