"""The monkey soak: a minute of random user actions on the real window (models loading in the background,
trainings and fine-tunes allowed), dialogs answered automatically; no uncaught exception, no Qt warning.

Deselect with ``-m "not soak"``; ``MONKEY_SEED=7`` picks another seed, ``MONKEY_SECONDS`` another length.
Long runs: ``python benchmarks/monkey.py --minutes 10``.
"""

import json
import os

import pytest

pytestmark = pytest.mark.soak

SEED = int(os.environ.get("MONKEY_SEED", "1"))
SECONDS = float(os.environ.get("MONKEY_SECONDS", "55"))


def _summary(report: dict) -> str:
    keep = {k: report[k] for k in ("seed", "actions", "action_counts", "dialogs_answered", "dialogs_stuck", "restarts",
                                   "oversized", "trainings", "finetunes", "python_warnings", "last_actions")}
    problems = [{k: e[k] for k in ("type", "message", "thread", "after")} | {"traceback": e["traceback"][-1500:]}
                for e in report["exceptions"]] + report["qt_warnings"]
    return json.dumps(problems, indent=1, ensure_ascii=False)[:8000] + "\n" + json.dumps(keep, ensure_ascii=False)


def test_a_minute_of_random_actions_raises_nothing_and_warns_nothing(qtbot, tmp_path, small_data, mnist,
                                                                     monkeypatch):
    from monkey import Monkey, Recorder

    from mnist_studio.runtime import backend

    monkeypatch.setattr(backend, "_FORBIDDEN", backend._FORBIDDEN)  # restored after the test
    backend.forbid_keras("the window keeps Keras in its worker process (as the app does)")
    from monkey_studio import Counters, extra_actions, make_files, open_window, prepare, restarter, settle

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))  # the save dialogs suggest a file there; a stray Enter accepts it
    files = make_files(tmp_path / "files")
    cwd = tmp_path / "cwd"  # the app's working directory: its own, as other test processes write into the clone
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    counters = Counters()
    with Recorder() as recorder:
        window = open_window(home, small_data, mnist[1])
        monkey = Monkey(window, SEED, tmp_path / "files", recorder, open_paths=files, prepare=prepare,
                        restart=restarter(home, small_data, mnist[1]), extra=extra_actions(files[0]))
        try:
            monkey.run(seconds=SECONDS, on_tick=counters)
        finally:
            monkey.close()
            closed = settle(monkey.window)
    report = monkey.report() | dict(counters)
    print(_summary(report))
    assert report["actions"] > 100, _summary(report)
    assert not report["exceptions"], _summary(report)
    assert not report["qt_warnings"], _summary(report)
    assert not report["dialogs_stuck"], _summary(report)
    assert closed, "the window did not close within 2 minutes of the run's end"
    written = set(cwd.iterdir())
    assert not written, f"the app wrote into its working directory: {sorted(map(str, written))}"
