"""Input-size inference against torch: the sizes convlint says a model accepts are exactly the
sizes on which the real model runs."""

import re
from pathlib import Path

import pytest

from convlint.inference import accepted_input
from convlint.pipeline import Settings, lint_text, model_diagnostics

torch = pytest.importorskip("torch")
ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(("file", "name"), [("examples/lenet.py", "LeNet5"), ("examples/unet_small.py", "UNetSmall"),
                                            ("examples/resnet_block.py", "SmallResNet"),
                                            ("examples/alexnet.py", "AlexNet")])
def test_accepted_sizes_are_where_torch_runs(file, name):
    source = re.sub(r"# convlint: input-shape=.*", "", (ROOT / file).read_text())
    settings = Settings()
    (model,) = [m for m in lint_text(source, file, settings).models if m.name == name]
    largest = 240 if name == "AlexNet" else 40
    found = accepted_input(model, lambda trial: model_diagnostics(file, trial, settings), largest=largest)
    namespace: dict = {"__name__": "inference_case"}
    exec(compile(source, file, "exec"), namespace)
    real = namespace[name]().eval()
    channels = model.input_shape.dims[1]
    start = 200 if name == "AlexNet" else 1

    def runs(size):
        try:
            with torch.no_grad():
                real(torch.zeros(1, channels, size, size))
            return True
        except Exception:
            return False

    assert [s for s in found["sizes"] if s >= start] == [s for s in range(start, largest + 1) if runs(s)]


def test_lenet_description():
    source = re.sub(r"# convlint: input-shape=.*", "", (ROOT / "examples/lenet.py").read_text())
    (model,) = lint_text(source, "lenet.py", Settings()).models
    found = accepted_input(model, lambda trial: model_diagnostics("lenet.py", trial, Settings()), largest=64)
    assert found["text"] == "1 channel, 32x32 to 35x35 (no dropped pixels only at 32x32)"
