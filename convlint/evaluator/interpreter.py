"""The abstract interpreter: runs `__init__` over numbers, tuples, lists and layer records, and
`forward` over tensor shapes, on the libcst tree. Nothing of the user's code is executed.

Whatever it cannot know becomes Unknown and flows on; it never guesses."""

from __future__ import annotations

import ast
import copy
import math
import functools
import re
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import libcst as cst
from pydantic import ValidationError

from convlint import layers, shapes, symbolic
from convlint.symbolic import INPUT_SYMBOLS, can_equal, is_width
from convlint.diagnostics import Span
from convlint.evaluator import (argparse_model, distributions, folding, known_tensors, module_parameters,
                                name_patterns, regex, reparametrize, sys_path, tensor_ops, torch_api, width_forms)
from convlint.evaluator.imports import Deferred, ModuleValue, ProjectImports, standin
from convlint.evaluator.known_tensors import KnownTensor
from convlint.evaluator.missing_forward import surely_without_forward
from convlint.evaluator.module_namespace import ModuleGlobals, bind, is_own_module, namespace_forms
from convlint.evaluator.star_exports import star_exports_may_bind
from convlint.evaluator.objects import (
    ATTRIBUTE_BAGS,
    AUTOGRAD_CONTEXT_METHODS,
    BAG_METHODS,
    BAG_METHODS_KEEPING,
    Alternatives,
    ArgumentCall,
    ArgumentParts,
    LoopIndex,
    AttributeBag,
    attribute_bag,
    bag_value,
    copied_bag,
    spoil_bag,
    RECORD_METHODS,
    RecordConstructor,
    NamedRecord,
    RecordType,
    record_class_attribute,
    record_method,
    record_of,
    typed_record_type,
    set_record_defaults,
    record_type,
    MISSING,
    AutogradContext,
    BoundMethod,
    ENUM_BASES,
    EnumClass,
    EnumMember,
    functional_enum,
    Builtin,
    Instance,
    LocalClass,
    LocalFunction,
    LocalLambda,
    MethodOf,
    NumpyScalar,
    Partial,
    PerhapsSet,
    RepeatedList,
    Quotient,
    FloatMultiple,
    SuperProxy,
    TorchRef,
    UncountedRange,
    UnknownNumber,
    a_number,
)
from convlint.evaluator.torch_api import (
    FLOAT_FUNCTIONAL,
    PARALLEL_WRAPPERS,
    PRIVATE_BASES_WITH_FORWARD,
    PRIVATE_LAYER_BASES,
    TORCH_NTUPLE_MAKER,
    TORCH_NTUPLES,
    canonical_name,
    is_torch_layer_class,
    layer_spec,
    misspelled_torch_layer,
    per_dim,
    pretrained_class,
    private_base_attributes,
    private_layer_base,
    torch_module_has,
)
from convlint.model import (INDEX_OP, NO_FORWARD_OP, RAISES, SETITEM_OP, CountUpdate, EachBuilt, LayerCall, ScaledEdit, ModelAnalysis, ModuleNode, SliceCut,
                            Tensor, TensorOp, Unresolved)
from convlint.records import (
    AdaptivePoolRecord,
    AttentionRecord,
    TransformerRecord,
    ContainerRecord,
    ConvRecord,
    ElementwiseRecord,
    FlattenRecord,
    LinearRecord,
    MaxUnpoolRecord,
    ModelRecord,
    NormRecord,
    OpaqueRecord,
    PadRecord,
    PoolRecord,
    RecurrentRecord,
    UpsampleRecord,
    describe_validation_error,
    refused_only_at_forward,
    field_of,
)
from convlint.source.config_files import CONFIG_LOADERS
from convlint.source.input_hints import argument_adder, is_main_guard
from convlint.source.parse import ParsedFile, dotted_name
from convlint.values import (EachItem, ItemKey, Shape, Sym, Unknown, creation_order, dim_add, dim_floordiv, dim_mul, dims_product, hashable,
                             format_dim, is_known)

MAX_LOOP_ITERATIONS = 10_000
MIN_ITEMS_FOLLOWED_ONCE = 16  # a loop of this many items that only fills tensor elements: followed once
MAX_UNCOUNTED_STEPS = 4  # steps of a loop over range() of an unknown count followed until what they carry settles
MAX_CALL_DEPTH = 48
# calls followed inside code not followed, to forget what they change (a method calling a helper...)
MAX_FORGET_DEPTH = 4
MAX_STEPS = 2_000_000
MAX_INT_BITS = 256  # larger ints are Unknown: `2**10**10` in a layer argument costs nothing
_LOADER_TEXT = re.compile(r"\b(?:yaml|json)\b")

CONTAINERS = ("Sequential", "ModuleList", "ModuleDict")
PARAMETER_LIST = canonical_name("torch.nn.ParameterList")
PARAMETER_DICT = canonical_name("torch.nn.ParameterDict")


class ParameterList(list):
    """nn.ParameterList: its tensors, in order; a module holding one has parameters not counted here."""


class ParameterDict(dict):
    """nn.ParameterDict: its tensors by name; a module holding one has parameters not counted here."""
# torch.jit.ScriptModule: an nn.Module whose __init__ runs as Python and whose forward, compiled by
# @torch.jit.script_method, computes what the same Python would (pytorch-cifar100 stochasticdepth)
MODULE_BASES = frozenset({"torch.nn.Module", "torch.jit.ScriptModule"})
# library classes deriving from nn.Module that models subclass as they would nn.Module, their
# forward the user's own (`class Net(pl.LightningModule)`): models, but with an API of their own
# (`self.log`, `self.hparams`), so what nn.Module lacks is not judged absent on them
LIBRARY_MODULE_BASES = frozenset({
    "pytorch_lightning.LightningModule", "pytorch_lightning.core.LightningModule",
    "pytorch_lightning.core.module.LightningModule", "pytorch_lightning.core.lightning.LightningModule",
    "lightning.LightningModule", "lightning.pytorch.LightningModule", "lightning.pytorch.core.LightningModule",
    "lightning.pytorch.core.module.LightningModule",
    # OpenMMLab's BaseModule: an nn.Module whose __init__ keeps its init_cfg
    "mmcv.runner.BaseModule", "mmcv.runner.base_module.BaseModule", "mmengine.model.BaseModule",
    "mmengine.model.base_module.BaseModule",
    # fastai's Module: nn.Module.__init__ runs before the subclass's (no super().__init__() needed)
    "fastai.torch_core.Module", "fastai.layers.Module", "fastai.basics.Module", "fastai.vision.all.Module",
})
# LightningModule's methods a model's own code calls that change nothing of its layers or counts
LIGHTNING_METHODS = frozenset({"save_hyperparameters", "log", "log_dict", "print"})
PURE_METHODS = frozenset(
    "index count upper lower format join startswith endswith replace split rsplit strip lstrip rstrip "
    "isdigit isalpha title capitalize partition rpartition removeprefix removesuffix zfill find rfind".split()
)
NUMBER_METHODS = frozenset({"bit_length", "bit_count", "is_integer", "conjugate"})
BUILTIN_NAMES = (
    "int float bool len range list tuple dict min max sum abs round isinstance issubclass super print "
    "zip enumerate sorted reversed getattr setattr hasattr str divmod pow any all set frozenset type "
    "iter next map filter callable repr vars globals __import__ eval"
).split()


# fastcore and fastai v1 helpers fastai code gets by star imports (`from fastai.core import *`,
# `from fastai.layers import *`), read where nothing else defines the name
FASTCORE_HELPERS = ("listify", "ifnone", "bn_drop_lin")


class BudgetExceeded(Exception):
    """The model needs more evaluation steps than a linter should spend on it."""


class StopsHere(BaseException):
    """Raised at a layer call that surely runs and that torch surely refuses, where the forward
    under way was asked to stop there (Interpreter.stop_at): what follows it never runs. A
    BaseException, so that no handler of the evaluator's own failures takes it."""


class _Return(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class Scope:
    """Names of one function call (or the module); module scopes evaluate assignments lazily."""

    __slots__ = ("names", "parent", "lazy", "owner", "receiver", "parsed", "effects", "rest_speculative", "stars",
                 "arguments", "written", "binders", "rebinders", "execs", "namespace_bindings", "items_read",
                 "parameters", "computed", "updates", "updates_passed", "bound_in", "comprehension", "serial",
                 "items_from", "defaulted", "handed_on")

    def __init__(self, parent: "Scope | None" = None) -> None:
        self.names: dict[str, Any] = {}
        self.parent = parent
        self.lazy: dict[str, tuple] = {}  # module level: name -> (expression, unpack index path)
        self.owner: LocalClass | None = None  # class of the running method, for super()
        self.receiver: Any = MISSING  # its self
        self.parsed: ParsedFile | None = None  # module level: the file whose names these are
        self.effects: dict[str, list] = {}  # module level: method calls on a name, by the name (argparse)
        self.rest_speculative: tuple | None = None  # (calls, ops) from which the rest may not run
        self.stars: list = []  # module level: `from m import *` sources, in order
        self.execs: list = []  # module level: `exec(code)` calls not run yet (run when a name is missing)
        # a call's parameters -> (span of the caller's argument, the caller's name if it passed
        # one through unchanged, the value bound): where a layer's argument was written
        self.arguments: dict[str, tuple] = {}
        # a name bound by a plain `name = expression`, and not rebound since: (the expression, the value)
        self.written: dict[str, tuple] = {}
        # names a loop binds to the items of a literal list (`for v in cfg`): (the element, the item)
        self.items_read: dict[str, tuple] = {}
        # names a loop binds to the items of a call's *args or a list written with names (items_written):
        # (the items, the index, the item), so a layer reading one is traced to where its number was written
        self.items_from: dict[str, tuple] = {}
        # the expressions of running counts (`channels //= 2`, `c = c * 2`) run more than once in this
        # call: a loop's, whose earlier values sized the layers of other stages too
        self.binders: set[int] = set()
        self.rebinders: set[int] = set()
        # module level: names bound at run time through the module's own namespace (`setattr(
        # sys.modules[__name__], name, value)`, `globals()[name] = value`), with the code that bound them
        self.namespace_bindings: dict[str, cst.CSTNode | None] = {}
        # a call's parameters as bound on entry, before the body rebinds any (`n = n * r ** 2`)
        self.parameters: dict[str, Any] = {}
        # a call's parameters its caller gave as an expression (`make_divisible(c * scale)`): that expression
        self.computed: dict[str, cst.BaseExpression] = {}
        # int names a running count's update wrote (`num_planes += nblocks[3] * growth_rate`), and
        # the parameters the caller gave such a count: the evaluation of the update that wrote each
        self.updates: dict[str, CountUpdate] = {}
        self.updates_passed: dict[str, CountUpdate] = {}
        # a call's parameters a functools.partial bound: the call running the function that wrote it
        self.bound_in: dict[str, "Scope"] = {}
        # a comprehension's own scope: an assignment expression in it binds in the function around it
        self.comprehension = False
        self.serial = next(creation_order)  # which call of a function this is: a crop made in it (SliceCut.frame)
        # a call's parameters its caller left to their defaults (a call unpacking nothing)
        self.defaulted: frozenset[str] = frozenset()
        # a call's parameters its caller handed on in its own `**kwargs`, untouched (`block(**kwargs)` in
        # `make_layer(block, n, **kwargs)`): each traced on to the caller's caller, who wrote it
        self.handed_on: frozenset[str] = frozenset()


def _defaults_left(params: cst.Parameters, node: cst.CSTNode, expressions: dict) -> frozenset[str]:
    """The parameters with a default that a call writing every argument it passes (no `*` or `**`)
    does not give."""
    if not isinstance(node, cst.Call) or any(arg.star for arg in node.args) or len(expressions) != len(node.args):
        return frozenset()  # (an argument not matched to its parameter: what was left out is not known)
    return frozenset(p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)
                     if p.default is not None and p.name.value not in expressions)


def _signed_literal(node: cst.BaseExpression) -> int | None:
    if isinstance(node, cst.Integer):
        return int(node.value, 0)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) \
            and isinstance(node.expression, cst.Integer):
        return -int(node.expression.value, 0)
    return None


def _target_names(target: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    return []


def _statements_before(module: cst.Module, at: cst.CSTNode) -> list:
    """The statements of the innermost function holding `at`, before it in its body's order (the
    statements of blocks in it too, flattened)."""
    path: list = []

    def find(node, trail) -> bool:
        if node is at:
            path.extend(trail)
            return True
        return any(find(child, trail + [node]) for child in node.children)

    if not find(module, []):
        return []
    functions = [n for n in path if isinstance(n, cst.FunctionDef)]
    if not functions:
        return []
    out: list = []

    def walk(node) -> bool:
        if node is at:
            return True
        if isinstance(node, (cst.SimpleStatementLine,)):
            out.append(node)
            return any(child is at for child in node.body)
        return any(walk(child) for child in node.children if not isinstance(child, (cst.FunctionDef, cst.ClassDef)))

    walk(functions[-1].body)
    return out


def _around_comprehensions(scope: Scope) -> Scope:
    """The function's (or module's) scope a comprehension's scope is nested in; a scope of no
    comprehension is its own."""
    while scope.comprehension and scope.parent is not None:
        scope = scope.parent
    return scope


def _local_value(scope: Scope, name: str) -> Any:
    """A name of the running function, read from a comprehension's scope in it too."""
    while name not in scope.names and scope.comprehension and scope.parent is not None:
        scope = scope.parent
    return scope.names.get(name, MISSING)


def _walrus_targets(node: cst.CSTNode) -> list[cst.BaseExpression]:
    """The targets of the assignment expressions in a comprehension (not in a lambda inside it)."""
    found, stack = [], [node]
    while stack:
        here = stack.pop()
        if isinstance(here, cst.NamedExpr):
            found.append(here.target)
        if not isinstance(here, cst.Lambda):
            stack.extend(here.children)
    return found


def _renamed_argument(frame: Scope, name: str) -> str | None:
    """The parameter a local of the function running renames (`Cin = inChannels`), while both
    still hold what the caller passed; None for any other name."""
    if name in frame.arguments:
        return None
    found = frame.written.get(name)
    if found is None or type(found[0]) is not cst.Name or found[0].value not in frame.arguments:
        return None
    parameter = found[0].value
    now = frame.names.get(name, MISSING)
    if now is not found[1] or frame.names.get(parameter, MISSING) is not now \
            or not _still_the_argument(frame, parameter, frame.arguments[parameter][2]):
        return None
    return parameter


def _still_the_argument(frame: Scope, name: str, passed: Any) -> bool:
    """The parameter still holds what the caller passed: unchanged, or only repeated once per
    dim in place (`stride = _triple(stride)`, `padding = (padding, padding)` in a conv wrapper),
    so the layer's value is still the caller's number."""
    now = frame.names.get(name, MISSING)
    if now is passed:
        return True
    found = frame.written.get(name)
    if found is None or found[1] is not now or not isinstance(now, tuple) or not now \
            or isinstance(passed, bool) or not isinstance(passed, (int, list, tuple)):
        return False
    expression = found[0]
    if isinstance(expression, cst.Call):  # `_pair(stride)`, `_ntuple(3)(stride)`
        read = [a.value for a in expression.args if not a.keyword and not a.star]
        if len(read) != len(expression.args) or len(read) != 1:
            return False
    elif isinstance(expression, cst.Tuple):
        read = [e.value for e in expression.elements if not isinstance(e, cst.StarredElement)]
        if len(read) != len(expression.elements):
            return False
    else:
        return False
    return all(type(r) is cst.Name and r.value == name for r in read) and now == per_dim(passed, len(now))


def _note_binder(scope: Scope, expression: cst.BaseExpression) -> None:
    key = id(expression)
    (scope.rebinders if key in scope.binders else scope.binders).add(key)


def unknown_if_huge(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        return Unknown("an integer too large to be a size")
    return value


_EVALUATORS: dict[type, Any] = {}  # libcst node type -> Interpreter._eval_<type>, or None


def _number_written(element: cst.BaseExpression, item: Any) -> cst.BaseExpression | None:
    """The element of a literal that wrote `item`: a number, or a product of numbers (`32 * 6 * 6`
    of a config row) that is it; None for anything else."""
    if type(item) is not int:
        return None
    if type(element) is cst.Integer:
        return element if int(element.value, 0) == item else None
    factors, stack = 1, [element]
    while stack:
        part = stack.pop()
        if type(part) is cst.BinaryOperation and type(part.operator) is cst.Multiply:
            stack += [part.left, part.right]
        elif type(part) is cst.Integer:
            factors *= int(part.value, 0)
        else:
            return None
    return element if factors == item else None


def _list_method(items: list, name: str, kwargs: dict) -> Any:
    """`window = self.window_size.copy()` (Swin), `.reverse()`, `.clear()`, `.sort()`: a list
    method that copies or reorders. A sort whose order is not known (a key, unknown items) keeps
    the length and forgets which item is where, as a mutation not followed must."""
    if name == "copy" and not kwargs:
        return list(items)
    if name == "reverse" and not kwargs:
        items.reverse()
    elif name == "clear" and not kwargs:
        items.clear()
    elif name == "sort":
        reverse = kwargs.get("reverse", False)
        plain = all(isinstance(i, (int, float, str)) for i in items) and len({type(i) is str for i in items}) <= 1
        if set(kwargs) <= {"reverse"} and isinstance(reverse, bool) and plain:
            items.sort(reverse=reverse)
        else:
            items[:] = [Unknown("an item of a list sorted in an order not known")] * len(items)
    return None


def _defaulted(init: LocalFunction) -> set[str]:
    """The constructor's parameters that have a default."""
    params = init.node.params
    return {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)
            if p.default is not None}


@contextmanager
def _entry_for_the_path(table: dict, key, value):
    """`table[key]` is `value` on one path of a test, and what it was (or nothing) after it."""
    before = table.get(key)
    table[key] = value
    try:
        yield
    finally:
        if before is None:
            table.pop(key, None)
        else:
            table[key] = before


# the key of a trial edit (argument_overrides) of the number written at a span, wherever it is read:
# {(span, NUMBER_EDIT): value} (the sizes of `torch.randn(1, 1152, 10, 16, 8)` swapped)
NUMBER_EDIT = "<number>"


class Interpreter:
    def __init__(self, parsed: ParsedFile, path: Path | None = None) -> None:
        self.parsed = parsed
        self.module_scope = Scope()
        self.module_scope.parsed = parsed
        self.analysis: ModelAnalysis | None = None
        self.steps = 0
        self.unresolved_calls = 0
        # names the code sets on torch.nn itself (`nn.Relu = Relu`, a setattr; "*" for one not known):
        # such a name is the code's own, no misspelling of torch's (CL114)
        self.torch_names_set: set[str] = set()
        self.entry_file = parsed  # the file linted, which may set them for the modules it imports
        self.unbound_read: set[str] | None = None  # names read unbound in a try body that catches NameError
        self.depth = 0
        self.call_depth = 0  # forward nesting, for LayerCall.depth
        self.base_forward_inputs: dict[int, Tensor] = {}  # module -> the tensor its torch base's forward ran on
        self.running: list[ModuleNode] = []  # the nn.Modules whose forward() is being followed, innermost last
        self.evaluating: set[tuple[int, str]] = set()
        self.star_cycles: set[tuple[int, str]] = set()  # star lookups re-entered by an import cycle
        self.imports = ProjectImports(path)
        self.call_sites: list[Span] = []  # user-function calls under way, outermost first
        self.partial_calls: list[tuple[Partial, int]] = []  # partials being called, with self.depth then
        # a trial edit of the code: the value to build a local module with in place of the argument
        # written at this span (a call's `use_1x1conv=False`, tried with True)
        # (a key (call span, parameter name): a keyword that call does not give, added by the trial)
        self.argument_overrides: dict[Span | tuple[Span, str], Any] = {}
        self.overrides_used: dict[Span, int] = {}  # per span, the evaluations an EachBuilt edit has given
        # id(call) -> the (args, kwargs) each run of that call of a project class or function
        # passed, the call itself not run: a function's body followed for what it constructs
        self.constructions_read: dict[int, list[tuple[list, dict]]] | None = None
        # dicts not known statically a loop went over by items() / keys() / values() (`groups` of
        # `for name, n in groups.items()`): a later loop over the dict itself is followed once too
        self.item_sources: list = []
        # id(ModuleDict) -> (it, the dict, the child's name): the module a loop over that dict set for
        # any one of its keys (`self.heads[name] = nn.Linear(...)`), what `self.heads[k]` gives for its keys
        self.item_children: dict[int, tuple] = {}
        # per assignment of a name or `self.X` (the span of its value), how often the model analysed
        # has run it so far: which evaluation of it an update read is (CountUpdate.index)
        self.assignments_run: dict[Span, int] = {}
        self.copies_written: set[Span] = set()  # where an update copies a name (`self.size = size`)
        self.frames: list[Scope] = []  # their scopes, outermost first
        self.comprehensions: list[Scope] = []  # the scopes of the comprehensions running, innermost last
        self.running_functions: list[tuple[cst.FunctionDef, int]] = []  # their functions, with self.speculation then
        self.speculation = 0  # paths of unknown conditions under way, nested
        self.try_depth = 0  # try bodies under way: an exception raised there may be caught
        # per loop running, innermost last: the names where a `break` under a condition not known
        # statically left it, each time (after one, the loop may have stopped)
        self.loop_breaks: list[list[dict]] = []
        self.ranked: dict[int, tuple[Tensor, Tensor]] = {}  # id -> (tensor, it on the path of `x.dim() == k`)
        self.stop_at: Callable[[LayerCall], bool] | None = None  # a call it is true of ends the forward: StopsHere
        self.unfollowed_code = 0  # loops and comprehensions not followed so far: they may run layers
        self.items_of_tensors: dict[tuple[int, str], tuple[Tensor, Tensor]] = {}  # `batch['frames']`, each read
        # id(Alternatives) -> (that Alternatives, what it is on the path under way): `if self.down is not None:`
        self.narrowed: dict[int, tuple[Alternatives, Any]] = {}
        self.walk_cache: dict = {}  # syntax walked once per node (_walked, _self_attributes)
        self.config_tables: dict[int, dict] = {}  # id(module) -> its loader calls' data (_config_loads)
        self.training = False  # what `self.training` reads: the inference path unless asked
        self.journals: list[dict] = []  # per path of an unknown condition under way: objects it changed
        self.current_node: cst.CSTNode | None = None  # the builtin call being evaluated
        self.calls_started = 0
        self.post_processing = 0  # running an options module's own code on its parsed namespace
        self.branch_tests = 0  # if-tests being evaluated: a further input compared there is a scalar
        self.expression_parts: tuple = ()  # set by argument_origin where a chain stops at an expression
        self.expression_loop_parts: tuple = ()  # the same, for an expression that also reads a loop's names
        # the operand a selection last gave as its value (`cin if index == 0 else cout`, `width or
        # channels`), by the selection's id: a layer argument written so is traced through that operand
        self.selected_operand: dict[int, tuple[cst.BaseExpression, cst.BaseExpression]] = {}
        # lists and tuples of numbers written as literals (`cfg = {'A': [64, 'M', 128]}`), by id: the
        # literal beside the value (held, so the id stays its), so an item read from one (`for v in
        # cfg`, `dims[i]`) is known to be written at its element: the number a user would change
        self.literal_items: dict[int, tuple[list | tuple, cst.List | cst.Tuple]] = {}
        # where the sizes a view or reshape is given were written as one literal read through a name
        # (`x.view(-1, *self.reshape)` of `self.reshape = (64, 4, 4)`), by id of the call: the line to fix
        self.view_sizes_written: dict[int, Span] = {}
        # the memory layout of tensors whose strides are followed, by id: (the tensor, held so the id
        # stays its; its strides; where the op that left it not contiguous is, or None)
        self.layouts: dict[int, tuple] = {}
        # the sizes of a view or reshape read from a count the model's construction bound (`x.view(-1,
        # self.linear_size)`), by id of the call: (position, the update that wrote it) of each
        self.view_counts_read: dict[int, tuple[tuple[int, CountUpdate], ...]] = {}
        self.literal_spans: dict[int, Span] = {}  # id(items) -> where the literal of literal_items is
        # the tuples of a call's *args (`PointMLP(k, 64, 128)` of `def __init__(self, *dims)`) and the lists
        # written with a name among their numbers (`MLP([k, 64, 128])`), by id: (the items, held; per item
        # the expression written, its span and where a local it names was bound; the scope of the function
        # that wrote them), so `dims[i - 1]` is traced to the call that wrote its number (_item_origin)
        self.items_written: dict[int, tuple] = {}
        # a block's constructor binding the shape of its weight as one tuple of its parameters (`self.shape =
        # (out_chn, in_chn, kernel_size, kernel_size)`), by id: (the items, held; per size the parameter
        # passed down unchanged as sizes_passed_at gives it, with the span of the name the tuple reads;
        # the calls that led there), so a weight made or
        # viewed to that shape (`torch.rand(self.shape)`, `self.weights.view(self.shape)` in forward())
        # is traced to the callers that passed its sizes
        self.shape_tuples_passed: dict[int, tuple] = {}
        # the rows zip() and enumerate() made, by id: (the rows, held, and the list each column reads,
        # None for enumerate's counter), so `for n, c in zip(nums, chans)` reads c at chans' element
        self.zipped: dict[int, tuple[list, tuple]] = {}
        # slices of those lists (`self.widths[1:]`), by id: (the slice, held, the list, its indices there)
        self.sliced_items: dict[int, tuple[list | tuple, list | tuple, range]] = {}
        # a call's `*cfg[i]` of a noted literal (`_Dec(*self.cfg[1])` of `self.cfg = ((64, 128), (512, 256))`),
        # by id of the argument as last run: the literal's elements, each number written in it the
        # argument it gives, as if the call wrote it (None where the element is no number)
        self.unpacked_literals: dict[int, tuple[cst.Arg, tuple[cst.BaseExpression | None, ...]]] = {}
        # id(element) -> (the element, the file of a number unpacked from a literal): spanned in its own file
        self.unpacked_files: dict[int, tuple[cst.BaseExpression, Any]] = {}
        # x.squeeze(d) of a symbolic size taken as keeping it (a size other than 1); the dim itself, in a
        # run where that one is not 1
        self.squeeze_keeps: bool | Sym = False
        self.last_comparison: tuple | None = None  # (node, left, right) of the last `a == b` not decided
        self.loop_counts: set[tuple[str, Sym]] = set()  # (symbol, count) a range() counted: `range(num_downs - 5)`
        self.layers_built = 0  # every layer constructed so far: what building a model again costs
        self.trial_layers: dict[str, list[int]] = {}  # class -> the layers its count trials built
        # arguments a layer took as a count as they are (`BatchNorm1d(base_filters)`): ints, or torch
        # refuses them, so int() of arithmetic on them changes nothing
        self.int_arguments: set[str] = set()
        # (the call, the count of names its result is unpacked into) while `a, b = x.split(...)` runs
        self.unpacked_into: tuple | None = None
        # functions a file sets on a torch class (`torch.nn.Module.add = add_module`, as
        # deep-image-prior does): (class name, attribute) -> the function, a method of every instance
        self.patched_methods: dict[tuple[str, str], LocalFunction] = {}
        self.factory_nodes: dict[int, cst.CSTNode] = {}  # id(a torch Sequential a factory returns) -> the factory's name
        self.home_scope = self.module_scope  # the linted file's names (not an imported module's)
        # names of the linted file its `if __name__ == "__main__":` block rebinds -> that line
        self.main_rebound: dict[str, int] = {}
        self._bind_module(parsed.module.body)

    # ----------------------------------------------------------------- other files of the project
    def _enter_module(self, scope: Scope) -> tuple:
        """Make the module of `scope` the current one (its names, its file); returns the old."""
        root = scope
        while root.parent is not None:
            root = root.parent
        previous = (self.parsed, self.module_scope)
        if root is not self.module_scope and root.parsed is not None:
            self.parsed, self.module_scope = root.parsed, root
        return previous

    def _leave_module(self, previous: tuple) -> None:
        self.parsed, self.module_scope = previous

    def _resolve_import(self, value: "Deferred") -> Any:
        for _ in range(8):  # `from pkg import module` defers twice: the package, then the module
            unit = self.imports.load(value.path, self)
            if unit is None:
                return Unknown("an imported module that could not be analysed")
            if value.name is None:
                return ModuleValue(unit)
            value = self.module_attribute(unit, value.name)
            if not isinstance(value, Deferred):
                return value
        return Unknown("an import chain too long")

    def _global_in(self, unit: Scope, name: str) -> Any:
        """A module's own binding of a name (MISSING when it has none), read from any module."""
        previous = self._enter_module(unit)
        try:
            return self.global_value(name)
        finally:
            self._leave_module(previous)

    def library_name(self, ref: TorchRef) -> Any:
        """A library name convlint ships a stand-in for (`torchvision.models.resnet18`): the
        stand-in's value, read as project code is; any other stays the name it is."""
        found = standin(ref.qualified)
        if found is None:
            return ref
        unit = self.imports.load(found[0], self)
        value = self._global_in(unit, found[1]) if unit is not None else MISSING
        if value is MISSING:
            return ref  # `torchvision.models.resnet` (a module, read by its names) or a model not stood in for
        return self._resolve_import(value) if isinstance(value, Deferred) else value

    def module_attribute(self, unit: Scope, name: str) -> Any:
        found = self._global_in(unit, name)
        if found is MISSING:
            submodule = self.imports.submodule(unit, name)
            return Deferred(submodule, None) if submodule is not None else Unknown(f"{name} is not defined there")
        return found

    # ----------------------------------------------------------------- module level
    def _bind_module(self, body: Iterable[cst.CSTNode]) -> None:
        scope = self.module_scope
        forms = self.walk_cache.get(("namespace", id(self.parsed.module)))
        if forms is None or forms[0] is not self.parsed.module:
            forms = self.walk_cache[("namespace", id(self.parsed.module))] = \
                (self.parsed.module, namespace_forms(self.parsed.module, self.parsed.text))
        forms = forms[1]
        groups: dict[str, str] = {}  # `group = parser.add_argument_group(...)`: group -> parser
        adders: dict[str, str] = {}  # `arg = parser.add_argument`: arg -> parser
        path_edits = self._sys_path_edits()
        for statement in body:
            if (folders := path_edits.get(id(statement))) is not None:
                self.imports.add_to_sys_path(folders)  # before the statement: a `try` may edit, then import
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        self._import(small, scope)
                    elif isinstance(small, cst.Assign):
                        for target in small.targets:
                            if isinstance(target.target, cst.Name):
                                adders.pop(target.target.value, None)
                        owner = argument_adder(small.value) if len(small.targets) == 1 \
                            and isinstance(small.targets[0].target, cst.Name) else None
                        if owner is not None:  # `arg = parser.add_argument`, `group = parser.add_argument_group(...)`
                            name, (parser, method) = small.targets[0].target.value, owner
                            if method == "add_argument":
                                adders[name] = parser
                            else:
                                groups[name] = groups.get(parser, parser)
                        for target in small.targets:
                            if isinstance(target.target, cst.Attribute) and isinstance(small.value, cst.Name):
                                self._patch_torch_class(target.target, small.value.value)
                            if (root := _attribute_root(target.target)) is not None and len(small.targets) == 1:
                                # `cfg.GAN.DF_DIM = 64`: set on the object when `cfg` is first read
                                scope.effects.setdefault(root, []).append(small)
                            self._bind_lazy(target.target, small.value, ())
                    elif isinstance(small, cst.AnnAssign) and small.value is not None:
                        self._bind_lazy(small.target, small.value, ())
                    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                            and isinstance(small.value.func, cst.Name) and small.value.func.value == "exec" \
                            and len(small.value.args) == 1:
                        scope.execs.append(small.value)  # TS-TCC: exec(f'from config_files.{data_type}_Configs import ...')
                    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                            and isinstance(small.value.func, cst.Attribute) \
                            and isinstance(small.value.func.value, cst.Name):
                        # `parser.add_argument(...)`: applied when `parser` is first read; a
                        # group's `group.add_argument(...)` too, as it adds to the parser's options
                        receiver = small.value.func.value.value
                        scope.effects.setdefault(groups.get(receiver, receiver), []).append(small.value)
                    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                            and isinstance(small.value.func, cst.Name) and small.value.func.value in adders:
                        # `arg('--img_size', ...)` after `arg = parser.add_argument`: an option of the parser
                        receiver = adders[small.value.func.value]
                        scope.effects.setdefault(groups.get(receiver, receiver), []).append(small.value)
                    elif isinstance(small, cst.AugAssign) and isinstance(small.target, cst.Name):
                        scope.lazy.pop(small.target.value, None)
                        scope.names[small.target.value] = Unknown("changed by an augmented assignment")
            elif isinstance(statement, cst.ClassDef):
                scope.lazy.pop(statement.name.value, None)
                scope.names[statement.name.value] = LocalClass(statement, scope, name=statement.name.value)
            elif isinstance(statement, cst.FunctionDef):
                scope.lazy.pop(statement.name.value, None)
                scope.names[statement.name.value] = LocalFunction(statement, scope, statement.name.value)
            elif isinstance(statement, (cst.Try, cst.If, cst.For, cst.While, cst.With)):
                self._bind_module_block(statement)
            if forms is not None and not isinstance(statement, (cst.ClassDef, cst.FunctionDef, cst.Try)) \
                    and forms.writes(statement):
                self._run_at_import(statement)

    def _sys_path_edits(self) -> dict[int, list[Path]]:
        """id of a module-level statement -> the folders it puts on sys.path (`sys.path.insert(0,
        osp.join(osp.dirname(__file__), '..'))`), for the imports after it."""
        module, name = self.parsed.module, self.parsed.file or self.parsed.path
        key = ("sys.path", id(module))
        cached = self.walk_cache.get(key)
        if cached is not None and cached[0] is module:
            return cached[1]
        edits: dict[int, list[Path]] = {}
        if name and name != "-" and "sys.path" in self.parsed.text:
            for index, folder in sys_path.folders_added(module, Path(name).resolve()):
                edits.setdefault(id(module.body[index]), []).append(folder)
        self.walk_cache[key] = (module, edits)
        return edits

    def _patch_torch_class(self, target: cst.Attribute, name: str) -> None:
        """`torch.nn.Module.add = add_module` at module level: every module gets the method."""
        function = self.module_scope.names.get(name)
        if not isinstance(function, LocalFunction):
            return
        try:
            owner = self.eval(target.value, self.module_scope)
        except Exception:  # an import not followed: no patch known
            return
        if isinstance(owner, TorchRef) and canonical_name(owner.qualified).startswith("torch.nn."):
            self.patched_methods[(canonical_name(owner.qualified).rsplit(".", 1)[-1], target.attr.value)] = function

    def _run_at_import(self, statement: cst.CSTNode) -> None:
        """A module-level statement that binds module names at run time (`for dataset in [...]:
        setattr(thismodule, f"{dataset}_{name}", partial(_resnet, ...))`): run now, in its place
        among the definitions, so a later definition still wins and an earlier one is replaced.
        Its own names (the loop's) stay as the binding above left them; what fails binds nothing more."""
        saved = (self.steps, self.depth, self.analysis)
        self.steps, self.analysis = 0, None
        try:
            self.exec_statement(statement, Scope(self.module_scope))
        except Exception:  # the step budget, deep recursion, an evaluator gap: these names, never the file
            pass
        finally:
            self.steps, self.depth, self.analysis = saved

    def _bind_module_block(self, statement: cst.CSTNode) -> None:
        """Module-level blocks: a `try` body binds as if run (imports guarded by try); names
        bound under `if`/loops are Unknown unless they are imports, defs or classes."""
        if isinstance(statement, cst.Try):
            fallback = self._import_fallback(statement)
            self._bind_module(statement.body.body if fallback is None else fallback.body.body)
            return
        if isinstance(statement, cst.With) and all(
                isinstance(item.item, cst.Call) and isinstance(item.item.func, cst.Name)
                and item.item.func.value == "open" for item in statement.items):
            # `with open("config.yaml") as f: cfg = yaml.safe_load(f)`: the body runs, once
            for item in statement.items:
                if item.asname is not None:
                    self._bind_lazy(item.asname.name, item.item, ())
            self._bind_module(statement.body.body)
            return
        if isinstance(statement, cst.If) and (decided := self._module_condition(statement.test)) is not None:
            # `if hasattr(nn, "SiLU"): SiLU = nn.SiLU / else: class SiLU(nn.Module)`: a shim for older torch
            if decided:
                self._bind_module(statement.body.body)
            elif isinstance(statement.orelse, cst.If):
                self._bind_module_block(statement.orelse)
            elif statement.orelse is not None:
                self._bind_module(statement.orelse.body.body)
            return
        scope = self.module_scope
        if isinstance(statement, cst.If) and statement.orelse is None and is_main_guard(statement.test):
            # a script's `if __name__ == "__main__":` block: importers never run it, so a name bound
            # before it (or by a star import) keeps that binding; for the linted file itself an
            # assumption, said when a model reads the name. A name only it binds is unknown, as before.
            for node in walk_statements(statement.body):
                for name in _assigned_names(node):
                    if name in scope.names or name in scope.lazy or scope.stars:
                        if scope is self.home_scope:
                            self.main_rebound.setdefault(name, self.parsed.span_of(node).line)
                    else:
                        scope.names[name] = Unknown(f"{name} is set in a conditional block")
            for node in statement.body.body:
                if isinstance(node, (cst.ClassDef, cst.FunctionDef)):
                    self._bind_module([node])
            return
        for node in walk_statements(statement):
            if isinstance(node, cst.ClassDef | cst.FunctionDef):
                continue
            for name in _assigned_names(node):
                scope.lazy.pop(name, None)
                scope.names.setdefault(name, Unknown(f"{name} is set in a conditional block"))
        if isinstance(statement, cst.If):
            for node in statement.body.body:
                if isinstance(node, (cst.ClassDef, cst.FunctionDef)):
                    self._bind_module([node])

    def _module_condition(self, test: cst.BaseExpression) -> bool | None:
        """A module-level test decided here: `hasattr(nn, "SiLU")` of what torch has, negated or
        not; None for any other (`if __name__ == "__main__":`, a version check)."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            inner = self._module_condition(test.expression)
            return None if inner is None else not inner
        if not (isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "hasattr"
                and len(test.args) == 2 and isinstance(test.args[1].value, cst.SimpleString)
                and self.module_scope.names.get("hasattr", MISSING) is MISSING):
            return None
        try:
            owner = self.eval(test.args[0].value, self.module_scope)
        except Exception:  # an import not followed: not decided
            return None
        name = test.args[1].value.evaluated_value
        return torch_module_has(owner.qualified, name) if isinstance(owner, TorchRef) and isinstance(name, str) else None

    def _import_fallback(self, statement: cst.Try | cst.TryStar) -> cst.ExceptHandler | None:
        """The handler that runs in place of a `try` body whose import fails here (an optional
        package: `try: from encoding.nn import SyncBatchNorm` / `except ImportError: ... =
        nn.BatchNorm2d`), as Python runs it; None when the imports are there (the body runs)."""
        if isinstance(statement, cst.TryStar):
            return None
        failing = False
        for node in statement.body.body:
            if not isinstance(node, cst.SimpleStatementLine):
                continue
            for small in node.body:
                if isinstance(small, cst.Import):
                    failing |= any(self.imports.absent(dotted_name(a.name), 0, self.parsed) for a in small.names)
                elif isinstance(small, cst.ImportFrom) and small.module is not None:
                    failing |= self.imports.absent(dotted_name(small.module), len(small.relative), self.parsed)
        if not failing:
            return None
        for handler in statement.handlers:
            caught = handler.type
            names = [] if caught is None else (
                [e.value for e in caught.elements] if isinstance(caught, cst.Tuple) else [caught])
            if caught is None or any(isinstance(n, cst.Name) and n.value in _CATCHES_IMPORT_ERROR
                                     for n in names):
                return handler
        return None

    def _try_until_unbound(self, statement: cst.Try | cst.TryStar, scope: Scope) -> bool:
        """A `try` whose body reads a local not bound yet, with a handler catching the NameError
        (a WaveNet's skip sum: `try: skip = skip[:, :, -s.size(2):]` / `except: skip = 0` in a
        loop, unbound on the first iteration): its body run up to the statement that raises, that
        statement undone, then the handler, as Python runs it. True when it ran so; False where
        the body reads no such name (the body is run as before). Only a name the try statement
        itself assigns counts (a local of the function, surely unbound where no binding is seen);
        a name convlint merely does not know may be defined where it cannot see."""
        if isinstance(statement, cst.TryStar) or scope is self.module_scope or scope.lazy:
            return False
        handler = next((h for h in statement.handlers if _catches_name_error(h)), None)
        if handler is None:
            return False
        local = {name for node in _walked(statement, self.walk_cache) for name in _assigned_names(node)}
        if not local or all(_bound(name, scope) for name in local):
            return False
        for line in statement.body.body:
            if not isinstance(line, cst.SimpleStatementLine):
                self.exec_statement(line, scope)  # (a name read unbound inside a block: not followed, as before)
                continue
            names, unresolved = dict(scope.names), self.unresolved_calls
            listed = len(self.analysis.unresolved) if self.analysis is not None else 0
            saved, self.unbound_read = self.unbound_read, set()
            try:
                self.exec_statement(line, scope)
                raised = bool(self.unbound_read & local)
            finally:
                self.unbound_read = saved
            if raised:
                # what the line bound is undone and its note of a name not defined dropped: Python
                # raised there, and the handler runs
                scope.names.clear()
                scope.names.update(names)
                self.unresolved_calls = unresolved
                if self.analysis is not None:
                    del self.analysis.unresolved[listed:]
                if isinstance(handler.name, cst.AsName) and isinstance(handler.name.name, cst.Name):
                    scope.names[handler.name.name.value] = Unknown("an exception")
                self.exec_block(handler.body, scope)
                if statement.finalbody is not None:
                    self.exec_block(statement.finalbody.body, scope)
                return True
        # no line raised: its else and finally, as before
        if statement.orelse is not None:
            self.exec_block(statement.orelse.body, scope)
        if statement.finalbody is not None:
            self.exec_block(statement.finalbody.body, scope)
        return True

    def _bind_lazy(self, target: cst.BaseExpression, value: cst.BaseExpression, path: tuple) -> None:
        if isinstance(target, cst.Name):
            self.module_scope.names.pop(target.value, None)
            self.module_scope.effects.pop(target.value, None)  # what was done to the name's old value
            self.module_scope.lazy[target.value] = (value, path)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for index, element in enumerate(target.elements):
                self._bind_lazy(element.value, value, path + (index,))

    def global_value(self, name: str) -> Any:
        scope = self.module_scope
        if scope is self.home_scope and name in self.main_rebound:
            self.assume(f"{name}: its binding outside `if __name__ == \"__main__\":`, as an importer gets it "
                        f"(that block rebinds it at line {self.main_rebound[name]})")
        if name in scope.names:
            value = scope.names[name]
            if isinstance(value, Deferred):
                key = (id(scope), "import " + name)
                if key in self.evaluating:
                    # `from pkg import sub` in pkg/__init__.py reads itself: not bound yet, so the
                    # import system finds the submodule (module_attribute's fallback)
                    return MISSING
                self.evaluating.add(key)
                try:
                    value = scope.names[name] = self._resolve_import(value)
                finally:
                    self.evaluating.discard(key)
            return value
        if name in scope.lazy:
            key = (id(scope), name)
            if key in self.evaluating:
                return Unknown(f"{name} is defined in terms of itself")
            self.evaluating.add(key)
            try:
                expression, path = scope.lazy[name]
                value = self.eval(expression, scope)
                for index in path:
                    value = self._item(value, index)
            finally:
                self.evaluating.discard(key)
            if isinstance(value, dict) and not path:
                value = self._filled_by_registrars(scope, name, value)
            scope.names[name] = value
            scope.lazy.pop(name, None)
            if not path:
                scope.written[name] = (expression, value)  # (a registry dict literal: _registry_entry)
            if isinstance(value, argparse_model.ArgumentParser):
                for call in scope.effects.pop(name, ()):
                    if isinstance(call, cst.Call):
                        self.eval(call, scope)
            elif isinstance(value, (AttributeBag, Instance, RecordType)):  # RecordType: its `__new__.__defaults__`
                self._configured(value, scope.effects.pop(name, ()), scope)
            elif isinstance(value, argparse_model.Namespace):
                self._after_parsing(name, expression, value, scope)
            elif isinstance(value, (list, dict)) and not path and name in scope.effects:
                # `config.update(...)`, `widths.append(8)` after it; one not followed forgets it
                self._configured(value, scope.effects.pop(name), scope)
                value = scope.names.get(name, value)
            return value
        if scope.execs:
            self._run_execs(scope)
            if name in scope.names:
                return self.global_value(name)
        return self._star_imported(scope, name) if scope.stars else MISSING

    def _filled_by_registrars(self, scope: Scope, name: str, value: dict) -> dict:
        """A module-level dict that a function of the module fills as a decorator (`@register('convnet4')`
        on classes of the project's files): the dict with what they register, as Python has it once
        those files are imported. A key registered twice, or a registration not read (a key not
        written as a string, another decorator below it), leaves the dict as written."""
        from convlint.evaluator import registries
        from convlint.source.project_hints import project_root

        parsed = scope.parsed
        if parsed is None:
            return value
        found = {function: key for function, (held, key) in registries.registrars(parsed.module).items()
                 if held == name}
        written = parsed.file or parsed.path  # (registered as its files are imported, after the literal)
        if not found:
            return value
        on_disk = bool(written) and Path(written).is_file()
        home = Path(written).resolve() if on_disk else None
        guard = (id(scope), "registry " + name)
        if guard in self.evaluating:
            return value
        self.evaluating.add(guard)
        registered: dict[str, list] = {}
        try:
            # (a source given as text: its own decorators only)
            for path in registries.candidate_files(project_root(home), set(found)) if on_disk else [None]:
                unit = scope if path is None or path.resolve() == home else self.imports.load(path, self)
                if unit is None or unit.parsed is None:
                    return value
                for key, callee, defined in registries.entries(unit.parsed.module, set(found),
                                                                 next(iter(found.values()))):
                    previous = self._enter_module(unit)
                    try:
                        registrar = self.eval(callee, unit)
                    except Exception:  # a decorator not followed: what it registers is not known
                        registrar = None
                    finally:
                        self._leave_module(previous)
                    if not isinstance(registrar, LocalFunction) or registrar.name not in found:
                        continue  # another function of the same name
                    root = registrar.scope
                    while getattr(root, "parent", None) is not None:
                        root = root.parent
                    own = getattr(getattr(root, "parsed", None), "file", None) or \
                        getattr(getattr(root, "parsed", None), "path", None)
                    if root is not scope and (not own or home is None or Path(own).resolve() != home):
                        continue
                    if key is None or len(set(found.values())) > 1:
                        return value
                    registered.setdefault(key, []).append(self._global_in(unit, defined))
        finally:
            self.evaluating.discard(guard)
        filled = dict(value)
        for key, made in registered.items():
            if any(m is not made[0] for m in made[1:]):  # (the file importing last wins: not known)
                filled[key] = Unknown(f"{name}[{key!r}]: registered more than once")
            else:
                filled[key] = made[0]
        return filled

    def _configured(self, value: Any, effects: list, scope: Scope) -> None:
        """A module-level configuration object, as the statements after its creation leave it
        (`cfg.GAN = edict()`, `cfg.GAN.DF_DIM = 64`, `cfg.merge_from_file(...)`), in their order."""
        for effect in effects:
            if isinstance(effect, cst.Call):
                self.eval(effect, scope)
            else:
                self.assign(effect.targets[0].target, self.eval(effect.value, scope), scope)

    def _run_execs(self, scope: Scope) -> None:
        """Module-level `exec(code)` with the code known statically: the imports it makes bound, as
        running the module does (anything else it would do stays undone: names it binds otherwise
        stay undefined, so unknown)."""
        pending, scope.execs = scope.execs, []
        for call in pending:
            code = self.eval(call.args[0].value, scope)
            if not isinstance(code, str):
                continue
            try:
                module = cst.parse_module(code)
            except Exception:
                continue
            for statement in module.body:
                if isinstance(statement, cst.SimpleStatementLine):
                    for small in statement.body:
                        if isinstance(small, (cst.Import, cst.ImportFrom)):
                            self._import(small, scope)

    # builtins a namespace may be given to without changing it, and those post-processing uses
    _READ_ONLY_USES = frozenset({"print", "vars", "len", "str", "repr", "getattr", "hasattr", "isinstance"})
    # functions of the standard library and torch that read what they are given (`torch.save(args,
    # path)` in DeepDeblur's option.py), named as the module spells them
    _READ_ONLY_CALLS = frozenset({"torch.save", "pickle.dump", "pickle.dumps", "json.dump", "json.dumps",
                                  "yaml.dump", "yaml.safe_dump", "pprint.pprint", "copy.copy", "copy.deepcopy",
                                  "logging.info", "logging.debug", "logging.warning"})
    _PURE_BUILTINS = frozenset({"list", "tuple", "map", "int", "float", "str", "bool", "len", "range", "sorted",
                                "vars", "print", "min", "max", "dict", "set", "isinstance"})

    def _after_parsing(self, name: str, expression: cst.CSTNode, namespace: "argparse_model.Namespace",
                       scope: Scope) -> None:
        """`args = parser.parse_args()` at module level, then the module's own post-processing run
        on it, as importing the module does: `args.scale = list(map(int, args.scale.split('+')))`,
        `template.set_template(args)`, `for arg in vars(args): ...`. A statement that changes the
        namespace in a way not followed leaves every option unknown; so does one in a function of
        the module, and an option such a function sets (`def main(): args.width = 8`) is unknown
        where read as the module left it."""
        parsed = scope.parsed
        if parsed is None:
            return
        try:
            self._post_processed(name, expression, namespace, scope)
        finally:
            self._changed_by_functions(name, expression, namespace, parsed)

    def _changed_by_functions(self, name: str, expression: cst.CSTNode, namespace: "argparse_model.Namespace",
                              parsed) -> None:
        from convlint.evaluator.namespace_changes import changes_by_module_code

        changes = changes_by_module_code(parsed.module, name, expression)
        if changes.unseen is not None:
            argparse_model.spoil(namespace, f"{name} is changed on line {self.span(changes.unseen).line} "
                                            "in a way not followed")
            return
        for option, node in changes.options.items():
            namespace.attrs[option] = Unknown(f"{name}.{option} is set on line {self.span(node).line}")

    def _post_processed(self, name: str, expression: cst.CSTNode, namespace: "argparse_model.Namespace",
                        scope: Scope) -> None:
        from convlint.evaluator.namespace_changes import is_name, namespace_changes

        parsed = scope.parsed
        body = parsed.module.body
        start = next((i for i, statement in enumerate(body)
                      if any(node is expression for node in walk_statements(statement))), None)
        if start is None:
            return
        for statement in body[start + 1:]:
            if isinstance(statement, cst.If) and "__name__" in parsed.module.code_for_node(statement.test):
                continue  # the main guard: not run on import
            nodes = list(walk_statements(statement))
            if name in _rebound_names(nodes):
                return
            calls = [node for node in nodes if isinstance(node, cst.Call)]
            given = [call for call in calls if any(isinstance(arg.value, cst.Name) and arg.value.value == name
                                                   for arg in call.args)
                     and not (isinstance(call.func, cst.Name) and call.func.value in self._READ_ONLY_USES)
                     and not (isinstance(call.func, cst.Attribute)
                              and parsed.module.code_for_node(call.func) in self._READ_ONLY_CALLS)]
            line = self.span(statement).line
            changes = namespace_changes(nodes, is_name(name))
            if changes.unseen is not None:  # `args.__dict__.update(cfg)`, `vars(args).update(cfg)`
                argparse_model.spoil(namespace, f"{name} is changed on line {line} in a way not followed")
                return
            if not given and not changes.any():
                continue  # reads it (`device = torch.device(args.device)`): evaluated lazily when used
            # code not followed that is given the namespace may change any option; a value such
            # code returns (`opt.manualSeed = random.randint(1, 10000)`) is unknown where it is put
            if not all(self._followed_or_pure(call, name, scope) for call in given):
                argparse_model.spoil(namespace, f"{name} is changed on line {line} by code not followed")
                return
            # run apart from the model under analysis: its records, notes and step budget are its own
            analysis, steps, self.analysis = self.analysis, self.steps, None
            self.post_processing += 1
            try:
                self.exec_statement(statement, scope)
            except Exception:  # not followed to its end (or too long): nothing of the namespace is certain
                argparse_model.spoil(namespace, f"{name} is changed on line {line} in a way not followed")
                return
            finally:
                self.post_processing -= 1
                self.analysis, self.steps = analysis, steps

    def _followed_or_pure(self, call: cst.Call, name: str, scope: Scope) -> bool:
        """A call post-processing may make: a project function (followed), a builtin that changes
        nothing, a method of a value (`args.scale.split('+')`, `'x'.join(...)`)."""
        func = call.func
        if isinstance(func, cst.Name) and (func.value in self._PURE_BUILTINS or func.value == "setattr"):
            return True  # (setattr: the interpreter sets the option, by a name it knows or not at all)
        if isinstance(func, cst.Attribute) and not any(
                isinstance(arg.value, cst.Name) and arg.value.value == name for arg in call.args):
            root = func.value
            while isinstance(root, (cst.Attribute, cst.Subscript, cst.Call)):
                root = root.func if isinstance(root, cst.Call) else root.value
            if isinstance(root, (cst.SimpleString, cst.FormattedString)) or \
                    (isinstance(root, cst.Name) and root.value == name):
                return True
        try:
            callee = self._chain_value(func, scope)
        except Exception:
            return False
        # a project class (`model = Net(opt)`): its constructor is followed as a function's body is
        return isinstance(callee, (LocalFunction, BoundMethod, LocalLambda, LocalClass))

    def _star_imported(self, scope: Scope, name: str) -> Any:
        """A name from a `from module import *` of this module: a project file's own names, or
        a name inside torch; a star import of another package leaves it unknown."""
        key = (id(scope), "*" + name)
        if key in self.evaluating:
            self.star_cycles.add(key)
            return MISSING
        self.evaluating.add(key)
        try:
            for star in reversed(scope.stars):  # the last import of a name wins
                if isinstance(star, TorchRef):
                    if canonical_name(star.qualified).split(".")[0] == "torch":
                        return star.attribute(name)
                    if not star_exports_may_bind(star.qualified, name):
                        continue  # `from torchvision.transforms import *` binds no `ConvBlock`
                    if name in FASTCORE_HELPERS and star.qualified.split(".")[0] in ("fastai", "fastcore"):
                        return Builtin(name)  # `listify` of `from fastai.core import *`: fastcore's
                    if layer_spec(f"{star.qualified}.{name}") is not None:
                        return star.attribute(name)  # `Rearrange` of `from einops.layers.torch import *`
                    if star.qualified.split(".")[0] == "fastai" and layer_spec(f"fastai.layers.{name}") is not None:
                        # fastai's modules star-import one another: its `Flatten` is fastai.layers' wherever read
                        return TorchRef(f"fastai.layers.{name}")
                    return Unknown(f"{name} may come from `from {star.qualified} import *`")
                unit = self.imports.load(star.path, self)
                if unit is None:
                    continue
                previous = self._enter_module(unit)
                try:
                    found = self.global_value(name)
                finally:
                    self._leave_module(previous)
                if isinstance(found, Deferred):
                    found = self._resolve_import(found)
                cycled = key in self.star_cycles
                self.star_cycles.discard(key)
                if isinstance(found, Unknown) and cycled:
                    # that module imports the name back from this one (`from pkg import Base` in
                    # pkg/net.py, star-imported by pkg/__init__.py after `from .base import *`):
                    # as Python runs it, what the earlier star imports bound is what it gets
                    continue
                if found is not MISSING:
                    return found
            return MISSING
        finally:
            self.evaluating.discard(key)
            self.star_cycles.discard(key)

    def model_classes(self) -> list[LocalClass]:
        """Module-level classes that subclass nn.Module (directly or through local bases), and the
        module classes nested in a module-level class (`Outer.Up2`, named so): models of their own."""
        found: list[LocalClass] = []

        def add(cls: LocalClass) -> None:
            if cls in found:
                return
            if self.is_module_class(cls):  # (which prepares its namespace: the classes it nests)
                found.append(cls)
            for value in list(cls.namespace.values()):
                if isinstance(value, LocalClass) and value.node in _nested_class_nodes(cls.node):
                    add(value)

        for value in list(self.module_scope.names.values()):
            if isinstance(value, LocalClass) and value.scope is self.module_scope:
                add(value)
        return found

    def is_module_class(self, cls: LocalClass) -> bool:
        self._prepare_class(cls)
        for klass in cls.mro():
            for base in klass.bases:
                if isinstance(base, TorchRef) and (
                    canonical_name(base.qualified) in MODULE_BASES or base.qualified in LIBRARY_MODULE_BASES
                    or is_torch_layer_class(base.qualified)
                    or private_layer_base(base.qualified) is not None
                ):
                    return True
        return False

    def _prepare_class(self, cls: LocalClass) -> None:
        if cls.namespace or cls.bases:
            return
        cls.namespace["__prepared__"] = True
        previous = self._enter_module(cls.scope)
        try:
            self._prepare_class_body(cls)
        finally:
            self._leave_module(previous)

    def _prepare_class_body(self, cls: LocalClass) -> None:
        # `class SpectralNorm(object)`: Python 2's spelling of no base, unless the file rebinds `object`
        cls.bases = [self.eval(arg.value, cls.scope) for arg in cls.node.bases if arg.keyword is None
                     and not (isinstance(arg.value, cst.Name) and arg.value.value == "object"
                              and "object" not in cls.scope.names and self.global_value("object") is MISSING)]
        for base in cls.bases:
            if isinstance(base, LocalClass):
                self._prepare_class(base)
        body = cls.node.body.body if isinstance(cls.node.body, cst.IndentedBlock) else ()
        class_scope = Scope(cls.scope)
        for statement in body:
            # (each name the body binds is seen by the statements after it: `forward = _forward_impl`)
            if isinstance(statement, cst.FunctionDef):
                cls.namespace[statement.name.value] = class_scope.names[statement.name.value] = LocalFunction(
                    statement, cls.scope, statement.name.value, LocalFunction.kind_of(statement))
            elif isinstance(statement, cst.ClassDef):  # `self.Inner(...)`: a class of the class's namespace
                # (named as Python's __qualname__: `Outer.Inner` is how a user names it)
                cls.namespace[statement.name.value] = class_scope.names[statement.name.value] = LocalClass(
                    statement, cls.scope, name=f"{cls.name}.{statement.name.value}")
            elif isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, (cst.Assign, cst.AnnAssign)):
                        try:
                            self._exec_small(small, class_scope)
                        except (_Return, _Break, _Continue):
                            pass
                cls.namespace.update(class_scope.names)

    # ----------------------------------------------------------------- diagnostics support
    def span(self, node: cst.CSTNode) -> Span:
        return self.parsed.span_of(node)

    def unresolved(self, node: cst.CSTNode, why: str) -> None:
        if self.analysis is not None:
            self.unresolved_at(self.span(node), why)
        else:
            self.unresolved_calls += 1

    def unresolved_at(self, span: Span, why: str) -> None:
        self.unresolved_calls += 1  # (listed once, a block run 20 times still says so each time)
        if self.analysis is not None and len(self.analysis.unresolved) < 200:
            if not any(u.why == why and u.span == span for u in self.analysis.unresolved):  # a block run 20 times: once
                self.analysis.unresolved.append(Unresolved(span, why))

    def assume(self, what: str) -> None:
        """Record a value taken on an assumption the user should see (-v, JSON)."""
        if self.post_processing:
            return  # an option the options module reads for itself: the model's reads say what it takes
        if self.analysis is not None and what not in self.analysis.assumed:
            self.analysis.assumed.append(what)

    def _tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise BudgetExceeded(f"stopped after {MAX_STEPS:,} evaluation steps")

    # ----------------------------------------------------------------- statements
    def exec_block(self, body: cst.BaseSuite, scope: Scope) -> None:
        statements = body.body if isinstance(body, cst.IndentedBlock) else (body,)
        for statement in statements:
            self.exec_statement(statement, scope)

    def exec_statement(self, statement: cst.CSTNode, scope: Scope) -> None:
        self._tick()
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                self._exec_small(small, scope)
        elif isinstance(statement, cst.If):
            self._exec_if(statement, scope)
        elif isinstance(statement, cst.For):
            self._exec_for(statement, scope)
        elif isinstance(statement, cst.While):
            self._exec_while(statement, scope)
        elif isinstance(statement, (cst.Try, cst.TryStar)):
            fallback = self._import_fallback(statement)
            if fallback is not None:
                self.exec_block(fallback.body, scope)
                return
            if self._try_until_unbound(statement, scope):
                return
            self.try_depth += 1
            try:
                self.exec_block(statement.body, scope)
            finally:
                self.try_depth -= 1
            if statement.orelse is not None:
                self.exec_block(statement.orelse.body, scope)
            if statement.finalbody is not None:
                self.exec_block(statement.finalbody.body, scope)
        elif isinstance(statement, cst.With):
            for item in statement.items:
                value = self.eval(item.item, scope)
                if item.asname is not None:
                    self.assign(item.asname.name, Unknown("a context manager's value"), scope)
                del value
            self.exec_block(statement.body, scope)
        elif isinstance(statement, cst.FunctionDef):
            scope.names[statement.name.value] = LocalFunction(statement, scope, statement.name.value)
        elif isinstance(statement, cst.ClassDef):
            scope.names[statement.name.value] = LocalClass(statement, scope, name=statement.name.value)
        else:
            self.unresolved(statement, f"{type(statement).__name__} statements are not followed")

    def _exec_small(self, small: cst.CSTNode, scope: Scope) -> None:
        if isinstance(small, cst.Expr):
            self.eval(small.value, scope)
        elif isinstance(small, cst.Assign):
            saved = self.unpacked_into
            self.unpacked_into = (small.value, _names_unpacked_into(small))
            try:
                value = self.eval(small.value, scope)
            finally:
                self.unpacked_into = saved
            if self.argument_overrides and self.span(small.value) in self.argument_overrides:
                value = self._overridden(self.span(small.value), value)  # a trial edit of what the name is bound to
            single = small.targets[0].target if len(small.targets) == 1 else None
            copied, before = (self._update_read(small.value, scope), self._update_read(single, scope)) \
                if single is not None else (None, None)
            for target in small.targets:
                self.assign(target.target, value, scope)
            if len(small.targets) == 1:
                self._note_update(small.targets[0].target, small.value, value, scope, before=before, copied=copied)
            if len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                scope.written[small.targets[0].target.value] = (small.value, value)
                # `in_c = out_c` of a loop over a width list: in_c holds out_c's element on (the next block's input)
                read = scope.items_read.get(small.value.value) if type(small.value) is cst.Name else None
                if read is not None and scope.names.get(small.value.value, MISSING) is read[1]:
                    scope.items_read[small.targets[0].target.value] = read
                else:
                    scope.items_read.pop(small.targets[0].target.value, None)
                if any(type(n) is cst.Name and n.value == small.targets[0].target.value  # (no ABC isinstance)
                       for n in _walked(small.value, self.walk_cache)):
                    _note_binder(scope, small.value)  # `channels = channels * 2`: a running count
            elif len(small.targets) == 1 and isinstance(small.targets[0].target, (cst.Tuple, cst.List)) \
                    and isinstance(small.value, (cst.Tuple, cst.List)) and isinstance(value, (tuple, list)) \
                    and len(small.targets[0].target.elements) == len(small.value.elements) == len(value):
                # `inp, outp, stride = input_channel // 2, output_channel, 1`: each name written by its item
                for target, item, held in zip(small.targets[0].target.elements, small.value.elements, value):
                    if isinstance(target, cst.Element) and isinstance(target.value, cst.Name) \
                            and isinstance(item, cst.Element):
                        scope.written[target.value.value] = (item.value, held)
                        if self.analysis is not None:
                            self.analysis.unpacked.add(self.span(item.value))
            elif len(small.targets) == 1 and isinstance(small.targets[0].target, (cst.Tuple, cst.List)) \
                    and isinstance(value, (tuple, list)):
                # `fn, dim = model_dict[name]` of `model_dict = {'resnet50': [resnet50, 2048], ...}`:
                # each name written by its item of the entry read
                entry = self._registry_entry(small.value, scope)
                elements = small.targets[0].target.elements
                if entry is not None and len(entry.elements) == len(elements) == len(value):
                    for target, item, held in zip(elements, entry.elements, value):
                        # (a number as the literal writes it: not an entry changed since)
                        if isinstance(target, cst.Element) and isinstance(target.value, cst.Name) \
                                and isinstance(item, cst.Element) and isinstance(item.value, cst.Integer) \
                                and type(held) is int and int(item.value.value, 0) == held:
                            scope.written[target.value.value] = (item.value, held)
            elif len(small.targets) == 1 and isinstance(small.value, cst.Name) and isinstance(value, int):
                self._note_attribute_origin(small.targets[0].target, small.value, value, scope)
            if len(small.targets) == 1 and isinstance(small.targets[0].target, (cst.Tuple, cst.List)) \
                    and isinstance(small.value, cst.Name) and type(value) in (list, tuple) \
                    and len(value) == len(small.targets[0].target.elements):
                # `self.N0, self.D0 = in_capsules`: each attribute holds a number of the argument, whose
                # caller wrote it (a capsule weight sized by them is blamed there)
                for target, held in zip(small.targets[0].target.elements, value):
                    if isinstance(target, cst.Element) and type(held) is int:
                        self._note_attribute_origin(target.value, small.value, held, scope)
            if len(small.targets) == 1 and isinstance(small.targets[0].target, (cst.Tuple, cst.List)) \
                    and not isinstance(small.value, (cst.Tuple, cst.List)) and type(value) in (list, tuple):
                # `cin, cout, k = cfg[-1]`, `depth, cin, cout = dims` of a row written as a literal
                # (here or by a caller): each name written at the row's number
                self._note_row_read(small.targets[0].target, value, scope)
            if len(small.targets) == 1 and (key := _attribute_key(small.targets[0].target)) is not None:
                scope.written[key] = (small.value, value)  # `self.concat_filters1 = 32 * 8 * 2`
        elif isinstance(small, cst.AnnAssign):
            if small.value is not None:
                self.assign(small.target, self.eval(small.value, scope), scope)
        elif isinstance(small, cst.AugAssign):
            current = self.eval(small.target, scope)
            before = self._update_read(small.target, scope)
            operand = self.eval(small.value, scope)
            operator = type(small.operator).__name__.removesuffix("Assign")
            result = self.binary(operator, current, operand, small, in_place=True)
            if self.argument_overrides and self.span(small.value) in self.argument_overrides:
                result = self._overridden(self.span(small.value), result)  # a trial edit of the count it gives
            self.assign(small.target, result, scope)
            self._note_update(small.target, small.value, result, scope, operator=operator, before=before)
            if isinstance(small.target, cst.Name):
                # `num_planes += nblocks[1] * growth_rate`: a count is written here as much as where first bound
                scope.written[small.target.value] = (small.value, result)
                _note_binder(scope, small.value)
        elif isinstance(small, cst.Return):
            raise _Return(None if small.value is None else self.eval(small.value, scope))
        elif isinstance(small, (cst.Import, cst.ImportFrom)):
            self._import(small, scope)
        elif isinstance(small, cst.Break):
            raise _Break()
        elif isinstance(small, cst.Continue):
            raise _Continue()
        elif isinstance(small, cst.Raise):
            raise _Return(RAISES)
        elif isinstance(small, cst.Del):
            self._delete(small.target, scope)
        elif isinstance(small, cst.Assert):
            listed = len(self.analysis.unresolved) if self.analysis is not None else 0
            condition = self.eval(small.test, scope)
            if self.analysis is not None:  # a check not decided stops nothing: what it could not follow is no news
                del self.analysis.unresolved[listed:]
            failed = self.analysis.failed_assert if self.analysis is not None else None
            self.check_assertion(condition, small)
            if self.analysis is not None and failed is None and self.analysis.failed_assert is not None:
                self.analysis.failed_size = self._asserted_dim(small, scope)
                self.analysis.failed_condition = self._condition_read(small.test, scope)
            if isinstance(condition, Unknown):
                self.note_asserted_size(small.test, small)
            if self.speculation and self.truth(condition) is False:
                # a path of a condition not known that surely fails its assert raises there, as a
                # `raise` would (WaveNet's `if c is not None: assert self.conv1x1c is not None` in a
                # block built without conditioning): what it would have changed is not kept
                raise _Return(RAISES)
            if isinstance(condition, Unknown):
                self._length_asserted(small.test, scope)
        elif isinstance(small, (cst.Pass, cst.Global, cst.Nonlocal)):
            pass
        else:
            self.unresolved(small, f"{type(small).__name__} is not followed")

    def _length_asserted(self, test: cst.BaseExpression, scope: Scope) -> None:
        """`assert len(self.hidden) == len(self.strides)` with `strides` an argument not known: past
        the assert it is a list of that many values not known (CLMR's SampleCNN zips the two), so a
        loop over it runs that many times."""
        if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
                and isinstance(test.comparisons[0].operator, cst.Equal)):
            return
        sides = (test.left, test.comparisons[0].comparator)
        for side, other in zip(sides, sides[::-1]):
            target, count = _len_of(side), self._asserted_length(other, scope)
            if not (isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= 64) \
                    or not isinstance(target, (cst.Name, cst.Attribute)):
                continue
            if isinstance(self.eval(target, scope), (Unknown, Sym)):
                self.assign(target, [Unknown("an item of a list only its length is known of")] * count, scope)
            return

    def _asserted_length(self, side: cst.BaseExpression, scope: Scope) -> Any:
        """The int a side of an asserted comparison is (`len(self.hidden)` of a known list, `9`)."""
        inner = _len_of(side)
        value = self.eval(inner if inner is not None else side, scope)
        if inner is None:
            return value if isinstance(value, int) else None
        return len(value) if isinstance(value, (list, tuple)) else None

    def _import(self, node: cst.Import | cst.ImportFrom, scope: Scope) -> None:
        """Imports bind qualified names; a module of the linted project binds its file, which is
        analysed when a name of it is first used (third-party modules stay names: Unknown)."""
        if isinstance(node, cst.Import):
            for alias in node.names:
                dotted = dotted_name(alias.name)
                local_file = self.imports.find(dotted, 0, self.parsed)
                if local_file is not None:
                    self.imports.note_sys_path_edits(local_file)
                if alias.asname is not None:
                    bound = Deferred(local_file, None) if local_file else TorchRef(dotted)
                    scope.names[alias.asname.name.value] = bound
                else:
                    top = dotted.split(".")[0]
                    top_file = self.imports.find(top, 0, self.parsed)
                    scope.names[top] = Deferred(top_file, None) if top_file else TorchRef(top)
            return
        if isinstance(node.names, cst.ImportStar):
            # `from .unet_parts import *`: names not bound here are looked up there, in order
            level = len(node.relative)
            module = dotted_name(node.module) if node.module is not None else ""
            local_file = self.imports.find(module, level, self.parsed)
            scope.stars.append(Deferred(local_file, None) if local_file is not None else TorchRef(module))
            return
        level = len(node.relative)
        module = dotted_name(node.module) if node.module is not None else ""
        local_file = self.imports.find(module, level, self.parsed)
        if local_file is not None:
            self.imports.note_sys_path_edits(local_file)
        prefix = "." * level + module
        for alias in node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname is not None else name
            if local_file is not None:
                scope.names[local] = Deferred(local_file, name)
            elif level and module == "":
                submodule = self.imports.find(name, level, self.parsed)
                scope.names[local] = Deferred(submodule, None) if submodule else TorchRef(f"{prefix}{name}")
            elif (member := self.imports.namespace_member(module, name, level, self.parsed)) is not None:
                scope.names[local] = Deferred(member, None)  # a submodule of a folder with no __init__.py
            else:
                ref = TorchRef(f"{prefix}.{name}" if not prefix.endswith(".") else f"{prefix}{name}")
                scope.names[local] = self.library_name(ref) if standin(ref.qualified) is not None else ref

    def import_by_name(self, dotted: str) -> Any:
        """`__import__('argparse')`, `__import__('option')`: the top package, as `import` binds it."""
        top = dotted.split(".")[0]
        found = self.imports.find(top, 0, self.parsed)
        return self._resolve_import(Deferred(found, None)) if found else TorchRef(top)

    def _decided_test(self, test: cst.BaseExpression, scope: Scope) -> tuple:
        """(the alternatives a choice test splits, what holds when it is true, when false, its
        truth: True, False or None) of an `if` or conditional expression's test; a test that is no
        choice gives (None, None, None, its truth)."""
        self.branch_tests += 1  # (a further input compared here is a number or a string: no tensor's truth is one)
        try:
            chosen = self.choice_test(test, scope)
            if chosen is None:
                return None, None, None, self.truth(self.eval(test, scope))
        finally:
            self.branch_tests -= 1
        alternatives, when_true, when_false = chosen
        return alternatives, when_true, when_false, \
            True if when_false is NO_PATH else False if when_true is NO_PATH else None

    def _exec_if(self, statement: cst.If, scope: Scope) -> None:
        if self.constructions_read is not None and (split := _equalities_split(statement)) is not None:
            # `if name == "a" or name == "b":` read for its constructions: each equality a path of its own
            self._exec_if(split, scope)
            return
        if self._zero_guard(statement, scope):
            return
        alternatives, when_true, when_false, condition = self._decided_test(statement.test, scope)
        orelse = statement.orelse
        if condition is True:
            self._touch_untaken(orelse, scope)
            self.exec_block(statement.body, scope)
        elif condition is False:
            self._touch_untaken(statement.body, scope)
            if isinstance(orelse, cst.If):
                self._exec_if(orelse, scope)
            elif orelse is not None:
                self.exec_block(orelse.body, scope)
        else:
            # Unknown condition: run both paths on copies and keep what they agree on.
            both_followed = "a condition not known statically: both paths followed, what they disagree on is unknown"
            # `if x.dim() == 5:` of a tensor whose rank is not known: that path runs with the rank
            # fixed, and counts as running where the first layer the tensor reaches takes it
            ranked = self._rank_test(statement.test, scope)
            input_ranked = self._input_rank_test(statement.test, scope) if ranked is None else None
            if ranked is None and input_ranked is None:
                self.unresolved(statement.test, both_followed)
            before = dict(scope.names)
            contents = {name: _contents(value) for name, value in before.items() if isinstance(value, (list, dict))}
            # `self.features.append(Block(...))` in each branch: a list an attribute holds, changed in place
            held = {(id(owner), attribute): (owner, _contents(value)) for owner in before.values()
                    if isinstance(owner, (ModuleNode, Instance)) for attribute, value in owner.attrs.items()
                    if isinstance(value, (list, dict))}
            # `layers.append(MyConv(c, c2) if ... else nn.Conv2d(c, c2, 3))` spelled as an if: each
            # path starts from the list as it was, and leaves its own items (_lists_joined)
            lists = {id(value): (value, list(value)) for value in
                     [*before.values(), *(owner.attrs.get(attribute) for (_, attribute), (owner, _) in held.items())]
                     if isinstance(value, list)} if ranked is None and input_ranked is None else {}
            items_after: list[dict] = []
            returned: list[Any] = []
            outcomes: list[dict | None] = []
            changes: list[dict] = []
            recorded: list[tuple[int, int, int, int]] = []  # each path's calls and ops, as index ranges
            ranked_path = None if ranked is None else 0 if ranked[2] else 1
            fixed = None if ranked is None else _with_rank(ranked[0], ranked[1])
            path_returned: list[Any] = [MISSING, MISSING]
            unfollowed: list[int] = []  # code each path left not followed
            failures: list[int | None] = []  # the op each path surely fails at, once it runs
            broke: list[dict | None] = [None, None]  # the names of each path that left its loop by `break`
            for path, (branch, narrowed) in enumerate(((statement.body, when_true), (orelse, when_false))):
                with self.speculating() if path != ranked_path else self.rank_fixed(ranked[0], fixed):
                    scope.names = dict(before)
                    for value, items in lists.values():
                        value[:] = items
                    if path == 0 and self.constructions_read is not None \
                            and (pinned := _pinned_by_equality(statement.test, before)) is not None:
                        scope.names[pinned[0]] = pinned[1]  # `if name == "small":` of a name not known: there, it is
                    self.journals.append(Journal())
                    marks = self._recorded()
                    unfollowed_before = self.unfollowed_code
                    rest_before = scope.rest_speculative
                    with self.narrowing(alternatives, narrowed):
                        try:
                            if isinstance(branch, cst.If):
                                self._exec_if(branch, scope)
                            elif isinstance(branch, cst.Else):
                                self.exec_block(branch.body, scope)
                            elif branch is not None:
                                self.exec_block(branch, scope)
                            outcomes.append(scope.names)
                        except _Return as result:  # this path leaves the function
                            returned.append(result.value)
                            path_returned[path] = result.value
                            outcomes.append(None)
                        except _Break:
                            broke[path] = scope.names  # what holds where it breaks
                            outcomes.append(None)
                        except _Continue:
                            outcomes.append(None)
                        finally:
                            items_after.append({key: list(value) for key, (value, _) in lists.items()})
                            changes.append(self._undo(self.journals.pop()))
                            recorded.append((*marks, *self._recorded()))
                            unfollowed.append(self.unfollowed_code - unfollowed_before)
                            failures.append(self._failure_met(marks[1], rest_before, scope))
            if ranked_path is not None:
                rank = ranked[1]
                if not self._rank_taken(recorded[ranked_path], fixed):
                    self._mark_speculative(*recorded[ranked_path][:2])  # a rank the code does not take
                elif not self._reaches_a_ranked_layer(recorded[1 - ranked_path]) and not unfollowed[1 - ranked_path] \
                        and (outcomes[ranked_path] is not None or path_returned[ranked_path] is not MISSING):
                    # the other path (`return x` for any other rank) fixes no rank: the model's input
                    # is the one its layers take
                    self.unresolved(statement.test, f"a test of the number of dims not known statically: the path "
                                                    f"of {rank} dims, that its first layer takes, followed; the other "
                                                    "reaches no layer that fixes the number")
                    self._mark_speculative(*recorded[1 - ranked_path][:2])
                    self._merge_objects(changes, [path == ranked_path for path in range(2)])
                    if outcomes[ranked_path] is None:
                        raise _Return(path_returned[ranked_path])
                    scope.names = outcomes[ranked_path]
                    return
                self.unresolved(statement.test, both_followed)
            if input_ranked is not None:
                if self._normalised_rank_kept(statement.test, scope, input_ranked, outcomes, changes):
                    return
                self.unresolved(statement.test, both_followed)
            if (broke[0] is None) != (broke[1] is None):  # the loop may stop here, or go on
                if self.loop_breaks:
                    self.loop_breaks[-1].append(broke[0] if broke[1] is None else broke[1])
            self._keep_what_both_paths_run(*recorded)
            if ranked is None and input_ranked is None:  # (a path run with a rank fixed is a guess)
                self._keep_failures_of_both_paths(failures)
            first, second = outcomes
            self._merge_objects(changes, [outcome is not None or not returned for outcome in outcomes])
            if first is None and second is None:
                for key, (value, items) in lists.items():  # (each path's appends, one after the other)
                    done, also = items_after[0][key], items_after[1][key]
                    value[:] = [*done, *also[len(items):]] if all(a is b for a, b in zip(also, items)) \
                        and len(also) >= len(items) else also
            if first is None and second is None and not returned:
                if broke[0] is not None and broke[1] is not None:
                    raise _Break()  # both paths break: the loop stops here, surely
                raise _Continue()  # one breaks (noted), the other continues
            if first is None and second is None:
                values = [value for value in returned if value is not RAISES] or returned
                raise _Return(join_values(values))
            if first is None or second is None:
                for key, (value, _) in lists.items():  # as the path that goes on left it
                    value[:] = items_after[0 if second is None else 1][key]
                self._forget_lists_changed(held)
                scope.names = first if second is None else second
                if returned != [RAISES] and self.analysis is not None and scope.rest_speculative is None:
                    # the rest of the function runs only when the condition goes the other way
                    scope.rest_speculative = (len(self.analysis.calls), len(self.analysis.ops))
                return
            scope.names = {
                name: join_values([self._settled(first.get(name, MISSING)), self._settled(second.get(name, MISSING))])
                for name in {**first, **second}
            }
            joined = {key for key, (value, items) in lists.items()
                      if _lists_joined(value, items, [after[key] for after in items_after])}
            changed = {key for key, (_, items) in lists.items() if key not in joined and any(
                len(after[key]) != len(items) or any(a is not b for a, b in zip(after[key], items))
                for after in items_after)}  # (the last path's items left in it: forgotten below)
            for name, snapshot in contents.items():  # changed in place on one path only, maybe
                value = scope.names.get(name)
                if isinstance(value, (list, dict)) and id(value) not in joined \
                        and (_contents(value) != snapshot or id(value) in changed):
                    scope.names[name] = Unknown("changed under a condition not known statically")
            self._forget_lists_changed({key: value for key, value in held.items()
                                        if id(value[0].attrs.get(key[1])) not in joined}, changed)

    def _zero_guard(self, statement: cst.If, scope: Scope) -> bool:
        """`if inter == 0: inter = 1` of a width of constructor arguments (`in_channels // 2`, a
        non-local block's): the width becomes max(inter, 1), a width of its own, taken as an argument
        apart from those it is made of (any whole number >= 1), so that a mismatch proved for every
        value of it holds for the values the model reaches, where both paths joined would leave it
        unknown. Whether it was done."""
        guarded = _zero_guarded(statement)
        if guarded is None:
            return False
        target, floor = guarded
        value = self.eval(target, scope)
        if not isinstance(value, Sym) or not (is_width(value) or symbolic.arguments_sum(value)) \
                or "*" in str(value):
            return False
        self.unresolved(statement.test, f"`if {cst.Module([]).code_for_node(statement.test)}:` guards a width of the "
                                        f"constructor's arguments: taken as max({value}, {floor}), a width of its own")
        self.assign(target, Sym(f"max({value},{floor})"), scope)
        return True

    def _settled(self, value: Any) -> Any:
        """A path's value before the paths join: the symbolic input as the layers of either path have
        settled it by now (read on one path before the other's first layer gave it its rank)."""
        return tensor_ops.settled(self, value) if isinstance(value, Tensor) else value

    def _forget_lists_changed(self, held: dict, changed: set = frozenset()) -> None:
        """A list or dict an attribute holds, changed in place on the paths of a condition not known
        statically (or one of the lists `changed`): each path's items were added to the one list, so
        what it holds is not known."""
        for (_, attribute), (owner, snapshot) in held.items():
            value = owner.attrs.get(attribute)
            if isinstance(value, (list, dict)) and (_contents(value) != snapshot or id(value) in changed):
                self.note_change(owner)
                owner.attrs[attribute] = Unknown("changed in place under a condition not known statically")

    # ----------------------------------------------------------------- paths that may not run
    def _rank_test(self, test: cst.BaseExpression, scope: Scope) -> tuple[Tensor, int, bool] | None:
        """(the tensor, k, whether the body is the path of k dims) of a test `x.dim() == k`,
        `x.ndim != k`, `len(x.shape) == k` of a tensor whose rank is not known (not the model's
        symbolic input, whose rank its first layer settles on a second run); None for any other."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
                or not isinstance(test.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            return None
        left, right = test.left, test.comparisons[0].comparator
        if isinstance(left, cst.Integer):
            left, right = right, left
        if not isinstance(right, cst.Integer):
            return None
        subject = _rank_subject(left)
        if subject is None:
            return None
        tensor = self.eval(subject, scope)
        rank = self.eval(right, scope)
        if type(tensor) is not Tensor or tensor.placeholder or tensor.free is not None \
                or tensor.shape.dims is not None or not isinstance(rank, int) or not 0 < rank <= 8:
            return None
        return tensor, rank, isinstance(test.comparisons[0].operator, cst.Equal)

    def _input_rank_test(self, test: cst.BaseExpression, scope: Scope) -> tuple[Tensor, int, bool] | None:
        """(the input, k, whether the body is the path of k dims) of a test `x.dim() == k`,
        `len(x.shape) != k` of the model's symbolic input before any layer gave it its rank; None
        for any other."""
        if self.analysis is None or not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
                or not isinstance(test.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            return None
        left, right = test.left, test.comparisons[0].comparator
        if isinstance(left, cst.Integer):
            left, right = right, left
        subject = _rank_subject(left) if isinstance(right, cst.Integer) else None
        if subject is None:
            return None
        tensor, rank = self.eval(subject, scope), self.eval(right, scope)
        if type(tensor) is not Tensor or not tensor.placeholder or tensor.shape.dims is not None \
                or not isinstance(rank, int) or not 0 < rank <= 8:
            return None
        return tensor, rank, isinstance(test.comparisons[0].operator, cst.Equal)

    def _normalised_rank_kept(self, test: cst.BaseExpression, scope: Scope, input_ranked: tuple,
                              outcomes: list, changes: list) -> bool:
        """`if len(x.shape) == 2: x = x.unsqueeze(1)` (`if x.dim() != 3:`) of the input before its
        first layer: one path makes the input another tensor, the other leaves it as it came, of
        the rank its first layer takes. That path is followed, the input known to be of k dims or
        of any other as that path says (settled by the layer, or not at all where the layer takes
        none of those), so that what the layers after it give is known; the model runs again on
        the dims its first layer settled on, where the test is decided. Whether it was."""
        tensor, rank, body_is_rank = input_ranked
        if any(outcome is None for outcome in outcomes):
            return False
        untouched = [[name for name, value in outcome.items() if value is tensor] for outcome in outcomes]
        kept = next((path for path in range(2) if untouched[path]
                     and any(outcomes[1 - path].get(name, MISSING) is not tensor for name in untouched[path])), None)
        if kept is None:
            return False
        of_the_rank = (kept == 0) == body_is_rank
        self.unresolved(test, f"a test of the number of dims of the input before any layer fixed it: the path of "
                              f"{'' if of_the_rank else 'other than '}{rank} dims followed, that leaves the input "
                              "as it came, for its first layer")
        self._merge_objects(changes, [path == kept for path in range(2)])
        as_tested = tensor_ops.deferred(tensor, ("rank", rank, of_the_rank))
        scope.names = {name: as_tested if value is tensor else value for name, value in outcomes[kept].items()}
        return True

    @contextmanager
    def rank_fixed(self, tensor: Tensor, fixed: Tensor):
        """The path of a rank test: every read of the tensor there is `fixed`, its rank known."""
        with _entry_for_the_path(self.ranked, id(tensor), (tensor, fixed)):
            yield

    def _rank_taken(self, recorded: tuple, fixed: Tensor) -> bool:
        """Whether the first torch layer that the tensor of a rank test's path reaches as it came
        there (its read, or a copy of the same shape) takes that many dims."""
        analysis = self.analysis
        if analysis is None:
            return False
        for call in analysis.calls[recorded[0]:recorded[2]]:
            if call.node.children or isinstance(call.node.cls, LocalClass) or call.input.shape.dims is None:
                continue
            if call.input is fixed or call.input.shape is fixed.shape:
                ranks = layers.accepted_ranks(call.record)
                return ranks is not None and len(fixed.shape.dims) in ranks
        return False

    def _reaches_a_ranked_layer(self, recorded: tuple) -> bool:
        """Whether a path ran a torch layer that takes only some ranks (a conv, a pool, a norm)."""
        analysis = self.analysis
        return analysis is not None and any(
            not call.node.children and layers.accepted_ranks(call.record) is not None
            for call in analysis.calls[recorded[0]:recorded[2]])

    @contextmanager
    def speculating(self):
        """Code under a condition not known statically: what forward() records there is marked
        speculative (it may not run), so it is never the ground of an error."""
        analysis = self.analysis
        calls, ops = (len(analysis.calls), len(analysis.ops)) if analysis is not None else (0, 0)
        self.speculation += 1
        try:
            yield
        finally:
            self.speculation -= 1
            if analysis is self.analysis:
                self._mark_speculative(calls, ops)

    @contextmanager
    def narrowing(self, alternatives: Alternatives | None, value: Any):
        """The path of a test that chose among an Alternatives' choices (`if self.downsample is None`):
        every read of it there is what the test left (the module, or None)."""
        if alternatives is None:
            yield
            return
        with _entry_for_the_path(self.narrowed, id(alternatives), (alternatives, value)):
            yield

    def choice_test(self, test: cst.BaseExpression, scope: Scope) -> tuple[Alternatives, Any, Any] | None:
        """`m is None`, `m is not None`, `m`, `not m` of a name or attribute that holds one of
        several modules, functions or None (`nn.Conv1d(...) if n_in != n_out else None`): the
        Alternatives and what it is where the test holds and where it fails, NO_PATH where no
        choice goes that way. Each choice decides the test as Python would; None when the test
        is of another form."""
        negated = False
        while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test, negated = test.expression, not negated
        subject, outcome = test, self.truth
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            operator = test.comparisons[0].operator
            sides = (test.left, test.comparisons[0].comparator)
            nones = [isinstance(side, cst.Name) and side.value == "None" for side in sides]
            if not isinstance(operator, (cst.Is, cst.IsNot, cst.Equal, cst.NotEqual)) or nones.count(True) != 1:
                return None
            subject = sides[nones.index(False)]
            if isinstance(operator, (cst.Is, cst.Equal)):
                outcome = lambda choice: choice is None  # noqa: E731 - a module is never == None
            else:
                outcome = lambda choice: choice is not None  # noqa: E731
        if not _is_name_chain(subject):
            return None
        alternatives = self.eval(subject, scope)
        if not isinstance(alternatives, Alternatives) or isinstance(alternatives, PerhapsSet):
            return None
        holds, fails = [], []
        for choice in alternatives.choices:
            if outcome == self.truth and isinstance(choice, ModuleNode) \
                    and (isinstance(choice.record, ContainerRecord) or choice.attrs.get("__container__")):
                return None  # an empty nn.Sequential() is false: its truth is its length
            truth = outcome(choice)
            if truth is None:
                return None
            (holds if truth != negated else fails).append(choice)
        return alternatives, _narrowed(alternatives, holds), _narrowed(alternatives, fails)

    def _recorded(self) -> tuple[int, int]:
        analysis = self.analysis
        return (len(analysis.calls), len(analysis.ops)) if analysis is not None else (0, 0)

    def _keep_what_both_paths_run(self, first: tuple, second: tuple) -> None:
        """A layer or op that both paths of a condition not known run, on the same shapes, runs
        whichever way it goes (`data_parallel(self.main, x)` or `self.main(x)`): it is certain,
        unless something outside this condition may not run."""
        analysis = self.analysis
        if analysis is None or self.speculation or any(frame.rest_speculative is not None for frame in self.frames):
            return

        def call_key(call: LayerCall) -> tuple:
            node = call.node
            who = (node.path, call.span) if node.functional else id(node)
            return who, repr(call.input.shape), repr(call.output.shape)

        def op_key(op: TensorOp) -> tuple:
            return op.op, op.span, tuple(repr(t.shape) for t in op.operands), repr(op.result.shape)

        for records, key, at in ((analysis.calls, call_key, 0), (analysis.ops, op_key, 1)):
            other = {key(record) for record in records[second[at]:second[at + 2]]}
            for index in range(first[at], first[at + 2]):
                if key(records[index]) in other:
                    records[index] = replace(records[index], speculative=False)

    def _failure_met(self, first_op: int, rest_before: tuple | None, scope: Scope) -> int | None:
        """The first op a path of a condition recorded that torch refuses (an add of 16 and 32
        channels) where the path surely reaches it once taken: recorded at the path's own level
        (a condition within the path marked its own ops speculative already), before any point
        from which the rest of the path may not run. None where the path fails nowhere certain."""
        analysis = self.analysis
        if analysis is None:
            return None
        last = len(analysis.ops)
        if scope.rest_speculative is not None and scope.rest_speculative is not rest_before:
            last = min(last, scope.rest_speculative[1])
        return next((index for index in range(first_op, last)
                     if analysis.ops[index].problem is not None and not analysis.ops[index].speculative), None)

    def _keep_failures_of_both_paths(self, failures: list) -> None:
        """Both paths of a condition not known statically fail, each at an op torch refuses: the
        code fails whichever way the condition goes, so each failure is certain where the
        condition is (what the paths disagree on stays unknown)."""
        analysis = self.analysis
        if analysis is None or len(failures) != 2 or None in failures or self.speculation \
                or any(frame.rest_speculative is not None for frame in self.frames):
            return
        for index in failures:
            analysis.ops[index] = replace(analysis.ops[index], speculative=False)

    def surely_runs_here(self) -> bool:
        """Whether what is recorded now surely runs: on no path of a condition not known (nor of a
        rank test), nor after one that may have left the function; never marked speculative later."""
        return self.speculation == 0 and not self.ranked \
            and not any(frame.rest_speculative is not None for frame in self.frames)

    def _mark_speculative(self, calls: int, ops: int) -> None:
        analysis = self.analysis
        if analysis is not None:
            analysis.calls[calls:] = [c if c.speculative else replace(c, speculative=True)
                                      for c in analysis.calls[calls:]]
            analysis.ops[ops:] = [o if o.speculative else replace(o, speculative=True) for o in analysis.ops[ops:]]

    def note_change(self, owner: Any) -> None:
        """Before an object's attributes change on a path that may not run: keep how they were."""
        if not isinstance(owner, (ModuleNode, Instance, AutogradContext, AttributeBag)):
            return  # a value not known (a module perhaps set, `setattr(self.module, ...)`): it keeps no state
        for journal in self.journals:
            if id(owner) not in journal and owner.made < journal.opened:  # made on the path: nothing to put back
                journal[id(owner)] = (owner, _object_state(owner))

    def _undo(self, journal: dict) -> dict:
        """Put back the objects one path changed; returns how that path left them."""
        after = {key: (owner, _object_state(owner), state) for key, (owner, state) in journal.items()}
        for owner, state in journal.values():
            _set_object_state(owner, state)
        return after

    def _merge_objects(self, changes: list[dict], kept: list[bool]) -> None:
        """Objects after both paths: what both paths agree on; an attribute set differently, or on
        one path only, is unknown (and hasattr() of it too). A path that raised or returned,
        while the other goes on, does not count: code after the `if` runs only after the other."""
        paths = [change for change, keep in zip(changes, kept) if keep] or changes
        for key in {k for change in paths for k in change}:
            owner, before = next((c[key][0], c[key][2]) for c in paths if key in c)
            states = [change[key][1] if key in change else before for change in paths]
            self.note_change(owner)
            _set_object_state(owner, _join_states(states, self.analysis))

    def _exec_for(self, statement: cst.For, scope: Scope) -> None:
        self._run_minding_breaks(self._run_for, statement, scope)

    def _run_minding_breaks(self, run, statement: cst.For | cst.While, scope: Scope) -> None:
        """Run a loop, then forget what a `break` under a condition not known statically may have
        left unfinished (_after_uncertain_breaks)."""
        self.loop_breaks.append([])
        try:
            run(statement, scope)
        finally:
            breaks = self.loop_breaks.pop()
        self._after_uncertain_breaks(statement, scope, breaks)

    def _after_uncertain_breaks(self, statement: cst.For | cst.While, scope: Scope, breaks: list[dict]) -> None:
        """A loop that a `break` under a condition not known statically may have left early
        (`if not wanted: break` of a dict changed under `if aux:`): what it changes in place (the
        `layers[name] = module` of an IntermediateLayerGetter) is not known after it, as it may hold
        the items of later iterations torch never ran; a name it assigns keeps what every exit agrees on."""
        if not breaks:
            return
        why = "changed in a loop that may stop early: a `break` under a condition not known statically"
        self.unresolved(statement, why)
        final = dict(scope.names)
        self._forget_assigned(statement, scope, why)
        for node, assigned in _assigning_nodes(statement, self.walk_cache):
            for name in assigned:
                joined = _paths_forgotten(
                    join_values([names.get(name, MISSING) for names in breaks] + [final.get(name, MISSING)]))
                if not isinstance(joined, (list, dict, set, ModuleNode, Instance)):
                    scope.names[name] = joined

    def _run_for(self, statement: cst.For, scope: Scope) -> None:
        iterable = self.eval(statement.iter, scope)
        items = self.iterate(iterable)
        item = self._symbolic_item(statement.iter, iterable, statement.target, scope, statement.body) \
            if items is None else None
        if items is None and item is None:
            self.count_items_of_an_argument(iterable)  # (a dict's keys are not a list an argument gives)
        if item is not None:
            # a dict not known statically: its body followed once for an item of any key and value
            # (what each item's layer does is checked); the loop's count, and all it changes, stay unknown
            self.assign(statement.target, item, scope)
            try:
                self.exec_block(statement.body, scope)
            except (_Break, _Continue):
                pass
            self.unresolved(statement, "a loop over a dict not known statically: followed once, for any one item")
            self._touch_unfollowed(statement, scope)
            self._forget_assigned(statement, scope, "assigned in a loop over unknown values")
            return
        if items is None and isinstance(iterable, UncountedRange) and iterable.steps is not None \
                and self.analysis is not None and self.analysis.input is not None:
            self._run_uncounted_steps(statement, scope, iterable.steps)
            return
        if items is None:
            self.unresolved(statement, "a loop over values not known statically")
            self._touch_unfollowed(statement, scope)
            self._forget_assigned(statement, scope, "assigned in a loop over unknown values")
            return
        if len(items) >= MIN_ITEMS_FOLLOWED_ONCE and statement.orelse is None \
                and self._fills_tensors_only(statement, scope):
            self._run_fill_once(statement, scope, iterable, items[0])
            return
        for count, item in enumerate(items):
            if count >= MAX_LOOP_ITERATIONS:
                self.unresolved(statement, f"a loop stopped after {MAX_LOOP_ITERATIONS:,} iterations")
                break
            self.assign(statement.target, item, scope)
            self._note_items_read(statement.target, iterable, count, item, scope)
            try:
                self.exec_block(statement.body, scope)
            except _Break:
                break
            except _Continue:
                continue
        else:
            if statement.orelse is not None:
                self.exec_block(statement.orelse.body, scope)

    def _fills_tensors_only(self, statement: cst.For, scope: Scope) -> bool:
        """Whether all a loop does is write elements of tensors (`filt[c, i, j] = math.cos(...)`, a DCT
        or positional table filled one entry at a time) and bind plain names: no shape changes."""
        written = _elements_written_only(statement, self.walk_cache)
        if written is None:
            return False
        for base in written:
            value = self._chain_value(base, scope)
            if not isinstance(value, (Tensor, KnownTensor)):
                return False  # (a list or dict written by index, a module: changed in what counts)
        return True

    def _run_fill_once(self, statement: cst.For, scope: Scope, iterable: Any, first: Any) -> None:
        """A loop that only fills tensor elements, followed for its first item: the others write other
        elements of the same tensors, so shapes are what one pass leaves. The names it binds are
        not known after it (their last values are another item's); the values of a tensor of known
        values it writes are spoiled; what the functions it calls change is forgotten, as they run
        once here and many times in torch."""
        self.assign(statement.target, first, scope)
        self._note_items_read(statement.target, iterable, 0, first, scope)
        try:
            self.exec_block(statement.body, scope)
        except (_Break, _Continue):
            pass
        for base in _elements_written_only(statement, self.walk_cache) or ():
            value = self._chain_value(base, scope)
            if isinstance(value, KnownTensor):
                value.spoil()
        self._forget_assigned(statement, scope, "bound in a loop that fills a tensor, followed for its first item only")

    def _run_uncounted_steps(self, statement: cst.For, scope: Scope, steps: Any) -> None:
        """`for t in range(T)` in forward(), T a size not known statically (a clip's frames, a
        ConvLSTM's steps): the body followed for a first step, of an index not known, from the
        values the loop starts with (what it finds there fails on every input); then again from
        what the steps so far agree on, until the names the body rebinds settle (`h, c =
        self.cell(x[:, t], h, c)`), those later steps only on a path that may not run (T may be
        1). A name still changing is not known after; what the body changes in place (a list
        appended to) is forgotten, as its count is unknown; and so are the model's costs."""
        names = sorted({name for _, assigned in _assigning_nodes(statement, self.walk_cache) for name in assigned})
        before = {name: scope.names.get(name, MISSING) for name in names}
        steps_text = steps if not isinstance(steps, Unknown) else "a size of the input"  # (its rank not yet known)
        collected = _collected_per_step(statement)
        collected = collected if collected is not None and scope.names.get(collected) == [] else None
        started = scope.names.get(collected) if collected is not None else None
        stopped = False
        for step in range(MAX_UNCOUNTED_STEPS):
            index = LoopIndex(f"an index of range({steps_text}), not known statically")
            with self.speculating() if step else nullcontext():
                self.assign(statement.target, index, scope)
                try:
                    self.exec_block(statement.body, scope)
                except _Break:
                    stopped = True
                except _Continue:
                    pass
            after = {name: scope.names.get(name, MISSING) for name in names}
            joined = {name: _paths_forgotten(join_values([before[name], after[name]])) for name in names}
            settled = all(_settled_value(joined[name], before[name]) for name in names)
            before = joined
            if settled or stopped:
                break
        else:
            joined = {name: Unknown("changed by every step of a loop of a count not known statically")
                      if not _settled_value(joined[name], after[name]) else joined[name] for name in names}
        why = f"changed in place in a loop over range({steps_text}), a count not known statically"
        self._forget_assigned(statement, scope, why)
        for name in names:
            value = joined[name]
            if value is not MISSING and not isinstance(value, (list, dict, set, ModuleNode, Instance)):
                scope.names[name] = value
        if collected is not None and not stopped and (item := _one_shape_of(started)) is not None:
            # `steps.append(self.fc(x))`, once per step: as many items as steps, each of the one shape
            # they all had (torch.stack(steps) makes the dim of the count)
            scope.names[collected] = RepeatedList(f"an item per step of range({steps_text})", items=(item,), count=steps)
        self.unresolved(statement, f"a loop over range({steps_text}), a count not known statically: its body "
                                   "followed for any one step, its costs not counted")
        self._touch_unfollowed(statement, scope)
        self.analysis.uncounted_loops += 1
        if not stopped and statement.orelse is not None:
            self.exec_block(statement.orelse.body, scope)

    def _symbolic_item(self, code: cst.BaseExpression, iterable: Any, target: cst.BaseExpression, scope: Scope,
                       body: cst.CSTNode) -> Any:
        """The item a loop over a dict not known statically is followed once with: `d.items()` a
        (key, value) pair, `d.keys()` a key, `d.values()` a value, each not known (the key an ItemKey
        of `d`); the dict itself (`for k in self.groups`) only once a loop went over its items, so it
        is known to be a dict. None for any other loop: a list an argument gives is counted instead."""
        method = None
        if isinstance(code, cst.Call) and isinstance(code.func, cst.Attribute) and not code.args \
                and code.func.attr.value in ("items", "keys", "values") and _is_name_chain(code.func.value):
            method, source = code.func.attr.value, self.eval(code.func.value, scope)
        elif _is_name_chain(code) and (isinstance(iterable, ModuleNode)
                                       or any(_same_source(iterable, seen) for seen in self.item_sources)):
            source = iterable
        else:
            return None
        held = self.item_children.get(id(source))
        if isinstance(source, ModuleNode) and held is not None and held[0] is source and list(source.children) == [held[2]]:
            # `for name, head in self.heads.items()` of a ModuleDict a loop over a dict filled: its one
            # module for any key (iterating a ModuleDict gives its keys)
            key = ItemKey(f"a key of {held[1]}, not known statically", source=held[1], label="key", whole=True)
            child = source.children[held[2]]
            return (key, child) if method == "items" else child if method == "values" else key
        if not (type(source) is Unknown or isinstance(source, Sym) and (symbolic.argument_object(source)
                                                                         or symbolic.taken_from_an_argument(source))):
            return None  # a dict the analysis holds, a module, a tensor: not this
        if method is not None and not any(_same_source(source, seen) for seen in self.item_sources):
            self.item_sources.append(source)
        text = cst.Module([]).code_for_node(code.func.value if method else code)
        names = [n.value for n in _walked(target, self.walk_cache) if isinstance(n, cst.Name)]
        first = target.elements[0].value if isinstance(target, (cst.Tuple, cst.List)) and target.elements else target
        key = ItemKey(f"a key of {text}, not known statically", source=source, label=first.value if isinstance(first, cst.Name) else "key",
                      whole=not _carries_state(body, scope, set(names), self.walk_cache))
        value = Unknown(f"a value of {text}, not known statically")
        return (key, value) if method == "items" else value if method == "values" else key

    def _note_items_read(self, target: cst.BaseExpression, iterable: Any, count: int, item: Any, scope: Scope) -> None:
        """A loop's or comprehension's names over a list written as a literal, each written at its number."""
        if isinstance(target, cst.Name) and id(iterable) in self.items_written:
            scope.items_from[target.value] = (iterable, count, item)
        if isinstance(target, cst.Name) and (element := self._literal_element(iterable, count)) is not None:
            scope.items_read[target.value] = (element, self._item_edited(element, item, target,
                                                                         scope))  # `for v in cfg`: written at its element
        elif isinstance(target, (cst.Tuple, cst.List)):
            # `for k, t, c, s in cfgs` over rows written as literals: each name written at its row's number
            for index, element_target in enumerate(target.elements):
                if isinstance(element_target.value, cst.Name) and type(item) in (list, tuple) \
                        and (element := self._literal_element(item, index)) is not None:
                    scope.items_read[element_target.value.value] = (element, self._item_edited(
                        element, item[index], element_target.value, scope))
                elif isinstance(element_target.value, (cst.Tuple, cst.List)) and type(item) in (list, tuple) \
                        and len(item) == len(target.elements) and type(item[index]) in (list, tuple):
                    # `for i, (cin, cout, k) in enumerate(cfg)`: the row, one level in
                    self._note_row_read(element_target.value, item[index], scope)
            self._note_zipped_read(target, iterable, count, item, scope)

    def _note_zipped_read(self, target: cst.Tuple | cst.List, rows: Any, count: int, item: Any, scope: Scope) -> None:
        """`for n, c in zip(nums, chans)`, `for i, c in enumerate(chans)` (one level in too, `for i, (n, c)
        in enumerate(zip(...))`): each name written at the element of the literal list its column reads."""
        noted = self.zipped.get(id(rows))
        if noted is None or noted[0] is not rows or type(item) is not tuple \
                or len(item) != len(target.elements) or len(noted[1]) != len(item):
            return
        for element_target, column, value in zip(target.elements, noted[1], item):
            if column is None:
                continue
            if isinstance(element_target.value, cst.Name) and id(column) in self.items_written:
                scope.items_from[element_target.value.value] = (column, count, value)
            if isinstance(element_target.value, cst.Name):
                element = self._literal_element(column, count)
                if element is not None:
                    scope.items_read[element_target.value.value] = (element, self._item_edited(
                        element, value, element_target.value, scope))
            elif isinstance(element_target.value, (cst.Tuple, cst.List)):
                self._note_zipped_read(element_target.value, column, count, value, scope)

    def note_zipped(self, rows: list, columns: tuple) -> list:
        """Notes the rows zip() or enumerate() made from `columns` (zipped)."""
        if len(self.zipped) < MAX_NOTED_LITERALS:
            self.zipped[id(rows)] = (rows, columns)
        return rows

    def _note_row_read(self, target: cst.Tuple | cst.List, row: Any, scope: Scope) -> None:
        """Names unpacking a row written as a literal (`cin, cout, k = cfg[-1]`, the row of a nested
        loop target), each written at its number while it holds it."""
        if len(target.elements) != len(row):
            return
        for index, element_target in enumerate(target.elements):
            if isinstance(element_target, cst.Element) and isinstance(element_target.value, cst.Name) \
                    and (element := self._literal_element(row, index)) is not None:
                scope.items_read[element_target.value.value] = (element, self._item_edited(
                    element, row[index], element_target.value, scope))

    def _item_edited(self, element: cst.BaseExpression, item: Any, target: cst.Name, scope: Scope) -> Any:
        """The number a loop's name reads from a literal row, or the value a trial edit gives that
        number in its place (argument_overrides), bound to the name."""
        if not self.argument_overrides or self.span(element) not in self.argument_overrides:
            return item
        edited = self.argument_overrides[self.span(element)]
        self.assign(target, edited, scope)
        return edited

    def _exec_while(self, statement: cst.While, scope: Scope) -> None:
        self._run_minding_breaks(self._run_while, statement, scope)

    def _run_while(self, statement: cst.While, scope: Scope) -> None:
        """`while repeat: ...; repeat -= 1`: followed while its condition is known; a condition
        not known, or a loop longer than a linter should follow, is not followed from there."""
        if self._rank_padded_to(statement, scope):
            return
        count = 0
        while True:
            truth = self.truth(self.eval(statement.test, scope))
            if truth is None or count >= MAX_LOOP_ITERATIONS:
                self.unresolved(statement, "a while loop whose condition is not known statically" if truth is None
                                else f"a while loop stopped after {MAX_LOOP_ITERATIONS:,} iterations")
                self._touch_unfollowed(statement, scope)
                self._forget_assigned(statement, scope, "assigned in a while loop")
                return
            if not truth:
                break
            count += 1
            try:
                self.exec_block(statement.body, scope)
            except _Break:
                return
            except _Continue:
                continue
        if statement.orelse is not None:
            self.exec_block(statement.orelse.body, scope)

    def _rank_padded_to(self, statement: cst.While, scope: Scope) -> bool:
        """`while x.dim() < 4: x = x.unsqueeze(-1)` (braindecode's Ensure4d) of the input before any
        layer gave it its rank: each turn adds one dim, so an input of fewer dims leaves as one of 4
        (sizes 1 added) and one of 4 or more as it came: what leaves is any tensor of at least 4
        dims, the input deferred with that test for its first layer to settle. Whether it was."""
        test = statement.test
        if statement.orelse is not None or not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return False
        left, operator, right = test.left, test.comparisons[0].operator, test.comparisons[0].comparator
        if isinstance(left, cst.Integer):  # `4 > x.dim()`
            left, right = right, left
            operator = {cst.GreaterThan: cst.LessThan(), cst.GreaterThanEqual: cst.LessThanEqual()}.get(type(operator))
        if not isinstance(right, cst.Integer) or not isinstance(operator, (cst.LessThan, cst.LessThanEqual)):
            return False
        subject = _rank_subject(left)
        rank = int(right.evaluated_value) + isinstance(operator, cst.LessThanEqual)
        if not isinstance(subject, cst.Name) or not 1 <= rank <= 8:
            return False
        tensor = scope.names.get(subject.value, MISSING)
        if type(tensor) is not Tensor or not tensor.placeholder or tensor.shape.dims is not None \
                or tensor.free is not None:
            return False
        body = statement.body.body if isinstance(statement.body, cst.IndentedBlock) else ()
        line = body[0] if len(body) == 1 else None
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return False
        step = line.body[0]
        if isinstance(step, cst.Assign) and len(step.targets) == 1 and isinstance(step.targets[0].target, cst.Name) \
                and step.targets[0].target.value == subject.value and _one_dim_added(step.value, subject.value):
            grown = self.eval(step.value, scope)
        elif isinstance(step, cst.Expr) and isinstance(step.value, cst.Call) \
                and isinstance(step.value.func, cst.Attribute) and step.value.func.attr.value == "unsqueeze_" \
                and _one_dim_added(step.value.with_changes(func=step.value.func.with_changes(
                    attr=cst.Name("unsqueeze"))), subject.value):
            grown = self.eval(step.value.with_changes(func=step.value.func.with_changes(attr=cst.Name("unsqueeze"))),
                              scope)
        else:
            return False
        added = grown.pending[len(tensor.pending):] if isinstance(grown, Tensor) and grown.placeholder \
            and grown.shape.dims is None and grown.pending[:len(tensor.pending)] == tensor.pending else ()
        if len(added) != 1 or not (added[0][0] == "unsqueeze" or added[0][0] == "index" and all(
                i is None or i is Ellipsis or i == slice(None) for i in added[0][1])
                and sum(i is None for i in added[0][1]) == 1):
            return False
        scope.names[subject.value] = tensor_ops.deferred(tensor, ("at least", rank))
        self.assume(f"line {self.span(statement).line}: the while loop adding dims to the input up to {rank} leaves "
                    f"a tensor of {rank} dims or more (an input of fewer, with sizes 1 added): followed as such")
        return True

    def _forget_assigned(self, statement: cst.CSTNode, scope: Scope, why: str) -> None:
        """After a block we could not follow: what it assigns, and the lists, dicts and modules it
        may have changed in place (`features.append(x)`, `d[k] = v`, `self.blocks.append(m)`,
        `setattr(self, name, m)`, `self.head = ...`), are no longer known; so is what the functions
        and methods it calls change that way (`self.add_block(i)` growing self.features and
        self.num_features), their calls followed in turn."""
        self._forget_changes(statement, scope, why, set(), 0)

    def _forget_changes(self, code: cst.CSTNode, scope: Scope, why: str, followed: set, depth: int) -> None:
        for node, assigned in _assigning_nodes(code, self.walk_cache):
            for name in assigned:
                scope.names[name] = Unknown(why)
            changed = None
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                    and node.func.attr.value in IN_PLACE_METHODS:
                changed = node.func.value
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.args \
                    and node.func.value in ("setattr", "delattr"):
                changed = node.args[0].value
            elif isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.Del)) \
                    and not isinstance(node.target, cst.Attribute):
                changed = _subscript_written(node.target)  # `d[k] = v`; a read `seq[1].parameters()` changes nothing
            elif isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)) \
                    and _subscript_base(node.target.value) is not None:
                # `self.blocks[0].conv = m` changes a module; `seq[1].weight.requires_grad = False` no shape
                if node.target.attr.value not in SHAPELESS_ATTRIBUTES:
                    changed = _subscript_base(node.target.value)
            elif isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)) \
                    and isinstance(node.target, cst.Attribute):
                owner = self._chain_value(node.target.value, scope)
                if isinstance(owner, (ModuleNode, Instance)):
                    name = node.target.attr.value
                    had = name in owner.attrs or name in getattr(owner, "children", {})
                    self.set_attribute(owner, name, Unknown(why) if had else PERHAPS_UNSET)
                elif isinstance(owner, argparse_model.Namespace):
                    argparse_model.set_option(owner, node.target.attr.value, Unknown(why), None)
                elif (owner is MISSING or isinstance(owner, Unknown)) \
                        and node.target.attr.value in torch_api.FORWARD_READ_ATTRIBUTES:
                    self.forget_layer_attribute(node.target.attr.value, node.target)
                continue
            if changed is not None:
                self._forget_changed(changed, scope, why)
        for call in _calls_in(code, self.walk_cache):
            self._forget_what_call_changes(call, scope, why, followed, depth)

    def _forget_changed(self, changed: cst.BaseExpression, scope: Scope, why: str) -> None:
        """The list, dict or module `changed` names, changed in place by code not followed: not known."""
        if (indexed := _subscript_base(changed)) is not None:
            changed = indexed  # `features[i].append(x)` changes `features`
        holder = self._frame_holding(changed.value, scope) if isinstance(changed, cst.Name) else None
        if holder is not None and isinstance(holder.names[changed.value], (list, dict)):
            holder.names[changed.value] = Unknown(why)  # the loop's function's, or a closure's (`layers` of a nested def)
            return
        if isinstance(changed, cst.Name) and holder is None \
                and isinstance(self.module_scope.names.get(changed.value), (list, dict)) \
                and self._frame_holding(changed.value, scope) is None:
            self.module_scope.names[changed.value] = Unknown(why)  # a module's list or dict (`config.update(...)`)
            return
        owner = self._chain_value(changed, scope)
        if isinstance(owner, (ModuleNode, argparse_model.Namespace)):
            self.forget_attributes(owner)
        elif isinstance(owner, (list, dict)) and isinstance(changed, cst.Attribute):
            # `self.sequential.append(block)` of a plain list kept on the module
            # (CLMR SampleCNN): the list no longer known, not the list without the appends
            holder_value = self._chain_value(changed.value, scope)
            if isinstance(holder_value, (ModuleNode, Instance, argparse_model.Namespace)):
                self.set_attribute(holder_value, changed.attr.value, Unknown(why))

    def _frame_holding(self, name: str, scope: Scope) -> Scope | None:
        """The scope of the running functions (not the module's) that binds `name`, nearest first."""
        current: Scope | None = scope
        while current is not None and current is not self.module_scope:
            if name in current.names:
                return current
            current = current.parent
        return None

    def _forget_what_call_changes(self, call: cst.Call, scope: Scope, why: str, followed: set, depth: int) -> None:
        """A call in code not followed: what the project's function or method it calls changes is
        forgotten as if its body were written there, with its parameters bound to what the call
        passes (a list it appends to is the caller's); a method that cannot be read (one of a
        base class not known) may change anything of its object: its containers and counts."""
        owner = MISSING
        if isinstance(call.func, cst.Attribute):
            owner = self._peeked_value(call.func.value, scope)
            if not isinstance(owner, (ModuleNode, Instance, LocalClass, ModuleValue, SuperProxy)):
                return  # a tensor's, a list's, torch's: what they change the block's own text shows
            callee = self.attribute(owner, call.func.attr.value)
        elif isinstance(call.func, cst.Name):
            callee = self._peeked_value(call.func, scope)
        else:
            return
        choices = callee.choices if isinstance(callee, Alternatives) else (callee,)
        for choice in choices:
            function, receiver = (choice.function, choice.receiver) if isinstance(choice, BoundMethod) \
                else (choice, MISSING) if isinstance(choice, LocalFunction) and choice.kind in ("", "staticmethod") \
                else (None, MISSING)
            if function is not None and depth < MAX_FORGET_DEPTH:
                self._forget_in_callee(function, receiver, call, scope, why, followed, depth)
            elif function is not None or self._unreadable_method(owner, call.func, choice):
                self._forget_object_state(receiver if function is not None else owner, call, why)
            elif isinstance(choice, Unknown):
                # `helper(self, i)` of a function not known statically: self is what it may change
                for arg in call.args:
                    if isinstance(arg.value, cst.Name) and arg.value.value == "self":
                        self._forget_object_state(self._peeked_value(arg.value, scope), call, why)

    def _forget_in_callee(self, function: LocalFunction, receiver: Any, call: cst.Call, scope: Scope, why: str,
                          followed: set, depth: int) -> None:
        key = (id(function.node), id(receiver))
        if key in followed:
            return  # (a recursive call: its changes are being forgotten already)
        followed.add(key)
        inner = Scope(function.scope)
        params = function.node.params
        positional = [param.name.value for param in (*params.posonly_params, *params.params)]
        given: list[tuple[Any, cst.BaseExpression | None]] = [] if receiver is MISSING else [(receiver, None)]
        for arg in call.args:
            if arg.star:
                break  # the positions after `*args` are not known
            if arg.keyword is None:
                given.append((self._peeked_value(arg.value, scope), arg.value))
        passed = dict(zip(positional, given))
        for arg in call.args:
            if arg.keyword is not None:
                passed[arg.keyword.value] = (self._peeked_value(arg.value, scope), arg.value)
        unknown = Unknown("a parameter of a function called in code not followed")
        every = [*positional, *(param.name.value for param in params.kwonly_params),
                 *(star.name.value for star in (params.star_arg, params.star_kwarg) if isinstance(star, cst.Param))]
        for name in every:
            value = passed.get(name, (MISSING, None))[0]
            inner.names[name] = unknown if value is MISSING else value
        for _, assigned in _assigning_nodes(function.node.body, self.walk_cache):
            for name in assigned:
                if name not in inner.names:
                    inner.names[name] = Unknown(why)  # the function's own names, not the module's
        self._forget_changes(function.node.body, inner, why, followed, depth + 1)
        for name, (value, written) in passed.items():
            if written is not None and isinstance(value, (list, dict)) and inner.names.get(name) is not value:
                self._forget_changed(written, scope, why)  # `add_layers(layers, i)`: the caller's list

    def _unreadable_method(self, owner: Any, func: cst.BaseExpression, callee: Any) -> bool:
        """`self.add_block(i)` where the project's class does not define add_block, nor torch's
        Module (a base class not known statically defines it)."""
        if not isinstance(func, cst.Attribute):
            return False
        name = func.attr.value
        if isinstance(owner, Instance):
            return name not in owner.attrs and owner.cls.lookup(name) is MISSING
        return isinstance(owner, ModuleNode) and isinstance(owner.cls, LocalClass) and owner.base is None \
            and isinstance(callee, MethodOf) and callee.receiver is owner and name not in MODULE_API \
            and name not in CONTAINER_API.get(_container_kind(owner), ())

    def _forget_object_state(self, owner: Any, call: cst.Call, why: str, followed: bool = False) -> None:
        """A call not read (nor followed) that may change `owner`: the containers it holds (or it, a
        container) and the counts and lists it keeps are no longer known, and that is listed."""
        if not isinstance(owner, (ModuleNode, Instance)):
            return
        if isinstance(owner, ModuleNode) and _container_kind(owner) in CONTAINER_API:
            self.forget_attributes(owner)
        for child in getattr(owner, "children", {}).values():
            if isinstance(child, ModuleNode) and _container_kind(child) in CONTAINER_API:
                self.forget_attributes(child)
        for name, value in list(owner.attrs.items()):
            if isinstance(value, (int, float, list, dict, tuple, Sym)) and not isinstance(value, bool):
                self.set_attribute(owner, name, Unknown(why))
        label = owner.label if isinstance(owner, ModuleNode) else owner.cls.name
        where = "a method convlint cannot read" if followed else "a call not followed, in code not followed"
        self.unresolved(call, f"{where}: the containers and counts of {label} it may change are not known")

    def _peeked_value(self, node: cst.BaseExpression, scope: Scope) -> Any:
        """_chain_value of a name that may be bound nowhere (a function's own name, the target of
        a comprehension): MISSING then, and nothing listed."""
        if isinstance(node, cst.Name):
            bound = any(node.value in each.names for each in _scope_chain(scope, self.module_scope))
            if not bound and self.global_value(node.value) is MISSING \
                    and node.value not in BUILTIN_NAMES and node.value not in FASTCORE_HELPERS:
                return MISSING
            return self.eval(node, scope)
        if isinstance(node, cst.Attribute):
            owner = self._peeked_value(node.value, scope)
            return MISSING if owner is MISSING else self.attribute(owner, node.attr.value)
        return MISSING

    def _chain_value(self, node: cst.BaseExpression, scope: Scope) -> Any:
        """The value of `name` or `name.attr...` (nothing else: evaluating a call has effects)."""
        if isinstance(node, cst.Name):
            return self.eval(node, scope)
        if isinstance(node, cst.Attribute):
            owner = self._chain_value(node.value, scope)
            return MISSING if owner is MISSING else self.attribute(owner, node.attr.value)
        return MISSING

    # ----------------------------------------------------------------- assignment
    def assign(self, target: cst.BaseExpression, value: Any, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            scope.names[target.value] = value
            scope.written.pop(target.value, None)
            scope.updates.pop(target.value, None)
        elif isinstance(target, cst.Attribute):
            owner = self.eval(target.value, scope)
            if isinstance(owner, argparse_model.Namespace):
                if self.journals:
                    self.note_change(owner)
                argparse_model.set_option(owner, target.attr.value, value, self.span(target))
                return
            if isinstance(owner, ModuleValue):  # `thismodule.resnet20 = partial(...)`
                bind(owner.unit, target.attr.value, value, target)
            elif isinstance(owner, Unknown) and target.attr.value in torch_api.FORWARD_READ_ATTRIBUTES:
                self.forget_layer_attribute(target.attr.value, target)
            else:
                self.set_attribute(owner, target.attr.value, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            elements = target.elements
            starred = [i for i, e in enumerate(elements) if isinstance(e, cst.StarredElement)]
            items = self.iterate(value)
            if items is not None and not starred and len(items) != len(elements):
                items = None
            for index, element in enumerate(elements):
                if isinstance(element, cst.StarredElement):
                    rest = len(elements) - index - 1
                    item = items[index : len(items) - rest] if items is not None else Unknown("unpacking")
                    self.assign(element.value, list(item) if items is not None else item, scope)
                    continue
                if items is None and isinstance(value, tensor_ops.InputSizes) and self.analysis is not None:
                    self.analysis.unsettled_reads = True  # `b, c, h, w = x.shape` before the first layer
                    if isinstance(value, tensor_ops.InputOwnSizes) and not starred \
                            and self.analysis.unpacked_rank is None:
                        self.analysis.unpacked_rank = len(elements)  # Python unpacks no other rank
                if items is None and not starred and symbolic.argument_object(value):
                    item = symbolic.part_of_argument(value, index)  # `f1, f2, f3 = features`, not given
                elif items is None and not starred and isinstance(value, ArgumentParts):
                    item = value.part(index)
                elif items is None:
                    item = Unknown("unpacking a value not known statically")
                elif starred and index > starred[0]:
                    item = items[len(items) - (len(elements) - index)]
                else:
                    item = items[index]
                self.assign(element.value, item, scope)
        elif isinstance(target, cst.Subscript):
            if isinstance(target.value, cst.Attribute) and target.value.attr.value == "_modules":
                # `module._modules[key] = value` (torchvision's _replace_relu): the child replaced
                owner = self.eval(target.value.value, scope)
                if isinstance(owner, ModuleNode) and len(target.slice) == 1 \
                        and isinstance(target.slice[0].slice, cst.Index):
                    key = self.eval(target.slice[0].slice.value, scope)
                    if isinstance(key, (int, str)) and not isinstance(key, bool):
                        self.set_attribute(owner, str(key), value)
                        return
            container = self.eval(target.value, scope)
            if isinstance(container, KnownTensor):
                container.spoil()  # t[i] = v: not followed, and every name of t sees it
            if isinstance(container, (Tensor, KnownTensor)):
                self._check_part_written(target, tensor_ops.shape_only(container), value, scope)
                return
            if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
                key = self.eval(target.slice[0].slice.value, scope)
                if isinstance(container, argparse_model.OptionsView) and isinstance(key, str):
                    if self.journals:
                        self.note_change(container.namespace)
                    argparse_model.set_option(container.namespace, key, value, self.span(target))
                elif isinstance(container, argparse_model.OptionsView):
                    argparse_model.spoil(container.namespace, "an option set under a name not known statically")
                elif isinstance(container, dict) and hashable(key):
                    container[key] = value
                elif isinstance(container, list) and isinstance(key, int) and -len(container) <= key < len(container):
                    container[key] = value
                elif isinstance(container, list) and not isinstance(key, int):
                    # `feats[i] = conv(f)` with i not known: any item may be the one replaced
                    container[:] = [Unknown("an item of a list set at an index not known statically")] * len(container)
                    self.unresolved(target, "a list item set at an index not known statically: its items are unknown")
                elif isinstance(container, ModuleNode) and isinstance(key, (int, str)) \
                        and _container_kind(container) in CONTAINERS:
                    self._add_child(container, str(key), value)
                elif isinstance(container, ModuleNode) and isinstance(key, (int, str)):
                    self.set_attribute(container, str(key), value)
                elif isinstance(container, ModuleNode) and isinstance(key, ItemKey) and isinstance(value, ModuleNode) \
                        and _container_kind(container) == "ModuleDict":
                    self._set_item_child(container, key, value)
                elif isinstance(container, ModuleNode) and _container_kind(container) in CONTAINERS:
                    self.forget_attributes(container)  # a key not known: which child it sets is not known
                elif isinstance(container, ModuleGlobals) and isinstance(key, str):  # `globals()[name] = ...`
                    bind(container.unit, key, value, target)
            elif len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Slice) and isinstance(container, list):
                self._assign_slice(container, target.slice[0].slice, value, target, scope)

    def _check_part_written(self, target: cst.Subscript, tensor: Tensor, value: Any, scope: Scope) -> None:
        """`cost[:, C:, i, :, i:] = right[:, :, :, :-i]` (a cost volume built in a loop): torch copies
        the value into the part the index selects, expanding it there; one it surely cannot fill
        (a slice one off) is recorded for CL107. Only ints, slices, None and ... are followed."""
        value = tensor_ops.shape_only(value)
        if tensor.placeholder or tensor.shape.dims is None or not isinstance(value, Tensor) \
                or value.shape.dims is None:
            return
        indices = [self._slice_value(element.slice, scope, of_tensor=True) for element in target.slice]
        if not all(isinstance(i, (int, slice)) and not isinstance(i, bool) or i is None or i is Ellipsis
                   for i in indices):
            return
        part = tensor_ops.index_tensor(tensor, indices)
        if part.shape.dims is None or (clash := shapes.setitem_clash(value.shape.dims, part.shape.dims)) is None:
            return
        index, size, existing = clash
        listed = [", ".join(format_dim(d) for d in dims) for dims in (part.shape.dims, value.shape.dims)]
        problem = (f"the expanded size of the tensor ({format_dim(size)}) must match the existing size "
                   f"({format_dim(existing)}) at non-singleton dimension {index}; target sizes: [{listed[0]}], "
                   f"tensor sizes: [{listed[1]}]")
        written = cst.Module([]).code_for_node(target)
        tensor_ops._record_op(self, TensorOp(SETITEM_OP, (value, replace(part, producer=written)),
                                             tensor_ops.unknown_tensor("a part written"), self.span(target),
                                             problem, {"index": index, "size": size, "existing": existing}))

    def _assign_slice(self, container: list, part: cst.Slice, value, target: cst.CSTNode, scope: Scope) -> None:
        """`feats[1:] = [conv(f) for ...]`: the items Python replaces; where the bounds or the new
        items are not known, the items of that part (all, if the bounds are not known) are unknown."""
        bounds = [None if bound is None else self.eval(bound, scope) for bound in (part.lower, part.upper, part.step)]
        known_bounds = all(b is None or isinstance(b, int) and not isinstance(b, bool) for b in bounds)
        if known_bounds and isinstance(value, (list, tuple)) and (bounds[2] in (None, 1)):
            container[slice(*bounds)] = list(value)
            return
        hole = Unknown("an item of a list part set to values not known statically")
        if known_bounds:
            indices = range(len(container))[slice(*bounds)]
        else:
            indices = range(len(container))
        for index in indices:
            container[index] = hole
        self.unresolved(target, "a list part set to values not known statically: those items are unknown")

    def _delete(self, target: cst.BaseExpression, scope: Scope) -> None:
        """`del d[k]`, `del xs[i]`, `del self.features[-1]`, `del self.fc`, `del name`: what Python
        removes (ModuleList and Sequential number their modules again, as torch's __delitem__ does).
        A key not known leaves a module's children unknown; otherwise it is listed."""
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._delete(element.value, scope)
            return
        if isinstance(target, cst.Name):
            scope.names.pop(target.value, None)
            scope.written.pop(target.value, None)
            return
        if isinstance(target, cst.Attribute):
            owner = self.eval(target.value, scope)
            if isinstance(owner, (ModuleNode, Instance)):
                if self.journals:
                    self.note_change(owner)
                if isinstance(owner, ModuleNode):
                    owner.children.pop(target.attr.value, None)
                    owner.parameters.pop(target.attr.value, None)
                owner.attrs.pop(target.attr.value, None)
                return
        elif isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            container = self.eval(target.value, scope)
            key = self.eval(target.slice[0].slice.value, scope)
            if isinstance(container, dict) and hashable(key) and key in container:
                del container[key]
                return
            if isinstance(container, list) and isinstance(key, int) and -len(container) <= key < len(container):
                del container[key]
                return
            if isinstance(container, ModuleNode):
                if self.journals:
                    self.note_change(container)
                kind = _container_kind(container)
                if kind == "ModuleDict" and isinstance(key, str) and key in container.children:
                    del container.children[key]
                    return
                if kind in ("Sequential", "ModuleList") and isinstance(key, int) and not container.incomplete \
                        and -len(container.children) <= key < len(container.children):
                    items = list(container.children.values())
                    del items[key]
                    container.children = {str(index): child for index, child in enumerate(items)}
                    return
                container.incomplete = True  # which module went is not known: neither are those left
                container.members = ()
        self.unresolved(target, "a del not followed")

    def forget_layer_attribute(self, name: str, node: cst.CSTNode | None) -> None:
        """`m.stride = (1, 1)` on a module not known statically (a loop not followed, `getattr(self,
        name)`): any layer the running code can reach may be the one, so none keeps its built value."""
        self._forget_reachable_layers((name,), f"{name} may be assigned after construction, to a layer not "
                                               "known statically", node)

    def _forget_reachable_layers(self, names: Iterable[str], why: str, node: cst.CSTNode | None) -> None:
        """Attributes assigned to a module not known statically: every layer the running code can
        reach has them not known."""
        if node is not None:
            self.unresolved(node, why)
        pending = [v for value in (self.frames[-1].names.values() if self.frames else ())
                   for v in (value if isinstance(value, (list, tuple)) else (value,))]
        pending += [choice for value in pending if isinstance(value, Alternatives) for choice in value.choices]
        self._forget_layer_attributes(pending, names, why)

    def _forget_layer_attributes(self, roots: list, names: Iterable[str], why: str) -> None:
        """Each layer in or under the modules among `roots` with the attributes `names` not known."""
        seen: set[int] = set()
        pending = list(roots)
        while pending:
            module = pending.pop()
            if not isinstance(module, ModuleNode) or id(module) in seen:
                continue
            seen.add(id(module))
            pending.extend(module.children.values())
            if self.journals:
                self.note_change(module)
            for name in names:
                if module.base is not None:
                    module.base = torch_api.layer_with_unknown(module.base, name, why)
                if not isinstance(module.cls, LocalClass):
                    module.record = torch_api.layer_with_unknown(module.record, name, why)

    def forget_attributes(self, owner: Any) -> None:
        """Attributes set under names not known (`setattr(self, name, m)`): the object's
        attributes, and so its modules and counts, are no longer all known."""
        if self.journals:
            self.note_change(owner)
        if isinstance(owner, TorchRef):
            self.torch_names_set.add("*")
        if isinstance(owner, ModuleNode):
            owner.incomplete = owner.names_unknown = True
            owner.members = ()
        if isinstance(owner, argparse_model.Namespace):
            argparse_model.spoil(owner, "an option is set under a name not known")

    def _add_under_pattern(self, container: ModuleNode, pattern: name_patterns.NamePattern, value: Any) -> bool:
        """`main.add_module('pyramid-{0}-{1}-conv'.format(ndf, ndf * 2), conv)` into a Sequential: a
        name that differs from every name it holds for every width appends the child in order, as
        torch does, held under the pattern (`<pyramid-{ndf}-{2*ndf}-conv>`); whether it is new."""
        if _container_kind(container) != "Sequential" or container.incomplete \
                or not isinstance(value, ModuleNode) or value.functional \
                or not name_patterns.valid_module_name(pattern):
            return False
        known = _name_patterns(container)
        key = f"<{pattern}>"
        names = [*container.children, *(a for a in container.attrs if not a.startswith("__"))]
        if key in names or any(n.startswith("<") and n not in known for n in names) or any(
                name_patterns.may_be_same(pattern, known.get(n, n)) for n in names):
            return False
        self.set_attribute(container, key, value)
        container.attrs["__name_patterns__"] = {**known, key: pattern}
        return True

    def _append_child(self, container: ModuleNode, value: Any) -> None:
        """A module append/extend adds, under the next number: where the container holds modules
        not known (or one of several modules), its members in order count them too."""
        count = len(container.members) if container.incomplete and container.members else len(container.children)
        self._add_child(container, str(count), value)

    def _add_child(self, container: ModuleNode, name: str, value: Any) -> None:
        """A child a container's append/extend/insert or `[key] =` adds: add_module(name, value),
        where None is a child too (`self.down.append(conv if w != out else None)`: counted,
        indexed, iterated). One of several modules (`Attended(n) if bam else Plain(n)`) is one of
        its members in order, as a module is; where it holds a module not known, the order is not
        known."""
        members = container.members if container.incomplete else tuple(container.children)
        known = bool(container.members) or not container.incomplete
        if value is None:
            container.attrs.pop(name, None)
            container.children[name] = None
        else:
            self.set_attribute(container, name, value)
        if known and container.incomplete and (value is None or isinstance(value, ModuleNode)
                                               or _modules_alternatives(value)):
            container.members = members if name in members else (*members, name)
        elif container.members:
            container.members = ()

    def _set_item_child(self, container: ModuleNode, key: ItemKey, value: ModuleNode) -> None:
        """`self.heads[name] = nn.Linear(...)` in a loop over a dict not known statically, followed
        once: the module held as `<name>`, what `self.heads[k]` gives for k a key of that dict (where
        the loop carries nothing from one item to the next); which keys and how many stay unknown."""
        child = f"<{key.label}>"
        self.set_attribute(container, child, value)
        self.forget_attributes(container)
        if key.whole:
            self.item_children[id(container)] = (container, key.source, child)

    def set_attribute(self, owner: Any, name: str, value: Any) -> None:
        if self.journals:
            self.note_change(owner)
        if isinstance(owner, TorchRef):
            self.torch_names_set.add(canonical_name(f"{owner.qualified}.{name}"))
        if isinstance(owner, ModuleNode) and name in torch_api.FORWARD_READ_ATTRIBUTES:
            _assign_layer_attribute(owner, name, value)
        elif isinstance(owner, Unknown) and name in torch_api.FORWARD_READ_ATTRIBUTES:
            self.forget_layer_attribute(name, self.current_node)
        if isinstance(owner, ModuleNode):
            owner.updates.pop(name, None)
            if isinstance(value, ModuleNode) and not value.functional:
                owner.attrs.pop(name, None)
                owner.children[name] = value
            elif value is None and name in owner.children:
                owner.children[name] = None
            else:
                owner.children.pop(name, None)
                if isinstance(value, Tensor) and value.parameter:
                    if value.producer == "a parameter":  # named as forward() reads it: `@ self.memory`
                        value = replace(value, producer=f"self.{name}")
                    self._register_parameter(owner, name, value)
                elif isinstance(value, Tensor) and value.owner is not None and value.owner is not owner:
                    self._tie_parameter(owner, name, value)
                elif value is None and name in owner.parameters:
                    del owner.parameters[name]  # torch keeps the name with None: it counts nothing
                owner.attrs[name] = value
                if isinstance(value, (Unknown, Instance, ParameterList, ParameterDict)) or isinstance(value, Sym) \
                        and _container_kind(owner) in CONTAINERS:
                    owner.incomplete = True  # (an argument not given, held by a container: a module, perhaps)
        elif isinstance(owner, (Instance, AutogradContext, AttributeBag)):
            owner.attrs[name] = value
        elif isinstance(owner, argparse_model.Namespace):
            argparse_model.set_option(owner, name, value, None)
        elif isinstance(owner, ModuleValue):  # `setattr(sys.modules[__name__], name, value)`
            bind(owner.unit, name, value, self.current_node)
        elif isinstance(owner, RecordConstructor) and name == "__defaults__":
            set_record_defaults(owner.kind, value)  # `BlockArgs.__new__.__defaults__ = (None,) * len(BlockArgs._fields)`

    @staticmethod
    def _register_parameter(owner: ModuleNode, name: str, value: Tensor) -> None:
        """`self.name = nn.Parameter(...)`, as Module.__setattr__ registers it: also over a name first
        set to None (`self.pos: Optional[nn.Parameter] = None`), and in place of an earlier
        parameter of that name. One replacing a torch base layer's own weight or bias counts the
        difference, as the layer's are counted from its record."""
        numel = value.shape.numel()
        if not isinstance(numel, int):
            owner.incomplete = True
            return
        replaced = _replaced_own_parameter(owner, name)
        if replaced is None:
            owner.incomplete = True  # which tensor of the layer it replaces, and its size, not known
            return
        owner.parameters[name] = numel - replaced
        owner.tied.pop(name, None)

    @staticmethod
    def _tie_parameter(owner: ModuleNode, name: str, value: Tensor) -> None:
        """`self.out.weight = self.embed.weight`: one parameter registered under two modules, which
        parameters() yields once: the module's own count has it, a total over both counts it once."""
        numel = value.shape.numel()
        replaced = _replaced_own_parameter(owner, name)
        if replaced is None or not isinstance(numel, int):
            owner.incomplete = True
            return
        owner.parameters[name] = numel - replaced
        owner.tied[name] = (value.owner, numel)

    # ----------------------------------------------------------------- expressions
    def eval(self, node: cst.BaseExpression, scope: Scope) -> Any:
        self._tick()
        kind = type(node)
        method = _EVALUATORS.get(kind, MISSING)
        if method is MISSING:  # looked up once per node type: eval runs millions of times on a model zoo file
            method = _EVALUATORS[kind] = getattr(Interpreter, f"_eval_{kind.__name__}", None)
        if method is None:
            self.unresolved(node, f"{kind.__name__} expressions are not followed")
            return Unknown(f"{kind.__name__} expression")
        value = method(self, node, scope)
        if self.narrowed and isinstance(value, Alternatives) and (narrowed := self.narrowed.get(id(value))):
            return narrowed[1]  # read on a path where a test chose among its choices
        if self.ranked and isinstance(value, Tensor) and (ranked := self.ranked.get(id(value))) and ranked[0] is value:
            return ranked[1]  # read on the path of a test of its number of dims
        return value

    # libcst's evaluated_value compiles each literal (ast.literal_eval); int()/float() read the
    # same spellings (0x1f, 1_000, 1e-3) without a compile.
    def _eval_Integer(self, node: cst.Integer, scope: Scope) -> Any:
        if self.argument_overrides and (self.span(node), NUMBER_EDIT) in self.argument_overrides:
            return self.argument_overrides[(self.span(node), NUMBER_EDIT)]  # a trial edit of the number itself
        try:
            return unknown_if_huge(int(node.value, 0))
        except ValueError:
            return unknown_if_huge(node.evaluated_value)

    def _eval_Float(self, node: cst.Float, scope: Scope) -> Any:
        try:
            return float(node.value)
        except ValueError:
            return node.evaluated_value

    def _eval_Imaginary(self, node: cst.Imaginary, scope: Scope) -> Any:
        return Unknown("a complex number")

    def _eval_SimpleString(self, node: cst.SimpleString, scope: Scope) -> Any:
        text = node.value
        if text[:1] in ("'", '"') and "\\" not in text:  # no prefix, no escape: the text inside the quotes
            quote = text[:3] if text[:3] in ("'''", '"""') and len(text) >= 6 else text[:1]
            return text[len(quote):-len(quote)]
        value = node.evaluated_value  # compiles the literal: escapes, prefixes
        return value if isinstance(value, str) else Unknown("bytes")

    def _eval_ConcatenatedString(self, node: cst.ConcatenatedString, scope: Scope) -> Any:
        left, right = self.eval(node.left, scope), self.eval(node.right, scope)
        return left + right if isinstance(left, str) and isinstance(right, str) else Unknown("a string")

    def _eval_FormattedString(self, node: cst.FormattedString, scope: Scope) -> Any:
        """f"stage{i}": module names built in loops (`getattr(self, f"layer{i}")`)."""
        text = ""
        for index, part in enumerate(node.parts):
            if isinstance(part, cst.FormattedStringText):
                text += part.value
                continue
            value = self.eval(part.expression, scope)
            if isinstance(value, Sym) and part.format_spec is None and part.conversion is None:
                rest = self._eval_FormattedString(node.with_changes(parts=node.parts[index + 1:]), scope)
                pattern = name_patterns.build([text, value, *(rest.parts if isinstance(
                    rest, name_patterns.NamePattern) else [rest])]) if not isinstance(rest, Unknown) else None
                return pattern if pattern is not None else Unknown("an f-string of values not known statically")
            spec = "".join(p.value for p in part.format_spec) if part.format_spec is not None \
                and all(isinstance(p, cst.FormattedStringText) for p in part.format_spec) else ""
            if part.format_spec is not None and not spec or part.conversion not in (None, "s") or \
                    not isinstance(value, (int, str)) or isinstance(value, bool):
                return Unknown("an f-string of values not known statically")
            try:  # f"unit{i:02d}": a spec written out, applied as Python does
                text += format(str(value) if part.conversion == "s" else value, spec)
            except ValueError:
                return Unknown("an f-string of values not known statically")
        return text

    def _eval_Ellipsis(self, node: cst.Ellipsis, scope: Scope) -> Any:
        return Ellipsis

    def _eval_Name(self, node: cst.Name, scope: Scope) -> Any:
        name = node.value
        current: Scope | None = scope
        while current is not None:
            if name in current.names:
                value = current.names[name]
                if isinstance(value, Deferred):
                    value = current.names[name] = self._resolve_import(value)
                if isinstance(value, Tensor):
                    return tensor_ops.settled(self, value)  # the symbolic input, its rank known by now
                return value
            if current is self.module_scope:
                break
            current = current.parent
        value = self.global_value(name)
        if value is not MISSING:
            return value
        if name in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[name]
        if name in BUILTIN_NAMES or name in FASTCORE_HELPERS:
            return Builtin(name)
        if self.unbound_read is not None:
            self.unbound_read.add(name)
        self.unresolved(node, f"the name {name} is not defined where convlint can see it")
        return Unknown(f"the name {name} is not known")

    def _eval_Attribute(self, node: cst.Attribute, scope: Scope) -> Any:
        return self.attribute(self.eval(node.value, scope), node.attr.value)

    def attribute(self, owner: Any, name: str) -> Any:
        if isinstance(owner, TorchRef):
            if owner.qualified == "math" and name in MATH_CONSTANTS:
                return getattr(math, name)  # math.pi, math.e: what Python's own module holds
            if owner.qualified == "numpy" and name in (*MATH_CONSTANTS, "newaxis"):
                # np.pi of a Gaussian kernel; np.newaxis is None (`k[np.newaxis, np.newaxis, ...]`)
                return None if name == "newaxis" else getattr(math, name)
            if name == "torch" and (owner.qualified == "torch" or owner.qualified.startswith("torch.")):
                # `torch.torch.eye(3)`, `torch.sparse.torch.eye(10)`: a torch module's own `import torch`
                return TorchRef("torch")
            if name in ("__name__", "__qualname__") and is_torch_layer_class(owner.qualified):
                return canonical_name(owner.qualified).rsplit(".", 1)[-1]  # `type(m).__name__`: "Conv2d"
            return self.library_name(owner.attribute(name))
        if isinstance(owner, ModuleValue):
            if name == "__dict__":  # `sys.modules[__name__].__dict__.update(...)`: its globals()
                return ModuleGlobals(owner.unit)
            value = self.module_attribute(owner.unit, name)
            return self._resolve_import(value) if isinstance(value, Deferred) else value
        if isinstance(owner, ModuleNode):
            return self._module_attribute(owner, name)
        if _modules_alternatives(owner):
            return self._alternatives_attribute(owner, name)
        if isinstance(owner, Tensor):
            if name == "ndim" and owner.placeholder and owner.shape.dims is None and self.analysis is not None:
                self.analysis.unsettled_reads = self.analysis.rank_read = True  # `if x.ndim == 2:` before a layer
            return tensor_ops.tensor_attribute(owner, name)
        if isinstance(owner, KnownTensor):
            return tensor_ops.known_attribute(owner, name)
        if isinstance(owner, LocalClass):
            if name in ("__name__", "__qualname__"):
                return owner.name  # `add_module("{}_{}".format(block.__name__, i), ...)`
            self._prepare_class(owner)
            kind = self.record_class(owner)
            if kind is not None and owner.lookup(name) is MISSING and (
                    name == "_make" or record_class_attribute(kind, name) is not MISSING):
                return MethodOf(kind, name) if name == "_make" else record_class_attribute(kind, name)
            value = owner.lookup(name)
            if value is MISSING and name == "apply" and _is_autograd_function(owner):
                return self._autograd_apply(owner)
            if isinstance(value, LocalFunction) and value.kind == "classmethod":
                return BoundMethod(value, owner, _owner_of(owner, name))
            if isinstance(value, (int, str, float, tuple)) and not name.startswith("_"):
                member = _enum_member(owner, name, value)
                if member is not None:
                    return member
            return Unknown(f"class attribute {name}") if value is MISSING else value
        if isinstance(owner, EnumClass):
            member = next((m for m in owner.members if m.name == name), None)
            return member if member is not None else owner.name if name == "__name__" else \
                Unknown(f"{owner.name}.{name}")
        if isinstance(owner, EnumMember) and name in ("name", "value"):
            return owner.name if name == "name" else owner.value
        if isinstance(owner, Instance):
            if name in owner.attrs:
                return owner.attrs[name]
            value = owner.cls.lookup(name)
            if value is MISSING and name == "apply" and _is_autograd_function(owner.cls):
                # `qfn().apply` (DoReFa's uniform_quantize): apply is a classmethod, its instance's the class's
                return self._autograd_apply(owner.cls)
            if isinstance(value, LocalFunction):
                return self._method(value, owner, owner.cls, _owner_of(owner.cls, name))
            return Unknown(f"attribute {name}") if value is MISSING else value
        if isinstance(owner, AutogradContext):
            if name in owner.attrs:
                return owner.attrs[name]
            return MethodOf(owner, name) if name in AUTOGRAD_CONTEXT_METHODS else Unknown(f"ctx.{name}")
        if isinstance(owner, Partial) and name in ("func", "args", "keywords"):
            return {"func": owner.function, "args": tuple(owner.args), "keywords": dict(owner.kwargs)}[name]
        if isinstance(owner, SuperProxy):
            value = owner.after.lookup(name, after=owner.after)
            if isinstance(value, LocalFunction):
                owning = next((c for c in owner.after.mro()[1:] if name in c.namespace), None)
                return BoundMethod(value, owner.receiver, owning)
            return MethodOf(owner, name)
        if isinstance(owner, distributions.Distribution):
            return MethodOf(owner, name) if name in distributions.METHODS else distributions.attribute(owner, name)
        if isinstance(owner, tensor_ops.ValuesIndices) and name in owner.fields:
            return owner[owner.fields.index(name)]
        if isinstance(owner, NamedRecord):
            return self._record_attribute(owner, name)
        if isinstance(owner, (list, dict, str, tuple, argparse_model.ArgumentParser, ModuleGlobals)):
            return MethodOf(owner, name)
        if type(owner) in (int, float) and name in NUMBER_METHODS or _numpy_scalar_like(owner) and name == "astype":
            return MethodOf(owner, name)
        if isinstance(owner, argparse_model.Namespace) and name == "__dict__":
            return argparse_model.OptionsView(owner, self.span(self.current_node))  # (as vars(args))
        if isinstance(owner, argparse_model.Namespace):
            value, assumption = argparse_model.namespace_attribute(owner, name)
            if assumption is not None:
                self.assume(assumption)
            return value
        if isinstance(owner, AttributeBag):
            return MethodOf(owner, name) if name in BAG_METHODS and name not in owner.attrs else bag_value(owner, name)
        if isinstance(owner, RecordType) and name in ("__name__", "_make"):
            return owner.name if name == "__name__" else MethodOf(owner, name)
        if isinstance(owner, RecordType) and record_class_attribute(owner, name) is not MISSING:
            return record_class_attribute(owner, name)
        if isinstance(owner, RecordConstructor) and name == "__defaults__":
            return owner.kind.defaults or None if owner.kind.defaults is not None else Unknown("namedtuple defaults")
        if isinstance(owner, ArgumentParts) and not name.startswith("_"):
            return owner.part(name)
        if symbolic.argument_object(owner) and not name.startswith("_"):
            return symbolic.part_of_argument(owner, name)  # `args.n_feats` of RCAN(args): a width not given
        if isinstance(owner, Unknown) and name == "permute":
            return MethodOf(owner, name)  # only a tensor has it: its rank is then known (tensor_method)
        if isinstance(owner, MethodOf) and isinstance(owner.receiver, Tensor) and not name.startswith("_") \
                and self.speculation and not self.try_depth:
            # `x.contiguous.view(...)`: a tensor's method has no such attribute, AttributeError
            # surely; a path of a condition not known that reads one raises there, as `raise` would
            raise _Return(RAISES)
        return Unknown(f"attribute {name} of a value not known statically")

    def _reshaped_in_place(self, tensor: Tensor, name: str, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """`fea = conv(x).unsqueeze_(1)`, `x.squeeze_()`: the op's result, and every name of the
        running calls bound to that tensor now bound to it (torch changes the tensor object). A name
        of a caller under a condition not known may keep the old tensor on the other path: unknown."""
        result = tensor_ops.tensor_method(self, tensor, name[:-1], args, kwargs, node)
        if not isinstance(result, Tensor):
            return result
        for frame in self.frames:
            replacement = result if frame is self.frames[-1] or not self.speculation \
                else tensor_ops.unknown_tensor(f"x.{name} under a condition not known statically")
            for key, value in list(frame.names.items()):
                if value is tensor:
                    frame.names[key] = replacement
                elif isinstance(value, list) and any(item is tensor for item in value):
                    value[:] = [replacement if item is tensor else item for item in value]
        return result

    def _autograd_apply(self, cls: LocalClass) -> Any:
        """`Shake.apply(a, b, training)` of a torch.autograd.Function written in the project: its
        static forward(ctx, ...) on the arguments, ctx a context of which nothing is known (what
        backward() does changes no shape)."""
        forward = cls.lookup("forward")
        if not isinstance(forward, LocalFunction) or forward.kind not in ("staticmethod", ""):
            return Unknown("apply of an autograd Function without a static forward")
        # a forward written without @staticmethod (BinaryNet's `def forward(ctx, input)`) is called
        # by apply the same way in torch 2: ctx first
        return Partial(forward, (AutogradContext(),), {})

    def has_attribute(self, owner: Any, name: str) -> bool | None:
        """hasattr(): None when it cannot be told (a torch layer's own attributes, a module
        changed in ways not followed, an attribute set on only one path of an unknown condition)."""
        if isinstance(owner, (ModuleNode, Instance)):
            value = owner.children.get(name, MISSING) if isinstance(owner, ModuleNode) else MISSING
            value = owner.attrs.get(name, MISSING) if value is MISSING and name not in getattr(owner, "children", {}) \
                else value
            if value is PERHAPS_UNSET or isinstance(value, PerhapsSet):
                return None
            if value is not MISSING or name in getattr(owner, "children", {}):
                return True
            if isinstance(owner, Instance):
                return owner.cls.lookup(name) is not MISSING
            if not isinstance(owner.cls, LocalClass):
                return _torch_layer_has(owner.record, name)  # a torch layer: its attributes are torch's
            container = owner.attrs.get("__container__")
            if any(name in cls.namespace for cls in owner.cls.mro()) or name in MODULE_API \
                    or name in CONTAINER_API.get(container, ()):
                return True
            # what nn.Module and the containers define is listed: another name, private or not, is
            # the code's own (`getattr(block, "_is_cn", False)`), unless set where it is not followed
            if owner.incomplete or name.startswith("__") or owner.base is not None \
                    or (container and container not in CONTAINER_API):
                return None
            return False
        if isinstance(owner, LocalClass):
            return self._class_has(owner, name)
        if isinstance(owner, (int, float, str, list, tuple, dict)) or owner is None:
            return hasattr(owner, name)
        if isinstance(owner, argparse_model.Namespace):
            return True if name in owner.attrs else (False if owner.exact else None)
        return None

    def _class_has(self, cls: LocalClass, name: str) -> bool | None:
        """hasattr() of a class object (`getattr(self.block_cls, "expansion", 1)`): True where its
        body or a local base's sets the name; False only where nothing else could: every base is a
        class of the project or nn.Module (the name none of nn.Module's), every body only defs and
        plain assignments, no decorator or metaclass, and the file sets no `X.name` on another object."""
        self._prepare_class(cls)
        if cls.lookup(name) is not MISSING:
            return True
        if name.startswith("__"):
            return None
        for klass in cls.mro():
            if klass.node.decorators or any(arg.keyword is not None for arg in klass.node.bases) \
                    or not _plain_class_body(klass.node):
                return None
            for base in klass.bases:
                if isinstance(base, LocalClass):
                    continue
                if not (isinstance(base, TorchRef) and canonical_name(base.qualified) in MODULE_BASES) \
                        or name in MODULE_API:
                    return None
        root = cls.scope
        while root.parent is not None:
            root = root.parent
        files = {id(p): p for p in (root.parsed, self.parsed) if p is not None}
        setter = re.compile(rf"(?<!self)\.\s*{re.escape(name)}\s*(=(?!=)|[-+*/|&]=)|\bsetattr\(|__dict__")
        if not files or any(setter.search(parsed.text) for parsed in files.values()):
            return None
        return False

    def record_class(self, cls: LocalClass) -> RecordType | None:
        """The namedtuple class `cls` is (`class Meta(NamedTuple)` with its annotated fields and
        defaults, or a class deriving from `namedtuple(...)`), its methods those of `cls`; None for
        another class. One defining __new__ or __init__ builds what that says: not followed."""
        if "__record__" in cls.namespace:
            return cls.namespace["__record__"]
        self._prepare_class(cls)
        kind = None
        for klass in cls.mro():
            named = next((b for b in klass.bases if isinstance(b, TorchRef)
                          and canonical_name(b.qualified) in NAMED_TUPLE_BASES), None)
            base = next((b for b in klass.bases if isinstance(b, RecordType)), None)
            if named is not None:
                kind = self._annotated_record(klass)
            elif base is not None:
                kind = RecordType(base.name, base.fields, base.defaults)
            else:
                continue
            if kind is not None and any(c.lookup(n) is not MISSING for c in cls.mro()[:cls.mro().index(klass) + 1]
                                        for n in ("__new__", "__init__")):
                kind = None
            break
        if kind is not None:
            kind.cls, kind.name = cls, cls.name
        cls.namespace["__record__"] = kind
        return kind

    def _annotated_record(self, cls: LocalClass) -> RecordType | None:
        """`class Meta(NamedTuple): dilation: int; width: int = 16`: its fields, in order, and
        their defaults (the class body's values, evaluated as it was prepared)."""
        body = cls.node.body.body if isinstance(cls.node.body, cst.IndentedBlock) else ()
        fields = [small for statement in body if isinstance(statement, cst.SimpleStatementLine)
                  for small in statement.body if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)]
        names = tuple(f.target.value for f in fields)
        first = next((i for i, f in enumerate(fields) if f.value is not None), len(fields))
        if len(set(names)) != len(names) or any(f.value is None for f in fields[first:]):
            return None  # Python refuses a field without a default after one with
        return RecordType(cls.name, names, tuple(cls.namespace.get(n, Unknown(f"the default of {n}"))
                                                 for n in names[first:]))

    def _record(self, kind: RecordType, args: Any, kwargs: dict, unknown_rest: bool) -> Any:
        made = None if unknown_rest or args is None else record_of(kind, list(args), kwargs)
        return made if made is not None else Unknown(f"a {kind.name} of fields not known statically")

    def _record_attribute(self, record: NamedRecord, name: str) -> Any:
        """A field of a namedtuple instance, `_replace`/`_asdict`, or what its class defines
        (a method, a property, a constant)."""
        if name in record.kind.fields:
            return record.field(name)
        if name in RECORD_METHODS or name in ("count", "index"):
            return MethodOf(record, name)
        cls = record.kind.cls
        if isinstance(cls, LocalClass) and (value := cls.lookup(name)) is not MISSING:
            return self._method(value, record, cls, _owner_of(cls, name)) if isinstance(value, LocalFunction) else value
        found = record_class_attribute(record.kind, name)
        return found if found is not MISSING else Unknown(f"attribute {name} of a {record.kind.name}")

    def _method(self, function: LocalFunction, receiver: Any, cls: LocalClass, found: LocalClass | None) -> Any:
        """A function looked up on an instance, bound the way its decorator says."""
        if function.kind == "staticmethod":
            return function
        if function.kind == "classmethod":
            return BoundMethod(function, cls, found)
        if function.kind == "property":
            return self.call_function(function, [receiver], {}, function.node.name, owner=found)
        return BoundMethod(function, receiver, found)

    def _alternatives_attribute(self, owner: Alternatives, name: str) -> Any:
        """An attribute of one of several modules, chosen by a condition not known statically (a
        backbone built in each branch of `if name == 'resnet18': ... elif ...:`): what every choice
        agrees on (`resnet.fc.out_features`, 1000 for each), one of several modules where they are
        modules (`resnet.fc`), else unknown. Their children in order (`resnet.children()`) are
        joined item by item when every choice has as many."""
        results = [self._module_attribute(choice, name) for choice in owner.choices]
        if name in ALTERNATIVE_CHILD_METHODS and all(isinstance(r, MethodOf) for r in results):
            return MethodOf(owner, name)
        if any(isinstance(r, (MethodOf, BoundMethod, Instance)) or callable(r) for r in results):
            return Unknown(f"attribute {name} of one of several modules, by a condition not known statically")
        return join_values(results)

    def _module_attribute(self, node: ModuleNode, name: str) -> Any:
        if name in node.children:
            child = node.children[name]
            if self.analysis is not None and self.analysis.input is not None:  # during forward (CL207)
                self.analysis.touched.add(id(child))
            return child
        if name == "training" and (name not in node.attrs or self.analysis is not None and self.analysis.input is not None):
            # inference (model.eval()) first; the training path on a second run: eval()/train() set every
            # module's flag, whatever __init__ assigned (`self.training = training`)
            return self.training
        if name in node.attrs:
            return _own_weight_replaced(node, name, node.attrs[name])
        if name == "__class__":  # `m.__class__.__name__.find('Conv')` of an init function: type(m)
            from convlint.evaluator.builtins import class_of

            return class_of(node)
        if name == "_modules" and not node.incomplete:
            return dict(node.children)  # `for module in self._modules.values()`: the children, in order
        if isinstance(node.cls, LocalClass):
            found = None
            for cls in node.cls.mro():
                if name in cls.namespace:
                    found = cls
                    break
            if found is not None:
                value = found.namespace[name]
                return self._method(value, node, node.cls, found) if isinstance(value, LocalFunction) else value
        if name in ("weight", "bias") and (not node.incomplete or node.base is not None and not node.names_unknown):
            # a torch layer's own parameters (`F.conv1d(x, self.weight, self.bias, ...)` in the forward of an
            # nn.Conv1d subclass): a tensor of the shape torch registers, None for bias=False; also where the
            # subclass's own parameters are of sizes not known (a NoisyLinear's sigma_weight of in_features
            # not known): the layer's weight is still (out_features, in_features)
            for record in (node.record, node.base):
                shapes = layers.parameter_shapes(record) if record is not None else None
                if shapes is not None:
                    return Tensor(Shape(tuple(shapes[name])), f"{node.label}.{name}", owner=node) \
                        if name in shapes else None
        if name in ("weight", "bias", "running_mean", "running_var") and not node.incomplete:
            # a batch norm's (`F.batch_norm(x, self.running_mean, ...)` in the forward of a subclass)
            for record in (node.record, node.base):
                shapes = layers.norm_tensor_shapes(record) if record is not None else None
                if shapes is not None:
                    shape = shapes[name]
                    return None if shape is None else Tensor(Shape(shape), f"{node.label}.{name}", owner=node)
        for record in (node.record, node.base):
            if record is not None and name in type(record).model_fields and name != "type":
                return getattr(record, name)
        patched = self.patched_methods.get((node.record.type, name)) or self.patched_methods.get(("Module", name))
        if patched is not None:
            return BoundMethod(patched, node, None)
        return MethodOf(node, name)

    def _eval_Call(self, node: cst.Call, scope: Scope) -> Any:
        if isinstance(node.func, cst.Name) and node.func.value == "store_attr" and scope is not self.module_scope:
            return self._store_attr(node, scope)
        function = self.eval(node.func, scope)
        if isinstance(function, Builtin) and function.name == "super" and not node.args:
            return self._zero_argument_super(scope)
        if isinstance(function, Builtin) and function.name == "eval":
            return self._eval_string(node, scope)
        if isinstance(function, TorchRef) and canonical_name(function.qualified) in CONFIG_LOADERS \
                and (loaded := self._config_loads().get(id(node))) is not None:
            return copy.deepcopy(loaded.value)  # the file read, not the code opening it (`open` is no builtin here)
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        unknown_rest = False
        viewing = isinstance(node.func, cst.Attribute) and node.func.attr.value in ("view", "reshape")
        counts_read: list[tuple[int, CountUpdate]] = []
        if viewing:
            self.view_sizes_written.pop(id(node), None)
            self.view_counts_read.pop(id(node), None)
        for position, arg in enumerate(node.args):
            value = self.eval(arg.value, scope)
            if viewing and isinstance(arg.value, (cst.Name, cst.Attribute)) and not arg.keyword:
                self._note_view_sizes_written(node, value)
                if not arg.star and (update := self._update_read(arg.value, scope)) is not None \
                        and update.at not in self.copies_written:
                    counts_read.append((position, update))
            if arg.star == "*":
                self._note_unpacked_literal(arg, value)
                items = self.iterate(value)
                if items is None:
                    unknown_rest = True
                else:
                    args.extend(items)
            elif arg.star == "**":
                if isinstance(value, dict) and all(isinstance(k, str) for k in value):
                    kwargs.update(value)
                else:
                    unknown_rest = True
            elif arg.keyword is not None:
                kwargs[arg.keyword.value] = value
            else:
                args.append(value)
        if isinstance(function, Unknown) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "apply" \
                and len(args) == 1 and not kwargs and _followable_callable(args[0]):
            # `self.features[i].apply(fn)` of a module not known statically: what fn may assign, any
            # layer the code reaches may have had assigned
            written = _layer_attributes_written(args[0])
            if written:
                self._forget_reachable_layers(sorted(written), "module.apply() of a module not known statically, "
                                              f"with a function that may assign {', '.join(sorted(written))}", node)
        if counts_read and not any(arg.star or arg.keyword for arg in node.args):
            self.view_counts_read[id(node)] = tuple(counts_read)  # (each position a size of the view)
        if isinstance(function, MethodOf) and function.name in LIGHTNING_METHODS \
                and isinstance(function.receiver, ModuleNode) and self._lightning_module(function.receiver):
            if function.name == "save_hyperparameters":
                self.set_attribute(function.receiver, "hparams", self._saved_hyperparameters(
                    function.receiver, args, kwargs, unknown_rest, scope))
            return None  # (`self.log(...)`: changes nothing of the model)
        result = self.call(function, args, kwargs, node, unknown_rest)
        if result is LIST_CHANGE_NOT_FOLLOWED or isinstance(function, MethodOf) and unknown_rest \
                and isinstance(function.receiver, list) and function.name in LIST_MUTATORS:
            kind = "dict" if isinstance(getattr(function, "receiver", None), dict) else "list"
            why = f"{kind}.{function.name}() of values not known statically: what the {kind} holds is not known"
            self.unresolved(node, why)
            self._literal_notes_dropped(function.receiver)
            self._forget_changed(node.func.value, scope, why)
            return Unknown(why)
        if isinstance(node.func, cst.Attribute) and isinstance(function, (MethodOf, Unknown)):
            owner = function.receiver if isinstance(function, MethodOf) else self._peeked_value(node.func.value, scope)
            if self._unreadable_method(owner, node.func, function):
                # `self.add_block(i)` of a base class convlint cannot read: it may change anything of self
                self._forget_object_state(owner, node, "a method convlint cannot read (a base class not known "
                                                       "defines it)", followed=True)
        return result

    def _lightning_module(self, node: ModuleNode) -> bool:
        return isinstance(node.cls, LocalClass) and any(
            base.qualified in LIBRARY_MODULE_BASES and "LightningModule" in base.qualified
            for base in node.cls.torch_bases())

    def _saved_hyperparameters(self, receiver: ModuleNode, args: list, kwargs: dict, unknown_rest: bool,
                               scope: Scope) -> AttributeBag:
        """`self.hparams` after `self.save_hyperparameters(...)` in the model's own __init__: its
        parameters' values (those named, when strings are given; a dict given, its items), as
        Lightning collects them from the calling frame. Anything else: a bag whose every value is
        unknown."""
        why = "hyperparameters saved where convlint does not collect them"
        definition = self.running_functions[-1][0] if self.running_functions else None
        init = receiver.cls.lookup("__init__")
        ignored = kwargs.get("ignore", [])
        ignored = [ignored] if isinstance(ignored, str) else ignored
        if unknown_rest or set(kwargs) - {"ignore", "logger"} or not isinstance(ignored, (list, tuple)) \
                or not all(isinstance(name, str) for name in ignored):
            return AttributeBag("AttributeDict", spoiled=why)
        if len(args) == 1 and isinstance(args[0], (dict, AttributeBag)) and not isinstance(args[0], str):
            given = args[0].attrs if isinstance(args[0], AttributeBag) else args[0]
            if isinstance(args[0], AttributeBag) and args[0].spoiled or not all(isinstance(k, str) for k in given):
                return AttributeBag("AttributeDict", spoiled=why)
            return AttributeBag("AttributeDict", dict(given))
        if not isinstance(init, LocalFunction) or init.node is not definition \
                or not all(isinstance(name, str) for name in args):
            return AttributeBag("AttributeDict", spoiled=why)  # (called from a base's __init__: the subclass's too)
        params = definition.params
        names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)][1:]
        collected = {name: scope.names[name] for name in names if name in scope.names}
        if isinstance(params.star_kwarg, cst.Param) and isinstance(
                extra := scope.names.get(params.star_kwarg.name.value), dict):
            collected.update((k, v) for k, v in extra.items() if isinstance(k, str))
        if args:
            collected = {name: collected[name] for name in args if name in collected}
        return AttributeBag("AttributeDict", {k: v for k, v in collected.items() if k not in ignored})

    def _eval_string(self, node: cst.Call, scope: Scope) -> Any:
        """eval('self.layer%d' % i): a string that only names something (a dotted name, perhaps
        indexed by a literal) is looked up as the code would be, in the calling scope; anything
        else it might run is not followed."""
        source = self.eval(node.args[0].value, scope) if len(node.args) == 1 and not node.args[0].keyword \
            and not node.args[0].star else None
        expression = None
        if isinstance(source, str) and len(source) <= 200:
            try:
                expression = cst.parse_expression(source.strip())
            except (cst.ParserSyntaxError, RecursionError):
                expression = None
        root = expression
        constructs = isinstance(root, cst.Call) and isinstance(root.func, cst.Name) \
            and all(_literal_argument(arg) for arg in root.args)
        if constructs:
            # `eval(f"{backbone}()")` of a name given as a string (SimSiam's get_backbone): the
            # construction of a class (or a factory's call) with literal arguments, run as the code would
            root = root.func
        while isinstance(root, (cst.Attribute, cst.Subscript)):
            if isinstance(root, cst.Subscript) and not (
                    len(root.slice) == 1 and isinstance(root.slice[0].slice, cst.Index)
                    and isinstance(root.slice[0].slice.value, (cst.Integer, cst.SimpleString))):
                root = None
                break
            root = root.value
        bound = isinstance(root, cst.Name) and any(root.value in frame.names for frame in _scope_chain(scope, self.module_scope))
        if bound and constructs and not isinstance(self.eval(root, scope), (LocalClass, LocalFunction, TorchRef)):
            bound = False  # (`eval("self.layer%d()" % i)`: code that runs a module, not a construction)
        if not bound:
            self.unresolved(node, "eval() of code not known statically")
            return Unknown("eval() of code not known statically")
        return self.eval(expression, scope)

    def _store_attr(self, node: cst.Call, scope: Scope) -> None:
        """fastcore's `store_attr()` (and the `store_attr(self, 'block,expansion')` copies of it that
        read the caller's frame): each named local of the calling method, or every one of them,
        set as an attribute of self. Run as Python would, by name: its own code reads frames."""
        args = [self.eval(arg.value, scope) for arg in node.args if arg.keyword is None and not arg.star]
        kwargs = {arg.keyword.value: self.eval(arg.value, scope) for arg in node.args if arg.keyword is not None}
        owner = kwargs.get("self", scope.names.get("self"))
        if args and isinstance(args[0], (ModuleNode, Instance)):
            owner, args = args[0], args[1:]
        names = kwargs.get("names", args[0] if args else None)
        but = kwargs.get("but", "")
        if not isinstance(owner, (ModuleNode, Instance)) or not (names is None or isinstance(names, str)) \
                or not isinstance(but, str) or any(arg.star for arg in node.args):
            self.unresolved(node, "store_attr() of names not known statically")
            if isinstance(owner, (ModuleNode, Instance)):
                self.forget_attributes(owner)
            return None
        skipped = {"self", "kwargs", "args", *re.split(r",\s*", but)}
        chosen = [n for n in re.split(r",\s*", names) if n] if names is not None else \
            [n for n in scope.names if n not in skipped and not n.startswith("__")]
        for name in chosen:
            self.set_attribute(owner, name, scope.names.get(name, Unknown(f"{name}, not a local of the caller")))
        return None

    def _zero_argument_super(self, scope: Scope) -> Any:
        current: Scope | None = scope
        while current is not None and current is not self.module_scope:
            if current.owner is not None:
                return SuperProxy(current.receiver, current.owner)
            current = current.parent
        return Unknown("super() outside a method")

    def _eval_BinaryOperation(self, node: cst.BinaryOperation, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        right = self.eval(node.right, scope)
        if isinstance(left, Tensor):  # `x + self.body(x)`: the input read before the body gave it its rank
            left = tensor_ops.settled(self, left)
        return self.binary(type(node.operator).__name__, left, right, node)

    def _eval_UnaryOperation(self, node: cst.UnaryOperation, scope: Scope) -> Any:
        value = self.eval(node.expression, scope)
        operator = type(node.operator).__name__
        if operator == "Not":
            truth = self.truth(value)
            return Unknown("not of an unknown") if truth is None else not truth
        if isinstance(value, Tensor):
            return value
        if isinstance(value, KnownTensor):
            if operator == "Minus":
                return known_tensors.unary("neg", value) or tensor_ops.shape_only(value)
            return value if operator == "Plus" else tensor_ops.shape_only(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) or isinstance(value, bool):
            return {"Minus": lambda v: -v, "Plus": lambda v: +v, "BitInvert": lambda v: ~int(v)}[operator](value)
        if isinstance(value, Sym) and operator == "Minus":
            return dim_mul(value, -1)
        if isinstance(value, (Sym, UnknownNumber)) and operator in ("Minus", "Plus"):
            return UnknownNumber("a unary operation on an unknown")  # -(1 / n): a number still
        return Unknown("a unary operation on an unknown")

    def _eval_BooleanOperation(self, node: cst.BooleanOperation, scope: Scope) -> Any:
        if (chosen := self._and_or_choice(node, scope)) is not MISSING:
            return chosen
        left = self.eval(node.left, scope)
        truth = self.truth(left)
        if truth is None:
            self.selected_operand.pop(id(node), None)
            right = self.eval(node.right, scope)
            if isinstance(node.operator, cst.Or) and isinstance(left, Sym) and right == 1 and not isinstance(right, bool):
                from convlint.evaluator.builtins import lifted_width
                if (lifted := lifted_width([left, right])) is not None:
                    return lifted  # `in_channels // 2 or 1`: max(in_channels/2, 1), as the guard `if x == 0: x = 1`
            if right is isinstance(node.operator, cst.Or):
                # `in_ch != out_ch or stride != 1` with stride 2: True whatever the widths (`... and False`: False)
                return right
            return Unknown("a boolean of an unknown") if not isinstance(right, Tensor) else right
        taken = node.right if truth == isinstance(node.operator, cst.And) else node.left
        self.selected_operand[id(node)] = (node, taken)
        return left if taken is node.left else self.eval(node.right, scope)

    def _and_or_choice(self, node: cst.BooleanOperation, scope: Scope) -> Any:
        """`test and module or other` under a test not known statically: `module if test else other`
        (WideResNet's `(not equalInOut) and nn.Conv2d(...) or None`), as a module is true; MISSING
        where the test is known or the middle operand may be false (the plain and/or then)."""
        inner = node.left
        if not (isinstance(node.operator, cst.Or) and isinstance(inner, cst.BooleanOperation)
                and isinstance(inner.operator, cst.And)):
            return MISSING
        alternatives, when_true, when_false, truth = self._decided_test(inner.left, scope)
        if truth is not None:
            return MISSING
        with self.speculating():
            with self.narrowing(alternatives, when_true):
                body = self.eval(inner.right, scope)
            if not _surely_true_module(body):
                return MISSING
            with self.narrowing(alternatives, when_false):
                orelse = self.eval(node.right, scope)
            return join_values([self._settled(body), self._settled(orelse)])

    def _eval_Comparison(self, node: cst.Comparison, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        result: Any = True
        for target in node.comparisons:
            right = self.eval(target.comparator, scope)
            if len(node.comparisons) == 1:
                self._note_forward_compared(type(target.operator).__name__, left, right)
            if len(node.comparisons) == 1 and type(target.operator).__name__ in ELEMENTWISE_COMPARISONS \
                    and any(isinstance(v, (Tensor, KnownTensor)) for v in (left, right)):
                # `mask != 0`: a bool tensor of the shape the operands broadcast to (its values where known)
                known = known_tensors.compared(type(target.operator).__name__, left, right)
                if known is not None:
                    return known
                return tensor_ops.compared(tensor_ops.shape_only(left), tensor_ops.shape_only(right))
            outcome = compare(type(target.operator).__name__, left, right)
            if outcome is None and isinstance(self.squeeze_keeps, Sym) and type(target.operator).__name__ in (
                    "Equal", "NotEqual") and (left, right) in ((self.squeeze_keeps, 1), (1, self.squeeze_keeps)):
                # the run where a squeezed size is not 1 (analyze._squeezed_input): `h == 1` of it is False
                outcome = type(target.operator).__name__ == "NotEqual"
            if outcome is None and len(node.comparisons) == 1 and type(target.operator).__name__ == "Equal":
                self.last_comparison = (node, left, right)  # (an assert of it: note_asserted_size)
            if outcome is None:
                return Unknown("a comparison of unknowns")
            if not outcome:
                result = False
            left = right
        return result

    def _note_forward_compared(self, operator: str, left: Any, right: Any) -> None:
        """`scale == 2`, `mode in ('a', 'b')` of a further forward() input nothing gives: the constants
        are values the code handles, each tried in a run of its own (analyze._forward_trials)."""
        if operator in ("Equal", "NotEqual") and isinstance(right, Tensor) and right.free is not None:
            left, right = right, left  # (`2 == scale`)
        if self.analysis is None or not self.branch_tests or operator not in ("Equal", "NotEqual", "In", "NotIn") \
                or not isinstance(left, Tensor) or left.free is None:
            return
        values = right if operator in ("In", "NotIn") and isinstance(right, (list, tuple)) else \
            [right] if operator in ("Equal", "NotEqual") else []
        found = self.analysis.forward_compared.setdefault(left.free, [])
        for value in values:
            if isinstance(value, (int, float, str)) and not isinstance(value, bool) and value not in found:
                found.append(value)

    def _touch_untaken(self, branch: cst.CSTNode | None, scope: Scope) -> None:
        """A branch forward() skips here (`if self.training:` in inference mode) still uses the
        layers it names in training: CL207 must not call them unused."""
        if self.analysis is not None:
            self._touch_named(branch, scope, self.analysis.untaken)

    def _touch_unfollowed(self, code: cst.CSTNode | None, scope: Scope) -> None:
        """Code not followed (a loop over unknowns, a while loop) may call the layers it names,
        how often unknown: they are used (no CL207), and the model's costs are unknown."""
        self.unfollowed_code += 1
        if self.analysis is not None:
            self._touch_named(code, scope, self.analysis.touched)

    def _touch_named(self, code: cst.CSTNode | None, scope: Scope, into: set) -> None:
        receiver, where = None, scope
        while isinstance(where, Scope) and receiver is None:  # a comprehension's scope is nested
            receiver, where = where.names.get("self"), where.parent
        if code is None or not isinstance(receiver, ModuleNode) or self.analysis.input is None:
            return  # only during forward()
        for name in _self_attributes(code, self.walk_cache):
            child = receiver.children.get(name)
            if child is not None:
                into.add(id(child))

    def _eval_IfExp(self, node: cst.IfExp, scope: Scope) -> Any:
        alternatives, when_true, when_false, truth = self._decided_test(node.test, scope)
        if truth is True:
            self.selected_operand[id(node)] = (node, node.body)
            self._touch_untaken(node.orelse, scope)
            return self.eval(node.body, scope)
        if truth is False:
            self.selected_operand[id(node)] = (node, node.orelse)
            self._touch_untaken(node.body, scope)
            return self.eval(node.orelse, scope)
        self.selected_operand.pop(id(node), None)
        with self.speculating():
            with self.narrowing(alternatives, when_true):
                body = self.eval(node.body, scope)
            with self.narrowing(alternatives, when_false):
                orelse = self.eval(node.orelse, scope)
            # (`x if self.down is None else self.down(x)`: the input read before its layer gave it a rank)
            return join_values([self._settled(body), self._settled(orelse)])

    def _elements(self, elements: Iterable[cst.BaseElement], scope: Scope) -> list[Any] | Unknown:
        out: list[Any] = []
        for element in elements:
            value = self.eval(element.value, scope)
            if isinstance(element, cst.StarredElement):
                items = self.iterate(value)
                if items is None:
                    return Unknown("unpacking a value not known statically")
                out.extend(items)
            else:
                out.append(value)
        return out

    def _eval_Tuple(self, node: cst.Tuple, scope: Scope) -> Any:
        items = self._elements(node.elements, scope)
        return items if isinstance(items, Unknown) else self._noted_literal(tuple(items), node, scope)

    def _eval_List(self, node: cst.List, scope: Scope) -> Any:
        items = self._elements(node.elements, scope)
        return items if isinstance(items, Unknown) else self._noted_literal(items, node, scope)

    def _noted_literal(self, items: list | tuple, node: cst.List | cst.Tuple, scope: Scope | None = None) -> list | tuple:
        """Notes a literal's items where each element wrote one number (literal_items); where a name
        wrote a number among them, the names too (items_written)."""
        if scope is not None and len(items) == len(node.elements) and len(self.items_written) < MAX_NOTED_LITERALS \
                and all(type(e) is cst.Element for e in node.elements) \
                and any(type(e.value) is cst.Name and type(item) is int for e, item in zip(node.elements, items)):
            self._note_items_written(items, [e.value for e in node.elements], scope)
        if scope is not None and type(items) is tuple and 2 <= len(items) <= 5 \
                and len(items) == len(node.elements) and len(self.shape_tuples_passed) < MAX_NOTED_LITERALS \
                and self.analysis is not None and self.analysis.input is None and len(self.frames) > 1 \
                and all(type(e) is cst.Element and type(e.value) in (cst.Name, cst.Integer) for e in node.elements) \
                and all(type(item) is int for item in items) and any(
                    type(e.value) is cst.Name and e.value.value in self.frames[-1].arguments for e in node.elements):
            passed, via = self._sizes_passed_of([e.value for e in node.elements])
            if passed:  # (and where the tuple reads each: the line of the weight's shape)
                passed = tuple((*found, self.span(e.value)) if found is not None else None
                               for found, e in zip(passed, node.elements))
                self.shape_tuples_passed[id(items)] = (items, passed, via)
        # (exact types: libcst's isinstance is an ABC check, and every list and tuple passes here)
        if len(items) == len(node.elements) and len(self.literal_items) < MAX_NOTED_LITERALS \
                and all(type(e) is cst.Element for e in node.elements) \
                and any(type(e.value) is cst.Integer for e in node.elements):
            self.literal_items[id(items)] = (items, node)
            self.literal_spans[id(items)] = self.span(node)  # (its file's: it may be read in another)
        return items

    def _note_items_written(self, items: list | tuple, written: list, scope: Scope) -> None:
        """Notes where each item of `items` was written (items_written), in the current file, by the
        function whose scope (or comprehension's) `scope` is."""
        self.items_written[id(items)] = (items, tuple(written), tuple(
            None if element is None else self.written_span(element) for element in written), tuple(
            self._written_at(element, scope) if type(element) is cst.Name else None for element in written),
            _around_comprehensions(scope))

    def _item_origin(self, value: cst.Subscript, depth: int) -> tuple | None:
        """argument_origin of `dims[i - 1]` read by the function running at frames[depth - 1], of
        a tuple of its *args (`def __init__(self, *dims)` called `PointMLP(k, 64, 128)`) or a list
        written with names (`MLP([k, 64, 128])`): the item's element where the call wrote it, followed
        on to the outer call where it names a parameter of the function that wrote it (`TNet(3)`)."""
        if len(value.slice) != 1 or not isinstance(value.slice[0].slice, cst.Index) \
                or type(value.value) is not cst.Name or not all(
                    isinstance(n, INDEX_ARITHMETIC) for n in _walked(value.slice[0].slice.value, self.walk_cache)):
            return None
        frame = self.frames[depth - 1]
        scope = self._innermost_scope() if depth == len(self.frames) else frame
        items = _local_value(scope, value.value.value)
        noted = self.items_written.get(id(items))
        if noted is None or noted[0] is not items:
            return self._literal_item_origin(items, value, scope, depth)
        return self._origin_of_item(noted, self.eval(value.slice[0].slice.value, scope), depth)

    def _literal_item_origin(self, items: Any, value: cst.Subscript, scope: Scope, depth: int) -> tuple | None:
        """_item_origin of `v[0]` where v is a row of numbers written as a literal (OpenPose's
        `for name, v in block.items()` over `('conv5_1', [128, 128, 3, 1, 1])` rows): the number in
        the row, the line a user would change, not the helper's line every row runs through."""
        # (only a row a loop reads: `widths[0]` of a list the constructor wrote may be right for one
        # call and not another, which the call's own blame decides)
        if depth != len(self.frames) or not self.running_functions \
                or value.value.value not in _looped_names(self.running_functions[-1][0], self.walk_cache):
            return None
        element = self._literal_element(items, self.eval(value.slice[0].slice.value, scope))
        if element is None:
            return None
        frame = self.frames[depth - 1]
        others = frozenset(v for n, (_, _, v, _, _) in frame.arguments.items()
                           if not _window_parameter(n) and isinstance(v, int) and not isinstance(v, bool))
        span = self.literal_spans[id(items)].parsed.span_of(element)  # (the literal's file)
        return span, others, None, ((span, others),)

    def _origin_of_item(self, noted: tuple, index: Any, depth: int) -> tuple | None:
        """_item_origin of the item at `index` of items noted in items_written."""
        items, frame = noted[0], self.frames[depth - 1]
        if type(index) is not int or not -len(items) <= index < len(items) or noted[1][index] is None \
                or type(items[index]) is not int:
            return None
        element, span, written, writer = noted[1][index], noted[2][index], noted[3][index], noted[4]
        others = frozenset(v for n, (_, _, v, _, _) in frame.arguments.items()
                           if not _window_parameter(n) and isinstance(v, int) and not isinstance(v, bool))
        level = (span, others)
        at = next((i for i in range(depth - 1, -1, -1) if self.frames[i] is writer), None)
        further = self._origin_in(element, at + 1) if at is not None and type(element) is cst.Name else None
        if further is not None:
            origin, more, written, levels = further
            return origin, others | more, written, (level, *levels)
        return span, others, written, (level,)

    def _literal_notes_dropped(self, items: list) -> None:
        """A list changed in place: where its items were written no longer holds."""
        for notes in (self.items_written, self.literal_items, self.sliced_items):
            notes.pop(id(items), None)

    def _note_view_sizes_written(self, node: cst.Call, value: object) -> None:
        """`x.view(-1, *self.reshape)`, `x.view(shape)`: the sizes a name holds, where they still are
        the numbers of the literal it was bound to (view_sizes_written)."""
        noted = self.literal_items.get(id(value))
        if noted is not None and noted[0] is value and len(value) == len(noted[1].elements) \
                and all(type(e.value) in (cst.Integer, cst.UnaryOperation) for e in noted[1].elements) \
                and all(type(v) is int for v in value):
            self.view_sizes_written[id(node)] = self.literal_spans[id(value)]

    def _note_unpacked_literal(self, arg: cst.Arg, value: object) -> None:
        """`Block(*cfg[i])` of a literal of numbers (unpacked_literals): each number written in it is
        where the block's parameter at its place is written, the line a user would change."""
        noted = self.literal_items.get(id(value))
        sliced = self.sliced_items.get(id(value)) if noted is None else None
        if sliced is not None and sliced[0] is value and len(sliced[2]) == len(value):
            # `torch.ones(*param[:4])` of a config row (MAML's learner): the row's own numbers
            noted, whole = self.literal_items.get(id(sliced[1])), sliced[1]
            if noted is not None and noted[0] is whole and len(whole) == len(noted[1].elements):
                self.unpacked_literals[id(arg)] = arg, tuple(
                    _number_written(noted[1].elements[index].value, value[at])
                    for at, index in enumerate(sliced[2]))
                self.unpacked_files.update((id(e), (e, self.literal_spans[id(whole)].parsed))
                                           for e in self.unpacked_literals[id(arg)][1] if e is not None)
                return
            noted = None
        if noted is None or noted[0] is not value or len(value) != len(noted[1].elements):
            self.unpacked_literals.pop(id(arg), None)
            return
        parsed = self.literal_spans[id(value)].parsed
        elements = tuple(_number_written(element.value, item) for element, item in zip(noted[1].elements, value))
        self.unpacked_literals[id(arg)] = arg, elements
        self.unpacked_files.update((id(element), (element, parsed)) for element in elements if element is not None)

    def _positional_written(self, node: cst.Call) -> list[cst.BaseExpression | None] | None:
        """A call's positional arguments as written, each `*items` of a literal (unpacked_literals)
        replaced by its elements (None for one that is no number); None where another `*` is unpacked."""
        out: list[cst.BaseExpression | None] = []
        for arg in node.args:
            if arg.star == "*":
                held = self.unpacked_literals.get(id(arg))
                if held is None or held[0] is not arg:
                    return None
                out.extend(held[1])
            elif arg.keyword is None and not arg.star:
                out.append(arg.value)
        return out

    def written_span(self, node: cst.CSTNode) -> Span:
        """span(), for a number a call unpacks from a literal too: in the literal's own file."""
        held = self.unpacked_files.get(id(node))
        return held[1].span_of(node) if held is not None and held[0] is node else self.span(node)

    def _literal_element(self, items: object, index: object) -> cst.BaseExpression | None:
        """The element of the literal an item of `items` was written as, while it still holds it."""
        noted = self.literal_items.get(id(items))
        sliced = self.sliced_items.get(id(items)) if noted is None else None
        if sliced is not None and sliced[0] is items and type(index) is int and -len(items) <= index < len(items) \
                and len(sliced[2]) == len(items):
            return self._literal_element(sliced[1], sliced[2][index])
        if noted is None or noted[0] is not items or type(index) is not int \
                or len(items) != len(noted[1].elements) or not -len(items) <= index < len(items):
            return None
        element = noted[1].elements[index].value
        return element if isinstance(element, cst.Integer) and type(items[index]) is int \
            and int(element.value, 0) == items[index] else None

    def _eval_Set(self, node: cst.Set, scope: Scope) -> Any:
        items = self._elements(node.elements, scope)
        return set(items) if isinstance(items, list) and all(hashable(i) for i in items) else Unknown("a set")

    def _eval_Dict(self, node: cst.Dict, scope: Scope) -> Any:
        out: dict = {}
        for element in node.elements:
            if isinstance(element, cst.StarredDictElement):
                value = self.eval(element.value, scope)
                if not isinstance(value, dict):
                    return Unknown("a dict unpacking not known statically")
                out.update(value)
                continue
            key = self.eval(element.key, scope)
            if not hashable(key):
                return Unknown("a dict with an unknown key")
            out[key] = self.eval(element.value, scope)
        return out

    def _eval_Lambda(self, node: cst.Lambda, scope: Scope) -> Any:
        return LocalLambda(node, scope)

    def _eval_Subscript(self, node: cst.Subscript, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        if value == TorchRef("sys.modules") and is_own_module(node) and "__name__" not in scope.names:
            return ModuleValue(self.module_scope)
        if len(node.slice) != 1:
            value = tensor_ops.shape_only(value)
            if isinstance(value, Tensor):
                return self._indexed(node, value, [self._slice_value(s.slice, scope, of_tensor=True)
                                                   for s in node.slice])
            return Unknown("a multi-dimensional index")
        index = self._slice_value(node.slice[0].slice, scope, of_tensor=type(value) is Tensor)
        if isinstance(value, KnownTensor):
            picked = known_tensors.item_at(value, index)
            if picked is not None:
                return picked
            value = tensor_ops.shape_only(value)
        if isinstance(value, Tensor):
            return self._indexed(node, value, [index])
        item = self._item(value, index, whole=isinstance(node.slice[0].slice, cst.Index))
        if type(index) is slice and type(item) in (list, tuple) and len(self.sliced_items) < MAX_NOTED_LITERALS \
                and (id(value) in self.literal_items or id(value) in self.sliced_items):
            # `for c in self.widths[1:]`: each item still written at the literal's element
            self.sliced_items[id(item)] = (item, value, range(len(value))[index])
        if type(index) is slice and type(item) in (list, tuple) and (noted := self.items_written.get(id(value))) \
                and noted[0] is value and len(self.items_written) < MAX_NOTED_LITERALS:
            kept = range(len(value))[index]  # `zip(dims[:-1], dims[1:])` of a call's *args
            self.items_written[id(item)] = (item, *(tuple(field[i] for i in kept) for field in noted[1:4]), noted[4])
        if isinstance(item, Unknown) and isinstance(value, (list, tuple, dict)) \
                and any(isinstance(v, Tensor) for v in (value.values() if isinstance(value, dict) else value)):
            # `feats[i]` of tensors, the item not known: a shape lost here, said so
            self.unresolved(node, "an item not known statically of tensors in a list or dict: its shape is unknown")
        return item

    def _indexed(self, node: cst.Subscript, tensor: Tensor, indices: list) -> Tensor:
        """tensor[indices]; an index not followed on a tensor of known shape is listed."""
        if len(indices) == 1 and isinstance(indices[0], str):
            # `batch['frames']`: the model is given a dict; each read of a key is the one tensor
            # (a test of its rank holds for the next read)
            held = self.items_of_tensors.get((id(tensor), indices[0]))
            if held is None or held[0] is not tensor:
                held = self.items_of_tensors[(id(tensor), indices[0])] = (tensor, tensor_ops.index_tensor(tensor, indices))
            if tensor.shape.dims is not None:
                self.unresolved(node, f"{held[1].producer}: the indexed tensor's shape is unknown")
            return held[1]
        if tensor.placeholder and (deferred := tensor_ops.sliced_input(tensor, indices)) is not None:
            return deferred
        result = tensor_ops.index_tensor(tensor, indices)
        refused = tensor_ops.index_out_of_range(tensor.shape.dims, indices) if result.shape.dims is None else None
        if refused is not None:  # torch raises IndexError: recorded for CL112, not listed as not followed
            dim, index, size = refused
            tensor_ops._record_op(self, TensorOp(
                INDEX_OP, (tensor,), result, self.span(node),
                f"index {index} is out of bounds for dimension {dim} with size {size}",
                {"dim": dim, "index": index, "size": size, "code": cst.Module([]).code_for_node(node)}))
        elif result.shape.dims is None and tensor.shape.dims is not None:
            self.unresolved(node, f"{result.producer}: the indexed tensor's shape is unknown")
        elif result.shape.dims is not None and any(isinstance(d, Unknown) and d.why == "the rows a tensor index picks"
                                                   for d in result.shape.dims):
            self.unresolved(node, "an index by a tensor whose dtype is not known (an integer index or a bool "
                                  "mask): how many rows it picks is not known")
        if result.piece_of is tensor:
            cut = self._slice_cut(node, tensor, result, indices)
            if cut is not None:
                result = replace(result, cut=cut)
        return result

    def _slice_cut(self, node: cst.Subscript, tensor: Tensor, result: Tensor, indices: list) -> SliceCut | None:
        """The crop a slice of numbers makes along one dim (`residual[:, :, self.k:]`, `x[..., :-2]`),
        or None: several dims cut, a step, a bound not a number of the code (`:ref.size(2)`)."""
        dims, cut_dims = tensor.shape.dims, result.shape.dims
        if dims is None or cut_dims is None or len(dims) != len(cut_dims) or None in indices \
                or len(indices) != len(node.slice) or indices.count(Ellipsis) > 1:
            return None
        at = indices.index(Ellipsis) if Ellipsis in indices else len(indices)
        axes = [*range(at), *range(len(dims) - (len(indices) - at - 1), len(dims))]
        cut = [(position, axis) for position, axis in zip(range(len(indices)), axes[:at] + [None] + axes[at:])
               if axis is not None and indices[position] != slice(None)]
        if len(cut) != 1:
            return None
        (position, axis), = cut
        bounds, element = indices[position], node.slice[position].slice
        if not isinstance(bounds, slice) or not isinstance(element, cst.Slice) or bounds.step not in (None, 1) \
                or not all(b is None or type(b) is int for b in (bounds.start, bounds.stop)) \
                or dims[axis] == cut_dims[axis]:
            return None
        code = self.parsed.code_for if self.parsed is not None else None
        if code is None:
            return None
        return SliceCut(self.span(node), self.frames[-1].serial if self.frames else 0, axis, bounds, code(node.value),
                        tuple(code(e.slice) for e in node.slice), position,
                        None if element.lower is None else code(element.lower),
                        None if element.upper is None else code(element.upper))

    def _slice_value(self, element: cst.BaseSlice, scope: Scope, of_tensor: bool = False) -> Any:
        """An index or slice; a slice of a tensor keeps bounds that are sizes not known statically
        (`x[:, :, :ref.size(2)]`): the other dims stay known and the sliced one says what it is."""
        if isinstance(element, cst.Index):
            return self.eval(element.value, scope)
        parts = [None if p is None else self.eval(p, scope) for p in (element.lower, element.upper, element.step)]
        if of_tensor and all(p is None or isinstance(p, (int, Sym, Unknown)) and not isinstance(p, bool)
                             for p in parts):
            return slice(*parts)
        if any(isinstance(p, Unknown) or (p is not None and not isinstance(p, int)) for p in parts):
            return Unknown("a slice with unknown bounds")
        return slice(*parts)

    def _item(self, value: Any, index: Any, whole: bool = False) -> Any:
        """value[index]; `whole`: the index was written as one value, no slice (`pads[i]`)."""
        if isinstance(value, tensor_ops.InputSizes) and isinstance(index, int):
            if index != 0 and self.analysis is not None:
                self.analysis.unsettled_reads = True  # `x.shape[2]` before the first layer set the rank
            return value.item(index)
        if isinstance(value, tensor_ops.InputSizes) and isinstance(index, slice) and index.stop is None \
                and index.step is None and type(index.start) is int and -5 <= index.start < 0:
            # `x.shape[-3:]` before the first layer set the rank: the last sizes, each read alone
            if self.analysis is not None:
                self.analysis.unsettled_reads = True
            return tuple(value.item(position) for position in range(index.start, 0))
        if isinstance(value, AttributeBag) and isinstance(index, str):
            return bag_value(value, index)  # `cfg["GAN"]` of an EasyDict
        if isinstance(value, ArgumentParts) and isinstance(index, (int, str)) and not isinstance(index, bool):
            return value.part(index)
        if symbolic.argument_object(value) and isinstance(index, (int, str)) and not isinstance(index, bool):
            return symbolic.part_of_argument(value, index)  # `features[2]`, `cfg["width"]` of an argument not given
        if isinstance(value, ModuleNode) and isinstance(index, ItemKey):
            return self._module_item(value, index)
        if (modules := _modules_an_index_picks(value, index, whole)) is not None:
            # `self.pads[x.shape[2] % stride]` (TF "SAME" padding picking one of its pads): one of
            # them, each followed when called, what they agree on kept (a pad never changes the channels)
            return Alternatives("one of a list's modules, by an index not known statically", choices=modules)
        if isinstance(value, Unknown) or isinstance(index, Unknown):
            return Unknown("an item of a value not known statically")
        if isinstance(value, ModuleNode):
            return self._module_item(value, index)
        if isinstance(value, (list, tuple, str)):
            if isinstance(index, slice):
                return value[index]
            if isinstance(index, int) and -len(value) <= index < len(value):
                return value[index]
            return Unknown("an index out of range")
        if isinstance(value, dict) and hashable(index):
            return value.get(index, Unknown(f"key {index!r} not known" if not isinstance(index, Sym) else
                                            f"the entry of key {index}, an argument not given"))
        if isinstance(value, ModuleGlobals) and isinstance(index, str):  # `globals()[name]`
            found = self.global_value_of(value.unit, index)
            return Unknown(f"{index} is not a name of the module") if found is MISSING else found
        return Unknown("an item of a value not known statically")

    def _module_item(self, node: ModuleNode, index: Any) -> Any:
        held = self.item_children.get(id(node))
        if isinstance(index, ItemKey) and held is not None and held[0] is node and _same_source(held[1], index.source) \
                and held[2] in node.children:
            return node.children[held[2]]  # (the module a loop over that dict set for each of its keys)
        if node.incomplete and not (isinstance(index, str) and index in node.children):
            members = _members_in_order(node)
            if members is not None and isinstance(index, (int, str)) and not isinstance(index, bool):
                names = [name for name, _ in members]
                if isinstance(index, int) and _container_kind(node) != "ModuleDict":
                    name = names[index] if -len(names) <= index < len(names) else None
                else:
                    name = str(index) if str(index) in names else None
                if name is None:
                    return Unknown("a module index out of range")
                if name in node.children:
                    return node.children[name]
                if _modules_alternatives(chosen := node.attrs.get(name)):
                    return chosen  # one of several modules, by a condition not known statically
            return Unknown("an item of a container whose modules are not known")
        children = [c for c in node.children.values()]
        if _container_kind(node) == "ModuleDict" or isinstance(index, str):
            return node.children.get(str(index), Unknown(f"no module {index!r}"))
        if isinstance(index, int) and -len(children) <= index < len(children):
            return children[index]
        if isinstance(index, slice):
            sliced = ModuleNode(ContainerRecord(type=node.record.type), node.span)
            if _container_kind(node) == "Sequential":  # torch keeps a Sequential's keys: features[4:] holds "4", "5"...
                sliced.children = dict(list(node.children.items())[index])
            else:  # a ModuleList's slice is a new list, numbered from 0
                sliced.children = {str(i): c for i, c in enumerate(children[index])}
            return sliced
        return Unknown("a module index out of range")

    def _eval_ListComp(self, node: cst.ListComp, scope: Scope) -> Any:
        return self._comprehension(node, scope)

    def _eval_GeneratorExp(self, node: cst.GeneratorExp, scope: Scope) -> Any:
        return self._comprehension(node, scope)

    def _eval_SetComp(self, node: cst.SetComp, scope: Scope) -> Any:
        items = self._comprehension(node, scope)
        return set(items) if isinstance(items, list) and all(hashable(i) for i in items) \
            else Unknown("a set comprehension")

    def _eval_DictComp(self, node: cst.DictComp, scope: Scope) -> Any:
        result = self._comprehension(node, scope, key=node.key)
        if isinstance(result, list) and any(isinstance(k, Unknown) and not isinstance(k, ItemKey) for k, _ in result):
            return Unknown("a dict with keys not known statically")  # (two unknown keys are not one entry)
        return dict(result) if isinstance(result, list) else result

    def _comprehension(self, node: Any, scope: Scope, key: Any = None) -> Any:
        inner = Scope(scope)
        inner.comprehension = True
        out: list[Any] = []
        once = []  # clauses over a dict not known statically, followed once for any one item

        def run(clause: cst.CompFor | None) -> bool:
            if clause is None:
                if key is None:
                    value = self.eval(node.elt, inner)
                else:
                    value = (self.eval(key, inner), self.eval(node.value, inner))
                out.append(value)
                return len(out) < MAX_LOOP_ITERATIONS
            iterable = self.eval(clause.iter, inner)
            items = self.iterate(iterable)
            item = self._symbolic_item(clause.iter, iterable, clause.target, inner, node) if items is None else None
            if items is None and item is None:
                self.count_items_of_an_argument(iterable)
            if item is not None:
                # (a dict not known statically: what one item of any key gives is evaluated, then not followed)
                once.append(clause)
                self.assign(clause.target, item, inner)
                if all(self.truth(self.eval(c.test, inner)) is True for c in clause.ifs):
                    run(clause.inner_for_in)
            if items is None:
                raise _Continue()
            for count, item in enumerate(items):
                self.assign(clause.target, item, inner)
                self._note_items_read(clause.target, iterable, count, item, inner)
                conditions = [self.truth(self.eval(c.test, inner)) for c in clause.ifs]
                if any(c is None for c in conditions):
                    raise _Continue()
                if all(conditions) and not run(clause.inner_for_in):
                    return False
            return True

        self.comprehensions.append(inner)  # (a layer built in it reads its names: _item_read)
        try:
            run(node.for_in)
            followed = True
        except _Continue:
            followed = False
        finally:
            self.comprehensions.pop()
        if not followed:
            self._touch_unfollowed(node, scope)
            for target in _walrus_targets(node):  # `[x := block(x) for block in blocks]` leaves x unknown
                self._bind_walrus(target, Unknown("bound in a comprehension over values not known statically"), scope)
            self.unresolved(node, "a comprehension over a dict not known statically: followed once, for any one item"
                            if once else "a comprehension over values not known statically")
            # `[self._make_stage(i) for i in range(n)]`: what its calls change, with its own names not known
            unfollowed = Scope(scope)
            unfollowed.comprehension = True
            for clause in _walked(node, self.walk_cache):
                if isinstance(clause, cst.CompFor):
                    for target in _walked(clause.target, self.walk_cache):
                        if isinstance(target, cst.Name):
                            unfollowed.names[target.value] = Unknown("an item of values not known statically")
            self._forget_assigned(node, unfollowed, "changed in a comprehension over values not known statically")
            if key is not None and once == [node.for_in] and node.for_in.inner_for_in is None and len(out) == 1 \
                    and isinstance(out[0][0], ItemKey):
                return EachItem("a dict comprehension over a dict not known statically", key=out[0][0], value=out[0][1])
            return Unknown("a comprehension over values not known statically")
        return out

    def _eval_NamedExpr(self, node: cst.NamedExpr, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        self._bind_walrus(node.target, value, scope)
        return value

    def _bind_walrus(self, target: cst.BaseExpression, value: Any, scope: Scope) -> None:
        """PEP 572: an assignment expression in a comprehension binds in the function around it."""
        self.assign(target, value, _around_comprehensions(scope))

    def _eval_Await(self, node: cst.Await, scope: Scope) -> Any:
        return Unknown("await")

    # ----------------------------------------------------------------- operators
    def binary(self, operator: str, left: Any, right: Any, node: cst.CSTNode, in_place: bool = False) -> Any:
        if isinstance(left, KnownTensor) or isinstance(right, KnownTensor):
            known = known_tensors.python_operator(operator, left, right)
            if in_place and isinstance(left, KnownTensor):  # `t += 1` changes t, whoever holds it
                return left.update(known, exact=not self.journals)
            if known is not None:
                return known  # torch.arange(depth) * w_a + w_0: values, with torch's dtypes and rounding
            left, right = tensor_ops.shape_only(left), tensor_ops.shape_only(right)
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            other = right if isinstance(left, Tensor) else left
            kept = in_place and isinstance(left, Tensor) and left.shape.dims is not None  # `x += v`: x's shape
            if (type(other) in (Unknown, tensor_ops.InputDims) or isinstance(other, Alternatives)) and not kept:
                # (a number not known keeps the tensor's shape; this may be a tensor: its shape is lost)
                self.unresolved(node, "a tensor operation with a value not known statically: its shape is unknown")
            return tensor_ops.binary(self, operator, left, right, self.span(node), in_place)
        if isinstance(left, tensor_ops.InputDims) or isinstance(right, tensor_ops.InputDims):
            # `x.shape[1] * x.shape[2]` of the input before its rank is known: the dims multiplied are kept
            if operator == "Multiply" and isinstance(left, tensor_ops.InputDims) \
                    and isinstance(right, tensor_ops.InputDims):
                return tensor_ops.InputDims(left.why, indices=left.indices + right.indices)
            unknown = left if isinstance(left, Unknown) else right
            return numbers_stay_numbers(operator, left, right, Unknown(unknown.why, unknown.origin))
        if isinstance(left, Quotient) or isinstance(right, Quotient):
            # `n = n / 2` of `n = (depth - 4) / 3`, `0.75 * base * 4`: a ratio of a symbolic size,
            # or unknown, never the same ratio carried past the operation
            return numbers_stay_numbers(operator, left, right, quotient_arithmetic(operator, left, right))
        if isinstance(left, FloatMultiple) or isinstance(right, FloatMultiple):
            # `v * planes * 2`, `v * planes + 1`: a float no longer the one int() names
            return numbers_stay_numbers(operator, left, right, UnknownNumber("arithmetic on a float multiple of a width"))
        if isinstance(left, Unknown) or isinstance(right, Unknown):
            unknown = left if isinstance(left, Unknown) else right  # keeps why: "width was not given"
            return numbers_stay_numbers(operator, left, right, unknown)
        if operator == "Multiply" and isinstance(left, (list, tuple)) != isinstance(right, (list, tuple)):
            count = right if isinstance(left, (list, tuple)) else left
            if isinstance(count, Sym):  # `[1] * (num_blocks - 1)`: as long as range(num_blocks - 1) counts
                from convlint.evaluator.builtins import count_of_an_argument

                count_of_an_argument(self, count)
                items = left if isinstance(left, (list, tuple)) else right
                return RepeatedList("a list repeated a number of times not known statically", items=tuple(items),
                                    count=count)
        if isinstance(left, Sym) or isinstance(right, Sym):
            return numbers_stay_numbers(operator, left, right, symbolic_arithmetic(operator, left, right))
        if isinstance(left, list) and isinstance(right, (list, tuple)) and operator == "Add" and in_place:
            left.extend(right)  # `layers += [...]` extends the list in place
            return left
        if isinstance(left, ModuleNode) and operator == "Add" and in_place and \
                _container_kind(left) in ("ModuleList", "Sequential"):
            # `self.layers += [Block(...)]`: ModuleList.__iadd__ is extend; Sequential's appends the
            # modules of another Sequential (torch raises on anything else)
            if self.iterate(right) is not None and (_container_kind(left) == "ModuleList" or (
                    isinstance(right, ModuleNode) and _container_kind(right) == "Sequential")):
                return self._module_method(left, "extend", [right], {}, node)
            left.incomplete, left.members = True, ()
            self.unresolved(node, f"{_container_kind(left)} += values not known statically: its modules are unknown")
            return left
        return python_arithmetic(operator, left, right)

    def truth(self, value: Any) -> bool | None:
        if isinstance(value, TorchRef) and _callable_of_torch(value.qualified):
            return True  # `if func and hasattr(m, "weight")` with func = nn.init.kaiming_normal_
        if isinstance(value, (Unknown, Tensor, Sym, MethodOf, TorchRef)):
            return None
        if isinstance(value, KnownTensor):
            return known_tensors.truth(value)
        if isinstance(value, ModuleNode):
            return True
        try:
            return bool(value)
        except Exception:
            return None

    def check_assertion(self, condition: Any, node: cst.CSTNode) -> None:
        """An assert that surely runs and fails for this input (`assert C % groups == 0` with 3
        channels, `torch._assert(...)`): torch stops there with an AssertionError. The first is
        kept (a shape for all models forced on a block it does not fit is then not its), and
        listed; what follows is still followed, as before."""
        analysis = self.analysis
        if analysis is None or analysis.failed_assert is not None or self.truth(condition) is not False:
            return
        if self.speculation == 0 and not any(frame.rest_speculative is not None for frame in self.frames):
            analysis.failed_assert = self.span(node)
            self.unresolved(node, "an assert fails here for this input: torch stops with an AssertionError")

    def _condition_read(self, test: cst.BaseExpression, scope: Scope) -> tuple[str, str]:
        """A failed assert's condition as written, and the numbers, strings and flags the names and
        attributes it reads hold (`C is 320, num_groups is 48`)."""
        values: dict[str, str] = {}

        class Reads(cst.CSTVisitor):
            def visit_Name(self, node: cst.Name) -> bool:
                values.setdefault(node.value, node)
                return False

            def visit_Attribute(self, node: cst.Attribute) -> bool:
                values.setdefault(cst.Module([]).code_for_node(node), node)
                return False

            def visit_Call(self, node: cst.Call) -> bool:
                for argument in node.args:
                    argument.value.visit(self)
                return False  # (the function called is no value)

        test.visit(Reads())
        shown = []
        listed = len(self.analysis.unresolved) if self.analysis is not None else 0
        for text, node in values.items():
            try:
                value = self.eval(node, scope)
            except Exception:  # (a name not bound: the condition alone says it)
                continue
            if isinstance(value, (bool, int, float, str)):
                shown.append(f"{text} is {value!r}")
        if self.analysis is not None:
            del self.analysis.unresolved[listed:]
        return cst.Module([]).code_for_node(test), ", ".join(shown)

    def surely_runs(self) -> bool:
        """The code being run runs whenever forward() does (no branch of a condition not known)."""
        return self.speculation == 0 and not any(frame.rest_speculative is not None for frame in self.frames)

    def _asserted_dim(self, node: cst.Assert, scope: Scope) -> tuple | None:
        """(tensor, axis, int, span) of a failed `assert h == 1` whose h is a dim read from a tensor
        the function holds (`x.size(2)`, `x.shape[2]`, or a name bound to one: `b, c, h, w =
        x.size()`, `h = x.shape[2]`), where that tensor's dim is the size compared; else None."""
        test = node.test
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
                or not isinstance(test.comparisons[0].operator, cst.Equal):
            return None
        sides = (test.left, test.comparisons[0].comparator)
        for read, other in (sides, sides[::-1]):
            wanted = self._literal_int(other)
            found = self._dim_read(read, node) if wanted is not None else None
            if found is None:
                continue
            holder, axis = found
            tensor = _local_value(scope, holder)
            dims = tensor.shape.dims if isinstance(tensor, Tensor) else None
            if not dims or not -len(dims) <= axis < len(dims) or not is_known(dims[axis]) or dims[axis] == wanted:
                return None
            return tensor, axis % len(dims), wanted, self.span(node)
        return None

    @staticmethod
    def _literal_int(node: cst.BaseExpression) -> int | None:
        return int(node.value, 0) if isinstance(node, cst.Integer) else None

    def _dim_read(self, node: cst.BaseExpression, at: cst.Assert) -> tuple[str, int] | None:
        """(the name of the tensor, the axis) a size expression reads: `x.size(2)`, `x.shape[2]`,
        `x.size()[2]`, or a name the function bound to one before `at`, the tensor not rebound
        between."""
        def axis_read(expression) -> tuple[str, int] | None:
            if isinstance(expression, cst.Call) and isinstance(expression.func, cst.Attribute) \
                    and expression.func.attr.value == "size" and isinstance(expression.func.value, cst.Name) \
                    and len(expression.args) == 1 and (axis := _signed_literal(expression.args[0].value)) is not None:
                return expression.func.value.value, axis
            if isinstance(expression, cst.Subscript) and len(expression.slice) == 1 \
                    and isinstance(expression.slice[0].slice, cst.Index) \
                    and (axis := _signed_literal(expression.slice[0].slice.value)) is not None \
                    and (whole := whole_read(expression.value)) is not None:
                return whole, axis
            return None

        def whole_read(expression) -> str | None:  # `x.shape`, `x.size()`
            if isinstance(expression, cst.Attribute) and expression.attr.value == "shape" \
                    and isinstance(expression.value, cst.Name):
                return expression.value.value
            if isinstance(expression, cst.Call) and not expression.args and isinstance(expression.func, cst.Attribute) \
                    and expression.func.attr.value == "size" and isinstance(expression.func.value, cst.Name):
                return expression.func.value.value
            return None

        if (direct := axis_read(node)) is not None:
            return direct
        if not isinstance(node, cst.Name) or getattr(self, "parsed", None) is None:
            return None
        try:
            line = self.parsed.span_of(at).line
        except Exception:
            return None
        bound, holder_line = None, None
        for statement in _statements_before(self.parsed.module, at):
            for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                    continue
                target, here = small.targets[0].target, None
                if isinstance(target, cst.Name) and target.value == node.value:
                    here = axis_read(small.value)
                elif isinstance(target, (cst.Tuple, cst.List)) and (whole := whole_read(small.value)) is not None:
                    names = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
                    if node.value in names and not any(isinstance(e, cst.StarredElement) for e in target.elements):
                        here = (whole, names.index(node.value))
                names_bound = {n.value for n in _target_names(target)}
                if node.value in names_bound:
                    bound, holder_line = here, self.parsed.span_of(small).line
                elif bound is not None and bound[0] in names_bound:
                    bound = None  # the tensor rebound since: not the size read
        return bound if bound is not None and holder_line is not None and holder_line < line else None

    def refuse(self, node: cst.CSTNode) -> None:
        """A tensor op torch refuses at every size (a permute of another number of axes): noted
        where it surely runs, as the run's end (see ModelAnalysis.refused)."""
        if self.analysis is not None and self.analysis.refused is None and self.surely_runs():
            self.analysis.refused = self.span(node)

    def note_asserted_size(self, test: cst.BaseExpression, node: cst.CSTNode) -> None:
        """`assert h == 1` of a symbolic size of the input (`b, c, h, w = conv.size()` after the
        CNN): where it surely runs, torch goes on only at the input sizes making it that int."""
        compared = self.last_comparison
        if self.analysis is None or compared is None or compared[0] is not test or not self.surely_runs():
            return
        _, left, right = compared
        if isinstance(right, Sym) and type(left) is int:
            left, right = right, left
        if type(left) is Sym and not left.opaque and type(right) is int:
            self.analysis.asserted.append((left, right, node))

    def count_items_of_an_argument(self, iterable: Any) -> None:
        """`for s in setting`, setting an argument nothing gives: not followed here, and the model is
        built again with it a list of 1, 2, ... items, as a loop's count is tried (only a loop's: a star
        passing the list on whole, `nn.Sequential(*layers)`, counts nothing). An item a container
        takes stays unknown there (set_attribute)."""
        if symbolic.argument_object(iterable):
            from convlint.evaluator.builtins import count_of_an_argument

            count_of_an_argument(self, symbolic.length_symbol(iterable.base))

    def iterate(self, value: Any) -> list[Any] | None:
        if isinstance(value, (list, tuple, str)):
            return list(value)
        if isinstance(value, module_parameters.Generated):
            return value.items[value.taken:]
        if isinstance(value, KnownTensor):
            return known_tensors.rows(value)
        if isinstance(value, Tensor) and value.shape.dims and isinstance(value.shape.dims[0], int) \
                and 0 <= value.shape.dims[0] <= MAX_LOOP_ITERATIONS:
            # `q, k, v = qkv` iterates dim 0, as qkv[0], qkv[1], qkv[2]
            return [value.with_shape(Shape(value.shape.dims[1:])) for _ in range(value.shape.dims[0])]
        if isinstance(value, (set, frozenset)):
            # CPython orders a set of ints by their hashes, themselves: the same on every run
            return list(value) if all(isinstance(v, int) for v in value) else None
        if isinstance(value, dict):
            return list(value.keys())
        if isinstance(value, range):
            return list(value) if value[:MAX_LOOP_ITERATIONS + 1] == value else None  # len() overflows past 2**63
        if isinstance(value, ModuleNode) and (isinstance(value.record, ContainerRecord) or
                                              value.attrs.get("__container__")):
            members = _members_in_order(value) if value.incomplete else None
            if members is not None and _container_kind(value) != "ModuleDict" \
                    and all(child is not None or _modules_alternatives(value.attrs.get(name)) for name, child in members):
                # one of several modules at some places: each of those as the one of several
                return [child if child is not None else value.attrs[name] for name, child in members]
            if value.incomplete:
                return None  # some children are not known: a loop over them is not followed
            if _container_kind(value) == "ModuleDict":
                return list(value.children.keys())
            return [c for c in value.children.values() if c is not None]
        return None

    # ----------------------------------------------------------------- calls
    def call(self, function: Any, args: list, kwargs: dict, node: cst.CSTNode, unknown_rest: bool = False) -> Any:
        if self.constructions_read is not None and id(node) in self.constructions_read \
                and isinstance(function, (LocalClass, LocalFunction)) and not unknown_rest:
            self.constructions_read[id(node)].append((list(args), dict(kwargs)))
            return Unknown("a construction read for its arguments, not built")
        if isinstance(function, TorchRef) and function.qualified.endswith(".__init__") and args \
                and isinstance(args[0], ModuleNode) and isinstance(args[0].cls, LocalClass):
            # `nn.Conv2d.__init__(self, cin, cout, ...)`: super().__init__ of that torch base, by its name
            base = TorchRef(function.qualified.removesuffix(".__init__"))
            if any(canonical_name(b.qualified) == canonical_name(base.qualified) for b in args[0].cls.torch_bases()):
                self._torch_base_init(args[0], args[0].cls, args[1:], kwargs, node, unknown_rest, only=base)
                return None
        if isinstance(function, TorchRef):
            return self._call_ref(function, args, kwargs, node, unknown_rest)
        if isinstance(function, LocalClass):
            return self.instantiate(function, args, kwargs, node, unknown_rest)
        if isinstance(function, RecordType):
            return self._record(function, args, kwargs, unknown_rest)
        if isinstance(function, LocalFunction):
            return self.call_function(function, args, kwargs, node, unknown_rest=unknown_rest)
        if isinstance(function, LocalLambda):
            return self.call_lambda(function, args, kwargs, node, unknown_rest)
        if isinstance(function, BoundMethod):
            return self.call_function(function.function, [function.receiver, *args], kwargs, node,
                                      owner=function.owner, unknown_rest=unknown_rest)
        if unknown_rest and isinstance(function, (ModuleNode, Builtin, MethodOf)) \
                and not (isinstance(function, MethodOf) and isinstance(function.receiver, SuperProxy)):
            return self._call_with_arguments_not_known(function, args, kwargs, node)
        if isinstance(function, ModuleNode):
            return self.call_module(function, args, kwargs, node)
        if isinstance(function, Partial):
            self.partial_calls.append((function, self.depth))  # (the block it builds notes what it binds)
            try:
                return self.call(function.function, [*function.args, *args], {**function.kwargs, **kwargs}, node,
                                 unknown_rest)
            finally:
                self.partial_calls.pop()
        if isinstance(function, Builtin):
            from convlint.evaluator.builtins import call_builtin

            return call_builtin(self, function.name, args, kwargs, node)
        if isinstance(function, MethodOf):
            return self._call_method(function, args, kwargs, node, unknown_rest)
        if isinstance(function, PerhapsSet):  # where it is not set the call raises: one of those set
            return self.call(function.choices[0] if len(function.choices) == 1
                             else Alternatives(function.why, choices=function.choices), args, kwargs, node)
        if isinstance(function, Alternatives) and None in function.choices:
            # calling None raises: where the choice is None nothing after this call runs
            callable_choices = tuple(choice for choice in function.choices if choice is not None)
            function = callable_choices[0] if len(callable_choices) == 1 else \
                replace(function, choices=callable_choices)
            return self.call(function, args, kwargs, node, unknown_rest)
        if isinstance(function, Alternatives) and any(isinstance(a, Tensor) for a in (*args, *kwargs.values())):
            return self._call_alternatives(function, args, kwargs, node)
        if isinstance(function, Instance) and isinstance(method := function.cls.lookup("__call__"), LocalFunction):
            # an object of a plain class called as a function (a transform pipeline: `self.prep(x)`)
            return self.call(self._method(method, function, function.cls, _owner_of(function.cls, "__call__")),
                             args, kwargs, node, unknown_rest)
        tensor_ops.spoil_known(args, kwargs)  # what is not known may write into a tensor it is given
        if any(isinstance(a, Tensor) for a in (*args, *kwargs.values())):
            self.unresolved(node, _unknown_call_on_a_tensor(function))
            return Tensor(Shape(None), tensor_ops.UNKNOWN_CALL)
        if (symbolic.split_method(function) or isinstance(function, ArgumentParts) and symbolic.split_path(function.name)) \
                and not kwargs and len(args) <= 1 and all(isinstance(a, str) or a is None for a in args):
            separator = args[0] if args else None
            if isinstance(function, ArgumentParts):
                return function.called(separator)  # some pieces given a count (_count_trials)
            return symbolic.pieces_of_argument(function, separator)  # `name.split("-")`
        if symbolic.argument_object(function):
            return ArgumentCall(f"a call of the argument {function.base}, which nothing gives", argument=function.base)
        return Unknown("a call of something not known statically")

    def _config_loads(self) -> dict:
        """id(call) -> the data of the configuration file a loader call of the module being run
        reads (config_files): found once per module, by the source stage's reading of its code,
        for a file on disk whose code names a loader. The files read are the cache's to watch."""
        parsed = self.parsed
        key = id(parsed.module)
        if key not in self.config_tables:
            self.config_tables[key] = {}
            path = Path(parsed.file or parsed.path) if (parsed.file or parsed.path) else None
            if path is not None and path.is_file() and _LOADER_TEXT.search(parsed.module.code):
                from convlint.source.input_hints import find_config_loads
                from convlint.source.project_hints import config_lookup, project_root

                read: list[tuple] = []
                try:
                    found = find_config_loads(parsed.module, config_lookup(path.resolve(),
                                                                           project_root(path.resolve()), read))
                except Exception:  # reading a data file never fails the analysis
                    found = {}
                self.imports.scanned.update(stamp[0] for stamp in read)
                self.config_tables[key] = found
        return self.config_tables[key]

    def _sets_torch_name(self, qualified: str) -> bool:
        """Whether the code may put the name on torch.nn itself (`nn.Relu = Relu`, `setattr(nn, ...)`)
        in this file or a module it imports: then a name torch lacks is the code's own."""
        if "*" in self.torch_names_set or qualified in self.torch_names_set:
            return True
        short = re.escape(qualified.rsplit(".", 1)[-1])
        setting = re.compile(rf"\.\s*{short}\s*=(?!=)|setattr\(\s*[\w.]*nn\s*,")
        texts = [parsed.text for parsed in (self.parsed, self.entry_file) if parsed is not None]
        texts += [getattr(getattr(unit, "parsed", None), "text", "") for unit in self.imports.units.values()]
        return any(setting.search(text or "") for text in texts)

    def _call_alternatives(self, function: Alternatives, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """Each choice called on the same arguments, none certain to run (speculative); the result
        is what they agree on: `self.bottleneck(x)`, a conv or the identity, keeps the length."""
        self.unresolved(node, "a call of one of several modules or functions, chosen by a condition not "
                              "known statically: each followed, what they agree on kept")
        results = []
        with self.speculating():
            for choice in function.choices:
                self.journals.append(Journal())
                try:
                    results.append(self.call(choice, list(args), dict(kwargs), node))
                except (_Return, _Break, _Continue):
                    results.append(Unknown("a choice that did not return"))
                finally:
                    self._undo(self.journals.pop())
        return join_values(results)

    def _call_ref(self, ref: TorchRef, args: list, kwargs: dict, node: cst.CSTNode, unknown_rest: bool) -> Any:
        qualified = canonical_name(ref.qualified)
        if qualified in ATTRIBUTE_BAGS and not unknown_rest:
            made = attribute_bag(qualified, args, kwargs)
            return made if made is not None else Unknown(f"{qualified} of values not known statically")
        if qualified in ("collections.namedtuple", "typing.namedtuple") and not unknown_rest:
            made = record_type(args, kwargs)
            return made if made is not None else Unknown("a namedtuple class of fields not known statically")
        if qualified in NAMED_TUPLE_BASES and not unknown_rest:  # the functional form: `NamedTuple("X", [("a", int)])`
            made = typed_record_type(args, kwargs)
            return made if made is not None else Unknown("a NamedTuple class of fields not known statically")
        if any(isinstance(v, (argparse_model.Namespace, AttributeBag)) for v in (*args, *kwargs.values())):
            # an options object handed to torch whole is no size torch takes: never judged as one
            args = [Unknown("an options object") if isinstance(v, (argparse_model.Namespace, AttributeBag)) else v
                    for v in args]
            kwargs = {k: Unknown("an options object") if isinstance(v, (argparse_model.Namespace, AttributeBag))
                      else v for k, v in kwargs.items()}
        if qualified == PARAMETER_LIST and not unknown_rest and len(args) + len(kwargs) <= 1:
            # MAML's functional learner: `self.vars = nn.ParameterList()`, then `self.vars.append(w)` and
            # `F.conv2d(x, vars[idx], vars[idx + 1])`: a list of its tensors (it is no module run)
            given = args[0] if args else kwargs.get("values", kwargs.get("parameters"))
            items = [] if given is None else self.iterate(given)
            return ParameterList(items) if items is not None else Unknown("nn.ParameterList of values not known")
        if qualified == PARAMETER_DICT and not unknown_rest and len(args) + len(kwargs) <= 1:
            # `nn.ParameterDict({"w1": ..., "b1": ...})`, then `F.linear(x, params["w1"], params["b1"])`
            given = args[0] if args else kwargs.get("parameters", kwargs.get("values"))
            if given is None or isinstance(given, dict) and all(isinstance(k, str) for k in given):
                return ParameterDict(given or {})
            return Unknown("nn.ParameterDict of values not known")
        if (pretrained := pretrained_class(qualified)) is not None:
            return self._pretrained_layer(pretrained, args, kwargs, node, unknown_rest)
        found = layer_spec(qualified)
        if found is not None:
            return self.construct_layer(found, qualified, args, kwargs, node, unknown_rest)
        if qualified in PARALLEL_WRAPPERS and not unknown_rest \
                and isinstance(wrapped := args[0] if args else kwargs.get("module"), ModuleNode) \
                and not wrapped.functional:
            # `self.encoder = nn.DataParallel(self.encoder)`: the model under `module`, run as it is
            made = ModuleNode(ContainerRecord(type=PARALLEL_WRAPPERS[qualified]), self.span(node))
            made.children["module"] = wrapped
            self._constructed(made)
            return made
        if is_torch_layer_class(qualified):
            meant = misspelled_torch_layer(qualified)
            if meant is not None and self._sets_torch_name(qualified):
                meant = None
            if meant is None:
                self.unresolved(node, f"{qualified} is not modelled: its output shape is unknown")
            made = ModuleNode(OpaqueRecord(type=qualified.rsplit(".", 1)[-1], qualified_name=qualified,
                                           misspelled_of=meant), self.span(node))
            self._constructed(made)
            return made
        if unknown_rest:
            return self._call_with_arguments_not_known(ref, args, kwargs, node)
        if qualified == "torch.nn.Module" and not args and not kwargs:
            # a bare holder (`self.stages = nn.Module()` then `self.stages.add_module("c0", ...)`,
            # DeepLab v3's ASPP): its children are registered as on any module; it has no forward
            made = ModuleNode(ModelRecord(type="Module"), self.span(node))
            self._constructed(made)
            return made
        if qualified in ("typing.cast", "typing_extensions.cast") and len(args) == 2:
            return args[1]
        if qualified in TORCH_NTUPLES and len(args) == 1 and not kwargs:  # `_pair(config.patches["size"])`
            return Unknown(f"{qualified}() of an unknown") if isinstance(args[0], Unknown) \
                else per_dim(args[0], TORCH_NTUPLES[qualified])
        if qualified == TORCH_NTUPLE_MAKER and len(args) in (1, 2) and not kwargs:
            # `_ntuple(6)(padding)` of an old 3-D pad wrapper: the maker binds n, its result repeats
            if not isinstance(args[0], int) or isinstance(args[0], bool):
                return Unknown(f"{qualified}() of a count not known statically")
            if len(args) == 1:
                return Partial(ref, (args[0],), {})
            return Unknown(f"{qualified}() of an unknown") if isinstance(args[1], Unknown) \
                else per_dim(args[1], args[0])
        if qualified == "torch.Size" and len(args) <= 1 and not kwargs:
            # a tuple of its items: `torch.Size([s * 2 for s in y.shape[-2:]])` as an upsample size
            items = self.iterate(args[0]) if args else []
            return tuple(items) if items is not None else Unknown("torch.Size of values not known statically")
        if (made := distributions.construct(qualified, args, kwargs)) is not None:
            return made  # a VAE's Normal(mu, std): its samples have the parameters' shape
        if qualified == "torch._assert" and args:  # timm's `_assert(C % groups == 0, '')`
            self.check_assertion(args[0], node)
            return None
        if qualified == "argparse.ArgumentParser":
            return argparse_model.parser_with_parents(kwargs.get("parents", ()))
        if qualified == "functools.partial" and args:
            written = _where_written(node, self.span, skip=1)
            return Partial(args[0], tuple(args[1:]), dict(kwargs), written,
                           self._sources_of(_expressions_written(node, skip=1)) if written is not None else {},
                           self.frames[-1] if self.frames else None)
        if qualified == "functools.reduce":  # `reduce(operator.__add__, [(k // 2, k // 2) for k in ks])`
            return folding.reduce(self, args, kwargs, node)
        if folding.operator_binary(qualified) is not None:
            return folding.call_operator(self, qualified, args, kwargs, node)
        if regex.handles(qualified):  # `re.split(r'(\d.*)', op)` of a block string of a config
            return regex.call(qualified, args, kwargs)
        if qualified in ("enum.Enum", "enum.Flag"):  # the functional API (members of other Enums are their values)
            return functional_enum(args, kwargs) or Unknown(f"{qualified}(...) of names not known statically")
        if reparametrize.is_wrapper(qualified):
            return reparametrize.wrap(self, qualified, args, kwargs, node)
        if qualified.endswith(".forward") and args and isinstance(args[0], ModuleNode) and not kwargs \
                and isinstance(args[0].cls, LocalClass) and any(
                    canonical_name(base.qualified) == canonical_name(qualified[:-len(".forward")])
                    for base in args[0].cls.torch_bases()) \
                and (result := self._torch_base_forward(args[0], args[1:], node)) is not None:
            return result  # `nn.Conv2d.forward(self, x)`: super().forward(x) written out
        with self._shape_lost_is_listed(node, qualified, [*args, *kwargs.values()]) as held:
            held.append(tensor_ops.call_ref(self, qualified, args, kwargs, node))
        return held[0]

    @contextmanager
    def _shape_lost_is_listed(self, node: cst.CSTNode, label: str, operands: list):
        """A tensor operation given tensors of known shape that makes one of no known shape, with
        nothing listed (a value among its arguments not known, a form not modelled): listed here,
        so that a shape is never lost without a word. A failed operation (a finding) is not."""
        analysis, held = self.analysis, []
        before = (self.unresolved_calls, len(analysis.ops)) if analysis is not None else None
        yield held
        result = held[0] if held else None
        tensors = [a for a in operands if isinstance(a, Tensor)]
        if before is None or not isinstance(result, Tensor) or result.shape.dims is not None or result.placeholder \
                or not tensors or not all(_shape_known(t) for t in tensors):
            return
        if self.unresolved_calls == before[0] and not any(op.problem for op in analysis.ops[before[1]:]):
            self.unresolved(node, f"{label} of these arguments is not followed: its result shape is unknown")

    def _call_with_arguments_not_known(self, function: Any, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """A call given `*args` or `**kwargs` not known statically, of a function evaluated on the
        arguments it has (a torch function, a tensor method, a builtin, a module): they are not all
        its arguments (`torch.zeros(1, dim, *size)` is not 1 x dim), so its result is unknown."""
        tensors = isinstance(function, ModuleNode) or any(isinstance(a, Tensor) for a in (*args, *kwargs.values()))
        if isinstance(function, MethodOf):
            tensors = tensors or isinstance(function.receiver, Tensor)
        elif isinstance(function, TorchRef):
            tensors = tensors or canonical_name(function.qualified).rpartition(".")[0] in tensor_ops.TORCH_NAMESPACES
        if not tensors:
            return Unknown("a call given *args or **kwargs not known statically")
        self.unresolved(node, "a call given *args or **kwargs not known statically: its result is unknown")
        return tensor_ops.unknown_tensor("a call given arguments not known statically")

    def _pretrained_layer(self, class_name: str, args: list, kwargs: dict, node: cst.CSTNode,
                          unknown_rest: bool) -> ModuleNode:
        """`nn.Embedding.from_pretrained(table, freeze=False)`: torch builds cls(rows, columns) of the
        2-D table it is given (torch/nn/modules/sparse.py), so the layer is nn.Embedding(rows, columns)
        where the table's shape is known, of sizes unknown where not (never guessed)."""
        qualified = f"torch.nn.{class_name}"
        span = self.span(node)
        signature = torch_api.PRETRAINED[class_name]
        bound = signature.bind(args, kwargs, unknown_rest) if signature.refusal(args, kwargs, unknown_rest) is None \
            else None
        table = bound.get("embeddings") if bound is not None else None
        dims = table.shape.dims if isinstance(table, Tensor) else None
        found = layer_spec(qualified)
        if found is None or bound is None:  # EmbeddingBag (not modelled), or arguments Python refuses
            self.unresolved(node, f"{qualified}.from_pretrained is not modelled: its output shape is unknown"
                            if found is None else f"{class_name}.from_pretrained arguments not understood")
            made = ModuleNode(OpaqueRecord(type=class_name, qualified_name=qualified), span)
        else:
            if dims is None or len(dims) != 2:
                self.unresolved(node, f"{class_name}.from_pretrained of a table whose shape is not known: "
                                      "its rows and width are unknown")
                dims = (Unknown("the rows of a table not known"), Unknown("the width of a table not known"))
            try:
                record = found[1].build(class_name, {"num_embeddings": dims[0], "embedding_dim": dims[1],
                                                     "padding_idx": bound["padding_idx"]})
            except (ValidationError, TypeError, ValueError) as error:
                self.unresolved(node, f"{class_name}.from_pretrained arguments not understood: {error}")
                record = OpaqueRecord(type=class_name, qualified_name=qualified)
            made = ModuleNode(record, span)
        self._constructed(made)
        return made

    def construct_layer(self, found: tuple, qualified: str, args: list, kwargs: dict, node: cst.CSTNode,
                        unknown_rest: bool, bools_kept: dict | None = None) -> ModuleNode:
        """A torch layer as its constructor builds it. `bools_kept` (a subclass's base, whose forward
        may be its own): takes the bools torch's forward would refuse as ints, and gives them back."""
        class_name, spec = found
        span = self.span(node)
        self.layers_built += 1
        if class_name in CONTAINERS:
            made = ModuleNode(ContainerRecord(type=class_name), span)
            self.container_init(made, args, kwargs)
            if unknown_rest:  # `Sequential(*layers)` over a list not known: neither are its children
                made.incomplete = True
            if made.incomplete:
                self.unresolved(node, f"the modules of this {class_name} are not known statically")
            self._constructed(made)
            return made
        refusal = spec.signature.refusal(args, kwargs, unknown_rest)
        if refusal is not None:
            refusal = f"{class_name}.__init__() {refusal}"
        else:  # `nn.Linear(self, 64, 10)`: a model as a count, which torch.empty (or `% groups`) refuses
            refusal = next((f"{name} is the module {value.cls.name}, not an int: a stray positional argument "
                            "shifts the others" for name, value in spec.signature.bind(args, kwargs).items()
                            if name in COUNT_ARGUMENTS and isinstance(value, ModuleNode) and value.cls is not None),
                           None)
        if refusal is not None:  # a TypeError: no layer, its arguments not shifted into place
            made = ModuleNode(OpaqueRecord(type=class_name, qualified_name=qualified), span, problem=refusal)
            made.problem_variant = "binding"
            self._constructed(made)
            return made
        bound = torch_api.bools_torch_takes(class_name, {
            name: tensor_ops.unknown_if_known_tensor(value, name)
            for name, value in spec.signature.bind(args, kwargs, unknown_rest).items()})
        if bools_kept is not None and (refused := torch_api.bools_forward_refuses(class_name, bound)):
            bools_kept.update(refused)
            # (groups sizes the weight, as an int; the rest count only in torch's forward, which refuses them)
            bound = {**bound, **{name: 1 if name == "groups" else Unknown(f"{name}={given!r}, which torch's forward "
                                                                          "refuses") for name, (given, _) in refused.items()}}
        if self.argument_overrides and isinstance(node, cst.Call):
            # a trial edit of a number written in the layer's own call (an Inception branch's padding=0)
            for name, written in self._arguments_as_selected(spec.signature, node).items():
                if name in bound and self.span(written) in self.argument_overrides:
                    bound[name] = self._overridden(self.span(written), bound[name])
        origins = self._layer_argument_origins(spec.signature, node)
        holes = [(name, first_unknown(value)) for name, value in bound.items() if first_unknown(value) is not None]
        if holes:
            self.unresolved(node, f"{class_name}: " + ", ".join(
                f"{name} is not known ({hole.why})" for name, hole in holes[:3]) + (", ..." if len(holes) > 3 else ""))
        if class_name in ("PixelShuffle", "PixelUnshuffle"):
            from convlint.evaluator.builtins import factor_of_an_argument

            factor_of_an_argument(self, next(iter(bound.values()), None), node, class_name)
        elif "scale_factor" in bound:
            from convlint.evaluator.builtins import scale_of_an_argument

            scale_of_an_argument(self, bound["scale_factor"])
        try:
            record = spec.build(class_name, bound)
            made = ModuleNode(record, span)
            if isinstance(record, ConvRecord) and record.transposed:
                made.problem = _output_padding_never_below(bound) or _output_padding_read_as_the_stride(
                    bound, _written_arguments(spec.signature, node) if isinstance(node, cst.Call) else {})
                made.problem_variant = "output-padding" if made.problem else None
                made.refused_at_forward = made.problem is not None  # (torch checks output_padding in forward)
            self.int_arguments.update(value.base for name, value in bound.items() if name in COUNT_ARGUMENTS
                                      and isinstance(value, Sym) and _bare(value))
        except ValidationError as error:  # torch would refuse these arguments, unless an unknown hides what they are
            left, record = self._none_left_for_the_caller(spec.signature, node), None
            if left is not None:
                argument, placeholder = left
                self.unresolved(node, f"{class_name}: {placeholder} is None, a default its callers replace")
                # `nn.Conv2d(ch * 2, num_classes, 1)`, num_classes=None: the layer made with that count
                # unknown, its other arguments still checked, what it gives of a width not known
                record = self._built_with_the_default_unknown(spec, class_name, bound, argument, placeholder)
            elif (placeholder := _empty_placeholder(bound)) is not None:
                # `channel=[]` defaults a block's callers replace (`Mixer(seq=[], channel=[])`): no
                # code sizes a layer with an empty list on purpose
                self.unresolved(node, f"{class_name}: {placeholder} is {bound[placeholder]!r}, a placeholder its "
                                      "callers replace")
            made = ModuleNode(record, span) if record is not None else \
                ModuleNode(OpaqueRecord(type=class_name, qualified_name=qualified), span,
                           problem=None if holes or placeholder else describe_validation_error(error))
            made.refused_at_forward = made.problem is not None and refused_only_at_forward(error)
        except (TypeError, ValueError, AttributeError) as error:
            self.unresolved(node, f"{class_name} arguments not understood: {error}")
            made = ModuleNode(OpaqueRecord(type=class_name, qualified_name=qualified), span)
        made.arg_origins = origins
        made.names_passed = self._names_passed_down(spec.signature, node, origins)
        made.arg_parts, made.arg_loop_parts = self._layer_argument_parts(spec.signature, node)
        made.scaled_from = self._scaled_origins(spec.signature, node)
        made.names_at_build = self._int_names_here()
        if self.running_functions and len(self.running_functions) == len(self.frames):
            made.looped_names = _looped_names(self.running_functions[-1][0], self.walk_cache)
        made.width_forms = self._width_forms(spec.signature, node, made.names_at_build)
        if origins:
            made.callers_names = self._callers_names()
        if isinstance(node, cst.Call):  # the arguments a finding may point at, where the call runs over lines
            made.written_at = {name: self._count_written_at(name, value) for name, value
                               in self._arguments_as_selected(spec.signature, node).items()
                               if name in POINTED_ARGUMENTS or name in OUT_COUNTS}
            made.defaults_taken = self._defaults_taken(spec.signature, node)
            made.features_product = self._product_written(
                self._arguments_as_selected(spec.signature, node).get("in_features"))
            made.probed_features = class_name == "Linear" and self._probed_count(bound.get("in_features"))
            made.listed_at = {name: self.span(element) for name, value in _written_arguments(spec.signature, node).items()
                              if name in OUT_COUNTS and (element := self._listed_at(value)) is not None}
            made.out_argument_at = {name: self.span(value) for name, value
                                    in _written_arguments(spec.signature, node).items() if name in OUT_COUNTS}
            made.bound_at = {name: bound for name, value in self._arguments_as_selected(spec.signature, node).items()
                             if name in ARGUMENT_PARTS and (bound := self._bound_by_assignment(value)) is not None}
            made.local_reads = self._locals_read(spec.signature, node)
            made.formula_hops = {name: hops for name, value in self._arguments_as_selected(spec.signature, node).items()
                                 if name in ARGUMENT_PARTS and (hops := self._formula_hops(value))}
            made.out_reads = self._ints_an_out_count_reads(spec.signature, node)
            written = _written_arguments(spec.signature, node)
            made.out_stepped = any(width_forms.stepped_width(written[out])
                                   for out in ("out_channels", "out_features") if out in written)
            made.numbers_written = frozenset(name for name, value in written.items() if _plain_number(value))
            made.read_at = {name: self.span(value) for name, value
                            in self._arguments_as_selected(spec.signature, node).items()
                            if name in ARGUMENT_PARTS and isinstance(value, cst.Name)
                            and made.written_at.get(name) not in (None, self.span(value))}
            if self.frames:
                made.count_read = {name: update for name, value in self._arguments_as_selected(spec.signature,
                                                                                                node).items()
                                   if name in ARGUMENT_PARTS
                                   and (update := self._update_read(value, self.frames[-1])) is not None}
        made.forwarded = isinstance(node, cst.Call) and bool(self.frames) and bool(node.args) \
            and all(a.star for a in node.args)
        made.handed_on, made.kwargs_from = self._handed_on_in_kwargs(node)
        self._constructed(made)
        if class_name == "FloatFunctional":  # its observer slot, an Identity each method's result goes through
            made.children["activation_post_process"] = observer = ModuleNode(ElementwiseRecord(type="Identity"), span)
            self._constructed(observer)
        if isinstance(made.record, AttentionRecord):  # out_proj: a Linear(E, E) child, its weights used directly
            made.children["out_proj"] = projection = ModuleNode(LinearRecord(
                type="NonDynamicallyQuantizableLinear", in_features=made.record.embed_dim,
                out_features=made.record.embed_dim, bias=made.record.bias), span)
            self._constructed(projection)
        elif class_name == "MultiheadAttention":
            made.incomplete = True  # not built as torch would: nor is its out_proj known
        elif isinstance(made.record, TransformerRecord):
            self._transformer_children(made, bound, span)
        elif class_name.startswith("Transformer"):
            made.incomplete = True
        return made

    def _transformer_children(self, made: ModuleNode, bound: dict, span: Span) -> None:
        """The child modules torch's transformer classes register: a layer's self_attn (and a
        decoder layer's multihead_attn), linear1, dropout, linear2, norms, dropouts and an
        activation given as a module; a stack's `layers`, num_layers deep copies of the layer it
        is given (_get_clones), and the norm given. Arguments not known: its children are not."""
        record: TransformerRecord = made.record

        def child(name: str, *args: Any, **kwargs: Any) -> ModuleNode:
            spec = torch_api.LAYERS[name]
            built = ModuleNode(spec.build(name, spec.signature.bind(list(args), kwargs)), span)
            self._constructed(built)
            return built

        if record.kind in ("encoder", "decoder"):
            given, count = bound[f"{record.kind}_layer"], record.num_layers
            norm = bound.get("norm")
            if not isinstance(given, ModuleNode) or not isinstance(count, int) \
                    or not (norm is None or isinstance(norm, ModuleNode)):
                made.incomplete = True
                return
            stack = ModuleNode(ContainerRecord(type="ModuleList"), span)
            stack.children = {str(i): tensor_ops.copy_module(given, {}) for i in range(count)}
            stack.incomplete = given.incomplete
            self._constructed(stack)
            made.children["layers"] = stack
            if norm is not None:
                made.children["norm"] = norm
            made.incomplete = given.incomplete
            return
        d, heads, width, bias = record.d_model, record.nhead, record.dim_feedforward, record.bias
        activation = record.activation
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (d, heads, width)) \
                or not isinstance(bias, bool) or not isinstance(record.batch_first, bool) \
                or not isinstance(record.norm_first, bool) \
                or not (activation in ("relu", "gelu") or isinstance(activation, (ModuleNode, LocalFunction, TorchRef))):
            made.incomplete = True  # (a string other than relu/gelu: torch raises RuntimeError)
            return
        try:
            attentions = ["self_attn", "multihead_attn"] if record.kind == "decoder_layer" else ["self_attn"]
            for name in attentions:
                made.children[name] = attention = child("MultiheadAttention", d, heads, dropout=record.dropout,
                                                        bias=bias, batch_first=record.batch_first)
                attention.children["out_proj"] = child("Linear", d, d, bias=bias)
                attention.children["out_proj"].record = attention.children["out_proj"].record.model_copy(
                    update={"type": "NonDynamicallyQuantizableLinear"})
            made.children["linear1"] = child("Linear", d, width, bias=bias)
            made.children["dropout"] = child("Dropout", record.dropout)
            made.children["linear2"] = child("Linear", width, d, bias=bias)
            count = len(attentions) + 1
            for k in range(1, count + 1):
                made.children[f"norm{k}"] = child("LayerNorm", d, eps=record.layer_norm_eps, bias=bias)
            for k in range(1, count + 1):
                made.children[f"dropout{k}"] = child("Dropout", record.dropout)
        except (ValidationError, TypeError, ValueError) as error:
            made.children = {}
            made.incomplete = True
            self.unresolved_at(span, f"{record.type}: its sublayers not built: {error}")
            return
        if isinstance(activation, ModuleNode):
            made.children["activation"] = activation

    @staticmethod
    def _built_with_the_default_unknown(spec, class_name: str, bound: dict, argument: str, placeholder: str):
        """The layer's record with the argument a None default left (its callers replace it) unknown,
        or None where torch would refuse the other arguments too, or the record needs that value."""
        if bound.get(argument, MISSING) is not None:
            return None
        try:
            return spec.build(class_name, {**bound, argument: Unknown(f"{placeholder}, a default its callers replace")})
        except (ValidationError, TypeError, ValueError, AttributeError):
            return None

    def _none_left_for_the_caller(self, signature, node: cst.CSTNode) -> tuple[str, str] | None:
        """`nn.Conv2d(dim, num_classes, 1)` where `num_classes=None` is a parameter's default that
        no call replaced: a value the real callers give (MaskRCNN(backbone, num_classes=91)), not
        an error of the code. The layer's argument and the parameter's name."""
        if not isinstance(node, cst.Call) or not self.frames:
            return None
        for argument, value in _written_arguments(signature, node).items():
            if not isinstance(value, cst.Name):
                continue
            name = value.value
            for frame in reversed(self.frames):  # passed down unchanged: to the call that left it at its default
                if frame.names.get(name, MISSING) is not None:
                    break
                source = frame.arguments.get(name)
                if source is None:
                    return argument, name  # not given here: the parameter's own default, None
                if source[1] is None:
                    break  # written as None by a caller: that is the code's choice
                name = source[1]
        return None

    def _layer_argument_origins(self, signature, node: cst.CSTNode) -> dict[str, tuple]:
        if not isinstance(node, cst.Call) or not self.frames or any(a.star == "*" for a in node.args):
            return {}
        origins = {name: self.argument_origin(value) for name, value in self._arguments_as_selected(signature, node).items()}
        return {name: span for name, span in origins.items() if span is not None}

    def _handed_on_in_kwargs(self, node: cst.CSTNode) -> tuple[dict[str, Span], Span | None]:
        """`nn.Conv2d(in_channels, out_channels, **kwargs)` in a wrapper's constructor: where the
        wrapper's caller wrote each argument the wrapper hands on in its `**kwargs`
        (`BasicConv2d(c, c, kernel_size=5, padding=2)`), the layer's other arguments its own; and
        that caller's call, where an argument it left out was to be given."""
        if not isinstance(node, cst.Call) or not self.frames or not self.running_functions:
            return {}, None
        star = next((a.value for a in node.args if a.star == "**"), None)
        rest = self.running_functions[-1][0].params.star_kwarg
        if not isinstance(star, cst.Name) or not isinstance(rest, cst.Param) or star.value != rest.name.value:
            return {}, None
        frame = self.frames[-1]
        held = frame.names.get(star.value)
        if not isinstance(held, dict):
            return {}, None
        handed = {key: source[0] for key, source in frame.arguments.items() if key in held}
        # (only where the dict is what the caller passed: a key the wrapper sets is its own)
        untouched = held is frame.parameters.get(star.value) and set(held) == set(handed)
        return handed, self.call_sites[-1] if untouched and self.call_sites else None

    def _defaults_taken(self, signature, node: cst.CSTNode) -> dict[str, Span]:
        """The layer's window arguments that read, unchanged, a parameter of the function running
        whose caller left it to its default (`stride=stride` in `def conv1x1(cin, cout, stride=1)`
        called as `conv1x1(cin, cout)`): each with that call."""
        if not self.frames or not self.call_sites or not self.frames[-1].defaulted:
            return {}
        frame = self.frames[-1]
        return {name: self.call_sites[-1] for name, value in self._arguments_as_selected(signature, node).items()
                if name in WINDOW_ARGUMENTS and type(value) is cst.Name and value.value in frame.defaulted
                and frame.names.get(value.value, MISSING) is frame.parameters.get(value.value, MISSING)}

    def _int_names_here(self) -> tuple[tuple[str, int], ...]:
        """The int names of the function running (its parameters and locals, as bound now)."""
        if not self.frames:
            return ()
        return tuple((name, value) for name, value in self.frames[-1].names.items()
                     if isinstance(value, int) and not isinstance(value, bool))

    def _registry_entry(self, value: cst.BaseExpression, scope: Scope) -> cst.List | cst.Tuple | None:
        """The list or tuple literal `registry[key]` reads, where `registry` is still bound to a
        dict literal whose entry for that key is written as a string (`{'resnet50': [resnet50,
        2048]}`), for a key that is a name or a string."""
        if not (isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) and len(value.slice) == 1
                and isinstance(value.slice[0].slice, cst.Index)
                and isinstance(value.slice[0].slice.value, (cst.Name, cst.SimpleString))):
            return None
        name, holder = value.value.value, scope
        while holder is not None and name not in holder.names:
            holder = holder.parent
        found = holder.written.get(name) if holder is not None else None
        if found is None or not isinstance(found[0], cst.Dict) or holder.names.get(name) is not found[1]:
            return None
        key = self.eval(value.slice[0].slice.value, scope)
        if not isinstance(key, str):
            return None
        entry = next((element.value for element in found[0].elements if isinstance(element, cst.DictElement)
                      and isinstance(element.key, cst.SimpleString) and element.key.evaluated_value == key), None)
        return entry if isinstance(entry, (cst.List, cst.Tuple)) else None

    def _callers_names(self) -> dict[Span, tuple[tuple[str, int], ...]]:
        """For each user call under way (call_sites[i] opened frames[i]), the int names of the
        function that made it: its locals and parameters, and `self.X` of its receiver."""
        out = {}
        for site, caller in zip(self.call_sites[1:], self.frames):
            names = [(name, value) for name, value in caller.names.items()
                     if isinstance(value, int) and not isinstance(value, bool)]
            if isinstance(caller.receiver, ModuleNode):
                names += [(f"self.{key}", value) for key, value in caller.receiver.attrs.items() if type(value) is int]
            out[site] = tuple(names)
        return out

    def _layer_argument_parts(self, signature, node: cst.CSTNode) -> tuple[dict[str, tuple], dict[str, tuple]]:
        """For each count computed from parameters (`num_filter * num_stages`, in the layer's call
        or in a caller's call that passes it down), each parameter's value and origin; and apart,
        the same for a count that also reads a loop's names (`nn.Conv2d(in_channels + i * growth,
        growth, 3) for i in range(n)`). One walk of each argument's origin gives both."""
        if not isinstance(node, cst.Call) or not self.frames or any(a.star == "*" for a in node.args):
            return {}, {}
        frame = self.frames[-1]
        parts, loop_parts = {}, {}
        for name, value in self._arguments_as_selected(signature, node).items():
            if name not in ARGUMENT_PARTS:
                continue
            if isinstance(value, cst.Name):
                self.expression_parts = self.expression_loop_parts = ()
                self.argument_origin(value)  # notes the parts where its chain stops at an expression
                found, looped = self.expression_parts, self.expression_loop_parts
            else:
                used = tuple(dict.fromkeys(n.value for n in _walked(value, self.walk_cache) if isinstance(n, cst.Name)))
                # (a name not given as a written argument, **kwargs or a local, is not traced)
                found = tuple((used_name, frame.arguments[used_name][2], self.argument_origin(cst.Name(used_name)))
                              for used_name in used) if all(
                    used_name in frame.arguments and frame.names.get(used_name, MISSING) is frame.arguments[used_name][2]
                    for used_name in used) else ()
                looped = self._parameter_parts(used, len(self.frames)) or ()
            if found and all(origin is not None for _, _, origin in found):
                parts[name] = found
            if looped:
                loop_parts[name] = looped
        return parts, loop_parts

    def _width_forms(self, signature, node: cst.CSTNode, int_names: tuple) -> dict[str, tuple]:
        """For each width CL101/CL103/CL104 check written as arithmetic on local names (`self.D * G`):
        the expression as a tree of ints, names and operators (width_forms), and the int values of
        the frame's names then (`int_names`, the plain locals and parameters, and `self.X`), so that
        a finding can ask what the width would be with one name written in place of another."""
        if not isinstance(node, cst.Call) or not self.frames or any(a.star for a in node.args):
            return {}
        frame = self.frames[-1]
        out = {}
        for name, value in _written_arguments(signature, node).items():
            if name not in ARGUMENT_PARTS and name != "out_channels":
                continue
            form = width_forms.form_of(value, powers=name == "out_channels")
            receiver = frame.receiver if isinstance(frame.receiver, ModuleNode) else None
            values = dict(int_names)
            if receiver is not None:
                values.update({f"self.{key}": found for key, found in receiver.attrs.items() if type(found) is int})
            if name == "out_channels" and form is not None and form[0] == "name":
                form, values = _local_count_form(frame, form[1], values) or (form, values)
            if name == "out_channels" and (form is None or not width_forms.squared_names(form)):
                continue  # (an out count is kept for the factor a sub-pixel conv is sized for only)
            if form is None or not width_forms.bare_names(form):
                continue
            out[name] = (form, values)
        return out

    def _constructed(self, made: ModuleNode) -> None:
        # call_sites[0] is the model's own construction by convlint; what follows is the user's
        made.via = tuple(span for span in self.call_sites[1:] if span != made.span)
        made.speculative = self.speculation > 0 or any(frame.rest_speculative is not None for frame in self.frames)
        if self.analysis is not None:
            self.analysis.constructed.append(made)
            made.built_in_forward = self.analysis.input is not None

    def container_init(self, made: ModuleNode, args: list, kwargs: dict) -> None:
        """Sequential(*modules) / Sequential(OrderedDict) / ModuleList(list) / ModuleDict(dict)."""
        items: Any = args
        if made.record.type != "Sequential" or (len(args) == 1 and isinstance(args[0], dict)):
            items = args[0] if args else kwargs.get("modules", [])
        pairs = items.items() if isinstance(items, dict) else enumerate(items) if isinstance(items, (list, tuple)) else None
        if made.record.type == "ModuleDict" and isinstance(items, (list, tuple)):
            # ModuleDict([[name, module], ...]), pairs from a generator too (MDSR's `[str(scale),
            # Upsampler(...)] for scale in scale_list`): torch's update() takes each as (key, module)
            pairs = _module_dict_pairs([[tuple(pair) if isinstance(pair, list) else pair for pair in items]], {})
            if pairs is None:
                made.incomplete = True
                return
        if isinstance(items, EachItem) and isinstance(items.value, ModuleNode) and made.record.type == "ModuleDict":
            self._set_item_child(made, items.key, items.value)  # `nn.ModuleDict({k: ... for k, n in groups.items()})`
            return
        if pairs is None:
            if items is not None:
                made.incomplete = True
            return
        for name, child in pairs:
            if child is None:  # add_module(name, None): torch keeps the slot, and a Sequential calls it
                made.children[str(name)] = None
            else:
                if isinstance(child, Tensor):  # what a call not followed made: a module, perhaps
                    made.incomplete = True
                self.set_attribute(made, str(name), child)
        if made.incomplete and made.record.type == "Sequential" and not made.members:
            made.members = tuple(str(name) for name, _ in (items.items() if isinstance(items, dict)
                                                           else enumerate(items)))

    def instantiate(self, cls: LocalClass, args: list, kwargs: dict, node: cst.CSTNode, unknown_rest: bool = False) -> Any:
        kind = self.record_class(cls)
        if kind is not None:
            return self._record(kind, args, kwargs, unknown_rest)
        if not self.is_module_class(cls):
            instance = Instance(cls)
            init = cls.lookup("__init__")
            if isinstance(init, LocalFunction):
                self.call_function(init, [instance, *args], kwargs, node, owner=_owner_of(cls, "__init__"),
                                   unknown_rest=unknown_rest)
            else:
                self._dataclass_init(cls, instance, args, kwargs, unknown_rest)
            return instance
        made = ModuleNode(ModelRecord(type=cls.name), self.span(node), cls=cls)
        init = cls.lookup("__init__")
        if isinstance(init, LocalFunction):
            made.arguments_written = self._arguments_written(cls, init, node)
            made.defaults_overridden = {name: span for name, span in made.arguments_written.items()
                                        if name in _defaulted(init)}
            if self.argument_overrides:
                args, kwargs = self._with_overrides(init, made.arguments_written, args, kwargs, made.span)
        made.constructed_with = (tuple(args), dict(kwargs))
        if isinstance(init, LocalFunction):
            self.call_function(init, [made, *args], kwargs, node, owner=_owner_of(cls, "__init__"),
                               unknown_rest=unknown_rest)
        else:  # no __init__ of its own: the torch base's, given the call's arguments (`Seq(*layers)`)
            self._torch_base_init(made, cls, args, kwargs, node, unknown_rest)
        if made.forwarded and made.base is not None:
            self._arguments_read_at(made, cls, node)
        self._constructed(made)
        return made

    def _with_overrides(self, init: LocalFunction, written: dict[str, Span], args: list, kwargs: dict,
                        call: Span | None = None) -> tuple:
        """The arguments of a constructor call with the values a trial edit gives in place of those
        written at its spans (argument_overrides), and the keywords it adds to the call at `call`
        where the call gives that parameter no value (`ResBlock(128, 256)` given `dim_reduct=True`)."""
        names = [p.name.value for p in (*init.node.params.posonly_params, *init.node.params.params)][1:]
        keywords = {p.name.value for p in init.node.params.kwonly_params}
        args, kwargs = list(args), dict(kwargs)
        for key, value in self.argument_overrides.items():
            if isinstance(key, tuple) and key[0] == call and key[1] not in kwargs and (
                    key[1] in keywords or key[1] in names and names.index(key[1]) >= len(args)):
                kwargs[key[1]] = value
        for name, span in written.items():
            if span not in self.argument_overrides:
                continue
            given = kwargs[name] if name in kwargs else args[names.index(name)] \
                if name in names and names.index(name) < len(args) else None
            value = self._overridden(span, given)
            if value is given:
                continue  # (evaluated more often than the trial has values for, or no count to scale: as written)
            if name in kwargs or name not in names or names.index(name) >= len(args):
                kwargs[name] = value
            else:
                args[names.index(name)] = value
        return args, kwargs

    def _overridden(self, span: Span, written: Any) -> Any:
        """The value a trial edit gives what is written at `span` (evaluated now, as `written`):
        an EachBuilt edit gives each evaluation its own, in turn."""
        value = self.argument_overrides[span]
        if isinstance(value, ScaledEdit):
            return value.of(written)
        if not isinstance(value, EachBuilt):
            return value
        used = self.overrides_used.get(span, 0)
        self.overrides_used[span] = used + 1
        return value[used] if used < len(value) and value[used] is not None else written

    def _arguments_written(self, cls: LocalClass, init: LocalFunction, node: cst.CSTNode) -> dict[str, Span]:
        """The constructor's parameters that the call building the instance gives a value
        (`Split(nf, reduction=4)`, or `block()` of `block = partial(Split, nf=nf, reduction=4)`):
        where each value is written. Empty where an argument is unpacked (`*args`, `**kwargs`)."""
        written = _where_written(node, self.span) if isinstance(node, cst.Call) else {}
        if written is None:
            return {}
        bound = self.partial_calls[-1][0] if self.partial_calls and self.partial_calls[-1][1] == self.depth \
            and self.partial_calls[-1][0].function is cls else None
        if bound is not None:
            if bound.written is None:
                return {}
            shift = len(bound.args)
            written = {**bound.written, **{key + shift if isinstance(key, int) else key: span
                                           for key, span in written.items()}}
        params = init.node.params
        positional = [*params.posonly_params, *params.params][1:]  # past `self`
        names = {p.name.value for p in (*positional, *params.kwonly_params)}
        out = {}
        for key, span in written.items():
            name = positional[key].name.value if isinstance(key, int) and key < len(positional) else key
            if isinstance(name, str) and name in names:
                out[name] = span
        return out

    def _dataclass_init(self, cls: LocalClass, instance: Instance, args: list, kwargs: dict,
                        unknown_rest: bool) -> None:
        """The __init__ @dataclass writes: annotated class fields, in order, bases first."""
        if not any(_is_dataclass(c) for c in cls.mro()):
            return
        fields: dict[str, Any] = {}
        for klass in reversed(cls.mro()):
            body = klass.node.body.body if isinstance(klass.node.body, cst.IndentedBlock) else ()
            for statement in body:
                if isinstance(statement, cst.SimpleStatementLine):
                    for small in statement.body:
                        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                            fields[small.target.value] = small.value
        names = list(fields)
        for index, name in enumerate(names):
            if index < len(args):
                value = args[index]
            elif name in kwargs:
                value = kwargs[name]
            elif unknown_rest or fields[name] is None:
                value = Unknown(f"{name} was not given")
            else:
                value = self.eval(fields[name], cls.scope)
            instance.attrs[name] = value

    def _arguments_read_at(self, made: ModuleNode, cls: LocalClass, node: cst.CSTNode) -> None:
        """A torch layer subclass whose __init__ hands `*args, **kwargs` to the layer unchanged
        (WaveNet's incremental `class Conv1d(nn.Conv1d)`): its counts are the arguments of the call
        that builds it, traced from there as a layer's own call's are."""
        made.forwarded = False
        spec = next((found[1] for base in cls.torch_bases()
                     if (found := _layer_base_spec(base.qualified)) is not None), None)
        if spec is None or not isinstance(node, cst.Call):
            return
        made.arg_origins = self._layer_argument_origins(spec.signature, node)
        made.arg_parts, made.arg_loop_parts = self._layer_argument_parts(spec.signature, node)
        made.names_at_build = self._int_names_here()
        made.written_at = {name: self._count_written_at(name, value) for name, value
                           in self._arguments_as_selected(spec.signature, node).items()
                           if name in POINTED_ARGUMENTS or name in OUT_COUNTS}

    def _torch_base_init(self, made: ModuleNode, cls: LocalClass, args: list, kwargs: dict,
                         node: cst.CSTNode | None = None, unknown_rest: bool = False,
                         only: TorchRef | None = None) -> None:
        """`super().__init__(...)` of a class deriving from a torch class: a container gets its
        children; a layer (`class LayerNorm2d(nn.LayerNorm)`) gets the layer's record. `only`: the
        base named in `nn.Conv2d.__init__(self, ...)`."""
        for base in cls.torch_bases() if only is None else [only]:
            name = canonical_name(base.qualified).rsplit(".", 1)[-1]
            if private_layer_base(base.qualified) is not None and name not in PRIVATE_LAYER_BASES:
                # _MaxPoolNd, _DropoutNd: the arguments kept as attributes, for the subclass's forward
                made.attrs.update(private_base_attributes(name, args, kwargs, unknown_rest))
                return
            found = _layer_base_spec(base.qualified)
            if found is not None and name not in CONTAINERS and node is not None:
                kept: dict = {}
                layer = self.construct_layer(found, canonical_name(base.qualified), args, kwargs, node, unknown_rest,
                                             bools_kept=kept)
                if kept and layer.problem is None:
                    # what torch holds (self.dilation == (False, False)), for a forward of its own to read;
                    # torch's own forward refuses it (_torch_base_forward)
                    made.attrs.update((key, held) for key, (_, held) in kept.items())
                    made.forward_refuses = "; ".join(f"{key} must be an int, got {given!r}"
                                                     for key, (given, _) in kept.items())
                if self.analysis is not None and self.analysis.constructed and self.analysis.constructed[-1] is layer:
                    self.analysis.constructed.pop()
                made.base = layer.record
                made.problem, made.problem_variant = layer.problem, layer.problem_variant
                made.refused_at_forward = layer.refused_at_forward
                made.arg_origins = layer.arg_origins
                made.names_at_build = layer.names_at_build
                made.forwarded = layer.forwarded  # `super().__init__(*args, **kwargs)`: read at the instantiation
                if isinstance(layer.record, NormRecord):  # read by a forward of its own: F.batch_norm(..., self.eps)
                    bound = found[1].signature.bind(args, kwargs, unknown_rest)
                    made.attrs.update((key, bound[key]) for key in ("eps", "momentum") if key in bound)
                return
            if name in CONTAINERS:
                made.attrs["__container__"] = name
                holder = ModuleNode(ContainerRecord(type=name), made.span)
                self.container_init(holder, args, kwargs)
                made.children.update(holder.children)
                made.attrs.update((n, holder.attrs[n]) for n in holder.members if n in holder.attrs)
                made.members = () if unknown_rest else holder.members
                if unknown_rest or holder.incomplete:  # `super().__init__(*m)` over a list not known
                    made.incomplete = True
                    if node is not None:
                        self.unresolved(node, f"the modules of this {name} are not known statically")
                return

    def call_function(self, function: LocalFunction, args: list, kwargs: dict, node: cst.CSTNode,
                      owner: LocalClass | None = None, unknown_rest: bool = False) -> Any:
        if self.depth >= MAX_CALL_DEPTH:
            self.unresolved(node, "calls nest too deeply (recursion?)")
            return Unknown("recursion too deep")
        definition = function.node
        if self._recursion_under_unknown(definition):
            self.unresolved(node, "a recursive call under a condition not known statically (each path "
                                  "would recurse again): its result is unknown")
            self._count_the_depth(args, kwargs)
            return Unknown("recursion under a condition not known statically")
        scope = Scope(function.scope)
        scope.owner = owner
        expressions = self._argument_expressions(definition.params, node, len(args))
        sources = self._sources_of(expressions)
        handed_on = self._handed_on_kwargs(definition.params, node, expressions)
        sources.update(handed_on)
        passed_updates = self._updates_passed(expressions)
        from_partial = self._bound_by_partial(function, owner, definition.params)
        stars = self._star_items_written(definition.params, node, len(args))
        site = self.span(node)  # in the caller's file, before the callee's becomes the current one
        previous = self._enter_module(function.scope)
        self.depth += 1
        self.call_sites.append(site)
        self.frames.append(scope)
        self.running_functions.append((definition, self.speculation))
        try:
            if not self._bind_parameters(definition.params, args, kwargs, scope, unknown_rest):
                called = cst.Module([]).code_for_node(node.func) if isinstance(node, cst.Call) else definition.name.value
                self.unresolved(node, f"{called}() is given arguments its {definition.name.value}() does not "
                                      "take: Python raises TypeError, and nothing the call makes is followed")
                raise _Return(RAISES)  # (before the body runs)
            if stars is not None and isinstance(definition.params.star_arg, cst.Param):
                held = scope.names.get(definition.params.star_arg.name.value)
                if type(held) is tuple and len(held) == len(stars[0]):
                    self.items_written[id(held)] = (held, *stars)
            scope.parameters = dict(scope.names)
            if from_partial is not None:
                bound, frame = from_partial
                scope.bound_in = {name: frame for name in bound if name not in sources}
                sources = {**bound, **sources}
            scope.arguments = {name: (span, passed, scope.names.get(name), written, used)
                               for name, (span, passed, written, used) in sources.items()}
            scope.defaulted = _defaults_left(definition.params, node, expressions) if from_partial is None \
                else frozenset()
            scope.handed_on = frozenset(handed_on)
            scope.updates_passed = passed_updates
            scope.computed = {name: value for name, value in expressions.items() if type(value) is not cst.Name}
            if owner is not None and args:
                scope.receiver = args[0]
            self.exec_block(definition.body, scope)
        except _Return as result:
            return result.value
        except (_Break, _Continue):
            return None
        finally:
            self.depth -= 1
            self.call_sites.pop()
            self.frames.pop()
            self.running_functions.pop()
            self._leave_module(previous)
            if scope.rest_speculative is not None:
                self._mark_speculative(*scope.rest_speculative)
        return None

    def _count_the_depth(self, args: list, kwargs: dict) -> None:
        """`Hourglass(n - 1, f)` under `if n > 1:`, n an argument nothing supplies: the depth of
        the recursion is a count, for the model to be built again with it counting 1, 2, ... (the
        base case first), as a loop's count is (count_of_an_argument)."""
        from convlint.evaluator.builtins import count_of_an_argument

        for value in (*args, *kwargs.values()):
            if isinstance(value, Sym) and isinstance(value.base, str) and not value.opaque \
                    and value.scale == 1 and value.divisor == 1 and value.offset < 0:
                count_of_an_argument(self, Sym(value.base))

    def _recursion_under_unknown(self, definition: cst.FunctionDef) -> bool:
        """A call of a function already running, made on a path of a condition not known that
        was opened since (`if levels == 1: ... else: Tree(levels - 1)`, the code after an early
        `return` under such a condition): each path recurses again, two ways at each level, until
        the call depth or the step budget runs out. Its result is unknown instead."""
        for index, (running, speculation) in enumerate(self.running_functions):
            if running is definition and (
                    self.speculation > speculation
                    or any(frame.rest_speculative is not None for frame in self.frames[index:])):
                return True
        return False

    def _argument_sources(self, params: cst.Parameters, node: cst.CSTNode, given: int) -> dict[str, tuple]:
        """Each parameter's argument in the call: (its span, the name passed when a plain name)."""
        return self._sources_of(self._argument_expressions(params, node, given))

    def _sources_of(self, written: dict[str, cst.BaseExpression]) -> dict[str, tuple]:
        """_argument_sources of the arguments a call writes (_argument_expressions)."""
        caller = self.frames[-1] if self.frames else None
        inner = self._innermost_scope() if self.frames else None  # (`[Block(cin, cout) for cin, cout in rows]`)
        return {name: (self.written_span(value), value.value if isinstance(value, cst.Name) else None,
                       self._written_at(value, inner if inner is not caller and isinstance(value, cst.Name)
                                        and value.value in inner.items_read else caller),
                       () if isinstance(value, cst.Name) else tuple(dict.fromkeys(
                           n.value for n in _walked(value, self.walk_cache) if isinstance(n, cst.Name))))
                for name, value in written.items()}

    def _handed_on_kwargs(self, params: cst.Parameters, node: cst.CSTNode, expressions: dict) -> dict[str, tuple]:
        """`block(**kwargs)` in `def make_layer(block, n, **kwargs)`, the dict still the one its caller
        filled: each parameter of the callee it gives, with the source the caller's caller wrote
        (`make_layer(Res, 2, planes=planes // 2)`) as its own, passed on under its own name."""
        if not isinstance(node, cst.Call) or not self.frames or not self.running_functions:
            return {}
        star = next((a.value for a in node.args if a.star == "**"), None)
        rest = self.running_functions[-1][0].params.star_kwarg
        if not isinstance(star, cst.Name) or not isinstance(rest, cst.Param) or star.value != rest.name.value:
            return {}
        frame = self.frames[-1]
        held = frame.names.get(star.value)
        if not isinstance(held, dict) or held is not frame.parameters.get(star.value):
            return {}
        names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
        takes_the_rest = isinstance(params.star_kwarg, cst.Param)  # (a helper handing them on again)
        return {key: (source[0], key, source[3], ()) for key, source in frame.arguments.items()
                if key in held and (key in names or takes_the_rest) and key not in expressions}

    def _bound_by_partial(self, function: LocalFunction, owner: LocalClass | None,
                          params: cst.Parameters) -> tuple[dict[str, tuple], Scope] | None:
        """The argument sources (as _argument_sources) of the parameters a functools.partial being
        called binds (`block = partial(RRDB, nf=nf, gc=gc)`, then `block()` in a helper), by name, with
        the call that wrote the partial; None where this call is not the partial's."""
        if not self.partial_calls or self.partial_calls[-1][1] != self.depth:
            return None
        bound = self.partial_calls[-1][0]
        if bound.frame is None or not any(frame is bound.frame for frame in self.frames):
            return None
        if bound.function is function:
            receiver = 0
        elif isinstance(bound.function, LocalClass) and owner is not None \
                and function.node.name.value == "__init__" and owner in bound.function.mro():
            receiver = 1  # (past `self`)
        else:
            return None
        names = [p.name.value for p in (*params.posonly_params, *params.params)]
        keywords = {p.name.value for p in (*params.params, *params.kwonly_params)}
        out = {}
        for key, source in bound.sources.items():
            name = names[key + receiver] if isinstance(key, int) and key + receiver < len(names) else key
            if isinstance(name, str) and (name in keywords or name in names):
                out[name] = source
        return out, bound.frame

    def _caller_index(self, index: int, name: str) -> int:
        """The frame of the call that gave frames[index] its parameter `name`: the one before it, or
        the one that wrote the functools.partial binding it (-1 where that call has returned)."""
        held = self.frames[index].bound_in.get(name)
        if held is None:
            return index - 1
        return next((i for i in range(index - 1, -1, -1) if self.frames[i] is held), -1)

    def _star_items_written(self, params: cst.Parameters, node: cst.CSTNode, given: int) -> tuple | None:
        """The arguments a call gives a function's `*args`, as items_written notes them (each element
        written, its span, where a local it names was bound; the caller's scope); None where the
        function takes none, or the call unpacks what is not a literal."""
        if not isinstance(params.star_arg, cst.Param) or not isinstance(node, cst.Call) or not self.frames \
                or len(self.items_written) >= MAX_NOTED_LITERALS:
            return None
        positional = self._positional_written(node)
        if positional is None or given - len(positional) not in (0, 1):
            return None
        named = len(params.posonly_params) + len(params.params) - (given - len(positional))
        written = [self._selected(v) if v is not None else None for v in positional[max(named, 0):]]
        scope = self._innermost_scope()
        return tuple(written), tuple(None if v is None else self.written_span(v) for v in written), \
            tuple(self._written_at(v, scope) if type(v) is cst.Name else None for v in written), \
            _around_comprehensions(scope)

    def _argument_expressions(self, params: cst.Parameters, node: cst.CSTNode, given: int) -> dict[str, cst.BaseExpression]:
        """Each parameter's argument in the call, as written (a selection, the operand it gave)."""
        positional = self._positional_written(node) if isinstance(node, cst.Call) else None  # not `**kwargs`
        if positional is None:
            return {}
        names = [p.name.value for p in (*params.posonly_params, *params.params)]
        receiver = given - len(positional)  # `self` is the one argument the call does not write
        if receiver not in (0, 1):
            return {}
        written = {names[i + receiver]: value for i, value in enumerate(positional)
                   if i + receiver < len(names) and value is not None}
        written.update({a.keyword.value: a.value for a in node.args if a.keyword is not None})
        for arg in node.args:
            if arg.star == "**":
                written.update({key: value for key, value in self._dict_entries_written(arg.value).items()
                                if key in names and key not in written})
        return {name: self._selected(value) for name, value in written.items()}

    def number_passed_to_view(self, node: cst.CSTNode) -> Span | None:
        """`x.reshape(n, groups, c // groups, h, w)` in a helper whose caller wrote `groups` as a number
        (`self.channel_shuffle(x, 24)`): where that number is written, the one parameter of the kind
        the view reads; else None."""
        if not isinstance(node, cst.Call) or not self.frames:
            return None
        frame = self.frames[-1]
        found = set()
        for arg in node.args:
            for name in _walked(arg.value, self.walk_cache):
                source = frame.arguments.get(name.value) if type(name) is cst.Name else None
                if source is not None and type(frame.computed.get(name.value)) is cst.Integer \
                        and _still_the_argument(frame, name.value, source[2]):
                    found.add(source[0])
        return found.pop() if len(found) == 1 else None

    def _dict_entries_written(self, value: cst.BaseExpression) -> dict[str, cst.BaseExpression]:
        """`cls(**kwargs)` of a factory's `kwargs = {"in_channels": in_channels, ...}` (or `dict(...)`),
        still holding what it was bound to: each key's value as written there, for the count to be
        followed to the factory's caller. Only the entries that still hold what was written."""
        if not isinstance(value, cst.Name) or not self.frames:
            return {}
        frame = self.frames[-1]
        found = frame.written.get(value.value)
        held = frame.names.get(value.value)
        if found is None or not isinstance(held, dict) or held is not found[1] or id(found[0]) in frame.rebinders:
            return {}
        expression = found[0]
        if isinstance(expression, cst.Dict):
            entries = [(element.key.evaluated_value, element.value) for element in expression.elements
                       if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString)]
        elif isinstance(expression, cst.Call) and isinstance(expression.func, cst.Name) \
                and expression.func.value == "dict" and self._quietly_bound("dict", frame) is MISSING:
            entries = [(a.keyword.value, a.value) for a in expression.args if a.keyword is not None]
        else:
            return {}
        out = {}
        for key, entry in entries:
            # (a key changed since, `kwargs["in_channels"] = 2 * c`, is not what was written)
            if isinstance(key, str) and key in held and (
                    isinstance(entry, cst.Name) and frame.names.get(entry.value, MISSING) is held[key]
                    or isinstance(entry, cst.Integer) and type(held[key]) is int and int(entry.value, 0) == held[key]):
                out[key] = entry
        return out

    def _selected(self, value: cst.BaseExpression) -> cst.BaseExpression:
        """The operand whose value a selection just evaluated gave (`cin` of `cin if index == 0 else
        cout` in the first pass of a loop): the count is that operand's, written where it is."""
        while type(value) in (cst.IfExp, cst.BooleanOperation):  # (exact types: libcst's isinstance is an ABC check)
            chosen = self.selected_operand.get(id(value))
            if chosen is None or chosen[0] is not value:
                break
            value = chosen[1]
        return self._through_int(value)

    def _through_int(self, value: cst.BaseExpression) -> cst.BaseExpression:
        """The name in `int(in_channels)` (a wrapper's `nn.Conv2d(int(cin), int(cout), 1)`) while
        it holds a whole count of an argument nothing gives, which int() gives back unchanged: the
        count is the name's, traced to where its caller wrote it as a bare name's is."""
        if not (type(value) is cst.Call and type(value.func) is cst.Name and value.func.value == "int"
                and len(value.args) == 1 and not value.args[0].star and value.args[0].keyword is None
                and type(value.args[0].value) is cst.Name and self.frames):
            return value
        scope = self._innermost_scope()
        if "int" in scope.names or "int" in self.module_scope.names:
            return value  # int rebound: not the builtin
        from convlint.evaluator.builtins import int_of

        held = _local_value(scope, value.args[0].value.value)
        # (an int is traced already, by building the model again with the caller's number changed)
        return value.args[0].value if isinstance(held, Sym) and int_of(self, held) is held else value

    def _arguments_as_selected(self, signature, node: cst.Call) -> dict[str, cst.BaseExpression]:
        """_written_arguments, each selection replaced by the operand it gave (`_selected`)."""
        positional = self._positional_written(node)
        if positional is None or not any(a.star == "*" for a in node.args):
            written = _written_arguments(signature, node)
        else:  # `nn.Conv2d(*self.cfg[1], kernel_size=3)`: each number of the literal unpacked at its place
            written = {name: value for (name, _), value in zip(signature.params, positional) if value is not None}
            written.update({a.keyword.value: a.value for a in node.args if a.keyword is not None})
        names = {name for name, _ in signature.params}
        for arg in node.args:
            if arg.star == "**":
                written.update({key: value for key, value in self._dict_entries_written(arg.value).items()
                                if key in names and key not in written})
        return {name: self._selected(value) for name, value in written.items()}

    def _count_written_at(self, name: str, value: cst.BaseExpression) -> Span:
        """Where a count a finding may point at is written: in the layer's call, or where a local
        name (or `self.` attribute this method set) it reads was bound from numbers (`head_in =
        _make_divisible(112 * mult)` the line before `nn.Conv2d(head_in, 960, 1)`, `kernel_size = image_size // 2 ** n` before a conv
        meant to cover the final map, `pad = (dilation * (kernel_size - 1)) // 2` before a TCN's conv)."""
        if (name in ARGUMENT_PARTS or name in OUT_COUNTS) and (element := self._listed_at(value)) is not None:
            return self.span(element)
        if (name in ARGUMENT_PARTS or name in OUT_COUNTS or name in WINDOW_ARGUMENTS) and self.frames \
                and _written_key(value) is not None:
            # (`self.flat = 32 * 4 * 4` then `nn.Linear(self.flat, 10)`: traced as a local would be)
            found = self.frames[-1].written.get(_written_key(value))
            bound = self._written_at(value, self.frames[-1])
            if bound is not None and found is not None and _numbers_in(found[0], self.walk_cache):
                return bound
        return self.written_span(value)

    def _formula_hops(self, value: cst.BaseExpression) -> tuple[tuple[Span, object], ...]:
        """For a count argument: the names its formula reads (the expression written in the call, or
        the one the local or `self.` attribute it reads was bound to in this function) that were
        themselves bound from numbers here (`out_h = img_h // 8` read by `rnn_in = 64 * out_h`),
        each as (where bound, the value bound); () where none."""
        if not self.frames:
            return ()
        frame = self.frames[-1]
        expression = value
        if _written_key(value) is not None:
            found = frame.written.get(_written_key(value))
            if found is None or self._written_at(value, frame) is None:
                return ()
            expression = found[0]
        reads, stack = [], [expression]
        while stack:
            node = stack.pop()
            if isinstance(node, cst.Name) or _attribute_key(node) is not None:
                reads.append(node)
            elif not isinstance(node, (cst.Lambda, cst.BaseComp, cst.Call)):
                stack.extend(child for child in node.children if isinstance(child, cst.CSTNode))
        out = {}
        for read in reads:
            written = frame.written.get(_written_key(read))
            if written is None or not _numbers_in(written[0], self.walk_cache) \
                    or type(written[1]) is not int or read is value:
                continue
            span = self._written_at(read, frame)
            if span is not None:
                out.setdefault(span, written[1])
        return tuple(out.items())

    def _probed_count(self, count: object) -> bool:
        """Whether a count the constructor gives a layer is the features of a sample of what its own
        layers gave a probe tensor it ran them on before (`n = self.features(torch.zeros(1, C,
        T)).view(1, -1).size(1)`, a `_get_conv_output(shape)` helper): measured, not written."""
        analysis = self.analysis
        if analysis is None or analysis.input is not None or not (is_known(count) or isinstance(count, Sym)):
            return False
        return any(call.output is not None and call.output.shape.dims is not None and len(call.output.shape.dims) > 1
                   and dims_product(call.output.shape.dims[1:]) == count for call in analysis.calls)

    def _product_written(self, value: cst.BaseExpression | None) -> tuple[int, ...]:
        """The numbers of a count written as their product (`32 * 3 * 3`), in the call or where the
        local or `self.` attribute it reads was bound (as _count_written_at follows it); () else."""
        key = _written_key(value) if value is not None else None
        if key is not None and self.frames:
            found = self.frames[-1].written.get(key)
            value = found[0] if found is not None and self._count_written_at("in_features", value) \
                == self.span(found[0]) else None
        numbers, stack = [], [value]
        while stack:
            item = stack.pop()
            if isinstance(item, cst.BinaryOperation) and isinstance(item.operator, cst.Multiply):
                stack += [item.right, item.left]
            elif isinstance(item, cst.Integer):
                numbers.append(int(item.evaluated_value))
            else:
                return ()
        return tuple(numbers) if len(numbers) > 1 else ()

    def sizes_written_at(self, node: cst.CSTNode, rank: int, first_only: bool = False) -> tuple[Span | None, ...]:
        """Where each size of a tensor a constructor makes is written (`torch.FloatTensor(n, 256)`,
        `torch.empty((10, 256))`, `torch.full((10, 256), 0.5)` with `first_only`), as a layer's count
        is: in the call, or where a local it reads was bound from numbers. None for a size that reads
        anything but numbers and names of numbers (a tensor's size, an attribute), or a parameter its
        caller gave (the caller's line is the one to change, not traced here). () where the sizes are
        not written one by one, or forward() runs: the parameter a functional layer applies is made
        in the constructor, and a size made from the input is no number the user wrote."""
        items = self._size_items(node, rank, first_only)
        if not items:
            return ()
        frame = self.frames[-1]
        return tuple(self._count_written_at("in_features", item)
                     if item is not None and self._numbers_of_its_own(item, frame) else None for item in items)

    def _size_items(self, node: cst.CSTNode, rank: int, first_only: bool) -> list:
        """The expressions of each size a tensor maker's call writes, in a constructor; [] otherwise."""
        if not isinstance(node, cst.Call) or any(a.star == "**" for a in node.args) or not self.frames \
                or self.analysis is None or self.analysis.input is not None:
            return []
        if any(a.star for a in node.args):  # `torch.ones(*param[:4])` of a literal's numbers: those numbers
            items = self._positional_written(node) or []
            return items if len(items) == rank and not first_only else []
        items = [a.value for a in node.args if a.keyword is None] or \
            [a.value for a in node.args if a.keyword is not None and a.keyword.value == "size"]
        if first_only:
            items = items[:1]
        if len(items) == 1 and isinstance(items[0], (cst.Tuple, cst.List)):
            if any(isinstance(e, cst.StarredElement) for e in items[0].elements):
                return []
            items = [e.value for e in items[0].elements]
        return items if len(items) == rank else []

    def sizes_passed_at(self, node: cst.CSTNode, rank: int, first_only: bool = False) -> tuple:
        """Of a tensor a block's constructor makes from its parameters (`torch.ones(out_ch, in_ch, k,
        k)`, the weight an F.conv2d applies): per size, the argument_origin of a parameter passed
        down unchanged and the names it was passed as (as a layer's arg_origins and names_passed),
        None for another size; () where none is, and the calls that led here. A functional layer
        applying it is then blamed where a layer built there would be."""
        items = self._size_items(node, rank, first_only)
        if not items:
            return (), ()
        return self._sizes_passed_of(items)

    def shape_tuple_passed(self, value: Any, rank: int) -> tuple:
        """sizes_passed_at of a weight sized by a tuple its block's constructor bound from its
        parameters (shape_tuples_passed): (per size, the parameter passed down, the calls), or ((), ())."""
        noted = self.shape_tuples_passed.get(id(value))
        if noted is None or noted[0] is not value or len(value) != rank:
            return (), ()
        return noted[1], noted[2]

    def _sizes_passed_of(self, items: list) -> tuple:
        """sizes_passed_at of the expressions written for each size."""
        saved = self.expression_parts, self.expression_loop_parts  # (argument_origin notes them as it goes)
        try:
            origins = tuple(self.argument_origin(item) if isinstance(item, (cst.Name, cst.Attribute)) else None
                            for item in items)
        finally:
            self.expression_parts, self.expression_loop_parts = saved
        if not any(origins):
            return (), ()
        # (`self.N0` set from an argument: the caller's line, no chain of names passed)
        passed = tuple((origin, self._names_passed(item.value) if isinstance(item, cst.Name) else ())
                       if origin is not None else None for origin, item in zip(origins, items))
        return passed, tuple(self.call_sites[1:])

    def _numbers_of_its_own(self, value: cst.BaseExpression, frame: Scope, depth: int = 0) -> bool:
        """Whether an expression computes only with numbers and int names the function holds of
        its own (a local bound from such numbers, a module constant, a parameter of the model's own
        constructor at its default), not with a parameter a caller gave (by name, through **kwargs or
        a partial) nor anything read from a tensor or an object."""
        kind = type(value)
        if kind is cst.Integer:
            return True
        if kind is cst.Name:
            name = value.value
            held = frame.names.get(name, MISSING)
            if name in frame.arguments or type(held if held is not MISSING else self._quietly_bound(name, frame)) \
                    is not int:
                return False
            if held is MISSING:
                return True  # a module's constant
            if name in frame.parameters:  # at its default only in the model's own constructor, which
                return len(self.frames) == 1 and frame.parameters[name] is held  # convlint calls with none
            found = frame.written.get(name)  # a local bound once from numbers
            return found is not None and found[1] is held and depth < 4 \
                and self._numbers_of_its_own(found[0], frame, depth + 1)
        if kind is cst.BinaryOperation:
            return self._numbers_of_its_own(value.left, frame, depth) and self._numbers_of_its_own(
                value.right, frame, depth)
        if kind is cst.UnaryOperation:
            return self._numbers_of_its_own(value.expression, frame, depth)
        if kind is cst.Attribute and type(value.value) is cst.Name:
            # `512 * block.expansion`: a constant of a class the code defines, whichever class is passed
            owner = frame.names.get(value.value.value, MISSING)
            owner = self._quietly_bound(value.value.value, frame) if owner is MISSING else owner
            return isinstance(owner, LocalClass) and type(owner.lookup(value.attr.value)) is int
        return False

    def _updates_passed(self, expressions: dict[str, cst.BaseExpression]) -> dict[str, CountUpdate]:
        """Of a call's arguments, those reading a running count (`block(self.inplanes, ...)`): the
        update that wrote each, by the parameter given it."""
        caller = self.frames[-1] if self.frames else None
        if caller is None:
            return {}
        return {name: update for name, value in expressions.items()
                if (update := self._update_read(value, caller)) is not None}

    def _update_read(self, value: cst.BaseExpression, scope: Scope) -> CountUpdate | None:
        """The update of a running count that wrote the int a name or `self.X` holds now, where
        one did: the name's own, or, for a parameter still holding its argument, the caller's."""
        if isinstance(value, cst.Name):
            held, update = scope.names.get(value.value, MISSING), scope.updates.get(value.value)
            source = scope.arguments.get(value.value) if update is None else None
            if source is not None and _still_the_argument(scope, value.value, source[2]):
                update = scope.updates_passed.get(value.value)
        elif isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
            owner = scope.names.get(value.value.value)
            if not isinstance(owner, ModuleNode):
                return None
            held, update = owner.attrs.get(value.attr.value, MISSING), owner.updates.get(value.attr.value)
        else:
            return None
        return update if update is not None and type(held) is int and held == update.value else None

    def _note_update(self, target: cst.BaseExpression, written: cst.BaseExpression, value: Any, scope: Scope,
                     operator: str | None = None, before: CountUpdate | None = None,
                     copied: CountUpdate | None = None) -> None:
        """After `name = ...`, `self.X = ...` or `name += ...` while a model is built: the update
        the int now held comes from (a copy of another running count passes that one on)."""
        if self.analysis is None:
            return
        if isinstance(target, cst.Name):
            holder, key, form = scope.updates, target.value, "name"
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                and isinstance(owner := scope.names.get(target.value.value), ModuleNode):
            holder, key, form = owner.updates, target.attr.value, "attribute"
        else:
            return
        at = self.span(written)
        index = self.assignments_run.get(at, 0)
        self.assignments_run[at] = index + 1
        if isinstance(written, (cst.Name, cst.Attribute)):
            self.copies_written.add(at)  # `self.size = size`: the count is its source's, not computed here
        if type(value) is not int:
            holder.pop(key, None)
        elif operator is None and copied is not None:
            holder[key] = copied
        else:
            holder[key] = CountUpdate(at, operator or form, index, value, before,
                                      self._factors_read(written, scope) if operator is None else ())

    def _factors_read(self, written: cst.BaseExpression, scope: Scope) -> tuple:
        """CountUpdate.factors of a count bound as a product of names (`ch * d * h * w`); () else."""
        names, pending = [], [written]
        while pending:
            part = pending.pop()
            if isinstance(part, cst.BinaryOperation) and isinstance(part.operator, cst.Multiply):
                pending += [part.right, part.left]
            elif isinstance(part, cst.Name) and type(scope.names.get(part.value)) is int:
                names.append(part.value)
            else:
                return ()
        looped = _looped_names(self.running_functions[-1][0], self.walk_cache) if self.running_functions else frozenset()
        return tuple((name, scope.names[name], scope.updates.get(name), name in looped) for name in names) \
            if len(names) >= 2 else ()

    def _bound_by_assignment(self, value: cst.BaseExpression, scope: Scope | None = None) -> Span | None:
        """Where the running function bound the plain local a layer's count reads (`in_ch =
        input_channels[-1]`), still holding that value: not a parameter, a loop's name or a running
        count a loop updates (every stage's layer would read what one edit there gives)."""
        if not isinstance(value, cst.Name) or not self.frames:
            return None
        scope = scope or self.frames[-1]
        found = scope.written.get(value.value)
        if value.value in scope.arguments or found is None or scope.names.get(value.value, MISSING) is not found[1] \
                or id(found[0]) in scope.rebinders:
            return None
        return self.span(found[0])

    def _ints_an_out_count_reads(self, signature, node: cst.Call) -> tuple[int, ...]:
        """The int values of the names (`c`, `self.c`) an out count written as an expression reads."""
        if not self.frames:
            return ()
        frame, out = self.frames[-1], []
        receiver = frame.receiver if isinstance(frame.receiver, (ModuleNode, Instance)) else None
        for name, value in self._arguments_as_selected(signature, node).items():
            if name not in OUT_COUNTS or isinstance(value, (cst.Name, cst.Integer)):
                continue
            walked = _walked(value, self.walk_cache)
            skipped = {id(n.attr) for n in walked if isinstance(n, cst.Attribute)} | \
                {id(n.keyword) for n in walked if isinstance(n, cst.Arg) and n.keyword is not None}
            for read in walked:
                if isinstance(read, cst.Attribute) and isinstance(read.value, cst.Name) and receiver is not None \
                        and frame.names.get(read.value.value) is receiver:
                    found = receiver.attrs.get(read.attr.value)
                elif isinstance(read, cst.Name) and id(read) not in skipped:
                    found = frame.names.get(read.value)
                else:
                    continue
                if type(found) is int:
                    out.append(found)
        return tuple(dict.fromkeys(out))

    def _locals_read(self, signature, node: cst.Call) -> tuple[tuple[Span, bool], ...]:
        """(where it is bound, read bare) for each plain local (_bound_by_assignment) a count
        argument of the layer reads: `base` of `nn.Conv2d(3, widen(base, m))` is read in another
        form than by `nn.BatchNorm2d(base)`, so no value bound to it fixes the BN alone. A
        parameter the caller gave as an expression (`conv(3, widen(base, mult))` building the conv
        from `out`) reads the caller's locals in that expression."""
        if not self.frames:
            return ()
        frame, out = self.frames[-1], []
        for name, value in self._arguments_as_selected(signature, node).items():
            if name not in ARGUMENT_PARTS and name not in OUT_COUNTS:
                continue
            reads = [(value, frame)]
            if isinstance(value, cst.Name) and value.value in frame.computed and len(self.frames) > 1 \
                    and frame.names.get(value.value, MISSING) is frame.parameters.get(value.value):
                reads.append((frame.computed[value.value], self.frames[-2]))
            for expression, scope in reads:
                walked = _walked(expression, self.walk_cache)
                # (an attribute's name and a keyword are no reads of the local)
                skipped = {id(n.attr) for n in walked if isinstance(n, cst.Attribute)} | \
                    {id(n.keyword) for n in walked if isinstance(n, cst.Arg) and n.keyword is not None}
                for read in walked:
                    if isinstance(read, cst.Name) and id(read) not in skipped \
                            and (bound := self._bound_by_assignment(read, scope)) is not None:
                        out.append((bound, read is value))
        return tuple(dict.fromkeys(out))

    def _listed_at(self, value: cst.BaseExpression) -> cst.BaseExpression | None:
        """The number of a literal list a layer's argument reads: `dims[i + 1]` of `dims = [...]`,
        `v` of `for v in cfg` (cfg a literal, or a literal passed in)."""
        if not self.frames:
            return None
        scope = self.frames[-1]
        if isinstance(value, cst.Subscript):
            return self._item_read(value, self._innermost_scope())
        if isinstance(value, cst.Name) and (read := scope.items_read.get(value.value)) is not None \
                and scope.names.get(value.value, MISSING) is read[1]:
            return read[0]
        return None

    def _innermost_scope(self) -> Scope:
        """The running function's scope, or the scope of a comprehension running in it (whose loop
        names a layer built there reads: `[Conv2d(w[i], w[i + 1], 3) for i in range(n)]`)."""
        frame = self.frames[-1]
        if self.comprehensions:
            inner = self.comprehensions[-1]
            if _around_comprehensions(inner) is frame:
                return inner
        return frame

    def _item_read(self, value: cst.Subscript, scope: Scope) -> cst.BaseExpression | None:
        """`dims[i + 1]` of a list written as a literal: the element read, the index computed from the
        loop's names as they are now (only names, numbers and arithmetic: nothing runs)."""
        if len(value.slice) != 1 or not isinstance(value.slice[0].slice, cst.Index) \
                or not isinstance(value.value, cst.Name) or not all(
                    isinstance(n, INDEX_ARITHMETIC) for n in _walked(value.slice[0].slice.value, self.walk_cache)) \
                or not any(isinstance(n, cst.Name) for n in _walked(value.slice[0].slice.value, self.walk_cache)):
            return None  # (`dims[1]` picks one number on purpose: the index may be what is wrong)
        items = _local_value(scope, value.value.value)
        if id(items) not in self.literal_items:
            return None
        return self._literal_element(items, self.eval(value.slice[0].slice.value, scope))

    def _written_at(self, value: cst.BaseExpression, scope: Scope | None) -> Span | None:
        """Where a local name or an item of a local list passed as an argument was written: `w2`
        bound by `w2 = 180`, `widths[1]` of `widths = [96, 180]`; a name the caller itself was
        given is followed further out instead (argument_origin)."""
        if scope is None:
            return None
        index = None
        if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index) \
                and isinstance(value.slice[0].slice.value, cst.Integer):
            index, value = int(value.slice[0].slice.value.value), value.value
        key = _attribute_key(value)
        if key is not None:  # `Block(self.concat_filters1, ...)`: where this method set it, if it still holds that
            owner = scope.names.get(value.value.value)
            found, holder = self._attribute_written(key, owner, scope)
            if found is None or not isinstance(owner, (ModuleNode, Instance)) \
                    or owner.attrs.get(value.attr.value, MISSING) is not found[1] \
                    or isinstance(found[0], cst.Name) and found[0].value in holder.arguments:
                return None  # (`self.in_channels = in_channels`: the caller's count, traced there)
        elif not isinstance(value, cst.Name) or value.value in scope.arguments:
            return None
        elif (read := scope.items_read.get(value.value)) is not None and type(read[1]) is int \
                and scope.names.get(value.value, MISSING) is read[1]:
            return self.span(read[0])  # (a loop's name over a literal list's numbers: the number it holds)
        else:
            found = scope.written.get(value.value)
            if found is None or scope.names.get(value.value, MISSING) is not found[1] \
                    or id(found[0]) in scope.rebinders:
                return None  # (a running count a loop updates: not a number written for this layer)
        expression = found[0]
        if index is None:
            return self.span(expression)
        if not isinstance(expression, (cst.List, cst.Tuple)) or not -len(expression.elements) <= index < len(expression.elements):
            return None
        element = expression.elements[index]
        return None if isinstance(element, cst.StarredElement) else self.span(element.value)

    def _attribute_written(self, key: str, owner: Any, scope: Scope) -> tuple[tuple | None, Scope]:
        """(what set `self.x` last, the scope that set it): this method, or else a method of the same
        object still running further out (`self.padding = k // 2` in __init__, read by the
        `self._make_layer(...)` it calls)."""
        name = key.partition(".")[0]
        for holder in (scope, *reversed(self.frames)):
            if holder is not scope and (holder.receiver is not owner or holder.names.get(name) is not owner):
                continue
            found = holder.written.get(key)
            if found is not None:
                return found, holder
        return None, scope

    def argument_origin(self, value: cst.BaseExpression) -> tuple | None:
        """Where the value of a layer argument that is a parameter passed down unchanged was
        written: the outermost caller's argument (`Fire(96, 16, 64, 64)` for `inplanes`), the
        int values of the other arguments of the calls on the way (`16, 64`), where that
        argument's own value was written when it is a local name or an item of a local list,
        and each call on the way (innermost first) with the argument written there and the int
        values of its other arguments."""
        return self._origin_in(value, len(self.frames))

    def _note_attribute_origin(self, target: cst.BaseExpression, name: cst.Name, value: int, scope: Scope) -> None:
        """`self.in_channels = in_channels`: where the count the attribute now holds was written."""
        if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
            return
        owner = scope.names.get(target.value.value)
        if isinstance(owner, ModuleNode):
            origin = self.argument_origin(name)
            if origin is not None:
                owner.attr_origins[target.attr.value] = (value, origin)
            else:
                owner.attr_origins.pop(target.attr.value, None)

    def _origin_in(self, value: cst.BaseExpression, depth: int) -> tuple | None:
        """argument_origin of a name read by the function running at frames[depth - 1]; of
        `self.attr`, the origin of the parameter the constructor set it from, while it holds it."""
        if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and depth:
            owner = self.frames[depth - 1].names.get(value.value.value)
            held = owner.attr_origins.get(value.attr.value) if isinstance(owner, ModuleNode) else None
            if held is not None and owner.attrs.get(value.attr.value, MISSING) == held[0]:
                return held[1]
            return None
        if isinstance(value, cst.Subscript) and depth:
            return self._item_origin(value, depth)
        if type(value) is cst.Name and depth and (alias := _renamed_argument(self.frames[depth - 1], value.value)):
            value = cst.Name(alias)  # `Cin = inChannels` before `nn.Conv2d(Cin, G, 3)`: the parameter it renames
        if type(value) is cst.Name and depth and value.value not in self.frames[depth - 1].arguments:
            # `for cin, cout in zip(dims[:-1], dims[1:])` over a call's *args
            scope = self._innermost_scope() if depth == len(self.frames) else self.frames[depth - 1]
            read = scope.items_from.get(value.value)
            noted = self.items_written.get(id(read[0])) if read is not None else None
            if noted is None or noted[0] is not read[0] or _local_value(scope, value.value) is not read[2]:
                return None
            return self._origin_of_item(noted, read[1], depth)
        if not isinstance(value, cst.Name):
            return None
        origin, name, written = None, value.value, None
        levels: list[tuple[Span, frozenset]] = []
        index = depth - 1
        while index >= 0:
            frame, parameter = self.frames[index], name
            source = frame.arguments.get(name)
            if source is None or not _still_the_argument(frame, name, source[2]):
                break  # not a parameter here, or rebound since the call
            caller, callee = self._caller_index(index, name), frame
            value, lost = source[2], False
            while name in frame.handed_on and caller >= 0:
                # handed on in the caller's `**kwargs`: its own caller's argument is this call's, one level
                # (through each helper that hands it on so)
                rest = self.running_functions[caller][0].params.star_kwarg
                passing = self.frames[caller]
                held = passing.names.get(rest.name.value, MISSING) if isinstance(rest, cst.Param) else MISSING
                outer = passing.arguments.get(name)
                if outer is None or held is not passing.parameters.get(rest.name.value) \
                        or not isinstance(held, dict) or held.get(name, MISSING) is not value \
                        and not (type(value) is int and held.get(name) == value):
                    lost = True  # (the dict rebound, or the entry changed, since it was handed on)
                    break
                frame, index, source = passing, caller, outer
                caller = self._caller_index(index, name)
            if lost:
                break
            # (a width of a constructor argument nothing gives, `2*base`, is a count as an int is:
            # `block(base, 2 * base)` whose norm reads cin where 2*base arrive reads the wrong one)
            levels.append((source[0], frozenset(v for n, (_, _, v, _, _) in callee.arguments.items()
                                                if n != name and not _window_parameter(n) and (
                                                    isinstance(v, int) and not isinstance(v, bool)
                                                    or isinstance(v, Sym) and is_width(v)))))
            origin, name, written = source[0], source[1], source[3]
            # `ConvBN(self.first_in, ...)` where the constructor set `self.first_in = in_channels`: the
            # count goes on to where the constructor's caller wrote it
            held = self._origin_in(frame.computed.get(parameter), caller + 1) \
                if name is None and caller >= 0 and type(frame.computed.get(parameter)) in (cst.Attribute, cst.Subscript) \
                else None
            if held is not None:
                origin, _, written, further = held
                levels.extend(further)
                break
            if name is None:
                self._note_parts(source[4], caller + 1)
                self._note_loop_parts(source[4], caller + 1)
                break
            index = caller
        if origin is None:
            return None
        return origin, frozenset().union(*(others for _, others in levels)), written, tuple(levels)

    def _scaled_origins(self, signature, node: cst.CSTNode) -> dict[str, tuple[Span, int]]:
        """For each count CL101/CL103/CL104 check, _scaled_origin of its argument."""
        if not isinstance(node, cst.Call) or not self.frames or any(a.star for a in node.args):
            return {}
        saved = self.expression_parts, self.expression_loop_parts  # (argument_origin notes them as it goes)
        try:
            found = {name: self._scaled_origin(value, len(self.frames))
                     for name, value in self._arguments_as_selected(signature, node).items() if name in ARGUMENT_PARTS}
        finally:
            self.expression_parts, self.expression_loop_parts = saved
        return {name: origin for name, origin in found.items() if origin is not None}

    def _scaled_origin(self, value: cst.BaseExpression, depth: int) -> tuple[Span, int] | None:
        """A count computed from one number written elsewhere through int(), a factor or a helper of
        one value (`int(in_channels * channel_multiplier)` in a block, `make_divisible(c * scale)` over
        a config's rows), in the layer's call or in a caller's, passed down or bound to a local on the
        way: where that number is written (a call's argument, a row's element, a local's binding) and
        its value. None where no such step is crossed (arg_origins follows a count passed unchanged),
        or the step reads more than one int name."""
        while type(value) is cst.Name and depth:
            frame = self.frames[depth - 1]
            source = frame.arguments.get(value.value)
            if source is not None:
                if not _still_the_argument(frame, value.value, source[2]):
                    return None
                if source[1] is None:  # the caller wrote an expression: the step, in the caller
                    value, depth = frame.computed.get(value.value), depth - 1
                    break
                value, depth = cst.Name(source[1]), depth - 1
                continue
            found = frame.written.get(value.value)  # a local bound once by `name = expression`
            if found is None or frame.names.get(value.value, MISSING) is not found[1] or id(found[0]) in frame.rebinders:
                return None
            value = found[0]
            break
        if value is None or type(value) is cst.Name or not depth:
            return None
        frame = self.frames[depth - 1]
        name = self._scaled_name(value, frame)
        held = frame.names.get(name) if name is not None else None
        if type(held) is not int:
            return None
        source = frame.arguments.get(name)
        if source is not None:
            origin = self._origin_in(cst.Name(name), depth)
            return (origin[2] or origin[0], held) if origin is not None else None
        written = self._written_at(cst.Name(name), frame)
        return (written, held) if written is not None else None

    def _scaled_name(self, value: cst.BaseExpression, frame: Scope) -> str | None:
        """The one int name an expression turns into a count by steps monotone in it: int(), round(),
        the first argument of a helper function whose other arguments are numbers, a product with a
        number or a float name, a quotient by one."""
        kind = type(value)
        if kind is cst.Name:
            return value.value if type(frame.names.get(value.value)) is int else None
        if kind is cst.BinaryOperation and type(value.operator) in (cst.Multiply, cst.Divide, cst.FloorDivide):
            if self._a_factor(value.right, frame):
                return self._scaled_name(value.left, frame)
            if type(value.operator) is cst.Multiply and self._a_factor(value.left, frame):
                return self._scaled_name(value.right, frame)
            return None
        if kind is not cst.Call or type(value.func) is not cst.Name or not value.args \
                or value.args[0].keyword is not None or value.args[0].star:
            return None
        function = self._quietly_bound(value.func.value, frame)
        if function is MISSING and value.func.value in ("int", "round") and len(value.args) == 1:
            return self._scaled_name(value.args[0].value, frame)
        if isinstance(function, LocalFunction) and not any(a.star for a in value.args) \
                and all(self._a_constant(a.value, frame) for a in value.args[1:]):
            return self._scaled_name(value.args[0].value, frame)
        return None

    @staticmethod
    def _a_factor(value: cst.BaseExpression, frame: Scope) -> bool:
        """A number written, or a name holding a float (`channel_multiplier=1.0`): no count of its own."""
        return type(value) in (cst.Integer, cst.Float) \
            or type(value) is cst.Name and type(frame.names.get(value.value)) is float

    @staticmethod
    def _a_constant(value: cst.BaseExpression, frame: Scope) -> bool:
        """A number, None or a flag written, or a name holding one: a helper's setting (`divisor=8`)."""
        return type(value) in (cst.Integer, cst.Float) or type(value) is cst.Name and (
            value.value in ("None", "True", "False") or type(frame.names.get(value.value)) in (int, float, bool))

    def _quietly_bound(self, name: str, scope: Scope | None) -> Any:
        """What a name is bound to in a scope or those it closes over, up to the module's, without
        resolving imports or noting it unresolved; MISSING where none binds it."""
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            if scope is self.module_scope:
                break
            scope = scope.parent
        return MISSING

    def _names_passed_down(self, signature, node: cst.CSTNode, origins: dict) -> dict[str, tuple]:
        """For each argument arg_origins traces, per call on its way (innermost first, as its
        levels): the parameter it binds, the name the caller passed, and the parameters of the
        function called; so a call passing each parameter on under its own name (`DenseBlock(nf,
        gc)` in a block taking nf, gc) tells itself from one that crosses them (`RRDB(gc, nf)`)."""
        if not origins or not isinstance(node, cst.Call):
            return {}
        out = {}
        for argument, value in self._arguments_as_selected(signature, node).items():
            if argument not in origins or not isinstance(value, cst.Name):
                continue
            out[argument] = self._names_passed(value.value)
        return out

    def _names_passed(self, name: str) -> tuple:
        """_names_passed_down of one name the function running reads."""
        chain = []
        index = len(self.frames) - 1
        while index >= 0:
            frame = self.frames[index]
            source = frame.arguments.get(name)
            if source is None or not _still_the_argument(frame, name, source[2]):
                break
            chain.append((name, source[1], frozenset(frame.arguments)))
            index = self._caller_index(index, name)
            name = source[1]
            if name is None:
                break
        return tuple(chain)

    def _note_parts(self, used: tuple, depth: int) -> None:
        """Where the chain stops at an expression its caller wrote (`num_filter * num_stages`):
        each parameter of that caller it reads, with its value and origin, for _layer_argument_parts."""
        if depth == 0:
            return
        frame = self.frames[depth - 1]
        if not all(name in frame.arguments and frame.names.get(name, MISSING) is frame.arguments[name][2]
                   for name in used):
            return  # a name the caller did not get as a written argument (**kwargs, a local): not traced
        self.expression_parts = tuple((name, frame.arguments[name][2], self._origin_in(cst.Name(name), depth))
                                      for name in used)

    def _note_loop_parts(self, used: tuple, depth: int) -> None:
        """_note_parts of an expression that reads the names of a loop of its caller besides its
        parameters (`DenseLayer(in_channels + i * growth_rate, growth_rate) for i in range(n)`):
        each parameter it reads, with its value and origin, for _layer_argument_parts."""
        if depth == 0:
            return
        parts = self._parameter_parts(used, depth)
        if parts is not None:
            self.expression_loop_parts = parts

    def _parameter_parts(self, used, depth: int) -> tuple | None:
        """The names `used` of an expression the function at frames[depth - 1] runs, where some are
        the targets of its loops and the rest parameters it was given and has not rebound: each
        parameter with its value and origin. None where no loop name is read, a name is neither, or
        no parameter is read."""
        frame = self.frames[depth - 1]
        loops = _loop_targets(self.running_functions[depth - 1][0], self.walk_cache)
        given = [name for name in used
                 if name in frame.arguments and frame.names.get(name, MISSING) is frame.arguments[name][2]]
        looped = [name for name in used if name not in given and name in loops]
        if not given or not looped or len(given) + len(looped) != len(used):
            return None
        parts = tuple((name, frame.arguments[name][2], self._origin_in(cst.Name(name), depth)) for name in given)
        return parts if all(origin is not None for _, _, origin in parts) else None

    def call_lambda(self, function: LocalLambda, args: list, kwargs: dict, node: cst.CSTNode,
                    unknown_rest: bool = False) -> Any:
        if self.depth >= MAX_CALL_DEPTH:
            self.unresolved(node, "calls nest too deeply (recursion?)")
            return Unknown("recursion too deep")
        scope = Scope(function.scope)
        # a call site and a frame as a def's call has (`norm(planes)` of a norm factory held as a
        # lambda): a layer the body builds is blamed where its count is passed, and the lambda's
        # parameters are not taken for the caller's names of the same spelling
        expressions = self._argument_expressions(function.node.params, node, len(args))
        sources, passed_updates = self._sources_of(expressions), self._updates_passed(expressions)
        site = self.span(node)
        previous = self._enter_module(function.scope)
        self.depth += 1
        self.call_sites.append(site)
        self.frames.append(scope)
        self.running_functions.append((function.node, self.speculation))
        try:
            self._bind_parameters(function.node.params, args, kwargs, scope, unknown_rest)
            scope.arguments = {name: (span, passed, scope.names.get(name), written, used)
                               for name, (span, passed, written, used) in sources.items()}
            scope.updates_passed = passed_updates
            return self.eval(function.node.body, scope)
        finally:
            self.depth -= 1
            self.call_sites.pop()
            self.frames.pop()
            self.running_functions.pop()
            self._leave_module(previous)

    def _bind_parameters(self, params: cst.Parameters, args: list, kwargs: dict, scope: Scope,
                         unknown_rest: bool) -> bool:
        """Binds the call's arguments to the parameters; whether the call fits them (False: Python
        raises TypeError on a positional argument past the last parameter or a keyword none takes,
        as on `B(32, 8, 1, 2)` of a class the file defines again with fewer parameters)."""
        positional = [*params.posonly_params, *params.params]
        fits = unknown_rest or (len(args) <= len(positional) or isinstance(params.star_arg, cst.Param)) and (
            isinstance(params.star_kwarg, cst.Param)
            or set(kwargs) <= {p.name.value for p in (*params.params, *params.kwonly_params)})
        kwargs = dict(kwargs)
        for index, param in enumerate(positional):
            name = param.name.value
            if index < len(args):
                scope.names[name] = args[index]
            elif name in kwargs:
                scope.names[name] = kwargs.pop(name)
            elif unknown_rest:
                scope.names[name] = Unknown(f"{name} may come from *args/**kwargs")
            elif param.default is not None:
                scope.names[name] = self.eval(param.default, scope.parent)
            else:
                scope.names[name] = Unknown(f"{name} was not given")
        extra = args[len(positional):]
        if isinstance(params.star_arg, cst.Param):
            scope.names[params.star_arg.name.value] = (
                Unknown("*args not known statically") if unknown_rest else tuple(extra)
            )
        for param in params.kwonly_params:
            name = param.name.value
            if name in kwargs:
                scope.names[name] = kwargs.pop(name)
            elif unknown_rest:
                scope.names[name] = Unknown(f"{name} may come from **kwargs")
            elif param.default is not None:
                scope.names[name] = self.eval(param.default, scope.parent)
            else:
                scope.names[name] = Unknown(f"{name} was not given")
        if params.star_kwarg is not None:
            scope.names[params.star_kwarg.name.value] = Unknown("**kwargs not known") if unknown_rest else kwargs
        return fits

    def _bag_method(self, bag: AttributeBag, name: str, args: list, kwargs: dict) -> Any:
        """A configuration object's methods: a copy, a read, a freeze; any other may change it."""
        if name in ("clone", "copy") and not args:
            return copied_bag(bag)
        if name == "get" and args and isinstance(args[0], str):
            return bag.attrs[args[0]] if args[0] in bag.attrs else (
                Unknown(bag.spoiled) if bag.spoiled else args[1] if len(args) > 1 else kwargs.get("default"))
        if name in BAG_METHODS_KEEPING:
            return None
        if self.journals:
            self.note_change(bag)
        spoil_bag(bag, f"changed by {bag.kind}.{name}()")
        return Unknown(f"{bag.kind}.{name}()")

    def _call_method(self, method: MethodOf, args: list, kwargs: dict, node: cst.CSTNode,
                     unknown_rest: bool = False) -> Any:
        receiver, name = method.receiver, method.name
        if isinstance(receiver, SuperProxy):
            if name == "__init__":
                cls = receiver.after
                if isinstance(receiver.receiver, ModuleNode):
                    self._torch_base_init(receiver.receiver, cls, args, kwargs, node, unknown_rest)
                elif isinstance(receiver.receiver, Instance):
                    base = next((c for c in cls.mro()[1:] if _is_dataclass(c)), None)
                    if base is not None:
                        self._dataclass_init(base, receiver.receiver, args, kwargs, False)
                return None
            if name == "forward" and isinstance(receiver.receiver, ModuleNode):
                result = self._torch_base_forward(receiver.receiver, args, node)
                if result is not None:
                    return result
            self.unresolved(node, f"super().{name}() of a torch class is not followed")
            return Unknown(f"super().{name}()")
        if isinstance(receiver, ModuleNode):
            return self._module_method(receiver, name, args, kwargs, node)
        if _modules_alternatives(receiver) and name in ALTERNATIVE_CHILD_METHODS and not args and not kwargs:
            # `resnet.children()` of one of several backbones: each one's, joined item by item
            return _items_joined([self.iterate(self._module_method(choice, name, [], {}, node))
                                  for choice in receiver.choices])
        if isinstance(receiver, AutogradContext):
            return None  # kept for backward(); changes nothing forward computes
        if isinstance(receiver, AttributeBag):
            return self._bag_method(receiver, name, args, kwargs)
        if isinstance(receiver, NamedRecord) and name in RECORD_METHODS:
            return record_method(receiver, name, args, kwargs)
        if isinstance(receiver, RecordType) and name == "_make":  # `Meta._make([3, 16])`: every field, no default
            items = self.iterate(args[0]) if len(args) == 1 and not kwargs else None
            return receiver.instance(items) if items is not None and len(items) == len(receiver.fields) \
                else Unknown(f"{receiver.name}._make of these arguments")
        if isinstance(receiver, distributions.Distribution):
            return distributions.method(receiver, name, args, kwargs)
        if isinstance(receiver, argparse_model.ArgumentParser):
            return argparse_model.parser_method(receiver, name, args, kwargs, self.span(node))
        if isinstance(receiver, Tensor) and name in IN_PLACE_SHAPE_METHODS:
            return self._reshaped_in_place(receiver, name, args, kwargs, node)
        if isinstance(receiver, Tensor):
            with self._shape_lost_is_listed(node, f"x.{name}", [receiver, *args, *kwargs.values()]) as held:
                held.append(tensor_ops.tensor_method(self, receiver, name, args, kwargs, node))
            return held[0]
        if isinstance(receiver, KnownTensor):
            return tensor_ops.known_method(self, receiver, name, args, kwargs, node)
        if isinstance(receiver, Unknown) and name == "permute":  # a tensor nothing was known of
            return tensor_ops.tensor_method(self, tensor_ops.unknown_tensor(receiver.why), name, args, kwargs, node)
        if isinstance(receiver, list):
            if name in LIST_MUTATORS:
                self._literal_notes_dropped(receiver)  # (its items no longer those the literal wrote)
            if name == "append" and len(args) == 1 and not kwargs:
                receiver.append(args[0])
                return None
            if name == "extend" and len(args) == 1 and not kwargs and self.iterate(args[0]) is not None:
                receiver.extend(self.iterate(args[0]))
                return None
            if name == "insert" and len(args) == 2 and not kwargs and isinstance(args[0], int):
                receiver.insert(args[0], args[1])
                return None
            if name == "pop" and not kwargs and len(args) <= 1 and all(type(a) is int for a in args) \
                    and (-len(receiver) <= args[0] < len(receiver) if args else receiver):
                return receiver.pop(*args)
            if name in ("index", "count") and len(args) == 1:
                try:
                    return getattr(receiver, name)(args[0])
                except ValueError:
                    return Unknown(name)
            if name in ("copy", "reverse", "clear", "sort") and not args:
                return _list_method(receiver, name, kwargs)
            if name in LIST_MUTATORS:
                # `layers.extend(helper(...))` of items not known, `pop(i)` of an index not known: what the
                # list holds is no longer known (its caller forgets it), never the list left as it was
                return LIST_CHANGE_NOT_FOLLOWED
        if isinstance(receiver, argparse_model.OptionsView) and name in DICT_MUTATORS:
            return self._options_view_method(receiver, name, args, kwargs, node)
        if isinstance(receiver, dict):
            if name == "copy" and not args and not kwargs:
                return dict(receiver)
            if name == "items":
                return list(receiver.items())
            if name == "keys":
                return list(receiver.keys())
            if name == "values":
                return list(receiver.values())
            if name == "get" and args and hashable(args[0]):
                return receiver.get(args[0], args[1] if len(args) > 1 else None)
            if name == "update" and len(args) <= 1 and (not args or isinstance(args[0], dict)):
                receiver.update(*args, **kwargs)
                return None
            if name == "pop" and args and hashable(args[0]):
                return receiver.pop(args[0], args[1] if len(args) > 1 else Unknown("pop"))
            if name == "setdefault" and 1 <= len(args) <= 2 and not kwargs and hashable(args[0]):
                return receiver.setdefault(*args)
            if name == "clear" and not args and not kwargs:
                receiver.clear()
                return None
            if name in DICT_MUTATORS:
                # `config.update(yaml.safe_load(f))`: what the dict holds is no longer known (its
                # caller forgets it), never the dict left as it was
                return LIST_CHANGE_NOT_FOLLOWED
        if isinstance(receiver, ModuleGlobals):
            return self._globals_method(receiver, name, args, kwargs, node)
        if isinstance(receiver, NumpyScalar) and name == "astype" and len(args) == 1 and not kwargs:
            # np.ceil(n).astype(int): n as an int, whichever numpy's type it was; as a float, n.0
            kind = _numpy_type_named(args[0])
            return int(receiver.value) if kind == "int" else float(receiver.value) if kind == "float" \
                else Unknown(f"astype of {args[0]!r}")
        if _numpy_scalar_like(receiver) and name == "astype" and len(args) == 1 and not kwargs:
            # a number astype() is called on is numpy's (a conv-size helper's
            # `np.floor((size - k) / s + 1).astype(int)`): the cast to int truncates as int() does
            kind = _numpy_type_named(args[0])
            if isinstance(receiver, float) and not math.isfinite(receiver):
                return Unknown("astype of a float that is not finite")
            if kind == "int":
                from convlint.evaluator.builtins import int_of
                return int_of(self, receiver)
            return float(receiver) if kind == "float" and type(receiver) in (int, float) \
                else Unknown(f"astype of {args[0]!r}")
        if type(receiver) in (int, float) and name in NUMBER_METHODS and not args and not kwargs \
                and hasattr(receiver, name):
            return getattr(receiver, name)()  # `out_size.bit_length() - 4`: how many doublings a size takes
        if isinstance(receiver, str) and name == "format" and any(
                isinstance(a, Sym) for a in (*args, *kwargs.values())):
            pattern = name_patterns.formatted(receiver, args, kwargs)  # 'conv-{0}-{1}'.format(ndf, ndf * 2)
            if pattern is not None:
                return pattern
        if isinstance(receiver, (str, tuple)) and name in PURE_METHODS and all(
                isinstance(a, (str, int, float, tuple, list)) for a in (*args, *kwargs.values())):
            try:
                return getattr(receiver, name)(*args, **kwargs)
            except Exception:
                return Unknown(name)
        return Unknown(f"method {name} not known statically")

    def _options_view_method(self, view: "argparse_model.OptionsView", name: str, args: list, kwargs: dict,
                             node: cst.CSTNode) -> Any:
        """`vars(args).update({...})`, `args.__dict__.setdefault(...)`: options set by the names
        given; any other change, or names not known, leaves every option unknown."""
        namespace = view.namespace
        if self.journals:
            self.note_change(namespace)
        given = args[0] if len(args) == 1 else {}
        if name == "update" and len(args) <= 1 and isinstance(given, dict) \
                and all(isinstance(key, str) for key in given):
            for key, value in {**given, **kwargs}.items():
                argparse_model.set_option(namespace, key, value, self.span(node))
            return None
        if name == "setdefault" and 1 <= len(args) <= 2 and not kwargs and isinstance(args[0], str):
            if args[0] not in namespace.attrs:
                argparse_model.set_option(namespace, args[0], args[1] if len(args) > 1 else None, self.span(node))
            return namespace.attrs[args[0]]
        argparse_model.spoil(namespace, f"the options are changed on line {self.span(node).line} "
                                        "in a way not followed")
        return Unknown(f"{name} of the options")

    def _globals_method(self, namespace: ModuleGlobals, name: str, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """`globals().update({...})`, `.update(name=...)`, `.setdefault(name, value)`, `.get(name)`."""
        if name == "update" and len(args) <= 1 and (not args or isinstance(args[0], dict)):
            for key, value in {**(args[0] if args else {}), **kwargs}.items():
                if isinstance(key, str):
                    bind(namespace.unit, key, value, node)
            return None
        if name in ("__setitem__", "setdefault") and len(args) == 2 and isinstance(args[0], str):
            present = self.global_value_of(namespace.unit, args[0])
            if name == "setdefault" and present is not MISSING:
                return present
            bind(namespace.unit, args[0], args[1], node)
            return args[1] if name == "setdefault" else None
        if name == "get" and args and isinstance(args[0], str):
            found = self.global_value_of(namespace.unit, args[0])
            return (args[1] if len(args) > 1 else None) if found is MISSING else found
        return Unknown(f"globals().{name}() not followed")

    def global_value_of(self, unit: Scope, name: str) -> Any:
        """A module's name (MISSING when it has none), read from any module, imports followed."""
        found = self._global_in(unit, name)
        return self._resolve_import(found) if isinstance(found, Deferred) else found

    def _module_method(self, module: ModuleNode, name: str, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        if name in ("add_module", "register_module", "__setattr__") and len(args) == 2 and isinstance(args[0], str) \
                and not any(name_patterns.may_be_same(args[0], pattern) for pattern in _name_patterns(module).values()):
            in_order = _children_in_order(module) if name != "__setattr__" else None
            self.set_attribute(module, args[0], args[1])
            if in_order is not None and module.incomplete:
                # `seq.add_module("down1", backbone[1])` of a module not known: torch still holds it
                # in its place, and len() and the order count it
                module.members = in_order if args[0] in in_order else (*in_order, args[0])
            return None
        if name in ("add_module", "register_module") and len(args) == 2 and not kwargs \
                and isinstance(args[0], name_patterns.NamePattern) and self._add_under_pattern(module, *args):
            return None
        if name == "__getattr__" and len(args) == 1 and isinstance(args[0], str):
            return self.attribute(module, args[0])
        if name in ("__setattr__", "__getattr__"):  # a name not known: which attribute is not known either
            if name == "__setattr__":
                self.forget_attributes(module)
            self.unresolved(node, f"{name} with a name not known statically")
            return None if name == "__setattr__" else Unknown(f"{name} with a name not known")
        if name in ("add_module", "register_module"):  # a name not known: which child it adds or replaces is not
            module.incomplete, module.members = True, ()
            self.unresolved(node, f"{name} with a name not known statically: the modules of {module.label} are not known")
            return None
        if name in ("append",) and len(args) == 1:
            self._append_child(module, args[0])
            return module
        if name == "extend" and len(args) == 1 and self.iterate(args[0]) is not None:
            for child in self.iterate(args[0]):
                self._append_child(module, child)
            return module
        if name == "insert" and len(args) == 2 and isinstance(args[0], int) \
                and 0 <= args[0] <= len(module.children) and not module.members:
            items = list(module.children.values())
            items.insert(args[0], args[1])
            module.children.clear()
            for index, child in enumerate(items):  # torch renumbers what follows the insertion
                self._add_child(module, str(index), child)
            return module
        if module.record is not None and module.record.type == "FloatFunctional" and name in FLOAT_FUNCTIONAL:
            # `self.skip_add.add_relu(out, identity)`: the op it names (relu keeps the shape)
            result = tensor_ops.call_ref(self, FLOAT_FUNCTIONAL[name], args, kwargs, node)
            if name == "add_relu":
                result = tensor_ops.call_ref(self, "torch.relu", [result], {}, node)
            observer = module.children.get("activation_post_process")
            return self.call_module(observer, [result], {}, node) if isinstance(result, Tensor) and observer else result
        if _container_kind(module) == "ModuleDict" and name in ("update", "__setitem__"):
            pairs = _module_dict_pairs(args if name == "update" else [[tuple(args)]], kwargs)
            if pairs is not None:  # torch: `self[key] = module` for each pair, in order
                for key, child in pairs:
                    self._add_child(module, key, child)
                return None
        if name in CONTAINER_MUTATORS:
            module.incomplete, module.members = True, ()  # changed in a way not followed: its children are no longer known
            return Unknown(f"module method {name}")
        if name == "forward":
            return self.call_module(module, args, kwargs, node)
        if name in ("items", "values", "keys") and _container_kind(module) == "ModuleDict":
            held = list(module.children.items())
            if module.incomplete:  # one of several modules under some keys: each, as that one; else not known
                members = _members_in_order(module)
                if members is None or any(child is None and not _modules_alternatives(module.attrs.get(key))
                                          for key, child in members):
                    return Unknown(f"{name}() of a ModuleDict whose modules are not known")
                held = [(key, child if child is not None else module.attrs[key]) for key, child in members]
            if name == "keys":
                return [key for key, _ in held]
            if name == "values":
                return [child for _, child in held]
            return held
        if name in ("children", "named_children", "modules", "named_modules"):
            return _submodules(module, name)
        if name in ("parameters", "named_parameters"):
            return self._parameters(module, name, args, kwargs, node)
        if name in ("buffers", "named_buffers", "get_parameter", "get_buffer", "state_dict"):
            self.unresolved(node, f"module.{name}() is not followed: the tensors it gives are unknown")
        if name in ("eval", "train", "to", "cuda", "cpu", "float", "double", "half", "requires_grad_"):
            return module
        if name in ("register_buffer", "register_parameter"):
            return self._register(module, name, args, kwargs)
        if name == "apply" and len(args) + len(kwargs) == 1 and set(kwargs) <= {"fn"}:
            return self._apply_to_each_module(module, args[0] if args else kwargs["fn"], node)
        if name in ("zero_grad", "flatten_parameters"):
            return None
        if name == "_conv_forward" and isinstance(module.base, ConvRecord) and not module.base.transposed:
            # `self._conv_forward(self.pad(x), self.weight, self.bias)` in a conv subclass: F.convNd
            # with the given weight and the layer's own stride, padding, dilation and groups
            layer = {key: module.attrs.get(key, getattr(module.base, key))  # (a bool kept as torch holds it)
                     for key in ("stride", "padding", "dilation", "groups")}
            return tensor_ops.call_ref(self, f"torch.nn.functional.conv{module.base.ndim}d", list(args[:3]),
                                       {**kwargs, **layer}, node)
        return Unknown(f"module method {name}")

    def _apply_to_each_module(self, module: ModuleNode, fn: Any, node: cst.CSTNode) -> ModuleNode:
        """module.apply(fn) as torch runs it: `for child in self.children(): child.apply(fn)`, then
        `fn(self)`, so a function that makes a backbone dilated (`m.stride = (1, 1)` on each conv)
        leaves the layers forward runs. A fn not followed may change any layer under the module:
        none keeps the attributes forward reads."""
        if not _followable_callable(fn):
            why = "module.apply() of a function not known statically: the layers under it may be changed"
            self.unresolved(node, why)
            self._forget_layer_attributes([module], torch_api.FORWARD_READ_ATTRIBUTES, why)
            return module
        if _only_initialises(fn):
            return module  # (weights drawn again change no shape: not run on every submodule of every model)
        running: set[int] = set()

        def visit(each: ModuleNode) -> None:
            running.add(id(each))  # (a module holding itself would recurse in torch too: not again here)
            seen: set[int] = set()  # children() gives a child held under two names once
            for child in list(each.children.values()):
                if isinstance(child, ModuleNode) and id(child) not in seen and id(child) not in running:
                    seen.add(id(child))
                    visit(child)
            running.discard(id(each))
            self.call(fn, [each], {}, node)

        visit(module)
        return module

    def _parameters(self, module: ModuleNode, method: str, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """module.parameters(recurse=True) / named_parameters(prefix='', recurse=True): a tensor per
        parameter, as torch registers them (module_parameters); unknown, and said so, where a
        module's parameters or their shapes are not known."""
        names = ("recurse",) if method == "parameters" else ("prefix", "recurse")
        given = {**dict(zip(names, args)), **kwargs}
        recurse, prefix = given.get("recurse", True), given.get("prefix", "")
        modules = _submodules(module, "named_modules") if recurse is True else [("", module)]
        found = None
        if len(args) <= len(names) and set(given) <= set(names) and isinstance(recurse, bool) \
                and isinstance(prefix, str) and not isinstance(modules, Unknown):
            found = module_parameters.named_parameters(modules)
        if found is None:
            self.unresolved(node, f"module.{method}() of a module whose parameters' shapes are not all known: "
                                  "the tensors it gives are unknown")
            return Unknown(f"module.{method}() not known statically")
        if method == "parameters":
            return module_parameters.Generated([tensor for _, tensor in found])
        return module_parameters.Generated([(f"{prefix}.{name}" if prefix else name, tensor) for name, tensor in found])

    def _register(self, module: ModuleNode, method: str, args: list, kwargs: dict) -> None:
        """register_parameter(name, param) counts as `self.name = param` does; register_buffer(name,
        tensor) makes an attribute, never a parameter. A parameter under a name not known leaves
        the module's counts unknown."""
        key = "param" if method == "register_parameter" else "tensor"
        name = args[0] if args else kwargs.get("name")
        value = args[1] if len(args) > 1 else kwargs.get(key)
        if not isinstance(name, str):
            if method == "register_parameter":
                self.forget_attributes(module)
            return None
        if method == "register_buffer" and isinstance(value, Tensor) and value.parameter:
            value = replace(value, parameter=False)  # a buffer is no parameter, whatever it was made as
        if method == "register_parameter" and not (value is None or isinstance(value, Tensor) and value.parameter):
            self.forget_attributes(module)  # torch refuses what is not a Parameter; a value not known
            return None
        if not (isinstance(value, (Tensor, KnownTensor)) or value is None):
            value = Tensor(Shape(None), f"the buffer {name}")  # torch takes only a tensor or None
        self.set_attribute(module, name, value)
        return None

    def next_call(self) -> int:
        self.calls_started += 1
        return self.calls_started

    def forward_of(self, module: ModuleNode, node: cst.CSTNode | None = None) -> tuple[Any, LocalClass | None]:
        """What calling a module of a class of the code runs, and the class it was found on: a
        forward its __init__ binds on the instance (`self.forward = self._forward_impl`, which torch's
        __call__ runs in place of the class's) where that is a method of its class; any other value
        so bound (a lambda, a function passed in, one of two methods) is not followed: an Unknown,
        said in -v, and the layers under it are taken as used. Else the class's forward."""
        bound = module.attrs.get("forward", MISSING)
        if bound is MISSING:
            return module.cls.forward_method(), module.cls.forward_owner()
        if isinstance(bound, BoundMethod) and bound.receiver is module and isinstance(bound.function, LocalFunction) \
                and not bound.function.kind and isinstance(bound.owner, LocalClass) \
                and bound.owner in module.cls.mro() and any(f is bound.function for f in bound.owner.namespace.values()):
            return bound.function, bound.owner
        why = f"{module.cls.name}: the forward its __init__ sets (self.forward = ...) is not followed"
        if self.analysis is not None:
            self.unresolved(node if node is not None else module.cls.node.name, why)
            self.analysis.touched.update(id(m) for m in _subtree(module))
        return Unknown(why), None

    def _class_forward_not_followed(self, module: ModuleNode, owner: LocalClass | None, node: cst.CSTNode) -> None:
        """`forward = make_forward()` or a lambda in the class body: what it binds is not followed, so
        it is listed, and the layers under the module may all be used."""
        if owner is None or self.analysis is None:
            return  # (a forward its __init__ binds: forward_of has said so)
        self.unresolved(node, f"{module.cls.name}: the forward its class body binds (forward = ...) is not followed")
        self.analysis.touched.update(id(m) for m in _subtree(module))

    def call_module(self, module: ModuleNode, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """Apply a module in forward(): its shape rule, its own forward, or its children in order."""
        if module.cls is None and isinstance(module.record, ContainerRecord) \
                and module.record.type in PARALLEL_WRAPPERS.values():
            return self._call_parallel_wrapper(module, args, kwargs, node)
        if not isinstance(module.cls, LocalClass) and not args and "input" in kwargs:
            # torch's layers name their forward argument `input`: self.unpool(input=x, indices=i)
            kwargs = dict(kwargs)
            args = [kwargs.pop("input")]
        tensor_ops.spoil_known(args, {})  # nn.ReLU(inplace=True) writes into its input
        args = [tensor_ops.shape_only(a) for a in args]
        tensor = next((a for a in args if isinstance(a, Tensor)), None)
        if tensor is None and args and isinstance(args[0], Unknown):
            # the result of something not modelled (torch.max, unbind...): still a call, whose
            # shapes and costs are unknown, not a layer forward() never reaches
            tensor = Tensor(Shape(None), "a value not known statically")
        span = self.span(node)
        start = self.next_call()
        if isinstance(module.cls, LocalClass):
            forward, owner = self.forward_of(module, node)
            self.call_depth += 1
            self.running.append(module)
            try:
                if isinstance(forward, LocalFunction):
                    result = self.call_function(forward, [module, *args], kwargs, node, owner=owner)
                elif isinstance(forward, Unknown):
                    result = Tensor(Shape(None), module.label) if tensor is not None else forward
                    self._class_forward_not_followed(module, owner, node)
                elif (tensor is not None or _tensors(args[0] if args else None)) and (base := self._torch_base_forward(
                        module, [tensor, *args[1:]] if args and args[0] is not tensor and isinstance(args[0], Unknown)
                        else args, node)) is not None:
                    result = base
                else:
                    result = Tensor(Shape(None), module.label) if tensor is not None else Unknown("no forward")
                    if forward is not MISSING:
                        self._class_forward_not_followed(module, owner, node)
                    elif tensor is not None and surely_without_forward(module.cls):
                        # torch raises NotImplementedError: recorded for CL113
                        tensor_ops._record_op(self, TensorOp(
                            NO_FORWARD_OP, (tensor,), result, span,
                            f'Module [{module.cls.name}] is missing the required "forward" function',
                            {"node": module, "class": module.cls.name,
                             "class_span": module.cls.scope.parsed.span_of(module.cls.node.name)}))
                    elif self.analysis is not None:
                        # no forward in its classes, yet code may set one (`Block.forward = lambda ...`)
                        # or a base not read may hold it: what runs is not known, nor which layers
                        self.unresolved(node, f"{module.cls.name}: no forward() in its classes, and what "
                                              "its call runs (a forward set elsewhere) is not followed")
                        self.analysis.touched.update(id(m) for m in _subtree(module))
            finally:
                self.call_depth -= 1
                self.running.pop()
            if (tensor is not None or isinstance(result, (Tensor, KnownTensor)) or _tensors(args[0] if args else None)) \
                    and self.analysis is not None:
                # a forward returning a fresh buffer (`out = torch.zeros(b, hid, t, h, w)` filled in a
                # loop) gives a tensor of known values: its shape is the module's output
                shaped = tensor_ops.shape_only(result)
                output = shaped if isinstance(shaped, Tensor) else Tensor(Shape(None), module.label)
                arriving = tensor if tensor is not None else Tensor(Shape(None), "a list of tensors")
                # a subclass of a torch layer (`class StdConv(nn.Conv2d)`) whose base forward ran on the
                # tensor that arrived (no forward of its own, or `return super().forward(x)` of an x
                # unchanged) is checked as that layer; one that changes x first (CoordConv) is not
                ran_on = self.base_forward_inputs.pop(id(module), None)
                self.analysis.calls.append(LayerCall(module, arriving, output, span, self.call_depth, start,
                                                     layer=module.base if ran_on is tensor is not None else None))
            return result
        if module.record.type == "Sequential" and (tensor is not None or _tensors(args[0] if args else None)):
            self.call_depth += 1
            try:  # a tuple goes through as one value: `x, prev = self.cells((x, prev))` (NASNet cells)
                result = self._sequential(module, tensor if tensor is not None else args[0], node)
            finally:
                self.call_depth -= 1
            if self.analysis is not None:
                shaped = tensor_ops.shape_only(result)
                output = shaped if isinstance(shaped, Tensor) else Tensor(Shape(None), module.label)
                arriving = tensor if tensor is not None else next(v for v in args[0] if isinstance(v, Tensor))
                self.analysis.calls.append(LayerCall(module, arriving, output, span, self.call_depth, start))
            return result
        if tensor is None:  # `self.conv(inp=x)`, a layer given a list: torch's forward is not followed
            self.unresolved(node, f"{module.label} called without a tensor: its output is unknown")
            return Unknown(f"{module.label} called without a tensor")
        if isinstance(module.record, ModelRecord) and module.cls is None:  # a bare nn.Module(): torch raises
            self.unresolved(node, f"{module.label}: a bare nn.Module() has no forward")
            return Tensor(Shape(None), module.label)
        if module.record.type == "FloatFunctional":  # torch raises: only its methods are meant to be called
            self.unresolved(node, f"{module.label}: a FloatFunctional called itself, not one of its methods")
            return Tensor(Shape(None), module.label)
        if isinstance(module.record, RecurrentRecord):  # forward(input, hx=None): the states are not judged
            arriving = args[0] if args and isinstance(args[0], Tensor) else Tensor(Shape(None), "a value not known")
            return tensor_ops.apply_layer(self, module, arriving, span, start)
        if isinstance(module.record, AttentionRecord):  # forward(query, key, value, ...): (output, weights)
            return tensor_ops.apply_attention(self, module, args, kwargs, node, span, start)
        if isinstance(module.record, TransformerRecord):  # its sublayers in torch's order
            return tensor_ops.apply_transformer(self, module, args, kwargs, node, span, start)
        if isinstance(module.record, MaxUnpoolRecord):  # forward(input, indices, output_size=None)
            arriving = args[0] if args and isinstance(args[0], Tensor) else Tensor(Shape(None), "a value not known")
            indices = args[1] if len(args) > 1 else kwargs.get("indices")
            output_size = args[2] if len(args) > 2 else kwargs.get("output_size")
            return tensor_ops.apply_layer(self, module, arriving, span, start, output_size=output_size,
                                          indices=indices)
        if field_of(module.record, "transposed", False) and ("output_size" in kwargs or len(args) > 1):
            output_size = kwargs["output_size"] if "output_size" in kwargs else args[1]
            return tensor_ops.apply_layer(self, module, tensor, span, start, output_size=output_size)
        return tensor_ops.apply_layer(self, module, tensor, span, start)

    def _call_parallel_wrapper(self, module: ModuleNode, args: list, kwargs: dict, node: cst.CSTNode) -> Any:
        """nn.DataParallel / DistributedDataParallel: on the CPU or one device its forward runs
        `self.module` on the inputs as given, so the output is the wrapped module's."""
        inner = module.children.get("module")
        start = self.next_call()
        self.call_depth += 1
        try:
            result = self.call_module(inner, args, kwargs, node)
        finally:
            self.call_depth -= 1
        arriving = next((a for a in args if isinstance(a, Tensor)), None)
        if self.analysis is not None and (arriving is not None or isinstance(result, (Tensor, KnownTensor))):
            shaped = tensor_ops.shape_only(result)
            output = shaped if isinstance(shaped, Tensor) else Tensor(Shape(None), module.label)
            arriving = tensor_ops.shape_only(arriving) if arriving is not None \
                else Tensor(Shape(None), "a value not known statically")
            self.analysis.calls.append(LayerCall(module, arriving, output, self.span(node), self.call_depth, start))
        return result

    def _torch_base_forward(self, module: ModuleNode, args: list, node: cst.CSTNode) -> Any:
        """forward() of the torch class a local module derives from (no forward of its own, or
        `super().forward(x)`): a Sequential runs its children, a layer its shape rule."""
        tensor = next((a for a in args if isinstance(a, Tensor)), None)
        if tensor is None and len(args) == 1 and _tensors(args[0]) \
                and module.attrs.get("__container__") == "Sequential":
            # a pair through a Sequential subclass, `super().forward((x1, x2))` or a block of layers
            # that take and give `(x, skip)` (DexiNed's dense block): one value, child to child
            return self._sequential(module, args[0], node)
        if tensor is None and len(args) == 1 and isinstance(args[0], Unknown):
            # `img, mask = x` of an input not followed, then `super().forward(img)`: a tensor of
            # unknown shape, as a plain layer takes it, so that its width still reaches what follows
            tensor = Tensor(Shape(None), "a value not known statically")
            args = [tensor]
        if tensor is None:
            return None
        if module.attrs.get("__container__") == "Sequential":
            return self._sequential(module, tensor, node)
        if module.base is not None and len(args) == 1:
            if not self._private_base_runs(module, tensor, node):
                return None
            if module.forward_refuses is not None:  # F.conv2d(x, ..., self.dilation) of (False, False)
                module.problem = module.forward_refuses
            self.base_forward_inputs[id(module)] = tensor
            if module.replaced:  # weight_norm of a conv subclass: the base's forward reads the weight
                from convlint.evaluator.reparametrize import record_parametrizations

                record_parametrizations(self, module, self.span(node), self.call_depth)
            return tensor_ops.layer_output(self, module, module.base, tensor)[1]
        return None

    def _private_base_runs(self, module: ModuleNode, tensor: Tensor, node: cst.CSTNode) -> bool:
        """Whether the forward of a private torch base (`_BatchNorm`) runs on the tensor, as torch's
        does: _ConvNd and _NormBase have none; _BatchNorm and _InstanceNorm first call the subclass's
        _check_input_dim, which raises NotImplementedError until the subclass writes one, and
        _InstanceNorm reads its channels' dim from _get_no_batch_dim. What is not decided is listed."""
        private = next((name for base in module.cls.torch_bases()
                        if (name := private_layer_base(base.qualified)) is not None), None) \
            if isinstance(module.cls, LocalClass) else None
        if private is None:
            return True
        needed = ("_check_input_dim", "_get_no_batch_dim") if private == "_InstanceNorm" else ("_check_input_dim",)
        if private not in PRIVATE_BASES_WITH_FORWARD:
            self.unresolved(node, f"{module.label}: {private} has no forward, and neither has its subclass")
            return False
        results = []
        for name in needed:
            method = module.cls.lookup(name)
            if not isinstance(method, LocalFunction):
                self.unresolved(node, f"{module.label}: {private}'s forward calls {name}, which its subclass "
                                      "does not define")
                return False
            arguments = [module, tensor] if name == "_check_input_dim" else [module]  # as torch's forward calls them
            results.append(self.call_function(method, arguments, {}, node, owner=_owner_of(module.cls, name)))
        if results[0] is RAISES:
            self.unresolved(node, f"{module.label}: its _check_input_dim refuses the input {tensor.shape}")
            return False
        if private == "_InstanceNorm":
            batchless = results[1]
            if not (isinstance(batchless, int) and not isinstance(batchless, bool) and batchless >= 2):
                self.unresolved(node, f"{module.label}: the rank its _get_no_batch_dim gives is not known")
                return False
            module.base = module.base.model_copy(update={"ndim": batchless - 1})  # InstanceNorm2d's is 3
        return True

    def _sequential(self, module: ModuleNode, tensor: Tensor, node: cst.CSTNode) -> Any:
        members = _members_in_order(module)
        if members is not None:
            return self._sequential_with_unknown_members(module, members, tensor, node)
        if module.incomplete:
            if self.analysis is not None:  # the known children may run: used, at unknown cost
                self.analysis.touched.update(id(c) for c in module.children.values() if c is not None)
            self.unresolved(node, f"{module.label}: some of its modules are not known statically, so its output is unknown")
            return Tensor(Shape(None), module.label)  # some children are not known: neither is the output
        value: Any = tensor
        for name, child in module.children.items():
            if child is None:  # torch calls it too and stops: 'NoneType' object is not callable
                self.unresolved(node, f"{module.label}.{name} is None (a default its callers replace?): "
                                      "not followed past it")
                return Tensor(Shape(None), module.label)
            value = self.call_module(child, [value], {}, node)
            if not isinstance(value, (Tensor, KnownTensor)) and not _tensors(value):
                return Tensor(Shape(None), child.label)
        return value

    def _sequential_with_unknown_members(self, module: ModuleNode, members: list, tensor: Tensor,
                                         node: cst.CSTNode) -> Any:
        """A Sequential whose list held values not known statically (`norm_layer(c)` of a callable
        passed in): the known modules run as torch runs them; what an unknown one gives is unknown
        (a callable applied to a width need not keep the shape), so those after it see no shape."""
        value: Any = tensor
        for name, child in members:
            if child is None and _modules_alternatives(chosen := module.attrs.get(name)):
                # one of several modules, by a condition not known statically: each followed, what they agree on kept
                value = self._call_alternatives(chosen, [value], {}, node)
                if not isinstance(value, (Tensor, KnownTensor)):
                    return Tensor(Shape(None), f"{module.label}.{name}")
                continue
            if child is None:
                self.unresolved(node, f"{module.label}.{name} is not known statically"
                                      f"{_made_by_an_argument(module.attrs.get(name))}: its output is unknown")
                value = Tensor(Shape(None), f"{module.label}.{name}")
                continue
            value = self.call_module(child, [value], {}, node)
            if not isinstance(value, (Tensor, KnownTensor)) and not _tensors(value):
                return Tensor(Shape(None), child.label)
        return value


# --------------------------------------------------------------------- pure helpers
def _made_by_an_argument(value: Any) -> str:
    """`, made by activation(), an argument nothing gives (...)`: why a module is not known, where
    a required argument called (`activation: Type[nn.Module]`) made it; else nothing."""
    if not isinstance(value, ArgumentCall):
        return ""
    return f", made by {value.argument}() of an argument nothing gives (give it with --model-args)"


def _unknown_call_on_a_tensor(function: Any) -> str:
    """Why a call on a tensor is not followed: of a required argument nothing gives, or what it made, named."""
    if isinstance(function, ArgumentCall):
        return (f"the module {function.argument}() makes, of an argument nothing gives, called on a tensor: its "
                "class, and what it does to the shape, are not known (give it with --model-args)")
    if symbolic.argument_object(function):
        return (f"{function.base}, an argument nothing gives, called on a tensor: what it does to the shape is "
                "not known (give it with --model-args)")
    return "a call of something not known statically, on a tensor"


def _children_in_order(container: ModuleNode) -> tuple | None:
    """The names a Sequential or ModuleList holds, in order, modules not known among them; None where
    that order is not known (a change not followed) or the module is no such container."""
    if container.record is None or _container_kind(container) not in ("Sequential", "ModuleList"):
        return None
    if not container.incomplete:
        return tuple(container.children)
    return container.members or None


def _members_in_order(module: ModuleNode) -> list | None:
    """The members of a Sequential whose list held values not known statically, in order, None
    for each unknown one; None unless its children and attributes are still those it was built with
    (a module added or removed since, or an attribute of unknown value that torch may register as a
    module, leaves the order not known)."""
    if not module.members or not module.incomplete:
        return None
    if [name for name in module.members if name in module.children] != list(module.children):
        return None
    if any(name not in module.children and not isinstance(module.attrs.get(name), Unknown) for name in module.members):
        return None
    if any(isinstance(value, (Unknown, Instance)) and name not in module.members for name, value in module.attrs.items()):
        return None
    if any(module.children[name] is None for name in module.children):
        return None  # None is called and raises: left to the path that says so
    return [(name, module.children.get(name)) for name in module.members]


# the arguments a finding names as the line to change, in a call written over several lines:
# CL107's padding and stride; the count CL101, CL103 and CL104 find wrong
INDEX_ARITHMETIC = (cst.Name, cst.Integer, cst.BinaryOperation, cst.UnaryOperation, cst.BaseBinaryOp, cst.BaseUnaryOp,
                    cst.BaseParenthesizableWhitespace, cst.LeftParen, cst.RightParen)
MAX_NOTED_LITERALS = 4096  # literal lists of numbers noted per interpreter (literal_items)
POINTED_ARGUMENTS = frozenset({"padding", "stride", "scale_factor", "in_features", "in_channels", "num_features",
                               "kernel_size", "dilation", "input_size"})
def _empty_placeholder(bound: dict) -> str | None:
    """The first layer argument bound to an empty list, tuple, dict or string: a placeholder."""
    return next((name for name, value in bound.items()
                 if isinstance(value, (list, tuple, dict, str)) and not value and not isinstance(value, Tensor)), None)


ARGUMENT_PARTS = frozenset({"in_features", "in_channels", "num_features", "input_size"})  # the counts CL101/103/104/109 check
# widths a layer makes: where a local they read was bound, so that a local another layer reads as
# its width (`out_channels = 512 * 3` for a conv and, wrongly, a norm) is seen as shared
OUT_COUNTS = frozenset({"out_channels", "out_features"})
# what sizes a conv's or pool's window (`pad = dilation * (kernel_size - 1) // 2` before the conv)
WINDOW_ARGUMENTS = frozenset({"kernel_size", "padding", "stride", "dilation"})

# layer arguments torch takes as ints only (a float raises): channels, features, groups, sizes
COUNT_ARGUMENTS = frozenset({"in_channels", "out_channels", "num_features", "in_features", "out_features",
                             "num_channels", "num_groups", "groups", "embed_dim", "input_size", "hidden_size",
                             "num_embeddings", "embedding_dim", "normalized_shape"})


def _callable_of_torch(qualified: str) -> bool:
    """A torch layer class or a function of torch.nn.init / torch.nn.functional: an object, true
    as a condition (a flag such as torch.backends.cudnn.enabled is not one of them)."""
    name = canonical_name(qualified)
    return is_torch_layer_class(name) or name.startswith(("torch.nn.init.", "torch.nn.functional."))


def _attribute_key(target: cst.BaseExpression) -> str | None:
    """`self.width` as a key of Scope.written: an attribute of a plain name."""
    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
        return f"{target.value.value}.{target.attr.value}"
    return None


def _written_key(value: cst.BaseExpression) -> str | None:
    """The key of Scope.written a count read as a local (`width`) or an attribute (`self.width`) has."""
    return value.value if isinstance(value, cst.Name) else _attribute_key(value)


def _nested_class_nodes(node: cst.ClassDef) -> list[cst.ClassDef]:
    """The classes a class statement's body defines (`class Outer: class Inner(nn.Module):`)."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    return [statement for statement in body if isinstance(statement, cst.ClassDef)]


def _plain_class_body(node: cst.ClassDef) -> bool:
    """A class body of defs, classes and plain statements only: no `if` or loop setting names
    that the class's namespace, read from its assignments, would not hold."""
    if not isinstance(node.body, cst.IndentedBlock):
        return all(isinstance(small, (cst.Assign, cst.AnnAssign, cst.Expr, cst.Pass)) for small in node.body.body)
    for statement in node.body.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        if not isinstance(statement, cst.SimpleStatementLine) or not all(
                isinstance(small, (cst.Assign, cst.AnnAssign, cst.Expr, cst.Pass)) for small in statement.body):
            return False
    return True


def _torch_layer_has(record, name: str) -> bool | None:
    """hasattr(m, "weight") / "bias" of a torch layer (fastai's `init_default`): a conv, Linear or
    norm registers both, None where unused (bias=False, affine=False); a pool, pad, resize, flatten,
    container or parameter-free activation registers neither. Any other name: not known here."""
    if name not in ("weight", "bias"):
        return None
    if isinstance(record, (ConvRecord, LinearRecord, NormRecord)):
        return True
    if isinstance(record, (PoolRecord, AdaptivePoolRecord, PadRecord, UpsampleRecord, FlattenRecord, ContainerRecord)) \
            or isinstance(record, ElementwiseRecord) and record.type != "PReLU":
        return False
    return None


@functools.lru_cache(maxsize=4096)  # (asked for every int name of every frame a layer is built in)
def _window_parameter(name: str) -> bool:
    """A parameter that sizes a window, not a width (`Plain(1, 8, 3, 1)`: its kernel 3 is no count
    of channels the block could have meant to read, though RGB brings 3)."""
    return re.search(r"kernel|ksize|stride|dilat|pad|group", name.lower()) is not None \
        or name.lower() in ("k", "ks", "s", "p", "d")


def _output_padding_never_below(bound: dict) -> str | None:
    """Why torch refuses a transposed conv whose output_padding is made of its stride so that it is
    never below both the stride and the dilation (`output_padding=stride`, the stride a constructor
    argument nothing gives): "output padding must be smaller than either stride or dilation" for
    every stride; None where that is not proved (a literal pair is judged by ConvRecord)."""
    def per_dim(value: object) -> tuple | None:
        if isinstance(value, (tuple, list)):
            return tuple(value) if len(value) == ndim else None
        return (value,) * ndim if isinstance(value, (int, Sym)) and not isinstance(value, bool) else None

    stride = bound.get("stride", 1)
    ndim = len(stride) if isinstance(stride, (tuple, list)) else len(bound["kernel_size"]) \
        if isinstance(bound.get("kernel_size"), (tuple, list)) else 1
    output_padding, strides, dilations = (per_dim(bound.get(name, default)) for name, default
                                          in (("output_padding", 0), ("stride", 1), ("dilation", 1)))
    if output_padding is None or strides is None or dilations is None:
        return None
    if not any(isinstance(v, Sym) for v in (*output_padding, *strides)):
        return None  # all numbers: ConvRecord's own rule
    for op, s, d in zip(output_padding, strides, dilations):
        form = symbolic.linear_form(s) if isinstance(s, Sym) else None
        # a stride torch takes is >= 1: so is the argument it is (`stride`, not `stride - 1`)
        positive = frozenset(form[0]) if form and form[1] == 0 and all(c > 0 for c in form[0].values()) else frozenset()
        if not symbolic.never_below(op, (s, d), positive):
            return None
    return (f"output_padding={bound.get('output_padding', 0)} is never smaller than the stride "
            f"({bound.get('stride', 1)}) nor the dilation ({bound.get('dilation', 1)}), whatever the stride: "
            f"torch refuses it (output padding must be smaller than either stride or dilation)")


def _output_padding_read_as_the_stride(bound: dict, written: dict) -> str | None:
    """`ConvTranspose2d(i, o, k, stride, padding, output_padding=stride)`: both read from one name
    (`stride`, `self.stride[1]`), so equal whatever it holds, and a stride torch takes is >= 1, the
    default dilation: torch refuses it for every value, known or not."""
    op, stride = written.get("output_padding"), written.get("stride")
    if not all(isinstance(e, (cst.Name, cst.Attribute, cst.Subscript)) for e in (op, stride)) \
            or not op.deep_equals(stride) or any(isinstance(n, cst.Call) for n in _nodes_of(op)):
        return None
    dilation = written.get("dilation")
    if not (dilation is None and bound.get("dilation", 1) == 1 or dilation is not None and dilation.deep_equals(op)):
        return None
    code = cst.Module([]).code_for_node(op)
    return (f"output_padding={code} is the stride itself, never smaller than it nor than the dilation, whatever "
            f"{code} holds: torch refuses it (output padding must be smaller than either stride or dilation)")


def _nodes_of(node: cst.CSTNode) -> list:
    """The node and every node under it."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(current.children)
    return out


def _bare(value: Sym) -> bool:
    """The argument's symbol itself, not arithmetic on it."""
    return isinstance(value.base, str) and not value.opaque and (value.scale, value.offset, value.divisor) == (1, 0, 1)


def _len_of(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """X of `len(X)`."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len" \
            and len(node.args) == 1 and not node.args[0].star:
        return node.args[0].value
    return None



def _expressions_written(node: cst.Call, skip: int = 0) -> dict:
    """Each argument a call writes, as _where_written keys it, its expression as written."""
    out: dict = dict(enumerate([a.value for a in node.args if a.keyword is None][skip:]))
    out.update({a.keyword.value: a.value for a in node.args if a.keyword is not None})
    return out


def _where_written(node: cst.Call, span_of, skip: int = 0) -> dict | None:
    """Where a call writes each argument: by position (an int, counting past the first `skip`) or by
    keyword. None where one is unpacked (`*args`, `**kwargs`): which parameter it fills is not known."""
    if any(a.star for a in node.args):
        return None
    positional = [a.value for a in node.args if a.keyword is None][skip:]
    out: dict = {index: span_of(value) for index, value in enumerate(positional)}
    out.update({a.keyword.value: span_of(a.value) for a in node.args if a.keyword is not None})
    return out


def _local_count_form(frame: Scope, name: str, values: dict[str, int]) -> tuple[tuple, dict] | None:
    """The tree of the formula a local count was bound to a line earlier (`out_channels =
    int(out_channels * (upscale_factor ** 2))`, a sub-pixel conv's width), with the names' values
    it was computed from: the parameter's own passed value for a name the line rebinds. None where
    the formula, so evaluated, does not give the count bound (a name it reads rebound since)."""
    found = frame.written.get(name)
    if found is None or type(found[1]) is not int or frame.names.get(name) is not found[1]:
        return None
    expression = found[0]
    while isinstance(expression, cst.Call) and isinstance(expression.func, cst.Name) \
            and expression.func.value == "int" and len(expression.args) == 1 and not expression.args[0].star:
        expression = expression.args[0].value  # int(...) of a product of ints is that product
    form = width_forms.form_of(expression, powers=True)
    if form is None:
        return None
    values = {key: value for key, value in values.items() if key != name}
    if type(frame.parameters.get(name)) is int:
        values[name] = frame.parameters[name]
    return (form, values) if width_forms.evaluate(form, values) == found[1] else None


def _shape_known(tensor: Tensor) -> bool:
    """Every dim of the tensor known, as a number or a size of the input (no free input's)."""
    dims = tensor.shape.dims
    return dims is not None and tensor.free is None and all(is_known(d) or isinstance(d, Sym) for d in dims)


def _plain_number(value: cst.BaseExpression) -> bool:
    """`2`, `-1`, `(2, 2)`: an argument written as numbers alone."""
    if isinstance(value, cst.Integer):
        return True
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        return isinstance(value.expression, cst.Integer)
    if isinstance(value, (cst.Tuple, cst.List)):
        return bool(value.elements) and all(not isinstance(e, cst.StarredElement) and _plain_number(e.value)
                                            for e in value.elements)
    return False


def _written_arguments(signature, node: cst.Call) -> dict[str, cst.BaseExpression]:
    """A layer call's argument expressions by parameter name, as its signature binds them."""
    names = [name for name, _ in signature.params]
    written = dict(zip(names, [a.value for a in node.args if a.keyword is None and not a.star]))
    written.update({a.keyword.value: a.value for a in node.args if a.keyword is not None})
    return written


def _tensors(value: Any) -> bool:
    """A tuple or list holding tensors, passed through a Sequential as one value: its other items
    may be anything, as NASNet's first `(x, None)` (no previous cell yet)."""
    return isinstance(value, (tuple, list)) and any(isinstance(v, Tensor) for v in value)


def _attribute_root(target: cst.BaseExpression) -> str | None:
    """`cfg` of an assignment to `cfg.GAN.DF_DIM`, or None for any other target."""
    if not isinstance(target, cst.Attribute):
        return None
    while isinstance(target, cst.Attribute):
        target = target.value
    return target.value if isinstance(target, cst.Name) else None


def first_unknown(value: Any) -> Unknown | None:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, (tuple, list)):
        if any(symbolic.taken_from_an_argument(item) for item in value):  # `[options["width"]]`: any value
            return Unknown("a part of an argument not given")
        return next((item for item in value if isinstance(item, Unknown)), None)
    return None


class Journal(dict):
    """How the objects a path of a condition not known statically changed were before it, by id:
    (object, state). Objects made on the path are not in it: no other path sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.opened = next(creation_order)


def _object_state(owner: Any) -> tuple:
    if isinstance(owner, ModuleNode):
        return dict(owner.children), dict(owner.attrs), dict(owner.parameters), owner.incomplete, \
            (owner.record, owner.base), owner.members
    return {}, dict(owner.attrs), {}, False, None, ()


def _set_object_state(owner: Any, state: tuple) -> None:
    children, attrs, parameters, incomplete, layers_of, members = state
    if isinstance(owner, ModuleNode):
        owner.children, owner.parameters, owner.incomplete = dict(children), dict(parameters), incomplete
        owner.record, owner.base = layers_of
        owner.members = members
    owner.attrs = dict(attrs)


def _names_unpacked_into(assign: cst.Assign) -> int | None:
    """How many names `a, b = value` unpacks its value into (None for a starred or single target):
    where the value has another count, Python raises before anything runs on."""
    if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, (cst.Tuple, cst.List)):
        return None
    elements = assign.targets[0].target.elements
    return None if any(isinstance(e, cst.StarredElement) for e in elements) else len(elements)


def _own_weight_replaced(node: ModuleNode, name: str, value: Any) -> Any:
    """`self.weight = nn.Parameter(torch.rand((out_channels, in_channels, k, k)))` in an nn.Conv2d
    subclass (a binary conv's weight made anew): of the shape the base layer registers, it is still
    that layer's weight, sized where the layer is built (Tensor.owner), so an F.conv2d applying it
    is blamed at that construction as torch's own weight is."""
    if name not in ("weight", "bias") or not isinstance(value, Tensor) or not value.parameter \
            or value.owner is not None or node.base is None or node.incomplete:
        return value
    shapes = layers.parameter_shapes(node.base)
    if shapes is None or name not in shapes or tuple(shapes[name]) != value.shape.dims:
        return value
    return replace(value, owner=node)


def _replaced_own_parameter(owner: ModuleNode, name: str) -> int | None:
    """The elements of the torch layer's own weight or bias that a parameter assigned to `name`
    takes the place of (a layer's are counted from its record): 0 where it replaces none, None
    where the layer's tensor and its size are not known."""
    record = owner.base if owner.base is not None else owner.record
    if name not in ("weight", "bias") or isinstance(record, (ModelRecord, ContainerRecord)):
        return 0
    shapes = layers.parameter_shapes(record)
    if shapes is None:
        return 0 if layers.own_params(record) == 0 else None
    shape = shapes.get(name)
    if shape is None:
        return 0  # bias=False: nothing of that name to replace
    if not all(isinstance(d, int) for d in shape):
        return None
    return math.prod(shape)


def _assign_layer_attribute(node: ModuleNode, name: str, value: Any) -> None:
    """`m.stride = (1, 1)` on a torch layer (or a class deriving from one): the layer its forward
    runs from now on."""
    node.assigned.add(name)
    if node.base is not None:
        node.base = torch_api.layer_after_assignment(node.base, name, value)
    if not isinstance(node.cls, LocalClass):
        node.record = torch_api.layer_after_assignment(node.record, name, value)


def _join_layers(layers_of: list, why: str) -> tuple | None:
    """A module's (record, base) after the paths of a condition not known statically: each field
    the paths left different is unknown."""
    if any(layers is None for layers in layers_of):
        return layers_of[0]
    joined = []
    for records in zip(*layers_of):
        first = records[0]
        if first is None or all(record == first for record in records):
            joined.append(first)
            continue
        for name in type(first).model_fields:
            if any(getattr(record, name) != getattr(first, name) for record in records):
                first = torch_api.layer_with_unknown(first, name, why)
        joined.append(first)
    return tuple(joined)


def _join_states(states: list[tuple], analysis: ModelAnalysis | None) -> tuple:
    """Children and attributes the paths agree on; the rest unknown (PERHAPS_UNSET where a path
    did not set it), the object incomplete, and the modules it may hold counted as used."""
    if len(states) == 1:
        return states[0]
    children: dict = {}
    attrs: dict = {}
    incomplete = any(state[3] for state in states)
    names = [name for state in states for part in state[:2] for name in part]
    for name in dict.fromkeys(names):
        values = [state[0][name] if name in state[0] else state[1].get(name, MISSING) for state in states]
        in_children = [name in state[0] for state in states]
        first = values[0]
        if all(v is first for v in values) and all(in_children) == any(in_children):
            (children if in_children[0] else attrs)[name] = first
            continue
        if not any(in_children) and all(isinstance(v, (Tensor, KnownTensor)) for v in values):
            # `if buf.device != x.device: self.buf = self.buf.to(x.device)`: a tensor on every path,
            # by the dims they agree on, as a name's is
            attrs[name] = join_values(values)
            continue
        incomplete = True
        attrs[name] = _perhaps_set(values) if any(v is MISSING for v in values) else \
            _alternatives(values) or Unknown("set differently on the paths of a condition not known statically")
        if analysis is not None:  # a module it may be: used (no unused-layer warning), costs unknown
            analysis.touched.update(id(v) for v in values if isinstance(v, ModuleNode))
    parameters = states[0][2] if all(state[2] == states[0][2] for state in states) else {}
    if any(state[2] != states[0][2] for state in states):
        incomplete = True
    layers_of = _join_layers([state[4] for state in states], "set differently on the paths of a condition "
                                                              "not known statically")
    members = _members_joined(states, children, attrs) if incomplete else ()
    return children, attrs, parameters, incomplete, layers_of, members


def _member_order(state: tuple) -> tuple | None:
    """The names of a container's modules in order, as a path left it: its members where it holds
    some not known, its children where it holds none; None where which they are is not known."""
    children, attrs, _, incomplete, layers_of, members = state
    record = layers_of[0] if layers_of is not None else None
    kind = attrs.get("__container__") or getattr(record, "type", None)
    if kind not in ("Sequential", "ModuleList", "ModuleDict"):
        return None
    if not incomplete:
        return tuple(children)
    if not members or [name for name in members if name in children] != list(children) \
            or any(name not in children and not isinstance(attrs.get(name), Unknown) for name in members):
        return None
    return members


def _members_joined(states: list[tuple], children: dict, attrs: dict) -> tuple:
    """A container whose paths of a condition not known statically append modules under the same
    names, some of them different (`self.body.append(Attended(n))` on one, `Plain(n)` on the
    other): the names in order, each different one held as one of those modules (an
    Alternatives attribute), called as each; () where the paths hold other names. (A member
    not known on a path, or other on each, is not known after: a call of it gives no shape.)"""
    orders = [_member_order(state) for state in states]
    if orders[0] is None or any(order != orders[0] for order in orders):
        return ()
    if any(name not in children and not isinstance(attrs.get(name), Unknown) for name in orders[0]):
        return ()
    if any(isinstance(value, (Unknown, Instance)) and name not in orders[0] for name, value in attrs.items()):
        return ()
    return orders[0]


def _perhaps_set(values: list[Any]) -> Unknown:
    """An attribute some paths did not set: the one module the others set, called as itself; the
    several modules they set (`self.base = ResNet(...)` under each `elif name == ...`, no else),
    called as each, what they agree on kept."""
    present = [v for v in values if v is not MISSING]
    choices: list[Any] = []
    for value in present:
        for choice in value.choices if isinstance(value, PerhapsSet) else (value,):
            if not (isinstance(choice, ModuleNode) and not choice.functional):
                return PERHAPS_UNSET
            if not any(choice is kept for kept in choices):
                choices.append(choice)
    return PerhapsSet(PERHAPS_UNSET.why, choices=tuple(choices)) if choices else PERHAPS_UNSET


AUTOGRAD_FUNCTIONS = frozenset({"torch.autograd.Function", "torch.autograd.function.Function",
                                "torch.autograd.function.InplaceFunction", "torch.autograd.InplaceFunction"})


def _is_autograd_function(cls: LocalClass) -> bool:
    return any(canonical_name(base.qualified) in AUTOGRAD_FUNCTIONS for base in cls.torch_bases())


def _contents(value: list | dict) -> tuple:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    return tuple((key, id(item)) for key, item in items)


def _is_dataclass(cls: LocalClass) -> bool:
    for decorator in cls.node.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        if (target.value if isinstance(target, cst.Name) else getattr(getattr(target, "attr", None), "value", "")) \
                == "dataclass":
            return True
    return False


MATH_CONSTANTS = ("pi", "e", "tau", "inf")
NAMED_TUPLE_BASES = ("typing.NamedTuple", "typing_extensions.NamedTuple")
# The attributes an nn.Module instance has (dir(), dunders left out; torch 2.x), and those
# the containers add: hasattr() of them is True, of a name the code never sets False.
MODULE_API = frozenset(
    "T_destination _apply _backward_hooks _backward_pre_hooks _buffers _call_impl _compiled_call_impl "
    "_forward_hooks _forward_hooks_always_called _forward_hooks_with_kwargs _forward_pre_hooks "
    "_forward_pre_hooks_with_kwargs _get_backward_hooks _get_backward_pre_hooks _get_name _is_full_backward_hook "
    "_load_from_state_dict _load_state_dict_post_hooks _load_state_dict_pre_hooks "
    "_maybe_warn_non_full_backward_hook _modules _named_members _non_persistent_buffers_set _parameters "
    "_register_load_state_dict_pre_hook _register_state_dict_hook _replicate_for_data_parallel "
    "_save_to_state_dict _slow_forward _state_dict_hooks _state_dict_pre_hooks _version _wrapped_call_impl "
    "add_module apply bfloat16 buffers call_super_init children compile cpu cuda double dump_patches eval "
    "extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict "
    "modules mtia named_buffers named_children named_modules named_parameters parameters register_backward_hook "
    "register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook "
    "register_full_backward_pre_hook register_load_state_dict_post_hook register_load_state_dict_pre_hook "
    "register_module register_parameter register_state_dict_post_hook register_state_dict_pre_hook "
    "requires_grad_ set_extra_state set_submodule share_memory state_dict to to_empty train training type xpu "
    "zero_grad".split())
CONTAINER_API = {
    "Sequential": frozenset("_get_item_by_idx append extend insert pop".split()),
    "ModuleList": frozenset("_get_abs_string_index append extend insert pop".split()),
    "ModuleDict": frozenset("clear items keys pop update values".split()),
}
ELEMENTWISE_COMPARISONS = frozenset({"Equal", "NotEqual", "LessThan", "LessThanEqual", "GreaterThan",
                                     "GreaterThanEqual"})
# Tensor methods changing a tensor's shape in place: the op without its `_`, rebound
IN_PLACE_SHAPE_METHODS = frozenset("unsqueeze_ squeeze_ transpose_ t_ swapaxes_ swapdims_".split())
def _enum_member(cls: LocalClass, name: str, value: Any) -> EnumMember | None:
    """A constant of a plain Enum class's body is a member of it; of any other class, None. A
    member of a class that mixes in its value's type (`class UpMode(str, Enum)`, IntEnum) is
    compared, hashed, and computed with as that value: it is read as the value itself (its
    .value and .name are then not known)."""
    bases = [base for klass in cls.mro() for base in klass.bases]
    if not any(isinstance(base, TorchRef) and base.qualified in ENUM_BASES for base in bases):
        return None
    mixed = any(base in (TorchRef("enum.IntEnum"), TorchRef("enum.StrEnum"), TorchRef("enum.IntFlag"))
                or isinstance(base, Builtin) and base.name in ("str", "int") for base in bases)
    return None if mixed else EnumMember(cls.name, name, value)


# An attribute one path of an unknown condition set and the other did not (identity, not equality)
PERHAPS_UNSET = Unknown("set on only some paths of a condition not known statically")
# Methods that change their object: after code not followed, that object is not known
LIST_MUTATORS = frozenset("append extend insert pop remove clear sort reverse __setitem__ __delitem__ __iadd__".split())
# what a list method the interpreter cannot follow gives back: the caller forgets the list
LIST_CHANGE_NOT_FOLLOWED = Unknown("a change of a list not followed")
DICT_MUTATORS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})
IN_PLACE_METHODS = frozenset(
    "append extend insert add_module register_module register_buffer register_parameter update pop popitem "
    "setdefault clear remove __setattr__ __setitem__ __delitem__ __delattr__".split())
def _numpy_scalar_like(value: Any) -> bool:
    """A value the evaluator holds as a Python number or a symbol that numpy may have made (np.floor
    of a float is a float64): astype() on it is numpy's, as nothing else of these has one."""
    return type(value) in (int, float) or isinstance(value, (Sym, Quotient, NumpyScalar))


def _numpy_type_named(value: Any) -> str | None:
    """"int" or "float" for the types astype() is given (int, np.int64, 'int32', float, np.float32)."""
    name = value.name if isinstance(value, Builtin) else value.qualified.rpartition(".")[2] \
        if isinstance(value, TorchRef) else value if isinstance(value, str) else ""
    return "int" if re.fullmatch(r"u?int(8|16|32|64|c|_)?|long(long)?|intp", name) \
        else "float" if re.fullmatch(r"float(16|32|64|_)?|double", name) else None


def _scope_chain(scope: Scope, module_scope: Scope):
    """A scope and those it reads names from, up to the module's."""
    current: Scope | None = scope
    while current is not None:
        yield current
        if current is module_scope:
            return
        current = current.parent


def _module_dict_pairs(args: list, kwargs: dict) -> list[tuple[str, Any]] | None:
    """The (name, module) pairs ModuleDict.update(modules) adds: a dict's items or an iterable of
    pairs; None where a name or the pairs are not known."""
    if len(args) != 1 or kwargs:
        return None
    items = args[0]
    pairs = list(items.items()) if isinstance(items, dict) else list(items) if isinstance(items, (list, tuple)) else None
    if pairs is None or not all(isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str) for pair in pairs):
        return None
    return pairs


CONTAINER_MUTATORS = ("insert", "pop", "popitem", "clear", "update", "remove", "__setitem__", "__delitem__")


def _name_patterns(node: ModuleNode) -> dict:
    """The children a Sequential holds under names built from widths not known, by their keys."""
    found = node.attrs.get("__name_patterns__")
    return found if isinstance(found, dict) else {}


def _container_kind(node: ModuleNode) -> str:
    """Sequential/ModuleList/ModuleDict, also for a local class deriving from one of them."""
    return node.attrs.get("__container__") or node.record.type


def _submodules(module: ModuleNode, method: str) -> list | Unknown:
    """module.children() / modules() and their named_ forms as torch lists them (modules(): the
    module itself first, then every descendant once, depth first); unknown when a module on the
    way has children not known (`nn.Sequential(*layers)` over a list not known)."""
    found: list[tuple[str, ModuleNode]] = []
    seen: set[int] = set()

    def visit(node: ModuleNode, prefix: str, deep: bool) -> bool:
        if node.incomplete:
            return False
        for key, child in node.children.items():
            if child is None or (deep and id(child) in seen):
                continue
            seen.add(id(child))
            name = f"{prefix}.{key}" if prefix else key
            found.append((name, child))
            if deep and not visit(child, name, True):
                return False
        return True

    deep = method in ("modules", "named_modules")
    if deep:
        seen.add(id(module))
        found.append(("", module))
    if not visit(module, "", deep):
        return Unknown(f"module.{method}() of a module whose children are not known statically")
    return found if method.startswith("named_") else [child for _, child in found]


def _followable_callable(fn: Any) -> bool:
    """A function of the project's code, a lambda, a bound method or a functools.partial of one."""
    while isinstance(fn, Partial):
        fn = fn.function
    return isinstance(fn, (LocalFunction, LocalLambda, BoundMethod))


# calls handing a module on that change none of its attributes
_READING_BUILTINS = frozenset({"isinstance", "hasattr", "getattr", "type", "print", "str", "repr", "id", "len"})


def _code_and_parameters(fn: Any) -> tuple[cst.FunctionDef, set[str]]:
    """The definition of a function given to module.apply() (through partials and bound methods)
    and the names of its parameters."""
    while isinstance(fn, Partial):
        fn = fn.function
    code = fn.function.node if isinstance(fn, BoundMethod) else fn.node
    return code, {param.name.value for param in (*code.params.params, *code.params.posonly_params,
                                                 *code.params.kwonly_params)}


def _hands_on(call: cst.Call, parameters: set[str]) -> bool:
    """Whether a call passes one of the function's parameters on as it is (`helper(m)`)."""
    return any(isinstance(arg.value, cst.Name) and arg.value.value in parameters for arg in call.args)


def _layer_attributes_written(fn: Any) -> frozenset[str]:
    """The attributes forward reads (stride, padding...) that the code of fn, a function given to
    module.apply(), may assign: those it assigns to an attribute of that name; all of them where
    it calls setattr or hands one of its parameters on to another call (a helper may assign any)."""
    code, parameters = _code_and_parameters(fn)
    every = torch_api.FORWARD_READ_ATTRIBUTES
    written: set[str] = set()
    for each in walk_statements(code):
        targets = (each.targets if isinstance(each, cst.Assign) else
                   [each] if isinstance(each, (cst.AugAssign, cst.AnnAssign)) else ())
        written.update(element.attr.value for target in targets for element in walk_statements(target.target)
                       if isinstance(element, cst.Attribute) and element.attr.value in every)
        if isinstance(each, cst.Call):
            callee = each.func.value if isinstance(each.func, cst.Name) else None
            if callee == "setattr" or _hands_on(each, parameters) and callee not in _READING_BUILTINS:
                return every
    return frozenset(written)


# methods of a module that only read it, or draw its weights again: a function given to
# module.apply() may call them on each module
_READING_METHODS = frozenset({"modules", "named_modules", "parameters", "named_parameters", "children",
                              "named_children", "buffers", "named_buffers", "reset_parameters"})


def _only_initialises(fn: Any) -> bool:
    """Whether fn, given to module.apply(), can change nothing a shape or a parameter count reads:
    it assigns no attribute or item, calls no setattr, hands none of its parameters on to another
    call, and calls no method of them but those that read (`nn.init.trunc_normal_(m.weight)` and
    `m.bias.data.zero_()` under `isinstance(m, nn.Linear)`: a timm model's _init_weights)."""
    while isinstance(fn, Partial):
        if any(isinstance(value, (ModuleNode, LocalFunction, LocalLambda, BoundMethod, Partial))
               for value in (*fn.args, *fn.kwargs.values())):
            return False
        fn = fn.function
    if not isinstance(fn, (LocalFunction, BoundMethod)):
        return False
    code, parameters = _code_and_parameters(fn)
    for each in walk_statements(code.body):
        if isinstance(each, (cst.Global, cst.Nonlocal, cst.Del, cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        targets = (each.targets if isinstance(each, cst.Assign) else
                   [each] if isinstance(each, (cst.AugAssign, cst.AnnAssign)) else ())
        if any(isinstance(element, (cst.Attribute, cst.Subscript)) for target in targets
               for element in walk_statements(target.target)):
            return False
        if isinstance(each, cst.Call):
            callee = each.func.value if isinstance(each.func, cst.Name) else None
            if callee in ("setattr", "delattr", "exec", "eval") \
                    or _hands_on(each, parameters) and callee not in _READING_BUILTINS:
                return False
            if isinstance(each.func, cst.Attribute) and isinstance(each.func.value, cst.Name) \
                    and each.func.value.value in parameters and each.func.attr.value not in _READING_METHODS:
                return False
    return True


def _owner_of(cls: LocalClass, name: str) -> LocalClass | None:
    return next((c for c in cls.mro() if name in c.namespace), None)


def _layer_base_spec(qualified: str) -> tuple | None:
    """The layer a class deriving from this torch class is built as: a public layer
    (`class StdConv(nn.Conv2d)`) or a private base of a layer family (`_ConvNd`, `_BatchNorm`)."""
    found = layer_spec(canonical_name(qualified))
    if found is None and (private := private_layer_base(qualified)) in PRIVATE_LAYER_BASES:
        return private, PRIVATE_LAYER_BASES[private]
    return found


_CATCHES_IMPORT_ERROR = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _literal_argument(arg: cst.Arg) -> bool:
    """An argument of a string eval() runs that is a constant: a number, a string, True/False/None."""
    value = arg.value
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value = value.expression
    return not arg.star and (isinstance(value, (cst.Integer, cst.Float, cst.SimpleString))
                             or isinstance(value, cst.Name) and value.value in ("True", "False", "None"))


def walk_statements(statement: cst.CSTNode) -> Iterable[cst.CSTNode]:
    stack = [statement]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


def _walked(code: cst.CSTNode, cache: dict) -> tuple[cst.CSTNode, ...]:
    """walk_statements(code), once per node: a branch or loop not followed is walked again on
    every call of its function (each block of each of a file's 150 factories' models)."""
    found = cache.get(("walk", id(code)))
    if found is None or found[0] is not code:  # the node kept beside its id, so the id is not reused
        found = cache[("walk", id(code))] = (code, tuple(walk_statements(code)))
    return found[1]


_ASSIGNING = (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.For, cst.AssignTarget, cst.Del)


def _collected_per_step(loop: cst.For) -> str | None:
    """The local list a loop's body appends one item to on every step, `outs.append(y)` a statement
    of the body itself, the list named nowhere else in it, and nothing in it that leaves a step
    early (break, continue, return, yield); None for any other loop."""
    statements = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
    appends = [line.body[0].value for line in statements
               if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Expr)
               and isinstance(call := line.body[0].value, cst.Call) and isinstance(call.func, cst.Attribute)
               and call.func.attr.value == "append" and isinstance(call.func.value, cst.Name)
               and len(call.args) == 1 and call.args[0].keyword is None and not call.args[0].star]
    if len(appends) != 1 or loop.orelse is not None:
        return None
    name = appends[0].func.value.value
    leaving = (cst.Break, cst.Continue, cst.Return, cst.Yield, cst.FunctionDef, cst.Lambda)
    names = [node for node in _walk_nodes(loop.body) if isinstance(node, cst.Name) and node.value == name]
    if len(names) != 1 or any(isinstance(node, leaving) for node in _walk_nodes(loop.body)):
        return None
    return name


def _walk_nodes(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _walk_nodes(child)


def _one_shape_of(items: Any) -> Tensor | None:
    """The first of a list's tensors where all have one known shape; None otherwise."""
    if not isinstance(items, list) or not items or not all(isinstance(t, Tensor) and t.shape.dims is not None
                                                            for t in items):
        return None
    return items[0] if all(t.shape.dims == items[0].shape.dims for t in items) else None


def _assigning_nodes(code: cst.CSTNode, cache: dict) -> tuple[tuple[cst.CSTNode, tuple[str, ...]], ...]:
    """The nodes of _walked(code) that may bind or change something (assignments, loop targets,
    `del`, in-place method calls, setattr), each with the names it binds: once per node, as a
    block not followed is forgotten again on every call of its function."""
    found = cache.get(("assigning", id(code)))
    if found is None or found[0] is not code:
        nodes = tuple((node, tuple(_assigned_names(node))) for node in _walked(code, cache)
                      if isinstance(node, _ASSIGNING) or isinstance(node, cst.Call) and (
                          isinstance(node.func, cst.Attribute) and node.func.attr.value in IN_PLACE_METHODS
                          or isinstance(node.func, cst.Name) and node.func.value in ("setattr", "delattr")))
        found = cache[("assigning", id(code))] = (code, nodes)
    return found[1]


def _calls_in(code: cst.CSTNode, cache: dict) -> tuple[cst.Call, ...]:
    """The calls of _walked(code), once per node."""
    found = cache.get(("calls", id(code)))
    if found is None or found[0] is not code:
        found = cache[("calls", id(code))] = (code, tuple(n for n in _walked(code, cache) if isinstance(n, cst.Call)))
    return found[1]


def _loop_targets(definition: cst.CSTNode, cache: dict) -> frozenset[str]:
    """The names a function binds as the targets of its for loops and comprehensions."""
    found = cache.get(("loops", id(definition)))
    if found is None or found[0] is not definition:
        names = frozenset(target.value for n in _walked(definition, cache) if isinstance(n, (cst.For, cst.CompFor))
                          for target in _walked(n.target, cache) if isinstance(target, cst.Name))
        found = cache[("loops", id(definition))] = (definition, names)
    return found[1]


def _looped_names(definition: cst.CSTNode, cache: dict) -> frozenset[str]:
    """The names a function's for loops bind: their targets, and what their bodies assign."""
    found = cache.get(("looped", id(definition)))
    if found is None or found[0] is not definition:
        names = set()
        for n in _walked(definition, cache):
            if isinstance(n, cst.For):
                names.update(_assigned_names(n))
                names.update(name for inner in _walked(n.body, cache) for name in _assigned_names(inner))
        found = cache[("looped", id(definition))] = (definition, frozenset(names))
    return found[1]


def _numbers_in(code: cst.CSTNode, cache: dict) -> bool:
    """Whether an expression computes with a number (`_make_divisible(112 * mult)`); an index
    (`setting[-1].out_channels`) picks a value written elsewhere and computes nothing."""
    indices = {id(n) for s in _walked(code, cache) if isinstance(s, cst.SubscriptElement)
               for n in _walked(s, cache)}
    return any(isinstance(n, (cst.Integer, cst.Float)) and id(n) not in indices for n in _walked(code, cache))


def _self_attributes(code: cst.CSTNode, cache: dict) -> tuple[str, ...]:
    """The `self.<name>` attributes the code names, once per node."""
    found = cache.get(("self", id(code)))
    if found is None or found[0] is not code:
        names = tuple(dict.fromkeys(node.attr.value for node in walk_statements(code) if isinstance(node, cst.Attribute)
                                    and isinstance(node.value, cst.Name) and node.value.value == "self"))
        found = cache[("self", id(code))] = (code, names)
    return found[1]


def _rebound_names(nodes: list) -> set[str]:
    """Names a statement binds anywhere in it (an assignment, a loop's target)."""
    return {name for node in nodes for name in _assigned_names(node)}



# Attributes a loop may set on a parameter or a layer without changing a shape (`requires_grad = False`)
SHAPELESS_ATTRIBUTES = frozenset({"requires_grad", "grad", "training", "inplace", "momentum"})

def _elements_written_only(loop: cst.For, cache: dict) -> tuple[cst.BaseExpression, ...] | None:
    """The values a loop writes elements of (`filt` of `filt[c, i, j] = v`), where writing them and
    binding plain names is all its body does, through nested loops and ifs; else None. A call that
    changes something in place, break, return, raise, a nested def: None."""
    found = cache.get(("fills", id(loop)))
    if found is not None and found[0] is loop:
        return found[1]
    written: list[cst.BaseExpression] = []

    def plain_target(target: cst.BaseExpression) -> bool:
        if isinstance(target, cst.Name):
            return True
        if isinstance(target, (cst.Tuple, cst.List)):
            return all(plain_target(e.value) for e in target.elements)
        if isinstance(target, cst.Subscript) and isinstance(target.value, (cst.Name, cst.Attribute, cst.Subscript)):
            base = _subscript_base(target)
            if isinstance(base, (cst.Name, cst.Attribute)) and dotted_name(base):
                written.append(base)
                return True
        return False

    def names_only(target: cst.BaseExpression) -> bool:
        return isinstance(target, cst.Name) or isinstance(target, (cst.Tuple, cst.List)) \
            and all(names_only(e.value) for e in target.elements)

    def fills(body: cst.BaseSuite) -> bool:
        statements = body.body if isinstance(body, cst.IndentedBlock) else (body,)
        for statement in statements:
            if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                for small in statement.body:
                    if isinstance(small, cst.Assign):
                        if not all(plain_target(t.target) for t in small.targets):
                            return False
                    elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                        if small.value is None or not plain_target(small.target):
                            return False
                    elif not isinstance(small, (cst.Pass, cst.Continue)):
                        return False
            elif isinstance(statement, cst.For):
                if statement.orelse is not None or statement.asynchronous is not None \
                        or not names_only(statement.target) or not fills(statement.body):
                    return False
            elif isinstance(statement, cst.If):
                branch: cst.If | cst.Else | None = statement
                while isinstance(branch, cst.If):
                    if not fills(branch.body):
                        return False
                    branch = branch.orelse
                if branch is not None and not fills(branch.body):
                    return False
            else:
                return False
        return True

    ok = fills(loop.body) and bool(written) and not any(
        isinstance(n, (cst.NamedExpr, cst.Lambda, cst.Yield, cst.Await)) or isinstance(n, cst.Call) and (
            isinstance(n.func, cst.Attribute) and (n.func.attr.value in IN_PLACE_METHODS or n.func.attr.value.endswith("_"))
            or isinstance(n.func, cst.Name) and n.func.value in ("setattr", "delattr", "exec", "eval"))
        for n in _walked(loop.body, cache))
    result = tuple(written) if ok else None
    cache[("fills", id(loop))] = (loop, result)
    return result


def _subscript_base(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """`self.blocks` of `self.blocks[0][1]` or `self.blocks[0].conv`: the value indexed first, or None
    where the chain indexes nothing."""
    base = None
    while isinstance(node, (cst.Subscript, cst.Attribute)):
        if isinstance(node, cst.Subscript):
            base = node.value
        node = node.value
    return base


def _subscript_written(target: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """The value a subscript target writes into (`d` of `d[k] = v`, of `a, d[k] = ...`), or None."""
    if isinstance(target, cst.Subscript):
        return _subscript_base(target)
    if isinstance(target, (cst.Tuple, cst.List)):
        return next((w for e in target.elements if (w := _subscript_written(e.value)) is not None), None)
    return None


_CATCHES_NAME_ERROR = frozenset({"NameError", "UnboundLocalError", "Exception", "BaseException"})


def _catches_name_error(handler: cst.ExceptHandler) -> bool:
    """A bare `except:`, or one naming NameError or a class above it."""
    caught = handler.type
    if caught is None:
        return True
    names = [e.value for e in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
    return any(isinstance(n, cst.Name) and n.value in _CATCHES_NAME_ERROR for n in names)


def _bound(name: str, scope: "Scope") -> bool:
    """Whether a function's local is bound in its scope (a local is looked up nowhere else)."""
    return name in scope.names


def _assigned_names(node: cst.CSTNode) -> list[str]:
    targets: list[cst.BaseExpression] = []
    if isinstance(node, cst.Assign):
        targets = [t.target for t in node.targets]
    elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
        targets = [node.target]
    elif isinstance(node, cst.For):
        targets = [node.target]
    elif isinstance(node, (cst.Import, cst.ImportFrom)):
        return []
    names: list[str] = []
    while targets:
        target = targets.pop()
        if isinstance(target, cst.Name):
            names.append(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            targets.extend(e.value for e in target.elements)
    return names


def _surely_true_module(value: Any) -> bool:
    """A module whose truth is True: any but an empty Sequential, ModuleList or ModuleDict (their
    len() is their truth)."""
    if not isinstance(value, ModuleNode):
        return False
    kind = value.attrs.get("__container__") or (value.record.type if value.record is not None else None)
    return kind not in ("Sequential", "ModuleList", "ModuleDict") or bool(value.children) and not value.incomplete


def join_values(values: list[Any]) -> Any:
    """What two paths agree on: the value when equal, else Unknown (tensors: the shape when equal)."""
    present = [v for v in values if v is not MISSING]
    if not present:
        return Unknown("not set on every path")
    first = present[0]
    if len(present) < len(values):
        return first if all(_same(first, v) for v in present) else Unknown("differs between paths")
    if all(_same(first, v) for v in present[1:]):
        if isinstance(first, Tensor) and any(v.merged != first.merged for v in present[1:]):
            return Tensor(first.shape, first.producer)  # the paths flattened different dims: say none
        return first
    if all(isinstance(v, (Tensor, KnownTensor)) for v in present):
        return _join_tensors(present)
    if all(type(v) is type(first) and isinstance(v, (list, tuple)) and len(v) == len(first) for v in present) \
            and all(isinstance(item, Tensor) for v in present for item in v):
        # `inputs_ = inputs` or the same maps cropped to the smallest (deep-image-prior's Concat): the tensors item by item
        return type(first)(_join_tensors(list(items)) for items in zip(*present))
    return _alternatives(present) or Unknown("differs between paths")


ALTERNATIVE_CHILD_METHODS = ("children", "named_children")


def _modules_alternatives(value: Any) -> bool:
    """One of several modules (no function, no None), by a condition not known statically."""
    return isinstance(value, Alternatives) and not isinstance(value, PerhapsSet) and bool(value.choices) \
        and all(isinstance(choice, ModuleNode) and not choice.functional for choice in value.choices)


def _items_joined(lists: list) -> Any:
    """Lists of the paths of a condition not known statically, as many items on each: item by item
    what the paths agree on (a (name, module) pair by its parts); else unknown."""
    if any(items is None for items in lists) or len({len(items) for items in lists}) != 1:
        return Unknown("the children of one of several modules, not as many in each")
    out = []
    for column in zip(*lists):
        if all(isinstance(item, tuple) and len(item) == len(column[0]) for item in column):
            out.append(tuple(join_values(list(parts)) for parts in zip(*column)))
        else:
            out.append(join_values(list(column)))
    return out


def _lists_joined(value: list, items: list, paths: list[list]) -> bool:
    """A list both paths of a condition not known statically appended to, as many items each, its
    items before kept: it holds those, then item by item what the paths agree on, one of the
    modules they append where they differ (`layers.append(DeformConv(c, c2))` on one,
    `layers.append(nn.Conv2d(c, c2, 3))` on the other), called as each. Whether it was joined;
    any other change leaves it to be forgotten."""
    if any(len(path) != len(paths[0]) or len(path) < len(items)
           or any(a is not b for a, b in zip(path, items)) for path in paths):
        return False
    added = []
    for column in zip(*(path[len(items):] for path in paths)):
        if all(item is column[0] for item in column):
            added.append(column[0])
            continue
        if not all(isinstance(item, ModuleNode) and not item.functional for item in column):
            return False
        choice = _alternatives(list(column))
        if choice is None:
            return False
        added.append(choice)
    if not added:
        return False
    value[:] = [*items, *added]
    return True


def _alternatives(values: list[Any]) -> Alternatives | None:
    """Modules or functions that differ between the paths of a condition not known statically,
    or one of them and None (`nn.Conv1d(n_in, n_out, 1) if n_in != n_out else None`): kept as the
    choices, so that calling one follows each (none of them is certain to run), and a test of it
    (`is None`, its truth) follows each path with what it is there."""
    choices: list[Any] = []
    if any(isinstance(value, PerhapsSet) for value in values):
        return _perhaps_set(values) if isinstance(_perhaps_set(values), PerhapsSet) else None
    for value in values:
        for choice in value.choices if isinstance(value, Alternatives) else (value,):
            if not (isinstance(choice, ModuleNode) and not choice.functional
                    or isinstance(choice, (LocalFunction, LocalLambda, Partial)) or choice is None):
                return None
            if not any(choice is kept for kept in choices):
                choices.append(choice)
    if len(choices) < 2 or all(choice is None for choice in choices):
        return None
    return Alternatives("one of several modules or functions, by a condition not known statically",
                        choices=tuple(choices))


NO_PATH = Unknown("no choice of the condition goes this way")


def _narrowed(alternatives: Alternatives, choices: list) -> Any:
    """What an Alternatives is on a path that leaves these of its choices."""
    if not choices:
        return NO_PATH
    if len(choices) == len(alternatives.choices):
        return alternatives
    return choices[0] if len(choices) == 1 else replace(alternatives, choices=tuple(choices))


def _with_rank(tensor: Tensor, rank: int) -> Tensor:
    """The tensor, on the path of a test that its number of dims is `rank`: its sizes not known."""
    return Tensor(Shape(tuple(Unknown("a size of a tensor whose rank a test fixed") for _ in range(rank))),
                  tensor.producer, field=tensor.field)


def _equality_with_a_literal(test: cst.BaseExpression) -> tuple[str, str | int] | None:
    """(the name, the value) of a test `name == "small"` (or `"small" == name`, `depth == 18`) of a
    name and a str or int literal; None for any other test."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)):
        return None
    for name, written in ((test.left, test.comparisons[0].comparator), (test.comparisons[0].comparator, test.left)):
        if isinstance(name, cst.Name) and isinstance(written, (cst.SimpleString, cst.Integer)):
            try:
                value = ast.literal_eval(written.value)
            except (ValueError, SyntaxError):
                return None
            return (name.value, value) if isinstance(value, (str, int)) else None
    return None


def _pinned_by_equality(test: cst.BaseExpression, names: dict) -> tuple[str, str | int] | None:
    """A test `name == "small"` of a name whose value is not known: on the path where it holds,
    the name is that value."""
    equality = _equality_with_a_literal(test)
    return equality if equality is not None and type(names.get(equality[0])) is Unknown else None


def _equalities_split(statement: cst.If) -> cst.If | None:
    """`if a == "x" or a == "y": body else: rest` as `if a == "x": body elif a == "y": body else:
    rest`, which runs alike (each an equality of a name and a literal, read with no side effect):
    each equality then pins its name on its own path. None for a test of any other form."""
    tests: list[cst.BaseExpression] = []

    def flatten(node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            return flatten(node.left) and flatten(node.right)
        tests.append(node)
        return _equality_with_a_literal(node) is not None

    if not isinstance(statement.test, cst.BooleanOperation) or not flatten(statement.test):
        return None
    orelse = statement.orelse
    for test in reversed(tests[1:]):
        orelse = cst.If(test=test, body=statement.body, orelse=orelse)
    return cst.If(test=tests[0], body=statement.body, orelse=orelse)


def _one_dim_added(value: cst.BaseExpression, name: str) -> bool:
    """`x.unsqueeze(-1)`, `torch.unsqueeze(x, 1)`, `x[..., None]` of the name `name`: one dim added."""
    if isinstance(value, cst.Subscript):
        return isinstance(value.value, cst.Name) and value.value.value == name
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute) \
            or value.func.attr.value != "unsqueeze":
        return False
    receiver = value.func.value
    if isinstance(receiver, cst.Name) and receiver.value == name:
        return len(value.args) == 1
    return isinstance(receiver, cst.Name) and receiver.value == "torch" and len(value.args) == 2 \
        and isinstance(value.args[0].value, cst.Name) and value.args[0].value.value == name


def _rank_subject(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """x of `x.dim()`, `x.ndimension()`, `x.ndim`, `len(x.shape)`, `len(x.size())`: a name, an
    attribute or an item of one (`batch['frames']`), read the same each time; else None."""
    subject = None
    if isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Attribute) \
            and node.func.attr.value in ("dim", "ndimension"):
        subject = node.func.value
    elif isinstance(node, cst.Attribute) and node.attr.value == "ndim":
        subject = node.value
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len" \
            and len(node.args) == 1:
        shape = node.args[0].value
        if isinstance(shape, cst.Call) and not shape.args and isinstance(shape.func, cst.Attribute) \
                and shape.func.attr.value == "size":
            subject = shape.func.value
        elif isinstance(shape, cst.Attribute) and shape.attr.value == "shape":
            subject = shape.value
    read = subject
    while isinstance(read, cst.Subscript) and len(read.slice) == 1 and isinstance(read.slice[0].slice, cst.Index) \
            and isinstance(read.slice[0].slice.value, cst.SimpleString):
        read = read.value  # `batch['frames']`: a dict input's item
    return subject if read is not None and _is_name_chain(read) else None


def _same_source(value: Any, other: Any) -> bool:
    """Whether two values are the one dict not known statically: the same object, or the same
    argument not given (a symbol)."""
    return value is other or isinstance(value, Sym) and isinstance(other, Sym) and value == other


def _carries_state(body: cst.CSTNode, scope: Scope, targets: set[str], cache: dict) -> bool:
    """Whether a loop's body may make one item's work differ from another's but by the item: it
    rebinds a name bound before it (`in_f = n`), adds to one (`total += n`), sets an attribute
    (`self.last = n`) or changes a list in place (`widths.append(n)`). A key's item set in a
    container (`self.heads[name] = ...`, `self.parents[name] = p`) carries nothing."""
    for node in _walked(body, cache):
        if isinstance(node, cst.AugAssign) or isinstance(node, (cst.AssignTarget, cst.AnnAssign)) \
                and isinstance(node.target, cst.Attribute):
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in IN_PLACE_METHODS:
            return True
        if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.For)):
            bound = [n.value for n in _walked(node.target, cache) if isinstance(n, cst.Name)] \
                if not isinstance(node.target, (cst.Subscript, cst.Attribute)) else []
            if any(name not in targets and _bound_in(scope, name) for name in bound):
                return True
    return False


def _bound_in(scope: Scope | None, name: str) -> bool:
    while scope is not None:
        if name in scope.names:
            return True
        scope = scope.parent
    return False


def _is_name_chain(node: cst.BaseExpression) -> bool:
    """`m`, `self.downsample`, `self.block.shortcut`: read with no call, the same value each time."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _paths_forgotten(value: Any) -> Any:
    """A value a loop's iterations joined, without the tensors of its paths: the iterations
    followed are not every count the loop may run, so an op refused with each of them may still
    run (`for _ in range(n): x = pool(x)`)."""
    if isinstance(value, Tensor) and value.either:
        return replace(value, either=())
    if isinstance(value, tuple) and any(isinstance(item, Tensor) and item.either for item in value):
        return tuple(_paths_forgotten(item) for item in value)
    return value


def _join_tensors(tensors: list) -> Tensor:
    """A tensor from one of several paths: the dims every path agrees on, the others unknown
    (`if odd: x = F.pad(x, (0, 1))` changes the length, never the channels); a rank the paths
    disagree on, or one not known, is unknown."""
    if all(isinstance(t, Tensor) and t.placeholder for t in tensors):
        joined = tensor_ops.join_placeholders(tensors)
        if joined is not None:
            return joined
    shapes = [t.shape.dims if isinstance(t, Tensor) else tuple(t.shape) for t in tensors]
    if any(dims is None for dims in shapes) or any(isinstance(t, Tensor) and t.placeholder for t in tensors) \
            or len({len(dims) for dims in shapes}) != 1:
        return Tensor(Shape(None), "one of several paths")
    dims = tuple(column[0] if all(_same_dim(column[0], d) for d in column[1:])
                 else Unknown("differs between the paths of a condition not known statically")
                 for column in zip(*shapes))
    producers = {t.producer for t in tensors}
    # (each path's tensor, for an op torch refuses on every path; a path's constant tensor: none kept)
    either = tuple(each for t in tensors for each in (t.either or (t,))) \
        if all(isinstance(t, Tensor) for t in tensors) else ()
    return Tensor(Shape(dims), producers.pop() if len(producers) == 1 else "one of several paths", either=either)


def _same_dim(a: Any, b: Any) -> bool:
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return isinstance(a, Unknown) and isinstance(b, Unknown)
    return type(a) is type(b) and a == b


def _modules_an_index_picks(value: Any, index: Any, whole: bool = False) -> tuple | None:
    """The modules a number not known statically may pick of a list, tuple, ModuleList or
    Sequential of several, all known (a wrong index raises, as torch's list does); else None.
    `whole`: an index written as one value, not a slice, which is a number or raises (`pads[i]`
    of an i read from sizes not yet known, or a one-element tensor, taken through __index__)."""
    if isinstance(index, (int, float, bool, str, slice, ItemKey)) \
            or not (a_number(index) or whole and (type(index) in (Unknown, UnknownNumber) or isinstance(index, Tensor))):
        return None
    if isinstance(value, ModuleNode) and _container_kind(value) in ("ModuleList", "Sequential") \
            and not value.incomplete:
        value = list(value.children.values())
    if type(value) not in (list, tuple) or len(value) < 2 \
            or not all(isinstance(v, ModuleNode) and not v.functional for v in value):
        return None
    choices: list = []
    for module in value:
        if not any(module is kept for kept in choices):
            choices.append(module)
    return tuple(choices) if len(choices) > 1 else None


def _settled_value(a: Any, b: Any) -> bool:
    """Whether a loop-carried value is the same after another step: equal, or not known either
    time (a tuple of tensors item by item)."""
    if type(a) in (tuple, list) and type(b) is type(a) and len(a) == len(b):
        return all(_settled_value(x, y) for x, y in zip(a, b))
    if isinstance(a, Tensor) and isinstance(b, Tensor) and a.shape.dims is None and b.shape.dims is None:
        return True
    return a is b or _same(a, b) or type(a) is Unknown and type(b) is Unknown


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return a.shape == b.shape and a.shape.dims is not None
    if isinstance(a, (ModuleNode, Instance, LocalClass, LocalFunction)) or isinstance(b, (ModuleNode, Instance)):
        return False
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return False
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


def _same_torch_name(left: TorchRef, right: TorchRef) -> bool | None:
    """`norm_layer.func == nn.InstanceNorm2d`, `type(norm_layer) == functools.partial`: one name is
    one object; torch.nn classes, functools.partial and type (what type() of a class gives) differ."""
    a, b = canonical_name(left.qualified), canonical_name(right.qualified)
    if a == b:
        return True
    if all(is_torch_layer_class(n) or n in ("functools.partial", "builtins.type") for n in (a, b)):
        return False
    return None  # other names may be aliases of one function


def _same_definition(left: Any, right: Any) -> bool | None:
    """`block == BasicBlock`, `block is Bottleneck`: a class or function of the project is itself and
    no other. The same definition met twice (a class made inside a function) may be two objects: unknown."""
    if isinstance(left, TorchRef) and isinstance(right, TorchRef):
        return _same_torch_name(left, right)
    if isinstance(left, Partial) or isinstance(right, Partial):
        if left is right:
            return True  # a partial object is only equal to itself
        other = right if isinstance(left, Partial) else left
        return False if isinstance(other, (TorchRef, LocalClass, LocalFunction)) or other is None else None
    local = (LocalClass, LocalFunction)
    if not (isinstance(left, local) or isinstance(right, local)):
        return None
    if left is right:
        return True
    if isinstance(left, local) and isinstance(right, local):
        return False if left.node is not right.node else None
    other = right if isinstance(left, local) else left
    if isinstance(other, (TorchRef, int, float, str, tuple, list)) or other is None:
        return False  # nn.Conv2d, a number, a name: never a class written in the project
    return None


def _plain_data(value: Any, depth: int = 0) -> bool:
    """None, bools, numbers, strings, and lists, tuples and dicts of them: compared as Python does."""
    if value is None or type(value) in (bool, int, float, str):
        return True
    if depth < 4 and type(value) in (list, tuple):
        return all(_plain_data(item, depth + 1) for item in value)
    if depth < 4 and type(value) is dict:
        return all(_plain_data(k, depth + 1) and _plain_data(v, depth + 1) for k, v in value.items())
    return False


# the builtin classes type() names for plain values: each a class of its own
BUILTIN_TYPES = frozenset({"int", "float", "str", "list", "tuple", "dict", "bool"})

# what comparing a value with itself gives
SAME_VALUE = {"Equal": True, "NotEqual": False, "LessThanEqual": True, "GreaterThanEqual": True,
              "LessThan": False, "GreaterThan": False}


def compare(operator: str, left: Any, right: Any) -> bool | None:
    if operator in ("Is", "IsNot", "Equal", "NotEqual") and (isinstance(left, EnumMember) or isinstance(right, EnumMember)):
        if isinstance(left, Unknown) or isinstance(right, Unknown):
            return None
        same = left == right  # a plain Enum's member is itself and equal to nothing else
        return same if operator in ("Is", "Equal") else not same
    if operator in ("Equal", "NotEqual") and (isinstance(left, Builtin) and left.name in BUILTIN_TYPES
                                               or isinstance(right, Builtin) and right.name in BUILTIN_TYPES):
        same = _same_class(left, right)  # `type(x) == list`
        if same is not None:
            return same == (operator == "Equal")
    if operator in ("Is", "IsNot", "Equal", "NotEqual"):
        same = _same_definition(left, right)
        if same is not None:
            return same if operator in ("Is", "Equal") else not same
    if operator in ("Equal", "NotEqual") and (left is None or right is None):
        equal = _equals_none(right if left is None else left)
        if equal is not None:
            return equal if operator == "Equal" else not equal
    if operator in ("Equal", "NotEqual") and _never_equal(left, right):
        return operator == "NotEqual"
    if operator in ("Is", "IsNot"):
        if type(left) is bool and type(right) is bool:
            return (left is right) == (operator == "Is")  # the two bool singletons
        if (type(left) is bool) != (type(right) is bool) and _plain_data(left) and _plain_data(right):
            return operator == "IsNot"  # `norm is not False` of a string: a value of another type is no bool
        if type(left) is int and type(right) is int and all(-5 <= v <= 256 for v in (left, right)):
            return (left == right) == (operator == "Is")  # `i % 2 is 0`: CPython's cached small ints
        if type(left) is str and type(right) is str:
            # `kind is 'proj'`: different strings are never one object; equal identifier-like literals
            # are, as CPython interns them (what the author means, SyntaxWarning and all)
            if left != right:
                return operator == "IsNot"
            if left.isidentifier():
                return operator == "Is"
            return None
        if left is None or right is None:
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return None
            same = left is right
            return same if operator == "Is" else not same
        same = _same_class(left, right)
        return None if same is None else same if operator == "Is" else not same
    if operator in ("Equal", "NotEqual") and _plain_data(left) and _plain_data(right):
        return (left == right) == (operator == "Equal")  # `vars(args)[arg] == 'True'` of a list: False
    if operator in ("In", "NotIn"):
        if isinstance(right, (list, tuple, str, dict, set, frozenset)) and not isinstance(left, Unknown) \
                and hashable(left):
            found = left in right
            if not found and not isinstance(right, str) and (
                    isinstance(left, Sym) or any(isinstance(item, (Sym, Unknown)) for item in right)):
                return None  # `mode in ("bn", "in")` of a value known only as a symbol: it may be either
            return found if operator == "In" else not found
        return None
    if isinstance(left, Sym) and left == right and operator in SAME_VALUE:
        return SAME_VALUE[operator]  # `if self.out_channels != self.in_channels` of one symbolic width: equal
    if operator in ("Equal", "NotEqual") and isinstance(left, Sym) and isinstance(right, Sym) \
            and is_width(left) and is_width(right) and not can_equal(left, right):
        return operator == "NotEqual"  # `in_channels * 2 != in_channels` of one width (at least 1): never equal
    if not (isinstance(left, (int, float, str, tuple)) and isinstance(right, (int, float, str, tuple))):
        return None
    if isinstance(left, tuple) and isinstance(right, tuple) and not (_plain_data(left) and _plain_data(right)):
        return _compare_items(operator, left, right)
    try:
        return {
            "Equal": lambda a, b: a == b,
            "NotEqual": lambda a, b: a != b,
            "LessThan": lambda a, b: a < b,
            "LessThanEqual": lambda a, b: a <= b,
            "GreaterThan": lambda a, b: a > b,
            "GreaterThanEqual": lambda a, b: a >= b,
        }[operator](left, right)
    except (TypeError, KeyError):
        return None


def _compare_items(operator: str, left: tuple, right: tuple) -> bool | None:
    """`x.shape[-2:] != (28, 28)` of sizes known only as symbols: a tuple's == is its items', so
    it is known only where an item is surely unequal, or every item surely equal; H against 28 may
    be either (Python's own == of a symbol and a number would say False). Orderings: not known."""
    if operator not in ("Equal", "NotEqual"):
        return None
    if len(left) != len(right):
        return operator == "NotEqual"
    outcomes = [compare("Equal", a, b) for a, b in zip(left, right)]
    if False in outcomes:
        return operator == "NotEqual"
    if all(outcome is True for outcome in outcomes):
        return operator == "Equal"
    return None


def _equals_none(value: Any) -> bool | None:
    """`value == None`: None equals itself; a plain Python value and an nn.Module (object's
    identity __eq__, as `if self.up_conv != None:` compares it) equal nothing else. A module of
    the project that defines __eq__, a tensor or an unknown: not known."""
    if value is None:
        return True
    if isinstance(value, (bool, int, float, str, tuple, list, dict)):
        return False
    if isinstance(value, ModuleNode):
        cls = value.cls
        if isinstance(cls, LocalClass) and any("__eq__" in c.namespace or "__ne__" in c.namespace for c in cls.mro()):
            return None
        return False
    return None


def _plain_kind(value: Any) -> str | None:
    """The kind of a plain Python value whose == never meets another kind's: a number, a string,
    None, or a list/tuple/dict whatever it holds (items not known included)."""
    if value is None:
        return "none"
    if isinstance(value, (bool, int, float)):
        return "number"
    for kind in (str, list, tuple, dict):
        if isinstance(value, kind):
            return kind.__name__
    return None


def _never_equal(left: Any, right: Any) -> bool:
    """`stage == 2` with `stage` a list (pytorch-cifar100 shufflenet passes `stage=stage`, its list
    of blocks): a list is never equal to a number, whatever it holds; Python falls back to identity."""
    kinds = _plain_kind(left), _plain_kind(right)
    return None not in kinds and kinds[0] != kinds[1]


def _same_class(left: Any, right: Any) -> bool | None:
    """`block_type is Bottleneck`: a class of the project is itself and no other class (two
    classes of different names are two objects), and never a torch class; two torch names are
    the same class when they name the same one. Anything else is not known."""
    if isinstance(left, LocalClass) and isinstance(right, LocalClass):
        if left is right or left.node is right.node:
            return True
        return False if left.name != right.name else None
    if isinstance(left, LocalClass) and isinstance(right, TorchRef) \
            or isinstance(left, TorchRef) and isinstance(right, LocalClass):
        return False
    if isinstance(left, TorchRef) and isinstance(right, TorchRef) \
            and canonical_name(left.qualified) == canonical_name(right.qualified):
        return True
    if isinstance(left, Builtin) and isinstance(right, Builtin) and {left.name, right.name} <= BUILTIN_TYPES:
        return left.name == right.name  # `type(widths) is list`: the builtin types are distinct classes
    if any(isinstance(side, Builtin) and side.name in BUILTIN_TYPES for side in (left, right)) \
            and any(isinstance(side, (TorchRef, LocalClass)) for side in (left, right)):
        return False  # `type(x) is tuple` of a tensor: torch's and the project's classes are no builtin type
    if isinstance(left, TorchRef) and isinstance(right, TorchRef) and is_torch_layer_class(left.qualified) \
            and is_torch_layer_class(right.qualified) \
            and left.qualified.rsplit(".", 1)[-1] != right.qualified.rsplit(".", 1)[-1]:
        return False  # `type(mod) is nn.ReLU` of a Conv2d: module classes of two names are two classes
    return None


_ARITHMETIC = {
    "Add": lambda a, b: a + b,
    "Subtract": lambda a, b: a - b,
    "Multiply": lambda a, b: a * b,
    "Divide": lambda a, b: a / b,
    "FloorDivide": lambda a, b: a // b,
    "Modulo": lambda a, b: a % b,
    "Power": lambda a, b: a**b,
    "LeftShift": lambda a, b: a << b,
    "RightShift": lambda a, b: a >> b,
    "BitAnd": lambda a, b: a & b,
    "BitOr": lambda a, b: a | b,
    "BitXor": lambda a, b: a ^ b,
}


def python_arithmetic(operator: str, left: Any, right: Any) -> Any:
    """Python's own arithmetic on known values, refusing sizes no model has (time and memory)."""
    function = _ARITHMETIC.get(operator)
    if function is None:
        return Unknown(f"operator {operator}")
    numeric = (int, float)
    if operator == "Power" and isinstance(left, numeric) and isinstance(right, numeric):
        if abs(right) > 512 or (isinstance(left, int) and abs(left) > 1 and right * max(abs(left), 2).bit_length() > MAX_INT_BITS):
            return Unknown("a power too large to be a size")
    if operator in ("LeftShift",) and isinstance(right, int) and right > MAX_INT_BITS:
        return Unknown("a shift too large")
    if operator == "Multiply" and isinstance(left, (list, tuple, str)) and isinstance(right, int) and right * len(left) > 100_000:
        return Unknown("a sequence too long")
    if operator == "Multiply" and isinstance(right, (list, tuple, str)) and isinstance(left, int) and left * len(right) > 100_000:
        return Unknown("a sequence too long")
    try:
        return unknown_if_huge(function(left, right))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, MemoryError):
        return Unknown(f"{operator} of these values")


def numbers_stay_numbers(operator: str, left: Any, right: Any, result: Any) -> Any:
    """Arithmetic of two numbers is a number even where its value is not known (`1.0 / H`,
    `(n - 1) / float(n)`, `d ** -0.5`): an Unknown result becomes an UnknownNumber, with its why,
    so a tensor combined with it keeps its shape. Any other operand may be a tensor: as it was."""
    if not isinstance(result, Unknown) or isinstance(result, UnknownNumber) or operator not in _ARITHMETIC \
            or not (a_number(left) and a_number(right)):
        return result
    return UnknownNumber(result.why, result.origin)


def quotient_arithmetic(operator: str, left: Any, right: Any) -> Any:
    """A Quotient (numerator/denominator of a symbolic size) with an int: divided, multiplied,
    added to or subtracted from, it stays an exact ratio; anything else is not known."""
    if isinstance(right, Quotient) and isinstance(left, int) and not isinstance(left, bool) \
            and operator in ("Multiply", "Add"):
        left, right = right, left
    if not isinstance(left, Quotient) or not isinstance(right, int) or isinstance(right, bool) \
            or not isinstance(left.numerator, Sym):
        return Unknown("arithmetic on a ratio of a symbolic size")
    if operator == "Divide":
        return symbolic_arithmetic(operator, left, right)
    if operator == "Multiply" and right > 0 and left.denominator & (left.denominator - 1) == 0:
        # (a float of x / 2**k is exact, so its multiple is; x / 49 * 49 is 0.999... in floats)
        return Quotient("a symbolic size times a ratio", numerator=dim_mul(left.numerator, right),
                        denominator=left.denominator)
    if operator in ("Add", "Subtract"):
        shift = right * left.denominator * (1 if operator == "Add" else -1)
        return Quotient("a symbolic size plus a ratio", numerator=dim_add(left.numerator, shift),
                        denominator=left.denominator)
    return Unknown("arithmetic on a ratio of a symbolic size")


MAX_SYMBOLIC_EXPONENT = 4  # `side ** 2`, `scale ** 3`: a higher power of a symbolic size stays unknown


def symbolic_arithmetic(operator: str, left: Any, right: Any) -> Any:
    # `h % 8`, `(8 - h % 8) % 8`, `math.ceil(h / 8) * 8 - h`: the padding to a multiple, kept so that
    # the padded side is a multiple of 8 (shapes.residue_arithmetic)
    kept = shapes.residue_arithmetic(operator, left, right)
    if kept is not None:
        return kept
    if operator == "Divide" and isinstance(right, float) and right.is_integer():
        right = int(right)  # `math.ceil(h / 8.0)`: the same ratio as h / 8
    if operator == "Divide" and isinstance(left, (Sym, Quotient)) and isinstance(right, int) \
            and not isinstance(right, bool) and right > 0:
        numerator, denominator = (left.numerator, left.denominator) if isinstance(left, Quotient) else (left, 1)
        return Quotient("a symbolic size divided with /", numerator=numerator, denominator=denominator * right)
    if operator == "Multiply" and isinstance(left, float) and isinstance(right, Sym):
        left, right = right, left
    if operator == "Multiply" and isinstance(left, Sym) and isinstance(right, float) and math.isfinite(right):
        # `int(base_c * 1.5)`: a float of a dyadic ratio times an int is exact (below 2**53), so
        # int() of it is floor(3*base_c / 2)
        numerator, denominator = right.as_integer_ratio()
        if 0 < numerator <= 1 << 16 and denominator <= 64:
            return Quotient("a symbolic size times a float", numerator=dim_mul(left, numerator),
                            denominator=denominator)
        if right > 0 and symbolic.nonnegative_width(left):
            # `int(v * planes)`, v = 0.2: not a ratio int() floors (int(0.29 * 100) is 28), but one
            # number wherever the same float times the same width is truncated
            return FloatMultiple("a width times a float", size=left, factor=right)
    if isinstance(left, Sym) and isinstance(right, int) and not isinstance(right, bool):
        if operator == "Add":
            return dim_add(left, right)
        if operator == "Subtract":
            return dim_add(left, -right)
        if operator == "Multiply":
            return dim_mul(left, right)
        if operator == "FloorDivide" and right > 0:
            return dim_floordiv(left, right)
    if isinstance(right, Sym) and isinstance(left, int) and not isinstance(left, bool):
        if operator == "Add":
            return dim_add(right, left)
        if operator == "Multiply":
            return dim_mul(right, left)
    if isinstance(left, Sym) and isinstance(right, Sym) and operator == "Multiply":
        return _product_of_widths(left, right) or dim_mul(left, right)
    if operator == "Power" and isinstance(left, Sym) and type(right) is int and 0 <= right <= MAX_SYMBOLIC_EXPONENT:
        # `bottom_width ** 2`: the product of that many factors, as `bw * bw` is written
        power: Any = 1
        for _ in range(right):
            power = symbolic_arithmetic("Multiply", power, left) if isinstance(power, Sym) else dim_mul(left, power)
        return power
    if isinstance(left, Sym) and isinstance(right, Sym) and operator == "Subtract":
        difference = shapes.dim_difference(left, right)  # `out_channels - in_channels` of one width
        if difference is not None:
            return difference
        difference = shapes.arguments_difference(left, right)  # `out_channels - dv` of two: an exact sum
        if difference is not None:
            return difference
    if isinstance(left, Sym) and isinstance(right, Sym) and operator == "Add":
        total = shapes.dim_sum(left, right)  # `G0 + C*G` of one argument: (C+1)*G
        if is_known(total) or isinstance(total, Sym) and (not total.opaque or symbolic.arguments_sum(total)):
            return total  # of several (`nChannels + growthRate`): an exact sum of their widths
    if isinstance(left, Sym) and isinstance(right, Sym) and operator == "FloorDivide":
        quotient = _quotient_of_widths(left, right)
        if quotient is not None:
            return quotient
    return Unknown("arithmetic on a symbolic size")


def _zero_guarded(statement: cst.If) -> tuple[cst.BaseExpression, int] | None:
    """(the name or attribute, the least value it is given) of `if x == 0: x = 1` (also `x < 1`,
    `x <= 0`, `not x`, `0 == x`; any int k >= 1 given where x is below k), with nothing else in
    its body and no else; None for any other `if`."""
    test, body = statement.test, statement.body
    if statement.orelse is not None or not isinstance(body, cst.IndentedBlock) or len(body.body) != 1 \
            or not isinstance(body.body[0], cst.SimpleStatementLine) or len(body.body[0].body) != 1:
        return None
    assigned = body.body[0].body[0]
    if not isinstance(assigned, cst.Assign) or len(assigned.targets) != 1 \
            or not isinstance(assigned.value, cst.Integer) or int(assigned.value.value, 0) < 1:
        return None
    floor = int(assigned.value.value, 0)
    target = assigned.targets[0].target
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        tested, below = test.expression, 1  # `not x`: x == 0
    elif isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        comparison = test.comparisons[0]
        left, right, operator = test.left, comparison.comparator, comparison.operator
        if isinstance(left, cst.Integer):
            left, right = right, left
            operator = {cst.LessThan: cst.GreaterThan(), cst.GreaterThan: cst.LessThan(), cst.LessThanEqual:
                        cst.GreaterThanEqual(), cst.GreaterThanEqual: cst.LessThanEqual()}.get(type(operator), operator)
        if not isinstance(right, cst.Integer):
            return None
        bound = int(right.value, 0)
        below = bound + 1 if isinstance(operator, (cst.Equal, cst.LessThanEqual)) else \
            bound if isinstance(operator, cst.LessThan) else None
        if below is None or isinstance(operator, cst.Equal) and bound != 0:
            return None
        tested = left
    else:
        return None
    if below != floor or not (cst.Module([]).code_for_node(tested) == cst.Module([]).code_for_node(target)
                              and isinstance(target, (cst.Name, cst.Attribute))):
        return None  # (only the guard that lifts x to the least value the test lets through: max(x, k))
    return target, floor


def _quotient_of_widths(left: Sym, right: Sym) -> Sym | None:
    """`channel // reduction` of two constructor arguments nothing gives: a width of its own,
    named after the quotient, so the squeeze and the excitation written alike are one width.
    Taken as an argument apart from both (any whole number, where it is at most `channel`): a
    mismatch proved for every value of it holds for the values the model reaches. None for
    anything but two plain arguments."""
    for dim in (left, right):
        if dim.opaque or not isinstance(dim.base, str) or (dim.scale, dim.offset, dim.divisor) != (1, 0, 1) \
                or dim.base in INPUT_SYMBOLS:
            return None
    return Sym(f"({left.base}//{right.base})")


def _product_of_widths(left: Sym, right: Sym) -> Sym | None:
    """`base * widen`, `initial_channels * 2 * widening_factor` of constructor arguments nothing
    gives: a multiple of one symbol named after the product, its factors in one order, so that the
    same product written twice is the same width (`2*base*widen` twice the `base*widen` before
    it); None for anything but a whole multiple of arguments' symbols (an input's side, a floor)."""
    factors = []
    for dim in (left, right):
        if dim.opaque or not isinstance(dim.base, str) or dim.offset or dim.divisor != 1 or dim.scale < 1 \
                or any(name in INPUT_SYMBOLS for name in dim.base.split("*")):
            return None
        factors.extend(dim.base.split("*"))
    return Sym("*".join(sorted(factors)), left.scale * right.scale)


def floor_or_unknown(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value):
        return math.floor(value)
    return Unknown("floor of an unknown")


def _subtree(module: ModuleNode) -> list[ModuleNode]:
    """A module and every module under it."""
    found, seen, todo = [], set(), [module]
    while todo:
        node = todo.pop()
        if id(node) not in seen:
            seen.add(id(node))
            found.append(node)
            todo.extend(child for child in node.children.values() if child is not None)
    return found
