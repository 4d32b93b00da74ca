"""What the error search over free counts and pinned sizes costs: the searches over floor nests
that every block of a recursive model and every trial of the error search repeat (a stacked
hourglass whose depth is a constructor argument, its odd pool giving nests 4 deep) are answered once."""

from convlint import symbolic
from convlint.values import Sym


def test_a_search_over_two_floor_nests_is_done_once(monkeypatch):
    """(H-7)/8 after three odd pools against 2*((H-7)/8)+1: asked at every block and in every
    trial, searched once (a new dim of the same form is the same question)."""
    def pooled():
        return Sym(Sym(Sym("H", 1, -3, 2), 1, -3, 2), 1, -3, 2)

    evaluations = []
    real = symbolic.evaluate
    monkeypatch.setattr(symbolic, "evaluate", lambda *args: evaluations.append(1) or real(*args))
    for question in (lambda: symbolic.broadcast_sizes(pooled(), Sym(pooled(), 2, 1)),
                     lambda: symbolic.can_equal(pooled(), Sym(pooled(), 2, 1))):
        first = question()
        assert evaluations
        del evaluations[:]
        assert question() == first and not evaluations
