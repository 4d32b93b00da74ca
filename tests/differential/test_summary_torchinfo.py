"""`convlint summary` against torchinfo on the same model and input: every row and every total."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from convlint.report.summary import build_summary

torch = pytest.importorskip("torch")
torchinfo = pytest.importorskip("torchinfo")

ROOT = Path(__file__).parents[2]
MODELS = [
    ("examples/lenet.py", "LeNet5", (10, 1, 32, 32)),
    ("examples/alexnet.py", "AlexNet", (10, 3, 227, 227)),
    ("tests/models/vgg_resnet.py", "VGG11", (1, 3, 224, 224)),
    ("tests/models/vgg_resnet.py", "ResNet", (2, 3, 224, 224)),
    ("tests/models/vgg_resnet.py", "resnet18", (1, 3, 224, 224)),
    ("examples/resnet_block.py", None, None),
    ("examples/unet_small.py", None, None),
    ("tests/models/encoder_decoder.py", None, None),
    ("tests/models/constructs.py", "Constructs", None),
    ("tests/models/one_d_three_d.py", None, None),
    ("tests/models/local_base.py", None, None),
    ("tests/models/costs.py", None, None),
    ("tests/models/rearranging.py", None, None),
    ("tests/models/built_in_forward.py", "Net", (2, 3, 8, 8)),
]


@pytest.mark.parametrize(("file", "name", "shape"), MODELS, ids=[f"{f}:{n}" for f, n, _ in MODELS])
def test_summary_equals_torchinfo(file, name, shape):
    path = ROOT / file
    shapes = {name: shape} if shape else {}
    result = lint_file(path, str(path), Settings(input_shapes=shapes, model=name))
    namespace: dict = {"__name__": "summary_case"}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    compared = 0
    for analysis in result.models:
        if analysis.input_shape is None or not all(isinstance(d, int) for d in analysis.input_shape.dims):
            continue
        ours = build_summary(analysis, [])
        model = namespace[analysis.name]().eval()
        stats = torchinfo.summary(model, input_size=tuple(analysis.input_shape.dims), verbose=0, device="cpu",
                                  depth=100)
        assert ours.total_params == stats.total_params
        assert ours.trainable_params == stats.trainable_params
        assert ours.total_mult_adds == stats.total_mult_adds
        assert ours.input_bytes == stats.total_input
        assert ours.forward_backward_bytes == stats.total_output_bytes
        assert ours.params_bytes == stats.total_param_bytes
        theirs = [row for row in stats.summary_list if row.executed]
        assert [(r.depth, r.output_shape) for r in ours.rows] == [(r.depth, r.output_size) for r in theirs]
        for row, info in zip(ours.rows, theirs):
            if info.is_leaf_layer:
                assert (row.params, row.macs) == (info.num_params, info.macs), row.name
        compared += 1
    assert compared


UNFOLLOWED = {
    "data-dependent-rows": "        y = self.conv(x).flatten(1)\n        return self.fc(torch.nonzero(y).float())\n",
    "fft-not-modelled": "        y = torch.fft.rfft(self.conv(x).flatten(1)).abs()\n        return self.fc(y)\n",
    "while-loop-on-values": "        y = self.conv(x).flatten(1)\n        while y.abs().max() > 100:\n            y = y[:, ::2]\n"
                            "        return self.fc(y)\n",
}


def test_a_while_loop_on_sizes_is_followed_and_costs_equal_torchinfo():
    source = ("import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n"
              "        super().__init__()\n        self.conv = nn.Conv2d(1, 4, 3)\n        self.fc = nn.Linear(64, 3)\n\n"
              "    def forward(self, x):\n        y = self.conv(x).flatten(1)\n        while y.shape[1] > 100:\n"
              "            y = y[:, ::2]\n        return self.fc(y)\n")
    result = lint_text(source, "net.py", Settings(input_shapes={"": (2, 1, 10, 10)}))
    (analysis,) = result.models
    ours = build_summary(analysis, [])
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    stats = torchinfo.summary(namespace["Net"]().eval(), input_size=(2, 1, 10, 10), verbose=0, device="cpu", depth=100)
    assert (ours.total_params, ours.total_mult_adds) == (stats.total_params, stats.total_mult_adds)
    assert result.diagnostics == []


def test_a_loop_over_unbind_is_followed_and_costs_equal_torchinfo():
    source = ("import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n"
              "        super().__init__()\n        self.conv = nn.Conv2d(1, 4, 3)\n        self.fc = nn.LazyLinear(3)\n\n"
              "    def forward(self, x):\n"
              "        return torch.stack([self.fc(self.conv(v).flatten(1)) for v in x.unbind(1)], 1)\n")
    result = lint_text(source, "net.py", Settings(input_shapes={"": (2, 3, 1, 10, 10)}))
    (analysis,) = result.models
    ours = build_summary(analysis, [])
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    stats = torchinfo.summary(namespace["Net"]().eval(), input_size=(2, 3, 1, 10, 10), verbose=0, device="cpu",
                              depth=100)
    assert (ours.total_params, ours.total_mult_adds) == (stats.total_params, stats.total_mult_adds)
    assert analysis.unresolved == [] and result.diagnostics == []


@pytest.mark.parametrize("body", UNFOLLOWED.values(), ids=UNFOLLOWED.keys())
def test_costs_are_unknown_where_forward_was_not_followed(body):
    """torchinfo counts every layer that runs; convlint must not total only those it followed."""
    source = ("import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n"
              "        super().__init__()\n        self.conv = nn.Conv2d(1, 4, 3)\n        self.fc = nn.LazyLinear(3)\n\n"
              "    def forward(self, x):\n" + body)
    shape = (2, 1, 10, 10)
    result = lint_text(source, "net.py", Settings(input_shapes={"": shape}))
    (analysis,) = result.models
    summary = build_summary(analysis, [])
    assert summary.total_mult_adds is None and summary.forward_backward_bytes is None
    assert "fc" not in summary.not_called
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    stats = torchinfo.summary(namespace["Net"]().eval(), input_size=shape, verbose=0, device="cpu", depth=100)
    assert stats.total_mult_adds > 0  # torch does run the layers convlint could not follow


@pytest.mark.parametrize("reduce", ["x, _ = torch.max(self.conv(x).flatten(2), dim=2)",
                                    "x = torch.einsum('ncl->nc', self.conv(x).flatten(2))"])
def test_costs_after_a_reduction_equal_torchinfo(reduce):
    """torch.max(x, dim) and torch.einsum were once values not followed (the LazyLinear after them uncounted)."""
    source = ("import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n"
              "        super().__init__()\n        self.conv = nn.Conv2d(1, 4, 3)\n        self.fc = nn.LazyLinear(3)\n\n"
              "    def forward(self, x):\n        " + reduce + "\n        return self.fc(x)\n")
    result = lint_text(source, "net.py", Settings(input_shapes={"": (2, 1, 10, 10)}))
    summary = build_summary(result.models[0], [])
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    model = namespace["Net"]().eval()
    model(torch.zeros(2, 1, 10, 10))  # size the LazyLinear, as torchinfo's own first pass does
    stats = torchinfo.summary(model, input_size=(2, 1, 10, 10), verbose=0, device="cpu", depth=100)
    assert (summary.total_params, summary.total_mult_adds) == (stats.total_params, stats.total_mult_adds)
