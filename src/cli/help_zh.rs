//! `--help` in Chinese, the report's default language (`--lang en --help` gives clap's English
//! help). clap cannot translate its own layout, so each command's help is written out here; a
//! test checks that every flag and argument clap knows is described, so the two cannot drift.

/// The Chinese help of the command at `path` (`[]` the single estimate, `["rules", "show"]`), or
/// None for a path this module does not describe (clap's English help is shown then).
pub fn text(path: &[&str]) -> Option<String> {
    let body = match path {
        [] => [ROOT_HEAD, CASE_OPTIONS, &common(true), ROOT_TAIL].concat(),
        ["batch"] => [BATCH_HEAD, &common(false), BATCH_TAIL].concat(),
        ["compare"] => [
            COMPARE_HEAD,
            CASE_OPTIONS,
            COMPARE_OPTIONS,
            &common(false),
            COMPARE_TAIL,
        ]
        .concat(),
        ["rules"] => [RULES_HEAD, &common(false)].concat(),
        ["rules", "list"] => [RULES_LIST_HEAD, &common(false)].concat(),
        ["rules", "show"] => [RULES_SHOW_HEAD, &common(false)].concat(),
        ["rules", "check"] => [RULES_CHECK_HEAD, &common(false)].concat(),
        ["schema"] => [SCHEMA_HEAD, &common(false)].concat(),
        _ => return None,
    };
    Some(body)
}

/// The usage lines of the command at `path`, from its Chinese help (`用法：estimate batch [选项]
/// [INPUT]...`): the generic usage a usage error shows, never clap's, which names the arguments
/// given (or suggested) and is in English.
pub fn usage(path: &[&str]) -> Option<String> {
    let help = text(path)?;
    let lines: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("用法："))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// clap's English usage in Chinese words, aligned as the Chinese help aligns it.
pub fn translate_usage(en: &str) -> String {
    en.trim_end()
        .replacen("Usage: ", "用法：", 1)
        .replace("\n       ", "\n      ")
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<子命令>")
}

/// The command a help request is for, read from the command line as clap reads it: the
/// subcommand (and `rules`' own subcommand) named before anything else, or after `help`.
/// Global options and their values are skipped (`--lang en`, `--lang=en`). Any other flag ends
/// the path: `-h` or `--help` asks for the help of the command named so far (`-h batch` and
/// `rules --help show` are clap's help for the root and for `rules`), and a case's own flag takes
/// a value clap reads as a value, never as a subcommand (`--province batch --help` is the root's).
pub fn path_of(args: &[String], global_options: &[&str]) -> Vec<&'static str> {
    const SUBS: &[&str] = &["batch", "compare", "rules", "schema"];
    const RULES_SUBS: &[&str] = &["list", "show", "check"];
    let mut path: Vec<&'static str> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_str();
        if global_options.contains(&a) {
            i += 2;
            continue;
        }
        i += 1;
        if global_options
            .iter()
            .any(|g| a.strip_prefix(g).is_some_and(|rest| rest.starts_with('=')))
        {
            continue;
        }
        if a.starts_with('-') {
            break;
        }
        let next = match path.as_slice() {
            [] if a == "help" => continue,
            [] => SUBS.iter().find(|s| **s == a),
            ["rules"] => RULES_SUBS.iter().find(|s| **s == a),
            _ => None,
        };
        match next {
            Some(s) => path.push(s),
            None => break,
        }
    }
    path
}

fn common(version: bool) -> String {
    let mut s = String::from(COMMON_OPTIONS);
    if version {
        s.push_str("  -V, --version\n      显示版本\n");
    }
    s
}

const ROOT_HEAD: &str = "\
依据我国法律及各地参考标准估算精神损害抚慰金，每个数额均注明出处。

输出估算金额与估算区间（元）、计算过程、适用幅度，以及所依据的每一条规定及其效力状态。
默认中文报告；--lang en 输出英文报告（--lang en --help 显示英文说明）。

示例：
  estimate --province sichuan --disability-grade 7 --liability 0.5
  estimate --province 山东 --harm personality --infringer organization --severity serious
  estimate --case case.json --format json
  estimate batch cases.jsonl --format csv > results.csv
  estimate compare --harm disability --disability-grade 7 --provinces all
  estimate rules show 四川

用法：estimate [选项]
      estimate <子命令>

子命令：
  batch    批量估算：从 JSON 文件、目录或标准输入（-）读取案件
  compare  同一案情跨省比较（可按伤残等级或责任系数扫描）
  rules    列出、查看或检查规则库
  schema   输出输入案件或输出结果的 JSON Schema
  help     显示本说明或某个子命令的说明（如 estimate help batch）

";

const CASE_OPTIONS: &str = "\
案件选项：
  --case <FILE>
      从 JSON 文件读取案件（- 为标准输入）；同时给出的选项覆盖文件中的字段
  --id <ID>
      案件编号，原样写入输出
  --province <PROVINCE>
      省份：拼音、中文、简称或行政区划代码（sichuan、四川、川、510000）；national 只用全国性规定
  --harm <HARM>
      损害类型：death 死亡、disability 残疾、injury 人身伤害、personality 人格权益、
      memorial 具有人身意义的特定物、ip-moral 著作人身权、personal-info 个人信息、
      detention 人身自由，中英文均可。给出 --disability-grade、--info-* 或 --detention-days 时可省略
  --context <CONTEXT>
      情形：civil 民事侵权（默认）、traffic 交通事故、medical-accident 医疗事故、
      state-compensation 国家赔偿，中英文均可
  --disability-grade <DISABILITY_GRADE>
      伤残等级，1（最重）至 10；隐含 --harm disability
  --liability <LIABILITY>
      侵权人的责任系数，0 至 1
  --victim-fault <VICTIM_FAULT>
      受害人自身的过错，0 至 1
  --infringer <INFRINGER>
      侵权人：natural 自然人或 organization 单位
  --severity <SEVERITY>
      严重程度：general 一般、serious 严重、especially-serious 特别严重，或某省的档次名称
      （如 level-2 / 二级）。国家赔偿案件（2021-04-01 起）未给出严重程度的：受害人死亡或被
      羁押 3653 日以上的按特别严重（第七条第二款）；损害为人身自由且羁押 180 日以下的、
      伤情为轻微伤的按一般（未造成严重后果，不支付；第七条）；其余按严重
  --fault <FAULT>
      过错程度：intent 故意、gross-negligence 重大过失、ordinary-negligence 一般过失、
      slight-negligence 轻微过失
  --circumstances <CIRCUMSTANCES>
      情节：egregious 手段恶劣、serious 情节严重、ordinary 一般、minor 情节轻微
  --consequence <CONSEQUENCE>
      后果：severe 后果特别严重、serious 后果严重、ordinary 一般、minor 后果轻微
  --gain-level <GAIN_LEVEL>
      获利（作为因素档次）：large 获利巨大、some 有获利、none 无获利（未给出时由 --profit-motive、
      --gain 推定）
  --ability <ABILITY>
      侵权人经济能力：strong 较强、ordinary 一般、weak 较弱
  --living-standard <LIVING_STANDARD>
      当地平均生活水平：high 较高、ordinary 一般、low 较低
  （以上六因素的档次中英文均可，如 --fault 故意。）
  --profit-motive [<BOOL>]
      侵权人以营利为目的（--profit-motive false 表示否）
  --gain <GAIN>
      侵权人获利金额（元）（个人信息案件：违法所得）
  --victims <VICTIMS>
      同一行为的受害人人数
  --defendants <DEFENDANTS>
      侵权人人数（共同侵权）
  --age <AGE>
      受害人年龄（岁），0 至 150
  --victim <VICTIM>
      受害人：natural 自然人或 organization 单位
  --injury-degree <INJURY_DEGREE>
      伤情：slight 轻微伤、minor 轻伤、serious 重伤
  --avg-living-expense <AVG_LIVING_EXPENSE>
      年平均生活费（元）
  --avg-wage <AVG_WAGE>
      职工年平均工资（元）
  --detention-days <DETENTION_DAYS>
      失去人身自由的天数；隐含 --harm detention
  --base-compensation <BASE_COMPENSATION>
      国家赔偿：人身自由赔偿金、生命健康赔偿金总额（元）
  --info-sensitive <INFO_SENSITIVE>
      个人信息：行踪轨迹、通信内容、征信、财产信息的条数；任一 --info-* 隐含 --harm personal-info
  --info-important <INFO_IMPORTANT>
      个人信息：住宿、通信记录、健康生理、交易信息的条数
  --info-other <INFO_OTHER>
      个人信息：其他信息的条数
  --insider [<BOOL>]
      信息系在履行职责或者提供服务过程中获得（--insider false 表示否）
  --date <DATE>
      损害发生或裁判的日期（YYYY-MM-DD），据以选用当时有效的规定［默认：今天］

";

const COMMON_OPTIONS: &str = "\
通用选项：
  --lang <LANG>
      报告语言：zh（默认）或 en
  --format <FORMAT>
      输出格式［默认：单个案件 text，batch 为 jsonl，compare 为 table］：
        text   供阅读的报告（batch 与 compare 为表格；rules 为列表）
        json   一个 JSON 对象（batch、compare 为一个 JSON 数组）
        jsonl  每行一个 JSON 对象
        csv    CSV，带 BOM 的 UTF-8（Excel 可直接打开）
        table  对齐的表格
      （schema 只输出 JSON：json 或 jsonl）
  --rules <DIR>
      使用目录 DIR 中的规则文件，而不是内置规则（也可用环境变量 SOLATIUM_RULES；该变量设为空
      时用内置规则；--rules 不能为空）
  -h, --help
      显示本说明（--lang en --help 为英文）
";

const ROOT_TAIL: &str = "
退出码：
  0  全部案件估算成功（法律不予支持而估算为 0 的，也是成功）
  1  有案件失败：输入有误，或规则所需的数值缺失
  2  用法错误（路径不存在、--case 文件无法读取）、规则库错误，或输出无法写入（如磁盘已满）

环境变量：
  SOLATIUM_RULES  使用此目录中的规则，而不是内置规则（同 --rules；设为空时用内置规则）
  SOLATIUM_TODAY  未给出日期的案件所用的日期（YYYY-MM-DD；默认：今天）

本结果为估算，不构成法律意见。
";

const BATCH_HEAD: &str = "\
批量估算：从 JSON 文件、目录或标准输入（-）读取案件。

输入：JSON 数组、JSON Lines 或首尾相接的多个 JSON 对象，自动识别；目录则读取其中所有 *.json
和 *.jsonl 文件，按文件名排序。逐条读取、估算、写出，输入再大，内存也不增长。

输出：每个输入案件恰好一条记录，顺序与输入相同。估算失败的案件在原位给出一条错误记录，
其余案件照常估算：
  {\"id\": …, \"index\": N, \"file\": …, \"line\": L, \"error\": {\"field\": …, \"value\": …, \"message\": …}}
输入在数组中途结束、缺少 `]`（如文件被截断）时，在已读的案件之后再给出一条错误记录。
汇总行（N 件已估算，M 件失败）写到标准错误；运行超过一秒且标准错误是终端时，另显示进度行。

示例：
  estimate batch cases.jsonl > results.jsonl
  estimate batch cases/ --format csv > results.csv
  cat *.json | estimate batch - --format table

用法：estimate batch [选项] [INPUT]...

参数：
  [INPUT]...
      文件（JSON 数组、JSON Lines 或首尾相接的对象）、目录（*.json、*.jsonl），或 -（标准输入）
      ［默认：-］

";

const BATCH_TAIL: &str = "
退出码：
  0  全部案件估算成功
  1  有案件失败、某个输入在数组的 `]` 之前结束，或某个输入文件无法打开或未能读完
     （错误记录指明是哪一个；其他输入照常估算）
  2  用法错误（路径不存在、目录无法列出）、规则库错误，或输出无法写入（如磁盘已满）

本结果为估算，不构成法律意见。
";

const COMPARE_HEAD: &str = "\
同一案情跨省比较，并可扫描伤残等级和责任系数：每个省份 × 扫描值一行，列出所用规则（或全国性
规定、跨省参考，并予标注）、幅度、下限、估算、上限和依据的效力状态。某行失败时在原位显示
错误，其余各行照常估算。

示例：
  estimate compare --harm disability --disability-grade 7 --liability 0.5
  estimate compare --provinces sichuan,anhui --harm disability --grades 1-10 --format csv
  estimate compare --case case.json --provinces covered --liabilities 0.3,0.5,1

用法：estimate compare [选项]

";

const COMPARE_OPTIONS: &str = "\
比较选项：
  --provinces <PROVINCES>
      要比较的省份：all（全部省级行政区及全国；没有本地标准的显示全国性规定或跨省参考，并予
      标注）、covered（只含有规则文件的地区）或以逗号分隔的列表（sichuan,anhui,四川）。
      默认：all；给出 --province 时为该省
  --grades <GRADES>
      扫描伤残等级，如 1-10 或 3,5,7
  --liabilities <LIABILITIES>
      扫描责任系数，如 0.3,0.5,1

";

const COMPARE_TAIL: &str = "
退出码：
  0  每一行都估算成功
  1  至少一行失败（在原位显示）
  2  用法错误（如 --provinces 中有无法识别的省份）、--case 文件无法读取、规则库错误，或输出无法写入

本结果为估算，不构成法律意见。
";

const RULES_HEAD: &str = "\
列出、查看或检查规则库。

用法：estimate rules [选项] <子命令>

子命令：
  list   列出每个地区及其依据的效力状态
  show   查看一个地区：依据（含效力状态和日期）及其规则
  check  检查一个规则目录，列出所有问题（没有问题时退出码 0，否则 2）
  help   显示本说明或某个子命令的说明

";

const RULES_LIST_HEAD: &str = "\
列出每个地区及其依据的效力状态。

用法：estimate rules list [选项]

";

const RULES_SHOW_HEAD: &str = "\
查看一个地区：依据（含效力状态和日期）及其规则。

用法：estimate rules show [选项] <PROVINCE>

参数：
  <PROVINCE>
      省份：拼音、中文、简称或行政区划代码（sichuan、四川、川、510000），或 national

";

const RULES_CHECK_HEAD: &str = "\
检查一个规则目录，列出所有问题（没有问题时退出码 0，否则 2）。

用法：estimate rules check [选项] <DIR>

参数：
  <DIR>
      规则文件（*.toml）所在的目录，如正在编辑的 rules/ 副本

";

const SCHEMA_HEAD: &str = "\
输出输入案件或输出结果的 JSON Schema。

用法：estimate schema [选项] <WHICH>

参数：
  <WHICH>
      case：输入记录；estimate：输出记录及错误记录［可选值：case、estimate］

";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Cli;
    use clap::CommandFactory;

    /// Every flag and argument clap knows, for the command and each subcommand, is described in
    /// the Chinese help of that command: adding a flag without describing it fails here.
    #[test]
    fn every_flag_clap_knows_is_described_in_chinese() {
        fn walk(cmd: &clap::Command, path: &mut Vec<String>) {
            let p = path.join(" ");
            let zh = {
                let parts: Vec<&str> = path.iter().map(String::as_str).collect();
                text(&parts).unwrap_or_else(|| panic!("no Chinese help for {p:?}"))
            };
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let want = match a.get_long() {
                    Some(l) => format!("--{l} "),
                    None => a
                        .get_value_names()
                        .and_then(|v| v.first())
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| id.to_uppercase()),
                };
                assert!(
                    zh.contains(&format!("  {want}"))
                        || zh.contains(&format!("  [{want}]"))
                        || zh.contains(&format!("  <{want}>")),
                    "{p:?}: {want:?} is not described in Chinese"
                );
            }
            for s in cmd.get_subcommands() {
                if s.get_name() == "help" {
                    continue;
                }
                assert!(
                    zh.contains(&format!("  {} ", s.get_name())),
                    "{p:?}: subcommand {} is not listed in Chinese",
                    s.get_name()
                );
                path.push(s.get_name().to_string());
                walk(s, path);
                path.pop();
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        walk(&cmd, &mut Vec::new());
    }

    /// The usage a Chinese usage error shows is clap's generic usage, translated: the Chinese
    /// help's `用法：` lines cannot drift from the arguments clap takes.
    #[test]
    fn every_chinese_usage_is_claps_translated() {
        fn walk(cmd: &mut clap::Command, path: &mut Vec<String>) {
            let parts: Vec<&str> = path.iter().map(String::as_str).collect();
            let zh = usage(&parts).unwrap_or_else(|| panic!("no Chinese usage for {path:?}"));
            let en = cmd.render_usage().to_string();
            assert_eq!(zh, translate_usage(&en), "{path:?}");
            for s in cmd.get_subcommands_mut() {
                if s.get_name() == "help" {
                    continue;
                }
                path.push(s.get_name().to_string());
                walk(s, path);
                path.pop();
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        walk(&mut cmd, &mut Vec::new());
    }

    #[test]
    fn the_help_path_is_read_as_clap_reads_it() {
        let globals = ["--lang", "--format", "--rules"];
        let p = |s: &str| -> Vec<&'static str> {
            let args: Vec<String> = s.split(' ').map(String::from).collect();
            path_of(&args, &globals)
        };
        assert_eq!(p("estimate --help"), Vec::<&str>::new());
        assert_eq!(p("estimate --province sichuan -h"), Vec::<&str>::new());
        assert_eq!(p("estimate batch --help"), ["batch"]);
        assert_eq!(p("estimate --lang zh compare --help"), ["compare"]);
        assert_eq!(
            p("estimate --rules rules rules show --help"),
            ["rules", "show"]
        );
        assert_eq!(p("estimate help rules check"), ["rules", "check"]);
        assert_eq!(p("estimate help"), Vec::<&str>::new());
        assert_eq!(p("estimate schema case --help"), ["schema"]);
        assert_eq!(p("estimate --lang=en --rules=x batch -h"), ["batch"]);
        // the help flag is for the command named before it, as clap shows it
        assert_eq!(p("estimate -h batch"), Vec::<&str>::new());
        assert_eq!(p("estimate --help rules"), Vec::<&str>::new());
        assert_eq!(p("estimate rules --help show"), ["rules"]);
        // a case flag's value is its value, not a subcommand
        assert_eq!(p("estimate --province batch --help"), Vec::<&str>::new());
        assert_eq!(p("estimate --id compare -h"), Vec::<&str>::new());
        assert_eq!(p("estimate compare --province rules --help"), ["compare"]);
    }
}
