"""Layers named by a value convlint cannot know (`OrderedDict([(name_of(i), conv) ...])`, a dict
comprehension keyed by such names, `dict(pairs)`): two unknown names are not one entry. The
container stays unknown and is listed, never one layer standing for all, which made a correct
stack look like a single conv given the wrong channels."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

SOURCE = '''
from collections import OrderedDict
import torch
import torch.nn as nn

NAMES = load_names()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers = [nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Conv2d(16, 32, 3)]
        self.body = nn.Sequential(CONTAINER)
        self.head = nn.Linear(32 * 28 * 28, 10)

    def forward(self, x):
        return self.head(torch.flatten(self.body(x), 1))
'''

CONTAINERS = {
    "ordered-dict": "OrderedDict([(NAMES[i], layer) for i, layer in enumerate(layers)])",
    "dict-of-pairs": "OrderedDict(dict([(NAMES[i], layer) for i, layer in enumerate(layers)]))",
    "dict-comprehension": "OrderedDict({NAMES[i]: layer for i, layer in enumerate(layers)})",
}


@pytest.mark.parametrize("form", CONTAINERS)
def test_layers_under_unknown_names_stay_unknown_and_listed(form):
    source = filled(SOURCE, {"CONTAINER": CONTAINERS[form]})
    result = lint_text(source, "net.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert any("Sequential" in u.why for u in model.unresolved)


def test_the_same_stack_runs_in_torch():
    pytest.importorskip("torch")
    source = filled(SOURCE, {"CONTAINER": CONTAINERS["ordered-dict"]}).replace("load_names()", "['a', 'b', 'c']")
    assert module_shapes(built(source, "net.py"), (2, 3, 32, 32))["head"] == (2, 10)
