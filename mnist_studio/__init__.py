"""MNIST Studio: draw digits, train MLPs and CNNs, and see why they fail.

Importing this package is cheap on purpose: it imports neither TensorFlow nor Qt.
"""

__version__ = "0.1.0"

import os as _os

# The live path multiplies tiny matrices (one 28x28 drawing at a time): OpenBLAS's worker threads
# spin-wait for them and, on a busy 2-core laptop, turn a 1 ms update into tens of ms. Must be set
# before numpy is first imported; an explicit setting wins. TensorFlow's own thread pools are unaffected.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

