"""The centrecov Processing provider inside QGIS (PyQGIS, headless), as an analyst uses it from the Toolbox:
each algorithm is run with a Processing context and feedback, its results handled by Processing's own
post-processing (which loads the layers into the project), and what the analyst then sees is checked
against what the centrecov program writes by itself for the same options.

Usage: python3 check_provider.py PLUGINS_DIR CENTRECOV SOURCE_DIR WORK_DIR STUDY DATA SCENARIO_FILE DRAWS FORMATS
                                   [CHECKS]
Runs `scenarios` (with FORMATS, e.g. csv,gpkg,html) and `run` on one study and checks:
 - progress reaches Processing's feedback as percentages, stage by stage;
 - every layer loads valid, styled from the GeoPackage's layer_styles, in a group per scenario in the file's
   order, and its figures equal the CSV files centrecov wrote beside it; the report is the HTML output;
and, as CHECKS (comma-separated) asks:
 - cli: `run`'s files equal those of the CLI run directly with the same options, byte for byte;
 - cancel: Cancel stops centrecov mid-way and leaves the output folder exactly as it was;
 - bad: a bad parameter fails the algorithm with centrecov's own message in the log;
 - centres: a centres layer from the project (a table, and points) reaches centrecov as the CSV it reads.
Exit 0 when every check passes; prints one line per failure otherwise."""

import csv
import hashlib
import os
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from osgeo import ogr  # noqa: E402
from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsLayerTreeGroup, QgsLayerTreeLayer,  # noqa: E402
                       QgsPointXY, QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer)
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

plugins, centrecov, source, work, study, data, scenario_file = sys.argv[1:8]
draws, formats = sys.argv[8], sys.argv[9]
checks = set(sys.argv[10].split(",")) if len(sys.argv) > 10 else set()
app = QgsApplication([], True)
app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
from processing.core.Processing import Processing  # noqa: E402
from processing.core.ProcessingConfig import ProcessingConfig  # noqa: E402
from processing.gui.Postprocessing import handleAlgorithmResults  # noqa: E402

Processing.initialize()
sys.path.insert(0, plugins)
import centrecov as plugin_package  # noqa: E402  (the plugin as installed from the zip)

plugin = plugin_package.classFactory(None)
plugin.initProcessing()
ProcessingConfig.setSettingValue("CENTRECOV_BINARY", centrecov)
failures = []
timings = []


def check(condition, message):
    if not condition:
        failures.append(f"{study}: {message}")
    return condition


class Recorder(QgsProcessingFeedback):
    """Keeps what an algorithm tells the analyst; cancels when `cancel_when(self)` says so."""

    def __init__(self, cancel_when=None):
        super().__init__()
        self.progress = []  # (stage, percent)
        self.stage = None
        self.errors, self.infos = [], []
        self.cancel_when = cancel_when
        self.progressChanged.connect(self.on_progress)

    def setProgressText(self, text):  # noqa: N802
        self.stage = text
        super().setProgressText(text)

    def on_progress(self, percent):
        self.progress.append((self.stage, percent))
        if self.cancel_when and not self.isCanceled() and self.cancel_when(self):
            self.cancel()

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


def run_algorithm(name, parameters, feedback=None):
    """Runs centrecov:NAME as the Toolbox does and loads its results into the project."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"centrecov:{name}")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = feedback or Recorder()
    started = time.monotonic()
    results, ok = algorithm.run(parameters, context, feedback)
    timings.append(f"{name} {time.monotonic() - started:.1f} s")
    if ok:
        handleAlgorithmResults(algorithm, context, feedback)
    return results, ok, feedback


def run_cli(arguments):
    completed = subprocess.run([centrecov, "--quiet"] + arguments, capture_output=True, text=True)
    return completed


def folder_state(folder):
    """Every file under FOLDER (hidden ones too) with a hash of its bytes."""
    state = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                state[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return state


def same_files(ours, theirs, names, what):
    for name in names:
        with open(os.path.join(ours, name), "rb") as a, open(os.path.join(theirs, name), "rb") as b:
            check(a.read() == b.read(), f"{what}: {name} differs from the CLI's own")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def same_value(layer_value, csv_text):
    """A GeoPackage value against the CSV's text of it (numbers compared as numbers)."""
    if layer_value is None or (hasattr(layer_value, "isNull") and layer_value.isNull()):
        return csv_text == ""
    if isinstance(layer_value, (int, float)) and not isinstance(layer_value, bool):
        try:
            return abs(float(csv_text) - float(layer_value)) <= 1e-9 * max(1.0, abs(float(layer_value)))
        except ValueError:
            return False
    # The CSV guards a text cell a spreadsheet would take for a formula with an apostrophe; the layer does not.
    guarded = len(csv_text) > 1 and csv_text[0] == "'" and csv_text[1] in "=+-@\t\r"
    return str(layer_value) == (csv_text[1:] if guarded else csv_text)


def check_figures(layer, rows, key, what):
    """LAYER's attributes equal the CLI's CSV ROWS, row for row by KEY, in every column both have."""
    fields = [f.name() for f in layer.fields()]
    columns = [c for c in rows[0] if c in fields] if rows else []
    check(key in columns and len(columns) >= 3, f"{what}: shares only {columns} with its CSV")
    by_key = {row[key]: row for row in rows}
    seen = 0
    wrong = []
    for feature in layer.getFeatures():
        row = by_key.get(str(feature[key]))
        if row is None:
            wrong.append(f"{feature[key]} is not in the CSV")
            continue
        seen += 1
        wrong += [f"{feature[key]}.{c}: {str(feature[c])[:60]} != {row[c][:60]}" for c in columns
                  if not same_value(feature[c], row[c])]
    check(seen == len(rows), f"{what}: {seen} features match the CSV's {len(rows)} rows")
    check(not wrong, f"{what}: differs from the CLI's CSV: {wrong[:5]}")


def stored_styles(geopackage):
    dataset = ogr.Open(geopackage)
    table = dataset.GetLayerByName("layer_styles")
    styles = {feature.GetField("f_table_name"): feature.GetField("styleQML") for feature in table}
    del table, dataset
    return styles


def check_styled(layer, uri, qml, what):
    """LAYER draws exactly as the style stored for it in the GeoPackage says (not QGIS's default)."""
    reference = QgsVectorLayer(uri, "reference", "ogr", QgsVectorLayer.LayerOptions(False))
    document = QDomDocument()
    document.setContent(qml)
    imported, message = reference.importNamedStyle(document)
    check(imported, f"{what}: its stored style does not import ({message})")
    plain = QgsVectorLayer(uri, "plain", "ogr", QgsVectorLayer.LayerOptions(False))
    check(reference.renderer().dump() != plain.renderer().dump(), f"{what}: its stored style is QGIS's default")
    check(layer.renderer().dump() == reference.renderer().dump(),
          f"{what}: loaded with {layer.renderer().type()}, not the GeoPackage's style")


def check_progress(feedback, what):
    """Each stage's progress reached the feedback as percentages along the way, not only at its ends."""
    stages = {stage for stage, _ in feedback.progress if stage}
    check(len(stages) >= 2, f"{what}: progress named {len(stages)} stages: {sorted(stages)}")
    percents = [p for _, p in feedback.progress]
    check(all(0 <= p <= 100 for p in percents), f"{what}: a progress outside 0-100 %")
    between = {p for p in percents if 0 < p < 100}
    check(len(between) >= 10, f"{what}: only {sorted(between)} between 0 and 100 %")
    check(100 in percents, f"{what}: progress never reached 100 %")


def group_children(group):
    return [(child.name(), child) for child in group.children()]


common = ["--data", data, "--draws", draws]

# --- scenarios ------------------------------------------------------------------------------------------
out = os.path.join(work, f"{study}-scenarios")
all_formats = ["geojson", "csv", "gpkg", "html"]
results, ok, feedback = run_algorithm("scenarios", {
    "SCENARIO_FILE": scenario_file, "STUDY": study, "DATA": data, "DRAWS": int(draws), "OUTPUT": out,
    "FORMATS": [all_formats.index(f) for f in formats.split(",")]})
if check(ok, f"scenarios failed: {feedback.errors[-3:]}"):
    check_progress(feedback, "scenarios")
    if "html" in formats:
        check(results.get("REPORT") == os.path.join(out, "report.html") and os.path.exists(results["REPORT"]),
              f"scenarios: the report output is {results.get('REPORT')}")
    check(os.path.exists(os.path.join(out, "report.html")) == ("html" in formats), "scenarios: FORMATS not obeyed")
    scenarios = read_csv(os.path.join(out, "comparison.csv"))
    geopackage = results.get("GEOPACKAGE", "")
    styles = stored_styles(geopackage)
    package = ogr.Open(geopackage)  # kept open: its layers die with it
    root = QgsProject.instance().layerTreeRoot()
    tops = [node for node in root.children() if node.name().startswith("centrecov scenarios:")]
    if check(len(tops) == 1, f"scenarios: {len(tops)} top groups, expected one"):
        names = [name for name, node in group_children(tops[0]) if isinstance(node, QgsLayerTreeGroup)]
        expected = [f"{s['name']} ({s['id']})" for s in scenarios]
        check(names == expected, f"scenarios: groups {names}, expected the file's order {expected}")
        loaded = 0
        for scenario in scenarios:
            group = tops[0].findGroup(f"{scenario['name']} ({scenario['id']})")
            if not check(group is not None, f"no group for scenario {scenario['id']}"):
                continue
            kinds = [name[len(scenario["id"]) + 1:] for name, _ in group_children(group)]
            check(kinds == ["sites", "reach", "bands", "lsoa"], f"{scenario['id']}: layers {kinds} in its group")
            for name, node in group_children(group):
                layer = node.layer() if isinstance(node, QgsLayerTreeLayer) else None
                if not check(layer is not None and layer.isValid(), f"{name}: not a valid layer"):
                    continue
                loaded += 1
                uri = f"{geopackage}|layername={name}"
                check(name in styles, f"{name}: no style in layer_styles")
                if name in styles:
                    check_styled(layer, uri, styles[name], name)
                reference = package.GetLayerByName(name).GetFeatureCount()
                check(layer.featureCount() == reference and reference > 0,
                      f"{name}: {layer.featureCount()} features loaded, the GeoPackage has {reference}")
                folder = os.path.join(out, scenario["id"])
                if name.endswith("_lsoa"):
                    check_figures(layer, read_csv(os.path.join(folder, "lsoa.csv")), "lsoa11cd", name)
                if name.endswith("_sites"):
                    check_figures(layer, read_csv(os.path.join(folder, "sites.csv")), "id", name)
        run_wide = [name for name, node in group_children(tops[0]) if isinstance(node, QgsLayerTreeLayer)]
        in_package = [package.GetLayer(i).GetName() for i in range(package.GetLayerCount())]
        check(loaded + len(run_wide) == len(in_package) - 1 == results.get("LAYERS"),
              f"scenarios: {loaded} scenario layers and {run_wide} loaded, the GeoPackage has {len(in_package) - 1}")
        for name in run_wide:
            layer = QgsProject.instance().mapLayersByName(name)[0]
            check(layer.isValid(), f"{name}: not valid")
            if check(name in styles, f"{name}: no style in layer_styles"):
                check_styled(layer, f"{geopackage}|layername={name}", styles[name], name)

if "cancel" in checks and ok:
    # --- Cancel: a second run into the same folder, stopped mid-way, leaves it as the first left it -------
    before = folder_state(out)
    cancelled = Recorder(cancel_when=lambda f: len(f.progress) >= 3)
    started = time.monotonic()
    results, ok, cancelled = run_algorithm("scenarios", {"SCENARIO_FILE": scenario_file, "STUDY": study,
                                                         "DATA": data, "DRAWS": int(draws) + 1, "OUTPUT": out},
                                           cancelled)
    check(not ok, "a cancelled scenarios run succeeded")
    check(cancelled.isCanceled() and len(cancelled.progress) >= 3, "the run was not cancelled mid-way")
    check(any("cancelled" in e for e in cancelled.errors), f"no word of the cancel in the log: {cancelled.errors}")
    check(folder_state(out) == before, "Cancel changed the output folder")

# --- run ------------------------------------------------------------------------------------------------
out = os.path.join(work, f"{study}-run")
results, ok, feedback = run_algorithm("run", {"STUDY": study, "DATA": data, "DRAWS": int(draws), "OUTPUT": out})
if "cli" in checks:
    cli_out = os.path.join(work, f"{study}-run-cli")
    cli = run_cli(["run", "--study", study, "--out", cli_out] + common)
    if check(cli.returncode == 0, f"the CLI's own run failed: {cli.stderr[-500:]}") and ok:
        same_files(out, cli_out, ["summary.csv", "summary.json", "summary.md", "lsoa.csv", "sites.csv"], "run")
if check(ok, f"run failed: {feedback.errors[-3:]}"):
    check_progress(feedback, "run")
    check(results.get("SUMMARY") == os.path.join(out, "summary.md"), f"run: summary output {results.get('SUMMARY')}")
    root = QgsProject.instance().layerTreeRoot()
    tops = [node for node in root.children() if node.name().startswith("centrecov run:")]
    if check(len(tops) == 1, f"run: {len(tops)} top groups, expected one"):
        names = [name for name, _ in group_children(tops[0])]
        expected = [n for n in ("sites", "near_misses", "lsoa") if os.path.exists(os.path.join(out, n + ".csv"))]
        check(names == expected, f"run: layers {names}, expected {expected}")
        for name, node in group_children(tops[0]):
            layer = node.layer()
            if check(layer is not None and layer.isValid(), f"run: {name} is not a valid layer"):
                key = {"lsoa": "lsoa11cd", "sites": "id"}.get(name)
                if key:
                    check_figures(layer, read_csv(os.path.join(out, name + ".csv")), key, f"run {name}")

# --- a bad parameter: centrecov's own message, and the algorithm fails ----------------------------------
bad = "1600,a-mile"
if "bad" in checks:
    results, ok, feedback = run_algorithm("run", {"STUDY": study, "DATA": data, "THRESHOLDS": bad, "DRAWS": 0,
                                                  "OUTPUT": os.path.join(work, f"{study}-bad")})
    cli = run_cli(["run", "--study", study, "--data", data, "--thresholds", bad, "--out", os.path.join(work, "bad-cli")])
    message = cli.stderr.strip().splitlines()[0] if cli.stderr.strip() else ""
    message = message[len("error: "):] if message.startswith("error: ") else message
    check(cli.returncode == 2 and message, f"the CLI accepted --thresholds {bad} (exit {cli.returncode})")
    check(not ok, f"run with THRESHOLDS={bad} succeeded")
    check(any(message in e for e in feedback.errors),
          f"centrecov's message '{message}' is not in the log: {feedback.errors}")
    check(not os.path.exists(os.path.join(work, f"{study}-bad", "summary.md")), "a failed run wrote its summary")

# --- centres from the project: a table with addresses, then points --------------------------------------
if "centres" in checks:
    cli = run_cli(["geocode", "--study", study, "--data", data, "--out", os.path.join(work, f"{study}-geocode-cli")])
    check(cli.returncode == 0, f"the CLI's own geocode failed: {cli.stderr[-500:]}")
    cli_sites = read_csv(os.path.join(work, f"{study}-geocode-cli", "sites.csv"))
    centres = [row for row in cli_sites if row["kind"] == "centre"]
    address = ["district", "street", "locality", "ward", "postcode", "host_site"]
    table = QgsVectorLayer("None?field=id:string&field=name:string&" + "&".join(f"field={c}:string" for c in address),
                           "my centres", "memory")
    points = QgsVectorLayer("Point?crs=EPSG:27700&field=id:string&field=name:string", "my points", "memory")
    placed = [row for row in centres if row["easting"]]
    for row in centres:
        feature = QgsFeature(table.fields())
        feature.setAttributes([row["id"], row["name"]] + [row[c].lstrip("'") for c in address])
        table.dataProvider().addFeature(feature)
    for row in placed:
        feature = QgsFeature(points.fields())
        feature.setAttributes([row["id"], row["name"]])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(row["easting"]), float(row["northing"]))))
        points.dataProvider().addFeature(feature)
    QgsProject.instance().addMapLayers([table, points])
    for layer, what in ((table, "table"), (points, "points")):
        out = os.path.join(work, f"{study}-geocode-{what}")
        results, ok, feedback = run_algorithm("geocode", {"STUDY": study, "DATA": data, "CENTRES": layer.id(),
                                                          "OUTPUT": out})
        if not check(ok, f"geocode from a project {what} failed: {feedback.errors[-3:]}"):
            continue
        ours = {row["id"]: row for row in read_csv(os.path.join(out, "sites.csv")) if row["kind"] == "centre"}
        check(len(ours) == layer.featureCount(), f"geocode {what}: {len(ours)} centres of {layer.featureCount()}")
        for row in (centres if what == "table" else placed):
            mine = ours.get(row["id"], {})
            if what == "points":
                check(mine.get("precision") == "coordinates", f"geocode points: {row['id']} placed by "
                                                              f"{mine.get('precision')}, not its point")
            check(mine and abs(float(mine["easting"] or "nan") - float(row["easting"] or "nan")) < 0.01
                  if row["easting"] else not mine.get("easting"),
                  f"geocode {what}: {row['id']} at {mine.get('easting')}, the CLI put it at {row['easting']}")

print(f"qgis provider on {study}: {len(failures)} problems; " + ", ".join(timings))
for failure in failures:
    print("FAILED:", failure)
sys.stdout.flush()
# PyQGIS may crash tearing down Qt objects at exit; the verdict is already made.
os._exit(1 if failures else 0)
