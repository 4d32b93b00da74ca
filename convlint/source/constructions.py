"""Source stage: where the file's own code builds its models with arguments (`net =
VGG("VGG19")`, `Generator(ngpu)`), so a model whose constructor needs them is analysed as the
code builds it, not with its parameters unknown. Nothing is imported or run."""

from __future__ import annotations

import libcst as cst

MAX_PER_CLASS = 3  # distinct argument lists analysed per class


def find_constructions(module: cst.Module, classes: set[str]) -> dict[str, list[cst.Call]]:
    """Calls of the given classes outside class bodies, by class name, in source order."""
    finder = _Finder(classes)
    module.visit(finder)
    return finder.found


class _Finder(cst.CSTVisitor):
    def __init__(self, classes: set[str]) -> None:
        self.classes = classes
        self.found: dict[str, list[cst.Call]] = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # a model's own code builds its blocks: they are checked inside it

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value in self.classes and node.args:
            if not any(a.star for a in node.args):
                self.found.setdefault(node.func.value, []).append(node)
