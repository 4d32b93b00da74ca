"""A conv whose out width is written once in the model (`Conv2d(c, hidden * 2)` at the head of a
VQ-VAE-like encoder whose next conv, residual branches and last conv all take `hidden`) is
reported at its own count, even where the failing layer given what arrives would run the model
too: the producer given the count the failing layer expects runs it, computes its own from the
name holding that count, and that count is what the other layers take and give, none the
producer's. The other way round (the consumer's own typo, `Conv2d(hidden * 2, hidden)` after a
conv giving `hidden`), the consumer stays blamed, as where the producer's width is a number of
its own. Each bug fails in torch; each fix runs, shaped as torch's."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes
from tests.source_lines import line_of

ENCODER = '''
import torch.nn as nn


class Enc(nn.Module):
    def __init__(self, channels=3, hidden=32):
        super().__init__()
        self.hidden = hidden
        self.down = nn.Sequential(
            nn.Conv2d(channels, PRODUCED, 4, stride=2, padding=1),
            nn.Conv2d(CONSUMED, hidden, 4, stride=2, padding=1))
        self.res1 = self.residual()
        self.res2 = self.residual()
        self.last = nn.Conv2d(hidden, 1, 1)

    def residual(self):
        return nn.Sequential(nn.ReLU(), nn.Conv2d(self.hidden, self.hidden, 3, padding=1),
                             nn.ReLU(), nn.Conv2d(self.hidden, self.hidden, 1))

    def forward(self, x):
        x = self.down(x)
        x = self.res1(x) + x
        x = self.res2(x) + x
        return self.last(x)
'''

RIGHT = {"PRODUCED": "hidden", "CONSUMED": "hidden"}
PRODUCER_EDITED = {"PRODUCED": "hidden * 2", "CONSUMED": "hidden"}
CONSUMER_EDITED = {"PRODUCED": "hidden", "CONSUMED": "hidden * 2"}
# the producer's width a number of its own, no form of the count expected: nothing says which of
# the two is the typo, the consumer stays blamed as before
PRODUCER_OF_ITS_OWN = {"PRODUCED": "64", "CONSUMED": "hidden"}
# the producer's width halved on purpose (a VQ-VAE encoder's `Conv2d(c, hidden // 2)`), the
# consumer's `hidden // 2` slipped to `hidden`: the vote does not move the blame onto the halving
HALVED_ON_PURPOSE = {"PRODUCED": "hidden // 2", "CONSUMED": "hidden"}

SIZE = (2, 3, 32, 32)


def _errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "enc.py", settings or Settings()).diagnostics if d.severity == "error"]


def _build(namespace):
    return namespace["Enc"]()


@pytest.mark.parametrize("shape", [None, SIZE])
def test_the_producer_whose_width_no_other_layer_has_is_blamed(shape):
    source = filled(ENCODER, PRODUCER_EDITED)
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "enc.py", _build), SIZE)
    settings = Settings(input_shapes={"Enc": shape}) if shape is not None else None
    (error,) = _errors(source, settings)
    assert (error.code, error.span.line) == ("CL103", line_of(source, "hidden * 2"))
    assert error.fix == "Set out_channels to 32"
    assert "none 64" in error.message


@pytest.mark.parametrize("form, consumer", [(CONSUMER_EDITED, "hidden * 2"),
                                            (PRODUCER_OF_ITS_OWN, "nn.Conv2d(hidden, hidden, 4"),
                                            (HALVED_ON_PURPOSE, "nn.Conv2d(hidden, hidden, 4")])
@pytest.mark.parametrize("shape", [None, SIZE])
def test_a_consumer_whose_count_the_producer_does_not_read_stays_blamed(form, consumer, shape):
    source = filled(ENCODER, form)
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "enc.py", _build), SIZE)
    settings = Settings(input_shapes={"Enc": shape}) if shape is not None else None
    (error,) = _errors(source, settings)
    assert (error.code, error.span.line) == ("CL103", line_of(source, consumer))
    assert error.layer == "down.1"


def test_the_encoder_meant_runs_as_torch_does():
    assert_shapes_equal_torch(filled(ENCODER, RIGHT), SIZE, "enc.py", build=_build, name="Enc")
    assert _errors(filled(ENCODER, RIGHT)) == []


# A decoder whose transposed convs step the width deliberately (`hidden // 2` before the last):
# its last layer edited to take `hidden` is the slip, though three other layers take or give
# `hidden` and none the stepped width.
DECODER = '''
import torch.nn as nn


class Dec(nn.Module):
    def __init__(self, cin=16, hidden=64, cout=3):
        super().__init__()
        layers = [nn.Conv2d(cin, hidden, 3, padding=1), nn.ReLU()]
        layers += [nn.Conv2d(hidden, hidden, 3, padding=1), nn.ReLU()]
        layers += [nn.Conv2d(hidden, hidden, 3, padding=1), nn.ReLU()]
        layers += [
            nn.ConvTranspose2d(in_channels=hidden, out_channels=STEPPED, kernel_size=4, stride=2, padding=1),
            nn.ReLU(),
            nn.ConvTranspose2d(in_channels=CONSUMED, out_channels=cout, kernel_size=4, stride=2, padding=1),
        ]
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)
'''

DECODER_SIZE = (2, 16, 8, 8)


def _decoder(namespace):
    return namespace["Dec"]()


@pytest.mark.parametrize("step", ["hidden // 2", "int(hidden / 2)"])
@pytest.mark.parametrize("shape", [None, DECODER_SIZE])
def test_a_consumer_after_a_deliberate_step_of_the_width_stays_blamed(step, shape):
    source = filled(DECODER, {"STEPPED": step, "CONSUMED": "hidden"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "dec.py", _decoder), DECODER_SIZE)
    settings = Settings(input_shapes={"Dec": shape}) if shape is not None else None
    (error,) = _errors(source, settings)
    assert (error.code, error.span.line) == ("CL103", line_of(source, "out_channels=cout"))
    assert error.layer == "layers.8"


@pytest.mark.parametrize("step", ["hidden // 2", "hidden * 2"])
def test_the_decoder_meant_runs_as_torch_does(step):
    source = filled(DECODER, {"STEPPED": step, "CONSUMED": step})
    assert_shapes_equal_torch(source, DECODER_SIZE, "dec.py", build=_decoder, name="Dec")
    assert _errors(source) == []
