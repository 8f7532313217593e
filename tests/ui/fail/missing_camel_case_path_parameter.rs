use hwcloud::ges;

fn main() {
    // 查询图元数据详情 spells its path parameters `{projectId}`, `{graphName}`.
    let _ = ges::ListGraphsSchemaRequest::builder().graph_name("movies").build();
}
