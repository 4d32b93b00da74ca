"""A residual add whose one operand is cropped by a slice of numbers written in forward()
(`h + skip[:, :, self.k:]` of a gated dilated block, one step too far; the slice bound a line
before the add; a causal conv's output cut by `[..., :-3]` where its padding is 2) is reported at
that slice, with the slice that keeps the other operand's size as the fix, not at a 1x1 conv of
the other path that a kernel of 2 would happen to shrink to fit. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

GATED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin=16, ch=8, n=3):
        super().__init__()
        self.k = 2
        self.inp = nn.Conv1d(cin, ch, 1)
        self.dilated = nn.ModuleList([nn.Conv1d(ch, 2 * ch, self.k) for _ in range(n)])
        self.mix = nn.ModuleList([nn.Conv1d(ch, ch, kernel_size=1) for _ in range(n)])
        self.out = nn.Conv1d(ch, cin, 1)

    def forward(self, x):
        x = self.inp(x)
        for i in range(len(self.dilated)):
            skip = x
            a, b = self.dilated[i](x).chunk(2, dim=1)
            x = self.mix[i](torch.tanh(a) * torch.sigmoid(b))
CROP
        return self.out(x)
'''

ON_THE_ADD = "            x = x + skip[:, :, START:]"
A_LINE_BEFORE = "            kept = skip[:, :, START:]\n            x = x + kept"

CAUSAL = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.pad = 2
        self.conv = nn.Conv1d(ch, ch, 3, padding=self.pad)

    def forward(self, x):
        out = self.conv(x)[..., :STOP]
        return torch.relu(out + x)
'''


def _errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "net.py", settings or Settings()).diagnostics if d.severity == "error"]


def _at(source: str, text: str) -> tuple[int, int]:
    line = next(n for n, row in enumerate(source.splitlines(), 1) if text in row)
    return line, source.splitlines()[line - 1].index(text) + 1


def _run(source: str, size: tuple):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"]()(torch.zeros(*size))


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 16, 64)})],
                         ids=["symbolic", "given-size"])
def test_a_crop_one_step_too_far_on_the_add_is_reported_at_the_slice(settings):
    source = GATED.replace("CROP", ON_THE_ADD).replace("START", "self.k")
    (found,) = _errors(source, settings)
    assert (found.code, (found.span.line, found.span.column)) == ("CL107", _at(source, "skip[:, :, self.k:]"))
    assert "skip[:, :, self.k - 1:]" in found.fix
    assert "kernel_size" not in found.message
    with pytest.raises(RuntimeError, match=r"size of tensor a \(63\) must match the size of tensor b \(62\)"):
        _run(source, (2, 16, 64))


def test_a_crop_bound_a_line_before_the_add_is_reported_there():
    source = GATED.replace("CROP", A_LINE_BEFORE).replace("START", "2")
    (found,) = _errors(source)
    assert (found.span.line, found.span.column) == _at(source, "skip[:, :, 2:]")
    assert _at(source, "x = x + kept")[0] in [r.line for r in found.related]
    assert "skip[:, :, 1:]" in found.fix
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _run(source, (2, 16, 64))


def test_a_causal_crop_one_short_is_reported_at_the_slice():
    source = CAUSAL.replace("STOP", "-3")
    (found,) = _errors(source, Settings(input_shapes={"Net": (2, 8, 32)}))
    assert (found.span.line, found.span.column) == _at(source, "self.conv(x)[..., :-3]")
    assert "self.conv(x)[..., :-2]" in found.fix
    with pytest.raises(RuntimeError, match=r"size of tensor a \(31\) must match the size of tensor b \(32\)"):
        _run(source, (2, 8, 32))


@pytest.mark.parametrize("source", [GATED.replace("CROP", ON_THE_ADD).replace("START", "self.k - 1"),
                                    GATED.replace("CROP", A_LINE_BEFORE).replace("START", "1"),
                                    CAUSAL.replace("STOP", "-self.pad")], ids=["on-the-add", "a-line-before", "causal"])
def test_the_right_crops_run_clean(source):
    assert _errors(source) == []
    assert _errors(source, Settings(input_shapes={"Net": (2, 16 if "cin" in source else 8, 64)})) == []
    assert tuple(_run(source, (2, 16 if "cin" in source else 8, 64)).shape)[-1] in (63, 64, 61)


def test_a_crop_a_helper_makes_leaves_the_add_not_a_1x1_conv_given_a_kernel():
    """`x + crop(skip, self.k)`, the slice in a helper function: not the add's own line to blame,
    and a 1x1 conv of the other path, pointwise on purpose, is no layer to give kernel 2 to fit."""
    source = GATED.replace("CROP", "            x = x + crop(skip, self.k)") + '''

def crop(t, n):
    return t[:, :, n:]
'''
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 16, 64)})):
        (found,) = _errors(source, settings)
        assert (found.code, found.span.line) == ("CL107", _at(source, "x = x + crop(skip, self.k)")[0])
        assert "kernel_size" not in found.message
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _run(source, (2, 16, 64))
