"""Opens every layer of a centrecov GeoPackage in QGIS (PyQGIS, headless) and
checks that each comes styled from the file's layer_styles table: areas by a
graduated colour ramp, sites by fate with closed sites struck through, bands by
distance. Renders one scenario to a PNG for a person to look at.

Usage: python3 check_styles.py centrecov.gpkg out.png
Exit 0 when every check passes; prints one line per failure otherwise."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from osgeo import ogr  # noqa: E402
from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings,  # noqa: E402
                       QgsSimpleMarkerSymbolLayerBase, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402

path, picture = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
app.initQgis()
failures = []
dataset = ogr.Open(path)
names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
layers = {}
for name in names:
    if name == "layer_styles":
        continue
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        failures.append(f"{name}: QGIS cannot open it")
        continue
    message, loaded = layer.loadDefaultStyle()
    if not loaded:
        failures.append(f"{name}: no default style in the file ({message})")
        continue
    renderer = layer.renderer()
    expected = {"lsoa": "graduatedSymbol", "sites": "categorizedSymbol", "reach": "singleSymbol",
                "bands": "categorizedSymbol", "districts": "graduatedSymbol",
                "postcodes": "categorizedSymbol"}[name.rsplit("_", 1)[-1]]
    if renderer.type() != expected:
        failures.append(f"{name}: renderer {renderer.type()}, expected {expected}")
    if name.endswith("_lsoa") and len(renderer.ranges()) != 5:
        failures.append(f"{name}: {len(renderer.ranges())} colour classes, expected 5")
    if name.endswith("_sites"):
        # A dark cross over a wider white one, so that it shows on every fill.
        closed = [c for c in renderer.categories() if c.value() == "closed"]
        symbol = closed[0].symbol() if closed else None
        crosses = [symbol.symbolLayer(i) for i in range(symbol.symbolLayerCount())] if symbol else []
        if len(crosses) != 2 or any(m.shape() != QgsSimpleMarkerSymbolLayerBase.Cross2 for m in crosses):
            failures.append(f"{name}: closed sites are not drawn as a cross over a cross")
        elif crosses[0].strokeColor().name() != "#ffffff" or crosses[0].strokeWidth() <= crosses[1].strokeWidth():
            failures.append(f"{name}: the cross over a closed site has no wider white cross under it")
        elif crosses[1].strokeColor().name() != "#1a1a1a":
            failures.append(f"{name}: the cross over a closed site is {crosses[1].strokeColor().name()}, not dark")
    if layer.featureCount() <= 0:
        failures.append(f"{name}: no features")
    layers[name] = layer

scenario = next((n[:-len("_lsoa")] for n in layers if n.endswith("_lsoa") and "sept" in n), None)
scenario = scenario or next(n[:-len("_lsoa")] for n in layers if n.endswith("_lsoa"))
settings = QgsMapSettings()
shown = [layers[scenario + "_sites"], layers[scenario + "_lsoa"]]
settings.setLayers(shown)
settings.setDestinationCrs(shown[1].crs())
settings.setExtent(shown[1].extent())
settings.setOutputSize(QSize(1000, 700))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(picture, "png")
print(f"qgis: {len(layers)} layers opened styled; {len(failures)} problems; map of {scenario} in {picture}")
for failure in failures:
    print("FAILED:", failure)
sys.stdout.flush()
# PyQGIS may crash tearing down Qt objects at exit; the verdict is already made.
os._exit(1 if failures else 0)
