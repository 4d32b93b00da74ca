"""A model whose constructor takes the block class it builds its stages of (`CNN(conv_block)`:
`self.b1 = conv_block(1, 32)`, `self.b2 = conv_block(16, 64)`), built by another file of the project
with a class that file imports (`from blocks import ConvBlockA; model = CNN(ConvBlockA, 10)` in
fit.py): linted alone, the model file is analysed with that class, as where its own code builds it."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file
from tests.torch_cases import module_shapes

BLOCKS = '''import torch.nn as nn


class ConvBlockA(nn.Module):
    def __init__(self, in_channels, out_channels, pool_ker_size=2):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.pool = nn.MaxPool2d(pool_ker_size)

    def forward(self, x):
        return self.pool(self.conv(x).relu())


class ConvBlockB(nn.Module):
    def __init__(self, in_channels, out_channels, pool_ker_size=2):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels // 2, 3, padding=1)
        self.conv2 = nn.Conv2d(out_channels // 2, out_channels, 3, padding=1)
        self.pool = nn.MaxPool2d(pool_ker_size)

    def forward(self, x):
        return self.pool(self.conv2(self.conv1(x).relu()).relu())
'''

CNN = '''import torch.nn as nn


class CNN(nn.Module):
    def __init__(self, conv_block, num_classes=10, img_size=28):
        super().__init__()
        pool_ker_size = 2
        self.conv1 = conv_block(1, 32, pool_ker_size)
        self.conv2 = conv_block(WIDTH, 64, pool_ker_size)
        self.fc = nn.Linear(64 * ((img_size // pool_ker_size) // pool_ker_size) ** 2, num_classes)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.fc(x.view(x.size(0), -1))
'''
WRONG_LINE = 9  # conv_block(16, 64, ...) after a block giving 32

FIT = {
    "imported": "from blocks import ConvBlockA\nfrom cnn import CNN\n\nmodel = CNN(ConvBlockA, num_classes=10)\n",
    "imported-renamed": "from blocks import ConvBlockA as Block\nfrom cnn import CNN\n\nmodel = CNN(Block, 10, 28)\n",
    "module-attribute": "import blocks\nimport cnn\n\nmodel = cnn.CNN(conv_block=blocks.ConvBlockA)\n",
    "both-classes": "from blocks import ConvBlockA, ConvBlockB\nfrom cnn import CNN\n\n"
                    "model_a = CNN(ConvBlockA, num_classes=10, img_size=28)\n"
                    "model_b = CNN(ConvBlockB, num_classes=10, img_size=28)\n",
    "second-class": "from blocks import ConvBlockB\nfrom cnn import CNN\n\nmodel = CNN(ConvBlockB, 10)\n",
    "fed": "import torch\nfrom blocks import ConvBlockA\nfrom cnn import CNN\n\n"
           "model = CNN(ConvBlockA)\nprint(model(torch.randn(2, 1, 28, 28)).shape)\n",
    "defined-in-the-script": "import torch.nn as nn\nfrom cnn import CNN\n\n\n" + BLOCKS.split("\n\n\n")[1] +
                             "\n\nmodel = CNN(ConvBlockA, 10)\n",
}


@pytest.fixture
def torch():
    """torch on one thread: the model is tiny, and OpenMP's threads cost more than they save."""
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


def _project(tmp_path: Path, width: int, fit: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "blocks.py").write_text(BLOCKS)
    (tmp_path / "cnn.py").write_text(CNN.replace("WIDTH", str(width)))
    (tmp_path / "fit.py").write_text(fit)
    return tmp_path / "cnn.py"


def _errors(path: Path, settings: Settings | None = None) -> set[tuple[str, int]]:
    result = lint_file(path, str(path), settings or Settings())
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("fit", FIT.values(), ids=FIT.keys())
def test_a_wrong_width_at_a_call_of_the_block_class_another_file_passes_is_found(tmp_path, fit):
    assert ("CL103", WRONG_LINE) in _errors(_project(tmp_path, 16, fit))


@pytest.mark.parametrize("fit", FIT.values(), ids=FIT.keys())
def test_the_right_width_is_clean(tmp_path, fit):
    assert _errors(_project(tmp_path, 32, fit)) == set()


def test_the_size_another_file_feeds_reaches_the_instance_built_with_that_class(tmp_path):
    fit = ("import torch\nfrom blocks import ConvBlockA, ConvBlockB\nfrom cnn import CNN\n\n"
           "model = CNN(ConvBlockA, 10)\nmodel(torch.randn(4, 1, 28, 28))\nother = CNN(ConvBlockB, 10)\n")
    path = _project(tmp_path, 32, fit)
    result = lint_file(path, str(path), Settings())
    fed = {m.root.children["conv1"].cls.name: m.input_source for m in result.models if m.name == "CNN"}
    assert fed["ConvBlockB"] is None and fed["ConvBlockA"] is not None, fed
    (built_a,) = [m for m in result.models if m.name == "CNN" and m.input_source is not None]
    assert tuple(built_a.input_shape.dims) == (4, 1, 28, 28)


@pytest.mark.parametrize("fit", [
    "from cnn import CNN\nfrom elsewhere import ConvBlockA\n\nmodel = CNN(ConvBlockA, 10)\n",  # no such file
    "from blocks import make_block\nfrom cnn import CNN\n\nmodel = CNN(make_block, 10)\n",  # no class of blocks.py
    "from cnn import CNN\n\n\ndef build(block):\n    return CNN(block, 10)\n",  # a parameter: what it holds is not read
])
def test_a_block_not_found_stays_an_argument_not_given(tmp_path, fit):
    path = _project(tmp_path, 16, fit)
    result = lint_file(path, str(path), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    cnn = [m for m in result.models if m.name == "CNN"]
    assert cnn and all(any("conv_block" in u.why for u in m.unresolved) for m in cnn), \
        [u.why for m in cnn for u in m.unresolved]


@pytest.mark.parametrize("block", ["ConvBlockA", "ConvBlockB"])
def test_the_shapes_are_torchs(tmp_path, torch, block):
    path = _project(tmp_path, 32, f"from blocks import {block}\nfrom cnn import CNN\n\nmodel = CNN({block}, 10)\n")
    result = lint_file(path, str(path), Settings(input_shapes={"CNN": (2, 1, 28, 28)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "CNN"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    namespace: dict = {}
    exec(compile(BLOCKS, "blocks.py", "exec"), namespace)
    exec(compile(CNN.replace("WIDTH", "32"), "cnn.py", "exec"), namespace)
    shapes = module_shapes(namespace["CNN"](namespace[block], 10).eval(), (2, 1, 28, 28))
    assert len(shapes) >= 5
    for name, shape in shapes.items():
        assert predicted.get(name) == shape, name


def test_torch_refuses_the_wrong_width(torch):
    namespace: dict = {}
    exec(compile(BLOCKS, "blocks.py", "exec"), namespace)
    exec(compile(CNN.replace("WIDTH", "16"), "cnn.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        namespace["CNN"](namespace["ConvBlockA"], 10)(torch.zeros(2, 1, 28, 28))
