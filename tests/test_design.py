"""`convlint summary` and `convlint explain` as users read them."""

import json

from click.testing import CliRunner

from convlint.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_summary_table_and_torchinfo_totals():
    result = run("summary", "examples/lenet.py")
    assert result.exit_code == 0
    for text in ("conv1 (Conv2d: 1-1)", "[10, 6, 28, 28]", "k5 s1 p0", "1,223,040", "Total params: 61,706",
                 "Total mult-adds (M): 4.23", "Input size (MB): 0.04", "Forward/backward pass size (MB): 0.52",
                 "Params size (MB): 0.25", "Estimated Total Size (MB): 0.81"):
        assert text in result.output, text
    pool2 = next(line for line in result.output.splitlines() if "pool2" in line)
    assert pool2.split()[-2:] == ["16", "4"]  # receptive field 16, jump 4


def test_summary_of_a_broken_model_stops_at_the_offending_layer():
    result = run("summary", "examples/buggy_lenet.py")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    marked = next(i for i, line in enumerate(lines) if "<-- CL101" in line)
    assert "fc1" in lines[marked] and "stops here" in lines[marked + 1]
    assert "fc2" not in "\n".join(lines[marked:marked + 3])
    assert "CL101 fc1 = Linear(256, 120)" in result.output


def test_summary_without_input_shape_is_symbolic_with_exact_params():
    source = "examples/lenet.py"
    result = run("summary", source, "--format", "json", "--input-shape", "LeNet5=1,1,32,32")
    (table,) = json.loads(result.output)
    assert table["total_params"] == 61_706
    symbolic = CliRunner().invoke(main, ["summary", "tests/models/local_base.py", "--format", "json"])
    data = json.loads(symbolic.output)
    assert data and all(t["total_params"] is not None for t in data)


AUX = """import torch.nn as nn


# convlint: input-shape=(2, 3, 32, 32)
class WithAux(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Conv2d(3, 8, 3, padding=1)
        self.aux = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 10))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 10))
        self.spare = nn.Linear(8, 2)

    def forward(self, x):
        x = self.body(x)
        if self.training:
            return self.head(x), self.aux(x)
        return self.head(x)
"""


def test_summary_lists_training_only_branches(tmp_path):
    path = tmp_path / "aux.py"
    path.write_text(AUX)
    result = run("summary", path)
    assert "Only in training (forward() skips them in inference mode): aux\n" in result.output
    assert "Never called by forward(): spare\n" in result.output
    assert "Total params: 422" in result.output  # the aux head's parameters still count, as in torchinfo
    (table,) = json.loads(run("summary", path, "--format", "json").output)
    assert (table["not_called"], table["training_only"]) == (["aux", "spare"], ["aux"])
    check = run(path, "--format", "concise", "--no-cache")
    assert [line.split()[2] for line in check.output.splitlines()] == ["CL207"]  # spare, not aux
    assert "spare" in check.output


def test_explain_shows_the_arithmetic():
    result = run("explain", "examples/lenet.py")
    assert "H: floor((32 + 2*0 - 1*(5-1) - 1)/1) + 1 = 28" in result.output
    assert "16 x 5 x 5 = 400" in result.output
    unet = run("explain", "examples/unet_small.py:UNetSmall").output
    assert "(32-1)*2 - 2*0 + 1*(2-1) + 0 + 1 = 64" in unet
    pools = run("explain", "tests/models/one_d_three_d.py:Signal").output
    assert "L: ceil((50 + 2*4 - 2*(5-1) - 1)/1) + 1" not in pools
    assert "ceil((" in pools


def test_check_explain_gives_the_chain_to_the_finding():
    result = run("examples/buggy_skip.py", "--explain")
    assert "how the shapes get there" in result.output
    assert result.output.rstrip().endswith("^ the finding is here")


def test_linear_finding_suggests_the_input_size_that_fits():
    result = run("examples/buggy_lenet.py")
    assert "Set in_features to 400: nn.Linear(400, 120), or use nn.LazyLinear; or feed 28x28 inputs" in result.output
