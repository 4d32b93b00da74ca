"""A wrong value passed at a call site, through a conv+BN wrapper module (a local nn.Module whose
__init__ hands its parameters to one torch layer), is reported where the caller wrote it: a stride
or padding that breaks a block's add, a width a stage helper passes to a block; and a stride added
to a dense layer's conv is blamed on that conv, not on the cat with the layer's input. Each bug is
checked to fail in torch and each fix to run."""

import pytest

from convlint.pipeline import Settings, lint_text

RESIDUAL = '''
import torch.nn as nn
from torch.nn.modules.utils import _triple


class ConvBN(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, k, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm3d(cout)

    def forward(self, x):
        return self.bn(self.conv(x)).relu()


class TripleConvBN(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        stride = _triple(stride)
        padding = (padding, padding, padding)
        self.conv = nn.Conv3d(cin, cout, k, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm3d(cout)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, k=3, wrapper=ConvBN):
        super().__init__()
        self.conv1 = wrapper(cin, cout, k, stride=2, padding=k // 2)
        self.conv2 = wrapper(cout, cout, k, padding=k // 2)
        self.shortcut = wrapper(cin, cout, 1, stride=2)

    def forward(self, x):
        res = self.conv2(self.conv1(x))
        return (self.shortcut(x) + res).relu()


class Net(nn.Module):
    def __init__(self, wrapper=ConvBN):
        super().__init__()
        self.stem = wrapper(3, 16, 3, padding=1)
        self.block = ResBlock(16, 32, wrapper=wrapper)

    def forward(self, x):
        return self.block(self.stem(x))
'''
SHORTCUT = "self.shortcut = wrapper(cin, cout, 1, stride=2)"
CONV2 = "self.conv2 = wrapper(cout, cout, k, padding=k // 2)"
BUGS = {
    "stride": RESIDUAL.replace(SHORTCUT, "self.shortcut = wrapper(cin, cout, 1, stride=1)"),
    "padding": RESIDUAL.replace(CONV2, "self.conv2 = wrapper(cout, cout, k, padding=0)"),
}
THROUGH_TRIPLE = {name: source.replace("def __init__(self, wrapper=ConvBN)", "def __init__(self, wrapper=TripleConvBN)")
                  for name, source in {"right": RESIDUAL, **BUGS}.items()}
VIDEO = (2, 3, 8, 32, 32)


def _line(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


def _errors(source: str, shapes: dict | None = None) -> list[tuple]:
    result = lint_text(source, "net.py", Settings(input_shapes=shapes or {}))
    return sorted((d.model, d.code, d.span.line) for d in result.diagnostics if d.severity == "error")


@pytest.mark.parametrize("triple", [False, True], ids=["wrapper", "wrapper-repeating-its-arguments"])
def test_a_shortcut_stride_passed_to_a_wrapper_is_blamed_at_the_call_site(triple):
    """`ConvBN(cin, cout, 1, stride=1)` as a block's projection shortcut beside a strided main path:
    the shortcut's conv lacks the stride, and the caller wrote it (the wrapper's `stride=stride`,
    or `stride = _triple(stride)` first, is right for its other uses). With an input size and
    without (the add then breaks every size but 1 and 2 pixels)."""
    source = (THROUGH_TRIPLE if triple else BUGS)["stride"]
    line = _line(source, "self.shortcut = wrapper(cin, cout, 1, stride=1)")
    assert ("Net", "CL107", line) in _errors(source, {"Net": VIDEO})
    assert ("Net", "CL107", line) in _errors(source)
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": VIDEO}))
    (finding,) = [d for d in result.diagnostics if d.model == "Net" and d.code == "CL107"]
    assert finding.span.column == source.splitlines()[line - 1].index("stride=1") + len("stride=") + 1
    assert "self.conv = nn.Conv3d(cin, cout, k, stride=stride" in source.splitlines()[finding.related[0].line - 1]
    assert "keeps the width at 32, but the other path of + on line" in finding.message


@pytest.mark.parametrize("triple", [False, True], ids=["wrapper", "wrapper-repeating-its-arguments"])
def test_a_padding_passed_to_a_wrapper_is_blamed_at_the_call_site(triple):
    source = (THROUGH_TRIPLE if triple else BUGS)["padding"]
    line = _line(source, "self.conv2 = wrapper(cout, cout, k, padding=0)")
    assert ("Net", "CL107", line) in _errors(source, {"Net": VIDEO})


@pytest.mark.parametrize("triple", [False, True], ids=["wrapper", "wrapper-repeating-its-arguments"])
def test_the_block_with_its_strides_and_paddings_right_is_clean(triple):
    source = THROUGH_TRIPLE["right"] if triple else RESIDUAL
    assert _errors(source, {"Net": VIDEO}) == []
    assert _errors(source) == []


def test_torch_refuses_the_residual_bugs_and_runs_the_fix():
    torch = pytest.importorskip("torch")
    for sources in (BUGS, THROUGH_TRIPLE):
        for name in ("stride", "padding"):
            namespace: dict = {}
            exec(compile(sources[name], "net.py", "exec"), namespace)
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                namespace["Net"]()(torch.zeros(*VIDEO))
    for source in (RESIDUAL, THROUGH_TRIPLE["right"]):
        namespace = {}
        exec(compile(source, "net.py", "exec"), namespace)
        assert namespace["Net"]()(torch.zeros(*VIDEO)).shape == (2, 32, 4, 16, 16)
