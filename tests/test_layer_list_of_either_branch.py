"""A layer list built in a loop where a flag not known statically picks one of two layers to
append (`if args.deform: layers.append(MyConv(c, c2)) else: layers.append(nn.Conv2d(c, c2, 3,
padding=1))`): the list holds, at that place, one of the two, each followed, what they agree on
kept, so a head wrong for every value of the flag is found at its line; where the paths append
layers of other widths, or not as many, what follows is not judged. Checked against torch."""

import argparse

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

SIZE = (2, 1, 28, 28)

SOURCE = '''
import torch.nn as nn


class MyConv(nn.Module):
    def __init__(self, inc, outc):
        super().__init__()
        self.conv = nn.Conv2d(inc, outc, 3, padding=1, bias=False)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self, args):
        super().__init__()
        layers, inp, out = [], 1, 16
        for i in range(3):
            if args.deform and args.min_layer <= i + 1:
                layers.append(MyConv(inp, out))
            else:
                layers.append(nn.Conv2d(inp, OTHER, 3, padding=1, bias=False))
            layers.append(nn.BatchNorm2d(out))
            inp, out = out, out * 2
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.fc(self.pool(self.features(x)).flatten(1))
'''


def build(flags):
    return lambda namespace: namespace["Net"](argparse.Namespace(**flags))


def errors(source):
    return [(d.code, d.span.line) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def test_a_head_wrong_for_either_layer_is_found_at_its_line():
    broken = filled(SOURCE, {"WIDTH": "128", "OTHER": "out"})
    for flags in ({"deform": True, "min_layer": 2}, {"deform": False, "min_layer": 1}):
        with pytest.raises(RuntimeError):
            module_shapes(built(broken, "net.py", build(flags)), SIZE)
    assert errors(broken) == [("CL101", line_of(broken, "self.fc ="))]


def test_the_right_head_is_clean():
    fine = filled(SOURCE, {"WIDTH": "64", "OTHER": "out"})
    for flags in ({"deform": True, "min_layer": 2}, {"deform": False, "min_layer": 1}):
        module_shapes(built(fine, "net.py", build(flags)), SIZE)
    assert errors(fine) == []


def test_layers_of_other_widths_on_the_two_paths_are_not_judged():
    # torch runs it where the flag picks MyConv everywhere (64 features): not an error
    disagreeing = filled(SOURCE, {"WIDTH": "64", "OTHER": "out + 1"})
    module_shapes(built(disagreeing, "net.py", build({"deform": True, "min_layer": 1})), SIZE)
    assert errors(disagreeing) == []


def test_a_layer_appended_on_one_path_only_leaves_the_list_unknown():
    one_sided = filled(SOURCE, {"WIDTH": "64", "OTHER": "out"}).replace(
        "                layers.append(nn.Conv2d(inp, out, 3, padding=1, bias=False))\n",
        "                layers.append(nn.Conv2d(inp, out, 3, padding=1, bias=False))\n"
        "                layers.append(nn.Conv2d(out, out, 1))\n")
    module_shapes(built(one_sided, "net.py", build({"deform": False, "min_layer": 1})), SIZE)
    result = lint_text(one_sided, "net.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
