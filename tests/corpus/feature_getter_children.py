"""A backbone cut at a named layer, as segmentation and detection code does (torchvision
models/_utils.py IntermediateLayerGetter, used by fcn/deeplabv3): a ModuleDict filled from
`backbone.named_children()` until every wanted layer is taken (`del wanted[name]`, then `break`),
and heads dropped with `del layers[-1]` / `del self.body[-1]`. convlint did not model
named_children() (the backbone unknown: fcn_resnet50 1 of 155 modules), and ignored `del`, so the
classifier head stayed in the cut backbone: a false CL101 at its Linear, run on the feature map.
torch: the heads are gone; the models run."""
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.stage1 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.stage2 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        return self.fc(self.pool(self.stage2(self.stage1(self.stem(x)))).flatten(1))


class FeatureGetter(nn.ModuleDict):
    def __init__(self, model, wanted):
        pending = dict(wanted)
        kept = {}
        for name, child in model.named_children():
            kept[name] = child
            if name in pending:
                del pending[name]
            if len(pending) == 0:
                break
        super().__init__(kept)
        self.wanted = wanted

    def forward(self, x):
        found = {}
        for name, child in self.items():
            x = child(x)
            if name in self.wanted:
                found[self.wanted[name]] = x
        return found


class Segmenter(nn.Module):
    def __init__(self, classes=5):
        super().__init__()
        self.backbone = FeatureGetter(Backbone(), {"stage1": "aux", "stage2": "out"})
        self.classifier = nn.Conv2d(32, classes, 1)

    def forward(self, x):
        return self.classifier(self.backbone(x)["out"])


class Trunk(nn.Module):
    def __init__(self):
        super().__init__()
        layers = [nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Linear(8, 10)]
        del layers[-1]  # the head is not part of the trunk
        self.body = nn.Sequential(*layers, nn.Conv2d(8, 8, 3), nn.Linear(8, 4))
        del self.body[-1]  # torch numbers what is left again: body.0 .. body.2

    def forward(self, x):
        return self.body(x)
