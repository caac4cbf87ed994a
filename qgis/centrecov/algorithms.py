"""One Processing algorithm per centrecov command. Each offers the command's options as typed parameters,
builds its command line from them (an option left empty is not passed, so centrecov's own defaults, the
study's manifest and the scenario file decide, as on the command line), runs it and loads what it wrote.

centrecov checks every value itself: a bad one fails the algorithm with centrecov's own message."""

import csv
import os
import time

from qgis.core import (QgsProcessing, QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingOutputFile,
                       QgsProcessingOutputHtml, QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterDefinition, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingUtils)

from .centres import write_centres_csv
from .loading import load_files, load_scenario_layers
from .runner import find_binary, run_centrecov

DEFAULT = "(as the study or scenario file says)"


def _given(parameters, name):
    value = parameters.get(name)
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return False
    return str(value).strip() != ""


def _number(value):
    """A number as centrecov reads it: whole numbers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class CentrecovAlgorithm(QgsProcessingAlgorithm):
    """What every centrecov command shares: the study, its data and the output folder."""

    command = ""
    title = ""
    summary = ""
    default_out = ""

    def createInstance(self):  # noqa: N802
        return type(self)()

    def name(self):
        return self.command

    def displayName(self):  # noqa: N802
        return self.title

    def shortHelpString(self):  # noqa: N802
        return self.summary + (
            "<p>Runs the centrecov program (Processing options > Providers > centrecov, else PATH) with the options "
            "given here; an option left empty is not passed, so the study's manifest, the scenario file and "
            "centrecov's defaults decide, as on the command line. Cancel stops it and leaves the output folder as "
            "it was.</p>")

    def canExecute(self):  # noqa: N802
        try:
            find_binary()
        except QgsProcessingException as error:
            return False, str(error)
        return True, ""

    # Parameters ------------------------------------------------------------------------------------------

    def _add(self, parameter, advanced=False):
        if advanced:
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(parameter)

    def add_data_parameters(self):
        self._add(QgsProcessingParameterString(
            "STUDY", "Study: a name from geodata/studies (norfolk, isle-of-wight) or a study manifest (.toml); "
                     "empty: the scenario file's, else Norfolk", optional=True))
        self._add(QgsProcessingParameterFile(
            "DATA", "Data folder (empty: the one the study's manifest names, or its environment variable)",
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self._add(QgsProcessingParameterFeatureSource(
            "CENTRES", "Centres (a layer or table with id and name, and a postcode, address or point; "
                       "empty: the study's)",
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVector], optional=True))
        self._add(QgsProcessingParameterBoolean(
            "CENTRES_AT_GEOMETRY", "Place centres at their point when they have one (else by postcode and address)",
            defaultValue=True), advanced=True)
        self._add(QgsProcessingParameterFile(
            "LIBRARIES", "Libraries CSV (empty: the study's)", extension="csv", optional=True), advanced=True)
        self._add(QgsProcessingParameterEnum(
            "FAMILIES_AT", "Families measured from", [DEFAULT, "postcodes", "centroids"], defaultValue=0),
            advanced=True)

    def add_distance_parameters(self, draws=True):
        self._add(QgsProcessingParameterString(
            "THRESHOLDS", "Coverage distances in metres, comma-separated (empty: 1600,3200,5000,8000 or the "
                          "file's)", optional=True))
        self._add(QgsProcessingParameterFile(
            "NETWORK", "Road network to measure along (.osm.pbf, OS Open Roads; empty: the study's roads)",
            optional=True))
        self._add(QgsProcessingParameterBoolean(
            "NO_NETWORK", "Estimate distances even when a road network is present", defaultValue=False))
        self._add(QgsProcessingParameterEnum(
            "MODE", "Distance without a road network", [DEFAULT, "estimated_road", "straight_line"],
            defaultValue=0))
        self._add(QgsProcessingParameterEnum("PROFILE", "Travel profile on the network", [DEFAULT, "walk", "drive"],
                                             defaultValue=0), advanced=True)
        self._add(QgsProcessingParameterFile("PROFILE_CONFIG", "Profile speeds (TOML)", extension="toml",
                                             optional=True), advanced=True)
        self._add(QgsProcessingParameterNumber(
            "CIRCUITY", "Road over straight-line distance for estimated_road (empty: 1.3 or the file's)",
            QgsProcessingParameterNumber.Double, optional=True), advanced=True)
        self._add(QgsProcessingParameterFile(
            "CALIBRATION", "Circuity from a file written by centrecov calibrate", extension="json", optional=True),
            advanced=True)
        self._add(QgsProcessingParameterNumber(
            "MAX_SNAP", "Farthest a family or centre may be from a road (metres)",
            QgsProcessingParameterNumber.Double, optional=True), advanced=True)
        self._add(QgsProcessingParameterNumber(
            "NEAR_MISS_GAP", "Report dead ends this close to a road they do not join (metres)",
            QgsProcessingParameterNumber.Double, optional=True), advanced=True)
        self._add(QgsProcessingParameterBoolean(
            "JOIN_NEAR_MISSES", "Join each such dead end to that road (stated in every summary)", defaultValue=False),
            advanced=True)
        self._add(QgsProcessingParameterFile(
            "CACHE", "Folder for the built-network cache (empty: inside the output folder)",
            behavior=QgsProcessingParameterFile.Folder, optional=True), advanced=True)
        if draws:
            self._add(QgsProcessingParameterNumber(
                "DRAWS", "Uncertainty draws (0: no ranges, else at least 20; empty: 200)", QgsProcessingParameterNumber.Integer,
                optional=True))
            self._add(QgsProcessingParameterNumber(
                "SEED", "Seed of the draws (empty: 1)", QgsProcessingParameterNumber.Integer, optional=True),
            advanced=True)

    def add_output_folder(self):
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT", f"Output folder (centrecov owns what it writes there; default on the command line: "
                      f"{self.default_out})"))

    # Command line --------------------------------------------------------------------------------------

    def data_arguments(self, parameters, context, feedback):
        arguments = []
        if _given(parameters, "STUDY"):
            arguments += ["--study", self.parameterAsString(parameters, "STUDY", context).strip()]
        if _given(parameters, "DATA"):
            arguments += ["--data", self.parameterAsFile(parameters, "DATA", context)]
        if _given(parameters, "CENTRES"):
            source = self.parameterAsSource(parameters, "CENTRES", context)
            if source is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, "CENTRES"))
            path = QgsProcessingUtils.generateTempFilename("centres.csv")
            write_centres_csv(source, path, self.parameterAsBoolean(parameters, "CENTRES_AT_GEOMETRY", context),
                              context, feedback)
            arguments += ["--centres", path]
        if _given(parameters, "LIBRARIES"):
            arguments += ["--libraries", self.parameterAsFile(parameters, "LIBRARIES", context)]
        families_at = self.parameterAsEnum(parameters, "FAMILIES_AT", context)
        if families_at > 0:
            arguments += ["--families-at", ["", "postcodes", "centroids"][families_at]]
        return arguments

    def distance_arguments(self, parameters, context, draws=True):
        arguments = []
        if _given(parameters, "THRESHOLDS"):
            arguments += ["--thresholds", self.parameterAsString(parameters, "THRESHOLDS", context).replace(" ", "")]
        if _given(parameters, "NETWORK"):
            arguments += ["--network", self.parameterAsFile(parameters, "NETWORK", context)]
        if self.parameterAsBoolean(parameters, "NO_NETWORK", context):
            arguments.append("--no-network")
        mode = self.parameterAsEnum(parameters, "MODE", context)
        if mode > 0:
            arguments += ["--mode", ["", "estimated_road", "straight_line"][mode]]
        profile = self.parameterAsEnum(parameters, "PROFILE", context)
        if profile > 0:
            arguments += ["--profile", ["", "walk", "drive"][profile]]
        for name, option in (("PROFILE_CONFIG", "--profile-config"), ("CALIBRATION", "--calibration"),
                             ("CACHE", "--cache")):
            if _given(parameters, name):
                arguments += [option, self.parameterAsFile(parameters, name, context)]
        for name, option in (("CIRCUITY", "--circuity"), ("MAX_SNAP", "--max-snap"),
                             ("NEAR_MISS_GAP", "--near-miss-gap")):
            if _given(parameters, name):
                arguments += [option, _number(self.parameterAsDouble(parameters, name, context))]
        if self.parameterAsBoolean(parameters, "JOIN_NEAR_MISSES", context):
            arguments.append("--join-near-misses")
        if draws:
            for name, option in (("DRAWS", "--draws"), ("SEED", "--seed")):
                if _given(parameters, name):
                    arguments += [option, str(self.parameterAsInt(parameters, name, context))]
        return arguments

    def output_folder(self, parameters, context):
        folder = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not folder:
            raise QgsProcessingException("no output folder")
        return folder


def _top_group(command, label):
    return f"centrecov {command}: {label} ({time.strftime('%H:%M:%S')})"


class RunAlgorithm(CentrecovAlgorithm):
    command = "run"
    title = "Coverage today (run)"
    default_out = "out"
    summary = ("<p>How far every family lives from its nearest centre with all centres open: coverage within each "
               "distance, by district and deprivation, each share with its range. Writes summary.md, .csv and "
               ".json, lsoa and sites layers (GeoJSON, loaded into a group; they carry no style: the scenarios "
               "algorithm writes the styled GeoPackage, and its first scenario can be today's network).</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_data_parameters()
        self.add_distance_parameters()
        self.add_output_folder()
        self.addOutput(QgsProcessingOutputFile("SUMMARY", "Summary (Markdown)"))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", "Layers loaded"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        folder = self.output_folder(parameters, context)
        arguments = ["run"] + self.data_arguments(parameters, context, feedback) + \
            self.distance_arguments(parameters, context) + ["--out", folder]
        run_centrecov(arguments, feedback)
        loaded = load_files(context, folder, ["sites", "near_misses", "lsoa"],
                            _top_group("run", os.path.basename(os.path.normpath(folder))))
        return {"OUTPUT": folder, "SUMMARY": os.path.join(folder, "summary.md"), "LAYERS": loaded}


class ScenariosAlgorithm(CentrecovAlgorithm):
    command = "scenarios"
    title = "Compare remodelling options (scenarios)"
    default_out = "out/scenarios"
    summary = ("<p>Evaluates the scenarios of a TOML file (closures, moves into libraries, outreach, targeting, "
               "budgets), each against the one it starts from. Loads centrecov.gpkg's layers, styled from the "
               "file, in a group per scenario; report.html is the one-file report with the planner.</p>")
    formats = ["geojson", "csv", "gpkg", "html"]

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add(QgsProcessingParameterFile("SCENARIO_FILE", "Scenario file (TOML; see geodata/scenarios)",
                                             extension="toml"))
        self.add_data_parameters()
        self.add_distance_parameters()
        self._add(QgsProcessingParameterEnum("FORMATS", "Outputs", self.formats, allowMultiple=True,
                                             defaultValue=list(range(len(self.formats)))), advanced=True)
        self._add(QgsProcessingParameterNumber(
            "MAPS_FOR", "Draw the first N scenarios in the GeoPackage and the report (empty: 100)",
            QgsProcessingParameterNumber.Integer, optional=True), advanced=True)
        self._add(QgsProcessingParameterFile(
            "ADD", "Another scenario file to run with it, such as optimise's optimised.toml", extension="toml",
            optional=True), advanced=True)
        self._add(QgsProcessingParameterString(
            "ADD_START", "The scenario the added ones start from (empty: the file's first)", optional=True),
            advanced=True)
        self._add(QgsProcessingParameterFile(
            "K_CURVE", "An optimise k_curve.csv to chart in the report", extension="csv", optional=True),
            advanced=True)
        self._add(QgsProcessingParameterString(
            "MARKS", "Marks on the k-curve, separated by ';': 7=Sept 2018;15=today", optional=True), advanced=True)
        self.add_output_folder()
        self.addOutput(QgsProcessingOutputHtml("REPORT", "Report"))
        self.addOutput(QgsProcessingOutputFile("GEOPACKAGE", "GeoPackage"))
        self.addOutput(QgsProcessingOutputFile("COMPARISON", "Comparison (CSV)"))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", "Layers loaded"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        folder = self.output_folder(parameters, context)
        scenario_file = self.parameterAsFile(parameters, "SCENARIO_FILE", context)
        arguments = ["scenarios", scenario_file] + self.data_arguments(parameters, context, feedback) + \
            self.distance_arguments(parameters, context)
        formats = [self.formats[i] for i in self.parameterAsEnums(parameters, "FORMATS", context)]
        if not formats:
            raise QgsProcessingException("Outputs: choose at least one")
        arguments += ["--format", ",".join(formats)]
        if _given(parameters, "MAPS_FOR"):
            arguments += ["--maps-for", str(self.parameterAsInt(parameters, "MAPS_FOR", context))]
        if _given(parameters, "ADD"):
            arguments += ["--add", self.parameterAsFile(parameters, "ADD", context)]
        if _given(parameters, "ADD_START"):
            arguments += ["--add-start", self.parameterAsString(parameters, "ADD_START", context).strip()]
        if _given(parameters, "K_CURVE"):
            arguments += ["--k-curve", self.parameterAsFile(parameters, "K_CURVE", context)]
            for mark in self.parameterAsString(parameters, "MARKS", context).split(";"):
                if mark.strip():
                    arguments += ["--mark", mark.strip()]
        arguments += ["--out", folder]
        run_centrecov(arguments, feedback)

        results = {"OUTPUT": folder, "LAYERS": 0}
        comparison = os.path.join(folder, "comparison.csv")
        if os.path.exists(comparison):
            results["COMPARISON"] = comparison
        geopackage = os.path.join(folder, "centrecov.gpkg")
        if os.path.exists(geopackage):
            results["GEOPACKAGE"] = geopackage
            scenarios = scenario_names(folder)
            results["LAYERS"] = load_scenario_layers(context, geopackage, scenarios,
                                                     _top_group("scenarios", os.path.basename(scenario_file)))
        report = os.path.join(folder, "report.html")
        if os.path.exists(report):
            results["REPORT"] = report
        return results


def scenario_names(folder):
    """[(id, name)] of the scenarios centrecov ran into FOLDER, in the file's order (comparison.json)."""
    import json
    path = os.path.join(folder, "comparison.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return [(s["id"], s.get("name", s["id"])) for s in json.load(f)]
    with open(os.path.join(folder, "comparison.csv"), newline="", encoding="utf-8") as f:
        return [(row["id"], row["name"]) for row in csv.DictReader(f)]


class OptimiseAlgorithm(CentrecovAlgorithm):
    command = "optimise"
    title = "Choose sites (optimise)"
    default_out = "out/optimise"
    summary = ("<p>The sites that keep the most under-5s within a distance (coverage), the least mean distance "
               "(median), the fewest sites covering a share (cover), or raise the least-covered group; for a "
               "number of sites, a budget or every number (k-curve). Writes optimise.md and optimised.toml, "
               "which the scenarios algorithm runs (its 'Another scenario file').</p>")
    objectives = ["coverage", "median", "cover", "least-covered"]
    methods = ["exact", "heuristic"]
    indices = ["idaci", "imd"]
    groups = ["idaci", "imd", "district"]

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_data_parameters()
        self._add(QgsProcessingParameterEnum("OBJECTIVE", "Objective", self.objectives, defaultValue=0))
        self._add(QgsProcessingParameterString("SITES", "Numbers of sites to open, comma-separated (7,15)",
                                               optional=True))
        self._add(QgsProcessingParameterString("BUDGET", "Budgets, comma-separated (5000000,5750000)",
                                               optional=True))
        self._add(QgsProcessingParameterBoolean("K_CURVE", "Best coverage for every number of sites (k-curve)",
                                                defaultValue=False))
        self._add(QgsProcessingParameterNumber("THRESHOLD", "Coverage distance (metres; empty: 1600)",
                                               QgsProcessingParameterNumber.Double, optional=True))
        self._add(QgsProcessingParameterString(
            "SHARE", "Share to cover (cover): a number from 0 to 1, or 'reachable' (empty: 1)", optional=True))
        self._add(QgsProcessingParameterBoolean("WITH_LIBRARIES", "Libraries may host a base too",
                                                defaultValue=False))
        self._add(QgsProcessingParameterBoolean(
            "COMPARE_COLOCATION", "Answer twice: centres only, and with library bases", defaultValue=False),
            advanced=True)
        self._add(QgsProcessingParameterEnum("METHOD", "Method", self.methods, defaultValue=0), advanced=True)
        self._add(QgsProcessingParameterNumber("TIME_LIMIT", "Seconds the exact solver may take per problem",
                                               QgsProcessingParameterNumber.Double, optional=True),
                  advanced=True)
        for name, label in (("CENTRE_COST", "Cost of a centre"), ("LIBRARY_COST", "Cost of a base in a library"),
                            ("CAPACITY", "Under-5s each site can serve (exact method only)")):
            self._add(QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Double,
                                                   optional=True), advanced=True)
        self._add(QgsProcessingParameterString(
            "CAPACITY_OF", "Under-5s one site can serve, ID=N, comma-separated", optional=True), advanced=True)
        self._add(QgsProcessingParameterString("FORCE_OPEN", "Sites that must stay open (ids, comma-separated)",
                                               optional=True), advanced=True)
        self._add(QgsProcessingParameterString("FORCE_CLOSED", "Sites that must close (ids, comma-separated)",
                                               optional=True), advanced=True)
        self._add(QgsProcessingParameterEnum("DEPRIVATION_INDEX", "Deprivation index", self.indices,
                                             defaultValue=0), advanced=True)
        self._add(QgsProcessingParameterString("DEPRIVED_DECILES", "Deciles weighted (1,2,3)", optional=True),
                  advanced=True)
        self._add(QgsProcessingParameterNumber("DEPRIVED_WEIGHT", "Weight of a family in those deciles",
                                               QgsProcessingParameterNumber.Double, optional=True), advanced=True)
        self._add(QgsProcessingParameterBoolean("ONLY_DEPRIVED", "Count only the families in those deciles",
                                                defaultValue=False), advanced=True)
        self._add(QgsProcessingParameterEnum("GROUPS", "least-covered: the groups", self.groups, defaultValue=0),
                  advanced=True)
        self._add(QgsProcessingParameterString(
            "MARKS", "Marks on the k-curve, separated by ';': 7=Sept 2018", optional=True), advanced=True)
        self.add_distance_parameters(draws=False)
        self.add_output_folder()
        self.addOutput(QgsProcessingOutputFile("SUMMARY", "Answers (Markdown)"))
        self.addOutput(QgsProcessingOutputFile("OPTIMISED", "Answers as scenarios (optimised.toml)"))
        self.addOutput(QgsProcessingOutputFile("K_CURVE_TABLE", "k-curve (CSV)"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        folder = self.output_folder(parameters, context)
        arguments = ["optimise"] + self.data_arguments(parameters, context, feedback)
        arguments += ["--objective", self.objectives[self.parameterAsEnum(parameters, "OBJECTIVE", context)]]
        arguments += ["--method", self.methods[self.parameterAsEnum(parameters, "METHOD", context)]]
        arguments += ["--deprivation-index",
                      self.indices[self.parameterAsEnum(parameters, "DEPRIVATION_INDEX", context)]]
        arguments += ["--groups", self.groups[self.parameterAsEnum(parameters, "GROUPS", context)]]
        for name, option in (("SITES", "--sites"), ("BUDGET", "--budget"), ("SHARE", "--share"),
                             ("FORCE_OPEN", "--force-open"), ("FORCE_CLOSED", "--force-closed"),
                             ("DEPRIVED_DECILES", "--deprived-deciles")):
            if _given(parameters, name):
                arguments += [option, self.parameterAsString(parameters, name, context).replace(" ", "")]
        for name, option in (("THRESHOLD", "--threshold"), ("TIME_LIMIT", "--time-limit"),
                             ("CENTRE_COST", "--centre-cost"), ("LIBRARY_COST", "--library-cost"),
                             ("CAPACITY", "--capacity"), ("DEPRIVED_WEIGHT", "--deprived-weight")):
            if _given(parameters, name):
                arguments += [option, _number(self.parameterAsDouble(parameters, name, context))]
        if _given(parameters, "CAPACITY_OF"):
            for entry in self.parameterAsString(parameters, "CAPACITY_OF", context).split(","):
                if entry.strip():
                    arguments += ["--capacity-of", entry.strip()]
        for name, option in (("K_CURVE", "--k-curve"), ("WITH_LIBRARIES", "--with-libraries"),
                             ("COMPARE_COLOCATION", "--compare-colocation"), ("ONLY_DEPRIVED", "--only-deprived")):
            if self.parameterAsBoolean(parameters, name, context):
                arguments.append(option)
        if _given(parameters, "MARKS"):
            for mark in self.parameterAsString(parameters, "MARKS", context).split(";"):
                if mark.strip():
                    arguments += ["--mark", mark.strip()]
        arguments += self.distance_arguments(parameters, context, draws=False) + ["--out", folder]
        run_centrecov(arguments, feedback)
        results = {"OUTPUT": folder, "SUMMARY": os.path.join(folder, "optimise.md")}
        for key, name in (("OPTIMISED", "optimised.toml"), ("K_CURVE_TABLE", "k_curve.csv")):
            if os.path.exists(os.path.join(folder, name)):
                results[key] = os.path.join(folder, name)
        return results


class GeocodeAlgorithm(CentrecovAlgorithm):
    command = "geocode"
    title = "Place the sites (geocode)"
    default_out = "out"
    summary = ("<p>Places every centre and library from coordinates, postcodes, streets, places or wards, and "
               "says how precisely (precision, evidence, uncertainty_m). Loads sites.geojson.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_data_parameters()
        self.add_output_folder()
        self.addOutput(QgsProcessingOutputFile("SITES", "Sites (GeoJSON)"))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", "Layers loaded"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        folder = self.output_folder(parameters, context)
        arguments = ["geocode"] + self.data_arguments(parameters, context, feedback) + ["--out", folder]
        run_centrecov(arguments, feedback)
        loaded = load_files(context, folder, ["sites"], _top_group("geocode", os.path.basename(os.path.normpath(folder))))
        return {"OUTPUT": folder, "SITES": os.path.join(folder, "sites.geojson"), "LAYERS": loaded}
