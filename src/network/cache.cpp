#include "network/cache.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "core/error.hpp"
#include "io/atomic_output.hpp"

namespace centrecov::network {

namespace {

constexpr std::uint64_t magic = 0x31564F4345524E43ULL;  // "CNRECOV1"
constexpr std::uint32_t format_version = 1;

class Writer {
public:
    explicit Writer(std::ofstream& out) : out_(out) {}
    template <typename T>
    void value(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        out_.write(reinterpret_cast<const char*>(&v), sizeof(T));
    }
    template <typename T>
    void array(const std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        value(static_cast<std::uint64_t>(values.size()));
        out_.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(T)));
    }

private:
    std::ofstream& out_;
};

class Reader {
public:
    explicit Reader(std::ifstream& in) : in_(in) {}
    template <typename T>
    T value() {
        T v{};
        in_.read(reinterpret_cast<char*>(&v), sizeof(T));
        if (!in_) {
            throw std::runtime_error("truncated cache");
        }
        return v;
    }
    template <typename T>
    std::vector<T> array() {
        const auto size = value<std::uint64_t>();
        if (size > (std::uint64_t{1} << 34)) {
            throw std::runtime_error("corrupt cache");
        }
        std::vector<T> values(static_cast<std::size_t>(size));
        in_.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(T)));
        if (!in_) {
            throw std::runtime_error("truncated cache");
        }
        return values;
    }

private:
    std::ifstream& in_;
};

// The tags routing needs, in a fixed-size record.
struct WayRecord {
    std::uint8_t road_class;
    std::uint8_t oneway;
    std::uint8_t foot;
    std::uint8_t motor;
    std::uint8_t sidewalk;
    std::uint8_t padding[3];
    double maxspeed_kmh;  // NaN when not tagged
};

}  // namespace

std::uint64_t hash_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.string(), "", "cannot be read");
    }
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < got; ++i) {
            hash ^= static_cast<unsigned char>(buffer[i]);
            hash *= 0x100000001b3ULL;
        }
    }
    return hash;
}

void save_network(const std::filesystem::path& path, const RoadNetwork& network, std::uint64_t input_hash) {
    io::AtomicOutput output(path);
    {
        std::ofstream out(output.temporary_path(), std::ios::binary | std::ios::trunc);
        Writer writer(out);
        writer.value(magic);
        writer.value(format_version);
        writer.value(input_hash);
        writer.array(network.nodes);
        writer.array(network.pieces);
        std::vector<WayRecord> ways;
        ways.reserve(network.ways.size());
        for (const auto& way : network.ways) {
            WayRecord record{};
            record.road_class = static_cast<std::uint8_t>(way.road_class);
            record.oneway = static_cast<std::uint8_t>(way.oneway);
            record.foot = static_cast<std::uint8_t>(way.foot);
            record.motor = static_cast<std::uint8_t>(way.motor);
            record.sidewalk = way.sidewalk ? 1 : 0;
            record.maxspeed_kmh = way.maxspeed_kmh.value_or(std::numeric_limits<double>::quiet_NaN());
            ways.push_back(record);
        }
        writer.array(ways);
        writer.array(network.shape);
        writer.array(network.shape_start);
        writer.value(network.stats);
        if (!out.flush()) {
            throw std::runtime_error("cannot write the network cache " + path.string());
        }
    }
    output.commit();
}

std::optional<RoadNetwork> load_network_cache(const std::filesystem::path& path, std::uint64_t input_hash) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    try {
        Reader reader(in);
        if (reader.value<std::uint64_t>() != magic || reader.value<std::uint32_t>() != format_version ||
            reader.value<std::uint64_t>() != input_hash) {
            return std::nullopt;
        }
        RoadNetwork network;
        network.nodes = reader.array<Point>();
        network.pieces = reader.array<Piece>();
        for (const auto& record : reader.array<WayRecord>()) {
            Way way;
            way.road_class = static_cast<RoadClass>(record.road_class);
            way.oneway = static_cast<OneWay>(record.oneway);
            way.foot = static_cast<Permission>(record.foot);
            way.motor = static_cast<Permission>(record.motor);
            way.sidewalk = record.sidewalk != 0;
            if (!std::isnan(record.maxspeed_kmh)) {
                way.maxspeed_kmh = record.maxspeed_kmh;
            }
            network.ways.push_back(std::move(way));
        }
        network.shape = reader.array<Point>();
        network.shape_start = reader.array<std::uint32_t>();
        network.stats = reader.value<TopologyStats>();
        if (network.shape_start.size() != network.pieces.size() + 1) {
            return std::nullopt;
        }
        return network;
    } catch (const std::exception&) {
        return std::nullopt;  // a damaged cache is rebuilt, not trusted
    }
}

}  // namespace centrecov::network
