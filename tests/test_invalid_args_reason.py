"""CL106 says which argument torch rejects and why: a dataset name passed down as the class count
(`get_net('citys')` -> `Net(num_class='citys')` -> `nn.Conv2d(32, num_class, 1)`) is
"out_channels must be an int, got 'citys'", where the reason was empty."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

WRAPPED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_class, **kwargs):
        super().__init__()
        self.body = nn.Conv2d(3, 32, 3, padding=1)
        self.head = LAYER

    def forward(self, x):
        return self.head(self.body(x))


def get_net(num_class=1, backbone="", **kwargs):
    return Net(num_class, backbone=backbone, **kwargs)


def get_net_citys(**kwargs):
    return get_net(VALUE, **kwargs)
'''
CASES = [
    ("nn.Conv2d(32, num_class, 1)", "out_channels must be an int, got 'citys'"),
    ("nn.Conv2d(32, 8, num_class)", "kernel_size must be an int, got 'citys'"),
    ("nn.Sequential(nn.Flatten(), nn.Linear(32, num_class))", "out_features must be an int, got 'citys'"),
]


@pytest.mark.parametrize("layer,reason", CASES)
def test_the_argument_torch_rejects_is_named_with_its_value(layer, reason):
    wrong = WRAPPED.replace("LAYER", layer).replace("VALUE", "'citys'")
    with pytest.raises(TypeError):
        built(wrong, "wrapped.py", build=lambda ns: ns["get_net_citys"]())
    found = [d for d in lint_text(wrong, "wrapped.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL106", 9)], [d.message for d in found]
    assert found[0].message.endswith(f"has arguments torch rejects: {reason}")


@pytest.mark.parametrize("layer,reason", CASES[:2])
def test_the_count_passed_as_an_int_is_clean(layer, reason):
    right = WRAPPED.replace("LAYER", layer).replace("VALUE", "19")
    built(right, "wrapped.py", build=lambda ns: ns["get_net_citys"]())
    assert not [d for d in lint_text(right, "wrapped.py", Settings()).diagnostics if d.severity == "error"]
