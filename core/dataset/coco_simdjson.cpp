// The COCO reader's fast driver: simdjson's on-demand parser walked in document order, feeding the same
// events as nlohmann's SAX parser to the same handler (dataset/coco_handler.h). Built without simdjson,
// haveSimdjson() is false and the loader uses nlohmann.
#include "dataset/coco_handler.h"

#if defined(ADV_HAVE_SIMDJSON)
#include <simdjson.h>

#include <cstdlib>
#endif

namespace adv::coco::detail {

#if defined(ADV_HAVE_SIMDJSON)

namespace {

namespace od = simdjson::ondemand;

// Nesting deeper than any COCO file (5 levels) by far; the walk recurses, so hostile nesting stops here
// instead of on the stack.
constexpr int kMaxDepth = 512;

// The handler asked to stop (cancelled): not a JSON error.
constexpr auto kStopped = simdjson::error_code::NUM_ERROR_CODES;

class Walker {
public:
    explicit Walker(Handler& h) : h_(h) {}

    simdjson::error_code value(od::value v) {
        od::json_type t;
        if (auto e = v.type().get(t)) return e;
        switch (t) {
        case od::json_type::object: {
            od::object o;
            if (auto e = v.get_object().get(o)) return e;
            return object(o);
        }
        case od::json_type::array: {
            od::array a;
            if (auto e = v.get_array().get(a)) return e;
            return array(a);
        }
        case od::json_type::number: return number(v);
        case od::json_type::string: {
            std::string_view s;
            if (auto e = v.get_string().get(s)) return e;
            str_.assign(s.data(), s.size());
            return h_.string(str_) ? simdjson::SUCCESS : kStopped;
        }
        case od::json_type::boolean: {
            bool b = false;
            if (auto e = v.get_bool().get(b)) return e;
            return h_.boolean(b) ? simdjson::SUCCESS : kStopped;
        }
        case od::json_type::null: {
            bool isNull = false;
            if (auto e = v.is_null().get(isNull)) return e;
            if (!isNull) return simdjson::N_ATOM_ERROR;
            return h_.null() ? simdjson::SUCCESS : kStopped;
        }
        }
        return simdjson::INCORRECT_TYPE;
    }

    simdjson::error_code object(od::object o) {
        if (++depth_ > kMaxDepth) return simdjson::DEPTH_ERROR;
        if (!h_.start_object(std::size_t(-1))) return kStopped;
        for (auto field : o) {
            if (auto e = field.error()) return e;
            od::field& f = field.value_unsafe();
            std::string_view k;
            if (auto e = f.unescaped_key().get(k)) return e;
            key_.assign(k.data(), k.size());
            if (!h_.key(key_)) return kStopped;
            if (auto e = value(f.value())) return e;
        }
        --depth_;
        return h_.end_object() ? simdjson::SUCCESS : kStopped;
    }

    simdjson::error_code array(od::array a) {
        if (++depth_ > kMaxDepth) return simdjson::DEPTH_ERROR;
        if (!h_.start_array(std::size_t(-1))) return kStopped;
        for (auto element : a) {
            if (auto e = element.error()) return e;
            if (auto e = value(element.value_unsafe())) return e;
        }
        --depth_;
        return h_.end_array() ? simdjson::SUCCESS : kStopped;
    }

private:
    // Integers as integers, everything else as a double, as nlohmann reports them; an integer beyond
    // 64 bits and an exponent out of a double's range are doubles (inf) there too.
    simdjson::error_code number(od::value v) {
        od::number n;
        if (v.get_number().get(n) == simdjson::SUCCESS) {
            switch (n.get_number_type()) {
            case od::number_type::signed_integer: return h_.number_integer(n.get_int64()) ? simdjson::SUCCESS : kStopped;
            case od::number_type::unsigned_integer:
                return h_.number_unsigned(n.get_uint64()) ? simdjson::SUCCESS : kStopped;
            case od::number_type::floating_point_number:
                return h_.number_float(n.get_double(), empty_) ? simdjson::SUCCESS : kStopped;
            }
        }
        const std::string_view raw = v.raw_json_token();
        std::string token(raw.substr(0, raw.find_first_of(" \t\r\n,]}")));
        char* end = nullptr;
        const double d = std::strtod(token.c_str(), &end);
        if (token.empty() || end != token.c_str() + token.size()) return simdjson::NUMBER_ERROR;
        return h_.number_float(d, empty_) ? simdjson::SUCCESS : kStopped;
    }

    Handler& h_;
    int depth_ = 0;
    std::string key_, str_, empty_;
};

} // namespace

bool haveSimdjson() { return true; }

bool parseWithSimdjson(const std::string& path, std::string_view text, size_t readable, Handler& h) {
    std::string copy;
    if (readable < text.size() + simdjson::SIMDJSON_PADDING || text.data() == nullptr) {
        copy.reserve(text.size() + simdjson::SIMDJSON_PADDING);
        copy.assign(text.data() == nullptr ? "" : text.data(), text.size());
        text = copy;
        readable = copy.capacity();
    }
    od::parser parser;
    od::document doc;
    const simdjson::padded_string_view input(text.data(), text.size(), readable);
    bool started = false;  // the document exists (asking a failed one for its location reads a null index)
    auto fail = [&](simdjson::error_code e) -> bool {
        if (e == kStopped) return false;
        std::string where;
        const char* at = nullptr;
        if (started && doc.current_location().get(at) == simdjson::SUCCESS && at >= text.data() && at <= text.data() + text.size())
            where = " at byte " + std::to_string(at - text.data());
        throw FileError(path, "invalid JSON" + where + ": " + simdjson::error_message(e));
    };
    if (auto e = parser.iterate(input).get(doc)) return fail(e);
    started = true;
    od::json_type t;
    if (auto e = doc.type().get(t)) return fail(e);
    Walker w(h);
    simdjson::error_code e = simdjson::SUCCESS;
    if (t == od::json_type::object) {
        od::object o;
        e = doc.get_object().get(o);
        if (!e) e = w.object(o);
    } else if (t == od::json_type::array) {
        od::array a;
        e = doc.get_array().get(a);
        if (!e) e = w.array(a);
    } else {
        // A scalar document: no sections at all (the loader then says it is not a COCO file), but it must
        // still be valid JSON.
        std::string_view raw;
        e = doc.raw_json_token().get(raw);
        if (!e && nlohmann::json::accept(raw) == false) e = simdjson::TAPE_ERROR;
        if (!e) return true;
    }
    if (e) return fail(e);
    // Past the document's end the location is out of bounds; anything else is trailing content.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) return fail(simdjson::TRAILING_CONTENT);
    return true;
}

#else

bool haveSimdjson() { return false; }
bool parseWithSimdjson(const std::string&, std::string_view, size_t, Handler&) { return false; }

#endif

} // namespace adv::coco::detail
