"""Models written here as a source with placeholders (`WIDTH`), filled in right and wrong, and the
two checks each such case makes against torch: convlint's shape of every module equals torch's
(forward hooks) at the size given, and with no options the wrong filling is an error at its line
while the right one is clean."""

from __future__ import annotations

import textwrap
from typing import Callable

import pytest

from convlint.pipeline import Settings, lint_text


def filled(source: str, values: dict) -> str:
    for name, value in values.items():
        source = source.replace(name, value)
    return source


def tapped(forward: str, init: str = "") -> str:
    """The source of a model `Net` with fourteen identity layers, `self.a` to `self.n`, through
    which its forward passes the values a test compares with torch (module_shapes hooks each)."""
    def body(lines: str) -> str:
        return textwrap.indent(textwrap.dedent(lines).lstrip("\n"), " " * 8)

    return f'''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
{body(init)}        self.names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"]
        for name in self.names:
            setattr(self, name, nn.Identity())

    def forward(self, x):
{body(forward)}'''


def built(source: str, filename: str, build: Callable | None = None):
    """The model the source defines, in eval mode: `Net()`, or what `build(namespace)` makes."""
    namespace: dict = {}
    exec(compile(source, filename, "exec"), namespace)
    model = build(namespace) if build is not None else namespace["Net"]()
    return model.eval()


def module_shapes(model, size: tuple) -> dict:
    """Each module's output shape (its first call) when torch runs the model on zeros of `size`."""
    torch = pytest.importorskip("torch")
    seen: dict = {}

    def hook_for(name):
        def hook(module, args, output):
            if isinstance(output, torch.Tensor):
                seen.setdefault(name, tuple(output.shape))
        return hook

    for name, module in model.named_modules():
        module.register_forward_hook(hook_for(name))
    model(torch.zeros(*size))
    return seen


def assert_shapes_equal_torch(source: str, size: tuple, filename: str, settings: Settings | None = None,
                              build: Callable | None = None, name: str = "Net") -> None:
    result = lint_text(source, filename, settings or Settings(input_shapes={name: size}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == name]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    for path, shape in module_shapes(built(source, filename, build), size).items():
        assert predicted.get(path) == shape, path


def assert_bug_found_at_its_line(source: str, right: dict, wrong: dict, size: tuple, line: int, code: str,
                                 filename: str, build: Callable | None = None):
    """Torch refuses the wrong filling; convlint, given nothing, reports it at `line` and finds
    nothing in the right one (whose result it returns)."""
    broken = filled(source, wrong)
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, filename, build), size)
    found = {(d.code, d.span.line) for d in lint_text(broken, filename, Settings()).diagnostics
             if d.severity == "error"}
    assert (code, line) in found
    clean = lint_text(filled(source, right), filename, Settings())
    assert not [d for d in clean.diagnostics if d.severity == "error"]
    return clean
