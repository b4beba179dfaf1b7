"""Runtime: the machine the app runs on, and the deep-learning framework under Keras. No framework imported here.

- ``backend``: the one adapter for what differs between Keras backends (TensorFlow, JAX, PyTorch): choosing one
  before Keras loads, ``from mnist_studio.runtime.backend import keras``, devices in words, out-of-memory;
- ``quiet_stderr``: drops the frameworks' start-up noise written straight to file descriptor 2;
- ``startup_checks``: before Qt starts, is there a display and can Qt's xcb plugin load;
- ``heap``: gives freed memory back to the system after each job.
"""
