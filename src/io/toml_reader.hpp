#pragma once

// Typed reading of TOML tables (scenario files, study manifests) with errors
// that name the file and line of the offending value.

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/site.hpp"

namespace centrecov::io {

// Reads typed values from one TOML table, failing with the file and line.
class TomlReader {
public:
    TomlReader(std::string file, const toml::table& table, std::string what)
        : file_(std::move(file)), table_(table), what_(std::move(what)) {}

    [[noreturn]] void fail(const toml::node& node, const std::string& problem) const {
        throw InputError(file_, "line " + std::to_string(node.source().begin.line), problem);
    }
    [[noreturn]] void fail_here(const std::string& problem) const { fail(table_, problem); }

    std::size_t line() const { return table_.source().begin.line; }

    void allow_only(std::initializer_list<const char*> keys) const {
        for (const auto& [key, node] : table_) {
            const std::string name(key.str());
            if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return name == k; })) {
                std::string list;
                for (const char* k : keys) {
                    list += (list.empty() ? "" : ", ") + std::string(k);
                }
                fail(node, "unknown key '" + name + "' in " + what_ + " (expected one of: " + list + ")");
            }
        }
    }

    const toml::node* find(const char* key) const { return table_.get(key); }

    // The line of every key of the table.
    std::map<std::string, std::size_t> key_lines() const {
        std::map<std::string, std::size_t> out;
        for (const auto& [key, node] : table_) {
            out[std::string(key.str())] = node.source().begin.line;
        }
        return out;
    }

    std::optional<std::string> text(const char* key) const {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_string()) {
            fail(*node, std::string("'") + key + "' must be text in quotes");
        }
        return node->value<std::string>();
    }

    std::optional<double> number(const char* key, double lowest, double highest) const {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        const auto value = node->value<double>();
        if (!value) {
            fail(*node, std::string("'") + key + "' must be a number");
        }
        if (!(*value >= lowest && *value <= highest)) {  // NaN fails too
            fail(*node, std::string("'") + key + "' is " + format(*value) + "; it must be between " +
                            format(lowest) + " and " + format(highest));
        }
        return value;
    }

    std::optional<long long> integer(const char* key, long long lowest, long long highest) const {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        const auto value = node->value_exact<std::int64_t>();
        if (!value) {
            fail(*node, std::string("'") + key + "' must be a whole number");
        }
        if (*value < lowest || *value > highest) {
            fail(*node, std::string("'") + key + "' is " + std::to_string(*value) + "; it must be between " +
                            std::to_string(lowest) + " and " + std::to_string(highest));
        }
        return static_cast<long long>(*value);
    }

    std::optional<std::vector<std::string>> texts(const char* key) const {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        const toml::array* array = node->as_array();
        if (array == nullptr) {
            fail(*node, std::string("'") + key + "' must be a list of text, e.g. [\"a\", \"b\"]");
        }
        std::vector<std::string> out;
        for (const auto& element : *array) {
            if (!element.is_string()) {
                fail(element, std::string("'") + key + "' must hold only text");
            }
            out.push_back(*element.value<std::string>());
        }
        return out;
    }

    // A list of site ids, each checked by the one rule for ids (site_id_problem), naming its line.
    std::optional<std::vector<std::string>> site_ids(const char* key) const {
        auto ids = texts(key);
        if (ids) {
            const toml::array& array = *find(key)->as_array();
            for (std::size_t i = 0; i < ids->size(); ++i) {
                check_site_id(*array.get(i), (*ids)[i]);
            }
        }
        return ids;
    }

    // One site id (a text value, or a key naming a site), checked by the same rule.
    std::optional<std::string> site_id(const char* key) const {
        auto id = text(key);
        if (id) {
            check_site_id(*find(key), *id);
        }
        return id;
    }
    void check_site_id(const toml::node& node, const std::string& id) const {
        if (const auto problem = site_id_problem(id)) {
            fail(node, *problem);
        }
    }

    std::vector<double> numbers(const char* key, double lowest, double highest) const {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return {};
        }
        const toml::array* array = node->as_array();
        if (array == nullptr || array->empty()) {
            fail(*node, std::string("'") + key + "' must be a non-empty list of numbers");
        }
        std::vector<double> out;
        for (const auto& element : *array) {
            const auto value = element.value<double>();
            if (!value || !(*value >= lowest && *value <= highest)) {
                fail(element, std::string("'") + key + "' values must be numbers between " + format(lowest) +
                                  " and " + format(highest));
            }
            out.push_back(*value);
        }
        return out;
    }

    std::set<int> deciles(const char* key) const {
        std::set<int> out;
        const toml::node* node = find(key);
        if (node == nullptr) {
            return out;
        }
        const toml::array* array = node->as_array();
        if (array == nullptr) {
            fail(*node, std::string("'") + key + "' must be a list of deciles, e.g. [1, 2, 3]");
        }
        for (const auto& element : *array) {
            const auto value = element.value<std::int64_t>();
            if (!value || *value < 1 || *value > 10) {
                fail(element, std::string("decile in '") + key + "' must be a whole number from 1 to 10");
            }
            out.insert(static_cast<int>(*value));
        }
        return out;
    }

    const toml::table* table(const char* key) const {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return nullptr;
        }
        if (!node->is_table()) {
            fail(*node, std::string("'") + key + "' must be a table");
        }
        return node->as_table();
    }

    const std::string& file() const { return file_; }

private:
    static std::string format(double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') {
            s.pop_back();
        }
        return s;
    }

    std::string file_;
    const toml::table& table_;
    std::string what_;
};

// Parses a TOML file; InputError naming the file (and line) when it is missing or not TOML.
inline toml::table parse_toml_file(const std::filesystem::path& path) {
    require_regular_file(path);
    try {
        return toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        throw InputError(path.string(), "line " + std::to_string(e.source().begin.line),
                         "not valid TOML: " + std::string(e.description()));
    }
}

}  // namespace centrecov::io
