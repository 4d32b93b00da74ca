"""A residual block's out-width passed down through two calls (`ResBlock(hidden, res_ch, res_ch)`
in a Decoder, `Decoder(16, 64, 2, 8)` outside): where the nearer call passes the wrong name of
its caller while another name it passes holds the width wanted (`hidden`), that call is what to
change, not the outer call's number for `res_ch` (made 64, it would run only by making every
res_ch layer that wide); against torch."""

from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

SOURCE = '''
import torch
import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, cin, mid, cout):
        super().__init__()
        self.body = nn.Sequential(nn.ReLU(), nn.Conv2d(cin, mid, 3, padding=1), nn.ReLU(), nn.Conv2d(mid, cout, 1))

    def forward(self, x):
        out = self.body(x)
        out += x
        return out


class Decoder(nn.Module):
    def __init__(self, cin, hidden, n_res, res_ch):
        super().__init__()
        layers = [nn.Conv2d(cin, hidden, 3, padding=1)]
        layers += [ResBlock(hidden, res_ch, COUT) for _ in range(n_res)]  # the call
        layers += [nn.ConvTranspose2d(hidden, 3, 4, 2, 1)]
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


if __name__ == "__main__":
    net = Decoder(16, 64, 2, 8)
    net(torch.zeros(2, 16, 8, 8))
'''


def test_the_nearer_call_passing_the_wrong_name_is_blamed():
    assert_bug_found_at_its_line(SOURCE, {"COUT": "hidden"}, {"COUT": "res_ch"}, (2, 16, 8, 8),
                                 line_of(SOURCE, "# the call"), "CL107", "net.py",
                                 build=lambda namespace: namespace["Decoder"](16, 64, 2, 8))


def test_the_note_names_the_name_holding_the_width():
    from convlint.pipeline import Settings, lint_text
    from tests.torch_cases import filled

    wrong = filled(SOURCE, {"COUT": "res_ch"})
    (error,) = [d for d in lint_text(wrong, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert wrong.splitlines()[error.span.line - 1][error.span.column - 1:].startswith("res_ch)")
    assert "passing hidden (64)" in error.message
