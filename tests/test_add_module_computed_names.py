"""An nn.Sequential filled by add_module under names built from widths the constructor is given
(`main.add_module('pyramid-{0}-{1}-conv'.format(ndf, ndf * 2), conv)`, f"conv{ndf}"): each call
appends its child in order where the name differs from every name already there for every width,
so the layers are checked as torch runs them; where two names may be one (torch replacing the
first child), the Sequential stays unknown."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.values import Sym
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

ENCODER = '''
import torch
import torch.nn as nn


class Enc(nn.Module):
    def __init__(self, nz, nc, ndf):
        super().__init__()
        main = nn.Sequential()
        main.add_module('initial-conv-{0}-{1}'.format(nc, ndf), nn.Conv2d(nc, ndf, 4, 2, 1, bias=False))
        main.add_module(f'initial-relu-{ndf}', nn.LeakyReLU(0.2, inplace=True))
        main.add_module('pyramid-{0}-{1}-conv'.format(ndf, ndf * 2), nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False))
        main.add_module('pyramid-{0}-batchnorm'.format(ndf * 2), nn.BatchNorm2d(ndf * 2))
        main.add_module('pyramid-{0}-{1}-conv'.format(ndf * 2, ndf * 4), nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1))
        main.add_module('final-{0}-{1}-conv'.format(ndf * 4, 1), nn.Conv2d(WIDTH, nz, 4, 1, 0, bias=False))
        self.main = main

    def forward(self, x):
        return self.main(x)
'''


def _build(namespace):
    return namespace["Enc"](10, 3, 8)


def test_a_width_wrong_for_every_ndf_is_found_at_its_layer():
    line = line_of(ENCODER, "main.add_module('final-")
    assert_bug_found_at_its_line(ENCODER, {"WIDTH": "ndf * 4"}, {"WIDTH": "ndf * 8"}, (2, 3, 32, 32), line,
                                 "CL103", "enc.py", build=_build)


def _value(dim, values: dict) -> int:
    if isinstance(dim, int):
        return dim
    assert isinstance(dim, Sym) and isinstance(dim.base, str) and not dim.opaque
    return (dim.scale * values[dim.base] + dim.offset) // dim.divisor


def test_each_child_in_order_has_the_shape_torch_gives():
    source = filled(ENCODER, {"WIDTH": "ndf * 4"})
    result = lint_text(source, "enc.py", Settings(input_shapes={"Enc": (2, 3, 32, 32)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Enc"]
    ours = [(c.node.path, c.output.shape.dims) for c in model.calls if c.node.path.startswith("main.")]
    theirs = [(p, s) for p, s in module_shapes(built(source, "enc.py", _build), (2, 3, 32, 32)).items()
              if p.startswith("main.")]
    assert len(ours) == len(theirs) == 6
    for (_, dims), (_, shape) in zip(ours, theirs):
        assert tuple(_value(d, {"nz": 10, "nc": 3, "ndf": 8}) for d in dims) == shape


SAME_NAME = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, a, b):
        super().__init__()
        self.main = nn.Sequential()
        self.main.add_module('conv-{0}'.format(a), nn.Conv2d(3, 8, 3))
        self.main.add_module(NAME, nn.Conv2d(3, 16, 3))

    def forward(self, x):
        return self.main(x)
'''


@pytest.mark.parametrize("name", ["'conv-{0}'.format(b)", "f'conv-{a}'", "'conv-{0}'.format(a * 1)",
                                  "'conv-8'", "'conv-{0}'.format(a + 0)"])
def test_a_name_that_may_be_the_first_one_leaves_the_sequential_unknown(name):
    source = SAME_NAME.replace("NAME", name)
    torch = pytest.importorskip("torch")
    model = built(source, "same.py", lambda ns: ns["Net"](8, 8))
    assert len(model.main) == 1 and model.main(torch.zeros(1, 3, 8, 8)).shape[1] == 16  # replaced, runs
    result = lint_text(source, "same.py", Settings(input_shapes={"Net": (1, 3, 8, 8)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_names_that_differ_for_every_width_append():
    source = SAME_NAME.replace("NAME", "'conv-{0}'.format(a * 2)")
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        built(source, "same.py", lambda ns: ns["Net"](8, 8))(torch.zeros(1, 3, 8, 8))
    found = {(d.code, d.span.line) for d in lint_text(source, "same.py", Settings()).diagnostics
             if d.severity == "error"}
    assert found == {("CL103", line_of(source, "nn.Conv2d(3, 16, 3)"))}
