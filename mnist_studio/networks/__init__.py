"""Networks: what a model is, how it is trained, scored and fine-tuned. Keras is imported only inside functions.

- ``architectures``: every network as a list of layer specs (``build`` with Keras, ``describe`` without);
- ``models``: the presets and the custom architectures a user types (``PRESETS``, ``parse_layers``, ``estimate``);
- ``train_config``: what a run is asked to do and what it reports (``TrainConfig``, ``BatchEvent``, ``EpochEvent``,
  ``PhaseEvent``);
- ``trainingdata``: the seeded stratified hold-out, the live views' balanced slice and the batch feeder;
- ``training``: the ``Trainer`` (Keras ``fit`` with callbacks, throttled events, cancel) and its ``TrainResult``;
  ``progress``: its Keras callback (events, history, keep-best; the live views' snapshots by ``learning.recorder``);
- ``evaluation``: one batched pass over a test set (``evaluate`` -> ``EvalResult``);
- ``finetune`` and ``finetune_split``: fine-tuning on someone's own handwriting, scored on digits it never saw.

Training runs in the Keras worker process (``mnist_studio.worker``); its events reach the window as messages.
"""
