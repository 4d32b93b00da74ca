"""A model whose loops count required arguments is built again at each count (1 to 6, every
counted argument at once). A stacked, recursive net (an hourglass: stacks x depth x modules) builds
tens of thousands of layers that way and took minutes; past a budget of layers no count is tried,
and the model says so: fewer counts would prove less, so no error rests on some of them."""

from pathlib import Path

import convlint.evaluator.analyze as analyze
from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"


def _counted_net(monkeypatch, budget: int | None):
    if budget is not None:
        monkeypatch.setattr(analyze, "TRIAL_LAYER_BUDGET", budget)
    return lint_file(CORPUS / "loop_counts.py", "loop_counts.py", Settings(model="CountedNet"))


def test_counts_are_tried_within_the_budget(monkeypatch):
    result = _counted_net(monkeypatch, None)
    (model,) = result.models
    assert len(model.count_trials) == 6
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 49)]


def test_past_the_budget_no_count_is_tried_and_the_model_says_so(monkeypatch):
    result = _counted_net(monkeypatch, 20)
    (model,) = result.models
    assert model.count_trials == []
    assert [d for d in result.diagnostics if d.severity == "error"] == []  # nothing rests on a few counts
    assert any("were not tried at every count" in u.why for u in model.unresolved)
