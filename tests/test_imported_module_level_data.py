"""Data another file of the project makes at its top level and a training script imports by name
(`from dataloaders import train_loader`, `import dataloaders` then `dataloaders.train_loader`, a
dataset or a transform made there): the same object, its batches fed to the model as where the
script makes it itself. One whose object the file changes after making it is not followed. And
the loaders a function of a module imported whole returns (`import data`, then
`train_loader, test_loader = data.data_loader(64)`), as where it is imported by name."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file
from tests.torch_cases import module_shapes

DATALOADERS = '''from torchvision import datasets, transforms
from torch.utils.data import DataLoader

tf = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor()])
train_dataset = datasets.ImageFolder("data/train", transform=tf)
train_loader = DataLoader(train_dataset, batch_size=8, shuffle=True)
# tf = transforms.ToTensor()  (a comment binds nothing)
'''

HELPERS = '''import torch
from torchvision import datasets, transforms


def data_loader(batch_size):
    tf = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor()])
    train = datasets.ImageFolder("data/train", transform=tf)
    test = datasets.ImageFolder("data/test", transform=tf)
    return (torch.utils.data.DataLoader(train, batch_size=batch_size),
            torch.utils.data.DataLoader(test, batch_size=batch_size))
'''

MODELS = '''import torch.nn as nn
import torch.nn.functional as F


class PneuNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(16 * SIDE * SIDE, 2)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        return self.fc1(x.view(x.size(0), -1))
'''
WRONG_LINE = 10

TRAIN = {
    "loader-by-name": "from dataloaders import train_loader\nfrom models import PneuNet\n\n"
                      "model = PneuNet()\nfor images, labels in train_loader:\n    model(images)\n",
    "loader-of-the-module": "import dataloaders\nfrom models import PneuNet\n\n"
                            "model = PneuNet()\nfor images, labels in dataloaders.train_loader:\n    model(images)\n",
    "dataset-by-name": "from torch.utils.data import DataLoader\nfrom dataloaders import train_dataset\n"
                       "from models import PneuNet\n\nloader = DataLoader(train_dataset, batch_size=8)\n"
                       "model = PneuNet()\nfor images, labels in loader:\n    model(images)\n",
    "transform-by-name": "from torch.utils.data import DataLoader\nfrom torchvision import datasets\n"
                         "from dataloaders import tf\nfrom models import PneuNet\n\n"
                         "loader = DataLoader(datasets.ImageFolder('data/val', transform=tf), batch_size=8)\n"
                         "model = PneuNet()\nfor images, labels in loader:\n    model(images)\n",
    "function-of-the-module": "import data\nfrom models import PneuNet\n\n"
                              "train_loader, test_loader = data.data_loader(8)\n"
                              "model = PneuNet()\nfor images, labels in train_loader:\n    model(images)\n",
}


def _project(tmp_path: Path, side: int, train: str, dataloaders: str = DATALOADERS) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "dataloaders.py").write_text(dataloaders)
    (tmp_path / "data.py").write_text(HELPERS)
    (tmp_path / "models.py").write_text(MODELS.replace("SIDE", str(side)))
    (tmp_path / "train.py").write_text(TRAIN[train])
    return tmp_path / "models.py"


def _errors(path: Path) -> set[tuple[str, int]]:
    result = lint_file(path, str(path), Settings())
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("train", TRAIN)
def test_a_flatten_wrong_for_the_imported_datas_batches_is_found(tmp_path, train):
    assert ("CL101", WRONG_LINE) in _errors(_project(tmp_path, 16, train))


@pytest.mark.parametrize("train", TRAIN)
def test_the_right_flatten_is_clean_and_checked_at_that_size(tmp_path, train):
    path = _project(tmp_path, 32, train)
    result = lint_file(path, str(path), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "PneuNet"]
    assert model.input_source is not None and tuple(model.input_shape.dims) == (8, 3, 64, 64)


@pytest.mark.parametrize("change", [
    "train_dataset.transform = transforms.ToTensor()\n",
    "tf.transforms.insert(0, transforms.Resize((96, 96)))\n",
    "if __name__ != '__main__':\n    train_dataset = datasets.ImageFolder('data/all', transform=transforms.ToTensor())\n",
])
def test_data_the_other_file_changes_after_making_it_gives_no_size(tmp_path, change):
    path = _project(tmp_path, 16, "loader-by-name", DATALOADERS + change)
    result = lint_file(path, str(path), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "PneuNet"]
    assert model.input_source is None


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(MODELS.replace("SIDE", "32"), "models.py", "exec"), namespace)
    shapes = module_shapes(namespace["PneuNet"]().eval(), (8, 3, 64, 64))
    assert shapes["pool"] == (8, 16, 32, 32) and shapes["fc1"] == (8, 2)
    exec(compile(MODELS.replace("SIDE", "16"), "models.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"8x16384 and 4096x2"):
        namespace["PneuNet"]()(torch.zeros(8, 3, 64, 64))
