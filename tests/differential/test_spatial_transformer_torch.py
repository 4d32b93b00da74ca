"""F.affine_grid and F.grid_sample, a spatial transformer's two steps, against real torch on CPU:
where convlint gives a shape torch runs and gives that shape, where it says torch refuses torch
refuses, over small sizes of every rank (the ones torch takes and the ones it does not)."""

import warnings

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint import shapes  # noqa: E402
from convlint.values import Sym, dim_add, dim_mul  # noqa: E402

F = torch.nn.functional
SWEEP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TORCH_ERRORS = (RuntimeError, ValueError, NotImplementedError)
MATRICES = {4: [2, 3], 5: [3, 4]}
RANKS = st.sampled_from([3, 4, 4, 5, 5, 6])  # the ranks torch takes, most often
SIDES = st.sampled_from([1, 2, 3, 1, 2, 3, 0])  # an empty side now and then


def sized(draw, rank):
    return [draw(SIDES) for _ in range(rank)]


def torch_gives(function, *args, **kwargs):
    """torch's output shape, or None where it refuses."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the align_corners default's warning
            return tuple(function(*args, **kwargs).shape)
    except TORCH_ERRORS:
        return None


@st.composite
def theta_and_size(draw):
    size = sized(draw, draw(RANKS))
    theta = draw(st.lists(st.integers(1, 4), min_size=2, max_size=4))
    if draw(st.integers(0, 3)) and len(size) in MATRICES:  # a theta written for the size, as real code has it
        theta = [theta[0], *MATRICES[len(size)]]
    if draw(st.integers(0, 3)):
        theta[0] = size[0]  # one matrix per image
    return theta, size


@SWEEP
@given(theta_and_size(), st.sampled_from([None, False, True]))
def test_affine_grid_is_torchs(case, align_corners):
    theta, size = case
    expected = torch_gives(F.affine_grid, torch.zeros(theta), size, align_corners=align_corners)
    dims, refusal = shapes.affine_grid(tuple(theta), size)
    event("grid" if dims is not None else "refused" if refusal else "not judged")
    if dims is not None:
        assert expected == dims
    if refusal is not None:
        assert expected is None, refusal
    if expected is not None:  # what torch makes is judged (a size torch may refuse aside)
        assert dims is not None or min(size) <= 0


@pytest.mark.parametrize("size", [[2, 3, 5, 7], (2, 3, 5, 7), torch.Size([2, 3, 5, 7])])
def test_affine_grid_takes_each_spelling_of_the_size(size):
    assert shapes.affine_grid((2, 2, 3), list(size)) == ((2, 5, 7, 2), None)


@st.composite
def input_and_grid(draw):
    image, grid = sized(draw, draw(RANKS)), sized(draw, draw(RANKS))
    if draw(st.integers(0, 3)):  # a grid of the input's rank, its last dim the spatial count
        grid = [*grid[:1], *(grid[1:] * 4)[:len(image) - 2], len(image) - 2]
    if draw(st.integers(0, 3)):
        grid[0] = image[0]
    return image, grid


@SWEEP
@given(input_and_grid(), st.sampled_from(["bilinear", "nearest", "bicubic", "area"]))
def test_grid_sample_is_torchs(case, mode):
    image, grid = case
    expected = torch_gives(F.grid_sample, torch.zeros(image), torch.zeros(grid), mode=mode, align_corners=False)
    dims, refusal = shapes.grid_sample(tuple(image), tuple(grid), mode)
    event("sampled" if dims is not None else "refused" if refusal else "not judged")
    if dims is not None:
        assert expected == dims
    if refusal is not None:
        assert expected is None, refusal
    if expected is not None:  # what torch samples is followed (an empty input side or a mode it refuses aside)
        assert dims is not None


N, H, W = Sym("N"), Sym("H"), Sym("W")


def test_a_theta_batch_no_input_size_makes_the_size_s_is_refused():
    # view(-1, 2, 3) of two matrices per image: 2N against N at every batch that runs
    assert shapes.affine_grid((dim_mul(N, 2), 2, 3), [N, 3, H, W])[1] is not None
    assert shapes.affine_grid((dim_add(N, 1), 2, 3), [N, 3, H, W])[1] is not None


def test_a_theta_batch_some_batch_makes_the_size_s_gives_the_grid_of_the_size():
    # one shared theta (1 x 2 x 3) runs at N = 1: not judged, the grid of N wherever it runs
    assert shapes.affine_grid((1, 2, 3), [N, 3, H, W]) == ((N, H, W, 2), None)
    assert shapes.affine_grid((N, 2, 3), [N, 3, dim_add(H, -2), W]) == ((N, dim_add(H, -2), W, 2), None)


def test_grid_sample_keeps_the_input_s_batch_and_channels_at_the_grid_s_sides():
    assert shapes.grid_sample((N, 3, H, W), (N, 24, 24, 2)) == ((N, 3, 24, 24), None)
    assert shapes.grid_sample((N, 3, H, W), (dim_mul(N, 2), H, W, 2))[1] is not None
