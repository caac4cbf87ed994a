"""The plugin: registers the Processing provider, and nothing else (no menus, no toolbar)."""

from qgis.core import QgsApplication

from .provider import CentrecovProvider


class CentrecovPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS calls it; qgis_process too, without a GUI)
        if self.provider is None:
            self.provider = CentrecovProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
