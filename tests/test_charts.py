import numpy as np
from PIL import Image

from mnist_studio.ui.common.charts import TrainingChart, _nice_ceiling


def test_live_updates_blit_lines_and_rarely_redraw_everything(qtbot):
    chart = TrainingChart()
    qtbot.addWidget(chart)
    chart.resize(800, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.reset(epochs=3)
    full_before = chart.full_redraws
    for i in range(300):  # a run's worth of batch updates, flushed at the timer's rate
        chart.add_batch(i / 100, 2.0 * np.exp(-i / 60) + 0.05, 1 - 0.9 * np.exp(-i / 50))
        if i % 10 == 9:
            chart._flush()
    chart.add_epoch(1, 0.3, 0.93)
    chart._flush()
    assert chart.redraws >= 30
    assert chart.full_redraws - full_before <= 6  # axis limits only widen a few times
    assert list(chart.ax_loss.get_xlim()) == [0, 3]
    assert chart.ax_acc.get_ylim()[1] == 1.0
    assert len(chart.l_train_loss.get_xdata()) == 300 and len(chart.l_val_acc.get_xdata()) == 1


def test_export_png_contains_the_curves(qtbot, tmp_path):
    chart = TrainingChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.reset(epochs=1)
    for i in range(50):
        chart.add_batch(i / 50, 1.0 - i / 60, 0.5 + i / 110)
    chart.add_epoch(1, 0.2, 0.95)
    out = tmp_path / "chart.png"
    chart.export_png(str(out))
    pixels = np.asarray(Image.open(out).convert("RGB")).reshape(-1, 3).astype(int)
    blue = ((abs(pixels[:, 0] - 0x2F) < 30) & (abs(pixels[:, 1] - 0x7E) < 30) & (abs(pixels[:, 2] - 0xD8) < 30))
    orange = ((abs(pixels[:, 0] - 0xE4) < 30) & (abs(pixels[:, 1] - 0x57) < 30) & (abs(pixels[:, 2] - 0x2E) < 30))
    assert blue.sum() > 200 and orange.sum() > 20
    assert chart.l_train_loss.get_animated()  # back to blitting after the export


def test_nice_ceiling():
    assert _nice_ceiling(0.37) == 0.5
    assert _nice_ceiling(2.3) == 2.5
    assert _nice_ceiling(7) == 10
    assert _nice_ceiling(0) == 1.0 and _nice_ceiling(float("nan")) == 1.0
