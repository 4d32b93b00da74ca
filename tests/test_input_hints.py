"""Zero configuration: the input size the file's own code feeds a model is read and used."""

import libcst as cst
import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.input_hints import find_input_hints

MODEL = '''import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(x.size(0), -1)
        return self.fc2(F.relu(self.fc1(x)))
'''

FORMS = {
    "module-level-call": ("model = Net()\nx = torch.randn(8, 3, 32, 32)\nprint(model(x).shape)\n", (8, 3, 32, 32)),
    "main-block-tuple-size": ('if __name__ == "__main__":\n    net = Net().to("cpu")\n'
                              '    out = net(torch.zeros((4, 3, 32, 32)))\n', (4, 3, 32, 32)),
    "test-helper-inline": ("def test():\n    net = Net()\n    y = net(torch.randn(1, 3, 32, 32))\n", (1, 3, 32, 32)),
    "constants": ("B, C = 2, 3\nSIZE = 32\nmodel = Net()\nmodel.forward(torch.rand(B, C, SIZE, SIZE))\n",
                  (2, 3, 32, 32)),
    "size-keyword": ("m = Net()\nm(torch.ones(size=(2, 3, 32, 32)))\n", (2, 3, 32, 32)),
    "torchinfo": ("from torchinfo import summary\nsummary(Net(), input_size=(16, 3, 32, 32))\n", (16, 3, 32, 32)),
    "torchsummary-no-batch": ("from torchsummary import summary\nsummary(Net(), (3, 32, 32))\n", (None, 3, 32, 32)),
}


@pytest.mark.parametrize(("code", "shape"), FORMS.values(), ids=FORMS.keys())
def test_the_size_the_code_feeds_is_read_and_checked(code, shape):
    hints = find_input_hints(cst.parse_module(MODEL + code))
    assert [(h.target, h.shape) for h in hints] == [("Net", shape)]
    result = lint_text(MODEL + code, "model.py", Settings())
    (finding,) = result.diagnostics  # 64 x 8 x 8 = 4096 arrive at fc1, not 3136
    assert finding.code == "CL101" and f"from line {hints[0].line}: " in finding.message
    assert "4096" in finding.message


TRAPS = {
    "tensor-for-another-callable": "gen = make_generator()\nz = torch.randn(8, 3, 32, 32)\ngen(z)\n",
    "size-from-argv": "import sys\nmodel = Net()\nmodel(torch.randn(1, 3, int(sys.argv[1]), 32))\n",
    "reassigned-tensor": "model = Net()\nx = torch.randn(8, 3, 32, 32)\nx = x[:, :, :28, :28]\nmodel(x)\n",
    "model-as-parameter": "def evaluate(model):\n    return model(torch.randn(8, 3, 32, 32))\n",
    "interpolate-size": "x = F.interpolate(torch.randn(1, 3, 8, 8), size=(32, 32))\n",
    "rebound-in-loop": "model = Net()\nfor model in [make_other()]:\n    model(torch.randn(8, 3, 32, 32))\n",
}


@pytest.mark.parametrize("code", TRAPS.values(), ids=TRAPS.keys())
def test_no_hint_where_the_size_does_not_reach_the_model(code):
    assert find_input_hints(cst.parse_module(MODEL + code)) == []
    assert [d.code for d in lint_text(MODEL + code, "model.py", Settings()).diagnostics] == []


def test_each_distinct_input_is_checked_and_flags_win_over_hints():
    code = "model = Net()\nmodel(torch.randn(2, 3, 28, 28))\nmodel(torch.randn(2, 3, 32, 32))\n"
    result = lint_text(MODEL + code, "model.py", Settings())
    assert [m.input_source.line for m in result.models if m.name == "Net"] == [19, 20]
    assert [d.code for d in result.diagnostics] == ["CL101"]  # 28x28 fits; 32x32 does not
    flagged = lint_text(MODEL + code, "model.py", Settings(input_shapes={"Net": (2, 3, 28, 28)}))
    assert flagged.diagnostics == []


def test_the_hinted_input_really_fails_in_torch():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(MODEL, "model.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]()(torch.randn(8, 3, 32, 32))
    assert namespace["Net"]()(torch.randn(2, 3, 28, 28)).shape == (2, 10)
