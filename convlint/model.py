"""What the evaluator learns about a model: module tree, calls, tensor ops. A leaf module.

The checks and reports read these; they never see a CST node."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from dataclasses import dataclass, field, replace

from convlint.diagnostics import Span
from convlint.records import LayerRecord, field_of
from convlint.values import Dim, Shape, Unknown, creation_order


@dataclass(frozen=True, slots=True)
class ScaledEdit:
    """A trial edit multiplying the count written there by a factor at every evaluation (an AdaIN's
    `nn.Linear(style_dim, num_features)` tried as twice num_features in every block building it); a
    value that is no count, or that the factor leaves fractional, stays as written."""

    factor: Fraction

    def of(self, written: object) -> object:
        if isinstance(written, int) and not isinstance(written, bool):
            scaled = written * self.factor
            if scaled.denominator == 1 and scaled > 0:
                return int(scaled)
        return written


class EachBuilt(tuple):
    """A trial edit's values for an argument a loop writes once and the model evaluates several
    times (`block(in_channels=planes, ...)` in a `_make_layer` loop): one per evaluation, in the
    order they run; the written value where the trial evaluates it more often, or where its
    value for that evaluation is None."""


@dataclass(frozen=True, slots=True)
class CountUpdate:
    """One evaluation of an assignment updating a running count while the model is built
    (`num_planes += nblocks[3] * growth_rate`, `self.inplanes = planes * block.expansion` in a
    `_make_layer` helper), as a layer's count read it, copies of it passed on (`num_planes =
    out_planes`, a parameter given it) included."""

    at: Span  # the value written: what a trial edit gives another value (for `+=` and the like, the result)
    form: str  # "name" or "attribute" of a plain assignment; the operator of an augmented one ("Add")
    index: int  # which evaluation of that assignment, from the start of the model's construction
    value: int
    before: "CountUpdate | None" = None  # the update the name held before it (a count first bound: None)
    # a count bound as a product of names (`flat = ch * d * h * w`): per name, (the name, its value,
    # the update that wrote it or None, whether a loop of the function binds it)
    factors: tuple = ()


@dataclass(eq=False, slots=True)
class ModuleNode:
    """One nn.Module instance: its record, its children in registration order, where it was made.

    Identity matters (a module registered twice is one module), so no value equality."""

    record: LayerRecord
    span: Span
    children: dict[str, "ModuleNode | None"] = field(default_factory=dict)
    path: str = ""  # named_modules() name, set once construction is done; "" for the root
    functional: bool = False  # built for an F.* call in forward; not part of the module tree
    weight_held: bool = False  # functional, of a weight tensor the code holds (no torch layer's own)
    attrs: dict[str, object] = field(default_factory=dict)  # plain attributes of a local model
    cls: object = None  # the local class of a model instance
    problem: str | None = None  # constructor arguments torch rejects (CL106)
    problem_variant: str | None = None  # the CL106 message for it ("binding": a call Python refuses)
    # the problem is one torch's constructor lets pass and the layer's forward refuses: CL106 only for
    # a layer the model holds or runs, never for one built and dropped (a branch's unused alternative)
    refused_at_forward: bool = False
    # a torch base's arguments its constructor keeps but its forward refuses (a bool dilation): CL106
    # once that forward runs, never for a forward of the subclass's own that does not pass them
    forward_refuses: str | None = None
    speculative: bool = False  # built on a path of a condition not known: it may not be built at all
    built_in_forward: bool = False  # constructed while forward() runs: a fresh layer on every call
    incomplete: bool = False  # an attribute of unknown value may be a module: counts are unknown
    names_unknown: bool = False  # attributes set under names not known (`setattr(self, name, m)`)
    # a Sequential built from a list holding values not known statically (`norm_layer(c)` of a
    # norm_layer passed in): the names of all its members in order, those not known held as Unknown
    # attributes; () once it is changed in a way not followed
    members: tuple[str, ...] = ()
    via: tuple[Span, ...] = ()  # calls of user functions and classes that led to its construction
    # attributes forward reads that the code set after construction (`m.stride = (1, 1)`): what the
    # constructor's call writes for them is not what runs
    assigned: set[str] = field(default_factory=set)
    base: LayerRecord | None = None  # a local class deriving from a torch layer: that layer's record
    parameters: dict[str, int] = field(default_factory=dict)  # nn.Parameter attributes, by name
    # parameters of its layer that weight_norm/spectral_norm replaced, by name: the elements of the
    # parameters that replace each here (weight_g + weight_v; weight_orig; 0 when a parametrization
    # keeps them in its own child module)
    replaced: dict[str, int | Unknown] = field(default_factory=dict)
    # parameters that are another module's (`self.out.weight = self.embed.weight`), by name: that
    # module and the elements, counted once in a total over both, as parameters() yields them
    tied: dict[str, tuple["ModuleNode", int]] = field(default_factory=dict)
    # arguments passed down unchanged from a caller: where written, the other int arguments on the way,
    # where a local name passed was bound, and per call on the way (innermost first) the argument
    # written there and the other int arguments of that call
    arg_origins: dict[str, tuple[Span, frozenset, Span | None, tuple[tuple[Span, frozenset], ...]]] = \
        field(default_factory=dict)
    # per argument of arg_origins, per call on its way (innermost first): the parameter it binds, the
    # name the caller passed (None where an expression), and the parameters of the function called
    names_passed: dict[str, tuple[tuple[str, str | None, frozenset], ...]] = field(default_factory=dict)
    # arguments computed from parameters (`num_filter * num_stages`): per parameter, its value and origin
    arg_parts: dict[str, tuple[tuple[str, object, tuple], ...]] = field(default_factory=dict)
    # arguments computed from parameters and the names of a loop (`in_channels + i * growth` in a
    # ModuleList comprehension): per parameter, its value and origin, as arg_parts (kept apart, as
    # the loop's names make the other instances of the line compute another count)
    arg_loop_parts: dict[str, tuple[tuple[str, object, tuple], ...]] = field(default_factory=dict)
    # counts computed from one number written elsewhere through int(), a factor or a helper of one
    # value (`int(in_channels * channel_multiplier)`, `make_divisible(c * scale)`): per argument,
    # where that number is written and its value
    scaled_from: dict[str, tuple[Span, int]] = field(default_factory=dict)
    # the int names of the function that built it, as they were then (a parameter the caller passed,
    # a local): what its line could have read instead of a count it was given
    names_at_build: tuple[tuple[str, int], ...] = ()
    # per call on the way that passed it an argument, the int names of the function making that call
    # (its locals, parameters and `self.X`), as they were then: what the call could have passed instead
    callers_names: dict[Span, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    forwarded: bool = False  # built as nn.Conv1d(*args, **kwargs) in a wrapper: every argument is its caller's
    # `self.in_channels = in_channels` in the constructor: the attribute's value, and the origin of
    # the parameter it holds (as arg_origins), so a layer built from the attribute is traced too
    attr_origins: dict[str, tuple[object, tuple]] = field(default_factory=dict)
    written_at: dict[str, Span] = field(default_factory=dict)  # where each argument of its construction is written
    # a functional layer applying a weight made to a shape tuple its block's constructor bound from its
    # parameters (`self.shape = (out_chn, in_chn, k, k)`): per count, where that tuple reads the parameter,
    # the line holding the count as a layer's own line holds the names it reads
    read_at: dict[str, Span] = field(default_factory=dict)
    # an argument read from a parameter of the function building it whose default its caller left it
    # (`conv1x1(cin, cout)` of `def conv1x1(cin, cout, stride=1)`): the call that left it out
    defaults_taken: dict[str, Span] = field(default_factory=dict)
    # a Linear's in_features written as a product of numbers (`32 * 3 * 3`, in the call or in the local
    # or `self.` attribute it reads): those numbers, a C x H x W the user counted by hand
    features_product: tuple[int, ...] = ()
    # a Linear's in_features measured on what the model's own layers gave a probe tensor in its
    # constructor (`n = self.features(torch.zeros(1, C, T)).view(1, -1).size(1)`): right by construction
    probed_features: bool = False
    # counts it reads from a plain local of the function building it (`in_ch = input_channels[-1]`
    # then `nn.Conv2d(in_ch, ...)`), bound once by `name = expression` there: where that expression is
    # written, which a trial edit (edited_run) may give another value
    bound_at: dict[str, Span] = field(default_factory=dict)
    # each such local any count argument reads, bare or within an expression (`widen(base, m)`):
    # (where it is bound, whether read bare); and where each count pointed at a binding is read
    local_reads: tuple[tuple[Span, bool], ...] = ()
    read_at: dict[str, Span] = field(default_factory=dict)
    # the int values of the names its out count is computed from (`hidden * 2`: hidden's), where
    # that count is an expression: a width the names hold, written in another form
    out_reads: tuple[int, ...] = ()
    # that out count written as a deliberate step of a name (`hidden // 2`, or `hidden * 2` where its
    # in count reads `hidden`: width_forms.stepped_width): no vote of the other layers' widths blames it
    out_stepped: bool = False
    # arguments a wrapper's constructor hands on in its `**kwargs` (`nn.Conv2d(cin, cout, **kwargs)`):
    # where the wrapper's caller wrote each
    handed_on: dict[str, Span] = field(default_factory=dict)
    # the wrapper's call whose `**kwargs` that constructor hands on: where an argument the layer
    # takes only through them is to be written, given or not
    kwargs_from: Span | None = None
    # arguments written as plain numbers in its own call (`stride=2`, `(3, 3)`), no name read: a
    # choice made on that line, where the other layers of its block take the block's parameter
    numbers_written: frozenset[str] = frozenset()
    # the names of the function building it that its loops bind (a loop's target, a running count
    # its body updates: `c = w` in `for w in cfg`): what they hold after the loop is its last turn's
    looped_names: frozenset[str] = frozenset()
    # per count argument computed from names (`rnn_in = 64 * out_h`, or written so in the call): the
    # locals and `self.` attributes that formula reads which were computed with numbers in the same
    # function (`out_h = img_h // 8`), each as (where bound, its value): the factors written by hand
    formula_hops: dict[str, tuple[tuple[Span, object], ...]] = field(default_factory=dict)
    # a local module's constructor parameters with a default that its call (or a partial it was called
    # through) gives a value, and where that value is written
    defaults_overridden: dict[str, Span] = field(default_factory=dict)
    # a local module's constructor parameters its call gives a value, and where each value is written
    arguments_written: dict[str, Span] = field(default_factory=dict)
    # a local module's constructor arguments as its call gave them (args, kwargs): the sizes a model
    # is built for (`Net(256, 256, params)` of `__init__(self, height, width, params)`)
    constructed_with: tuple[tuple, dict] | None = None
    # widths read from a literal list (`for v in cfg: nn.Conv2d(c, v, 3)`): the number, by argument
    listed_at: dict[str, Span] = field(default_factory=dict)
    # the out counts as written in the layer's own call (`red` of `nn.Conv2d(red, red, 1)`), not where
    # a local they read was bound: what an edit giving each instance another width changes
    out_argument_at: dict[str, Span] = field(default_factory=dict)
    # widths written as arithmetic on names (`self.D * G`): per argument, (its width_forms tree, the
    # int values of the names in scope where it was built)
    width_forms: dict[str, tuple] = field(default_factory=dict)
    # counts read from a running count (`block(self.inplanes, ...)`, `nn.BatchNorm2d(num_planes)`):
    # per argument, the evaluation of the update that wrote it
    count_read: dict[str, CountUpdate] = field(default_factory=dict)
    # a local model's int attributes a running count's update wrote (`self.inplanes += growth`): per name, that update
    updates: dict[str, CountUpdate] = field(default_factory=dict)
    made: int = field(default_factory=creation_order.__next__, compare=False, repr=False)

    @property
    def label(self) -> str:
        return self.path or self.record.type


@dataclass(frozen=True, slots=True)
class SliceCut:
    """A crop written with numbers in forward() (`residual[:, :, self.k:]`): where it is written,
    the one dim it cuts, its bounds, and the code of the tensor sliced and of each index (`self.k:`),
    so a crop off by a few can be shown with the bound that fits."""

    span: Span
    frame: int  # the call of the function it is written in (Scope.serial): an add there may blame it
    axis: int  # the dim cut, from the left
    bounds: slice  # ints or None, step 1
    sliced: str  # `residual`
    index: tuple[str, ...]  # `:`, `:`, `self.k:`
    position: int  # of the cut dim's slice among them
    lower: str | None  # the code of the cut dim's bounds, None where left out
    upper: str | None


@dataclass(frozen=True, slots=True)
class Tensor:
    """A tensor value in forward(): its shape and where its shape comes from, for messages."""

    shape: Shape
    producer: str = "the input"
    merged: tuple[Dim, ...] | None = None  # factors of the last dim after a flatten/view
    placeholder: bool = False  # the symbolic input, rank not yet known (no --input-shape)
    parameter: bool = False  # made by nn.Parameter: counts as the module's parameters
    field: tuple[int, int] | None = None  # receptive field and jump (effective stride), first spatial dim
    pending: tuple = ()  # a placeholder: the F.pad (padding, mode) pairs applied to the input before its first layer
    # a further input of forward() given no size (`img_B` of `forward(self, img_A, img_B)`): its name,
    # its shape unknown until torch's rules fix it (the layer it reaches, a cat with a known tensor)
    free: str | None = None
    # torch.cat(operands, dim) of inputs whose size is not all known: (dim, the operands), so the layer
    # it reaches, whose width is fixed, settles them
    joined: tuple = ()
    # a torch layer's own weight or bias (`self.weight` in an nn.Conv1d subclass): that layer, where it is built
    owner: "ModuleNode | None" = dataclasses.field(default=None, compare=False)
    # the tensor this one is a piece of, of the same rank (`x[:, :n]`, an item of x.split or x.chunk):
    # a path followed back through the piece reaches the layer that made the whole
    piece_of: "Tensor | None" = dataclasses.field(default=None, compare=False, repr=False)
    # made by a tensor maker whose sizes the call writes out (`torch.zeros((n, c, length))`): that call
    written_at: Span | None = dataclasses.field(default=None, compare=False, repr=False)
    # made by a constructor the user wrote its sizes in (`nn.Parameter(torch.FloatTensor(n, 256))`
    # in __init__): per dim, where its number is written (None where it is not a number of the
    # code's own); kept by nn.Parameter and ops that keep the shape, so a functional layer applying
    # it as its weight (a cosine head's F.linear) is blamed where that number is written
    sizes_written: tuple = dataclasses.field(default=(), compare=False, repr=False)
    # made in a constructor by a tensor maker (`torch.randn(n, dim)`), or an nn.Parameter of one: where
    # that maker is called (a trial may give it other sizes: SIZES_EDIT), else the nn.Parameter call
    made_by: Span | None = dataclasses.field(default=None, compare=False, repr=False)
    # made in a block's constructor from its parameters (`torch.ones(out_ch, in_ch, k, k)`): per dim,
    # (arg_origins entry, names_passed chain) of a parameter passed down unchanged, else None; and the
    # calls that led there. A functional layer applying it is blamed as a layer built there is
    sizes_passed: tuple = dataclasses.field(default=(), compare=False, repr=False)
    built_via: tuple = dataclasses.field(default=(), compare=False, repr=False)
    # the input viewed before its rank is known (`x.view(16, 28 * 27)` of an MLP's images): where that
    # view is, and the numbers its features are written as a product of (28, 27); the view set the
    # features the first Linear is given, so it may be the line to change
    features_written: tuple = dataclasses.field(default=(), compare=False, repr=False)
    # x.squeeze() of sizes that may be 1, its shape unknown: its dims with each of those kept, the shape it
    # has wherever a later op that needs that rank (`.permute(0, 2, 1)` of 3 dims) runs
    squeezed_kept: tuple | None = None
    # made by x.squeeze() of every dim (`torch.squeeze(F.avg_pool2d(x, 4))`): its sides of 1 would have
    # gone, so a pool leaving C x 2 x 2 where the head takes C is the line to change
    squeezed: bool = dataclasses.field(default=False, compare=False, repr=False)
    # a piece cut along one dim by a slice of numbers (`residual[:, :, self.k:]`): that slice
    cut: SliceCut | None = dataclasses.field(default=None, compare=False, repr=False)
    # one of the tensors the paths of a condition not known statically give, its dims where they
    # differ unknown (`if self.downsample: residual = self.down(x)`): each path's tensor
    either: tuple = dataclasses.field(default=(), compare=False, repr=False)
    # a tensor of unknown rank whose last dims are known all the same: what an nn.Linear gives for an
    # input of a shape not followed (`self.head(self.backbone(x))` of a backbone passed in) ends in
    # its out_features whatever that rank, and so does what keeps its shape after it (a norm, a ReLU)
    tail: tuple = ()

    def with_shape(self, shape: Shape, producer: str | None = None, merged: tuple[Dim, ...] | None = None) -> "Tensor":
        return Tensor(shape, producer or self.producer, merged, field=None)

    def piece(self, shape: Shape) -> "Tensor":
        """A piece of this tensor cut along some of its dims, of the same rank: made by what made it."""
        return Tensor(shape, self.producer, field=None, piece_of=self)


@dataclass(frozen=True, slots=True)
class LayerCall:
    """A module (or an F.* op, with a functional node) applied to a tensor in forward()."""

    node: ModuleNode
    input: Tensor
    output: Tensor
    span: Span
    depth: int = 0
    start: int = 0  # calls are recorded as they end; this orders them as they begin (torchinfo's rows)
    speculative: bool = False  # on a path of a condition not known statically: it may not run
    layer: LayerRecord | None = None  # the layer that ran, when not node.record: a lazy layer, sized
    indices: Tensor | None = None  # what a MaxUnpool was given as indices: the shape of its input, or torch refuses
    output_size: tuple | None = None  # a MaxUnpool's output_size=, its spatial entries: within a stride of the default, or torch refuses

    @property
    def record(self) -> LayerRecord:
        """The layer this call ran: node.record, or what a lazy layer became on its first call."""
        return self.layer if self.layer is not None else self.node.record


SETITEM_OP = "x[] ="  # the op recorded for `t[index] = value` where the value surely cannot fill the part (CL107)
INDEX_OP = "x[]"  # the op recorded for an int index past a dim of known size, which torch refuses (CL112)
NO_FORWARD_OP = "no forward"  # the op recorded for a call of a module class with no forward, which torch refuses (CL113)


@dataclass(frozen=True, slots=True)
class TensorOp:
    """view/reshape/flatten/cat/+/*: `problem` says why torch would refuse it, if it would."""

    op: str
    operands: tuple[Tensor, ...]
    result: Tensor
    span: Span
    problem: str | None = None
    detail: dict = field(default_factory=dict)
    start: int = 0  # position among the calls, as they begin
    speculative: bool = False  # on a path of a condition not known statically: it may not run


@dataclass(slots=True)
class Unresolved:
    """A statement or value the evaluator could not follow, kept for --verbose coverage."""

    span: Span
    why: str


def reached(node: ModuleNode, called: set[int]) -> bool:
    """Whether the module, or a module inside it, is among the called ones (ids)."""
    return id(node) in called or any(child is not None and reached(child, called) for child in node.children.values())


@dataclass(frozen=True, slots=True)
class InputSource:
    """Where a model's input size came from: "flag", "config", "comment", or a hint in the code
    ("call", "torchinfo", "dataloader"...), with its file, line and source text."""

    kind: str
    line: int | None = None
    path: str | None = None  # the file of a hint found in another file of the project
    text: str | None = None  # the hinting code, as shown in messages
    more: tuple = ()  # the shapes of further inputs the code feeds (`netD(img_A, img_B)`)
    uncalled: str | None = None  # the function holding the hint, which nothing in its file calls

    def describe(self) -> str:
        if self.kind == "flag":
            return ""
        if self.kind == "config":
            return " from the configuration"
        if self.kind == "comment":
            return f" from the comment on line {self.line}"
        if self.line is None:  # a size the code states, not a line of it (`img_size=(..., 64, 64)`)
            return f" from {self.text}"
        where = f"{self.path} line {self.line}" if self.path else f"line {self.line}"
        if self.kind == "package":  # the data a script feeds another model of the same package
            return f" from {where}: {self.text}, as for every model of this package"
        return f" from {where}: {self.text}"


# What a path that raises "returns": code after `if bad: raise ...` runs for sure when it runs at all
RAISES = Unknown("the path raises")


@dataclass(slots=True)
class ModelAnalysis:
    name: str
    span: Span
    root: ModuleNode | None = None
    input_shape: Shape | None = None  # None: symbolic
    input_source: InputSource | None = None  # where input_shape came from (None: symbolic)
    input: Tensor | None = None
    output: object = None
    calls: list[LayerCall] = field(default_factory=list)
    ops: list[TensorOp] = field(default_factory=list)
    constructed: list[ModuleNode] = field(default_factory=list)  # every module made, in order
    unresolved: list[Unresolved] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)  # values taken on an assumption (argparse defaults)
    internal_error: str | None = None
    stopped: str | None = None  # the step budget ran out: not followed to its end, so no findings
    failed_assert: Span | None = None  # the first assert that surely runs and fails: torch stops there
    forward_span: Span | None = None  # the `def forward` of the model, when it has one
    forward_abstract: bool = False  # forward() is an @abstractmethod: the subclasses' forward is the model's
    touched: set = field(default_factory=set)  # ids of modules forward() reads as attributes
    uncounted_loops: int = 0  # loops of a count not known followed for a step: how often their layers run is unknown
    untaken: set = field(default_factory=set)  # ids of modules named in branches forward() skips (self.training)
    rerun: object = None  # shape -> ModelAnalysis: the same model's forward() on another input
    training_run: "ModelAnalysis | None" = None  # forward() again with self.training true, when it reads it
    # forward() again with its optional inputs (`y=None`) given or not, run when the first run found an
    # error: one only the None path meets (a class-conditional critic sized for its labels) is not reported
    optional_run: "Callable[[], ModelAnalysis] | None" = None
    # an input whose rank an nn.Linear first layer chose (N, D): the model run on a sequence (N, L, D)
    # instead, made when asked; an error only (N, D) meets is not one of the model's
    sequence_run: "Callable[[], ModelAnalysis] | None" = None
    # further inputs an nn.Linear took as (M, features) (a style code, a condition vector): name ->
    # in_features; the model run with each a sequence (M, L, features) instead, made when asked
    free_ranks_assumed: dict = field(default_factory=dict)
    free_sequence_run: "Callable[[], ModelAnalysis] | None" = None
    # built by a construction the code never feeds an input (`net = Block(3, 32, 128)`, then only
    # `print(net)`; at `uncalled_at`): the file's models analysed as if nothing built its class, made
    # when asked; an error only these arguments meet is none of the code that runs
    unbuilt_run: "Callable[[], list[ModelAnalysis]] | None" = None
    uncalled_at: Span | None = None
    # optional constructor parameters every call of this block in the file gives: its analysis on
    # its own used their defaults (`stride=1` where the file always passes 2)
    defaults_never_used: tuple[str, ...] = ()
    # analysed at its defaults, some of which only hold a place for what callers give (`anchors=()`
    # of a YOLO head built from a config): {parameter: default as written}; `placeholder_run` gives,
    # when asked, the file's models analysed again with those unknown: an error only the
    # placeholders meet is not reported
    placeholder_defaults: dict[str, str] = field(default_factory=dict)
    placeholder_reads: dict = field(default_factory=dict)  # {parameter: spans of the statements reading it}
    placeholder_run: "Callable[[], list[ModelAnalysis]] | None" = None
    # built again with each loop an argument nothing supplies counts (`range(n_block)`) run
    # 1 to 6 times: ({parameter: value}, the analysis); an error in all of them is reported
    count_trials: list = field(default_factory=list)
    # a block its models build, whose loops count an argument they pass: built again with each such
    # loop run once, made when asked (the block on its own, as a witness of its own wiring), or None
    counted_once_run: "Callable[[], ModelAnalysis | None] | None" = None
    # how many of `calls` the constructor made (a size probe `self.conv1(torch.zeros(1, 1, h, w))`
    # in __init__): checked, but not rows of the summary, which torchinfo fills from forward() only
    construction_calls: int = 0
    # a model nothing builds, built again with each value its code names for an argument
    # (`dataset='cifar10'`, `bottleneck=True`): [({parameter: value}, analysis, its count trials)]
    value_trials: list = field(default_factory=list)
    table_keyed: frozenset = frozenset()  # parameters of value_trials that pick a row of a table (`cfg[name]`)
    # required parameters whose every value the constructor states (`assert depth in cfg`), each tried in
    # value_trials: {parameter: (the values, the code that states them, those the code also names)}
    stated_domains: dict = field(default_factory=dict)
    # built by the code with a key of a table its constructor indexes (`VGG('VGG11')`, `cfg[vgg_name]`):
    # (the parameter, the key, {key: the Span its row is written at}), and the model built with another row
    table_row: tuple | None = None
    other_row: "Callable[[str], ModelAnalysis] | None" = None
    # the model built again with values in place of arguments its code writes ({span: value}, a
    # call's `use_1x1conv=False` tried with True; an EachBuilt value per evaluation of the span) and
    # run on the same input: a trial edit
    edited_run: "Callable[[dict], ModelAnalysis] | None" = None
    # parameters with a default among those its value trials set (`backbone='resnet50'` beside a
    # default 'resnet18'): a configuration the code names that only such values make fail is one the
    # model at its defaults does not need
    defaulted_named: frozenset = frozenset()
    unsettled_reads: bool = False  # the symbolic input's sizes were read before its rank was known
    # a layer that keeps the rank ran on the symbolic input before its rank was known (an nn.Upsample of a
    # pre-upsampling net): its output stood for the input, resized once a layer told the rank
    resized_unsettled: bool = False
    # tensors an activation was applied to in place of a new one (F.relu(t) is t, so that CL107 follows
    # a path back through it): by id, so CL206 sees the activation between a conv and its norm
    activated: set[int] = field(default_factory=set)
    rank_assumed: bool = False  # the symbolic input's rank chosen by a first layer that takes any (nn.Linear)
    indices_assumed: bool = False  # ... by an nn.Embedding: a batch of sequences of token ids (N, L)
    # for an input an nn.Embedding made (N, L): the model run on one sequence (L,) instead, made when asked
    indices_run: "Callable[[], ModelAnalysis] | None" = None
    # the input's rank read before a layer set it (`if x.dim() == 2: x = x.unsqueeze(-1)`): the rank that
    # run settled on came from a branch taken on a guess; the dims the first layer takes as they come
    rank_read: bool = False
    # the input's own sizes unpacked into this many names before a layer set its rank (`b, c, h, w =
    # x.shape`): Python unpacks no other rank, so where no layer sets one, the input has this one
    unpacked_rank: int | None = None
    squeezed: list = field(default_factory=list)  # (symbolic dim, node) of each x.squeeze(d) left unknown
    # (span, sizes) of each view of the symbolic input to sizes written out (`x.view(x.size(0), 3, 66,
    # 320)` first thing in forward): the sizes every input has past it, or torch stops at the view
    input_viewed: list = field(default_factory=list)
    # (symbolic dim, int, node) of each `assert h == 1` on a size not known, that surely runs: torch
    # runs past it only at the input sizes that make the dim that int
    asserted: list = field(default_factory=list)
    # the first tensor op that surely runs and that torch refuses whatever the sizes (a permute naming
    # another number of axes than the tensor has): the run stops there
    refused: Span | None = None
    # the failed assert's size, where it compares a tensor's dim with an int (`b, c, h, w = x.size();
    # assert h == 1`): (the tensor, the axis, the int it needs, the assert's span)
    failed_size: tuple | None = None
    # the failed assert's condition as written and the known values of the names it reads
    # (`C % num_groups == 0`, `C is 320, num_groups is 48`), where they were read
    failed_condition: tuple | None = None
    # the symbolic input's channels taken from the first conv or batch norm that reads them (a pad first):
    # the block's own layer sized its input, so its calls say nothing of what other callers pass
    channels_inferred: bool = False
    first_layer_input: tuple | None = None
    free_inputs: dict = field(default_factory=dict)  # a further input given no size -> its shape as far as settled
    # a further input forward() compares with constants (`if scale == 2:`, here or in a block it is passed
    # to): name -> the constants; forward_bound: the value each is given in a run of forward() with
    # one of them (forward_trials: [(name, value, that run)]), each branch checked as written
    forward_compared: dict = field(default_factory=dict)
    forward_bound: dict = field(default_factory=dict)
    forward_trials: list = field(default_factory=list)
    # a class nothing builds whose code tests a whole-number parameter against its default (`if stride
    # != 1:`): [(name, default, the line testing it, [(value, that build)])], a few values other than
    # the default, whose shared errors hold for the callers giving one (pipeline._for_other_values)
    other_value_trials: list = field(default_factory=list)
    built_with: dict | None = None  # the constructor arguments the file's code gives, as JSON (for --confirm)
    # items of tuple assignments that bound a name (`inp, outp, stride = input_channel // 2, ...`): an
    # argument list computed ahead of its call, where a count is written as much as in the call
    unpacked: set = field(default_factory=set)
    argument_symbols: tuple[str, ...] = ()  # required constructor arguments nothing gives, kept as symbols
    # required arguments built with the one block class every call of the file passes for them:
    # ("block=BasicBlock, as `resnet20` passes it (line 114)",), what each finding holds with
    passed_classes: tuple[str, ...] = ()

    @property
    def further_inputs(self) -> tuple:
        """The shapes of forward's further inputs fed beside input_shape (`net(img_A, img_B)`, or
        `--input-shape 'Net=2,3,64,64;2,3,64,64'`), in order; () without an input shape."""
        if self.input_source is None or self.input_shape is None:
            return ()
        return self.input_source.more

    def unfollowed(self) -> list[ModuleNode]:
        """Modules forward() reads but the analysis never saw called (a comprehension over an
        unknown, a while loop): how often they run is unknown, so are the model's costs."""
        called = {id(call.node) for call in self.calls}
        return [node for node in self.modules() if id(node) in self.touched and not reached(node, called)]

    def certain(self) -> "ModelAnalysis":
        """The analysis as the checks see it: only what surely runs. A layer called on a path
        that may not run is used (no unused-layer warning) but can be no one's error."""
        if not any(c.speculative for c in self.calls) and not any(o.speculative for o in self.ops):
            return self
        maybe_called = {id(c.node) for c in self.calls if c.speculative}
        return replace(self, calls=[c for c in self.calls if not c.speculative],
                       ops=[o for o in self.ops if not o.speculative], touched=self.touched | maybe_called)

    def record_of(self, node: ModuleNode) -> LayerRecord:
        """The layer a module is after this forward pass: its record, or for a lazy layer what its
        first call made it (torch swaps LazyLinear for Linear), unless that call may not run."""
        if not field_of(node.record, "lazy", False):
            return node.record
        calls = [c for c in self.calls if c.node is node]
        if not calls:
            return node.record
        first = min(calls, key=lambda call: call.start)
        return first.record if not first.speculative else node.record

    def calls_in_order(self) -> list[LayerCall]:
        """Calls in the order they begin: a container before its children, as torchinfo lists them."""
        return sorted(self.calls, key=lambda call: call.start)

    def modules(self) -> list[ModuleNode]:
        """Non-root modules in named_modules() order (each module once)."""
        out: list[ModuleNode] = []
        seen: set[int] = set()

        def walk(node: ModuleNode) -> None:
            for child in node.children.values():
                if child is None or id(child) in seen:
                    continue
                seen.add(id(child))
                out.append(child)
                walk(child)

        if self.root is not None:
            seen.add(id(self.root))
            walk(self.root)
        return out


def assign_paths(root: ModuleNode) -> None:
    """Name every module as torch's named_modules() does: first path wins for shared modules."""
    seen: set[int] = {id(root)}

    def walk(node: ModuleNode, prefix: str) -> None:
        for name, child in node.children.items():
            if child is None or id(child) in seen:
                continue
            seen.add(id(child))
            child.path = f"{prefix}{name}"
            walk(child, f"{child.path}.")
        for name, value in node.attrs.items():
            # one of several modules by a condition not known statically (`nn.Conv1d(...) if n_in !=
            # n_out else None`): each the child of that name on the path that sets it
            for choice in getattr(value, "choices", ()) if isinstance(value, Unknown) else ():
                if isinstance(choice, ModuleNode) and not choice.functional and id(choice) not in seen:
                    seen.add(id(choice))
                    choice.path = f"{prefix}{name}"
                    walk(choice, f"{choice.path}.")

    root.path = ""
    walk(root, "")


def is_unknown(value: object) -> bool:
    return isinstance(value, Unknown)
