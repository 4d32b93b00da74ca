# hunt58 stand-in: minimal matplotlib_inline
from . import backend_inline
