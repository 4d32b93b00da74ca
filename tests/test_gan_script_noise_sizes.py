"""A conditional GAN training script as copied from the argparse originals: options written out as
`opt = Namespace(img_size=32, ...)`, the noise and labels made by numpy (`FloatTensor(np.random.normal(0,
1, (batch_size, opt.latent_dim)))`, `LongTensor(np.random.randint(0, opt.n_classes, batch_size))` with
`batch_size = imgs.shape[0]`), and the discriminator fed the generator's images. With no options,
the generator is run on those sizes and the discriminator on what it outputs, as torch runs them."""

import libcst as cst
import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.input_hints import find_input_hints
from tests.torch_cases import filled

torch = pytest.importorskip("torch")

SCRIPT = '''
import numpy as np
import torch
import torch.nn as nn
from argparse import Namespace
from torch.autograd import Variable

opt = Namespace(latent_dim=16, n_classes=10, img_size=32, channels=3, lr=2e-4)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.label_emb = nn.Embedding(opt.n_classes, opt.latent_dim)
        self.init_size = opt.img_size // 4
        self.l1 = nn.Linear(opt.latent_dim, PROJECTED * self.init_size ** 2)
        self.up = nn.Sequential(nn.Upsample(scale_factor=4), nn.Conv2d(32, opt.channels, 3, padding=1))

    def forward(self, noise, labels):
        out = self.l1(torch.mul(self.label_emb(labels), noise))
        out = out.view(out.shape[0], 32, self.init_size, self.init_size)
        return self.up(out)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(opt.channels, 16, 3, 2, 1), nn.Conv2d(16, 32, 3, 2, 1))
        ds_size = opt.img_size // 2 ** SHRINK
        self.adv = nn.Linear(32 * ds_size ** 2, 1)

    def forward(self, img):
        return self.adv(self.conv(img).view(img.shape[0], -1))


if __name__ == "__main__":
    generator = Generator()
    discriminator = Discriminator()
    FloatTensor = torch.FloatTensor
    LongTensor = torch.LongTensor
    for imgs, _ in dataloader:
        batch_size = imgs.shape[0]
        z = Variable(FloatTensor(np.random.normal(0, 1, (batch_size, opt.latent_dim))))
        gen_labels = Variable(LongTensor(np.random.randint(0, opt.n_classes, batch_size)))
        validity = discriminator(generator(z, gen_labels))
'''
RIGHT = {"PROJECTED": "32", "SHRINK": "2"}
VIEW_LINE = 21  # out.view(...): where torch refuses a projection of another width
HEAD_LINE = 30  # self.adv = nn.Linear(...): where the head's count is written


def _run_in_torch(source: str) -> dict:
    """The discriminator's module shapes, run on the generator's images of 4 noise rows and labels."""
    namespace: dict = {}
    exec(compile(source, "acgan.py", "exec"), namespace)  # (the __main__ block is not run)
    generator, discriminator = namespace["Generator"]().eval(), namespace["Discriminator"]().eval()
    seen: dict = {}

    def hook_for(name):
        def hook(module, args, output):
            seen.setdefault(name, tuple(output.shape))
        return hook

    for name, module in discriminator.named_modules():
        module.register_forward_hook(hook_for(name))
    with torch.no_grad():
        discriminator(generator(torch.zeros(4, 16), torch.zeros(4, dtype=torch.long)))
    return seen


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "acgan.py", Settings()).diagnostics
            if d.severity == "error"}


def test_the_discriminator_is_run_on_the_generator_images_as_torch_runs_it():
    source = filled(SCRIPT, RIGHT)
    result = lint_text(source, "acgan.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Discriminator"]
    predicted = {c.node.path: tuple(c.output.shape.dims)[1:] for c in model.calls}
    for path, shape in _run_in_torch(source).items():
        assert predicted[path] == shape[1:], path  # (the batch stays symbolic: the loader's)


def test_a_head_counted_for_another_image_size_is_reported_at_its_line():
    broken = filled(SCRIPT, {**RIGHT, "SHRINK": "3"})
    with pytest.raises(RuntimeError):
        _run_in_torch(broken)
    assert ("CL101", HEAD_LINE) in _errors(broken)


def test_a_projection_of_another_width_is_reported_where_torch_refuses_it():
    broken = filled(SCRIPT, {**RIGHT, "PROJECTED": "16"})
    with pytest.raises(RuntimeError):
        _run_in_torch(broken)
    assert ("CL102", VIEW_LINE) in _errors(broken)


def _generator_hints(feed: str) -> list:
    source = filled(SCRIPT, RIGHT).replace(
        "        gen_labels = Variable(LongTensor(np.random.randint(0, opt.n_classes, batch_size)))", feed)
    return [(h.shape, h.more) for h in find_input_hints(cst.parse_module(source)) if h.target == "Generator"]


@pytest.mark.parametrize("feed, more", [
    ("        gen_labels = torch.randint(0, opt.n_classes, (batch_size,))", ((None,),)),
    ("        gen_labels = torch.LongTensor(np.random.randint(0, opt.n_classes, size=8))", ((8,),)),
    ("        gen_labels = torch.from_numpy(np.random.randint(0, 10, (batch_size, 1))).squeeze(1)", None),
    ("        gen_labels = torch.from_numpy(np.random.randint(0, 10, sizes))", None),
    ("        gen_labels = torch.from_numpy(np.random.randint(0, 10))", None),
], ids=["torch-one-size-tuple", "numpy-size-keyword", "not-followed-squeeze", "size-not-known", "no-size"])
def test_labels_are_of_one_dim_only_where_the_size_says_so(feed, more):
    """A size that is a one-element tuple or an int gives one dim; a name bound to anything but a
    tensor's size, or no size at all (numpy's number), gives no input."""
    hints = _generator_hints(feed)
    if more is None:
        assert hints == []
    else:
        assert hints == [((None, 16), more)]


def test_an_option_the_script_changes_is_not_the_one_written():
    """`opt.img_size = 64` after the Namespace: the written 32 is not taken for the generator's."""
    source = filled(SCRIPT, RIGHT).replace('if __name__ == "__main__":\n', 'if __name__ == "__main__":\n'
                                           '    opt.latent_dim = 8\n')
    assert _generator_hints_of(source) == []


def _generator_hints_of(source: str) -> list:
    return [h for h in find_input_hints(cst.parse_module(source)) if h.target == "Generator"]


@pytest.mark.parametrize("made, shape", [
    ("np.random.rand(4, 16)", (4, 16)),
    ("np.random.randn(n, 16)", (None, 16)),
    ("np.random.rand((4, 16))", None),
    ("np.random.uniform(-1, 1, size=(4, 16))", (4, 16)),
    ("np.random.standard_normal((4, 16))", (4, 16)),
    ("np.random.normal(0, 1)", None),
], ids=["rand", "randn-batch", "rand-tuple-refused", "uniform", "standard-normal", "a-number"])
def test_numpy_noise_has_the_shape_numpy_gives(made, shape):
    """The noise as numpy makes it (numpy.random.rand takes ints only, normal without a size is a
    float): a hint of that shape, or none."""
    source = ("import numpy as np\nimport torch\nimport torch.nn as nn\n\n\n"
              "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              "        self.fc = nn.Linear(16, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\n"
              f"n = get_n()\nout = Net()(torch.from_numpy({made}).float())\n")
    hints = [h.shape for h in find_input_hints(cst.parse_module(source)) if h.target == "Net"]
    assert hints == ([] if shape is None else [shape])
    if shape is not None and None not in shape:
        assert tuple(eval(f"Net()(torch.from_numpy({made}).float())", _namespace_of(source)).shape) == (4, 2)


def _namespace_of(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source.split("\n\nn = get_n()")[0], "noise.py", "exec"), namespace)
    namespace["np"] = __import__("numpy")
    return namespace
