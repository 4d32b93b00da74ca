"""Optional forward() inputs (tests/corpus/optional_inputs.py): an error met only with them left
None is not reported; one met whatever they are is. Checked against torch."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "optional_inputs.py"


def _errors(**options):
    result = lint_file(CORPUS / NAME, NAME, Settings(**options))
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def _line(text: str) -> int:
    return next(n for n, line in enumerate((CORPUS / NAME).read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("options", [{}, {"input_shapes": {"": (2, 3, 16, 16)}}])
def test_only_what_fails_with_the_labels_given_or_not_is_an_error(options):
    assert _errors(**options) == [("BrokenHeadCritic", _line("self.head = nn.Linear(32, 1)"), "CL101"),
                                  ("MaskedHead", _line("self.fc = nn.Linear(16, 2)"), "CL101")]


def test_torch_runs_the_critic_with_labels_and_refuses_the_bugs():
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "optional_inputs"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    x, y = torch.zeros(2, 3, 16, 16), torch.tensor([1, 2])
    assert namespace["ConcatCritic"]()(x, y).shape == (2, 1)
    with pytest.raises(RuntimeError, match="channels"):
        namespace["ConcatCritic"]()(x)  # without labels: what convlint does not report
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        namespace["BrokenHeadCritic"]()(x, y)
    for mask in (None, torch.ones(2, 8, 16, 16)):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            namespace["MaskedHead"]()(x, mask)


def test_a_cat_with_a_tensor_of_unknown_shape_keeps_the_other_dims():
    torch = pytest.importorskip("torch")
    from convlint.shapes import cat_shape
    from convlint.values import Shape, Unknown

    shape, clash = cat_shape([Shape((2, 8, 5, 7)), Shape(None)], 1)
    assert clash is None and shape.dims[:1] + shape.dims[2:] == (2, 5, 7) and isinstance(shape.dims[1], Unknown)
    for extra in (1, 4):  # torch: whatever the other's channels, the rest are the known tensor's
        out = torch.cat((torch.zeros(2, 8, 5, 7), torch.zeros(2, extra, 5, 7)), 1)
        assert out.shape[:1] + out.shape[2:] == (2, 5, 7)
    assert cat_shape([Shape((2, 8)), Shape(None), Shape((2, 8, 1))], 1) == (Shape(None), None)  # ranks disagree
