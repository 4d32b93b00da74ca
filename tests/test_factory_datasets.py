"""A model factory callable with no arguments whose code names the datasets it builds for
(`def net(dataset='imagenet')`, `elif dataset == 'cifar10':`): each named dataset's model is
built and run on that dataset's images. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

SOURCE = '''import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, stem_stride, dataset):
        super().__init__()
        self.dataset = dataset
        self.stem = nn.Conv2d(3, 16, 3, stem_stride, 1)
        self.body = nn.Sequential(nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU())
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        out = self.body(self.stem(x))
        if self.dataset == 'imagenet':
            out = F.avg_pool2d(out, 28)
        elif self.dataset == 'cifar10':
            out = F.avg_pool2d(out, 16)  # the map is 8x8 here
        return self.fc(out.view(out.size(0), -1))


def net(dataset='imagenet'):
    if dataset == 'imagenet':
        return Net(2, dataset)
    elif dataset == 'cifar10':
        return Net(1, dataset)
'''
FIXED = SOURCE.replace("F.avg_pool2d(out, 16)", "F.avg_pool2d(out, 8)")


def test_the_factory_is_checked_on_the_images_of_each_dataset_its_code_names():
    (finding,) = [d for d in lint_text(SOURCE, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert finding.code == "CL105" and finding.model == "net" and finding.span.line == 18
    assert "dataset='cifar10'" in finding.message and "3x32x32 images" in finding.message
    assert [d for d in lint_text(FIXED, "net.py", Settings()).diagnostics if d.severity == "error"] == []


def test_a_factory_naming_no_dataset_gets_no_images():
    source = SOURCE.replace("'cifar10'", "'small'")
    assert [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"] == []


def test_torch_refuses_the_cifar_model_on_cifar_images():
    torch = pytest.importorskip("torch")
    for source, fails in ((SOURCE, True), (FIXED, False)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        assert namespace["net"]()(torch.zeros(2, 3, 224, 224)).shape == (2, 10)
        model = namespace["net"]("cifar10")
        if fails:
            with pytest.raises(RuntimeError, match="Output size is too small"):
                model(torch.zeros(2, 3, 32, 32))
        else:
            assert model(torch.zeros(2, 3, 32, 32)).shape == (2, 10)
