"""A model a training script takes from a table of the project's model classes by a name not known
statically (`model = model_dict[arch](num_classes=args.num_classes)`, the table in utils.py over a
star import of the models package), built and loaded by helper functions (`get_model(args)`,
`get_data_loader(args)`) and fed the loader's batches in `train(args, train_loader, model)`, all
wired in `main()`: every class the table lists takes that size, one whose first layer refuses
the images is left symbolic, and a script whose data has no one size gives none. Each claim is
checked against torch."""

import json

import pytest

from convlint.pipeline import Settings, lint_file
from tests.torch_cases import built, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

# refuses 32x32 images: 32 -> 10 -> 3 -> 1, and the fourth pool's window of 3 does not fit
POOLED = '''import torch.nn as nn


class Pooled(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        layers, channels = [], 3
        for width in (16, 32, 64, 64):
            layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU(inplace=True)]
            layers += [nn.MaxPool2d(kernel_size=3, stride=3)]  # the window
            channels = width
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''

# runs on 32x32 images only: its head counts 16 x 8 x 8 features
SMALL = '''import torch.nn as nn
import torch.nn.functional as F


class Small(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16 * SIDE * SIDE, num_classes)  # the head

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))
'''

# a net for 1-channel images listed beside the CIFAR nets: not the one the CIFAR batches are for
GRAY = '''import torch.nn as nn


class Gray(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 5)
        self.fc = nn.Linear(4 * 100 * 100, num_classes)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''

UTILS = '''from models import *

model_dict = {
    'pooled': Pooled,
    'small': Small,
    'gray': Gray,
}


def parse_model_name(name):
    arch, depth = name.split('-')
    return arch, int(depth)
'''

MAIN = '''import argparse

import torch
from torchvision import datasets, transforms

from utils import model_dict, parse_model_name

parser = argparse.ArgumentParser()
parser.add_argument('--model', type=str, default='small-0')
parser.add_argument('--batch-size', type=int, default=64)
parser.add_argument('--num-classes', type=int, default=10)


def get_data_loader(args):
    transform = transforms.Compose([TRANSFORM transforms.ToTensor()])
    if args.num_classes == 10:
        trainset = datasets.CIFAR10(root='./data', train=True, transform=transform, download=True)
    else:
        trainset = DATASET(root='./data', train=True, transform=transform, download=True)
    train_loader = torch.utils.data.DataLoader(trainset, batch_size=args.batch_size, shuffle=True)
    test_loader = torch.utils.data.DataLoader(trainset, batch_size=args.batch_size)
    return train_loader, test_loader


def get_model(args):
    arch, depth = parse_model_name(args.model)
    if depth != 0:
        model = TABLE[KEY](depth=depth, num_classes=args.num_classes)
    else:
        model = TABLE[KEY](num_classes=args.num_classes)
    if torch.cuda.is_available():
        model = torch.nn.DataParallel(model)
    return model, 0


def train(args, train_loader, model):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        output = model(data)


def main():
    args = parser.parse_args()
    train_loader, test_loader = get_data_loader(args)
    model, best_acc = get_model(args)
    for epoch in range(10):
        train(args, train_loader, model)


if __name__ == '__main__':
    main()
'''

SCRIPT = {"TRANSFORM": "transforms.RandomCrop(32, padding=4),", "DATASET": "datasets.CIFAR100",
          "TABLE": "model_dict", "KEY": "arch"}


def _filled(text: str, values: dict) -> str:
    for name, value in values.items():
        text = text.replace(name, value)
    return text


def _project(root, side: int = 8, **changes) -> None:
    files = {"models/__init__.py": "from .pooled import *\nfrom .small import *\nfrom .gray import *\n",
             "models/pooled.py": POOLED, "models/small.py": SMALL.replace("SIDE", str(side)),
             "models/gray.py": GRAY, "utils.py": UTILS, "main.py": _filled(MAIN, {**SCRIPT, **changes})}
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _lint(root, name: str, *options: str):
    from click.testing import CliRunner

    from convlint.cli import main

    return CliRunner().invoke(main, [f"models/{name}.py", "--format", "concise", *options])


def test_every_model_of_the_table_takes_the_batches_the_script_trains_on(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = _lint(tmp_path, "pooled", "--no-cache")
    assert result.exit_code == 1, result.output
    assert f"models/pooled.py:{line_of(POOLED, '# the window')}:" in result.output and "CL105" in result.output
    assert "as for every model of model_dict" in result.output and "CIFAR10 or CIFAR100 batches" in result.output
    with pytest.raises(RuntimeError):  # torch refuses it where convlint says
        module_shapes(built(POOLED, "pooled.py", lambda ns: ns["Pooled"]()), (64, 3, 32, 32))


def test_a_model_of_the_table_fit_for_the_batches_stays_clean_with_torch_s_shapes(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _lint(tmp_path, "small", "--no-cache").exit_code == 0
    result = lint_file(tmp_path / "models" / "small.py", "models/small.py", Settings())
    (model,) = result.models
    assert model.input_source.kind == "table" and tuple(model.input_shape.dims) == (64, 3, 32, 32)
    torch_shapes = module_shapes(built(SMALL.replace("SIDE", "8"), "small.py", lambda ns: ns["Small"]()),
                                 (64, 3, 32, 32))
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    assert all(predicted[path] == shape for path, shape in torch_shapes.items() if path), (predicted, torch_shapes)


def test_a_model_of_the_table_whose_first_layer_refuses_the_images_is_left_symbolic(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _lint(tmp_path, "gray", "--no-cache").exit_code == 0
    result = lint_file(tmp_path / "models" / "gray.py", "models/gray.py", Settings())
    assert [m.input_source for m in result.models] == [None]


SIZELESS = {
    # STL10's 96x96 images on the other path: no one size
    "two-datasets": {"DATASET": "datasets.STL10"},
    # the table indexed by the option's default: only that class is built
    "the-default-key": {"KEY": "args.model.split('-')[0]"} | {"'small-0'": "'small'"},
    "a-literal-key": {"KEY": "'small'"},
}


@pytest.mark.parametrize("changes", SIZELESS.values(), ids=SIZELESS.keys())
def test_no_size_for_a_model_the_script_cannot_be_said_to_feed(tmp_path, monkeypatch, changes):
    _project(tmp_path, **changes)
    monkeypatch.chdir(tmp_path)
    result = _lint(tmp_path, "pooled", "--no-cache")
    assert result.exit_code == 0, result.output


def test_images_resized_to_another_size_are_that_size(tmp_path, monkeypatch):
    """Resized to 64x64, the images fit a head for 64x64 (16 x 16 x 16) and not one for 32x32."""
    for side, resize, code in ((16, "transforms.Resize((64, 64)),", 0), (8, "transforms.Resize((64, 64)),", 1),
                               (16, "transforms.RandomResizedCrop(64),", 0), (16, "", 1)):
        root = tmp_path / f"{side}{len(resize)}"
        root.mkdir()
        _project(root, side=side, TRANSFORM=resize)
        monkeypatch.chdir(root)
        result = _lint(root, "small", "--no-cache")
        assert result.exit_code == code, (side, resize, result.output)
        size = 64 if resize else 32
        fits = side * 4 == size
        model = built(SMALL.replace("SIDE", str(side)), "small.py", lambda ns: ns["Small"]())
        if fits:
            assert module_shapes(model, (2, 3, size, size))["fc"] == (2, 10)
        else:
            with pytest.raises(RuntimeError):
                module_shapes(model, (2, 3, size, size))


def test_a_table_in_the_script_itself_and_one_changed_after_it_is_made(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.py").write_text(
        "import torch\nfrom models.pooled import Pooled\nfrom models.small import Small\n\n"
        "MODELS = {'pooled': Pooled, 'small': Small}\n\n\ndef build(name):\n    return MODELS[name]()\n\n\n"
        "def run(name):\n    net = MODELS[name](num_classes=10)\n    net(torch.randn(2, 3, 32, 32))\n")
    (tmp_path / "main.py").unlink()
    result = _lint(tmp_path, "pooled", "--no-cache")
    assert result.exit_code == 1 and "train.py line 14" in result.output, result.output
    # a table utils.py changes after making it may not hold what it lists
    (tmp_path / "train.py").unlink()
    _project(tmp_path / "changed")
    (tmp_path / "changed" / "utils.py").write_text(UTILS + "\nmodel_dict['pooled'] = Small\n")
    monkeypatch.chdir(tmp_path / "changed")
    assert _lint(tmp_path / "changed", "pooled", "--no-cache").exit_code == 0


def test_a_cached_result_is_redone_when_the_table_changes(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    cache = str(tmp_path / ".cache")
    assert _lint(tmp_path, "pooled", "--cache-dir", cache).exit_code == 1
    (tmp_path / "utils.py").write_text(UTILS.replace("    'pooled': Pooled,\n", ""))
    assert _lint(tmp_path, "pooled", "--cache-dir", cache).exit_code == 0
    (tmp_path / "utils.py").write_text(UTILS)
    assert _lint(tmp_path, "pooled", "--cache-dir", cache).exit_code == 1
    result = _lint(tmp_path, "pooled", "--cache-dir", cache, "--format", "json")
    sources = [m["input_source"] for f in json.loads(result.output)["files"] for m in f["models"]]
    assert sources == [{"path": "main.py", "line": line_of(MAIN, "output = model(data)"), "kind": "table"}]


# a script that builds the model from the table unless an on/off option asks to resume from a
# checkpoint: a run with no arguments takes the path the option's default picks
RESUMING = '''import argparse

import torch
from torchvision import datasets, transforms

from utils import model_dict, parse_model_name

parser = argparse.ArgumentParser()
parser.add_argument('--model', type=str, default='pooled-0')
parser.add_argument('--num-classes', type=int, default=10)
FLAGS


def get_model(args):
    if TEST:
        checkpoint = torch.load('./checkpoint/ckpt.pth')
        model = checkpoint['model']
        best_acc = checkpoint['acc']
    else:
        arch, depth = parse_model_name(args.model)
        model = model_dict[arch](num_classes=args.num_classes)
        best_acc = 0
    return model, best_acc


if __name__ == '__main__':
    args = parser.parse_args()
    SET
    trainset = datasets.CIFAR10(root='./data', train=True, transform=transforms.ToTensor(), download=True)
    train_loader = torch.utils.data.DataLoader(trainset, batch_size=64, shuffle=True)
    model, best_acc = get_model(args)
    for data, target in train_loader:
        output = model(data)
'''

RESUME = "parser.add_argument('--resume', action='store_true', help='resume from a checkpoint')"
ON_OFF = {
    # store_true is False unless given: the model is built from the table
    "store-true": ({"FLAGS": RESUME, "TEST": "args.resume"}, 1),
    "store-true-default-false": ({"FLAGS": RESUME.replace("',", "', default=False,"), "TEST": "args.resume"}, 1),
    # store_false is True unless given
    "store-false": ({"FLAGS": "parser.add_argument('--fresh', action='store_false')", "TEST": "not args.fresh"}, 1),
    "either-flag": ({"FLAGS": f"{RESUME}\nparser.add_argument('--cuda', action='store_true')",
                     "TEST": "args.resume or args.cuda"}, 1),
    "an-unknown-and-a-false": ({"FLAGS": RESUME, "TEST": "torch.cuda.is_available() and args.resume"}, 1),
    # an explicit default wins: resuming is what a plain run does, and the checkpoint's model is not known
    "store-true-default-true": ({"FLAGS": RESUME.replace("',", "', default=True,"), "TEST": "args.resume"}, 0),
    "store-false-default-false": ({"FLAGS": "parser.add_argument('--fresh', action='store_false', default=False)",
                                   "TEST": "not args.fresh"}, 0),
    # set by the script after parsing: no longer the default
    "set-after-parsing": ({"FLAGS": RESUME, "TEST": "args.resume",
                           "SET": "args.resume = torch.cuda.is_available()"}, 0),
    # a test on anything else than flags: either path
    "an-unknown-or-a-false": ({"FLAGS": RESUME, "TEST": "torch.cuda.is_available() or args.resume"}, 0),
}


@pytest.mark.parametrize(("changes", "code"), ON_OFF.values(), ids=ON_OFF.keys())
def test_an_on_off_option_s_default_picks_the_path_a_plain_run_takes(tmp_path, monkeypatch, changes, code):
    _project(tmp_path)
    (tmp_path / "main.py").write_text(_filled(RESUMING, {"SET": "pass", **changes}))
    monkeypatch.chdir(tmp_path)
    result = _lint(tmp_path, "pooled", "--no-cache")
    assert result.exit_code == code, result.output
    if code:
        assert f"models/pooled.py:{line_of(POOLED, '# the window')}:" in result.output and "CL105" in result.output
        with pytest.raises(RuntimeError):  # torch refuses CIFAR10's images where convlint says
            module_shapes(built(POOLED, "pooled.py", lambda ns: ns["Pooled"]()), (64, 3, 32, 32))


def test_an_on_off_option_is_no_size(tmp_path):
    """True is an int in Python, but an on/off option gives no size: a tensor sized by one is not
    taken for an input size (nor a batch of 1)."""
    from convlint.source.input_hints import find_input_hints
    import libcst as cst

    script = ("import argparse\nimport torch\nfrom models.small import Small\n\n"
              "parser = argparse.ArgumentParser()\nparser.add_argument('--tiny', action='store_true', default=True)\n"
              "parser.add_argument('--side', type=int, default=32)\nargs = parser.parse_args()\n"
              "net = Small()\nnet(torch.randn(2, 3, SIZE))\n")
    sized = find_input_hints(cst.parse_module(script.replace("SIZE", "args.side, args.side")))
    assert [h.shape for h in sized] == [(2, 3, 32, 32)]
    assert find_input_hints(cst.parse_module(script.replace("SIZE", "args.side, args.tiny"))) == []
    flagged = find_input_hints(cst.parse_module(script.replace("net(torch.randn(2, 3, SIZE))",
                                                               "net(torch.randn(args.tiny, 3, 32, 32))")))
    assert all(h.shape[0] != 1 for h in flagged)


# a model of the table that needs a depth, every value of which its cfg states; the script's other
# branch (`model_dict[arch](num_classes=...)`, for the models that take no depth) is a TypeError
# for it, no model: it is built with each depth of cfg on the script's batches
DEEP = '''import torch.nn as nn

cfg = {
    11: [8, 'M', 16, 'M', 32, 'M', 32, 'M'],
    13: [8, 8, 'M', 16, 'M', 32, 'M', 32, 'M'],
    16: [8, 8, 'M', 16, 16, 'M', 32, 32, 'M', 32, 'M'],
    19: [8, 8, 'M', 16, 16, 'M', 32, 32, 'M', 32, 32, 'M'],
}


class Deep(nn.Module):
    def __init__(self, depth, num_classes=10):
        assert depth in cfg, 'depth not in cfg'
        super().__init__()
        self.features = self._make_layers(cfg[depth])
        self.fc = nn.Linear(32 * 2 * 2, num_classes)

    def forward(self, x):
        x = self.features(x)
        return self.fc(x.view(x.size(0), -1))

    def _make_layers(self, config):
        layers, channels = [], 3
        for width in config:
            if width == 'M':
                layers += [nn.MaxPool2d(kernel_size=WINDOW, stride=WINDOW)]  # the pool
            else:
                layers += [nn.Conv2d(channels, width, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
                channels = width
        return nn.Sequential(*layers)
'''


@pytest.mark.parametrize("window", [3, 2])
def test_a_model_needing_a_depth_is_tried_at_every_depth_on_the_script_s_batches(tmp_path, monkeypatch, window):
    _project(tmp_path)
    source = DEEP.replace("WINDOW", str(window))
    (tmp_path / "models" / "deep.py").write_text(source)
    (tmp_path / "models" / "__init__.py").write_text("from .pooled import *\nfrom .deep import *\n")
    (tmp_path / "utils.py").write_text(UTILS.replace("    'gray': Gray,\n", "    'deep': Deep,\n"))
    monkeypatch.chdir(tmp_path)
    result = _lint(tmp_path, "deep", "--no-cache")
    # 32 -> 10 -> 3 -> 1 with windows of 3: the fourth pool of every depth refuses the batches
    for depth in (11, 13, 16, 19):
        model = built(source, "deep.py", lambda ns: ns["Deep"](depth))
        if window == 3:
            with pytest.raises(RuntimeError):
                module_shapes(model, (64, 3, 32, 32))
        else:
            assert module_shapes(model, (64, 3, 32, 32))["fc"] == (64, 10)
    if window == 2:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert f"models/deep.py:{line_of(DEEP, '# the pool')}:" in result.output and "CL105" in result.output
    assert "every value `assert depth in cfg` allows" in result.output and "64x3x32x32" in result.output
