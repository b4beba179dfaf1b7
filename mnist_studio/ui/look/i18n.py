"""Languages: English (source) and Korean, through Qt's translation machinery (.ts -> .qm)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from mnist_studio.storage.paths import resources_dir

LANGUAGES = {"en": "English", "ko": "한국어"}


def translations_dir():
    return resources_dir() / "translations"


def system_language() -> str:
    name = QLocale.system().name()  # e.g. "ko_KR"
    return "ko" if name.startswith("ko") else "en"


class Translations:
    """Installs one QTranslator at a time, application-wide (a second window, or a window made after another
    closed, starts from its own language, not the last one's); switching sends LanguageChange to every widget."""

    _installed: QTranslator | None = None  # the one translator on the QApplication, whichever instance put it

    def __init__(self):
        self.language = "en"

    @property
    def translator(self) -> QTranslator | None:
        return Translations._installed

    def install(self, language: str) -> bool:
        app = QApplication.instance()
        if Translations._installed is not None:
            app.removeTranslator(Translations._installed)
            Translations._installed = None
        self.language = language if language in LANGUAGES else "en"
        if self.language == "en":
            self._deliver()
            return language == "en"
        from mnist_studio.ui.look.theme import register_fonts

        register_fonts(app)  # Hangul renders even with no CJK font installed (idempotent)
        translator = QTranslator()
        if not translator.load(str(translations_dir() / f"mnist_studio_{self.language}.qm")):
            self.language = "en"
            return False
        app.installTranslator(translator)
        Translations._installed = translator
        self._deliver()
        return True

    @staticmethod
    def _deliver() -> None:
        """Deliver the posted LanguageChange events now, so every widget shows the new language at once."""
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
