//! The pages' vocabulary in both languages: every heading, caption, column,
//! label, cell value and type spelling the importer recognises, in one place.
//! Recognisers elsewhere ask these tables; none spells a page word of its own.
//! (Conventions of the APIs themselves, such as the field names that page a
//! list or carry an error code, stay with the transform that reads them.)

use hwcloud_runtime::Cloud;

use super::report::Section;

/// Words of a heading that open a section, in the order they are tried
/// (`URI` before `请求`: `请求URI`; examples before requests: `请求示例`).
/// Each entry: the section, words anywhere (any case), and English words the
/// heading starts with.
pub const SECTION_HEADINGS: &[(Section, &[&str], &[&str])] = &[
    (Section::Uri, &["uri"], &["url"]),
    (Section::Example, &["示例", "样例", "example"], &[]),
    (Section::StatusCodes, &["状态码", "返回值", "status code"], &[]),
    (Section::Request, &["请求"], &["request"]),
    (Section::Response, &["响应", "返回参数"], &["response"]),
    (Section::Function, &["功能"], &["function"]),
];

/// The section a heading opens.
pub fn section_of_heading(text: &str) -> Section {
    let lower = text.to_lowercase();
    SECTION_HEADINGS
        .iter()
        .find(|(_, anywhere, starts)| {
            anywhere.iter().any(|w| lower.contains(w)) || starts.iter().any(|w| lower.starts_with(w))
        })
        .map_or(Section::Other, |(section, _, _)| *section)
}

/// Headings that mark an operation page: `URI`, `URL` (level 2 or deeper),
/// at the heading's start.
pub const URI_HEADINGS: &[&str] = &["URI", "URL"];

/// What a table column holds, known by the header spellings the pages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Mandatory,
    Type,
    Description,
    Range,
    Default,
    Status,
    ErrorCode,
    ErrorMessage,
    Remedy,
}

/// Header spellings of each column, compared whole and in any letter case.
pub const COLUMNS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "参数名称",
            "参数",
            "名称",
            "参数名",
            "属性",
            "字段",
            "Parameter",
            "Name",
            "Parameter Name",
            "Attribute",
            "Field",
            "Field Name",
            "Response Item",
        ],
    ),
    (
        Column::Mandatory,
        &[
            "是否必选",
            "是否为必选",
            "是否必须",
            "必选",
            "Mandatory",
            "Mandatory or Not",
            "Required",
        ],
    ),
    (
        Column::Type,
        &["参数类型", "类型", "Type", "Parameter Type", "Data Type"],
    ),
    (
        Column::Description,
        &["说明", "描述", "含义", "备注", "Description"],
    ),
    (Column::Range, &["取值范围", "Value Range", "Range"]),
    (Column::Default, &["默认值", "Default Value", "Default"]),
    (
        Column::Status,
        &["状态码", "返回值", "Status Code", "HTTP Status Code"],
    ),
    (Column::ErrorCode, &["错误码", "Error Code", "Error Codes"]),
    (Column::ErrorMessage, &["错误信息", "Error Message", "Message"]),
    (
        Column::Remedy,
        &["处理措施", "Solution", "Handling Measure", "Measure"],
    ),
];

impl Column {
    /// The column a header names, in either language, any letter case.
    pub fn of(header: &str) -> Option<Column> {
        let header = header.trim();
        COLUMNS
            .iter()
            .find(|(_, names)| names.iter().any(|n| header.eq_ignore_ascii_case(n)))
            .map(|(column, _)| *column)
    }
}

/// Mandatory-column cells: yes, then no.
pub const MANDATORY_YES: &[&str] = &["是", "Yes", "yes", "YES", "True", "true", "必选", "M"];
pub const MANDATORY_NO: &[&str] = &["否", "No", "no", "NO", "False", "false", "可选", "O"];

/// A mandatory-column cell: `是`, `Yes`, `M` … or `否`, `No`, `O` ….
pub fn mandatory(text: &str) -> Option<bool> {
    let text = text.trim();
    if MANDATORY_YES.contains(&text) {
        Some(true)
    } else if MANDATORY_NO.contains(&text) {
        Some(false)
    } else {
        None
    }
}

/// Labels that number a table in its caption and in citations: `表 4`, `Table 4`.
pub const TABLE_LABELS: &[&str] = &["表", "Table"];

/// How the type column spells each scalar type (compared without spaces, in
/// lower case): `String`, `Int32`, `BigDecimal`, `JSONObject` ….
pub const TYPE_SPELLINGS: &[(&str, &[&str])] = &[
    ("string", &["string", "str", "char", "datetime", "date", "uuid"]),
    ("integer", &["integer", "int", "int32", "short"]),
    ("long", &["long", "int64", "bigint"]),
    ("number", &["number", "double", "float", "bigdecimal", "decimal"]),
    ("boolean", &["boolean", "bool"]),
    (
        "object",
        &[
            "object",
            "jsonobject",
            "json",
            "body",
            "struct",
            "dict",
            "字典",
            "字典数据结构",
        ],
    ),
];

/// Labels a description cites a table by: `表4`, `表 4`, `Table 4`.
pub const CITATION_LABELS: [&str; 2] = ["表", "Table "];

/// Labels of a line announcing the status of the tables below it (lower case).
pub const STATUS_LABELS: &[&str] = &["状态码", "http status code", "status code", "返回码"];

/// Caption words of a response table documenting the error body
/// (`异常响应要素说明`, `Abnormal response`), lower case.
pub const ERROR_BODY_CAPTION_WORDS: &[&str] = &[
    "异常响应",
    "错误响应",
    "失败响应",
    // `处理失败返回参数` beside `处理成功返回参数` (VOD).
    "失败返回",
    "abnormal response",
    "error response",
    // IAM's `Error Reponse Body参数说明`, as printed.
    "error reponse",
];

/// Caption or lead words of a header table.
pub const HEADER_WORDS: &[&str] = &["header", "消息头", "头参数"];

/// Headers written as one word; others are capitalised words joined by hyphens.
pub const SINGLE_WORD_HEADERS: &[&str] = &[
    "Authorization",
    "Accept",
    "Host",
    "Date",
    "Cookie",
    "Location",
    "ETag",
];

/// Caption words of a path-parameter table besides the word `uri`.
pub const PATH_CAPTION_WORDS: &[&str] = &["路径参数"];

/// Caption words of a query-parameter table in the request section.
pub const QUERY_CAPTION_WORDS: &[&str] = &["query", "查询参数"];

/// Caption words that make a URI table's rows query parameters. Broader than
/// [`QUERY_CAPTION_WORDS`]: under `URI`, `查询` alone (`查询条件`) means query.
pub const URI_QUERY_CAPTION_WORDS: &[&str] = &["query", "查询"];

/// Prefixes before a `METHOD /path` line.
pub const URI_LINE_PREFIXES: &[&str] = &["URI格式：", "URI格式:", "URI format:"];

/// Labels of the method where a page gives method and URI apart, as labelled
/// lines (`Method: POST`) or as the columns of a table (`请求方法` | `URI`).
/// Compared whole, in any letter case.
pub const URI_METHOD_LABELS: &[&str] = &[
    "method",
    "http method",
    "request method",
    "请求方法",
    "方法",
    "HTTP方法",
];

/// Labels of the path beside [`URI_METHOD_LABELS`].
pub const URI_PATH_LABELS: &[&str] = &[
    "path",
    "uri",
    "url",
    "request uri",
    "请求路径",
    "路径",
    "请求URI",
    "URI格式",
    "URI format",
];

/// Names of the one row that stands for the elements of an array body
/// (`[数组元素]`, `Array elements`), compared in any case, brackets aside.
pub const ARRAY_ELEMENT_ROWS: &[&str] = &["数组元素", "array elements", "array element"];

/// The bare words that stand for the elements only in brackets (`*[数组]*`,
/// `*[Array]*`): a field may well be called `array`.
pub const BRACKETED_ARRAY_ROWS: &[&str] = &["数组", "array"];

/// Whether a row's name stands for the elements of an array body (emphasis
/// and brackets aside: IMS prints `*[数组]*`).
pub fn is_array_element_row(name: &str) -> bool {
    let unemphasized = name.trim().trim_matches(|c: char| matches!(c, '*' | '_')).trim();
    let bracketed = unemphasized.starts_with('[') && unemphasized.ends_with(']');
    let name = unemphasized.trim_start_matches('[').trim_end_matches(']').trim();
    ARRAY_ELEMENT_ROWS
        .iter()
        .any(|row| row.eq_ignore_ascii_case(name))
        || bracketed
            && BRACKETED_ARRAY_ROWS
                .iter()
                .any(|row| row.eq_ignore_ascii_case(name))
}

/// Example labels, tried in this order: error, then response (before request:
/// GES titles responses `请求成功样例`), then request. `(words, lower-case words)`.
pub const EXAMPLE_ERROR_WORDS: (&[&str], &[&str]) = (&["失败", "异常"], &["error", "fail"]);
pub const EXAMPLE_RESPONSE_WORDS: (&[&str], &[&str]) = (&["响应", "成功"], &["response"]);
pub const EXAMPLE_REQUEST_WORDS: (&[&str], &[&str]) = (&["请求"], &["request"]);
/// A caption that says its table describes an example (`Parameter description
/// of the example policy`, `示例策略参数说明`): what the example holds, no field.
pub const OF_AN_EXAMPLE_WORDS: (&[&str], &[&str]) = (&["示例", "样例"], &["of the example", "example "]);

/// Whether a label has one of `words` (as written) or `lower` (lower-cased).
pub fn says(label: &str, (words, lower): (&[&str], &[&str])) -> bool {
    let lowered = label.to_lowercase();
    words.iter().any(|w| label.contains(w)) || lower.iter().any(|w| lowered.contains(w))
}

/// Fields whose object is the caller's or the service's own keys, a map
/// whatever an example shows (`metadata`, `image_tags`): by the last word of
/// the name, and by words of the description.
pub const FREE_FORM_NAMES: &[&str] = &[
    "metadata",
    "meta",
    "tags",
    "tag",
    "labels",
    "annotations",
    "properties",
    "parameters",
    "specs",
    "headers",
    "translate",
];
pub const FREE_FORM_WORDS: (&[&str], &[&str]) =
    (&["键值对", "自定义"], &["key-value", "key/value", "user-defined"]);

/// Example bodies that stand for none.
pub const NO_EXAMPLE: &[&str] = &["None", "无"];

/// Status prefixes inside an example block.
pub const EXAMPLE_STATUS_PREFIXES: &[&str] = &["Http Status Code:", "HTTP Status Code:"];

/// Function-section paragraphs that are notes, not the summary.
pub const NOTE_PREFIXES: &[&str] = &["说明", "NOTE"];

/// Title words and path words of a deprecated page.
pub const DEPRECATED_TITLE_WORDS: &[&str] = &["废弃", "Deprecated"];
pub const DEPRECATED_PATH_WORDS: &[&str] = &["out-of-date", "废弃"];

/// Words of the note on a deprecated page that says what replaces it.
pub const DEPRECATION_NOTE_WORDS: &[&str] = &["已过时", "已废弃", "out of date", "deprecated"];

/// How captions end after the name of the object they describe.
pub const CAPTION_SUFFIXES: &[&str] = &[
    "参数数据结构说明",
    "字段数据结构说明",
    "类型数据结构说明",
    "类型数据结构",
    "数据结构说明",
    "数据结构",
    "对象说明",
    "字段说明",
    "格式说明",
    "参数说明",
    "对象",
    "类型",
    "结构",
    " object",
    " format",
];

/// A Huawei Markdown paragraph that captions the table below it ends so.
pub const MARKDOWN_CAPTION_SUFFIX: &str = "说明";

/// Lines of a rendered page's pager, where its article ends.
pub const RENDERED_PAGER_LINES: &[&str] = &["• Prev", "• Next"];
pub const RENDERED_UPDATED_LABEL: &str = "last updated:";

/// Header words of an endpoint table's endpoint column.
pub const ENDPOINT_COLUMN_WORDS: &[&str] = &["endpoint", "终端节点"];

/// Words of a documentation folder's name that say which language, snapshot
/// or kind of document it is, not which service (`huawei-dli-zh`,
/// `otc-iam-en-2024-05`); the clouds' own words are [`Cloud::folder_markers`].
pub const FOLDER_WORDS: &[&str] = &[
    "docs",
    "api",
    "apiref",
    "ref",
    "reference",
    "zh",
    "cn",
    "en",
    "de",
    "us",
    "intl",
];

/// Whether a word of a folder's name is a marker: a cloud's, a language, a date part.
pub fn is_folder_marker(word: &str) -> bool {
    FOLDER_WORDS.contains(&word)
        || Cloud::ALL
            .iter()
            .any(|cloud| cloud.folder_markers().contains(&word))
        || word.chars().all(|c| c.is_ascii_digit())
}

/// The cloud a documentation folder's name names (`huawei-dli-zh`, `otc-iam-en`).
pub fn cloud_of_folder(folder: &str) -> Option<Cloud> {
    let folder = folder.to_lowercase();
    let words: Vec<&str> = folder.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    Cloud::ALL
        .into_iter()
        .find(|cloud| cloud.folder_markers().iter().any(|m| words.contains(m)))
}

/// Description labels of a field's constraints (`最小长度：1`, `Minimum length:`).
pub const CONSTRAINT_LABELS: &[(&str, ConstraintLabel)] = &[
    ("最小长度", ConstraintLabel::MinLength),
    ("最大长度", ConstraintLabel::MaxLength),
    ("最小值", ConstraintLabel::Minimum),
    ("最大值", ConstraintLabel::Maximum),
    ("缺省值", ConstraintLabel::Default),
    ("默认值", ConstraintLabel::Default),
    ("枚举值", ConstraintLabel::Enum),
    ("Minimum length", ConstraintLabel::MinLength),
    ("Maximum length", ConstraintLabel::MaxLength),
    ("Minimum value", ConstraintLabel::Minimum),
    ("Maximum value", ConstraintLabel::Maximum),
    ("Default value", ConstraintLabel::Default),
    ("Enumeration values", ConstraintLabel::Enum),
    ("Enumerated values", ConstraintLabel::Enum),
    ("Enum values", ConstraintLabel::Enum),
];

/// What a constraint label gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintLabel {
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    Default,
    Enum,
}

/// The verbs English titles begin with, as gerunds. A title with none of them
/// keeps the id its path gives.
pub const GERUNDS: &[(&str, &str)] = &[
    ("Adding", "add"),
    ("Associating", "associate"),
    ("Authorizing", "authorize"),
    ("Binding", "bind"),
    ("Canceling", "cancel"),
    ("Cancelling", "cancel"),
    ("Changing", "change"),
    ("Checking", "check"),
    ("Committing", "commit"),
    ("Creating", "create"),
    ("Deleting", "delete"),
    ("Describing", "describe"),
    ("Disassociating", "disassociate"),
    ("Downloading", "download"),
    ("Executing", "execute"),
    ("Exporting", "export"),
    ("Generating", "generate"),
    ("Getting", "get"),
    ("Granting", "grant"),
    ("Importing", "import"),
    ("Listing", "list"),
    ("Modifying", "modify"),
    ("Obtaining", "obtain"),
    ("Previewing", "preview"),
    ("Querying", "query"),
    ("Removing", "remove"),
    ("Restarting", "restart"),
    ("Revoking", "revoke"),
    ("Running", "run"),
    ("Scaling", "scale"),
    ("Setting", "set"),
    ("Starting", "start"),
    ("Stopping", "stop"),
    ("Submitting", "submit"),
    ("Testing", "test"),
    ("Unbinding", "unbind"),
    ("Updating", "update"),
    ("Uploading", "upload"),
    ("Viewing", "view"),
];

/// Chinese title verbs and the verb of an id, tried in this order at the title's
/// start, then at its end (`驾驶证识别`). Querying verbs (`查询`, `获取`) give
/// none: the method tells listing from showing.
pub const TITLE_VERBS_ZH: &[(&str, Option<&str>)] = &[
    ("批量删除", Some("batch_delete")),
    ("批量创建", Some("batch_create")),
    ("批量添加", Some("batch_create")),
    ("批量更新", Some("batch_update")),
    ("批量修改", Some("batch_update")),
    ("批量查询", None),
    ("查询", None),
    ("获取", None),
    ("查看", None),
    ("列出", None),
    ("创建", Some("create")),
    ("新增", Some("create")),
    ("新建", Some("create")),
    ("生成", Some("create")),
    ("申请", Some("create")),
    ("添加", Some("add")),
    ("增加", Some("add")),
    ("删除", Some("delete")),
    ("移除", Some("remove")),
    ("修改", Some("update")),
    ("更新", Some("update")),
    ("编辑", Some("update")),
    ("变更", Some("update")),
    ("配置", Some("update")),
    ("设置", Some("set")),
    ("启动", Some("start")),
    ("开启", Some("enable")),
    ("启用", Some("enable")),
    ("停止", Some("stop")),
    ("终止", Some("stop")),
    ("关闭", Some("disable")),
    ("禁用", Some("disable")),
    ("重启", Some("restart")),
    ("取消", Some("cancel")),
    ("识别", Some("recognize")),
    ("导入", Some("import")),
    ("导出", Some("export")),
    ("上传", Some("upload")),
    ("下载", Some("download")),
    ("解除绑定", Some("unbind")),
    ("解绑", Some("unbind")),
    ("绑定", Some("bind")),
    ("挂载", Some("attach")),
    ("卸载", Some("detach")),
    ("解除关联", Some("disassociate")),
    ("解关联", Some("disassociate")),
    ("关联", Some("associate")),
    ("扩容", Some("resize")),
    ("缩容", Some("resize")),
    ("重置", Some("reset")),
    ("校验", Some("check")),
    ("检查", Some("check")),
    ("执行", Some("execute")),
    ("运行", Some("run")),
    ("提交", Some("submit")),
    ("授权", Some("authorize")),
    ("恢复", Some("restore")),
    ("升级", Some("upgrade")),
    ("安装", Some("install")),
    ("复制", Some("copy")),
    ("迁移", Some("migrate")),
    ("同步", Some("sync")),
    ("注册", Some("register")),
    ("注销", Some("unregister")),
    ("发布", Some("publish")),
    ("回滚", Some("rollback")),
    ("切换", Some("switch")),
    ("统计", Some("count")),
    ("发送", Some("send")),
    ("推送", Some("push")),
    ("接受", Some("accept")),
    ("拒绝", Some("reject")),
    ("刷新", Some("refresh")),
    ("确认", Some("confirm")),
];

/// A title without its parenthesised remarks (`(Deprecated)`, `（废弃）`).
pub fn without_remarks(title: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// The verb a Chinese title gives an id, parenthesised remarks (`（废弃）`) aside.
pub fn title_verb(title: &str) -> Option<&'static str> {
    let plain = without_remarks(title);
    let plain = plain.trim();
    let at_start = TITLE_VERBS_ZH.iter().find(|(word, _)| plain.starts_with(word));
    let at_end = || TITLE_VERBS_ZH.iter().find(|(word, _)| plain.ends_with(word));
    at_start.or_else(at_end).and_then(|(_, verb)| *verb)
}

/// Words a title's id leaves out.
pub const ARTICLES: &[&str] = &["a", "an", "the"];

/// Words that tell no two titles apart (`Tags for the Disk`, `Tags of a Disk`).
pub const PREPOSITIONS: &[&str] = &["for", "of", "in", "on", "to", "from", "with", "by", "at", "and"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_rows_are_read_through_brackets_and_emphasis() {
        for name in [
            "[数组元素]",
            "Array elements",
            "*[数组]*",
            "_[数组]_",
            "[Array element]",
            "*[Array]*",
        ] {
            assert!(is_array_element_row(name), "{name}");
        }
        assert!(!is_array_element_row("items") && !is_array_element_row("*[数组元素参数]*"));
        assert!(!is_array_element_row("array") && !is_array_element_row("_array_"));
    }

    #[test]
    fn headings_open_their_sections_in_both_languages() {
        for (heading, section) in [
            ("URI", Section::Uri),
            ("请求URI", Section::Uri),
            ("请求示例", Section::Example),
            ("Example Request", Section::Example),
            ("状态码", Section::StatusCodes),
            ("Status Codes", Section::StatusCodes),
            ("请求参数", Section::Request),
            ("Request Parameters", Section::Request),
            ("响应参数", Section::Response),
            ("返回参数", Section::Response),
            ("Response Parameters", Section::Response),
            ("功能介绍", Section::Function),
            ("Function", Section::Function),
            ("约束与限制", Section::Other),
        ] {
            assert_eq!(section_of_heading(heading), section, "{heading}");
        }
    }

    #[test]
    fn columns_and_mandatory_cells_in_both_languages() {
        assert_eq!(Column::of("参数名称"), Some(Column::Name));
        assert_eq!(Column::of(" parameter "), Some(Column::Name));
        assert_eq!(Column::of("是否必选"), Some(Column::Mandatory));
        assert_eq!(Column::of("Error Message"), Some(Column::ErrorMessage));
        assert_eq!(Column::of("Whatever"), None);
        assert_eq!(mandatory("是"), Some(true));
        assert_eq!(mandatory(" No "), Some(false));
        assert_eq!(mandatory("maybe"), None);
    }

    #[test]
    fn the_clouds_are_one_table_the_runtime_the_model_and_the_importer_read() {
        let ids: Vec<&str> = Cloud::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids, hwcloud_model::spec::schema::CLOUDS);
        for word in [
            "huawei",
            "huaweicloud",
            "otc",
            "opentelekomcloud",
            "tsystems",
            "zh",
            "en",
            "2024",
        ] {
            assert!(is_folder_marker(word), "{word}");
        }
        for cloud in Cloud::ALL {
            let host = format!("dli.{{region}}.{}", cloud.domain());
            assert_eq!(Cloud::of_host(&host), Some(cloud));
        }
        assert_eq!(Cloud::of_host("dli.example.com"), None);
        assert!(!is_folder_marker("dli"));
    }

    #[test]
    fn chinese_titles_give_verbs() {
        assert_eq!(title_verb("删除IP地址组"), Some("delete"));
        assert_eq!(title_verb("驾驶证识别"), Some("recognize"));
        assert_eq!(title_verb("批量删除作业（废弃）"), Some("batch_delete"));
        assert_eq!(title_verb("查询作业列表"), None);
        assert_eq!(title_verb("API概览"), None);
    }

    #[test]
    fn example_labels() {
        assert!(says("请求失败样例", EXAMPLE_ERROR_WORDS));
        assert!(says("Example Response", EXAMPLE_RESPONSE_WORDS));
        assert!(!says("Example Request", EXAMPLE_RESPONSE_WORDS));
        assert!(says("Example Request", EXAMPLE_REQUEST_WORDS));
    }
}
