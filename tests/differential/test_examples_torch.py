"""End to end against real torch: every layer of every example, as torch's forward hooks and
torchinfo measure it, equals convlint's static prediction (shapes, params, mult-adds)."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file
from convlint.report.json_report import model_out

torch = pytest.importorskip("torch")
torchinfo = pytest.importorskip("torchinfo")

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*.py")) + sorted(ROOT.glob("tests/models/*.py"))


def run_with_hooks(model, shape):
    """Per module name: first output shape, own+children params, and the call's exception if any."""
    names = {id(m): n for n, m in model.named_modules() if n}
    outputs: dict[str, tuple] = {}

    def hook(module, inputs, output):
        if isinstance(output, torch.Tensor):
            outputs.setdefault(names[id(module)], tuple(output.shape))

    for module in model.modules():
        if id(module) in names:
            module.register_forward_hook(hook)
    error = None
    try:
        with torch.no_grad():
            model(torch.zeros(shape))
    except Exception as raised:  # the buggy examples crash; what ran before still counts
        error = raised
    params = {n: sum(p.numel() for p in m.parameters()) for n, m in model.named_modules() if n}
    return outputs, params, error


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_matches_torch(path):
    result = lint_file(path, str(path), Settings())
    namespace: dict = {"__name__": f"example_{path.stem}"}
    try:
        exec(compile(path.read_text(), str(path), "exec"), namespace)
    except Exception:
        pytest.fail(f"{path.name} does not import")
    checked = 0
    for analysis in result.models:
        if analysis.input_shape is None or not all(isinstance(d, int) for d in analysis.input_shape.dims):
            continue
        shape = tuple(analysis.input_shape.dims)
        try:
            model = namespace[analysis.name]().eval()
        except Exception:  # torch refuses the constructor: convlint must have said so
            assert any(d.severity == "error" and d.model == analysis.name for d in result.diagnostics)
            checked += 1
            continue
        outputs, params, error = run_with_hooks(model, shape)
        predicted = model_out(analysis)
        layers = {layer.name: layer for layer in predicted.layers}
        assert set(layers) == set(params), "module names differ from named_modules()"
        for name, observed in outputs.items():
            assert layers[name].output_shape is not None, f"{name} stayed unresolved"
            assert tuple(layers[name].output_shape) == observed, name
        for name, count in params.items():
            assert layers[name].params == count, name
        if error is None:
            stats = torchinfo.summary(model, input_size=shape, verbose=0, device="cpu")
            assert predicted.params == stats.total_params
            assert predicted.macs == stats.total_mult_adds
        checked += 1
    assert checked, "no model with a concrete input shape was compared"
