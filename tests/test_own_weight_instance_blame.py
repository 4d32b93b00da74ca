"""A layer class of the code's own applying a weight it samples from its parameters (a
Bayes-by-backprop conv: `weight = self.W_mu + eps * softplus(self.W_rho)`, then
`F.conv2d(x, weight, ...)`), built several times: a count wrong in one instance is reported at the
line building that instance, not at another instance of the class. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

SIZE = (2, 3, 16, 16)

SAMPLED_CONV = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class SampledConv(nn.Module):
    def __init__(self, cin, cout, k, padding=0):
        super().__init__()
        self.kernel_size = (k, k)
        self.padding = padding
        self.mu = nn.Parameter(torch.empty(cout, cin, *self.kernel_size).normal_(0, 0.1))
        self.rho = nn.Parameter(torch.empty(cout, cin, *self.kernel_size).normal_(-3, 0.1))

    def forward(self, x):
        eps = torch.empty(self.mu.size()).normal_(0, 1)
        weight = self.mu + eps * torch.log1p(torch.exp(self.rho))
        return F.conv2d(x, weight, None, 1, self.padding)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = SampledConv(3, 8, 3, padding=1)
        self.conv2 = SampledConv(WIDTH, 16, 3, padding=1)
        self.conv3 = SampledConv(16, 16, 3, padding=1)
        self.conv4 = SampledConv(16, 4, 3, padding=1)

    def forward(self, x):
        return self.conv4(self.conv3(self.conv2(self.conv1(x))))
'''

SAMPLED_LINEAR = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class SampledLinear(nn.Module):
    def __init__(self, fin, fout):
        super().__init__()
        self.mu = nn.Parameter(torch.empty(fout, fin).normal_(0, 0.1))
        self.rho = nn.Parameter(torch.empty(fout, fin).normal_(-3, 0.1))

    def forward(self, x):
        eps = torch.empty(self.mu.size()).normal_(0, 1)
        return F.linear(x, self.mu + eps * torch.log1p(torch.exp(self.rho)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = SampledLinear(3 * 16 * 16, 64)
        self.fc2 = SampledLinear(WIDTH, 32)
        self.fc3 = SampledLinear(32, 10)

    def forward(self, x):
        return self.fc3(self.fc2(self.fc1(x.flatten(1))))
'''


@pytest.mark.parametrize("source, right, wrong, code, marker", [
    (SAMPLED_CONV, "8", "12", "CL103", "self.conv2 ="),
    (SAMPLED_LINEAR, "64", "48", "CL101", "self.fc2 ="),
])
def test_the_wrong_instance_is_reported_at_its_own_line(source, right, wrong, code, marker):
    name = marker.split(".")[1].split(" ")[0]
    broken = filled(source, {"WIDTH": wrong})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "net.py"), SIZE)
    for settings in (Settings(), Settings(input_shapes={"Net": SIZE})):
        errors = [d for d in lint_text(broken, "net.py", settings).diagnostics if d.severity == "error"]
        assert [(d.code, d.span.line) for d in errors] == [(code, line_of(broken, marker))]
        if code == "CL103":  # (named by the instance, as a torch layer is)
            assert errors[0].message.startswith(f"{name}'s F.")


@pytest.mark.parametrize("source, right", [(SAMPLED_CONV, "8"), (SAMPLED_LINEAR, "64")])
def test_the_right_instances_are_clean(source, right):
    fine = filled(source, {"WIDTH": right})
    module_shapes(built(fine, "net.py"), SIZE)
    for settings in (Settings(), Settings(input_shapes={"Net": SIZE})):
        assert not [d for d in lint_text(fine, "net.py", settings).diagnostics if d.severity == "error"]
