"""A causal conv's padding a block's call passes to both its conv and the crop after it (a TCN's
`Level(c_in, c_out, k, dilation=d, padding=(k - 1) * d + 1)` building `nn.Conv1d(..., padding=
padding)` then `Trim(padding)`): the map grows by one at each conv and the residual add fails. No
other call passes another padding to compare with, so the padding that keeps the map, (k - 1) * d
at each block, is tried: where the model built again with it runs, the call's argument is the
line to change, not the add. A conv whose growth the crop after it cuts off exactly (the right
causal padding) gets no CL202. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

TCN = '''
import torch
import torch.nn as nn


class Trim(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, x):
        return x[:, :, :-self.size]


class Level(nn.Module):
    def __init__(self, c_in, c_out, k, dilation, padding):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(c_in, c_out, k, padding=padding, dilation=dilation), Trim(padding), nn.ReLU(),
            nn.Conv1d(c_out, c_out, k, padding=padding, dilation=dilation), Trim(padding), nn.ReLU())
        self.skip = nn.Conv1d(c_in, c_out, 1) if c_in != c_out else nn.Identity()

    def forward(self, x):
        return torch.relu(self.body(x) + self.skip(x))


class Net(nn.Module):
    def __init__(self, n_in, widths, k=3):
        super().__init__()
        levels = []
        for i in range(len(widths)):
            d = 2 ** i
            levels.append(Level(n_in if i == 0 else widths[i - 1], widths[i], k, dilation=d,
                                padding=PADDING))
        self.levels = nn.Sequential(*levels)

    def forward(self, x):
        return self.levels(x)
'''

BUILT = "\n\nnet = Net(4, [8, 8, 8])\ny = net(torch.zeros(2, 4, 50))\n"

# the crop a slice in the block's forward, the two levels built by calls of their own
SLICED = '''
import torch
import torch.nn as nn


class Causal(nn.Module):
    def __init__(self, c, k, dilation, padding):
        super().__init__()
        self.padding = padding
        self.conv = nn.Conv1d(c, c, k, padding=padding, dilation=dilation)

    def forward(self, x):
        return x + self.conv(x)[:, :, :-self.padding]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Causal(8, 2, dilation=1, padding=1)
        self.b = Causal(8, 2, dilation=4,
                        padding=PADDING)

    def forward(self, x):
        return self.b(self.a(x))
'''

RIGHT, WRONG = "(k - 1) * d", "(k - 1) * d + 1"


def _lint(source: str, settings: Settings | None = None) -> list:
    return lint_text(source, "net.py", settings or Settings()).diagnostics


def _errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in _lint(source, settings) if d.severity == "error"]


def _at(source: str, text: str) -> tuple[int, int]:
    line = next(n for n, row in enumerate(source.splitlines(), 1) if text in row)
    return line, source.splitlines()[line - 1].index(text) + 1


def _run(source: str):
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("built", [False, True], ids=["widths-not-given", "built-with-widths"])
def test_a_causal_padding_one_too_many_is_reported_at_the_calls_argument(built):
    source = TCN.replace("PADDING", WRONG) + (BUILT if built else "")
    (found,) = _errors(source)
    assert (found.code, (found.span.line, found.span.column)) == ("CL107", _at(source, WRONG))
    assert _at(source, "return torch.relu(self.body(x) + self.skip(x))")[0] in [r.line for r in found.related]
    assert "(kernel_size - 1) * dilation" in found.fix and ("2, 4 and 8 here" if built else "2 here") in found.fix
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"size of tensor a \(52\) must match the size of tensor b \(50\)"):
        _run(TCN.replace("PADDING", WRONG))["Net"](4, [8, 8, 8])(torch.zeros(2, 4, 50))


@pytest.mark.parametrize("built", [False, True], ids=["widths-not-given", "built-with-widths"])
def test_the_right_causal_padding_runs_clean_with_no_cl202(built):
    source = TCN.replace("PADDING", RIGHT) + (BUILT if built else "")
    assert [d.code for d in _lint(source)] == []
    torch = pytest.importorskip("torch")
    assert tuple(_run(source if built else source + BUILT)["y"].shape) == (2, 8, 50)


def test_a_causal_padding_of_one_call_among_others_is_reported_at_its_argument():
    """The other call's padding (1, dilation 1) is no peer of a dilation-4 conv: the padding that
    keeps the map, 4, is what runs."""
    source = SLICED.replace("PADDING", "5")
    settings = Settings(input_shapes={"Net": (2, 8, 40)})
    (found,) = _errors(source, settings)
    assert (found.span.line, found.span.column) == (_at(source, "padding=5")[0], _at(source, "padding=5")[1] + 8)
    assert "4 here" in found.fix
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"size of tensor a \(40\) must match the size of tensor b \(41\)"):
        _run(source)["Net"]()(torch.zeros(2, 8, 40))
    right = SLICED.replace("PADDING", "4")
    assert [d.code for d in _lint(right, settings)] == []
    assert tuple(_run(right)["Net"]()(torch.zeros(2, 8, 40)).shape) == (2, 8, 40)


def test_a_padding_that_grows_the_map_with_no_crop_after_keeps_its_cl202():
    source = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(8, 8, 3, padding=2)

    def forward(self, x):
        return self.conv(x)
'''
    assert [d.code for d in _lint(source, Settings(input_shapes={"Net": (2, 8, 40)}))] == ["CL202"]


# the padding bound once in the wrapper's constructor, read by its conv and by the crop in forward
BOUND = '''
import torch
import torch.nn as nn


class CausalConv1d(nn.Module):
    def __init__(self, cin, cout, k, dilation=1):
        super().__init__()
        self.pad = PADDING
        self.conv = nn.Conv1d(cin, cout, k, padding=self.pad, dilation=dilation)

    def forward(self, x):
        return self.conv(x)[:, :, :-self.pad]


class Net(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.a = CausalConv1d(ch, ch, 2, dilation=1)
        self.b = CausalConv1d(ch, ch, 3, dilation=2)

    def forward(self, x):
        return x + self.b(torch.tanh(self.a(x)))
'''

BOUND_RIGHT, BOUND_WRONG = "(k - 1) * dilation", "(k - 1) * dilation + 1"


@pytest.mark.parametrize("shapes", [{}, {"Net": (2, 8, 32)}], ids=["symbolic", "given"])
def test_a_causal_padding_bound_in_the_wrapper_is_reported_where_it_is_bound(shapes):
    """Each instance's conv pads by its own `self.pad`, the crop cuts it off again, one step short:
    the binding is the line to change (1 and 4 keep the map), not the add."""
    source = BOUND.replace("PADDING", BOUND_WRONG)
    (found,) = _errors(source, Settings(input_shapes=shapes))
    assert (found.code, (found.span.line, found.span.column)) == ("CL107", _at(source, BOUND_WRONG))
    assert _at(source, "return x + self.b(")[0] in [r.line for r in found.related]
    assert "(kernel_size - 1) * dilation (1 and 4 here)" in found.fix
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"size of tensor a \(32\) must match the size of tensor b \(34\)"):
        _run(source)["Net"]()(torch.zeros(2, 8, 32))


def test_the_right_bound_causal_padding_runs_clean():
    source = BOUND.replace("PADDING", BOUND_RIGHT)
    assert [d for d in _errors(source, Settings(input_shapes={"Net": (2, 8, 32)}))] == []
    assert _errors(source) == []
    torch = pytest.importorskip("torch")
    assert tuple(_run(source)["Net"]()(torch.zeros(2, 8, 32)).shape) == (2, 8, 32)
