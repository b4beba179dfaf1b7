"""The Keras worker: every Keras computation the app makes runs in a separate process, never in the window.

- ``process``: the worker itself, started as ``python -m mnist_studio.worker.process ADDRESS``; it runs training,
  fine-tuning, evaluation batches and the Inside map's features, one job at a time, and streams their events;
- ``client``: ``KerasWorker``, the window's Qt-free handle on it (start, run a job, cancel, replace after a crash).
"""
