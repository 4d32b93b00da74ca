from gym.spaces import Box  # noqa: F401
