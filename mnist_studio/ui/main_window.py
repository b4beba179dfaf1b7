"""MainWindow: tabs Draw | Train | Evaluate | Inside | My digits | Class, toolbar, shortcuts, settings, start-up."""

from __future__ import annotations

import atexit
import gc
import weakref

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

from mnist_studio.storage.runs import RunStore
from mnist_studio.ui import class_link, session, window_actions
from mnist_studio.ui.backend_choice import BackendChoice
from mnist_studio.ui.background.jobs import Jobs, JobThread
from mnist_studio.ui.device_line import DeviceLine
from mnist_studio.ui.draw.draw_tab import DrawTab
from mnist_studio.ui.evaluate.evaluate_tab import EvaluateTab
from mnist_studio.ui.extra_panels import ExtraPanels
from mnist_studio.ui.help_overlay import HelpOverlay, shortcut_rows
from mnist_studio.ui.inside.inside_tab import InsideTab
from mnist_studio.ui.look import theme
from mnist_studio.ui.look.i18n import Translations
from mnist_studio.ui.model_loader import start_loading
from mnist_studio.ui.mydigits.mydigits_tab import MyDigitsTab
from mnist_studio.ui.train.train_tab import TrainTab

SHIPPED = {"mlp": "MLP", "cnn": "CNN"}
_LIVE: weakref.WeakSet = weakref.WeakSet()  # every window, for the exit hook below


@atexit.register
def _join_threads_at_exit() -> None:
    """A program that exits without closing its window (or without running the event loop) must not abort
    with "QThread: Destroyed while thread is still running": join every window's threads first."""
    for window in list(_LIVE):
        try:
            window.shutdown()
        except RuntimeError:  # its C++ side is already gone: so are its threads
            pass


class MainWindow(QMainWindow):
    modelsReady = Signal()  # every shipped model loaded (or failed)
    projectorChanged = Signal(bool)

    def __init__(self, settings: QSettings | None = None, store: RunStore | None = None, language: str | None = None,
                 train_data=None, test_data=None, model_sources: dict[str, str] | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.store = store if store is not None else RunStore()
        self.model_sources = dict(model_sources if model_sources is not None else {k: k for k in SHIPPED})
        self.translations = Translations()
        self.projector = False
        self._base_point_size = QApplication.font().pointSizeF()
        self._loader_thread: JobThread | None = None
        self._normal_geometry = None
        self._closing = False

        self.draw_tab = DrawTab()
        self.train_tab = TrainTab(store=self.store, data=train_data)
        self.evaluate_tab = EvaluateTab(store=self.store, data=test_data)
        self.inside_tab = InsideTab(test_data=test_data)
        self.tabs = QTabWidget(objectName="tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.draw_tab, "")
        self.tabs.addTab(self.train_tab, "")
        self.tabs.addTab(self.evaluate_tab, "")
        self.tabs.addTab(self.inside_tab, "")
        self.mydigits_tab = MyDigitsTab(store=self.store)
        self.tabs.addTab(self.mydigits_tab, "")
        self.class_tab = class_link.add_class_tab(self)
        self.setCentralWidget(self.tabs)
        for key, title in SHIPPED.items():
            if key in self.model_sources:
                self.draw_tab.add_panel(key, title)
        self.extra_panels = ExtraPanels(self.settings, self.draw_tab, self.inside_tab)
        self.help = HelpOverlay(self)
        self.device_status = DeviceLine()
        self.statusBar().addPermanentWidget(self.device_status)
        self.backend_choice = BackendChoice(self.settings)
        self.backend_choice.chosen.connect(self._backend_chosen)
        self.jobs = Jobs(self)  # worker jobs of the window itself (the devices of a newly chosen backend)
        self.statusBar().addPermanentWidget(self.backend_choice)

        window_actions.make_actions(self)
        window_actions.make_toolbar(self)

        self.train_tab.trained.connect(self._on_trained)
        self.train_tab.runningChanged.connect(self._on_running_changed)
        self.evaluate_tab.sendToDraw.connect(self.send_to_draw)
        self.mydigits_tab.finetuned.connect(self._on_finetuned)
        self.mydigits_tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.draw_tab.penWidthChanged.connect(lambda v: self.settings.setValue("penWidth", v))
        self.train_tab.panel.smoothingChanged.connect(lambda v: self.settings.setValue("chartSmoothing", v))
        self.train_tab.panel.learningLayoutChanged.connect(lambda name: self.settings.setValue("learningView", name))
        self.draw_tab.predicted.connect(lambda: self.inside_tab.set_input(self.draw_tab.model_image()))
        self.inside_tab.attach_drawing(self.draw_tab.drawing())  # one drawing, two views
        self.train_tab.attach_drawing(self.draw_tab.drawing())  # the network being trained reads it too

        self._restore_settings(language)
        self.extra_panels.restore()
        session.restore_digit_set(self)
        # Connected after the restore: reopening on the Evaluate tab evaluates once the models are ready
        # (see _start_loader), never inside the constructor.
        self.tabs.currentChanged.connect(self._tab_changed)
        self.retranslate()
        QApplication.instance().aboutToQuit.connect(self.shutdown)
        _LIVE.add(self)

    # -- start-up --------------------------------------------------------------------------------
    def start_background_work(self, preload_delay_s: float = 0.0) -> None:
        """After the first paint: the models from their archives (no TensorFlow), then TensorFlow and Keras
        on a QThread after ``preload_delay_s`` (sooner when the Train tab is opened)."""
        self._preload_delay_s = preload_delay_s
        QTimer.singleShot(0, self._start_loader)

    def loader(self):
        """The background model loader's thread (a ``JobThread``), None until it has started."""
        return self._loader_thread

    def _start_loader(self) -> None:
        if self._loader_thread is not None or not self.model_sources or self._closing:
            return
        self._loader_thread = start_loading(self, self.model_sources, self.model_loaded, self._on_model_failed,
                                            self._on_models_done, getattr(self, "_preload_delay_s", 0.0),
                                            on_devices=self._on_devices, on_worker_failed=self._on_worker_failed)
        self.draw_tab.strokeChanged.connect(self._loader_thread.job.postpone)  # no TensorFlow import mid-stroke
        if self.tabs.currentWidget() is self.evaluate_tab:  # reopened on Evaluate: evaluate once TensorFlow is up
            self.modelsReady.connect(self._evaluate_restored_tab, Qt.ConnectionType.SingleShotConnection)

    def _evaluate_restored_tab(self) -> None:
        if self.tabs.currentWidget() is self.evaluate_tab and not self._closing:
            self._tab_changed(self.tabs.currentIndex())

    def model_loaded(self, key: str, predictor) -> None:
        self.draw_tab.set_predictor(key, predictor, SHIPPED.get(key, key))
        self.evaluate_tab.set_predictor(f"shipped:{key}", predictor)
        self.inside_tab.set_predictor(key, predictor, SHIPPED.get(key, key))
        self.mydigits_tab.set_predictor(key, predictor, SHIPPED.get(key, key))
        self.class_tab.set_predictor(key, predictor, SHIPPED.get(key, key))  # the phones' live answers (numpy)

    def _on_model_failed(self, key: str, message: str) -> None:
        self.draw_tab.set_model_error(key, message)
        self.inside_tab.set_model_error(key, message)
        self.statusBar().showMessage(message, 10000)

    def _on_models_done(self) -> None:
        if self._closing:  # queued by a loader that ended as the window closed: start nothing more
            return
        self.inside_tab.prefetch()  # the worker is up: the maps now take one compiled pass each
        # The start-up objects (modules, widgets, the models' arrays) live as long as the window: frozen, a full
        # garbage collection during a lesson no longer walks them (27-93 ms measured, mid-run; ~0 ms frozen).
        # Once per process: a second window's objects (tests open many) stay collectable. Collected first, so no
        # garbage of the start-up is frozen for good (one full pass, once, when the models arrive).
        if gc.get_freeze_count() == 0:
            gc.collect()
            gc.freeze()
        self.modelsReady.emit()

    def _on_devices(self, info: dict) -> None:
        """The Keras worker is up: its backend's devices (GPUs first)."""
        if self._closing:  # queued by a loader that ended as the window closed: no warm-up after the close
            return
        devices = list(info.get("devices") or [])
        if devices:
            self.train_tab.set_tf_ready(devices)
            self.device_status.set_device(devices[0])
            self.train_tab.warm_up.new_worker()  # its networks traced before the first click (ui.train.warm_up)

    def _on_worker_failed(self, message: str) -> None:
        self.device_status.set_problem(message)  # Keras cannot start in the worker: say why, keep drawing
        self.statusBar().showMessage(message, 15000)

    def _backend_chosen(self, name: str) -> None:
        """Another Keras backend: the worker is replaced (now, or after its running job); no restart."""
        from mnist_studio.ui.background.worker import WorkerJob, keras_worker

        keras_worker().set_backend(name)
        self.statusBar().showMessage(self.backend_choice.message_for(name), 10000)
        self.device_status.reset()
        job = WorkerJob("devices")
        job.done.connect(self._on_devices)
        job.failed.connect(self._on_worker_failed)
        self.jobs.start(job)

    # -- training results ----------------------------------------------------------------------------
    def _on_trained(self, run) -> None:
        result, predictor, record = run.result, run.predictor, run.record
        if predictor is not None and result.status != "failed":
            acc = f" · {result.evaluation.accuracy:.1%}" if result.evaluation is not None else ""
            self.extra_panels.add("trained", predictor, ("Your %1", result.config.preset, acc))
        self.evaluate_tab.refresh_models()
        if record is not None:
            self.evaluate_tab.add_result(f"run:{record.id}", result.evaluation, predictor)

    def _on_finetuned(self, run) -> None:
        """A model fine-tuned in My digits: hot-swap it into the Draw tab, list its run in Evaluate."""
        result, predictor, record = run.result, run.predictor, run.record
        if predictor is not None:
            acc = f" · {result.after.accuracy:.0%}" if result.after is not None else ""
            self.extra_panels.add("mydigits", predictor, ("%1 + you", result.preset.upper(), acc))
        self.evaluate_tab.refresh_models()
        if record is not None:
            self.evaluate_tab.add_result(f"run:{record.id}", result.mnist_after, predictor)

    def _on_running_changed(self, running: bool) -> None:
        self.act_train.setEnabled(not running)
        self.inside_tab.hold_maps(running)  # the Keras worker is the training's while it runs
        self.draw_tab.hold_checks(running)  # and the cores too: a new model's check is fitted after

    def send_to_draw(self, image, index: int | None = None, label: int | None = None) -> None:
        """A test image from Evaluate: large on the Draw tab's canvas, named there and in the Inside tab."""
        self.draw_tab.show_sample(image, index, label)
        self.tabs.setCurrentWidget(self.draw_tab)

    def _tab_changed(self, index: int) -> None:
        self.settings.setValue("lastTab", index)
        tab = self.tabs.widget(index)
        if tab in (self.train_tab, self.mydigits_tab) and self._loader_thread is not None:
            self._loader_thread.job.wake()  # Train and My digits need TensorFlow: stop waiting for the preload delay
        if tab is self.evaluate_tab and self.evaluate_tab.result() is None and not self.evaluate_tab.is_busy():
            self.evaluate_tab.evaluate_current()

    # -- look: projector, theme, language ------------------------------------------------------------
    def set_projector_mode(self, on: bool) -> None:
        on = bool(on)
        if self.act_projector.isChecked() != on:
            self.act_projector.setChecked(on)  # re-enters through toggled
            return
        if on == self.projector:
            return
        self.projector = on
        if on:
            self._normal_geometry = self.saveGeometry()
            self.showFullScreen()
        else:
            self.showNormal()
            if self._normal_geometry is not None:
                self.restoreGeometry(self._normal_geometry)
        self._apply_look()
        self.projectorChanged.emit(on)

    def set_theme(self, name: str) -> None:
        self.theme_name = name if name in theme.THEMES else "system"
        self.theme_actions[self.theme_name].setChecked(True)
        self.settings.setValue("theme", self.theme_name)
        self._apply_look()

    def _apply_look(self) -> None:
        app = QApplication.instance()
        theme.apply(app, self.theme_name, self.projector, self._base_point_size)
        scale = theme.PROJECTOR_SCALE if self.projector else 1.0
        dark = theme.is_dark(app.palette())
        self.train_tab.set_style(scale, dark)
        self.evaluate_tab.set_style(scale, dark)
        self.draw_tab.set_projector(self.projector)
        self.inside_tab.set_projector(self.projector)
        self.mydigits_tab.set_style(scale, dark)
        self.class_tab.set_style(scale, dark)
        self.toolbar.setVisible(True)

    def set_language(self, code: str) -> None:
        if not self.translations.install(code):
            self.statusBar().showMessage(self.tr("Translation files for %1 are missing.").replace("%1", code), 8000)
        self.language_actions[self.translations.language].setChecked(True)
        self.settings.setValue("language", self.translations.language)

    def language(self) -> str:
        return self.translations.language

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("MNIST Studio"))
        for tab, title, tip in (
                (self.draw_tab, self.tr("Draw"), self.tr("Draw a digit and see what the models think (Ctrl+1)")),
                (self.train_tab, self.tr("Train"), self.tr("Train an MLP or a CNN and watch it learn (Ctrl+2)")),
                (self.evaluate_tab, self.tr("Evaluate"), self.tr("See where and why a model fails (Ctrl+3)")),
                (self.inside_tab, self.tr("Inside"),
                 self.tr("See what every layer does with your drawing, and why (Ctrl+4)")),
                (self.mydigits_tab, self.tr("My digits"),
                 self.tr("Collect your handwriting, score the models, teach one your hand (Ctrl+5)"))):
            self.tabs.setTabText(self.tabs.indexOf(tab), title)
            self.tabs.setTabToolTip(self.tabs.indexOf(tab), tip)
        self.act_projector.setText(self.tr("Projector mode"))
        self.act_projector.setToolTip(self.tr("Full screen, large and high-contrast (F11)"))
        self.act_help.setText(self.tr("Shortcuts"))
        self.act_help.setToolTip(self.tr("Keyboard shortcuts (F1 or ?)"))
        for name, label in (("system", self.tr("System theme")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            self.theme_actions[name].setText(label)
        self.extra_panels.retranslate()
        class_link.retranslate(self)
        self.help.set_rows(self.tr("Keyboard shortcuts"), class_link.shortcut_rows(shortcut_rows()),
                           self.tr("Press any key to close"))
        self.device_status.retranslate()

    def show_help(self) -> None:
        self.help.show_over_parent()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.help.isVisible():
            self.help.setGeometry(self.rect())

    # -- settings --------------------------------------------------------------------------------
    def _restore_settings(self, language: str | None) -> None:
        session.restore(self, language)
        self._apply_look()

    def shutdown(self) -> None:
        """Stop every background job and join its thread: on close, when the application quits, and at
        interpreter exit for a window nobody closed (Qt aborts the process when a running QThread is
        destroyed). A run still training is stopped and its partial model kept (unless discarded)."""
        self._closing = True  # a loader not started yet never starts
        # Release the training-time holds first: a held fit or map would never end, and the joins below wait.
        self.draw_tab.hold_checks(False)
        self.inside_tab.hold_maps(False)
        self.train_tab.shutdown(timeout_ms=120000)
        self.evaluate_tab.shutdown()
        self.inside_tab.shutdown()
        self.mydigits_tab.shutdown()
        self.class_tab.shutdown()  # the class server stops listening and closes every phone's connection
        self.jobs.shutdown()
        if self._loader_thread is not None:
            # A check in the worker is given up at once; Keras' start there cannot be interrupted, and it always
            # ends (a few seconds at most): wait for it, so that no QThread outlives its window.
            self._loader_thread.shutdown(timeout_ms=None)

    def saved_projector_mode(self) -> bool:
        """Was the last session in projector mode? (``app.open_window`` turns it back on once the window shows.)"""
        return session.saved_projector_mode(self.settings)

    def restore_geometry(self) -> None:
        session.restore_geometry(self)

    def closeEvent(self, event):
        """Stop training and evaluation, join their threads, remember the window."""
        # Mid-run: ask (keep the partial model / discard / cancel). While the run stops and saves, the window
        # stays open and closes itself once the thread has ended: Qt never destroys a running QThread.
        if not self.train_tab.request_close(self.close) or not self.train_tab.shutdown():
            event.ignore()
            return
        self.shutdown()
        session.remember(self)
        if self.projector:  # the projector font is application-wide: give the next window the normal size back
            font = QApplication.font()
            font.setPointSizeF(self._base_point_size)
            QApplication.setFont(font)
        self.settings.sync()
        super().closeEvent(event)
