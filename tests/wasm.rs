//! Round trips through the exported JS API, as the page and the CLI call it.
//! Run in Node by default and in headless Chromium with `WASM_BINDGEN_USE_BROWSER=1`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::float_cmp, reason = "expected values are exactly representable")]

use js_sys::{Array, JSON, Reflect};
use kol_attribution::wasm::{
    JsCampaignInputs, JsCompareOptions, campaign_report, campaign_summary, compare_paths, credits_csv,
    default_money_options, default_report_options, read_campaign, version,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const GOLDEN: &str = include_str!("fixtures/paths/golden.csv");

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn options(json: &str) -> JsCompareOptions {
    JSON::parse(json).unwrap().unchecked_into()
}

#[wasm_bindgen_test]
fn result_is_a_plain_object_with_exact_strings_for_money() {
    let result: JsValue = compare_paths(GOLDEN, None).unwrap().into();
    let totals = get(&result, "totals");
    assert_eq!(get(&totals, "value").as_string().unwrap(), "150.00");
    assert_eq!(get(&totals, "conversions").as_f64().unwrap(), 6.0);
    let credits: Array = get(&result, "credits").unchecked_into();
    // Four models work on paths (those that need no touch times or types), three channels each.
    assert_eq!(credits.length(), 18, "six models (four rule-based, markov, shapley) × three channels");
    // Linear is the third model; A is the first channel: 2.5 conversions, 65.00 value.
    let linear_a = credits.get(6);
    assert_eq!(get(&linear_a, "model").as_string().unwrap(), "linear");
    assert_eq!(get(&linear_a, "channel").as_string().unwrap(), "A");
    assert_eq!(get(&linear_a, "conversions").as_f64().unwrap(), 2.5);
    assert_eq!(get(&linear_a, "value").as_string().unwrap(), "65.00");
}

#[wasm_bindgen_test]
fn options_are_read_from_a_js_object() {
    let text = "path;total_conversions\nA|B;2\n";
    let result: JsValue =
        compare_paths(text, Some(options(r#"{"models":["last_touch"],"paths":{"separator":"|"}}"#))).unwrap().into();
    let credits: Array = get(&result, "credits").unchecked_into();
    assert_eq!(credits.length(), 2);
    assert_eq!(get(&credits.get(1), "channel").as_string().unwrap(), "B");
    assert_eq!(get(&credits.get(1), "conversions").as_f64().unwrap(), 2.0);
}

#[wasm_bindgen_test]
fn input_problems_become_a_js_error_listing_each_row() {
    let error = compare_paths("path,total_conversions\nA,1\nB,abc\n", None).unwrap_err();
    let error: js_sys::Error = error.dyn_into().expect("a JS Error");
    assert_eq!(error.name(), "KolAttributionError");
    let message = error.message().as_string().unwrap();
    assert!(message.contains("line 3") && message.contains("\"abc\""), "{message}");
    let problems: Array = get(&error, "problems").unchecked_into();
    assert_eq!(problems.length(), 1);
    let problem = problems.get(0);
    assert_eq!(get(&problem, "line").as_f64().unwrap(), 3.0);
    assert_eq!(get(&problem, "column").as_f64().unwrap(), 2.0);
    assert_eq!(get(&problem, "columnName").as_string().unwrap(), "total_conversions");
    assert_eq!(get(&problem, "code").as_string().unwrap(), "not_a_number");
}

#[wasm_bindgen_test]
fn unknown_options_are_refused_by_name() {
    let error = compare_paths(GOLDEN, Some(options(r#"{"modles":["linear"]}"#))).unwrap_err();
    let error: js_sys::Error = error.dyn_into().unwrap();
    assert_eq!(get(&error, "option").as_string().unwrap(), "options");
    assert!(error.message().as_string().unwrap().contains("modles"));
}

#[wasm_bindgen_test]
fn csv_round_trips_the_result_object() {
    let result = compare_paths(GOLDEN, None).unwrap();
    let csv = credits_csv(result).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "model,channel,conversions,conversion_share,value,value_share,net_value,value_change,value_change_percent"
        )
    );
    // Against last touch (A 100.00): first touch gives A 90.00, 10 less, -10%.
    assert_eq!(lines.next(), Some("first_touch,A,3,0.5,90.00,0.6,90.00,-10.00,-10"));
    assert!(!version().is_empty());
}

const CREATORS_GBK: &[u8] = include_bytes!("fixtures/campaign/creators_gbk.csv");
const TOUCHPOINTS: &str = include_str!("fixtures/campaign/touchpoints_excel.tsv");
const ORDERS: &str = include_str!("fixtures/campaign/orders_semicolon.csv");

fn campaign_inputs(creators: &str) -> kol_attribution::wasm::JsCampaignInputs {
    let inputs = js_sys::Object::new();
    for (key, text) in [("creators", creators), ("touchpoints", TOUCHPOINTS), ("orders", ORDERS)] {
        Reflect::set(&inputs, &JsValue::from_str(key), &JsValue::from_str(text)).unwrap();
    }
    inputs.unchecked_into()
}

#[wasm_bindgen_test]
fn gbk_bytes_decode_and_the_campaign_report_round_trips() {
    use kol_attribution::wasm::{campaign_report, decode_file};
    let decoded: JsValue = decode_file(CREATORS_GBK, "creators").unwrap().into();
    assert_eq!(get(&decoded, "encoding").as_string().unwrap(), "gb18030");
    let creators = get(&decoded, "text").as_string().unwrap();
    assert!(creators.starts_with("达人ID,昵称"));
    let options = JSON::parse(r#"{"windows":[90,7],"models":["linear"]}"#).unwrap();
    let report: JsValue = campaign_report(&campaign_inputs(&creators), Some(options.unchecked_into())).unwrap().into();
    let windows: Array = get(&report, "windows").unchecked_into();
    assert_eq!(get(&windows.get(0), "days").as_f64().unwrap(), 7.0, "windows come shortest first");
    let tiers = get(&windows.get(1), "tiers");
    assert_eq!(get(&get(&tiers, "baseline"), "model").as_string().unwrap(), "last_touch");
    let credits: Array = get(&tiers, "credits").unchecked_into();
    let koc = credits.iter().find(|c| get(c, "channel").as_string().as_deref() == Some("KOC")).unwrap();
    assert_eq!(get(&koc, "netValue").as_string().unwrap(), "566.67");
    let summary = get(&report, "summary");
    assert_eq!(get(&summary, "orders").as_f64().unwrap(), 3.0);
    assert_eq!(get(&summary, "netValue").as_string().unwrap(), "1250.00");
    let warnings: Array = get(&report, "warnings").unchecked_into();
    assert_eq!(get(&warnings.get(0), "severity").as_string().unwrap(), "warning");
}

#[wasm_bindgen_test]
fn campaign_problems_and_missing_inputs_are_js_errors() {
    use kol_attribution::wasm::{campaign_report, decode_file};
    let error: js_sys::Error =
        campaign_report(&campaign_inputs("kol_id,tier\nk1,giant\n"), None).unwrap_err().unchecked_into();
    let problems: Array = get(&error, "problems").unchecked_into();
    assert_eq!(get(&problems.get(0), "file").as_string().unwrap(), "creators");
    assert_eq!(get(&problems.get(0), "code").as_string().unwrap(), "unknown_value");
    let incomplete = js_sys::Object::new();
    let error: js_sys::Error = campaign_report(incomplete.unchecked_ref(), None).unwrap_err().unchecked_into();
    assert_eq!(get(&error, "option").as_string().unwrap(), "inputs.creators");
    let error: js_sys::Error = decode_file(b"a\n\xFF", "orders").unwrap_err().unchecked_into();
    let problems: Array = get(&error, "problems").unchecked_into();
    assert_eq!(get(&problems.get(0), "line").as_f64().unwrap(), 2.0);
}

/// `decodeFile` as the module runs it, GB18030 by the runtime's `TextDecoder`, and `decode` as
/// the native build runs it, by `encoding_rs`: the text and encoding, or the error's sentence and
/// line.
fn decoded_both_ways(bytes: &[u8]) -> (String, String) {
    let wasm = match kol_attribution::wasm::decode_file(bytes, "creators") {
        Ok(decoded) => {
            let decoded = JsValue::from(decoded);
            format!(
                "{}: {}",
                get(&decoded, "encoding").as_string().unwrap(),
                get(&decoded, "text").as_string().unwrap()
            )
        }
        Err(error) => {
            let problems: Array = get(&error, "problems").unchecked_into();
            let line = get(&problems.get(0), "line").as_f64().unwrap();
            let error: js_sys::Error = error.unchecked_into();
            format!("line {line}: {}", String::from(error.message()))
        }
    };
    let native = match kol_attribution::decode(bytes, "creators") {
        Ok((text, encoding)) => {
            let name = match encoding {
                kol_attribution::TextEncoding::Utf8 => "utf8",
                kol_attribution::TextEncoding::Utf16le => "utf16le",
                kol_attribution::TextEncoding::Utf16be => "utf16be",
                kol_attribution::TextEncoding::Gb18030 => "gb18030",
            };
            format!("{name}: {text}")
        }
        Err(error) => format!("line {}: {error}", error.problems()[0].line),
    };
    (wasm, native)
}

#[wasm_bindgen_test]
fn gbk_and_gb18030_decode_through_text_decoder_exactly_as_natively() {
    // 美 in GBK: not UTF-8, so every input below is read as GB18030.
    let lead = [0xC3, 0xC0];
    let same = |sequences: &[u8]| {
        let bytes = [&lead[..], sequences].concat();
        let (wasm, native) = decoded_both_ways(&bytes);
        assert_eq!(wasm, native, "{sequences:02X?}");
        wasm.starts_with("gb18030")
    };
    // Every byte alone and every pair: one-byte and two-byte (GBK) codes, lead bytes cut short
    // or followed by ASCII, and the first two bytes of four-byte codes.
    for first in 0..=0xFF_u8 {
        same(&[first]);
        if first >= 0x81 {
            for second in 0..=0xFF_u8 {
                same(&[first, second]);
            }
        }
    }
    // Every four-byte code (first 0x81-0xFE, second 0x30-0x39, third 0x81-0xFE, fourth
    // 0x30-0x39): the codes `encoding_rs` reads, 1,260 at a time; those it refuses one by one
    // where a block of 1,260 holds both kinds (the ends of the two ranges of code points), else
    // a sample; then each first three bytes cut short or followed by a byte outside the range.
    let mut four_byte_codes = 0;
    for first in 0x81..=0xFE_u8 {
        for second in 0x30..=0x39_u8 {
            let codes: Vec<[u8; 4]> = (0x81..=0xFE_u8)
                .flat_map(|third| (0x30..=0x39_u8).map(move |fourth| [first, second, third, fourth]))
                .collect();
            let (valid, refused): (Vec<[u8; 4]>, Vec<[u8; 4]>) =
                codes.iter().partition(|code| kol_attribution::decode(&[&lead[..], &code[..]].concat(), "").is_ok());
            if !valid.is_empty() {
                assert!(same(&valid.concat()), "{first:02X} {second:02X}");
                four_byte_codes += valid.len();
            }
            let mixed = !valid.is_empty() && !refused.is_empty();
            for code in refused.iter().filter(|code| mixed || [0x81, 0xC0, 0xFE].contains(&code[2])) {
                assert!(!same(&code[..]), "{code:02X?}");
            }
            for third in [0x80, 0x81, 0xA0, 0xFE, 0xFF] {
                for end in [&[][..], &[0x2F], &[0x3A], &[0x41]] {
                    same(&[&[first, second, third][..], end].concat());
                }
            }
        }
    }
    // The code points GB18030 maps to four bytes: those outside GBK up to U+FFFF (39,420), then
    // U+10000 to U+10FFFF.
    assert_eq!(four_byte_codes, 39_420 + 0x10_0000, "{four_byte_codes}");
    // The roster fixture, as Chinese Excel saved it.
    let (wasm, native) = decoded_both_ways(CREATORS_GBK);
    assert_eq!(wasm, native);
    assert!(wasm.starts_with("gb18030: 达人ID,昵称"), "{wasm}");
}

#[wasm_bindgen_test]
fn gb18030_is_handed_to_the_runtimes_text_decoder() {
    use kol_attribution::wasm::decode_file;
    // A runtime whose TextDecoder lacks GB18030, as Node built with small ICU: the module has no
    // tables of its own to fall back on, and says so rather than calling the bytes broken.
    let global = js_sys::global();
    let decoder = get(&global, "TextDecoder");
    let lacking = js_sys::Function::new_with_args("label", "throw new RangeError('unsupported: ' + label)");
    Reflect::set(&global, &JsValue::from_str("TextDecoder"), &lacking).unwrap();
    let refused = decode_file(CREATORS_GBK, "creators");
    let utf8 = decode_file("达人ID\n".as_bytes(), "creators");
    Reflect::set(&global, &JsValue::from_str("TextDecoder"), &decoder).unwrap();
    let error: js_sys::Error = refused.unwrap_err().unchecked_into();
    let message = String::from(error.message());
    assert!(message.starts_with("creators line 1: this JavaScript runtime's TextDecoder cannot read GBK"), "{message}");
    assert_eq!(get(&JsValue::from(utf8.unwrap()), "encoding").as_string().unwrap(), "utf8");
    assert!(decode_file(CREATORS_GBK, "creators").is_ok());
}

#[wasm_bindgen_test]
fn the_sample_is_seeded_and_exports_paths() {
    use kol_attribution::wasm::{campaign_paths_csv, sample_campaign};
    let options = || Some(JSON::parse(r#"{"journeys":200,"seed":3}"#).unwrap().unchecked_into());
    let a: JsValue = sample_campaign(options()).unwrap().into();
    let b: JsValue = sample_campaign(options()).unwrap().into();
    let inputs = get(&a, "inputs");
    assert_eq!(JSON::stringify(&inputs).unwrap(), JSON::stringify(&get(&b, "inputs")).unwrap());
    let truth: Array = get(&a, "truth").unchecked_into();
    assert_eq!(truth.length(), 4);
    let export = JSON::parse(r#"{"days":30,"level":"tier"}"#).unwrap();
    let csv = campaign_paths_csv(inputs.unchecked_ref(), Some(export.unchecked_into())).unwrap();
    assert!(csv.starts_with("path,total_conversions,total_conversion_value,total_null\n"));
    assert!(csv.lines().skip(1).all(|l| l.split(" > ").all(|s| !s.is_empty())));
}

#[wasm_bindgen_test]
fn the_money_report_and_its_ledger_csv_round_trip() {
    use kol_attribution::wasm::{ledger_csv, money_report};
    let creators = JsValue::from(kol_attribution::wasm::decode_file(CREATORS_GBK, "creators").unwrap());
    let inputs = campaign_inputs(&get(&creators, "text").as_string().unwrap());
    let options = JSON::parse(
        r#"{"defaultRate":"10%","holdingDays":0,"bonuses":[{"tier":"KOC","threshold":"¥1,000","amount":88}]}"#,
    )
    .unwrap();
    let report: JsValue = money_report(&inputs, Some(options.unchecked_into())).unwrap().into();
    // The platform pays k_koc for o1 (net 200.00 at its 20%) and o2 (1000.00): 40.00 + 200.00.
    let creators: Array = get(&report, "creators").unchecked_into();
    let koc = creators.iter().find(|c| get(c, "kolId").as_string().as_deref() == Some("k_koc")).unwrap();
    assert_eq!(get(&koc, "commission").as_string().unwrap(), "240.00");
    assert_eq!(get(&koc, "bonus").as_string().unwrap(), "88.00");
    let csv = ledger_csv(report.unchecked_into()).unwrap();
    assert!(csv.starts_with("date,kol_id,order_id,order_line,kind,status,rate,share,gross_amount,amount\n"), "{csv}");
    let error =
        money_report(&campaign_inputs(""), Some(JSON::parse(r#"{"defaultRate":"12"}"#).unwrap().unchecked_into()));
    let error: js_sys::Error = error.unwrap_err().unchecked_into();
    assert!(error.message().as_string().unwrap().contains("percent sign"));
}

#[wasm_bindgen_test]
fn budget_proposals_and_their_csv_round_trip_and_impossible_limits_are_js_errors() {
    use kol_attribution::wasm::{budget_csv, budget_plan, campaign_report, money_report};
    let creators = JsValue::from(kol_attribution::wasm::decode_file(CREATORS_GBK, "creators").unwrap());
    let inputs = campaign_inputs(&get(&creators, "text").as_string().unwrap());
    let report_options =
        JSON::parse(r#"{"windows":[30],"models":["first_touch","last_touch"],"level":"tier"}"#).unwrap();
    let report: JsValue = campaign_report(&inputs, Some(report_options.unchecked_into())).unwrap().into();
    let money: JsValue = money_report(&inputs, None).unwrap().into();
    let options = JSON::parse(r#"{"budget":"¥100,000","constraints":[{"max":"2x"}]}"#).unwrap();
    let plan: JsValue =
        budget_plan(report.clone().unchecked_into(), money.clone().unchecked_into(), Some(options.unchecked_into()))
            .unwrap()
            .into();
    assert_eq!(get(&plan, "budget").as_string().unwrap(), "100000.00");
    let plans: Array = get(&plan, "plans").unchecked_into();
    assert_eq!(plans.length(), 4, "two models × two methods");
    for plan in plans.iter() {
        let tiers: Array = get(&plan, "tiers").unchecked_into();
        let fen: i64 = tiers
            .iter()
            .map(|t| get(&t, "proposedSpend").as_string().unwrap().replace('.', "").parse::<i64>().unwrap())
            .sum();
        assert_eq!(fen, 10_000_000, "every proposal spends the budget to the fen");
    }
    let csv = budget_csv(plan.unchecked_into()).unwrap();
    assert!(csv.starts_with("window_days,model,method,tier,current_spend,proposed_spend,"), "{csv}");
    let impossible = JSON::parse(r#"{"budget":1,"constraints":[{"min":"1x"}]}"#).unwrap();
    let error: js_sys::Error =
        budget_plan(report.unchecked_into(), money.unchecked_into(), Some(impossible.unchecked_into()))
            .unwrap_err()
            .unchecked_into();
    assert_eq!(get(&error, "option").as_string().unwrap(), "budget");
    assert!(error.message().as_string().unwrap().contains("more than the budget"));
}

#[wasm_bindgen_test]
fn default_options_are_plain_json_that_the_engine_takes_back() {
    let report: JsValue = default_report_options().unwrap().into();
    // JSON.stringify throws on a BigInt: a settings form must be able to save and send these.
    let json = JSON::stringify(&report).unwrap().as_string().unwrap();
    assert!(json.contains(r#"{"name":"mega","minFollowers":500000,"aliases":["celebrity""#), "{json}");
    assert!(json.contains(r#""halfLifeDays":7"#), "{json}");
    assert_eq!(Array::from(&get(&report, "models")).length(), 10);
    assert_eq!(Array::from(&get(&report, "windows")).length(), 6);
    let money = JSON::stringify(&default_money_options().unwrap().into()).unwrap().as_string().unwrap();
    assert!(
        money.contains(r#""holdingDays":15"#) && money.contains(r#""basis":{"model":"platform_last_click""#),
        "{money}"
    );

    // Back in, with one threshold changed: a creator of 60,000 followers becomes micro.
    let changed = json
        .replace(r#""minFollowers":50000"#, r#""minFollowers":70000"#)
        .replace(r#""resamples":200"#, r#""resamples":0"#);
    let inputs: JsCampaignInputs = JSON::parse(
        r#"{"creators":"kol_id,followers\nk1,60000\n","touchpoints":"journey_id,kol_id,timestamp\nu1,k1,2025-04-01 10:00:00\n","orders":"order_id,journey_id,timestamp,value\no1,u1,2025-04-02 10:00:00,100.00\n"}"#,
    )
    .unwrap()
    .unchecked_into();
    let result: JsValue =
        campaign_report(&inputs, Some(JSON::parse(&changed).unwrap().unchecked_into())).unwrap().into();
    let creators: Array = get(&result, "creators").unchecked_into();
    assert_eq!(get(&creators.get(0), "tier").as_string().unwrap(), "micro");

    // What was read, without attributing: the summary the report carries, under the same tiers.
    let input = get(&JSON::parse(&changed).unwrap(), "input");
    let summary: JsValue = campaign_summary(&inputs, Some(input.unchecked_into())).unwrap().into();
    assert_eq!(JSON::stringify(&summary).unwrap(), JSON::stringify(&get(&result, "summary")).unwrap());
    let with_defaults: JsValue = campaign_summary(&inputs, None).unwrap().into();
    assert_ne!(JSON::stringify(&with_defaults).unwrap(), JSON::stringify(&summary).unwrap(), "default tiers: mid-tier");
}

#[wasm_bindgen_test]
fn a_campaign_read_once_reports_and_pays_as_reading_it_each_time() {
    use kol_attribution::wasm::money_report;
    let inputs: JsCampaignInputs = JSON::parse(
        r#"{"creators":"kol_id,tier,flat_fee,commission_rate\nk1,KOC,100,10%\nk2,mega,5000,5%\n","touchpoints":"journey_id,kol_id,timestamp,touch_type\nu1,k2,2025-04-01 10:00:00,view\nu1,k1,2025-04-03 10:00:00,click\nu2,k1,2025-04-02 09:00:00,save\n","orders":"order_id,journey_id,timestamp,value,refunded_amount\no1,u1,2025-04-03 12:00:00,300.00,\no2,u2,2025-04-20 12:00:00,99.90,20.00\n"}"#,
    )
    .unwrap()
    .unchecked_into();
    let read = read_campaign(&inputs, None).unwrap();
    for options in
        [r#"{"intervals":{"resamples":0}}"#, r#"{"intervals":{"resamples":0},"modelOptions":{"halfLifeDays":1}}"#]
    {
        let once: JsValue = read.report(Some(JSON::parse(options).unwrap().unchecked_into())).unwrap().into();
        let each: JsValue =
            campaign_report(&inputs, Some(JSON::parse(options).unwrap().unchecked_into())).unwrap().into();
        assert_eq!(JSON::stringify(&once).unwrap(), JSON::stringify(&each).unwrap(), "{options}");
    }
    let once: JsValue = read.money(Some(JSON::parse(r#"{"holdingDays":0}"#).unwrap().unchecked_into())).unwrap().into();
    let each: JsValue =
        money_report(&inputs, Some(JSON::parse(r#"{"holdingDays":0}"#).unwrap().unchecked_into())).unwrap().into();
    assert_eq!(JSON::stringify(&once).unwrap(), JSON::stringify(&each).unwrap());
    // Bad options are refused by the handle as by the one-shot call.
    let refused = read.report(Some(JSON::parse(r#"{"windows":[0]}"#).unwrap().unchecked_into())).unwrap_err();
    assert_eq!(get(&refused, "option").as_string().as_deref(), Some("windows"));
}

#[wasm_bindgen_test]
fn a_refused_option_is_named_by_its_path_with_the_catalogues_rule() {
    let inputs: JsCampaignInputs = JSON::parse(
        r#"{"creators":"kol_id,tier\nk1,KOC\n","touchpoints":"journey_id,kol_id,timestamp\nu1,k1,2025-04-01 10:00\n","orders":"order_id,journey_id,timestamp,value\no1,u1,2025-04-02 10:00,100.00\n"}"#,
    )
    .unwrap()
    .unchecked_into();
    for (options, option, rule) in [
        (
            r#"{"modelOptions":{"clickWindowHours":1e20}}"#,
            "clickWindowHours",
            "must be a whole number from 1 to 720 hours",
        ),
        (r#"{"input":{"dateOnlyOrders":"noon"}}"#, "dateOnlyOrders", "must be one of: end_of_day, start_of_day"),
        (r#"{"windows":[7,"thirty"]}"#, "windows", "must be a list of lookback windows"),
        (r#"{"level":"galaxy"}"#, "level", "must be one of: both, creator, tier"),
    ] {
        let error: js_sys::Error = campaign_report(&inputs, Some(JSON::parse(options).unwrap().unchecked_into()))
            .unwrap_err()
            .unchecked_into();
        assert_eq!(get(&error, "option").as_string().as_deref(), Some(option), "{options}");
        let message = error.message().as_string().unwrap();
        assert!(message.starts_with(&format!("option {option} = ")) && message.contains(rule), "{message}");
        assert!(
            !message.contains("(object)") && !message.contains("line 1 column") && !message.contains('`'),
            "{message}"
        );
    }
    // A part of a structured value: named down to the part, in a plain sentence.
    let options = JSON::parse(r#"{"input":{"tiers":[{"name":"big","minFollowers":"lots"}]}}"#).unwrap();
    let error: js_sys::Error = campaign_report(&inputs, Some(options.unchecked_into())).unwrap_err().unchecked_into();
    assert_eq!(get(&error, "option").as_string().as_deref(), Some("tiers[0].minFollowers"));
    let message = error.message().as_string().unwrap();
    assert_eq!(message, "option tiers[0].minFollowers = \"lots\": must be a whole number in range");
}
