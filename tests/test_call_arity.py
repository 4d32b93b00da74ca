"""A call given arguments the function does not take (a positional argument past the last
parameter, a keyword none takes) raises TypeError before the body runs: what the body would have
built is not followed, and nothing is reported from it. A file that defines a block class twice
(a model zoo bundling DPN's `Bottleneck(last_planes, in_planes, out_planes, dense_depth, stride,
first_layer)` and ResNet's `Bottleneck(in_planes, planes, stride)`) builds the later one, which
refuses the first model's calls: no made-up widths from binding the extra arguments anyway."""

import pytest

from convlint.pipeline import Settings, lint_text

SHADOWED = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, in_planes, planes, width, depth):
        super().__init__()
        self.conv = nn.Conv2d(in_planes, planes, 1)

    def forward(self, x):
        return self.conv(x)


class Block(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_planes, planes * 4, 1, stride=stride)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(CALLS)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(self.layers(x).mean((2, 3)))
'''

REFUSED = {
    "positional-past-the-last": "Block(3, 8, 1, 2), Block(32, 16, 1, 2)",
    "keyword-none-takes": "Block(3, 8, groups=2), Block(32, 16)",
}


def _lint(source: str):
    result = lint_text(source, "zoo.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    errors = sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    net = next(m for m in result.models if m.name == "Net")
    return errors, [u.why for u in net.unresolved]


@pytest.mark.parametrize("calls", REFUSED.values(), ids=REFUSED.keys())
def test_a_call_python_refuses_builds_nothing_to_report(calls):
    source = SHADOWED.replace("CALLS", calls)
    errors, unresolved = _lint(source)
    assert errors == []
    assert any("Block() is given arguments its __init__() does not take" in why for why in unresolved)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "zoo.py", "exec"), namespace)
    with pytest.raises(TypeError):
        namespace["Net"]()


def test_calls_that_fit_are_still_checked():
    """The same file calling the later class as it takes its arguments: the head built for
    another width is reported, as torch refuses it (16 * 4 channels reach the Linear of 64)."""
    fits = SHADOWED.replace("CALLS", "Block(3, 8), Block(32, 16, stride=2)")
    assert _lint(fits)[0] == []
    wrong = SHADOWED.replace("CALLS", "Block(3, 8), Block(32, 8, stride=2)")
    assert _lint(wrong)[0] == [(28, "CL101")]
    torch = pytest.importorskip("torch")
    for source, fails in ((fits, False), (wrong, True)):
        namespace: dict = {}
        exec(compile(source, "zoo.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Net"]()(torch.zeros(2, 3, 8, 8))
        else:
            assert namespace["Net"]()(torch.zeros(2, 3, 8, 8)).shape == (2, 10)


def test_star_parameters_take_what_is_left():
    source = SHADOWED.replace("stride=1):", "stride=1, *args, **kwargs):").replace(
        "CALLS", "Block(3, 8, 1, 2), Block(32, 4, 1, 2, groups=1)")
    assert _lint(source)[0] == [(28, "CL101")]  # followed: the head is built for 64, 16 reach it
