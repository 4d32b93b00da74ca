"""A layer's count read from a plain local computed a few lines above (`in_ch =
input_channels[-1]` where the last stage doubled the width, then `nn.Conv2d(in_ch, in_ch * 2)`
and the layers after it sized from in_ch too) is reported at the assignment where the model built
again with the local bound to the count that arrives runs: the layer's line is related. Where
another name of the function holds what arrives (the layer may read the wrong name: unless
another layer reads the local too and that layer's edit alone leaves the model failing), or the
local bound so does not run the model, the layer keeps the finding. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

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


def _run(source: str, model: str = "Net"):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace[model]()(torch.zeros(1, 8, 8, 8))


def test_a_local_computed_wrong_is_reported_at_its_assignment():
    """`in_ch = widths[-1]`: 32 arrive, the bottom conv reads in_ch = 16; bound to 32 the bottom
    gives out 64 as the head takes: the assignment is the line to change."""
    source = _source(bottom="widths[-1]")
    bound = line_of(source, "in_ch = widths[-1]")
    found = [d for d in _errors(source) if d.layer.endswith("bottom.0")]
    assert {(d.span.line, d.span.column, d.code) for d in found} == {(bound, 17, "CL103")}
    assert all(line_of(source, "                in_ch,") in [r.line for r in d.related] for d in found)
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
    assert [(d.span.line, d.code) for d in found] == [(line_of(source, "                in_ch,"), "CL103")]
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        _run(source)


def test_a_layer_reading_a_local_where_another_name_holds_what_arrives_stays_at_the_layer():
    """`in_ch = widths[-1]` where `out_width` holds the 32 that arrive: the layer may read the
    wrong name, so its line keeps the finding."""
    source = _source(bottom="widths[-1]", extra="out_width = c * 2")
    found = [d for d in _errors(source) if d.layer.endswith("bottom.0")]
    assert found and {d.span.line for d in found} == {line_of(source, "                in_ch,")}
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
    assert [(d.span.line, d.code) for d in found] == [(line_of(source, "self.classifier ="), "CL103")]
    with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 112"):
        _run(source)
    fixed = WRONG_NAME.replace("READ", "in_chs")
    assert _errors(fixed) == []
    assert tuple(_run(fixed).shape) == (1, 10)


TOKEN_MIXER = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, img_size=8, patch=2, dim=16, hidden=12):
        super().__init__()
        n_tokens = TOKENS
        self.embed = nn.Conv2d(8, dim, patch, patch)
        self.mix1 = nn.Conv1d(n_tokens, hidden, 1)
        self.mix2 = nn.Conv1d(hidden, n_tokens, 1)

    def forward(self, x):
        t = self.embed(x).flatten(2).transpose(1, 2)
        return t + self.mix2(torch.relu(self.mix1(t)))
'''


def test_a_local_two_layers_read_is_reported_at_its_assignment_though_another_name_holds_the_count():
    """`n_tokens = img_size // patch` (4, where 16 tokens arrive) read by a token mixer's first and
    last layers, `dim` holding 16 too: mix1 reading `dim` would leave mix2 giving 4 tokens to the
    add, so the wrong-name guess fails and the assignment is the line to change."""
    source = TOKEN_MIXER.replace("TOKENS", "img_size // patch")
    bound = line_of(source, "n_tokens = ")
    found = [d for d in _errors(source) if d.code == "CL103"]
    assert [(d.span.line, d.layer) for d in found] == [(bound, "mix1")]
    assert line_of(source, "self.mix1 = ") in [r.line for r in found[0].related]
    assert "bound to 16 there the model runs" in found[0].message
    with pytest.raises(RuntimeError, match="expected input.* to have 4 channels, but got 16"):
        _run(source)
    fixed = TOKEN_MIXER.replace("TOKENS", "(img_size // patch) ** 2")
    assert _errors(fixed) == []
    assert tuple(_run(fixed).shape) == (1, 16, 16)


def test_a_local_read_by_one_layer_where_another_name_holds_the_count_stays_at_the_layer():
    """mix2 given its own count (`hidden, 16`): only mix1 reads n_tokens, and reading `dim` instead
    runs the model, so mix1's line keeps the finding."""
    source = TOKEN_MIXER.replace("TOKENS", "img_size // patch").replace("nn.Conv1d(hidden, n_tokens, 1)",
                                                                         "nn.Conv1d(hidden, 16, 1)")
    found = [d for d in _errors(source) if d.code == "CL103"]
    assert [(d.span.line, d.layer) for d in found] == [(line_of(source, "self.mix1 = "), "mix1")]
    with pytest.raises(RuntimeError, match="expected input.* to have 4 channels, but got 16"):
        _run(source)
