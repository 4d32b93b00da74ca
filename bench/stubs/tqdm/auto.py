from tqdm import tqdm
def trange(*a, **k): return range(*a)
