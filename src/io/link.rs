//! The link's text layer: percent-encoding, query pairs and fragments. What the pairs mean (the
//! page's form) is `state::link`'s.

/// Percent-encodes `s`: letters, digits and `-._~` stay, a space becomes `+`, every other byte
/// is `%XX`.
pub fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// Decodes `+` and `%XX`; a `%` not followed by two hex digits stays as it is; bytes that are not
/// UTF-8 become U+FFFD.
pub fn pct_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let hex = |b: u8| (b as char).to_digit(16);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|&x| hex(x)),
                bytes.get(i + 2).and_then(|&x| hex(x)),
            ) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The pairs of a query string (or fragment), decoded, in order; a part without `=` has an empty
/// value.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .strip_prefix('?')
        .unwrap_or(query)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (pct_decode(k), pct_decode(v))
        })
        .collect()
}

/// A panel setting's value in the link: percent-encoded, but commas stay as they are (readable
/// lists, "0,50~30,500"); `pct_decode` reads them back.
pub fn view_value(v: &str) -> String {
    pct_encode(v).replace("%2C", ",")
}

/// A query fragment of `pairs` ("minutes=60&load=daily"), the way the link writes them.
pub fn fragment(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", pct_encode(k), view_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}
