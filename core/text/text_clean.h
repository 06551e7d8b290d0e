// Text clean-up applied before CLIP tokenisation: the parts of ftfy.fix_text()
// that change real prompts (HTML entities, curly quotes, ligatures, full-width
// characters, line breaks, control characters), then whitespace collapsing.
#pragma once

#include <string>

namespace adv::text {

// ftfy.fix_text() subset, on UTF-8 text.
std::string fixText(const std::string& utf8);

// re.sub(r"\s+", " ", text).strip()
std::u32string collapseWhitespace(const std::u32string& text);

} // namespace adv::text
