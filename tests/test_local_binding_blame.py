"""A layer's count read from a plain local computed a few lines above (`in_ch =
input_channels[-1]` where the last stage doubled the width, then `nn.Conv2d(in_ch, in_ch * 2)`
and the layers after it sized from in_ch too) is reported at the assignment where the model built
again with the local bound to the count that arrives runs: the layer's line is related. Where
another name of the function holds what arrives (the layer may read the wrong name), or the
local bound so does not run the model, the layer keeps the finding. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

ENCODER = '''
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, ch=8, depth=3):
        super().__init__()
        widths = [ch] + [ch * 2 ** i for i in range(depth - 1)]
        blocks = []
        for i, c in enumerate(widths):
            blocks.append(nn.Conv2d(c, c if i == 0 else c * 2, 3, padding=1))
        self.blocks = nn.Sequential(*blocks)
        EXTRA
        in_ch = BOTTOM
        self.bottom = nn.Sequential(
            nn.Conv2d(
                in_ch,
                in_ch * 2,
                3,
                padding=1,
            ),
            nn.BatchNorm2d(in_ch * 2),
            nn.ReLU(),
        )

    def forward(self, x):
        return self.bottom(self.blocks(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder(8, 3)
        self.head = nn.Conv2d(HEAD, 2, 1)

    def forward(self, x):
        return self.head(self.encoder(x))
'''


def _source(bottom: str = "widths[-1] * 2", head: str = "64", extra: str = "pass") -> str:
    return ENCODER.replace("BOTTOM", bottom).replace("HEAD", head).replace("EXTRA", extra)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings(input_shapes={"Net": (1, 8, 8, 8)})).diagnostics
            if d.severity == "error"]


def _line(source: str, text: str) -> int:
    return next(number for number, line in enumerate(source.splitlines(), 1) if text in line)


def _run(source: str, model: str = "Net"):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace[model]()(torch.zeros(1, 8, 8, 8))


def test_a_local_computed_wrong_is_reported_at_its_assignment():
    """`in_ch = widths[-1]`: 32 arrive, the bottom conv reads in_ch = 16; bound to 32 the bottom
    gives out 64 as the head takes: the assignment is the line to change."""
    source = _source(bottom="widths[-1]")
    bound = _line(source, "in_ch = widths[-1]")
    found = [d for d in _errors(source) if d.layer.endswith("bottom.0")]
    assert {(d.span.line, d.span.column, d.code) for d in found} == {(bound, 17, "CL103")}
    assert all(_line(source, "                in_ch,") in [r.line for r in d.related] for d in found)
    assert all("bound to 32 there the model runs" in d.message for d in found)
    assert _errors(_source()) == []
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        _run(source)
    assert tuple(_run(_source()).shape) == (1, 2, 8, 8)


def test_a_local_whose_other_readers_then_break_stays_at_the_layer():
    """The head takes 32 (the bottom written for 16 in, 32 out): bound to 32, in_ch makes the
    bottom give 64, which the head refuses; the conv's line keeps the finding."""
    source = _source(bottom="widths[-1]", head="32")
    found = _errors(source)
    assert [(d.span.line, d.code) for d in found] == [(_line(source, "                in_ch,"), "CL103")]
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        _run(source)


def test_a_layer_reading_a_local_where_another_name_holds_what_arrives_stays_at_the_layer():
    """`in_ch = widths[-1]` where `out_width` holds the 32 that arrive: the layer may read the
    wrong name, so its line keeps the finding."""
    source = _source(bottom="widths[-1]", extra="out_width = c * 2")
    found = [d for d in _errors(source) if d.layer.endswith("bottom.0")]
    assert found and {d.span.line for d in found} == {_line(source, "                in_ch,")}
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        _run(source)


WRONG_NAME = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, small=True, num_classes=10):
        super().__init__()
        factor = 1 if small else 4
        bw = 64 * factor
        inc = 16
        self.body = nn.Conv2d(8, bw + 3 * inc, 3, padding=1)
        in_chs = bw + 3 * inc
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Conv2d(READ, num_classes, kernel_size=1)

    def forward(self, x):
        return self.classifier(self.pool(self.body(x))).flatten(1)
'''


def test_a_layer_reading_a_formula_local_where_another_name_holds_what_arrives_stays_at_the_layer():
    """`Conv2d(bw, ...)` where `in_chs` holds the 112 that arrive: the layer read the wrong name;
    `bw = 64 * factor` is right (the body reads it too), so the layer's line is the one to change."""
    source = WRONG_NAME.replace("READ", "bw")
    found = _errors(source)
    assert [(d.span.line, d.code) for d in found] == [(_line(source, "self.classifier ="), "CL103")]
    with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 112"):
        _run(source)
    fixed = WRONG_NAME.replace("READ", "in_chs")
    assert _errors(fixed) == []
    assert tuple(_run(fixed).shape) == (1, 10)
