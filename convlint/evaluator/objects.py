"""Values the interpreter handles besides numbers, strings, tuples, lists and dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from convlint.values import Sym, Unknown, creation_order


@dataclass(frozen=True, slots=True)
class TorchRef:
    """A name inside torch (`torch.nn.Conv2d`, `torch.flatten`), by qualified name."""

    qualified: str

    def attribute(self, name: str) -> "TorchRef":
        return TorchRef(f"{self.qualified}.{name}")


@dataclass(eq=False, slots=True)
class LocalFunction:
    node: cst.FunctionDef
    scope: Any  # the Scope it closes over
    name: str = ""
    kind: str = ""  # "classmethod", "staticmethod" or "property" (from its decorator), else ""

    def flag_defaults(self) -> dict[str, bool]:
        """Its parameters whose default is a literal True or False (`use_1x1conv=False`): flags."""
        params = self.node.params
        return {p.name.value: p.default.value == "True" for p in (*params.posonly_params, *params.params,
                                                                  *params.kwonly_params)
                if isinstance(p.default, cst.Name) and p.default.value in ("True", "False")}

    def unread_parameters(self) -> set[str]:
        """Its parameters its body never reads (`stride` of a block whose convs all left it out)."""
        params = self.node.params
        names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}

        class Reads(cst.CSTVisitor):
            def visit_Name(self, node: cst.Name) -> None:
                names.discard(node.value)

        self.node.body.visit(Reads())
        return names

    def parameter_names(self) -> list[str]:
        """Its positional parameters in order, `self` included."""
        params = self.node.params
        return [p.name.value for p in (*params.posonly_params, *params.params)]

    @staticmethod
    def kind_of(node: cst.FunctionDef) -> str:
        for decorator in node.decorators:
            target = decorator.decorator
            name = target.value if isinstance(target, cst.Name) else getattr(getattr(target, "attr", None), "value", "")
            if name in ("classmethod", "staticmethod", "property", "cached_property"):
                return "property" if name == "cached_property" else name
        return ""


@dataclass(eq=False, slots=True)
class LocalLambda:
    """`lambda x: F.pad(x[:, :, ::2, ::2], ...)`: called like a function, its body one expression."""

    node: cst.Lambda
    scope: Any


@dataclass(eq=False, slots=True)
class LocalClass:
    node: cst.ClassDef
    scope: Any
    bases: list = field(default_factory=list)  # evaluated base values
    namespace: dict = field(default_factory=dict)  # class-level names (methods, constants)
    name: str = ""

    def mro(self) -> list["LocalClass"]:
        order: list[LocalClass] = []

        def visit(cls: LocalClass) -> None:
            if cls in order:
                return
            order.append(cls)
            for base in cls.bases:
                if isinstance(base, LocalClass):
                    visit(base)

        visit(self)
        return order

    def lookup(self, name: str, after: "LocalClass | None" = None) -> Any:
        """A class attribute through the local MRO (after `after`, for super())."""
        classes = self.mro()
        if after is not None and after in classes:
            classes = classes[classes.index(after) + 1 :]
        for cls in classes:
            if name in cls.namespace:
                return cls.namespace[name]
        return _MISSING

    def forward_method(self) -> Any:
        """What calling an instance of this module class runs: its forward(), or, where no class of
        it defines one, a `def __call__(self, x)` written in its place (nn.Module's own __call__ is
        overridden, so torch runs that method). A __call__ reading forward or super() (a hook that
        hands on to nn.Module.__call__) is not taken for the forward."""
        forward = self.lookup("forward")
        if forward is not _MISSING:
            return forward
        call = self.lookup("__call__")
        if not isinstance(call, LocalFunction) or call.kind or _reads_forward_or_super(call.node):
            return _MISSING
        return call

    def forward_owner(self) -> "LocalClass | None":
        """The class forward_method() was found on."""
        name = "forward" if self.lookup("forward") is not _MISSING else "__call__"
        return next((c for c in self.mro() if name in c.namespace), None)

    def torch_bases(self) -> list[TorchRef]:
        return [b for cls in self.mro() for b in cls.bases if isinstance(b, TorchRef)]


@dataclass(eq=False, slots=True)
class BoundMethod:
    function: LocalFunction
    receiver: Any
    owner: LocalClass | None = None  # the class the method was found on (for super())


@dataclass(frozen=True, slots=True)
class Builtin:
    name: str


@dataclass(eq=False, slots=True)
class SuperProxy:
    receiver: Any
    after: LocalClass


@dataclass(eq=False, slots=True)
class MethodOf:
    """A method of a value the interpreter implements itself (list.append, x.view)."""

    receiver: Any
    name: str


@dataclass(eq=False, slots=True)
class Partial:
    """functools.partial(function, *args, **kwargs): arguments bound ahead of the call."""

    function: Any
    args: tuple
    kwargs: dict
    # where the partial's call writes each argument it binds: by position (an int) or keyword
    written: dict = field(default_factory=dict)
    # each argument it binds as a call's argument source (by position or keyword, as `written`), and
    # the function call that wrote the partial: a layer its function builds is traced back to there
    sources: dict = field(default_factory=dict)
    frame: Any = None


@dataclass(eq=False, slots=True)
class Instance:
    """An instance of a local class that is not an nn.Module."""

    cls: LocalClass
    attrs: dict = field(default_factory=dict)
    made: int = field(default_factory=creation_order.__next__, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ArgumentParts:
    """A required argument nothing supplies, built again with some of its parts given
    (`args.n_resblocks` counting a loop 1, 2, 3... times): each part given is that value, every
    other part its own symbol (`args.n_feats`)."""

    name: str
    given: dict = field(default_factory=dict, hash=False)

    def part(self, key: str | int) -> Any:
        from convlint.values import Sym

        path = f"{self.name}.{key}" if isinstance(key, str) else f"{self.name}[{key}]"
        if path in self.given:
            return self.given[path]
        if any(p.startswith((f"{path}.", f"{path}[", f"{path}(")) for p in self.given):
            return ArgumentParts(path, self.given)  # (`name.split` of `name.split('-')[1]`)
        return Sym(path)

    def called(self, separator: str | None) -> ArgumentParts | Any:
        """`name.split("-")` where some of its pieces are given: the pieces, as parts."""
        from convlint.symbolic import pieces_of_argument
        from convlint.values import Sym

        path = pieces_of_argument(Sym(self.name), separator).base
        if path in self.given:
            return self.given[path]
        return ArgumentParts(path, self.given) if any(p.startswith(f"{path}[") for p in self.given) else Sym(path)


@dataclass(eq=False, slots=True)
class AttributeBag:
    """A configuration object of attributes (`cfg = EasyDict(); cfg.GAN = EasyDict(); cfg.GAN.DF_DIM =
    64`; SimpleNamespace, yacs' CfgNode, argparse.Namespace(...)): what the code sets on it. A
    method not modelled (`merge_from_file`, `update`) may change anything: every value unknown."""

    kind: str
    attrs: dict = field(default_factory=dict)
    spoiled: str | None = None  # why any attribute, set or not, may now be anything
    made: int = field(default_factory=creation_order.__next__, compare=False, repr=False)


@dataclass(eq=False, slots=True)
class RecordType:
    """A namedtuple class: one collections.namedtuple / typing.NamedTuple("X", [...]) makes (DARTS'
    `Genotype = namedtuple('Genotype', 'normal normal_concat reduce reduce_concat')`), or a class
    deriving from typing.NamedTuple or from such a class (`cls`, whose methods its instances have).
    An instance is a NamedRecord. Its defaults, for the last fields, come from `defaults=`, the
    class body, or `Cls.__new__.__defaults__ = (None,) * n` (EfficientNet's BlockArgs); None where
    they were set to something not known."""

    name: str
    fields: tuple[str, ...]
    defaults: tuple | None = ()
    cls: Any = None  # the LocalClass of `class Meta(NamedTuple)`
    made: Any = field(default=None, repr=False)  # the NamedRecord subclass of its instances

    def instance(self, values: Any) -> "NamedRecord":
        if self.made is None:
            self.made = type(self.name, (NamedRecord,), {"__slots__": (), "kind": self})
        return self.made(values)


class NamedRecord(tuple):
    """An instance of a namedtuple class: a tuple (indexed, unpacked, iterated, measured) whose
    items are also its fields. Each RecordType has its own subclass, so `type(v)(items)` keeps it."""

    __slots__ = ()
    kind: RecordType

    def field(self, name: str) -> Any:
        return self[self.kind.fields.index(name)]

    def as_dict(self) -> dict:
        return dict(zip(self.kind.fields, self))

    def __repr__(self) -> str:
        return f"{self.kind.name}({', '.join(f'{k}={v!r}' for k, v in zip(self.kind.fields, self))})"

    def __copy__(self) -> "NamedRecord":
        return self

    def __deepcopy__(self, memo: dict) -> "NamedRecord":
        import copy

        return type(self)(copy.deepcopy(v, memo) for v in self)

    def __reduce__(self):
        return tuple, (tuple(self),)  # a cached result keeps the items; its class is the run's own


@dataclass(frozen=True, slots=True)
class RecordConstructor:
    """`Cls.__new__` of a namedtuple class: what its `__defaults__` are set on."""

    kind: RecordType


RECORD_METHODS = frozenset({"_replace", "_asdict"})


def record_type(args: list, kwargs: dict) -> "RecordType | None":
    """The class `namedtuple(name, 'a b')` / `namedtuple(name, ['a', 'b'], defaults=(...))` makes,
    or None where its name, fields or defaults are not known (or it renames fields)."""
    name = args[0] if args else kwargs.get("typename")
    fields = args[1] if len(args) > 1 else kwargs.get("field_names")
    if len(args) > 2 or set(kwargs) - {"typename", "field_names", "defaults", "module", "rename"} \
            or kwargs.get("rename", False) is not False or not isinstance(name, str):
        return None
    if isinstance(fields, str):
        fields = fields.replace(",", " ").split()
    return _record_type(name, fields, kwargs.get("defaults"))


def typed_record_type(args: list, kwargs: dict) -> "RecordType | None":
    """The class `typing.NamedTuple("X", [("a", int), ("b", int)])` or `NamedTuple("X", a=int, b=int)`
    makes (no defaults), or None where its name or fields are not known."""
    if not args or not isinstance(args[0], str) or len(args) > 2 or (len(args) == 2 and kwargs):
        return None
    if len(args) == 1:
        return _record_type(args[0], list(kwargs), None)
    pairs = args[1]
    if not isinstance(pairs, (list, tuple)) or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in pairs):
        return None
    return _record_type(args[0], [p[0] for p in pairs], None)


def _record_type(name: str, fields: Any, defaults: Any) -> "RecordType | None":
    if not isinstance(fields, (list, tuple)) or not all(isinstance(f, str) and f.isidentifier() for f in fields) \
            or len(set(fields)) != len(fields):
        return None
    made = RecordType(name, tuple(fields))
    return made if set_record_defaults(made, defaults) else None


def set_record_defaults(kind: RecordType, defaults: Any) -> bool:
    """namedtuple's defaults, for its last fields: False (and none usable) where they are not a
    known tuple or list no longer than the fields, as Python refuses or a value not known."""
    if defaults is None:
        kind.defaults = ()
        return True
    if isinstance(defaults, (tuple, list)) and len(defaults) <= len(kind.fields):
        kind.defaults = tuple(defaults)
        return True
    kind.defaults = None
    return False


def record_of(kind: RecordType, args: list, kwargs: dict) -> "NamedRecord | None":
    """An instance of a namedtuple class: its fields, given by position or name, the rest their
    defaults; None where they do not bind as Python binds them."""
    defaults = dict(zip(kind.fields[len(kind.fields) - len(kind.defaults):], kind.defaults)) \
        if kind.defaults is not None else {}
    given = {**dict(zip(kind.fields, args)), **kwargs}
    if len(args) > len(kind.fields) or set(kwargs) - set(kind.fields) or \
            set(kind.fields[:len(args)]) & set(kwargs) or set(kind.fields) - set(given) - set(defaults):
        return None
    return kind.instance(given[field] if field in given else defaults[field] for field in kind.fields)


def record_method(record: NamedRecord, name: str, args: list, kwargs: dict) -> Any:
    """`args._replace(stride=1)` (a new instance, those fields changed) and `args._asdict()` of a
    namedtuple instance; Unknown where Python would raise."""
    if name == "_replace" and not args and set(kwargs) <= set(record.kind.fields):
        return record.kind.instance(kwargs.get(f, v) for f, v in zip(record.kind.fields, record))
    if name == "_asdict" and not args and not kwargs:
        return record.as_dict()
    return Unknown(f"{record.kind.name}.{name} of these arguments")


def record_class_attribute(kind: RecordType, name: str) -> Any:
    """`Cls._fields`, `Cls._field_defaults`, `Cls.__new__` of a namedtuple class; MISSING for another."""
    if name == "_fields":
        return kind.fields
    if name == "_field_defaults":
        return dict(zip(kind.fields[len(kind.fields) - len(kind.defaults):], kind.defaults)) \
            if kind.defaults is not None else Unknown("namedtuple defaults")
    if name == "__new__":
        return RecordConstructor(kind)
    return _MISSING


# classes whose instances are bags of attributes, by qualified name; those that are dicts too
# (EasyDict, CfgNode, ...) make a nested dict given to them a bag as well
ATTRIBUTE_BAGS = {
    "types.SimpleNamespace": False, "argparse.Namespace": False, "easydict.EasyDict": True,
    "yacs.config.CfgNode": True, "ml_collections.ConfigDict": True, "ml_collections.config_dict.ConfigDict": True,
    "addict.Dict": True, "addict.addict.Dict": True, "munch.Munch": True, "attrdict.AttrDict": True,
}
BAG_METHODS_KEEPING = frozenset({"freeze", "defrost", "immutable", "is_frozen"})
BAG_METHODS = BAG_METHODS_KEEPING | {"clone", "copy", "get", "merge_from_file", "merge_from_list", "merge_from_other_cfg",
                                     "update", "setdefault", "pop", "keys", "items", "values", "to_dict", "dump",
                                     "load_cfg_from_cfg_file", "register_deprecated_key", "register_renamed_key"}


def attribute_bag(qualified: str, args: list, kwargs: dict) -> "AttributeBag | None":
    """The bag `EasyDict({...}, k=v)` / `SimpleNamespace(**kw)` makes, or None where what it is given
    is not known."""
    nests = ATTRIBUTE_BAGS[qualified]
    if len(args) > 1 or (args and not (isinstance(args[0], dict) and nests)) or any(
            not isinstance(k, str) for k in kwargs):
        return None
    given = {**(args[0] if args else {}), **kwargs}
    if not all(isinstance(k, str) for k in given):
        return None
    kind = qualified.rsplit(".", 1)[-1]
    return AttributeBag(kind, {k: _nested_bag(kind, v) if nests else v for k, v in given.items()})


def _nested_bag(kind: str, value: Any) -> Any:
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return AttributeBag(kind, {k: _nested_bag(kind, v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return type(value)(_nested_bag(kind, v) for v in value)
    return value


def copied_bag(bag: AttributeBag) -> AttributeBag:
    """`cfg.clone()` / copy.deepcopy(cfg): the bags inside copied too."""
    return AttributeBag(bag.kind, {k: copied_bag(v) if isinstance(v, AttributeBag) else v
                                   for k, v in bag.attrs.items()}, bag.spoiled)


def spoil_bag(bag: AttributeBag, why: str) -> None:
    bag.attrs = {k: Unknown(why) for k in bag.attrs}
    bag.spoiled = why


def bag_value(bag: AttributeBag, name: str) -> Any:
    if name in bag.attrs:
        return bag.attrs[name]
    return Unknown(bag.spoiled or f"{name} is not set on this {bag.kind}")


@dataclass(eq=False, slots=True)
class AutogradContext:
    """The ctx of a torch.autograd.Function's forward: the attributes forward sets on it; its
    methods (save_for_backward, mark_dirty, ...) keep tensors for backward and return None."""

    attrs: dict = field(default_factory=dict)
    made: int = field(default_factory=creation_order.__next__, compare=False, repr=False)


AUTOGRAD_CONTEXT_METHODS = frozenset(
    "save_for_backward save_for_forward mark_dirty mark_non_differentiable set_materialize_grads".split())


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING = _Missing()
MISSING = _MISSING


@dataclass(frozen=True, slots=True, eq=False)
class Alternatives(Unknown):
    """One of several modules or functions, chosen by a condition not known statically
    (`self.bottleneck = nn.Conv1d(...)` if in_channels > 1, else a pass-through function):
    unknown for everything but a call, which follows each and keeps what they agree on."""

    choices: tuple = ()


@dataclass(frozen=True, slots=True, eq=False)
class UncountedRange(Unknown):
    """`range(T)` of a count not known statically (T a size of the input, `range(seq_len)`):
    unknown as a value; a for loop over it follows its body for one step of any index when the
    count is surely at least 1 (`steps`, a symbolic size), joining what the steps carry."""

    steps: object = None


@dataclass(frozen=True, slots=True, eq=False)
class UnknownNumber(Unknown):
    """A Python number not known statically, made from sizes and numbers with arithmetic,
    float(), int() or math (`1.0 / x.size(2)`, `(n - 1) / float(n)`, `d ** -0.5`): unknown for
    every use but one, a tensor combined with it, which keeps the tensor's shape as a known
    number does. A value of any other origin may be a tensor, and stays a plain Unknown."""


@dataclass(frozen=True, slots=True, eq=False)
class LoopIndex(UnknownNumber):
    """The index of a step of `for t in range(T)`, T not known: an int from 0 to T-1, not known;
    `x[:, t]` drops the dim it indexes, as any int does."""


def a_number(value: object) -> bool:
    """A Python number, known or not: an int, a float, a symbolic size, an UnknownNumber, a
    numpy scalar (np.ceil(n); a tensor combined with one keeps its shape as with a float)."""
    return isinstance(value, (int, float, Sym, UnknownNumber, NumpyScalar))


@dataclass(frozen=True, slots=True, eq=False)
class Quotient(UnknownNumber):
    """A symbolic size divided by a positive int with `/` (`n = (depth - 4) / 3`): a float not
    known, until int() or math.floor() makes it the floor of the two, floor((depth - 4) / 3)."""

    numerator: object = None
    denominator: int = 1


@dataclass(frozen=True, slots=True, eq=False)
class FloatMultiple(UnknownNumber):
    """A width of constructor arguments times a float that is no small dyadic ratio (`v * planes`,
    v = 0.2): a float not known, until int() makes it a whole number of its own, the same one
    wherever the same float times the same width is truncated (symbolic.truncated_multiple). Not a
    ratio: int(0.29 * 100) is 28, not floor(29 * 100 / 100)."""

    size: object = None
    factor: float = 1.0


@dataclass(frozen=True, slots=True, eq=False)
class Logarithm(UnknownNumber):
    """math.log(n, 2), math.log2(n) or np.log2(n) of a constructor argument nothing supplies, or of
    it divided by a power of the base: a float not known, until int() or math.floor() makes it a
    count of its own (`int(math.log(scale, 2))` upsamplers, one per octave; `int(np.log2(size /
    4))` generators, one block per octave above 4x4), which the model is built again with
    (symbolic.logarithm_symbol, plus the offset: floor(x + j) is floor(x) + j for a whole j)."""

    argument: str = ""
    base: int = 2
    offset: int = 0  # log_base(argument) + offset: `np.log2(size / 4)` is log2(size) - 2


@dataclass(frozen=True, slots=True, eq=False)
class NumpyScalar(Unknown):
    """np.ceil(n) of an int n: the value n, a float64 in numpy 1.x and an int64 in numpy 2.x, so
    unknown for every use but those that make its type plain (int(), .astype(int))."""

    value: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class ArgumentCall(Unknown):
    """What a call of a required argument nothing gives makes (`activation()` of `activation:
    Type[nn.Module]`, `norm_layer(c)`): a module, perhaps, of a class not known, so its effect on
    a shape is not known either (nn.Flatten() is called as nn.ReLU() is). Unknown for every use;
    the argument is kept to say which one to give where a tensor meets it."""

    argument: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class OptionalInput(Unknown):
    """An optional forward() input (`mask=None`), given or not, in the run that tells apart what
    only leaving it None breaks: taken to broadcast to the map it is combined with (a mask, a
    gate), so the paths after it keep their shapes where nothing else changes them."""


@dataclass(frozen=True, slots=True, eq=False)
class RepeatedList(Unknown):
    """`[x] * n` of a count not known statically (a constructor argument, `x.size(0)`): unknown for
    every use but torch.stack and torch.cat, whose new or joined dim is n times the items (a
    capsule layer's `torch.stack([x] * self.out_capsules, dim=2)`)."""

    items: tuple = ()
    count: object = None


@dataclass(frozen=True, slots=True, eq=False)
class PerhapsSet(Alternatives):
    """A module that one path of a condition not known statically set and another did not
    (`if self.supervised: self.dropout = nn.Dropout(0.5)`). Unknown for hasattr() and every other
    use, but a call is that module's: where it is not set, the call raises and nothing follows."""


ENUM_BASES = frozenset({"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag"})


@dataclass(frozen=True, eq=False, slots=True)
class EnumClass:
    """`NormType = Enum('NormType', 'Batch BatchZero Weight')`, the functional API: its members."""

    name: str
    members: tuple  # EnumMember, in order


def functional_enum(args: list, kwargs: dict) -> "EnumClass | None":
    """Enum(name, names) with names a string ('A B', 'A, B'), a list of names or of (name, value)
    pairs, or a dict; values 1, 2, ... where not given, as enum.Enum numbers them."""
    if len(args) != 2 or kwargs or not isinstance(args[0], str):
        return None
    names = args[1]
    if isinstance(names, str):
        pairs = [(name, index) for index, name in enumerate(names.replace(",", " ").split(), 1)]
    elif isinstance(names, dict):
        pairs = list(names.items())
    elif isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names):
        pairs = [(name, index) for index, name in enumerate(names, 1)]
    elif isinstance(names, (list, tuple)) and all(isinstance(n, tuple) and len(n) == 2 for n in names):
        pairs = [tuple(n) for n in names]
    else:
        return None
    if not pairs or not all(isinstance(name, str) for name, _ in pairs):
        return None
    return EnumClass(args[0], tuple(EnumMember(args[0], name, value) for name, value in pairs))


@dataclass(frozen=True, eq=False, slots=True)
class EnumMember:
    """`ConfigType.RES8` of a plain Enum class of the project: its .name and .value (honk's
    `_configs = {ConfigType.RES8.value: {...}}`); equal to no value, only to itself."""

    owner: str
    name: str
    value: Any

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EnumMember) and (self.owner, self.name) == (other.owner, other.name)

    def __hash__(self) -> int:
        return hash((self.owner, self.name))


def _reads_forward_or_super(node: cst.FunctionDef) -> bool:
    """Whether a method's body names `forward` or calls super()."""
    found = False

    class Reads(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            nonlocal found
            found = found or name.value in ("forward", "super")

        def visit_Attribute(self, attribute: cst.Attribute) -> None:
            nonlocal found
            found = found or attribute.attr.value == "forward"

    node.body.visit(Reads())
    return found
