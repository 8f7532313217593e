use hwcloud::ges;

fn describe(code: &ges::ErrorCode) -> &'static str {
    match code {
        ges::ErrorCode::Ges8303 => "job not found",
        ges::ErrorCode::Ges8000 => "bad parameter",
    }
}

fn main() {
    let _ = describe(&ges::ErrorCode::Ges8303);
}
