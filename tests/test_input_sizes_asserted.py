"""forward()'s asserts on its input's sizes as the input size, when nothing else gives one:
convlint against torch on tests/corpus/input_sizes_asserted.py."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "input_sizes_asserted.py"


def _namespace() -> dict:
    namespace: dict = {"__name__": "corpus_case"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def _analyses(**shapes):
    return lint_file(CORPUS / NAME, NAME, Settings(input_shapes=shapes))


def test_a_wrong_linear_after_asserted_sizes_is_found_with_no_options():
    result = _analyses()
    found = sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    assert found == [("ListedSize", 67, "CL115"), ("WrongDiscriminator", 31, "CL101"), ("WrongSidesUnpacked", 95, "CL101"),
                     ("WrongSizedDiscriminator", 74, "CL101"), ("WrongTDNN", 53, "CL101"),
                     ("WrongWholeImage", 114, "CL101")]
    torch = pytest.importorskip("torch")
    namespace = _namespace()
    for model, shape in (("WrongDiscriminator", (2, 3, 24, 24)), ("WrongTDNN", (2, 10, 6)),
                         ("WrongSizedDiscriminator", (2, 3, 24, 24)), ("WrongSidesUnpacked", (2, 1, 16, 20)),
                         ("WrongWholeImage", (2, 3, 12, 12))):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            namespace[model]().eval()(torch.zeros(*shape))


def test_a_size_a_list_states_pins_nothing():
    """`assert x.size()[-2:] == self.size` with self.size a list fails on every input (a
    torch.Size equals a tuple only): no size from it, and the failing assert is the one error (CL115)."""
    result = _analyses()
    (listed,) = [m for m in result.models if m.name == "ListedSize"]
    assert listed.input_source is None or listed.input_source.kind != "assert"
    assert [(d.code, d.span.line) for d in result.diagnostics
            if d.model == "ListedSize" and d.severity == "error"] == [("CL115", 67)]
    torch = pytest.importorskip("torch")
    with pytest.raises(AssertionError):
        _namespace()["ListedSize"]()(torch.zeros(2, 3, 24, 24))


@pytest.mark.parametrize(("model", "shape", "known"), [
    ("Discriminator", (2, 3, 24, 24), (1, 2, 3)), ("TDNN", (2, 10, 6), (2,)),
    ("SizedDiscriminator", (2, 3, 24, 24), (1, 2, 3)), ("SidesUnpacked", (2, 1, 16, 20), (1, 2, 3)),
    ("WholeImage", (2, 3, 12, 12), (1, 2, 3))])
def test_the_asserted_dims_are_those_torch_runs_on(model, shape, known):
    torch = pytest.importorskip("torch")
    real = _namespace()[model]().eval()
    outputs: dict = {}

    def hook(name):
        def record(module, inputs, output):
            outputs.setdefault(name, tuple(output.shape))  # a hook returning a value would replace the output

        return record

    for name, module in real.named_modules():
        module.register_forward_hook(hook(name))
    real(torch.zeros(*shape))
    runs = [m for m in _analyses().models if m.name == model]
    (asserted,) = [m for m in runs if m.input_source is not None and m.input_source.kind == "assert"]
    assert [asserted.input_shape.dims[i] for i in known] == [shape[i] for i in known]
    for call in asserted.calls:
        if not call.node.functional:
            dims = call.output.shape.dims
            assert len(dims) == len(outputs[call.node.path])
            assert all(d == t for d, t in zip(dims, outputs[call.node.path]) if isinstance(d, int))
    (given,) = [m for m in _analyses(**{model: shape}).models if m.name == model]
    assert given.output.shape.dims == tuple(real(torch.zeros(*shape)).shape)
