"""Two ways a training script states its image size that the input finder follows:

- a project Dataset whose __getitem__ makes a numpy array of sizes written out (`np.array([int(v) for
  v in row.split()]).reshape(96, 96)`, a Kaggle CSV's pixels) and passes it through ToTensor: one
  channel of 96 x 96 (H x W x 3 gives 3 channels), returned alone, in a tuple or in a dict;
- a transform read out of a module-level dict literal (`transform=settings['transform']`, the dict
  also holding numbers), as if it were named itself."""

import textwrap

import numpy as np
import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import module_shapes

DATASET = '''
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader
from torchvision import transforms


class Keypoints(Dataset):
    def __init__(self):
        self.transform = transforms.Compose([transforms.ToTensor()])
        self.rows = ["0 " * PIXELS] * 8

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        img = np.array([int(v) for v in self.rows[idx].split()]).reshape(SIZES)
        return RETURN


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(CHANNELS, 8, 4, stride=2)
        self.fc = nn.Linear(8 * SIDE * SIDE, 6)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))


if __name__ == "__main__":
    loader = DataLoader(Keypoints(), batch_size=4)
    model = Net()
    FEED
'''
WRONG_LINE = 26
ITEMS = {
    "dict": ('{"image": self.transform(img), "keypoints": np.zeros(6)}',
             'for data in loader:\n        model(data["image"].float())'),
    "tuple": ("self.transform(img), 0", "for data, y in loader:\n        model(data.float())"),
    "alone": ("transforms.ToTensor()(img)", "for data in loader:\n        model(data.float())"),
}
ARRAYS = {"gray": ("96, 96", 1), "rgb": ("96, 96, 3", 3)}


def _dataset(item: str, array: str, side: int) -> str:
    sizes, channels = ARRAYS[array]
    returned, feed = ITEMS[item]
    pixels = 96 * 96 * channels
    return DATASET.replace("RETURN", returned).replace("FEED", feed).replace("SIZES", sizes) \
        .replace("PIXELS", str(pixels)).replace("CHANNELS", str(channels)).replace("SIDE", str(side))


def _errors(source: str) -> set[tuple[str, int]]:
    return {(d.code, d.span.line) for d in lint_text(source, "train.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("array", ARRAYS)
@pytest.mark.parametrize("item", ITEMS)
def test_a_flatten_wrong_for_the_arrays_the_dataset_makes_is_found(item, array):
    assert ("CL101", WRONG_LINE) in _errors(_dataset(item, array, 46))


@pytest.mark.parametrize("array", ARRAYS)
@pytest.mark.parametrize("item", ITEMS)
def test_the_right_flatten_is_clean_and_checked_at_the_arrays_size(item, array):
    result = lint_text(_dataset(item, array, 47), "train.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_source is not None
    assert tuple(model.input_shape.dims) == (4, ARRAYS[array][1], 96, 96)


@pytest.mark.parametrize("sizes", ["-1, 96", "96, 96, 1", "9216"])
def test_an_array_of_sizes_not_all_written_or_of_no_image_gives_no_size(sizes):
    source = _dataset("dict", "gray", 46).replace("reshape(96, 96)", f"reshape({sizes})")
    result = lint_text(source, "train.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize("array", ARRAYS)
def test_torch_agrees_with_the_arrays_size(array):
    torch = pytest.importorskip("torch")
    sizes, channels = ARRAYS[array]
    image = np.array([0] * (96 * 96 * channels)).reshape(*map(int, sizes.split(",")))
    # torchvision's ToTensor of an array: a channel axis added to H x W, then H x W x C moved to C x H x W
    item = torch.from_numpy((image[:, :, None] if image.ndim == 2 else image).transpose((2, 0, 1)))
    try:
        from torchvision import transforms
    except ImportError:
        pass
    else:
        assert torch.equal(transforms.ToTensor()(image), item)
    assert tuple(item.shape) == (channels, 96, 96)
    namespace: dict = {"Dataset": object}
    source = _dataset("dict", array, 47).split('class Net')[1].split('if __name__')[0]
    exec(compile("import torch\nimport torch.nn as nn\nclass Net" + source, "train.py", "exec"), namespace)
    batch = torch.stack([item.float()] * 4)
    assert module_shapes(namespace["Net"]().eval(), tuple(batch.shape))["fc"] == (4, 6)
    wrong = _dataset("dict", array, 46).split('class Net')[1].split('if __name__')[0]
    exec(compile("import torch\nimport torch.nn as nn\nclass Net" + wrong, "train.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"4x17672 and 16928x6"):
        namespace["Net"]()(batch)


SETTINGS = textwrap.dedent('''
    import torch
    import torch.nn as nn
    import torchvision
    import torchvision.transforms as transforms

    TRANSFORM_MNIST = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])
    settings = {'transform': TRANSFORM_MNIST, 'batch_size': 128}


    class AE(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = nn.Conv2d(1, 8, 3, stride=2, padding=1)
            self.fc = nn.Linear(8 * SIDE * SIDE, 10)

        def forward(self, x):
            z = self.enc(x)
            return z, self.fc(z.flatten(1))


    if __name__ == '__main__':
        model = AE()
        trainset = torchvision.datasets.MNIST(root='./d', download=True, transform=settings['transform'])
        loader = torch.utils.data.DataLoader(trainset, batch_size=settings['batch_size'], shuffle=True)
        for img, _ in loader:
            _, out = model(img)
    ''')
SETTINGS_WRONG_LINE = 15


def test_a_transform_read_out_of_a_dict_of_settings_gives_the_datasets_size():
    assert ("CL101", SETTINGS_WRONG_LINE) in _errors(SETTINGS.replace("SIDE", "7"))
    result = lint_text(SETTINGS.replace("SIDE", "14"), "train.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "AE"]
    assert tuple(model.input_shape.dims) == (128, 1, 28, 28)


@pytest.mark.parametrize("change", [
    "settings['transform'] = transforms.Compose([transforms.Resize(64), transforms.ToTensor()])\n",
    "settings.update(transform=None)\n",
])
def test_a_dict_of_settings_changed_after_it_is_made_gives_no_size(change):
    source = SETTINGS.replace("SIDE", "7").replace("\n\nclass AE", "\n" + change + "\n\nclass AE")
    result = lint_text(source, "train.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_torch_agrees_with_the_settings_size():
    torch = pytest.importorskip("torch")
    namespace: dict = {}

    def model(side: str) -> str:  # the class alone (MNIST's 1 x 28 x 28 is torchvision's, not read here)
        return "import torch.nn as nn\n\nclass AE" + SETTINGS.replace("SIDE", side).split("class AE")[1].split("if __name__")[0]

    exec(compile(model("14"), "train.py", "exec"), namespace)
    assert module_shapes(namespace["AE"]().eval(), (128, 1, 28, 28))["fc"] == (128, 10)
    exec(compile(model("7"), "train.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"128x1568 and 392x10"):
        namespace["AE"]()(torch.zeros(128, 1, 28, 28))
