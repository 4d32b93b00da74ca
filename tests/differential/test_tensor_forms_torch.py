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


# ------------------------------------------------------------------ an index by one list of ints
@st.composite
def one_list_index(draw):
    """A shape and an index of ints, slices, None and `...` with exactly one list of ints, some
    negative, out of range or bools (a mask)."""
    rank = draw(st.integers(1, 4))
    shape = tuple(draw(st.lists(st.integers(1, 5), min_size=rank, max_size=rank)))
    element = st.integers(-6, 6) | st.booleans() if draw(st.integers(0, 4)) == 0 else st.integers(-6, 6)
    listed = draw(st.lists(element, max_size=4))
    others = st.one_of(st.integers(-5, 4), st.just(None), st.just(slice(None)),
                       st.builds(slice, st.none() | st.integers(-4, 4), st.none() | st.integers(-4, 4),
                                 st.none() | st.integers(1, 3)))
    before = draw(st.lists(others, max_size=2))
    after = draw(st.lists(others | st.just(Ellipsis), max_size=2))
    if after.count(Ellipsis) > 1:
        after = [a for a in after if a is not Ellipsis]
    return shape, [*before, listed, *after]


@FEW
@given(one_list_index())
def test_an_index_by_one_list_of_ints_equals_torch(case):
    shape, indices = case
    ours = tensor_ops.index_tensor(Tensor(Shape(shape)), indices).shape.dims
    try:
        expected = tuple(torch.zeros(shape)[tuple(indices)].shape)
    except TORCH_ERRORS:
        event("torch refused")
        assert ours is None  # an index torch refuses is not followed, never given a shape
        return
    if ours is None:
        event("not followed")
        listed = next(i for i in indices if isinstance(i, list))
        # left unknown: an empty list, a mask, or an element out of range that torch checks only
        # when the result has elements
        assert not listed or any(isinstance(i, bool) for i in listed) or 0 in expected
        return
    assert ours == expected


@pytest.mark.parametrize("indices", [
    [slice(None), [0, 1], [1, 0]],  # two lists broadcast together
    [[0, 1], slice(None), [1, 0]],  # apart: their dim moves to the front
    [slice(None), [0], Tensor(Shape((1,)))],
])
def test_an_index_by_several_lists_is_left_unknown(indices):
    assert tensor_ops.index_tensor(Tensor(Shape((2, 3, 4))), indices).shape.dims is None


def test_one_list_keeps_its_place_after_an_int_as_in_torch_not_numpy():
    """torch selects the ints first: x[0, :, [1, 2]] is (4, 2, 6), where numpy gives (2, 4, 6)."""
    ours = tensor_ops.index_tensor(Tensor(Shape((3, 4, 5, 6))), [0, slice(None), [1, 2]]).shape.dims
    assert ours == tuple(torch.zeros(3, 4, 5, 6)[0, :, [1, 2]].shape) == (4, 2, 6)


def test_an_index_by_one_list_of_a_symbolic_dim_has_its_length():
    ours = tensor_ops.index_tensor(Tensor(Shape((Sym("N"), 16, Sym("H")))), [slice(None), [0, 3]]).shape.dims
    assert ours == (Sym("N"), 2, Sym("H"))


# ------------------------------------------------------------------ Tensor.unfold
@FEW
@given(st.lists(st.integers(1, 9), min_size=1, max_size=4), st.data())
def test_tensor_unfold_equals_torch(shape, data):
    rank = len(shape)
    dimension = data.draw(st.integers(-rank - 1, rank))
    size, step = data.draw(st.integers(-1, 10)), data.draw(st.integers(-1, 4))
    ours = shapes.sliding_windows(tuple(shape), dimension, size, step)
    try:
        expected = tuple(torch.zeros(shape).unfold(dimension, size, step).shape)
    except TORCH_ERRORS:
        event("torch refused")
        assert ours is None
        return
    assert ours == expected


@FEW
@given(st.integers(1, 40), st.integers(1, 9), st.integers(1, 5))
def test_tensor_unfold_of_a_symbolic_length_floors_as_torch(length, size, step):
    """The window count of a symbolic H, taken at each H torch runs, is torch's."""
    h = Sym("H")
    (count, window) = shapes.sliding_windows((h,), 0, size, step)
    assert window == size
    if size > length:
        event("torch refused")
        with pytest.raises(RuntimeError, match="maximum size for tensor at dimension"):
            torch.zeros(length).unfold(0, size, step)
        return
    assert symbolic.evaluate(count, length) == torch.zeros(length).unfold(0, size, step).shape[0]


def test_tensor_unfold_of_arguments_not_known_is_listed_not_guessed():
    listing = _Listing()
    made = tensor_ops._sliding_windows(listing, Tensor(Shape((2, 3, 8, 8))), [2, Unknown("a patch")], {}, None)
    assert made.shape.dims is None and listing.notes
    unknown_step = shapes.sliding_windows((2, 3, 8, 8), 2, 4, Sym("p"))
    assert isinstance(unknown_step[2], Unknown) and unknown_step[-1] == 4
