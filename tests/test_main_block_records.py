"""A namedtuple bound to a name of the `if __name__ == "__main__":` block and passed to the model
(DARTS' `genotype = Genotype(normal=[...], normal_concat=range(2, 4))`, then `Net(genotype)`): the
block's value is made of records and builtins alone, so it is carried into the constructor as a
module-level one is. A call of anything else in the block stays not run. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

SIZE = (2, 3, 32, 32)

CELL = '''
from collections import namedtuple
import torch
import torch.nn as nn

Genotype = namedtuple("Genotype", "normal normal_concat")

OPS = {
    "conv": lambda C: nn.Sequential(nn.Conv2d(C, C, 3, 1, 1, bias=False), nn.BatchNorm2d(C)),
    "skip": lambda C: nn.Identity(),
}


class Cell(nn.Module):
    def __init__(self, genotype, C):
        super().__init__()
        self.dag = nn.ModuleList()
        for edges in genotype.normal:
            row = nn.ModuleList()
            for op_name, s_idx in edges:
                op = OPS[op_name](C)
                op.s_idx = s_idx
                row.append(op)
            self.dag.append(row)
        self.concat = genotype.normal_concat

    def forward(self, s0, s1):
        states = [s0, s1]
        for edges in self.dag:
            states.append(sum(op(states[op.s_idx]) for op in edges))
        return torch.cat([states[i] for i in self.concat], dim=1)


class Net(nn.Module):
    def __init__(self, genotype, C=8):
        super().__init__()
        self.stem = nn.Conv2d(3, C, 3, padding=1)
        self.cell = Cell(genotype, C)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(WIDTH, 10)

    def forward(self, x):
        s = self.stem(x)
        return self.linear(self.gap(self.cell(s, s)).flatten(1))


if __name__ == "__main__":
    GENE = MADE
    print(Net(GENE)(torch.randn(2, 3, 32, 32)).shape)
'''

RECORD = 'Genotype(normal=[[("conv", 0), ("skip", 1)], [("conv", 1), ("conv", 2)]], normal_concat=range(2, 4))'
LINEAR_LINE = 40


def _gene():
    from collections import namedtuple

    Genotype = namedtuple("Genotype", "normal normal_concat")
    return Genotype(normal=[[("conv", 0), ("skip", 1)], [("conv", 1), ("conv", 2)]], normal_concat=range(2, 4))


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "main_record.py", Settings()).diagnostics
            if d.severity == "error"}


def test_a_genotype_bound_in_the_main_block_is_carried_into_the_constructor():
    wrong = filled(CELL, {"WIDTH": "C", "MADE": RECORD})
    assert wrong.splitlines()[LINEAR_LINE - 1].strip().startswith("self.linear = nn.Linear(C, 10)")
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "main_record.py", lambda ns: ns["Net"](_gene())), SIZE)
    assert ("CL101", LINEAR_LINE) in _errors(wrong)
    right = filled(CELL, {"WIDTH": "C * len(genotype.normal_concat)", "MADE": RECORD})
    shapes = module_shapes(built(right, "main_record.py", lambda ns: ns["Net"](_gene())), SIZE)
    assert shapes["linear"] == (2, 10)
    assert not _errors(right)
    result = lint_text(right, "main_record.py", Settings(input_shapes={"Net": SIZE}))
    (model,) = [m for m in result.models if m.name == "Net"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    for path, shape in shapes.items():
        assert predicted.get(path) == shape, path


def test_a_call_of_another_function_in_the_main_block_is_still_not_run():
    """`GENE = pick()` of a function: not run where the block binds it; the model it builds stays
    unknown in part (listed), never a false error."""
    source = filled(CELL, {"WIDTH": "C * len(genotype.normal_concat)", "MADE": "pick()"}).replace(
        'if __name__ == "__main__":', f'def pick():\n    return {RECORD}\n\n\nif __name__ == "__main__":')
    assert not _errors(source)
