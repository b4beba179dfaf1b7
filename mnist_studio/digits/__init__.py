"""Digits: every way a digit reaches the app, as the 28x28 white-on-black image a model reads. Numpy and Pillow only.

- ``strokes``: the pen's strokes -> 28x28 at MNIST's geometry (``render``: the canvas, the Inside tab, digit sets);
- ``preprocess``: any grayscale image -> 28x28 (``to_mnist``: ``mnist-studio predict``, dropped files);
- ``data``: MNIST and Fashion-MNIST in the Keras layout (``load_dataset``, ``load_mnist``, ``DataError``);
- ``handwriting``: personal and class digit sets as ``.npz`` (``DigitSet``, ``load``, ``DigitSetError``);
- ``pendigits``: the UCI pen-trajectory digits of 30 writers (real handwriting for tests and benchmarks);
- ``skeleton``: MNIST images thinned and re-drawn as strokes;
- ``augment``: training-time augmentation (``augment_batch``);
- ``morphology``: grey-level dilation and erosion (``cross``, ``octagon``).

Import the module you need (``from mnist_studio.digits import strokes``); this package imports none of them.
"""
