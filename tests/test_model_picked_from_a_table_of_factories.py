"""A model built through a table of factories looked up by name inside a function
(`fn = table.get(name)`, `model = fn(num_classes=n)`, `return model`) that a test function of the
file calls with a constant name and feeds an input of stated size: the lookup is followed to the
factory it names, so a layer wrong for that input is an error at its line. A name not known
statically, or one the table lacks, leaves the model unknown and listed. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled

NAME = "picked_factory.py"
SOURCE = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, stride=8, padding=1)
        self.linear = nn.Linear(64, num_classes)

    def forward(self, x):
        out = self.conv(x)
        out = F.avg_pool2d(out, WINDOW)
        out = out.view(out.size(0), -1)
        return self.linear(out)


def net_32(num_classes=10):
    return Net(num_classes=num_classes)


def get_model(model_name, num_classes, frozen=False):
    table = {'net_32': net_32}
    model_fn = table.get(model_name)
    if not model_fn:
        raise ValueError(model_name)
    model = model_fn(num_classes=num_classes)
    if frozen:
        for param in model.parameters():
            param.requires_grad = False
    return model


def test():
    model = get_model(CHOSEN, num_classes=10)
    x = torch.randn(2, 3, 32, 32)
    y = model(x)
    print(y.size())


if __name__ == '__main__':
    test()
'''
POOL_LINE = 14


def _build(namespace):
    return namespace["get_model"]("net_32", num_classes=10)


def test_the_pool_too_wide_for_the_test_input_is_found_at_its_line():
    clean = assert_bug_found_at_its_line(SOURCE, {"WINDOW": "4", "CHOSEN": "'net_32'"},
                                         {"WINDOW": "8", "CHOSEN": "'net_32'"},
                                         (2, 3, 32, 32), POOL_LINE, "CL105", NAME, build=_build)
    assert not [d for d in clean.diagnostics if d.code == "CL211"]


@pytest.mark.parametrize("chosen", ["name", "'other'"])
def test_a_name_not_known_or_not_in_the_table_leaves_the_model_unknown(chosen):
    source = filled(SOURCE, {"WINDOW": "8", "CHOSEN": chosen}).replace("def test():", "def test(name=None):")
    result = lint_text(source, NAME, Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (made,) = [m for m in result.models if m.name == "get_model"]
    assert made.root is None or made.stopped
