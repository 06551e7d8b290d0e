// Ad copy from a sheet: one row per copy variant (headline, call to action, badge, locale, ...).
// Plain structs (part of the core interface): the studio edits rows, the CLI reads --copy copy.csv.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace adv::exportset {

struct CopyRow {
    std::string id;        // "c1", ... or the sheet's "id" column
    std::string headline;
    std::string cta;       // call to action ("Shop now")
    std::string badge;     // price or offer ("-30 %", "49 €"); "" = none
    std::string locale;    // "de-DE"; informational
    std::map<std::string, std::string> extra;  // every other column, carried into the manifest
};

// RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes, CRLF, UTF-8 BOM; ';' is also
// accepted as the separator when the header uses it). The header names the columns; "headline" is required.
// Throws FileError naming the file and the line.
std::vector<CopyRow> parseCopySheet(const std::string& text, const std::string& origin);
std::vector<CopyRow> loadCopySheet(const std::string& path);

} // namespace adv::exportset
