"""The data a script feeds its model, built the way tutorials build it: by a helper returning a
loader per mode (`def data_loader(data_dir, batch_size, test=False)` with an early `return` for the
test mode), or kept in a dict of loaders (`loaders['train']`, `dataloaders[phase]`). The mode the
call fixes is the path read; a mode left open gives a size only where every mode gives it.
Checked against torch."""

import libcst as cst
import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.input_hints import find_input_hints
from tests.torch_cases import assert_shapes_equal_torch, built, module_shapes

# 224x224 images end in a 7x7 map: AvgPool2d(7) fits it, AvgPool2d(14) cannot run on it
RESNET_LIKE = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.MaxPool2d(3, 2, 1),
            nn.Conv2d(64, 512, 3, stride=8, padding=1))
        self.avgpool = nn.AvgPool2d(POOL, stride=1)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.fc(x.view(x.size(0), -1))
'''
POOL_LINE = 11
HELPER = '''from torchvision import datasets, transforms


def data_loader(data_dir, batch_size, test=False):
    transform = transforms.Compose([transforms.Resize((TRAIN_SIZE, TRAIN_SIZE)), transforms.ToTensor()])
    test_transform = transforms.Compose([transforms.Resize((TEST_SIZE, TEST_SIZE)), transforms.ToTensor()])
    if test:
        dataset = datasets.CIFAR10(root=data_dir, train=False, download=False, transform=test_transform)
        return torch.utils.data.DataLoader(dataset, batch_size=batch_size)
    train_dataset = datasets.CIFAR10(root=data_dir, train=True, download=False, transform=transform)
    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=batch_size)
    valid_loader = torch.utils.data.DataLoader(train_dataset, batch_size=batch_size)
    return (train_loader, valid_loader)
'''
TRAINING = '''

model = Net()
for epoch in range(2):
    for i, (images, labels) in enumerate(train_loader):
        outputs = model(images)
'''
CALLS = {
    # the default mode: the tuple of two loaders, unpacked
    "default-mode": ("train_loader, valid_loader = data_loader(data_dir='./data', batch_size=8)\n", 224, 256),
    "mode-given-false": ("train_loader, _ = data_loader('./data', 8, test=False)\n", 224, 256),
    # the test mode, its own transform: the early return, what follows it another mode's
    "mode-given-true": ("train_loader = data_loader('./data', 8, test=True)\n", 256, 224),
}


def _helper_script(call: str, train: int, test: int, pool: int) -> str:
    return (RESNET_LIKE.replace("POOL", str(pool)) + "\n\n"
            + HELPER.replace("TRAIN_SIZE", str(train)).replace("TEST_SIZE", str(test)) + "\n\n" + call + TRAINING)


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "train.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("call, train, test", CALLS.values(), ids=CALLS.keys())
def test_the_mode_the_call_fixes_feeds_its_loader(call, train, test):
    assert ("CL105", POOL_LINE) in _errors(_helper_script(call, train, test, pool=14))
    assert _errors(_helper_script(call, train, test, pool=7)) == set()  # (the other mode's size fails here)


def test_the_size_is_the_one_torch_runs():
    fixed = RESNET_LIKE.replace("POOL", "7")
    assert_shapes_equal_torch(fixed, (8, 3, 224, 224), "net.py")
    with pytest.raises(RuntimeError):
        module_shapes(built(RESNET_LIKE.replace("POOL", "14"), "net.py"), (8, 3, 224, 224))
    with pytest.raises(RuntimeError):  # the other mode's 256x256 images end in 8x8: the fixed model fails there
        module_shapes(built(fixed, "net.py"), (8, 3, 256, 256))


OPEN_MODE = '''import sys
from torchvision import datasets, transforms


def data_loader(data_dir, batch_size, test):
    if test:
        transform = transforms.Compose([transforms.Resize(TEST_SIZE), transforms.CenterCrop(224),
                                        transforms.ToTensor()])
        return torch.utils.data.DataLoader(datasets.CIFAR10(data_dir, train=False, transform=transform), batch_size)
    transform = transforms.Compose([transforms.RandomResizedCrop(TRAIN_SIZE), transforms.ToTensor()])
    train = datasets.CIFAR10(data_dir, train=True, transform=transform)
    return torch.utils.data.DataLoader(train, batch_size)


train_loader = data_loader('./data', 8, test=sys.argv[1] == 'test')
'''


def test_a_mode_left_open_gives_the_size_every_mode_gives():
    source = RESNET_LIKE.replace("POOL", "14") + "\n\n" + OPEN_MODE.replace("TEST_SIZE", "256").replace(
        "TRAIN_SIZE", "224") + TRAINING
    assert ("CL105", POOL_LINE) in _errors(source)
    (hint,) = [h for h in find_input_hints(cst.parse_module(source)) if h.kind == "dataloader"]
    assert hint.shape == (8, 3, 224, 224)
    assert _errors(source.replace("AvgPool2d(14", "AvgPool2d(7")) == set()


def test_modes_of_other_sizes_left_open_give_no_size():
    source = RESNET_LIKE.replace("POOL", "14") + "\n\n" + OPEN_MODE.replace("TEST_SIZE", "256").replace(
        "CenterCrop(224)", "CenterCrop(256)").replace("TRAIN_SIZE", "224") + TRAINING
    assert [h for h in find_input_hints(cst.parse_module(source)) if h.kind == "dataloader"] == []
    assert _errors(source) == set()


def test_a_mode_named_by_a_string_takes_its_branch():
    helper = OPEN_MODE.replace("test):", "mode='train'):").replace("if test:", "if mode == 'test':") \
        .replace("test=sys.argv[1] == 'test'", "mode=MODE")
    for mode, size in (("'train'", 224), ("'test'", 256)):
        source = (RESNET_LIKE.replace("POOL", "7") + "\n\n"
                  + helper.replace("TEST_SIZE", "256").replace("CenterCrop(224)", "CenterCrop(256)")
                  .replace("TRAIN_SIZE", "224").replace("MODE", mode) + TRAINING)
        (hint,) = [h for h in find_input_hints(cst.parse_module(source)) if h.kind == "dataloader"]
        assert hint.shape == (8, 3, size, size)


def test_a_mode_the_helper_binds_again_is_not_taken_as_given():
    helper = OPEN_MODE.replace("    if test:", "    test = sys.argv[1] == 'test'\n    if test:") \
        .replace("test=sys.argv[1] == 'test'", "test=False")
    source = (RESNET_LIKE.replace("POOL", "14") + "\n\n" + helper.replace("TEST_SIZE", "256")
              .replace("CenterCrop(224)", "CenterCrop(256)").replace("TRAIN_SIZE", "224") + TRAINING)
    assert [h for h in find_input_hints(cst.parse_module(source)) if h.kind == "dataloader"] == []


# --- loaders in a dict: `loaders['train']`, the model a parameter of a training function
MNIST_CNN = '''import torch.nn as nn


class CNN(nn.Module):
    def __init__(self):
        super(CNN, self).__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(1, 16, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2))
        self.conv2 = nn.Sequential(nn.Conv2d(16, 32, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2))
        self.out = nn.Linear(32 * SIDE * SIDE, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = self.conv2(x)
        x = x.view(x.size(0), -1)
        return self.out(x), x
'''
LINEAR_LINE = 9
LOADERS = '''
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.transforms import ToTensor
from torch.autograd import Variable

train_data = datasets.MNIST(root='data', train=True, transform=ToTensor(), download=True)
test_data = datasets.MNIST(root='data', train=False, transform=ToTensor())
loaders = {
    'train': DataLoader(train_data, batch_size=100, shuffle=True),
    'test': DataLoader(test_data, batch_size=TEST_BATCH),
}
cnn = CNN()
'''
USES = {
    "named-key-in-a-function": ('''

def train(num_epochs, cnn, loaders):
    for epoch in range(num_epochs):
        for i, (images, labels) in enumerate(loaders['train']):
            b_x = Variable(images)
            output = cnn(b_x)[0]


train(10, cnn, loaders)
''', (100, 1, 28, 28)),
    # a key not known, every loader of one image size: the batch stays open
    "phase-of-a-loop": ('''
for phase in ['train', 'test']:
    for inputs, labels in loaders[phase]:
        outputs = cnn(inputs)
''', (None, 1, 28, 28)),
}


@pytest.mark.parametrize("use, shape", USES.values(), ids=USES.keys())
def test_a_loader_kept_in_a_dict_feeds_the_model(use, shape):
    source = MNIST_CNN.replace("SIDE", "14") + LOADERS.replace("TEST_BATCH", "1000") + use
    (hint,) = find_input_hints(cst.parse_module(source))
    assert hint.target == "CNN" and hint.shape == shape and hint.kind == "dataloader"
    assert ("CL101", LINEAR_LINE) in _errors(source)
    assert _errors(MNIST_CNN.replace("SIDE", "7") + LOADERS.replace("TEST_BATCH", "1000") + use) == set()


def test_the_mnist_cnn_sizes_are_torch_s():
    build = lambda namespace: namespace["CNN"]()  # noqa: E731
    assert_shapes_equal_torch(MNIST_CNN.replace("SIDE", "7"), (100, 1, 28, 28), "cnn.py", build=build, name="CNN")
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        module_shapes(built(MNIST_CNN.replace("SIDE", "14"), "cnn.py", build), (100, 1, 28, 28))


def test_a_key_not_known_over_loaders_of_other_sizes_gives_no_size():
    loaders = LOADERS.replace("test_data = datasets.MNIST(root='data', train=False, transform=ToTensor())",
                              "test_data = datasets.MNIST(root='data', train=False, transform=transforms.Compose("
                              "[transforms.Resize(56), transforms.ToTensor()]))")
    source = MNIST_CNN.replace("SIDE", "14") + loaders.replace("TEST_BATCH", "1000") + USES["phase-of-a-loop"][0]
    assert find_input_hints(cst.parse_module(source)) == []
    assert _errors(source) == set()
    named = source.replace("loaders[phase]", "loaders['test']")  # the 56x56 loader, named: its size
    changed = named.replace("for phase in", "loaders.update(test=None)\nfor phase in")
    assert find_input_hints(cst.parse_module(changed)) == []  # (a dict changed since is no longer the one made)
    (hint,) = find_input_hints(cst.parse_module(named))
    assert hint.shape == (1000, 1, 56, 56)
    assert _errors(named) == set()


# --- dicts built per phase by comprehension, a transform per phase (the transfer-learning tutorial)
PHASES_NET = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, stride=4, padding=1), nn.ReLU(), nn.MaxPool2d(4))
        self.fc = nn.Linear(16 * SIDE * SIDE, 2)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))
'''
FC_LINE = 9
PHASES = '''
import os
from torchvision import datasets, transforms

data_transforms = {
    'train': transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                                 transforms.ToTensor()]),
    'val': transforms.Compose([transforms.Resize(256), transforms.CenterCrop(VAL_CROP), transforms.ToTensor()]),
}
image_datasets = {x: datasets.ImageFolder(os.path.join('data', x), data_transforms[x]) for x in ['train', 'val']}
dataloaders = {x: torch.utils.data.DataLoader(image_datasets[x], batch_size=4, shuffle=True)
               for x in ['train', 'val']}
dataset_sizes = {x: len(image_datasets[x]) for x in ['train', 'val']}
model = Net()
for phase in ['train', 'val']:
    for inputs, labels in dataloaders[PHASE]:
        outputs = model(inputs)
'''


def _phases(side: int, val_crop: int, phase: str = "phase") -> str:
    return PHASES_NET.replace("SIDE", str(side)) + PHASES.replace("VAL_CROP", str(val_crop)).replace("PHASE", phase)


def test_dicts_made_per_phase_feed_the_size_every_phase_gives():
    (hint,) = find_input_hints(cst.parse_module(_phases(28, 224)))
    assert hint.shape == (4, 3, 224, 224)  # (both loaders batch 4)
    assert ("CL101", FC_LINE) in _errors(_phases(28, 224))
    assert _errors(_phases(14, 224)) == set()
    assert find_input_hints(cst.parse_module(_phases(28, 200))) == []  # the phases' sizes differ
    (hint,) = find_input_hints(cst.parse_module(_phases(28, 200, "'val'")))
    assert hint.shape == (4, 3, 200, 200)


def test_the_phase_net_sizes_are_torch_s():
    assert_shapes_equal_torch(PHASES_NET.replace("SIDE", "14"), (4, 3, 224, 224), "net.py")
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        module_shapes(built(PHASES_NET.replace("SIDE", "28"), "net.py"), (4, 3, 224, 224))
