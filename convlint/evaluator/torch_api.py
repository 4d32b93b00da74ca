"""The part of torch's API convlint models: constructor signatures of torch.nn layers and the
functional ops of forward(), by qualified name. Pure tables and record builders; no libcst."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from convlint.records import (
    AdaptivePoolRecord,
    AttentionRecord,
    TransformerRecord,
    ChannelShuffleRecord,
    GluRecord,
    ContainerRecord,
    ConvRecord,
    ElementwiseRecord,
    EinopsRecord,
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
)
from convlint.symbolic import is_width
from convlint.torch_names import TORCH_NN_NAMES
from convlint.values import Unknown, is_known

REQUIRED = object()


@dataclass(frozen=True, slots=True)
class Signature:
    params: tuple[tuple[str, object], ...]
    varargs: bool = False  # *args (Sequential, Identity)
    keywords: str | None = None  # **kwargs, bound as one dict of that name (einops' axes_lengths)
    keyword_only: tuple[tuple[str, object], ...] = ()  # after a bare `*` (BatchNorm2d's bias)

    def refusal(self, args: list, kwargs: dict, unknown_rest: bool = False) -> str | None:
        """Why Python refuses the call before the layer's code runs (a TypeError), or None: a
        stray positional argument that pushes a keyword's argument off its place
        (`nn.Conv2d(self, 4, 32, kernel_size=8)`), more positional arguments than the signature
        takes, a keyword it does not have. Not judged where *args or **kwargs are not known."""
        if self.varargs or unknown_rest:
            return None
        names = [name for name, _ in self.params]
        taken = names[:len(args)]
        for name in kwargs:
            if name in taken:
                shifted = ", ".join(taken)
                return (f"got multiple values for argument '{name}': the {len(args)} positional arguments fill "
                        f"{shifted}")
        if len(args) > len(names):
            return f"takes {len(names)} positional arguments but {len(args)} were given"
        if self.keywords is None:
            known = {*names, *(name for name, _ in self.keyword_only)}
            stray = next((name for name in kwargs if name not in known), None)
            if stray is not None:
                return f"got an unexpected keyword argument '{stray}'"
        return None

    def bind(self, args: list, kwargs: dict, unknown_rest: bool = False) -> dict[str, object]:
        """Arguments by name, defaults filled; a missing required one is Unknown (we do not
        judge calls torch would reject with TypeError). Unknown *args/**kwargs taint the rest."""
        bound: dict[str, object] = {}
        names = [name for name, _ in self.params]
        for name, value in zip(names, args):
            bound[name] = value
        for name, value in kwargs.items():
            if name in names:
                bound[name] = value
        if self.keywords is not None:
            bound[self.keywords] = Unknown(f"{self.keywords} may come from **kwargs") if unknown_rest else {
                name: value for name, value in kwargs.items() if name not in names}
        for name, default in self.keyword_only:
            bound[name] = kwargs[name] if name in kwargs else \
                Unknown(f"{name} may come from **kwargs") if unknown_rest else default
        for name, default in self.params:
            if name not in bound:
                if unknown_rest:
                    bound[name] = Unknown(f"{name} may come from *args/**kwargs")
                elif default is REQUIRED:
                    bound[name] = Unknown(f"{name} not given")
                else:
                    bound[name] = default
        return bound


def per_dim(value: object, n: int) -> tuple:
    """PyTorch's _ntuple: an int (or any scalar) repeated n times; a sequence kept as a tuple."""
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,) * n


def _sig(*params: str | tuple[str, object], varargs: bool = False, keywords: str | None = None,
         keyword_only: tuple[tuple[str, object], ...] = ()) -> Signature:
    return Signature(tuple((p, REQUIRED) if isinstance(p, str) else p for p in params), varargs, keywords,
                     keyword_only)


CONV = _sig("in_channels", "out_channels", "kernel_size", ("stride", 1), ("padding", 0), ("dilation", 1),
            ("groups", 1), ("bias", True), ("padding_mode", "zeros"), ("device", None), ("dtype", None))
CONV_T = _sig("in_channels", "out_channels", "kernel_size", ("stride", 1), ("padding", 0), ("output_padding", 0),
              ("groups", 1), ("bias", True), ("dilation", 1), ("padding_mode", "zeros"), ("device", None),
              ("dtype", None))
MAX_POOL = _sig("kernel_size", ("stride", None), ("padding", 0), ("dilation", 1), ("return_indices", False),
                ("ceil_mode", False))
AVG_POOL = _sig("kernel_size", ("stride", None), ("padding", 0), ("ceil_mode", False),
                ("count_include_pad", True), ("divisor_override", None))
LP_POOL = _sig("norm_type", "kernel_size", ("stride", None), ("ceil_mode", False))
ADAPTIVE = _sig("output_size", ("return_indices", False))
LINEAR = _sig("in_features", "out_features", ("bias", True), ("device", None), ("dtype", None))
# the norms' keyword-only bias (torch 2.13: `*, bias=True`)
BATCH_NORM = _sig("num_features", ("eps", 1e-5), ("momentum", 0.1), ("affine", True),
                  ("track_running_stats", True), ("device", None), ("dtype", None), keyword_only=(("bias", True),))
SYNC_BATCH_NORM = _sig(*BATCH_NORM.params[:5], ("process_group", None), *BATCH_NORM.params[5:],
                       keyword_only=BATCH_NORM.keyword_only)
INSTANCE_NORM = _sig("num_features", ("eps", 1e-5), ("momentum", 0.1), ("affine", False),
                     ("track_running_stats", False), ("device", None), ("dtype", None), keyword_only=(("bias", True),))
GROUP_NORM = _sig("num_groups", "num_channels", ("eps", 1e-5), ("affine", True), ("device", None), ("dtype", None),
                  keyword_only=(("bias", True),))
LAYER_NORM = _sig("normalized_shape", ("eps", 1e-5), ("elementwise_affine", True), ("bias", True),
                  ("device", None), ("dtype", None))
FLATTEN = _sig(("start_dim", 1), ("end_dim", -1))
UNFLATTEN = _sig("dim", "unflattened_size")
UPSAMPLE = _sig(("size", None), ("scale_factor", None), ("mode", "nearest"), ("align_corners", None),
                ("recompute_scale_factor", None))
PAD = _sig("padding", ("value", 0.0))
MULTIHEAD_ATTENTION = _sig("embed_dim", "num_heads", ("dropout", 0.0), ("bias", True), ("add_bias_kv", False),
                           ("add_zero_attn", False), ("kdim", None), ("vdim", None), ("batch_first", False),
                           ("device", None), ("dtype", None))
# torch/nn/modules/transformer.py (torch 2.13)
TRANSFORMER_LAYER = _sig("d_model", "nhead", ("dim_feedforward", 2048), ("dropout", 0.1), ("activation", "relu"),
                         ("layer_norm_eps", 1e-5), ("batch_first", False), ("norm_first", False), ("bias", True),
                         ("device", None), ("dtype", None))
TRANSFORMER_ENCODER = _sig("encoder_layer", "num_layers", ("norm", None), ("enable_nested_tensor", True),
                           ("mask_check", True))
TRANSFORMER_DECODER = _sig("decoder_layer", "num_layers", ("norm", None))
# MultiheadAttention.forward(query, key, value, ...): torch/nn/modules/activation.py
ATTENTION_FORWARD = _sig("query", "key", "value", ("key_padding_mask", None), ("need_weights", True),
                         ("attn_mask", None), ("average_attn_weights", True), ("is_causal", False))
PRELU = _sig(("num_parameters", 1), ("init", 0.25), ("device", None), ("dtype", None))
LAZY_CONV = Signature(CONV.params[1:])
LAZY_CONV_T = Signature(CONV_T.params[1:])
LAZY_LINEAR = Signature(LINEAR.params[1:])
MAX_UNPOOL = _sig("kernel_size", ("stride", None), ("padding", 0))
UNFOLD = _sig("kernel_size", ("dilation", 1), ("padding", 0), ("stride", 1))
FOLD = _sig("output_size", "kernel_size", ("dilation", 1), ("padding", 0), ("stride", 1))
EMBEDDING = _sig("num_embeddings", "embedding_dim", ("padding_idx", None), ("max_norm", None), ("norm_type", 2.0),
                 ("scale_grad_by_freq", False), ("sparse", False), ("_weight", None), ("_freeze", False),
                 ("device", None), ("dtype", None))
ANY = Signature((), varargs=True)
# RNNBase's order; nn.RNN takes nonlinearity fourth (RNN.__init__ moves args[3]), RNNCell after bias
RECURRENT = _sig("input_size", "hidden_size", ("num_layers", 1), ("bias", True), ("batch_first", False),
                 ("dropout", 0.0), ("bidirectional", False), ("proj_size", 0), ("device", None), ("dtype", None))
RNN = Signature(RECURRENT.params[:3] + (("nonlinearity", "tanh"),) + RECURRENT.params[3:])
CELL = _sig("input_size", "hidden_size", ("bias", True), ("device", None), ("dtype", None))
RNN_CELL = _sig("input_size", "hidden_size", ("bias", True), ("nonlinearity", "tanh"), ("device", None),
                ("dtype", None))


LAZY_IN = "whatever the first input brings"  # why a lazy layer's in-size is unknown until it runs


def _conv_per_dim(value: object, ndim: int) -> tuple:
    """A conv's stride, padding, dilation or output_padding: torch's conv expands a one-item list
    to every spatial dim (`stride=[1]` of a Conv2d runs as (1, 1); EfficientNet's block args)."""
    values = per_dim(value, ndim)
    return values * ndim if len(values) == 1 else values


def _conv(type_: str, ndim: int, transposed: bool, a: dict, lazy: bool = False) -> LayerRecord:
    padding = a["padding"]
    if not (isinstance(padding, str) and padding in ("same", "valid")):
        padding = _conv_per_dim(padding, ndim)
    kernel = per_dim(a["kernel_size"], ndim)
    return ConvRecord(
        kernel_widths=kernel if any(is_width(k) for k in kernel) else None,
        type=type_, ndim=ndim, transposed=transposed,
        in_channels=Unknown(f"in_channels is {LAZY_IN}") if lazy else a["in_channels"],
        out_channels=a["out_channels"], kernel_size=per_dim(a["kernel_size"], ndim),
        stride=_conv_per_dim(a["stride"], ndim), padding=padding, dilation=_conv_per_dim(a["dilation"], ndim),
        output_padding=_conv_per_dim(a.get("output_padding", 0), ndim), groups=a["groups"], bias=a["bias"],
        padding_mode=a["padding_mode"], lazy=lazy,
    )


def _stride_or_kernel(stride: object, kernel: tuple, ndim: int) -> tuple:
    # torch: stride defaults to kernel_size; F.*_pool treats an empty list the same way
    return kernel if stride is None or stride == [] or stride == () else per_dim(stride, ndim)


def _pool(type_: str, ndim: int, op: str, a: dict) -> LayerRecord:
    kernel = per_dim(a["kernel_size"], ndim)
    return PoolRecord(
        type=type_, ndim=ndim, op=op, kernel_size=kernel, stride=_stride_or_kernel(a["stride"], kernel, ndim),
        padding=per_dim(a.get("padding", 0), ndim), dilation=per_dim(a.get("dilation", 1), ndim),
        ceil_mode=a["ceil_mode"], return_indices=a.get("return_indices", False),
    )


def _adaptive(type_: str, ndim: int, a: dict) -> LayerRecord:
    return AdaptivePoolRecord(type=type_, ndim=ndim, output_size=per_dim(a["output_size"], ndim),
                              return_indices=a.get("return_indices", False))


def _unpool(type_: str, ndim: int, a: dict) -> LayerRecord:
    kernel = per_dim(a["kernel_size"], ndim)
    return MaxUnpoolRecord(type=type_, ndim=ndim, kernel_size=kernel,
                           stride=_stride_or_kernel(a["stride"], kernel, ndim), padding=per_dim(a["padding"], ndim))


def _unfold(type_: str, a: dict) -> LayerRecord:
    return UnfoldRecord(type=type_, kernel_size=per_dim(a["kernel_size"], 2), dilation=per_dim(a["dilation"], 2),
                        padding=per_dim(a["padding"], 2), stride=per_dim(a["stride"], 2))


def _fold(type_: str, a: dict) -> LayerRecord:
    return FoldRecord(type=type_, output_size=per_dim(a["output_size"], 2), kernel_size=per_dim(a["kernel_size"], 2),
                      dilation=per_dim(a["dilation"], 2), padding=per_dim(a["padding"], 2),
                      stride=per_dim(a["stride"], 2))


def _linear(type_: str, a: dict, lazy: bool = False) -> LayerRecord:
    return LinearRecord(type=type_, in_features=Unknown(f"in_features is {LAZY_IN}") if lazy else a["in_features"],
                        out_features=a["out_features"], bias=a["bias"], lazy=lazy)


def _norm(type_: str, kind: str, ndim: int, a: dict) -> LayerRecord:
    if kind == "group":
        return NormRecord(type=type_, kind=kind, num_groups=a["num_groups"], num_features=a["num_channels"],
                          affine=a["affine"])
    if kind == "layer":
        shape = a["normalized_shape"]
        shape = tuple(shape) if isinstance(shape, (list, tuple)) else (shape,)
        return NormRecord(type=type_, kind=kind, normalized_shape=shape, affine=a["elementwise_affine"],
                          bias=a["bias"])
    features = a["num_features"]
    if isinstance(features, (list, tuple)) and len(features) == 1:
        features = features[0]  # BatchNorm1d([40]) builds torch.empty([40]): torch takes it (SincNet)
    return NormRecord(type=type_, kind=kind, ndim=ndim, num_features=features, affine=a["affine"],
                      track_running_stats=a["track_running_stats"])


PAD_LAYER_MODES = {"Zero": "constant", "Constant": "constant", "Reflection": "reflect", "Replication": "replicate",
                   "Circular": "circular"}


def _pad(type_: str, ndim: int, a: dict, mode: str = "constant") -> LayerRecord:
    return PadRecord(type=type_, ndim=ndim, padding=per_dim(a["padding"], 2 * ndim), mode=mode)


def _elementwise(type_: str, a: dict) -> LayerRecord:
    return ElementwiseRecord(type=type_)


def _attention(type_: str, a: dict) -> LayerRecord:
    fields = ("embed_dim", "num_heads", "dropout", "bias", "add_bias_kv", "add_zero_attn", "batch_first")
    sizes = {name: a["embed_dim"] if a[name] is None else a[name] for name in ("kdim", "vdim")}
    return AttentionRecord(type=type_, **{name: a[name] for name in fields}, **sizes)


def _transformer(type_: str, kind: str, a: dict) -> LayerRecord:
    """A transformer layer's arguments, or a stack's num_layers (its layer's are the layer's own)."""
    if kind in ("encoder", "decoder"):
        count = a["num_layers"]
        if isinstance(count, bool) or (isinstance(count, int) and count < 0):
            raise ValueError(f"num_layers {count!r} is not a count")
        return TransformerRecord(type=type_, kind=kind, num_layers=count)
    if is_known(a["d_model"]) and is_known(a["nhead"]) and isinstance(a["d_model"], int) \
            and isinstance(a["nhead"], int) and (a["nhead"] < 1 or a["d_model"] % a["nhead"]):
        raise ValueError("embed_dim must be divisible by num_heads")  # its MultiheadAttention refuses
    fields = ("d_model", "nhead", "dim_feedforward", "dropout", "activation", "layer_norm_eps", "batch_first",
              "norm_first", "bias")
    return TransformerRecord(type=type_, kind=kind, **{name: a[name] for name in fields})


def _recurrent(type_: str, a: dict) -> LayerRecord:
    cell = type_.endswith("Cell")
    kind = type_.removesuffix("Cell")
    fields = ("input_size", "hidden_size", "bias", "nonlinearity") if cell else \
        ("input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size",
         "nonlinearity")
    return RecurrentRecord(type=type_, kind=kind, cell=cell, **{name: a[name] for name in fields if name in a})


@dataclass(frozen=True, slots=True)
class LayerSpec:
    signature: Signature
    build: Callable[[str, dict], LayerRecord]


LAYERS: dict[str, LayerSpec] = {}

for _n in (1, 2, 3):
    LAYERS[f"Conv{_n}d"] = LayerSpec(CONV, lambda t, a, n=_n: _conv(t, n, False, a))
    LAYERS[f"ConvTranspose{_n}d"] = LayerSpec(CONV_T, lambda t, a, n=_n: _conv(t, n, True, a))
    LAYERS[f"MaxPool{_n}d"] = LayerSpec(MAX_POOL, lambda t, a, n=_n: _pool(t, n, "max", a))
    avg_sig = AVG_POOL if _n > 1 else Signature(AVG_POOL.params[:-1])
    LAYERS[f"AvgPool{_n}d"] = LayerSpec(avg_sig, lambda t, a, n=_n: _pool(t, n, "avg", a))
    LAYERS[f"AdaptiveAvgPool{_n}d"] = LayerSpec(_sig("output_size"), lambda t, a, n=_n: _adaptive(t, n, a))
    LAYERS[f"AdaptiveMaxPool{_n}d"] = LayerSpec(ADAPTIVE, lambda t, a, n=_n: _adaptive(t, n, a))
    LAYERS[f"BatchNorm{_n}d"] = LayerSpec(BATCH_NORM, lambda t, a, n=_n: _norm(t, "batch", n, a))
    LAYERS[f"InstanceNorm{_n}d"] = LayerSpec(INSTANCE_NORM, lambda t, a, n=_n: _norm(t, "instance", n, a))
    for _kind, _mode in PAD_LAYER_MODES.items():
        _sig_pad = PAD if _kind == "Constant" else _sig("padding")
        LAYERS[f"{_kind}Pad{_n}d"] = LayerSpec(_sig_pad, lambda t, a, n=_n, m=_mode: _pad(t, n, a, m))
    LAYERS[f"Dropout{_n}d"] = LayerSpec(_sig(("p", 0.5), ("inplace", False)), _elementwise)
    LAYERS[f"LazyConv{_n}d"] = LayerSpec(LAZY_CONV, lambda t, a, n=_n: _conv(t, n, False, a, lazy=True))
    LAYERS[f"LazyConvTranspose{_n}d"] = LayerSpec(LAZY_CONV_T, lambda t, a, n=_n: _conv(t, n, True, a, lazy=True))
    LAYERS[f"MaxUnpool{_n}d"] = LayerSpec(MAX_UNPOOL, lambda t, a, n=_n: _unpool(t, n, a))
for _n in (1, 2):
    LAYERS[f"LPPool{_n}d"] = LayerSpec(LP_POOL, lambda t, a, n=_n: _pool(t, n, "lp", a))

LAYERS.update(
    Linear=LayerSpec(LINEAR, _linear),
    LazyLinear=LayerSpec(LAZY_LINEAR, lambda t, a: _linear(t, a, lazy=True)),
    Embedding=LayerSpec(EMBEDDING, lambda t, a: EmbeddingRecord(
        type=t, num_embeddings=a["num_embeddings"], embedding_dim=a["embedding_dim"], padding_idx=a["padding_idx"])),
    PixelShuffle=LayerSpec(_sig("upscale_factor"), lambda t, a: PixelShuffleRecord(type=t, factor=a["upscale_factor"])),
    PixelUnshuffle=LayerSpec(_sig("downscale_factor"),
                             lambda t, a: PixelShuffleRecord(type=t, factor=a["downscale_factor"], inverse=True)),
    ChannelShuffle=LayerSpec(_sig("groups"), lambda t, a: ChannelShuffleRecord(type=t, groups=a["groups"])),
    GLU=LayerSpec(_sig(("dim", -1)), lambda t, a: GluRecord(type=t, dim=a["dim"])),
    Unfold=LayerSpec(UNFOLD, _unfold),
    Fold=LayerSpec(FOLD, _fold),
    GroupNorm=LayerSpec(GROUP_NORM, lambda t, a: _norm(t, "group", 0, a)),
    LayerNorm=LayerSpec(LAYER_NORM, lambda t, a: _norm(t, "layer", 0, a)),
    SyncBatchNorm=LayerSpec(SYNC_BATCH_NORM, lambda t, a: _norm(t, "batch", 0, a)),
    Flatten=LayerSpec(FLATTEN, lambda t, a: FlattenRecord(type=t, start_dim=a["start_dim"], end_dim=a["end_dim"])),
    Unflatten=LayerSpec(UNFLATTEN, lambda t, a: UnflattenRecord(type=t, dim=a["dim"],
                                                                 unflattened_size=a["unflattened_size"])),
    Upsample=LayerSpec(UPSAMPLE, lambda t, a: UpsampleRecord(type=t, size=a["size"], scale_factor=a["scale_factor"],
                                                              mode=a["mode"])),
    UpsamplingNearest2d=LayerSpec(_sig(("size", None), ("scale_factor", None)),
                                  lambda t, a: UpsampleRecord(type=t, size=a["size"], scale_factor=a["scale_factor"])),
    UpsamplingBilinear2d=LayerSpec(_sig(("size", None), ("scale_factor", None)),
                                   lambda t, a: UpsampleRecord(type=t, size=a["size"],
                                                               scale_factor=a["scale_factor"], mode="bilinear")),
    ZeroPad2d=LayerSpec(_sig("padding"), lambda t, a: _pad(t, 2, a)),
    PReLU=LayerSpec(PRELU, lambda t, a: ElementwiseRecord(type=t, params=a["num_parameters"])),
    RNN=LayerSpec(RNN, _recurrent),
    LSTM=LayerSpec(RECURRENT, _recurrent),
    GRU=LayerSpec(RECURRENT, _recurrent),
    RNNCell=LayerSpec(RNN_CELL, _recurrent),
    LSTMCell=LayerSpec(CELL, _recurrent),
    GRUCell=LayerSpec(CELL, _recurrent),
    MultiheadAttention=LayerSpec(MULTIHEAD_ATTENTION, _attention),
    TransformerEncoderLayer=LayerSpec(TRANSFORMER_LAYER, lambda t, a: _transformer(t, "encoder_layer", a)),
    TransformerDecoderLayer=LayerSpec(TRANSFORMER_LAYER, lambda t, a: _transformer(t, "decoder_layer", a)),
    TransformerEncoder=LayerSpec(TRANSFORMER_ENCODER, lambda t, a: _transformer(t, "encoder", a)),
    TransformerDecoder=LayerSpec(TRANSFORMER_DECODER, lambda t, a: _transformer(t, "decoder", a)),
    Sequential=LayerSpec(ANY, lambda t, a: ContainerRecord(type=t)),
    ModuleList=LayerSpec(_sig(("modules", None)), lambda t, a: ContainerRecord(type=t)),
    ModuleDict=LayerSpec(_sig(("modules", None)), lambda t, a: ContainerRecord(type=t)),
)

# torch's private bases of its layer families (torch/nn/modules/conv.py, batchnorm.py,
# instancenorm.py), which code subclasses to write a layer of its own: a conv with its own forward,
# a batch norm with its own _check_input_dim. Their dimensionality is not fixed: a conv's is the
# length of the kernel tuple the subclass passes, a norm's the rank its forward is given.
PRIVATE_CONV = _sig("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "transposed",
                    "output_padding", "groups", "bias", "padding_mode", ("device", None), ("dtype", None))


def _private_conv(type_: str, a: dict) -> LayerRecord:
    """_ConvNd(in, out, kernel_size, stride, ...): torch takes each per-dim argument as given, a
    tuple as long as the kernel's; an int kernel makes no weight torch can build."""
    kernel, transposed = a["kernel_size"], a["transposed"]
    if not isinstance(kernel, (list, tuple)) or not kernel:
        raise ValueError(f"kernel_size {kernel!r} is no tuple, so the number of spatial dims is not known")
    if not isinstance(transposed, bool):
        raise ValueError("transposed is not known")
    return _conv(type_, len(kernel), transposed, a)


PRIVATE_LAYER_BASES: dict[str, LayerSpec] = {
    "_ConvNd": LayerSpec(PRIVATE_CONV, _private_conv),
    "_ConvTransposeNd": LayerSpec(PRIVATE_CONV, _private_conv),
    "_NormBase": LayerSpec(BATCH_NORM, lambda t, a: _norm(t, "batch", 0, a)),
    "_BatchNorm": LayerSpec(BATCH_NORM, lambda t, a: _norm(t, "batch", 0, a)),
    "_InstanceNorm": LayerSpec(INSTANCE_NORM, lambda t, a: _norm(t, "instance", 0, a)),
}
# the private bases whose forward torch writes; it first calls the subclass's _check_input_dim
# (and _InstanceNorm its _get_no_batch_dim), which raise NotImplementedError until one is written
PRIVATE_BASES_WITH_FORWARD = frozenset({"_BatchNorm", "_InstanceNorm"})
# private bases that only store their arguments as attributes (_AvgPoolNd none): no parameters,
# no forward; the subclass's forward calls F.max_pool2d(x, self.kernel_size, self.stride, ...)
PRIVATE_ATTRIBUTE_BASES = {"_MaxPoolNd": MAX_POOL, "_AvgPoolNd": Signature(()),
                           "_DropoutNd": _sig(("p", 0.5), ("inplace", False))}


def private_layer_base(qualified: str) -> str | None:
    """`nn.modules.batchnorm._BatchNorm` (any spelling) -> `_BatchNorm`; None for any other name."""
    name = canonical_name(qualified)
    short = name.rsplit(".", 1)[-1]
    if name == f"torch.nn.{short}" and (short in PRIVATE_LAYER_BASES or short in PRIVATE_ATTRIBUTE_BASES):
        return short
    return None


def private_base_attributes(short: str, args: list, kwargs: dict, unknown_rest: bool) -> dict[str, object]:
    """The attributes `super().__init__(...)` of an attribute-only private base sets, as torch sets them."""
    bound = PRIVATE_ATTRIBUTE_BASES[short].bind(args, kwargs, unknown_rest)
    if short == "_MaxPoolNd" and bound["stride"] is None:
        bound["stride"] = bound["kernel_size"]  # `self.stride = stride if (stride is not None) else kernel_size`
    return bound


# Modules whose output has the input's shape, whatever their arguments.
SHAPE_PRESERVING = (
    "Identity ReLU ReLU6 LeakyReLU ELU SELU CELU GELU SiLU Mish Sigmoid Tanh Hardtanh Hardswish "
    "Hardsigmoid Hardshrink Softshrink Softplus Softsign Tanhshrink Threshold LogSigmoid RReLU "
    "Softmax LogSoftmax Softmin Softmax2d Dropout AlphaDropout FeatureAlphaDropout LocalResponseNorm "
    "CrossMapLRN2d"
).split()
for _name in SHAPE_PRESERVING:
    LAYERS.setdefault(_name, LayerSpec(ANY, _elementwise))

# Eager-mode quantization's float modules (torch/ao/quantization/stubs.py,
# torch/ao/nn/quantized/modules/functional_modules.py): the stubs are the identity until the model
# is converted; FloatFunctional is never called itself, its methods are the ops they name.
QUANTIZATION_NAMESPACES = ("torch.ao.quantization.", "torch.quantization.", "torch.ao.nn.quantized.",
                           "torch.nn.quantized.")
for _name in ("QuantStub", "DeQuantStub", "FloatFunctional"):
    LAYERS[_name] = LayerSpec(ANY, _elementwise)
FLOAT_FUNCTIONAL = {"add": "torch.add", "add_scalar": "torch.add", "add_relu": "torch.add", "mul": "torch.mul",
                    "mul_scalar": "torch.mul", "cat": "torch.cat", "matmul": "torch.matmul"}

# nn.Embedding(...) with _weight= takes its size from that tensor, not the arguments: not modelled here

# The classmethod constructors `nn.Embedding.from_pretrained(embeddings, ...)` and EmbeddingBag's
# (torch/nn/modules/sparse.py): the class of the table's rows x columns, its other arguments these
PRETRAINED = {
    "Embedding": _sig("embeddings", ("freeze", True), ("padding_idx", None), ("max_norm", None), ("norm_type", 2.0),
                      ("scale_grad_by_freq", False), ("sparse", False)),
    "EmbeddingBag": _sig("embeddings", ("freeze", True), ("max_norm", None), ("norm_type", 2.0),
                         ("scale_grad_by_freq", False), ("mode", "mean"), ("sparse", False),
                         ("include_last_offset", False), ("padding_idx", None)),
}


def pretrained_class(qualified: str) -> str | None:
    """"Embedding" for `torch.nn.Embedding.from_pretrained` (and EmbeddingBag's), else None."""
    name = canonical_name(qualified)
    owner, _, method = name.rpartition(".")
    if method != "from_pretrained" or not owner.startswith("torch.nn.") or owner.count(".") != 2:
        return None
    class_name = owner.rsplit(".", 1)[-1]
    return class_name if class_name in PRETRAINED else None


# Functional ops whose output has the input's shape (torch.*, F.* and Tensor methods alike).
ELEMENTWISE_OPS = frozenset(
    (
        "relu relu_ relu6 elu elu_ selu celu gelu silu mish sigmoid tanh hardtanh hardtanh_ hardswish "
        "hardsigmoid leaky_relu leaky_relu_ softplus softsign logsigmoid tanhshrink threshold rrelu "
        "softmax log_softmax softmin dropout dropout1d dropout2d dropout3d alpha_dropout "
        "feature_alpha_dropout normalize local_response_norm batch_norm layer_norm "
        "group_norm exp log abs neg sqrt rsqrt square sign clamp clamp_ clip contiguous clone detach "
        "float double half bfloat16 long int short bool to cpu cuda type_as sin cos exp_ sigmoid_ tanh_ abs_ neg_ "
        "pow "
        # more unary ops, each of the input's shape (torch/_refs/__init__.py: _make_elementwise_unary_reference)
        "log2 log10 log1p expm1 exp2 floor ceil round trunc frac fix reciprocal tan asin acos atan sinh cosh "
        "asinh acosh atanh arcsin arccos arctan erf erfc erfinv sgn nan_to_num logit hardshrink softshrink "
        "deg2rad rad2deg positive negative absolute isnan isinf isfinite signbit logical_not bitwise_not "
        # each of the input's shape too: max-norm constraints (`torch.renorm(w, 2, 0, maxnorm)`, EEG nets)
        "renorm renorm_"
    ).split()
)
# the elementwise ops that are activations: they change a tensor's mean, so a conv's bias before
# one is not wasted by a norm after it (CL206)
ACTIVATIONS = frozenset("relu relu6 leaky_relu elu selu celu gelu silu mish sigmoid tanh hardtanh hardswish "
                        "hardsigmoid softplus softsign rrelu logsigmoid tanhshrink softshrink hardshrink threshold "
                        "relu_ leaky_relu_ elu_ hardtanh_ threshold_".split())

POOL_OPS: dict[str, tuple[str, int, Signature]] = {}
for _n in (1, 2, 3):
    _input = ("input", REQUIRED)
    POOL_OPS[f"max_pool{_n}d"] = ("max", _n, Signature((_input,) + MAX_POOL.params[:4] + (("ceil_mode", False),
                                                                                      ("return_indices", False))))
    POOL_OPS[f"avg_pool{_n}d"] = ("avg", _n, Signature((_input,) + AVG_POOL.params[:4]))
    POOL_OPS[f"adaptive_avg_pool{_n}d"] = ("adaptive", _n, Signature((_input, ("output_size", REQUIRED))))
    POOL_OPS[f"adaptive_max_pool{_n}d"] = ("adaptive", _n, Signature((_input, ("output_size", REQUIRED),
                                                                       ("return_indices", False))))

# F.* ops built as the layer they compute (a functional node): their records come from LAYERS
F_CONV = _sig("input", "weight", ("bias", None), ("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1))
F_CONV_T = _sig("input", "weight", ("bias", None), ("stride", 1), ("padding", 0), ("output_padding", 0),
                ("groups", 1), ("dilation", 1))
F_LINEAR = _sig("input", "weight", ("bias", None))
F_MAX_UNPOOL = _sig("input", "indices", "kernel_size", ("stride", None), ("padding", 0), ("output_size", None))
F_UNFOLD = Signature((("input", REQUIRED),) + UNFOLD.params)
F_FOLD = Signature((("input", REQUIRED),) + FOLD.params)
F_EMBEDDING = _sig("input", "weight", ("padding_idx", None), ("max_norm", None), ("norm_type", 2.0),
                   ("scale_grad_by_freq", False), ("sparse", False))
F_BATCH_NORM = _sig("input", "running_mean", "running_var", ("weight", None), ("bias", None), ("training", False),
                   ("momentum", 0.1), ("eps", 1e-5))
F_INSTANCE_NORM = _sig("input", ("running_mean", None), ("running_var", None), ("weight", None), ("bias", None),
                       ("use_input_stats", True), ("momentum", 0.1), ("eps", 1e-5))

INTERPOLATE = _sig("input", ("size", None), ("scale_factor", None), ("mode", "nearest"), ("align_corners", None),
                   ("recompute_scale_factor", None), ("antialias", False))
F_PAD = _sig("input", "pad", ("mode", "constant"), ("value", None))
# a spatial transformer's grid and its sampling (torch/nn/functional.py)
AFFINE_GRID = _sig("theta", "size", ("align_corners", None))
GRID_SAMPLE = _sig("input", "grid", ("mode", "bilinear"), ("padding_mode", "zeros"), ("align_corners", None))

# torch.norm and torch.linalg's norms: x.norm's reduction over `dim` (every dim where None, a
# matrix_norm the last two); their first parameter and the norm's order come first, as torch has them
_NORM_KEYWORDS = (("out", None), ("dtype", None))
NORMS = {
    ("torch", "norm"): _sig("input", ("p", "fro"), ("dim", None), ("keepdim", False), ("out", None), ("dtype", None)),
    ("torch.functional", "norm"): _sig("input", ("p", "fro"), ("dim", None), ("keepdim", False), ("out", None),
                                       ("dtype", None)),
    ("torch.linalg", "norm"): _sig("A", ("ord", None), ("dim", None), ("keepdim", False), keyword_only=_NORM_KEYWORDS),
    ("torch.linalg", "vector_norm"): _sig("x", ("ord", 2), ("dim", None), ("keepdim", False),
                                          keyword_only=_NORM_KEYWORDS),
    ("torch.linalg", "matrix_norm"): _sig("A", ("ord", "fro"), ("dim", (-2, -1)), ("keepdim", False),
                                          keyword_only=_NORM_KEYWORDS),
}

# einops.layers.torch: layers of a pattern, by their qualified name
EINOPS_LAYERS = {
    "einops.layers.torch.Rearrange": LayerSpec(_sig("pattern", keywords="axes_lengths"), lambda t, a: EinopsRecord(
        type=t, operation="rearrange", pattern=a["pattern"], axes_lengths=a["axes_lengths"])),
    "einops.layers.torch.Reduce": LayerSpec(_sig("pattern", "reduction", keywords="axes_lengths"),
                                            lambda t, a: EinopsRecord(type=t, operation="reduce", pattern=a["pattern"],
                                                                      reduction=a["reduction"],
                                                                      axes_lengths=a["axes_lengths"])),
}

# Wrappers that replicate a module over devices and run it whole: their one child is `module`
# (named_modules() gives `encoder.module.conv`), and on the CPU or one device their forward is
# `self.module(*inputs, **kwargs)`, the same shapes
PARALLEL_WRAPPERS = {
    "torch.nn.DataParallel": "DataParallel", "torch.nn.parallel.DataParallel": "DataParallel",
    "torch.nn.parallel.data_parallel.DataParallel": "DataParallel",
    "torch.nn.parallel.DistributedDataParallel": "DistributedDataParallel",
    "torch.nn.parallel.distributed.DistributedDataParallel": "DistributedDataParallel",
}

# fastai's layers that are a torch layer under another name: fastai.layers.Flatten(full=False)
# is `x.view(x.size(0), -1)` (nn.Flatten()), with full=True `x.view(-1)` (nn.Flatten(0))
OTHER_LIBRARY_LAYERS = {
    "fastai.layers.Flatten": LayerSpec(_sig(("full", False)), lambda t, a: FlattenRecord(
        type=t, start_dim=0 if a["full"] is True else 1 if a["full"] is False else Unknown("fastai Flatten's full"))),
}


def canonical_name(qualified: str) -> str:
    """`torch.nn.modules.conv.Conv2d` -> `torch.nn.Conv2d`, so every spelling is one name; an
    attribute of the class keeps its class (`...sparse.Embedding.from_pretrained`)."""
    if qualified.startswith("torch.nn.modules."):
        parts = qualified[len("torch.nn.modules."):].split(".")
        if len(parts) > 1 and parts[0][:1].islower():
            parts = parts[1:]  # the file the class is defined in
        return "torch.nn." + ".".join(parts)
    return qualified


def layer_spec(qualified: str) -> tuple[str, LayerSpec] | None:
    """The torch.nn class a qualified name names, if convlint models it."""
    name = canonical_name(qualified)
    if name.startswith("torch.nn.") and name.count(".") == 2:
        class_name = name.rsplit(".", 1)[-1]
        spec = LAYERS.get(class_name)
        if spec is not None:
            return class_name, spec
    if _quantization_float_module(name):
        class_name = name.rsplit(".", 1)[-1]
        return class_name, LAYERS[class_name]
    if name in EINOPS_LAYERS:
        return name.rsplit(".", 1)[-1], EINOPS_LAYERS[name]
    if name in OTHER_LIBRARY_LAYERS:
        return name.rsplit(".", 1)[-1], OTHER_LIBRARY_LAYERS[name]
    return None


def torch_module_has(module: str, name: str) -> bool | None:
    """hasattr(nn, "SiLU"), hasattr(F, "silu"), hasattr(torch, "sigmoid"): True for a layer or op
    convlint models (each in every torch 2.x); None for any other name, never False: the whole
    API of the torch a user runs is not listed here."""
    module = canonical_name(module)
    if module == "torch.nn" and layer_spec(f"torch.nn.{name}") is not None:
        return True
    if module in ("torch.nn.functional", "torch") and (name in ELEMENTWISE_OPS or name in POOL_OPS):
        return True
    return None


def _quantization_float_module(name: str) -> bool:
    """`torch.ao.quantization.QuantStub`, `nn.quantized.FloatFunctional` and their other spellings."""
    return name.startswith(QUANTIZATION_NAMESPACES) and name.rsplit(".", 1)[-1] in ("QuantStub", "DeQuantStub",
                                                                                     "FloatFunctional")


NOT_MODULES = frozenset({"Parameter", "Buffer", "Module", "UninitializedParameter", "ParameterList",
                         "ParameterDict"})


def is_torch_layer_class(qualified: str) -> bool:
    """Any module class of torch.nn (modelled or not), by naming convention: capitalised."""
    name = canonical_name(qualified)
    short = name.rsplit(".", 1)[-1]
    if _quantization_float_module(name):
        return True
    return name.startswith("torch.nn.") and name.count(".") == 2 and short[:1].isupper() and short not in NOT_MODULES


def misspelled_torch_layer(qualified: str) -> str | None:
    """The torch.nn name a class name of torch.nn that torch lacks is a close spelling of
    (`torch.nn.Relu` -> `ReLU`, `torch.nn.Batchnorm2d` -> `BatchNorm2d`): reading it raises
    AttributeError. None where torch has the name, or where no name of torch.nn is close to it
    (nothing to suggest: it may be one the code adds to torch.nn itself)."""
    name = canonical_name(qualified)
    if not name.startswith("torch.nn.") or name.count(".") != 2:
        return None
    short = name.rsplit(".", 1)[-1]
    if short.startswith("_") or short in TORCH_NN_NAMES:
        return None
    classes = [n for n in TORCH_NN_NAMES if n[:1].isupper()]
    same_letters = [n for n in classes if n.lower() == short.lower()]
    if same_letters:
        return same_letters[0]
    by_lower = {n.lower(): n for n in classes}
    close = difflib.get_close_matches(short.lower(), list(by_lower), n=1, cutoff=0.85)
    return by_lower[close[0]] if close else None


# torch.nn.modules.utils' _single/_pair/_triple/_quadruple: per_dim with their n
TORCH_NTUPLES = {canonical_name(f"torch.nn.modules.utils.{name}"): n
                 for n, name in enumerate(("_single", "_pair", "_triple", "_quadruple"), 1)}
TORCH_NTUPLE_MAKER = canonical_name("torch.nn.modules.utils._ntuple")  # `_ntuple(n)`: makes one of them


# Attributes a torch layer's forward reads on every call (Conv2d passes self.stride, self.padding,
# self.dilation, self.groups to F.conv2d): one assigned after construction (PSPNet and DeepLab turn
# a stride into a dilation, `m.dilation, m.padding, m.stride = (2, 2), (2, 2), (1, 1)`) is what runs.
FORWARD_READ_ATTRIBUTES = frozenset({"stride", "padding", "dilation", "groups", "output_padding", "kernel_size",
                                     "ceil_mode", "output_size", "scale_factor", "size"})
# layers whose forward passes the attribute to an F.* op that takes one int for every dim
_INT_FOR_EVERY_DIM = (ConvRecord, PoolRecord, AdaptivePoolRecord, MaxUnpoolRecord, UnfoldRecord, FoldRecord)


def layer_after_assignment(record: LayerRecord, name: str, value: object) -> LayerRecord:
    """The layer `m.<name> = value` leaves, as its forward sees it: the new value where convlint
    follows how forward reads it; that field unknown where the value is not known or torch would
    refuse it. Never the value it was built with when forward reads the new one."""
    if name not in FORWARD_READ_ATTRIBUTES or name not in type(record).model_fields:
        return record
    read = _read_by_forward(record, name)
    if read is False:
        return record
    why = f"{name} assigned after construction: " + ("a value not known statically" if read else
                                                       "whether forward reads it is not known")
    update = _assigned_fields(record, name, value) if read else None
    if update is not None:
        try:
            return type(record).model_validate({**record.__dict__, **update})
        except ValidationError:
            why = f"{name} assigned after construction: a value torch refuses"
    return layer_with_unknown(record, name, why)


def layer_with_unknown(record: LayerRecord, name: str, why: str) -> LayerRecord:
    """The layer with the field `name` not known (each dim of a per-dim field), and what follows from it."""
    if name not in type(record).model_fields or name == "type":
        return record
    unknown = Unknown(why)
    current = getattr(record, name)
    if isinstance(current, tuple) or (name == "padding" and isinstance(record, ConvRecord)):
        dims = len(current) if isinstance(current, tuple) else record.ndim
        update = {name: (unknown,) * dims}
    else:
        update = {name: unknown}
    if name == "groups" and isinstance(record, ConvRecord):  # the weight's channels per group times the groups
        update["out_channels" if record.transposed else "in_channels"] = unknown
    return record.model_copy(update=update)


def _read_by_forward(record: LayerRecord, name: str) -> bool | None:
    """Whether the layer's forward reads the attribute; None where that is not known."""
    if isinstance(record, ConvRecord):
        if name == "kernel_size":
            return False  # the weight's shape is the kernel
        if name == "output_padding":
            return record.transposed
        if name == "padding" and record.padding_mode != "zeros":
            # other modes pad with the amounts computed at construction, then convolve unpadded
            return False if isinstance(record.padding_mode, str) else None
        return True
    if isinstance(record, PoolRecord):
        return not (name == "dilation" and record.op != "max" or name == "padding" and record.op == "lp")
    return True


def _assigned_fields(record: LayerRecord, name: str, value: object) -> dict | None:
    """The record's fields after the assignment, or None where the value is not known."""
    if isinstance(value, Unknown):
        return None
    current = getattr(record, name)
    if isinstance(record, ConvRecord) and name == "groups":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return None
        channels = "out_channels" if record.transposed else "in_channels"
        count = getattr(record, channels)
        if not isinstance(count, int) or not isinstance(record.groups, int) or count % record.groups:
            return None
        return {"groups": value, channels: count // record.groups * value}
    if isinstance(record, ConvRecord) and name == "padding" and value in ("same", "valid"):
        return {name: value}
    if isinstance(record, (PoolRecord, MaxUnpoolRecord)) and name == "stride" and value in (None, (), []):
        return {name: record.kernel_size}  # torch: no stride is the kernel
    if isinstance(current, tuple) or (name == "padding" and isinstance(record, ConvRecord)):
        if isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, tuple) and isinstance(record, _INT_FOR_EVERY_DIM):
            value = per_dim(value, record.ndim if hasattr(record, "ndim") else len(current))
        return {name: value} if isinstance(value, tuple) else None
    return {name: value}


# A bool is an int to Python, and torch's layer constructors only do arithmetic on most sizes:
# where nothing but Python reads one (a conv's in_channels, in `in_channels // groups`; a kernel
# size, past the weight's first dim; Linear's in_features) torch builds and runs the layer as of
# 0 or 1. ATen's int parsers refuse a bool (of a size list, its first item): a conv's or pool's
# stride, padding, dilation, output_padding, groups and a pool's window are kept by the
# constructor and refused by torch's forward (F.conv2d, F.max_pool2d), which a subclass with a
# forward of its own may never call with them (`super().__init__(cin, cout, k, stride, padding,
# bias)`: bias in the dilation slot). Checked against torch 2.x on CPU.
_CONV_FAMILY = ("Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d",
                "LazyConv1d", "LazyConv2d", "LazyConv3d", "LazyConvTranspose1d", "LazyConvTranspose2d",
                "LazyConvTranspose3d", "_ConvNd", "_ConvTransposeNd")
_POOL_FAMILY = ("MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d")


def _transposed(class_name: str, bound: dict) -> bool:
    return "Transpose" in class_name or bound.get("transposed") is True


def bools_to_ints(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple)) and any(isinstance(v, bool) for v in value):
        return type(value)(int(v) if isinstance(v, bool) else v for v in value)
    return value


def _bool_first(value: object) -> bool:
    """A value ATen's int (list) parser refuses: a bool, or a list whose first item is one."""
    return isinstance(value, bool) or isinstance(value, (list, tuple)) and bool(value) and isinstance(value[0], bool)


def _forward_sizes(class_name: str) -> tuple[str, ...]:
    if class_name in _CONV_FAMILY:
        return "stride", "padding", "dilation", "output_padding", "groups"
    return ("kernel_size", "stride", "padding", "dilation") if class_name in _POOL_FAMILY else ()


def bools_torch_takes(class_name: str, bound: dict) -> dict:
    """The bound arguments with a bool made the int torch takes it as, where only Python reads it."""
    taken: tuple[str, ...] = ()
    if class_name in _CONV_FAMILY:
        # (a transposed conv's weight is (in_channels, out_channels // groups, *kernel): torch.empty refuses
        # a bool in_channels; both weights' empty() refuse a bool out_channels, its bias too)
        taken = ("kernel_size",) if _transposed(class_name, bound) else ("in_channels", "kernel_size")
    elif class_name == "Linear":  # (its weight is (out_features, in_features))
        taken = ("in_features",)
    # (a list whose first item is no bool reaches the forward: ATen reads the rest as ints)
    taken += tuple(name for name in _forward_sizes(class_name)
                   if isinstance(bound.get(name), (list, tuple)) and not _bool_first(bound[name]))
    changed = {name: bools_to_ints(bound[name]) for name in taken if name in bound}
    return {**bound, **changed} if any(changed[n] is not bound[n] for n in changed) else bound


def bools_forward_refuses(class_name: str, bound: dict) -> dict[str, tuple[object, object]]:
    """The arguments torch's constructor keeps as given but its forward refuses (a bool stride of a
    conv or pool): each as given and as the layer holds it (a conv's per dim, as _ConvNd's _pair does)."""
    names = _forward_sizes(class_name)
    ndim = next((int(c) for c in class_name if c.isdigit()), None)
    held = {}
    for name in names:
        value = bound.get(name)
        if name == "groups" and value is False:
            continue  # `groups must be a positive integer`: the constructor refuses it
        if _bool_first(value):
            expands = ndim is not None and name != "groups" and class_name in _CONV_FAMILY
            held[name] = (value, tuple(value) if isinstance(value, (list, tuple)) else (value,) * ndim if expands
                          else value)
    return held
