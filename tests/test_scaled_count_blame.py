"""A block's count computed from a number written elsewhere through int(), a width multiplier or a
helper of one value (`int(in_channels * channel_multiplier)` in a block built by `DepthSep(64,
256)`, `make_divisible(c * scale)` over a config's rows) keeps where that number is written: a wrong
number is reported there, where the model built again with it given the value the step turns into
the count that arrives runs clean; where no such value does, the layer's line keeps the finding.
Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

BLOCKS = '''
import torch.nn as nn


class DepthSep(nn.Module):
    def __init__(self, cin, cout, stride=1, multiplier=1.0):
        super().__init__()
        self.dw = nn.Conv2d(int(cin * multiplier), int(cin * multiplier), 3, stride=stride, padding=1,
                            groups=int(cin * multiplier))
        self.pw = nn.Conv2d(POINTWISE, cout, 1)

    def forward(self, x):
        return self.pw(self.dw(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        self.body = nn.Sequential(
            DepthSep(16, 32),
            DepthSep(32, 64, stride=2),
            DepthSep(THIRD, 128, stride=2),
        )
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        return self.head(self.body(self.stem(x)).mean((2, 3)))
'''

ROWS = '''
import torch.nn as nn


def make_divisible(v, divisor=8, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, stride, 1, groups=cin)
        self.pw = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.pw(self.dw(x))


class Net(nn.Module):
    def __init__(self, cfgs, scale=1.0):
        super().__init__()
        self.stem = nn.Conv2d(3, make_divisible(16 * scale), 3, 2, 1)
        stages = []
        for cfg in cfgs:
            layers = []
            for cin, cout, s in cfg:
                BUILD
            stages.append(nn.Sequential(*layers))
        self.blocks = nn.Sequential(*stages)

    def forward(self, x):
        return self.blocks(self.stem(x))


def net():
    cfgs = [
        [[16, 32, 1]],
        [[32, 64, 2]],
        [[ROW, 128, 2]],
    ]
    return Net(cfgs, scale=0.5)
'''
THROUGH_A_LOCAL = ("in_channel = make_divisible(cin * scale)\n"
                   "                layers.append(Block(in_channel, make_divisible(cout * scale), s))")
IN_THE_CALL = "layers.append(Block(make_divisible(cin * scale), make_divisible(cout * scale), s))"


def _blocks(third: str = "64", pointwise: str = "int(cin * multiplier)", step: str = "int(cin * multiplier)") -> str:
    return BLOCKS.replace("int(cin * multiplier)", step).replace("POINTWISE", pointwise).replace("THIRD", third)


def _rows(row: str = "64", build: str = THROUGH_A_LOCAL) -> str:
    return ROWS.replace("BUILD", build).replace("ROW", row)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def _run(source: str, model: str):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace[model]()(torch.zeros(1, 3, 32, 32))


@pytest.mark.parametrize("step", ["int(cin * multiplier)", "int(cin)"])
def test_a_call_site_number_through_int_is_blamed_where_written(step):
    """`DepthSep(32, 128, stride=2)` where 64 arrive, the block's conv reading `int(cin * multiplier)`:
    the call's 32 is what was written wrong (given 64 the model runs), not the block's line."""
    source = _blocks(third="32", step=step)
    found = _errors(source)
    call = line_of(source, "DepthSep(32, 128, stride=2)")
    assert [(d.span.line, d.span.column, d.code) for d in found] == [(call, 22, "CL103")]
    assert line_of(source, "self.dw = nn.Conv2d(") in [r.line for r in found[0].related]
    assert "given 64 there the model runs" in found[0].message
    assert found[0].fix == "Write 64 in place of 32, so that body.2.dw expects what arrives"
    assert _errors(_blocks(step=step)) == []
    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 64"):
        _run(source, "Net")
    assert tuple(_run(_blocks(step=step), "Net").shape) == (1, 10)


@pytest.mark.parametrize("build", [THROUGH_A_LOCAL, IN_THE_CALL], ids=["through-a-local", "in-the-call"])
def test_a_row_number_through_a_helper_is_blamed_at_the_row(build):
    """`make_divisible(cin * scale)` at scale 0.5 over a row whose 32 gives 16 where 32 arrive: the
    row's number is what was written wrong (given 64 the model runs), not the loop's line."""
    source = _rows(row="32", build=build)
    found = _errors(source)
    row = line_of(source, "[[32, 128, 2]]")
    assert [(d.span.line, d.span.column, d.code) for d in found] == [(row, 11, "CL103")]
    assert "computes its in_channels=16 from the 32 written on line" in found[0].message
    assert found[0].fix == "Write 64 in place of 32, so that blocks.2.0.dw expects what arrives"
    assert _errors(_rows(build=build)) == []
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        _run(source, "net")
    assert tuple(_run(_rows(build=build), "net").shape) == (1, 64, 4, 4)


def test_a_step_every_instance_fails_stays_in_the_block():
    """`nn.Conv2d(int(cin * 2), cout, 1)` after a depthwise conv keeping cin: no instance of the line
    fits, so no call's number is shown wrong; the block's line keeps the finding."""
    source = _blocks(pointwise="int(cin * 2)")
    found = _errors(source)
    pointwise = line_of(source, "self.pw = nn.Conv2d(")
    assert found and {(d.span.line, d.code) for d in found} == {(pointwise, "CL103")}
    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 16"):
        _run(source, "Net")


def test_a_number_another_layer_reads_too_is_not_moved_where_the_edit_breaks_that_layer():
    """The wrong width is bound to a local another layer reads right (`w = 32` sizing the head as
    well as `DepthSep(w, ...)`): given 64 there the head breaks, so the number is not reported."""
    source = _blocks(third="w").replace("self.body = nn.Sequential(", "w = 32\n        self.body = nn.Sequential(") \
        .replace("self.head = nn.Linear(128, 10)", "self.head = nn.Sequential(nn.Linear(128, w), nn.Linear(32, 10))")
    found = _errors(source)
    assert found and line_of(source, "w = 32") not in {d.span.line for d in found}
    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 64"):
        _run(source, "Net")
