"""forward() taking a plain number or string beside its input (`def forward(self, x, scale):` with
`if scale == 2: ... elif scale == 3:`, here or in a block it is passed to): run again with each
constant the code compares it with, so that a bug in one branch is found and said with the value
(an argument with a default, `scale=2`: each other constant, a warning where the default runs
clean, as for a constructor's values). Checked against torch: the bug raises for that value, the
fixed code runs, and each run's module shapes equal torch's for its value."""

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

torch = pytest.importorskip("torch")

UPSAMPLER = '''
import torch
from torch import nn


class Up3(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch * FACTOR, 3, padding=1)
        self.shuf = nn.PixelShuffle(3)

    def forward(self, x):
        return self.shuf(self.conv(x))


class Upsampler(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.up2 = nn.Sequential(nn.Conv2d(ch, ch * 4, 3, padding=1), nn.PixelShuffle(2))
        self.up3 = Up3(ch)

    def forward(self, x, scale):
        if scale == 2:
            return self.up2(x)
        elif 3 == scale:
            return self.up3(x)
        raise ValueError(scale)


class Net(nn.Module):
    def __init__(self, in_ch=3, feats=16):
        super().__init__()
        self.head = nn.Conv2d(in_ch, feats, 3, padding=1)
        self.up = Upsampler(feats)

    def forward(self, x, SCALE):
        return self.up(self.head(x), scale)
'''

# a string mode the forward switches on, with a default
MODES = '''
import torch
from torch import nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fine = nn.Conv2d(8, 8, 3, padding=1)
        self.coarse = nn.Conv2d(WIDTH, 8, 3, padding=1)

    def forward(self, x, mode="fine"):
        h = self.conv(x)
        if mode in ("coarse",):
            return self.coarse(F.avg_pool2d(h, 2))
        return self.fine(h)
'''

# a further tensor input compared elementwise: a mask, no value of its own
MASKED = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x, labels):
        keep = (labels == 0).float()
        return self.conv(x) * keep
'''


def errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "up.py", settings or Settings()).diagnostics if d.severity == "error"]


def torch_shapes(model, x, *args) -> dict:
    seen: dict = {}

    def hook_for(name):
        def hook(module, args, output):
            seen.setdefault(name, tuple(output.shape))
        return hook

    for name, module in model.named_modules():
        module.register_forward_hook(hook_for(name))
    model(x, *args)
    return seen


@pytest.mark.parametrize("given", ["scale", "scale=2"])
def test_a_branch_on_a_forward_number_is_checked_for_each_value(given):
    wrong = filled(UPSAMPLER, {"FACTOR": "4", "SCALE": given})
    net = built(wrong, "up.py")
    net(torch.zeros(2, 3, 8, 8), 2)
    with pytest.raises(RuntimeError):
        net(torch.zeros(2, 3, 8, 8), 3)
    found = [d for d in lint_text(wrong, "up.py", Settings()).diagnostics if d.code == "CL110"]
    assert [d.span.line for d in found] == [9]
    assert "scale=3" in found[0].message
    # a required value is an error; a default's other value one the model at its default does not meet
    assert found[0].severity == ("error" if given == "scale" else "warning")
    right = filled(UPSAMPLER, {"FACTOR": "9", "SCALE": given})
    built(right, "up.py")(torch.zeros(2, 3, 8, 8), 3)
    assert not [d for d in lint_text(right, "up.py", Settings()).diagnostics if d.severity != "info"
                and d.code.startswith("CL1")]


def test_each_value_run_has_torchs_shapes():
    source = filled(UPSAMPLER, {"FACTOR": "9", "SCALE": "scale"})
    (model,) = [m for m in lint_text(source, "up.py", Settings(input_shapes={"Net": (2, 3, 8, 8)})).models
                if m.name == "Net"]
    tried = {value: trial for name, value, trial, _ in model.forward_trials if name == "scale"}
    assert sorted(tried) == [2, 3]
    for value, trial in tried.items():
        predicted = {c.node.path: tuple(c.output.shape.dims) for c in trial.calls if c.output.shape.dims is not None}
        shapes = torch_shapes(built(source, "up.py"), torch.zeros(2, 3, 8, 8), value)
        assert shapes and all(predicted.get(path) == shape for path, shape in shapes.items() if path)


def test_a_string_mode_with_a_default_is_tried():
    wrong = filled(MODES, {"WIDTH": "3"})
    with pytest.raises(RuntimeError):
        built(wrong, "modes.py")(torch.zeros(2, 3, 8, 8), "coarse")
    built(wrong, "modes.py")(torch.zeros(2, 3, 8, 8))
    found = [d for d in lint_text(wrong, "modes.py", Settings()).diagnostics if d.code == "CL103"]
    assert [(d.span.line, d.severity) for d in found] == [(12, "warning")]
    assert "mode='coarse'" in found[0].message
    right = filled(MODES, {"WIDTH": "8"})
    built(right, "modes.py")(torch.zeros(2, 3, 8, 8), "coarse")
    assert not [d for d in lint_text(right, "modes.py", Settings()).diagnostics if d.code.startswith("CL1")]


def test_a_tensor_compared_elementwise_is_no_value_to_try():
    built(MASKED, "masked.py")(torch.zeros(2, 3, 8, 8), torch.zeros(2, 8, 8, 8))
    (model,) = lint_text(MASKED, "masked.py", Settings()).models
    assert model.forward_trials == [] and not errors(MASKED)


def test_summary_of_the_model_named_in_input_shape(tmp_path):
    path = tmp_path / "up.py"
    path.write_text(filled(UPSAMPLER, {"FACTOR": "9", "SCALE": "scale"}))
    result = CliRunner().invoke(main, ["summary", str(path), "--input-shape", "Net=2,3,8,8"], catch_exceptions=False)
    assert "Net: input 2 x 3 x 8 x 8" in result.output
    assert "Up3: input" not in result.output and "Upsampler: input" not in result.output


@pytest.mark.slow
def test_confirm_says_it_cannot_give_forward_its_further_arguments(tmp_path):
    import json

    path = tmp_path / "up.py"
    path.write_text(filled(UPSAMPLER, {"FACTOR": "4", "SCALE": "scale"}))
    result = CliRunner().invoke(main, [str(path), "--confirm", "--device", "cpu", "--format", "json",
                                       "--input-shape", "Net=2,3,8,8"])
    found = {d["code"]: d for d in json.loads(result.stdout)["diagnostics"]}
    assert found["CL110"]["confirmation"]["verdict"] == "not checkable"
    assert "CL900" not in found and "further arguments" in found["CL902"]["message"]
