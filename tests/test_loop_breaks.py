"""A loop that a `break` under a condition not known statically may leave early: the layer getter
of a segmentation model (a ModuleDict filled from `model.named_children()` until every wanted layer
is seen, the wanted layers grown under `if aux:`) holds only the children before the break, so
what the loop changes in place is not known after it, never a container holding the classifier
head torch dropped. Where the wanted layers are known, the loop is followed exactly."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

# a small classifier, and a getter that keeps its children up to the last one asked for
GETTER = '''
from collections import OrderedDict
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.entry = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.stage = nn.Conv2d(STAGE_IN, 24, 3, stride=2, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.logits = nn.Linear(24, 7)

    def forward(self, x):
        x = self.gap(self.stage(self.entry(x)))
        return self.logits(x.flatten(1))


class Taps(nn.ModuleDict):
    def __init__(self, model, taps):
        KEEP
        kept = OrderedDict()
        for name, child in model.named_children():
            kept[name] = child
            DROP
            if not remaining:
                break
        super().__init__(kept)
        self.taps = taps

    def forward(self, x):
        found = {}
        for name, child in self.items():
            x = child(x)
            if name in self.taps:
                found[self.taps[name]] = x
        return found


class Segmenter(nn.Module):
    def __init__(self, taps, head):
        super().__init__()
        self.taps = taps
        self.head = head

    def forward(self, x):
        y = self.head(self.taps(x)["main"])
        return F.interpolate(y, size=x.shape[-2:], mode="nearest")


def segmenter(side_output, classes=4):
    taps = {"stage": "main"}
    if side_output:
        taps["entry"] = "side"
    return Segmenter(Taps(Classifier(), taps), nn.Conv2d(24, classes, 1))
'''
FORMS = {  # what the loop tracks: a dict it deletes from, or a set it discards from
    "dict": {"KEEP": "remaining = {str(k): str(v) for k, v in taps.items()}",
             "DROP": "if name in remaining:\n                del remaining[name]"},
    "set": {"KEEP": "remaining = set(taps)", "DROP": "remaining.discard(name)"},
}


def build_segmenter(namespace):
    return namespace["segmenter"](True)


@pytest.mark.parametrize("form", FORMS)
def test_the_children_after_the_break_are_not_kept(form):
    # torch drops gap and logits (the loop breaks after `stage`): the Linear never runs
    source = filled(GETTER, {**FORMS[form], "STAGE_IN": "8"})
    assert module_shapes(built(source, "seg.py", build_segmenter), (2, 3, 32, 32))["head"] == (2, 4, 8, 8)
    result = lint_text(source, "seg.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert "a `break` under a condition not known statically" in " ".join(u.why for m in result.models
                                                                         for u in m.unresolved)


@pytest.mark.parametrize("form", FORMS)
def test_a_bug_in_a_kept_child_is_still_found(form):
    source = filled(GETTER, {**FORMS[form], "STAGE_IN": "6"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "seg.py", build_segmenter), (2, 3, 32, 32))
    found = {(d.code, d.span.line) for d in lint_text(source, "seg.py", Settings()).diagnostics
             if d.severity == "error"}
    assert ("CL103", 12) in found  # `self.stage = nn.Conv2d(6, ...)` fed entry's 8 channels


# the torchvision form: the wanted layers known, a residual-style backbone cut after its last stage
KNOWN = '''
from collections import OrderedDict
import torch.nn as nn


class Stage(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride=2, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x)).relu()


class SmallResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 7, stride=2, padding=3, bias=False)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = Stage(8, 16)
        self.layer2 = Stage(16, 32)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.layer2(self.layer1(self.maxpool(self.conv1(x))))
        return self.fc(self.avgpool(x).flatten(1))


class IntermediateLayers(nn.ModuleDict):
    def __init__(self, model, return_layers):
        orig = return_layers
        return_layers = {str(k): str(v) for k, v in return_layers.items()}
        layers = OrderedDict()
        for name, module in model.named_children():
            layers[name] = module
            if name in return_layers:
                del return_layers[name]
            if not return_layers:
                break
        super().__init__(layers)
        self.return_layers = orig

    def forward(self, x):
        out = OrderedDict()
        for name, module in self.items():
            x = module(x)
            if name in self.return_layers:
                out[self.return_layers[name]] = x
        return out


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = IntermediateLayers(SmallResNet(), return_layers={"layer2": "out"})
        self.head = nn.Conv2d(HEAD_IN, 3, 1)

    def forward(self, x):
        return self.head(self.body(x)["out"])
'''


def test_known_return_layers_are_followed_exactly():
    source = filled(KNOWN, {"HEAD_IN": "32"})
    assert_shapes_equal_torch(source, (2, 3, 64, 64), "known.py")
    result = lint_text(source, "known.py", Settings(input_shapes={"Net": (2, 3, 64, 64)}))
    (net,) = [m for m in result.models if m.name == "Net"]
    assert {c.node.path for c in net.calls} >= {"body.layer2", "head"}
    assert not {"body.avgpool", "body.fc"} & {c.node.path for c in net.calls}


def test_a_wrong_head_after_known_return_layers_is_found():
    broken = filled(KNOWN, {"HEAD_IN": "16"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "known.py"), (2, 3, 64, 64))
    found = {d.span.line for d in lint_text(broken, "known.py", Settings()).diagnostics if d.severity == "error"}
    assert 58 in found  # `self.head = nn.Conv2d(16, 3, 1)` fed layer2's 32 channels


# a trunk cut from a classifier's children into an nn.Sequential, the cut found in a list grown
# under a condition not known
TRUNK = '''
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.b2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(self.pool(self.b2(self.b1(x))).flatten(1))


class Net(nn.Module):
    def __init__(self, deep):
        super().__init__()
        ends = ["b2"]
        if deep:
            ends.append("b1")
        parts = []
        for name, child in Classifier().named_children():
            parts.append(child)
            if name == ends[0]:
                break
        self.trunk = nn.Sequential(*parts)
        self.head = nn.Conv2d(16, 5, 1)

    def forward(self, x):
        return self.head(self.trunk(x))
'''


@pytest.mark.parametrize("deep", [False, True])
def test_a_sequential_cut_by_a_break_holds_no_later_child(deep):
    # torch stops at b2 either way: the Linear is not in the trunk
    model = built(TRUNK, "trunk.py", lambda namespace: namespace["Net"](deep))
    assert module_shapes(model, (2, 3, 16, 16))["head"] == (2, 5, 4, 4)
    assert [d for d in lint_text(TRUNK, "trunk.py", Settings()).diagnostics if d.severity == "error"] == []
