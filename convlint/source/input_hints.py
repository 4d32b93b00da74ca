"""Source stage: the input sizes a file's own code feeds its models, read from the syntax tree
(nothing is imported or run). Imports neither the evaluator nor torch.

Only certain hints: a model instance called on a tensor made with literal sizes, or handed to a
tool that takes an input size. When in doubt there is no hint: a wrong size is a false error."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

MAKERS = frozenset("randn rand zeros ones empty full randint normal".split())
MAX_DIM = 1 << 20


@dataclass(frozen=True, slots=True)
class InputHint:
    target: str  # the model fed: a class or factory function name
    module: str | None  # where the hinting file imported it from; None: defined there
    shape: tuple[int | None, ...]  # None: a dim that stays symbolic (torchsummary's batch)
    line: int
    kind: str  # "call", "torchinfo", "torchsummary"
    text: str  # the hinting code, for messages


def find_input_hints(module: cst.Module) -> list[InputHint]:
    wrapper = cst.metadata.MetadataWrapper(module, unsafe_skip_copy=True)
    finder = _Finder(module)
    wrapper.visit(finder)
    out: list[InputHint] = []
    for hint in finder.hints:
        if all((hint.target, hint.shape) != (h.target, h.shape) for h in out):
            out.append(hint)
    return out


def _int(node: cst.BaseExpression, constants: dict) -> int | None:
    if isinstance(node, cst.Integer):
        value = int(node.value, 0) if not node.value.startswith("0") or node.value == "0" else None
        return value if value is not None and 0 < value <= MAX_DIM else None
    if isinstance(node, cst.Name):
        return constants.get(node.value)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Multiply, cst.FloorDivide, cst.Add)):
        left, right = _int(node.left, constants), _int(node.right, constants)
        if left is None or right is None:
            return None
        value = left * right if isinstance(node.operator, cst.Multiply) else left + right \
            if isinstance(node.operator, cst.Add) else left // right
        return value if 0 < value <= MAX_DIM else None
    return None


def _sizes(nodes: list[cst.BaseExpression], constants: dict) -> tuple[int, ...] | None:
    if len(nodes) == 1 and isinstance(nodes[0], (cst.Tuple, cst.List)):
        nodes = [e.value for e in nodes[0].elements]
    values = [_int(n, constants) for n in nodes]
    return tuple(values) if values and all(v is not None for v in values) else None  # type: ignore[arg-type]


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


class _Finder(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self.hints: list[InputHint] = []
        self.constants: dict[str, int] = {}
        self.defined: set[str] = set()  # classes and functions of the file
        self.imported: dict[str, str] = {}  # local name -> module it came from
        self.summary_kind: dict[str, str] = {}  # local name of a summary() -> torchinfo/torchsummary
        self.instances: list[dict[str, str]] = [{}]  # per function: name -> model
        self.tensors: list[dict[str, tuple]] = [{}]  # per function: name -> shape
        for statement in module.body:
            if isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
                self.defined.add(statement.name.value)

    # --- scopes
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.instances.append({})
        self.tensors.append({})

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.instances.pop()
        self.tensors.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # a model's own code feeds its layers, not the model

    def visit_For(self, node: cst.For) -> None:
        for name in _targets(node.target):  # a name rebound in a loop is no longer known
            self.instances[-1].pop(name, None)
            self.tensors[-1].pop(name, None)

    # --- bindings
    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        source = "." * len(node.relative) + (_dotted(node.module) if node.module else "")
        for alias in node.names:
            name = alias.asname.name.value if alias.asname else _dotted(alias.name)
            self.imported[name] = source
            if _dotted(alias.name) == "summary" and source in ("torchinfo", "torchsummary"):
                self.summary_kind[name] = source

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        names = _targets(target)
        for name in names:
            self.instances[-1].pop(name, None)
            self.tensors[-1].pop(name, None)
            if len(self.instances) == 1:
                self.constants.pop(name, None)
        if not isinstance(target, cst.Name):
            if isinstance(target, cst.Tuple) and isinstance(node.value, cst.Tuple) and len(self.instances) == 1 \
                    and len(target.elements) == len(node.value.elements):
                for element, value in zip(target.elements, node.value.elements):
                    number = _int(value.value, self.constants)
                    if isinstance(element.value, cst.Name) and number is not None:
                        self.constants[element.value.value] = number
            return
        name = target.value
        number = _int(node.value, self.constants)
        if number is not None and len(self.instances) == 1:
            self.constants[name] = number
        model = self._model_of(node.value)
        if model is not None:
            self.instances[-1][name] = model
        shape = self._tensor_shape(node.value)
        if shape is not None:
            self.tensors[-1][name] = shape

    def _model_of(self, node: cst.BaseExpression) -> str | None:
        """`Net()`, `Net(...).to(device)`, `models.Net()`: the model's name."""
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                and node.func.attr.value in ("to", "cuda", "cpu", "eval", "float", "double", "train"):
            node = node.func.value
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            name = node.func.value
            if name in self.defined or (name in self.imported and name[:1].isupper()):
                return name
        if isinstance(node, cst.Name):
            return self._instance(node.value)
        return None

    def _instance(self, name: str) -> str | None:
        for scope in reversed(self.instances):
            if name in scope:
                return scope[name]
        return None

    def _tensor_shape(self, node: cst.BaseExpression) -> tuple | None:
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                and node.func.attr.value in ("to", "cuda", "cpu", "float", "double", "half") \
                and not (isinstance(node.func.value, cst.Name) and node.func.value.value == "torch"):
            node = node.func.value
        if isinstance(node, cst.Name):
            for scope in reversed(self.tensors):
                if node.value in scope:
                    return scope[node.value]
            return None
        if not isinstance(node, cst.Call) or _dotted(node.func).rpartition(".")[0] != "torch":
            return None
        maker = _dotted(node.func).rpartition(".")[2]
        if maker not in MAKERS:
            return None
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        if "size" in keywords:
            return _sizes([keywords["size"]], self.constants)
        if maker == "randint":
            return _sizes([positional[-1]], self.constants) if len(positional) >= 2 else None
        if maker in ("full", "normal"):
            return _sizes([positional[0]], self.constants) if maker == "full" and positional else None
        return _sizes(positional, self.constants)

    # --- hints
    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        target = None
        if isinstance(func, cst.Name):
            target = self._instance(func.value)
        elif isinstance(func, cst.Attribute) and func.attr.value == "forward" and isinstance(func.value, cst.Name):
            target = self._instance(func.value.value)
        elif isinstance(func, cst.Call):
            target = self._model_of(func)
        if target is not None and len(positional) == 1 and not keywords:
            shape = self._tensor_shape(positional[0])
            if shape is not None:
                self._add(target, shape, node, "call")
            return
        name = _dotted(func)
        kind = self.summary_kind.get(name) or {"torchinfo.summary": "torchinfo",
                                               "torchsummary.summary": "torchsummary"}.get(name)
        if kind is None or not positional:
            return
        model = self._model_of(positional[0])
        size = keywords.get("input_size", positional[1] if len(positional) > 1 else None)
        if model is None or size is None:
            return
        shape = _sizes([size], self.constants)
        if shape is None:
            return
        self._add(model, (None, *shape) if kind == "torchsummary" else shape, node, kind)

    def _add(self, target: str, shape: tuple, node: cst.Call, kind: str) -> None:
        line = self.get_metadata(cst.metadata.PositionProvider, node).start.line
        text = " ".join(self.module.code_for_node(node).split())
        self.hints.append(InputHint(target, self.imported.get(target) if target not in self.defined else None,
                                    shape, line, kind, text if len(text) <= 80 else text[:77] + "..."))


def _targets(node: cst.BaseExpression) -> list[str]:
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [name for element in node.elements for name in _targets(element.value)]
    return []
