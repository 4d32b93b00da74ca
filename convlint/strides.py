"""Memory layouts: the strides of a tensor whose sizes are all known numbers, and torch's rules
for the views made of it.

Most ops give a tensor laid out contiguously; permute, transpose, t, unsqueeze and expand give a
view of their input, its strides moved (0 where a dim is expanded). A view keeps the storage,
so torch makes it only where each group of dims it merges or splits is contiguous among itself
in memory (ATen's computeStride), a dim of size 1 lying anywhere; reshape and flatten copy where
it cannot."""

from __future__ import annotations

from collections.abc import Sequence

# what torch raises for a view it cannot make of the storage as laid out
VIEW_REFUSED = ("view size is not compatible with input tensor's size and stride (at least one dimension spans "
                "across two contiguous subspaces). Use .reshape(...) instead.")


def sizes(dims: Sequence | None) -> tuple[int, ...] | None:
    """The dims as numbers, where every one is a known non-negative int; else None."""
    if dims is None or not all(type(d) is int and d >= 0 for d in dims):
        return None
    return tuple(dims)


def contiguous(dims: Sequence | None) -> tuple[int, ...] | None:
    """The strides of a contiguous tensor of these sizes (c10's contiguous_strides)."""
    known = sizes(dims)
    if known is None:
        return None
    strides, step = [], 1
    for d in reversed(known):
        strides.append(step)
        step *= max(d, 1)
    return tuple(reversed(strides))


def is_contiguous(dims: Sequence, strides: Sequence) -> bool:
    """torch's is_contiguous: each dim of more than one element steps over the dims after it."""
    if 0 in dims:
        return True
    expected = 1
    for d, s in zip(reversed(tuple(dims)), reversed(tuple(strides))):
        if d != 1:
            if s != expected:
                return False
            expected *= d
    return True


def dense(dims: Sequence, strides: Sequence) -> bool:
    """Whether no two elements share memory and none is skipped: a permutation of a contiguous
    layout. Elementwise ops give such an input's layout to their result."""
    order = sorted((s, d) for d, s in zip(dims, strides) if d != 1)
    expected = 1
    for s, d in order:
        if s != expected:
            return False
        expected *= d
    return True


def view(old: Sequence[int], strides: Sequence[int], new: Sequence[int]) -> tuple[int, ...] | None:
    """The strides of `x.view(*new)` where x has sizes `old` and `strides`, or None where torch
    cannot make the view (ATen's computeStride, after infer_size gave `new`)."""
    old, strides, new = tuple(old), tuple(strides), tuple(new)
    if not old:
        return (1,) * len(new)
    numel = 1
    for d in old:
        numel *= d
    if numel == 0 and old == new:
        return strides
    if numel == 0:
        return contiguous(new)
    result = [0] * len(new)
    view_d = len(new) - 1
    chunk_base_stride = strides[-1]
    tensor_numel, view_numel = 1, 1
    for tensor_d in range(len(old) - 1, -1, -1):
        tensor_numel *= old[tensor_d]
        # the end of a chunk of dims contiguous among themselves: the view's dims must fill it
        if tensor_d == 0 or (old[tensor_d - 1] != 1 and strides[tensor_d - 1] != tensor_numel * chunk_base_stride):
            while view_d >= 0 and (view_numel < tensor_numel or new[view_d] == 1):
                result[view_d] = view_numel * chunk_base_stride
                view_numel *= new[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return None
            if tensor_d > 0:
                chunk_base_stride = strides[tensor_d - 1]
                tensor_numel, view_numel = 1, 1
    if view_d != -1:
        return None
    return tuple(result)


def permuted(strides: Sequence[int], axes: Sequence[int]) -> tuple[int, ...]:
    return tuple(strides[a] for a in axes)


def unsqueezed(dims: Sequence[int], strides: Sequence[int], axis: int) -> tuple[int, ...]:
    """x.unsqueeze(axis): the new dim steps over the dim it is put before (1 at the end)."""
    step = 1 if axis >= len(dims) else dims[axis] * strides[axis]
    return tuple(strides[:axis]) + (step,) + tuple(strides[axis:])


def expanded(dims: Sequence[int], strides: Sequence[int], target: Sequence[int]) -> tuple[int, ...] | None:
    """x.expand(*target) (ATen's inferExpandGeometry): a dim of 1 made larger, or a new leading
    dim larger than 1, steps 0; None where torch refuses the sizes."""
    ndim, rank = len(target), len(dims)
    if ndim < rank:
        return None
    sizes_out, strides_out = [0] * ndim, [0] * ndim
    for i in range(ndim - 1, -1, -1):
        dim = rank - 1 - (ndim - 1 - i)
        size = dims[dim] if dim >= 0 else 1
        stride = strides[dim] if dim >= 0 else sizes_out[i + 1] * strides_out[i + 1] if i + 1 < ndim else 1
        wanted = target[i]
        if wanted == -1:
            if dim < 0:
                return None
            wanted = size
        if size != wanted:
            if size != 1:
                return None
            size, stride = wanted, 0
        sizes_out[i], strides_out[i] = size, stride
    return tuple(strides_out)
