"""A helper that takes a built model, swaps some of its layers and returns it (a CIFAR stem:
`model.conv1 = nn.Conv2d(3, 64, 3, 1, 1)`, `model.maxpool = nn.Identity()`, strides moved in
place: `block.conv2.stride = (2, 2)`): a model, built as the code calls it (`modify(Net())`), the
edits applied; called with no model known it is listed as not followed."""

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

SOURCE = '''import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(16, 16, 1, 2)
        self.conv2 = nn.Conv2d(16, 16, 3, 1, 1)

    def forward(self, x):
        return self.conv2(self.conv1(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 7, 2, 3)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer = nn.Sequential(Block(), Block())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(self.pool(self.layer(self.maxpool(self.conv1(x)))).flatten(1))


def modify(model, cifar_stem=True, v1=True):
    if cifar_stem:
        model.conv1 = nn.Conv2d(3, 16, 3, 1, 1)
        model.maxpool = nn.Identity()
        model.fc = nn.Linear(WIDTH, 5)
    if v1:
        for block in model.layer:
            block.conv1.stride = (1, 1)
            block.conv2.stride = (2, 2)
    return model


CALL
'''
HEAD_LINE = 32


def test_the_edited_model_has_torch_shapes():
    source = filled(SOURCE, {"WIDTH": "16", "CALL": "net = modify(Net())"})
    assert_shapes_equal_torch(source, (2, 3, 32, 32), "edited.py", name="modify",
                              build=lambda namespace: namespace["modify"](namespace["Net"]()))


def test_a_width_bug_of_the_swapped_head_is_found_at_its_line():
    source = filled(SOURCE, {"CALL": "net = modify(Net())"})
    assert_bug_found_at_its_line(source, {"WIDTH": "16"}, {"WIDTH": "32"}, (2, 3, 32, 32), HEAD_LINE, "CL101",
                                 "edited.py", build=lambda namespace: namespace["modify"](namespace["Net"]()))


def test_with_no_model_given_it_is_listed():
    source = filled(SOURCE, {"WIDTH": "32", "CALL": ""})
    result = lint_text(source, "unedited.py", Settings())
    (model,) = [m for m in result.models if m.name == "modify"]
    assert model.root is None and any("modify(...) returns" in u.why for u in model.unresolved)
    assert not [d for d in result.diagnostics if d.severity == "error"]
