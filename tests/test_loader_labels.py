"""The labels a DataLoader gives beside the images, fed to a model's second input (a conditional
GAN's discriminator, `netD(images, labels)`): a torchvision dataset's class index, collated to one
number per sample (N), and the rows of a TensorDataset's further tensors. A target_transform may
make anything of the label: then its size is not known. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled

SOURCE = '''\
import torch
import torch.nn as nn
from torchvision import datasets, transforms


class Critic(nn.Module):
    def __init__(self, classes=10, side=28):
        super().__init__()
        self.embed = nn.Embedding(classes, 16)
        self.head = nn.Sequential(nn.Linear(WIDTH, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, images, labels):
        joined = torch.cat([images.flatten(1), self.embed(labels)], dim=1)
        return self.head(joined)


if __name__ == "__main__":
    DATA
    critic = Critic()
    for images, labels in loader:
        score = critic(images, labels)
'''
WIDTH_LINE = 10
MNIST = ("loader = torch.utils.data.DataLoader(datasets.MNIST('data', train=True, download=True, "
         "transform=transforms.ToTensor()TARGET), batch_size=32, shuffle=True)")
TENSORS = ("loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.zeros(600, 1, 28, 28), "
           "torch.zeros(600, dtype=torch.long)), batch_size=32)")
RIGHT = "28 * 28 + 16"
WRONG = "28 * 28"


def _critic(source: str):
    result = lint_text(source, "cgan.py", Settings())
    (critic,) = [m for m in result.models if m.name == "Critic"]
    errors = {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}
    return critic, errors


def _torch_shapes(source: str) -> dict:
    """Each module's output when torch runs the critic on a batch of the loader's size."""
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    model_part = source.split("if __name__")[0].replace("from torchvision import datasets, transforms\n", "")
    exec(compile(model_part, "cgan.py", "exec"), namespace)
    model, seen = namespace["Critic"]().eval(), {}
    for name, module in model.named_modules():
        module.register_forward_hook(lambda m, a, out, name=name: seen.setdefault(name, tuple(out.shape)) and None)
    model(torch.zeros(32, 1, 28, 28), torch.zeros(32, dtype=torch.long))
    return seen


@pytest.mark.parametrize("data", [MNIST.replace("TARGET", ""), TENSORS], ids=["mnist", "tensor-dataset"])
def test_the_labels_a_loader_gives_feed_the_second_input(data):
    source = filled(SOURCE, {"DATA": data, "WIDTH": RIGHT})
    critic, errors = _critic(source)
    assert errors == set()
    assert tuple(critic.input_shape.dims) == (32, 1, 28, 28)
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in critic.calls if c.output.shape.dims is not None}
    for path, shape in _torch_shapes(source).items():
        assert predicted.get(path) == shape, path


@pytest.mark.parametrize("data", [MNIST.replace("TARGET", ""), TENSORS], ids=["mnist", "tensor-dataset"])
def test_a_width_missing_the_labels_embedding_is_an_error_at_its_line(data):
    source = filled(SOURCE, {"DATA": data, "WIDTH": WRONG})
    with pytest.raises(RuntimeError):
        _torch_shapes(source)
    assert ("CL101", WIDTH_LINE) in _critic(source)[1]


def test_a_target_transform_leaves_the_labels_unknown():
    source = filled(SOURCE, {"DATA": MNIST.replace("TARGET", ", target_transform=lambda y: [y, y]"),
                             "WIDTH": WRONG})
    critic, errors = _critic(source)
    assert errors == set()  # the labels' size is not the code's to say: nothing is claimed
    assert any("labels" in u.why for u in critic.unresolved)
