#include "network/cache.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "core/error.hpp"
#include "io/atomic_output.hpp"
#include "network/fingerprint.hpp"

namespace centrecov::network {

namespace {

constexpr std::uint64_t magic = 0x31564F4345524E43ULL;  // "CNRECOV1"
constexpr std::uint32_t format_version = 2;

std::uint64_t fnv1a(const char* data, std::size_t size, std::uint64_t hash = 0xcbf29ce484222325ULL) {
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// Values appended one by one (never whole structs, whose padding bytes are undefined),
// so the same network always gives the same bytes.
class Writer {
public:
    template <typename T>
    void value(T v) {
        static_assert(std::is_arithmetic_v<T>);
        bytes_.append(reinterpret_cast<const char*>(&v), sizeof(T));
    }
    void point(Point p) {
        value(p.x);
        value(p.y);
    }
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

struct Damaged : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads what Writer wrote, never past the end.
class Reader {
public:
    explicit Reader(const std::string& bytes) : bytes_(bytes) {}
    template <typename T>
    T value() {
        static_assert(std::is_arithmetic_v<T>);
        if (bytes_.size() - at_ < sizeof(T)) {
            throw Damaged("truncated");
        }
        T v;
        std::memcpy(&v, bytes_.data() + at_, sizeof(T));
        at_ += sizeof(T);
        return v;
    }
    Point point() {
        const double x = value<double>();
        const double y = value<double>();
        return {x, y};
    }
    // A count of records of `record_bytes` each that the rest of the payload can hold.
    std::size_t count(std::size_t record_bytes) {
        const auto n = value<std::uint64_t>();
        if (n > (bytes_.size() - at_) / record_bytes) {
            throw Damaged("a count larger than the file");
        }
        return static_cast<std::size_t>(n);
    }
    bool done() const { return at_ == bytes_.size(); }

private:
    const std::string& bytes_;
    std::size_t at_ = 0;
};

std::string payload_of(const RoadNetwork& network) {
    Writer w;
    w.value(static_cast<std::uint64_t>(network.nodes.size()));
    for (const Point& p : network.nodes) {
        w.point(p);
    }
    w.value(static_cast<std::uint64_t>(network.pieces.size()));
    for (const Piece& piece : network.pieces) {
        w.value(piece.from);
        w.value(piece.to);
        w.value(piece.way);
        w.value(piece.length_m);
    }
    w.value(static_cast<std::uint64_t>(network.ways.size()));
    for (const auto& way : network.ways) {
        w.value(static_cast<std::uint8_t>(way.road_class));
        w.value(static_cast<std::uint8_t>(way.oneway));
        w.value(static_cast<std::uint8_t>(way.foot));
        w.value(static_cast<std::uint8_t>(way.motor));
        w.value(static_cast<std::uint8_t>(way.sidewalk ? 1 : 0));
        w.value(way.maxspeed_kmh.value_or(std::numeric_limits<double>::quiet_NaN()));
    }
    w.value(static_cast<std::uint64_t>(network.shape.size()));
    for (const Point& p : network.shape) {
        w.point(p);
    }
    w.value(static_cast<std::uint64_t>(network.shape_start.size()));
    for (const std::uint32_t s : network.shape_start) {
        w.value(s);
    }
    const auto& stats = network.stats;
    for (const std::size_t v : {stats.ways, stats.pieces, stats.nodes, stats.zero_length_dropped,
                                stats.duplicates_dropped}) {
        w.value(static_cast<std::uint64_t>(v));
    }
    return w.bytes();
}

template <typename E>
E enum_value(std::uint8_t raw, E last) {
    if (raw > static_cast<std::uint8_t>(last)) {
        throw Damaged("an unknown road class or access value");
    }
    return static_cast<E>(raw);
}

RoadNetwork network_of(const std::string& payload) {
    Reader r(payload);
    RoadNetwork network;
    network.nodes.resize(r.count(16));
    for (auto& p : network.nodes) {
        p = r.point();
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
            throw Damaged("a node without coordinates");
        }
    }
    network.pieces.resize(r.count(20));
    for (auto& piece : network.pieces) {
        piece.from = r.value<NodeId>();
        piece.to = r.value<NodeId>();
        piece.way = r.value<std::uint32_t>();
        piece.length_m = r.value<double>();
    }
    network.ways.resize(r.count(13));
    for (auto& way : network.ways) {
        way.road_class = enum_value(r.value<std::uint8_t>(), RoadClass::other);
        way.oneway = enum_value(r.value<std::uint8_t>(), OneWay::backward);
        way.foot = enum_value(r.value<std::uint8_t>(), Permission::no);
        way.motor = enum_value(r.value<std::uint8_t>(), Permission::no);
        way.sidewalk = r.value<std::uint8_t>() != 0;
        const double speed = r.value<double>();
        if (!std::isnan(speed)) {
            way.maxspeed_kmh = speed;
        }
    }
    network.shape.resize(r.count(16));
    for (auto& p : network.shape) {
        p = r.point();
    }
    network.shape_start.resize(r.count(4));
    for (auto& s : network.shape_start) {
        s = r.value<std::uint32_t>();
    }
    auto& stats = network.stats;
    for (std::size_t* v : {&stats.ways, &stats.pieces, &stats.nodes, &stats.zero_length_dropped,
                           &stats.duplicates_dropped}) {
        *v = static_cast<std::size_t>(r.value<std::uint64_t>());
    }
    if (!r.done()) {
        throw Damaged("bytes after the network");
    }
    // Everything routing indexes must point inside the network.
    if (network.shape_start.size() != network.pieces.size() + 1 || network.shape_start.front() != 0 ||
        network.shape_start.back() != network.shape.size()) {
        throw Damaged("piece shapes that do not match the pieces");
    }
    for (std::size_t p = 0; p < network.pieces.size(); ++p) {
        const Piece& piece = network.pieces[p];
        if (piece.from >= network.nodes.size() || piece.to >= network.nodes.size() || piece.way >= network.ways.size() ||
            !(piece.length_m >= 0.0 && std::isfinite(piece.length_m)) ||
            network.shape_start[p + 1] < network.shape_start[p] + 2) {
            throw Damaged("a piece pointing outside the network");
        }
    }
    return network;
}

}  // namespace

std::uint64_t hash_file(const std::filesystem::path& path) {
    require_regular_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.string(), "", "cannot be read");
    }
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash = fnv1a(buffer.data(), static_cast<std::size_t>(in.gcount()), hash);
    }
    return hash;
}

std::string network_cache_bytes(const RoadNetwork& network, std::uint64_t input_hash) {
    const std::string payload = payload_of(network);
    Writer header;
    header.value(magic);
    header.value(format_version);
    header.value(network_code_fingerprint);
    header.value(input_hash);
    header.value(static_cast<std::uint64_t>(payload.size()));
    header.value(fnv1a(payload.data(), payload.size()));
    return header.bytes() + payload;
}

void save_network(const std::filesystem::path& path, const RoadNetwork& network, std::uint64_t input_hash) {
    io::write_text_file(path, network_cache_bytes(network, input_hash));
}

CacheRead read_network_cache(const std::string& bytes, std::uint64_t input_hash) {
    CacheRead read;
    try {
        Reader r(bytes);
        if (r.value<std::uint64_t>() != magic) {
            read.problem = "not a centrecov network cache";
            return read;
        }
        if (r.value<std::uint32_t>() != format_version || r.value<std::uint64_t>() != network_code_fingerprint) {
            read.problem = "written by another version of centrecov";
            return read;
        }
        if (r.value<std::uint64_t>() != input_hash) {
            read.problem = "made from another road file";
            return read;
        }
        const auto size = r.value<std::uint64_t>();
        const auto checksum = r.value<std::uint64_t>();
        constexpr std::size_t header_bytes = 8 + 4 + 8 + 8 + 8 + 8;
        if (size != bytes.size() - header_bytes) {
            read.problem = "damaged (its length is wrong)";
            return read;
        }
        const std::string payload = bytes.substr(header_bytes);
        if (fnv1a(payload.data(), payload.size()) != checksum) {
            read.problem = "damaged (its checksum does not match)";
            return read;
        }
        read.network = network_of(payload);
    } catch (const Damaged& e) {
        read.problem = std::string("damaged (") + e.what() + ")";
    }
    return read;
}

CacheRead load_network_cache(const std::filesystem::path& path, std::uint64_t input_hash) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {std::nullopt, ""};  // no cache yet
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return read_network_cache(bytes.str(), input_hash);
}

}  // namespace centrecov::network
