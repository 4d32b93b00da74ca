"""A factory that needs no argument, built with the arguments the user gives (tugstugi/
pytorch-speech-commands models/resnet.py: `def resnet18(pretrained=False, **kwargs): model =
ResNet(BasicBlock, [2, 2, 2, 2], **kwargs)`, used as `resnet18(num_classes=12, in_channels=1)`).
`--model-args 'resnet18(num_classes=12)'` was ignored for a factory callable without arguments: the
model was built with its defaults (fc: 1000 outputs where torch gives 12).

convlint --model-args 'tiny(classes=12)': the head had 1000 outputs; torch: 12.
"""
import torch.nn as nn


class Tiny(nn.Module):
    def __init__(self, classes=1000, in_channels=3):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, 8, 3, padding=1)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):
        return self.fc(self.conv(x).mean((2, 3)))


def tiny(pretrained=False, **kwargs):
    model = Tiny(**kwargs)
    return model
