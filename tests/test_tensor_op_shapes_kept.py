"""Tensor ops whose result shape is known even where an operand's is not: an in-place op
(`h += self.proj(temb)[:, :, None, None]`, `h.add_(y)`) writes into h, whose shape never changes;
x.expand(n, 3, 28, 28) and x.repeat(1, 1, h, w) of a tensor of unknown rank have one dim per size
(torch takes no fewer sizes than dims); and the tensors a __main__ example builds from lists
(`x.new_tensor([500] * x.shape[0])`, `torch.tensor([...]).long()`) have the list's size. A sum with
an operand of unknown rank that may add leading dims stays unknown."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import filled

torch = pytest.importorskip("torch")


def errors(source: str, settings: Settings | None = None) -> set:
    result = lint_text(source, "model.py", settings or Settings())
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def shapes_of(source: str, name: str = "Net", settings: Settings | None = None) -> dict:
    result = lint_text(source, "model.py", settings or Settings())
    (model,) = [m for m in result.models if m.name == name]
    found: dict = {}
    for call in model.calls:
        found.setdefault(call.node.path, None if call.output.shape.dims is None else
                         tuple(d if isinstance(d, int) else str(d) for d in call.output.shape.dims))
    return found


def namespace(source: str, main: bool = False) -> dict:
    names: dict = {"__name__": "__main__" if main else "model"}
    exec(compile(source, "model.py", "exec"), names)
    return names


# a DDPM block: a time embedding (a second input given no size) projected and added to the map
TIME_BLOCK = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ch=32, tdim=64):
        super().__init__()
        self.block1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.temb_proj = nn.Linear(tdim, ch)
        self.block2 = nn.Conv2d(WIDTH, ch, 3, padding=1)

    def forward(self, x, temb):
        h = self.block1(x)
        ADDED
        return self.block2(h)
'''

IN_PLACE = {
    "+=": "h += self.temb_proj(temb)[:, :, None, None]",
    "-=": "h -= self.temb_proj(temb)[:, :, None, None]",
    # (the result of the method, which is h itself)
    "add_ with alpha": "h = h.add_(self.temb_proj(temb)[:, :, None, None], alpha=0.5)",
    "mul_": "h = h.mul_(torch.sigmoid(self.temb_proj(temb))[:, :, None, None])",
    "lerp_": "h = h.lerp_(self.temb_proj(temb)[:, :, None, None], 0.5)",
}


@pytest.mark.parametrize("form", sorted(IN_PLACE))
def test_an_in_place_op_keeps_the_shape_it_writes_into(form):
    source = filled(TIME_BLOCK, {"ADDED": IN_PLACE[form]})
    right, wrong = filled(source, {"WIDTH": "32"}), filled(source, {"WIDTH": "64"})
    x, temb = torch.zeros(2, 32, 16, 16), torch.zeros(2, 64)
    assert namespace(right)["Net"]()(x, temb).shape == (2, 32, 16, 16)
    with pytest.raises(RuntimeError, match="channels"):
        namespace(wrong)["Net"]()(x, temb)
    assert errors(wrong) == {("CL103", line_of(wrong, "self.block2 ="))}
    assert errors(right) == set()
    assert shapes_of(right, settings=Settings(input_shapes={"Net": (2, 32, 16, 16)}))["block2"] == (2, 32, 16, 16)


def test_an_in_place_op_of_a_value_not_known_keeps_the_shape():
    source = filled(TIME_BLOCK, {"ADDED": "h *= scale", "import torch.nn as nn\n":
                                 "import torch.nn as nn\nfrom elsewhere import scale\n", "WIDTH": "64"})
    assert errors(source) == {("CL103", line_of(source, "self.block2 ="))}


def test_a_sum_with_an_operand_of_unknown_rank_stays_unknown():
    """`h + self.proj(temb)[:, :, None, None]`: a temb of 3 dims makes a sum of 5, another shape than
    h's; nothing bounds temb's rank, so what block2 meets with temb taken as (M, features) is not
    reported, and the choice is listed."""
    source = filled(TIME_BLOCK, {"ADDED": "h = h + self.temb_proj(temb)[:, :, None, None]", "WIDTH": "64"})
    assert errors(source) == set()
    (model,) = [m for m in lint_text(source, "model.py", Settings()).models if m.name == "Net"]
    assert any("further input's rank is not known" in u.why for u in model.unresolved)


# timesteps spread over the embedding's width and the embedding repeated to the map's sides
# (dome272's pos_encoding and Down): each repeat's count of sizes fixes the rank of what it makes
REPEATED_EMBEDDING = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin=3, cout=128, emb_dim=32):
        super().__init__()
        self.conv = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(cin, cout, 3, padding=1))
        self.emb_layer = nn.Sequential(nn.SiLU(), nn.Linear(emb_dim, WIDTH))

    def forward(self, x, t):
        x = self.conv(x)
        t = torch.sin(t[:, None].repeat(1, 32).float())
        emb = self.emb_layer(t)[:, :, None, None].repeat(1, 1, x.shape[-2], x.shape[-1])
        return x + emb
'''


def test_a_repeat_of_a_tensor_of_unknown_rank_has_one_dim_per_count():
    right, wrong = (filled(REPEATED_EMBEDDING, {"WIDTH": width}) for width in ("cout", "64"))
    x, t = torch.zeros(3, 3, 16, 16), torch.zeros(3)
    assert namespace(right)["Net"]()(x, t).shape == (3, 128, 8, 8)
    with pytest.raises(RuntimeError, match="must match"):
        namespace(wrong)["Net"]()(x, t)
    assert errors(wrong) == {("CL107", line_of(wrong, "return x + emb"))}
    assert errors(right) == set()


# DANN's feature extractor: 1-channel digits made 3-channel by an expand to literal sizes
EXPANDED_DIGITS = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 48, kernel_size=5)

    def forward(self, x):
        x = EXPAND
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        return x.view(-1, WIDTH * 4 * 4)
'''

EXPANDS = {
    "the batch read off x.data": "x.expand(x.data.shape[0], 3, 28, 28)",
    "the batch by x.size(0)": "x.expand(x.size(0), 3, 28, 28)",
    "-1 keeping the batch": "x.expand(-1, 3, 28, 28)",
    "sizes in a tuple": "x.expand((x.shape[0], 3, 28, 28))",
}


@pytest.mark.parametrize("form", sorted(EXPANDS))
def test_an_expand_to_literal_sizes_of_the_input_of_unknown_rank_has_those_sizes(form):
    source = filled(EXPANDED_DIGITS, {"EXPAND": EXPANDS[form]})
    right, wrong = filled(source, {"WIDTH": "48"}), filled(source, {"WIDTH": "50"})
    assert namespace(right)["Net"]()(torch.zeros(2, 1, 28, 28)).shape == (2, 768)
    with pytest.raises(RuntimeError, match="invalid for input of size"):
        namespace(wrong)["Net"]()(torch.zeros(2, 1, 28, 28))
    assert errors(wrong) == {("CL102", line_of(wrong, "return x.view"))}
    assert errors(right) == set()
    assert shapes_of(right)["conv1"] == ("N", 32, 24, 24)


def test_an_expand_keeping_a_side_of_the_input_leaves_that_side_unknown():
    source = filled(EXPANDED_DIGITS, {"EXPAND": "x.expand(x.size(0), 3, -1, -1)", "WIDTH": "48"})
    assert namespace(source)["Net"]()(torch.zeros(2, 1, 28, 28)).shape == (2, 768)
    assert errors(source) == set()
    assert shapes_of(source)["conv1"][:2] == ("N", 32)


# timesteps made in the __main__ example; only their size tells the embedding's rank
TIMESTEPS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cout=128, tdim=16):
        super().__init__()
        self.conv = nn.Conv2d(3, cout, 3, padding=1)
        self.register_buffer("freqs", torch.ones(tdim))
        self.emb = nn.Linear(tdim, WIDTH)

    def forward(self, x, t):
        emb = self.emb(t.float()[:, None] * self.freqs)
        return self.conv(x) + emb[:, :, None, None]


if __name__ == "__main__":
    x = torch.randn(3, 3, 16, 16)
    t = TIMESTEPS
    print(Net()(x, t).shape)
'''

MADE_FROM_LISTS = [
    "x.new_tensor([500] * x.shape[0]).long()",
    "torch.tensor([500] * 3)",
    "x.new_tensor([500, 500, 500])",
    "torch.randint(1000, (3,)).long()",
    "torch.tensor([500] * len(x), dtype=torch.long).to(x.device)",
    "torch.LongTensor([1, 500, 999])",
    "torch.randint(1, 1000, size=(x.size(0),)).int()",
    "x.new_full((x.shape[0],), 500)",
    "(torch.ones(x.shape[0]) * 500).long()",
]


@pytest.mark.parametrize("made", MADE_FROM_LISTS)
def test_timesteps_made_from_a_list_in_the_example_have_its_size(made):
    source = filled(TIMESTEPS, {"TIMESTEPS": made})
    right, wrong = filled(source, {"WIDTH": "cout"}), filled(source, {"WIDTH": "64"})
    namespace(right, main=True)
    with pytest.raises(RuntimeError, match="must match"):
        namespace(wrong, main=True)
    assert errors(wrong) == {("CL107", line_of(wrong, "return self.conv(x) + emb"))}
    assert errors(right) == set()


def test_timesteps_of_a_size_not_known_leave_the_embedding_unknown():
    """A list of a length not known (`[500] * n`, n read from the command line) gives no size."""
    source = filled(TIMESTEPS, {"TIMESTEPS": "torch.tensor([500] * n)", "WIDTH": "64",
                                "x = torch.randn": "n = int(input())\n    x = torch.randn"})
    assert errors(source) == set()


def test_an_expand_to_one_value_not_known_stays_unknown():
    """`x.expand(size)`, size read from a module not followed: it may be a whole torch.Size."""
    source = filled(EXPANDED_DIGITS, {"EXPAND": "x.expand(size)", "WIDTH": "50",
                                      "import torch.nn as nn\n": "import torch.nn as nn\nfrom elsewhere import size\n"})
    assert errors(source) == set()
    assert shapes_of(source)["conv1"][0] != "N"
