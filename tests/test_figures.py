"""The figures users compute by hand, which convlint must reproduce exactly (checked against
torch and torchinfo: see tests/differential for the same models run for real)."""

import pytest

from convlint.report.json_report import model_out

LENET = '''
import torch.nn as nn

class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool1 = nn.AvgPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.AvgPool2d(2)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)

    def forward(self, x):
        x = self.pool1(self.conv1(x).tanh())
        x = self.pool2(self.conv2(x).tanh())
        x = x.view(-1, 16 * 5 * 5)
        return self.fc2(self.fc1(x).tanh())
'''

ALEXNET = '''
from torch import nn

class AlexNet(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, kernel_size=11, stride=4), nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(96, 256, kernel_size=5, padding=2), nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 384, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Dropout(), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True),
            nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)
'''


def only_model(result):
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    (model,) = result.models
    return model_out(model)


def test_lenet5_shapes_params_and_mult_adds(lint):
    model = only_model(lint(LENET, shape=(10, 1, 32, 32)))
    assert [layer.output_shape for layer in model.layers] == [
        [10, 6, 28, 28], [10, 6, 14, 14], [10, 16, 10, 10], [10, 16, 5, 5], [10, 120], [10, 84]]
    assert model.params == 60_856
    assert model.macs == 4_221_880


def test_alexnet_params_and_mult_adds(lint):
    model = only_model(lint("import torch\n" + ALEXNET, shape=(10, 3, 227, 227)))
    assert model.params == 62_378_344
    assert model.macs == 11_359_153_680
    shapes = {layer.name: layer.output_shape for layer in model.layers}
    assert shapes["features.0"] == [10, 96, 55, 55]
    assert shapes["features"] == [10, 256, 6, 6]
    assert shapes["classifier.6"] == [10, 1000]


@pytest.mark.parametrize(
    ("conv", "expected"),
    [
        ("nn.Conv2d(1, 1, 3, padding=1)", [1, 1, 8, 8]),
        ("nn.Conv2d(1, 1, (5, 3), padding=(2, 1))", [1, 1, 8, 8]),
        ("nn.Conv2d(1, 1, 3, padding=1, stride=2)", [1, 1, 4, 4]),
        ("nn.Conv2d(1, 1, (3, 5), padding=(0, 1), stride=(3, 4))", [1, 1, 2, 2]),
    ],
)
def test_conv_arithmetic_on_8x8(lint, conv, expected):
    source = f"import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n" \
             f"        self.conv = {conv}\n    def forward(self, x):\n        return self.conv(x)\n"
    result = lint(source, shape=(1, 1, 8, 8), select=frozenset({"CL1"}))
    assert model_out(result.models[0]).layers[0].output_shape == expected


@pytest.mark.parametrize(("layer", "size", "expected"), [
    ("nn.Conv2d(1, 1, 3)", 7, 5), ("nn.Conv2d(1, 1, 3, stride=2)", 7, 3),
    ("nn.MaxPool2d(2)", 32, 16), ("nn.MaxPool2d(3)", 32, 10),
])
def test_window_arithmetic(lint, layer, size, expected):
    channels = 1 if "Conv" in layer else 3
    source = f"import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n" \
             f"        self.layer = {layer}\n    def forward(self, x):\n        return self.layer(x)\n"
    result = lint(source, shape=(1, channels, size, size), select=frozenset({"CL1"}))
    assert model_out(result.models[0]).layers[0].output_shape == [1, channels, expected, expected]


BOTTLENECK = '''
import torch.nn as nn

class Direct(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(128, 256, 5, padding=2)
    def forward(self, x):
        return self.conv(x)

class Bottleneck(nn.Module):
    def __init__(self):
        super().__init__()
        self.reduce = nn.Conv2d(128, 32, 1)
        self.conv = nn.Conv2d(32, 256, 5, padding=2)
    def forward(self, x):
        return self.conv(self.reduce(x))
'''


def test_one_by_one_bottleneck_cuts_the_mult_adds(lint):
    direct, bottleneck = (model_out(m) for m in lint(BOTTLENECK, shape=(1, 128, 100, 100)).models)
    assert direct.params == 819_456
    assert direct.macs == 8_194_560_000
    assert bottleneck.macs == 2_091_840_000


SIZE_PROBE = '''
import torch
import torch.nn as nn


class Speech(nn.Module):
    def __init__(self, height=101, width=40):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, (20, 8))
        self.pool1 = nn.MaxPool2d(2)
        x = self.pool1(self.conv1(torch.zeros(1, 1, height, width)))
        self.lin = nn.Linear(x.view(1, -1).size(1), 10)

    def forward(self, x):
        x = self.pool1(self.conv1(x.unsqueeze(1)))
        return self.lin(x.view(x.size(0), -1))
'''


def test_a_size_probe_in_the_constructor_is_no_row_of_the_summary():
    """honk's SpeechModel runs its convs on `torch.zeros(1, 1, height, width)` in __init__ to size
    its Linear: torchinfo (and torch's forward hooks) see only forward(), on the batch given."""
    from convlint.pipeline import Settings, lint_text
    from convlint.report.summary import build_summary

    result = lint_text(SIZE_PROBE, "speech.py", Settings(input_shapes={"Speech": (2, 101, 40)}))
    (model,) = result.models
    summary = build_summary(model, result.diagnostics)
    torch = pytest.importorskip("torch")
    torchinfo = pytest.importorskip("torchinfo")
    namespace: dict = {}
    exec(compile(SIZE_PROBE, "speech.py", "exec"), namespace)
    stats = torchinfo.summary(namespace["Speech"](), input_size=(2, 101, 40), verbose=0, device="cpu")
    assert [tuple(row.output_shape) for row in summary.rows[1:]] == \
        [tuple(layer.output_size) for layer in stats.summary_list[1:]]
    assert summary.total_mult_adds == stats.total_mult_adds
