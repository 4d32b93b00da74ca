"""Source stage: the input size a model file states in its configuration tables, the way model
zoos publish it beside the weights (`pretrained_settings = {'vggm': {'imagenet': {'input_size':
[3, 221, 221], ...}}}`, timm's `_cfg(...)` returning `{'input_size': (3, 224, 224), ...}`). Read
from dict literals only: nothing is imported or run."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

SIZE_KEYS = frozenset({"input_size", "img_size", "image_size"})


@dataclass(frozen=True)
class ConfiguredSize:
    dims: tuple[int, ...]  # (C, H, W) as the table writes it, without the batch
    node: cst.DictElement  # the `'input_size': [...]` entry, for its line and text


def configured_sizes(module: cst.Module) -> list[ConfiguredSize]:
    """Every `'input_size': (C, H, W)` entry of a dict literal in the file, in source order."""
    found: list[ConfiguredSize] = []

    class Finder(cst.CSTVisitor):
        def visit_DictElement(self, node: cst.DictElement) -> None:
            if isinstance(node.key, cst.SimpleString) and node.key.evaluated_value in SIZE_KEYS:
                dims = _int_sizes(node.value)
                if dims is not None:
                    found.append(ConfiguredSize(dims, node))

    module.visit(Finder())
    return found


def _int_sizes(node: cst.BaseExpression) -> tuple[int, ...] | None:
    """(3, 224, 224) or [3, 221, 221]: three positive int literals, or None."""
    if not isinstance(node, (cst.Tuple, cst.List)) or len(node.elements) != 3:
        return None
    dims = []
    for element in node.elements:
        if not isinstance(element, cst.Element) or not isinstance(element.value, cst.Integer):
            return None
        dims.append(int(element.value.evaluated_value))
    return tuple(dims) if all(0 < d <= 1 << 16 for d in dims) else None
