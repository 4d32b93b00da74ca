"""Lists a model's code builds and changes in place, and the `callable()` test timm-style helpers
put before each optional layer (`if callable(norm_layer): seq.append(norm_layer(c))`). A list
extended with items not known statically (`layers.extend(body(...))` of a helper whose count is an
argument not given) is not known either, never the list as it was (which made a Sequential of its
pooling alone and a false channel error); a list of arguments grown and then sliced
(`zip(chans[:-1], chans[1:])`) is followed with its new items. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.test_soundness import model_json
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

CALLABLE = '''
import torch
import torch.nn as nn


def conv_sequence(cin, cout, act_layer=None, norm_layer=None):
    seq = [nn.Conv2d(cin, cout, 3, padding=1, bias=norm_layer is None)]
    if callable(norm_layer):
        seq.append(norm_layer(cout))
    if callable(act_layer):
        seq.append(act_layer)
    return seq


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            *conv_sequence(3, 16, nn.ReLU(inplace=True), nn.BatchNorm2d),
            *conv_sequence(16, 32, None, nn.BatchNorm2d),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))
'''
HEAD_LINE = line_of(CALLABLE, "WIDTH")


def test_callable_of_layer_classes_instances_and_none_is_decided(tmp_path):
    source = filled(CALLABLE, {"WIDTH": "32"})
    assert_shapes_equal_torch(source, (2, 3, 16, 16), "callable.py")
    model, _ = model_json(tmp_path, source)
    assert not [u for u in model["unresolved"] if "callable" in u["why"]]
    assert model["params"] == sum(p.numel() for p in built(source, "callable.py").parameters())


def test_a_width_wrong_after_callable_helpers_is_an_error_at_its_line():
    assert_bug_found_at_its_line(CALLABLE, {"WIDTH": "32"}, {"WIDTH": "16"}, (2, 3, 16, 16), HEAD_LINE, "CL101",
                                 "callable.py")


EXTENDED = '''
import torch.nn as nn


def body(cin, cout, depth):
    seq = [nn.Conv2d(cin, cout, 3, padding=1)]
    for _ in range(depth - 1):
        seq.append(nn.Conv2d(cout, cout, 3, padding=1))
    return seq


class Net(nn.Module):
    def __init__(self, depth):
        super().__init__()
        layers = [nn.MaxPool2d(2)]
        CHANGE
        self.enc = nn.Sequential(*layers)
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        return self.head(self.enc(x))
'''
CHANGES = {
    "extend": "layers.extend(body(3, 16, depth))",
    "extend of a starred list": "layers.extend([*body(3, 16, depth)])",
    "pop of an index not known": "layers.extend([nn.Conv2d(3, 16, 1), nn.Identity()]); layers.pop(depth - 3)",
}


@pytest.mark.parametrize("case", list(CHANGES))
def test_a_list_changed_by_items_not_known_is_not_known(tmp_path, case):
    source = EXTENDED.replace("CHANGE", CHANGES[case])
    model = built(source, "extended.py", lambda namespace: namespace["Net"](2))
    assert module_shapes(model, (2, 3, 8, 8))[""] == (2, 4, 4, 4)  # torch runs it
    result = lint_text(source, "extended.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    model, _ = model_json(tmp_path, source)
    assert any("what the list holds is not known" in u["why"] for u in model["unresolved"])
    assert model["params"] is None  # (never the pool's 0 as the total)


GROWN = '''
import torch.nn as nn


class Net(nn.Sequential):
    def __init__(self, in_channels=3, planes=(8, 16, 32)):
        chans = [in_channels, planes[0]]
        chans.extend([c for c in planes[1:-1]])
        chans.append(planes[-1])
        layers = []
        for cin, cout in zip(chans[:-1], chans[1:]):
            layers.append(nn.Conv2d(cin, cout, 3, stride=2, padding=1))
        super().__init__(*layers)
'''


def test_a_list_of_arguments_grown_then_sliced_is_followed():
    assert_shapes_equal_torch(GROWN, (2, 3, 32, 32), "grown.py")
    result = lint_text(GROWN, "grown.py", Settings())
    assert not [d for d in result.diagnostics if d.code == "CL999"]
