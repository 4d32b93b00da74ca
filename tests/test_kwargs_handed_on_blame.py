"""A count passed to a block through a helper's `**kwargs` (`make_layer(Res, n, planes=planes // 2)`
whose body builds `block(**kwargs)`): the helper only hands the keyword on, so a wrong count is
reported where the caller wrote it, as for a direct `Res(planes // 2)`; a block wrong for every
count stays blamed in the block. Each bug fails in torch and each fix runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

BLOCK = '''
import torch
from torch import nn


class Res(nn.Module):
    def __init__(self, planes, kernel_size=3):
        super().__init__()
        self.conv = nn.Conv2d(INNER, planes, kernel_size, padding=kernel_size // 2)

    def forward(self, x):
        return x + self.conv(x)

'''

HELPERS = {
    "comprehension": '''
def make_layer(block, n, **kwargs):
    return nn.Sequential(*[block(**kwargs) for _ in range(n)])
''',
    "loop": '''
def make_layer(block, n, **kw):
    layers = []
    for _ in range(n):
        layers.append(block(**kw))
    return nn.Sequential(*layers)
''',
    "nested": '''
def built(block, **kw):
    return block(**kw)


def make_layer(block, n, **kwargs):
    return nn.Sequential(*[built(block, **kwargs) for _ in range(n)])
''',
    "class": '''
class make_layer(nn.Sequential):
    def __init__(self, block, n, **kwargs):
        super().__init__(*[block(**kwargs) for _ in range(n)])
''',
}

MODEL = '''

class Net(nn.Module):
    def __init__(self, planes=32):
        super().__init__()
        self.feat = nn.Conv2d(3, planes, 3, padding=1)
        self.body = make_layer(Res, 2, planes=WIDTH, kernel_size=3)
        self.last = nn.Conv2d(planes, 3, 3, padding=1)

    def forward(self, x):
        return self.last(self.body(self.feat(x)))
'''


def _source(helper: str) -> str:
    return BLOCK + HELPERS[helper] + MODEL


@pytest.mark.parametrize("helper", sorted(HELPERS))
def test_a_count_handed_on_in_kwargs_is_blamed_where_the_caller_writes_it(helper):
    source = _source(helper).replace("INNER", "planes")
    line = line_of(source, "planes=WIDTH")
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "planes"}, {"WIDTH": "planes // 2"}, (2, 3, 16, 16),
                                         line, "CL103", "stack.py")
    assert clean.diagnostics == [] or all(d.severity != "error" for d in clean.diagnostics)


@pytest.mark.parametrize("helper", sorted(HELPERS))
def test_a_block_wrong_for_every_count_stays_blamed_in_the_block(helper):
    # the call gives the width every other layer has: the block's conv reads half of it
    source = _source(helper).replace("WIDTH", "planes")
    line = line_of(source, "nn.Conv2d(INNER")
    assert_bug_found_at_its_line(source, {"INNER": "planes"}, {"INNER": "planes // 2"}, (2, 3, 16, 16),
                                 line, "CL103", "stack.py")
    wrong = source.replace("INNER", "planes // 2")
    errors = {d.span.line for d in lint_text(wrong, "stack.py", Settings()).diagnostics if d.severity == "error"}
    assert line_of(source, "planes=planes, kernel_size") not in errors


def test_a_dict_rebound_in_the_helper_is_not_followed_through():
    # the helper halves the width itself: the caller's keyword is right, the helper is what to change
    helper = '''
def make_layer(block, n, **kwargs):
    kwargs = dict(kwargs, planes=kwargs["planes"] // 2)
    return nn.Sequential(*[block(**kwargs) for _ in range(n)])
'''
    source = (BLOCK + helper + MODEL).replace("INNER", "planes").replace("WIDTH", "planes")
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "stack.py"), (2, 3, 16, 16))
    errors = {d.span.line for d in lint_text(source, "stack.py", Settings()).diagnostics if d.severity == "error"}
    assert errors and line_of(source, "planes=planes, kernel_size") not in errors
    del torch
