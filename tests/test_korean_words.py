"""Korean everywhere a class looks: every preset and its description, the file dialogs' filter, buttons that
do different things under different words; and "1 digit", not "1 digits", in English."""

from __future__ import annotations

import re

import pytest
from strokes import digit_strokes, replay

from mnist_studio.networks.models import PRESETS

HANGUL = re.compile("[\uac00-\ud7a3]")


def test_every_preset_and_its_description_is_korean(make_window):
    window = make_window(language="ko")
    form = window.train_tab.form
    combo = form.preset_combo
    for i in range(combo.count()):
        assert HANGUL.search(combo.itemText(i)) or combo.itemText(i).startswith(("MLP ", "CNN ")), combo.itemText(i)
        assert combo.itemText(i) != PRESETS[combo.itemData(i)].title or "(" not in combo.itemText(i)
    for name in ("softmax", "overfit-demo", "mlp-custom", "cnn-custom"):
        form.set_preset(name)
        assert HANGUL.search(combo.currentText()), combo.currentText()
        assert HANGUL.search(form.description.text()), form.description.text()


def test_the_overfitting_demo_says_how_many_images_it_learns_from():
    preset = PRESETS["overfit-demo"]
    assert f"{preset.subset:,} images" in preset.description  # the number the training-images field shows
    assert f"{preset.subset - preset.validation_size:,} to learn from" in preset.description


def test_file_filter_and_distinct_button_words_in_korean(make_window):
    window = make_window(language="ko")
    my = window.mydigits_tab
    assert HANGUL.search(my.file_filter()) and "*.npz" in my.file_filter()
    assert my.collect.next_button.text().split()[0] != my.set_view.save_button.text().split()[0]
    assert my.collect.clear_button.text().split()[0] != my.set_view.delete_button.text().split()[0]


def test_one_digit_is_singular(make_window, mnist):
    window = make_window()
    my = window.mydigits_tab
    my.collect.writer_edit.setText("Mina")
    x_test, y_test = mnist[1]
    digit = my.collect.current_digit()
    replay(my.collect.canvas, digit_strokes(x_test[int((y_test == digit).nonzero()[0][0])]))
    assert my.collect.accept()
    assert my.set_view.summary.text().startswith("1 digit (")


def test_qts_own_dialogs_and_buttons_follow_the_windows_language(make_window):
    """The file dialogs a class saves and opens with ("Look in", "File name", "Save") and the Yes/No of a question
    are Qt's own words: a Korean window loads Qt's Korean for them, and an English one drops it again. (Qt's Korean
    lacks two of the dialog's newer texts, "Look in" and "Files of type": the app's translation has them.)"""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    from mnist_studio.ui.look.i18n import qt_translator

    if qt_translator("ko") is None:
        pytest.skip("this Qt build ships no qtbase_ko translation")

    def dialog_words():
        dialog = QFileDialog(window, "", "", "*.png")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog a school laptop without a desktop
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)  # portal shows, and the one offscreen tests get
        words = [label.text() for label in dialog.findChildren(QLabel)
                 if label.objectName() in ("lookInLabel", "fileNameLabel", "fileTypeLabel")]
        words += [b.text() for b in dialog.findChildren(QDialogButtonBox)[0].buttons()]
        dialog.deleteLater()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No, window)
        words += [b.text() for b in buttons.buttons()]
        buttons.deleteLater()
        return words

    window = make_window(language="ko")
    korean = dialog_words()
    assert len(korean) == 7 and all(HANGUL.search(word) for word in korean), korean  # 3 labels, 2 buttons, yes, no
    window.set_language("en")
    english = dialog_words()
    assert {"&Look in:", "File &name:", "Files of &type:", "&Yes"} <= set(english), english
    assert not any(HANGUL.search(word) for word in english), english
