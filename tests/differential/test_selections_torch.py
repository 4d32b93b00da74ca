"""torch.max/min/sort/topk/median/kthvalue/mode/argmax/argmin in forward(), as functions and
as Tensor methods, their (values, indices) pair read by index, by unpacking and by name:
convlint's shape of what forward() returns equals torch's."""

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint.pipeline import Settings, lint_file  # noqa: E402

SOURCE = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        x = torch.relu(x)
{body}
"""


def predicted(body: str, shape: tuple, tmp_path) -> tuple | None:
    path = tmp_path / "net.py"
    path.write_text(SOURCE.format(body=body))
    result = lint_file(path, "net.py", Settings(input_shapes={"Net": shape}))
    (analysis,) = result.models
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    output = analysis.output
    return None if output is None or output.shape.dims is None else tuple(output.shape.dims)


def real(body: str, shape: tuple) -> tuple:
    namespace: dict = {}
    exec(compile(SOURCE.format(body=body), "net.py", "exec"), namespace)
    return tuple(namespace["Net"]()(torch.rand(shape)).shape)


@st.composite
def selection(draw):
    rank = draw(st.integers(1, 4))
    shape = tuple(draw(st.integers(1, 5)) for _ in range(rank))
    op = draw(st.sampled_from(["max", "min", "median", "sort", "topk", "kthvalue", "mode", "argmax", "argmin"]))
    dim = draw(st.integers(-rank, rank - 1))
    keepdim = draw(st.booleans())
    method = draw(st.booleans())
    call = "x.{op}({args})" if method else "torch.{op}(x, {args})"
    if op in ("topk", "kthvalue"):
        k = draw(st.integers(1, shape[dim]))
        args = f"{k}, dim={dim}" + (f", keepdim={keepdim}" if op == "kthvalue" else "")
    elif op == "sort":
        args = f"{dim}, descending={draw(st.booleans())}"
    elif op in ("argmax", "argmin") and draw(st.booleans()):
        args = f"keepdim={keepdim}" if keepdim else ""
    elif op in ("max", "min", "median") and draw(st.booleans()):
        args = ""
        call = call.replace("(x, )", "(x)")
    else:
        args = f"{dim}, {keepdim}" if draw(st.booleans()) else f"dim={dim}, keepdim={keepdim}"
    expression = call.format(op=op, args=args).replace("(x, )", "(x)")
    pair = op not in ("argmax", "argmin") and args != ""
    if pair:
        read = draw(st.sampled_from(["[0]", "[1]", ".values", ".indices", "unpack"]))
        if read == "unpack":
            body = f"        values, indices = {expression}\n        return indices + values"
        else:
            body = f"        return {expression}{read}"
    else:
        body = f"        return {expression}"
    return body, shape


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(selection())
def test_selections_give_torchs_shapes(tmp_path, case):
    body, shape = case
    assert predicted(body, shape, tmp_path) == real(body, shape), body


@pytest.mark.parametrize(("body", "shape"), [
    ("        return torch.max(x, x[:1])", (3, 4)),              # elementwise, broadcast
    ("        return torch.min(x[:, :1], other=x)", (3, 4)),
    ("        return x.max(dim=2)[0].mean(1) + x.amax((1, 2))", (2, 3, 5)),
    ("        v, i = torch.max(x.view(x.size(0), x.size(1), -1), dim=2)\n        return torch.cat((v, i.float()), 1)",
     (2, 3, 4, 4)),
])
def test_selection_forms_real_code_uses(body, shape, tmp_path):
    assert predicted(body, shape, tmp_path) == real(body, shape)


def test_two_tensors_that_do_not_broadcast_are_an_operand_mismatch(tmp_path):
    path = tmp_path / "net.py"
    path.write_text(SOURCE.format(body="        return torch.max(x, x[:, :3])"))
    result = lint_file(path, "net.py", Settings(input_shapes={"Net": (2, 4)}))
    assert [d.code for d in result.diagnostics if d.severity == "error"] == ["CL107"]
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        real("        return torch.max(x, x[:, :3])", (2, 4))
