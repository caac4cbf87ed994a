#include "io/study_manifest.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/error.hpp"
#include "core/version.hpp"
#include "io/toml_reader.hpp"

namespace centrecov::io {

namespace {

constexpr const char* how_to_get_data =
    "Download the data with scripts/fetch-geodata.sh DIR, then pass --data DIR";

std::string line_of(const TomlReader& reader, const char* key) {
    const auto lines = reader.key_lines();
    const auto found = lines.find(key);
    return "line " + std::to_string(found == lines.end() ? reader.line() : found->second);
}

void read_text(const TomlReader& reader, const char* key, std::string& into) {
    if (auto value = reader.text(key)) {
        into = std::move(*value);
    }
}

void read_columns(const TomlReader& parent, const toml::table* table, StudyColumns& columns) {
    if (table == nullptr) {
        return;
    }
    const TomlReader reader(parent.file(), *table, "[columns]");
    reader.allow_only({"population", "centroids", "deprivation", "lsoa_boundaries", "postcodes", "wards"});
    if (const toml::table* t = reader.table("population")) {
        const TomlReader r(parent.file(), *t, "[columns.population]");
        r.allow_only({"code", "name", "total", "under5"});
        auto& c = columns.population;
        read_text(r, "code", c.code);
        read_text(r, "name", c.name);
        read_text(r, "total", c.total);
        if (auto under5 = r.texts("under5")) {
            if (under5->empty()) {
                r.fail(*r.find("under5"), "'under5' must name at least one column of single-year counts");
            }
            for (std::size_t i = 0; i < under5->size(); ++i) {
                if (std::find(under5->begin(), under5->begin() + static_cast<std::ptrdiff_t>(i), (*under5)[i]) !=
                    under5->begin() + static_cast<std::ptrdiff_t>(i)) {
                    r.fail(*r.find("under5"), "'under5' names column '" + (*under5)[i] +
                                                  "' twice; its children would be counted twice");
                }
            }
            c.under5 = std::move(*under5);
        }
    }
    if (const toml::table* t = reader.table("centroids")) {
        const TomlReader r(parent.file(), *t, "[columns.centroids]");
        r.allow_only({"code", "x", "y", "epsg"});
        auto& c = columns.centroids;
        read_text(r, "code", c.code);
        read_text(r, "x", c.x);
        read_text(r, "y", c.y);
        if (const auto epsg = r.integer("epsg", 1, 999999)) {
            if (*epsg != 4326 && *epsg != 27700) {
                r.fail(*r.find("epsg"), "'epsg' must be 4326 (longitude/latitude) or 27700 (British National Grid)");
            }
            c.epsg = static_cast<int>(*epsg);
        }
    }
    if (const toml::table* t = reader.table("deprivation")) {
        const TomlReader r(parent.file(), *t, "[columns.deprivation]");
        r.allow_only({"code", "district_code", "district_name", "imd_decile", "idaci_decile", "idaci_rank", "edition"});
        auto& c = columns.deprivation;
        read_text(r, "code", c.code);
        read_text(r, "district_code", c.district_code);
        read_text(r, "district_name", c.district_name);
        read_text(r, "imd_decile", c.imd_decile);
        read_text(r, "idaci_decile", c.idaci_decile);
        read_text(r, "idaci_rank", c.idaci_rank);
        read_text(r, "edition", c.edition);
    }
    if (const toml::table* t = reader.table("lsoa_boundaries")) {
        const TomlReader r(parent.file(), *t, "[columns.lsoa_boundaries]");
        r.allow_only({"code"});
        read_text(r, "code", columns.lsoa_boundaries.code);
    }
    if (const toml::table* t = reader.table("postcodes")) {
        const TomlReader r(parent.file(), *t, "[columns.postcodes]");
        r.allow_only({"weight"});
        read_text(r, "weight", columns.postcodes.weight);
    }
    if (const toml::table* t = reader.table("wards")) {
        const TomlReader r(parent.file(), *t, "[columns.wards]");
        r.allow_only({"code", "name", "district_code", "district_name"});
        auto& c = columns.wards;
        read_text(r, "code", c.code);
        read_text(r, "name", c.name);
        read_text(r, "district_code", c.district_code);
        read_text(r, "district_name", c.district_name);
    }
}

std::filesystem::path choose_root(const std::filesystem::path& manifest, const TomlReader& top,
                                  const std::optional<std::string>& data_override) {
    if (data_override && !data_override->empty()) {
        if (!std::filesystem::is_directory(*data_override)) {
            throw UsageError("data directory " + *data_override + " (from --data) does not exist. " +
                             how_to_get_data + ".");
        }
        return *data_override;
    }
    if (const auto variable = top.text("data_environment")) {
        if (const char* value = std::getenv(variable->c_str()); value != nullptr && value[0] != '\0') {
            if (!std::filesystem::is_directory(value)) {
                throw UsageError(std::string("data directory ") + value + " (from $" + *variable +
                                 ") does not exist. " + how_to_get_data + ".");
            }
            return value;
        }
    }
    const auto data = top.text("data");
    if (!data) {
        throw InputError(manifest.string(), "", "no 'data' key: name the data directory (relative to the manifest)");
    }
    std::filesystem::path root = *data;
    if (root.is_relative()) {
        root = (manifest.parent_path() / root).lexically_normal();
    }
    if (!std::filesystem::is_directory(root)) {
        throw UsageError("data directory " + root.string() + " (from " + manifest.string() + ", " +
                         line_of(top, "data") + ") does not exist. " + how_to_get_data + " or set $" +
                         top.text("data_environment").value_or("CENTRECOV_DATA") + ".");
    }
    return root;
}

}  // namespace

std::vector<std::filesystem::path> StudyManifest::input_files() const {
    std::vector<std::filesystem::path> files;
    for (const auto* path : {&centres, &libraries, &population, &lsoa_centroids, &deprivation, &lsoa_boundaries, &wards,
                             &postcodes, &open_names, &schools, &school_addresses, &mobile_library_stops}) {
        if (!path->empty()) {
            files.push_back(*path);
        }
    }
    return files;
}

StudyManifest read_study_manifest(const std::filesystem::path& path, const std::optional<std::string>& data_override) {
    const toml::table root = parse_toml_file(path);
    const std::string file = path.string();
    const TomlReader top(file, root, "the study manifest");
    top.allow_only({"name", "title", "area_code", "year", "data", "data_environment", "files", "columns"});
    StudyManifest study;
    study.manifest = path;
    study.name = top.text("name").value_or(path.stem().string());
    study.title = top.text("title").value_or(study.name);
    study.area_code = top.text("area_code").value_or("");
    const auto year = top.integer("year", 1900, 2200);
    if (!year) {
        throw InputError(file, "", "no 'year' key: the year the options are about (libraries open that year count)");
    }
    study.year = static_cast<int>(*year);
    study.root = choose_root(path, top, data_override);

    const toml::table* files = top.table("files");
    if (files == nullptr) {
        throw InputError(file, "", "no [files] table: name the study's input files");
    }
    const TomlReader reader(file, *files, "[files]");
    reader.allow_only({"centres", "libraries", "postcodes", "open_names", "schools", "school_addresses",
                       "mobile_library_stops", "wards", "lsoa_boundaries", "population", "lsoa_centroids",
                       "deprivation", "roads"});
    struct Entry {
        const char* key;
        std::filesystem::path* into;
        bool required;
    };
    const Entry entries[] = {
        {"centres", &study.centres, true},
        {"libraries", &study.libraries, true},
        {"postcodes", &study.postcodes, true},
        {"open_names", &study.open_names, true},
        {"schools", &study.schools, false},
        {"school_addresses", &study.school_addresses, false},
        {"mobile_library_stops", &study.mobile_library_stops, false},
        {"wards", &study.wards, true},
        {"lsoa_boundaries", &study.lsoa_boundaries, true},
        {"population", &study.population, true},
        {"lsoa_centroids", &study.lsoa_centroids, true},
        {"deprivation", &study.deprivation, true},
        {"roads", &study.roads, false},
    };
    for (const auto& entry : entries) {
        const auto value = reader.text(entry.key);
        if (!value || value->empty()) {
            if (entry.required) {
                throw InputError(file, "[files]", std::string("no '") + entry.key + "': the study needs this file");
            }
            continue;
        }
        *entry.into = study.root / *value;
        // Roads are used when present; every other named file must exist.
        if (std::string_view(entry.key) != "roads" && !std::filesystem::exists(*entry.into)) {
            throw InputError(file, line_of(reader, entry.key),
                             std::string("'") + entry.key + "': " + entry.into->string() + " does not exist");
        }
    }
    if (study.schools.empty() != study.school_addresses.empty()) {
        throw InputError(file, "[files]", "'schools' and 'school_addresses' go together: give both or neither");
    }
    read_columns(top, top.table("columns"), study.columns);
    return study;
}

std::filesystem::path find_study_manifest(const std::string& name_or_path) {
    const std::filesystem::path given = name_or_path;
    if (given.extension() == ".toml" || given.has_parent_path()) {
        if (!std::filesystem::is_regular_file(given)) {
            throw UsageError("--study " + name_or_path + ": no such file");
        }
        return given;
    }
    const std::filesystem::path folders[] = {std::filesystem::path("geodata/studies"),
                                             std::filesystem::path(source_directory) / "geodata/studies"};
    std::vector<std::string> names;
    for (const auto& folder : folders) {
        const auto candidate = folder / (name_or_path + ".toml");
        if (std::filesystem::is_regular_file(candidate)) {
            return candidate;
        }
        if (std::filesystem::is_directory(folder) && names.empty()) {
            for (const auto& entry : std::filesystem::directory_iterator(folder)) {
                if (entry.path().extension() == ".toml") {
                    names.push_back(entry.path().stem().string());
                }
            }
        }
    }
    std::sort(names.begin(), names.end());
    std::string found;
    for (const auto& name : names) {
        found += (found.empty() ? "" : ", ") + name;
    }
    throw UsageError("--study " + name_or_path + ": no study of that name" +
                     (found.empty() ? std::string(" (no geodata/studies folder found)") : "; there are: " + found) +
                     ". Give a study name or the path of a manifest (.toml).");
}

std::string default_study_name() { return default_study; }

}  // namespace centrecov::io
