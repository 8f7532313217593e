//! Prints how the importer parses one page: `cargo run -p hwcloud-codegen-cli --example dump_page -- PAGE`.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a page path"));
    let text = std::fs::read_to_string(&path).expect("readable");
    let Some((page, findings)) = hwcloud_codegen_cli::import::parse_page(&path, &text) else {
        eprintln!("not a page format the importer reads");
        std::process::exit(1);
    };
    for block in &page.blocks {
        println!("{block:?}");
    }
    for finding in findings {
        println!("{finding:?}");
    }
}
