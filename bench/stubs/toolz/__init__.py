"""stand-in for toolz: curry only."""
import functools


def curry(f):
    return functools.partial(f)
