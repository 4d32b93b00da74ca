"""A block built with a keyword that overrides a default the block is written for (`reduction=4`
for a block that concatenates two branches of nf // reduction channels, its default 2) is reported
where the caller writes that value: in a comprehension, positionally, or in a functools.partial a
helper calls in a loop. The block checked on its own, at its defaults, runs its layers right on an
input as wide as its nf; a layer wrong at the defaults too stays reported in the block."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

BLOCK = '''
import functools

import torch
import torch.nn as nn


def make_layer(block, n_layers):
    return nn.Sequential(*[block() for _ in range(n_layers)])


class Split(nn.Module):
    def __init__(self, nf, reduction=2):
        super().__init__()
        gw = nf // reduction
        self.a = nn.Conv2d(nf, gw, 1)
        self.b = nn.Conv2d(nf, gw, 1)
        self.fuse = nn.Conv2d({fused}, nf, 1)

    def forward(self, x):
        return self.fuse(torch.cat([self.a(x), self.b(x)], 1)) + x


class Net(nn.Module):
    def __init__(self, nf=40, nb=3):
        super().__init__()
        self.head = nn.Conv2d(3, nf, 3, 1, 1)
        {trunk}

    def forward(self, x):
        return self.trunk(self.head(x))
'''

TRUNKS = {
    "partial": "block = functools.partial(Split, nf=nf, reduction={r})\n        self.trunk = make_layer(block, nb)",
    "keyword": "self.trunk = nn.Sequential(*[Split(nf, reduction={r}) for _ in range(nb)])",
    "positional": "self.trunk = nn.Sequential(*[Split(nf, {r}) for _ in range(nb)])",
}


def _source(form: str, reduction: int, fused: str = "gw * reduction") -> str:
    return BLOCK.format(fused=fused, trunk=TRUNKS[form].format(r=reduction))


def _errors(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize("form", sorted(TRUNKS))
def test_the_overriding_value_is_reported_where_the_caller_writes_it(form):
    source = _source(form, 4)
    assert _errors(source) == [(line_of(source, "reduction=4" if form == "partial" else "Split(nf"), "CL103")]


@pytest.mark.parametrize("form", sorted(TRUNKS))
def test_the_value_the_block_is_written_for_stays_clean(form):
    assert _errors(_source(form, 2)) == []


@pytest.mark.parametrize("form", sorted(TRUNKS))
def test_a_layer_wrong_at_the_defaults_too_stays_in_the_block(form):
    # with three branches' width at its fuse, the block fails on its own as well: its line is wrong
    source = _source(form, 2, fused="gw * 3")
    assert _errors(source) == [(line_of(source, "self.fuse = "), "CL103")]


@pytest.mark.parametrize("form", sorted(TRUNKS))
def test_torch_fails_on_the_override_only(form):
    torch = pytest.importorskip("torch")
    for source, fails in ((_source(form, 4), True), (_source(form, 2), False), (_source(form, 2, "gw * 3"), True)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have .* channels, but got"):
                namespace["Net"]()(torch.zeros(1, 3, 8, 8))
        else:
            assert namespace["Net"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 40, 8, 8)


def test_with_the_width_unknown_the_override_is_still_reported_where_it_is_written():
    # nothing gives Net's nf: the block is fed nf for every nf, as the block on its own is
    source = _source("partial", 4).replace("def __init__(self, nf=40, nb=3):", "def __init__(self, nf, nb=3):")
    assert _errors(source) == [(line_of(source, "reduction=4"), "CL103")]
    assert _errors(source.replace("reduction=4", "reduction=2")) == []
