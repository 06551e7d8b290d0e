#include "exportset/copy_sheet.h"

#include "util/error.h"
#include "util/fs.h"

#include <algorithm>
#include <set>

namespace adv::exportset {

namespace {

constexpr size_t kMaxRows = 10000;
constexpr size_t kMaxField = 4096;

std::string trim(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return s.substr(a, b - a);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool validUtf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (n < 0 || i + static_cast<size_t>(n) >= s.size()) return false;
        for (int k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += n + 1;
    }
    return true;
}

// Records with their starting line numbers.
std::vector<std::pair<int, std::vector<std::string>>> records(const std::string& t, char sep, const std::string& origin) {
    std::vector<std::pair<int, std::vector<std::string>>> out;
    std::vector<std::string> rec;
    std::string field;
    bool quoted = false, any = false;
    int line = 1, recLine = 1;
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < t.size() && t[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"' && trim(field).empty()) {
            field.clear();
            quoted = any = true;
        } else if (c == sep) {
            rec.push_back(field), field.clear(), any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
            if (any || !field.empty()) {
                rec.push_back(field);
                out.emplace_back(recLine, rec);
            }
            rec.clear(), field.clear(), any = false;
            recLine = ++line;
        } else {
            field += c;
            any = true;
        }
        if (field.size() > kMaxField) throw FileError(origin, "line " + std::to_string(line) + ": a field longer than 4096 bytes");
        if (out.size() > kMaxRows) throw FileError(origin, "more than 10000 rows");
    }
    if (quoted) throw FileError(origin, "line " + std::to_string(recLine) + ": a quoted field is not closed");
    if (any || !field.empty()) {
        rec.push_back(field);
        out.emplace_back(recLine, rec);
    }
    return out;
}

} // namespace

std::vector<CopyRow> parseCopySheet(const std::string& textIn, const std::string& origin) {
    std::string text = textIn;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (!validUtf8(text)) throw FileError(origin, "not UTF-8 text (save the sheet as \"CSV UTF-8\")");
    const size_t eol = text.find_first_of("\r\n");
    const std::string header = text.substr(0, eol);
    const char sep = std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',') ? ';' : ',';
    const auto recs = records(text, sep, origin);
    if (recs.empty()) throw FileError(origin, "empty copy sheet (expected a header: headline,cta,badge,locale,id)");
    std::vector<std::string> cols;
    std::set<std::string> seen;
    for (const auto& c : recs[0].second) {
        const std::string name = lower(trim(c));
        if (name.empty()) throw FileError(origin, "line 1: a column without a name");
        if (!seen.insert(name).second) throw FileError(origin, "line 1: column '" + name.substr(0, 40) + "' appears twice");
        cols.push_back(name);
    }
    if (!seen.count("headline")) throw FileError(origin, "line 1: no 'headline' column (columns: headline,cta,badge,locale,id)");
    std::vector<CopyRow> rows;
    std::set<std::string> ids;
    for (size_t r = 1; r < recs.size(); ++r) {
        const auto& [line, f] = recs[r];
        if (f.size() > cols.size())
            throw FileError(origin, "line " + std::to_string(line) + ": " + std::to_string(f.size()) + " fields, the header has " +
                                        std::to_string(cols.size()));
        CopyRow row;
        bool empty = true;
        for (size_t i = 0; i < cols.size(); ++i) {
            const std::string v = i < f.size() ? trim(f[i]) : "";
            if (!v.empty()) empty = false;
            if (cols[i] == "headline") row.headline = v;
            else if (cols[i] == "cta") row.cta = v;
            else if (cols[i] == "badge" || cols[i] == "price") row.badge = row.badge.empty() ? v : row.badge;
            else if (cols[i] == "locale") row.locale = v;
            else if (cols[i] == "id") row.id = v;
            else row.extra[cols[i]] = v;
        }
        if (empty) continue;
        if (row.headline.empty()) throw FileError(origin, "line " + std::to_string(line) + ": the headline is empty");
        if (row.id.empty()) row.id = "c" + std::to_string(rows.size() + 1);
        for (auto& ch : row.id)
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') ch = '-';
        if (!ids.insert(row.id).second)
            throw FileError(origin, "line " + std::to_string(line) + ": copy id '" + row.id.substr(0, 40) + "' appears twice");
        rows.push_back(std::move(row));
    }
    if (rows.empty()) throw FileError(origin, "no copy rows under the header");
    return rows;
}

std::vector<CopyRow> loadCopySheet(const std::string& path) { return parseCopySheet(fs::readFile(path), path); }

} // namespace adv::exportset
