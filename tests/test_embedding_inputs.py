"""A model whose first layer is an nn.Embedding takes token ids: with no input size given, its
input is a batch of sequences N x L, so a text CNN (embedding, unsqueeze(1), Conv2d over (K, D)
windows, max_pool1d over the length, cat, Linear) is checked with no options. An Embedding takes
ids of any rank: what only the batch reading meets, where one sentence (L,) runs, is not reported."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

torch = pytest.importorskip("torch")

TEXT_CNN = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, V=1000, D=50, C=4, Co=16, Ks=(3, 4, 5)):
        super().__init__()
        self.embed = nn.Embedding(V, D, padding_idx=0)
        self.convs = nn.ModuleList([nn.Conv2d(1, Co, (K, D)) for K in Ks])
        self.dropout = nn.Dropout(0.5)
        self.fc1 = nn.Linear(FEATURES, C)

    def forward(self, x):
        x = self.embed(x).unsqueeze(1)
        x = [F.relu(conv(x)).squeeze(3) for conv in self.convs]
        x = [POOL(i, i.size(2)).squeeze(2) for i in x]
        x = torch.cat(x, 1)
        return self.fc1(self.dropout(x))
'''


def ids(model, size):
    """Runs the model on token ids (torch's Embedding takes no floats): each module's output shape."""
    seen: dict = {}

    def hook_for(name):
        def hook(module, args, output):
            if isinstance(output, torch.Tensor):
                seen.setdefault(name, tuple(output.shape))
        return hook

    for name, module in model.named_modules():
        module.register_forward_hook(hook_for(name))
    model(torch.randint(0, 5, size))
    return seen


@pytest.mark.parametrize("pool", ["F.max_pool1d", "F.avg_pool1d"])
def test_a_head_sized_for_one_kernel_of_several_is_found_with_no_options(pool):
    """Linear(Co, C) where the cat of len(Ks) pooled maps gives len(Ks) * Co: torch refuses it for
    every sentence length; convlint, given nothing, reports it at the Linear."""
    wrong = TEXT_CNN.replace("FEATURES", "Co").replace("POOL", pool)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        ids(built(wrong, "kim.py"), (2, 30))
    found = [d for d in lint_text(wrong, "kim.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL101", 13)]
    assert "48" in found[0].message and "NxL" in found[0].message


@pytest.mark.parametrize("pool", ["F.max_pool1d", "F.avg_pool1d"])
def test_the_right_head_is_clean_and_every_shape_is_torchs(pool):
    right = TEXT_CNN.replace("FEATURES", "len(Ks) * Co").replace("POOL", pool)
    assert not [d for d in lint_text(right, "kim.py", Settings()).diagnostics if d.severity == "error"]
    result = lint_text(right, "kim.py", Settings(input_shapes={"Net": (2, 30)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    for path, shape in ids(built(right, "kim.py"), (2, 30)).items():
        assert predicted.get(path) == shape, path
    (symbolic,) = [m for m in lint_text(right, "kim.py", Settings()).models if m.name == "Net"]
    assert [str(d) for d in symbolic.input_shape.dims] == ["N", "L"]
    root = next(c for c in symbolic.calls if c.node.path == "")
    assert [str(d) for d in root.output.shape.dims] == ["N", "4"]


# one sentence of ids, as the LSTM tagger of PyTorch's tutorial is given it: a batch of sequences is
# the reading convlint chooses, and this model does not take it
TAGGER = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, embedding_dim=6, hidden_dim=6, vocab_size=9, tagset_size=3):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim)
        self.hidden2tag = nn.Linear(hidden_dim, tagset_size)

    def forward(self, sentence):
        embeds = self.word_embeddings(sentence)
        lstm_out, _ = self.lstm(embeds.view(len(sentence), 1, EMBEDDED))
        tag_space = self.hidden2tag(lstm_out.view(len(sentence), -1))
        return F.log_softmax(tag_space, dim=1)
'''


@pytest.mark.parametrize("embedded", ["-1", "embeds.size(-1)", "6"])
def test_a_model_given_one_sentence_is_not_judged_on_a_batch(embedded):
    source = TAGGER.replace("EMBEDDED", embedded)
    assert ids(built(source, "tagger.py"), (5,))[""] == (5, 3)
    assert not [d for d in lint_text(source, "tagger.py", Settings()).diagnostics if d.severity == "error"]


def test_a_tagger_whose_lstm_takes_the_wrong_width_is_still_found():
    """The same tagger with an LSTM sized 7: torch refuses one sentence and a batch alike."""
    source = TAGGER.replace("EMBEDDED", "-1").replace("nn.LSTM(embedding_dim, hidden_dim)", "nn.LSTM(7, hidden_dim)")
    with pytest.raises(RuntimeError, match="input.size\\(-1\\) must be equal to input_size"):
        ids(built(source, "tagger.py"), (5,))
    found = {(d.code, d.span.line) for d in lint_text(source, "tagger.py", Settings(input_shapes={"Net": (5,)})).diagnostics
             if d.severity == "error"}
    assert ("CL109", 10) in found
