"""centrecov in QGIS: a Processing provider that runs the centrecov program."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import CentrecovPlugin
    return CentrecovPlugin(iface)
