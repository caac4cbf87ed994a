"""The Processing provider: the centrecov algorithms and the setting that finds the program."""

from qgis.core import QgsProcessingProvider

from .algorithms import GeocodeAlgorithm, OptimiseAlgorithm, RunAlgorithm, ScenariosAlgorithm
from .runner import BINARY_SETTING


class CentrecovProvider(QgsProcessingProvider):
    def id(self):
        return "centrecov"

    def name(self):
        return "centrecov"

    def longName(self):  # noqa: N802
        return "centrecov: reach of children's centres and family hubs"

    def load(self):
        # Processing's options dialog (Providers > centrecov) holds the program's path; qgis_process
        # loads the Processing plugin too, so the setting is there headless as well.
        from processing.core.ProcessingConfig import ProcessingConfig, Setting
        ProcessingConfig.addSetting(Setting(self.name(), BINARY_SETTING, "centrecov program (empty: the one on PATH)",
                                            "", valuetype=Setting.FILE))
        ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        from processing.core.ProcessingConfig import ProcessingConfig
        ProcessingConfig.removeSetting(BINARY_SETTING)

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in (RunAlgorithm(), ScenariosAlgorithm(), OptimiseAlgorithm(), GeocodeAlgorithm()):
            self.addAlgorithm(algorithm)
