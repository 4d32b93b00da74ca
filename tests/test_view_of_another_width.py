"""A hand-written view of a conv's map whose count of features is a width times a count of the
constructor's arguments (`out.view(out.size(0), 480 * self.n_channels)`), before a Linear taking
the map's channels times that count (`nn.Linear(960 * self.n_channels, ...)`), the input's length
not given: the view wrote another layer's width, and is reported there, the Linear related."""

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line

SOURCE = '''
import numpy as np
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, sequence_length, n_targets):
        super().__init__()
        self.conv_net = nn.Sequential(
            nn.Conv1d(4, 32, 8), nn.ReLU(), nn.MaxPool1d(4, 4),
            nn.Conv1d(32, 48, 8), nn.ReLU(), nn.MaxPool1d(4, 4),
            nn.Conv1d(48, 96, 8), nn.ReLU())
        self.n_channels = int(np.floor((np.floor((sequence_length - 7) / 4.0) - 7) / 4.0) - 7)
        self.classifier = nn.Linear(96 * self.n_channels, n_targets)

    def forward(self, x):
        out = self.conv_net(x)
        return self.classifier(out.view(out.size(0), WIDTH * self.n_channels))
'''


def test_the_view_writing_another_width_is_reported_at_the_view():
    line = line_of(SOURCE, "WIDTH")
    clean = assert_bug_found_at_its_line(SOURCE, {"WIDTH": "96"}, {"WIDTH": "48"}, (2, 4, 400), line, "CL101",
                                         "deepsea.py", build=lambda ns: ns["Net"](400, 5))
    assert clean is not None
    (found,) = [d for d in lint_text(SOURCE.replace("WIDTH", "48"), "deepsea.py", Settings()).diagnostics
                if d.severity == "error"]
    assert found.span.line == line and found.related[0].line == line_of(SOURCE, "self.classifier =")
    assert "Write 96 where the view writes 48" in found.fix


def test_a_view_of_the_map_s_width_with_a_linear_of_another_stays_at_the_linear():
    # the Linear is the one off the map's 96 channels: it is reported where it is built
    source = SOURCE.replace("WIDTH", "96").replace("nn.Linear(96 *", "nn.Linear(48 *")
    (found,) = [d for d in lint_text(source, "deepsea.py", Settings()).diagnostics if d.severity == "error"]
    assert found.span.line == line_of(source, "self.classifier =")
