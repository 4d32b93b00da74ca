"""Pure shape arithmetic over ints, symbolic dims and Unknown. Imports no pipeline stage.

Each function mirrors PyTorch's own computation (aten/src/ATen/native/Pool.h,
ConvUtils.h, torch/jit/_shape_functions.py) and returns a result below 1 as is: the checks
judge it (CL105), the arithmetic does not."""

from __future__ import annotations

from collections.abc import Sequence
from math import gcd

from convlint import symbolic
from convlint.values import (
    Dim,
    Residue,
    Shape,
    Sym,
    Unknown,
    dim_add,
    dim_floordiv,
    dim_mul,
    residue,
    format_dim,
    dims_product,
    is_known,
    opaque,
    product_factors,
    summands,
)


def _first_unknown(*values: object) -> Unknown | None:
    for value in values:
        if isinstance(value, Unknown):
            return value
    return None


# why a ceil_mode pool's side stays unknown: its last window may or may not fit, by the size
CEIL_MODE_SIDE = "a ceil_mode window whose last step depends on the input size"


def window_reach(kernel: int, dilation: int = 1) -> int:
    """Input positions one window spans: d(k-1) + 1."""
    return dilation * (kernel - 1) + 1


def conv_out(size: Dim, kernel: Dim, stride: Dim = 1, padding: Dim = 0, dilation: Dim = 1) -> Dim:
    """One spatial dim after a convolution: floor((i + 2p - d(k-1) - 1)/s) + 1 (conv_output_size)."""
    if (unknown := _first_unknown(size, kernel, stride, padding, dilation)) is not None:
        return unknown
    slack = 2 * padding - window_reach(kernel, dilation)
    return dim_add(dim_floordiv(dim_add(size, slack), stride), 1)


def conv_out_of_a_width_kernel(size: Dim, kernel: Sym, stride: Dim = 1, padding: Dim = 0, dilation: Dim = 1) -> Dim:
    """conv_out of a kernel made of a constructor argument over a side made of the same one (an EEG
    net's `Conv2d(1, F, (n_channels, 1))` over the n_channels electrodes its probe tensor has):
    floor((i - k + 2p)/s) + 1 where i - k is known as a function of the argument; else unknown."""
    if (unknown := _first_unknown(size, stride, padding, dilation)) is not None:
        return unknown
    why = Unknown("a window sized by a constructor argument, over a side not made of it")
    if not isinstance(size, Sym) or not all(isinstance(v, int) for v in (stride, padding, dilation)) or dilation != 1:
        return why
    slack = dim_difference(size, kernel)
    if slack is None or is_known(slack) and slack + 2 * padding < 0:
        return why  # (a window past the side: torch refuses; the count is not this formula's)
    return dim_add(dim_floordiv(dim_add(slack, 2 * padding), stride), 1)


def conv_transpose_out(
    size: Dim, kernel: Dim, stride: Dim = 1, padding: Dim = 0, dilation: Dim = 1, output_padding: Dim = 0
) -> Dim:
    """One spatial dim after a transposed conv: (i-1)s - 2p + d(k-1) + output_padding + 1."""
    if (unknown := _first_unknown(size, kernel, stride, padding, dilation, output_padding)) is not None:
        return unknown
    grown = dim_mul(dim_add(size, -1), stride)
    return dim_add(grown, -2 * padding + window_reach(kernel, dilation) + output_padding)


def pool_out(
    size: Dim, kernel: Dim, stride: Dim, padding: Dim = 0, dilation: Dim = 1, ceil_mode: bool = False
) -> Dim:
    """One spatial dim after a pooling window (pooling_output_shape_pad_lr in Pool.h)."""
    if (unknown := _first_unknown(size, kernel, stride, padding, dilation)) is not None:
        return unknown
    if not ceil_mode:
        return conv_out(size, kernel, stride, padding, dilation)
    if isinstance(size, Sym) and not all(isinstance(v, int) for v in (kernel, stride, padding, dilation)):
        return Unknown(CEIL_MODE_SIDE)  # a window an argument sizes: where its last step falls is not known
    slack = 2 * padding - window_reach(kernel, dilation)
    if isinstance(size, Sym):
        # floor((i + slack + s-1)/s) + 1, less one where the last window starts at or past i + p
        windows = dim_floordiv(dim_add(size, slack + stride - 1), stride)
        late = _last_window_late(size, slack, stride, padding)
        if late is None:
            return Unknown(CEIL_MODE_SIDE)
        return windows if late else dim_add(windows, 1)
    slack = size + slack
    out = (slack + stride - 1) // stride + 1
    if (out - 1) * stride >= size + padding:
        out -= 1  # the last window must start inside the input or the left padding
    return out


def _last_window_late(size: Sym, slack: int, stride: int, padding: int) -> bool | None:
    """Whether ceil_mode's last window starts past the input and its left padding, (out-1)s >= i + p,
    at every size the symbol gives (True), at none (False), or at some only (None).

    With a = i + slack + s - 1, (out-1)s is a less its remainder mod s: past i + p only where the
    remainder is at most a - i - p = slack + s - 1 - p, never where that is negative (a 3x3 window
    of stride 2 and padding 1). Else it turns on i mod s, the same at every value of the symbol
    where the dim grows by a multiple of s over its period (4H, 8*floor((H+1)/2))."""
    margin = slack + stride - 1 - padding
    if margin < 0:
        return False
    if margin >= stride - 1:
        return True
    if symbolic.symbol_of(size) is None:  # an opaque dim: its remainders are not known
        return None
    span = symbolic.period(size)
    if span > symbolic.MAX_PERIOD or (symbolic.slope(size) * span) % stride:
        return None
    late = {(symbolic.evaluate(size, value) + slack + stride - 1) % stride <= margin for value in range(1, span + 1)}
    return late.pop() if len(late) == 1 else None


def dropped_rows(size: Dim, kernel: Dim, stride: Dim, padding: Dim = 0, dilation: Dim = 1) -> int:
    """Real input rows (or cols) at the end that no window covers; 0 when windows skip by design.

    Windows tile the input when d(k-1)+1 >= s. Then the remainder r = (i + 2p - d(k-1) - 1) % s
    positions at the end are never read; the right padding absorbs up to p of them."""
    if not all(is_known(v) for v in (size, kernel, stride, padding, dilation)):
        return 0
    reach = window_reach(kernel, dilation)
    if reach < stride or size + 2 * padding < reach:
        return 0
    remainder = (size + 2 * padding - reach) % stride
    return max(0, remainder - padding)


# the ranks F.interpolate takes in each mode (torch.nn.functional.interpolate raises for any other)
INTERPOLATE_RANKS = {"nearest": (3, 4, 5), "nearest-exact": (3, 4, 5), "area": (3, 4, 5), "linear": (3,),
                     "bilinear": (4,), "bicubic": (4,), "trilinear": (5,)}


def upsample_out(size: Dim, target: Dim | None, scale: float | Unknown | None) -> Dim:
    """One spatial dim after nn.Upsample / F.interpolate: the size, or floor(i * scale)."""
    if target is not None:
        return target
    if scale is None:
        return Unknown("neither size nor scale_factor given")
    if (unknown := _first_unknown(size, scale)) is not None:
        return unknown
    if isinstance(size, int):
        return int(size * scale)  # torch: floor(float(size) * scale)
    if float(scale).is_integer():
        return dim_mul(size, int(scale))
    return opaque(f"floor({size.atom}*{scale})")


def pad_fits(size: Dim, before: Dim, after: Dim, mode: object) -> bool | None:
    """Whether F.pad in a non-constant `mode` pads one dim of `size` by (before, after); None
    when that is not known (a symbolic size, an unknown mode, circular cropping).

    reflect: each side smaller than the size (ReflectionPad.cpp, "Padding size should be less
    than the corresponding input dimension"); circular: each side at most the size
    (PadNd.cpp _pad_circular_symint, "Padding value causes wrapping around more than once");
    reflect, replicate and circular: an output of 1 or more. Constant padding is not judged."""
    if mode not in ("reflect", "replicate", "circular"):
        return None
    if not all(is_known(v) for v in (size, before, after)):
        return None
    if size + before + after < 1:
        return False
    if mode == "reflect":
        return before < size and after < size
    if mode == "circular":
        if before < 0 or after < 0:
            return None  # cropping and wrapping at once: torch's bounds there are not modelled
        return before <= size and after <= size
    return True


def same_padding(kernel: int, dilation: int = 1) -> tuple[int, int]:
    """(left, right) padding of padding='same': d(k-1) split with the extra one on the right
    (_ConvNd.__init__, _reversed_padding_repeated_twice)."""
    total = dilation * (kernel - 1)
    return total // 2, total - total // 2


def max_unpool_out(size: Dim, kernel: Dim, stride: Dim, padding: Dim = 0) -> Dim:
    """One spatial dim after MaxUnpool without output_size: (i-1)s + k - 2p
    (_unpool_output_size in torch/nn/functional.py)."""
    if (unknown := _first_unknown(size, kernel, stride, padding)) is not None:
        return unknown
    return dim_add(dim_mul(dim_add(size, -1), stride), kernel - 2 * padding)


def unpool_size_fits(default: Dim, stride: Dim, wanted: Dim) -> bool | None:
    """Whether MaxUnpool takes output_size `wanted` for a dim whose default size is `default`:
    strictly between default - stride and default + stride (_unpool_output_size)."""
    if not is_known(stride):
        return None
    if all(is_known(v) for v in (default, wanted)):
        return default - stride < wanted < default + stride
    if any(isinstance(v, Unknown) for v in (default, wanted)) or stride > 64:
        return None
    # symbolic (`output_size=x.size()` saved a stage too early: H against 2*(H/4)): refused only
    # where no input size puts it within a stride of the default
    # (from the least input size both sides are valid at: at H = 1 a pool's H/4 is 0, stopping first)
    symbols = {symbolic.symbol_of(d) for d in (default, wanted) if not is_known(d)}
    if len(symbols) != 1 or None in symbols:
        return None
    starts = [symbolic.lowest_valid(d) for d in (default, wanted) if not is_known(d)]
    if None in starts:
        return None
    floors = {symbols.pop(): max(starts)}
    if any(symbolic.can_equal(wanted, dim_add(default, offset), floors) for offset in range(1 - stride, stride)):
        return None
    return False


def unpool_output_size_refused(spatial: Sequence[Dim], kernel: Sequence[Dim], stride: Sequence[Dim],
                               padding: Sequence[Dim], sizes: Sequence[Dim]) -> str | None:
    """torch's complaint (_unpool_output_size) where MaxUnpool surely refuses output_size `sizes`
    (its spatial entries) for an input of these spatial sides; None where it takes them or that
    is not decided."""
    for d, (i, k, s, p, wanted) in enumerate(zip(spatial, kernel, stride, padding, sizes)):
        default = max_unpool_out(i, k, s, p)
        if unpool_size_fits(default, s, wanted) is False:
            low, high = (dim_add(default, -s), dim_add(default, s)) if is_known(s) else (default, default)
            given = ", ".join(format_dim(v) for v in sizes)
            return (f'invalid output_size "[{given}]" (dim {d} must be between {format_dim(low)} and '
                    f'{format_dim(high)})')
    return None


def pixel_shuffle(dims: tuple[Dim, ...], upscale_factor: Dim) -> tuple[Dim, ...] | None:
    """(*, C*r*r, H, W) -> (*, C, H*r, W*r) (pixel_shuffle in torch/_refs/nn/functional);
    None when torch refuses: fewer than 3 dims, or channels not a multiple of r*r."""
    if len(dims) < 3:
        return None
    *lead, channels, height, width = dims
    if not is_known(upscale_factor):
        return tuple(lead) + (Unknown("upscale_factor"),) * 3
    square = upscale_factor * upscale_factor
    if is_known(channels) and channels % square:
        return None
    return (*lead, dim_floordiv(channels, square), dim_mul(height, upscale_factor), dim_mul(width, upscale_factor))


def pixel_unshuffle(dims: tuple[Dim, ...], downscale_factor: Dim) -> tuple[Dim, ...] | None:
    """(*, C, H*r, W*r) -> (*, C*r*r, H, W) (pixel_unshuffle in torch/_refs/nn/functional);
    None when torch refuses: fewer than 3 dims, or a height or width not a multiple of r."""
    if len(dims) < 3:
        return None
    *lead, channels, height, width = dims
    if not is_known(downscale_factor):
        return tuple(lead) + (Unknown("downscale_factor"),) * 3
    r = downscale_factor
    if any(is_known(d) and d % r for d in (height, width)):
        return None
    return (*lead, dim_mul(channels, r * r), dim_floordiv(height, r), dim_floordiv(width, r))


def sliding_blocks(spatial: Sequence[Dim], kernel: Sequence[Dim], dilation: Sequence[Dim],
                   padding: Sequence[Dim], stride: Sequence[Dim]) -> tuple[Dim, ...]:
    """Blocks per spatial dim of Unfold/Fold: the conv output size of each (im2col_shape_check
    and col2im_shape_check in aten/src/ATen/native/im2col_shape_check.h). Below 1 is returned as is."""
    return tuple(conv_out(i, k, s, p, d) for i, k, d, p, s in zip(spatial, kernel, dilation, padding, stride))


def unfold(dims: tuple[Dim, ...], kernel: Sequence[Dim], dilation: Sequence[Dim], padding: Sequence[Dim],
           stride: Sequence[Dim]) -> tuple[Dim, ...] | None:
    """F.unfold: (N, C, H, W) or (C, H, W) -> (N, C*kh*kw, L), L the product of the blocks per
    dim; None when torch refuses (another rank, fewer than one block)."""
    if len(dims) not in (3, 4):
        return None
    blocks = sliding_blocks(dims[-2:], kernel, dilation, padding, stride)
    if any(is_known(b) and b < 1 for b in blocks):
        return None
    return (*dims[:-3], dim_mul(dims[-3], dims_product(tuple(kernel))), dims_product(blocks))


def fold(dims: tuple[Dim, ...], output_size: Sequence[Dim], kernel: Sequence[Dim], dilation: Sequence[Dim],
         padding: Sequence[Dim], stride: Sequence[Dim]) -> tuple[Dim, ...] | None:
    """F.fold: (N, C*kh*kw, L) or (C*kh*kw, L) -> (N, C, *output_size); None when torch refuses
    (another rank, channels not a multiple of kh*kw, L not the number of blocks output_size has)."""
    if len(dims) not in (2, 3):
        return None
    columns, length = dims[-2], dims[-1]
    window = dims_product(tuple(kernel))
    per_dim = sliding_blocks(output_size, kernel, dilation, padding, stride)
    if is_known(window) and is_known(columns) and columns % window:
        return None
    if any(is_known(b) and b < 1 for b in per_dim):
        return None
    blocks = dims_product(per_dim)
    if is_known(blocks) and is_known(length) and length != blocks:
        return None
    channels = dim_floordiv(columns, window) if is_known(window) else Unknown("kernel_size")
    return (*dims[:-2], channels, *output_size)


def sliding_windows(dims: tuple[Dim, ...], dimension: object, size: Dim, step: Dim) -> tuple[Dim, ...] | None:
    """Tensor.unfold(dimension, size, step) (unfold in aten/src/ATen/native/TensorShape.cpp):
    `dimension` becomes the count of windows, (L - size) // step + 1, the conv arithmetic with no
    padding, and a last dim of `size` is added. None when torch refuses (a size over L, "maximum
    size for tensor at dimension"; a step below 1; a negative size; a dim out of range) or for a
    0-d tensor, which torch unfolds as if 1-d."""
    axis = normalize_dim(dimension, len(dims)) if isinstance(dimension, int) and dims else None
    if axis is None:
        return None
    length = dims[axis]
    if (is_known(step) and step < 1) or (is_known(size) and size < 0):
        return None
    if is_known(length) and is_known(size) and size > length:
        return None
    if is_known(size) and is_known(step):
        count = conv_out(length, size, step)  # floors as a pool does, symbolic lengths too
    else:
        count = _first_unknown(size, step) or Unknown("windows of a size or step not known statically")
    return (*dims[:axis], count, *dims[axis + 1:], size)


def embedding(indices: tuple[Dim, ...], embedding_dim: Dim) -> tuple[Dim, ...]:
    """nn.Embedding / F.embedding: one row of embedding_dim per index, any index shape
    (embedding in torch/jit/_shape_functions.py)."""
    return (*indices, embedding_dim)


# the sampling grid F.affine_grid makes for each rank of size: theta's matrix and the grid's last dim
AFFINE_MATRICES = {4: (2, 3), 5: (3, 4)}
GRID_SAMPLE_MODES = ("bilinear", "nearest", "bicubic")


def _size_dim(value: object) -> bool:
    """An entry of a size argument: an int, a symbolic size or an Unknown."""
    return isinstance(value, (Sym, Unknown)) or isinstance(value, int) and not isinstance(value, bool)


def _surely_differ(a: Dim, b: Dim) -> bool:
    """Two sizes no input size makes equal (both known, or one symbol against itself or an int)."""
    return not isinstance(a, Unknown) and not isinstance(b, Unknown) and not symbolic.can_equal(a, b)


def affine_grid(theta: tuple[Dim, ...], size: Sequence[object]) -> tuple[tuple[Dim, ...] | None, str | None]:
    """F.affine_grid(theta, size): an N x H x W x 2 grid for a size N x C x H x W, N x D x H x W x 3
    for N x C x D x H x W (affine_grid in torch/nn/functional.py; affine_grid_generator_4D/5D in
    aten/src/ATen/native/AffineGridGenerator.cpp, whose bmm of the base grid by theta needs theta's
    batch to be size[0]).

    Returns (grid, refusal): the grid's dims wherever torch makes it, else None; and why torch
    surely refuses it, else None: a size of another rank than 4 or 5, theta not N x 2 x 3 (N x 3 x 4
    for a 5-D size), a batch of theta's that no input size makes size[0]. A size of a known
    non-positive entry (torch refuses it, except at a unit side with align_corners) is not judged:
    no grid, no refusal."""
    if not all(_size_dim(d) for d in size):
        return None, None
    matrix = AFFINE_MATRICES.get(len(size))
    if matrix is None:
        return None, f"affine_grid only supports 4D and 5D sizes, got a size of {len(size)} dims"
    if len(theta) != 3 or any(is_known(d) and d != wanted for d, wanted in zip(theta[1:], matrix)):
        shape = "x".join(format_dim(d) for d in theta)
        return None, f"expected a batch of {len(size) - 2}D affine matrices of shape Nx{matrix[0]}x{matrix[1]} " \
                     f"for a size of {len(size)} dims, got theta of shape {shape}"
    batch = size[0]
    if _surely_differ(theta[0], batch):
        return None, f"theta holds {format_dim(theta[0])} matrices, but the size asks for a batch of " \
                     f"{format_dim(batch)}"
    if any(is_known(d) and d <= 0 for d in size):
        return None, None
    if isinstance(batch, Unknown) and not isinstance(theta[0], Unknown):
        batch = theta[0]  # equal wherever torch runs it
    return (batch, *size[2:], len(size) - 2), None


def grid_sample(input: tuple[Dim, ...], grid: tuple[Dim, ...], mode: object = "bilinear") \
        -> tuple[tuple[Dim, ...] | None, str | None]:
    """F.grid_sample(input, grid): N x C x Hout x Wout for an N x C x Hin x Win input and an
    N x Hout x Wout x 2 grid, N x C x Dout x Hout x Wout for 5-D ones with a last grid dim of 3
    (grid_sample in torch/nn/functional.py; check_grid_sampler_common, _2d and _3d in
    aten/src/ATen/native/GridSamplerUtils.h).

    Returns (output, refusal) as affine_grid does. Refused: an input of another rank than 4 or 5,
    a grid of another rank than the input's, a last grid dim other than the input's spatial
    count, batches no input size makes equal, bicubic on 5-D. A mode torch does not know or an
    empty spatial side of the input (refused too) are not judged: no output, no refusal."""
    rank = len(input)
    if rank not in (4, 5):
        return None, f"expected a 4-D or 5-D input, got one of {rank} dims"
    if len(grid) != rank:
        return None, f"expected a grid of as many dims as the input ({rank}), got one of {len(grid)}"
    if is_known(grid[-1]) and grid[-1] != rank - 2:
        return None, f"expected the grid's last dim to be {rank - 2} for a {rank}-D input, got {grid[-1]}"
    if _surely_differ(input[0], grid[0]):
        return None, f"the input's batch is {format_dim(input[0])} and the grid's {format_dim(grid[0])}"
    if mode == "bicubic" and rank == 5:
        return None, "bicubic interpolation only supports 4-D input"
    if isinstance(mode, str) and mode not in GRID_SAMPLE_MODES or any(is_known(d) and d <= 0 for d in input[2:]):
        return None, None
    batch = input[0] if not isinstance(input[0], Unknown) else grid[0]  # equal wherever torch runs it
    return (batch, input[1], *grid[1:-1]), None


def conv_params(in_channels: int, out_channels: int, kernel: Sequence[int], groups: int, bias: bool) -> int:
    """Weight (out, in/groups, *k) plus bias (out); a transposed conv has (in, out/groups, *k)."""
    return out_channels * (in_channels // groups) * dims_product(tuple(kernel)) + (out_channels if bias else 0)


def conv_transpose_params(
    in_channels: int, out_channels: int, kernel: Sequence[int], groups: int, bias: bool
) -> int:
    return in_channels * (out_channels // groups) * dims_product(tuple(kernel)) + (out_channels if bias else 0)


def normalize_dim(dim: int, rank: int) -> int | None:
    """A possibly negative dim index as a position, None when out of range (torch: IndexError)."""
    if -rank <= dim < rank:
        return dim % rank
    return None


def expand_refused(dims: tuple[Dim, ...], target: tuple[Dim, ...]) -> bool:
    """torch refuses x.expand(*target) (and x.expand_as(y) of y that shape): more dims than sizes,
    or a known dim other than 1 that a known size differs from (inferExpandGeometry in
    aten/src/ATen/ExpandUtils.cpp). False where a symbolic or unknown dim may fit."""
    if len(dims) > len(target):
        return True
    return any(is_known(d) and is_known(s) and d != s and d != 1
               for d, s in zip(reversed(dims), reversed(target)))


def expand_clash(dims: tuple[Dim, ...], target: tuple[Dim, ...]) -> tuple[int, int, int] | None:
    """(dim of the target, its size, the tensor's) where torch surely refuses x.expand(*target):
    a known dim other than 1 that a known size (not -1, which keeps it) differs from, the first
    from the left as inferExpandGeometry meets it. None where every dim may fit, and for more dims
    than sizes (the rank of what is expanded to may be an assumed one)."""
    if len(dims) > len(target):
        return None
    lead = len(target) - len(dims)
    for index, (dim, size) in enumerate(zip(dims, target[lead:]), lead):
        if is_known(dim) and is_known(size) and size != -1 and dim != size and dim != 1:
            return index, size, dim
    return None


def setitem_clash(value: tuple[Dim, ...], part: tuple[Dim, ...]) -> tuple[int, Dim, Dim] | None:
    """(dim of the part, its size, the value's) where torch surely refuses `t[index] = value` of a
    part of shape `part`: the value, its leading 1s dropped (as copy_ into the part does), is
    expanded to the part, so each of its dims must equal the part's or be 1; a symbolic pair only
    where no input size makes them so. None where every dim may fit, or for a value of more dims."""
    start = 0
    while start < len(value) and is_known(value[start]) and value[start] == 1:
        start += 1
    value = value[start:]
    if len(value) > len(part):
        return None
    lead = len(part) - len(value)
    for index, (dim, size) in enumerate(zip(value, part[lead:]), lead):
        if is_known(dim) and is_known(size):
            if dim != size and dim != 1:
                return index, size, dim
        elif not isinstance(dim, Unknown) and not isinstance(size, Unknown) and never_broadcast(dim, size):
            return index, size, dim
    return None


def glu(dims: tuple[Dim, ...], dim: object = -1) -> tuple[Dim, ...] | None:
    """The output of GLU / F.glu (glu_meta in torch/_meta_registrations.py): `dim` halved. None when
    torch refuses (a 0-d input, dim out of range, an odd size) or when dim is not a known int."""
    if not isinstance(dim, int) or isinstance(dim, bool):
        return None
    axis = normalize_dim(dim, len(dims))
    if axis is None:
        return None
    size = dims[axis]
    if is_known(size) and size % 2:
        return None  # "Halving dimension must be even"
    return dims[:axis] + (dim_floordiv(size, 2),) + dims[axis + 1 :]


def flatten_shape(shape: Shape, start_dim: int = 0, end_dim: int = -1) -> Shape | None:
    """torch.flatten: None when a dim is out of range; a 0-d tensor flattens to (1,)."""
    if shape.dims is None:
        return shape
    rank = len(shape.dims)
    if rank == 0:
        return Shape((1,))
    start, end = normalize_dim(start_dim, rank), normalize_dim(end_dim, rank)
    if start is None or end is None or start > end:
        return None
    merged = dims_product(shape.dims[start : end + 1])
    return Shape(shape.dims[:start] + (merged,) + shape.dims[end + 1 :])


def view_shape(shape: Shape, requested: Sequence[Dim]) -> tuple[Shape, str | None]:
    """x.view / x.reshape: the resulting shape and, when torch would refuse, why (infer_size)."""
    inferred = [i for i, d in enumerate(requested) if d == -1 and is_known(d)]
    if len(inferred) > 1:
        return Shape(None), "only one dimension can be inferred"
    for d in requested:
        if is_known(d) and d < -1:
            return Shape(None), f"invalid shape dimension {d}"
    if shape.dims is None:  # what it gives when torch takes it: the sizes asked, a -1 not known
        return Shape(tuple(Unknown("a -1 in view over an unknown size") if is_known(d) and d == -1 else d
                           for d in requested)), None
    # The same symbolic dim on both sides cancels: x.view(x.size(0), -1) keeps N whatever N is.
    # A flattened product counts factor by factor: (N, C, H*W).view(N, C, H, W//2) leaves W against W//2.
    remaining = [f for d in shape.dims for f in view_factors(d)]
    given_dims = []
    for d in requested:
        if is_known(d) and d == -1:
            continue
        for f in view_factors(d):
            if isinstance(f, Sym) and f in remaining:
                remaining.remove(f)
            else:
                given_dims.append(f)
    numel = dims_product(tuple(remaining))
    given = dims_product(tuple(given_dims))
    if not inferred:
        if is_known(numel) and is_known(given) and numel != given:
            asked = ", ".join(format_dim(d) for d in requested)  # a Sym as N, not its repr
            return Shape(tuple(requested)), f"shape [{asked}] is invalid for input of size {format_dim(shape.numel())}"
        if not is_known(numel) and (not symbolic.product_can_equal(tuple(remaining), given) if is_known(given) else
                                    not symbolic.products_can_equal(tuple(remaining), tuple(given_dims))):
            asked = ", ".join(format_dim(d) for d in requested)
            return Shape(tuple(requested)), f"shape [{asked}] is invalid for an input of shape {shape} at every input size"
        return Shape(tuple(requested)), None
    if is_known(numel) and is_known(given):
        if given == 0 or numel % given:
            asked = ", ".join(format_dim(d) for d in requested)
            return Shape(None), f"shape [{asked}] is invalid for input of size {format_dim(shape.numel())}"
        fill: Dim = numel // given
    elif is_known(given) and given != 0 and not isinstance(numel, Unknown):
        fill = _divide_symbolic(numel, given)
    else:
        fill = Unknown("a -1 in view over an unknown size")
    dims = list(requested)
    dims[inferred[0]] = fill
    return Shape(tuple(dims)), None


def view_factors(dim: Dim) -> tuple:
    """The factors a view cancels one by one: a flattened product's, and a product of constructor
    arguments (`2*bw*bw*ch`, one symbol named after its factors) split into its multiple and each
    argument, so that `.view(-1, ch, bw, bw)` of it leaves the 2 that multiplies the batch."""
    out = []
    for factor in product_factors(dim):
        names = factor.base.split("*") if isinstance(factor, Sym) and not factor.opaque \
            and isinstance(factor.base, str) and factor.offset == 0 and factor.divisor == 1 else ()
        if len(names) < 2 or factor.scale < 1 or any(name in symbolic.INPUT_SYMBOLS for name in names):
            # a multiple of one size (`1024*(size/32)`) as the multiple and the size, so that the
            # size cancels against the same size asked, and the multiples are compared as numbers
            scaled = isinstance(factor, Sym) and not factor.opaque and factor.offset == 0 \
                and factor.divisor == 1 and factor.scale > 1
            out.extend((factor.scale, factor.base if isinstance(factor.base, Sym) else Sym(factor.base))
                       if scaled else (factor,))
            continue
        if factor.scale != 1:
            out.append(factor.scale)
        out.extend(Sym(name) for name in names)
    return tuple(out)


def _divide_symbolic(numel: Dim, divisor: int) -> Dim:
    if divisor == 1:
        return numel  # x.view(x.size(0), -1): the rest, as flatten gives it
    if isinstance(numel, Sym) and not numel.opaque and numel.offset == 0 and numel.divisor == 1 \
            and numel.scale % divisor == 0:
        return Sym(numel.base, numel.scale // divisor)
    if isinstance(numel, Sym) and len(factors := product_factors(numel)) > 1:
        # a product divides factor by factor: (8*H*W).view(N, 8, -1) leaves H*W, as it would for c
        # channels, so that it still meets the H*W of another tensor (a non-local block's product)
        rest, kept = divisor, []
        for factor in factors:
            share = gcd(rest, factor if is_known(factor) else factor.scale if isinstance(factor, Sym) and not
                        factor.opaque and factor.offset == 0 and factor.divisor == 1 else 1)
            rest //= share
            if share == 1:
                kept.append(factor)
            elif is_known(factor):
                kept.append(factor // share)
            elif factor.scale == share and not isinstance(factor.base, str):
                kept.append(factor.base)  # 8*(H/2) / 8: the floor nest itself
            else:
                kept.append(Sym(factor.base, factor.scale // share))
        if rest == 1:
            return dims_product(tuple(kept))
    return opaque(f"{getattr(numel, 'atom', numel)}/{divisor}")


def never_broadcast(x: Dim, y: Dim, floors: dict[str, int] | None = None) -> bool:
    """Two dims, one or both symbolic, that neither match nor broadcast at any input size
    (`floors`: the least values of constructor arguments at which the model runs)."""
    return not (symbolic.can_equal(x, y, floors) or symbolic.can_equal(x, 1, floors)
                or symbolic.can_equal(y, 1, floors))


def broadcast_shapes(left: Shape, right: Shape, floors: dict[str, int] | None = None) -> tuple[Shape, int | None]:
    """Broadcasting of two shapes; the second item is the failing dim (counted from the left
    of the longer shape, as torch reports it), or None. Symbolic dims clash only when no input
    size makes them match or broadcast (`floors`: see never_broadcast)."""
    if left.dims is None or right.dims is None:
        return Shape(None), None
    rank = max(len(left.dims), len(right.dims))
    a = (1,) * (rank - len(left.dims)) + left.dims
    b = (1,) * (rank - len(right.dims)) + right.dims
    for index in reversed(range(rank)):  # torch names the last clashing dim (infer_size scans from the end)
        x, y = a[index], b[index]
        if is_known(x) and is_known(y) and x != y and x != 1 and y != 1:
            return Shape(None), index
        if not (is_known(x) and is_known(y)) and never_broadcast(x, y, floors):
            return Shape(None), index
    out: list[Dim] = []
    for x, y in zip(a, b):
        if is_known(x) and is_known(y):
            out.append(x if y == 1 else y)
        elif is_known(x) and x == 1:
            out.append(y)
        elif is_known(y) and y == 1:
            out.append(x)
        elif x == y:
            out.append(x)
        elif is_known(x) or is_known(y):
            out.append(x if is_known(x) else y)
        elif not isinstance(x, Unknown) and not symbolic.can_equal(x, 1):
            out.append(x)  # `16*k` against a size not known: it is 16*k or 1 wherever the add runs
        elif not isinstance(y, Unknown) and not symbolic.can_equal(y, 1):
            out.append(y)
        elif (kept := symbolic.broadcast_result(x, y)) is not None:
            out.append(kept)  # a decoder's 2*(H/16)-1 added to the skip's H/8: exact wherever the add runs
        else:
            out.append(Unknown("broadcast of symbolic dims"))
    return Shape(tuple(out)), None


def cat_shape(shapes: Sequence[Shape], dim: int) -> tuple[Shape, tuple[int, int, Dim, Dim] | None]:
    """torch.cat: the result, or (tensor index, dim, expected size, got size) of the first clash.
    A tensor of unknown shape among them leaves the size along `dim` unknown, and every other
    dim what the known ones say (torch takes only tensors of one rank, equal off `dim`)."""
    known = [(number, s) for number, s in enumerate(shapes) if s.dims is not None]
    if not known:
        return Shape(None), None
    rank = len(known[0][1].dims)
    if any(len(s.dims) != rank for _, s in known):
        return Shape(None), None
    axis = normalize_dim(dim, rank)
    if axis is None:
        return Shape(None), None
    first = known[0][1].dims
    for number, other in known[1:]:
        for d in range(rank):
            if d != axis and not symbolic.can_equal(first[d], other.dims[d]):
                return Shape(None), (number, d, first[d], other.dims[d])
    if len(known) != len(shapes):
        return Shape(first[:axis] + (Unknown("joined with a tensor of unknown shape"),) + first[axis + 1:]), None
    known = [s for _, s in known]
    summed: Dim = 0
    for s in known:
        summed = dim_sum(summed, s.dims[axis])
    dims = list(first)
    dims[axis] = summed
    return Shape(tuple(dims)), None


def dim_sum(a: Dim, b: Dim) -> Dim:
    """a + b: widths of one argument add up (`ngf*8 + ngf*8` is `16*ngf`); others stay opaque."""
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return Unknown("sum of unknown sizes")
    if is_known(a) and is_known(b):
        return a + b
    if is_known(a):
        return dim_add(b, a)
    if is_known(b):
        return dim_add(a, b)
    if isinstance(a, Sym) and isinstance(b, Sym) and not (a.opaque or b.opaque):
        (inner, scale, offset), (other, more, further) = _linear_parts(a), _linear_parts(b)
        if inner == other:  # ngf*8 + ngf*8: 16*ngf; a 4-way concat of in/2 each: 4*(in/2)
            return Sym(inner, scale + more, offset + further)
    if isinstance(a, Sym) and isinstance(b, Sym) and (arguments := _arguments_sum(a, b)) is not None:
        return arguments
    return Sym(f"{a}+{b}", opaque=True, terms=_sum_terms(a, b))


def _sum_terms(a: Sym, b: Sym) -> tuple:
    """The summands of a + b when both are exact sums of floor nests of one symbol (`out_ch/2`
    and `out_ch`; two flattened branches of one input), so that the sum is proved over every
    value; () keeps it opaque."""
    left, right = summands(a), summands(b)
    if left is None or right is None:
        return ()
    terms = tuple(t for t in (*left, *right) if t != 0)
    symbols = {symbolic.symbol_of(t) for t in terms if not is_known(t)}
    return terms if len(symbols) == 1 and None not in symbols else ()


def _arguments_sum(a: Sym, b: Sym) -> Sym | None:
    """a + b of widths of several constructor arguments (`nChannels + growthRate`, a dense block's
    concat): like terms gathered, in the order of their names, so that the sum a loop of
    `c += growthRate` reaches and the one the concats give are one width (`nChannels+4*growthRate`),
    its terms exact for the proofs. None where one argument alone (or an input size) is summed."""
    left, right = summands(a), summands(b)
    if left is None or right is None:
        return None
    terms = [t for t in (*left, *right) if t != 0]
    symbols = {symbolic.symbol_of(t) for t in terms if not is_known(t)}
    if len(symbols) < 2 or None in symbols or symbols & symbolic.INPUT_SYMBOLS \
            or not all(is_known(t) or symbolic.signed_width(t) for t in terms):
        return None
    atoms: dict = {}
    constant = 0
    for term in terms:
        if is_known(term):
            constant += term
            continue
        atom, scale, offset = _affine(term)
        atoms[atom] = atoms.get(atom, 0) + scale
        constant += offset
    gathered = tuple(Sym(atom, scale) if isinstance(atom, str) else Sym(atom, scale) if scale != 1 else atom
                     for atom, scale in sorted(atoms.items(), key=lambda item: str(item[0])) if scale)
    if not gathered:  # `planes - dv + dv - planes`: the terms cancel
        return constant
    if len(gathered) == 1 and symbolic.is_width(gathered[0]):  # `planes - dv + dv`: planes again
        return dim_add(gathered[0], constant)
    text = "".join(f"{term}" if not index or str(term).startswith("-") else f"+{term}"
                   for index, term in enumerate(gathered))
    return Sym(text, offset=constant, opaque=True, terms=gathered)


def arguments_difference(a: Sym, b: Sym) -> Dim | None:
    """a - b of widths of several constructor arguments (`out_channels - dv`): an exact sum with
    b's terms taken away (see _arguments_sum); None where that is no such sum."""
    return _arguments_sum(a, dim_mul(b, -1))


def dim_difference(a: Sym, b: Sym) -> Dim | None:
    """a - b of two widths of one argument (`2*planes - planes` is `planes`, `planes - planes` 0);
    None when they are not of one argument or the difference would fall as it grows."""
    if a.opaque or b.opaque:
        return None
    (inner, scale, offset), (other, more, further) = _linear_parts(a), _linear_parts(b)
    if inner != other or scale < more:
        return None
    return offset - further if scale == more else Sym(inner, scale - more, offset - further)


MAX_MODULUS = 1024  # multiples rounded to that rounding_parts tries, one candidate each


def rounding_parts(dim: Dim, of: Dim) -> tuple[int, int, int] | None:
    """(m, t, o) where dim is m*floor((of + t)/m) + o, 0 <= t < m: `math.ceil(h / 8) * 8` of h is
    (8, 7, 0), `(h // 8 + 1) * 8` is (8, 0, 8); None for any other form."""
    if not isinstance(dim, Sym) or not isinstance(of, Sym) or dim.opaque or of.opaque or dim.divisor != 1 \
            or not isinstance(dim.base, Sym) or not 2 <= dim.scale <= MAX_MODULUS:
        return None
    m = dim.scale
    for t in range(m):
        made = dim_mul(dim_floordiv(dim_add(of, t), m), m)
        if isinstance(made, Sym) and not made.opaque and (made.base, made.scale, made.divisor) == (dim.base, m, 1):
            return m, t, dim.offset - made.offset
    return None


def covers(dim: Dim, of: Dim) -> bool:
    """Whether dim is at least `of` for every value: `of` rounded up to a multiple (the padded side
    of `F.pad(x, (0, (8 - w % 8) % 8))`), so a crop back `x[..., :w]` is w again."""
    parts = rounding_parts(dim, of)
    return parts is not None and parts[1] + parts[2] >= parts[0] - 1 and symbolic.is_monotone(of) \
        or symbolic.at_least(dim, of)


def plus_residue(dim: Dim, r: Residue) -> Dim | None:
    """dim + r where r is a residue of dim: d + ((b - d) mod m) is the least number >= d that is b
    modulo m, b + m*ceil((d - b)/m); d - ((d + b) mod m) is m*floor((d + b)/m) - b. None for any
    other sum."""
    if r.of != dim:
        return None
    m, b = r.modulus, r.shift
    if r.sign == 1 and r.factor == m - 1:
        return dim_add(dim_mul(dim_floordiv(dim_add(dim, m - 1 - b), m), m), b + r.constant)
    if r.sign == -1 and r.factor == 1:
        return dim_add(dim_mul(dim_floordiv(dim_add(dim, b), m), m), r.constant - b)
    return None


def _scaled_residue(r: Residue, sign: int, constant: int) -> Dim:
    """constant + sign * r."""
    return residue(r.of, r.modulus, r.factor, r.shift, sign * r.sign, constant + sign * r.constant)


def residue_arithmetic(operator: str, left: object, right: object) -> Dim | None:
    """Python arithmetic that keeps a Residue (symbolic.py does not decide one): `h % 8`, `8 - r`,
    `r % 8`, `math.ceil(h / 8) * 8 - h`, and h plus one of its residues, a floor nest again. None
    where none applies (the caller's rules then do)."""
    def whole(value):
        return isinstance(value, int) and not isinstance(value, bool)

    if operator == "Modulo" and whole(right) and right > 0:
        if isinstance(left, Residue) and left.modulus % right == 0:
            # (c + s*X) mod m' with X = (a*d + b) mod m and m' dividing m: (s*a*d + s*b + c) mod m'
            return residue(left.of, right, left.sign * left.factor, left.sign * left.shift + left.constant)
        if isinstance(left, Sym) and not isinstance(left, Residue) and not left.opaque:
            return residue(left, right)
        return None
    if isinstance(left, Residue) and whole(right) and operator in ("Add", "Subtract", "Multiply"):
        if operator == "Multiply":
            return _scaled_residue(left, right, 0)
        return _scaled_residue(left, 1, right if operator == "Add" else -right)
    if isinstance(right, Residue) and whole(left) and operator in ("Add", "Subtract", "Multiply"):
        if operator == "Multiply":
            return _scaled_residue(right, left, 0)
        return _scaled_residue(right, 1 if operator == "Add" else -1, left)
    if operator in ("Add", "Subtract") and isinstance(right, Residue) and isinstance(left, Sym) \
            and not isinstance(left, Residue):
        return plus_residue(left, right if operator == "Add" else _scaled_residue(right, -1, 0))
    if operator == "Add" and isinstance(left, Residue) and isinstance(right, Sym) and not isinstance(right, Residue):
        return plus_residue(right, left)
    if operator == "Subtract" and isinstance(left, Sym) and isinstance(right, Sym) \
            and not isinstance(left, Residue) and not isinstance(right, Residue) \
            and (parts := rounding_parts(left, right)) is not None:
        # m*floor((d + t)/m) + o - d = t + o - ((d + t) mod m)
        m, t, o = parts
        return residue(right, m, 1, t, -1, t + o)
    return None


def exact_multiple(total: Dim, piece: Dim) -> int | None:
    """k where total is k times piece for every value of their one argument (`width*scale` of
    `width`), else None: how many pieces x.split(width) of a symbolic dim gives."""
    if not isinstance(total, Sym) or not isinstance(piece, Sym) or total.opaque or piece.opaque:
        return None
    (inner, scale, offset), (other, part, rest) = _affine(total), _affine(piece)
    if inner != other or part <= 0 or scale % part:
        return None
    times = scale // part
    return times if times >= 1 and offset == times * rest else None


def _affine(dim: Sym) -> tuple:
    """dim as scale*inner + offset, inner a symbol or a floor whose offset is below its divisor
    (`2*((C+1)/2) - 2` and `2*((C-1)/2)` are both 2*((C+1)/2) - 2), so equal dims compare equal."""
    if dim.divisor > 1:
        whole, rest = divmod(dim.offset, dim.divisor)
        return Sym(dim.base, dim.scale, rest, dim.divisor), 1, whole
    if isinstance(dim.base, str) or dim.base.opaque:
        return dim.base, dim.scale, dim.offset
    inner, scale, offset = _affine(dim.base)
    return inner, scale * dim.scale, offset * dim.scale + dim.offset


def _linear_parts(dim: Sym) -> tuple:
    """dim as scale*inner + offset with no floor outside `inner` (`3*(C/2)+1`: C/2, 3, 1)."""
    return (dim.base, dim.scale, dim.offset) if dim.divisor == 1 else (dim, 1, 0)


def einsum_shape(equation: str, operands: Sequence[tuple[Dim, ...]]) -> tuple[Dim, ...] | None:
    """torch.einsum's output shape (aten/src/ATen/native/Linear.cpp), or None where the equation
    is not one torch takes or the sizes do not tell. A label's size is what its operands agree
    on, a size of 1 broadcasting; the '...' dims broadcast as in `+`; with no '->' the output is
    '...' then each label used once, in ASCII order (upper case first)."""
    lhs, arrow, rhs = equation.replace(" ", "").partition("->")
    terms = lhs.split(",")
    if len(terms) != len(operands):
        return None
    sizes: dict[str, Dim] = {}
    uses: dict[str, int] = {}
    ellipsis = Shape(())
    for term, dims in zip(terms, operands):
        head, dots, tail = term.partition("...")
        labels = head + tail
        if not _einsum_labels(labels) or len(dims) < len(labels) or (not dots and len(dims) != len(labels)):
            return None
        spread = len(dims) - len(labels)
        ellipsis, failing = broadcast_shapes(ellipsis, Shape(dims[len(head):len(head) + spread]))
        if failing is not None or ellipsis.dims is None:
            return None
        for label, size in zip(labels, dims[:len(head)] + dims[len(head) + spread:]):
            uses[label] = uses.get(label, 0) + 1
            if label in sizes:
                merged, failing = broadcast_shapes(Shape((sizes[label],)), Shape((size,)))
                if failing is not None or merged.dims is None or isinstance(merged.dims[0], Unknown):
                    return None
                size = merged.dims[0]
            sizes[label] = size
    if not arrow:
        return ellipsis.dims + tuple(sizes[label] for label in sorted(uses) if uses[label] == 1)
    head, dots, tail = rhs.partition("...")
    wanted = head + tail
    if not _einsum_labels(wanted) or len(set(wanted)) != len(wanted) or any(c not in sizes for c in wanted):
        return None
    return tuple(sizes[c] for c in head) + (ellipsis.dims if dots else ()) + tuple(sizes[c] for c in tail)


def einsum_refusal(equation: str, operands: Sequence[tuple[Dim, ...]]) -> str | None:
    """Why torch.einsum refuses operands of these dims at every input size, in torch's words
    (aten/src/ATen/native/Linear.cpp), or None where it may run or the equation is not one
    this reads: an operand of another rank than its subscripts, a subscript whose sizes neither
    match nor broadcast (a capsule weight told 32 input capsules, given 16), the dims under
    '...' that do not broadcast. Symbolic sizes only where no input size makes them fit."""
    found = einsum_clash(equation, operands)
    return found[0] if found is not None else None


def einsum_clash(equation: str, operands: Sequence[tuple[Dim, ...]]) -> tuple[str, tuple] | None:
    """einsum_refusal's problem, and where a subscript's sizes clash: ((operand, dim) seen first,
    (operand, dim) that clashes with it), or () where the problem is not one subscript's."""
    lhs, _, _ = equation.replace(" ", "").partition("->")
    terms = lhs.split(",")
    if len(terms) != len(operands):
        return None
    seen: dict[str, tuple[Dim, tuple[int, int]]] = {}
    ellipsis = Shape(())
    for number, (term, dims) in enumerate(zip(terms, operands)):
        head, dots, tail = term.partition("...")
        labels = head + tail
        if not _einsum_labels(labels):
            return None
        if not dots and len(dims) != len(labels):
            return (f"einsum(): the number of subscripts in the equation ({len(labels)}) does not match the number "
                    f"of dimensions ({len(dims)}) for operand {number} and no ellipsis was given"), ()
        if dots and len(dims) < len(labels):
            return (f"einsum(): the number of subscripts in the equation ({len(labels)}) is more than the number "
                    f"of dimensions ({len(dims)}) for operand {number}"), ()
        spread = len(dims) - len(labels)
        ellipsis, failing = broadcast_shapes(ellipsis, Shape(dims[len(head):len(head) + spread]))
        if failing is not None:
            return f"einsum(): the dims covered by '...' in operand {number} do not broadcast with those seen before", ()
        if ellipsis.dims is None:
            ellipsis = Shape(())  # (sizes not known: nothing more to say of them)
        positions = [*range(len(head)), *range(len(head) + spread, len(dims))]
        own: dict[str, tuple[Dim, int]] = {}
        for label, at in zip(labels, positions):
            size = dims[at]
            if label in own:
                if never_equal(own[label][0], size):
                    return (f"einsum(): subscript {label} is repeated for operand {number} but the sizes don't "
                            f"match, {format_dim(size)} != {format_dim(own[label][0])}"), \
                        ((number, own[label][1]), (number, at))
                continue
            own[label] = size, at
            before, where = seen.get(label, (None, None))
            if before is not None and not isinstance(before, Unknown) and not isinstance(size, Unknown):
                clash = before != size and before != 1 and size != 1 if is_known(before) and is_known(size) \
                    else never_broadcast(before, size)
                if clash:
                    return (f"einsum(): subscript {label} has size {format_dim(size)} for operand {number} which "
                            f"does not broadcast with previously seen size {format_dim(before)}"
                            + ("" if is_known(before) and is_known(size) else ", and no input size makes them fit")), \
                        (where, (number, at))
            if before is None or is_known(before) and before == 1:
                seen[label] = size, (number, at)
    return None


def _einsum_labels(labels: str) -> bool:
    return all(c.isascii() and c.isalpha() for c in labels)


def _same_size(x: Dim, y: Dim) -> bool:
    """Two sizes surely equal: both known and equal, or the same symbol."""
    return x == y and (is_known(x) or isinstance(x, Sym))


def _may_agree(x: Dim, y: Dim) -> bool:
    """Inner sizes of a product, one or both symbolic and none unknown, that some size makes
    equal (a capsule weight's `in_dim` against the capsules' 8): they leave the result, so
    its shape is the one it has wherever the product runs."""
    return not isinstance(x, Unknown) and not isinstance(y, Unknown) and not (is_known(x) and is_known(y)) \
        and not never_equal(x, y)


def matmul_shape(left: tuple[Dim, ...], right: tuple[Dim, ...]) -> tuple[Dim, ...] | None:
    """torch.matmul's output shape (matmul in torch/jit/_shape_functions.py): 1-D by 1-D a
    scalar; 2-D by 1-D (n,); 1-D by 2-D (p,); 2-D by 2-D (n, p); beyond, the batch dims broadcast,
    a 1-D operand taken as (1, m) or (m, 1) and that dim dropped. None where the inner sizes are
    not surely equal and one is unknown or none is symbolic, or the batch dims do not broadcast:
    unknown (matmul_refusal judges the sizes torch refuses at every input size). Symbolic inner
    sizes some size makes equal leave the result: its shape is the one it has wherever the
    product runs. A batch size not known leaves that dim of the result unknown: the rank and the
    matrix dims are known wherever the product runs."""
    if not left or not right:
        return None  # "both arguments to matmul need to be at least 1D"
    inner_left = left[-1]
    inner_right = right[0] if len(right) == 1 else right[-2]
    if not _same_size(inner_left, inner_right) and not _may_agree(inner_left, inner_right):
        return None
    if len(left) == 1 and len(right) == 1:
        return ()
    rows = () if len(left) == 1 else (left[-2],)
    columns = () if len(right) == 1 else (right[-1],)
    batch_left, batch_right = left[:-2], right[:-2]
    if batch_left and batch_right:
        batch, failing = broadcast_shapes(Shape(batch_left), Shape(batch_right))
        if failing is not None or batch.dims is None:
            return None
        batch_dims = batch.dims
    else:
        batch_dims = batch_left or batch_right
    return (*batch_dims, *rows, *columns)


def never_equal(x: Dim, y: Dim) -> bool:
    """Two sizes that differ at every input size (and every value of the arguments): both known
    and different, symbolic ones no size makes equal, or products no sizes make equal (`H*W` of
    a flattened map against `(H/2)*(W/2)` of its pooled twin). False where it is not proved."""
    if is_known(x) and is_known(y):
        return x != y
    if isinstance(x, Unknown) or isinstance(y, Unknown):
        return False
    left, right = product_factors(x), product_factors(y)
    if len(left) > 1 or len(right) > 1:
        if is_known(y) or is_known(x):
            factors, wanted = (left, y) if is_known(y) else (right, x)
            return not symbolic.product_can_equal(factors, wanted)
        return not symbolic.products_can_equal(left, right)
    return not symbolic.can_equal(x, y)


def matmul_refusal(left: tuple[Dim, ...], right: tuple[Dim, ...], op: str = "matmul") -> str | None:
    """Why torch refuses `left @ right` at every input size, or None where it may run (or the
    ranks are not the op's: not judged here). op: "matmul" (batch dims broadcast, a 1-D operand
    taken as a row or a column), "mm" (two matrices) or "bmm" (two 3-D stacks of one batch)."""
    if op == "mm" and not len(left) == len(right) == 2 or op == "bmm" and not len(left) == len(right) == 3 \
            or not left or not right:
        return None
    inner_left, inner_right = left[-1], right[0] if len(right) == 1 else right[-2]
    where = "size" if len(right) == 1 else "dim -2"
    if never_equal(inner_left, inner_right):
        if op == "mm":
            problem = (f"mat1 and mat2 shapes cannot be multiplied ({'x'.join(format_dim(d) for d in left)} and "
                       f"{'x'.join(format_dim(d) for d in right)})")
        else:
            problem = (f"the first operand's last dim ({format_dim(inner_left)}) must equal the second's "
                       f"{where} ({format_dim(inner_right)})")
        return problem if is_known(inner_left) and is_known(inner_right) else \
            problem + ", and no input size makes them equal"
    if op == "bmm" and never_equal(left[0], right[0]):
        problem = f"the batch sizes {format_dim(left[0])} and {format_dim(right[0])} differ"
        return problem if is_known(left[0]) and is_known(right[0]) else problem + ", and no input size makes them equal"
    if op == "matmul" and len(left) > 2 and len(right) > 2:
        _, failing = broadcast_shapes(Shape(left[:-2]), Shape(right[:-2]))
        if failing is not None:
            return (f"the batch dims [{', '.join(format_dim(d) for d in left[:-2])}] and "
                    f"[{', '.join(format_dim(d) for d in right[:-2])}] do not broadcast")
    return None


def _smaller(m: Dim, n: Dim) -> Dim:
    """min(m, n): of two sizes known, or one symbolic size with itself; else unknown."""
    if is_known(m) and is_known(n):
        return min(m, n)
    if m == n and not isinstance(m, Unknown):
        return m
    return Unknown("the smaller of two sizes not known")


def linalg_shapes(name: str, dims: tuple[Dim, ...], mode: str = "reduced", diagonal: Dim = 0) \
        -> tuple[tuple[Dim, ...], ...] | None:
    """The shapes of what a linear-algebra op gives for an input of `dims`, one per tensor it
    returns, as torch gives them; None where torch refuses the input or its size is not known.
    qr: (Q, R) of (*, m, k), (*, k, n), k = min(m, n) ('complete': Q (*, m, m), R (*, m, n);
    'r': Q empty); lu: (P, L, U) of (*, m, m), (*, m, k), (*, k, n); diag: a vector's matrix,
    a matrix's diagonal; det and slogdet the batch dims; inverse, cholesky, matrix_exp a square
    matrix's shape; pinverse (*, n, m); triu/tril any matrix's shape."""
    if len(dims) < (1 if name == "diag" else 2):
        return None
    if name == "diag":
        return _diag(dims, diagonal)
    *batch, m, n = dims
    batch = tuple(batch)
    square = m == n and not isinstance(m, Unknown)
    if name in ("triu", "tril"):
        return (dims,)
    if name == "pinverse":
        return (batch + (n, m),)
    if name == "qr":
        if mode == "complete":
            return (batch + (m, m), dims)
        k = _smaller(m, n)
        if mode == "r":
            return ((0,), batch + (k, n))
        return (batch + (m, k), batch + (k, n)) if mode == "reduced" else None
    if name == "lu":
        k = _smaller(m, n)
        return (batch + (m, m), batch + (m, k), batch + (k, n))
    if not square:
        return None  # a matrix that is not square, or not known to be: torch refuses, not judged here
    if name in ("inverse", "cholesky", "matrix_exp"):
        return (dims,)
    if name in ("det", "logdet"):
        return (batch,)
    if name == "slogdet":
        return (batch, batch)
    return None


def _diag(dims: tuple[Dim, ...], diagonal: Dim) -> tuple[tuple[Dim, ...], ...] | None:
    """torch.diag: a vector of n on the k-th diagonal of an (n + |k|) square matrix; of an (m, n)
    matrix, its k-th diagonal (empty when k runs off the matrix)."""
    if not is_known(diagonal) or len(dims) > 2:
        return None
    if len(dims) == 1:
        (n,) = dims
        side = dim_add(n, abs(diagonal))
        return None if isinstance(side, Unknown) else ((side, side),)
    m, n = dims
    if diagonal == 0:
        return ((_smaller(m, n),),)
    if not (is_known(m) and is_known(n)):
        return None
    length = min(m, n - diagonal) if diagonal > 0 else min(m + diagonal, n)
    return ((max(length, 0),),)


def axis_choices(op: str, axes: tuple[int, ...], source: tuple[Dim, ...]) -> list[tuple[tuple[int, ...], tuple[Dim, ...]]]:
    """The other ways of writing one axis op on a tensor of dims `source`, each as (its axes, the
    dims it gives): unsqueeze at another place, transpose with one of its two axes changed, permute
    with two entries swapped. `axes` are the op's own, from 0."""
    rank = len(source)
    out: list[tuple[tuple[int, ...], tuple[Dim, ...]]] = []
    if op.endswith("unsqueeze") and len(axes) == 1:
        for place in range(rank + 1):
            if place != axes[0]:
                out.append(((place,), source[:place] + (1,) + source[place:]))
    elif op.endswith(("transpose", "swapaxes")) and len(axes) == 2:
        seen = {tuple(sorted(axes))}
        for kept in axes:
            for other in range(rank):
                pair = tuple(sorted((kept, other)))
                if other == kept or pair in seen:
                    continue
                seen.add(pair)
                swapped = list(source)
                swapped[kept], swapped[other] = swapped[other], swapped[kept]
                out.append((pair, tuple(swapped)))
    elif op.endswith("permute") and len(axes) == rank:
        for i in range(rank):
            for j in range(i + 1, rank):
                order = list(axes)
                order[i], order[j] = order[j], order[i]
                out.append((tuple(order), tuple(source[a] for a in order)))
    return out
