"""A model in a folder with no __init__.py (`Architecture/Model.py`), built and fed by a script beside
that folder (`from Architecture.Model import Net`, `from Architecture import Model`, `import
Architecture.Model`: run from there, Python imports the folder as a namespace package): linted
alone, the model file is checked with the script's constructor arguments and batches."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file
from tests.torch_cases import module_shapes

MODEL = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin, width, ncls):
        super().__init__()
        self.conv = nn.Conv2d(cin, width, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(width * SIDE * SIDE, ncls)

    def forward(self, x):
        x = self.pool(self.conv(x))
        return self.fc(x.view(x.size(0), -1))
'''
WRONG_LINE = 9

FEED = '''
if __name__ == "__main__":
    ds = datasets.MNIST(root="data", train=True, transform=transforms.ToTensor(), download=True)
    loader = torch.utils.data.DataLoader(ds, batch_size=64)
    model = BUILD
    for data, target in loader:
        model(data)
'''
SCRIPTS = {
    "from-module-import-class": ("from Architecture.Model import Net", "Net(1, 32, 10)"),
    "from-package-import-module": ("from Architecture import Model", "Model.Net(1, 32, 10)"),
    "import-dotted": ("import Architecture.Model", "Architecture.Model.Net(1, 32, 10)"),
}


def _project(tmp_path: Path, side: int, script: str) -> Path:
    imported, build = SCRIPTS[script]
    (tmp_path / "Architecture").mkdir()
    (tmp_path / "Architecture" / "Model.py").write_text(MODEL.replace("SIDE", str(side)))
    (tmp_path / "Train.py").write_text("import torch\nfrom torchvision import datasets, transforms\n"
                                       f"{imported}\n" + FEED.replace("BUILD", build))
    return tmp_path / "Architecture" / "Model.py"


def _errors(path: Path) -> set[tuple[str, int]]:
    result = lint_file(path, str(path), Settings())
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_flatten_wrong_for_the_batches_of_the_script_beside_the_folder_is_found(tmp_path, script):
    assert ("CL101", WRONG_LINE) in _errors(_project(tmp_path, 7, script))


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_right_flatten_is_clean_and_checked_at_the_scripts_size(tmp_path, script):
    path = _project(tmp_path, 14, script)
    result = lint_file(path, str(path), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_source is not None and tuple(model.input_shape.dims) == (64, 1, 28, 28)


def test_a_folder_the_script_above_does_not_import_is_not_given_its_sizes(tmp_path):
    path = _project(tmp_path, 7, "from-module-import-class")
    (tmp_path / "Train.py").write_text((tmp_path / "Train.py").read_text().replace(
        "from Architecture.Model import Net", "from Model import Net"))  # run from elsewhere: not this folder's
    result = lint_file(path, str(path), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_source is None


def test_torch_agrees(tmp_path):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(MODEL.replace("SIDE", "14"), "Model.py", "exec"), namespace)
    shapes = module_shapes(namespace["Net"](1, 32, 10).eval(), (64, 1, 28, 28))
    assert shapes["fc"] == (64, 10) and shapes["pool"] == (64, 32, 14, 14)
    exec(compile(MODEL.replace("SIDE", "7"), "Model.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"64x6272 and 1568x10"):
        namespace["Net"](1, 32, 10)(torch.zeros(64, 1, 28, 28))
