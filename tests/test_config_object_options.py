"""A model built from a nested configuration object (tests/corpus/config_object_options.py): the
values its code compares a field with (`block_type = config.model.net.block_type`, read through a
local alias) are configurations it claims to support, built as a plain argument's are; and a
block whose norm reads the wrong one of its two widths is blamed on its own line. Checked
against torch."""

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest

from convlint.evaluator.named_values import named_values
from convlint.pipeline import Settings, lint_file, lint_text

CORPUS = Path(__file__).parent / "corpus"
NAME = "config_object_options.py"
SOURCE = (CORPUS / NAME).read_text()
BUG = "        self.bn2 = nn.BatchNorm2d(cin)  # [CL104] bug: conv2 gives cout\n"


def _line(marker: str) -> int:
    return next(i for i, text in enumerate(SOURCE.splitlines(), 1) if marker in text)


def _config(block_type: str, depth: int) -> SimpleNamespace:
    return SimpleNamespace(model=SimpleNamespace(net=SimpleNamespace(depth=depth, base=16, block_type=block_type)),
                           n_classes=10)


def test_a_field_of_a_configuration_object_is_named_through_local_aliases():
    tree = ast.parse(SOURCE)
    assert named_values(tree, "Net", _line("class Net")) == {"config.model.net.block_type": ["basic"]}
    aliased = ast.parse(
        "class M:\n"
        "    def __init__(self, cfg, mode='a'):\n"
        "        part = cfg.model\n"
        "        kind = part.kind\n"
        "        if kind == 'wide' or cfg.model.other in ('x', 'y'):\n"
        "            pass\n"
        "        if mode.kind == 'q':\n"  # a part of a parameter with a default: not a configuration
        "            pass\n")
    assert named_values(aliased, "M", 1) == {"cfg.model.kind": ["wide"], "cfg.model.other": ["x", "y"]}


def test_the_block_type_a_configuration_names_is_built_and_its_norm_blamed():
    result = lint_file(CORPUS / NAME, NAME, Settings())
    found = [(d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert found == [("Net", _line("[CL104]"), "CL104")]
    message = next(d.message for d in result.diagnostics if d.severity == "error")
    assert "with config.model.net.block_type='basic' (a value the code names" in message


def test_the_right_norm_stays_clean():
    right = SOURCE.replace(BUG, "        self.bn2 = nn.BatchNorm2d(cout)\n")
    assert right != SOURCE
    result = lint_text(right, NAME, Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_torch_refuses_the_basic_block_and_runs_the_others():
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "config_case"}
    exec(compile(SOURCE, NAME, "exec"), namespace)
    x = torch.zeros(2, 3, 32, 32)
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        namespace["Net"](_config("basic", 20))(x)
    assert namespace["Net"](_config("bottleneck", 29))(x).shape == (2, 10)
    right: dict = {"__name__": "config_case"}
    exec(compile(SOURCE.replace(BUG, "        self.bn2 = nn.BatchNorm2d(cout)\n"), NAME, "exec"), right)
    assert right["Net"](_config("basic", 20))(x).shape == (2, 10)
