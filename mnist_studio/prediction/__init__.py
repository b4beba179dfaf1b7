"""Prediction: a model's answer for a digit, and why. The live path is numpy: no framework wakes up per stroke.

- ``numpy_layers``: the one translator of Keras layers into numpy steps, and the forward pass over them;
- ``inference``: ``Predictor`` (numpy for one drawing, Keras' compiled call for batches) and ``load_model``;
- ``archive``: predict straight from a ``.keras`` file without importing a framework (the first drawn digit);
- ``explain``: every layer's activations, saliency by the numpy backward pass, a unit's arithmetic, weights as
  pictures (``Explainer``);
- ``backward``: the numpy backward pass (input gradients) that saliency uses;
- ``explain_embedding``: where a drawing lands on a 2-D map of the last hidden layer;
- ``faithfulness``: the deletion test that measures a saliency map;
- ``nondigit``: the "not a digit?" check on the hidden layer the prediction already computed.
"""
