# stand-in
def hf_hub_download(*a, **k):
    raise NotImplementedError
