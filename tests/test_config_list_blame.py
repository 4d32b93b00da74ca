"""A width read from a configuration list written as a literal (`for v in cfg`, `dims[i + 1]`) is
written at its number: an error it causes is reported at that number, the line the user would
change. A layer that the file's other configurations run clean with (VGG's classifier, shared by
vgg11 ... vgg19) is not what is wrong: the configuration that differs is. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

RAW_WAVEFORM = '''
import torch.nn as nn


class M5(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(1, 32, 80, 4)
        layers = []
        dims = [32, 64, "pool", 64, 128]
        for i in range(len(dims) - 1):
            if dims[i + 1] == "pool":
                layers.append(nn.MaxPool1d(4))
                continue
            if dims[i] == "pool":
                continue
            layers.append(nn.Conv1d(dims[i], dims[i + 1], 3))
            layers.append(nn.BatchNorm1d(dims[i + 1]))
        self.seq = nn.Sequential(*layers)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc(self.seq(self.stem(x)).mean(2))
'''

ZOO = '''
import torch
import torch.nn as nn

cfg = {
    'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64, 'M'],
    'B': [16, 16, 'M', 32, 32, 'M', 64, 64, 'M', 64, 64, 'M', 64, 64, 'M'],
}


class VGG(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.features = features
        self.classifier = nn.Linear(64, 10)

    def forward(self, x):
        return self.classifier(self.features(x).view(x.size(0), -1))


def make_layers(cfg):
    layers, in_channels = [], 3
    for v in cfg:
        if v == 'M':
            layers += [nn.MaxPool2d(2, 2)]
        else:
            layers += [nn.Conv2d(in_channels, v, 3, padding=1), nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


def vgg11():
    return VGG(make_layers(cfg['A']))


def vgg13():
    return VGG(make_layers(cfg['B']))


if __name__ == "__main__":
    print(vgg13()(torch.randn(2, 3, 32, 32)).shape)
'''
WIDTH = ("'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64, 'M'],", "'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 32, 'M'],")
POOL = ("'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64, 'M'],", "'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64],")
HEAD = ("self.classifier = nn.Linear(64, 10)", "self.classifier = nn.Linear(64 * 2 * 2, 10)")


def _errors(source: str, name: str) -> list:
    result = lint_text(source, name, Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def test_an_item_of_a_local_list_is_blamed_at_its_number():
    source = RAW_WAVEFORM.replace('dims = [32, 64, "pool", 64, 128]', 'dims = [64, 64, "pool", 64, 128]')
    (error,) = _errors(source, "m5.py")
    assert (error.code, error.span.line, error.span.column) == ("CL103", 10, 17)


def test_the_correct_list_is_clean():
    assert _errors(RAW_WAVEFORM, "m5.py") == []


@pytest.mark.parametrize("edit", [WIDTH, POOL], ids=["width", "pool-dropped"])
def test_a_configuration_the_shared_head_does_not_fit_is_blamed_at_its_row(edit):
    (error,) = _errors(ZOO.replace(*edit), "vgg.py")
    assert (error.code, error.span.line) == ("CL101", 6)
    assert "the configuration on line 6 is what differs" in error.message and "vgg13" in error.message


def test_a_head_no_configuration_fits_stays_at_the_head():
    errors = _errors(ZOO.replace(*HEAD), "vgg.py")
    assert errors and {(e.code, e.span.line) for e in errors} == {("CL101", 15)}


def test_the_correct_zoo_is_clean():
    assert _errors(ZOO, "vgg.py") == []


@pytest.mark.parametrize("edit", [WIDTH, POOL, HEAD], ids=["width", "pool-dropped", "head"])
def test_each_edit_fails_in_torch(edit):
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "zoo"}
    exec(compile(ZOO.replace(*edit), "vgg.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["vgg11"]()(torch.randn(2, 3, 32, 32))
    correct: dict = {"__name__": "zoo"}
    exec(compile(ZOO, "vgg.py", "exec"), correct)
    assert correct["vgg11"]()(torch.randn(2, 3, 32, 32)).shape == (2, 10)
    broken_list: dict = {}
    exec(compile(RAW_WAVEFORM.replace('dims = [32, 64, "pool", 64, 128]', 'dims = [64, 64, "pool", 64, 128]'),
                 "m5.py", "exec"), broken_list)
    with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 32"):
        broken_list["M5"]()(torch.randn(2, 1, 8000))
    fine: dict = {}
    exec(compile(RAW_WAVEFORM, "m5.py", "exec"), fine)
    assert fine["M5"]()(torch.randn(2, 1, 8000)).shape == (2, 10)



def test_the_note_comes_before_an_input_description_that_holds_parentheses():
    """`(input 8x3x32x32 from line 43: net(images) on CIFAR10 batches (line 41), as fed to ...)`: the
    configuration's note is put before the whole closing description, not inside it."""
    fed_by_a_loader = ZOO.replace(*WIDTH).replace(
        "    print(vgg13()(torch.randn(2, 3, 32, 32)).shape)",
        "    from torchvision import datasets, transforms\n"
        "    data = datasets.CIFAR10('d', transform=transforms.ToTensor())\n"
        "    net = vgg13()\n"
        "    for images, labels in torch.utils.data.DataLoader(data, batch_size=8):\n"
        "        net(images)")
    (error,) = _errors(fed_by_a_loader, "vgg.py")
    assert "on CIFAR10 batches (line" in error.message
    assert error.message.index("is what differs") < error.message.index("(input ")


# a block's window read from a row of a list of lists (`for k, t, c, s in cfgs`): one row's kernel
# 5 made 4 breaks its block's residual add (`(k - 1) // 2` pads a size-keeping conv only for an odd
# k); the other rows' blocks run through the same line, so the row is what was written wrong
ROWS = '''
import torch
import torch.nn as nn


class InvertedResidual(nn.Module):
    def __init__(self, inp, hidden, oup, k, stride):
        super().__init__()
        self.identity = stride == 1 and inp == oup
        self.conv = nn.Sequential(
            nn.Conv2d(inp, hidden, 1, 1, 0, bias=False),
            nn.BatchNorm2d(hidden),
            nn.ReLU(inplace=True),
            nn.Conv2d(hidden, hidden, k, stride, (k - 1) // 2, groups=hidden, bias=False),
            nn.BatchNorm2d(hidden),
            nn.Conv2d(hidden, oup, 1, 1, 0, bias=False),
        )

    def forward(self, x):
        if self.identity:
            return x + self.conv(x)
        return self.conv(x)


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.cfgs = [
            [3, 1, 16, 2],
            [3, 4, 24, 2],
            [5, 3, 40, 2],
            [KERNEL, 3, 40, 1],
        ]
        layers, c_in = [nn.Conv2d(3, 16, 3, 1, 1)], 16
        for k, t, c, s in self.cfgs:
            layers.append(InvertedResidual(c_in, c_in * t, c, k, s))
            c_in = c
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(c_in * 4 * 4, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''


def test_a_window_read_from_a_row_is_blamed_at_the_row():
    source = ROWS.replace("KERNEL", "4")
    errors = _errors(source, "Net")
    row = next(i for i, line in enumerate(ROWS.splitlines(), 1) if "KERNEL" in line)
    assert [(d.code, d.span.line) for d in errors] == [("CL107", row)]
    assert source.splitlines()[row - 1][errors[0].span.column - 1:].startswith("4, 3, 40, 1")
    assert "the row on line" in errors[0].message


def test_the_rows_as_meant_are_clean():
    assert _errors(ROWS.replace("KERNEL", "5"), "Net") == []


def test_the_row_edit_fails_in_torch():
    torch = pytest.importorskip("torch")
    for kernel, fails in (("4", True), ("5", False)):
        namespace: dict = {}
        exec(compile(ROWS.replace("KERNEL", kernel), "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Net"]()(torch.zeros(1, 3, 32, 32))
        else:
            namespace["Net"]()(torch.zeros(1, 3, 32, 32))
