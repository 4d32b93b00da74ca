"""What a project's other scripts tell about a model: the lists and dicts they build it with
(`Net([200, 400, 800], 10)`, `Net(cfg={'out': [...]})`), and the size a plain class of theirs makes
its data loader at (`Data(image_size=224).loader()`)."""

import pytest

from convlint.pipeline import Settings, lint_text

WIDTHS_MODEL = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self, out, n_classes):
        super().__init__()
        self.conv = nn.Conv2d(3, out[2], 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(out[1], n_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''
WIDTHS_FIXED = WIDTHS_MODEL.replace("nn.Linear(out[1]", "nn.Linear(out[2]")

CFG_MODEL = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cfg, input_channel, n_classes):
        super().__init__()
        layers, c = [], input_channel
        for width in cfg['out']:
            layers += [nn.Conv2d(c, width, 3, stride=2, padding=1), nn.ReLU()]
            c = width
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(cfg['out'][1], n_classes)

    def forward(self, x):
        return self.linear(self.pool(self.features(x)).flatten(1))
'''
CFG_FIXED = CFG_MODEL.replace("cfg['out'][1]", "cfg['out'][-1]")

SCRIPTS = {
    "list": (WIDTHS_MODEL, WIDTHS_FIXED, "import torch\nfrom m import Net\nmodel = Net([200, 400, 800], 10)\n"
                                         "print(model(torch.randn(2, 3, 32, 32)).shape)\n", 9),
    "list-named-not-fed": (WIDTHS_MODEL, WIDTHS_FIXED, "from m import Net\nWIDTHS = [200, 400, 800]\n"
                                                       "model = Net(WIDTHS, n_classes=10)\n", 9),
    "tuple": (WIDTHS_MODEL, WIDTHS_FIXED, "import torch\nfrom m import Net\nmodel = Net((200, 400, 800), 10)\n"
                                          "model(torch.randn(2, 3, 32, 32))\n", 9),
    "dict": (CFG_MODEL, CFG_FIXED, "import torch\nfrom m import Net\n\n"
                                   "cfg = {'out': [200, 400, 800], 'n_blocks': [4, 8, 4], 'groups': 2}\n"
                                   "model = Net(cfg=cfg, input_channel=3, n_classes=10)\n"
                                   "print(model(torch.randn(2, 3, 32, 32)).shape)\n", 13),
    "dict-inline-nested": (CFG_MODEL, CFG_FIXED, "from m import Net\n"
                                                 "model = Net({'out': [200, 400, 800], 'extra': {'k': (1, True, 'x')}}, "
                                                 "3, 10)\n", 13),
}


def _lint(tmp_path, monkeypatch, model: str, script: str, names: tuple[str, str] = ("m.py", "main.py")):
    """The model file linted, with no options, in a project of it and one script beside it."""
    from click.testing import CliRunner

    from convlint.cli import main

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / names[0]).write_text(model)
    (tmp_path / names[1]).write_text(script)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, [names[0], "--format", "concise", "--no-cache"])


@pytest.mark.parametrize(("model", "fixed", "script", "line"), SCRIPTS.values(), ids=SCRIPTS.keys())
def test_a_list_or_dict_another_script_builds_the_model_with_is_used_exactly(tmp_path, monkeypatch, model, fixed,
                                                                            script, line):
    result = _lint(tmp_path, monkeypatch, model, script)
    assert result.exit_code == 1, result.output
    assert f"m.py:{line}:" in result.output and "CL101" in result.output and "800" in result.output, result.output
    clean = _lint(tmp_path, monkeypatch, fixed, script)
    assert clean.exit_code == 0 and "CL101" not in clean.output, clean.output


@pytest.mark.parametrize("script", [
    "from m import Net\nmodel = Net([n, 400, 800], 10)\n",  # an element not known
    "from m import Net\nout = [200, 400]\nout.append(800)\nmodel = Net(out, 10)\n",  # grown before the build
    "from m import Net\nout = [200, 400, 800]\nif flag:\n    out = [200, 400, 400]\nmodel = Net(out, 10)\n",
    "from m import Net\nmodel = Net([*widths, 800], 10)\n",
])
def test_a_list_not_known_exactly_stays_unknown(tmp_path, monkeypatch, script):
    result = _lint(tmp_path, monkeypatch, WIDTHS_MODEL, script)
    assert "CL101" not in result.output, result.output


@pytest.mark.parametrize("script", [
    "from m import Net\ncfg = {'out': [200, 400]}\ncfg['out'].append(800)\nmodel = Net(cfg, 3, 10)\n",
    "from m import Net\ncfg = {'out': [200, 400, 800]}\ncfg['out'][2] = 400\nmodel = Net(cfg, 3, 10)\n",
    "from m import Net\ncfg = {'out': [200, 400, size]}\nmodel = Net(cfg, 3, 10)\n",
])
def test_a_dict_changed_or_not_literal_stays_unknown(tmp_path, monkeypatch, script):
    result = _lint(tmp_path, monkeypatch, CFG_MODEL, script)
    assert "CL101" not in result.output, result.output


def test_the_widths_read_are_what_torch_refuses(torch):
    for model, fixed, args in ((WIDTHS_MODEL, WIDTHS_FIXED, ([200, 400, 800], 10)),
                               (CFG_MODEL, CFG_FIXED, ({'out': [200, 400, 800], 'n_blocks': [4, 8, 4]}, 3, 10))):
        namespace: dict = {}
        exec(compile(model, "m.py", "exec"), namespace)
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace["Net"](*args)(torch.randn(2, 3, 32, 32))
        exec(compile(fixed, "m.py", "exec"), namespace)
        assert namespace["Net"](*args)(torch.randn(2, 3, 32, 32)).shape == (2, 10)


NIN = '''import torch.nn as nn


class NIN(nn.Module):
    def __init__(self, input_channel, n_classes):
        super().__init__()

        def block(cin, cout, kernel_size, stride, padding):
            return nn.Sequential(nn.Conv2d(cin, cout, kernel_size, stride, padding), nn.ReLU(),
                                 nn.Conv2d(cout, cout, kernel_size=1), nn.ReLU())

        self.layers = nn.Sequential(
            block(input_channel, 96, 11, 4, 0), nn.MaxPool2d(3, stride=2),
            block(96, 256, 5, 1, 2), nn.MaxPool2d(3, stride=2),
            block(256, 384, 3, 1, 1), nn.MaxPool2d(3, stride=2),
            block(384, n_classes, 7, 1, 0),
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())

    def forward(self, x):
        return self.layers(x)
'''
NIN_FIXED = NIN.replace("block(384, n_classes, 7, 1, 0)", "block(384, n_classes, 3, 1, 1)")

FACTORY = '''import torch
import torchvision
import torchvision.transforms as transforms
from nin import NIN


class initialize_dataset:
    def __init__(self, image_resolution=224, batch_size=128):
        self.image_resolution = image_resolution
        self.batch_size = batch_size

    def load_dataset(self):
        transform = transforms.Compose([transforms.ToTensor(),
                                        transforms.Resize((self.image_resolution, self.image_resolution))])
        train_dataset = torchvision.datasets.MNIST(root='./data', train=True, transform=transform, download=True)
        return torch.utils.data.DataLoader(dataset=train_dataset, batch_size=self.batch_size)


{build}
model = NIN(input_channel=1, n_classes=10)
for images, labels in train_dataloader:
    out = model(images)
'''
FACTORY_BUILDS = {
    "argument": "train_dataloader = initialize_dataset(image_resolution=224).load_dataset()",
    "default-in-main": "def main():\n    data = initialize_dataset()\n    return data.load_dataset()\n\n\n"
                       "train_dataloader = main()",
}


def _lint_nin(tmp_path, monkeypatch, model: str, script: str):
    from click.testing import CliRunner

    from convlint.cli import main

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "nin.py").write_text(model)
    (tmp_path / "main.py").write_text(script)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["nin.py", "--format", "concise", "--no-cache"])


@pytest.mark.parametrize("build", FACTORY_BUILDS.values(), ids=FACTORY_BUILDS.keys())
def test_a_loader_a_plain_class_method_returns_feeds_the_model(tmp_path, monkeypatch, build):
    result = _lint_nin(tmp_path, monkeypatch, NIN, FACTORY.format(build=build))
    assert result.exit_code == 1, result.output
    assert "nin.py:16:" in result.output and "CL105" in result.output, result.output
    assert "input 128x1x224x224 from main.py" in result.output, result.output
    clean = _lint_nin(tmp_path, monkeypatch, NIN_FIXED, FACTORY.format(build=build))
    assert clean.exit_code == 0, clean.output


@pytest.mark.parametrize("build", [
    "train_dataloader = initialize_dataset(image_resolution=size).load_dataset()",  # a size not known
    "data = initialize_dataset()\ndata.image_resolution = size\ntrain_dataloader = data.load_dataset()",
    # a config file that is not there: its value stays unknown
    "import yaml\nconfig = yaml.safe_load(open('config.yaml'))\n"
    "train_dataloader = initialize_dataset(image_resolution=config['image_resolution']).load_dataset()",
])
def test_a_factory_size_not_known_stays_unknown(tmp_path, monkeypatch, build):
    result = _lint_nin(tmp_path, monkeypatch, NIN, FACTORY.format(build=build))
    assert "CL105" not in result.output and "224" not in result.output, result.output


def test_the_factory_size_is_what_torch_refuses(torch):
    namespace: dict = {}
    exec(compile(NIN, "nin.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
        namespace["NIN"](1, 10)(torch.randn(2, 1, 224, 224))
    exec(compile(NIN_FIXED, "nin.py", "exec"), namespace)
    assert namespace["NIN"](1, 10)(torch.randn(2, 1, 224, 224)).shape == (2, 10)


@pytest.fixture
def torch():
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


LENET = '''from torch import nn


class LeNet(nn.Sequential):
    def __init__(self):
        layers = [
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.Linear(16 * 4 * 4, 120),
            nn.Sigmoid(),
            nn.Linear(120, 10),
        ]
        super(LeNet, self).__init__(*layers)
'''
LENET_FIXED = LENET.replace("16 * 4 * 4", "16 * 5 * 5")

AGENT = '''from torchvision import datasets, transforms
from torch.utils import data
from net import LeNet


class LeNetAgent:
    def __init__(self, {init}):
        self.train_data = {data}
        self.model = LeNet()

    def train_one_epoch(self):
        for X, y in data.DataLoader(self.train_data, batch_size=self.batch_size):
            y_hat = self.model(X)
'''
FASHION = 'datasets.FashionMNIST(root="./d", train=True, transform=transforms.ToTensor())'


def _lint_lenet(tmp_path, monkeypatch, model: str, agent: str):
    return _lint(tmp_path, monkeypatch, model, agent, ("net.py", "agent.py"))


def test_a_trainer_class_no_code_makes_feeds_its_model_the_batches_of_its_loader(tmp_path, monkeypatch):
    """`self.model = LeNet()` and the data set in the __init__ of a plain class an entry point
    elsewhere picks, the batches fed in another method: read with __init__'s defaults."""
    agent = AGENT.format(init="batch_size=128", data=FASHION).replace(
        "        self.model = LeNet()", "        self.batch_size = batch_size\n        self.model = LeNet()")
    result = _lint_lenet(tmp_path, monkeypatch, LENET, agent)
    assert result.exit_code == 1, result.output
    assert "net.py:10:" in result.output and "CL101" in result.output, result.output
    assert "input 128x1x28x28 from agent.py line 14: self.model(X) on FashionMNIST batches" in result.output
    clean = _lint_lenet(tmp_path, monkeypatch, LENET_FIXED, agent)
    assert clean.exit_code == 0, clean.output


def test_a_trainer_class_given_its_data_by_its_caller_gives_no_size(tmp_path, monkeypatch):
    result = _lint_lenet(tmp_path, monkeypatch, LENET, AGENT.format(init="dataset, batch_size=128", data="dataset"))
    assert "CL101" not in result.output and "28x28" not in result.output, result.output


def test_the_trainer_class_size_is_what_torch_refuses(torch):
    namespace: dict = {}
    exec(compile(LENET, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        namespace["LeNet"]()(torch.randn(2, 1, 28, 28))
    exec(compile(LENET_FIXED, "net.py", "exec"), namespace)
    assert namespace["LeNet"]()(torch.randn(2, 1, 28, 28)).shape == (2, 10)
