"""A padding a block's caller passes (`CBR(c, c, padding=0)` beside `CBR(c, c, padding=1)`)
that shrinks the map a later op needs is reported at that call's argument, not at the block's
conv line, which other calls build right."""

import pytest

from convlint.pipeline import Settings, lint_text

NET = '''
import torch.nn as nn


class CBR(nn.Module):
    def __init__(self, cin, cout, padding=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=padding)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.head = nn.Conv2d(3, c, 3, padding=1)
        self.body = CBR(c, c, padding=1)
        self.tail = CBR(c, c, padding={padding})

    def forward(self, x):
        x = self.head(x)
        return x + self.tail(self.body(x))
'''

WRONG, RIGHT = NET.replace("{padding}", "0"), NET.replace("{padding}", "1")


def _errors(source: str, settings: Settings) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 3, 32, 32)})])
def test_the_padding_is_reported_at_the_call_that_passes_it(settings):
    line = next(n for n, text in enumerate(WRONG.splitlines(), 1) if "self.tail = CBR(c, c, padding=0)" in text)
    found = _errors(WRONG, settings)
    assert found and all(at == line for at, _ in found)


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 3, 32, 32)})])
def test_the_right_padding_stays_clean(settings):
    assert _errors(RIGHT, settings) == []


def test_torch_fails_on_the_wrong_padding_only():
    torch = pytest.importorskip("torch")
    for source, fails in ((WRONG, True), (RIGHT, False)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="must match the size"):
                namespace["Net"]()(torch.zeros(2, 3, 32, 32))
        else:
            assert namespace["Net"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 16, 32, 32)


STRIDED = NET.replace("padding=1):", "padding=1, stride=1):").replace(
    "nn.Conv2d(cin, cout, 3, padding=padding)", "nn.Conv2d(cin, cout, 3, stride, padding=padding)").replace(
    "self.body = CBR(c, c, padding=1)", "self.body = CBR(c, c, stride=1)").replace(
    "self.tail = CBR(c, c, padding={padding})", "self.tail = CBR(c, c, stride={stride})")


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 3, 32, 32)})])
def test_a_stride_is_reported_at_the_call_that_passes_it(settings):
    wrong = STRIDED.replace("{stride}", "2")
    line = next(n for n, text in enumerate(wrong.splitlines(), 1) if "self.tail = CBR(c, c, stride=2)" in text)
    found = _errors(wrong, settings)
    assert found and all(at == line for at, _ in found)
    assert _errors(STRIDED.replace("{stride}", "1"), settings) == []


def test_torch_fails_on_the_passed_stride():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(STRIDED.replace("{stride}", "2"), "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="must match the size"):
        namespace["Net"]()(torch.zeros(2, 3, 32, 32))
    exec(compile(STRIDED.replace("{stride}", "1"), "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 16, 32, 32)


REFLECTED = '''
import torch.nn as nn


class CNR(nn.Module):
    def __init__(self, cin, cout, padding=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=padding)

    def forward(self, x):
        return self.conv(x)


class Res(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.ReflectionPad2d(1), CNR(c, c, padding=0))

    def forward(self, x):
        return x + self.body(x)


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.enc = CNR(3, c, padding=1)
        self.res = nn.Sequential(Res(c), Res(c))
        self.dec = CNR(c, c, padding={padding})

    def forward(self, x):
        x = self.enc(x)
        return x + self.dec(self.res(x))
'''


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 3, 32, 32)})])
def test_a_padding_is_reported_at_its_call_where_the_model_pads_several_ways(settings):
    # (the residual blocks pad by a reflection pad and give their conv padding 0: no one padding
    # for every conv of the kernel, but another call of the line passes 1)
    wrong = REFLECTED.replace("{padding}", "0")
    line = next(n for n, text in enumerate(wrong.splitlines(), 1) if "self.dec = CNR(c, c, padding=0)" in text)
    found = _errors(wrong, settings)
    assert found and all(at == line for at, _ in found)
    assert _errors(REFLECTED.replace("{padding}", "1"), settings) == []


def test_torch_fails_on_the_padding_the_call_passes():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(REFLECTED.replace("{padding}", "0"), "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="must match the size"):
        namespace["Net"]()(torch.zeros(2, 3, 32, 32))
    exec(compile(REFLECTED.replace("{padding}", "1"), "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 16, 32, 32)
