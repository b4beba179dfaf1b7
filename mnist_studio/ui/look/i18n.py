"""Languages: English (source) and Korean, through Qt's translation machinery (.ts -> .qm)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from mnist_studio.storage.paths import resources_dir

LANGUAGES = {"en": "English", "ko": "한국어"}

# Two texts of Qt's file dialog that Qt's own Korean lacks (Qt 6 gave them shortcut letters): the app's translation
# has them, and is asked before Qt's.
QT_WORDS_MISSING = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def translations_dir():
    return resources_dir() / "translations"


def system_language() -> str:
    name = QLocale.system().name()  # e.g. "ko_KR"
    return "ko" if name.startswith("ko") else "en"


def qt_translator(language: str) -> QTranslator | None:
    """Qt's own texts in ``language`` (the file dialog's "Look in", "File name", "Save"; the standard buttons), from
    the translations PySide6 ships; None where this Qt has none (those texts then stay in English)."""
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if folder and translator.load(f"qtbase_{language}", folder) else None


class Translations:
    """Installs one language at a time, application-wide (a second window, or a window made after another
    closed, starts from its own language, not the last one's); switching sends LanguageChange to every widget.
    A language is the app's own translator and Qt's (its dialogs and standard buttons)."""

    _installed: QTranslator | None = None  # the app's translator on the QApplication, whichever instance put it
    _qt: QTranslator | None = None  # Qt's own, beside it

    def __init__(self):
        self.language = "en"

    @property
    def translator(self) -> QTranslator | None:
        return Translations._installed

    def install(self, language: str) -> bool:
        app = QApplication.instance()
        for old in (Translations._installed, Translations._qt):
            if old is not None:
                app.removeTranslator(old)
        Translations._installed = Translations._qt = None
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
        Translations._qt = qt_translator(self.language)
        if Translations._qt is not None:
            app.installTranslator(Translations._qt)
        app.installTranslator(translator)  # the last installed is asked first: the app's words win
        Translations._installed = translator
        self._deliver()
        return True

    @staticmethod
    def _deliver() -> None:
        """Deliver the posted LanguageChange events now, so every widget shows the new language at once."""
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
