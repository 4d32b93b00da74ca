"""torch.matmul (and @), torch.stack, torch.meshgrid, masked_fill and tensor comparisons against
real torch, through the interpreter on small sources: the shapes torch gives, and unknown (listed,
never an error) where torch refuses."""

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint import shapes  # noqa: E402

SWEEP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
sizes = st.lists(st.integers(1, 3), min_size=1, max_size=4)


@SWEEP
@given(sizes, sizes, st.booleans())
def test_matmul_shape_is_torchs(left, right, agree):
    if agree:  # the inner sizes made equal, as real code has them
        right = right[:]
        right[0 if len(right) == 1 else -2] = left[-1]
    try:
        expected = tuple(torch.matmul(torch.zeros(left), torch.zeros(right)).shape)
    except RuntimeError:
        expected = None
    assert shapes.matmul_shape(tuple(left), tuple(right)) == expected


@pytest.mark.parametrize(("body", "shape"), [
    ("torch.stack([x, x, x], dim=1)", (2, 3, 4)),
    ("torch.stack((x, x), -1)", (2, 3)),
    ("torch.meshgrid(x[0], x[0, :2], indexing='xy')[1]", (2, 3)),
    ("torch.stack(torch.meshgrid(x[0], x[1], indexing='ij'))", (2, 3)),
    ("x.masked_fill(x[0] != 0, -1.0)", (2, 3)),
    ("x[:, :1].masked_fill(x > 0, 0.0)", (2, 3)),
    ("torch.roll(x, shifts=(1, -1), dims=(0, 1)) @ x.transpose(0, 1)", (2, 3)),
    ("x.matmul(x[0])", (2, 3)),
    ("torch.mm(x, x.t())", (2, 3)),
])
def test_ops_give_torchs_shapes(body, shape):
    source = f"import torch\nimport torch.nn as nn\n\nclass M(nn.Module):\n    def forward(self, x):\n" \
             f"        return {body}\n"
    namespace: dict = {}
    exec(compile(source, "case", "exec"), namespace)
    expected = tuple(namespace["M"]()(torch.zeros(shape)).shape)
    from convlint.pipeline import Settings, lint_text

    result = lint_text(source, "case.py", Settings(input_shapes={"M": shape}))
    (model,) = result.models
    assert model.unresolved == []
    assert model.output.shape.dims == expected


def test_a_matrix_product_torch_refuses_is_an_error_at_the_product():
    source = "import torch\nimport torch.nn as nn\n\nclass M(nn.Module):\n    def forward(self, x):\n        return x @ x\n"
    namespace: dict = {}
    exec(compile(source, "case", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["M"]()(torch.zeros(2, 3))
    from convlint.pipeline import Settings, lint_text

    result = lint_text(source, "case.py", Settings(input_shapes={"M": (2, 3)}))
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL107", 6)]


@pytest.mark.parametrize("body", ["torch.stack([x, x[0]])", "x.masked_fill(x[:, :2] > 0, 1.0)"])
def test_sizes_torch_refuses_are_listed_unknowns_never_errors(body):
    source = f"import torch\nimport torch.nn as nn\n\nclass M(nn.Module):\n    def forward(self, x):\n" \
             f"        return {body}\n"
    namespace: dict = {}
    exec(compile(source, "case", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["M"]()(torch.zeros(2, 3))
    from convlint.pipeline import Settings, lint_text

    result = lint_text(source, "case.py", Settings(input_shapes={"M": (2, 3)}))
    (model,) = result.models
    assert model.output.shape.dims is None and model.unresolved
    assert [d for d in result.diagnostics if d.severity == "error"] == []
