"""Tensor forms of older and hand-written model code against real torch (hypothesis): the legacy
constructors given sizes, an index by one list of ints, and Tensor.unfold's sliding windows."""

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint import shapes, symbolic  # noqa: E402
from convlint.evaluator import tensor_ops  # noqa: E402
from convlint.model import Tensor  # noqa: E402
from convlint.values import Shape, Sym, Unknown  # noqa: E402

FEW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TORCH_ERRORS = (RuntimeError, IndexError, ValueError, TypeError)


class _Quiet:
    """The interpreter as the tensor ops see it when nothing goes unresolved."""

    def unresolved(self, node, why):
        raise AssertionError(why)


class _Listing:
    """The interpreter as the tensor ops see it, noting what goes unresolved."""

    def __init__(self):
        self.notes = []

    def unresolved(self, node, why):
        self.notes.append(why)


# ------------------------------------------------------------------ legacy constructors
LEGACY = ["Tensor", "FloatTensor", "DoubleTensor", "LongTensor", "IntTensor", "ByteTensor", "BoolTensor"]


@FEW
@given(st.sampled_from(LEGACY), st.lists(st.integers(0, 5), min_size=1, max_size=4), st.booleans())
def test_legacy_constructor_given_sizes_is_a_tensor_of_those_sizes(name, sizes, as_torch_size):
    """torch.FloatTensor(2, 3) and torch.FloatTensor(std.size()): uninitialised, of those sizes."""
    args = [tensor_ops.TorchSize(sizes)] if as_torch_size else list(sizes)
    ours = tensor_ops.call_ref(_Quiet(), f"torch.{name}", args, {}, None)
    real = getattr(torch, name)(torch.Size(sizes)) if as_torch_size else getattr(torch, name)(*sizes)
    assert ours.shape.dims == tuple(real.shape)


@FEW
@given(st.sampled_from(["Tensor", "FloatTensor", "LongTensor"]), st.lists(st.integers(1, 5), min_size=1, max_size=4))
def test_legacy_constructor_given_a_list_is_that_data(name, data):
    """torch.Tensor([1, 2]) is a 1-d tensor of those values, never one of those sizes."""
    ours = tensor_ops.shape_only(tensor_ops.call_ref(_Quiet(), f"torch.{name}", [list(data)], {}, None))
    assert ours.shape.dims == tuple(getattr(torch, name)(list(data)).shape) == (len(data),)


def test_legacy_constructor_of_a_symbolic_size_keeps_its_unknown_dims():
    size = tensor_ops.TorchSize((Sym("N"), Unknown("a width"), 4))
    ours = tensor_ops.call_ref(_Quiet(), "torch.cuda.FloatTensor", [size], {}, None)
    assert ours.shape.dims[0] == Sym("N") and isinstance(ours.shape.dims[1], Unknown) and ours.shape.dims[2] == 4
