# minimal mmcv stand-in (hunt84): derain-toolbox backbones import only Registry / BaseModule / version helpers
__version__ = "0.0"
