"""Model configurations written as strings and decoded by the model's own helpers (block strings
taken apart with re.split into namedtuples with defaults, changed with _replace): every module's
output shape equals torch's (forward hooks), the one-line bug each model is written to show is
found at its line with no options, and the correct variant stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

torch = pytest.importorskip("torch")

# 'k3_s2_i8_o16' -> BlockArgs(kernel=3, stride=[2], cin=8, cout=16): re.split on a digit group, a
# namedtuple whose defaults are set through __new__.__defaults__, widths rescaled with _replace
BLOCK_STRINGS = '''
import collections
import re
import torch.nn as nn

BlockArgs = collections.namedtuple("BlockArgs", ["kernel", "stride", "cin", "cout", "skip"])
BlockArgs.__new__.__defaults__ = (None,) * len(BlockArgs._fields)
Head = collections.namedtuple("Head", "width classes", defaults=(10,))


def decode(text):
    options = {}
    for op in text.split("_"):
        key, value = re.split(r"(\\d.*)", op)[:2]
        options[key] = value
    return BlockArgs(kernel=int(options["k"]), stride=[int(options["s"][0])], cin=int(options["i"]),
                     cout=int(options["o"]))


class Net(nn.Module):
    def __init__(self, blocks=("k3_s2_i3_o8", "k3_s1_i8_o16")):
        super().__init__()
        layers = []
        for text in blocks:
            args = decode(text)._replace(cout=decode(text).cout * 2)
            layers += [nn.Conv2d(args.cin * (2 if len(layers) else 1), args.cout, args.kernel, args.stride, 1),
                       nn.ReLU()]
        self.body = nn.Sequential(*layers)
        head = Head(32)
        self.norm = nn.BatchNorm2d(WIDTH)
        self.fc = nn.Linear(head.width, head.classes)

    def forward(self, x):
        return self.fc(self.norm(self.body(x)).mean((2, 3)))
'''

# stride=[2] of a Conv2d: torch's conv expands a one-item list to both spatial dims
ONE_ITEM_STRIDE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=[2], padding=[1], dilation=[1])
        self.up = nn.ConvTranspose2d(WIDTH, 4, 2, stride=[2])
        self.fc = nn.Linear(4 * 16 * 16, 10)

    def forward(self, x):
        return self.fc(self.up(self.conv(x)).flatten(1))
'''

CASES = {  # source, input size, right and wrong fillings, the line and code of the bug
    "block_strings": (BLOCK_STRINGS, (2, 3, 16, 16), {"WIDTH": "32"}, {"WIDTH": "16"}, 30, "CL104"),
    "one_item_stride": (ONE_ITEM_STRIDE, (2, 3, 16, 16), {"WIDTH": "8"}, {"WIDTH": "6"}, 9, "CL103"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch(case):
    source, size, right, _, _, _ = CASES[case]
    assert_shapes_equal_torch(filled(source, right), size, "configs.py")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, size, right, wrong, line, code = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "configs.py")


@pytest.mark.parametrize(("expression", "expected"), [
    ('re.split(r"(\\d.*)", "se0.25")', ["se", "0.25", ""]),
    ('re.sub(r"[^a-z]", "", "b0-x")', "bx"),
    ('re.findall(r"\\d+", "r2_k3")', ["2", "3"]),
    ('re.match(r"\\d", "k3")', None),
])
def test_the_re_functions_give_what_python_gives(expression, expected):
    import re

    assert eval(expression, {"re": re}) == expected
    source = f'''
import re
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 5 if {expression} == {expected!r} else 7)

    def forward(self, x):
        return self.fc(x)
'''
    result = lint_text(source, "configs.py", Settings(input_shapes={"Net": (2, 3)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert [c.output.shape.dims for c in model.calls if c.node.path == "fc"] == [(2, 5)]


def test_a_pattern_that_may_backtrack_for_ever_is_not_run():
    from convlint.evaluator.regex import call
    from convlint.values import Unknown

    assert isinstance(call("re.match", [r"(a+)+b", "a" * 40], {}), Unknown)
    assert call("re.split", [r"(\d.*)", "k3"], {}) == ["k", "3", ""]
