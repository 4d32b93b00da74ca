"""Stand-in for icecream (hunt81)."""


def ic(*args):
    return args[0] if len(args) == 1 else args
