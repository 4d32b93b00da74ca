"""A candidate fix of a residual add's width is judged by whether it removes the error without
adding one, not by whether the rest of the model then runs at every input size: a head sized for one
input size (`MaxPool2d(8)` and a Linear, as in the Kaggle ResNet9) that the trial sizes do not fit is
no error of the fix, so the call passing the wrong width is blamed as it is with a global pool. A
head refusing the fixed width at every size (a Linear after a global pool written for the wider
width) keeps the finding at the add. Each bug fails in torch; each fix runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

# a ResNet9-style net: a conv-BN-ReLU factory, a residual body whose width is passed wrong
RESNET9 = '''
import torch.nn as nn


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = block(32, 32)
        self.res = nn.Sequential(block(32, 32), block(32, WIDTH))
        self.head = HEAD

    def forward(self, x):
        x = self.stem(x)
        x = self.res(x) + x
        return self.head(x)
'''
FIXED_SIZE_HEAD = "nn.Sequential(nn.MaxPool2d(8), nn.Flatten(), nn.Linear(32, 10))"
GLOBAL_HEAD = "nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10))"


@pytest.mark.parametrize("head", [FIXED_SIZE_HEAD, GLOBAL_HEAD])
def test_a_head_sized_for_one_input_size_does_not_hide_the_call_passing_the_width(head):
    source = RESNET9.replace("HEAD", head)
    line = source.splitlines().index("        self.res = nn.Sequential(block(32, 32), block(32, WIDTH))") + 1
    # (8x8 inputs: the size the fixed head is written for)
    assert_bug_found_at_its_line(source, {"WIDTH": "32"}, {"WIDTH": "64"}, (2, 32, 8, 8), line, "CL107",
                                 "resnet9.py")
    assert module_shapes(built(filled(source, {"WIDTH": "32"}), "resnet9.py"), (2, 32, 8, 8))["head"] == (2, 10)


def test_a_head_refusing_the_fixed_width_at_every_size_keeps_the_finding_at_the_add():
    # the Linear wants 64: the shortcut may be what is wrong, not the body's width
    source = RESNET9.replace("HEAD", "nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))")
    broken = filled(source, {"WIDTH": "64"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "resnet9_wide.py"), (2, 32, 8, 8))
    add = broken.splitlines().index("        x = self.res(x) + x") + 1
    found = {(d.code, d.span.line) for d in lint_text(broken, "resnet9_wide.py", Settings()).diagnostics
             if d.severity == "error"}
    assert found == {("CL107", add)}
