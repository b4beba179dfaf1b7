"""Storage: where the project's files live and how they are written (atomically, under safe names).

- ``paths``: the shipped resources and the user's data directory (``resources_dir``, ``user_data_dir``);
- ``setfiles``: file names in any script, safe on every OS (``safe_name``), atomic writes, new names never taken;
- ``runs``: a trained model plus its ``run.json`` record (``RunStore``, ``RunRecord``, the field table ``FIELDS``).
"""
