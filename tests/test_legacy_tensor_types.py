"""GAN scripts name the legacy tensor type once (`Tensor = torch.cuda.FloatTensor if cuda else
torch.FloatTensor`) and make their noise with it, filled in place (`Tensor(b, nz, 1, 1).normal_(0,
1)`): the size is read through the name and the fill. Checked against torch."""

import libcst as cst
import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.input_hints import find_input_hints

MODELS = '''import torch
import torch.nn as nn
from torch.autograd import Variable

cuda = torch.cuda.is_available()
Tensor = torch.cuda.FloatTensor if cuda else torch.FloatTensor
nz = 64


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(nn.ConvTranspose2d(nz, 32, 4, 1, 0), nn.ReLU(),
                                  nn.ConvTranspose2d(32, 3, 4, 2, 1), nn.Tanh())

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 4, 2, 1)
        self.fc = nn.Linear(16 * 8 * 8, 1)  # the generator makes 8x8 images: 16 x 4 x 4 arrive

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''
FIXED = MODELS.replace("nn.Linear(16 * 8 * 8, 1)", "nn.Linear(16 * 4 * 4, 1)")

SCRIPTS = {
    "filled-noise": ("generator, discriminator = Generator(), Discriminator()\n"
                     "def step(batch):\n"
                     "    noise = Variable(Tensor(batch.size(0), nz, 1, 1).normal_(0, 1), requires_grad=False)\n"
                     "    fake = Variable(generator(noise), requires_grad=False)\n"
                     "    return discriminator(fake)\n"),
    "plain-alias": ("FloatTensor = torch.FloatTensor\n"
                    "generator, discriminator = Generator(), Discriminator()\n"
                    "discriminator(generator(FloatTensor(8, nz, 1, 1).uniform_()))\n"),
}


def test_the_noise_made_with_a_named_tensor_type_has_its_size():
    hints = find_input_hints(cst.parse_module(MODELS + SCRIPTS["filled-noise"]))
    (generator,) = [h for h in hints if h.target == "Generator"]
    assert generator.shape == (None, 64, 1, 1)


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_the_discriminator_is_checked_on_the_images_made_from_that_noise(script):
    (finding,) = [d for d in lint_text(MODELS + script, "gan.py", Settings()).diagnostics if d.severity == "error"]
    assert finding.code == "CL101" and finding.model == "Discriminator" and "16 x 4 x 4 = 256" in finding.message
    assert [d for d in lint_text(FIXED + script, "gan.py", Settings()).diagnostics if d.severity == "error"] == []


def test_a_name_bound_to_something_else_gives_no_size():
    script = ("Tensor = make_tensor\n"
              "generator, discriminator = Generator(), Discriminator()\n"
              "discriminator(generator(Tensor(8, nz, 1, 1).normal_()))\n")
    assert [h for h in find_input_hints(cst.parse_module(MODELS + script)) if h.target == "Generator"] == []


def test_torch_makes_the_noise_and_refuses_the_images():
    torch = pytest.importorskip("torch")
    for source, fails in ((MODELS, True), (FIXED, False)):
        namespace: dict = {}
        exec(compile(source, "gan.py", "exec"), namespace)
        noise = namespace["Tensor"](5, 64, 1, 1).normal_(0, 1)
        assert noise.shape == (5, 64, 1, 1)
        fake = namespace["Generator"]()(noise)
        assert fake.shape == (5, 3, 8, 8)
        if fails:
            with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(5x256 and 1024x1\)"):
                namespace["Discriminator"]()(fake)
        else:
            assert namespace["Discriminator"]()(fake).shape == (5, 1)
