"""The MNIST example's loader options, `kwargs = {'num_workers': 1, 'pin_memory': True} if cuda
else {}` spread into `DataLoader(..., batch_size=128, **kwargs)`: either dict, the keys they differ
on not known. Neither can change the batch, so the batches the training loop feeds the model are
its input; a dict that may hold a collate function gives no input size."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

SCRIPT = '''
import torch
import torch.nn as nn
from torchvision import datasets, transforms

cuda = torch.cuda.is_available()
kwargs = OPTIONS if cuda else {}
train_loader = torch.utils.data.DataLoader(
    datasets.MNIST('../data', train=True, download=True, transform=transforms.ToTensor()),
    batch_size=128, shuffle=True, **kwargs)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5, stride=2)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5, stride=2)
        self.fc = nn.Linear(320, 320)

    def forward(self, x):
        h = self.conv2(self.conv1(x)).view(-1, 320)
        return self.fc(h).view(-1, 20, SIDE, SIDE)


model = VAE()


def train():
    for batch_idx, (data, _) in enumerate(train_loader):
        model(data)
'''


def _lint(source: str):
    return lint_text(source, "vae.py", Settings())


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in _lint(source).diagnostics if d.severity == "error"}


def _script(options: str, side: str) -> str:
    return SCRIPT.replace("OPTIONS", options).replace("SIDE", side)


def test_a_view_no_batch_of_the_loader_fills_is_reported():
    wrong = _script("{'num_workers': 1, 'pin_memory': True}", "5")
    view_line = next(n for n, line in enumerate(wrong.splitlines(), 1) if "view(-1, 20" in line)
    assert _errors(wrong) == {("CL102", view_line)}
    assert _errors(_script("{'num_workers': 1, 'pin_memory': True}", "4")) == set()
    torch = pytest.importorskip("torch")
    # (the model alone: torchvision is not needed to run it)
    model_source = "import torch.nn as nn\n" + wrong[wrong.index("class VAE"):wrong.index("model = VAE()")]
    model = built(model_source, "vae.py", lambda ns: ns["VAE"]())
    with pytest.raises(RuntimeError, match=r"shape '\[-1, 20, 5, 5\]' is invalid for input of size 40960"):
        model(torch.zeros(128, 1, 28, 28))


def test_the_batches_are_the_input_size():
    result = _lint(_script("{'num_workers': 1, 'pin_memory': True}", "4"))
    assert [m.input_shape.dims for m in result.models if m.name == "VAE"] == [(128, 1, 28, 28)]


def test_a_dict_that_may_hold_a_collate_function_gives_no_size():
    source = _script("{'num_workers': 1, 'collate_fn': lambda items: items}", "5")
    assert _errors(source) == set()
