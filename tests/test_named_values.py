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
    paired = configurations({"name": list("pqrstu"), "neck": ["no", "bn"]})
    assert len(paired) == 12 and {"name": "s", "neck": "bn"} in paired  # six names, each with either switch
    many = configurations({"a": list("pqrs"), "b": list("xyz"), "c": [1, 2]})
    assert len(many) == 9 and {"a": "p"} in many and {"c": 2} in many  # one at a time past 12


def test_an_error_of_a_named_configuration_is_reported_with_it():
    errors = _errors()
    assert sorted(errors) == [("DatasetSized", _line("[CL105] with dataset="), "CL105"),
                              ("ForgetsExpansion", _line("[CL101] with bottleneck"), "CL101")]
    message = errors[("ForgetsExpansion", _line("[CL101] with bottleneck"), "CL101")]
    assert "with bottleneck=True, dataset='cifar10' (a value the code names" in message
    assert "for depth = 8, 14, 20, 26, 32 and 38" in message
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


MODES = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):  # MobileNetV3's mode, MixNet's dataset: a default and the others the code names
    def __init__(self, mode="LARGE", dataset="CIFAR10", num_classes=10):
        super().__init__()
        if mode == "LARGE":
            self.body = nn.Conv2d(3, 64, 3, 2, 1)
            self.head = nn.Conv2d(64, num_classes, 1)
        elif mode == "SMALL":
            self.body = nn.Conv2d(3, 32, 3, 2, 1)
            self.head = nn.Conv2d(48, num_classes, 1)
        self.pool = 4 if dataset == "CIFAR10" else 7

    def forward(self, x):
        x = self.head(self.body(x))
        return F.avg_pool2d(x, self.pool).flatten(1)


class Sized(nn.Module):  # a mode for other images: no size-dependent error is claimed for it
    def __init__(self, dataset="cifar10"):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 2, 1)
        self.fc = nn.Linear(16 * 16 * 16 if dataset == "cifar10" else 16 * 112 * 112, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


Net()(torch.zeros(1, 3, 8, 8))
Sized()(torch.zeros(1, 3, 32, 32))
'''


def test_a_mode_the_code_names_beside_the_default_is_checked_for_every_input_size():
    """`mode="LARGE"` with an `elif mode == "SMALL":` branch: the SMALL model is built too and what
    fails there for every input size is said to hold with that value: a warning, as the model at
    its defaults runs clean (nothing builds SMALL). What fails only at some sizes (ImageNet's fc on
    the CIFAR size the code feeds the default) is not claimed."""
    from convlint.pipeline import lint_text

    result = lint_text(MODES, "modes.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    found = [(d.model, d.span.line, d.code, d.message) for d in result.diagnostics
             if d.code not in ("CL206", "CL209", "CL211")]
    assert [e[:3] for e in found] == [("Net", 15, "CL103")]
    assert "with mode='SMALL' (a value the code names; nothing gives it), which the model at its defaults " \
        "does not meet" in found[0][3]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(MODES.split("\nNet()(")[0], "modes.py", "exec"), namespace)
    for size in (8, 32, 64):
        with pytest.raises(RuntimeError, match="channels"):
            namespace["Net"](mode="SMALL")(torch.zeros(1, 3, size, size))
    assert namespace["Sized"](dataset="imagenet")(torch.zeros(1, 3, 224, 224)).shape == (1, 10)


ROWS = '''
import torch.nn as nn

cfg = {
    'big': [64, 'M', 512, 'M'],
    'small': [8, 'M', 128, 'M'],
}


class Net(nn.Module):
    def __init__(self, name, n_class=4):
        super().__init__()
        layers, c = [], 1
        for v in cfg[name]:
            if v == 'M':
                layers.append(nn.MaxPool1d(2))
            else:
                layers += [nn.Conv1d(c, v, 3, padding=1), nn.ReLU()]
                c = v
        self.features = nn.Sequential(*layers, nn.AdaptiveAvgPool1d(1))
        self.fc = nn.Linear(HEAD, n_class)

    def forward(self, x):
        return self.fc(self.features(x).view(x.size(0), -1))
'''


def test_a_head_that_fits_one_row_of_a_table_is_no_error_one_that_fits_none_is():
    """`cfg[name]` with a head written for the 'small' row: the model is built for some rows, and
    the 'big' one failing is not reported; a head no row fits is."""
    from convlint.pipeline import lint_text

    fits_one = lint_text(ROWS.replace("HEAD", "128"), "rows.py", Settings())
    assert [d.code for d in fits_one.diagnostics if d.severity == "error"] == []
    fits_none = lint_text(ROWS.replace("HEAD", "256"), "rows.py", Settings())
    assert [(d.span.line, d.code) for d in fits_none.diagnostics if d.severity == "error"] == [(21, "CL101")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(ROWS.replace("HEAD", "128"), "rows.py", "exec"), namespace)
    assert namespace["Net"]("small")(torch.zeros(2, 1, 64)).shape == (2, 4)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        namespace["Net"]("big")(torch.zeros(2, 1, 64))


DATASET_DEFAULT = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, dataset="cifar10"):
        super().__init__()
        num_classes = 100 if dataset == "cifar100" else 10
        self.conv = nn.Conv2d(3, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 2 * 2, num_classes)

    def forward(self, x):
        x = F.avg_pool2d(self.conv(x), 8)
        return self.fc(x.flatten(1))
'''


def test_a_dataset_the_code_names_checks_its_images_and_stays_an_error():
    """`dataset='cifar100'` beside the default 'cifar10' names 32x32 images, where the head fails;
    the default was checked on no size (every size: the head fits 16x16), so it is not "clean at
    its defaults" and the error is not demoted to a warning."""
    from convlint.pipeline import lint_text

    result = lint_text(DATASET_DEFAULT, "net.py", Settings())
    errors = [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    assert errors == [("CL101", 11)]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(DATASET_DEFAULT, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        namespace["Net"](dataset="cifar100")(torch.zeros(2, 3, 32, 32))
    assert namespace["Net"]()(torch.zeros(2, 3, 16, 16)).shape == (2, 10)


SCALES = "named_scale_values.py"


def test_whole_numbers_a_required_argument_switches_on_are_named_through_aliases_and_calls():
    tree = ast.parse((CORPUS / SCALES).read_text())
    text = (CORPUS / SCALES).read_text().splitlines()
    line = {name: next(i for i, t in enumerate(text, 1) if t.startswith(f"{kind} {name}"))
            for kind, name in (("class", "RDNLike"), ("class", "EDSRLike"), ("def", "rdn_a"), ("def", "edsr_small"))}
    assert named_values(tree, "RDNLike", line["RDNLike"]) == {"scale": [2, 3, 4]}  # `r = scale`
    assert named_values(tree, "EDSRLike", line["EDSRLike"]) == {"scale": [2, 3]}  # in the block it builds
    assert named_values(tree, "rdn_a", line["rdn_a"]) == {"scale": [2, 3, 4]}  # a factory passing it on
    assert named_values(tree, "edsr_small", line["edsr_small"]) == {"scale": [2, 3]}


@pytest.mark.parametrize(("old", "new", "model", "scale"), [
    # the second x4 upsampling conv takes G0, not the G channels PixelShuffle leaves
    ("nn.Conv2d(G, G * 4, 3, padding=1),", "nn.Conv2d(G0, G * 4, 3, padding=1),", "rdn_a", 4),
    # the x3 branch's conv widens by 4 (a copy of the x2 branch)
    ("nn.Conv2d(n_feats, 9 * n_feats, 3, padding=1)", "nn.Conv2d(n_feats, 4 * n_feats, 3, padding=1)",
     "edsr_small", 3),
])
def test_an_error_at_a_number_the_code_switches_on_is_reported(tmp_path, old, new, model, scale):
    clean = lint_file(CORPUS / SCALES, SCALES, Settings())
    assert [d for d in clean.diagnostics if d.severity == "error"] == []
    source = (CORPUS / SCALES).read_text()
    assert old in source
    broken = tmp_path / "broken.py"
    broken.write_text(source.replace(old, new))
    found = lint_file(broken, "broken.py", Settings())
    line = next(i for i, (a, b) in enumerate(zip(source.splitlines(), broken.read_text().splitlines()), 1) if a != b)
    assert any(d.span.line == line and f"scale={scale}" in d.message for d in found.diagnostics if d.severity == "error")
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(broken.read_text(), "broken.py", "exec"), namespace)
    namespace[model](scale - 1 if scale == 3 else 2)(torch.zeros(1, 3, 8, 8))  # the other scales run
    with pytest.raises(RuntimeError):
        namespace[model](scale)(torch.zeros(1, 3, 8, 8))


GENOTYPES = '''
from collections import namedtuple

Genotype = namedtuple('Genotype', 'normal normal_concat')

SMALL = Genotype(normal=[('conv', 0), ('conv', 1)], normal_concat=[2, 3])
WIDE = Genotype(normal=[('conv', 0), ('conv', 1), ('conv', 0)], normal_concat=[2, 3, 4])
'''

CELLS = '''
import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, genotype, C):
        super().__init__()
        names, indices = zip(*genotype.normal)
        self.ops = nn.ModuleList([nn.Conv2d(C, C, 3, padding=1) for _ in names])
        self.indices = indices
        self.concat = genotype.normal_concat

    def forward(self, x):
        states = [x, x]
        for op, index in zip(self.ops, self.indices):
            states.append(op(states[index]))
        return torch.cat([states[i] for i in self.concat], 1)


class Network(nn.Module):
    def __init__(self, C, genotype):
        super().__init__()
        self.stem = nn.Conv2d(3, C, 3, padding=1)
        self.cell = Cell(genotype, C)
        self.classifier = nn.Linear(C * len(genotype.normal_concat), 10)

    def forward(self, x):
        return self.classifier(self.cell(self.stem(x)).mean((2, 3)))
'''


def test_a_configuration_object_is_tried_with_the_namedtuple_constants_beside_the_model(tmp_path):
    """DARTS: NetworkCIFAR(C, ..., genotype) with the genotype chosen by `eval('genotypes.%s' %
    args.arch)` in a script: the code reads genotype.normal and genotype.normal_concat, fields of
    the namedtuple class of genotypes.py beside it, whose constants are each a configuration."""
    (tmp_path / "genotypes.py").write_text(GENOTYPES)
    (tmp_path / "model.py").write_text(CELLS)
    clean = lint_file(tmp_path / "model.py", str(tmp_path / "model.py"), Settings())  # (displayed as found)
    assert [d for d in clean.diagnostics if d.severity == "error"] == []
    (network,) = [m for m in clean.models if m.name == "Network"]
    assert [repr(chosen["genotype"]) for chosen, *_ in network.value_trials] == ["genotypes.SMALL", "genotypes.WIDE"]
    broken = tmp_path / "broken.py"
    broken.write_text(CELLS.replace("nn.Linear(C * len(genotype.normal_concat), 10)", "nn.Linear(C * 2, 10)"))
    found = [d for d in lint_file(broken, str(broken), Settings()).diagnostics if d.severity == "error"]
    assert [(d.span.line, d.code) for d in found] == [(26, "CL101")]
    assert "genotype=genotypes.WIDE" in found[0].message
    torch = pytest.importorskip("torch")
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        genotypes: dict = {}
        exec(compile(GENOTYPES, "genotypes.py", "exec"), genotypes)
        namespace: dict = {}
        exec(compile(broken.read_text(), "broken.py", "exec"), namespace)
        namespace["Network"](4, genotypes["SMALL"])(torch.zeros(1, 3, 8, 8))
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace["Network"](4, genotypes["WIDE"])(torch.zeros(1, 3, 8, 8))
    finally:
        sys.path.remove(str(tmp_path))


def test_a_value_trial_infers_its_own_input_where_the_analysed_one_was_inferred():
    """The stride-1 configuration splits its input in two: its input has 2*inp channels, not the inp
    the stride-2 run's first layer inferred; torch runs both."""
    import torch

    path = CORPUS / "split_block_strides.py"
    namespace: dict = {"__name__": "split_block_strides"}
    exec(compile(path.read_text(), path.name, "exec"), namespace)
    block = namespace["ShuffleBlock"]
    assert block(24, 48, 24, stride=1)(torch.zeros(2, 48, 8, 8)).shape == (2, 48, 8, 8)
    assert block(24, 48, 24, stride=2)(torch.zeros(2, 24, 8, 8)).shape == (2, 48, 4, 4)
    result = lint_file(path, path.name, Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


CONFIG_ROWS = '''
from argparse import Namespace

import torch
import torch.nn as nn


class Fused(nn.Module):
    def __init__(self, args):
        super().__init__()
        G0 = args.G0
        self.D, G = {
            'A': (2, 8),
            'B': (3, 16),
        }[args.config]
        self.head = nn.Conv2d(3, G0, 3, padding=1)
        self.blocks = nn.ModuleList([nn.Conv2d(G0, G0, 3, padding=1) for _ in range(self.D)])
        self.fuse = nn.Conv2d(self.D * G0, G0, 1)

    def forward(self, x):
        x = self.head(x)
        outs = []
        for block in self.blocks:
            x = block(x)
            outs.append(x)
        return self.fuse(torch.cat(outs, 1))


def make_fused(G0=16, config='B'):
    args = Namespace()
    args.G0 = G0
    args.config = config
    return Fused(args)
'''


def test_a_table_written_in_place_and_keyed_through_an_options_object_names_its_rows():
    """`{'A': ..., 'B': ...}[args.config]` in the model, `args.config = config` in its factory:
    the factory's `config` is named 'A' beside its default 'B'."""
    tree = ast.parse(CONFIG_ROWS)
    line = {name: next(i for i, t in enumerate(CONFIG_ROWS.splitlines(), 1) if t.startswith(f"{kind} {name}"))
            for kind, name in (("class", "Fused"), ("def", "make_fused"))}
    assert named_values(tree, "make_fused", line["make_fused"]) == {"config": ["A"]}
    # a field of the required `args` it switches on: a configuration of its own, as a parameter's value is
    assert named_values(tree, "Fused", line["Fused"]) == {"args.config": ["A", "B"]}
    assert named_values(tree, "Fused", line["Fused"], _fields=True) == {"args.config": ["A", "B"]}


def test_a_row_the_factory_does_not_build_by_default_is_checked_and_said_with_it():
    """The fusion conv written for a hard-coded 48 channels fits the default row 'B' (3 blocks of
    16) only: the row 'A' the code names fails in torch, and is reported at the conv, with the row,
    as a warning (the model at its defaults runs clean, and nothing says 48 is not meant for 'B'
    alone). Written with `self.D * G0`, both rows run and nothing is reported."""
    from convlint.pipeline import lint_text

    broken = CONFIG_ROWS.replace("nn.Conv2d(self.D * G0, G0, 1)", "nn.Conv2d(48, G0, 1)")
    found = [d for d in lint_text(broken, "fused.py", Settings()).diagnostics if d.code == "CL103"]
    assert [(d.span.line, d.severity) for d in found] == [(18, "warning")]
    assert "with config='A' (a value the code names; nothing gives it)" in found[0].message
    clean = lint_text(CONFIG_ROWS, "fused.py", Settings())
    assert [d for d in clean.diagnostics if d.severity in ("error", "warning") and d.code.startswith("CL1")] == []
    torch = pytest.importorskip("torch")
    right: dict = {}
    exec(compile(CONFIG_ROWS, "fused.py", "exec"), right)
    wrong: dict = {}
    exec(compile(broken, "fused.py", "exec"), wrong)
    for config in ("A", "B"):
        assert right["make_fused"](config=config)(torch.zeros(1, 3, 8, 8)).shape == (1, 16, 8, 8)
    assert wrong["make_fused"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 16, 8, 8)
    with pytest.raises(RuntimeError, match="channels"):
        wrong["make_fused"](config="A")(torch.zeros(1, 3, 8, 8))


def test_a_width_written_with_a_name_equal_only_at_the_defaults_is_an_error_of_the_other_row():
    """`self.D * G` where the blocks give `self.D * G0`: at the default row 'B' G == G0 == 16 and
    the default run cannot tell them apart; in the row 'A' (G = 8) the conv fails in torch, and
    G0 written in place of G fits it. An error at the conv, saying so. A width no name swap fixes
    (the hard-coded 48 above) stays a warning."""
    from convlint.pipeline import lint_text

    broken = CONFIG_ROWS.replace("nn.Conv2d(self.D * G0, G0, 1)", "nn.Conv2d(self.D * G, G0, 1)")
    found = [d for d in lint_text(broken, "fused.py", Settings()).diagnostics if d.code == "CL103"]
    assert [(d.span.line, d.severity) for d in found] == [(18, "error")]
    assert "with config='A'" in found[0].message and "where G0 in place of G fits" in found[0].message
    torch = pytest.importorskip("torch")
    wrong: dict = {}
    exec(compile(broken, "fused.py", "exec"), wrong)
    assert wrong["make_fused"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 16, 8, 8)
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels"):
        wrong["make_fused"](config="A")(torch.zeros(1, 3, 8, 8))


def test_a_name_swap_counts_only_names_equal_at_the_defaults():
    from convlint.evaluator.width_forms import names_mistaken

    form = ("*", ("name", "self.D"), ("name", "G"))
    trial = {"self.D": 2, "G": 8, "G0": 16, "C": 32}
    assert names_mistaken(form, trial, 32, {"self.D": 3, "G": 16, "G0": 16, "C": 4}) == [("G", "G0")]
    # C also gives 64 in the trial, but differed from G at the defaults: no mistake it could hide
    assert names_mistaken(form, trial, 64, {"self.D": 3, "G": 16, "G0": 16, "C": 4}) == []
    assert names_mistaken(form, trial, 16, {"self.D": 3, "G": 16, "G0": 16, "C": 4}) == []  # it fits already
