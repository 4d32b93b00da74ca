"""Evaluator: the constructor defaults that only hold a place (`anchors=()`, `cfg=None`). Imports no later stage."""

from __future__ import annotations

import re

import libcst as cst

from convlint.evaluator.objects import LocalClass, LocalFunction

# the words of a parameter name that say it counts something (`num_anchors`, `in_dim`, `nc`): a 0
# default of one is a count the caller gives, where a `padding=0` or `dim=0` (an axis) is a value
_COUNT_WORDS = frozenset({
    "n", "num", "nc", "na", "nl", "nm", "no", "ch", "chs", "c", "channels", "channel", "chans", "classes",
    "cls", "anchors", "features", "feats", "width", "widths", "hidden", "planes", "depth", "layers",
    "blocks", "count", "units", "filters", "heads", "outputs", "inputs", "in", "out", "inp", "oup",
    "embed", "emb", "nf", "ndf", "ngf", "nz", "size", "len", "length"})
_NOT_COUNTS = frozenset({"padding", "pad", "dilation", "dropout", "drop", "stride", "offset", "start", "shift",
                         "index", "idx", "indices", "ids", "seed", "axis", "dim", "p", "rate", "prob", "eps",
                         "bias", "id", "level", "stage", "pos", "position", "mode", "type"})

_WINDOW_WORDS = frozenset({"kernel", "k", "ks", "ksize", "stride", "strides", "padding", "pad", "dilation",
                           "window", "groups"})
_AXIS_WORDS = frozenset({"dim", "axis", "idx", "index", "indices", "ids", "id", "start", "end", "offset",
                         "shift", "pos", "position", "level", "seed", "value", "val", "fill"})


def placeholder_defaults(cls: LocalClass) -> dict[str, str]:
    """The constructor parameters whose default only holds a place for what every caller gives
    (YOLO's `Detect(nc=80, anchors=(), ch=())`, built from a config with real anchors): an empty
    tuple, list or dict the class reads; None it reads items of and never tests for; 0 of a count it
    never tests (`num_anchors=0`); below 0 of a window or a count it never tests (`kernel_size=-1`),
    by parameter, as written. A default the code handles (`if
    norm_layer is None:`, `x in attn_resolutions=()`, `if num_classes > 0`) is a value, not one."""
    init = cls.lookup("__init__")
    if not isinstance(init, LocalFunction):
        return {}
    params = init.node.params
    written = {p.name.value: p.default for p in (*params.posonly_params, *params.params, *params.kwonly_params)[1:]
               if p.default is not None}
    kinds = {name: kind for name, default in written.items() if (kind := _placeholder_kind(default)) is not None}
    if not kinds:
        return {}
    uses = _Uses(set(kinds))
    cls.node.body.visit(uses)  # the whole class: `self.cfg = cfg` tested in forward() is tested too
    found = {}
    for name, kind in kinds.items():
        if kind == "empty" and name in uses.content | uses.passed:
            found[name] = _text(written[name])
        elif kind == "none" and name in uses.content and name not in uses.tested:
            found[name] = "None"
        elif kind == "zero" and name in uses.read and name not in uses.tested and _counts(name):
            found[name] = "0"
        elif kind == "negative" and name in uses.read and name not in uses.tested and _sizes(name):
            found[name] = _text(written[name])
    return found


def _placeholder_kind(default: cst.BaseExpression) -> str | None:
    if isinstance(default, (cst.Tuple, cst.List)) and not default.elements:
        return "empty"
    if isinstance(default, cst.Dict) and not default.elements:
        return "empty"
    if isinstance(default, cst.Call) and not default.args and isinstance(default.func, cst.Name) \
            and default.func.value in ("tuple", "list", "dict"):
        return "empty"
    if isinstance(default, cst.Name) and default.value == "None":
        return "none"
    if isinstance(default, cst.Integer) and default.value == "0":
        return "zero"
    if isinstance(default, cst.UnaryOperation) and isinstance(default.operator, cst.Minus) \
            and isinstance(default.expression, cst.Integer):
        return "negative"
    return None


def _text(default: cst.BaseExpression) -> str:
    return cst.Module(body=[]).code_for_node(default)


def _sizes(name: str) -> bool:
    """A window's or a count's name, of which no value below 0 is one torch takes (`kernel_size=-1`
    of XNOR-Net's BinConv2d, a Linear too, that builds its conv only where callers give one); not an
    axis or an index (`dim=-1`, `padding_idx=-1`), which counts from the end."""
    words = set(re.split(r"_+", name.lower())) - {""}
    return bool(words & (_WINDOW_WORDS | _COUNT_WORDS)) and not words & _AXIS_WORDS


def _counts(name: str) -> bool:
    words = set(re.split(r"_+", name.lower())) - {""}
    return bool(words & _COUNT_WORDS) and not words & _NOT_COUNTS


def _named(node: cst.CSTNode, names: set[str]) -> str | None:
    """The parameter a bare name or a `self.name` attribute reads, if one of `names`."""
    if isinstance(node, cst.Name) and node.value in names:
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self" \
            and node.attr.value in names:
        return node.attr.value
    return None


class _Uses(cst.CSTVisitor):
    """How a class reads the parameters: `read` at all, `tested` (compared, truth-tested,
    isinstance'd: a default it handles), `content` (an item, a length, a loop), `passed` (an
    argument of another call, `torch.tensor(anchors)`, that may test it itself)."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.read: set[str] = set()
        self.tested: set[str] = set()
        self.content: set[str] = set()
        self.passed: set[str] = set()

    def _test(self, node: cst.CSTNode | None) -> None:
        while isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            node = node.expression
        if node is not None and (name := _named(node, self.names)) is not None:
            self.tested.add(name)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.names:
            self.read.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if (name := _named(node, self.names)) is not None:
            self.read.add(name)

    def visit_If(self, node: cst.If) -> None:
        self._test(node.test)

    def visit_While(self, node: cst.While) -> None:
        self._test(node.test)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self._test(node.test)

    def visit_Assert(self, node: cst.Assert) -> None:
        self._test(node.test)

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        if isinstance(node.operator, cst.Not):
            self._test(node.expression)

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        self._test(node.left)
        self._test(node.right)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._test(node.left)
        for target in node.comparisons:
            if not isinstance(target.operator, (cst.In, cst.NotIn)):
                self._test(target.comparator)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if (name := _named(node.value, self.names)) is not None:
            self.content.add(name)

    def visit_For(self, node: cst.For) -> None:
        if (name := _named(node.iter, self.names)) is not None:
            self.content.add(name)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        if (name := _named(node.iter, self.names)) is not None:
            self.content.add(name)

    def visit_Call(self, node: cst.Call) -> None:
        callee = node.func.value if isinstance(node.func, cst.Name) else None
        for arg in node.args:
            if arg.star == "**":
                continue  # `**norm_kwargs` of `norm_kwargs={}`: no options, a value
            if (name := _named(arg.value, self.names)) is not None:
                (self.tested if callee in ("isinstance", "callable", "hasattr") else
                 self.content if callee in ("len", "max", "min", "sum", "zip", "enumerate") else self.passed).add(name)


def statements_reading(cls: LocalClass, names: list[str]) -> dict[str, list[cst.CSTNode]]:
    """By parameter, the class's simple statements that read it or a name made from it in the
    class (`self.nl = len(anchors)`, then `.view(self.nl, -1, 2)`): where what only it makes fail is."""
    statements: list[cst.SimpleStatementLine] = []

    class Statements(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
            statements.append(node)

    cls.node.body.visit(Statements())
    found: dict[str, list[cst.CSTNode]] = {}
    for name in names:
        made = {name}
        for _ in range(4):  # the hops real code puts between a parameter and its use
            before = len(made)
            for statement in statements:
                for small in statement.body:
                    if isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)) and small.value is not None \
                            and _reads(small.value, made):
                        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                        for target in targets:
                            for element in (target.elements if isinstance(target, (cst.Tuple, cst.List)) else [target]):
                                node = element.value if isinstance(element, (cst.Element, cst.StarredElement)) \
                                    else element
                                if isinstance(node, cst.Name):
                                    made.add(node.value)
                                elif isinstance(node, cst.Attribute) and _named(node, {node.attr.value}):
                                    made.add(node.attr.value)  # `self.nl = len(anchors)`
            if len(made) == before:
                break
        found[name] = [statement for statement in statements if _reads(statement, made)]
    return found


def _reads(node: cst.CSTNode, names: set[str]) -> bool:
    uses = _Uses(names)
    node.visit(uses)
    return bool(uses.read)
