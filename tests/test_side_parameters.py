"""A constructor that takes the input's height and width as two parameters (`Net(256, 256,
params)` of `__init__(self, height, width, params)`, `img_h, img_w`, `input_height=64,
input_width=48`) and sizes a Linear from them divided (`int(height / 4) * int(width / 4)`) is
built for that image: with no options the model runs on N x C x height x width, C the first
conv's in_channels, as the call building it (a factory's too) or the defaults give the sides, so a
Linear counted for another map is CL101 at its line. One `width` alone (a WideResNet's channel
multiplier), or one given to a conv as a count, is no side. An input shape given for the class
reaches the model a factory builds of it with its arguments known."""

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_text

STUDENT = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, height, width, params):
        super().__init__()
        c = 8 * params['num_channels']
        self.conv_layers = params['conv_layers']
        self.conv1 = nn.Conv2d(1, c, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(c, c * 2, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(c * int(height / 2) * int(width / 2), 32)
        if self.conv_layers > 1:
            self.fc1 = nn.Linear(c * 2 * int(height / 4) * int(width / 4), 32)
        self.fc2 = nn.Linear(32, 2)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        if self.conv_layers > 1:
            x = self.pool(F.relu(self.conv2(x)))
        x = x.view(x.size(0), -1)
        return self.fc2(self.fc1(x))


def train(params):
    net = Net(64, 48, params)
    return net


if __name__ == "__main__":
    train({'conv_layers': 2, 'num_channels': 3})
'''
STUDENT_BUG = ("nn.Linear(c * 2 * int(height / 4) * int(width / 4), 32)",
               "nn.Linear(c * 2 * int(height / 2) * int(width / 2), 32)")

# the sides as defaults, named with a prefix, kept on self and divided through a local
DEFAULTS = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10, img_h=64, img_w=32):
        super().__init__()
        self.img_h, self.img_w = img_h, img_w
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        side_h = self.img_h // 4
        self.fc = nn.Linear(32 * side_h * (self.img_w // 4), num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''
DEFAULTS_BUG = ("side_h = self.img_h // 4", "side_h = self.img_h // 2")

# `width` a channel multiplier beside a `height` that is no side: nothing is the input's size
WIDE = '''
import torch.nn as nn


class WideNet(nn.Module):
    def __init__(self, depth=16, width=4, height=32, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 16 * width, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * width * (height // 2) * (height // 2), num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


model = WideNet(16, 4, 64)
'''


def errors(text, settings=None):
    return [d for d in lint_text(text, "net.py", settings or Settings()).diagnostics if d.severity == "error"]


def line_of(text, fragment):
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def torch_namespace(text):
    pytest.importorskip("torch")
    namespace: dict = {"__name__": "net"}
    exec(compile(text, "net.py", "exec"), namespace)
    return namespace


def test_the_sides_a_factory_builds_the_model_with_find_a_linear_counted_for_another_map():
    torch = pytest.importorskip("torch")
    text = STUDENT.replace(*STUDENT_BUG)
    (found,) = errors(text)
    assert found.code == "CL101" and found.span.line == line_of(text, STUDENT_BUG[1])
    assert "48 x 16 x 12 = 9216" in found.message
    built_at = line_of(text, "net = Net(64, 48, params)")
    assert f"Nx1x64x48 from line {built_at}: height=64, width=48" in found.message
    model = torch_namespace(text)["train"]({'conv_layers': 2, 'num_channels': 3})
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        model(torch.zeros(2, 1, 64, 48))


def test_the_correct_model_built_for_its_sides_is_clean():
    torch = pytest.importorskip("torch")
    assert errors(STUDENT) == []
    model = torch_namespace(STUDENT)["train"]({'conv_layers': 2, 'num_channels': 3})
    assert tuple(model(torch.zeros(2, 1, 64, 48)).shape) == (2, 2)


def test_the_summary_shows_the_size_and_where_it_comes_from(tmp_path):
    path = tmp_path / "net.py"
    path.write_text(STUDENT)
    result = CliRunner().invoke(main, ["summary", str(path)])
    built_at = line_of(STUDENT, "net = Net(64, 48, params)")
    assert f"train: input N x 1 x 64 x 48 (from line {built_at}: height=64, width=48)" in result.output


def test_the_sides_by_their_defaults_are_the_input():
    torch = pytest.importorskip("torch")
    text = DEFAULTS.replace(*DEFAULTS_BUG)
    (found,) = errors(text)
    assert found.code == "CL101" and found.span.line == line_of(text, "self.fc = nn.Linear")
    assert "32 x 16 x 8 = 4096" in found.message and "img_h=64, img_w=32" in found.message
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        torch_namespace(text)["Net"]()(torch.zeros(2, 3, 64, 32))
    assert errors(DEFAULTS) == []
    assert tuple(torch_namespace(DEFAULTS)["Net"]()(torch.zeros(2, 3, 64, 32)).shape) == (2, 10)


def test_a_width_of_channels_is_no_side():
    result = lint_text(WIDE, "net.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert all(model.input_source is None for model in result.models)


def test_a_lone_width_divided_into_a_linear_is_no_side():
    text = WIDE.replace("nn.Conv2d(3, 16 * width, 3, padding=1)", "nn.Conv2d(3, 64, 3, padding=1)") \
        .replace("16 * width * (height // 2) * (height // 2)", "64 * (width // 2) ** 2").replace("height=32, ", "")
    text = text.replace("WideNet(16, 4, 64)", "WideNet(16, 64)")
    result = lint_text(text, "net.py", Settings())
    assert all(model.input_source is None for model in result.models)


GRAY = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=3):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, 8, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


def gray():
    return Net(in_ch=1)
'''


@pytest.mark.parametrize("shapes", [{"Net": (2, 1, 64, 48)}, {"": (2, 1, 64, 48)}], ids=["for-the-class", "for-all"])
def test_an_input_shape_given_keeps_the_arguments_the_code_builds_the_model_with(shapes):
    text = STUDENT.replace(*STUDENT_BUG)
    (found,) = errors(text, Settings(input_shapes=shapes))
    assert found.code == "CL101" and found.span.line == line_of(text, STUDENT_BUG[1])
    assert "48 x 16 x 12 = 9216" in found.message and "input 2x1x64x48" in found.message
    assert errors(STUDENT, Settings(input_shapes=shapes)) == []


def test_a_shape_given_for_a_class_leaves_a_factory_building_it_for_other_channels_symbolic():
    result = lint_text(GRAY, "net.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (gray,) = [model for model in result.models if model.name == "gray"]
    assert gray.input_source is None
    assert any("the input shape given for Net (2x3x32x32) has channels" in u.why for u in gray.unresolved)
