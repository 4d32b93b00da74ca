"""What each layer record does to a shape, and what it costs. A leaf module over shapes.py.

Output shapes follow torch's modules; params and mult-adds follow torchinfo's conventions
(layer_info.py: a Conv* layer costs params x N x output positions, any other layer with
weights costs output_size[0] x params)."""

from __future__ import annotations

from math import prod

from convlint import einops_patterns, shapes
from convlint.symbolic import argument_object
from convlint.records import (
    AdaptivePoolRecord,
    AttentionRecord,
    TransformerRecord,
    ChannelShuffleRecord,
    GluRecord,
    ConvRecord,
    EinopsRecord,
    ElementwiseRecord,
    EmbeddingRecord,
    FlattenRecord,
    FoldRecord,
    LayerRecord,
    LinearRecord,
    MaxUnpoolRecord,
    NormRecord,
    PadRecord,
    PixelShuffleRecord,
    PoolRecord,
    RecurrentRecord,
    UnflattenRecord,
    UnfoldRecord,
    UpsampleRecord,
    field_of,
)
from convlint.values import Dim, Residue, Shape, Sym, Unknown, dim_mul, is_known

COLLAPSED = "a spatial size below 1 (CL105)"
REFUSED = "an input torch refuses"
BATCH_NORM_RANKS = {1: (2, 3), 2: (4,), 3: (5,)}
PAD_MODES = {"reflect": "reflect", "replicate": "replicate", "circular": "circular"}  # conv padding_mode -> F.pad mode


def accepted_ranks(record: LayerRecord) -> tuple[int, ...] | None:
    """The input ranks torch's forward takes, for the layers that check it; None: not judged.

    N-d convs, pools, unpools and non-constant padding take (N, C, *spatial) or unbatched
    (C, *spatial) (ConvNd: "Expected 3D (unbatched) or 4D (batched) input to conv2d"); BatchNorm
    its own list (_check_input_dim); Unfold 3-D or 4-D, Fold 2-D or 3-D (im2col_shape_check.h);
    Upsample/interpolate the ranks of its mode (bilinear: 4-D only, Upsampling.cpp).
    AdaptiveAvgPool2d/3d pool the last dims of any larger tensor, so they are not judged."""
    ndim = field_of(record, "ndim", 0)
    if isinstance(record, (ConvRecord, PoolRecord, MaxUnpoolRecord)):
        return (ndim + 1, ndim + 2)
    if isinstance(record, AdaptivePoolRecord):
        return (ndim + 1, ndim + 2) if "Max" in record.type or ndim == 1 else None
    if isinstance(record, PadRecord):
        return (ndim + 1, ndim + 2) if record.mode in PAD_MODES else None
    if isinstance(record, NormRecord) and ndim:
        if record.kind == "batch":
            return BATCH_NORM_RANKS[ndim]
        if record.kind == "instance":
            return (ndim + 1, ndim + 2)
    if isinstance(record, RecurrentRecord):  # "LSTM: Expected input to be 2D or 3D, got 4D instead"
        return (1, 2) if record.cell else (2, 3)
    if isinstance(record, UnfoldRecord):
        return (3, 4)
    if isinstance(record, FoldRecord):
        return (2, 3)
    if isinstance(record, UpsampleRecord):
        sides = upsample_sides(record)
        if sides is not None:  # checked first: "Input and output must have the same number of spatial dimensions"
            return (sides + 2,)
        if isinstance(record.mode, str):
            return shapes.INTERPOLATE_RANKS.get(record.mode)  # "Got 5D input, but bilinear mode needs 4D input"
    return None


def upsample_sides(record: UpsampleRecord) -> int | None:
    """The spatial dims an Upsample/interpolate's `size` or `scale_factor` tuple is written for:
    torch takes one entry per dim after (N, C) and no other count; None for a single number."""
    for value in (record.size, record.scale_factor):
        if isinstance(value, (tuple, list)):
            return len(value)
    return None


def rank_refused(record: LayerRecord, shape: Shape) -> bool:
    """Whether torch refuses the input for its number of dims (CL108, CL104 for norms)."""
    ranks = accepted_ranks(record)
    return ranks is not None and shape.dims is not None and len(shape.dims) not in ranks


def padding_refused(record: LayerRecord, shape: Shape) -> tuple[int, Dim, tuple[Dim, Dim], str] | None:
    """(axis from the first spatial dim, size, (before, after), mode) of the first dim that a
    reflect or circular pad, or a conv's reflect/circular padding_mode, cannot pad; else None."""
    pairs = _pad_pairs(record, shape)
    if pairs is None:
        return None
    mode, spatial, per_dim = pairs
    for axis, (size, (before, after)) in enumerate(zip(spatial, per_dim)):
        if shapes.pad_fits(size, before, after, mode) is False:
            return axis, size, (before, after), mode
    return None


def _pad_pairs(record: LayerRecord, shape: Shape) -> tuple[str, tuple[Dim, ...], list[tuple[Dim, Dim]]] | None:
    """(mode, spatial dims, (before, after) per dim) that F.pad gets, first spatial dim first."""
    if shape.dims is None:
        return None
    if isinstance(record, PadRecord):
        if record.mode not in PAD_MODES or rank_refused(record, shape) or len(record.padding) != 2 * record.ndim:
            return None
        n = record.ndim
        pairs = [(record.padding[2 * i], record.padding[2 * i + 1]) for i in range(n)][::-1]  # last dim first
        return record.mode, shape.dims[-n:], pairs
    if isinstance(record, ConvRecord) and not record.transposed and record.padding_mode in PAD_MODES:
        split = spatial_split(record, shape)
        if split is None:
            return None
        if record.padding == "same":
            if not all(is_known(v) for v in (*record.kernel_size, *record.dilation)):
                return None
            pairs = [shapes.same_padding(k, d) for k, d in zip(record.kernel_size, record.dilation)]
        else:
            pairs = [(p, p) for p in record.padding_per_dim]
        return PAD_MODES[record.padding_mode], split[1], pairs
    return None


def single_element_norm(record: LayerRecord, shape: Shape) -> bool:
    """InstanceNorm normalising over one spatial element, which torch refuses whenever it uses
    the input's own statistics: in training, and in eval mode without track_running_stats
    (the default): "Expected more than 1 spatial element when training" (_verify_spatial_size)."""
    if not (isinstance(record, NormRecord) and record.kind == "instance" and record.ndim):
        return False
    if record.track_running_stats is not False or shape.dims is None or rank_refused(record, shape):
        return False
    spatial = shape.dims[-record.ndim:]
    return all(is_known(d) for d in spatial) and prod(spatial) == 1


def spatial_split(record: LayerRecord, shape: Shape) -> tuple[tuple[Dim, ...], tuple[Dim, ...]] | None:
    """(leading dims, spatial dims) of an N-d layer's input; None when the rank does not fit.

    Conv, pool and pad layers take (N, C, *spatial) or unbatched (C, *spatial)."""
    ndim = field_of(record, "ndim", 0)
    if shape.dims is None or len(shape.dims) not in (ndim + 1, ndim + 2):
        return None
    return shape.dims[:-ndim], shape.dims[-ndim:]


def channel_dim(shape: Shape, ndim: int) -> Dim | None:
    """The channel dim of an N-d layer's input: dims[1] batched, dims[0] unbatched."""
    if shape.dims is None or len(shape.dims) not in (ndim + 1, ndim + 2):
        return None
    return shape.dims[len(shape.dims) - ndim - 1]


def conv_spatial_out(record: ConvRecord, spatial: tuple[Dim, ...]) -> tuple[Dim, ...]:
    if record.transposed:
        return tuple(
            shapes.conv_transpose_out(i, k, s, p, d, op)
            for i, k, s, p, d, op in zip(
                spatial, record.kernel_size, record.stride, record.padding_per_dim, record.dilation,
                record.output_padding,
            )
        )
    padding = record.padding_per_dim
    if padding is None:  # 'same'
        return spatial
    widths = record.kernel_widths or (None,) * len(spatial)
    return tuple(
        shapes.conv_out_of_a_width_kernel(i, w, s, p, d) if isinstance(k, Unknown) and isinstance(w, Sym)
        else shapes.conv_out(i, k, s, p, d)
        for i, k, w, s, p, d in zip(spatial, record.kernel_size, widths, record.stride, padding, record.dilation)
    )


def pool_spatial_out(record: PoolRecord, spatial: tuple[Dim, ...]) -> tuple[Dim, ...]:
    ceil_mode = record.ceil_mode if isinstance(record.ceil_mode, bool) else False
    return tuple(
        shapes.pool_out(i, k, s, p, d, ceil_mode)
        for i, k, s, p, d in zip(spatial, record.kernel_size, record.stride, record.padding, record.dilation)
    )


def _uncollapsed(dims: tuple[Dim, ...]) -> tuple[Dim, ...]:
    return tuple(Unknown(COLLAPSED) if is_known(d) and d < 1 else d for d in dims)


def einops_layer_shape(record: EinopsRecord, dims: tuple[Dim, ...]) -> Shape:
    """Rearrange / Reduce: what its pattern gives, unknown where the pattern or a length is not
    known or einops would refuse the input."""
    lengths = record.axes_lengths
    if not isinstance(record.pattern, str) or not isinstance(lengths, dict):
        return Shape(None)
    lengths = {name: value if is_known(value) or isinstance(value, Sym) else Unknown(f"{name} not known")
               for name, value in lengths.items()}
    try:
        return Shape(einops_patterns.output_dims(record.operation, record.pattern, dims, lengths))
    except einops_patterns.PatternRefused:
        return Shape(None)


def output_shape(record: LayerRecord, shape: Shape) -> Shape:
    """The shape a module returns for `shape`; Unknown parts where torch would refuse."""
    if isinstance(record, ElementwiseRecord):
        return shape
    if isinstance(record, NormRecord):
        if rank_refused(record, shape) or single_element_norm(record, shape):
            return Shape(None)
        return shape
    if shape.dims is None:
        return shape
    dims = shape.dims
    if isinstance(record, ConvRecord):
        split = spatial_split(record, shape)
        if split is None:
            return Shape(None)
        lead, spatial = split
        out = _uncollapsed(conv_spatial_out(record, spatial))
        if (refused := padding_refused(record, shape)) is not None:
            out = out[:refused[0]] + (Unknown(REFUSED),) + out[refused[0] + 1:]
        return Shape(lead[:-1] + (record.out_channels,) + out)
    if isinstance(record, PoolRecord):
        split = spatial_split(record, shape)
        if split is None:
            return Shape(None)
        lead, spatial = split
        out = pool_spatial_out(record, spatial)
        if record.op == "avg" and record.ndim == 3:  # avg_pool3d also refuses an unpadded dim below the kernel
            out = tuple(Unknown(COLLAPSED) if is_known(i) and is_known(k) and i < k else o
                        for i, k, o in zip(spatial, record.kernel_size, out))
        return Shape(lead + _uncollapsed(out))
    if isinstance(record, AdaptivePoolRecord):
        split = spatial_split(record, shape)
        if split is None:
            return Shape(None)
        lead, spatial = split
        return Shape(lead + tuple(i if o is None else o for i, o in zip(spatial, record.output_size)))
    if isinstance(record, LinearRecord):
        return Shape(dims[:-1] + (record.out_features,)) if dims else Shape(None)
    if isinstance(record, FlattenRecord):
        if not (isinstance(record.start_dim, int) and isinstance(record.end_dim, int)):
            return Shape(None)
        return shapes.flatten_shape(shape, record.start_dim, record.end_dim) or Shape(None)
    if isinstance(record, UnflattenRecord):
        return unflatten_shape(shape, record.dim, record.unflattened_size)
    if isinstance(record, EinopsRecord):
        return einops_layer_shape(record, dims)
    if isinstance(record, UpsampleRecord):
        if rank_refused(record, shape):
            return Shape(None)
        return upsample_shape(shape, record.size, record.scale_factor)
    if isinstance(record, PadRecord):
        if rank_refused(record, shape):
            return Shape(None)
        return pad_shape(shape, record.padding, record.mode)
    if isinstance(record, MaxUnpoolRecord):
        split = spatial_split(record, shape)
        if split is None:
            return Shape(None)
        lead, spatial = split
        return Shape(lead + _uncollapsed(tuple(shapes.max_unpool_out(i, k, s, p) for i, k, s, p in zip(
            spatial, record.kernel_size, record.stride, record.padding))))
    if isinstance(record, PixelShuffleRecord):
        out = (shapes.pixel_unshuffle if record.inverse else shapes.pixel_shuffle)(dims, record.factor)
        return Shape(out)
    if isinstance(record, GluRecord):
        out = shapes.glu(dims, record.dim) if dims is not None else None
        return Shape(out)
    if isinstance(record, ChannelShuffleRecord):
        # channel_shuffle: more than 2 dims, channels (dim 1) a multiple of groups
        if len(dims) < 3 or (is_known(dims[1]) and is_known(record.groups) and dims[1] % record.groups):
            return Shape(None)
        return shape
    if isinstance(record, UnfoldRecord):
        return Shape(shapes.unfold(dims, record.kernel_size, record.dilation, record.padding, record.stride))
    if isinstance(record, FoldRecord):
        return Shape(shapes.fold(dims, record.output_size, record.kernel_size, record.dilation, record.padding,
                                 record.stride))
    if isinstance(record, EmbeddingRecord):
        return Shape(shapes.embedding(dims, record.embedding_dim))
    if isinstance(record, RecurrentRecord):
        return recurrent_outputs(record, shape)[0]
    if isinstance(record, AttentionRecord):
        return attention_outputs(record, shape, shape, shape, need_weights=False)[0]
    return Shape(None)


def attention_outputs(record: AttentionRecord, query: Shape, key: Shape, value: Shape, need_weights: object = True,
                      average: object = True) -> tuple[Shape, Shape | None]:
    """(attn_output, attn_output_weights) of nn.MultiheadAttention.forward, as
    F.multi_head_attention_forward sizes them: the output (L, N, E), batch first (N, L, E),
    unbatched (L, E); the weights None without need_weights, else (N, L, S) averaged over the
    heads, (N, num_heads, L, S) not, unbatched without the N. S is the key's length, one more
    with add_bias_kv (bias_k appended) and one more with add_zero_attn. Sizes torch refuses (a
    query not of embed_dim features, key and value of other lengths or batches, a rank not 2 or
    3: _mha_shape_check) and arguments not known give unknown shapes, never a judgement."""
    unknown = Shape(None)
    weights_unknown = unknown if need_weights is not False else None
    dims = [s.dims for s in (query, key, value)]
    if any(d is None for d in dims) or not isinstance(need_weights, bool) or not isinstance(average, bool):
        return unknown, weights_unknown
    q, k, v = dims
    if len(q) not in (2, 3) or len(k) != len(q) or len(v) != len(q):
        return unknown, weights_unknown
    batched = len(q) == 3
    if batched and not isinstance(record.batch_first, bool):
        return unknown, weights_unknown
    if batched and record.batch_first:  # forward transposes each to (L, N, E) first
        q, k, v = ((d[1], d[0], d[2]) for d in (q, k, v))
    same = record.same_embed_dim
    if isinstance(same, Unknown) or not all(isinstance(f, bool) for f in (record.add_bias_kv, record.add_zero_attn)):
        return unknown, weights_unknown
    agree = [(q[-1], record.embed_dim), (k[-1], record.kdim), (v[-1], record.vdim), (k[0], v[0])]
    if batched:
        agree += [(q[1], k[1]), (k[1], v[1])]
    for a, b in agree:
        if not (a == b and (is_known(a) or isinstance(a, Sym))):
            return unknown, weights_unknown
    output = Shape((q[0], q[1], record.embed_dim) if batched else (q[0], record.embed_dim))
    if batched and record.batch_first:
        output = Shape((q[1], q[0], record.embed_dim))
    if not need_weights:
        return output, None
    source = shapes.dim_add(k[0], int(record.add_bias_kv) + int(record.add_zero_attn))
    per_query = (q[0], source) if average else (record.num_heads, q[0], source)
    return output, Shape((q[1], *per_query) if batched else per_query)


def recurrent_outputs(record: RecurrentRecord, shape: Shape) -> tuple[Shape, ...]:
    """What a recurrent module returns for an input of `shape`: (output, h_n) for RNN and GRU,
    (output, h_n, c_n) for LSTM (returned as (output, (h_n, c_n))), (h',) for RNNCell and
    GRUCell, (h', c') for LSTMCell. Sizes as torch's RNNBase.forward gives them: the output
    (L, N, D*H_out), batch first (N, L, D*H_out), unbatched (L, D*H_out), with H_out the
    proj_size of an LSTM that has one; h_n (D*num_layers, N, H_out), batch second whatever
    batch_first says, unbatched (D*num_layers, H_out); c_n the same with hidden_size."""
    count = 2 if record.kind == "LSTM" else 1
    if not record.cell:
        count += 1
    if shape.dims is None or rank_refused(record, shape):
        return (Shape(None),) * count
    dims = shape.dims
    if record.cell:
        state = Shape(dims[:-1] + (record.hidden_size,))
        return (state,) * count
    batched = len(dims) == 3
    directions: Dim = 2 if record.bidirectional is True else 1 if record.bidirectional is False \
        else Unknown("bidirectional not known")
    proj = record.proj_size
    out_size = proj if is_known(proj) and proj > 0 else record.hidden_size if is_known(proj) else Unknown("proj_size")
    features, stacked = dim_mul(directions, out_size), dim_mul(directions, record.num_layers)
    if batched:
        if not isinstance(record.batch_first, bool):
            batch: Dim = Unknown("batch_first not known")
        else:
            batch = dims[0] if record.batch_first else dims[1]
        output = Shape(dims[:2] + (features,))
        states = (stacked, batch)
    else:
        output = Shape(dims[:1] + (features,))
        states = (stacked,)
    hidden = (Shape(states + (out_size,)),)
    if record.kind == "LSTM":
        hidden += (Shape(states + (record.hidden_size,)),)
    return (output, *hidden)


def unflatten_shape(shape: Shape, dim: object, sizes: object) -> Shape:
    if shape.dims is None or not isinstance(dim, int) or not isinstance(sizes, (tuple, list)):
        return Shape(None)
    axis = shapes.normalize_dim(dim, len(shape.dims))
    if axis is None or not all(is_known(s) for s in sizes):
        return Shape(None)
    sizes = tuple(sizes)
    if -1 in sizes:
        rest = prod(s for s in sizes if s != -1)
        whole = shape.dims[axis]
        fill: Dim = whole // rest if is_known(whole) and rest else Unknown("unflatten of a symbolic dim")
        sizes = tuple(fill if s == -1 else s for s in sizes)
    return Shape(shape.dims[:axis] + sizes + shape.dims[axis + 1 :])


def upsample_shape(shape: Shape, size: object, scale_factor: object) -> Shape:
    """nn.Upsample / F.interpolate over the dims after (N, C)."""
    if shape.dims is None or len(shape.dims) < 3:
        return Shape(None)
    lead, spatial = shape.dims[:2], shape.dims[2:]
    n = len(spatial)

    def per_dim(value: object) -> tuple | None:
        if value is None:
            return (None,) * n
        if isinstance(value, (tuple, list)):
            return tuple(value) if len(value) == n else None
        return (value,) * n

    sizes, scales = per_dim(size), per_dim(scale_factor)
    if sizes is None or scales is None:
        return Shape(None)
    out = []
    for i, target, scale in zip(spatial, sizes, scales):
        # a Sym: another tensor's side (`size=skip.shape[2:]`); a bare argument may be a pair
        if target is not None and not is_known(target) and (not isinstance(target, Sym) or argument_object(target)):
            target = Unknown("upsample size")
        if scale is not None and not isinstance(scale, (int, float)):
            scale = Unknown("upsample scale")
        out.append(shapes.upsample_out(i, target, scale))
    return Shape(lead + tuple(out))


def pad_shape(shape: Shape, padding: tuple, mode: object = "constant") -> Shape:
    """(left, right, top, bottom, front, back): pairs apply from the last dim backwards. A dim
    that reflect/replicate/circular padding cannot pad is Unknown (CL105)."""
    if shape.dims is None or len(padding) % 2 or len(padding) // 2 > len(shape.dims):
        return Shape(None)
    dims = list(shape.dims)
    for pair in range(len(padding) // 2):
        axis = len(dims) - 1 - pair
        before, after = padding[2 * pair], padding[2 * pair + 1]
        fits = shapes.pad_fits(dims[axis], before, after, mode)
        if not (is_known(before) and is_known(after)):
            # padding to a multiple (`(8 - h % 8) % 8` on one side, 0 on the other): 8*((h+7)/8)
            dims[axis] = _padded_to_a_multiple(dims[axis], before, after)
        elif fits is False:
            dims[axis] = Unknown(REFUSED)
        elif fits is None and mode not in ("constant", "replicate", "reflect") and is_known(dims[axis]):
            dims[axis] = Unknown(f"{mode} padding of this size")  # not modelled: circular cropping, unknown modes
        else:
            dims[axis] = shapes.dim_add(dims[axis], before + after)
    return Shape(tuple(dims))


def _padded_to_a_multiple(size: Dim, before: object, after: object) -> Dim:
    """size + before + after where one side is a residue of size and the other a whole number (the
    padding to a multiple): a floor nest; anything else is unknown."""
    if isinstance(before, Residue) and is_known(after):
        before, after = after, before
    if not (is_known(before) and isinstance(after, Residue)):
        return Unknown("padding")
    total = shapes.residue_arithmetic("Add", after, before)
    padded = shapes.plus_residue(size, total) if isinstance(total, Residue) else None
    return padded if isinstance(padded, Sym) and not padded.opaque else Unknown("padding")


def own_params(record: LayerRecord) -> int | Unknown:
    """Trainable parameters a module owns (not its children's), as torch counts numel()."""
    if isinstance(record, ConvRecord):
        values = (record.in_channels, record.out_channels, record.groups, record.bias, *record.kernel_size)
        if not all(isinstance(v, (int, bool)) for v in values) or record.in_channels % record.groups:
            return Unknown("conv arguments not known")
        count = shapes.conv_transpose_params if record.transposed else shapes.conv_params
        return count(record.in_channels, record.out_channels, record.kernel_size, record.groups, record.bias)
    if isinstance(record, LinearRecord):
        values = (record.in_features, record.out_features, record.bias)
        if not all(isinstance(v, (int, bool)) for v in values):
            return Unknown("linear arguments not known")
        return record.in_features * record.out_features + (record.out_features if record.bias else 0)
    if isinstance(record, NormRecord):
        return _norm_params(record)
    if isinstance(record, ElementwiseRecord):
        return record.params
    if isinstance(record, EmbeddingRecord):
        if not (is_known(record.num_embeddings) and is_known(record.embedding_dim)):
            return Unknown("embedding arguments not known")
        return record.num_embeddings * record.embedding_dim
    if isinstance(record, RecurrentRecord):
        return recurrent_params(record)
    if isinstance(record, AttentionRecord):
        return attention_params(record)
    if isinstance(record, TransformerRecord):
        return 0  # its sublayers are child modules
    if isinstance(record, (PoolRecord, AdaptivePoolRecord, FlattenRecord, UnflattenRecord, UpsampleRecord, PadRecord,
                           MaxUnpoolRecord, PixelShuffleRecord, ChannelShuffleRecord, UnfoldRecord, FoldRecord,
                           GluRecord, EinopsRecord)):
        return 0
    if type(record).__name__ in ("ContainerRecord", "ModelRecord"):
        return 0
    return Unknown(f"{record.type} is not modelled")


def attention_params(record: AttentionRecord) -> int | Unknown:
    """nn.MultiheadAttention's own parameters (its out_proj Linear is a child): in_proj_weight
    (3E, E), or q/k/v_proj_weight (E, E), (E, kdim), (E, vdim) when kdim or vdim differ from E;
    in_proj_bias (3E) with bias; bias_k and bias_v (1, 1, E) each with add_bias_kv."""
    same = record.same_embed_dim
    values = (record.embed_dim, record.bias, record.add_bias_kv)
    if isinstance(same, Unknown) or not all(isinstance(v, (int, bool)) for v in values):
        return Unknown("MultiheadAttention arguments not known")
    e = record.embed_dim
    weights = 3 * e * e if same else e * (e + record.kdim + record.vdim)
    return weights + (3 * e if record.bias else 0) + (2 * e if record.add_bias_kv else 0)


def recurrent_params(record: RecurrentRecord) -> int | Unknown:
    """numel of RNNBase's weight_ih_l{k}, weight_hh_l{k}, bias_ih/bias_hh_l{k} and weight_hr_l{k}
    per layer and direction (RNNCellBase: one of each): the gates' rows times the layer's input
    (input_size, then D*H_out above the first layer), times H_out, plus the projection."""
    values = (record.input_size, record.hidden_size, record.bias)
    if not record.cell:
        values += (record.num_layers, record.bidirectional, record.proj_size)
    if not all(isinstance(v, (int, bool)) for v in values):
        return Unknown(f"{record.type} arguments not known")
    rows = record.gates * record.hidden_size
    biases = 2 * rows if record.bias else 0
    if record.cell:
        return rows * (record.input_size + record.hidden_size) + biases
    directions = 2 if record.bidirectional else 1
    out_size = record.proj_size or record.hidden_size
    total = 0
    for layer in range(record.num_layers):
        inputs = record.input_size if layer == 0 else directions * out_size
        per_direction = rows * (inputs + out_size) + biases + record.proj_size * record.hidden_size
        total += directions * per_direction
    return total


def parameter_shapes(record: LayerRecord) -> dict[str, tuple[Dim, ...]] | None:
    """The shapes of the weight and bias a layer registers, by name, for the layers that
    weight_norm and spectral_norm are used on; None for the others. A conv's weight is (out,
    in/groups, *k), a transposed conv's (in, out/groups, *k), a Linear's (out, in)."""
    if isinstance(record, ConvRecord):
        k = tuple(record.kernel_size)
        groups_ok = is_known(record.groups) and is_known(record.in_channels if not record.transposed
                                                         else record.out_channels)
        if record.transposed:
            second = record.out_channels // record.groups if groups_ok else Unknown("groups")
            weight = (record.in_channels, second, *k)
        else:
            second = record.in_channels // record.groups if groups_ok else Unknown("groups")
            weight = (record.out_channels, second, *k)
        bias = (record.out_channels,)
    elif isinstance(record, LinearRecord):
        weight, bias = (record.out_features, record.in_features), (record.out_features,)
    elif isinstance(record, EmbeddingRecord):
        return {"weight": (record.num_embeddings, record.embedding_dim)}
    else:
        return None
    if not isinstance(record.bias, bool):
        return None
    return {"weight": weight, "bias": bias} if record.bias else {"weight": weight}


def norm_tensor_shapes(record: LayerRecord) -> dict[str, tuple[Dim, ...] | None] | None:
    """The tensors a batch or instance norm registers, by name (None where torch sets None): weight
    and bias (affine), running_mean and running_var (track_running_stats), each of num_features;
    None for other layers, or where a flag is not known."""
    if not (isinstance(record, NormRecord) and record.kind in ("batch", "instance")) \
            or not isinstance(record.affine, bool) or not isinstance(record.track_running_stats, bool):
        return None
    features = (record.num_features,)
    affine = features if record.affine else None
    tracked = features if record.track_running_stats else None
    return {"weight": affine, "bias": affine, "running_mean": tracked, "running_var": tracked}


def _norm_params(record: NormRecord) -> int | Unknown:
    if isinstance(record.affine, Unknown):
        return record.affine
    if not record.affine:
        return 0
    if record.kind == "layer":
        if isinstance(record.bias, Unknown) or not all(is_known(d) for d in record.normalized_shape or ()):
            return Unknown("normalized_shape not known")
        return prod(record.normalized_shape) * (2 if record.bias else 1)
    size = record.num_features
    if not is_known(size):
        return Unknown("num_features not known")
    return 2 * size


def mult_adds(record: LayerRecord, output: Shape, params: int | Unknown) -> int | Unknown:
    """torchinfo's "Mult-Adds" of one call of a module that owns `params` parameters."""
    if isinstance(params, Unknown):
        return params
    if params == 0:
        return 0
    if output.dims is None or not output.dims:
        return Unknown("output shape not known")
    if "Conv" in record.type:
        positions = output.dims[:1] + output.dims[2:]
    elif isinstance(record, RecurrentRecord):  # weight_ih_l0 ...: torchinfo's "RNN inner weights"
        positions = output.dims[:2]
    else:
        positions = output.dims[:1]
    if not all(is_known(d) for d in positions):
        return Unknown("output shape not known")
    return params * prod(positions)


def surely_takes(record: LayerRecord, shape: Shape) -> bool:
    """Whether a conv or Linear surely accepts a batched input of this shape: its channels (or
    in_features) equal to the count it was built for, not merely possibly equal, and every
    spatial size one its window fits where the size is known."""
    dims = shape.dims
    if isinstance(field_of(record, "in_features", None) or field_of(record, "in_channels", None), Unknown):
        return False  # a count not known is equal to nothing
    if isinstance(record, LinearRecord):
        return bool(dims) and len(dims) >= 2 and dims[-1] == record.in_features
    if not isinstance(record, ConvRecord) or dims is None or len(dims) != record.ndim + 2 \
            or dims[1] != record.in_channels:
        return False
    padding = record.padding_per_dim
    if record.transposed or padding is None:
        return True
    return all(not (is_known(i) and is_known(k) and is_known(p) and is_known(d)) or i + 2 * p >= shapes.window_reach(k, d)
               for i, k, p, d in zip(dims[2:], record.kernel_size, padding, record.dilation))
