"""A loop over a dict the analysis does not know (`for name, n in groups.items()`, a constructor's
argument): its body is followed once for an item of any key and value, so what every item's layer
does is checked (a ModuleDict's head built `in_features * 2` wide while the features arriving are
`in_features`), while the dict's size stays unknown: the container is not complete, its totals not
known, and a loop that carries state from one item to the next is not taken to build alike for all."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

HEADS = '''
import torch
from torch import nn


class Heads(nn.Module):
    def __init__(self, in_features, groups):
        super().__init__()
        self.groups = groups
        FILL

    def forward(self, x):
        USE


class Net(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.body = nn.Linear(32, 16)
        self.heads = Heads(16, groups)

    def forward(self, x):
        return self.heads(self.body(x))
'''
FILLS = {  # a loop setting each key's head, or a dict comprehension the ModuleDict is built from
    "loop": "self.heads = nn.ModuleDict()\n        for name, n in groups.items():\n"
            "            self.heads[name] = nn.Linear(WIDTH, n)",
    "dict-comprehension": "self.heads = nn.ModuleDict({name: nn.Linear(WIDTH, n) for name, n in groups.items()})",
}
USES = {  # how forward reaches each head: by the keys of the same dict, or the ModuleDict's own items
    "comprehension": "return torch.cat([torch.sigmoid(self.heads[k](x)) for k in self.groups], dim=1)",
    "loop": "outs = {}\n        for k in self.groups:\n            outs[k] = self.heads[k](x)\n        return outs",
    "items": "return {k: head(x) for k, head in self.heads.items()}",
    "values": "outs = []\n        for head in self.heads.values():\n            outs.append(head(x))\n"
              "        return torch.cat(outs, dim=1)",
}


def build(namespace):
    return namespace["Net"]({"a": 3, "b": 2})


def errors(source):
    return {(d.code, d.span.line) for d in lint_text(source, "heads.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("fill", FILLS)
@pytest.mark.parametrize("use", USES)
def test_a_head_too_wide_for_every_item_is_found(fill, use):
    source = filled(HEADS, {"FILL": FILLS[fill], "WIDTH": "in_features * 2", "USE": USES[use]})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "heads.py", build), (2, 32))
    assert ("CL101", line_of(source, "nn.Linear(in_features * 2, n)")) in errors(source)


@pytest.mark.parametrize("fill", FILLS)
@pytest.mark.parametrize("use", USES)
def test_the_right_width_is_clean(fill, use):
    source = filled(HEADS, {"FILL": FILLS[fill], "WIDTH": "in_features", "USE": USES[use]})
    module_shapes(built(source, "heads.py", build), (2, 32))
    assert errors(source) == set()


@pytest.mark.parametrize("fill", FILLS)
def test_the_container_keeps_its_size_unknown(fill):
    source = filled(HEADS, {"FILL": FILLS[fill], "WIDTH": "in_features", "USE": USES["comprehension"]})
    (net,) = [m for m in lint_text(source, "heads.py", Settings()).models if m.name == "Net"]
    heads = net.root.children["heads"].children["heads"]
    assert heads.incomplete  # never an empty ModuleDict, nor one of a single head: totals not known
    assert any("followed once" in u.why for u in net.unresolved)


CHAINED = '''
import torch
from torch import nn


class Chain(nn.Module):
    def __init__(self, in_features, widths):
        super().__init__()
        self.widths = widths
        self.steps = nn.ModuleDict()
        width = in_features
        for name, n in widths.items():
            self.steps[name] = nn.Linear(width, n)
            width = n

    def forward(self, x):
        for k in self.widths:
            x = self.steps[k](x)
        return x


class Net(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.body = nn.Linear(32, 16)
        self.chain = Chain(16, widths)

    def forward(self, x):
        return self.chain(self.body(x)).sum(1) + self.chain(self.body(x)).sum(1)
'''


def test_a_loop_carrying_a_width_builds_no_module_for_every_key():
    # each step's width is the last one's: the first step's module is not every key's
    module_shapes(built(CHAINED, "chain.py", lambda ns: ns["Net"]({"a": 8, "b": 4})), (2, 32))
    result = lint_text(CHAINED, "chain.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_a_key_of_another_dict_gives_no_module():
    source = filled(HEADS, {"FILL": FILLS["loop"], "WIDTH": "in_features * 2", "USE": "return self.heads[self.which](x)"})
    source = source.replace("self.groups = groups", "self.groups = groups\n        self.which = 'a'")
    # (a key known: the module under it is not known to be the one the loop built)
    result = lint_text(source, "heads.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
