"""A width read from a registry dict by tuple unpacking (`fn, dim_in = model_dict[name]` of
`model_dict = {'small': [small, 128], ...}`) is reported at the number in the entry read: the
line the user would change, not the layer built from the unpacked name."""

import pytest

from convlint.pipeline import Settings, lint_text

NET = '''
import torch
import torch.nn as nn


def small():
    return nn.Sequential(nn.Conv2d(3, 16, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())


def big():
    return nn.Sequential(nn.Conv2d(3, 64, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())


model_dict = {
    'small': [small, 16],
    'big': [big, {width}],
}


class Classifier(nn.Module):
    def __init__(self, name='big', num_classes=10):
        super().__init__()
        model_fun, dim_in = model_dict[name]
        self.encoder = model_fun()
        self.fc = nn.Linear(dim_in, num_classes)

    def forward(self, x):
        return self.fc(self.encoder(x))
'''

WRONG, RIGHT = NET.replace("{width}", "32"), NET.replace("{width}", "64")


def _errors(source: str) -> list[tuple[int, str]]:
    settings = Settings(input_shapes={"Classifier": (2, 3, 8, 8)})
    return [(d.span.line, d.code) for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]


def test_the_width_is_reported_at_the_registry_entry():
    line = next(n for n, text in enumerate(WRONG.splitlines(), 1) if "'big': [big, 32]" in text)
    assert _errors(WRONG) == [(line, "CL101")]


def test_the_right_entry_stays_clean():
    assert _errors(RIGHT) == []


def test_torch_fails_on_the_wrong_entry_only():
    torch = pytest.importorskip("torch")
    for source, fails in ((WRONG, True), (RIGHT, False)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="cannot be multiplied"):
                namespace["Classifier"]()(torch.zeros(2, 3, 8, 8))
        else:
            assert namespace["Classifier"]()(torch.zeros(2, 3, 8, 8)).shape == (2, 10)
