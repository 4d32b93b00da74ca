"""Optional forward() inputs (tests/corpus/optional_inputs.py): an error met only with them left
None is a warning that says so; one met whatever they are is an error, however it was proven (a
stride-2 shortcut, proven by reruns at the few sizes where the add broadcasts). Checked against torch."""

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
                                  ("MaskedHead", _line("self.fc = nn.Linear(16, 2)"), "CL101"),
                                  ("TimeUnusedNet", _line("self.conv_1 = nn.Conv2d(in_channels"), "CL107")]


def _findings(model: str) -> list[tuple]:
    result = lint_file(CORPUS / NAME, NAME, Settings(model=model))
    return [(d.span.line, d.code, d.severity, "optional inputs left None" in d.message) for d in result.diagnostics]


def test_what_only_the_none_path_meets_is_a_warning_that_says_so():
    assert _findings("ConcatCritic") == [(_line("self.body = nn.Conv2d(num_features"), "CL103", "warning", True)]
    assert _findings("PooledWhenGuided") == [(_line("return h + skip"), "CL107", "warning", True)]
    # (the time bias a Linear makes of `time` is not followed: its shape not known, the add it joins is
    # not known to keep the map's, so the shortcut's failure is said for the None path only)
    assert _findings("TimeBiasedNet") == [(_line("self.conv_1 = nn.Conv2d(in_channels"), "CL107", "warning", True)]
    assert _findings("TimeBiasedFixed") == []


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


def test_torch_refuses_the_strided_shortcuts_with_or_without_the_optional_inputs():
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "optional_inputs"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    x, t = torch.zeros(2, 3, 16, 16), torch.zeros(2, 4)
    for model in (namespace["TimeUnusedNet"](), namespace["TimeBiasedNet"]()):
        for given in ((), (t,)):
            with pytest.raises(RuntimeError, match="must match the size"):
                model(x, *given)
    for given in ((), (t,)):
        assert namespace["TimeBiasedFixed"]()(x, *given).shape == (2, 16, 16, 16)
    assert namespace["PooledWhenGuided"]()(x, torch.ones(2, 8, 16, 16)).shape == (2, 8, 8, 8)
    with pytest.raises(RuntimeError, match="must match the size"):
        namespace["PooledWhenGuided"]()(x)  # without the guide: what convlint says as a warning


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
