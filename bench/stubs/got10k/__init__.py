"""stand-in for got10k: the trackers' base class only."""
