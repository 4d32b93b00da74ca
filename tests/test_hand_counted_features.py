"""A Linear's count counted by hand as C x H x W (`self.flat = 32 * 3 * 3`) is reported where that
product is written: a `self.` attribute set from numbers is traced like a local, and a strided conv
given `padding=0` on purpose (7 -> 3) is not blamed in its place; against torch."""

import pytest

from convlint.pipeline import Settings
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled
from tests.source_lines import line_of

ENCODER = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(16, 32, 3, stride=2, padding=LAST_PADDING)
        COUNT
        self.fc = nn.Linear(FEATURES, 10)

    def forward(self, x):
        x = self.conv3(self.conv2(self.conv1(x)))
        return self.fc(torch.flatten(x, 1))


Net()(torch.zeros(2, 1, 28, 28))
'''

SIZE = (2, 1, 28, 28)

# (the count in a self attribute, in a local, in the call), each with its line's marker
FORMS = [
    ({"COUNT": "self.flat = 32 * SIDE * SIDE", "FEATURES": "self.flat"}, "self.flat = 32"),
    ({"COUNT": "flat = 32 * SIDE * SIDE", "FEATURES": "flat"}, "flat = 32"),
    ({"COUNT": "pass", "FEATURES": "32 * SIDE * SIDE"}, "nn.Linear(32"),
]


@pytest.mark.parametrize("form,marker", FORMS)
def test_a_count_counted_by_hand_is_blamed_not_a_deliberately_unpadded_strided_conv(form, marker):
    """conv3's padding 0 (7 -> 3) differs from the other k3 s2 convs' 1, and padding it would make
    the model run, but the product written for the Linear, 32 channels as arrive, is what is off."""
    source = filled(ENCODER, {**form, "LAST_PADDING": "0"})
    wrong = filled(source, {"SIDE": "4"})
    assert_bug_found_at_its_line(source, {"SIDE": "3"}, {"SIDE": "4"}, SIZE, line_of(wrong, marker), "CL101", "enc.py")
    from convlint.pipeline import lint_text

    (error,) = [d for d in lint_text(wrong, "enc.py", Settings()).diagnostics if d.severity == "error"]
    assert "makes it run" not in error.message
    assert_shapes_equal_torch(filled(source, {"SIDE": "3"}), SIZE, "enc.py")


def test_a_count_in_a_self_attribute_is_reported_where_the_attribute_is_set():
    """No conv stands out (all padded): the attribute's line, as a local's, not the Linear's."""
    source = filled(ENCODER, {**FORMS[0][0], "LAST_PADDING": "1"})
    wrong = filled(source, {"SIDE": "5"})
    assert_bug_found_at_its_line(source, {"SIDE": "4"}, {"SIDE": "5"}, SIZE, line_of(wrong, "self.flat = 32"),
                                 "CL101", "enc.py")
