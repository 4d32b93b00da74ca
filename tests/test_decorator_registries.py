"""Models built by name through a registry that decorators fill: a module-level dict, a function
whose decorator stores the class under its name (`@register('conv4')`), and a maker
`models[name](**kwargs)`, the registry and the classes in one file or in the files of a package.
A name written at the call (or a default) builds that class, so its shapes are torch's and a head
sized wrong after it is found; a name registered twice, or a registration not read, leaves the
model unknown, as before."""

import sys

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

REGISTRY = '''
import torch.nn as nn

models = {}


def register(name):
    def decorator(cls):
        models[name] = cls
        return cls
    return decorator


def make(name, **kwargs):
    return models[name](**kwargs)
'''

CLASSES = '''

@register('conv4')
class Conv4(nn.Module):
    def __init__(self, x_dim=3, hid=16):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(x_dim, hid, 3, padding=1), nn.BatchNorm2d(hid), nn.ReLU(),
                                  nn.MaxPool2d(2), nn.Conv2d(hid, hid, 3, padding=1), nn.AdaptiveAvgPool2d(1),
                                  nn.Flatten())
        self.out_dim = hid

    def forward(self, x):
        return self.body(x)


@register('linear')
class LinearHead(nn.Module):
    def __init__(self, in_dim, n_classes):
        super().__init__()
        self.linear = nn.Linear(in_dim, n_classes)

    def forward(self, x):
        return self.linear(x)
'''

NET = '''

class Net(nn.Module):
    def __init__(self, encoder='conv4', head='linear', n_classes=5):
        super().__init__()
        self.encoder = make(encoder, hid=24)
        self.head = make(head, in_dim=WIDTH, n_classes=n_classes)

    def forward(self, x):
        return self.head(self.encoder(x))
'''

SOURCE = REGISTRY + CLASSES + NET
SIZE = (2, 3, 16, 16)


def test_the_registered_classes_have_torchs_shapes():
    assert_shapes_equal_torch(filled(SOURCE, {"WIDTH": "self.encoder.out_dim"}), SIZE, "net.py")


def test_a_head_sized_wrong_after_a_registered_encoder_is_found():
    assert_bug_found_at_its_line(SOURCE, {"WIDTH": "self.encoder.out_dim"}, {"WIDTH": "self.encoder.out_dim // 2"},
                                 SIZE, line_of(SOURCE, "self.head = make("), "CL101", "net.py")


def test_a_name_registered_twice_is_not_followed():
    twice = SOURCE.replace("@register('linear')", "@register('conv4')")
    twice = filled(twice, {"WIDTH": "self.encoder.out_dim // 2", "head='linear'": "head='conv4'"})
    assert not [d for d in lint_text(twice, "net.py", Settings()).diagnostics if d.severity == "error"]


def test_a_registration_under_another_decorator_is_not_followed():
    other = SOURCE.replace("@register('conv4')\nclass", "@register('conv4')\n@staticmethod\nclass")
    assert "@staticmethod\nclass Conv4" in other
    other = filled(other, {"WIDTH": "self.encoder.out_dim // 2"})
    assert not [d for d in lint_text(other, "net.py", Settings()).diagnostics if d.severity == "error"]


PACKAGE_INIT = "from .models import make\nfrom . import backbones\nfrom . import classifier\n"


def _package(tmp_path, width: str):
    package = tmp_path / "zoo"
    package.mkdir(exist_ok=True)
    (tmp_path / "setup.py").write_text("")
    (package / "__init__.py").write_text(PACKAGE_INIT)
    (package / "models.py").write_text(REGISTRY)
    (package / "backbones.py").write_text("import torch.nn as nn\nfrom .models import register\n" + CLASSES)
    (package / "classifier.py").write_text("import torch.nn as nn\nfrom . import models\nfrom .models import make\n"
                                           + filled(NET, {"WIDTH": width}))
    return package / "classifier.py"


def test_registered_in_the_files_of_a_package(tmp_path):
    torch = pytest.importorskip("torch")
    found = {}
    for number, width in enumerate(("self.encoder.out_dim", "self.encoder.out_dim // 2")):
        (tmp_path / str(number)).mkdir()
        path = _package(tmp_path / str(number), width)
        sys.path.insert(0, str(path.parent.parent))
        try:
            import zoo.classifier as classifier
            net = classifier.Net()
            try:
                net(torch.zeros(*SIZE))
                runs = True
            except RuntimeError:
                runs = False
        finally:
            sys.path.remove(str(path.parent.parent))
            for name in [n for n in sys.modules if n == "zoo" or n.startswith("zoo.")]:
                del sys.modules[name]
        result = lint_file(path, str(path), Settings())
        found[width] = (runs, {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"})
    assert found["self.encoder.out_dim"] == (True, set())
    line = 3 + line_of(NET, "self.head = make(")
    assert found["self.encoder.out_dim // 2"] == (False, {("CL101", line)})
