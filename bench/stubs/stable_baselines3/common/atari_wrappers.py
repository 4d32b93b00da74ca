# stand-in: every name is a dummy class, as in the package itself
from stable_baselines3 import __getattr__  # noqa: F401
