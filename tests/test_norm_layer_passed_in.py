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
