"""int() of arithmetic on a required constructor argument that a torch layer of __init__ takes
bare as a count (`currDepth = int(ngf * 2 ** depth)` of a DCGAN generator, written before the
`nn.ConvTranspose2d(ngf, 3, ...)` that takes ngf): torch's constructors refuse a float count, so
the argument is a whole number and int() keeps the product, wherever in __init__ the layer comes.
An argument rebound in __init__, or taken only by a norm that may size no weight, proves nothing."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.count_parameters import count_parameters

GENERATOR = '''
import torch.nn as nn

class GNet(nn.Module):
    def __init__(self, dim_latent, dim_output, ngf, depth=3):
        super().__init__()
        depth_now = int(ngf * (2 ** depth))
        self.head = nn.ConvTranspose2d(dim_latent, depth_now, 4, 1, 0, bias=False)
        layers = []
        for i in range(depth):
            depth_next = int(depth_now / 2)
            layers.append(nn.ConvTranspose2d(depth_now, depth_next, 4, 2, 1, bias=False))
            layers.append(nn.BatchNorm2d(NORM))
            depth_now = depth_next
        layers.append(nn.ConvTranspose2d(ngf, dim_output, 4, 2, 1, bias=False))
        self.main = nn.Sequential(*layers)

    def forward(self, z):
        return self.main(self.head(z.view(-1, z.size(1), 1, 1)))
'''


def _errors(source: str) -> list[tuple[int, str]]:
    result = lint_text(source, "gnet.py", Settings())
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def _counts(source: str) -> frozenset[str]:
    import libcst as cst

    return count_parameters(next(s for s in cst.parse_module(source).body if isinstance(s, cst.ClassDef)))


def test_int_of_a_count_argument_keeps_the_width():
    assert _errors(GENERATOR.replace("NORM", "depth_next")) == []
    assert _errors(GENERATOR.replace("NORM", "depth_now")) == [(13, "CL104")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(GENERATOR.replace("NORM", "depth_now"), "gnet.py", "exec"), namespace)
    for ngf in (8, 13):
        namespace_ok: dict = {}
        exec(compile(GENERATOR.replace("NORM", "depth_next"), "gnet.py", "exec"), namespace_ok)
        assert namespace_ok["GNet"](16, 3, ngf)(torch.zeros(2, 16)).shape == (2, 3, 64, 64)
        with pytest.raises(RuntimeError, match="running_mean should contain"):
            namespace["GNet"](16, 3, ngf)(torch.zeros(2, 16))


def test_a_float_argument_is_not_taken_for_a_count():
    rebound = GENERATOR.replace("NORM", "depth_now").replace("super().__init__()", "super().__init__()\n        ngf = ngf")
    assert _errors(rebound) == []  # the name at the layer may be another value than the argument
    assert _counts(GENERATOR) == {"dim_latent", "dim_output", "ngf"}
    assert _counts(GENERATOR.replace("nn.ConvTranspose2d(ngf,", "nn.ConvTranspose2d(ngf * 1,")) == {"dim_latent", "dim_output"}
    assert _counts("class A:\n    def __init__(self, c):\n        self.n = nn.InstanceNorm2d(c)\n"
                   "        self.b = nn.BatchNorm2d(c, affine=False, track_running_stats=False)\n") == frozenset()
    assert _counts("class A:\n    def __init__(self, c):\n        f = lambda c: nn.Linear(c, 2)\n") == frozenset()
    assert _counts("class A:\n    def __init__(self, c):\n        self.l = other.Linear(c, 2)\n") == frozenset()
    torch = pytest.importorskip("torch")
    assert torch.nn.InstanceNorm2d(4.0) is not None  # a float count builds: no proof of a whole number
    with pytest.raises(TypeError):
        torch.nn.ConvTranspose2d(4.0, 3, 4)
