"""Layer records: what the user wrote in a constructor, validated like PyTorch. A leaf module.

Strict and frozen: a float stride stays a float so CL106 can name it; ints are already
normalised to per-dimension tuples by the evaluator. Schemas are built lazily (defer_build)
because eager building costs start-up time for every run."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, PlainSerializer, PlainValidator, ValidationError, model_validator

from convlint.symbolic import arguments_sum, is_width, product_of_widths
from convlint.values import Residue, Sym, Unknown, is_known


class RefusedAtForward(ValueError):
    """Arguments torch's constructor keeps and only the layer's forward refuses (an output_padding
    not below the stride, a pool padding over half the kernel): a layer built with them and never
    run raises nothing."""


def refused_only_at_forward(error: ValidationError) -> bool:
    """Whether every complaint of the error is one torch raises only when the layer runs."""
    items = error.errors(include_url=False)
    return bool(items) and all(isinstance(item.get("ctx", {}).get("error"), RefusedAtForward) for item in items)


def _int_at_least(minimum: int, wording: str, widths: bool = False):
    """An int >= minimum, or an Unknown. With `widths`, a channel or feature count may also be a
    width of a constructor argument nothing supplied (`nn.Conv2d(ndf, ndf * 2, 4)`), kept so that
    a mismatch for every value of it can be proved."""

    def validate(value: object) -> object:
        if isinstance(value, Unknown):
            return value
        if not isinstance(value, (int, float, str, bytes, list, tuple, dict, set, Sym)) and value is not None:
            # an object of the evaluator's (a name of a module convlint cannot read, `cfg.GAN.DF_DIM` of
            # a config it does not find): a value not known, never one torch would refuse
            return Unknown(f"a value not known statically ({type(value).__name__})")
        if isinstance(value, Sym):  # F.avg_pool2d(x, x.size()[2:]): an int, just not known here
            return value if widths and (is_width(value) or arguments_sum(value) or product_of_widths(value)) else Unknown(f"a size known only as {value}")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be an int, got {value!r}")
        if value < minimum:
            raise ValueError(f"must be {wording}, got {value}")
        return value

    return PlainValidator(validate)


def _flag(value: object) -> object:
    if isinstance(value, (bool, Unknown)):
        return value
    if isinstance(value, int):
        return bool(value)
    return Unknown(f"flag value {value!r}")


def _anything(value: object) -> object:
    return value


def _serialized(value: object) -> object:
    """A field as model_dump gives it: an Unknown as None (as the JSON report writes one), the
    rest as held. Without this pydantic warns of each Unknown it meets in a union."""
    return None if isinstance(value, Unknown) else value


_AS_HELD = PlainSerializer(_serialized)
Positive = Annotated[Union[int, Unknown], _int_at_least(1, "positive"), _AS_HELD]
NonNegative = Annotated[Union[int, Unknown], _int_at_least(0, "zero or more"), _AS_HELD]
Count = Annotated[Union[int, Unknown], _int_at_least(0, "zero or more"), _AS_HELD]
Integer = Annotated[Union[int, Unknown], _int_at_least(-(2**62), "an int"), _AS_HELD]
# a channel or feature count: torch builds a layer of none (Conv2d(3, 0, 3), BatchNorm2d(0)); the
# forward is what fails, judged at the call (CL103/CL104 for the channels, CL106 for a conv of none)
WidthCount = Annotated[Union[int, Sym, Unknown], _int_at_least(0, "zero or more", widths=True), _AS_HELD]
_INTEGER = _int_at_least(-(2**62), "an int")


def _pad_amount(value: object) -> object:
    """An int (or Unknown), or a Residue: F.pad's padding to a multiple, `(8 - h % 8) % 8`, which
    layers.pad_shape adds up to a multiple of 8."""
    return value if isinstance(value, Residue) else _INTEGER.func(value)


PadAmount = Annotated[Union[int, Sym, Unknown], PlainValidator(_pad_amount), _AS_HELD]
Flag = Annotated[Union[bool, Unknown], PlainValidator(_flag), _AS_HELD]
Any_ = Annotated[object, PlainValidator(_anything), _AS_HELD]


class LayerRecord(BaseModel):
    """One torch.nn module as constructed; `type` is its torch class name (`Conv2d`)."""

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid", defer_build=True)
    type: str


class ConvRecord(LayerRecord):
    ndim: int
    transposed: bool = False
    in_channels: WidthCount  # torch builds and runs a conv with no input channels
    out_channels: WidthCount  # built, but its forward refuses a weight of no output channels
    kernel_size: tuple[Positive, ...]
    stride: tuple[Positive, ...]
    padding: Union[tuple[NonNegative, ...], Literal["same", "valid"]]
    dilation: tuple[Positive, ...]
    output_padding: tuple[NonNegative, ...]
    groups: Positive
    bias: Flag
    padding_mode: Any_ = "zeros"
    lazy: bool = False  # LazyConv*: in_channels is whatever the first input brings (Unknown until then)
    # the kernel as given where it is made of a required argument (`image_size // 32`), which
    # kernel_size holds as unknown: proved against a map of the input that argument is the side of
    kernel_widths: Any_ = None

    @model_validator(mode="after")
    def _torch_constructor_rules(self) -> "ConvRecord":
        _per_dim_lengths(self, ("kernel_size", "stride", "dilation", "output_padding") +
                         (() if isinstance(self.padding, str) else ("padding",)))
        if self.padding == "same":
            if self.transposed:
                raise ValueError("padding='same' is not supported for transposed convolutions")
            if any(s != 1 for s in self.stride if isinstance(s, int)):
                raise ValueError(
                    f"padding='same' is not supported for strided convolutions (stride={_dims(self.stride)})"
                )
        if self.transposed:
            for op, s, d in zip(self.output_padding, self.stride, self.dilation):
                if all(isinstance(v, int) for v in (op, s, d)) and op >= max(s, d):
                    raise RefusedAtForward(
                        f"output_padding={_dims(self.output_padding)} must be smaller than either "
                        f"stride={_dims(self.stride)} or dilation={_dims(self.dilation)}"
                    )
        return self

    @property
    def padding_per_dim(self) -> tuple[int | Unknown, ...] | None:
        """Symmetric padding per dim, or None for 'same' (which keeps the size)."""
        if self.padding == "same":
            return None
        if self.padding == "valid":
            return (0,) * self.ndim
        return self.padding


class PoolRecord(LayerRecord):
    ndim: int
    op: Literal["max", "avg", "lp"]
    kernel_size: tuple[Positive, ...]
    stride: tuple[Positive, ...]
    padding: tuple[NonNegative, ...]
    dilation: tuple[Positive, ...]
    ceil_mode: Flag
    return_indices: Flag = False  # max pools: forward returns (output, indices)

    @model_validator(mode="after")
    def _pad_at_most_half_kernel(self) -> "PoolRecord":
        _per_dim_lengths(self, ("kernel_size", "stride", "padding", "dilation"))
        # Pool.h checks kW/2 >= padW on the raw kernel, dilated or not (pool2d_shape_check)
        for p, k in zip(self.padding, self.kernel_size):
            if isinstance(p, int) and isinstance(k, int) and p > k // 2:
                raise RefusedAtForward(
                    f"padding={_dims(self.padding)} must be at most half of kernel_size={_dims(self.kernel_size)}"
                )
        return self


# an adaptive pool's output size: also a width of a constructor argument nothing supplies
# (`nn.AdaptiveAvgPool1d(out_channels)`), kept so that the features it makes can be counted with it
PooledSize = Annotated[Union[int, Sym, Unknown], _int_at_least(1, "positive", widths=True), _AS_HELD]


class AdaptivePoolRecord(LayerRecord):
    ndim: int
    output_size: tuple[Union[PooledSize, None], ...]
    return_indices: Flag = False


class MaxUnpoolRecord(LayerRecord):
    """MaxUnpool1d/2d/3d: forward(input, indices, output_size=None) undoes a MaxPool."""

    ndim: int
    kernel_size: tuple[Positive, ...]
    stride: tuple[Positive, ...]
    padding: tuple[NonNegative, ...]

    @model_validator(mode="after")
    def _lengths(self) -> "MaxUnpoolRecord":
        _per_dim_lengths(self, ("kernel_size", "stride", "padding"))
        return self


class LinearRecord(LayerRecord):
    in_features: WidthCount
    out_features: WidthCount
    bias: Flag
    lazy: bool = False  # LazyLinear: in_features is whatever the first input brings (Unknown until then)


class EmbeddingRecord(LayerRecord):
    """Embedding: a lookup table of num_embeddings rows of embedding_dim; input is indices."""

    num_embeddings: WidthCount
    embedding_dim: WidthCount  # a width of a constructor argument (a VQ-VAE's `e_dim`) kept as one
    padding_idx: Any_ = None

    @model_validator(mode="after")
    def _padding_idx_in_range(self) -> "EmbeddingRecord":
        index, rows = self.padding_idx, self.num_embeddings
        if isinstance(index, int) and not isinstance(index, bool) and isinstance(rows, int) \
                and not -rows <= index < rows:  # nn.Embedding asserts it in __init__
            raise ValueError(f"padding_idx={index} must be within num_embeddings={rows}")
        return self


class PixelShuffleRecord(LayerRecord):
    """PixelShuffle(r): (*, C*r*r, H, W) -> (*, C, H*r, W*r); PixelUnshuffle(r) the inverse."""

    factor: Positive
    inverse: bool = False  # PixelUnshuffle


class GluRecord(LayerRecord):
    """GLU(dim): (..., 2*k, ...) -> (..., k, ...), the halves of `dim` gating each other."""

    dim: Any_ = -1


class ChannelShuffleRecord(LayerRecord):
    """ChannelShuffle(groups): same shape, channels regrouped; the channels must divide into groups."""

    groups: Positive


class EinopsRecord(LayerRecord):
    """einops.layers.torch's Rearrange(pattern, **axes_lengths) / Reduce(pattern, reduction, ...):
    the shape its pattern gives (convlint/einops_patterns.py); no parameters."""

    operation: Literal["rearrange", "reduce"]
    pattern: Any_
    reduction: Any_ = None
    axes_lengths: Any_ = None


class UnfoldRecord(LayerRecord):
    """Unfold: (N, C, H, W) -> (N, C*kh*kw, L), L the number of sliding blocks."""

    kernel_size: tuple[Positive, ...]
    dilation: tuple[Positive, ...]
    padding: tuple[NonNegative, ...]
    stride: tuple[Positive, ...]

    @model_validator(mode="after")
    def _two_spatial_dims(self) -> "UnfoldRecord":
        _two_dims(self, ("kernel_size", "dilation", "padding", "stride"))
        return self


class FoldRecord(LayerRecord):
    """Fold: (N, C*kh*kw, L) -> (N, C, *output_size), the inverse arrangement of Unfold."""

    output_size: tuple[Positive, ...]
    kernel_size: tuple[Positive, ...]
    dilation: tuple[Positive, ...]
    padding: tuple[NonNegative, ...]
    stride: tuple[Positive, ...]

    @model_validator(mode="after")
    def _two_spatial_dims(self) -> "FoldRecord":
        _two_dims(self, ("output_size", "kernel_size", "dilation", "padding", "stride"))
        return self


class RecurrentRecord(LayerRecord):
    """RNN/LSTM/GRU (a sequence: (L, N, H_in), (N, L, H_in) with batch_first, or unbatched
    (L, H_in)) and RNNCell/LSTMCell/GRUCell (one step: (N, H_in) or (H_in,)), as RNNBase and
    RNNCellBase build them; `gates` is 4 for LSTM, 3 for GRU, 1 for RNN."""

    kind: Literal["RNN", "LSTM", "GRU"]
    cell: bool = False
    input_size: WidthCount
    hidden_size: WidthCount  # a cell of none is built (RNNCellBase checks nothing); RNNBase refuses it below
    num_layers: Positive = 1
    bias: Flag = True
    batch_first: Flag = False
    dropout: Any_ = 0.0
    bidirectional: Flag = False
    proj_size: Count = 0
    nonlinearity: Any_ = "tanh"

    @model_validator(mode="before")
    @classmethod
    def _bool_flags(cls, data: object) -> object:
        """RNNBase refuses a bias or batch_first that is not a bool (`bias should be of type
        bool, got: int`); the cells take any truthy value."""
        if isinstance(data, dict) and not data.get("cell"):
            for name in ("bias", "batch_first"):
                value = data.get(name, False)
                if not isinstance(value, (bool, Unknown)):
                    raise ValueError(f"{name} should be of type bool, got: {type(value).__name__}")
        return data

    @model_validator(mode="after")
    def _torch_constructor_rules(self) -> "RecurrentRecord":
        if self.nonlinearity not in ("tanh", "relu") and not isinstance(self.nonlinearity, Unknown):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu', got {self.nonlinearity!r}")
        if self.cell:
            return self
        # RNNBase.__init__ (torch 2.13): these raise ValueError or TypeError
        dropout = self.dropout
        if not isinstance(dropout, Unknown) and (isinstance(dropout, bool) or not isinstance(dropout, (int, float))
                                                  or not 0 <= dropout <= 1):
            raise ValueError(f"dropout must be a number in range [0, 1], got {dropout!r}")
        if isinstance(self.input_size, int) and self.input_size < 1:
            raise ValueError(f"input_size must be greater than zero, got {self.input_size}")
        if isinstance(self.hidden_size, int) and self.hidden_size < 1:
            raise ValueError(f"hidden_size must be greater than zero, got {self.hidden_size}")
        if self.proj_size and self.kind != "LSTM":
            raise ValueError(f"proj_size is only supported for LSTM, not {self.kind}")
        if isinstance(self.proj_size, int) and isinstance(self.hidden_size, int) and self.proj_size >= self.hidden_size:
            raise ValueError(f"proj_size={self.proj_size} must be smaller than hidden_size={self.hidden_size}")
        return self

    @property
    def gates(self) -> int:
        return {"LSTM": 4, "GRU": 3, "RNN": 1}[self.kind]


class NormRecord(LayerRecord):
    """BatchNorm / InstanceNorm (num_features), GroupNorm (num_groups, num_channels), LayerNorm."""

    kind: Literal["batch", "instance", "group", "layer"]
    ndim: int = 0
    num_features: WidthCount | None = None
    num_groups: Positive | None = None
    normalized_shape: tuple[WidthCount, ...] | None = None  # a width of an argument kept: 4*hid against 7*hid
    affine: Flag = True
    bias: Flag = True
    track_running_stats: Flag = True  # InstanceNorm: False (its default) normalises by each input's own statistics


class ElementwiseRecord(LayerRecord):
    """Activations, dropout, softmax, Identity: the output shape is the input shape."""

    params: Count = 0


class FlattenRecord(LayerRecord):
    start_dim: Any_ = 1
    end_dim: Any_ = -1


class UnflattenRecord(LayerRecord):
    dim: Any_
    unflattened_size: Any_


class UpsampleRecord(LayerRecord):
    size: Any_ = None
    scale_factor: Any_ = None
    mode: Any_ = "nearest"


class PadRecord(LayerRecord):
    """ZeroPad/ConstantPad/ReflectionPad/ReplicationPad/CircularPad: (left, right, top, bottom, ...).

    A negative amount crops, which torch accepts. mode is F.pad's: constant, reflect, replicate,
    circular (anything else: not known)."""

    ndim: int
    padding: tuple[PadAmount, ...]
    mode: Any_ = "constant"


class AttentionRecord(LayerRecord):
    """nn.MultiheadAttention as its constructor builds it: kdim/vdim None are embed_dim; its
    out_proj Linear(embed_dim, embed_dim) is a child module of its own."""

    embed_dim: Positive
    num_heads: Positive
    dropout: Any_ = 0.0
    bias: Flag = True
    add_bias_kv: Flag = False
    add_zero_attn: Flag = False
    kdim: Positive
    vdim: Positive
    batch_first: Flag = False

    @model_validator(mode="after")
    def _torch_constructor_rules(self) -> "AttentionRecord":
        if is_known(self.embed_dim) and is_known(self.num_heads) and self.embed_dim % self.num_heads:
            raise ValueError("embed_dim must be divisible by num_heads")  # MultiheadAttention.__init__
        return self

    @property
    def same_embed_dim(self) -> bool | Unknown:
        """torch's _qkv_same_embed_dim: one in_proj_weight, else q/k/v_proj_weight apart."""
        sizes = (self.embed_dim, self.kdim, self.vdim)
        if not all(is_known(d) for d in sizes):
            return Unknown("kdim/vdim not known")
        return self.kdim == self.embed_dim and self.vdim == self.embed_dim


class TransformerRecord(LayerRecord):
    """nn.TransformerEncoderLayer / TransformerDecoderLayer (`layer`: its sublayers, self_attn,
    linear1, norm1 ..., are child modules of their own, as torch registers them) and
    nn.TransformerEncoder / TransformerDecoder (num_layers deep copies of the layer given, in a
    ModuleList `layers`, and the optional `norm`): none owns a parameter of its own."""

    kind: str  # "encoder_layer", "decoder_layer", "encoder", "decoder"
    d_model: Any_ = None
    nhead: Any_ = None
    dim_feedforward: Any_ = 2048
    activation: Any_ = "relu"
    layer_norm_eps: Any_ = 1e-5
    batch_first: Any_ = False
    norm_first: Any_ = False
    bias: Any_ = True
    dropout: Any_ = 0.1
    num_layers: Any_ = None


class ContainerRecord(LayerRecord):
    """Sequential, ModuleList, ModuleDict: children live in the module tree."""


class ModelRecord(LayerRecord):
    """An instance of an nn.Module subclass defined in the linted code."""


class OpaqueRecord(LayerRecord):
    """A module convlint does not model: its output shape and parameters stay Unknown."""

    qualified_name: str
    # the torch.nn name it is a close spelling of, where torch.nn has no such name (`nn.Relu`):
    # torch raises AttributeError building it (CL114)
    misspelled_of: str | None = None


def _per_dim_lengths(record, fields: tuple[str, ...]) -> None:
    """torch wants one value, or exactly one per spatial dim (`expected stride to be a single
    integer value or a list of 2 values`)."""
    for name in fields:
        values = getattr(record, name)
        if len(values) != record.ndim:
            raise ValueError(f"{name} must be one int or {record.ndim} ints, got {values!r}")


def _two_dims(record, fields: tuple[str, ...]) -> None:
    """Fold and Unfold take 4-D (or 3-D unbatched) image tensors only: one value or two per field."""
    for name in fields:
        values = getattr(record, name)
        if len(values) != 2:
            raise ValueError(f"{name} must be one int or 2 ints, got {values!r}")


def _dims(values: object) -> str:
    if isinstance(values, tuple) and len(set(values)) == 1:
        values = values[0]
    return str(values)


def field_of(record: object, name: str, default: object = None) -> object:
    """A record's field, or default for a kind of layer without it (`lazy` of a pool). Read from
    the instance's fields: a missing attribute costs pydantic's __getattr__ about 5 us, and the
    interpreter asks for one on every layer call."""
    fields = getattr(record, "__dict__", None)
    return fields.get(name, default) if fields is not None else getattr(record, name, default)


def describe_validation_error(error: ValidationError) -> str:
    """One sentence from pydantic's errors: `stride must be an int, got 1.5`."""
    parts: list[str] = []
    items = error.errors(include_url=False)
    # a union field (padding: sizes, or 'same'/'valid') fails every branch: say what is wrong in
    # the branch of the kind the user wrote (3.0: an int; 'full': one of the names)
    # (a field of no names to choose from, out_channels='citys', says its own error)
    literal = {_field_of(i) for i in items if i["type"] == "literal_error"}
    named = {_field_of(i): i["input"] for i in items if i["type"] != "literal_error" and isinstance(i.get("input"), str)
             and _field_of(i) in literal}
    explained = {_field_of(i) for i in items if i["type"] != "literal_error"}
    for item in items:
        field = _field_of(item)
        if field in named and item["type"] != "literal_error":
            continue
        if item["type"] == "literal_error" and field in named:
            choices = item["msg"].removeprefix("Input should be ")
            text = f"{field} must be {choices}, got {named[field]!r}"
            if text not in parts:
                parts.append(text)
            continue
        if item["type"] == "literal_error" and field in explained:
            continue
        message = item["msg"].removeprefix("Value error, ")
        text = f"{field} {message}" if field else message
        if text not in parts:
            parts.append(text)
    if not parts:  # (never an empty reason: pydantic's own words)
        parts = [f"{_field_of(i)} {i['msg']}".strip() for i in items]
    return "; ".join(parts)


def _field_of(item: dict) -> str:
    return next((str(p) for p in item["loc"] if isinstance(p, str)), "")
