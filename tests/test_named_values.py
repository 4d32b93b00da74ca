"""Configurations a model's own code names (tests/corpus/named_values.py): a model nothing builds
is also built with each value its constructor compares an argument with, indexes a table by, or
branches on, and what fails there for every input size (and every loop count) is an error.
Checked against torch."""

import ast
from pathlib import Path

import pytest

from convlint.evaluator.named_values import configurations, named_values
from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "named_values.py"


def _errors():
    result = lint_file(CORPUS / NAME, NAME, Settings())
    return {(d.model, d.span.line, d.code): d.message for d in result.diagnostics if d.severity == "error"}


def _load() -> dict:
    namespace: dict = {"__name__": "named_values"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def _line(marker: str) -> int:
    return next(i for i, text in enumerate((CORPUS / NAME).read_text().splitlines(), 1) if marker in text)


def test_values_the_code_names_for_each_argument():
    tree = ast.parse((CORPUS / NAME).read_text())
    assert named_values(tree, "DatasetNet", _line("class DatasetNet")) == {
        "dataset": ["cifar", "imagenet"], "bottleneck": [True]}
    assert named_values(tree, "ForgetsExpansion", _line("class ForgetsExpansion")) == {
        "dataset": ["cifar10", "cifar100"], "bottleneck": [True]}
    assert named_values(tree, "Tabled", _line("class Tabled")) == {"name": ["A", "B"]}
    assert configurations({"dataset": ["cifar10", "cifar100"], "bottleneck": [True]}) == [
        {"bottleneck": True, "dataset": "cifar10"}, {"bottleneck": True, "dataset": "cifar100"}]
    assert configurations({"dataset": ["cifar10", "mnist"], "bottleneck": [True]}, frozenset({"bottleneck"})) == [
        {"dataset": "cifar10"}, {"dataset": "mnist"},  # the flag left at its default first
        {"bottleneck": True, "dataset": "cifar10"}, {"bottleneck": True, "dataset": "mnist"}]
    many = configurations({"a": list("pqrs"), "b": list("xyz")})
    assert len(many) == 7 and {"a": "p"} in many and {"b": "z"} in many  # one at a time past 8


def test_an_error_of_a_named_configuration_is_reported_with_it():
    errors = _errors()
    assert sorted(errors) == [("DatasetSized", _line("[CL105] with dataset="), "CL105"),
                              ("ForgetsExpansion", _line("[CL101] with bottleneck"), "CL101"),
                              ("Tabled", _line("[CL101] with name="), "CL101")]
    message = errors[("ForgetsExpansion", _line("[CL101] with bottleneck"), "CL101")]
    assert "with bottleneck=True, dataset='cifar10' (a value the code names" in message
    assert "for depth = 8, 14, 20, 26, 32 and 38" in message
    assert "with name='B'" in errors[("Tabled", _line("[CL101] with name="), "CL101")]
    # a dataset the code names gives its images' size; the flag's default is combined with it
    assert "with dataset='cifar' (a value the code names; nothing gives it), on its 3x32x32 images" \
        in errors[("DatasetSized", _line("[CL105] with dataset="), "CL105")]


def test_torch_refuses_those_configurations_and_runs_the_others():
    torch = pytest.importorskip("torch")
    namespace = _load()
    x = torch.zeros(2, 3, 32, 32)
    for dataset in ("cifar10", "cifar100", "imagenet"):
        for bottleneck in (False, True):
            for depth in (8, 20):
                assert namespace["DatasetNet"](dataset, depth, 10, bottleneck)(x).shape == (2, 10)
    for depth in (8, 20, 38):
        assert namespace["ForgetsExpansion"]("cifar10", depth, 10)(x).shape == (2, 10)
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace["ForgetsExpansion"]("cifar100", depth, 10, bottleneck=True)(x)
    assert namespace["Tabled"]("A")(x).shape == (2, 10)
    for bottleneck in (False, True):
        assert namespace["DatasetSized"]("cifar10", 10, bottleneck)(torch.zeros(2, 3, 64, 64)).shape == (2, 10)
        with pytest.raises(RuntimeError, match="Output size is too small"):
            namespace["DatasetSized"]("cifar10", 10, bottleneck)(x)
        assert namespace["DatasetSized"]("mnist", 10, bottleneck)(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    assert namespace["NoiseGenerator"]("mnist")(torch.zeros(2, 100)).shape == (2, 1, 14, 14)
    assert namespace["OptionalPool"](4, pool=5)(torch.zeros(2, 4, 20)).shape == (2, 4, 4)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Tabled"]("B")(x)
    # what is not a configuration: a value refused on purpose, a block's value no model passes
    with pytest.raises(NotImplementedError):
        namespace["Refuses"]("tiny")
    assert namespace["Refuses"]("small")(x).shape == (2, 10)
    assert namespace["UsesKind"]()(torch.zeros(1, 8, 8, 8)).shape == (1, 8, 8, 8)
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        namespace["Kind"](8, "double").eval()(torch.zeros(1, 8, 8, 8))


ENUM_KEYED = '''
from enum import Enum

import torch.nn as nn


class Kind(Enum):
    SMALL = "small"
    LARGE = "large"


class Mixed(str, Enum):
    SMALL = "small"


CONFIGS = {Kind.SMALL.value: dict(n_maps=16, n_labels=4), Kind.LARGE.value: dict(n_maps=45, n_labels=4)}


class Net(nn.Module):
    def __init__(self, config, kind=Kind.SMALL, mode=Mixed.SMALL):
        super().__init__()
        assert kind == Kind.SMALL and kind != Kind.LARGE and kind != "small" and mode == "small"
        if mode == Mixed.SMALL and kind is Kind.SMALL:  # (UNet tutorials' `up_mode == UpMode.TRANSPOSED`)
            self.extra = nn.Identity()
        self.conv = nn.Conv2d(1, config["n_maps"], 3, padding=1)
        self.fc = nn.Linear(config["n_maps"] * 2, config["n_labels"])

    def forward(self, x):
        return self.fc(self.conv(x).mean((2, 3)))


small = Net(CONFIGS[Kind.SMALL.value])
large = Net(CONFIGS[Mixed.SMALL])
unequal = Kind.SMALL == "small"
'''


def test_members_of_an_enum_class_key_a_table_of_configurations():
    """honk's `_configs = {ConfigType.RES8.value: {...}}`: a member's .value (and a str-mixed
    member itself) keys the table, so the models built from it are checked."""
    from convlint.pipeline import lint_text

    result = lint_text(ENUM_KEYED, "configs.py", Settings())
    found = sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    assert found == [("Net", 26, "CL101")]
    assert not [u for m in result.models for u in m.unresolved if "condition" in u.why or "assert" in u.why]
    assert "expects 32 input features, but conv gives 16" in next(
        d.message for d in result.diagnostics if d.severity == "error")
    namespace: dict = {}
    exec(compile(ENUM_KEYED, "configs.py", "exec"), namespace)
    assert namespace["unequal"] is False
    torch = pytest.importorskip("torch")
    for model in ("small", "large"):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace[model](torch.zeros(2, 1, 8, 8))
