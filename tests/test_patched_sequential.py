"""A model a factory builds by filling an nn.Sequential through a method set on torch's class
(tests/corpus/patched_sequential.py, after deep-image-prior): followed, shapes equal to torch's."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "patched_sequential.py"


def test_the_factories_are_models_and_the_wrong_width_is_an_error_at_its_line():
    result = lint_file(CORPUS / NAME, str(CORPUS / NAME), Settings(input_shapes={"": (1, 3, 16, 16)}))
    assert {"hourglass", "hourglass_broken"} <= {m.name for m in result.models}
    errors = [(d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [("hourglass_broken", 61, "CL103")]
    (good,) = [m for m in result.models if m.name == "hourglass"]
    assert not good.unresolved or all("condition not known" in u.why for u in good.unresolved)


@pytest.fixture(scope="module")
def namespace():
    torch = pytest.importorskip("torch")
    found: dict = {}
    try:
        exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), found)
        yield found
    finally:
        if hasattr(torch.nn.Module, "add"):
            del torch.nn.Module.add  # the corpus patches torch's class, as the file it follows does


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 24), st.integers(1, 12))
def test_every_module_shape_equals_torch(namespace, side, width):
    import torch

    result = lint_file(CORPUS / NAME, str(CORPUS / NAME),
                       Settings(input_shapes={"": (1, 3, side, side)}, model="hourglass",
                                model_args={"hourglass": ([3, width], {})}))
    (model,) = result.models
    model_out = namespace["hourglass"](3, width)
    seen = {}

    def hook_for(name):
        def hook(module, args, output):
            seen.setdefault(name, tuple(output.shape))
        return hook

    hooks = [m.register_forward_hook(hook_for(name)) for name, m in model_out.named_modules()]
    out = model_out(torch.zeros(1, 3, side, side))
    for hook in hooks:
        hook.remove()
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    assert predicted[""] == tuple(out.shape)
    for name, shape in seen.items():
        assert predicted.get(name) == shape, name


def test_torch_refuses_the_broken_one(namespace):
    import torch

    with pytest.raises(RuntimeError, match="expected input.* to have 20 channels, but got 12 channels"):
        namespace["hourglass_broken"]()(torch.zeros(1, 3, 16, 16))


def test_a_head_factory_given_the_size_for_every_model_is_analysed_symbolically():
    result = lint_file(CORPUS / NAME, str(CORPUS / NAME), Settings(input_shapes={"": (1, 3, 16, 16)}))
    assert not [d for d in result.diagnostics if d.model == "classifier_head" and d.severity == "error"]
    (head,) = [m for m in result.models if m.name == "classifier_head"]
    assert any("the input shape given for all models" in u.why for u in head.unresolved)
