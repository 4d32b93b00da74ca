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


# ------------------------------------------------------------------ an index by one list of ints
EVEN_CHANNELS = '''
class EvenChannels(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 6, 3, padding=1)
        self.head = nn.Conv2d(6, 4, 1)

    def forward(self, x):
        f = self.stem(x)
        return self.head(f[:, [0, 2, 4]])
'''

GATED = '''
class Gated(nn.Module):
    def __init__(self):
        super().__init__()
        self.gate = nn.Conv2d(16, 2, 3, padding=1)

    def forward(self, x):
        g = self.gate(x)
        return x * g[:, [0, 1], :, :]
'''


def test_an_index_by_a_list_of_ints_keeps_that_many_channels():
    assert errors(lint(EVEN_CHANNELS)) == [(9, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 6 channels"):
        run(EVEN_CHANNELS, "EvenChannels", torch.zeros(2, 3, 8, 8))
    good = fixed(EVEN_CHANNELS, "nn.Conv2d(6, 4, 1)", "nn.Conv2d(3, 4, 1)")
    assert errors(lint(good)) == []
    assert run(good, "EvenChannels", torch.zeros(2, 3, 8, 8)).shape == (2, 4, 8, 8)


def test_a_gate_picked_by_a_list_index_must_broadcast():
    assert errors(lint(GATED)) == [(12, "CL107")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="must match the size of tensor"):
        run(GATED, "Gated", torch.zeros(2, 16, 8, 8))
    good = fixed(GATED, "g[:, [0, 1], :, :]", "g[:, [0], :, :]")
    result = lint(good)
    assert errors(result) == [] and unresolved(result, "Gated") == []
    assert run(good, "Gated", torch.zeros(2, 16, 8, 8)).shape == (2, 16, 8, 8)


def test_an_index_by_two_lists_is_listed_not_guessed():
    source = fixed(EVEN_CHANNELS, "f[:, [0, 2, 4]]", "f[:, [0, 2, 4], [1, 1, 1]]")
    result = lint(source)
    assert errors(result) == []
    assert any("index" in why for why in unresolved(result, "EvenChannels"))


# ------------------------------------------------------------------ Tensor.unfold
PATCHES = '''
class Patches(nn.Module):
    def __init__(self, image=16, patch=4, width=32):
        super().__init__()
        self.patch = patch
        self.count = (image // patch) ** 2
        self.proj = nn.Linear(patch * patch, width)

    def forward(self, x):
        p = self.patch
        t = x.unfold(2, p, p).unfold(3, p, p)
        t = t.permute(0, 2, 3, 1, 4, 5).reshape(x.size(0), self.count, -1)
        return self.proj(t)


if __name__ == "__main__":
    print(Patches()(torch.randn(2, 3, 16, 16)).shape)
'''

STEM_PATCHES = '''
class StemPatches(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.proj = nn.Linear(4 * 4 * 4, 16)

    def forward(self, x):
        t = self.stem(x).unfold(2, 4, 4).unfold(3, 4, 4)
        return self.proj(t.permute(0, 2, 3, 1, 4, 5).flatten(3))
'''


def test_a_hand_written_patch_embedding_counts_the_channels():
    assert errors(lint(PATCHES)) == [(10, "CL101")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        run(PATCHES, "Patches", torch.zeros(2, 3, 16, 16))
    good = fixed(PATCHES, "nn.Linear(patch * patch, width)", "nn.Linear(3 * patch * patch, width)")
    result = lint(good)
    assert errors(result) == [] and unresolved(result, "Patches") == []
    assert run(good, "Patches", torch.zeros(2, 3, 16, 16)).shape == (2, 16, 32)


def test_unfold_of_a_symbolic_map_keeps_its_window_dim():
    """No input size: the windows of H and W stay symbolic, the patch of 8 x 4 x 4 is known."""
    assert errors(lint(STEM_PATCHES)) == [(9, "CL101")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        run(STEM_PATCHES, "StemPatches", torch.zeros(2, 3, 12, 20))
    good = fixed(STEM_PATCHES, "nn.Linear(4 * 4 * 4, 16)", "nn.Linear(8 * 4 * 4, 16)")
    assert errors(lint(good)) == []
    assert run(good, "StemPatches", torch.zeros(2, 3, 12, 20)).shape == (2, 3, 5, 16)


def test_unfold_of_a_window_over_the_map_is_listed_not_reported():
    """torch refuses a window larger than the dim; no rule judges it yet: listed, never guessed."""
    source = fixed(PATCHES, "torch.randn(2, 3, 16, 16)", "torch.randn(2, 3, 3, 3)")
    result = lint(source)
    assert errors(result) == []
    assert any("x.unfold" in why for why in unresolved(result, "Patches"))
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="maximum size for tensor at dimension 2 is 3 but size is 4"):
        run(source, "Patches", torch.zeros(2, 3, 3, 3))


# ------------------------------------------------------------------ cumulative sums and expand_as
SCALED = '''
class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 3, padding=1)
        self.head = nn.Conv1d(8, 2, 1)

    def forward(self, x):
        y = self.conv(x)
        y = FORM
        return self.head(y)
'''

GATE_NOT_FOLLOWED = "torch.bucketize(y.mean(2, keepdim=True), torch.tensor([0.0]))"  # N x 8 x 1, not modelled


@pytest.mark.parametrize("form", [
    "torch.cumsum(y, 2)", "y.cumsum(dim=-1)", "torch.cumprod(y, 1)", "torch.cumsum(y, dim=0)",
    "y.cumsum(1, dtype=torch.float64).float()", "torch.Tensor.cumsum(y, 1)",
    "y / torch.cumsum(y.sum(1), dim=1).unsqueeze(1).expand_as(y)",  # a cumulative norm's running mean
    f"y * {GATE_NOT_FOLLOWED}.expand_as(y)",  # a tensor of a shape not followed: y's, if torch runs it
    "y * y.mean(1).view(2, 1, -1).expand_as(y)",
])
def test_a_cumulative_sum_and_expand_as_keep_the_shape_torch_gives(form):
    source = fixed(SCALED, "FORM", form)
    result = lint(source, Scaled=(2, 4, 20))
    assert errors(result) == []
    (model,) = result.models
    head = next(call for call in model.calls if call.node.path == "head")
    torch = pytest.importorskip("torch")
    assert head.output.shape.dims == tuple(run(source, "Scaled", torch.zeros(2, 4, 20)).shape) == (2, 2, 20)
    assert unresolved(result, "Scaled") == ([] if "bucketize" not in form else
                                            ["torch.bucketize is not modelled: its result shape is unknown"])


@pytest.mark.parametrize("form, refusal", [
    ("y.cumsum(3)", "Dimension out of range"),
    ("y * y.unsqueeze(0).expand_as(y)", "must be greater or equal to the number of dimensions"),
])
def test_what_torch_refuses_stays_unknown(form, refusal):
    """Not judged by any rule yet: unknown, never a guess and never an error."""
    source = fixed(SCALED, "FORM", form)
    result = lint(source, Scaled=(2, 4, 20))
    assert errors(result) == []
    (model,) = result.models
    head = next(call for call in model.calls if call.node.path == "head")
    assert head.output.shape.dims[0] is not None and not isinstance(head.output.shape.dims[0], int)
    torch = pytest.importorskip("torch")
    with pytest.raises((RuntimeError, IndexError), match=refusal):
        run(source, "Scaled", torch.zeros(2, 4, 20))


def test_an_expand_as_torch_refuses_is_judged_at_its_line():
    """A known non-1 size grown to another (3 to 20) is refused for every input: CL107 there."""
    source = fixed(SCALED, "FORM", "y * y[:, :, :3].expand_as(y)")
    assert errors(lint(source, Scaled=(2, 4, 20))) == [(13, "CL107")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"must match the existing size \(3\)"):
        run(source, "Scaled", torch.zeros(2, 4, 20))
