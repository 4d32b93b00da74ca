"""An input the code builds with torch.cat or torch.stack of tensors of stated sizes
(`net(torch.cat((board, board, last), dim=1))`) is a size it feeds the net: the joined dim is the
sum of theirs (a stack: their count, a new dim), and a first layer taking another count is an error
at its line."""

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

SOURCE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(PLANES, 16, 3, padding=1)
        self.head = nn.Conv2d(16, 1, 1)

    def forward(self, x):
        return self.head(self.stem(x)).flatten(1)


if __name__ == "__main__":
    net = Net()
    board = torch.zeros((2, 1, 15, 15))
    last = torch.ones(2, 1, 15, 15)
    plane = torch.zeros(2, 15, 15)
    FEED
'''

FEEDS = {
    "cat": ("net(torch.cat(((board > 0).float(), (board < 0).float(), last), dim=1))", "3"),
    "cat_positional_dim": ("net(torch.cat([board, last], 1))", "2"),
    "cat_negative_dim": ("net(torch.cat((board, board, board, last), dim=-3))", "4"),
    "stack": ("net(torch.stack([plane, plane], dim=1))", "2"),
}


def _source(feed: str) -> str:
    return SOURCE.replace("FEED", FEEDS[feed][0])


def test_joined_feed_with_a_first_layer_counted_wrong_is_an_error_at_its_line():
    for feed, (_, planes) in FEEDS.items():
        wrong = str(int(planes) + 1)
        assert_bug_found_at_its_line(_source(feed), {"PLANES": planes}, {"PLANES": wrong}, (2, int(planes), 15, 15),
                                     line_of(SOURCE, "self.stem = "), "CL103", f"{feed}.py")


def test_joined_feed_is_the_size_torch_makes():
    torch = __import__("pytest").importorskip("torch")
    for feed, (call, planes) in FEEDS.items():
        source = _source(feed).replace("PLANES", planes)
        namespace: dict = {}
        exec(compile(source.split("if __name__")[0], f"{feed}.py", "exec"), namespace)
        board, last, plane = torch.zeros((2, 1, 15, 15)), torch.ones(2, 1, 15, 15), torch.zeros(2, 15, 15)
        fed = eval(call[len("net("):-1], {"torch": torch, "board": board, "last": last, "plane": plane})
        (model,) = [m for m in lint_text(source, f"{feed}.py", Settings()).models if m.name == "Net"]
        assert tuple(model.input_shape.dims) == tuple(fed.shape), feed


def test_join_of_a_tensor_of_unknown_rank_states_no_size():
    source = SOURCE.replace("PLANES", "4").replace(
        "FEED", "data = torch.from_numpy(load())\n    net(torch.cat((data, last), dim=1))")
    result = lint_text(source, "unknown_rank.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
