"""A module class torch surely finds no forward in: nn.Module's own `forward` is the placeholder
that raises NotImplementedError ("Module [Block] is missing the required "forward" function"), so
calling an instance of a class whose every base is known, none defining forward or __call__, and
no code of its file setting a forward, stops torch there (CL113)."""

from __future__ import annotations

import libcst as cst

from convlint.evaluator.objects import LocalClass, TorchRef
from convlint.evaluator.torch_api import canonical_name

# what a class of the code may define that gives its instances a forward, or a call, of another kind
_GIVING_A_CALL = frozenset({"forward", "__call__", "__getattribute__", "__getattr__", "__init_subclass__",
                            "__class_getitem__", "__new__"})
_BARE_MODULE = frozenset({"torch.nn.Module"})


def surely_without_forward(cls: object) -> bool:
    """Every class of its MRO is one of the code's (nn.Module aside), none decorated nor given a
    metaclass, none naming forward or __call__ among its class names (a method, an assignment), none
    setting a forward on an instance (`self.forward = ...`, a setattr of a name not written), and no
    code of their files setting one on the class (`Block.forward = fn`)."""
    if not isinstance(cls, LocalClass):
        return False
    reached_module = False
    for klass in cls.mro():
        node = klass.node
        if node.decorators or node.keywords:
            return False
        if _GIVING_A_CALL & set(klass.namespace):
            return False
        for base in klass.bases:
            if isinstance(base, LocalClass):
                continue
            if isinstance(base, TorchRef) and canonical_name(base.qualified) in _BARE_MODULE:
                reached_module = True
                continue
            return False  # a library's class, one not known, a mixin of Python's
        parsed = getattr(klass.scope, "parsed", None)
        if parsed is None or _defines_a_call(node) or _sets_a_forward(parsed.module):
            return False
    return reached_module


def _defines_a_call(node: cst.ClassDef) -> bool:
    """A `def forward` or `forward = ...` anywhere in the class's body, a condition's branch too
    (whether or not its class names hold it)."""
    names: list = []

    class Visitor(cst.CSTVisitor):
        def visit_FunctionDef(self, function: cst.FunctionDef) -> None:
            names.append(function.name.value)

        def visit_ClassDef(self, inner: cst.ClassDef) -> bool:
            return inner is node  # a class nested in it is another class

    node.visit(Visitor())
    names += [t.value for t in _targets(node) if isinstance(t, cst.Name)]
    return bool(_GIVING_A_CALL & set(names))


# the last module scanned and what it gave: its classes are asked about one after another, and
# holding only the last keeps no file's tree alive past its own checks
_LAST_SCANNED: list = [None, False]


def _sets_a_forward(code: cst.CSTNode) -> bool:
    """`x.forward = ...` (an instance's, a class's), a write through `__dict__` or `__class__`, a
    setattr, __setattr__, add_module or register_module naming forward or a name not written as
    a constant."""
    if _LAST_SCANNED[0] is code:
        return _LAST_SCANNED[1]
    found = any(_names_a_forward(target) for target in _targets(code)) or any(
        _call_sets_a_forward(call) for call in _calls(code))
    _LAST_SCANNED[:] = [code, found]
    return found


def _names_a_forward(target) -> bool:
    while isinstance(target, cst.Subscript):
        target = target.value
    return isinstance(target, cst.Attribute) and target.attr.value in ("forward", "__dict__", "__class__")


def _call_sets_a_forward(call: cst.Call) -> bool:
    func = call.func
    name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
    if name == "setattr" and isinstance(func, cst.Name):
        index = 1  # setattr(obj, name, value)
    elif name == "__setattr__":
        index = 1 if len(call.args) >= 3 else 0  # object.__setattr__(self, name, v), self.__setattr__(name, v)
    elif name in ("add_module", "register_module"):
        index = 0
    else:
        return False
    if len(call.args) <= index:
        return True
    key = call.args[index].value
    return not isinstance(key, cst.SimpleString) or key.evaluated_value == "forward"


def _calls(code: cst.CSTNode) -> list:
    out: list = []

    class Visitor(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            out.append(node)

    code.visit(Visitor())
    return out


def _targets(code: cst.CSTNode) -> list:
    out: list = []

    class Visitor(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            out.extend(_flat(node.target))

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            out.append(node.target)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            out.append(node.target)

        def visit_Del(self, node: cst.Del) -> None:
            out.extend(_flat(node.target))

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            out.append(node.target)

    code.visit(Visitor())
    return out


def _flat(target) -> list:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [t for element in target.elements for t in _flat(element.value)]
    if isinstance(target, cst.StarredElement):
        return _flat(target.value)
    return [target]
