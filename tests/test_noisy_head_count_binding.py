"""A NoisyNet head (a module holding `nn.Parameter(torch.empty(out, in))` and applying it with
F.linear) built several times from a flatten count bound once (`conv_output_size = 3200`, or
`self.conv_output_size` read also by `x.view(-1, self.conv_output_size)`): where the count is wrong
the finding is at the binding, the one edit that makes torch run, and its help names that count;
it was reported at another instance's argument, asked to pass the width that instance is given."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, filled

NOISY = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class NoisyLinear(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight_mu = nn.Parameter(torch.zeros(out_features, in_features))
        self.bias_mu = nn.Parameter(torch.zeros(out_features))

    def forward(self, x):
        return F.linear(x, self.weight_mu, self.bias_mu)
'''

LOCAL = NOISY + '''

class Net(nn.Module):
    def __init__(self, n_actions=6, n_atoms=51):
        super().__init__()
        self.n_actions, self.n_atoms = n_actions, n_atoms
        self.network = nn.Sequential(nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(), nn.Conv2d(32, 64, 4, stride=2),
                                     nn.ReLU(), nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten())
        conv_output_size = COUNT
        self.value_head = nn.Sequential(NoisyLinear(conv_output_size, 128), nn.ReLU(), NoisyLinear(128, n_atoms))
        self.advantage_head = nn.Sequential(
            NoisyLinear(conv_output_size, 128), nn.ReLU(), NoisyLinear(128, n_atoms * n_actions))

    def forward(self, x):
        h = self.network(x)
        value = self.value_head(h).view(-1, 1, self.n_atoms)
        advantage = self.advantage_head(h).view(-1, self.n_actions, self.n_atoms)
        return value + advantage - advantage.mean(dim=1, keepdim=True)
'''

STORED = NOISY + '''

class Net(nn.Module):
    def __init__(self, architecture="canonical", n_actions=6):
        super().__init__()
        if architecture == "canonical":
            self.convs = nn.Sequential(nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(), nn.Conv2d(32, 64, 4, stride=2),
                                       nn.ReLU(), nn.Conv2d(64, 64, 3), nn.ReLU())
            self.conv_output_size = COUNT
        else:
            self.convs = nn.Sequential(nn.Conv2d(4, 32, 5, stride=5), nn.ReLU(), nn.Conv2d(32, 64, 5, stride=5))
            self.conv_output_size = 576
        self.fc = NoisyLinear(self.conv_output_size, n_actions)

    def forward(self, x):
        x = self.convs(x).view(-1, self.conv_output_size)
        return self.fc(x)
'''

SIZE = (2, 4, 84, 84)


@pytest.mark.parametrize("source", [LOCAL, STORED], ids=["local", "stored"])
def test_the_right_count_matches_torch(source):
    assert_shapes_equal_torch(filled(source, {"COUNT": "3136"}), SIZE, "noisy.py")


@pytest.mark.parametrize("source", [LOCAL, STORED], ids=["local", "stored"])
def test_a_wrong_count_is_reported_at_its_binding(source):
    torch = pytest.importorskip("torch")
    wrong = filled(source, {"COUNT": "3200"})
    with pytest.raises(RuntimeError):
        built(wrong, "noisy.py")(torch.zeros(*SIZE))
    # the one edit the finding asks for makes torch run
    built(filled(source, {"COUNT": "3136"}), "noisy.py")(torch.zeros(*SIZE))
    result = lint_text(wrong, "noisy.py", Settings(input_shapes={"Net": SIZE}))
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == \
        [("CL101" if source is LOCAL else "CL102", line_of(wrong, "_output_size = 3200"))]
    assert errors[0].span.column == wrong.splitlines()[errors[0].span.line - 1].index("3200") + 1
    assert "3136" in errors[0].fix
    assert "Pass 128" not in errors[0].fix
    if source is LOCAL:
        assert errors[0].fix.startswith("Set conv_output_size to 3136")
