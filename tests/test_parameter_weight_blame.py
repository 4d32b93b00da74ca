"""A functional layer applying a weight the constructor makes as an nn.Parameter (a cosine or
ArcFace head's `F.linear(F.normalize(x), F.normalize(self.weight))`, an `F.conv2d(x, self.weight)`)
that refuses the features arriving: the line to change is where the parameter's size is written,
not the call in forward (kept related). Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

SIZE = (2, 3, 32, 32)

# the repro's form: the size written in the Parameter's own line, both normalised
COSINE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Parameter


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(),
            nn.Conv2d(64, 512, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.weight = Parameter(torch.FloatTensor(num_classes, WIDTH))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, x):
        out = self.features(x)
        out = out.view(out.size(0), -1)
        return F.linear(F.normalize(out), F.normalize(self.weight))
'''

# the tensor made on a line of its own, then handed to nn.Parameter
MADE_BEFORE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 512, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        w = torch.empty(10, WIDTH)
        nn.init.normal_(w)
        self.weight = nn.Parameter(w)

    def forward(self, x):
        out = self.pool(self.conv(x)).flatten(1)
        return F.linear(out, self.weight)
'''

# F.conv2d of a kernel Parameter: its in-channels are the weight's second size
CONV_KERNEL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, in_c=3, out_c=16, k=3):
        super().__init__()
        self.conv = nn.Conv2d(in_c, 32, 3, padding=1)
        self.weight = nn.Parameter(torch.randn(out_c, WIDTH, k, k))

    def forward(self, x):
        return F.conv2d(self.conv(x), self.weight, padding=1)
'''

# normalised along dim=1, the sizes given as one tuple
NORMALISED_ALONG_DIM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.weight = nn.Parameter(torch.randn((num_classes, WIDTH)))

    def forward(self, x):
        return F.linear(F.normalize(self.body(x), dim=1), F.normalize(self.weight, dim=1))
'''

# the size a local bound from a number: that binding, as for a layer's count
LOCAL_SIZE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Parameter


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        feat_dim = WIDTH
        self.weight = Parameter(torch.Tensor(num_classes, feat_dim))

    def forward(self, x):
        return F.linear(F.normalize(self.body(x)), F.normalize(self.weight))
'''

# a head block whose size is its own literal, built by the model: that literal, in the block
BLOCK_OF_ITS_OWN = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class CosineHead(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(num_classes, WIDTH))

    def forward(self, x):
        return F.linear(F.normalize(x), F.normalize(self.weight))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = CosineHead(10)

    def forward(self, x):
        return self.head(self.body(x))
'''

# the count scaled by a constant of the block class a factory passes (`512 * block.expansion`)
EXPANSION_OF_THE_BLOCK = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Parameter


class Basic(nn.Module):
    expansion = 1

    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride=2, padding=1)

    def forward(self, x):
        return F.relu(self.conv(x))


class CosineNet(nn.Module):
    def __init__(self, block, num_classes=10):
        super().__init__()
        self.body = nn.Sequential(block(3, 64), block(64, 512))
        self.weight = Parameter(torch.FloatTensor(num_classes, WIDTH * block.expansion))

    def forward(self, x):
        out = F.adaptive_avg_pool2d(self.body(x), 1).flatten(1)
        return F.linear(F.normalize(out), F.normalize(self.weight))


def Net():
    return CosineNet(Basic)
'''

BLAMED = [
    ("cosine", COSINE, "CL101", "Parameter(torch.FloatTensor(num_classes, WIDTH))"),
    ("made-before", MADE_BEFORE, "CL101", "w = torch.empty(10, WIDTH)"),
    ("conv-kernel", CONV_KERNEL, "CL103", "nn.Parameter(torch.randn(out_c, WIDTH, k, k))"),
    ("normalised-along-dim", NORMALISED_ALONG_DIM, "CL101", "torch.randn((num_classes, WIDTH))"),
    ("local-size", LOCAL_SIZE, "CL101", "feat_dim = WIDTH"),
    ("block-of-its-own", BLOCK_OF_ITS_OWN, "CL101", "torch.randn(num_classes, WIDTH)"),
    ("expansion-of-the-block", EXPANSION_OF_THE_BLOCK, "CL101", "torch.FloatTensor(num_classes, WIDTH * block"),
]
CALLS = {"CL101": "F.linear(", "CL103": "F.conv2d("}
RIGHT = {"cosine": "512", "made-before": "512", "conv-kernel": "32", "normalised-along-dim": "512", "local-size": "512",
         "block-of-its-own": "512", "expansion-of-the-block": "512"}


@pytest.mark.parametrize(("name", "source", "code", "written"), BLAMED, ids=[b[0] for b in BLAMED])
def test_blamed_where_the_parameters_size_is_written(name, source, code, written):
    line = line_of(source, written)
    assert_bug_found_at_its_line(source, {"WIDTH": RIGHT[name]}, {"WIDTH": "256"}, SIZE, line, code, f"{name}.py")
    broken = filled(source, {"WIDTH": "256"})
    (error,) = [d for d in lint_text(broken, f"{name}.py", Settings()).diagnostics if d.severity == "error"]
    assert error.span.line == line and error.code == code
    assert error.related[0].line == line_of(broken, CALLS[code])  # the call in forward, related


def test_torch_runs_the_right_widths():
    for name, source, _, _ in BLAMED:
        model = built(filled(source, {"WIDTH": RIGHT[name]}), f"{name}.py")
        with torch.no_grad():
            model(torch.zeros(*SIZE))


# a block's size given by its caller (`ArcMarginProduct(256, 10)`): the caller's number, where the
# count passed is written (not the Parameter's line, which reads the parameter)
CALLER_GIVES_THE_SIZE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Parameter


class ArcMarginProduct(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = Parameter(torch.FloatTensor(out_features, in_features))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, x):
        return F.linear(F.normalize(x), F.normalize(self.weight))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = ArcMarginProduct(WIDTH, 10)

    def forward(self, x):
        return self.head(self.body(x))
'''

# one weight applied to two features, of which one fits: which is wrong is not known
SHARED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.b = nn.Sequential(nn.Conv2d(3, 256, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.weight = nn.Parameter(torch.randn(10, WIDTH))

    def forward(self, x):
        return F.linear(self.b(x), self.weight) + F.linear(self.a(x), self.weight)
'''


# the size read from a tensor's shape: no number written for it
READ_FROM_A_TENSOR = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        probe = torch.randn(1, WIDTH)
        self.weight = nn.Parameter(torch.randn(10, probe.size(1)))

    def forward(self, x):
        return F.linear(self.body(x), self.weight)
'''


def test_a_size_the_caller_passes_is_blamed_at_that_call():
    broken = filled(CALLER_GIVES_THE_SIZE, {"WIDTH": "256"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "caller.py"), SIZE)
    (error,) = [d for d in lint_text(broken, "caller.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL101", line_of(broken, "ArcMarginProduct(256"))
    assert error.fix.startswith("Pass 512 for in_features:")
    clean = filled(CALLER_GIVES_THE_SIZE, {"WIDTH": "512"})
    assert not [d for d in lint_text(clean, "caller.py", Settings()).diagnostics if d.severity == "error"]
    with torch.no_grad():
        built(clean, "caller.py")(torch.zeros(*SIZE))


@pytest.mark.parametrize(("name", "source", "right", "at"), [
    ("shared", SHARED, None, "F.linear(self.a"),
    ("read-from-a-tensor", READ_FROM_A_TENSOR, "512", "F.linear("),
])
def test_stays_at_the_call_where_the_size_is_not_the_lines_own(name, source, right, at):
    broken = filled(source, {"WIDTH": "256"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, f"{name}.py"), SIZE)
    (error,) = [d for d in lint_text(broken, f"{name}.py", Settings()).diagnostics if d.severity == "error"]
    assert error.code == "CL101" and error.span.line == line_of(broken, at)
    if right is not None:
        clean = filled(source, {"WIDTH": right})
        assert not [d for d in lint_text(clean, f"{name}.py", Settings()).diagnostics if d.severity == "error"]
        with torch.no_grad():
            built(clean, f"{name}.py")(torch.zeros(*SIZE))


# a matmul of the weight (transposed, or stored in x out): the product is judged where it is written
MATMUL_TRANSPOSED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.weight = nn.Parameter(torch.randn(num_classes, WIDTH))

    def forward(self, x):
        return F.normalize(self.body(x)) @ F.normalize(self.weight).t()
'''

MM_STORED_IN_BY_OUT = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 512, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.weight = nn.Parameter(torch.randn(WIDTH, num_classes))

    def forward(self, x):
        return torch.mm(F.normalize(self.body(x)), F.normalize(self.weight, dim=0))
'''


@pytest.mark.parametrize(("name", "source"), [("matmul", MATMUL_TRANSPOSED), ("mm", MM_STORED_IN_BY_OUT)])
def test_a_matmul_of_the_weight_is_judged_at_the_product(name, source):
    broken, right = filled(source, {"WIDTH": "256"}), filled(source, {"WIDTH": "512"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, f"{name}.py"), SIZE)
    with torch.no_grad():
        built(right, f"{name}.py")(torch.zeros(*SIZE))
    result = lint_text(right, f"{name}.py", Settings(input_shapes={"Net": SIZE}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    result = lint_text(broken, f"{name}.py", Settings(input_shapes={"Net": SIZE}))
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [
        ("CL107", line_of(broken, "return "))]  # the product's inner sizes differ: judged at the product


def test_the_fix_resizes_the_weight_not_an_nn_linear():
    """F.linear has no in_features to set: the fix names the weight's shape torch takes."""
    broken = filled(COSINE, {"WIDTH": "256"})
    (error,) = [d for d in lint_text(broken, "cosine.py", Settings(input_shapes={"Net": SIZE})).diagnostics
                if d.severity == "error"]
    assert error.fix == "Give the weight 512 input features: a weight of shape (10, 512), as F.linear takes it"
    weight = torch.empty(10, 512)
    assert torch.nn.functional.linear(torch.randn(2, 512), weight).shape == (2, 10)
