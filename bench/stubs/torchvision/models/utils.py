# stand-in
def load_state_dict_from_url(*a, **k):
    raise NotImplementedError
