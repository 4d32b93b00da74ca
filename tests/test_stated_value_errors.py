"""A required constructor parameter the code restricts to a constant table (`assert depth in cfg`,
`cfg[depth]` read where it always runs) is tried with every value the table allows: an error met with
SOME of them only is a bug of those configurations, which the code says it builds. It is reported,
for every input size or on the input given, qualified with the values that meet it; at the row of
the table where the failing layer runs clean with the other rows. A row written for other images
(a dataset's, or the input size the table is keyed by) is not checked on an input that is not its
own. Each claim is checked against torch with every value of the table."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

SIZE = (2, 3, 32, 32)

# a VGG whose depth keys its table of widths; the classifier takes the features of a 32x32 input,
# flattened (its size pinned by the input), or pooled to one pixel (any input size)
VGG = '''
import torch.nn as nn
import torch.nn.functional as F

cfg = {
    11: [64, 'M', 128, 'M', 256, 'M', 256, 'M', LAST, 'M'],  # row 11
    13: [64, 64, 'M', 128, 128, 'M', 256, 'M', 256, 'M', 128, 'M'],
    16: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 256, 'M', 128, 'M'],
}


class VGG(nn.Module):
    def __init__(self, depth, num_classes=10):
        assert depth in cfg, 'depth not in cfg'
        super().__init__()
        self.features = self._make_layers(cfg[depth])
        self.classifier = nn.Linear(128, num_classes)

    def _make_layers(self, config):
        layers, in_channels = [], 3
        for v in config:
            if v == 'M':
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels, v, 3, padding=1), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                in_channels = v
        return nn.Sequential(*layers)

    def forward(self, x):
        x = POOLED
        return self.classifier(x.view(x.size(0), -1))
'''

FLAT = {"POOLED": "self.features(x)"}
ONE_PIXEL = {"POOLED": "F.adaptive_avg_pool2d(self.features(x), 1)"}

# a pre-activation ResNet whose depth picks its block: a bottleneck past 14 layers
RESNET = '''
import torch.nn as nn
import torch.nn.functional as F

cfg = [8, 14, 20, 29]


class Basic(nn.Module):
    expansion = 1

    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False))

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        return out + self.shortcut(x)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, STRIDE, 1, bias=False)  # the strided conv
        self.bn3 = nn.BatchNorm2d(cout)
        self.conv3 = nn.Conv2d(cout, 4 * cout, 1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != 4 * cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, 4 * cout, 1, stride, bias=False))

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        out = self.conv3(F.relu(self.bn3(out)))
        out += self.shortcut(x)  # the residual add
        return out


class ResNet(nn.Module):
    def __init__(self, depth, num_classes=10):
        assert depth in cfg
        super().__init__()
        block = Bottleneck if depth > 14 else Basic
        n = (depth - 2) // 9 if depth > 14 else (depth - 2) // 6
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.in_channels = 16
        self.stage1 = self._make(block, n, 16, 1)
        self.stage2 = self._make(block, n, 32, 2)
        self.bn = nn.BatchNorm2d(self.in_channels)
        self.fc = nn.Linear(self.in_channels, num_classes)

    def _make(self, block, num_block, out_channels, stride):
        layers = [block(self.in_channels, out_channels, stride)]
        self.in_channels = block.expansion * out_channels
        for i in range(num_block - 1):
            layers.append(block(self.in_channels, out_channels))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.stage2(self.stage1(self.conv1(x)))
        x = F.adaptive_avg_pool2d(F.relu(self.bn(x)), 1)
        return self.fc(x.flatten(1))
'''


def _errors(source: str, settings: Settings | None = None) -> dict:
    result = lint_text(source, "values.py", settings or Settings())
    return {(d.code, d.span.line): d.message for d in result.diagnostics if d.severity == "error"}


def _runs(source: str, name: str, value) -> bool:
    """Whether torch runs the model built with `value` on SIZE."""
    try:
        module_shapes(built(source, "values.py", lambda ns: ns[name](value)), SIZE)
    except RuntimeError:
        return False
    return True


GIVEN = Settings(input_shapes={"": SIZE})


def test_a_row_narrower_than_the_head_is_an_error_at_the_row_on_the_input_given():
    """Row 11 ends with 64 channels where the head takes 128: torch refuses VGG(11) only. Flattened,
    the head's features depend on the input size: on the input given, the error is at the row."""
    wrong, right = filled(VGG, {**FLAT, "LAST": "64"}), filled(VGG, {**FLAT, "LAST": "128"})
    assert [_runs(wrong, "VGG", depth) for depth in (11, 13, 16)] == [False, True, True]
    assert all(_runs(right, "VGG", depth) for depth in (11, 13, 16))
    errors = _errors(wrong, GIVEN)
    assert list(errors) == [("CL101", line_of(VGG, "# row 11"))], errors
    message = errors[("CL101", line_of(VGG, "# row 11"))]
    assert "with depth=11 (a value `assert depth in cfg` allows; nothing gives it)" in message
    assert "depth=13 and 16 run clean with this classifier" in message
    assert _errors(right, GIVEN) == {}
    # with no input size, the head fits row 11 at inputs of other sizes: nothing certain is claimed
    assert _errors(wrong) == {}


def test_a_row_that_fails_at_every_input_size_is_an_error_with_no_options():
    wrong, right = filled(VGG, {**ONE_PIXEL, "LAST": "64"}), filled(VGG, {**ONE_PIXEL, "LAST": "128"})
    assert [_runs(wrong, "VGG", depth) for depth in (11, 13, 16)] == [False, True, True]
    assert all(_runs(right, "VGG", depth) for depth in (11, 13, 16))
    for settings in (None, GIVEN):
        errors = _errors(wrong, settings)
        assert list(errors) == [("CL101", line_of(VGG, "# row 11"))], errors
        assert "with depth=11 (a value `assert depth in cfg` allows" in errors[("CL101", line_of(VGG, "# row 11"))]
        assert _errors(right, settings) == {}


def test_a_block_only_some_depths_build_is_checked_with_them():
    """The bottleneck's strided conv lost its stride: the depths that build it (20, 29) fail at its
    residual add, the others (basic blocks) run."""
    wrong, right = filled(RESNET, {"STRIDE": "1"}), filled(RESNET, {"STRIDE": "stride"})
    assert [_runs(wrong, "ResNet", depth) for depth in (8, 14, 20, 29)] == [True, True, False, False]
    assert all(_runs(right, "ResNet", depth) for depth in (8, 14, 20, 29))
    for settings in (None, GIVEN):
        errors = _errors(wrong, settings)
        assert list(errors) == [("CL107", line_of(RESNET, "# the residual add"))], errors
        assert "with depth=20 and 29 (values `assert depth in cfg` allows; nothing gives them)" \
            in errors[("CL107", line_of(RESNET, "# the residual add"))]
        assert _errors(right, settings) == {}


def test_a_value_another_assert_refuses_is_not_claimed():
    """29 is in the table, but `(depth - 2) % 6 == 0` refuses it: the error is 20's alone."""
    source = filled(RESNET, {"STRIDE": "1", "assert depth in cfg": "assert depth in cfg\n        "
                                                                   "assert (depth - 2) % 6 == 0"})
    with pytest.raises(AssertionError):
        built(source, "values.py", lambda ns: ns["ResNet"](29))
    assert not _runs(source, "ResNet", 20)
    errors = _errors(source)
    assert list(errors) == [("CL107", line_of(source, "# the residual add"))], errors
    assert "with depth=20 (a value `assert depth in cfg` allows; nothing gives it)" in \
        errors[("CL107", line_of(source, "# the residual add"))]


# rows for the images of two datasets: the head takes the map each dataset's images give
DATASETS = '''
import torch.nn as nn

side = {'cifar10': 8, 'imagenet': 56}


class Net(nn.Module):
    def __init__(self, dataset, num_classes=10):
        assert dataset in side
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(16 * side[dataset] * side[dataset], num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''

# rows for two input sizes, keyed by the size
SIZES = '''
import torch.nn as nn

side = {32: 8, 64: 16}


class Net(nn.Module):
    def __init__(self, image_size, num_classes=10):
        assert image_size in side
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(16 * side[image_size] ** 2, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''


@pytest.mark.parametrize("source, own", [(DATASETS, {"cifar10": 32, "imagenet": 224}), (SIZES, {32: 32, 64: 64})])
def test_rows_for_other_inputs_are_not_checked_on_the_input_given(source, own):
    """Each row runs on its own images and fails on the others': given 32x32 for every model, the
    row for larger images is no error, nor is any row with no input size."""
    namespace: dict = {}
    exec(compile(source, "values.py", "exec"), namespace)
    for key, pixels in own.items():
        model = namespace["Net"](key).eval()
        assert model(torch.zeros(2, 3, pixels, pixels)).shape == (2, 10)
    with pytest.raises(RuntimeError):
        namespace["Net"](list(own)[1])(torch.zeros(*SIZE))
    assert _errors(source, GIVEN) == {}
    assert _errors(source) == {}
