"""Zero configuration: an RL script's model built with its env (`QNetwork(envs)`) is fed the env's
observations, batched, and their size is what the gym / gymnasium wrappers that build the env state:
ResizeObservation(env, (H, W)) then GrayScaleObservation(env) gives H x W frames, FrameStack(env, k)
(gymnasium's FrameStackObservation) stacks k of them in front, AtariPreprocessing(env) gives
screen_size x screen_size grey frames. Read through the function that builds the env, its nested
thunk, and a vector env of them. A wrapper that leaves the size unknown (the project's own after the
stack, a resize of frames whose channels are not known) gives no size. Checked against torch with a
stand-in for gymnasium that gives the observation shapes gymnasium documents."""

import types

import numpy as np
import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SOURCE = '''import gymnasium as gym
import torch
import torch.nn as nn


def make_env(env_id, seed, idx):
    def thunk():
        if idx == 0:
            env = gym.make(env_id, render_mode="rgb_array")
            env = gym.wrappers.RecordVideo(env, "videos")
        else:
            env = gym.make(env_id)
        env = gym.wrappers.RecordEpisodeStatistics(env)
WRAPPERS
        env.action_space.seed(seed)
        return env

    return thunk


class QNetwork(nn.Module):
    def __init__(self, env):
        super().__init__()
        self.network = nn.Sequential(
            nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(), nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(), nn.Flatten(),
            nn.Linear(FLAT, 512), nn.ReLU(), nn.Linear(512, env.single_action_space.n))

    def forward(self, x):
        return self.network(x / 255.0)


if __name__ == "__main__":
    envs = gym.vector.SyncVectorEnv([make_env("PongNoFrameskip-v4", 1 + i, i) for i in range(2)])
    q_network = QNetwork(envs)
    obs, _ = envs.reset(seed=1)
    q_values = q_network(torch.Tensor(obs))
'''
# name -> (the wrappers after the statistics, the frames' side): 84 -> 7 x 7 after the convs, 64 -> 4 x 4
FORMS = {
    "resize-grey-stack": ("env = gym.wrappers.ResizeObservation(env, (84, 84))\n"
                          "env = gym.wrappers.GrayScaleObservation(env)\n"
                          "env = gym.wrappers.FrameStack(env, 4)", 84),
    "resize-int-grey-stack-keywords": ("env = gym.wrappers.ResizeObservation(env, shape=64)\n"
                                       "env = gym.wrappers.GrayScaleObservation(env, keep_dim=False)\n"
                                       "env = gym.wrappers.FrameStack(env, num_stack=4)", 64),
    "atari-preprocessing": ("env = gym.wrappers.AtariPreprocessing(env, frame_skip=1)\n"
                            "env = gym.wrappers.FrameStackObservation(env, 4)", 84),
    "atari-preprocessing-64": ("env = gym.wrappers.AtariPreprocessing(env, screen_size=64)\n"
                               "env = gym.wrappers.FrameStackObservation(env, stack_size=4)", 64),
}
SIDES = {84: 7, 64: 4}


def _source(form: str, flat: int, wrappers: str | None = None) -> str:
    written = FORMS[form][0] if wrappers is None else wrappers
    body = "\n".join(" " * 8 + line for line in written.splitlines())
    return SOURCE.replace("WRAPPERS", body).replace("FLAT", str(flat))


def _fake_gymnasium() -> types.ModuleType:
    """gymnasium's observation shapes: Atari frames 210 x 160 x 3; ResizeObservation keeps what follows
    the sides, GrayScaleObservation drops the channels (keep_dim: a 1), the stacks put k in front,
    AtariPreprocessing gives screen_size x screen_size grey frames; a vector env batches them."""
    gym = types.ModuleType("gymnasium")

    class Env:
        def __init__(self, shape, n=6):
            self.shape, self.n = shape, n
            self.action_space = types.SimpleNamespace(seed=lambda seed: None, n=n)

    def resize(env, shape):
        shape = (shape, shape) if isinstance(shape, int) else tuple(shape)
        return Env(shape + env.shape[2:])

    def grey(env, keep_dim=False):
        assert len(env.shape) == 3 and env.shape[-1] == 3
        return Env(env.shape[:2] + ((1,) if keep_dim else ()))

    def atari(env, noop_max=30, frame_skip=4, screen_size=84, terminal_on_life_loss=False, grayscale_obs=True,
              grayscale_newaxis=False, scale_obs=False):
        return Env((screen_size, screen_size) + (((1,) if grayscale_newaxis else ()) if grayscale_obs else (3,)))

    class SyncVectorEnv:
        def __init__(self, fns):
            made = [fn() for fn in fns]
            self.shape = (len(made), *made[0].shape)
            self.single_action_space = made[0].action_space

        def reset(self, seed=None):
            return np.zeros(self.shape, dtype=np.uint8), {}

    gym.make = lambda env_id, **kw: Env((210, 160, 3))
    gym.wrappers = types.SimpleNamespace(
        RecordVideo=lambda env, folder: env, RecordEpisodeStatistics=lambda env: env,
        ResizeObservation=lambda env, shape: resize(env, shape), GrayScaleObservation=grey,
        FrameStack=lambda env, num_stack: Env((num_stack, *env.shape)),
        FrameStackObservation=lambda env, stack_size: Env((stack_size, *env.shape)), AtariPreprocessing=atari)
    gym.vector = types.SimpleNamespace(SyncVectorEnv=SyncVectorEnv)
    return gym


def _run(source: str):
    """The script as written, gymnasium the stand-in: the model on the vector env's first observations."""
    import sys
    pytest.importorskip("torch")
    saved = sys.modules.get("gymnasium")
    sys.modules["gymnasium"] = _fake_gymnasium()
    try:
        exec(compile(source, "dqn.py", "exec"), {"__name__": "__main__"})
    finally:
        if saved is None:
            del sys.modules["gymnasium"]
        else:
            sys.modules["gymnasium"] = saved


def _errors(source: str) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, "dqn.py", Settings()).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize("form", FORMS)
def test_the_wrapped_env_s_observations_are_the_model_s_input(form):
    side = FORMS[form][1]
    right, wrong = 64 * SIDES[side] ** 2, 64 * (SIDES[side] - 1) ** 2
    assert _errors(_source(form, wrong)) == [("CL101", line_of(_source(form, wrong), "nn.Linear(FLAT"
                                                                .replace("FLAT", str(wrong))))]
    message = lint_text(_source(form, wrong), "dqn.py", Settings()).diagnostics[0].message
    assert f"input Nx4x{side}x{side} from line" in message
    clean = lint_text(_source(form, right), "dqn.py", Settings())
    assert [d for d in clean.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in clean.models if m.name == "QNetwork"]
    assert model.input_source is not None and tuple(model.input_shape.dims)[1:] == (4, side, side)


@pytest.mark.parametrize("form", FORMS)
def test_torch_refuses_the_wrong_flatten_on_those_observations_and_runs_the_right_one(form):
    side = FORMS[form][1]
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        _run(_source(form, 64 * (SIDES[side] - 1) ** 2))
    _run(_source(form, 64 * SIDES[side] ** 2))


# a size the wrappers leave unknown: no input size, so the flatten is not checked against one
UNSTATED = {
    "colour-frames-stacked": "env = gym.wrappers.ResizeObservation(env, (84, 84))\n"
                             "env = gym.wrappers.FrameStack(env, 4)",
    "own-wrapper-after-the-stack": "env = gym.wrappers.ResizeObservation(env, (84, 84))\n"
                                   "env = gym.wrappers.GrayScaleObservation(env)\n"
                                   "env = gym.wrappers.FrameStack(env, 4)\n"
                                   "env = CropFrames(env)",
    "stack-of-a-size-not-written": "env = gym.wrappers.ResizeObservation(env, (84, 84))\n"
                                   "env = gym.wrappers.GrayScaleObservation(env)\n"
                                   "env = gym.wrappers.FrameStack(env, idx + 4)",
    "screen-size-not-written": "env = gym.wrappers.AtariPreprocessing(env, screen_size=seed)\n"
                               "env = gym.wrappers.FrameStackObservation(env, 4)",
}


@pytest.mark.parametrize("form", UNSTATED)
def test_no_input_size_where_the_wrappers_leave_it_unknown(form):
    result = lint_text(_source("resize-grey-stack", 64 * 6 * 6, UNSTATED[form]), "dqn.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "QNetwork"]
    assert model.input_source is None


def test_a_model_not_built_with_the_env_is_not_given_its_size():
    source = _source("resize-grey-stack", 64 * 6 * 6).replace("def __init__(self, env)", "def __init__(self, n)") \
        .replace("env.single_action_space.n", "n").replace("QNetwork(envs)", "QNetwork(6)")
    assert _errors(source) == []


SHAPED = '''import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn


class DQN(nn.Module):
    def __init__(self, input_shape, n_actions):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(input_shape[0], 32, 8, stride=4), nn.ReLU(),
                                  nn.Conv2d(32, 64, 4, stride=2), nn.ReLU())
        self.fc = nn.Linear(FLAT, n_actions)

    def forward(self, x):
        return self.fc(self.conv(x).view(x.size(0), -1))


env = gym.make("PongNoFrameskip-v4")
env = gym.wrappers.AtariPreprocessing(env)
env = gym.wrappers.FrameStackObservation(env, 4)
net = DQN(env.observation_space.shape, env.action_space.n)
'''


def test_a_model_built_with_the_observation_shape_takes_those_observations():
    wrong, right = SHAPED.replace("FLAT", "64 * 8 * 8"), SHAPED.replace("FLAT", "64 * 9 * 9")
    assert _errors(wrong) == [("CL101", line_of(wrong, "self.fc ="))]
    assert _errors(right) == []
    torch = pytest.importorskip("torch")

    def model(source):  # the class alone, built as the env's 4 x 84 x 84 observations build it
        namespace: dict = {}
        exec(compile(source.split("env = gym.make")[0].replace("import gymnasium as gym\n", ""), "dqn.py", "exec"),
             namespace)
        return namespace["DQN"]((4, 84, 84), 6)

    model(right)(torch.zeros(2, 4, 84, 84))
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        model(wrong)(torch.zeros(2, 4, 84, 84))
