"""The Class tab's controls (network, port, open/close) and the join panel the back row reads: the address,
the QR code and the 4-digit join code, large."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from mnist_studio.ui.classroom.qr_widget import QrCodeView
from mnist_studio.ui.common.wrapped_label import WrappedLabel

LOOPBACK = "127.0.0.1"


class ControlBar(QWidget):
    """Which network the class listens on (the LAN address first), the port, and Open/Close."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classControls")
        self.network_label = QLabel(objectName="classNetworkLabel")
        self.network_choice = QComboBox(objectName="classNetwork")
        self.port_label = QLabel(objectName="classPortLabel")
        self.port_spin = QSpinBox(objectName="classPort")
        self.port_spin.setRange(0, 65535)
        from mnist_studio.classroom import default_port

        self.port_spin.setValue(default_port())
        self.open_button = QPushButton(objectName="openClassButton")
        self.close_button = QPushButton(objectName="closeClassButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.network_label)
        layout.addWidget(self.network_choice)
        layout.addWidget(self.port_label)
        layout.addWidget(self.port_spin)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)
        layout.addStretch(1)
        self.refresh_networks()

    def refresh_networks(self) -> None:
        """This computer's addresses, the LAN first; 127.0.0.1 (this computer only) last. Keeps the choice."""
        from mnist_studio.classroom import lan_addresses

        current = self.host() if self.network_choice.count() else None
        addresses = list(dict.fromkeys([*lan_addresses(), LOOPBACK]))
        self.network_choice.blockSignals(True)
        self.network_choice.clear()
        for address in addresses:
            self.network_choice.addItem(address, address)
        self._label_loopback()
        if current in addresses:
            self.network_choice.setCurrentIndex(addresses.index(current))
        self.network_choice.blockSignals(False)

    def _label_loopback(self) -> None:
        i = self.network_choice.findData(LOOPBACK)
        if i >= 0:
            self.network_choice.setItemText(i, self.tr("%1 (this computer only)").replace("%1", LOOPBACK))

    def host(self) -> str:
        return self.network_choice.currentData() or LOOPBACK

    def set_host(self, host: str) -> None:
        i = self.network_choice.findData(host)
        if i < 0:
            self.network_choice.addItem(host, host)
            i = self.network_choice.count() - 1
        self.network_choice.setCurrentIndex(i)

    def port(self) -> int:
        return self.port_spin.value()

    def set_open(self, is_open: bool) -> None:
        self.open_button.setVisible(not is_open)
        self.close_button.setVisible(is_open)
        self.network_choice.setEnabled(not is_open)
        self.port_spin.setEnabled(not is_open)
        if not is_open:
            self.refresh_networks()

    def retranslate(self) -> None:
        self.network_label.setText(self.tr("Network:"))
        self.network_choice.setToolTip(self.tr("The students' phones must be on this network (the school's "
                                               "Wi-Fi). 127.0.0.1 reaches this computer only."))
        self.port_label.setText(self.tr("Port:"))
        self.port_spin.setSpecialValueText(self.tr("any"))
        self.port_spin.updateGeometry()  # the text changes with the language: the layout asks its size again
        self.port_spin.setToolTip(self.tr("0: any free port"))
        self.open_button.setText(self.tr("Open the class"))
        self.open_button.setToolTip(self.tr("Let phones on this network join: nothing listens until you open it"))
        self.close_button.setText(self.tr("Close the class"))
        self.close_button.setToolTip(self.tr("End every connection; the digits stay here"))
        self._label_loopback()


class JoinPanel(QWidget):
    """Closed: what opening does. Open: the address, its QR code and the join code, sized for the back row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classJoin")
        self.title = QLabel(objectName="classJoinTitle")
        self.address = QLabel(objectName="classAddress")
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr = QrCodeView()
        self.code_title = QLabel(objectName="classCodeTitle")
        self.code = QLabel(objectName="classCode")
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.closed_note = WrappedLabel(objectName="classClosedNote")
        self.closed_note.setWordWrap(True)
        for label in (self.title, self.address, self.code_title, self.code):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.address)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.code_title)
        layout.addWidget(self.code)
        layout.addWidget(self.closed_note)
        layout.addStretch(0)
        self.url = ""
        self.show_closed()

    def show_open(self, url: str, join_url: str, code: str) -> None:
        self.url = url
        self.address.setText(url.removesuffix("/"))
        self.qr.set_text(join_url)
        self.code.setText(code)
        for w in (self.title, self.address, self.qr, self.code_title, self.code):
            w.show()
        self.closed_note.hide()

    def show_closed(self) -> None:
        self.url = ""
        self.qr.set_text("")
        for w in (self.title, self.address, self.qr, self.code_title, self.code):
            w.hide()
        self.closed_note.show()

    def set_text_px(self, px: int) -> None:
        """Sizes from the app font's pixel size: the address half again as large, the code four times."""
        for label, factor, bold in ((self.title, 1.0, False), (self.code_title, 1.0, False),
                                    (self.address, 1.5, True), (self.code, 4.0, True)):
            font = label.font()
            font.setPixelSize(int(px * factor))
            font.setBold(bold)
            label.setFont(font)

    def retranslate(self) -> None:
        self.title.setText(self.tr("On your phone, open"))
        self.code_title.setText(self.tr("Join code"))
        self.closed_note.setText(self.tr("The class is closed: nothing on this computer listens. Open it, and "
                                         "students join from the browser on their phones, on the same network "
                                         "as this computer - no app, no account."))
