"""stand-in for got10k.trackers: the Tracker base class."""


class Tracker(object):
    def __init__(self, name, is_deterministic=False):
        self.name = name
        self.is_deterministic = is_deterministic
