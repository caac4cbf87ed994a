// The CSV/TSV table reader (text checks, encodings, line numbers, typed values):
// any bytes give a table or an InputError, never a crash.
#include "core/error.hpp"
#include "fuzz/fuzz_support.hpp"
#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace centrecov;
    const bool tab = size > 0 && (data[0] & 1) != 0;
    try {
        const auto table = io::Table::read(fuzz::input_file(data, size, tab ? "t.tsv" : "t.csv"), {});
        for (const auto& row : table.rows()) {
            for (std::size_t c = 0; c < table.columns().size(); ++c) {
                try {
                    (void)table.optional_number(row, c);
                } catch (const InputError&) {
                }
                try {
                    (void)table.optional_integer(row, c);
                } catch (const InputError&) {
                }
            }
        }
    } catch (const InputError&) {
    }
    return 0;
}
