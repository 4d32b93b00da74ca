"""A model whose required arguments size a probe tensor its constructor runs through the first
layers (`torch.zeros((1, 1, n_channels, n_samples))`, the EEG nets' way to size a kernel
(n_channels, 1) and the classifier): fed an input, it is the model built for that input, its
arguments the sizes the input gives them."""

import pytest

from convlint.pipeline import Settings, lint_text

SOURCE = '''
import torch
import torch.nn as nn


class SpatialNet(nn.Module):
    def __init__(self, n_channels, n_samples, n_classes=4):
        super().__init__()
        self.temporal = nn.Sequential(nn.Conv2d(1, 8, (1, 25)), nn.BatchNorm2d(8))
        self.spatial = nn.Sequential(nn.Conv2d(8, 16, (n_channels, 1)), nn.ELU(), nn.AvgPool2d((1, 4)))
        with torch.no_grad():
            probe = self.spatial(self.temporal(torch.zeros((1, 1, n_channels, n_samples))))
        self.head = nn.Linear(FEATURES, n_classes)

    def forward(self, x):
        x = self.spatial(self.temporal(x.unsqueeze(1)))
        return self.head(x.flatten(1))
'''


def _lint(source: str, **shapes):
    return lint_text(source, "spatial.py", Settings(input_shapes=shapes))


def _torch_shapes(source: str, n_channels: int, n_samples: int) -> dict:
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "probed_arguments"}
    exec(compile(source, "spatial.py", "exec"), namespace)
    real = namespace["SpatialNet"](n_channels, n_samples).eval()
    seen = {}

    def hook(name):
        def record(module, inputs, output):
            seen.setdefault(name, tuple(output.shape))  # (a hook returning a value would replace the output)

        return record

    for name, module in real.named_modules():
        if name:
            module.register_forward_hook(hook(name))
    real(torch.zeros(2, n_channels, n_samples))
    return seen


def test_a_given_input_sizes_the_arguments_the_probe_names_as_torch_builds_them():
    source = SOURCE.replace("FEATURES", "probe.numel()")
    result = _lint(source, SpatialNet=(2, 22, 1000))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    predicted = {c.node.path: c.output.shape.dims for c in model.calls[model.construction_calls:] if c.node.path}
    real = _torch_shapes(source, 22, 1000)
    assert predicted == real and real["spatial.0"] == (2, 16, 1, 976)
    assert any("n_channels=22, n_samples=1000" in note for note in model.assumed)


def test_a_classifier_counted_for_another_trial_length_is_found_at_the_given_size():
    source = SOURCE.replace("FEATURES", "16 * 250")  # 1000 samples counted without the conv's 24
    result = _lint(source, SpatialNet=(2, 22, 1000))
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 13)]
    with pytest.raises(RuntimeError):
        _torch_shapes(source, 22, 1000)


def test_an_input_the_probe_does_not_fit_is_not_taken_for_its_arguments():
    # a probe of 3 fixed rows: an input of 22 rows says nothing of the arguments
    source = SOURCE.replace("FEATURES", "probe.numel()").replace("(1, 1, n_channels, n_samples)",
                                                                  "(1, 1, 3, n_samples)")
    result = _lint(source, SpatialNet=(2, 22, 1000))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert not any("probe tensor" in note for note in model.assumed)
