// Reading numbers and fields out of JSON from outside (configs, manifests, recipes): nlohmann's own
// conversions cast a float to an int unchecked (1e40 into an int is undefined behaviour, 2.5 truncates)
// and wrap integers that do not fit. These refuse both with one line naming the file and the field.
#pragma once

#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace adv::jsonread {

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

// One value into `out`: whole numbers that fit for integer fields, finite numbers for floating ones,
// element by element for lists; anything else must have the field's type.
template <typename T>
void readValue(const nlohmann::json& v, T& out, const std::string& field, const std::string& origin) {
    auto fail = [&](const std::string& what) { throw FileError(origin, "field '" + field + "' " + what); };
    if constexpr (std::is_same_v<T, bool>) {
        if (!v.is_boolean()) fail("has the wrong type (true or false)");
        out = v.get<bool>();
    } else if constexpr (std::is_integral_v<T>) {
        if (!v.is_number_integer()) fail(v.is_number() ? "must be a whole number" : "has the wrong type (a whole number)");
        if (v.is_number_unsigned()) {
            const uint64_t x = v.get<uint64_t>();
            if (x > static_cast<uint64_t>(std::numeric_limits<T>::max())) fail("is out of range (" + std::to_string(x) + ")");
            out = static_cast<T>(x);
        } else {
            const int64_t x = v.get<int64_t>();
            if ((std::is_unsigned_v<T> && x < 0) ||
                (std::is_signed_v<T> && (x < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
                                         x > static_cast<int64_t>(std::numeric_limits<T>::max()))))
                fail("is out of range (" + std::to_string(x) + ")");
            out = static_cast<T>(x);
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!v.is_number()) fail("has the wrong type (a number)");
        const double x = v.get<double>();
        if (!std::isfinite(x) || std::abs(x) > static_cast<double>(std::numeric_limits<T>::max()))
            fail("is not a finite number");
        out = static_cast<T>(x);
    } else if constexpr (IsVector<T>::value) {
        if (!v.is_array()) fail("has the wrong type (a list)");
        T items;
        for (const auto& e : v) {
            typename T::value_type x{};
            readValue(e, x, field, origin);
            items.push_back(std::move(x));
        }
        out = std::move(items);
    } else {
        try {
            v.get_to(out);
        } catch (const nlohmann::json::exception&) {
            fail("has the wrong type");
        }
    }
}

// obj[key] into `out` when present (and not null); `out` keeps its value (the default) otherwise.
template <typename T>
void readOptional(const nlohmann::json& obj, const char* key, T& out, const std::string& origin,
                  const std::string& prefix = "") {
    if (!obj.is_object()) throw FileError(origin, (prefix.empty() ? std::string("the document") : "'" + prefix + "'") +
                                                      " must be a JSON object");
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    readValue(*it, out, prefix.empty() ? key : prefix + "." + key, origin);
}

// obj[key] into `out`; missing is an error.
template <typename T>
void readRequired(const nlohmann::json& obj, const char* key, T& out, const std::string& origin,
                  const std::string& prefix = "") {
    if (!obj.is_object() || !obj.contains(key))
        throw FileError(origin, "missing field '" + (prefix.empty() ? std::string(key) : prefix + "." + key) + "'");
    readValue(obj.at(key), out, prefix.empty() ? key : prefix + "." + key, origin);
}

} // namespace adv::jsonread
