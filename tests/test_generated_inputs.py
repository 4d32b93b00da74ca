"""Zero configuration for GAN scripts: a discriminator is fed what the file's generator outputs
(`netD(netG(noise))`, `fake = netG(noise); netD(fake.detach())`), and the noise's batch is
often not a literal (`torch.randn(b_size, nz, 1, 1)`). Both sizes are read, checked against torch."""

import libcst as cst
import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.input_hints import find_input_hints

MODELS = '''import torch
import torch.nn as nn

nz = 100


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, 128, 4, 1, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
            nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 3, 4, 2, 1), nn.Tanh())

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.LeakyReLU(0.2))
        self.fc = nn.Linear(128 * 2 * 2, 1)  # the generator makes 16x16 images: 128 x 4 x 4 arrive

    def forward(self, x):
        return self.fc(self.main(x).flatten(1))
'''
FIXED = MODELS.replace("nn.Linear(128 * 2 * 2, 1)", "nn.Linear(128 * 4 * 4, 1)")

SCRIPTS = {
    "detached-fake": ("netG, netD = Generator(), Discriminator()\n"
                      "def train(loader):\n"
                      "    for real, _ in loader:\n"
                      "        b_size = real.size(0)\n"
                      "        noise = torch.randn(b_size, nz, 1, 1)\n"
                      "        fake = netG(noise)\n"
                      "        netD(fake.detach())\n"),
    "nested-call": ("G = Generator()\nD = Discriminator()\nscore = D(G(torch.randn(16, nz, 1, 1)))\n"),
    "viewed-noise": ("netG, netD = Generator(), Discriminator()\n"
                     "z = torch.randn(64, nz).view(-1, nz, 1, 1)\n"
                     "netD(netG(z))\n"),
    "noise-with-new-axes": ("netG, netD = Generator(), Discriminator()\n"
                            "def step(b):\n"
                            "    z = torch.randn(b, nz)[:, :, None, None]\n"
                            "    return netD(netG(z))\n"),
    "size-keyword": ("netG = Generator()\nnetD = Discriminator()\n"
                     "def step(batch):\n"
                     "    z = torch.randn(size=(batch, nz, 1, 1))\n"
                     "    return netD(netG(z))\n"),
}


def test_a_batch_that_is_not_a_literal_leaves_the_other_sizes_known():
    hints = find_input_hints(cst.parse_module(MODELS + SCRIPTS["detached-fake"]))
    (generator,) = [h for h in hints if h.target == "Generator"]
    assert generator.shape == (None, 100, 1, 1)
    (discriminator,) = [h for h in hints if h.target == "Discriminator"]
    assert discriminator.fed_by == generator and discriminator.shape == ()


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_the_discriminator_is_checked_on_what_the_generator_outputs(script):
    result = lint_text(MODELS + script, "gan.py", Settings())
    (finding,) = result.diagnostics
    assert finding.code == "CL101" and finding.model == "Discriminator"
    assert "128 x 4 x 4 = 2048" in finding.message and "outputs (line" in finding.message
    assert lint_text(FIXED + script, "gan.py", Settings()).diagnostics == []


def test_reshapes_of_the_noise_are_followed():
    from convlint.source.input_hints import Tensor, _reshaped

    assert _reshaped(Tensor((8, 100)), "view", [-1, 100, 1, 1]).shape == (8, 100, 1, 1)
    assert _reshaped(Tensor((None, 100)), "view", [-1, 100, 1, 1]).shape == (None, 100, 1, 1)
    assert _reshaped(Tensor((None, 100)), "view", [-1, 50, 2]).shape == (None, 50, 2)
    assert _reshaped(Tensor((None, 100)), "view", [4, -1]) is None  # the batch not known: nor the rest
    assert _reshaped(Tensor((8, 100)), "reshape", [8, 99]) is None  # torch refuses it: no size
    assert _reshaped(Tensor((8, 100)), "unsqueeze", [-1]).shape == (8, 100, 1)


NOT_KNOWN = {
    "noise-of-unknown-width": "netG, netD = Generator(), Discriminator()\n"
                              "def step(width):\n    return netD(netG(torch.randn(8, width, 1, 1)))\n",
    "generator-of-another-file": "from models import Generator as G2\n"
                                 "netD = Discriminator()\nnetD(G2()(torch.randn(8, nz, 1, 1)))\n",
    "generator-built-otherwise": "netG, netD = Generator(), Discriminator()\n"
                                 "netG.main = nn.Identity()\nnetD(netG(torch.randn(8, nz, 1, 1)))\n",
}


@pytest.mark.parametrize("script", NOT_KNOWN.values(), ids=NOT_KNOWN.keys())
def test_no_size_from_a_generator_whose_output_is_not_known(script):
    result = lint_text(MODELS + script, "gan.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []


def test_torch_refuses_the_discriminator_on_the_generator_s_images():
    torch = pytest.importorskip("torch")
    for source, fails in ((MODELS, True), (FIXED, False)):
        namespace: dict = {}
        exec(compile(source, "gan.py", "exec"), namespace)
        netG, netD = namespace["Generator"](), namespace["Discriminator"]()
        fake = netG(torch.randn(5, 100, 1, 1))
        assert fake.shape == (5, 3, 16, 16)
        if fails:
            with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(5x2048 and 512x1\)"):
                netD(fake.detach())
        else:
            assert netD(fake.detach()).shape == (5, 1)


# A generator whose constructor needs arguments (`G = Generator(nz, filters, 1)`): the discriminator
# is fed what the generator built by that construction outputs.
BUILT_WITH_ARGUMENTS = '''import torch
import torch.nn as nn

nz = 100
filters = [128, 64]


class Generator(nn.Module):
    def __init__(self, latent, widths, channels):
        super().__init__()
        layers = [nn.ConvTranspose2d(latent, widths[0], 4, 1, 0), nn.ReLU()]
        for i in range(1, len(widths)):
            layers += [nn.ConvTranspose2d(widths[i - 1], widths[i], 4, 2, 1), nn.ReLU()]
        layers += [nn.ConvTranspose2d(widths[-1], channels, 4, 2, 1), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self, channels, width):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(channels, width, 4, 2, 1), nn.LeakyReLU(0.2),
                                  nn.Conv2d(width, width * 2, 4, 2, 1), nn.LeakyReLU(0.2))
        self.out = nn.Conv2d(width * 2, 1, 8, 1, 0)  # the generator makes 16x16 images: a 4x4 map arrives

    def forward(self, x):
        return self.out(self.main(x))


G = Generator(nz, filters, 3)
D = Discriminator(3, 32)
'''
BUILT_WITH_ARGUMENTS_FIXED = BUILT_WITH_ARGUMENTS.replace("nn.Conv2d(width * 2, 1, 8, 1, 0)", "nn.Conv2d(width * 2, 1, 4, 1, 0)")
FEEDING = {
    "noise-viewed": "for step in range(10):\n    z = torch.randn(64, nz).view(-1, nz, 1, 1)\n    D(G(z))\n",
    "fake-bound-first": "def step(b):\n    fake = G(torch.randn(b, nz, 1, 1))\n    return D(fake.detach())\n",
}


@pytest.mark.parametrize("script", FEEDING.values(), ids=FEEDING.keys())
def test_a_generator_built_with_arguments_feeds_the_discriminator(script):
    result = lint_text(BUILT_WITH_ARGUMENTS + script, "gan.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert finding.code == "CL105" and finding.model == "Discriminator" and finding.span.line == 26
    assert "outputs (line" in finding.message
    assert [d for d in lint_text(BUILT_WITH_ARGUMENTS_FIXED + script, "gan.py", Settings()).diagnostics
            if d.severity == "error"] == []


def test_no_size_from_a_generator_built_otherwise_than_the_one_fed():
    # two constructions of the generator, the fed one's arguments not literals: which one is fed is not known
    script = ("G2 = Generator(nz, [128, 64, 32], 3)\n"
              "def step(width):\n    D(Generator(nz, width, 3)(torch.randn(8, nz, 1, 1)))\n")
    result = lint_text(BUILT_WITH_ARGUMENTS + script, "gan.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []


def test_torch_refuses_the_discriminator_on_the_images_of_a_generator_built_with_arguments():
    torch = pytest.importorskip("torch")
    for source, fails in ((BUILT_WITH_ARGUMENTS, True), (BUILT_WITH_ARGUMENTS_FIXED, False)):
        namespace: dict = {}
        exec(compile(source, "gan.py", "exec"), namespace)
        fake = namespace["G"](torch.randn(5, 100, 1, 1))
        assert fake.shape == (5, 3, 16, 16)
        if fails:
            with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
                namespace["D"](fake.detach())
        else:
            assert namespace["D"](fake.detach()).shape == (5, 1, 1, 1)
