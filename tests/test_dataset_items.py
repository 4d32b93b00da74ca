"""Zero configuration: a DataLoader over the project's own map-style Dataset feeds the model batches
of what its __getitem__ returns, where the code states that size (a tensor reshaped or made to
written sizes, an array made so, an image through a torchvision pipeline that fixes its size).
Anything the data read decides, or two sizes, stays symbolic. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

MODEL = '''import cv2
import numpy as np
import torch
import torch.nn as nn
import torchvision.transforms as transforms
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d({channels}, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * {side} * {side}, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))

'''
FC_LINE = 15

# name -> (the dataset and the loop feeding Net, the item's (C, H, W), the batch)
FORMS = {
    "reshape-of-a-row": ('''
class Digits(Dataset):
    def __init__(self, n):
        self.data = torch.rand(n, 784)

    def __getitem__(self, i):
        return self.data[i].reshape(1, 28, 28), 0

    def __len__(self):
        return len(self.data)


loader = DataLoader(dataset=Digits(100), batch_size=64)
net = Net()
for x, y in loader:
    out = net(x)
''', (1, 28, 28), 64),
    "view-returned-alone": ('''
class Rows(Dataset):
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, index):
        return torch.tensor(self.rows[index]).view(1, 28, 28)

    def __len__(self):
        return len(self.rows)


loader = DataLoader(Rows(np.zeros((10, 784), dtype=np.float32)), batch_size=4)
model = Net()
for batch in loader:
    model(batch)
''', (1, 28, 28), 4),
    # the whole array prepared in __init__ (a CSV's pixel columns), one row of it per item
    "whole-array-reshaped-in-init": ('''
class CsvDigits(Dataset):
    def __init__(self, features, labels):
        self.features = torch.tensor(features, dtype=torch.float32).reshape(-1, 1, 28, 28)
        self.labels = torch.tensor(labels, dtype=torch.long)

    def __len__(self):
        return len(self.features)

    def __getitem__(self, idx):
        return self.features[idx], self.labels[idx]


x_train, y_train = np.zeros((100, 784)), np.zeros(100)
train_loader = DataLoader(CsvDigits(x_train / 255.0, y_train), batch_size=32, shuffle=True)
model = Net()
for batch_features, batch_labels in train_loader:
    outputs = model(batch_features)
''', (1, 28, 28), 32),
    # the tutorial guard before indexing: the DataLoader passes an int, so the branch is not taken
    "tensor-index-guard": ('''
class CsvDigits(Dataset):
    def __init__(self, features):
        self.features = torch.tensor(features, dtype=torch.float32).reshape(-1, 1, 28, 28)

    def __len__(self):
        return len(self.features)

    def __getitem__(self, idx):
        if torch.is_tensor(idx):
            idx = idx.tolist()
        return self.features[idx], 0


train_loader = DataLoader(CsvDigits(np.zeros((100, 784))), batch_size=16)
model = Net()
for images, labels in train_loader:
    outputs = model(images)
''', (1, 28, 28), 16),
    "whole-array-viewed-and-scaled-in-init": ('''
class CsvDigits(Dataset):
    def __init__(self, rows):
        self.images = torch.from_numpy(rows[:, 1:]).float().view(-1, 1, 28, 28) / 255.
        self.labels = torch.from_numpy(rows[:, 0]).long()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        image = self.images[index]
        return image, self.labels[index]


loader = DataLoader(CsvDigits(np.zeros((10, 785), dtype=np.float32)), batch_size=4)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (1, 28, 28), 4),
    "numpy-reshape-in-init-permuted-per-item": ('''
class CsvPhotos(Dataset):
    def __init__(self, pixels):
        self.pixels = np.reshape(pixels, (-1, 32, 32, 3)).astype(np.float32) / 255.0

    def __len__(self):
        return len(self.pixels)

    def __getitem__(self, i):
        return torch.from_numpy(self.pixels[i]).permute(2, 0, 1), 0


loader = DataLoader(CsvPhotos(np.zeros((6, 3072))), batch_size=3)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (3, 32, 32), 3),
    "zeros-with-a-label-next-iter": ('''
class Noise(Dataset):
    def __getitem__(self, index):
        x = torch.zeros(3, 32, 32)
        label = index % 10
        return x, label

    def __len__(self):
        return 16


loader = DataLoader(Noise(), batch_size=8, shuffle=True)
images, labels = next(iter(loader))
Net()(images)
''', (3, 32, 32), 8),
    "numpy-array-from-numpy": ('''
class Arrays(Dataset):
    def __init__(self, n):
        self.n = n

    def __getitem__(self, index):
        image = np.zeros((3, 32, 32), dtype=np.float32)
        return torch.from_numpy(image).float(), 0

    def __len__(self):
        return self.n


loader = DataLoader(Arrays(20), batch_size=5)
net = Net()
for step, (x, y) in enumerate(loader):
    net(x)
''', (3, 32, 32), 5),
    "sizes-given-to-the-constructor": ('''
class Crops(Dataset):
    def __init__(self, count, crop_size=24):
        self.count = count
        self.crop_size = crop_size

    def __getitem__(self, index):
        clip = np.empty((self.crop_size, self.crop_size, 3), dtype=np.float32)
        return torch.from_numpy(clip.transpose((2, 0, 1))), 1

    def __len__(self):
        return self.count


loader = DataLoader(Crops(12, crop_size=32), batch_size=6)
net = Net()
for clips, labels in loader:
    net(clips)
''', (3, 32, 32), 6),
    "transform-given-to-the-constructor": ('''
pipeline = transforms.Compose([
    transforms.Resize((40, 40)),
    transforms.RandomCrop((32, 32)),
    transforms.ToTensor(),
])


class Images(Dataset):
    def __init__(self, files, transform=None):
        self.files, self.transform = files, transform

    def __getitem__(self, i):
        image = Image.open(self.files[i]).convert('RGB')
        if self.transform is not None:
            image = self.transform(image)
        return image, 0

    def __len__(self):
        return len(self.files)


loader = DataLoader(Images(["a.png"], transform=pipeline), batch_size=8)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (3, 32, 32), 8),
    "pil-resize-then-to-tensor-gray": ('''
class Scans(Dataset):
    def __init__(self, files):
        self.files = files

    def __getitem__(self, i):
        image = Image.open(self.files[i]).convert("L")
        return transforms.ToTensor()(image.resize((28, 28))), 0

    def __len__(self):
        return len(self.files)


loader = DataLoader(Scans(["a.png"]), batch_size=2)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (1, 28, 28), 2),
    "transform-built-in-init": ('''
class Scans(Dataset):
    def __init__(self, files):
        self.files = files
        self.transform = transforms.Compose([transforms.Resize((28, 28)), transforms.Grayscale(),
                                             transforms.ToTensor()])

    def __getitem__(self, i):
        image = Image.open(self.files[i]).convert("RGB")
        return self.transform(image), 0

    def __len__(self):
        return len(self.files)


loader = DataLoader(Scans(["a.png"]), batch_size=2)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (1, 28, 28), 2),
    "opencv-array-permuted": ('''
class Frames(Dataset):
    def __init__(self, paths):
        self.paths = paths

    def __getitem__(self, index):
        frame = cv2.imread(self.paths[index])
        frame = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        frame = cv2.resize(frame, (32, 32))
        return torch.from_numpy(frame).permute(2, 0, 1).float() / 255.0, 0

    def __len__(self):
        return len(self.paths)


loader = DataLoader(Frames(["a.jpg"]), batch_size=3)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (3, 32, 32), 3),
    "normalize-settles-the-channels": ('''
class Photos(Dataset):
    def __init__(self, files, transform):
        self.files, self.transform = files, transform

    def __getitem__(self, i):
        return self.transform(Image.open(self.files[i])), 0

    def __len__(self):
        return len(self.files)


tf = transforms.Compose([transforms.CenterCrop(32), transforms.ToTensor(),
                         transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])])
loader = DataLoader(Photos(["a.png"], tf), batch_size=4)
model = Net()
for inputs, labels in loader:
    outputs = model(inputs)
''', (3, 32, 32), 4),
    # an item that is a dict: torch's collate gives a dict of batches under its keys
    "dict-item": ('''
class Digits(Dataset):
    def __init__(self, n):
        self.data = torch.rand(n, 784)

    def __getitem__(self, i):
        return {"image": self.data[i].reshape(1, 28, 28), "flat": self.data[i], "label": i % 10}

    def __len__(self):
        return len(self.data)


loader = DataLoader(Digits(20), batch_size=5)
net = Net()
for sample in loader:
    out = net(sample["image"])
''', (1, 28, 28), 5),
    # the sides a Resize of the constructor's argument fixes, one of two pipelines of a dict item
    "dict-item-resized-to-a-constructor-argument": ('''
HR_SIZE = 32


class Pairs(Dataset):
    def __init__(self, files, hr_size, factor):
        self.files = files
        self.hr_transforms = transforms.Compose([transforms.Resize((hr_size, hr_size)), transforms.ToTensor()])
        self.lr_transforms = transforms.Compose([transforms.Resize((hr_size // factor, hr_size // factor)),
                                                 transforms.ToTensor()])

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        image = Image.open(self.files[idx]).convert("RGB")
        return {"lr": self.lr_transforms(image), "hr": self.hr_transforms(image)}


loader = DataLoader(Pairs(["a.png"], HR_SIZE, 4), batch_size=16)
disc = Net()
for samples in loader:
    hr = samples["hr"]
    out = disc(hr)
''', (3, 32, 32), 16),
    # a Kaggle digit-recognizer dataset: with train=True an item is (image, label), else the image
    # alone; the flag stored in __init__ picks the one return the training loader's items take
    "train-flag-stored-in-init": ('''
class Digits(Dataset):
    def __init__(self, rows, train=True):
        self.rows = rows
        self.train = train
        self.height = 28
        self.width = 28

    def __getitem__(self, index):
        image = torch.tensor(self.rows[index]).reshape(1, self.height, self.width)
        if self.train:
            return image, 0
        else:
            return image

    def __len__(self):
        return len(self.rows)


train_loader = DataLoader(Digits(np.zeros((10, 784), dtype=np.float32), True), batch_size=8)
model = Net()
for images, labels in train_loader:
    outputs = model(images)
''', (1, 28, 28), 8),
    "mode-string-stored-in-init": ('''
class Digits(Dataset):
    def __init__(self, rows, mode):
        self.rows = rows
        self.mode = mode

    def __getitem__(self, index):
        image = torch.tensor(self.rows[index]).reshape(1, 28, 28)
        if self.mode == "test":
            return image
        return image, 0

    def __len__(self):
        return len(self.rows)


loader = DataLoader(Digits(np.zeros((10, 784), dtype=np.float32), mode="train"), batch_size=2)
model = Net()
for images, labels in loader:
    outputs = model(images)
''', (1, 28, 28), 2),
}

RIGHT = {"1x28x28": (1, 14), "3x32x32": (3, 16)}
WRONG = {"1x28x28": (1, 7), "3x32x32": (3, 8)}


def _source(form: str, sizes: dict) -> str:
    code, item, _ = FORMS[form]
    channels, side = sizes["x".join(map(str, item))]
    return MODEL.format(channels=channels, side=side) + code


def _errors(source: str) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, "train.py", Settings()).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize("form", FORMS)
def test_the_batches_of_the_project_s_dataset_are_the_model_s_input(form):
    _, item, batch = FORMS[form]
    wrong = lint_text(_source(form, WRONG), "train.py", Settings())
    assert [(d.code, d.span.line) for d in wrong.diagnostics if d.severity == "error"] == [("CL101", FC_LINE)]
    assert f"input {batch}x{'x'.join(map(str, item))} from line" in wrong.diagnostics[0].message
    right = lint_text(_source(form, RIGHT), "train.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in right.models if m.input_source is not None]
    assert tuple(model.input_shape.dims) == (batch, *item)


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


LIBRARIES_ABSENT_HERE = ("import cv2\n", "import torchvision.transforms as transforms\n", "from PIL import Image\n")


def _runnable(source: str) -> str:
    for line in LIBRARIES_ABSENT_HERE:  # (the forms that open images are run only for their model)
        source = source.replace(line, "")
    return source


@pytest.mark.parametrize("form", FORMS)
def test_torch_refuses_the_wrong_model_on_that_input_and_runs_the_right_one(torch, form):
    _, item, batch = FORMS[form]
    for sizes, fails in ((WRONG, True), (RIGHT, False)):
        channels, side = sizes["x".join(map(str, item))]
        namespace: dict = {}
        exec(compile(_runnable(MODEL.format(channels=channels, side=side)), "train.py", "exec"), namespace)
        net = namespace["Net"]()
        if fails:
            with pytest.raises(RuntimeError, match="mat1 and mat2"):
                net(torch.zeros(batch, *item))
        else:
            assert net(torch.zeros(batch, *item)).shape == (batch, 10)


@pytest.mark.parametrize("form", [name for name, (code, _, _) in FORMS.items()
                                  if "Image.open" not in code and "cv2." not in code])
def test_torch_s_loader_gives_batches_of_that_size(torch, form):
    """The forms that open no image file run as written, Net a recorder of what it is given."""
    code, item, batch = FORMS[form]
    seen: list = []
    recorder = "\nclass Net:\n    def __call__(self, x):\n        seen.append(tuple(x.shape))\n"
    imports = _runnable(MODEL.split("\nclass Net")[0])
    exec(compile(imports + recorder + code, "train.py", "exec"), {"seen": seen})
    assert seen and seen[0] == (batch, *item)


# Code whose item size the code does not state: the model stays symbolic, so the fc counted for
# another size is a CL211 note, no error. (a form above, what is replaced in it, by what)
NOT_STATED = {
    "size-read-from-the-data": ("reshape-of-a-row", "reshape(1, 28, 28)", "reshape(1, len(self.data) // 4, 28)"),
    "two-sizes-returned": ("zeros-with-a-label-next-iter", "        return x, label",
                           "        if index % 2:\n            return torch.zeros(3, 28, 28), label\n"
                           "        return x, label"),
    "transform-not-followed": ("transform-given-to-the-constructor", "transforms.RandomCrop((32, 32)),",
                               "transforms.Lambda(lambda im: im.crop((0, 0, 32, 32))),"),
    "transform-not-given": ("transform-given-to-the-constructor", 'Images(["a.png"], transform=pipeline)',
                            'Images(["a.png"])'),
    "image-mode-not-fixed": ("transform-given-to-the-constructor", ".convert('RGB')", ""),
    "changed-in-place": ("zeros-with-a-label-next-iter", "        label = index % 10",
                         "        x.unsqueeze_(0)\n        label = index % 10"),
    "batched-getitems": ("zeros-with-a-label-next-iter", "    def __len__",
                         "    def __getitems__(self, indices):\n        return [self[i] for i in indices]\n\n"
                         "    def __len__"),
    "a-label-unpacked-from-a-lone-tensor": ("view-returned-alone", "for batch in loader:",
                                            "for batch, label in loader:"),
    "image-read-unchanged": ("opencv-array-permuted", "cv2.imread(self.paths[index])",
                             "cv2.imread(self.paths[index], cv2.IMREAD_UNCHANGED)"),
    "whole-array-sliced-per-item": ("whole-array-reshaped-in-init", "self.features[idx]",
                                    "self.features[idx:idx + 1]"),
    "whole-array-index-changed": ("whole-array-reshaped-in-init", "    def __getitem__(self, idx):\n",
                                  "    def __getitem__(self, idx):\n        idx = [idx]\n"),
    "whole-array-side-not-written": ("whole-array-reshaped-in-init", "reshape(-1, 1, 28, 28)",
                                     "reshape(len(features), 1, -1, 28)"),
    "collate-fn": ("reshape-of-a-row", "batch_size=64)", "batch_size=64, collate_fn=stack)"),
    "a-project-base-class": ("reshape-of-a-row", "class Digits(Dataset):", "class Digits(Base):"),
    "dict-item-key-not-returned": ("dict-item", 'sample["image"]', 'sample["mask"]'),
    "dict-item-indexed-by-position": ("dict-item", 'sample["image"]', "sample[0]"),
    "dict-item-unpacked": ("dict-item", 'for sample in loader:\n    out = net(sample["image"])',
                           "for image, flat in loader:\n    out = net(image)"),
    "dict-item-key-repeated": ("dict-item", '"flat": self.data[i]', '"image": self.data[i]'),
    "dict-item-label-fed": ("dict-item", 'sample["image"]', 'sample["label"]'),
    # the flag that picks the item's return is not a literal the construction gives, or is bound again
    "train-flag-not-a-literal": ("train-flag-stored-in-init", "dtype=np.float32), True)",
                                 "dtype=np.float32), len(sys.argv) > 1)"),
    "train-flag-set-again-in-a-branch": ("train-flag-stored-in-init", "        self.height = 28\n",
                                         "        self.height = 28\n        if len(rows) > 5:\n"
                                         "            self.train = False\n"),
    "train-flag-set-again-per-item": ("train-flag-stored-in-init", "        if self.train:\n",
                                      "        self.train = index % 2 == 0\n        if self.train:\n"),
    "train-flag-set-in-a-branch-only": ("train-flag-stored-in-init", "        self.train = train\n",
                                        "        if train:\n            self.train = True\n"),
    "dict-item-key-not-a-string": ("dict-item", 'sample["image"]', 'sample[("image",)]'),
}


@pytest.mark.parametrize(("form", "old", "new"), NOT_STATED.values(), ids=NOT_STATED.keys())
def test_no_input_size_where_the_code_does_not_state_the_item_s(form, old, new):
    source = _source(form, WRONG)
    assert old in source
    result = lint_text(source.replace(old, new), "train.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert all(m.input_source is None for m in result.models)


def test_a_dataset_another_file_of_the_project_defines(tmp_path, monkeypatch):
    """`from datasets import Images` with the transform that file binds: read in its own module."""
    code, _, _ = FORMS["transform-given-to-the-constructor"]
    dataset, loop = code.split("\n\nloader = ")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "datasets.py").write_text("import torchvision.transforms as transforms\nfrom PIL import Image\n"
                                          "from torch.utils.data import Dataset\n" + dataset)
    (tmp_path / "model.py").write_text(MODEL.format(channels=3, side=8))
    (tmp_path / "train.py").write_text("from torch.utils.data import DataLoader\n"
                                       "from datasets import Images, pipeline\n"
                                       "from model import Net\n\nloader = " + loop)
    monkeypatch.chdir(tmp_path)
    from click.testing import CliRunner

    from convlint.cli import main

    result = CliRunner().invoke(main, ["model.py", "--format", "concise", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert f"model.py:{FC_LINE}:" in result.output and "CL101" in result.output
    assert "input 8x3x32x32 from train.py" in result.output and "Images batches" in result.output
    (tmp_path / "model.py").write_text(MODEL.format(channels=3, side=16))
    assert CliRunner().invoke(main, ["model.py", "--no-cache"]).exit_code == 0
