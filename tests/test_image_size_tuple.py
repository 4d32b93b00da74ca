"""A required tuple parameter named as the image's size (`img_size=(C, H, W)`) whose item 0 is the
channels the first layer takes (`nn.Conv2d(self.img_size[0], 32, 4, 2, 1)`, or `c, h, w =
img_size` then `nn.Conv2d(c, ...)`) is the input's shape: where the code states a size for it (`if
self.img_size[1:] == (64, 64): ...`), the model built with that size runs on N x C x 64 x 64, so a
Linear counted for another map than the one that arrives is CL101 at its line with no options. A
tuple whose item 0 is something else says nothing of the input, which stays symbolic."""

import pytest

from convlint.pipeline import Settings, lint_text

VAE = '''
import torch
from torch import nn


class VAE(nn.Module):
    def __init__(self, img_size, latent_dim):
        super().__init__()
        self.img_size = img_size
        UNPACK
        layers = [nn.Conv2d(CHANNELS, 32, (4, 4), stride=2, padding=1), nn.ReLU()]
        if self.img_size[1:] == (64, 64):
            layers += [nn.Conv2d(32, 32, (4, 4), stride=2, padding=1), nn.ReLU()]
        elif self.img_size[1:] == (32, 32):
            pass
        else:
            raise RuntimeError("only 32x32 and 64x64 images")
        layers += [nn.Conv2d(32, 64, (4, 4), stride=2, padding=1), nn.ReLU(),
                   nn.Conv2d(64, 64, (4, 4), stride=2, padding=1), nn.ReLU()]
        self.img_to_features = nn.Sequential(*layers)
        self.features_to_hidden = nn.Sequential(nn.Linear(64 * 4 * 4, 256), nn.ReLU())
        self.fc_mean = nn.Linear(256, latent_dim)

    def forward(self, x):
        batch_size = x.size()[0]
        features = self.img_to_features(x)
        hidden = self.features_to_hidden(features.view(batch_size, -1))
        return self.fc_mean(hidden)
'''

BUG = ("nn.Linear(64 * 4 * 4, 256)", "nn.Linear(64 * 8 * 8, 256)")
INDEXED = ("UNPACK", "pass"), ("CHANNELS", "self.img_size[0]")
UNPACKED = ("UNPACK", "c, h, w = img_size"), ("CHANNELS", "c")
# item 0 counts something else (the latent's groups): the first conv takes 3 channels whatever it is
NOT_CHANNELS = ("UNPACK", "self.groups = img_size[0]"), ("CHANNELS", "3")


def source(form, bug=False):
    text = VAE
    for edit in form:
        text = text.replace(*edit)
    return text.replace(*BUG) if bug else text


def errors(text):
    return [d for d in lint_text(text, "vae.py", Settings()).diagnostics if d.severity == "error"]


def line_of(text, fragment):
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def torch_run(text, image):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(text, "vae.py", "exec"), namespace)
    return namespace["VAE"](image, 10)(torch.zeros(2, *image))


@pytest.mark.parametrize("form", [INDEXED, UNPACKED], ids=["indexed", "unpacked"])
def test_a_linear_counted_for_another_map_is_found_at_its_line(form):
    text = source(form, bug=True)
    (found,) = errors(text)
    assert found.code == "CL101" and found.span.line == line_of(text, BUG[1])
    assert "gives 64 x 4 x 4 = 1024 per sample" in found.message
    assert "with img_size=(..., " in found.message and "from img_size=(..., " in found.message
    for image in ((1, 64, 64), (3, 32, 32)):
        with pytest.raises(RuntimeError, match="4096"):
            torch_run(text, image)


@pytest.mark.parametrize("form", [INDEXED, UNPACKED], ids=["indexed", "unpacked"])
def test_the_correct_model_is_clean_for_each_size(form):
    text = source(form)
    assert errors(text) == []
    for image in ((1, 64, 64), (3, 32, 32)):
        assert tuple(torch_run(text, image).shape) == (2, 10)


def test_a_tuple_whose_item_0_is_not_the_channels_leaves_the_input_symbolic():
    text = source(NOT_CHANNELS, bug=True)
    result = lint_text(text, "vae.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    trials = [trial for model in result.models for _, trial, _, _ in model.value_trials]
    assert len(trials) == 2 and all(trial.input_source is None for trial in trials)


def test_an_error_met_with_every_asserted_size_is_said_so():
    text = source(INDEXED, bug=True).replace("self.img_size = img_size",
                                             "assert img_size[1:] in ((32, 32), (64, 64))\n        self.img_size = img_size")
    (found,) = errors(text)
    assert found.code == "CL101" and found.span.line == line_of(text, BUG[1])
    assert "every value `assert img_size[1:] in ((32, 32), (64, 64))` allows" in found.message


def known_image(text, how):
    """The model with its image known: as its default, as the file builds it, as --model-args gives it."""
    from convlint.config import parse_model_args

    settings = Settings()
    if how == "default":
        text = text.replace("def __init__(self, img_size, latent_dim)", "def __init__(self, img_size=(1, 64, 64), latent_dim=10)")
    elif how == "built":
        text += "\n\nmodel = VAE((1, 64, 64), 10)\n"
    else:
        settings = Settings(model_args=dict([parse_model_args("VAE(img_size=(1, 64, 64), latent_dim=10)")]))
    return text, settings


@pytest.mark.parametrize("how", ["default", "built", "model-args"])
@pytest.mark.parametrize("form", [INDEXED, UNPACKED], ids=["indexed", "unpacked"])
def test_an_image_known_is_the_input(form, how):
    text, settings = known_image(source(form, bug=True), how)
    (found,) = [d for d in lint_text(text, "vae.py", settings).diagnostics if d.severity == "error"]
    assert found.code == "CL101" and found.span.line == line_of(text, BUG[1])
    assert "Nx1x64x64 from " in found.message and "img_size=(1, 64, 64)" in found.message
    with pytest.raises(RuntimeError, match="4096"):
        torch_run(text, (1, 64, 64))
    correct, settings = known_image(source(form), how)
    assert [d for d in lint_text(correct, "vae.py", settings).diagnostics if d.severity == "error"] == []
    assert tuple(torch_run(correct, (1, 64, 64)).shape) == (2, 10)


@pytest.mark.parametrize("how", ["default", "built", "model-args"])
def test_an_image_known_whose_item_0_is_not_the_channels_pins_nothing(how):
    text, settings = known_image(source(NOT_CHANNELS, bug=True), how)
    text = text.replace("nn.Conv2d(3, 32", "nn.Conv2d(1, 32")  # item 0 and the channels agree by chance
    assert [d for d in lint_text(text, "vae.py", settings).diagnostics if d.severity == "error"] == []
