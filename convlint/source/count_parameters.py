"""Source stage: the constructor parameters a torch layer of __init__ takes, unchanged, as a
channel or feature count. Such a parameter is a whole number wherever the model builds: torch's
constructors size their weights with torch.empty, which refuses a float count. So int() of a
product of it (`int(ngf * 2 ** depth)`, written before the layer that takes ngf) keeps the
product. Nothing is imported or run."""

from __future__ import annotations

import re

import libcst as cst

from convlint.source.parse import bound_names, dotted_name

# layer name -> (positions, keywords) of the counts its constructor sizes a weight with; a norm
# whose affine or running statistics may be turned off sizes no weight, so it is left out there
_COUNTS: tuple[tuple[re.Pattern, tuple[int, ...], frozenset[str]], ...] = (
    (re.compile(r"^Conv(Transpose)?[123]d$"), (0, 1), frozenset({"in_channels", "out_channels"})),
    (re.compile(r"^Linear$"), (0, 1), frozenset({"in_features", "out_features"})),
    (re.compile(r"^BatchNorm[123]d$"), (0,), frozenset({"num_features"})),
    (re.compile(r"^GroupNorm$"), (1,), frozenset({"num_channels"})),
    (re.compile(r"^Embedding$"), (0, 1), frozenset({"num_embeddings", "embedding_dim"})),
)
_WEIGHTLESS_KEYWORDS = frozenset({"affine", "track_running_stats", "_weight"})
_TORCH_PREFIXES = frozenset({"", "nn", "torch.nn"})


def count_parameters(cls: cst.ClassDef) -> frozenset[str]:
    """Parameters of cls's __init__ that some torch layer call of __init__ takes bare as a count,
    and that __init__ never binds again (the name at the call is the parameter)."""
    init = next((s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None) \
        if isinstance(cls.body, cst.IndentedBlock) else None
    if init is None:
        return frozenset()
    params = {p.name.value for p in (*init.params.posonly_params, *init.params.params, *init.params.kwonly_params)}
    finder = _CountFinder(params)
    init.body.visit(finder)
    return frozenset(finder.counted - finder.bound)


class _CountFinder(cst.CSTVisitor):
    def __init__(self, params: set[str]) -> None:
        self.params = params
        self.counted: set[str] = set()
        self.bound: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        prefix, _, layer = dotted_name(node.func).rpartition(".")
        if prefix not in _TORCH_PREFIXES:
            return
        for pattern, positions, keywords in _COUNTS:
            if not pattern.match(layer):
                continue
            if any(a.keyword is not None and a.keyword.value in _WEIGHTLESS_KEYWORDS for a in node.args) \
                    or any(a.star for a in node.args):
                return
            for index, arg in enumerate(node.args):
                named = arg.keyword.value if arg.keyword is not None else None
                if (named in keywords or named is None and index in positions) \
                        and isinstance(arg.value, cst.Name) and arg.value.value in self.params:
                    self.counted.add(arg.value.value)
            return

    def _bind(self, target: cst.CSTNode) -> None:
        for name in bound_names(target):
            self.bound.add(name)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._bind(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind(node.name)

    def visit_Del(self, node: cst.Del) -> None:
        self._bind(node.target)

    def visit_Global(self, node: cst.Global) -> None:
        self.bound.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.bound.update(item.name.value for item in node.names)

    def visit_Param(self, node: cst.Param) -> None:
        self.bound.add(node.name.value)  # a nested function's or lambda's parameter shadows ours: left out

