#include "io/writers.hpp"

#include <cpl_vsi.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <stdexcept>

#include "io/atomic_output.hpp"
#include "io/gdal.hpp"

namespace centrecov::io {

namespace {

OGRFieldType ogr_type(FieldType type) {
    switch (type) {
        case FieldType::text:
            return OFTString;
        case FieldType::integer:
            return OFTInteger64;
        case FieldType::real:
            return OFTReal;
    }
    return OFTString;
}

OGRwkbGeometryType ogr_geometry(GeometryKind kind) {
    switch (kind) {
        case GeometryKind::none:
            return wkbNone;
        case GeometryKind::point:
            return wkbPoint;
        case GeometryKind::polygon:
            return wkbUnknown;  // polygons and multipolygons mixed
    }
    return wkbUnknown;
}

void set_value(OGRFeature& feature, int index, const Value& value) {
    if (std::holds_alternative<std::monostate>(value)) {
        feature.SetFieldNull(index);
    } else if (const auto* integer = std::get_if<long long>(&value)) {
        feature.SetField(index, static_cast<GIntBig>(*integer));
    } else if (const auto* real = std::get_if<double>(&value)) {
        feature.SetField(index, *real);
    } else {
        feature.SetField(index, std::get<std::string>(value).c_str());
    }
}

// A text cell a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers.
std::string spreadsheet_safe(const Value& value) {
    std::string text = format_value(value);
    if (std::holds_alternative<std::string>(value) && !text.empty() &&
        spreadsheet_formula_starts.find(text.front()) != std::string_view::npos) {
        text.insert(text.begin(), '\'');
    }
    return text;
}

std::string quote_csv(const std::string& cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

// Fields and features of one layer into an OGR layer; polygons made multi where asked.
void fill_layer(OGRLayer* out, const OutputLayer& layer, OGRSpatialReference& bng, const std::filesystem::path& path,
                bool force_multi, const Transformer* to_layer_crs = nullptr) {
    for (const auto& field : layer.fields) {
        OGRFieldDefn definition(field.name.c_str(), ogr_type(field.type));
        if (out->CreateField(&definition) != OGRERR_NONE) {
            throw std::runtime_error("cannot create field " + field.name + " in " + path.string());
        }
    }
    for (const auto& source : layer.features) {
        OGRFeature feature(out->GetLayerDefn());
        for (std::size_t i = 0; i < layer.fields.size(); ++i) {
            set_value(feature, static_cast<int>(i), source.values.at(i));
        }
        if (!source.wkb_bng.empty()) {
            OGRGeometry* geometry = nullptr;
            if (OGRGeometryFactory::createFromWkb(source.wkb_bng.data(), &bng, &geometry, source.wkb_bng.size()) !=
                OGRERR_NONE) {
                throw std::runtime_error("invalid geometry in layer " + layer.name + " while writing " +
                                         path.string());
            }
            if (force_multi && layer.geometry == GeometryKind::polygon) {
                geometry = OGRGeometryFactory::forceToMultiPolygon(geometry);
            }
            feature.SetGeometryDirectly(geometry);
            if (to_layer_crs != nullptr) {
                to_layer_crs->apply(*feature.GetGeometryRef());
            }
        }
        if (out->CreateFeature(&feature) != OGRERR_NONE) {
            throw std::runtime_error("cannot write a feature of layer " + layer.name + " to " + path.string() + ": " +
                                     last_gdal_error("GDAL error"));
        }
    }
}

// Creates a vector file with GDAL's driver under a temporary name, lets `fill`
// write it, and renames it into place only when GDAL reported no failure.
// Through memory: GDAL writes the file in memory and we write its bytes, checking
// each write, for drivers that do not report a failed write (the GeoJSON driver
// leaves a file cut short on a full disk and says nothing).
void write_vector_file(const std::filesystem::path& path, const char* driver_name, bool through_memory,
                       const std::function<void(GDALDataset&, OGRSpatialReference&)>& fill) {
    init_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (driver == nullptr) {
        throw std::runtime_error(std::string("GDAL has no ") + driver_name + " driver");
    }
    static std::atomic<unsigned long> files_in_memory{0};
    std::optional<AtomicOutput> output;
    std::string written_to;
    if (through_memory) {
        written_to = "/vsimem/centrecov-" + std::to_string(++files_in_memory) + "/" + path.filename().string();
    } else {
        output.emplace(path);
        written_to = output->temporary_path().string();
    }
    CPLErrorReset();
    {
        DatasetPtr dataset(driver->Create(written_to.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!dataset) {
            throw std::runtime_error("cannot create " + path.string() + ": " + last_gdal_error("GDAL error"));
        }
        thread_local OGRSpatialReference bng = spatial_reference(bng_epsg);
        fill(*dataset, bng);
        dataset->FlushCache();
    }
    if (CPLGetLastErrorType() == CE_Failure) {
        if (through_memory) {
            VSIUnlink(written_to.c_str());
        }
        throw std::runtime_error("cannot write " + path.string() + ": " + last_gdal_error("GDAL error"));
    }
    if (through_memory) {
        vsi_l_offset size = 0;
        GByte* bytes = VSIGetMemFileBuffer(written_to.c_str(), &size, TRUE);  // TRUE: ours to free
        const std::unique_ptr<GByte, decltype(&VSIFree)> owned(bytes, &VSIFree);
        VSIRmdir(std::filesystem::path(written_to).parent_path().c_str());
        if (bytes == nullptr) {
            throw std::runtime_error("cannot write " + path.string() + ": GDAL wrote nothing");
        }
        write_text_file(path, std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)));
        return;
    }
    output->commit();
}

}  // namespace

void write_geopackage(const std::filesystem::path& path, const std::vector<OutputLayer>& layers,
                      const std::vector<LayerStyle>& styles) {
    // Fixed timestamps in gpkg_contents: the same inputs give the same bytes.
    CPLConfigOptionSetter fixed_date("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z", false);
    write_vector_file(path, "GPKG", false, [&](GDALDataset& dataset, OGRSpatialReference& bng) {
        for (const auto& layer : layers) {
            const OGRwkbGeometryType type = layer.geometry == GeometryKind::polygon ? wkbMultiPolygon
                                            : layer.geometry == GeometryKind::point ? wkbPoint
                                                                                    : wkbNone;
            const char* options[] = {"SPATIAL_INDEX=NO", nullptr};
            OGRLayer* out = dataset.CreateLayer(layer.name.c_str(), type == wkbNone ? nullptr : &bng, type,
                                                 const_cast<char**>(options));
            if (out == nullptr) {
                throw std::runtime_error("cannot create layer " + layer.name + " in " + path.string() + ": " +
                                         last_gdal_error("GDAL error"));
            }
            dataset.StartTransaction();
            fill_layer(out, layer, bng, path, true);
            dataset.CommitTransaction();
        }
        if (!styles.empty()) {
            // QGIS reads a layer's default style from this table (its own schema).
            OGRLayer* table = dataset.CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
            if (table == nullptr) {
                throw std::runtime_error("cannot create layer_styles in " + path.string());
            }
            const std::pair<const char*, OGRFieldType> columns[] = {
                {"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString},
                {"f_geometry_column", OFTString}, {"styleName", OFTString}, {"styleQML", OFTString},
                {"styleSLD", OFTString}, {"useAsDefault", OFTInteger}, {"description", OFTString},
                {"owner", OFTString}, {"ui", OFTString}, {"update_time", OFTDateTime}};
            for (const auto& [name, type] : columns) {
                OGRFieldDefn definition(name, type);
                if (std::string(name) == "useAsDefault") {
                    definition.SetSubType(OFSTBoolean);
                }
                table->CreateField(&definition);
            }
            for (const auto& style : styles) {
                OGRFeature feature(table->GetLayerDefn());
                feature.SetField("f_table_catalog", "");
                feature.SetField("f_table_schema", "");
                feature.SetField("f_table_name", style.layer.c_str());
                feature.SetField("f_geometry_column", "geom");
                feature.SetField("styleName", style.name.c_str());
                feature.SetField("styleQML", style.qml.c_str());
                feature.SetField("styleSLD", "");
                feature.SetField("useAsDefault", 1);
                feature.SetField("description", style.description.c_str());
                feature.SetField("owner", "centrecov");
                feature.SetField("update_time", 2000, 1, 1, 0, 0, 0.0F, 100);
                if (table->CreateFeature(&feature) != OGRERR_NONE) {
                    throw std::runtime_error("cannot write the style of " + style.layer + " to " + path.string());
                }
            }
        }
    });
}

void write_geojson(const std::filesystem::path& path, const OutputLayer& layer) {
    // The layer is written in WGS84 (RFC 7946) from a transformation made once per
    // thread: letting the driver reproject makes PROJ search for one per file.
    const Transformer& to_wgs84 = bng_to_wgs84();
    thread_local OGRSpatialReference wgs84 = spatial_reference(wgs84_epsg);
    write_vector_file(path, "GeoJSON", true, [&](GDALDataset& dataset, OGRSpatialReference& bng) {
        const char* options[] = {"RFC7946=YES", "COORDINATE_PRECISION=6", "WRITE_NAME=YES", nullptr};
        OGRLayer* out = dataset.CreateLayer(layer.name.c_str(), layer.geometry == GeometryKind::none ? nullptr : &wgs84,
                                            ogr_geometry(layer.geometry), const_cast<char**>(options));
        if (out == nullptr) {
            throw std::runtime_error("cannot create layer in " + path.string() + ": " + last_gdal_error("GDAL error"));
        }
        fill_layer(out, layer, bng, path, false, &to_wgs84);
    });
}

std::string csv_text(const std::vector<std::string>& header, const std::vector<std::vector<Value>>& rows) {
    std::string text;
    for (std::size_t i = 0; i < header.size(); ++i) {
        text += (i ? "," : "") + quote_csv(spreadsheet_safe(header[i]));
    }
    text += '\n';
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            text += (i ? "," : "") + quote_csv(spreadsheet_safe(row[i]));
        }
        text += '\n';
    }
    return text;
}

void write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<Value>>& rows) {
    write_text_file(path, csv_text(header, rows));
}

}  // namespace centrecov::io
