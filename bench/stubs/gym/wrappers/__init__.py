# stand-in: gym.wrappers for files that import wrappers they never use on a model
