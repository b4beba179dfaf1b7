"""MNIST Studio: draw digits, train MLPs and CNNs, and see why they fail.

Importing this package is cheap on purpose: it imports neither TensorFlow nor Qt.
"""

__version__ = "0.1.0"
