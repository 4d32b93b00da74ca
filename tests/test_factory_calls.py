"""A factory that needs no argument (`def get_model(**kwargs): return C3D(**kwargs)`) is also
analysed as the file's code calls it: the arguments it forwards reach the class, and the input the
code feeds that instance is its input. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled

FORWARDING_FACTORY = '''
import math
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, sample_size, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Conv2d(8, 16, 3, padding=1), nn.MaxPool2d(2))
        last_size = int(math.ceil(sample_size / DIVISOR))
        self.fc = nn.Linear(16 * last_size * last_size, num_classes)

    def forward(self, x):
        x = self.features(x)
        return self.fc(x.view(x.size(0), -1))


def get_model(PARAMETERS):
    return Net(FORWARDED)


if __name__ == "__main__":
    model = get_model(ARGUMENTS)
    model(torch.randn(2, 3, 32, 32))
'''
BY_KEYWORD = {"PARAMETERS": "**kwargs", "FORWARDED": "**kwargs", "ARGUMENTS": "sample_size=32, num_classes=10"}
BY_POSITION = {"PARAMETERS": "*args, **kwargs", "FORWARDED": "*args, **kwargs", "ARGUMENTS": "32, num_classes=10"}


@pytest.mark.parametrize("forwarding", [BY_KEYWORD, BY_POSITION], ids=["kwargs", "args"])
def test_a_factory_is_built_with_the_arguments_the_code_calls_it_with(forwarding):
    """`get_model(sample_size=32)` forwarding to `Net(**kwargs)`: a head sized for another input
    is CL101 at the Linear, with the numbers torch multiplies; the right divisor is clean."""
    source = filled(FORWARDING_FACTORY, forwarding)
    assert_bug_found_at_its_line(source, {"DIVISOR": "4"}, {"DIVISOR": "8"}, (2, 3, 32, 32), 13, "CL101",
                                 "factory.py", build=lambda namespace: namespace["get_model"](sample_size=32, num_classes=10))
    torch = pytest.importorskip("torch")
    wrong = filled(source, {"DIVISOR": "8"})
    (error,) = [d for d in lint_text(wrong, "factory.py", Settings()).diagnostics if d.severity == "error"]
    assert "16 x 8 x 8 = 1024" in error.message and "input 2x3x32x32 from line" in error.message
    namespace: dict = {}
    exec(compile(wrong, "factory.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"2x1024 and 256x10"):
        namespace["get_model"](sample_size=32, num_classes=10)(torch.zeros(2, 3, 32, 32))


def test_a_factory_called_with_no_arguments_is_analysed_as_before():
    """The same factory that no code calls with arguments: its class' required argument is not
    known, so the head is not known, and nothing is reported."""
    source = filled(FORWARDING_FACTORY, {**BY_KEYWORD, "DIVISOR": "8", "ARGUMENTS": ""})
    result = lint_text(source, "factory.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert [m.built_with for m in result.models if m.name == "get_model"] == [None]


def test_a_factory_is_built_with_the_arguments_another_file_of_the_project_calls_it_with(tmp_path):
    """`model = get_model(sample_size=32, num_classes=10)` in train.py, the factory in models/net.py:
    the head sized for another input is found at its line in net.py, fed the input train.py feeds;
    the right divisor is clean."""
    from convlint.pipeline import lint_file

    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "__init__.py").write_text("")
    (tmp_path / "train.py").write_text(
        "import torch\nfrom models.net import get_model\n\n"
        "model = get_model(sample_size=32, num_classes=10)\nout = model(torch.randn(2, 3, 32, 32))\n")
    library = filled(FORWARDING_FACTORY.split('if __name__ == "__main__":')[0], BY_KEYWORD)
    for divisor, expected in (("8", [("get_model", 13, "CL101")]), ("4", [])):
        (tmp_path / "models" / "net.py").write_text(filled(library, {"DIVISOR": divisor}))
        result = lint_file(tmp_path / "models" / "net.py", str(tmp_path / "models" / "net.py"), Settings())
        assert [(d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error"] == expected
        if expected:
            assert "train.py line 5: model(torch.randn(2, 3, 32, 32))" in result.diagnostics[0].message


REQUIRED_FACTORY = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, width, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.AvgPool2d(2),
                                      nn.Conv2d(width, width, 3, padding=1), nn.AvgPool2d(2))
        self.classifier = nn.Linear(width, num_classes)

    def forward(self, x):
        out = F.avg_pool2d(self.features(x), kernel_size=KERNEL, stride=1)
        return self.classifier(out.view(out.size(0), -1))


def make_net(depth, k, **kwargs):
    return Net(k, **kwargs)


if __name__ == '__main__':
    net = make_net(190, 40, num_classes=100)
    input = torch.randn(1, 3, 32, 32)
    print(net(input).size())
'''


def test_a_factory_with_required_parameters_gets_the_input_fed_to_the_instance_the_code_builds():
    """`net = make_net(190, 40, num_classes=100)` then `net(input)`: the factory is built with those
    arguments, and that instance's input is its input (the pool's window of 4 on the 8 x 8 map)."""
    broken = REQUIRED_FACTORY.replace("KERNEL", "4")
    errors = [d for d in lint_text(broken, "densenet.py", Settings()).diagnostics if d.severity == "error"]
    assert {(d.code, d.span.line) for d in errors} == {("CL101", 15)}  # the pool the kernel sizes
    assert "input 1x3x32x32 from line 26: net(input)" in errors[0].message
    assert [d for d in lint_text(REQUIRED_FACTORY.replace("KERNEL", "8"), "densenet.py", Settings()).diagnostics
            if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    for kernel, fails in (("4", True), ("8", False)):
        namespace: dict = {"__name__": "densenet"}
        exec(compile(REQUIRED_FACTORY.replace("KERNEL", kernel), "densenet.py", "exec"), namespace)
        net = namespace["make_net"](190, 40, num_classes=100)
        if fails:
            with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(1x1000 and 40x100\)"):
                net(torch.randn(1, 3, 32, 32))
        else:
            assert net(torch.randn(1, 3, 32, 32)).shape == (1, 100)
