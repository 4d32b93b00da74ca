# stand-in (hunt63): RL model files import gym for env wrappers only; models need nothing from it
from . import spaces


class _Logger:
    INFO = 20
    def set_level(self, *a, **k): pass
logger = _Logger()


class Wrapper:
    def __init__(self, env=None, *a, **k): self.env = env
ObservationWrapper = ActionWrapper = RewardWrapper = Env = Wrapper


def make(*a, **k):
    raise RuntimeError("gym stand-in: no environments")
