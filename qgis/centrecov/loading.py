"""Loads centrecov's layers into the project when an algorithm finishes: each styled from the GeoPackage's
layer_styles table (centrecov writes a QGIS style per layer there), in a group per run and per scenario,
in the order the scenario file gives them."""

import os

from osgeo import ogr
from qgis.core import QgsLayerTreeGroup, QgsProcessingContext, QgsProcessingLayerPostProcessorInterface, QgsProject

RANK = "centrecov/rank"
# Drawn top to bottom: sites over reach areas over bands over the areas.
LAYER_ORDER = {"sites": 0, "near_misses": 1, "reach": 2, "bands": 3, "lsoa": 4, "postcodes": 5, "districts": 6}

# Processing takes the post-processors by pointer; their Python side must live as long as it may call them.
_alive = []


def _insert_ranked(parent, node, rank):
    """Inserts NODE into PARENT before the first child ranked after it."""
    node.setCustomProperty(RANK, rank)
    index = 0
    for child in parent.children():
        child_rank = child.customProperty(RANK)
        if child_rank is not None and int(child_rank) > rank:
            break
        index += 1
    parent.insertChildNode(index, node)


def _group(parent, name, rank):
    for child in parent.children():
        if isinstance(child, QgsLayerTreeGroup) and child.name() == name:
            return child
    group = QgsLayerTreeGroup(name)
    _insert_ranked(parent, group, rank)
    return parent.findGroup(name)


class StyleAndGroup(QgsProcessingLayerPostProcessorInterface):
    """Styles one layer from its GeoPackage (when it has a style there) and moves it into its group."""

    def __init__(self, groups, rank, styled):
        super().__init__()
        self.groups = groups  # [(name, rank)], outermost first
        self.rank = rank
        self.styled = styled

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        if self.styled:
            message, loaded = layer.loadDefaultStyle()
            if not loaded:
                feedback.pushWarning(f"{layer.name()}: no style in the GeoPackage ({message})")
            layer.triggerRepaint()
        project = context.project() or QgsProject.instance()
        root = project.layerTreeRoot()
        node = root.findLayer(layer.id())
        if node is None:
            return
        parent = root
        for name, rank in self.groups:
            parent = _group(parent, name, rank)
        moved = node.clone()
        _insert_ranked(parent, moved, self.rank)
        node.parent().removeChildNode(node)


def load_on_completion(context, uri, name, groups, rank, styled):
    processor = StyleAndGroup(groups, rank, styled)
    _alive.append(processor)
    details = QgsProcessingContext.LayerDetails(name, context.project() or QgsProject.instance(), name)
    details.setPostProcessor(processor)
    context.addLayerToLoadOnCompletion(uri, details)


def geopackage_layers(path):
    dataset = ogr.Open(path)
    if dataset is None:
        return []
    return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]


def load_scenario_layers(context, geopackage, scenarios, top):
    """Every layer of centrecov's GeoPackage: the scenarios' (in SCENARIOS' order, [(id, name)]) in a group
    each, the run-wide ones (districts, postcodes) beside them, all under the group TOP."""
    layers = set(geopackage_layers(geopackage)) - {"layer_styles"}
    loaded = 0
    for index, (scenario_id, scenario_name) in enumerate(scenarios):
        for kind, rank in LAYER_ORDER.items():
            name = f"{scenario_id}_{kind}"
            if name in layers:
                layers.discard(name)
                load_on_completion(context, f"{geopackage}|layername={name}", name,
                                   [(top, 0), (f"{scenario_name} ({scenario_id})", index)], rank, True)
                loaded += 1
    for name in sorted(layers):
        load_on_completion(context, f"{geopackage}|layername={name}", name, [(top, 0)],
                           len(scenarios) + LAYER_ORDER.get(name, len(LAYER_ORDER)), True)
        loaded += 1
    return loaded


def load_files(context, folder, names, top):
    """GeoJSON layers centrecov wrote into FOLDER (those present), in a group TOP; they carry no style."""
    loaded = 0
    for name in names:
        path = os.path.join(folder, name + ".geojson")
        if os.path.exists(path):
            load_on_completion(context, path, name, [(top, 0)], LAYER_ORDER.get(name, len(LAYER_ORDER)), False)
            loaded += 1
    return loaded
