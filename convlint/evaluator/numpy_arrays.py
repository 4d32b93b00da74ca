"""numpy arrays built in a constructor, by their shapes: the STFT kernels, windows and filter
banks that audio front ends make with numpy and hand to torch (`register_buffer("weight",
torch.from_numpy(np.concatenate([np.real(basis), np.imag(basis)], 1).T[:, None, :]))`).

An array is a shape-only Tensor: indexing, `.T`, broadcasting arithmetic and `.reshape` are
torch's and numpy's alike. What is numpy's own (its creators, `axis=`, np.fft, np.linalg, the
windows of numpy and scipy.signal) is here, each as numpy documents it; anything else stays
unknown."""

from __future__ import annotations

from typing import Any

from convlint import shapes
from convlint.evaluator import known_tensors
from convlint.model import Tensor
from convlint.values import Dim, Shape, Sym, is_known

CREATORS = frozenset({"zeros", "ones", "empty", "full"})
LIKE = frozenset({"zeros_like", "ones_like", "empty_like", "full_like"})
RANDOM_SIZED = frozenset({"normal", "uniform", "standard_normal", "random", "random_sample", "sample"})
RANDOM_DIMS = frozenset({"randn", "rand"})
# same shape as the (first) array: elementwise numpy functions of one array
ELEMENTWISE = frozenset(
    "real imag abs absolute sqrt exp log log2 log10 log1p sin cos tan sinh cosh tanh arcsin arccos arctan "
    "square conj conjugate angle sign negative floor ceil rint round around fix trunc float32 float64 "
    "copy ascontiguousarray nan_to_num clip".split())
WINDOWS = frozenset({"hanning", "hamming", "blackman", "bartlett", "kaiser"})
SCIPY_WINDOWS = frozenset({"hann", "hamming", "blackman", "bartlett", "kaiser", "cosine", "boxcar", "triang",
                           "povey", "gaussian", "tukey", "flattop", "nuttall", "blackmanharris", "parzen", "bohman"})


def _size(value: Any) -> bool:
    return (is_known(value) and value >= 0) or isinstance(value, Sym)


def _sizes(value: Any) -> tuple[Dim, ...] | None:
    """A numpy shape argument: an int or a sequence of them."""
    items = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    return items if all(_size(d) for d in items) else None


def _array(dims: tuple[Dim, ...] | None, name: str) -> Tensor:
    return Tensor(Shape(dims), f"numpy.{name}")


def _literal_array(data: list | tuple, kwargs: dict) -> Tensor | known_tensors.KnownTensor | None:
    """np.array([1., 2., 1.]): numpy's float64 or int64 array of that data (a blur filter's taps);
    given another dtype, its shape alone."""
    made = known_tensors.from_data(list(data), producer="numpy.array")
    if made is None:
        return None
    if made.dtype == "float32":  # torch's default float; numpy's is float64
        made = known_tensors.from_data(list(data), "float64", "numpy.array")
    if set(kwargs) - {"copy"}:
        return _array(made.shape, "array")
    return made


def call_numpy(qualified: str, args: list, kwargs: dict) -> Tensor | tuple | None:
    """The array a numpy (or scipy.signal window, scipy.stats distribution) call makes, or None
    when it makes none modelled."""
    if qualified.startswith("scipy.stats.") or qualified in ("numpy.diff", "numpy.outer"):
        # an array of known values (np.linspace's) by its shape alone, where nothing keeps its values
        args = [_shape_of_known(a) for a in args]
    if qualified.startswith("scipy.signal"):
        return _scipy_window(qualified.rpartition(".")[2], args, kwargs)
    if qualified.startswith("scipy.stats."):
        return _scipy_stats(qualified, args, kwargs)
    namespace, _, name = qualified.rpartition(".")
    if namespace == "numpy.random":
        return _random(name, args, kwargs)
    if namespace == "numpy.fft":
        return _fft(name, args, kwargs)
    if namespace == "numpy.linalg":
        if name in ("pinv", "inv") and args and _matrix(args[0]):
            dims = args[0].shape.dims
            return _array(dims[:-2] + (dims[-1], dims[-2]) if name == "pinv" else dims, name)
        return None
    if namespace != "numpy":
        return None
    if name in CREATORS:
        sizes = _sizes(args[0] if args else kwargs.get("shape"))
        return _array(sizes, name) if sizes is not None else None
    if name in LIKE:
        source = args[0] if args else kwargs.get("a")
        return _array(source.shape.dims, name) if isinstance(source, Tensor) else None
    if name in ("eye", "identity"):
        rows = args[0] if args else kwargs.get("N", kwargs.get("n"))
        columns = args[1] if len(args) > 1 and name == "eye" else kwargs.get("M")
        columns = rows if columns is None else columns
        return _array((rows, columns), name) if _size(rows) and _size(columns) else None
    if name in WINDOWS:
        length = args[0] if args else kwargs.get("M")
        return _array((length,), name) if _size(length) else None
    if name == "arange":
        return _arange(args, kwargs)
    if name == "meshgrid":
        return _meshgrid(args, kwargs)
    if name in ("array", "asarray") and len(args) == 1 and isinstance(args[0], (list, tuple)):
        return _literal_array(args[0], kwargs)
    if name in ("array", "asarray", "asanyarray", "float32", "float64") and args and isinstance(args[0], Tensor):
        return _array(args[0].shape.dims, name)
    if name in ELEMENTWISE and args and isinstance(args[0], Tensor):
        return _array(args[0].shape.dims, name)
    if name in ("concatenate", "stack"):
        return _joined(name, args, kwargs)
    if name == "transpose" and args and isinstance(args[0], Tensor):
        return _transposed(args[0], args[1] if len(args) > 1 else kwargs.get("axes"))
    if name == "expand_dims" and args and isinstance(args[0], Tensor):
        return _expanded(args[0], args[1] if len(args) > 1 else kwargs.get("axis"))
    if name == "reshape" and args and isinstance(args[0], Tensor):
        wanted = args[1] if len(args) > 1 else kwargs.get("newshape", kwargs.get("shape"))
        sizes = tuple(wanted) if isinstance(wanted, (tuple, list)) else (wanted,)
        result, problem = shapes.view_shape(args[0].shape, sizes)
        return _array(result.dims, name) if problem is None and result.dims is not None else None
    if name == "convolve" and len(args) >= 2 and all(_vector(a) for a in args[:2]):
        return _convolved(args[0].shape.dims[0], args[1].shape.dims[0], args[2] if len(args) > 2
                          else kwargs.get("mode", "full"))
    if name in ("sum", "mean", "max", "min", "prod") and args and isinstance(args[0], Tensor):
        return _reduced(args[0], args[1] if len(args) > 1 else kwargs.get("axis"), kwargs.get("keepdims", False), name)
    if name == "diff" and args and isinstance(args[0], Tensor):
        return _differenced(args[0], args[1] if len(args) > 1 else kwargs.get("n", 1),
                            args[2] if len(args) > 2 else kwargs.get("axis", -1), set(kwargs) - {"n", "axis"})
    if name == "outer" and len(args) == 2 and all(isinstance(a, Tensor) for a in args):
        return _array((args[0].shape.numel(), args[1].shape.numel()), name) \
            if all(a.shape.dims is not None for a in args) else None
    return None


def _arange(args: list, kwargs: dict) -> Tensor | None:
    """np.arange(stop), (start, stop[, step]) of ints: ceil((stop - start) / step) elements, none
    when that is below 1; np.arange(n) of a size known as a symbol, n. Floats (numpy's rounding
    of the count) and a zero step (numpy refuses) are not followed."""
    if len(args) > 3 or set(kwargs) - {"start", "stop", "step", "dtype"}:
        return None
    one_is_stop = len(args) == 1 and "stop" not in kwargs  # np.arange(4) stops at 4; np.arange(4, stop=9) starts there
    named = dict(zip(("stop",) if one_is_stop else ("start", "stop", "step"), args))
    if set(named) & set(kwargs):
        return None
    named.update((k, v) for k, v in kwargs.items() if k != "dtype")
    start, stop, step = named.get("start", 0), named.get("stop"), named.get("step", 1)
    if isinstance(stop, Sym) and start == 0 and step == 1:
        return _array((stop,), "arange")
    if not all(is_known(v) for v in (start, stop, step)) or step == 0:
        return None
    return _array((max(0, -(-(stop - start) // step)),), "arange")


def _elements(value: Any) -> Dim | None:
    """How many elements numpy's meshgrid takes of an argument, which it flattens: an array's
    (of any rank), a list's of numbers, one of a number."""
    if isinstance(value, known_tensors.KnownTensor):
        return value.numel
    if isinstance(value, Tensor):
        count = value.shape.numel() if value.shape.dims is not None else None
        return count if count is not None and (is_known(count) or isinstance(count, Sym)) else None
    if isinstance(value, range):
        return len(value)
    if isinstance(value, (list, tuple)):
        flat = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        return len(value) if flat else None
    return 1 if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _meshgrid(args: list, kwargs: dict) -> tuple | None:
    """np.meshgrid(*xi, indexing='xy', sparse=False, copy=True): a tuple of arrays, one for each
    (flattened) argument, each of the sizes of all of them in order, the first two swapped with
    'xy' where there are two or more (the second's length first: `gx, gy = np.meshgrid(
    np.arange(W), np.arange(H))` are H x W); sparse, each has its own size on its axis and 1 on
    the others (numpy/lib/_function_base_impl.py). An argument of
    sizes not known leaves the call unknown."""
    indexing, sparse = kwargs.get("indexing", "xy"), kwargs.get("sparse", False)
    if set(kwargs) - {"indexing", "sparse", "copy"} or indexing not in ("xy", "ij") \
            or not isinstance(sparse, bool) or not args:
        return None
    sizes = [_elements(a) for a in args]
    if any(s is None for s in sizes):
        return None
    rank = len(sizes)
    axes = list(range(rank))
    if indexing == "xy" and rank > 1:
        axes[0], axes[1] = 1, 0  # the first argument runs along axis 1, the second along axis 0
    full = [1] * rank
    for size, axis in zip(sizes, axes):
        full[axis] = size
    made = []
    for size, axis in zip(sizes, axes):
        dims = tuple(full) if not sparse else tuple(size if a == axis else 1 for a in range(rank))
        made.append(_array(dims, "meshgrid"))
    return tuple(made)


def _vector(value: Any) -> bool:
    return isinstance(value, Tensor) and value.shape.dims is not None and len(value.shape.dims) == 1 \
        and _size(value.shape.dims[0]) and value.shape.dims[0] > 0


def _convolved(n: int, m: int, mode: Any) -> Tensor | None:
    """np.convolve(a, v, mode): n + m - 1 samples ('full'), max(n, m) ('same'), max - min + 1 ('valid')."""
    lengths = {"full": n + m - 1, "same": max(n, m), "valid": max(n, m) - min(n, m) + 1}
    return _array((lengths[mode],), "convolve") if mode in lengths else None


def _reduced(array: Tensor, axis: Any, keepdims: Any, name: str) -> Tensor | None:
    """np.sum(a) (a 0-d array), np.sum(a, axis=k) (that dim gone, or 1 with keepdims)."""
    dims = array.shape.dims
    if dims is None or not isinstance(keepdims, bool):
        return None
    if axis is None:
        return _array((1,) * len(dims) if keepdims else (), name)
    position = _axis_of(axis, len(dims))
    if position is None:
        return None
    return _array(dims[:position] + ((1,) if keepdims else ()) + dims[position + 1:], name)


def _matrix(value: Any) -> bool:
    return isinstance(value, Tensor) and value.shape.dims is not None and len(value.shape.dims) >= 2


def _random(name: str, args: list, kwargs: dict) -> Tensor | None:
    """np.random.randn(2, 3) / rand(2, 3) take dims; normal(0, 1, size) and the others a size."""
    if name in RANDOM_DIMS:
        return _array(tuple(args), name) if args and all(_size(d) for d in args) and not kwargs else None
    if name in RANDOM_SIZED:
        position = {"normal": 2, "uniform": 2}.get(name, 0)
        size = args[position] if len(args) > position else kwargs.get("size")
        sizes = _sizes(size) if size is not None else None
        return _array(sizes, name) if sizes is not None else None
    return None


def _axis_of(value: Any, rank: int) -> int | None:
    return shapes.normalize_dim(value, rank) if isinstance(value, int) and not isinstance(value, bool) else None


def _fft(name: str, args: list, kwargs: dict) -> Tensor | None:
    """np.fft.fft/ifft (n points), rfft (n // 2 + 1), irfft (n, by default 2 * (m - 1)) along
    `axis` (the last), n being that axis' length when not given."""
    source = args[0] if args else kwargs.get("a")
    if name not in ("fft", "ifft", "rfft", "irfft") or not isinstance(source, Tensor) or source.shape.dims is None:
        return None
    dims = source.shape.dims
    axis = _axis_of(args[2] if len(args) > 2 else kwargs.get("axis", -1), len(dims))
    points = args[1] if len(args) > 1 else kwargs.get("n")
    if axis is None:
        return None
    length = dims[axis]
    if points is None:
        points = 2 * (length - 1) if name == "irfft" and is_known(length) else length if name != "irfft" else None
    if not is_known(points) or points < 1:
        return None
    out = points // 2 + 1 if name == "rfft" else points
    return _array(dims[:axis] + (out,) + dims[axis + 1:], f"fft.{name}")


def _joined(name: str, args: list, kwargs: dict) -> Tensor | None:
    """np.concatenate(arrays, axis=0): equal shapes but along axis, which adds up; np.stack: equal
    shapes, a new axis."""
    arrays = args[0] if args else kwargs.get("arrays")
    axis = args[1] if len(args) > 1 else kwargs.get("axis", 0)
    if not isinstance(arrays, (list, tuple)) or not arrays or not all(
            isinstance(a, Tensor) and a.shape.dims is not None for a in arrays):
        return None
    first = arrays[0].shape.dims
    if any(len(a.shape.dims) != len(first) for a in arrays):
        return None
    at = _axis_of(axis, len(first) + (name == "stack"))
    if at is None:
        return None
    if name == "stack":
        if any(a.shape.dims != first for a in arrays):
            return None
        return _array(first[:at] + (len(arrays),) + first[at:], name)
    if any(d != e for a in arrays for i, (d, e) in enumerate(zip(a.shape.dims, first)) if i != at):
        return None
    total: Dim = 0
    for a in arrays:
        part = a.shape.dims[at]
        if not is_known(part) or not is_known(total):
            return None
        total += part
    return _array(first[:at] + (total,) + first[at + 1:], name)


def _transposed(array: Tensor, axes: Any) -> Tensor | None:
    dims = array.shape.dims
    if dims is None:
        return None
    if axes is None:
        return _array(dims[::-1], "transpose")
    order = [_axis_of(a, len(dims)) for a in axes] if isinstance(axes, (list, tuple)) else None
    if order is None or None in order or sorted(order) != list(range(len(dims))):
        return None
    return _array(tuple(dims[a] for a in order), "transpose")


def _expanded(array: Tensor, axis: Any) -> Tensor | None:
    dims = array.shape.dims
    at = _axis_of(axis, len(dims) + 1) if dims is not None else None
    return _array(dims[:at] + (1,) + dims[at:], "expand_dims") if at is not None else None


def _scipy_window(name: str, args: list, kwargs: dict) -> Tensor | None:
    """scipy.signal.get_window(window, Nx) and scipy.signal(.windows).hann(M, ...): M samples."""
    if name == "get_window":
        length = args[1] if len(args) > 1 else kwargs.get("Nx")
    elif name in SCIPY_WINDOWS:
        length = args[0] if args else kwargs.get("M")
    else:
        return None
    return _array((length,), name) if _size(length) else None


# scipy.stats distributions' functions of x, elementwise: st.norm.cdf(x) is x's shape
STATS_ELEMENTWISE = frozenset({"pdf", "cdf", "logpdf", "logcdf", "sf", "logsf", "ppf", "isf"})


def _scipy_stats(qualified: str, args: list, kwargs: dict) -> Tensor | None:
    """scipy.stats.<distribution>.cdf(x, loc, scale) and its kin, of an array x and numbers: an
    array of x's shape (an edge detector's Gaussian kernel, np.diff(st.norm.cdf(x)))."""
    name = qualified.rpartition(".")[2]
    x = args[0] if args else kwargs.get("x", kwargs.get("q"))
    if qualified.count(".") != 3 or name not in STATS_ELEMENTWISE or not isinstance(x, Tensor) \
            or any(isinstance(a, Tensor) for a in (*args[1:], *kwargs.values()) if a is not x):
        return None
    return _array(x.shape.dims, f"stats.{name}")


def _differenced(array: Tensor, n: Any, axis: Any, other: set) -> Tensor | None:
    """np.diff(a, n=1, axis=-1): n fewer along the axis (none left past its length)."""
    dims = array.shape.dims
    if other or dims is None or not dims or not (is_known(n) and not isinstance(n, bool) and n >= 0):
        return None
    at = _axis_of(axis, len(dims))
    if at is None or not is_known(dims[at]):
        return None
    return _array(dims[:at] + (max(0, dims[at] - n),) + dims[at + 1:], "diff")


def _shape_of_known(value: Any) -> Any:
    if isinstance(value, known_tensors.KnownTensor):
        return Tensor(Shape(tuple(value.shape)), value.producer)
    return value
