// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: TextLayout's static glyph-metrics memo is keyed by the (FontFace enum, clamped point size) value rather than by `this`, so every layout object shares the same at most 4 x 65 entries regardless of how many layouts are created and destroyed.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace text {

enum class FontFace : std::uint8_t { Sans, Serif, Mono, Emoji };

struct GlyphMetrics {
    std::array<float, 128> advance{};
    float lineHeight = 0.f;
    float ascent = 0.f;
};

class TextLayout {
public:
    static constexpr int kMinPt = 8;
    static constexpr int kMaxPt = 72;

    TextLayout(FontFace face, int pointSize)
        : face_(face), pt_(std::clamp(pointSize, kMinPt, kMaxPt)) {}

    float measure(const std::string& s) const {
        const GlyphMetrics& m = metrics();
        float w = 0.f;
        for (unsigned char c : s) w += m.advance[c < 128 ? c : '?'];
        return w;
    }

    int linesNeeded(const std::string& s, float maxWidth) const {
        float w = measure(s);
        return w <= maxWidth ? 1 : static_cast<int>(w / maxWidth) + 1;
    }

    float height(int lines) const { return metrics().lineHeight * lines; }

private:
    const GlyphMetrics& metrics() const {
        using Key = std::pair<FontFace, int>;
        static std::map<Key, GlyphMetrics> s_memo;
        Key key{face_, pt_};
        auto it = s_memo.find(key);
        if (it == s_memo.end()) it = s_memo.emplace(key, rasterize(face_, pt_)).first;
        return it->second;
    }

    static GlyphMetrics rasterize(FontFace face, int pt) {
        GlyphMetrics m;
        float base = face == FontFace::Mono ? 0.6f : face == FontFace::Emoji ? 1.0f : 0.5f;
        for (int c = 0; c < 128; ++c)
            m.advance[c] = pt * (face == FontFace::Mono ? base : base + (c % 7) * 0.02f);
        m.lineHeight = pt * 1.2f;
        m.ascent = pt * 0.8f;
        return m;
    }

    FontFace face_;
    int pt_;
};

} // namespace text

// Called for every chat bubble rendered; a new layout object per message.
float bubbleHeight(const std::string& message, int userFontSize, bool monospace, float width) {
    text::TextLayout layout(monospace ? text::FontFace::Mono : text::FontFace::Sans, userFontSize);
    return layout.height(layout.linesNeeded(message, width));
}
