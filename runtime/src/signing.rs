//! AK/SK request signing with `SDK-HMAC-SHA256`, as the official Huawei Cloud SDKs
//! sign (`huaweicloudsdkcore.signer.Signer`), step for step, so that API Gateway
//! verifies our signatures exactly as it verifies theirs.
//!
//! Sans-IO: [`sign`] adds `X-Sdk-Date`, `Host` and `Authorization` to an
//! [`http::Request`] whose URI is absolute.

use std::fmt;
use std::time::SystemTime;

use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

const ALGORITHM: &str = "SDK-HMAC-SHA256";
const HEADER_DATE: &str = "x-sdk-date";
const HEADER_CONTENT_SHA256: &str = "x-sdk-content-sha256";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// SHA-256 of nothing: the payload hash of a request without a body.
const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// Python's `quote(s, safe='~')` keeps exactly the RFC 3986 unreserved set, which
/// is what the runtime encodes path and query values with.
use crate::request::COMPONENT as UNRESERVED;

/// An access key pair. The secret never appears in `Debug` output.
#[derive(Clone)]
pub struct AccessKey {
    /// The access key id (AK).
    pub id: String,
    secret: String,
}

impl AccessKey {
    /// An AK/SK pair.
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        AccessKey {
            id: id.into(),
            secret: secret.into(),
        }
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKey")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    /// The URI has no host, so neither `Host` nor the endpoint is known.
    #[error("the request URI `{0}` is not absolute")]
    RelativeUri(String),
    /// A given `X-Sdk-Date` is not `YYYYMMDDTHHMMSSZ`.
    #[error("X-Sdk-Date `{0}` is not of the form 20191115T033655Z")]
    BadDate(String),
    /// A header value computed here could not be a header value.
    #[error("header value for `{0}` is invalid")]
    BadHeader(&'static str),
}

/// `X-Sdk-Date` for a moment: `YYYYMMDDTHHMMSSZ` in UTC.
///
/// Computed here rather than with a date crate: the proleptic Gregorian date of
/// a day count is a few lines of arithmetic, and every build of the runtime,
/// client or not, would otherwise compile the crate and its macros.
pub fn sdk_date(at: SystemTime) -> String {
    let seconds = match at.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs_f64().ceil() as u64).unwrap_or(i64::MAX),
    };
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (
        second_of_day / 3_600,
        second_of_day % 3_600 / 60,
        second_of_day % 60,
    );
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z")
}

/// The (year, month, day) of a count of days since 1970-01-01, in the
/// proleptic Gregorian calendar (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Signs `request` in place: sets `X-Sdk-Date` (unless present), `Host` (unless
/// present), `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` for non-JSON bodies, and
/// `Authorization`.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    key: &AccessKey,
    now: SystemTime,
) -> Result<(), SigningError> {
    let host = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .ok_or_else(|| SigningError::RelativeUri(request.uri().to_string()))?;
    let headers = request.headers_mut();
    let content_type = headers
        .get(http::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    if let Some(content_type) = content_type
        && !content_type.starts_with("application/json")
        && !content_type.starts_with("application/bson")
    {
        headers.insert(
            HEADER_CONTENT_SHA256,
            http::HeaderValue::from_static(UNSIGNED_PAYLOAD),
        );
    }
    let date = match headers.get(HEADER_DATE) {
        Some(date) => {
            let date = String::from_utf8_lossy(date.as_bytes()).into_owned();
            if !is_sdk_date(&date) {
                return Err(SigningError::BadDate(date));
            }
            date
        }
        None => {
            let date = sdk_date(now);
            headers.insert(HEADER_DATE, header_value(&date, "X-Sdk-Date")?);
            date
        }
    };
    if !headers.contains_key(http::header::HOST) {
        headers.insert(http::header::HOST, header_value(&host, "Host")?);
    }
    let signed_headers = signed_headers(request.headers());
    let canonical = canonical_request(request, &signed_headers);
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key.secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = hex::encode(mac.finalize().into_bytes());
    let authorization = format!(
        "{ALGORITHM} Access={}, SignedHeaders={}, Signature={signature}",
        key.id,
        signed_headers.join(";")
    );
    request.headers_mut().insert(
        http::header::AUTHORIZATION,
        header_value(&authorization, "Authorization")?,
    );
    Ok(())
}

fn header_value(value: &str, name: &'static str) -> Result<http::HeaderValue, SigningError> {
    http::HeaderValue::from_str(value).map_err(|_| SigningError::BadHeader(name))
}

fn is_sdk_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 16
        && bytes[8] == b'T'
        && bytes[15] == b'Z'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| matches!(i, 8 | 15) || b.is_ascii_digit())
}

/// Every header whose name has no `_`, lower-cased and sorted.
fn signed_headers(headers: &http::HeaderMap) -> Vec<String> {
    let mut names: Vec<String> = headers
        .keys()
        .map(|name| name.as_str().to_owned())
        .filter(|name| !name.contains('_'))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn canonical_request(request: &http::Request<Vec<u8>>, signed_headers: &[String]) -> String {
    let headers: String = signed_headers
        .iter()
        .map(|name| {
            let value = request
                .headers()
                .get(name.as_str())
                .map(|v| v.as_bytes())
                .unwrap_or_default();
            format!("{name}:{}\n", String::from_utf8_lossy(value).trim())
        })
        .collect();
    let payload = if request.body().is_empty() {
        EMPTY_HASH.to_owned()
    } else {
        match request.headers().get(HEADER_CONTENT_SHA256) {
            Some(value) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
            None => hex::encode(Sha256::digest(request.body())),
        }
    };
    format!(
        "{}\n{}\n{}\n{headers}\n{}\n{payload}",
        request.method().as_str().to_uppercase(),
        canonical_uri(request.uri().path()),
        canonical_query(request.uri().query().unwrap_or_default()),
        signed_headers.join(";"),
    )
}

/// The path decoded, split on `/` (an encoded `%2F` splits too, as in the official
/// SDK), each piece re-encoded, and a trailing `/` ensured.
fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded
        .split('/')
        .map(|segment| utf8_percent_encode(segment, UNRESERVED).to_string())
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Query pairs decoded, sorted by key then value, re-encoded.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                utf8_percent_encode(key, UNRESERVED),
                utf8_percent_encode(value, UNRESERVED)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_agree_with_the_time_crate_every_day_from_1960_to_2200() {
        let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
        let first = -3_653 * 86_400_i64; // 1960-01-01
        for day in 0..(240 * 366) {
            // A different second of the day each day, the last one included.
            let seconds = first + day * 86_400 + (day * 7_919).rem_euclid(86_400);
            let at = if seconds >= 0 {
                SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds as u64)
            } else {
                SystemTime::UNIX_EPOCH - std::time::Duration::from_secs(seconds.unsigned_abs())
            };
            let expected = time::OffsetDateTime::from(at).format(format).unwrap();
            assert_eq!(sdk_date(at), expected, "{seconds} s after the epoch");
        }
    }

    #[test]
    fn dates_are_formatted_in_utc() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_573_788_615);
        assert_eq!(sdk_date(at), "20191115T033015Z");
        assert!(is_sdk_date("20191115T033015Z"));
        assert!(!is_sdk_date("2019-11-15T03:30:15Z"));
    }

    #[test]
    fn canonical_forms_follow_the_official_sdk() {
        assert_eq!(canonical_uri("/v1.0/p/jobs/a%2Fb"), "/v1.0/p/jobs/a/b/");
        assert_eq!(canonical_uri("/v1.0/%E5%9B%BE+x/"), "/v1.0/%E5%9B%BE%2Bx/");
        assert_eq!(canonical_query("b=2&a=z&a=y&c"), "a=y&a=z&b=2&c=");
    }

    #[test]
    fn the_secret_is_redacted() {
        let key = AccessKey::new("AK123", "very-secret");
        assert_eq!(
            format!("{key:?}"),
            r#"AccessKey { id: "AK123", secret: "<redacted>" }"#
        );
    }
}
