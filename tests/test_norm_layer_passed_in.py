"""A norm layer the constructor is given, called inside an nn.Sequential: the modules around the
one not known are still run and checked; what the unknown one gives is not guessed."""

import functools
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "norm_layer_passed_in.py"


def lint(**shapes):
    return lint_file(CORPUS / NAME, NAME, Settings(input_shapes=shapes))


def load() -> dict:
    namespace: dict = {"__name__": "corpus_case"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def errors(result) -> list[tuple[str, int, str]]:
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


# each bug as torch meets it: the norm layer given as the caller would give it
BUGS = [("PassedInBug", 21), ("DefaultNormBug", 49), ("NoneDefaultBug", 62), ("FactoryNormBug", 74),
        ("HoldsSubclass", 82)]


def test_the_known_modules_of_a_sequential_holding_an_unknown_one_are_checked():
    found = errors(lint())
    assert found == sorted((model, line, "CL103") for model, line in BUGS)


@pytest.mark.parametrize(("model", "line"), BUGS)
def test_each_bug_is_one_torch_raises(model, line):
    torch = pytest.importorskip("torch")
    cls = load()[model]
    norm = functools.partial(torch.nn.BatchNorm2d)
    built = cls() if model in ("DefaultNormBug", "NoneDefaultBug", "FactoryNormBug") else cls(norm)
    with pytest.raises(RuntimeError):
        built(torch.zeros(2, 3, 8, 8))


def test_the_correct_sequential_stays_clean_and_the_unknown_output_is_not_guessed():
    result = lint(PassedInFine=(2, 3, 8, 8))
    assert [d for d in result.diagnostics if d.model == "PassedInFine" and d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "PassedInFine"]
    outputs = {c.node.label: c.output.shape.dims for c in model.calls}
    assert outputs["smooth.0"] == (2, 16, 8, 8)
    # after norm_layer(c), of a norm_layer not known, the map's sides are not guessed: the last
    # conv gives its out_channels on a map not known
    assert outputs["smooth.3"][1] == 16 and not any(isinstance(d, int) for d in outputs["smooth.3"][2:])
    torch = pytest.importorskip("torch")
    real = load()["PassedInFine"](torch.nn.BatchNorm2d)
    assert tuple(real.smooth[0](torch.zeros(2, 32, 8, 8)).shape) == outputs["smooth.0"]
    assert tuple(real(torch.zeros(2, 3, 8, 8)).shape)[1] == 16


def test_a_sequential_subclass_given_its_own_input_stays_clean():
    assert [d for d in lint(SequentialSubclassBug=(2, 32, 8, 8)).diagnostics
            if d.model == "SequentialSubclassBug" and d.severity == "error"] == []


NORM_FACTORY = '''
import functools

import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, inplanes, planes, norm=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = norm(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = norm(WIDTH)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn3(self.conv3(out)) + x)


class Net(nn.Module):
    def __init__(self, num_groups=None):
        super().__init__()
        FACTORY
        self.stem = nn.Conv2d(3, 64, 3, padding=1)
        self.layer1 = self._make_layer(64, 16, 2)
        self.layer2 = self._make_layer(64, 16, 1)

    def _make_layer(self, inplanes, planes, blocks):
        return nn.Sequential(*[Bottleneck(inplanes, planes, norm=self.norm) for _ in range(blocks)])

    def forward(self, x):
        return self.layer2(self.layer1(self.stem(x)))
'''

FACTORIES = {
    "lambda": "self.norm = lambda planes, momentum=0.05: nn.BatchNorm2d(planes, momentum=momentum) "
              "if num_groups is None else nn.GroupNorm(num_groups, planes)",
    "lambda-own-name": "self.norm = lambda c: nn.BatchNorm2d(c)",
    "partial": "self.norm = functools.partial(nn.BatchNorm2d, momentum=0.05)",
    "def": "def bn(planes, momentum=0.05):\n            return nn.BatchNorm2d(planes, momentum=momentum)\n"
           "        self.norm = bn",
}


@pytest.mark.parametrize("factory", FACTORIES)
def test_a_norm_factory_given_the_wrong_width_is_blamed_where_the_block_calls_it(factory):
    from convlint.pipeline import lint_text
    from tests.torch_cases import assert_bug_found_at_its_line, filled

    source = NORM_FACTORY.replace("FACTORY", FACTORIES[factory])
    assert_bug_found_at_its_line(source, {"WIDTH": "planes * 4"}, {"WIDTH": "planes"}, (2, 3, 16, 16), 13, "CL104",
                                 "factory.py")
    # once, where the width is written: not in the factory, nor at the calls that build the blocks
    found = [(d.code, d.span.line) for d in lint_text(filled(source, {"WIDTH": "planes"}), "factory.py",
                                                      Settings()).diagnostics if d.severity == "error"]
    assert found == [("CL104", 13)]
