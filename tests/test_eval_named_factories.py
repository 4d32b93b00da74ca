"""A backbone named by a string and built by eval() (`backbone = eval(f"{name}()")`, then its fc
replaced): with the name known the string is the call of a class of the file with literal
arguments, run as Python runs it; with the name unknown the factory is listed as not followed."""

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

SOURCE = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 7, 2, 3)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv1(x)).flatten(1))


def get_backbone(backbone, castrate=True):
    backbone = eval(EVALUATED)
    if castrate:
        backbone.fc = nn.Linear(WIDTH, 5)
    return backbone


net = get_backbone("Net")
'''
FC_LINE = 19
FORMS = {"f-string": 'f"{backbone}()"', "with-arguments": 'f"{backbone}(width=16)"',
         "concatenated": 'backbone + "(16)"'}


def test_the_named_class_is_built_and_edited():
    for form, text in FORMS.items():
        source = filled(SOURCE, {"EVALUATED": text, "WIDTH": "16"})
        assert_shapes_equal_torch(source, (2, 3, 32, 32), f"{form}.py", name="get_backbone",
                                  build=lambda namespace: namespace["get_backbone"]("Net"))


def test_a_width_bug_of_the_edited_model_is_found_at_its_line():
    source = filled(SOURCE, {"EVALUATED": FORMS["f-string"]})
    assert_bug_found_at_its_line(source, {"WIDTH": "16"}, {"WIDTH": "32"}, (2, 3, 32, 32), FC_LINE, "CL101",
                                 "evaluated.py", build=lambda namespace: namespace["get_backbone"]("Net"))


def test_a_name_not_known_is_listed():
    source = filled(SOURCE, {"EVALUATED": FORMS["f-string"], "WIDTH": "32"}).replace('net = get_backbone("Net")\n', "")
    result = lint_text(source, "unnamed.py", Settings())
    (model,) = [m for m in result.models if m.name == "get_backbone"]
    assert model.root is None and any("eval()" in u.why for u in model.unresolved)
    assert not [d for d in result.diagnostics if d.severity == "error"]
