"""A layer built by a helper from a row of numbers it indexes (`nn.Conv2d(v[0], v[1], kernel_size=v[2],
...)` for each `name, v` of an OrderedDict of `('conv1', [3, 64, 3, 1, 1])` rows, as OpenPose builds
its stages; a list of rows read `for v in cfg` alike): a wrong count is reported at the row's number,
not at the helper's line every row runs through; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

STAGES = '''
from collections import OrderedDict
import torch
import torch.nn as nn


def make_layers(table):
    layers = []
    for name, v in ROWS:
        if 'pool' in name:
            layers.append((name, nn.MaxPool2d(kernel_size=v[0], stride=v[1], padding=v[2])))
        else:
            layers.append((name, nn.Conv2d(in_channels=v[0], out_channels=v[1], kernel_size=v[2],
                                           stride=v[3], padding=v[4])))
            layers.append(('relu_' + name, nn.ReLU(inplace=True)))
    return nn.Sequential(OrderedDict(layers))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = make_layers(TABLE([('conv1', [3, 32, 3, 1, 1]), ('pool1', [2, 2, 0]),
                                           ('conv2', [32, 64, 3, 1, 1])]))
        self.stage1 = make_layers(TABLE([('head', [64, 19, 1, 1, 0])]))
        self.stage2 = make_layers(TABLE([
            ('stage2_in', [CIN, 64, 7, 1, 3]),  # the row
            ('stage2_out', [64, 19, 1, 1, 0]),
        ]))

    def forward(self, x):
        f = self.features(x)
        return self.stage2(torch.cat([self.stage1(f), f], 1))


Net()(torch.zeros(2, 3, 16, 16))
'''

FORMS = {
    "ordered-dict": {"TABLE": "OrderedDict", "ROWS": "table.items()"},
    "dict": {"TABLE": "dict", "ROWS": "table.items()"},
    "list": {"TABLE": "list", "ROWS": "table"},
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_rows_number_the_helper_indexes_is_blamed_at_the_row(form):
    source = filled(STAGES, FORMS[form])
    wrong = filled(source, {"CIN": "84"})
    assert_bug_found_at_its_line(source, {"CIN": "83"}, {"CIN": "84"}, (2, 3, 16, 16),
                                 line_of(wrong, "# the row"), "CL103", "net.py")
    (error,) = [d for d in lint_text(wrong, "net.py", Settings()).diagnostics if d.severity == "error"]
    row = wrong.splitlines()[error.span.line - 1]
    assert row[error.span.column - 1:].startswith("84, 64, 7")
