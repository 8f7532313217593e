//! Prints how the importer parses one page: `cargo run -p codegen --example dump_page -- PAGE`.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a page path"));
    let text = std::fs::read_to_string(&path).expect("readable");
    let (page, findings) = if path.extension().is_some_and(|e| e == "rst") {
        codegen::import::rst::parse(&path, &text)
    } else {
        codegen::import::huawei_md::parse(&path, &text)
    };
    for block in &page.blocks {
        println!("{block:?}");
    }
    for finding in findings {
        println!("{finding:?}");
    }
}
