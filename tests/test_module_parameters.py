"""A module's parameters read in forward (`list(self.gap_fc.parameters())[0]`, the class
activation map idiom; `next(m.parameters())`, `dict(m.named_parameters())[name]`) are the tensors
torch registers: in its order (a module's own, a layer's weight before its bias, then its
children in order), of the shapes torch gives them. Parameters not modelled (an LSTM's), or any
other value not known that a tensor meets, leave the shape unknown and listed as not followed,
never silently lost."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

CAM = '''
import torch
from torch import nn


class CAM(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.gap_fc = nn.Linear(dim, 1, bias=False)
        self.gmp_fc = nn.Linear(dim, 1, bias=False)
        self.conv1x1 = nn.Conv2d(IN, dim, 1, 1, bias=True)

    def forward(self, x):
        gap = torch.nn.functional.adaptive_avg_pool2d(x, 1)
        gap_logit = self.gap_fc(gap.view(x.shape[0], -1))
        gap_weight = list(self.gap_fc.parameters())[0]
        gap = x * gap_weight.unsqueeze(2).unsqueeze(3)
        gmp = torch.nn.functional.adaptive_max_pool2d(x, 1)
        gmp_logit = self.gmp_fc(gmp.view(x.shape[0], -1))
        gmp_weight = list(self.gmp_fc.parameters())[0]
        gmp = x * gmp_weight.unsqueeze(2).unsqueeze(3)
        cam_logit = torch.cat([gap_logit, gmp_logit], 1)
        x = torch.cat([gap, gmp], 1)
        return self.conv1x1(x), cam_logit
'''

CAM_CONV_LINE = 11


def _errors(source: str, **shapes) -> list[tuple[str, int]]:
    result = lint_text(source, "net.py", Settings(input_shapes=shapes))
    return [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]


def test_a_class_activation_map_weighted_by_a_linear_weight_keeps_its_shape():
    """The first parameter of Linear(16, 1) is its (1, 16) weight: unsqueezed (1, 16, 1, 1), x * it
    keeps x's shape, and the cat of the two maps gives 32 channels: a 1x1 conv taking 16 is CL103."""
    wrong, right = filled(CAM, {"IN": "dim"}), filled(CAM, {"IN": "dim * 2"})
    assert _errors(wrong) == [("CL103", CAM_CONV_LINE)]
    assert _errors(right) == [] and _errors(right, CAM=(2, 16, 8, 8)) == []
    result = lint_text(right, "net.py", Settings(input_shapes={"CAM": (2, 16, 8, 8)}))
    (model,) = result.models
    assert model.unresolved == []
    assert [c.output.shape.dims for c in model.calls if c.node.label == "conv1x1"] == [(2, 16, 8, 8)]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        built(wrong, "net.py", lambda namespace: namespace["CAM"]())(torch.zeros(2, 16, 8, 8))
    out, logits = built(right, "net.py", lambda namespace: namespace["CAM"]())(torch.zeros(2, 16, 8, 8))
    assert out.shape == (2, 16, 8, 8) and logits.shape == (2, 2)



@pytest.mark.parametrize("bias", ["False", "True"])
def test_a_spectral_normed_linear_gives_its_weight_orig_last(bias):
    """spectral_norm (the function) deletes the weight and registers weight_orig, of its shape, after
    the bias: U-GAT-IT's discriminator reads list(self.gap_fc.parameters())[0] of such a layer."""
    index = "1" if bias == "True" else "0"
    source = CAM.replace("nn.Linear(dim, 1, bias=False)", f"nn.utils.spectral_norm(nn.Linear(dim, 1, bias={bias}))") \
        .replace("parameters())[0]", f"parameters())[{index}]")
    wrong, right = filled(source, {"IN": "dim"}), filled(source, {"IN": "dim * 2"})
    assert _errors(wrong) == [("CL103", CAM_CONV_LINE)]
    assert _errors(right) == [] and _errors(right, CAM=(2, 16, 8, 8)) == []
    torch = pytest.importorskip("torch")
    net = built(right, "net.py", lambda namespace: namespace["CAM"]())
    assert tuple(list(net.gap_fc.parameters())[int(index)].shape) == (1, 16)
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
        built(wrong, "net.py", lambda namespace: namespace["CAM"]())(torch.zeros(2, 16, 8, 8))


ORDER = '''
import torch
from torch import nn


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1, 5, 1))
        self.conv = nn.Conv1d(4, 5, 3)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Linear(8, 6, bias=False),
                                   nn.ConvTranspose2d(8, 4, 2, groups=2), Gate(), nn.Embedding(7, 2))

    def forward(self, x):
        return READ + 0 * x.sum()
'''

READS = ["list(self.block.parameters())[{i}]", "[p for p in self.block.parameters()][{i}]",
         "tuple(self.block.parameters())[{i}]", "list(self.block.named_parameters())[{i}][1]"]
COUNT = 11  # conv weight, bias; norm weight, bias; linear weight; transposed weight, bias; scale, conv1d weight, bias; embedding


@pytest.mark.parametrize("i", range(COUNT))
@pytest.mark.parametrize("read", READS)
def test_parameters_are_in_torchs_order_and_shapes(read, i):
    source = filled(ORDER, {"READ": read.format(i=i)})
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (1, 3, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.unresolved == []
    torch = pytest.importorskip("torch")
    net = built(source, "net.py")
    assert len(list(net.block.parameters())) == COUNT
    assert model.output.shape.dims == tuple(net(torch.zeros(1, 3, 8, 8)).shape)


@pytest.mark.parametrize(("read", "name"), [
    ("dict(self.block.named_parameters())['{name}']", "4.weight"),
    ("dict(self.block.named_parameters())['{name}']", "5.scale"),
    ("dict(self.block.named_parameters())['{name}']", "5.conv.bias"),
    ("dict(self.named_parameters())['{name}']", "block.6.weight"),
    ("dict(self.block.named_parameters(prefix='b'))['{name}']", "b.3.weight"),
    ("next(self.block.parameters())", ""),
    ("next(iter(self.block[4].parameters()))", ""),
    ("self.block[4].weight", ""),
    ("self.block[1].bias", ""),
    ("list(self.block[5].parameters(recurse=False))[0]", ""),
])
def test_named_and_first_parameters_are_torchs(read, name):
    source = filled(ORDER, {"READ": read.format(name=name)})
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (1, 3, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.unresolved == []
    torch = pytest.importorskip("torch")
    assert model.output.shape.dims == tuple(built(source, "net.py")(torch.zeros(1, 3, 8, 8)).shape)


def test_next_takes_each_parameter_once():
    source = ORDER.replace("return READ + 0 * x.sum()", "params = self.block.parameters()\n"
                           "        weight = next(params)\n        return next(params) + 0 * x.sum()")
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (1, 3, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.output.shape.dims == (8,)  # the conv's bias, after its weight
    torch = pytest.importorskip("torch")
    assert tuple(built(source, "net.py")(torch.zeros(1, 3, 8, 8)).shape) == (8,)


LOST = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.rnn = nn.LSTM(8, 8)
        self.head = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        w = READ
        return self.head(self.conv(x) * w)
'''


@pytest.mark.parametrize("read", [
    "list(self.rnn.parameters())[0].unsqueeze(0).unsqueeze(3)",  # an LSTM's parameters: not modelled
    "list(self.parameters())[0]",  # the whole model's, the LSTM's among them
    "next(self.rnn.parameters())",
    "list(self.buffers())[0]",
    "next(iter(self.conv.state_dict().values()))",
    "torch.where(x[:, :1, 1:7, 1:7] > 0, 1.0, self.rnn.weight_hh_l0)",  # a torch function given a value not known
    "x[:, :1, 1:7, 1:7].expand(self.rnn.weight_hh_l0)",  # a tensor method given one
    "{'conv': x[:, :1, 1:7, 1:7]}[self.rnn.__class__.__name__]",  # an item not known of tensors held in a dict
])
def test_a_tensor_whose_shape_is_lost_is_listed_as_not_followed(read):
    """A value not modelled that a tensor meets: the shape after it is unknown, and said so (-v
    lists it), never silently lost."""
    source = filled(LOST, {"READ": read})
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    (model,) = result.models
    assert [c.input.shape.dims for c in model.calls if c.node.label == "head"] == [None]
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert model.unresolved, "the shape was lost without a word"
    assert {u.span.line for u in model.unresolved} & {13, 14}
