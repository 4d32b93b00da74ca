"""Tensor forms of older and hand-written model code, linted with no options (or the input size the
file gives) and run in torch: the legacy constructors (`torch.Tensor(16, 3, 64, 64)`, a VAE's
`torch.FloatTensor(std.size()).normal_()`), an index by one list of ints, and Tensor.unfold."""

import pytest

from convlint.pipeline import Settings, lint_text

HEADER = "import torch\nimport torch.nn as nn\nfrom torch.autograd import Variable\n"


def lint(source: str, **shapes):
    return lint_text(HEADER + source, "model.py", Settings(input_shapes=shapes))


def errors(result) -> list[tuple[int, str]]:
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def unresolved(result, model: str) -> list[str]:
    (analysis,) = [m for m in result.models if m.name == model]
    return [u.why for u in analysis.unresolved]


def run(source: str, model: str, *inputs, args=()):
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "not_main"}
    exec(compile(HEADER + source, "model.py", "exec"), namespace)
    with torch.no_grad():
        return namespace[model](*args)(*inputs)


def fixed(source: str, bug: str, fix: str) -> str:
    assert bug in source
    return source.replace(bug, fix)


# ------------------------------------------------------------------ legacy constructors
GRAY_STEM = '''
class GrayStem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


if __name__ == "__main__":
    images = torch.Tensor(4, 3, 16, 16)
    print(GrayStem()(Variable(images)).shape)
'''


@pytest.mark.parametrize("made", ["torch.Tensor(4, 3, 16, 16)", "torch.FloatTensor(4, 3, 16, 16)",
                                  "torch.cuda.FloatTensor(4, 3, 16, 16)", "torch.Tensor(*(4, 3, 16, 16))"])
def test_a_legacy_constructor_given_sizes_is_the_input_the_file_feeds(made):
    source = GRAY_STEM.replace("torch.Tensor(4, 3, 16, 16)", made)
    assert errors(lint(source)) == [(8, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 1 channels"):
        run(GRAY_STEM, "GrayStem", torch.Tensor(4, 3, 16, 16))
    assert errors(lint(fixed(source, "nn.Conv2d(1, 8", "nn.Conv2d(3, 8"))) == []
    assert run(fixed(GRAY_STEM, "nn.Conv2d(1, 8", "nn.Conv2d(3, 8"), "GrayStem",
               torch.Tensor(4, 3, 16, 16)).shape == (4, 8, 16, 16)


def test_a_legacy_constructor_given_a_list_is_data_not_the_input_size():
    """torch.Tensor([4, 3, 16, 16]) is four numbers: no input size is read from it."""
    source = GRAY_STEM.replace("torch.Tensor(4, 3, 16, 16)", "torch.Tensor([4, 3, 16, 16])")
    assert errors(lint(source)) == []


REPARAMETRIZE = '''
class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(32, 16)
        self.dec = nn.Linear(16, 32)

    def forward(self, x):
        h = self.enc(x)
        mu, logvar = h[:, :8], h[:, 8:]
        std = logvar.mul(0.5).exp_()
        eps = Variable(torch.FloatTensor(std.size()).normal_())
        z = eps.mul(std).add_(mu)
        return self.dec(z)
'''


@pytest.mark.parametrize("noise", ["torch.FloatTensor(std.size())", "torch.Tensor(std.size(0), std.size(1))"])
def test_the_old_reparametrisation_keeps_the_latent_size(noise):
    source = REPARAMETRIZE.replace("torch.FloatTensor(std.size())", noise)
    result = lint(source)
    assert errors(result) == [(9, "CL101")] and unresolved(result, "Vae") == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        run(source, "Vae", torch.zeros(2, 32))
    good = fixed(source, "nn.Linear(16, 32)", "nn.Linear(8, 32)")
    assert errors(lint(good)) == []
    assert run(good, "Vae", torch.zeros(2, 32)).shape == (2, 32)
