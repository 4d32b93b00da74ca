"""The input size a model file states in its configuration tables (`'input_size': [3, 64, 64]` of a
model zoo's pretrained settings, timm's `_cfg`), used when nothing else gives one: a Linear counted
for another size is found with no options, as torch finds it at the stated size."""

import pytest

from convlint.pipeline import Settings, lint_text

PRETRAINED_SETTINGS = '''
import torch.nn as nn

pretrained_settings = {
    "net": {
        "imagenet": {
            "url": "http://example.com/net.pth",
            "input_size": [3, 64, 64],
            "num_classes": 10,
        }
    }
}


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(16 * SIDE * SIDE, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''

TIMM_CFG = '''
import torch.nn as nn


def _cfg(url="", **kwargs):
    return {"url": url, "num_classes": 10, "input_size": (3, 32, 32), "crop_pct": 0.875, **kwargs}


default_cfgs = {"tiny": _cfg(url="http://example.com/tiny.pth")}


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.AvgPool2d(4)
        self.fc = nn.Linear(8 * SIDE * SIDE, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "zoo.py", Settings()).diagnostics if d.severity == "error"}


def _torch_runs(source: str, size: tuple) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "zoo.py", "exec"), namespace)
    try:
        namespace["Net"]()(torch.zeros(*size))
    except RuntimeError:
        return False
    return True


@pytest.mark.parametrize(("source", "size", "right", "wrong", "line"), [
    (PRETRAINED_SETTINGS, (2, 3, 64, 64), "16", "8", 19),
    (TIMM_CFG, (2, 3, 32, 32), "8", "4", 17),
])
def test_the_size_a_table_states_finds_a_linear_counted_for_another(source, size, right, wrong, line):
    assert _torch_runs(source.replace("SIDE", right), size)
    assert not _torch_runs(source.replace("SIDE", wrong), size)
    assert _errors(source.replace("SIDE", right)) == set()
    assert ("CL101", line) in _errors(source.replace("SIDE", wrong))
    (model,) = [m for m in lint_text(source.replace("SIDE", right), "zoo.py", Settings()).models
                if m.input_source is not None and m.input_source.kind == "configured"]
    assert tuple(model.calls[-1].output.shape.dims[1:]) == (10,)


def test_tables_of_two_sizes_give_no_size():
    source = PRETRAINED_SETTINGS.replace('"num_classes": 10,', '"num_classes": 10,\n        },\n        "large": {"input_size": [3, 128, 128],')
    assert _errors(source.replace("SIDE", "7")) == set()  # a larger input would fit: no guess


def test_a_table_for_other_channels_gives_no_size():
    source = PRETRAINED_SETTINGS.replace("[3, 64, 64]", "[1, 64, 64]")
    assert _errors(source.replace("SIDE", "7")) == set()
