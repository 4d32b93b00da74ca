"""A module handed to a model's constructor in a script's `if __name__ == "__main__":` block or a
function of the file (`ae = AE().to(device)`, then `head = Head(ae.encoder)`) is followed as the
same two lines at module level are: the head is checked on what the encoder gives. Where the code,
in the block or at module level, may change that model (a child set, a function of the file
setting one, the name bound again), the argument stays unknown."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, filled

SOURCE = '''
import torch
import torch.nn as nn


class AE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 128, 3, padding=1), nn.ReLU())
        self.decoder = nn.ConvTranspose2d(128, 3, 2, stride=2)

    def forward(self, x):
        return self.decoder(self.encoder(x))


class Head(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.classifier = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(FEATURES, 10))

    def forward(self, x):
        return self.classifier(self.encoder(x))


def pretrain(model, steps=1):
    model.train()
    opt = torch.optim.Adam(model.parameters())
    for _ in range(steps):
        loss = model(torch.zeros(2, 3, 32, 32)).mean()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ae = AE().to(device)
    pretrain(ae)
CHANGE    head = Head(ae.encoder).to(device)
AFTER    print(head(torch.zeros(2, 3, 32, 32)).shape)
'''


def _build(namespace):
    return namespace["Head"](namespace["AE"]().encoder)


def _in_a_function(source: str) -> str:
    """The `__main__` block's body as a function's, `main()`, the block calling it."""
    return source.replace('if __name__ == "__main__":', "def main():") + '\n\nif __name__ == "__main__":\n    main()\n'


def _at_module_level(source: str) -> str:
    """The `__main__` block's body as the module's own statements."""
    head, body = source.split('if __name__ == "__main__":\n')
    lines = [line[4:] if line.startswith("    ") else line for line in body.splitlines()]
    return head + "# the script\n" + "\n".join(lines) + "\n"


WHERE = {"the main block": lambda source: source, "a function": _in_a_function, "module level": _at_module_level}


@pytest.mark.parametrize("where", sorted(WHERE))
def test_a_head_wrong_for_the_encoder_built_there_is_found_at_its_line(where):
    source = WHERE[where](SOURCE.replace("CHANGE", "").replace("AFTER", ""))
    clean = assert_bug_found_at_its_line(source, {"FEATURES": "128"}, {"FEATURES": "128 * 16 * 16"}, (2, 3, 32, 32),
                                         line_of(source, "nn.Linear(FEATURES"), "CL101", "m.py", build=_build)
    (head,) = [m for m in clean.models if m.name == "Head"]
    assert not head.unresolved


CHANGES = {  # (before the head is built, after it)
    "a child set": ("    ae.encoder = Flat().encoder\n", ""),
    "a function setting one": ("    widen(ae)\n", ""),
    "bound again after": ("", "    ae = AE()\n"),
    "in a loop": ("    for ae in [Flat()]:\n        pass\n", ""),
    "a hook": ("    ae.encoder.register_forward_hook(lambda m, i, o: o.repeat(1, 256, 1, 1))\n", ""),
}

MORE = '''

class Flat(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Conv2d(3, 128 * 256, 2, stride=2)

    def forward(self, x):
        return self.encoder(x)


def widen(model):
    enc = model.encoder
    enc[3] = nn.Conv2d(32, 128 * 256, 3, padding=1)

'''


@pytest.mark.parametrize("where", sorted(WHERE))
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_model_the_code_changes_is_not_taken_as_built(change, where):
    before, after = CHANGES[change]
    source = WHERE[where](filled(SOURCE, {"CHANGE": before, "AFTER": after, "FEATURES": "128 * 16 * 16"}))
    source = source.replace("\n\nif __name__", MORE + "\nif __name__").replace("\n\n# the script", MORE + "\n")
    if change == "bound again after":
        source = source.replace("ae = AE().to(device)", "ae = Flat().to(device)")
    pytest.importorskip("torch")
    exec(compile(source, "m.py", "exec"), {"__name__": "__main__"})  # torch runs the script
    found = [d for d in lint_text(source, "m.py", Settings()).diagnostics if d.severity == "error"]
    assert found == []
