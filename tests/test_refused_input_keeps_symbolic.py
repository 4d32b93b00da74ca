"""A size the code states that the first layer refuses (`summary(net, (5, 4))` of a conv net, left
from a lesson on a linear model) is reported, and the model is also run on a symbolic input, so
that what holds for every size (a conv given the channels of no layer before it) is reported too.
And a file whose only build of a class that needs arguments is `Net()` (a TypeError) feeds no
size to the build another file of the project makes with its arguments."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

MASKED = '''
import torch.nn as nn
from torchinfo import summary


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3)
        self.conv2 = nn.Conv2d(CHANNELS, 32, 3)
        self.pool = nn.MaxPool2d(2, stride=2)

    def forward(self, x):
        x = self.pool(self.conv1(x))
        return self.pool(self.conv2(x))


if __name__ == "__main__":
    net = Net()
    summary(net, input_size=(5, 4))
'''


def _errors(source: str) -> list:
    result = lint_text(source, "model.py", Settings())
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def test_a_refused_size_does_not_hide_a_channel_mismatch_of_every_size():
    source = filled(MASKED, {"CHANNELS": "6"})
    for size in ((5, 4), (2, 1, 28, 28)):  # torch refuses the stated size, and the real one too
        with pytest.raises(RuntimeError):
            module_shapes(built(source, "model.py"), size)
    assert _errors(source) == [(line_of(source, "self.conv1 ="), "CL108"), (line_of(source, "self.conv2 ="), "CL103")]


def test_the_right_channels_leave_only_the_refused_size():
    source = filled(MASKED, {"CHANNELS": "16"})
    module_shapes(built(source, "model.py"), (2, 1, 28, 28))  # torch runs the real input
    assert _errors(source) == [(line_of(source, "self.conv1 ="), "CL108")]


MIXED = '''
import torch.nn as nn
from torchinfo import summary


class Net(nn.Module):
    def __init__(self, x_dim, h_dim):
        super().__init__()
        self.enc1 = nn.Linear(x_dim, h_dim)
        self.enc2 = nn.Linear(h_dim, 10)

    def forward(self, x):
        return self.enc2(self.enc1(x))


if __name__ == "__main__":
    net = Net()
    summary(net, input_size=(5, 4))
'''


def test_a_build_with_no_arguments_feeds_no_size_to_another_files_build(tmp_path):
    namespace: dict = {}
    exec(compile(MIXED.split('if __name__')[0], "model.py", "exec"), namespace)
    with pytest.raises(TypeError):
        namespace["Net"]()
    module_shapes(namespace["Net"](x_dim=784, h_dim=100).eval(), (8, 784))  # train.py's build runs
    (tmp_path / "model.py").write_text(MIXED)
    (tmp_path / "train.py").write_text(
        "import torch\nfrom model import Net\n\nnet = Net(x_dim=28 * 28, h_dim=100)\nout = net(torch.randn(8, 28 * 28))\n")
    result = lint_file(tmp_path / "model.py", str(tmp_path / "model.py"), Settings())
    assert [d.message for d in result.diagnostics if d.severity == "error"] == []
