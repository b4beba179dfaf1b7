"""Work off the UI thread: the one way to run a job on its own QThread (``jobs``: Job, JobThread, Jobs), and the
jobs that talk to the Keras worker process (``worker``: training, fine-tuning, evaluation, any worker job)."""
