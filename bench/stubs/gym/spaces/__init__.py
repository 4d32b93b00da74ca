# stand-in: the same spaces as the gymnasium stand-in
from gymnasium.spaces import Box, Discrete, Space  # noqa: F401
