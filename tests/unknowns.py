"""Mutations for the soundness property: one literal of a correct model made unknown.

Each mutant replaces one integer literal inside a class body (a layer argument, a channel
count, a loop bound) with a name nothing defines, which the evaluator can only treat as an
unknown value. An unknown must never become an error finding."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

UNKNOWN_NAME = "UNKNOWN_VALUE"


class _Collect(cst.CSTVisitor):
    def __init__(self) -> None:
        self.depth = 0
        self.found: list[cst.Integer] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth += 1

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth -= 1

    def visit_Integer(self, node: cst.Integer) -> None:
        if self.depth:
            self.found.append(node)


class _Replace(cst.CSTTransformer):
    def __init__(self, target: cst.Integer) -> None:
        self.target = target

    def leave_Integer(self, original: cst.Integer, updated: cst.Integer) -> cst.BaseExpression:
        return cst.Name(UNKNOWN_NAME) if original is self.target else updated


def literal_unknown_mutants(source: str) -> Iterator[tuple[int, str]]:
    """(index, mutated source) for each integer literal inside a class."""
    module = cst.parse_module(source)
    collector = _Collect()
    module.visit(collector)
    for index, literal in enumerate(collector.found):
        yield index, module.visit(_Replace(literal)).code


ARGUMENT_NAME = "width_arg"


class _InitLiterals(cst.CSTVisitor):
    """Integer literals in the body of each class's own __init__, by class."""

    def __init__(self) -> None:
        self.inits: list[cst.FunctionDef] = []
        self.found: list[tuple[cst.FunctionDef, cst.Integer]] = []
        self.classes = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes += 1

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.classes and node.name.value == "__init__":
            self.inits.append(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.inits and self.inits[-1] is node:
            self.inits.pop()

    def visit_Parameters(self, node: cst.Parameters) -> bool:
        return False  # defaults are not the body's literals

    def visit_Integer(self, node: cst.Integer) -> None:
        if self.inits:
            self.found.append((self.inits[-1], node))


class _MakeArgument(cst.CSTTransformer):
    """The literal becomes a required keyword-only argument of its __init__: a model nothing
    builds gets a symbol for it, a block its callers build (without it) an unknown."""

    def __init__(self, init: cst.FunctionDef, target: cst.Integer) -> None:
        self.init, self.target = init, target

    def leave_Integer(self, original: cst.Integer, updated: cst.Integer) -> cst.BaseExpression:
        return cst.Name(ARGUMENT_NAME) if original is self.target else updated

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if original is not self.init:
            return updated
        params = updated.params
        star = params.star_arg if isinstance(params.star_arg, cst.Param) else cst.ParamStar()
        added = cst.Param(cst.Name(ARGUMENT_NAME))
        return updated.with_changes(params=params.with_changes(
            star_arg=star, kwonly_params=[*params.kwonly_params, added]))


def literal_argument_mutants(source: str) -> Iterator[tuple[int, str]]:
    """(index, mutated source) for each integer literal of a class's __init__, made a required
    constructor argument that nothing supplies (the model stays correct for the literal's value)."""
    module = cst.parse_module(source)
    collector = _InitLiterals()
    module.visit(collector)
    for index, (init, literal) in enumerate(collector.found):
        yield index, module.visit(_MakeArgument(init, literal)).code
