#include "io/features.hpp"

#include <ogrsf_frmts.h>

#include "core/error.hpp"
#include "io/gdal.hpp"

namespace centrecov::io {

std::vector<Feature> read_features(const std::filesystem::path& path, const std::vector<std::string>& required_fields) {
    DatasetPtr dataset = open_vector(path);
    if (dataset->GetLayerCount() < 1) {
        throw InputError(path.string(), "", "no layers");
    }
    OGRLayer* layer = dataset->GetLayer(0);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs == nullptr) {
        throw InputError(path.string(), "layer '" + std::string(layer->GetName()) + "'",
                         "no coordinate reference system; cannot place its features");
    }
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    for (const auto& field : required_fields) {
        if (definition->GetFieldIndex(field.c_str()) < 0) {
            throw InputError(path.string(), "layer '" + std::string(layer->GetName()) + "'",
                             "missing attribute '" + field + "'");
        }
    }
    const Transformer to_bng(*srs, spatial_reference(bng_epsg));

    std::vector<Feature> features;
    layer->ResetReading();
    std::size_t index = 0;
    for (auto& source : *layer) {
        ++index;
        Feature feature;
        feature.index = index;
        for (int i = 0; i < definition->GetFieldCount(); ++i) {
            feature.attributes.emplace(definition->GetFieldDefn(i)->GetNameRef(),
                                       source->IsFieldSetAndNotNull(i) ? source->GetFieldAsString(i) : "");
        }
        OGRGeometry* geometry = source->GetGeometryRef();
        if (geometry == nullptr || geometry->IsEmpty()) {
            throw InputError(path.string(), "feature " + std::to_string(index), "has no geometry");
        }
        try {
            to_bng.apply(*geometry);
        } catch (const std::exception& e) {
            throw InputError(path.string(), "feature " + std::to_string(index), e.what());
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry->WkbSize()));
        geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        feature.geometry = geom::from_wkb(wkb);
        features.push_back(std::move(feature));
    }
    return features;
}

}  // namespace centrecov::io
