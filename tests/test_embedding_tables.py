"""nn.Embedding as real models build and call it: an Embedding gives the index tensor's shape plus
its width, so an index of unknown rank (a label `y` given to forward beside the image) gives a
result of unknown rank, never a guessed one; `nn.Embedding.from_pretrained(table)` is the
Embedding of the table's rows and columns (unknown where the table's shape is), also inside a
Sequential."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

torch = pytest.importorskip("torch")


def errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "m.py", settings or Settings()).diagnostics if d.severity == "error"]


def run(source: str, *inputs, name: str = "Net"):
    """The model `name()` of the source run by torch on these inputs: its output."""
    namespace: dict = {}
    exec(compile(source, "m.py", "exec"), namespace)
    return namespace[name]().eval()(*inputs)


# a conditional instance norm: per-class scale and shift looked up by the label y
LABEL_NORM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, ch=3, nf=32, num_classes=10):
        super().__init__()
        self.nf = nf
        self.begin = nn.Conv2d(ch, nf, 3, padding=1)
        self.norm = nn.InstanceNorm2d(nf, affine=False)
        self.embed = nn.Embedding(num_classes, nf * 3)
        self.embeds = nn.ModuleList([nn.Embedding(num_classes, nf * 3)])
        self.table = nn.Parameter(torch.randn(num_classes, nf * 3))
        self.conv = nn.Conv2d(nf, nf, 3, padding=1)

    def forward(self, x, y):
        h = self.begin(x)
        means = torch.mean(h, dim=(2, 3))
        gamma, alpha, beta = LOOKUP.chunk(3, dim=-1)
        h = self.norm(h) + means[..., None, None] * alpha[..., None, None]
        h = gamma.view(-1, self.nf, 1, 1) * h + beta.view(-1, self.nf, 1, 1)
        return self.conv(h)
'''
LOOKUPS = ["self.embed(y)", "self.embeds[0](y)", "F.embedding(y, self.table)",
           "self.embed(y[:, None]).squeeze(1)", "self.embed(y.view(-1))"]


@pytest.mark.parametrize("lookup", LOOKUPS)
def test_an_embedding_of_a_label_of_unknown_rank_is_of_unknown_rank(lookup):
    """forward(x, y), y the labels [B]: the lookup is [B, 3 nf], which torch runs; the rank of y is
    not known to convlint, so that of the lookup is not either: no rank error is made of it."""
    source = LABEL_NORM.replace("LOOKUP", lookup)
    assert tuple(run(source, torch.zeros(2, 3, 8, 8), torch.zeros(2, dtype=torch.long)).shape) == (2, 32, 8, 8)
    assert errors(source) == []
    assert errors(source, Settings(input_shapes={"Net": (2, 3, 8, 8)})) == []


# a diffusion model's time embedding: a frozen sinusoid table looked up by the step t
TIME_EMBED = '''
import math
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, T=100, d_model=32, dim=64):
        super().__init__()
        freqs = torch.exp(-torch.arange(0, d_model, 2) / d_model * math.log(10000))
        pos = torch.arange(T).float()[:, None] * freqs[None, :]
        table = torch.stack([torch.sin(pos), torch.cos(pos)], dim=-1).view(T, d_model)
        self.emb = nn.Sequential(
            nn.Embedding.from_pretrained(table),
            nn.Linear(WIDTH, dim),
            nn.SiLU(),
            nn.Linear(dim, dim),
        )

    def forward(self, t):
        return self.emb(t)
'''


def test_a_pretrained_table_in_a_sequential_is_an_embedding_of_its_width():
    right = TIME_EMBED.replace("WIDTH", "d_model")
    assert tuple(run(right, torch.randint(100, (8,))).shape) == (8, 64)
    assert errors(right) == []
    result = lint_text(right, "m.py", Settings(input_shapes={"Net": (8,)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    shapes = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    assert shapes["emb.0"] == (8, 32) and shapes["emb.1"] == (8, 64) and shapes[""] == (8, 64)
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_a_linear_of_the_wrong_width_after_a_pretrained_table_is_found():
    wrong = TIME_EMBED.replace("WIDTH", "d_model // 2")
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        run(wrong, torch.randint(100, (8,)))
    assert [(d.code, d.span.line) for d in errors(wrong)] == [("CL101", line_of(wrong, "nn.Linear(d_model // 2"))]


# a text CNN whose word vectors start random ('rand' mode), or are given
KIM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, words_num=1000, words_dim=50, nf=16, n_cls=2):
        super().__init__()
        self.embed = nn.Embedding.from_pretrained(TABLE, freeze=False)
        self.convs = nn.ModuleList([nn.Conv2d(1, nf, (k, words_dim)) for k in (3, 4, 5)])
        self.fc1 = nn.Linear(FEATURES, n_cls)

    def forward(self, x):
        x = self.embed(x).unsqueeze(1)
        xs = [F.relu(conv(x)).squeeze(3) for conv in self.convs]
        xs = [F.max_pool1d(i, i.size(2)).squeeze(2) for i in xs]
        return self.fc1(torch.cat(xs, 1))
'''
TABLES = ["torch.Tensor(words_num, words_dim).uniform_(-0.25, 0.25)", "torch.randn(words_num, words_dim)",
          "torch.zeros(words_num, words_dim)"]


@pytest.mark.parametrize("table", TABLES)
def test_a_text_cnn_on_a_pretrained_table_is_checked_with_no_options(table):
    right = KIM.replace("TABLE", table).replace("FEATURES", "3 * nf")
    wrong = KIM.replace("TABLE", table).replace("FEATURES", "2 * nf")
    assert tuple(run(right, torch.randint(0, 5, (2, 40))).shape) == (2, 2)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        run(wrong, torch.randint(0, 5, (2, 40)))
    assert errors(right) == []
    assert [(d.code, d.span.line) for d in errors(wrong)] == [("CL101", line_of(wrong, "self.fc1 ="))]
    (model,) = [m for m in lint_text(right, "m.py", Settings()).models if m.name == "Net"]
    assert model.unresolved == []


def test_a_table_of_unknown_shape_is_listed_and_judges_nothing():
    """from_pretrained of a table loaded from a file: its width is not known, nor anything after."""
    source = KIM.replace("TABLE", "torch.load('vectors.pt')").replace("FEATURES", "2 * nf")
    assert errors(source) == []
    (model,) = [m for m in lint_text(source, "m.py", Settings()).models if m.name == "Net"]
    assert any("from_pretrained" in u.why for u in model.unresolved)


def test_a_pretrained_bag_in_a_sequential_is_a_module_not_modelled():
    """EmbeddingBag (not modelled): the ids do not flow past it into the Linear unchanged."""
    source = TIME_EMBED.replace("nn.Embedding.from_pretrained(table)", "nn.EmbeddingBag.from_pretrained(table)") \
        .replace("WIDTH", "d_model")
    assert tuple(run(source, torch.randint(100, (8, 5))).shape) == (8, 64)
    assert errors(source) == []
    assert errors(source, Settings(input_shapes={"Net": (8, 5)})) == []


@pytest.mark.parametrize("spelling", ["from torch.nn import Embedding", "from torch.nn.modules.sparse import Embedding",
                                      "Embedding = nn.modules.sparse.Embedding"])
def test_every_spelling_of_the_class_is_an_embedding(spelling):
    source = f'''
import torch
import torch.nn as nn
{spelling}


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.table = Embedding.from_pretrained(embeddings=torch.randn(10, 8), padding_idx=0)
        self.fc = nn.Linear(WIDTH, 4)

    def forward(self, t):
        return self.fc(self.table(t))
'''
    right, wrong = source.replace("WIDTH", "8"), source.replace("WIDTH", "6")
    assert tuple(run(right, torch.randint(10, (3,))).shape) == (3, 4)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        run(wrong, torch.randint(10, (3,)))
    assert errors(right, Settings(input_shapes={"Net": (3,)})) == []
    assert [(d.code, d.span.line) for d in errors(wrong)] == [("CL101", line_of(wrong, "self.fc ="))]


def test_a_sequential_holding_what_a_call_not_followed_made_is_not_known():
    """A library's table layer, made by a call convlint does not follow, first in a Sequential:
    what the Linear after it gets is not known (not the ids, unchanged)."""
    source = '''
import torch
import torch.nn as nn
from tablelib import lookup_layer


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Sequential(lookup_layer(torch.randn(100, 32)), nn.Linear(32, 64))

    def forward(self, t):
        return self.emb(t)
'''
    assert errors(source, Settings(input_shapes={"Net": (8,)})) == []
