"""A layer built by a backbone and then wrapped with layers of the caller's own before it (SimCLR's
projection head `backbone.fc = nn.Sequential(nn.Linear(d, 256), nn.ReLU(), backbone.fc)`), fed a
width it does not take by the wrapper's layer, is reported at that layer of the wrapper with its
out width to change, not where the backbone built the old layer: that one fits the backbone used
alone. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

LINEAR = '''
import torch
import torch.nn as nn


class Body(nn.Module):
    def __init__(self, out_dim=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 512, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, out_dim)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


class Net(nn.Module):
    def __init__(self, out_dim=10):
        super().__init__()
        self.body = Body(out_dim)
        dim = self.body.fc.in_features
        self.body.fc = nn.Sequential(nn.Linear(dim, HIDDEN), nn.ReLU(), self.body.fc)

    def forward(self, x):
        return self.body(x)
'''

CONV = '''
import torch
import torch.nn as nn


class Body(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Conv2d(3, 64, 3, padding=1)
        self.head = nn.Conv2d(64, 10, 1)

    def forward(self, x):
        return self.head(torch.relu(self.features(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = Body()
        self.body.head = nn.Sequential(
            nn.Conv2d(64, HIDDEN, 3, padding=1),
            nn.BatchNorm2d(HIDDEN),
            nn.ReLU(),
            self.body.head,
        )

    def forward(self, x):
        return self.body(x)
'''


@pytest.mark.parametrize("source, right, code", [(LINEAR, "512", "CL101"), (CONV, "64", "CL103")],
                         ids=["linear", "conv"])
def test_the_wrappers_layer_feeding_the_wrapped_one_is_blamed(source, right, code):
    line = line_of(source, "HIDDEN")
    assert_bug_found_at_its_line(source, {"HIDDEN": right}, {"HIDDEN": "256"}, (2, 3, 8, 8), line, code, "wrapped.py")
    found = [d for d in lint_text(source.replace("HIDDEN", "256"), "wrapped.py", Settings()).diagnostics
             if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [(code, line)]
    (d,) = found
    assert f"to {right}" in d.fix and ("out_features" if code == "CL101" else "out_channels") in d.fix
    assert line_of(source, "self.head = nn.Conv2d(64" if code == "CL103" else "self.fc = nn.Linear(512") in \
        [s.line for s in d.related]


SIMCLR = '''
import torch.nn as nn
import torchvision.models as models


class ResNetSimCLR(nn.Module):
    def __init__(self, out_dim=128):
        super().__init__()
        self.backbone = models.resnet18(weights=None, num_classes=out_dim)
        dim_mlp = self.backbone.fc.in_features
        self.backbone.fc = nn.Sequential(nn.Linear(dim_mlp, HIDDEN), nn.ReLU(), self.backbone.fc)

    def forward(self, x):
        return self.backbone(x)
'''


def test_a_library_backbones_wrapped_fc_is_blamed_in_the_users_file():
    # (torchvision's resnet18 is convlint's stand-in here; torch refuses it as the local Body above)
    settings = Settings(input_shapes={"ResNetSimCLR": (2, 3, 64, 64)})
    found = [d for d in lint_text(SIMCLR.replace("HIDDEN", "256"), "simclr.py", settings).diagnostics
             if d.severity == "error"]
    assert [(d.code, d.path, d.span.line) for d in found] == [("CL101", "simclr.py", line_of(SIMCLR, "HIDDEN"))]
    assert "out_features to 512" in found[0].fix
    assert not [d for d in lint_text(SIMCLR.replace("HIDDEN", "512"), "simclr.py", settings).diagnostics
                if d.severity == "error"]
