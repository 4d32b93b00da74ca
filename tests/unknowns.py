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
