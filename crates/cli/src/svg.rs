//! A small hand-rolled SVG writer for the backtest charts: no plotting
//! dependency, deterministic output (fixed decimals), and every piece of
//! text escaped, attribute or content alike.

use std::fmt::Write as _;

/// Text made safe for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids are dropped rather than written.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG document being written.
#[derive(Debug)]
pub struct Svg {
    body: String,
    width: f64,
    height: f64,
}

/// A coordinate with one decimal, `-0.0` written as `0.0`.
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    if s == "-0.0" { "0.0".into() } else { s }
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Self {
        Self {
            body: String::new(),
            width,
            height,
        }
    }

    /// A rectangle.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, style: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {}/>"#,
            n(x),
            n(y),
            n(w),
            n(h),
            style
        );
    }

    /// A straight line.
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), style: &str) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {}/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            style
        );
    }

    /// A polyline through `points`.
    pub fn polyline(&mut self, points: &[(f64, f64)], style: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polyline fill="none" points="{}" {}/>"#,
            pts.join(" "),
            style
        );
    }

    /// A closed polygon with a tooltip.
    pub fn polygon(&mut self, points: &[(f64, f64)], style: &str, tooltip: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polygon points="{}" {}><title>{}</title></polygon>"#,
            pts.join(" "),
            style,
            escape(tooltip)
        );
    }

    /// A circle with a tooltip.
    pub fn circle(&mut self, (x, y): (f64, f64), r: f64, style: &str, tooltip: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" {}><title>{}</title></circle>"#,
            n(x),
            n(y),
            n(r),
            style,
            escape(tooltip)
        );
    }

    /// Text anchored at `(x, y)` (`start`, `middle` or `end`).
    pub fn text(&mut self, (x, y): (f64, f64), anchor: &str, style: &str, text: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="{}" {}>{}</text>"#,
            n(x),
            n(y),
            escape(anchor),
            style,
            escape(text)
        );
    }

    /// The finished document, titled `title` (escaped).
    pub fn finish(self, title: &str) -> String {
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" "#,
                r#"font-family="sans-serif" font-size="11" role="img" aria-label="{t}">"#,
                "\n<title>{t}</title>\n",
                r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##,
                "\n{body}</svg>\n"
            ),
            w = n(self.width),
            h = n(self.height),
            t = escape(title),
            body = self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x&y's")</script>"#),
            "&lt;script&gt;alert(&quot;x&amp;y&#39;s&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td"), "abc\td");
        let mut s = Svg::new(10.0, 10.0);
        s.text((1.0, 2.0), "start", "", "</text><b>");
        s.circle((1.0, 1.0), 1.0, "", "\"onload=\"x");
        let doc = s.finish("A & B <c>");
        assert!(doc.contains("<title>A &amp; B &lt;c&gt;</title>"));
        assert!(doc.contains("&lt;/text&gt;&lt;b&gt;"));
        assert!(doc.contains("<title>&quot;onload=&quot;x</title>"));
        assert!(!doc.contains("<b>"));
    }

    #[test]
    fn coordinates_have_one_decimal_and_no_negative_zero() {
        assert_eq!(n(-0.04), "0.0");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(n(-3.26), "-3.3");
    }
}
