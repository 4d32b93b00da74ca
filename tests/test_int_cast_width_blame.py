"""A wrapper that casts its counts (`nn.Conv2d(int(cin), int(cout), k)`, as blocks fed a
`feats / n` quotient do) is blamed where its caller writes the wrong count, as one reading the
parameter bare is: int() of a whole number hands it on unchanged. The counts are made of a
constructor argument nothing gives (`Net(classes)`), so the width is checked for every value.
Against torch."""

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line

CONTEXT = '''
import torch
import torch.nn as nn


class ConvUnit(nn.Module):
    def __init__(self, cin, cout, k):
        super().__init__()
        self.conv = nn.Conv2d(int(cin), int(cout), int(k), padding=int(k) // 2, bias=False)
        self.bn = nn.BatchNorm2d(int(cout))

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class ContextBlock(nn.Module):
    def __init__(self, cin, feats, scales=(1, 3, 5)):
        super().__init__()
        self.branches = nn.ModuleList([ConvUnit(cin, feats / len(scales), k) for k in scales])

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], dim=1)


class Net(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.context = ContextBlock(2 * classes, 3 * classes)
        self.head = ConvUnit(WIDTH, classes, 1)

    def forward(self, x):
        return self.head(self.context(x))
'''

FUNCTIONS = '''
import torch
import torch.nn as nn


def conv1x1(cin, cout):
    return nn.Conv2d(int(cin), int(cout), 1, bias=False)


def norm(channels):
    return nn.BatchNorm2d(int(channels))


class Net(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.stem = nn.Conv2d(classes, classes, 3, padding=1)
        self.a = conv1x1(classes, 2 * classes)
        self.a_norm = norm(2 * classes)
        self.b = conv1x1(2 * classes, classes)
        self.b_norm = norm(NORMED)

    def forward(self, x):
        x = self.a_norm(self.a(self.stem(x)))
        return self.b_norm(self.b(x))
'''


def _build(namespace):
    return namespace["Net"](5)


def test_a_cast_count_passed_to_a_wrapper_class_is_blamed_at_its_call():
    wrong = CONTEXT.replace("WIDTH", "classes")
    assert_bug_found_at_its_line(CONTEXT, {"WIDTH": "3 * classes"}, {"WIDTH": "classes"}, (2, 10, 16, 16),
                                 line_of(wrong, "self.head = ConvUnit("), "CL103", "context.py", build=_build)
    found = [d for d in lint_text(wrong, "context.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.span.line for d in found] == [line_of(wrong, "self.head = ConvUnit(")]


def test_a_cast_count_passed_to_a_layer_helper_is_blamed_at_its_call():
    assert_bug_found_at_its_line(FUNCTIONS, {"NORMED": "classes"}, {"NORMED": "2 * classes"}, (2, 5, 16, 16),
                                 line_of(FUNCTIONS, "self.b_norm = norm("), "CL104", "helpers.py", build=_build)


def test_a_cast_count_at_its_helper_line_when_every_call_is_wrong():
    # the helper itself reads the wrong parameter: no call passes what its layer gets
    source = CONTEXT.replace("nn.BatchNorm2d(int(cout))", "nn.BatchNorm2d(int(cin))").replace("WIDTH", "3 * classes")
    found = {(d.code, d.span.line) for d in lint_text(source, "context.py", Settings()).diagnostics
             if d.severity == "error"}
    assert ("CL104", line_of(source, "nn.BatchNorm2d(int(cin))")) in found
