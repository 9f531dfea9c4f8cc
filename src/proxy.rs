//! The proxy the HTTP client takes from the environment, read as it reads it (hyper-util's
//! matcher, which reqwest uses): so that a variable it would skip without a word, and go
//! around, is refused instead, and `asst config` and the connection hints name the one
//! that applies.

/// A proxy variable that is set, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Proxy {
    pub var: &'static str,
    pub value: String,
}

/// Schemes the client has a proxy connector for.
const SCHEMES: [&str; 6] = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"];

/// The proxy variable the client reads for a request by `scheme` (`http` or `https`): the
/// scheme's own (`HTTPS_PROXY`, else `https_proxy`: the first that exists, as the client
/// takes it), and when that is empty, `ALL_PROXY` or `all_proxy` likewise. Under CGI
/// (`REQUEST_METHOD` set) the client takes none, so neither does this.
pub fn configured(scheme: &str) -> Option<Proxy> {
    if std::env::var_os("REQUEST_METHOD").is_some() {
        return None;
    }
    let own: [&'static str; 2] = match scheme {
        "https" => ["HTTPS_PROXY", "https_proxy"],
        _ => ["HTTP_PROXY", "http_proxy"],
    };
    [own, ["ALL_PROXY", "all_proxy"]]
        .into_iter()
        .filter_map(first_set)
        .find(|p| !p.value.trim().is_empty())
}

/// The first of the two spellings that exists.
fn first_set(names: [&'static str; 2]) -> Option<Proxy> {
    names
        .into_iter()
        .find_map(|var| std::env::var(var).ok().map(|value| Proxy { var, value }))
}

/// The `NO_PROXY` (or `no_proxy`) variable when it names `host`, which is then reached
/// directly: a domain names itself and the names under it (`.corp` and `corp` alike),
/// an address or a network (`10.0.0.0/8`) the addresses in it, and `*` every host.
pub fn exempting(host: &str) -> Option<&'static str> {
    let list = first_set(["NO_PROXY", "no_proxy"])?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let ip = host.parse::<std::net::IpAddr>().ok();
    let named = list.value.split(',').map(str::trim).any(|entry| match ip {
        Some(ip) => in_network(ip, entry),
        None => {
            let domain = entry.trim_start_matches('.');
            // The host itself, or a name under it: what ends with `.DOMAIN`.
            let ends = host
                .len()
                .checked_sub(domain.len())
                .and_then(|at| Some((at, host.get(at..)?)));
            entry == "*"
                || (!domain.is_empty()
                    && matches!(ends, Some((at, end)) if end.eq_ignore_ascii_case(domain)
                        && (at == 0 || host.as_bytes()[at - 1] == b'.')))
        }
    });
    named.then_some(list.var)
}

/// Whether `ip` is the address `entry`, or in the network it writes as `ADDRESS/BITS`.
fn in_network(ip: std::net::IpAddr, entry: &str) -> bool {
    use std::net::IpAddr;
    let (address, bits) = match entry.split_once('/') {
        Some((a, b)) => match b.parse::<u32>() {
            Ok(b) => (a, Some(b)),
            Err(_) => return false,
        },
        None => (entry, None),
    };
    let Ok(net) = address.parse::<IpAddr>() else {
        return false;
    };
    let (ip, net, width) = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u128::from(a.to_bits()), u128::from(n.to_bits()), 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (a.to_bits(), n.to_bits(), 128),
        _ => return false,
    };
    let bits = bits.unwrap_or(width);
    if bits > width {
        return false;
    }
    let shift = width - bits;
    shift >= width || (ip >> shift) == (net >> shift)
}

/// Why the client could not use `value` as a proxy, which it would then skip (going to
/// `ALL_PROXY`, or directly, instead): not a URL, a scheme it has no connector for, or no
/// host. `None` for one it uses; one without a scheme (`proxy.corp:3128`) it takes as HTTP.
pub fn unusable(value: &str) -> Option<String> {
    let Ok(uri) = value.parse::<::http::Uri>() else {
        return Some("not a URL".into());
    };
    if let Some(scheme) = uri.scheme_str() {
        if !SCHEMES.contains(&scheme) {
            return Some(format!(
                "scheme {scheme}, where a proxy's is one of {}",
                SCHEMES.join(", ")
            ));
        }
    }
    let Some(authority) = uri.authority() else {
        return Some("no host".into());
    };
    // The client keeps the host and port alone, and builds its URI from them.
    let host_port = authority
        .as_str()
        .rsplit_once('@')
        .map_or(authority.as_str(), |(_, h)| h);
    let rebuilt = ::http::Uri::builder()
        .scheme(uri.scheme_str().unwrap_or("http"))
        .authority(host_port)
        .path_and_query("/")
        .build();
    match rebuilt {
        Ok(_) if host_port.split(':').next().is_some_and(|h| !h.is_empty()) => None,
        Ok(_) => Some("no host".into()),
        Err(_) => Some("not a URL".into()),
    }
}

/// A proxy's value as it may be printed: its scheme, host and port, without a user name or
/// password (whatever the value's shape) and without a path.
pub fn shown(value: &str) -> String {
    let value = value.trim();
    let (scheme, rest) = match value.find("://") {
        Some(i) => value.split_at(i + 3),
        None => ("", value),
    };
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let end = host.find(['/', '?', '#']).unwrap_or(host.len());
    let shown = format!("{scheme}{}", &host[..end]);
    // A line, not a page: a value pasted whole from somewhere else is cut.
    match shown.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &shown[..at]),
        None => shown,
    }
}

/// The most of a proxy's value an error line shows.
const SHOWN_CHARS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_is_usable_as_the_client_reads_it() {
        for good in [
            "http://proxy.corp:3128",
            "https://proxy.corp",
            "socks5h://127.0.0.1:1080",
            "proxy.corp:3128",
            "127.0.0.1:3128",
            "http://me:pass@proxy.corp:3128/",
            "[::1]:3128",
        ] {
            assert_eq!(unusable(good), None, "{good}");
        }
        for (bad, why) in [
            ("http://[::1", "not a URL"),
            ("ftp://proxy.corp", "scheme ftp"),
            ("socks9://x:1", "scheme socks9"),
            ("http://", "not a URL"),
            ("http://me@:3128", "no host"),
            ("http://proxy corp", "not a URL"),
        ] {
            let said = unusable(bad).unwrap_or_default();
            assert!(said.starts_with(why), "{bad}: {said}");
        }
    }

    #[test]
    fn a_shown_proxy_has_no_credentials() {
        assert_eq!(shown("http://me:pw@proxy:1/x?y"), "http://proxy:1");
        assert_eq!(shown("me:p/w@proxy:1"), "proxy:1");
        assert_eq!(shown("socks5://a@b@proxy"), "socks5://proxy");
        let long = format!("http://{}", "é".repeat(500));
        assert_eq!(shown(&long).chars().count(), SHOWN_CHARS + 1);
    }

    #[test]
    fn addresses_and_networks_match_as_the_client_matches_them() {
        let ip = |s: &str| s.parse().unwrap();
        assert!(in_network(ip("10.1.2.3"), "10.0.0.0/8"));
        assert!(!in_network(ip("11.1.2.3"), "10.0.0.0/8"));
        assert!(in_network(ip("10.1.2.3"), "10.1.2.3"));
        assert!(in_network(ip("10.1.2.3"), "0.0.0.0/0"));
        assert!(in_network(ip("fd00::2"), "fd00::/8"));
        assert!(!in_network(ip("fd00::2"), "10.0.0.0/8"));
        assert!(!in_network(ip("10.1.2.3"), "10.0.0.0/40"));
    }
}
