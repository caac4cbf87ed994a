"""Writes a centres layer from the project as the CSV centrecov reads (src/io/site_files.cpp):
id, name, district, street, locality, ward, postcode, host_site, duplicate_of (all required, any may be
empty but id and name), and easting, northing (British National Grid) where a centre's place is given;
any other column is carried through as an attribute."""

import csv

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProcessingException,
                       QgsWkbTypes)

ADDRESS_COLUMNS = ["id", "name", "district", "street", "locality", "ward", "postcode", "host_site", "duplicate_of"]
PLACE_COLUMNS = ["easting", "northing", "longitude", "latitude"]
BRITISH_NATIONAL_GRID = "EPSG:27700"


def _text(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_centres_csv(source, path, at_geometry, context, feedback):
    """SOURCE (a QgsProcessingFeatureSource) to PATH. With AT_GEOMETRY, a centre with a geometry is placed at it
    (as the coordinates a person gives); the others keep their own columns (postcode, address, coordinates)."""
    names = [field.name() for field in source.fields()]
    by_lower = {}
    for name in names:
        by_lower.setdefault(name.lower(), name)
    for needed in ("id", "name"):
        if needed not in by_lower:
            raise QgsProcessingException(
                f"centres layer: no '{needed}' field (fields: {', '.join(names) or 'none'}); centrecov needs an id "
                f"and a name for each centre, and a postcode, an address or a place to put it")
    use_geometry = at_geometry and source.wkbType() != QgsWkbTypes.NoGeometry
    if use_geometry and QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        raise QgsProcessingException("centres layer: its geometry is not points; give a point layer or a table")
    place_columns = [c for c in PLACE_COLUMNS if c in by_lower or (use_geometry and c in ("easting", "northing"))]
    known = set(ADDRESS_COLUMNS) | set(PLACE_COLUMNS) | {"fid"}
    carried = [name for name in names if name.lower() not in known]
    transform = None
    if use_geometry:
        transform = QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem(BRITISH_NATIONAL_GRID),
                                           context.transformContext())
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(ADDRESS_COLUMNS + place_columns + carried)
        for feature in source.getFeatures():
            if feedback.isCanceled():
                raise QgsProcessingException("cancelled while writing the centres")
            row = [_text(feature[by_lower[c]]) if c in by_lower else "" for c in ADDRESS_COLUMNS]
            place = {c: _text(feature[by_lower[c]]) if c in by_lower else "" for c in place_columns}
            geometry = feature.geometry()
            if use_geometry and not geometry.isNull() and not geometry.isEmpty():
                point = transform.transform(geometry.centroid().asPoint())
                place = {c: "" for c in place_columns}
                place["easting"], place["northing"] = f"{point.x():.2f}", f"{point.y():.2f}"
            row += [place[c] for c in place_columns]
            row += [_text(feature[name]) for name in carried]
            writer.writerow(row)
            count += 1
    if count == 0:
        raise QgsProcessingException("centres layer: it has no features")
    feedback.pushInfo(f"wrote the {count} centres of the layer to {path}"
                      + (" (placed at their geometry where they have one)" if use_geometry else ""))
    return path
