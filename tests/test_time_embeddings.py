"""The time embeddings of diffusion U-Nets: `torch.outer(t * scale, freqs)` (torch.ger, t.outer)
of two vectors is (n, m), and a row of a table picked by a tensor index (`self.pe_matrix[t]`) keeps
the table's width, so the layers the embedding feeds are checked. How many rows a tensor index
picks is known only for an integer index of known values (a bool mask picks as many as it holds
True): otherwise that dim is unknown and listed. Checked against torch."""

import pytest
from hypothesis import given, settings, strategies as st

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled, module_shapes

OUTER = '''
import math
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(WIDTH, 32)

    def forward(self, t):
        half = HALF
        freqs = torch.exp(torch.arange(half) * -(math.log(10000) / half))
        emb = OUTER_CALL
        return self.proj(torch.cat((emb.sin(), emb.cos()), dim=-1))


if __name__ == "__main__":
    Net()(torch.rand(BATCH))
'''
CALLS = ["torch.outer(t * 1000.0, freqs)", "torch.ger(t, freqs)", "t.outer(freqs)"]


@settings(max_examples=12, deadline=None)
@given(half=st.integers(1, 40), batch=st.integers(1, 9), call=st.sampled_from(CALLS))
def test_an_outer_product_embedding_has_torch_shape(half, batch, call):
    torch = pytest.importorskip("torch")
    source = filled(OUTER, {"WIDTH": str(2 * half), "HALF": str(half), "OUTER_CALL": call, "BATCH": str(batch)})
    result = lint_text(source, "emb.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (net,) = [m for m in result.models if m.name == "Net"]
    (proj,) = [c for c in net.calls if c.node.path == "proj"]
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "emb.py", "exec"), namespace)
    assert tuple(proj.output.shape.dims) == module_shapes(namespace["Net"](), (batch,))["proj"]


def test_an_outer_product_embedding_of_the_wrong_width_is_found():
    torch = pytest.importorskip("torch")
    source = filled(OUTER, {"WIDTH": "32", "HALF": "32", "OUTER_CALL": CALLS[0], "BATCH": "4"})
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "emb.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        module_shapes(namespace["Net"](), (4,))
    found = {(d.code, d.span.line) for d in lint_text(source, "emb.py", Settings()).diagnostics if d.severity == "error"}
    assert ("CL101", 10) in found


TABLE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, dim=64, steps=1000):
        super().__init__()
        self.pe_matrix = torch.zeros(steps, dim)
        self.proj = nn.Linear(WIDTH, 32)

    def forward(self, t):
        return self.proj(self.pe_matrix[INDEX])


if __name__ == "__main__":
    Net()(torch.randint(0, 1000, (4,)))
'''


def _errors(source: str):
    return {(d.code, d.span.line) for d in lint_text(source, "table.py", Settings()).diagnostics if d.severity == "error"}


def test_a_table_row_picked_by_a_time_step_keeps_the_width():
    torch = pytest.importorskip("torch")
    wrong = filled(TABLE, {"WIDTH": "32", "INDEX": "t"})
    namespace: dict = {}
    exec(compile(wrong.split("if __name__")[0], "table.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        namespace["Net"]()(torch.randint(0, 1000, (4,)))
    assert ("CL101", 10) in _errors(wrong)
    right = filled(TABLE, {"WIDTH": "64", "INDEX": "t"})
    result = lint_text(right, "table.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (net,) = [m for m in result.models if m.name == "Net"]
    (proj,) = [c for c in net.calls if c.node.path == "proj"]
    assert proj.output.shape.dims[-1] == 32
    assert any("how many rows it picks is not known" in u.why for u in net.unresolved)


def test_a_bool_mask_index_is_not_taken_for_rows_of_the_batch():
    """`table[mask]` picks as many rows as the mask holds True: torch runs it with a Linear of the
    table's width whatever that count is; nothing is reported."""
    torch = pytest.importorskip("torch")
    source = filled(TABLE, {"WIDTH": "64", "INDEX": "t > 500"}).replace(
        "torch.randint(0, 1000, (4,))", "torch.randint(0, 1000, (1000,))")
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "table.py", "exec"), namespace)
    namespace["Net"]()(torch.randint(0, 1000, (1000,)))
    assert not _errors(source)


def test_an_integer_index_of_known_values_puts_its_dims_in_place():
    torch = pytest.importorskip("torch")
    source = filled(TABLE, {"WIDTH": "64", "INDEX": "torch.tensor([[0, 2, 3], [1, 1, 1]])"})
    result = lint_text(source, "table.py", Settings())
    (net,) = [m for m in result.models if m.name == "Net"]
    (proj,) = [c for c in net.calls if c.node.path == "proj"]
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "table.py", "exec"), namespace)
    assert tuple(proj.output.shape.dims) == tuple(namespace["Net"]()(torch.zeros(4)).shape) == (2, 3, 32)
