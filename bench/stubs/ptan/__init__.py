# stand-in (hunt63): training scripts import ptan for agents/experience sources only
def __getattr__(name):
    raise AttributeError(name)
